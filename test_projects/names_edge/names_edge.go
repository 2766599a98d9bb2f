// Package names_edge declares Go names that are also names gobind generates, non-ASCII
// identifiers, and strings that are not valid UTF-8.
package names_edge

// Slice_int is a struct whose name is the one gobind gives []int.
type Slice_int struct{ N int }

// Map_string_int is a struct named like gobind's class of map[string]int.
type Map_string_int struct{ Size int }

// Ptr_int is a struct named like gobind's box of *int.
type Ptr_int struct{ P int }

// Array3_int is a struct named like gobind's class of [3]int.
type Array3_int struct{ A int }

// GoError is named like gobind's exception base class.
type GoError struct{ Msg string }

// GoPanic is named like gobind's panic exception.
type GoPanic struct{ Why string }

// GoErrorValue is named like gobind's error-value class.
type GoErrorValue struct{ V int }

// GoValue is named like gobind's base of value classes.
type GoValue int

// Ints uses the generated []int class.
func Ints(n int) []int { return make([]int, n) }

// Counts uses the generated map[string]int class.
func Counts() map[string]int { return map[string]int{"a": 1} }

// Box uses the generated *int box.
func Box(v int) *int { return &v }

// Triple uses the generated [3]int class.
func Triple() [3]int { return [3]int{1, 2, 3} }

// MakeSlice_int makes the struct named Slice_int.
func MakeSlice_int(n int) Slice_int { return Slice_int{N: n} }

// Größe takes a non-ASCII parameter name.
func Größe(länge int) int { return länge * 2 }

// Café is a struct with non-ASCII field names.
type Café struct {
	Crème int
	Ñame  string
}

// Ｆull is spelled with a fullwidth F: Python reads it as Full (NFKC).
func Ｆull() string { return "fullwidth" }

// Full clashes with Ｆull once Python normalises names.
func Full() string { return "ascii" }

// Ωmega is a non-ASCII constant name.
const Ωmega = 937

// BadConst is not valid UTF-8.
const BadConst = "a\xffb"

// BadVar is not valid UTF-8.
var BadVar = "c\xfed"

// Bad returns a string that is not valid UTF-8.
func Bad() string { return "x\xc3(y" }

// Holder has a field that is not valid UTF-8.
type Holder struct{ S string }

// NewHolder makes a Holder whose S is not valid UTF-8.
func NewHolder() *Holder { return &Holder{S: "\x80z"} }

// Echo returns its argument, so Python can send bytes that are not UTF-8 back and forth.
func Echo(s string) string { return s }

// Pad has zero-length array fields, as syscall's structs do.
type Pad struct {
	X [0]byte
	S [0]string
	N int
}

// Zero takes and returns zero-length arrays.
func Zero(a [0]int, b [0]string, c [2][0]float64) ([0]int, [0]Pad, int) {
	return a, [0]Pad{}, len(b) + len(c)
}
