// Package benchpkg holds one function per row of gobind's benchmark suite (bench/run.py).
// Every binding under test (gobind, the hand-written reference, gopy) calls these same functions,
// so the rows measure only the cost of crossing between Python and Go.
package benchpkg

import "errors"

// Noop does nothing; it measures the bare cost of a call.
func Noop() {}

// Add returns a+b.
func Add(a, b int) int { return a + b }

// Echo returns s unchanged.
func Echo(s string) string { return s }

// EchoBytes returns b unchanged. It borrows b: gobind passes a view of the Python object's
// memory, since the function neither keeps b nor writes into it (gobind copies the result).
//
//gobind:borrow b
func EchoBytes(b []byte) []byte { return b }

// EchoBytesCopy is EchoBytes without the borrow directive: gobind copies b into Go memory.
func EchoBytesCopy(b []byte) []byte { return b }

// ErrDivideByZero is what SafeDiv returns for a zero divisor.
var ErrDivideByZero = errors.New("divide by zero")

// SafeDiv returns a/b, or an error when b is zero.
func SafeDiv(a, b int) (int, error) {
	if b == 0 {
		return 0, ErrDivideByZero
	}
	return a / b, nil
}

// Counter is a small struct with a method.
type Counter struct {
	// N is the current count.
	N int
}

// Inc adds k to the count and returns the new count.
func (c *Counter) Inc(k int) int {
	c.N += k
	return c.N
}

// SumFloats returns the sum of xs. It borrows xs (a view of a Python buffer of float64).
//
//gobind:borrow xs
func SumFloats(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s
}

// SumFloatsCopy is SumFloats without the borrow directive: gobind copies xs into Go memory.
func SumFloatsCopy(xs []float64) float64 { return SumFloats(xs) }

// MakeFloats returns n floats 0, 1, ..., n-1.
func MakeFloats(n int) []float64 {
	xs := make([]float64, n)
	for i := range xs {
		xs[i] = float64(i)
	}
	return xs
}

// CallBack calls f(i) for i in 0..n-1 and returns the sum of the results.
func CallBack(f func(int) int, n int) int {
	s := 0
	for i := 0; i < n; i++ {
		s += f(i)
	}
	return s
}

// Spin runs n rounds of a xorshift generator and returns the last value: CPU work without
// memory traffic, for the two-thread row.
func Spin(n int) int {
	x := uint64(88172645463325252)
	for i := 0; i < n; i++ {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
	}
	return int(x >> 1)
}

// Recur runs 200 steps of a float recurrence from x: CPU work per element, for the vectorised
// rows' workers.
func Recur(x float64) float64 {
	y := x
	for i := 0; i < 200; i++ {
		y = y*0.999 + x*1e-3 - y*y*1e-6
	}
	return y
}

// Relay sends back on out each value received on in, plus one, from a goroutine, until in is
// closed (the channel round trip row).
func Relay(in <-chan int, out chan<- int) {
	go func() {
		for v := range in {
			out <- v + 1
		}
		close(out)
	}()
}
