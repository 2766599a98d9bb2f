// Package structs shows Go structs as Python classes: fields, methods with
// value and pointer receivers, String, nested structs and nil pointers.
package structs

import (
	"errors"
	"fmt"
)

// Point is a point in the plane.
type Point struct {
	// X is the horizontal coordinate.
	X float64
	// Y is the vertical coordinate.
	Y float64
}

// String formats the point.
func (p Point) String() string { return fmt.Sprintf("(%g, %g)", p.X, p.Y) }

// Add returns p+q.
func (p Point) Add(q Point) Point { return Point{p.X + q.X, p.Y + q.Y} }

// Scale multiplies p in place.
func (p *Point) Scale(k float64) { p.X *= k; p.Y *= k }

// Person has a name, an age, a home and maybe a friend.
type Person struct {
	Name   string
	Age    int
	Home   Point
	Friend *Person
	Tags   []byte
	secret int
}

// Greet says hello to other.
func (p *Person) Greet(other *Person) (string, error) {
	if other == nil {
		return "", errors.New("nobody to greet")
	}
	return fmt.Sprintf("%s greets %s", p.Name, other.Name), nil
}

// Birthday adds one year and returns the new age.
func (p *Person) Birthday() int { p.Age++; return p.Age }

// NewPerson makes a person.
func NewPerson(name string, age int) *Person { return &Person{Name: name, Age: age} }

// Origin is the zero point.
func Origin() Point { return Point{} }

// Distance2 is the squared distance between two points.
func Distance2(a, b Point) float64 {
	dx, dy := a.X-b.X, a.Y-b.Y
	return dx*dx + dy*dy
}

// FriendOf returns p's friend, or nil.
func FriendOf(p *Person) *Person {
	if p == nil {
		return nil
	}
	return p.Friend
}

// Celsius is a temperature.
type Celsius float64

// Reading is a comparable struct: a string, a named number and a pointer.
type Reading struct {
	Where string
	Temp  Celsius
	At    *Point
}

// Bag holds what a deep copy follows: a slice, a map, pointers (one back to itself) and an array.
type Bag struct {
	Items  []int
	Counts map[string]int
	Origin *Point
	Corner [2]Point
	Self   *Bag
}

// LoopBag is a bag whose Self points back to it.
func LoopBag() *Bag {
	b := &Bag{Items: []int{1, 2}, Counts: map[string]int{"a": 1}, Origin: &Point{1, 2}}
	b.Self = b
	return b
}

// SameOrigin reports whether two bags share one Origin pointer.
func SameOrigin(a, b *Bag) bool { return a.Origin == b.Origin }

// Job holds live Go state pickle cannot carry: a channel.
type Job struct {
	Name string
	Done chan bool
}

// Hook holds a func.
type Hook struct {
	Name string
	Run  func() int
}

// Holder holds any Go value.
type Holder struct {
	Name  string
	Value any
}

// HoldingFunc is a holder of a Go func, live Go state.
func HoldingFunc() *Holder { return &Holder{Name: "f", Value: func() {}} }
