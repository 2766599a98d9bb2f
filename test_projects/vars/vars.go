// Package vars shows package variables as live module attributes, and constants.
package vars

import "errors"

// Counter counts calls of Bump.
var Counter int

// Greeting is used by Greet.
var Greeting = "hello"

// Origin is a package-level struct.
var Origin = Point{}

// Primes are the first primes.
var Primes = []int{2, 3, 5, 7}

// ErrNotFound is returned when nothing matches.
var ErrNotFound = errors.New("not found")

// Point is a point in the plane.
type Point struct{ X, Y float64 }

// Bump adds one to Counter and returns it.
func Bump() int { Counter++; return Counter }

// Greet greets who with Greeting.
func Greet(who string) string { return Greeting + ", " + who }

// OriginX reads Origin.X.
func OriginX() float64 { return Origin.X }

// PrimeSum adds the Primes.
func PrimeSum() int {
	t := 0
	for _, p := range Primes {
		t += p
	}
	return t
}

// Find fails with ErrNotFound for anything but "x".
func Find(key string) (string, error) {
	if key != "x" {
		return "", ErrNotFound
	}
	return "found", nil
}

// MaxItems is an untyped integer constant.
const MaxItems = 100

// Huge does not fit in 64 bits.
const Huge = 1 << 100

// Pi is an untyped float constant.
const Pi = 3.14159

// Third is a float constant with no exact decimal form.
const Third = 1.0 / 3

// Version is a string constant.
const Version = "v1.2.3"

// Debug is a bool constant.
const Debug = false

// Root is a complex constant.
const Root = 2i

// Level is a logging level.
type Level int

// The logging levels.
const (
	Info  Level = 1
	Warn  Level = 2
	Error Level = 3
)

// Louder is the next level up.
func (l Level) Louder() Level { return l + 1 }

// Current is the current level.
var Current = Warn
