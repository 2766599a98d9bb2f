// Package vec has functions over numbers, which gobind also runs over whole buffers (vec.vec).
package vec

import (
	"math"
	"runtime"
)

// Celsius is a temperature.
type Celsius float64

// Add returns a + b.
func Add(a, b int64) int64 { return a + b }

// Scale returns x * k.
func Scale(x, k float64) float64 { return x * k }

// Half returns x / 2 in float32.
func Half(x float32) float32 { return x / 2 }

// Positive reports whether x > 0.
func Positive(x int32) bool { return x > 0 }

// Not returns !b.
func Not(b bool) bool { return !b }

// Wrap adds two bytes, wrapping around.
func Wrap(a, b uint8) uint8 { return a + b }

// Div returns a / b; it panics when b is 0.
func Div(a, b int) int { return a / b }

// Fahrenheit converts a temperature.
func Fahrenheit(c Celsius) float64 { return float64(c)*9/5 + 32 }

// Heavy runs 200 steps of a float recurrence from x: work enough to see parallelism.
func Heavy(x float64) float64 {
	y := x
	for i := 0; i < 200; i++ {
		y = math.Sin(y)*0.5 + x*1e-3
	}
	return y
}

// Quit ends the goroutine that calls it when x is negative.
func Quit(x int) int {
	if x < 0 {
		runtime.Goexit()
	}
	return x
}

// Echo returns s: strings have no vectorised twin.
func Echo(s string) string { return s }

// Check fails for 0: functions with an error result have no vectorised twin.
func Check(x int) (int, error) { return x, nil }
