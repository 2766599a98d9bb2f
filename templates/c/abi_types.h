/* Types on the cgo boundary, shared by the Go exports, the CPython module and the support code. */
#ifndef GOBIND_ABI_TYPES_H
#define GOBIND_ABI_TYPES_H

#include <stddef.h>
#include <stdint.h>

/* Size of the inline part of a result buffer; a longer result becomes its Python object
   while Go still runs (gobind_buf_make), so it is copied once. */
#define GOBIND_SMALL 1024

/* Bytes borrowed from Python for the duration of one call (str as UTF-8, bytes, buffers). */
typedef struct {
    const char *p;
    ptrdiff_t n;
} gobind_view;

/* A value stored where Go wants a func: the handle of a Go func that Python held (held), or a
   Python callable (fn, a reference Go takes over), or neither (nil). */
typedef struct {
    uintptr_t held;
    uintptr_t fn;
} gobind_func;

/* A reference Python holds to a Go value: a cgo handle, and which bound class wraps it
   (for values whose class is only known at run time, such as errors; 0 is the generic class). */
typedef struct {
    uintptr_t handle;
    int32_t kind;
} gobind_ref;

/* A string or []byte Go hands back: n bytes at p, which points into small; or, when p is NULL,
   obj is the result's Python object (a new reference), or NULL with a Python exception set.
   A failing call also leaves the Go error in err. */
typedef struct {
    char *p;
    ptrdiff_t n;
    void *obj;
    gobind_ref err;
    char small[GOBIND_SMALL];
} gobind_buf;

/* What gobind_buf_make makes: a str (Python 2: str) or a bytes object. */
#define GOBIND_MAKE_STR 0
#define GOBIND_MAKE_BYTES 1

/* Defined by the extension, called by Go inside an export for a result longer than small:
   stores in b->obj the Python object of kind `kind` holding the n bytes at address p, taking
   the GIL for as long as the object needs it.  p is Go memory, read only during the call. */
void gobind_buf_make(gobind_buf *b, uintptr_t p, ptrdiff_t n, int kind);

/* A complex64 or complex128 value. */
typedef struct {
    double re;
    double im;
} gobind_complex;

/* Functions that take a context.Context: Go calls back through this function pointer (on the
   calling thread) to ask whether Python wants the call to stop; nonzero means it does, and the
   call then returns GOBIND_INTERRUPTED with the Python exception already set. */
typedef int (*gobind_poll_fn)(void);
#define GOBIND_INTERRUPTED 3

/* Go code cannot call a C function pointer itself. */
static inline int
gobind_call_poll(gobind_poll_fn poll)
{
    return poll();
}

/* Defined by the extension (templates/c/aio.c), called by Go when an awaited call's goroutine is
   done: job is the gobind_aio_job C passed, whose status, msg and result slots Go filled. */
void gobind_aio_done(uintptr_t job);

#endif /* GOBIND_ABI_TYPES_H */
