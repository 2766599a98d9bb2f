// Package tally counts events for the whole process: one Go runtime means one count.
package tally

import "sync/atomic"

var count atomic.Int64

// Add counts one event and returns the count so far.
func Add() int64 {
	return count.Add(1)
}

// Total is the count so far.
func Total() int64 {
	return count.Load()
}
