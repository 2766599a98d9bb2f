// Package paint draws shapes: its API uses types of package shapes and of the standard library.
package paint

import (
	"errors"
	"fmt"
	"time"

	"example.com/multi/shapes"
	"example.com/multi/tally"
)

// Brush paints with one color.
type Brush struct {
	Color string
}

// Dot says where the brush paints a dot.
func (b *Brush) Dot(p shapes.Point) string {
	return fmt.Sprintf("%s dot at %s", b.Color, shapes.Describe(p))
}

// DefaultColor is the color of a brush made without one.
var DefaultColor = "black"

// NewBrush makes a brush of a color (DefaultColor if empty).
func NewBrush(color string) *Brush {
	if color == "" {
		color = DefaultColor
	}
	return &Brush{Color: color}
}

// Corner is the corner of a square of side s.
func Corner(s float64) shapes.Point {
	return shapes.Origin().Moved(s, s)
}

// Dry is how long the given number of coats of paint take to dry.
func Dry(coats int) time.Duration {
	return time.Duration(coats) * time.Minute
}

// Mix fails: mixing colors is not done yet.
func Mix(a, b string) (string, error) {
	return "", errors.New("cannot mix " + a + " and " + b)
}

// Spill panics.
func Spill() {
	panic("paint spilled")
}

// Bump counts one event in package tally and returns the count so far.
func Bump() int64 {
	return tally.Add()
}
