// Package scalars exercises every scalar Go type gobind binds: each Echo
// function returns its argument, so a round trip shows both conversions.
package scalars

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"unsafe"
)

// EchoBool returns b.
func EchoBool(b bool) bool { return b }

// EchoInt returns v.
func EchoInt(v int) int { return v }

// EchoInt8 returns v.
func EchoInt8(v int8) int8 { return v }

// EchoInt16 returns v.
func EchoInt16(v int16) int16 { return v }

// EchoInt32 returns v.
func EchoInt32(v int32) int32 { return v }

// EchoInt64 returns v.
func EchoInt64(v int64) int64 { return v }

// EchoUint returns v.
func EchoUint(v uint) uint { return v }

// EchoUint8 returns v.
func EchoUint8(v uint8) uint8 { return v }

// EchoUint16 returns v.
func EchoUint16(v uint16) uint16 { return v }

// EchoUint32 returns v.
func EchoUint32(v uint32) uint32 { return v }

// EchoUint64 returns v.
func EchoUint64(v uint64) uint64 { return v }

// EchoUintptr returns v.
func EchoUintptr(v uintptr) uintptr { return v }

// EchoFloat32 returns v.
func EchoFloat32(v float32) float32 { return v }

// EchoFloat64 returns v.
func EchoFloat64(v float64) float64 { return v }

// EchoComplex64 returns v.
func EchoComplex64(v complex64) complex64 { return v }

// EchoComplex128 returns v.
func EchoComplex128(v complex128) complex128 { return v }

// EchoString returns s.
func EchoString(s string) string { return s }

// EchoBytes returns b.
func EchoBytes(b []byte) []byte { return b }

// Fill sets every byte of b to c and returns b: Go writes into the slice it is given.
func Fill(b []byte, c byte) []byte {
	for i := range b {
		b[i] = c
	}
	return b
}

var remembered struct {
	s string
	b []byte
}

// Remember keeps s and b after it returns; Remembered gives them back.
func Remember(s string, b []byte) { remembered.s, remembered.b = s, b }

// Remembered returns what Remember kept.
func Remembered() (string, []byte) { return remembered.s, remembered.b }

// Add returns a+b.
func Add(a, b int64) int64 { return a + b }

// Describe formats all its arguments; it shows several parameters of mixed types.
func Describe(flag bool, small int8, big uint64, ratio float32, name string, data []byte) string {
	return fmt.Sprintf("%v %d %d %g %s %x", flag, small, big, ratio, name, data)
}

// Upper returns s in upper case, and a byte count.
func Upper(s string) (string, int) { return strings.ToUpper(s), len(s) }

// Sqrt returns the square root of x, or an error for negative x.
func Sqrt(x float64) (float64, error) {
	if x < 0 {
		return 0, fmt.Errorf("sqrt of negative number %g", x)
	}
	return math.Sqrt(x), nil
}

// Check returns an error when ok is false.
func Check(ok bool) error {
	if !ok {
		return errors.New("check failed")
	}
	return nil
}

// Divide divides a by b; dividing by zero panics.
func Divide(a, b int) int { return a / b }

// Nothing takes nothing and returns nothing.
func Nothing() {}

// Celsius is a temperature; a named type over float64.
type Celsius float64

// Freeze returns the freezing point of water.
func Freeze() Celsius { return 0 }

// Warmer adds d degrees to c.
func Warmer(c Celsius, d float64) Celsius { return c + Celsius(d) }

// Lambda has a parameter named like a Python keyword.
func Lambda(lambda int, from string) string { return fmt.Sprintf("%d:%s", lambda, from) }

// None is named like a Python constant; Python sees it as None_.
func None() string { return "none" }

// Big returns the largest uint64.
func Big() uint64 { return math.MaxUint64 }

// Invalid returns a string that is not valid UTF-8.
func Invalid() string { return "a\xffb" }

// Raw is skipped: unsafe.Pointer is not bound.
func Raw() unsafe.Pointer { return nil }
