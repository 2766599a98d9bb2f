// Package abi3 has one of each kind of class gobind makes (struct, slice with the buffer
// protocol, map, named values, interface, error, any, func value, iterator), to build once with
// the limited API (abi3) and import on several Pythons.
package abi3

import (
	"errors"
	"fmt"
	"iter"
	"math"
)

// Point is a point in the plane.
type Point struct{ X, Y float64 }

// Norm is the distance from the origin.
func (p Point) Norm() float64 { return math.Hypot(p.X, p.Y) }

// String shows the point.
func (p Point) String() string { return fmt.Sprintf("(%g, %g)", p.X, p.Y) }

// Linspace lists n evenly spaced numbers from a to b.
func Linspace(a, b float64, n int) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = a + (b-a)*float64(i)/float64(n-1)
	}
	return s
}

// Sum adds the numbers.
func Sum(xs []float64) float64 {
	t := 0.0
	for _, x := range xs {
		t += x
	}
	return t
}

// Corners are the corners of the unit square.
func Corners() []Point { return []Point{{0, 0}, {1, 0}, {1, 1}, {0, 1}} }

// Counts counts each word.
func Counts(words []string) map[string]int {
	m := map[string]int{}
	for _, w := range words {
		m[w]++
	}
	return m
}

// Color is a color.
type Color int

// The colors.
const (
	Red Color = iota
	Green
	Blue
)

// Next is the color after c.
func (c Color) Next() Color { return (c + 1) % 3 }

// Celsius is a temperature.
type Celsius float64

// Fahrenheit converts c.
func (c Celsius) Fahrenheit() float64 { return float64(c)*9/5 + 32 }

// Name is a name.
type Name string

// Shout is the name in capitals with a bang.
func (n Name) Shout() string { return fmt.Sprintf("%s!", n) }

// Shape has an area.
type Shape interface{ Area() float64 }

// Square is a square.
type Square struct{ Side float64 }

// Area is the square's area.
func (s Square) Area() float64 { return s.Side * s.Side }

// NewSquare makes a square as a Shape.
func NewSquare(side float64) Shape { return Square{side} }

// AreaOf is the area of s.
func AreaOf(s Shape) float64 { return s.Area() }

// Fail returns an error when bad.
func Fail(bad bool) error {
	if bad {
		return errors.New("bad input")
	}
	return nil
}

// Echo gives v back.
func Echo(v any) any { return v }

// Adder adds k.
func Adder(k int) func(int) int { return func(x int) int { return x + k } }

// Count yields 0 to n-1.
func Count(n int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := 0; i < n; i++ {
			if !yield(i) {
				return
			}
		}
	}
}

// Counter is a variable.
var Counter int
