// Package channels passes Go channels to Python and back: functions that return channels goroutines
// feed, functions that take channels, struct fields, a package variable and named channel types.
package channels

import (
	"strings"
	"sync"
	"time"
)

// Point is a struct sent through channels.
type Point struct {
	X, Y int
}

// Events is a named bidirectional channel type.
type Events chan string

// Feed is a named receive-only channel type.
type Feed <-chan int

// Len is a method of a named channel type (not bound yet).
func (e Events) Len() int { return len(e) }

// Pipe holds channels in its fields.
type Pipe struct {
	In   chan<- int
	Out  <-chan int
	Both chan string
}

// Updates is a package variable holding a channel (nil at first).
var Updates chan int

// Count returns a channel that a goroutine fills with 0..n-1 and then closes.
func Count(n int) <-chan int {
	ch := make(chan int)
	go func() {
		for i := 0; i < n; i++ {
			ch <- i
		}
		close(ch)
	}()
	return ch
}

// Points returns a buffered channel holding n points, closed.
func Points(n int) chan Point {
	ch := make(chan Point, n)
	for i := 0; i < n; i++ {
		ch <- Point{i, i * i}
	}
	close(ch)
	return ch
}

// Words sends the words of s on a named channel type, then closes it.
func Words(s string) Events {
	ch := make(Events, 4)
	go func() {
		for _, w := range strings.Fields(s) {
			ch <- w
		}
		close(ch)
	}()
	return ch
}

// Sum receives from ch until it is closed and returns the sum.
func Sum(ch <-chan int) int {
	total := 0
	for v := range ch {
		total += v
	}
	return total
}

// SumFeed is Sum over a named receive-only channel type.
func SumFeed(f Feed) int {
	total := 0
	for v := range f {
		total += v
	}
	return total
}

// Join receives strings until the channel is closed and joins them with sep.
func Join(ch <-chan string, sep string) string {
	var parts []string
	for s := range ch {
		parts = append(parts, s)
	}
	return strings.Join(parts, sep)
}

// Produce sends 0..n-1 on out from a goroutine and closes it.
func Produce(out chan<- int, n int) {
	go func() {
		for i := 0; i < n; i++ {
			out <- i
		}
		close(out)
	}()
}

// Double reads from in and writes twice each value to out until in is closed, then closes out.
func Double(in <-chan int, out chan<- int) {
	go func() {
		for v := range in {
			out <- 2 * v
		}
		close(out)
	}()
}

// Echo makes a pipe whose goroutine copies In to Out (In is closed to stop it).
func Echo() *Pipe {
	c := make(chan int)
	d := make(chan int)
	go func() {
		for v := range c {
			d <- v
		}
		close(d)
	}()
	return &Pipe{In: c, Out: d, Both: make(chan string, 1)}
}

// Later sends v on ch after the given number of milliseconds.
func Later(ch chan<- int, v int, ms int) {
	go func() {
		time.Sleep(time.Duration(ms) * time.Millisecond)
		ch <- v
	}()
}

// Nil returns a nil channel.
func Nil() chan int { return nil }

// FirstN receives up to n values and stops reading (leaving the rest to the sender).
func FirstN(ch <-chan int, n int) []int {
	var out []int
	for v := range ch {
		out = append(out, v)
		if len(out) == n {
			break
		}
	}
	return out
}

// Fan starts workers goroutines that each send n values of their own (w*n+i) on one channel,
// closing it when all are done.
func Fan(workers, n int) <-chan int {
	ch := make(chan int, 16)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < n; i++ {
				ch <- w*n + i
			}
		}(w)
	}
	go func() {
		wg.Wait()
		close(ch)
	}()
	return ch
}

// SetUpdates stores ch into Updates; Bump sends v on it.
func Bump(v int) { Updates <- v }

// Done returns a signal channel that is closed after ms milliseconds, as context.Done() is.
func Done(ms int) <-chan struct{} {
	ch := make(chan struct{})
	time.AfterFunc(time.Duration(ms)*time.Millisecond, func() { close(ch) })
	return ch
}

// Signal sends one empty value on ch from a goroutine.
func Signal(ch chan<- struct{}) {
	go func() { ch <- struct{}{} }()
}

// Many returns n buffered channels, channel i holding i.
func Many(n int) []chan int {
	out := make([]chan int, n)
	for i := range out {
		out[i] = make(chan int, 1)
		out[i] <- i
	}
	return out
}

// SumFirst receives one value from each channel and returns their sum.
func SumFirst(chs []<-chan int) int {
	total := 0
	for _, ch := range chs {
		total += <-ch
	}
	return total
}

// Nested returns a channel of channels: each inner channel holds one int.
func Nested(n int) chan chan int {
	out := make(chan chan int, n)
	for i := 0; i < n; i++ {
		c := make(chan int, 1)
		c <- i
		out <- c
	}
	close(out)
	return out
}
