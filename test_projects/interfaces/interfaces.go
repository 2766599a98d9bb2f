// Package interfaces shows Go interfaces in Python: interface values, Python objects that
// implement a Go interface, and any values.
package interfaces

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
	"sync"
)

// Shape is anything with an area and a name.
type Shape interface {
	Area() float64
	Name() string
}

// Scaler is a Shape that can be resized; Scale may fail.
type Scaler interface {
	Shape
	Scale(f float64) error
}

// Circle is a Shape with a pointer-receiver method set.
type Circle struct {
	R float64
}

// Area of the circle.
func (c *Circle) Area() float64 { return math.Pi * c.R * c.R }

// Name is "circle".
func (c *Circle) Name() string { return "circle" }

// Scale multiplies the radius by f.
func (c *Circle) Scale(f float64) error {
	if f <= 0 {
		return errors.New("scale must be positive")
	}
	c.R *= f
	return nil
}

// Square is a Shape with value receivers.
type Square struct {
	Side float64
}

// Area of the square.
func (s Square) Area() float64 { return s.Side * s.Side }

// Name is "square".
func (s Square) Name() string { return "square" }

// triangle is a Shape whose type is not exported: Python sees a generic Shape.
type triangle struct{ base, height float64 }

func (t triangle) Area() float64 { return t.base * t.height / 2 }
func (t triangle) Name() string  { return "triangle" }

// NewShape returns a shape by kind, or nil for an unknown kind.
func NewShape(kind string, size float64) Shape {
	switch kind {
	case "circle":
		return &Circle{R: size}
	case "square":
		return Square{Side: size}
	case "triangle":
		return triangle{size, size}
	}
	return nil
}

// Describe reports a shape's name and area.
func Describe(s Shape) string {
	if s == nil {
		return "nothing"
	}
	return fmt.Sprintf("%s of area %.2f", s.Name(), s.Area())
}

// Largest returns the shape with the largest area, or nil.
func Largest(shapes []Shape) Shape {
	var best Shape
	for _, s := range shapes {
		if best == nil || s.Area() > best.Area() {
			best = s
		}
	}
	return best
}

// TotalArea adds up the areas, calling each shape from its own goroutine. A panic in a
// goroutine is raised again here.
func TotalArea(shapes []Shape, rounds int) float64 {
	var (
		mu      sync.Mutex
		total   float64
		failure any
		wg      sync.WaitGroup
	)
	for r := 0; r < rounds; r++ {
		for _, s := range shapes {
			wg.Add(1)
			go func(s Shape) {
				defer wg.Done()
				defer func() {
					if p := recover(); p != nil {
						mu.Lock()
						failure = p
						mu.Unlock()
					}
				}()
				a := s.Area()
				mu.Lock()
				total += a
				mu.Unlock()
			}(s)
		}
	}
	wg.Wait()
	if failure != nil {
		panic(failure)
	}
	return total
}

// Grow scales a shape and returns its new area.
func Grow(s Scaler, f float64) (float64, error) {
	if err := s.Scale(f); err != nil {
		return 0, fmt.Errorf("grow %s: %w", s.Name(), err)
	}
	return s.Area(), nil
}

// Same returns its argument: a shape crosses to Go and back.
func Same(s Shape) Shape { return s }

var kept []Shape

// Keep stores a shape for later calls from Go.
func Keep(s Shape) { kept = append(kept, s) }

// KeptNames calls Name on every kept shape.
func KeptNames() string {
	names := make([]string, len(kept))
	for i, s := range kept {
		names[i] = s.Name()
	}
	kept = nil
	return strings.Join(names, ",")
}

// Invalid is an error type that also implements Shape.
type Invalid struct {
	Reason string
}

func (e *Invalid) Error() string { return "invalid: " + e.Reason }
func (e *Invalid) Area() float64 { return 0 }
func (e *Invalid) Name() string  { return "invalid" }

// Check fails with an *Invalid for shapes without area.
func Check(s Shape) error {
	if s.Area() <= 0 {
		return &Invalid{Reason: s.Name() + " has no area"}
	}
	return nil
}

// Kind describes a Go value given as any.
func Kind(v any) string {
	switch x := v.(type) {
	case nil:
		return "nil"
	case bool:
		return fmt.Sprintf("bool %v", x)
	case int64:
		return fmt.Sprintf("int64 %d", x)
	case float64:
		return fmt.Sprintf("float64 %g", x)
	case string:
		return fmt.Sprintf("string %q", x)
	case []byte:
		return fmt.Sprintf("bytes %q", x)
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = Kind(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = k + ": " + Kind(x[k])
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case Shape:
		return fmt.Sprintf("%T %s", x, x.Name())
	case error:
		return "error " + x.Error()
	}
	return fmt.Sprintf("%T", v)
}

// Echo returns its argument.
func Echo(v any) any { return v }

// Values returns Go values of many types as any.
func Values() []any {
	return []any{nil, true, 7, uint8(200), 2.5, float32(0.5), "go", []byte("b"),
		[]any{1, "x"}, map[string]any{"k": []any{}}, &Circle{R: 1}, Square{Side: 2},
		errors.New("boom"), struct{ A int }{3}}
}

// Table returns a map of any values.
func Table() map[string]any {
	return map[string]any{"n": 1, "s": "x", "shape": NewShape("triangle", 2)}
}

// Token is sealed: its unexported method lets only this package's types implement it.
type Token interface {
	Text() string
	token()
}

type word string

func (w word) Text() string { return string(w) }
func (word) token()         {}

// Number is a Token that Python can make too.
type Number struct {
	N int
}

// Text spells the number.
func (n Number) Text() string { return fmt.Sprint(n.N) }
func (Number) token()         {}

// Lex splits text into tokens: numbers and words.
func Lex(text string) []Token {
	var out []Token
	for _, f := range strings.Fields(text) {
		var n int
		if _, err := fmt.Sscan(f, &n); err == nil {
			out = append(out, &Number{N: n})
		} else {
			out = append(out, word(f))
		}
	}
	return out
}

// Join spells tokens with their kinds: "word:go number:1".
func Join(tokens []Token) string {
	parts := make([]string, len(tokens))
	for i, t := range tokens {
		switch t.(type) {
		case *Number:
			parts[i] = "number:" + t.Text()
		case word:
			parts[i] = "word:" + t.Text()
		}
	}
	return strings.Join(parts, " ")
}

// Last is the last token, or nil.
func Last(tokens []Token) Token {
	if len(tokens) == 0 {
		return nil
	}
	return tokens[len(tokens)-1]
}
