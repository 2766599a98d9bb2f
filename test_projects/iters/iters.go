// Package iters returns Go iterators (iter.Seq, iter.Seq2, a named iterator type) and takes them.
package iters

import (
	"iter"
	"strings"
	"sync/atomic"
)

// Count yields 0, 1, ..., n-1.
func Count(n int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := 0; i < n; i++ {
			if !yield(i) {
				return
			}
		}
	}
}

// Words yields the words of s.
func Words(s string) iter.Seq[string] {
	return func(yield func(string) bool) {
		for _, w := range strings.Fields(s) {
			if !yield(w) {
				return
			}
		}
	}
}

// Lengths yields each word of s with its length.
func Lengths(s string) iter.Seq2[string, int] {
	return func(yield func(string, int) bool) {
		for _, w := range strings.Fields(s) {
			if !yield(w, len(w)) {
				return
			}
		}
	}
}

// Evens is a named iterator type.
type Evens func(yield func(int) bool)

// EvensBelow yields the even numbers below n.
func EvensBelow(n int) Evens {
	return func(yield func(int) bool) {
		for i := 0; i < n; i += 2 {
			if !yield(i) {
				return
			}
		}
	}
}

// Point is a struct value an iterator yields.
type Point struct{ X, Y int }

// Diagonal yields n points on the diagonal, from an unnamed iterator func type.
func Diagonal(n int) func(yield func(Point) bool) {
	return func(yield func(Point) bool) {
		for i := 0; i < n; i++ {
			if !yield(Point{i, i}) {
				return
			}
		}
	}
}

// Explode yields 1 and 2, then panics.
func Explode() iter.Seq[int] {
	return func(yield func(int) bool) {
		if !yield(1) || !yield(2) {
			return
		}
		panic("exploded after 2")
	}
}

var started, stopped, finished atomic.Int64

// Tracked yields 0, 1, 2, ... forever, counting how its runs start and end: stopped counts the
// runs that ended because the loop stopped early (yield returned false).
func Tracked() iter.Seq[int] {
	return func(yield func(int) bool) {
		started.Add(1)
		defer finished.Add(1)
		for i := 0; ; i++ {
			if !yield(i) {
				stopped.Add(1)
				return
			}
		}
	}
}

// Runs reports how many runs of Tracked iterators started, were stopped, and finished.
func Runs() (int, int, int) {
	return int(started.Load()), int(stopped.Load()), int(finished.Load())
}

// Sum adds the numbers of seq.
func Sum(seq iter.Seq[int]) int {
	total := 0
	for v := range seq {
		total += v
	}
	return total
}

// SumFirst adds the first n numbers of seq (it stops pulling after them).
func SumFirst(seq iter.Seq[int], n int) int {
	total := 0
	for v := range seq {
		if n == 0 {
			break
		}
		total += v
		n--
	}
	return total
}

// Join joins the strings of seq with sep.
func Join(seq iter.Seq[string], sep string) string {
	var parts []string
	for s := range seq {
		parts = append(parts, s)
	}
	return strings.Join(parts, sep)
}

// Pairs formats the pairs of seq as k=v, joined by commas.
func Pairs(seq iter.Seq2[string, int]) string {
	var b strings.Builder
	for k, v := range seq {
		if b.Len() > 0 {
			b.WriteString(",")
		}
		b.WriteString(k + "=" + strings.Repeat("*", v))
	}
	return b.String()
}

// Double yields twice each number of seq, lazily: a Python iterable in, a Go iterator out.
func Double(seq iter.Seq[int]) iter.Seq[int] {
	return func(yield func(int) bool) {
		for v := range seq {
			if !yield(2 * v) {
				return
			}
		}
	}
}

// Watch yields 0, 1, 2, ... as long as f, a Python callable the iterator calls first, returns true.
func Watch(f func(int) bool) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := 0; f(i); i++ {
			if !yield(i) {
				return
			}
		}
	}
}

// Source holds an iterator in a field, which gobind does not bind (only parameters and results).
type Source struct {
	Name  string
	Items iter.Seq[int]
}

// All yields the numbers of s's items (a method returning an iterator).
func (s *Source) All() iter.Seq[int] {
	if s.Items == nil {
		return Count(0)
	}
	return s.Items
}

// NewSource makes a Source over seq.
func NewSource(name string, seq iter.Seq[int]) *Source {
	return &Source{Name: name, Items: seq}
}

// Guarded is Watch for a callable whose exceptions are Go panics (callback_panics in meson.build).
func Guarded(f func(int) bool) iter.Seq[int] {
	return Watch(f)
}
