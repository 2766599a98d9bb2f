// Package main holds the cgo exports of the hand-written reference extension (benchref.c):
// the cheapest correct conversion for each benchmark row, written for these functions only.
// Arguments that Python owns are viewed, not copied, since none of benchpkg's functions keeps
// its arguments after it returns; results are copied once into memory that C owns.
package main

/*
#include <stdlib.h>
#cgo CFLAGS: -I${SRCDIR}/..
#include "benchref.h"
*/
import "C"

import (
	"runtime/cgo"
	"unsafe"

	"example.com/benchpkg"
)

func main() {}

// putString copies s into out: into its inline part when it fits, else into malloc'd memory.
func putString(out *C.ref_buf, s string) {
	p := &out.small[0]
	if len(s) > len(out.small) {
		p = (*C.char)(C.malloc(C.size_t(len(s))))
	}
	copy(unsafe.Slice((*byte)(unsafe.Pointer(p)), len(s)), s)
	out.p = p
	out.n = C.ptrdiff_t(len(s))
}

//export ref_noop
func ref_noop() { benchpkg.Noop() }

//export ref_add
func ref_add(a, b C.int64_t) C.int64_t { return C.int64_t(benchpkg.Add(int(a), int(b))) }

//export ref_echo
func ref_echo(p *C.char, n C.ptrdiff_t, out *C.ref_buf) {
	putString(out, benchpkg.Echo(unsafe.String((*byte)(unsafe.Pointer(p)), int(n))))
}

//export ref_echo_bytes
func ref_echo_bytes(p *C.char, n C.ptrdiff_t, alloc C.ref_alloc_fn) unsafe.Pointer {
	r := benchpkg.EchoBytes(unsafe.Slice((*byte)(unsafe.Pointer(p)), int(n)))
	obj, dst := newBytes(alloc, len(r))
	copy(dst, r)
	return obj
}

//export ref_safe_div
func ref_safe_div(a, b C.int64_t, r *C.int64_t, msg *C.ref_buf) C.int {
	v, err := benchpkg.SafeDiv(int(a), int(b))
	if err != nil {
		putString(msg, err.Error())
		return 1
	}
	*r = C.int64_t(v)
	return 0
}

//export ref_counter_new
func ref_counter_new() C.uintptr_t { return C.uintptr_t(cgo.NewHandle(&benchpkg.Counter{})) }

//export ref_counter_free
func ref_counter_free(h C.uintptr_t) { cgo.Handle(h).Delete() }

//export ref_counter_inc
func ref_counter_inc(h C.uintptr_t, k C.int64_t) C.int64_t {
	return C.int64_t(cgo.Handle(h).Value().(*benchpkg.Counter).Inc(int(k)))
}

//export ref_sum_floats
func ref_sum_floats(p *C.double, n C.ptrdiff_t) C.double {
	return C.double(benchpkg.SumFloats(unsafe.Slice((*float64)(unsafe.Pointer(p)), int(n))))
}

//export ref_make_floats
func ref_make_floats(n C.ptrdiff_t, out **C.double) C.ptrdiff_t {
	r := benchpkg.MakeFloats(int(n))
	p := (*C.double)(C.malloc(C.size_t(len(r))*8 + 1))
	if p == nil {
		return -1
	}
	copy(unsafe.Slice((*float64)(unsafe.Pointer(p)), len(r)), r)
	*out = p
	return C.ptrdiff_t(len(r))
}

//export ref_callback
func ref_callback(f C.ref_cb_fn, ctx unsafe.Pointer, n C.int64_t) C.int64_t {
	return C.int64_t(benchpkg.CallBack(func(i int) int { return callPy(f, ctx, i) }, int(n)))
}

//export ref_spin
func ref_spin(n C.int64_t) C.int64_t { return C.int64_t(benchpkg.Spin(int(n))) }
