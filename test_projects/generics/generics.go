// Package generics has generic functions and types, bound through their instantiations.
package generics

import "strings"

// Ordered is the constraint of types that < orders (as cmp.Ordered, written here).
type Ordered interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 | ~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 |
		~float32 | ~float64 | ~string
}

// Number is the constraint of numbers Sum adds.
type Number interface {
	~int | ~int64 | ~float64
}

// Max returns the larger of a and b.
func Max[T Ordered](a, b T) T {
	if a > b {
		return a
	}
	return b
}

// Min returns the smaller of a and b.
//
//gobind:instantiate int string
func Min[T Ordered](a, b T) T {
	if a < b {
		return a
	}
	return b
}

// Sum adds up xs.
//
//gobind:instantiate int float64
func Sum[T Number](xs []T) T {
	var total T
	for _, x := range xs {
		total += x
	}
	return total
}

// Join is never instantiated: it is skipped, saying why.
func Join[T any](xs []T, sep string) string {
	parts := make([]string, len(xs))
	return strings.Join(parts, sep)
}

// Stack is a last-in, first-out stack of T.
type Stack[T any] struct {
	items []T
}

// Push puts v on top.
func (s *Stack[T]) Push(v T) { s.items = append(s.items, v) }

// Pop takes the top value off; ok is false when the stack is empty.
func (s *Stack[T]) Pop() (v T, ok bool) {
	if len(s.items) == 0 {
		return v, false
	}
	v = s.items[len(s.items)-1]
	s.items = s.items[:len(s.items)-1]
	return v, true
}

// Len is the number of values on the stack.
func (s *Stack[T]) Len() int { return len(s.items) }

// NewIntStack returns a stack holding values: the API uses Stack[int], which is bound.
func NewIntStack(values ...int) *Stack[int] {
	s := &Stack[int]{}
	for _, v := range values {
		s.Push(v)
	}
	return s
}

// Words splits text into a Stack[string]: another instantiation the API uses.
func Words(text string) *Stack[string] {
	s := &Stack[string]{}
	for _, w := range strings.Fields(text) {
		s.Push(w)
	}
	return s
}

// Pair holds a key and a value.
type Pair[K, V comparable] struct {
	Key   K
	Value V
}

// Swap returns the pair with key and value exchanged.
func (p Pair[K, V]) Swap() Pair[V, K] { return Pair[V, K]{Key: p.Value, Value: p.Key} }

// First returns the first pair.
func First[K, V comparable](ps []Pair[K, V]) Pair[K, V] { return ps[0] }

// Box holds one value.
//
//gobind:instantiate Point
type Box[T any] struct {
	Value T
}

// Point is a plain struct, used as a type argument of Box.
type Point struct {
	X, Y int
}
