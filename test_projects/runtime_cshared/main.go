// Command rtcshared is a plain Go c-shared library (go build -buildmode=c-shared), not made
// by gobind, that gobind's runtime tests load with ctypes next to gobind modules.
package main

import "C"

import (
	"runtime"
	"sync"
	"sync/atomic"
)

func main() {}

// GoAdd returns a+b.
//
//export GoAdd
func GoAdd(a, b C.long) C.long { return a + b }

//go:noinline
func spinStep(x uint64) uint64 { return x*6364136223846793005 + 1442695040888963407 }

var spinSink atomic.Uint64

// GoGCWithSpinner runs rounds of "8 allocating goroutines, then runtime.GC()" while one
// goroutine spins in a loop that only asynchronous preemption can stop; it returns rounds.
//
//export GoGCWithSpinner
func GoGCWithSpinner(rounds C.int) C.int {
	var stop atomic.Bool
	done := make(chan struct{})
	go func() {
		x := uint64(1)
		for !stop.Load() {
			x = spinStep(x)
		}
		spinSink.Store(x)
		close(done)
	}()
	for r := 0; r < int(rounds); r++ {
		var wg sync.WaitGroup
		for g := 0; g < 8; g++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				keep := make([][]byte, 0, 64)
				for i := 0; i < 1000; i++ {
					keep = append(keep, make([]byte, 512))
					if len(keep) == cap(keep) {
						keep = keep[:0]
					}
				}
			}()
		}
		wg.Wait()
		runtime.GC()
	}
	stop.Store(true)
	<-done
	return rounds
}
