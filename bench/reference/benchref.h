/* The C boundary of the hand-written reference extension: types shared by exports.go and benchref.c. */
#ifndef BENCHREF_H
#define BENCHREF_H

#include <stddef.h>
#include <stdint.h>

/* A string result: Go copies it into small, or into malloc'd memory when it is longer. */
typedef struct {
    char *p;
    ptrdiff_t n;
    char small[1024];
} ref_buf;

/* Makes a new bytes object of n bytes (taking the GIL itself) and returns it, with its data in *data. */
typedef void *(*ref_alloc_fn)(ptrdiff_t n, char **data);

/* Calls the Python callable behind ctx with i (taking the GIL itself); errors are kept in ctx. */
typedef int64_t (*ref_cb_fn)(void *ctx, int64_t i);

#endif
