// Package rtpolicy holds Go code for gobind's call-policy tests: trivial functions that keep
// the GIL, CPU-bound ones that release it (or keep it when meson.build says so), and
// functions that take a context.Context.
package rtpolicy

import (
	"context"
	"sync"
	"time"
)

var epoch = time.Now()

// Nop does nothing. gobind keeps the GIL for it: its body is straight-line code.
func Nop() {}

// NopReleased does nothing too; meson.build makes it release the GIL.
func NopReleased() {}

// Add returns a+b; gobind keeps the GIL for it.
func Add(a, b int) int { return a + b }

// Echo returns s; gobind keeps the GIL for it while s is at most 4 KiB long.
func Echo(s string) string { return s }

// spin runs a CPU-bound loop of n rounds and returns the nanoseconds since the package
// started at which it began and ended.
func spin(n int) (start, end int64) {
	start = int64(time.Since(epoch))
	x := uint64(n)
	for i := 0; i < n; i++ {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
	}
	sink = x
	return start, int64(time.Since(epoch))
}

var sink uint64

// Spin runs a CPU-bound loop of n rounds and returns when, in nanoseconds since the package
// started, it began and ended. It releases the GIL (it loops).
func Spin(n int) (start, end int64) { return spin(n) }

// SpinKept is Spin; meson.build makes it keep the GIL.
func SpinKept(n int) (start, end int64) { return spin(n) }

var (
	lastMu   sync.Mutex
	lastWork = "never called"
)

// Work waits for seconds, or until ctx is cancelled: it returns "done", or ctx's error.
// gobind supplies ctx; Ctrl-C (KeyboardInterrupt) in Python cancels it.
func Work(ctx context.Context, seconds float64) (string, error) {
	timer := time.NewTimer(time.Duration(seconds * float64(time.Second)))
	defer timer.Stop()
	select {
	case <-timer.C:
		setLastWork("finished")
		return "done", nil
	case <-ctx.Done():
		setLastWork("stopped: " + ctx.Err().Error())
		return "", ctx.Err()
	}
}

func setLastWork(s string) {
	lastMu.Lock()
	lastWork = s
	lastMu.Unlock()
}

// LastWork says how the last Work call ended: "finished", or "stopped: " and ctx's error.
func LastWork() string {
	lastMu.Lock()
	defer lastMu.Unlock()
	return lastWork
}

// CtxPanic panics with msg on the goroutine that gobind runs it on.
func CtxPanic(ctx context.Context, msg string) int { panic(msg) }

// Deadline reports whether ctx has a deadline: gobind's context has none.
func Deadline(ctx context.Context) bool {
	_, ok := ctx.Deadline()
	return ok
}
