// Package route plans trips. crosspkg's API names only Trip; Leg (Trip.Legs), Stop (Leg.From),
// Point (Stop.Pos) and Kilometres (Stop.Distance) are one, two and three steps further away.
package route

import (
	"fmt"
	"math"
)

// Trip is a named list of legs.
type Trip struct {
	Name string
	Legs []Leg
}

// Leg goes from one stop to the next.
type Leg struct {
	From, To Stop
}

// Stop is a named place.
type Stop struct {
	Name string
	Pos  Point
}

// Point is a position on a plane, in kilometres.
type Point struct {
	X, Y float64
}

// Kilometres is a distance.
type Kilometres float64

// String formats the distance with its unit.
func (k Kilometres) String() string { return fmt.Sprintf("%.1f km", float64(k)) }

// String formats the point.
func (p Point) String() string { return fmt.Sprintf("(%g, %g)", p.X, p.Y) }

// Distance is how far apart two stops are.
func (s Stop) Distance(to Stop) Kilometres {
	return Kilometres(math.Hypot(to.Pos.X-s.Pos.X, to.Pos.Y-s.Pos.Y))
}
