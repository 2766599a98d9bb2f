// Package pointers shows pointers to plain values: Python passes a box (pointers.Ptr_int(3))
// where Go wants a *int, and reads what Go stored through it from box.value; nil is None.
package pointers

import "strings"

// Inc adds one to *n.
func Inc(n *int) { *n++ }

// Swap exchanges *a and *b.
func Swap(a, b *string) { *a, *b = *b, *a }

// Parse reads a number into *out and reports whether it could (an out parameter).
func Parse(s string, out *int) bool {
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
		n = n*10 + int(r-'0')
	}
	*out = n
	return true
}

// Append adds words to *list.
func Append(list *[]string, words ...string) { *list = append(*list, words...) }

// Deref returns *p, or def when p is nil.
func Deref(p *float64, def float64) float64 {
	if p == nil {
		return def
	}
	return *p
}

// Find returns a pointer to the first word with the prefix, or nil.
func Find(words []string, prefix string) *string {
	for i := range words {
		if strings.HasPrefix(words[i], prefix) {
			return &words[i]
		}
	}
	return nil
}

// Counter is a package-level number; Counter() gives a pointer to it.
var Counter int

// CounterPtr points at Counter.
func CounterPtr() *int { return &Counter }
