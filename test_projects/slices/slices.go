// Package slices shows Go slices and arrays as Python sequences: results are views of the Go
// memory (numeric ones also through the buffer protocol), parameters take any sequence.
package slices

import "strings"

// Point is a point in the plane.
type Point struct{ X, Y float64 }

// Range lists 0, 1, ..., n-1.
func Range(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}

// Linspace lists n evenly spaced numbers from a to b.
func Linspace(a, b float64, n int) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = a + (b-a)*float64(i)/float64(n-1)
	}
	return s
}

// Sum adds the numbers.
func Sum(xs []int) int {
	t := 0
	for _, x := range xs {
		t += x
	}
	return t
}

// Mean is the average of xs.
func Mean(xs []float64) float64 {
	t := 0.0
	for _, x := range xs {
		t += x
	}
	return t / float64(len(xs))
}

// Scale multiplies every number of xs by k, in place.
func Scale(xs []float64, k float64) {
	for i := range xs {
		xs[i] *= k
	}
}

// Words splits s at spaces.
func Words(s string) []string { return strings.Fields(s) }

// Join joins words with sep.
func Join(words []string, sep string) string { return strings.Join(words, sep) }

// Corners are the corners of the unit square.
func Corners() []Point { return []Point{{0, 0}, {1, 0}, {1, 1}, {0, 1}} }

// Centroid is the mean of the points.
func Centroid(ps []Point) Point {
	var c Point
	for _, p := range ps {
		c.X += p.X
		c.Y += p.Y
	}
	n := float64(len(ps))
	return Point{c.X / n, c.Y / n}
}

// Maybe lists a point and a nil pointer.
func Maybe() []*Point { return []*Point{{X: 1, Y: 2}, nil} }

// Triple is three numbers.
func Triple() [3]int { return [3]int{1, 2, 3} }

// Reverse3 reverses three numbers.
func Reverse3(a [3]int) [3]int { return [3]int{a[2], a[1], a[0]} }

// Matrix is an n by m matrix of zeros.
func Matrix(n, m int) [][]int {
	rows := make([][]int, n)
	for i := range rows {
		rows[i] = make([]int, m)
	}
	return rows
}

// Total adds the numbers of every row.
func Total(rows [][]int) int {
	t := 0
	for _, r := range rows {
		t += Sum(r)
	}
	return t
}

// Bytes is n bytes counting up from 0.
func Bytes(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i)
	}
	return b
}

// Small lists 8-bit numbers.
func Small() []int8 { return []int8{-1, 0, 1} }

// Halves lists float32 halves.
func Halves() []float32 { return []float32{0.5, 1.5} }

// Flags lists booleans.
func Flags() []bool { return []bool{true, false} }

// WithCap is n zeros in a slice of capacity c.
func WithCap(n, c int) []int { return make([]int, n, c) }
