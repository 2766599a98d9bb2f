/* gobind C support for Go iterators: Go's iter.Seq and iter.Seq2 results seen from Python as
   iterators that pull one step per cgo call, and Python iterables passed where Go wants one.
   Each module defines the gobind_iter_type object (named after the module) and, per iterator
   type, the function that pulls one step and makes its Python value. */

/* Statuses of the iterator exports, beside GOBIND_OK and GOBIND_PANIC. */
#define GOBIND_ITER_DONE 4  /* the Go iterator has no more values */
#define GOBIND_ITER_BUSY 5  /* another thread is running the Go iterator */

/* Pulls the next step of the Go iterator behind handle: a new reference, or NULL with *status
   GOBIND_ITER_DONE or GOBIND_ITER_BUSY, or NULL with an exception set. */
typedef PyObject *(*gobind_iter_next_fn)(uintptr_t handle, int *status);
/* Stops the Go iterator behind handle and deletes the handle (unless it reports GOBIND_ITER_BUSY). */
typedef int (*gobind_iter_stop_fn)(uintptr_t handle, gobind_buf *msg);

typedef struct {
    PyObject_HEAD
    uintptr_t handle;          /* the Go side's pull state; 0 once the iterator ended or closed */
    gobind_iter_next_fn next;
    gobind_iter_stop_fn stop;
} gobind_iter;

static PyTypeObject gobind_iter_type;

/* Stops the Go iterator, as a break in a Go for loop would: its deferred calls run now.
   0, or -1 with an exception (a panic while it stopped, or another thread running it). */
static int
gobind_iter_stop(gobind_iter *self)
{
    uintptr_t handle = self->handle;
    gobind_buf msg;
    int status = GOBIND_OK;
    if (handle == 0)
        return 0;
    GOBIND_CALL_BEGIN
    status = self->stop(handle, &msg);
    GOBIND_CALL_END
    if (status == GOBIND_ITER_BUSY) {
        PyErr_SetString(PyExc_ValueError, "Go iterator already executing");
        return -1;
    }
    self->handle = 0;
    if (status == GOBIND_OK)
        return 0;
    gobind_raise(status, &msg);
done:  /* also reached, with the error set, in a forked child */
    return -1;
}

/* A Python iterator over the Go iterator behind handle (Python owns the handle from now on). */
static inline PyObject *
gobind_iter_new(uintptr_t handle, gobind_iter_next_fn next, gobind_iter_stop_fn stop)
{
    gobind_iter *self = PyObject_New(gobind_iter, &gobind_iter_type);
    gobind_buf msg;
    int status;
    if (self == NULL) {
        status = stop(handle, &msg);
        if (status != GOBIND_OK)
            gobind_unraisable(status, &msg);
        return NULL;
    }
    self->handle = handle;
    self->next = next;
    self->stop = stop;
    return (PyObject *)self;
}

/* The next step; at the end, or after a panic, the Go iterator is stopped and the handle gone. */
static PyObject *
gobind_iter_iternext(PyObject *o)
{
    gobind_iter *self = (gobind_iter *)o;
    PyObject *type, *value, *tb, *item;
    int status = GOBIND_OK;
    if (self->handle == 0)
        return NULL;
    GOBIND_REFUSE_IF_FORKED(NULL)
    item = self->next(self->handle, &status);
    if (status == GOBIND_ITER_BUSY) {
        PyErr_SetString(PyExc_ValueError, "Go iterator already executing");
        return NULL;
    }
    if (item != NULL || status == GOBIND_OK)
        return item;  /* a value, or a value Python could not hold: the iterator goes on */
    PyErr_Fetch(&type, &value, &tb);
    if (gobind_iter_stop(self) < 0)
        PyErr_WriteUnraisable(o);
    PyErr_Restore(type, value, tb);
    return NULL;
}

/* close() ends the iteration early, as break does in Go. */
static PyObject *
gobind_iter_close(PyObject *o, PyObject *unused)
{
    (void)unused;
    if (gobind_iter_stop((gobind_iter *)o) < 0)
        return NULL;
    Py_INCREF(Py_None);
    return Py_None;
}

/* A Go iterator dropped before its end is stopped (Go's deferred calls run); a forked child
   leaks it rather than call Go. */
static void
gobind_iter_dealloc(PyObject *o)
{
    gobind_iter *self = (gobind_iter *)o;
    PyObject *type, *value, *tb;
    if (self->handle != 0 && !gobind_forked) {
        PyErr_Fetch(&type, &value, &tb);
        if (gobind_iter_stop(self) < 0)
            PyErr_WriteUnraisable(o);
        PyErr_Restore(type, value, tb);
    }
    PyObject_Del(o);
}

static PyMethodDef gobind_iter_methods[] = {
    {"close", gobind_iter_close, METH_NOARGS,
     GOBIND_DOC("close($self, /)\n--\n\n", "Stop the Go iterator now, as break does in a Go for loop.")},
    {NULL, NULL, 0, NULL},
};
