// Package borrow has functions that borrow their arguments: gobind passes them views of
// Python's memory for the duration of a call (//gobind:borrow), and one that must get a copy.
package borrow

import (
	"hash/fnv"
	"time"
)

// Celsius is a named number type, for slices of named elements.
type Celsius float64

// Samples is a named slice type.
type Samples []int32

// SumFloats returns the sum of xs.
//
//gobind:borrow xs
func SumFloats(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s
}

// SumInt32 returns the sum of xs (as int64, so it does not overflow).
//
//gobind:borrow xs
func SumInt32(xs []int32) int64 {
	var s int64
	for _, x := range xs {
		s += int64(x)
	}
	return s
}

// SumSamples returns the sum of a named slice.
//
//gobind:borrow
func SumSamples(s Samples) int64 {
	var t int64
	for _, x := range s {
		t += int64(x)
	}
	return t
}

// MeanCelsius averages temperatures; empty input gives 0.
//
//gobind:borrow ts
func MeanCelsius(ts []Celsius) Celsius {
	if len(ts) == 0 {
		return 0
	}
	var s Celsius
	for _, t := range ts {
		s += t
	}
	return s / Celsius(len(ts))
}

// Dot returns the dot product of the common prefix of a and b.
//
//gobind:borrow a, b
func Dot(a, b []float32) float64 {
	s := 0.0
	for i := 0; i < len(a) && i < len(b); i++ {
		s += float64(a[i]) * float64(b[i])
	}
	return s
}

// CountByte counts how often c occurs in data.
//
//gobind:borrow data
func CountByte(data []byte, c byte) int {
	n := 0
	for _, x := range data {
		if x == c {
			n++
		}
	}
	return n
}

// Hash returns the 64-bit FNV-1a hash of s.
//
//gobind:borrow s
func Hash(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
}

// SlowSum sums xs after sleeping for ms milliseconds, with the GIL released, so that other
// Python threads run while it holds its view of xs.
//
//gobind:borrow xs
func SlowSum(xs []byte, ms int) int {
	time.Sleep(time.Duration(ms) * time.Millisecond)
	s := 0
	for _, x := range xs {
		s += int(x)
	}
	return s
}

// Invert flips every bit of b in place and returns it: it writes into its argument, so it must
// not borrow it, and the caller's object stays unchanged.
func Invert(b []byte) []byte {
	for i := range b {
		b[i] = ^b[i]
	}
	return b
}

// Keep stores xs for Last: it keeps its argument, so it must not borrow it.
func Keep(xs []float64) { kept = xs }

// Last returns what Keep stored.
func Last() []float64 { return kept }

var kept []float64

// Stats is a struct whose method borrows its argument.
type Stats struct {
	// Calls counts the calls of Add.
	Calls int
}

// Add returns the sum of xs and counts the call.
//
//gobind:borrow xs
func (s *Stats) Add(xs []int64) int64 {
	s.Calls++
	var t int64
	for _, x := range xs {
		t += x
	}
	return t
}

// Mistakes has directives gobind warns about: a name that is not a parameter, and a map,
// which cannot be borrowed, so m is copied (xs is a view all the same: Go keeps nothing of it).
//
//gobind:borrow nope m
func Mistakes(m map[string]int, xs []float64) int { return len(m) + len(xs) }

// Scribble breaks the borrow contract on purpose, to show what it means: it writes into its
// borrowed argument, so the caller's own buffer changes (and a bytes object, which Python
// treats as immutable, would too). Never do this in real code.
//
//gobind:borrow b xs
func Scribble(b []byte, xs []float64) {
	if len(b) > 0 {
		b[0] = 'X'
	}
	if len(xs) > 0 {
		xs[0] = -1
	}
}

// Same reports whether a and b are equal.  Go keeps nothing of either past the call, and gobind
// proves it, so both reach Go as views without a directive.
func Same(a, b string) bool { return a == b }

// Size returns len(b), from a view of b (proved, as for Same).
func Size(b []byte) int { return len(b) }

// SizeCopied returns len(b); its directive makes gobind copy b although Go keeps nothing of it.
//
//gobind:copy b
func SizeCopied(b []byte) int { return len(b) }

// Remember keeps b for Remembered: Go keeps its argument, so gobind copies it (no directive needed).
func Remember(b []byte) { remembered = b }

// Remembered returns what Remember kept.
func Remembered() []byte { return remembered }

var remembered []byte
