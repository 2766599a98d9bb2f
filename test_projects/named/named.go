// Package named shows named Go types bound with their methods: numbers and strings become
// subclasses of int, float and str, typed constants an IntEnum, and named slices and arrays
// sequence classes.
package named

import (
	"fmt"
	"strings"
)

// Celsius is a temperature in degrees Celsius.
type Celsius float64

// Fahrenheit converts c to degrees Fahrenheit.
func (c Celsius) Fahrenheit() float64 { return float64(c)*9/5 + 32 }

// String formats c with its unit.
func (c Celsius) String() string { return fmt.Sprintf("%g°C", float64(c)) }

// BodyTemperature is a healthy human's temperature.
func BodyTemperature() Celsius { return 37 }

// Warmer adds d degrees to c.
func Warmer(c Celsius, d float64) Celsius { return c + Celsius(d) }

// Weekday is a day of the week.
type Weekday int

// The days of the week.
const (
	Sunday Weekday = iota
	Monday
	Tuesday
)

// IsWeekend reports whether d is a Saturday or Sunday.
func (d Weekday) IsWeekend() bool { return d == Sunday || d == 6 }

// String names the day.
func (d Weekday) String() string {
	switch d {
	case Sunday:
		return "Sunday"
	case Monday:
		return "Monday"
	case Tuesday:
		return "Tuesday"
	}
	return fmt.Sprintf("Weekday(%d)", int(d))
}

// Next is the day after d (Tuesday+1 is not a named constant).
func Next(d Weekday) Weekday { return d + 1 }

// Name is a person's name.
type Name string

// Shout returns the name in capitals.
func (n Name) Shout() string { return strings.ToUpper(string(n)) + "!" }

// Initial is the first letter of the name.
func (n Name) Initial() Name { return n[:1] }

// Enabled is a named bool: Python's bool cannot be subclassed, so it stays a bool.
type Enabled bool

// Toggle flips e.
func Toggle(e Enabled) Enabled { return !e }

// IntList is a list of integers.
type IntList []int

// Sum adds the numbers.
func (l IntList) Sum() int {
	t := 0
	for _, x := range l {
		t += x
	}
	return t
}

// Double multiplies every number by two, in place.
func (l IntList) Double() {
	for i := range l {
		l[i] *= 2
	}
}

// Append adds x at the end (a pointer receiver: the list itself grows).
func (l *IntList) Append(x int) { *l = append(*l, x) }

// Countdown lists n down to 1.
func Countdown(n int) IntList {
	l := IntList{}
	for ; n > 0; n-- {
		l = append(l, n)
	}
	return l
}

// Grid is a 3x3 board of numbers.
type Grid [3][3]int

// Trace is the sum of the diagonal.
func (g Grid) Trace() int { return g[0][0] + g[1][1] + g[2][2] }

// Transpose flips the grid over its diagonal, in place.
func (g *Grid) Transpose() {
	for i := 0; i < 3; i++ {
		for j := i + 1; j < 3; j++ {
			g[i][j], g[j][i] = g[j][i], g[i][j]
		}
	}
}

// Identity is the identity grid.
func Identity() Grid { return Grid{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}} }
