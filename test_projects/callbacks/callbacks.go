// Package callbacks shows Python callables passed where Go wants a func: called at once or
// later from goroutines, with any supported parameter and result types, errors included.
package callbacks

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
)

// Point is a point in the plane.
type Point struct{ X, Y float64 }

// Apply calls f on x.
func Apply(f func(int) int, x int) int { return f(x) }

// Map applies f to every word and joins the results.
func Map(words []string, f func(string) string) string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = f(w)
	}
	return strings.Join(out, " ")
}

// Combine calls two callbacks.
func Combine(a func() int, b func(int, string) (string, int)) string {
	s, n := b(a(), "x")
	return fmt.Sprintf("%s/%d", s, n)
}

// Measure calls f on x and formats its numeric results.
func Measure(f func(float64) (int8, float32, bool, complex128), x float64) string {
	n, r, ok, c := f(x)
	return fmt.Sprint(n, " ", r, " ", ok, " ", c)
}

// Try calls f and reports its error.
func Try(f func(string) (int, error)) string {
	n, err := f("go")
	if err != nil {
		return "error: " + err.Error()
	}
	return fmt.Sprint(n)
}

// Must calls f and fails with its error.
func Must(f func() error) error {
	if err := f(); err != nil {
		return fmt.Errorf("must: %w", err)
	}
	return nil
}

// Each calls f for every point.
func Each(ps []Point, f func(Point, int)) {
	for i, p := range ps {
		f(p, i)
	}
}

// Parallel calls f from n goroutines and waits for them; it returns the sum of the results.
func Parallel(n int, f func(int) int) int {
	var wg sync.WaitGroup
	results := make([]int, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			results[i] = f(i)
		}(i)
	}
	wg.Wait()
	t := 0
	for _, r := range results {
		t += r
	}
	return t
}

// Handler reacts to events.
type Handler func(event string) bool

var handlers []Handler

// Register keeps h to call later.
func Register(h Handler) { handlers = append(handlers, h) }

// Fire calls every registered handler from a goroutine and counts those that returned true.
func Fire(event string) int {
	count := 0
	done := make(chan bool)
	for _, h := range handlers {
		go func(h Handler) { done <- h(event) }(h)
	}
	for range handlers {
		if <-done {
			count++
		}
	}
	return count
}

// Clear forgets the handlers.
func Clear() { handlers = nil }

// ErrStop stops a Walk.
var ErrStop = errors.New("stop")

// Walk calls f with 0, 1, ... until it returns an error; ErrStop ends it quietly.
func Walk(f func(int) error) (int, error) {
	for i := 0; ; i++ {
		if err := f(i); err != nil {
			if errors.Is(err, ErrStop) {
				return i, nil
			}
			return i, err
		}
	}
}

// CollectGarbage runs Go's garbage collector, so finalizers drop what Go no longer uses.
func CollectGarbage() { runtime.GC() }
