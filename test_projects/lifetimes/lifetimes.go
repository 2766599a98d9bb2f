// Package lifetimes holds values that outlive one call: Python callables that Go calls on its own
// goroutines, slices that grow or shrink while Python views them, and Go values that keep Python
// objects which keep them back.
package lifetimes

import (
	"fmt"
	"runtime"
	"sync"
)

// FanOut calls f(i) for each i < n, each from a goroutine of its own, waits for them all and
// returns the results in order.
func FanOut(n int, f func(int) int) []int {
	results := make([]int, n)
	var wg sync.WaitGroup
	wg.Add(n)
	for i := range results {
		go func(i int) {
			results[i] = f(i)
			wg.Done()
		}(i)
	}
	wg.Wait()
	return results
}

// Labels calls f(i) for each i < n from goroutines, like FanOut, for a callback whose result
// goes back to Go through a second call (a string).
func Labels(n int, f func(int) string) []string {
	out := make([]string, n)
	var wg sync.WaitGroup
	wg.Add(n)
	for i := range out {
		go func(i int) {
			defer wg.Done()
			out[i] = f(i)
		}(i)
	}
	wg.Wait()
	return out
}

// Notify calls f(i) for each i < n from goroutines and counts the calls that returned.
func Notify(n int, f func(int)) int {
	var wg sync.WaitGroup
	var mu sync.Mutex
	returned := 0
	wg.Add(n)
	for i := 0; i < n; i++ {
		go func(i int) {
			defer wg.Done()
			f(i)
			mu.Lock()
			returned++
			mu.Unlock()
		}(i)
	}
	wg.Wait()
	return returned
}

// Recovering calls f from n goroutines, each recovering a panic; it returns how many panicked
// and the text of one panic value.
func Recovering(n int, f func(int) int) (int, string) {
	var wg sync.WaitGroup
	var mu sync.Mutex
	panics, text := 0, ""
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			defer func() {
				if r := recover(); r != nil {
					mu.Lock()
					panics++
					text = fmt.Sprint(r)
					mu.Unlock()
				}
			}()
			f(i)
		}(i)
	}
	wg.Wait()
	return panics, text
}

// Each calls f for 0..n-1 on the calling goroutine and returns how many calls returned.
func Each(n int, f func(int)) int {
	for i := 0; i < n; i++ {
		f(i)
	}
	return n
}

var later struct {
	start chan struct{}
	done  chan struct{}
}

// Later keeps f and starts a goroutine that calls f(1) once RunLater is called.
func Later(f func(int) int) {
	later.start, later.done = make(chan struct{}), make(chan struct{})
	start, done := later.start, later.done
	go func() {
		<-start
		f(1)
		close(done)
	}()
}

// RunLater lets the goroutine started by Later call its func, and waits for the call.
func RunLater() {
	close(later.start)
	<-later.done
}

// Measurer measures item i; Python objects implement it.
type Measurer interface {
	Measure(i int) int
}

// MeasureAll calls m.Measure(i) for each i < n, each from a goroutine of its own (FanOut waits for
// them on a WaitGroup), and returns the sum.
func MeasureAll(n int, m Measurer) int {
	sum := 0
	for _, v := range FanOut(n, m.Measure) {
		sum += v
	}
	return sum
}

// MeasureMany calls ms[i].Measure(i) from a goroutine per item and returns the sum.
func MeasureMany(ms []Measurer) int {
	sums := make([]int, len(ms))
	var wg sync.WaitGroup
	wg.Add(len(ms))
	for i, m := range ms {
		go func(i int, m Measurer) {
			defer wg.Done()
			sums[i] = m.Measure(i)
		}(i, m)
	}
	wg.Wait()
	total := 0
	for _, v := range sums {
		total += v
	}
	return total
}

// MeasureEach calls m.Measure(i) for 0..n-1 on the calling goroutine and returns the sum.
func MeasureEach(n int, m Measurer) int {
	sum := 0
	for i := 0; i < n; i++ {
		sum += m.Measure(i)
	}
	return sum
}

// RecoveringMeasure calls m.Measure from n goroutines, each recovering a panic, as Recovering does.
func RecoveringMeasure(n int, m Measurer) (int, string) {
	return Recovering(n, m.Measure)
}

// Checker checks item i.
type Checker interface {
	Check(i int) error
}

// CheckAll calls c.Check(i) for each i < n from goroutines; it returns how many failed and the
// text of one error.
func CheckAll(n int, c Checker) (int, string) {
	var wg sync.WaitGroup
	var mu sync.Mutex
	failed, text := 0, ""
	wg.Add(n)
	for i := 0; i < n; i++ {
		go func(i int) {
			defer wg.Done()
			if err := c.Check(i); err != nil {
				mu.Lock()
				failed++
				text = err.Error()
				mu.Unlock()
			}
		}(i)
	}
	wg.Wait()
	return failed, text
}

var kept struct {
	start chan struct{}
	done  chan int
}

// KeepMeasurer keeps m and starts a goroutine that calls m.Measure(1) once RunKept is called.
func KeepMeasurer(m Measurer) {
	kept.start, kept.done = make(chan struct{}), make(chan int)
	start, done := kept.start, kept.done
	go func() {
		<-start
		done <- m.Measure(1)
	}()
}

// RunKept lets the goroutine started by KeepMeasurer call Measure, and returns what it got.
func RunKept() int {
	close(kept.start)
	return <-kept.done
}

// Ints is a slice with methods that grow and reslice it in place.
type Ints []int

// MakeInts returns 0, 1, ..., n-1 with room for cap elements.
func MakeInts(n, cap int) Ints {
	s := make(Ints, n, cap)
	for i := range s {
		s[i] = i
	}
	return s
}

// Append adds v at the end (moving the elements when the capacity is full).
func (s *Ints) Append(v int) { *s = append(*s, v) }

// Reslice makes the slice s[lo:hi].
func (s *Ints) Reslice(lo, hi int) { *s = (*s)[lo:hi] }

// Sum adds the elements.
func (s Ints) Sum() int {
	t := 0
	for _, v := range s {
		t += v
	}
	return t
}

// Keeper keeps a callback to call later.
type Keeper struct {
	Name string
	f    func() string
}

// NewKeeper returns an empty Keeper.
func NewKeeper() *Keeper { return &Keeper{} }

// Store keeps f (nil forgets the one kept).
func (k *Keeper) Store(f func() string) { k.f = f }

// Call calls the kept callback.
func (k *Keeper) Call() string {
	if k.f == nil {
		return ""
	}
	return k.f()
}

// Named is anything with a name.
type Named interface {
	Name() string
}

// Holder keeps a Named value.
type Holder struct {
	Item Named
}

// ItemName returns the name of the held value.
func (h *Holder) ItemName() string {
	if h.Item == nil {
		return ""
	}
	return h.Item.Name()
}

// NameApart returns the name of the held value, asked on a goroutine of its own.
func (h *Holder) NameApart() string {
	name := make(chan string)
	go func() { name <- h.ItemName() }()
	return <-name
}

// CollectGarbage runs Go's garbage collector twice, so finalizers drop what Go no longer uses.
func CollectGarbage() {
	runtime.GC()
	runtime.GC()
}

// Series keeps values that Go appends to.
type Series struct {
	Values []float64
}

// Add appends v to the values.
func (s *Series) Add(v float64) { s.Values = append(s.Values, v) }

// Drop forgets the first n values.
func (s *Series) Drop(n int) { s.Values = s.Values[n:] }
