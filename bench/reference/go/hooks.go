// C trampolines the exports use to call back into the C extension through function pointers.
package main

/*
#cgo CFLAGS: -I${SRCDIR}/..
#include "benchref.h"

static inline void *ref_call_alloc(ref_alloc_fn f, ptrdiff_t n, char **data) { return f(n, data); }
static inline int64_t ref_call_cb(ref_cb_fn f, void *ctx, int64_t i) { return f(ctx, i); }
*/
import "C"

import "unsafe"

// newBytes asks the C side for a bytes object of n bytes and returns it with a Go view of its data.
func newBytes(alloc C.ref_alloc_fn, n int) (unsafe.Pointer, []byte) {
	var data *C.char
	obj := C.ref_call_alloc(alloc, C.ptrdiff_t(n), &data)
	if obj == nil {
		return nil, nil
	}
	return obj, unsafe.Slice((*byte)(unsafe.Pointer(data)), n)
}

// callPy calls the Python callable behind ctx.
func callPy(f C.ref_cb_fn, ctx unsafe.Pointer, i int) int {
	return int(C.ref_call_cb(f, ctx, C.int64_t(i)))
}
