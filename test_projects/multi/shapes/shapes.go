// Package shapes is the first of three Go packages that one Meson project binds as three Python
// modules sharing one Go runtime.
package shapes

import (
	"fmt"

	"example.com/multi/tally"
)

// Point is a point in the plane.
type Point struct {
	X, Y float64
}

// Moved is p moved by dx and dy.
func (p Point) Moved(dx, dy float64) Point {
	return Point{p.X + dx, p.Y + dy}
}

// Origin is the point (0, 0).
func Origin() Point {
	return Point{}
}

// Describe says where p is.
func Describe(p Point) string {
	return fmt.Sprintf("(%g, %g)", p.X, p.Y)
}

// Bump counts one event in package tally and returns the count so far.
func Bump() int64 {
	return tally.Add()
}
