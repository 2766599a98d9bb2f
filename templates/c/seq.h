/* gobind C support for Go slices and arrays bound as Python sequence classes.
   Each class is a gobind_seq_type: a PyTypeObject followed by the table of cgo exports that
   reach its Go value, so the slots below serve every slice and array class. */

#define GOBIND_MAX_DIMS 8

/* Python 2 only offers the buffer protocol of PEP 3118 to types that ask for it. */
#if PY_MAJOR_VERSION >= 3
#define GOBIND_TPFLAGS_BUFFER 0
#else
#define GOBIND_TPFLAGS_BUFFER Py_TPFLAGS_HAVE_NEWBUFFER
#endif

/* The cgo exports (len, slice, pin, unpin) return a status and write a panic into msg. */
typedef struct {
    Py_ssize_t fixed_len;                                   /* arrays: the length; slices: -1 */
    int (*len)(uintptr_t self, ptrdiff_t *n, gobind_buf *msg);  /* slices: current length */
    PyObject *(*get)(uintptr_t self, Py_ssize_t i);         /* new reference, or NULL */
    int (*set)(uintptr_t self, Py_ssize_t i, PyObject *v);  /* 0, or -1 with an exception */
    int (*slice)(uintptr_t self, ptrdiff_t lo, ptrdiff_t hi, uintptr_t *out, gobind_buf *msg);  /* slices: s[lo:hi] */
    int (*pin)(uintptr_t self, void **data, ptrdiff_t *n, uintptr_t *pin, gobind_buf *msg);  /* numeric: pins the elements */
    int (*unpin)(uintptr_t pin, gobind_buf *msg);
    const char *format;                                     /* numeric: struct-module format */
    Py_ssize_t itemsize;
    int ndim;
    Py_ssize_t inner[GOBIND_MAX_DIMS];                      /* fixed dimensions below the first */
} gobind_seq_info;

typedef struct {
    PyTypeObject type;
    gobind_seq_info info;
} gobind_seq_type;

#define GOBIND_SEQ_INFO(o) (&((gobind_seq_type *)Py_TYPE(o))->info)

/* The length, or -1 with an exception set. */
static inline Py_ssize_t
gobind_seq_length(PyObject *self)
{
    const gobind_seq_info *info = GOBIND_SEQ_INFO(self);
    ptrdiff_t n = 0;
    gobind_buf msg;
    int status;
    if (info->fixed_len >= 0)
        return info->fixed_len;
    GOBIND_REFUSE_IF_FORKED(-1)
    status = info->len(GOBIND_HANDLE(self), &n, &msg);
    if (status != GOBIND_OK) {
        gobind_raise(status, &msg);
        return -1;
    }
    return (Py_ssize_t)n;
}

static inline PyObject *
gobind_seq_item(PyObject *self, Py_ssize_t i)
{
    Py_ssize_t n = gobind_seq_length(self);
    if (n < 0)
        return NULL;
    if (i < 0 || i >= n) {
        PyErr_Format(PyExc_IndexError, "%s index out of range", Py_TYPE(self)->tp_name);
        return NULL;
    }
    return GOBIND_SEQ_INFO(self)->get(GOBIND_HANDLE(self), i);
}

static inline int
gobind_seq_ass_item(PyObject *self, Py_ssize_t i, PyObject *value)
{
    Py_ssize_t n;
    if (value == NULL) {
        PyErr_Format(PyExc_TypeError, "cannot delete items of %s: Go slices and arrays keep their length",
                     Py_TYPE(self)->tp_name);
        return -1;
    }
    n = gobind_seq_length(self);
    if (n < 0)
        return -1;
    if (i < 0 || i >= n) {
        PyErr_Format(PyExc_IndexError, "%s assignment index out of range", Py_TYPE(self)->tp_name);
        return -1;
    }
    return GOBIND_SEQ_INFO(self)->set(GOBIND_HANDLE(self), i, value);
}

