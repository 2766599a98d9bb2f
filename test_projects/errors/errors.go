// Package errors shows Go errors raised as the module's GoError, carrying the Go error value.
package errors

import (
	"errors"
	"fmt"
)

// ErrEmpty is returned for empty input.
var ErrEmpty = errors.New("empty input")

// NotFoundError says which key was missing.
type NotFoundError struct {
	Key string
}

// Error describes the missing key.
func (e *NotFoundError) Error() string { return fmt.Sprintf("key %q not found", e.Key) }

// Lookup finds key, or fails with a *NotFoundError.
func Lookup(key string) (string, error) {
	if key == "" {
		return "", ErrEmpty
	}
	if key != "a" {
		return "", &NotFoundError{Key: key}
	}
	return "alpha", nil
}

// Wrapped wraps ErrEmpty with more context.
func Wrapped() error { return fmt.Errorf("loading config: %w", ErrEmpty) }

// Pair returns two values or an error.
func Pair(ok bool) (int, string, error) {
	if !ok {
		return 0, "", errors.New("no pair")
	}
	return 1, "one", nil
}

// Describe returns the text of err, or "nil".
func Describe(err error) string {
	if err == nil {
		return "nil"
	}
	return "error: " + err.Error()
}

// Crash panics with a message.
func Crash(msg string) int { panic(msg) }

// Quotient returns a / b.  A zero b panics (Go's integer division), so its short body still
// needs gobind's recover: Python sees GoPanic.
func Quotient(a, b int) int { return a / b }

// Shift returns x << n.  A negative n panics.
func Shift(x, n int) int { return x << n }

// Half returns x / 2, which cannot panic: gobind's export of it defers no recover.
func Half(x int) int { return x / 2 }
