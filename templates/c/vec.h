/* ---- Vectorised calls (m.vec): one Go call over whole buffers ----------------------------
   A vectorised twin takes, for each parameter of the scalar Go function, a C-contiguous buffer of
   the parameter's element type or a scalar (broadcast), and `out` and `workers` by keyword.  The
   generic part below parses and checks the arguments, holds every buffer for the call, and makes
   the result; the generated twin converts scalars (gobind_vec_spec.scalar) and calls its export
   once, with the GIL released. */

#define GOBIND_VEC_MAX_ARGS 16

/* A broadcast scalar, converted with the parameter's own converter. */
typedef union {
    int8_t i8;
    int16_t i16;
    int32_t i32;
    int64_t i64;
    ptrdiff_t n;
    uint8_t u8;
    uint16_t u16;
    uint32_t u32;
    uint64_t u64;
    size_t un;
    float f32;
    double f64;
} gobind_vec_scalar;

/* The Go export of a twin: runs the function over n elements; ptrs[i] is argument i's first
   element and steps[i] is 1 (a buffer) or 0 (a scalar). */
typedef int (*gobind_vec_fn)(ptrdiff_t n, void **ptrs, ptrdiff_t *steps, void *out, int workers,
                             gobind_buf *msg);

typedef struct {
    const char *name;                 /* "vec.Add", as messages name the twin */
    int nargs;
    const char *const *params;        /* the parameters' Python names */
    const char *const *formats;       /* each parameter's buffer format, then the result's */
    const char *const *types;         /* each parameter's Go type, then the result's, for messages */
    int (*scalar)(int i, PyObject *o, gobind_vec_scalar *out);
    gobind_vec_fn fn;
} gobind_vec_spec;

/* What one call holds: strong references to its arguments, their buffers, and the result. */
typedef struct {
    PyObject *objs[GOBIND_VEC_MAX_ARGS + 1];   /* the arguments, then out (or NULL) */
    Py_buffer views[GOBIND_VEC_MAX_ARGS + 1];
    int held[GOBIND_VEC_MAX_ARGS + 1];         /* views[i] is a buffer to release */
    gobind_vec_scalar scalars[GOBIND_VEC_MAX_ARGS];
    void *ptrs[GOBIND_VEC_MAX_ARGS];
    ptrdiff_t steps[GOBIND_VEC_MAX_ARGS];
    int shaped;                                /* the argument whose shape the result takes, or -1 */
    Py_ssize_t n;
    int workers;
    PyObject *result;                          /* out, or a new bytearray */
} gobind_vec_call;

static void
gobind_vec_clear(gobind_vec_call *c, int nargs)
{
    int i;
    for (i = 0; i <= nargs; i++) {
        if (c->held[i])
            PyBuffer_Release(&c->views[i]);
        c->held[i] = 0;
        Py_CLEAR(c->objs[i]);
    }
}

/* Takes the arguments by position or keyword, with strong references: converting one can run
   Python code, which may change the keyword dict. */
static int
gobind_vec_parse(const gobind_vec_spec *s, gobind_vec_call *c, PyObject *args, PyObject *kw,
                 PyObject **workers)
{
    Py_ssize_t npos = PyTuple_GET_SIZE(args), pos = 0;
    PyObject *key, *value;
    int i;
    if (npos > s->nargs)
        return PyErr_Format(PyExc_TypeError, "%s() takes %d positional arguments but %zd were given",
                            s->name, s->nargs, npos), -1;
    for (i = 0; i < npos; i++)
        c->objs[i] = gobind_new_ref(PyTuple_GET_ITEM(args, i));
    while (kw != NULL && PyDict_Next(kw, &pos, &key, &value)) {
        const char *name = PyUnicode_Check(key) ? PyUnicode_AsUTF8(key) : NULL;
        int at = -1;
        if (name == NULL) {
            PyErr_Clear();
            name = "";
        }
        for (i = 0; i < s->nargs && at < 0; i++)
            if (strcmp(name, s->params[i]) == 0)
                at = i;
        if (at < 0 && strcmp(name, "out") == 0)
            at = s->nargs;
        if (at < 0 && strcmp(name, "workers") == 0) {
            Py_XDECREF(*workers);
            *workers = gobind_new_ref(value);
            continue;
        }
        if (at < 0)
            return PyErr_Format(PyExc_TypeError, "%s() got an unexpected keyword argument %R", s->name,
                                key), -1;
        if (c->objs[at] != NULL)
            return PyErr_Format(PyExc_TypeError, "%s() got multiple values for argument '%s'", s->name,
                                at < s->nargs ? s->params[at] : "out"), -1;
        c->objs[at] = gobind_new_ref(value);
    }
    if (c->objs[s->nargs] == Py_None)
        Py_CLEAR(c->objs[s->nargs]);
    for (i = 0; i < s->nargs; i++)
        if (c->objs[i] == NULL)
            return PyErr_Format(PyExc_TypeError, "%s() missing required argument '%s'", s->name,
                                s->params[i]), -1;
    return 0;
}

