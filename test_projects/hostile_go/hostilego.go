// Package hostilego is Go code that misbehaves on purpose, for gobind's hardening tests.
package hostilego

import (
	"context"
	"errors"
	"os"
	"runtime"
	"time"
)

// Ints is a list of numbers that a pointer method can empty.
type Ints []int

// Drop replaces the list with an empty one (no capacity left).
func (l *Ints) Drop() { *l = nil }

// Len is the length of the list.
func (l Ints) Len() int { return len(l) }

// Count makes the list 0, 1, ..., n-1.
func Count(n int) Ints {
	l := make(Ints, n)
	for i := range l {
		l[i] = i
	}
	return l
}

// Floats makes n float64 numbers, for buffer views.
func Floats(n int) []float64 { return make([]float64, n) }

// Box holds a number and a list.
type Box struct {
	N     int
	Items Ints
}

// NewBox makes a box holding n.
func NewBox(n int) *Box { return &Box{N: n} }

// Scores maps names to numbers.
func Scores() map[string]int { return map[string]int{"a": 1, "b": 2} }

// Add adds two numbers.
func Add(a, b int) int { return a + b }

// Sleep waits ms milliseconds (it needs Go's timers, which a forked child lacks).
func Sleep(ms int) { time.Sleep(time.Duration(ms) * time.Millisecond) }

// touchy is an error whose Is method panics.
type touchy struct{}

func (touchy) Error() string        { return "touchy" }
func (touchy) Is(target error) bool { panic("touchy.Is was asked about " + target.Error()) }

// Touchy returns an error whose Is method panics.
func Touchy() error { return touchy{} }

// Plain returns a plain error.
func Plain() error { return errors.New("plain") }

// Goexit ends the calling goroutine, after its deferred calls ran.
func Goexit() int {
	defer func() { Deferred++ }()
	runtime.Goexit()
	return 1
}

// Deferred counts the deferred calls that Goexit ran.
var Deferred int

// GoexitError ends the calling goroutine where an error result is expected.
func GoexitError() error {
	runtime.Goexit()
	return nil
}

// Exit ends the process with the given status, as os.Exit does.
func Exit(code int) { os.Exit(code) }

// stop ends the calling goroutine.
func stop() { runtime.Goexit() }

// GoexitNested calls runtime.Goexit through a function of the package.
func GoexitNested(s string) string {
	stop()
	return s
}

// Quit ends the calling goroutine from a method.
func (b *Box) Quit() { stop() }

// MaybeGoexit returns n + 1, or ends the calling goroutine when stop is set.
func MaybeGoexit(n int, stop bool) (int, error) {
	if stop {
		runtime.Goexit()
	}
	if n < 0 {
		return 0, errors.New("negative")
	}
	return n + 1, nil
}

// Sum adds the numbers of a list (Python lists cross through Go code).
func Sum(xs Ints) int {
	t := 0
	for _, x := range xs {
		t += x
	}
	return t
}

// Churn starts a goroutine that allocates and collects garbage for ms milliseconds, so that a
// fork() meanwhile leaves the child's Go runtime in the middle of its work.
func Churn(ms int) {
	go func() {
		end := time.Now().Add(time.Duration(ms) * time.Millisecond)
		for time.Now().Before(end) {
			junk = make([]byte, 1<<16)
			runtime.GC()
		}
	}()
}

var junk []byte

// run calls f.
func run(f func()) { f() }

// GoexitValue passes a function that calls runtime.Goexit as a value.
func GoexitValue() { run(stop) }

// GoexitDeferred calls runtime.Goexit from a deferred function literal.
func GoexitDeferred() (n int) {
	defer func() { runtime.Goexit() }()
	return 1
}

// GoexitContext ends the calling goroutine in a function that takes a context.
func GoexitContext(ctx context.Context) error {
	runtime.Goexit()
	return ctx.Err()
}
