/* gobind C support for Go channels: what every channel class shares.  templates/c/chan.c.j2
   makes each class's functions, which call its exports (send, recv, close, size). */

/* Statuses of the channel exports, beside GOBIND_OK, GOBIND_PANIC and GOBIND_INTERRUPTED. */
#define GOBIND_CHAN_CLOSED 6   /* a receive found the channel closed and drained */
#define GOBIND_CHAN_TIMEOUT 7  /* the timeout passed first (at once for a timeout of 0) */

/* A channel object is true even when len() is 0, as any object that is not a container (Python 2
   calls the slot nb_nonzero). */
#if PY_MAJOR_VERSION < 3
#define nb_bool nb_nonzero
#endif

static int
gobind_chan_true(PyObject *self)
{
    (void)self;
    return 1;
}

/* The export reporting a channel's queued items and buffer size. */
typedef int (*gobind_chan_size_fn)(uintptr_t self, ptrdiff_t *n, ptrdiff_t *capacity, gobind_buf *msg);

/* A struct{} item (chan struct{}): None, and only None. */
static inline int
gobind_from_py_empty(PyObject *o, const char *fn, const char *arg, uint8_t *out)
{
    *out = 0;
    return o == Py_None ? 0 : gobind_type_error(fn, arg, "None", o);
}

static inline PyObject *
gobind_to_py_empty(uint8_t *v)
{
    (void)v;
    Py_INCREF(Py_None);
    return Py_None;
}

/* A timeout argument in nanoseconds: None (or no argument) waits without limit (-1); a negative
   number raises ValueError naming the method fn. */
static int
gobind_chan_timeout(const char *fn, PyObject *o, int64_t *ns)
{
    double s;
    if (o == NULL || o == Py_None) {
        *ns = -1;
        return 0;
    }
    s = PyFloat_AsDouble(o);
    if (s == -1.0 && PyErr_Occurred())
        return -1;
    if (!(s >= 0)) {
        PyErr_Format(PyExc_ValueError, "%s() argument 'timeout' must be a non-negative number or None", fn);
        return -1;
    }
    *ns = s >= 9e9 ? INT64_MAX : (int64_t)(s * 1e9);
    if (*ns == 0 && s > 0)
        *ns = 1;
    return 0;
}

/* Raises the timeout: TimeoutError; on Python 2, which has none, socket.timeout (what its own
   blocking calls with a timeout raise; since Python 3.10 socket.timeout is TimeoutError). */
static void
gobind_chan_timed_out(void)
{
#if PY_MAJOR_VERSION >= 3
    PyErr_SetString(PyExc_TimeoutError, "timed out waiting for the Go channel");
#else
    PyObject *exc, *socket = PyImport_ImportModule("socket");
    if (socket == NULL)
        return;
    exc = PyObject_GetAttrString(socket, "timeout");
    Py_DECREF(socket);
    if (exc == NULL)
        return;
    PyErr_SetString(exc, "timed out waiting for the Go channel");
    Py_DECREF(exc);
#endif
}

/* Raises the exception of a failed channel operation and returns NULL: EOFError for a closed
   channel, the timeout, GoPanic (sending on a closed channel); after GOBIND_INTERRUPTED the
   signal handler's exception (KeyboardInterrupt) is set already. */
static PyObject *
gobind_chan_fail(int status, gobind_buf *msg)
{
    if (status == GOBIND_CHAN_CLOSED)
        PyErr_SetString(PyExc_EOFError, "the Go channel is closed");
    else if (status == GOBIND_CHAN_TIMEOUT)
        gobind_chan_timed_out();
    else if (status != GOBIND_INTERRUPTED)
        gobind_raise(status, msg);
    return NULL;
}

/* The queued items (n) and buffer size (capacity) of a channel object: 0, or -1 with an exception. */
static int
gobind_chan_size(PyObject *self, gobind_chan_size_fn size, ptrdiff_t *n, ptrdiff_t *capacity)
{
    gobind_buf msg;
    int status;
    GOBIND_REFUSE_IF_FORKED(-1)
    status = size(GOBIND_HANDLE(self), n, capacity, &msg);
    if (status != GOBIND_OK) {
        gobind_raise(status, &msg);
        return -1;
    }
    return 0;
}

/* repr(): <module.Class: Go type, len n, cap c>. */
static PyObject *
gobind_chan_repr(PyObject *self, gobind_chan_size_fn size, const char *go_type)
{
    ptrdiff_t n, capacity;
    if (gobind_chan_size(self, size, &n, &capacity) < 0)
        return NULL;
    return PyUnicode_FromFormat("<%s: %s, len %zd, cap %zd>", Py_TYPE(self)->tp_name, go_type,
                                (Py_ssize_t)n, (Py_ssize_t)capacity);
}

/* tp_iternext's end: NULL, without an exception when the channel was closed (StopIteration). */
static PyObject *
gobind_chan_stop(void)
{
    if (PyErr_ExceptionMatches(PyExc_EOFError))
        PyErr_Clear();
    return NULL;
}
