// Package maps shows Go maps as Python mutable mappings over the Go map: results are used in
// place, parameters take any mapping.
package maps

import "strings"

// Point is a point in the plane.
type Point struct{ X, Y float64 }

// Ages maps names to ages.
type Ages map[string]int

// Oldest is the name with the highest age ("" for none).
func (a Ages) Oldest() string {
	best, age := "", -1
	for n, x := range a {
		if x > age || (x == age && n < best) {
			best, age = n, x
		}
	}
	return best
}

// Family is a small Ages map.
func Family() Ages { return Ages{"ann": 41, "bob": 12} }

// Counts counts the words of s.
func Counts(s string) map[string]int {
	m := map[string]int{}
	for _, w := range strings.Fields(s) {
		m[w]++
	}
	return m
}

// Total adds the values.
func Total(m map[string]int) int {
	t := 0
	for _, v := range m {
		t += v
	}
	return t
}

// Bump adds one to every value, in the caller's map.
func Bump(m map[string]int) {
	for k := range m {
		m[k]++
	}
}

// Squares maps 0..n-1 to their squares.
func Squares(n int) map[int]int {
	m := map[int]int{}
	for i := 0; i < n; i++ {
		m[i] = i * i
	}
	return m
}

// Groups groups words by their first letter.
func Groups(words []string) map[string][]string {
	g := map[string][]string{}
	for _, w := range words {
		g[w[:1]] = append(g[w[:1]], w)
	}
	return g
}

// Places names some points.
func Places() map[string]Point { return map[string]Point{"origin": {}, "one": {X: 1, Y: 1}} }

// Norms sums X+Y of every point.
func Norms(m map[string]Point) float64 {
	t := 0.0
	for _, p := range m {
		t += p.X + p.Y
	}
	return t
}

// Registry is a package-level map.
var Registry = map[string]int{"a": 1}

// Lookup reads Registry.
func Lookup(k string) int { return Registry[k] }
