// Package hostile_conv echoes containers back, so tests can check what Go received when Python
// code that ran during the conversion (__index__, __hash__, __iter__...) mutated the argument.
package hostile_conv

import (
	"sync"
	"sync/atomic"
)

// Ints returns its argument.
func Ints(xs []int) []int { return xs }

// Grid returns its argument.
func Grid(rows [][]string) [][]string { return rows }

// Words returns its argument.
func Words(ws []string) []string { return ws }

// Counts returns its argument.
func Counts(m map[string]int) map[string]int { return m }

// Echo returns its argument.
func Echo(v any) any { return v }

// EchoList returns its argument.
func EchoList(vs []any) []any { return vs }

// Floats returns its argument.
func Floats(xs []float64) []float64 { return xs }

// Single returns its argument.
func Single(x float32) float32 { return x }

// Complex returns its argument.
func Complex(c complex64) complex64 { return c }

// Complexes returns its argument.
func Complexes(cs []complex64) []complex64 { return cs }

// Bag is a struct with slice and map fields.
type Bag struct {
	Name  string
	Items []int
	Tags  []string
	Meta  map[string]int
}

// Describe returns the bag.
func Describe(b Bag) Bag { return b }

// Row is a named slice: its objects take item and range assignment.
type Row []int

// NewRow returns a Row of n zeros.
func NewRow(n int) Row { return make(Row, n) }

// Holder keeps a slice that Go can shrink while Python holds a view of it.
type Holder struct {
	Data []int
	done *sync.WaitGroup
	stop *atomic.Bool
}

// NewHolder returns a holder of n items 0..n-1.
func NewHolder(n int) *Holder {
	h := &Holder{Data: make([]int, n), done: new(sync.WaitGroup), stop: new(atomic.Bool)}
	for i := range h.Data {
		h.Data[i] = i
	}
	return h
}

// Shrink shortens Data to n items.
func (h *Holder) Shrink(n int) { h.Data = h.Data[:n] }

// Churn starts a goroutine that shortens and regrows Data within its capacity, writing its
// items, until Stop is called, while Python reads Data.
func (h *Holder) Churn() {
	h.stop.Store(false)
	h.done.Add(1)
	go func() {
		defer h.done.Done()
		full := h.Data[:cap(h.Data)]
		for i := 0; !h.stop.Load(); i++ {
			h.Data = full[:i%(len(full)+1)]
			full[i%len(full)] = i
		}
		h.Data = full
	}()
}

// Stop ends the goroutine Churn started and waits for it.
func (h *Holder) Stop() {
	h.stop.Store(true)
	h.done.Wait()
}
