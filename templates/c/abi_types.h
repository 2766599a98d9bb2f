/* Types on the cgo boundary, shared by the Go exports and the CPython module. */
#include <stddef.h>
#include <stdint.h>

/* Size of the inline part of a result buffer; longer results are copied to malloc'd memory. */
#define GOBIND_SMALL 1024

/* Bytes borrowed from Python for the duration of one call (str as UTF-8, bytes, buffers). */
typedef struct {
    const char *p;
    ptrdiff_t n;
} gobind_view;

/* A reference Python holds to a Go value: a cgo handle, and which bound class wraps it
   (for values whose class is only known at run time, such as errors; 0 is the generic class). */
typedef struct {
    uintptr_t handle;
    int32_t kind;
} gobind_ref;

/* Bytes Go hands back: p points into small, or to malloc'd memory the C side frees.
   A failing call also leaves the Go error in err. */
typedef struct {
    char *p;
    ptrdiff_t n;
    gobind_ref err;
    char small[GOBIND_SMALL];
} gobind_buf;

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