/* Argument i as a C-contiguous buffer of its element type: 1, or 0 when it is no buffer (then
   a scalar), or -1 with TypeError or ValueError naming it. */
static int
gobind_vec_buffer(const gobind_vec_spec *s, gobind_vec_call *c, int i, int writable)
{
    PyObject *o = c->objs[i];
    const char *what = i < s->nargs ? s->params[i] : "out";
    Py_ssize_t want_size = 0, got_size = 0;
    char want = gobind_format_kind(s->formats[i], &want_size), got;
    if (!PyObject_CheckBuffer(o) || PyBytes_Check(o) || PyByteArray_Check(o) || PyUnicode_Check(o)) {
        if (i < s->nargs)
            return 0;
        return PyErr_Format(PyExc_TypeError, "%s() argument 'out' must be a writable buffer of %s, not %.100s",
                            s->name, s->types[i], Py_TYPE(o)->tp_name), -1;
    }
    if (PyObject_GetBuffer(o, &c->views[i], PyBUF_FORMAT | PyBUF_C_CONTIGUOUS | (writable ? PyBUF_WRITABLE : 0)) < 0) {
        PyErr_Clear();
        return PyErr_Format(writable ? PyExc_TypeError : PyExc_ValueError,
                            "%s() argument '%s' must be a C-contiguous%s buffer of %s", s->name, what,
                            writable ? " writable" : "", s->types[i]), -1;
    }
    c->held[i] = 1;
    if (c->views[i].ndim == 0 && i < s->nargs) {   /* a 0-d buffer (a numpy scalar) is a scalar */
        PyBuffer_Release(&c->views[i]);
        c->held[i] = 0;
        return 0;
    }
    got = gobind_format_kind(c->views[i].format, &got_size);
    if (got != want || got_size != want_size)
        return PyErr_Format(PyExc_TypeError, "%s() argument '%s' must hold %s items (format '%s'), not format '%s'",
                            s->name, what, s->types[i], s->formats[i],
                            c->views[i].format ? c->views[i].format : "B"), -1;
    return 1;
}

/* Checks that buffer i has as many items as the ones before it (ValueError naming both). */
static int
gobind_vec_length(const gobind_vec_spec *s, gobind_vec_call *c, int i)
{
    Py_buffer *v = &c->views[i];
    Py_ssize_t n = v->itemsize > 0 ? v->len / v->itemsize : 0;
    if (c->n < 0) {
        c->n = n;
        c->shaped = i;
        return 0;
    }
    if (n != c->n)
        return PyErr_Format(PyExc_ValueError, "%s() argument '%s' has %zd items, but '%s' has %zd", s->name,
                            i < s->nargs ? s->params[i] : "out", n, s->params[c->shaped], c->n), -1;
    return 0;
}

