// Package rtcheck holds Go code for gobind's runtime-safety tests: CPU-bound,
// sleeping, panicking and failing functions, a struct with methods, and a
// garbage-collection stress that needs the Go runtime's asynchronous preemption.
package rtcheck

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Nop does nothing; it measures the cost of one call.
func Nop() {}

// Add returns a+b.
func Add(a, b int) int { return a + b }

// Spin runs a CPU-bound loop of n rounds without allocating and returns its checksum.
func Spin(n int) uint64 {
	x := uint64(n)
	for i := 0; i < n; i++ {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
	}
	return x
}

// Sleep blocks for ms milliseconds.
func Sleep(ms int) { time.Sleep(time.Duration(ms) * time.Millisecond) }

// Panic panics with msg.
func Panic(msg string) { panic(msg) }

// PanicError panics with an error value.
func PanicError(msg string) { panic(errors.New(msg)) }

// Check returns an error naming s when s is empty, else s in upper case.
func Check(s string) (string, error) {
	if s == "" {
		return "", errors.New("empty string")
	}
	return strings.ToUpper(s), nil
}

// Repeat returns b repeated n times.
func Repeat(b []byte, n int) []byte {
	out := make([]byte, 0, len(b)*n)
	for i := 0; i < n; i++ {
		out = append(out, b...)
	}
	return out
}

// Counter counts events under a name.
type Counter struct {
	Name string
	N    int
}

// NewCounter returns a counter named name that starts at n.
func NewCounter(name string, n int) *Counter { return &Counter{Name: name, N: n} }

// Inc adds by to the counter and returns the new count.
func (c *Counter) Inc(by int) int { c.N += by; return c.N }

// Label returns "name=count".
func (c *Counter) Label() string { return fmt.Sprintf("%s=%d", c.Name, c.N) }

// Merge returns a new counter holding the sum of c and other.
func (c *Counter) Merge(other *Counter) (*Counter, error) {
	if other == nil {
		return nil, errors.New("nothing to merge")
	}
	return &Counter{Name: c.Name + "+" + other.Name, N: c.N + other.N}, nil
}

// spinStep is a leaf function small enough to have no stack check, so a loop that
// calls only it has no point where the Go scheduler can stop it cooperatively.
//
//go:noinline
func spinStep(x uint64) uint64 { return x*6364136223846793005 + 1442695040888963407 }

var spinSink atomic.Uint64

// GCWithSpinner runs rounds of "8 allocating goroutines, then runtime.GC()" while one
// goroutine spins in a loop that only asynchronous preemption (SIGURG) can stop.
// It returns rounds. If this runtime loses its preemption signals, it never returns.
func GCWithSpinner(rounds int) int {
	var stop atomic.Bool
	done := make(chan struct{})
	go func() {
		x := uint64(1)
		for !stop.Load() {
			x = spinStep(x)
		}
		spinSink.Store(x)
		close(done)
	}()
	for r := 0; r < rounds; r++ {
		var wg sync.WaitGroup
		for g := 0; g < 8; g++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				keep := make([][]byte, 0, 64)
				for i := 0; i < 1000; i++ {
					keep = append(keep, make([]byte, 512))
					if len(keep) == cap(keep) {
						keep = keep[:0]
					}
				}
			}()
		}
		wg.Wait()
		runtime.GC()
	}
	stop.Store(true)
	<-done
	return rounds
}

// NilDeref reads a field through a nil pointer, which panics with a runtime error.
func NilDeref() int {
	var c *Counter
	return c.N
}
