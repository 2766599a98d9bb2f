/* The hand-written reference extension: each benchmark row done the cheapest correct way by hand. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>

#include "libbenchref.h" /* written by go build; it includes benchref.h */

/* The reference makes the GIL choice gobind makes (`gobind inspect` lists it): calls that gobind
 * proves short keep the GIL (GO_KEEP), the rest release it (GO_RELEASE); str and bytes up to
 * SIZED_MAX bytes keep it, as gobind's sized rule does.  Built with -DREF_RELEASE_GIL, every call
 * releases the GIL: the second reference column, compared with gobind built with gil_default=release. */
#define SIZED_MAX 4096
#define GO_RELEASE(call) do { Py_BEGIN_ALLOW_THREADS call; Py_END_ALLOW_THREADS } while (0)
#ifdef REF_RELEASE_GIL
#define GO_KEEP(call) GO_RELEASE(call)
#define GO_SIZED(n, call) GO_RELEASE(call)
#else
#define GO_KEEP(call) do { call; } while (0)
#define GO_SIZED(n, call) do { if ((n) <= SIZED_MAX) { call; } else GO_RELEASE(call); } while (0)
#endif

static PyObject *ref_GoError;

/* ---- scalars and strings ---- */

static PyObject *
ref_py_noop(PyObject *m, PyObject *unused)
{
    (void)m;
    (void)unused;
    GO_KEEP(ref_noop());
    Py_RETURN_NONE;
}

/* The same call keeping the GIL: shows what releasing it costs. */
static PyObject *
ref_py_noop_gil(PyObject *m, PyObject *unused)
{
    (void)m;
    (void)unused;
    ref_noop();
    Py_RETURN_NONE;
}

static PyObject *
ref_py_add(PyObject *m, PyObject *const *args, Py_ssize_t nargs)
{
    long long a, b, r;
    (void)m;
    if (nargs != 2)
        return PyErr_Format(PyExc_TypeError, "Add() takes 2 arguments (%zd given)", nargs);
    a = PyLong_AsLongLong(args[0]);
    if (a == -1 && PyErr_Occurred())
        return NULL;
    b = PyLong_AsLongLong(args[1]);
    if (b == -1 && PyErr_Occurred())
        return NULL;
    GO_KEEP(r = ref_add(a, b));
    return PyLong_FromLongLong(r);
}

/* Makes a str from a string result and frees its heap part. */
static PyObject *
ref_buf_to_str(ref_buf *b)
{
    PyObject *s = PyUnicode_DecodeUTF8(b->p, b->n, "surrogateescape");
    if (b->p != b->small)
        free(b->p);
    return s;
}

static PyObject *
ref_py_echo(PyObject *m, PyObject *s)
{
    Py_ssize_t n;
    const char *p;
    ref_buf out;
    (void)m;
    if (!PyUnicode_Check(s))
        return PyErr_Format(PyExc_TypeError, "Echo() argument must be str");
    p = PyUnicode_AsUTF8AndSize(s, &n);
    if (p == NULL)
        return NULL;
    GO_SIZED(n, ref_echo((char *)p, n, &out));
    return ref_buf_to_str(&out);
}

/* ---- bytes ---- */

/* Called from Go without the GIL: makes the result bytes object Go copies into. */
static void *
ref_alloc_bytes(ptrdiff_t n, char **data)
{
    PyGILState_STATE st = PyGILState_Ensure();
    PyObject *o = PyBytes_FromStringAndSize(NULL, n);
    *data = o == NULL ? NULL : PyBytes_AS_STRING(o);
    PyGILState_Release(st);
    return o;
}

static PyObject *
ref_py_echo_bytes(PyObject *m, PyObject *o)
{
    Py_buffer view;
    void *r;
    (void)m;
    if (PyObject_GetBuffer(o, &view, PyBUF_SIMPLE) < 0)
        return NULL;
    GO_SIZED(view.len, r = ref_echo_bytes((char *)view.buf, view.len, ref_alloc_bytes));
    PyBuffer_Release(&view);
    return (PyObject *)r;
}

/* ---- (T, error) ---- */

static PyObject *
ref_py_safe_div(PyObject *m, PyObject *const *args, Py_ssize_t nargs)
{
    long long a, b;
    int64_t r;
    int status;
    ref_buf msg;
    (void)m;
    if (nargs != 2)
        return PyErr_Format(PyExc_TypeError, "SafeDiv() takes 2 arguments (%zd given)", nargs);
    a = PyLong_AsLongLong(args[0]);
    if (a == -1 && PyErr_Occurred())
        return NULL;
    b = PyLong_AsLongLong(args[1]);
    if (b == -1 && PyErr_Occurred())
        return NULL;
    GO_KEEP(status = ref_safe_div(a, b, &r, &msg));
    if (status != 0) {
        PyObject *text = ref_buf_to_str(&msg);
        if (text != NULL) {
            PyErr_SetObject(ref_GoError, text);
            Py_DECREF(text);
        }
        return NULL;
    }
    return PyLong_FromLongLong(r);
}

