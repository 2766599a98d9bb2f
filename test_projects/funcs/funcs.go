// Package funcs shows Go functions with several results, (T, error) results and variadic
// parameters.
package funcs

import (
	"errors"
	"strconv"
	"strings"
)

// MinMax returns the smallest and the largest of xs.
func MinMax(xs []int) (int, int) {
	lo, hi := xs[0], xs[0]
	for _, x := range xs {
		lo, hi = min(lo, x), max(hi, x)
	}
	return lo, hi
}

// Divmod divides a by b.
func Divmod(a, b int) (int, int, error) {
	if b == 0 {
		return 0, 0, errors.New("division by zero")
	}
	return a / b, a % b, nil
}

// Atoi parses a decimal number.
func Atoi(s string) (int, error) { return strconv.Atoi(s) }

// Check fails for empty names.
func Check(name string) error {
	if name == "" {
		return errors.New("empty name")
	}
	return nil
}

// Sum adds any number of numbers.
func Sum(xs ...int) int {
	t := 0
	for _, x := range xs {
		t += x
	}
	return t
}

// Concat joins parts with sep.
func Concat(sep string, parts ...string) string { return strings.Join(parts, sep) }

// Bytes joins byte values into bytes.
func Bytes(bs ...byte) []byte { return bs }