/* Resolves key against length n: an index (negative counts from the end) or a slice. */
static inline int
gobind_seq_key(PyObject *key, Py_ssize_t n, Py_ssize_t *start, Py_ssize_t *stop,
               Py_ssize_t *step, Py_ssize_t *count, int *is_slice)
{
    *is_slice = PySlice_Check(key);
    if (*is_slice) {
#if PY_MAJOR_VERSION >= 3
        if (PySlice_GetIndicesEx(key, n, start, stop, step, count) < 0)
#else
        if (PySlice_GetIndicesEx((PySliceObject *)key, n, start, stop, step, count) < 0)
#endif
            return -1;
        return 0;
    }
    if (!PyIndex_Check(key)) {
        PyErr_Format(PyExc_TypeError, "indices must be integers or slices, not %.200s",
                     Py_TYPE(key)->tp_name);
        return -1;
    }
    *start = PyNumber_AsSsize_t(key, PyExc_IndexError);
    if (*start == -1 && PyErr_Occurred())
        return -1;
    if (*start < 0)
        *start += n;
    return 0;
}

static inline PyObject *
gobind_seq_subscript(PyObject *self, PyObject *key)
{
    const gobind_seq_info *info = GOBIND_SEQ_INFO(self);
    Py_ssize_t n = gobind_seq_length(self), start, stop, step, count, i;
    int is_slice, status;
    PyObject *list;
    if (n < 0 || gobind_seq_key(key, n, &start, &stop, &step, &count, &is_slice) < 0)
        return NULL;
    if (!is_slice)
        return gobind_seq_item(self, start);
    if (info->slice != NULL && step == 1) {
        /* A Go slice expression: the result shares the Go memory.  The bounds' __index__ may
           have run Python code that shrank the Go slice: Go's bounds check then panics, and
           the export turns that into GoPanic. */
        uintptr_t handle = 0;
        gobind_buf msg;
        if (count == 0)
            start = stop = 0;
        status = info->slice(GOBIND_HANDLE(self), start, stop, &handle, &msg);
        if (status != GOBIND_OK)
            return gobind_raise(status, &msg);
        return gobind_wrap(Py_TYPE(self), handle);
    }
    list = PyList_New(count);
    if (list == NULL)
        return NULL;
    for (i = 0; i < count; i++) {
        PyObject *item = info->get(GOBIND_HANDLE(self), start + i * step);
        if (item == NULL) {
            Py_DECREF(list);
            return NULL;
        }
        PyList_SET_ITEM(list, i, item);
    }
    return list;
}

static inline int
gobind_seq_ass_subscript(PyObject *self, PyObject *key, PyObject *value)
{
    Py_ssize_t n = gobind_seq_length(self), start, stop, step, count, i;
    int is_slice, rc = 0;
    PyObject *items;
    if (n < 0 || gobind_seq_key(key, n, &start, &stop, &step, &count, &is_slice) < 0)
        return -1;
    if (!is_slice || value == NULL)
        return gobind_seq_ass_item(self, is_slice ? 0 : start, value);
    /* a snapshot: converting an item may run Python code that changes value */
    items = gobind_sequence_snapshot(value, "can only assign a sequence to a slice of a Go value");
    if (items == NULL)
        return -1;
    if (PySequence_Fast_GET_SIZE(items) != count) {
        PyErr_Format(PyExc_ValueError, "cannot assign %zd items to a slice of %zd items of %s: "
                     "Go slices and arrays keep their length",
                     PySequence_Fast_GET_SIZE(items), count, Py_TYPE(self)->tp_name);
        Py_DECREF(items);
        return -1;
    }
    for (i = 0; i < count && rc == 0; i++)
        rc = GOBIND_SEQ_INFO(self)->set(GOBIND_HANDLE(self), start + i * step,
                                        PySequence_Fast_GET_ITEM(items, i));
    Py_DECREF(items);
    return rc;
}

/* == and != against any sequence (list, tuple, another Go slice), item by item. */
static inline PyObject *
gobind_seq_richcompare(PyObject *self, PyObject *other, int op)
{
    Py_ssize_t n, i;
    int equal = 1;
    if ((op != Py_EQ && op != Py_NE) || !PySequence_Check(other) || PyUnicode_Check(other)
        || PyBytes_Check(other) || PyByteArray_Check(other)) {
        Py_INCREF(Py_NotImplemented);
        return Py_NotImplemented;
    }
    n = gobind_seq_length(self);
    if (n < 0)
        return NULL;
    if (PySequence_Size(other) != n) {
        if (PyErr_Occurred())
            return NULL;
        equal = 0;
    }
    for (i = 0; equal && i < n; i++) {
        PyObject *a = gobind_seq_item(self, i), *b;
        int r;
        if (a == NULL)
            return NULL;
        b = PySequence_GetItem(other, i);
        if (b == NULL) {
            Py_DECREF(a);
            return NULL;
        }
        r = PyObject_RichCompareBool(a, b, Py_EQ);
        Py_DECREF(a);
        Py_DECREF(b);
        if (r < 0)
            return NULL;
        equal = r;
    }
    return PyBool_FromLong(op == Py_EQ ? equal : !equal);
}