/* ---- a struct with a method: a cgo handle per object ---- */

typedef struct {
    PyObject_HEAD
    uintptr_t h;
} ref_counter;

static PyObject *
ref_counter_tp_new(PyTypeObject *tp, PyObject *args, PyObject *kwargs)
{
    ref_counter *o;
    (void)args;
    (void)kwargs;
    o = (ref_counter *)tp->tp_alloc(tp, 0);
    if (o != NULL)
        o->h = ref_counter_new();
    return (PyObject *)o;
}

static void
ref_counter_dealloc(PyObject *self)
{
    ref_counter_free(((ref_counter *)self)->h);
    Py_TYPE(self)->tp_free(self);
}

static PyObject *
ref_counter_py_inc(PyObject *self, PyObject *k)
{
    long long v = PyLong_AsLongLong(k), r;
    if (v == -1 && PyErr_Occurred())
        return NULL;
    GO_KEEP(r = ref_counter_inc(((ref_counter *)self)->h, v));
    return PyLong_FromLongLong(r);
}

static PyMethodDef ref_counter_methods[] = {
    {"Inc", ref_counter_py_inc, METH_O, "Inc(k) adds k and returns the count."},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject ref_counter_type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "benchref.Counter",
    .tp_basicsize = sizeof(ref_counter),
    .tp_dealloc = ref_counter_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Counter() holds a Go *benchpkg.Counter through a cgo handle.",
    .tp_methods = ref_counter_methods,
    .tp_new = ref_counter_tp_new,
};

/* ---- []float64: a view in, a malloc'd copy out behind the buffer protocol ---- */

static PyObject *
ref_py_sum_floats(PyObject *m, PyObject *o)
{
    Py_buffer view;
    double r;
    (void)m;
    if (PyObject_GetBuffer(o, &view, PyBUF_FORMAT | PyBUF_C_CONTIGUOUS) < 0)
        return NULL;
    if (view.itemsize != 8 || view.format == NULL
        || (strcmp(view.format, "d") != 0 && strcmp(view.format, "@d") != 0
            && strcmp(view.format, "=d") != 0 && strcmp(view.format, "<d") != 0)) {
        PyBuffer_Release(&view);
        return PyErr_Format(PyExc_TypeError, "SumFloats() needs a contiguous buffer of float64");
    }
    Py_BEGIN_ALLOW_THREADS
    r = ref_sum_floats((double *)view.buf, view.len / 8);
    Py_END_ALLOW_THREADS
    PyBuffer_Release(&view);
    return PyFloat_FromDouble(r);
}

/* Owns n doubles that Go filled in; numpy.asarray() views them without copying. */
typedef struct {
    PyObject_HEAD
    double *data;
    Py_ssize_t n;
} ref_floats;

static void
ref_floats_dealloc(PyObject *self)
{
    free(((ref_floats *)self)->data);
    Py_TYPE(self)->tp_free(self);
}

static int
ref_floats_getbuffer(PyObject *self, Py_buffer *view, int flags)
{
    ref_floats *f = (ref_floats *)self;
    if (PyBuffer_FillInfo(view, self, f->data, f->n * 8, 1, flags) < 0)
        return -1;
    view->itemsize = 8;
    view->format = (flags & PyBUF_FORMAT) ? "d" : NULL;
    if (flags & PyBUF_ND) {
        view->ndim = 1;
        view->shape = &f->n;
    }
    return 0;
}

static PyBufferProcs ref_floats_as_buffer = {ref_floats_getbuffer, NULL};

static Py_ssize_t
ref_floats_len(PyObject *self)
{
    return ((ref_floats *)self)->n;
}

static PySequenceMethods ref_floats_as_sequence = {.sq_length = ref_floats_len};

static PyTypeObject ref_floats_type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "benchref.Floats",
    .tp_basicsize = sizeof(ref_floats),
    .tp_dealloc = ref_floats_dealloc,
    .tp_as_sequence = &ref_floats_as_sequence,
    .tp_as_buffer = &ref_floats_as_buffer,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Floats: float64 values from Go, exposed through the buffer protocol.",
};

static PyObject *
ref_py_make_floats(PyObject *m, PyObject *arg)
{
    long long n = PyLong_AsLongLong(arg);
    ptrdiff_t got;
    double *data = NULL;
    ref_floats *f;
    (void)m;
    if (n == -1 && PyErr_Occurred())
        return NULL;
    if (n < 0)
        return PyErr_Format(PyExc_ValueError, "MakeFloats() needs n >= 0");
    Py_BEGIN_ALLOW_THREADS
    got = ref_make_floats(n, &data);
    Py_END_ALLOW_THREADS
    if (got < 0)
        return PyErr_NoMemory();
    f = PyObject_New(ref_floats, &ref_floats_type);
    if (f == NULL) {
        free(data);
        return NULL;
    }
    f->data = data;
    f->n = got;
    return (PyObject *)f;
}

