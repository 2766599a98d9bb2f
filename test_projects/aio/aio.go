// Package aio is awaited from asyncio: m.aio.Sleep(0.1) runs on a goroutine while the event loop goes on.
package aio

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"time"
)

// Point is a small struct returned by value.
type Point struct {
	X, Y int
}

// Sum adds the coordinates (a method: aio.call(p.Sum) awaits it).
func (p Point) Sum() int { return p.X + p.Y }

// Shift moves p by dx and dy after waiting for seconds, or until ctx is cancelled.
func (p *Point) Shift(ctx context.Context, dx, dy int, seconds float64) error {
	select {
	case <-time.After(time.Duration(seconds * float64(time.Second))):
		p.X, p.Y = p.X+dx, p.Y+dy
		return nil
	case <-ctx.Done():
		Canceled.Add(1)
		return ctx.Err()
	}
}

// Sleep waits for seconds and returns them.
func Sleep(seconds float64) float64 {
	time.Sleep(time.Duration(seconds * float64(time.Second)))
	return seconds
}

// Canceled counts the Wait calls that saw their context cancelled.
var Canceled atomic.Int64

// Finished counts the Work calls that ran to their end.
var Finished atomic.Int64

// CanceledCount reports Canceled.
func CanceledCount() int64 { return Canceled.Load() }

// FinishedCount reports Finished.
func FinishedCount() int64 { return Finished.Load() }

// Wait waits for seconds, or until ctx is cancelled (then it counts it and returns ctx.Err()).
func Wait(ctx context.Context, seconds float64) (string, error) {
	select {
	case <-time.After(time.Duration(seconds * float64(time.Second))):
		return "done", nil
	case <-ctx.Done():
		Canceled.Add(1)
		return "", ctx.Err()
	}
}

// Work sleeps for seconds without a context, then counts itself.
func Work(seconds float64) int {
	time.Sleep(time.Duration(seconds * float64(time.Second)))
	Finished.Add(1)
	return 42
}

// Fail returns an error with text.
func Fail(text string) (int, error) {
	return 0, errors.New(text)
}

// Explode panics with text.
func Explode(text string) int {
	panic(text)
}

// Upper returns s in upper case, and its length.
func Upper(s string) (string, int) {
	return strings.ToUpper(s), len(s)
}

// Bytes returns n bytes of b.
func Bytes(b byte, n int) []byte {
	return []byte(strings.Repeat(string([]byte{b}), n))
}

// Long returns a string longer than one inline buffer.
func Long(n int) string {
	return strings.Repeat("x", n)
}

// Origin returns a point.
func Origin(x, y int) Point {
	return Point{X: x, Y: y}
}

// Sum adds its arguments.
func Sum(xs ...int) int {
	t := 0
	for _, x := range xs {
		t += x
	}
	return t
}

// Ratio is a/b as a float, or an error for b == 0.
func Ratio(a, b float64) (float64, error) {
	if b == 0 {
		return 0, errors.New("division by zero")
	}
	return a / b, nil
}

// Nothing does nothing.
func Nothing() {}

// Apply calls f: it takes a Python callable, so it has no async twin.
func Apply(f func(int) int, x int) int { return f(x) }

// Count sends 0..n-1 on a channel from a goroutine, then closes it.
func Count(n int) <-chan int {
	ch := make(chan int)
	go func() {
		for i := 0; i < n; i++ {
			ch <- i
		}
		close(ch)
	}()
	return ch
}

// Later sends v on a new channel after seconds.
func Later(v string, seconds float64) <-chan string {
	ch := make(chan string, 1)
	go func() {
		time.Sleep(time.Duration(seconds * float64(time.Second)))
		ch <- v
	}()
	return ch
}

// Echo answers each request with the same value plus one, until in is closed (a round trip).
func Echo(in <-chan int, out chan<- int) {
	go func() {
		for v := range in {
			out <- v + 1
		}
		close(out)
	}()
}

// Drain receives n values from ch after waiting for seconds, and returns their sum.
func Drain(ch <-chan int, n int, seconds float64) int {
	time.Sleep(time.Duration(seconds * float64(time.Second)))
	t := 0
	for i := 0; i < n; i++ {
		t += <-ch
	}
	return t
}