/* "module.Type([1, 2, 3])" */
static inline PyObject *
gobind_seq_repr(PyObject *self)
{
    PyObject *list = PySequence_List(self), *inner, *result;
    if (list == NULL)
        return NULL;
    inner = PyObject_Repr(list);
    Py_DECREF(list);
    if (inner == NULL)
        return NULL;
#if PY_MAJOR_VERSION >= 3
    result = PyUnicode_FromFormat("%s(%U)", Py_TYPE(self)->tp_name, inner);
#else
    result = PyString_FromFormat("%s(%s)", Py_TYPE(self)->tp_name, PyString_AsString(inner));
#endif
    Py_DECREF(inner);
    return result;
}

/* ---- the buffer protocol: numeric elements are viewed in place ------------ */

/* One buffer view of a slice or array object: its own pin of the Go memory the object referred
   to when the view was made, and that memory's shape.  A view is a snapshot of where the slice
   was and how long it was; a later one sees the slice as it is then.  The object lists the
   records of its views and a release frees only a record it finds there: Python 2's memoryview
   copies a view (its `internal` too) and may release the copy, so a record can be released twice
   and the second release must do nothing. */
typedef struct gobind_view_state {
    struct gobind_view_state *next;
    uintptr_t pin;
    Py_ssize_t shape[GOBIND_MAX_DIMS];
    Py_ssize_t strides[GOBIND_MAX_DIMS];
} gobind_view_state;

/* A slice or array object: its handle, and the records of its live buffer views. */
typedef struct {
    PyObject_HEAD
    uintptr_t handle;
    gobind_view_state *views;
} gobind_seq_object;

/* Pins the object's current Go memory for a new view and fills in its shape and strides;
   returns the record (not yet listed) and stores the data pointer and byte length. */