/* Parses and checks one call; on success every pointer of c is ready for the export. */
static int
gobind_vec_prepare(const gobind_vec_spec *s, gobind_vec_call *c, PyObject *args, PyObject *kw)
{
    PyObject *workers = NULL;
    int i, got, rc = -1;
    c->n = -1;
    c->shaped = -1;
    c->workers = 0;
    if (gobind_vec_parse(s, c, args, kw, &workers) < 0)
        goto done;
    if (workers != NULL && workers != Py_None) {
        long w = PyLong_AsLong(workers);
        if (w == -1 && PyErr_Occurred())
            goto done;
        if (w < 1 || w > 4096) {
            PyErr_Format(PyExc_ValueError, "%s() argument 'workers' must be from 1 to 4096, not %ld", s->name, w);
            goto done;
        }
        c->workers = (int)w;
    }
    for (i = 0; i < s->nargs; i++) {
        if ((got = gobind_vec_buffer(s, c, i, 0)) < 0)
            goto done;
        if (got == 0) {   /* a scalar, broadcast (its conversion may run Python code) */
            if (s->scalar(i, c->objs[i], &c->scalars[i]) < 0)
                goto done;
            c->ptrs[i] = &c->scalars[i];
            c->steps[i] = 0;
            continue;
        }
        if (gobind_vec_length(s, c, i) < 0)
            goto done;
        c->ptrs[i] = c->views[i].buf;
        c->steps[i] = 1;
    }
    if (c->objs[s->nargs] != NULL) {
        if (gobind_vec_buffer(s, c, s->nargs, 1) < 0 || gobind_vec_length(s, c, s->nargs) < 0)
            goto done;
        c->result = gobind_new_ref(c->objs[s->nargs]);
    } else if (c->n < 0) {
        PyErr_Format(PyExc_TypeError, "%s() needs at least one buffer argument (or out=) to know the length",
                     s->name);
        goto done;
    } else {
        Py_ssize_t size = 0;
        gobind_format_kind(s->formats[s->nargs], &size);
        c->result = PyByteArray_FromStringAndSize(NULL, c->n * size);
        if (c->result == NULL)
            goto done;
    }
    rc = 0;
done:
    Py_XDECREF(workers);
    return rc;
}

/* The new result: a memoryview of the bytearray, cast to the result's format and the shape of
   the first buffer argument (1-D when empty), so numpy.asarray() of it does not copy. */
static PyObject *
gobind_vec_result(const gobind_vec_spec *s, gobind_vec_call *c)
{
    PyObject *view, *shape, *cast;
    Py_buffer *first = &c->views[c->shaped];
    int d;
    if (c->objs[s->nargs] != NULL)
        return gobind_new_ref(c->result);
    view = PyMemoryView_FromObject(c->result);
    if (view == NULL || c->n == 0) {   /* memoryview cannot cast to a shape with a 0 in it */
        cast = view == NULL ? NULL : PyObject_CallMethod(view, "cast", "s", s->formats[s->nargs]);
        Py_XDECREF(view);
        return cast;
    }
    shape = PyTuple_New(first->ndim > 0 ? first->ndim : 1);
    if (shape == NULL) {
        Py_DECREF(view);
        return NULL;
    }
    for (d = 0; d < PyTuple_GET_SIZE(shape); d++) {
        PyObject *dim = PyLong_FromSsize_t(first->ndim > 0 ? first->shape[d] : c->n);
        if (dim == NULL) {
            Py_DECREF(shape);
            Py_DECREF(view);
            return NULL;
        }
        PyTuple_SET_ITEM(shape, d, dim);
    }
    cast = PyObject_CallMethod(view, "cast", "sO", s->formats[s->nargs], shape);
    Py_DECREF(shape);
    Py_DECREF(view);
    return cast;
}

/* One vectorised call: parse, one Go call with the GIL released, result. */
static PyObject *
gobind_vec_call_go(const gobind_vec_spec *s, PyObject *args, PyObject *kw)
{
    gobind_vec_call c;
    gobind_buf msg;
    int status;
    void *out;
    PyObject *result = NULL;
    memset(&c, 0, sizeof c);
    if (gobind_vec_prepare(s, &c, args, kw) < 0)
        goto done;
    out = c.held[s->nargs] ? c.views[s->nargs].buf : PyByteArray_AS_STRING(c.result);
    GOBIND_CALL_BEGIN
    status = s->fn((ptrdiff_t)c.n, c.ptrs, c.steps, out, c.workers, &msg);
    GOBIND_CALL_END
    if (status != GOBIND_OK) {
        gobind_raise(status, &msg);
        goto done;
    }
    result = gobind_vec_result(s, &c);
done:
    Py_XDECREF(c.result);
    gobind_vec_clear(&c, s->nargs);
    return result;
}