/* ---- a callback from Go into Python ---- */

typedef struct {
    PyObject *f;
    int failed;
} ref_cb_ctx;

/* Called from Go, on whatever thread Go uses: takes the GIL, calls f(i), converts the result. */
static int64_t
ref_cb(void *p, int64_t i)
{
    ref_cb_ctx *ctx = p;
    long long r = 0;
    PyGILState_STATE st = PyGILState_Ensure();
    if (!ctx->failed) {
        PyObject *arg = PyLong_FromLongLong(i), *res = NULL;
        if (arg != NULL) {
            res = PyObject_CallFunctionObjArgs(ctx->f, arg, NULL);
            Py_DECREF(arg);
        }
        if (res != NULL) {
            r = PyLong_AsLongLong(res);
            Py_DECREF(res);
        }
        if (res == NULL || (r == -1 && PyErr_Occurred()))
            ctx->failed = 1;
    }
    PyGILState_Release(st);
    return r;
}

static PyObject *
ref_py_callback(PyObject *m, PyObject *const *args, Py_ssize_t nargs)
{
    ref_cb_ctx ctx;
    long long n, r;
    (void)m;
    if (nargs != 2)
        return PyErr_Format(PyExc_TypeError, "CallBack() takes 2 arguments (%zd given)", nargs);
    if (!PyCallable_Check(args[0]))
        return PyErr_Format(PyExc_TypeError, "CallBack() argument 'f' must be callable");
    n = PyLong_AsLongLong(args[1]);
    if (n == -1 && PyErr_Occurred())
        return NULL;
    ctx.f = args[0];
    ctx.failed = 0;
    Py_BEGIN_ALLOW_THREADS
    r = ref_callback(ref_cb, &ctx, n);
    Py_END_ALLOW_THREADS
    if (ctx.failed)
        return NULL;
    return PyLong_FromLongLong(r);
}

static PyObject *
ref_py_spin(PyObject *m, PyObject *arg)
{
    long long n = PyLong_AsLongLong(arg), r;
    (void)m;
    if (n == -1 && PyErr_Occurred())
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    r = ref_spin(n);
    Py_END_ALLOW_THREADS
    return PyLong_FromLongLong(r);
}

static PyMethodDef ref_methods[] = {
    {"Noop", ref_py_noop, METH_NOARGS, "Noop()"},
    {"NoopKeepGIL", ref_py_noop_gil, METH_NOARGS, "Noop() without releasing the GIL"},
    {"Add", (PyCFunction)(void (*)(void))ref_py_add, METH_FASTCALL, "Add(a, b)"},
    {"Echo", ref_py_echo, METH_O, "Echo(s)"},
    {"EchoBytes", ref_py_echo_bytes, METH_O, "EchoBytes(b)"},
    {"SafeDiv", (PyCFunction)(void (*)(void))ref_py_safe_div, METH_FASTCALL, "SafeDiv(a, b)"},
    {"SumFloats", ref_py_sum_floats, METH_O, "SumFloats(xs)"},
    /* The same functions under the names of gobind's copying rows: by hand, a view is right for both. */
    {"EchoBytesCopy", ref_py_echo_bytes, METH_O, "EchoBytesCopy(b)"},
    {"SumFloatsCopy", ref_py_sum_floats, METH_O, "SumFloatsCopy(xs)"},
    {"MakeFloats", ref_py_make_floats, METH_O, "MakeFloats(n)"},
    {"CallBack", (PyCFunction)(void (*)(void))ref_py_callback, METH_FASTCALL, "CallBack(f, n)"},
    {"Spin", ref_py_spin, METH_O, "Spin(n)"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef ref_module = {
    PyModuleDef_HEAD_INIT, "benchref",
    "Hand-written reference binding of example.com/benchpkg for gobind's benchmarks.", -1, ref_methods,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC
PyInit_benchref(void)
{
    PyObject *m;
    if (PyType_Ready(&ref_counter_type) < 0 || PyType_Ready(&ref_floats_type) < 0)
        return NULL;
    m = PyModule_Create(&ref_module);
    if (m == NULL)
        return NULL;
    ref_GoError = PyErr_NewException("benchref.GoError", PyExc_RuntimeError, NULL);
    if (ref_GoError == NULL)
        return NULL;
    Py_INCREF(ref_GoError);
    Py_INCREF(&ref_counter_type);
    if (PyModule_AddObject(m, "GoError", ref_GoError) < 0
        || PyModule_AddObject(m, "Counter", (PyObject *)&ref_counter_type) < 0)
        return NULL;
    return m;
}