static inline gobind_view_state *
gobind_view_pin(PyObject *self, void **data, Py_ssize_t *len)
{
    const gobind_seq_info *info = GOBIND_SEQ_INFO(self);
    gobind_view_state *state = (gobind_view_state *)PyMem_Malloc(sizeof *state);
    ptrdiff_t n = 0;
    Py_ssize_t count = 1;
    int d, status;
    gobind_buf msg;
    if (state == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    *data = NULL;
    status = info->pin(((gobind_seq_object *)self)->handle, data, &n, &state->pin, &msg);
    if (status != GOBIND_OK) {
        PyMem_Free(state);
        gobind_raise(status, &msg);
        return NULL;
    }
    state->shape[0] = (Py_ssize_t)n;
    for (d = 1; d < info->ndim; d++)
        state->shape[d] = info->inner[d - 1];
    for (d = info->ndim - 1; d >= 0; d--) {
        state->strides[d] = count * info->itemsize;
        count *= state->shape[d];
    }
    *len = count * info->itemsize;
    return state;
}

static inline int
gobind_seq_getbuffer(PyObject *self, Py_buffer *view, int flags)
{
    static char empty[16];
    const gobind_seq_info *info = GOBIND_SEQ_INFO(self);
    gobind_seq_object *o = (gobind_seq_object *)self;
    gobind_view_state *state;
    void *data;
    Py_ssize_t len;
    GOBIND_REFUSE_IF_FORKED(-1)
    state = gobind_view_pin(self, &data, &len);
    if (state == NULL)
        return -1;
    state->next = o->views;
    o->views = state;
    view->buf = data != NULL ? data : (void *)empty;
    view->obj = self;
    Py_INCREF(self);
    view->len = len;
    view->readonly = 0;
    view->itemsize = info->itemsize;
    view->format = (flags & PyBUF_FORMAT) ? (char *)info->format : NULL;
    view->ndim = info->ndim;
    view->shape = (flags & PyBUF_ND) ? state->shape : NULL;
    view->strides = (flags & PyBUF_STRIDES) == PyBUF_STRIDES ? state->strides : NULL;
    view->suboffsets = NULL;
    view->internal = state;
    return 0;
}

/* Releasing the last view unpins the Go memory; a forked child leaks the pin rather than call
   Go (its Go runtime cannot run: the call would hang). */
/* Drops a view's pin (a forked child cannot reach Go: the pin stays) and frees its record. */
static inline void
gobind_view_unpin(PyObject *self, gobind_view_state *state)
{
    gobind_buf msg;
    int status = GOBIND_OK;
    if (!gobind_forked)
        status = GOBIND_SEQ_INFO(self)->unpin(state->pin, &msg);
    if (status != GOBIND_OK)
        gobind_unraisable(status, &msg);
    PyMem_Free(state);
}

static inline void
gobind_seq_releasebuffer(PyObject *self, Py_buffer *view)
{
    gobind_seq_object *o = (gobind_seq_object *)self;
    gobind_view_state **link = &o->views;
    while (*link != NULL && *link != (gobind_view_state *)view->internal)
        link = &(*link)->next;
    if (*link == NULL)
        return;  /* released already (a copied view) */
    {
        gobind_view_state *state = *link;
        *link = state->next;
        gobind_view_unpin(self, state);
    }
}

/* Frees the records of views never released (see above), unpinning them unless forked. */
static inline void
gobind_seq_drop_views(PyObject *self)
{
    gobind_seq_object *o = (gobind_seq_object *)self;
    while (o->views != NULL) {
        gobind_view_state *state = o->views;
        o->views = state->next;
        gobind_view_unpin(self, state);
    }
}

/* ---- Python sequences passed where Go wants a slice or array --------------- */

/* The items of o (any iterable but str, bytes and dict) as a fast sequence that Python code run
   while they are converted cannot change, or NULL with TypeError. */
static inline PyObject *
gobind_as_sequence(PyObject *o, const char *fn, const char *arg, const char *want)
{
    PyObject *seq;
    if (PyUnicode_Check(o) || PyBytes_Check(o) || PyDict_Check(o)) {
        gobind_type_error(fn, arg, want, o);
        return NULL;
    }
    seq = gobind_sequence_snapshot(o, "not iterable");
    if (seq == NULL && PyErr_ExceptionMatches(PyExc_TypeError)) {
        PyErr_Clear();
        gobind_type_error(fn, arg, want, o);
    }
    return seq;
}

/* Writes "arg[i]" into name, for messages about one item of a sequence argument. */
static inline void
gobind_item_name(char *name, size_t size, const char *arg, Py_ssize_t i)
{
    PyOS_snprintf(name, size, "%s[%zd]", arg, i);
}

/* Raises ValueError for an array argument of the wrong length; returns -1. */
static inline int
gobind_length_error(const char *fn, const char *arg, Py_ssize_t want, Py_ssize_t got)
{
    PyErr_Format(PyExc_ValueError, "%s() argument '%s' must have %zd items (a Go array), not %zd",
                 fn, arg, want, got);
    return -1;
}

/* Gets a C-contiguous 1-D buffer of o when its items have the memory layout of format;
   returns 1 with view filled, 0 when o has no such buffer, -1 on error. */
static inline int
gobind_matching_buffer(PyObject *o, const char *format, Py_buffer *view)
{
    Py_ssize_t want_size = 0, got_size = 0;
    char want = gobind_format_kind(format, &want_size), got;
    if (!PyObject_CheckBuffer(o) || PyBytes_Check(o) || PyByteArray_Check(o))
        return 0;
    if (PyObject_GetBuffer(o, view, PyBUF_FORMAT | PyBUF_C_CONTIGUOUS) < 0) {
        PyErr_Clear();
        return 0;
    }
    got = gobind_format_kind(view->format, &got_size);
    if (view->ndim != 1 || got != want || got_size != want_size) {
        PyBuffer_Release(view);
        return 0;
    }
    return 1;
}

/* Registers a sequence class as a virtual subclass of collections.abc.Sequence. */
static inline int
gobind_register_sequence(PyTypeObject *type)
{
    PyObject *sequence = gobind_collections_abc("Sequence"), *result;
    if (sequence == NULL)
        return -1;
    result = PyObject_CallMethod(sequence, "register", "O", (PyObject *)type);
    Py_DECREF(sequence);
    Py_XDECREF(result);
    return result == NULL ? -1 : 0;
}
