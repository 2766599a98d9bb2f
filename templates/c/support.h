/* gobind C support: argument binding and scalar, string and bytes conversions shared by every module. */

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Calling convention: METH_FASTCALL from Python 3.7, METH_VARARGS before. */
#if PY_VERSION_HEX >= 0x03070000
#define GOBIND_FASTCALL 1
#define GOBIND_ARGS PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames
#define GOBIND_ARGS_PASS args, nargs, kwnames
#define GOBIND_METH_ARGS (METH_FASTCALL | METH_KEYWORDS)
#else
#define GOBIND_FASTCALL 0
#define GOBIND_ARGS PyObject *args, PyObject *kwargs
#define GOBIND_ARGS_PASS args, kwargs
#define GOBIND_METH_ARGS (METH_VARARGS | METH_KEYWORDS)
#endif

/* Docstrings: Python 3 reads "name(sig)\n--\n\n" into __text_signature__; Python 2 would show it raw. */
#if PY_MAJOR_VERSION >= 3
#define GOBIND_DOC(textsig, doc) textsig doc
#else
#define GOBIND_DOC(textsig, doc) doc
#endif

/* A variable of each thread. */
#if defined(_MSC_VER)
#define GOBIND_THREAD_LOCAL __declspec(thread)
#else
#define GOBIND_THREAD_LOCAL __thread
#endif

/* Status codes returned by every cgo export. */
#define GOBIND_OK 0
#define GOBIND_ERROR 1
#define GOBIND_PANIC 2
#define GOBIND_MISSING 3  /* a map has no such key */
#define GOBIND_RANGE 4    /* an index past the end of a slice that changed since C checked it */

/* gobind_ref.kind of a Python exception raised in a callback (the handle is the exception). */
#define GOBIND_KIND_PYTHON (-1)

/* Module-level exception classes, created at module init. */
static PyObject *gobind_GoError;
static PyObject *gobind_GoPanic;

/* Defined by each module: the Python object for a Go error, dropping a handle, the Python object
   for the error in a GoError's slot, and emptying such slots. */
static PyObject *gobind_to_py_error(gobind_ref *ref);
static void gobind_release_handle(uintptr_t handle);
static PyObject *gobind_claim_error(uintptr_t slot);
static void gobind_drop_errors(uintptr_t *slots, Py_ssize_t n);
static PyObject *gobind_wrap(PyTypeObject *tp, uintptr_t handle);

/* Returns a new reference to o. */
static inline PyObject *
gobind_new_ref(PyObject *o)
{
    Py_INCREF(o);
    return o;
}

/* A str from n bytes of UTF-8 (Go strings may hold any bytes: others become lone surrogates). */
static inline PyObject *
gobind_str_from_utf8(const char *p, Py_ssize_t n)
{
#if PY_MAJOR_VERSION >= 3
    return PyUnicode_DecodeUTF8(p, n, "surrogateescape");
#else
    return PyString_FromStringAndSize(p, n);
#endif
}

/* ---- errors ------------------------------------------------------------ */

/* Raises TypeError "fn() argument 'arg' must be want, not <type>"; returns -1. */
static inline int
gobind_type_error(const char *fn, const char *arg, const char *want, PyObject *got)
{
    PyErr_Format(PyExc_TypeError, "%s() argument '%s' must be %s, not %.200s",
                 fn, arg, want, Py_TYPE(got)->tp_name);
    return -1;
}

/* Raises OverflowError naming the argument, the value and the Go type; returns -1. */
static inline int
gobind_overflow(const char *fn, const char *arg, const char *gotype, PyObject *got)
{
    PyObject *repr = PyObject_Repr(got);
    if (repr == NULL)
        return -1;
#if PY_MAJOR_VERSION >= 3
    PyErr_Format(PyExc_OverflowError, "%s() argument '%s': %U does not fit in Go %s",
                 fn, arg, repr, gotype);
#else
    PyErr_Format(PyExc_OverflowError, "%s() argument '%s': %s does not fit in Go %s",
                 fn, arg, PyString_AsString(repr), gotype);
#endif
    Py_DECREF(repr);
    return -1;
}

/* ---- argument binding -------------------------------------------------- */

/* Finds the index of keyword `key` in names[0..n), or -1. */
static inline Py_ssize_t
gobind_kw_index(PyObject *key, const char *const *names, Py_ssize_t n)
{
    Py_ssize_t i;
    for (i = 0; i < n; i++) {
#if PY_MAJOR_VERSION >= 3
        /* names are UTF-8 (NFKC, as Python reads identifiers), not only ASCII */
        const char *utf8 = PyUnicode_Check(key) ? PyUnicode_AsUTF8(key) : NULL;
        if (utf8 == NULL)
            PyErr_Clear();  /* not a str, or one with lone surrogates: matches no name */
        else if (strcmp(utf8, names[i]) == 0)
            return i;
#else
        if (PyString_Check(key) && strcmp(PyString_AS_STRING(key), names[i]) == 0)
            return i;
#endif
    }
    return -1;
}

/* Raises the TypeError for a keyword argument fn() does not take; returns -1. */
static inline int
gobind_unexpected_kw(const char *fn, PyObject *key)
{
    PyObject *repr = PyObject_Repr(key);
    if (repr == NULL)
        return -1;
#if PY_MAJOR_VERSION >= 3
    PyErr_Format(PyExc_TypeError, "%s() got an unexpected keyword argument %U", fn, repr);
#else
    PyErr_Format(PyExc_TypeError, "%s() got an unexpected keyword argument %s", fn, PyString_AsString(repr));
#endif
    Py_DECREF(repr);
    return -1;
}

/* Places one keyword argument into argv; returns -1 with TypeError set. */
static inline int
gobind_bind_kw(const char *fn, const char *const *names, Py_ssize_t n,
               PyObject *key, PyObject *value, PyObject **argv)
{
    Py_ssize_t i = gobind_kw_index(key, names, n);
    if (i < 0)
        return gobind_unexpected_kw(fn, key);
    if (argv[i] != NULL) {
        PyErr_Format(PyExc_TypeError, "%s() got multiple values for argument '%s'", fn, names[i]);
        return -1;
    }
    argv[i] = value;
    return 0;
}

/* Checks that every parameter got a value; returns -1 with TypeError set. */
static inline int
gobind_check_missing(const char *fn, const char *const *names, Py_ssize_t n, PyObject **argv)
{
    Py_ssize_t i;
    for (i = 0; i < n; i++) {
        if (argv[i] == NULL) {
            PyErr_Format(PyExc_TypeError, "%s() missing required argument '%s' (pos %zd)",
                         fn, names[i], i + 1);
            return -1;
        }
    }
    return 0;
}

/* Raises the TypeError for too many positional arguments; returns -1. */
static inline int
gobind_too_many(const char *fn, Py_ssize_t n, Py_ssize_t given)
{
    PyErr_Format(PyExc_TypeError, "%s() takes %zd positional argument%s but %zd %s given",
                 fn, n, n == 1 ? "" : "s", given, given == 1 ? "was" : "were");
    return -1;
}

/* Collects positional and keyword arguments into argv[0..n) in parameter order;
   returns -1 with TypeError set.  The objects stay borrowed from the caller. */
static inline int
gobind_unpack(const char *fn, const char *const *names, Py_ssize_t n, GOBIND_ARGS, PyObject **argv)
{
    Py_ssize_t i;
#if GOBIND_FASTCALL
    Py_ssize_t nkw = kwnames == NULL ? 0 : PyTuple_GET_SIZE(kwnames);
    if (nkw == 0 && nargs == n) {
        for (i = 0; i < n; i++)
            argv[i] = args[i];
        return 0;
    }
    if (nargs > n)
        return gobind_too_many(fn, n, nargs);
    for (i = 0; i < n; i++)
        argv[i] = i < nargs ? args[i] : NULL;
    for (i = 0; i < nkw; i++) {
        if (gobind_bind_kw(fn, names, n, PyTuple_GET_ITEM(kwnames, i), args[nargs + i], argv) < 0)
            return -1;
    }
#else
    Py_ssize_t nargs = PyTuple_GET_SIZE(args);
    PyObject *key, *value;
    Py_ssize_t pos = 0;
    if (nargs > n)
        return gobind_too_many(fn, n, nargs);
    for (i = 0; i < n; i++)
        argv[i] = i < nargs ? PyTuple_GET_ITEM(args, i) : NULL;
    while (kwargs != NULL && PyDict_Next(kwargs, &pos, &key, &value)) {
        if (gobind_bind_kw(fn, names, n, key, value, argv) < 0)
            return -1;
    }
#endif
    return gobind_check_missing(fn, names, n, argv);
}

/* Python 2.7 and 3.6 hand f(**d) the caller's dict d itself, so the values gobind_unpack took
   from it are borrowed from an object that converting an earlier argument (its __index__, say)
   may change: the function holds them (GOBIND_HOLD_ARGS) until it returns (GOBIND_DROP_ARGS).
   With METH_FASTCALL (3.7 and newer) the interpreter holds them for the call. */
#if GOBIND_FASTCALL
#define GOBIND_HOLD_ARGS(argv, n) ((void)0)
#define GOBIND_DROP_ARGS(argv, n) ((void)0)
#else
static inline void
gobind_hold_args(PyObject **argv, Py_ssize_t n, int hold)
{
    Py_ssize_t i;
    for (i = 0; i < n; i++) {
        if (hold)
            Py_XINCREF(argv[i]);
        else
            Py_XDECREF(argv[i]);
    }
}
#define GOBIND_HOLD_ARGS(argv, n) gobind_hold_args(argv, n, 1)
#define GOBIND_DROP_ARGS(argv, n) gobind_hold_args(argv, n, 0)
#endif

/* Like gobind_unpack, for a function whose last parameter is Go's ...T: the first n
   parameters bind as usual and the positional arguments after them become the tuple *rest. */
static inline int
gobind_unpack_variadic(const char *fn, const char *const *names, Py_ssize_t n, GOBIND_ARGS,
                       PyObject **argv, PyObject **rest)
{
    Py_ssize_t i;
#if GOBIND_FASTCALL
    Py_ssize_t nkw = kwnames == NULL ? 0 : PyTuple_GET_SIZE(kwnames);
    for (i = 0; i < n; i++)
        argv[i] = i < nargs ? args[i] : NULL;
    for (i = 0; i < nkw; i++) {
        if (gobind_bind_kw(fn, names, n, PyTuple_GET_ITEM(kwnames, i), args[nargs + i], argv) < 0)
            return -1;
    }
    if (gobind_check_missing(fn, names, n, argv) < 0)
        return -1;
    *rest = PyTuple_New(nargs > n ? nargs - n : 0);
    if (*rest == NULL)
        return -1;
    for (i = n; i < nargs; i++) {
        Py_INCREF(args[i]);
        PyTuple_SET_ITEM(*rest, i - n, args[i]);
    }
#else
    Py_ssize_t nargs = PyTuple_GET_SIZE(args);
    PyObject *key, *value;
    Py_ssize_t pos = 0;
    for (i = 0; i < n; i++)
        argv[i] = i < nargs ? PyTuple_GET_ITEM(args, i) : NULL;
    while (kwargs != NULL && PyDict_Next(kwargs, &pos, &key, &value)) {
        if (gobind_bind_kw(fn, names, n, key, value, argv) < 0)
            return -1;
    }
    if (gobind_check_missing(fn, names, n, argv) < 0)
        return -1;
    *rest = PyTuple_GetSlice(args, n < nargs ? n : nargs, nargs);
    if (*rest == NULL)
        return -1;
#endif
    return 0;
}

/* Binds the one optional argument of a constructor, given by position or as keyword names[0];
   *argv stays NULL when it was not given.  Returns -1 with TypeError set. */
static inline int
gobind_optional_arg(const char *type_name, const char *const *names, PyObject *args, PyObject *kwargs,
                    PyObject **argv)
{
    PyObject *key, *value;
    Py_ssize_t pos = 0;
    if (PyTuple_GET_SIZE(args) > 1)
        return gobind_too_many(type_name, 1, PyTuple_GET_SIZE(args));
    if (PyTuple_GET_SIZE(args) == 1)
        argv[0] = PyTuple_GET_ITEM(args, 0);
    while (kwargs != NULL && PyDict_Next(kwargs, &pos, &key, &value)) {
        if (gobind_bind_kw(type_name, names, 1, key, value, argv) < 0)
            return -1;
    }
    return 0;
}

/* ---- integers ---------------------------------------------------------- */

/* The fast path of gobind_read_int: an exact int of one digit (30 bits, which most ints a
   program passes are) read in place, without a call.  Returns 0 for any other object. */
static inline int
gobind_small_int(PyObject *o, long long *v)
{
#if PY_VERSION_HEX >= 0x030C0000
    if (PyLong_CheckExact(o) && PyUnstable_Long_IsCompact((PyLongObject *)o)) {
        *v = (long long)PyUnstable_Long_CompactValue((PyLongObject *)o);
        return 1;
    }
#elif PY_VERSION_HEX >= 0x030B0000
    if (PyLong_CheckExact(o) && Py_SIZE(o) >= -1 && Py_SIZE(o) <= 1) {
        *v = (long long)Py_SIZE(o) * (long long)((PyLongObject *)o)->ob_digit[0];
        return 1;
    }
#endif
    (void)o;
    (void)v;
    return 0;
}

/* Reads a Python int (or an object with __index__, but not a float) as long long;
   *overflow is -1 or 1 when it does not fit.  Returns -1 with TypeError set. */
static inline int
gobind_read_int(PyObject *o, const char *fn, const char *arg, long long *v, int *overflow)
{
    PyObject *index;
    *overflow = 0;
    if (gobind_small_int(o, v))
        return 0;
#if PY_MAJOR_VERSION < 3
    if (PyInt_Check(o)) {
        *v = PyInt_AS_LONG(o);
        return 0;
    }
#endif
    if (PyLong_Check(o)) {
        *v = PyLong_AsLongLongAndOverflow(o, overflow);
        return (*v == -1 && PyErr_Occurred()) ? -1 : 0;
    }
    if (PyFloat_Check(o) || !PyIndex_Check(o))
        return gobind_type_error(fn, arg, "int", o);
    index = PyNumber_Index(o);
    if (index == NULL)
        return -1;
    *v = PyLong_AsLongLongAndOverflow(index, overflow);
    Py_DECREF(index);
    return (*v == -1 && PyErr_Occurred()) ? -1 : 0;
}

/* A Python int (on Python 2, a plain int when it fits, as Python itself would make). */
static inline PyObject *
gobind_int_from_ll(long long v)
{
#if PY_MAJOR_VERSION < 3
    if (v >= LONG_MIN && v <= LONG_MAX)
        return PyInt_FromLong((long)v);
#endif
    return PyLong_FromLongLong(v);
}

static inline PyObject *
gobind_int_from_ull(unsigned long long v)
{
#if PY_MAJOR_VERSION < 3
    if (v <= (unsigned long long)LONG_MAX)
        return PyInt_FromLong((long)v);
#endif
    return PyLong_FromUnsignedLongLong(v);
}

/* The builtin classes that named Go numbers and strings subclass. */
#if PY_MAJOR_VERSION >= 3
#define GOBIND_INT_TYPE PyLong_Type
#define GOBIND_STR_TYPE PyUnicode_Type
#else
#define GOBIND_INT_TYPE PyInt_Type
#define GOBIND_STR_TYPE PyString_Type
#endif

/* Defines gobind_from_py_<go>: a Python int to a signed C integer in [lo, hi]. */
#define GOBIND_SIGNED(go, ctype, lo, hi)                                              \
    static inline int gobind_from_py_##go(PyObject *o, const char *fn,               \
                                          const char *arg, ctype *out)                \
    {                                                                                 \
        long long v;                                                                  \
        int overflow;                                                                 \
        if (gobind_read_int(o, fn, arg, &v, &overflow) < 0)                           \
            return -1;                                                                \
        if (overflow || v < (long long)(lo) || v > (long long)(hi))                   \
            return gobind_overflow(fn, arg, #go, o);                                  \
        *out = (ctype)v;                                                              \
        return 0;                                                                     \
    }                                                                                 \
    static inline PyObject *gobind_to_py_##go(ctype *v)                               \
    {                                                                                 \
        return gobind_int_from_ll((long long)*v);                                     \
    }

/* Defines gobind_from_py_<go>: a Python int to an unsigned C integer in [0, hi]. */
#define GOBIND_UNSIGNED(go, ctype, hi)                                                \
    static inline int gobind_from_py_##go(PyObject *o, const char *fn,               \
                                          const char *arg, ctype *out)                \
    {                                                                                 \
        long long v;                                                                  \
        unsigned long long u;                                                         \
        int overflow;                                                                 \
        if (gobind_read_int(o, fn, arg, &v, &overflow) < 0)                           \
            return -1;                                                                \
        if (overflow < 0 || (!overflow && v < 0))                                     \
            return gobind_overflow(fn, arg, #go, o);                                  \
        if (overflow) {                                                               \
            PyObject *index = PyNumber_Index(o);                                      \
            if (index == NULL)                                                        \
                return -1;                                                            \
            u = PyLong_AsUnsignedLongLong(index);                                     \
            Py_DECREF(index);                                                         \
            if (u == (unsigned long long)-1 && PyErr_Occurred()) {                    \
                PyErr_Clear();                                                        \
                return gobind_overflow(fn, arg, #go, o);                              \
            }                                                                         \
        } else {                                                                      \
            u = (unsigned long long)v;                                                \
        }                                                                             \
        if (u > (unsigned long long)(hi))                                             \
            return gobind_overflow(fn, arg, #go, o);                                  \
        *out = (ctype)u;                                                              \
        return 0;                                                                     \
    }                                                                                 \
    static inline PyObject *gobind_to_py_##go(ctype *v)                               \
    {                                                                                 \
        return gobind_int_from_ull((unsigned long long)*v);                           \
    }

GOBIND_SIGNED(int, ptrdiff_t, PTRDIFF_MIN, PTRDIFF_MAX)
GOBIND_SIGNED(int8, int8_t, INT8_MIN, INT8_MAX)
GOBIND_SIGNED(int16, int16_t, INT16_MIN, INT16_MAX)
GOBIND_SIGNED(int32, int32_t, INT32_MIN, INT32_MAX)
GOBIND_SIGNED(int64, int64_t, INT64_MIN, INT64_MAX)
GOBIND_UNSIGNED(uint, size_t, SIZE_MAX)
GOBIND_UNSIGNED(uint8, uint8_t, UINT8_MAX)
GOBIND_UNSIGNED(uint16, uint16_t, UINT16_MAX)
GOBIND_UNSIGNED(uint32, uint32_t, UINT32_MAX)
GOBIND_UNSIGNED(uint64, uint64_t, UINT64_MAX)
GOBIND_UNSIGNED(uintptr, uintptr_t, UINTPTR_MAX)

/* ---- bool, floats, complex --------------------------------------------- */

static inline int
gobind_from_py_bool(PyObject *o, const char *fn, const char *arg, uint8_t *out)
{
    if (!PyBool_Check(o))
        return gobind_type_error(fn, arg, "bool", o);
    *out = (uint8_t)(o == Py_True);
    return 0;
}

static inline PyObject *
gobind_to_py_bool(uint8_t *v)
{
    return PyBool_FromLong(*v);
}

/* Reads a real number (float, int or an object with __float__/__index__), not a str. */
static inline int
gobind_read_double(PyObject *o, const char *fn, const char *arg, double *out)
{
    PyNumberMethods *nb = Py_TYPE(o)->tp_as_number;
    if (PyFloat_Check(o)) {
        *out = PyFloat_AS_DOUBLE(o);
        return 0;
    }
    if (nb == NULL || (nb->nb_float == NULL && !PyIndex_Check(o)))
        return gobind_type_error(fn, arg, "float", o);
    *out = PyFloat_AsDouble(o);
    return (*out == -1.0 && PyErr_Occurred()) ? -1 : 0;
}

static inline int
gobind_from_py_float64(PyObject *o, const char *fn, const char *arg, double *out)
{
    return gobind_read_double(o, fn, arg, out);
}

static inline PyObject *
gobind_to_py_float64(double *v)
{
    return PyFloat_FromDouble(*v);
}

/* Rounds d to float32 as a Go constant conversion does: values up to half a unit past FLT_MAX
   round to FLT_MAX (where C's rounding would give infinity); 0, or -1 when d does not fit. */
static inline int
gobind_narrow_float32(double d, float *out)
{
    const double limit = 340282356779733661637539395458142568448.0;  /* 2**128 - 2**103 */
    if (!isfinite(d) || (d <= FLT_MAX && d >= -FLT_MAX))
        *out = (float)d;
    else if (d <= limit && d >= -limit)
        *out = d > 0 ? FLT_MAX : -FLT_MAX;
    else
        return -1;
    return 0;
}

static inline int
gobind_from_py_float32(PyObject *o, const char *fn, const char *arg, float *out)
{
    double d;
    if (gobind_read_double(o, fn, arg, &d) < 0)
        return -1;
    if (gobind_narrow_float32(d, out) < 0)
        return gobind_overflow(fn, arg, "float32", o);
    return 0;
}

static inline PyObject *
gobind_to_py_float32(float *v)
{
    return PyFloat_FromDouble((double)*v);
}

static inline int
gobind_from_py_complex(PyObject *o, const char *fn, const char *arg, gobind_complex *out)
{
    Py_complex c;
    PyNumberMethods *nb = Py_TYPE(o)->tp_as_number;
    if (!PyComplex_Check(o) && (nb == NULL || (nb->nb_float == NULL && !PyIndex_Check(o))))
        return gobind_type_error(fn, arg, "complex", o);
    c = PyComplex_AsCComplex(o);
    if (c.real == -1.0 && PyErr_Occurred())
        return -1;
    out->re = c.real;
    out->im = c.imag;
    return 0;
}

/* complex64: each part must fit in a float32, as for float32 arguments. */
static inline int
gobind_from_py_complex64(PyObject *o, const char *fn, const char *arg, gobind_complex *out)
{
    float re, im;
    if (gobind_from_py_complex(o, fn, arg, out) < 0)
        return -1;
    if (gobind_narrow_float32(out->re, &re) < 0 || gobind_narrow_float32(out->im, &im) < 0)
        return gobind_overflow(fn, arg, "complex64", o);
    out->re = re;
    out->im = im;
    return 0;
}

static inline PyObject *
gobind_to_py_complex(gobind_complex *v)
{
    return PyComplex_FromDoubles(v->re, v->im);
}

/* ---- str and bytes ------------------------------------------------------ */

/* A str or bytes argument: a view of its bytes plus whatever keeps them alive.  The Py_buffer of
   a bytearray or memoryview lives on the heap: a Py_buffer in every such local would be zeroed
   on every call (about 10 ns), for the uncommon case. */
typedef struct {
    gobind_view view;
    PyObject *owner;     /* a temporary encoded object, or NULL */
    Py_buffer *buffer;   /* a buffer held until the call returns, or NULL */
} gobind_view_arg;

#define GOBIND_VIEW_ARG_INIT {{NULL, 0}, NULL, NULL}

static inline void
gobind_view_release(gobind_view_arg *a)
{
    if (a->buffer != NULL) {
        PyBuffer_Release(a->buffer);
        PyMem_Free(a->buffer);
    }
    Py_XDECREF(a->owner);
}

/* A Go string from str: UTF-8, with lone surrogates (from surrogateescape) turned back into bytes. */
static inline int
gobind_from_py_str(PyObject *o, const char *fn, const char *arg, gobind_view_arg *out)
{
#if PY_MAJOR_VERSION >= 3
    Py_ssize_t n;
    const char *p;
    if (!PyUnicode_Check(o))
        return gobind_type_error(fn, arg, "str", o);
    p = PyUnicode_AsUTF8AndSize(o, &n);
    if (p == NULL) {
        if (!PyErr_ExceptionMatches(PyExc_UnicodeEncodeError))
            return -1;
        PyErr_Clear();
        out->owner = PyUnicode_AsEncodedString(o, "utf-8", "surrogateescape");
        if (out->owner == NULL)
            return -1;
        p = PyBytes_AS_STRING(out->owner);
        n = PyBytes_GET_SIZE(out->owner);
    }
    out->view.p = p;
    out->view.n = n;
    return 0;
#else
    if (PyUnicode_Check(o)) {
        out->owner = PyUnicode_AsUTF8String(o);
        if (out->owner == NULL)
            return -1;
        o = out->owner;
    } else if (!PyString_Check(o)) {
        return gobind_type_error(fn, arg, "str", o);
    }
    out->view.p = PyString_AS_STRING(o);
    out->view.n = PyString_GET_SIZE(o);
    return 0;
#endif
}

/* A Go []byte from bytes or any object with the buffer protocol (bytearray, memoryview, ...). */
static inline int
gobind_from_py_bytes(PyObject *o, const char *fn, const char *arg, gobind_view_arg *out)
{
    if (PyBytes_Check(o)) {
        out->view.p = PyBytes_AS_STRING(o);
        out->view.n = PyBytes_GET_SIZE(o);
        return 0;
    }
    if (PyUnicode_Check(o) || !PyObject_CheckBuffer(o))
        return gobind_type_error(fn, arg, "bytes", o);
    out->buffer = PyMem_Malloc(sizeof(Py_buffer));
    if (out->buffer == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    if (PyObject_GetBuffer(o, out->buffer, PyBUF_SIMPLE) < 0) {
        PyMem_Free(out->buffer);
        out->buffer = NULL;
        return -1;
    }
    out->view.p = (const char *)out->buffer->buf;
    out->view.n = out->buffer->len;
    return 0;
}

/* Called by Go for a result longer than GOBIND_SMALL (see abi_types.h): the Go side runs without
   the GIL (or with it, for the short calls that keep it; PyGILState_Ensure handles both).
   A str is decoded under the GIL; a bytes object is allocated under the GIL and filled after
   releasing it, since no other thread can see it yet.  Nothing is made if an exception is
   already set (an earlier result failed). */
void
gobind_buf_make(gobind_buf *b, uintptr_t p, ptrdiff_t n, int kind)
{
    PyObject *o = NULL;
    PyGILState_STATE gil = PyGILState_Ensure();
    if (!PyErr_Occurred()) {
        if (kind == GOBIND_MAKE_STR)
            o = gobind_str_from_utf8((const char *)p, n);
        else
            o = PyBytes_FromStringAndSize(NULL, n);
    }
    PyGILState_Release(gil);
    if (o != NULL && kind == GOBIND_MAKE_BYTES)
        memcpy(PyBytes_AS_STRING(o), (const char *)p, (size_t)n);
    b->p = NULL;
    b->n = n;
    b->obj = o;
}

static inline PyObject *
gobind_to_py_str(gobind_buf *b)
{
    if (b->p == NULL)
        return (PyObject *)b->obj;
    return gobind_str_from_utf8(b->p, b->n);
}

static inline PyObject *
gobind_to_py_bytes(gobind_buf *b)
{
    if (b->p == NULL)
        return (PyObject *)b->obj;
    return PyBytes_FromStringAndSize(b->p, b->n);
}

/* ---- results ------------------------------------------------------------- */

/* GoErrors that die with go_error unread hand their slots back to Go in batches, one cgo call
   for many: when the queue is full, and before the live handles are counted. */
#define GOBIND_ERROR_DROP_BATCH 64
static uintptr_t gobind_error_drop_queue[GOBIND_ERROR_DROP_BATCH];
static Py_ssize_t gobind_error_drop_queued;

/* Empties all queued slots (the GIL is held). */
static inline void
gobind_error_drop_flush(void)
{
    Py_ssize_t n = gobind_error_drop_queued;
    gobind_error_drop_queued = 0;
    if (n > 0)
        gobind_drop_errors(gobind_error_drop_queue, n);
}

/* Queues an error slot to be emptied with the next batch (the GIL is held). */
static inline void
gobind_error_drop_later(uintptr_t slot)
{
    gobind_error_drop_queue[gobind_error_drop_queued++] = slot;
    if (gobind_error_drop_queued == GOBIND_ERROR_DROP_BATCH)
        gobind_error_drop_flush();
}

/* A GoError: a RuntimeError that holds the slot where Go keeps the error value (msg->err.handle)
   and makes its Python object only when go_error is first read; most handlers never read it. */
typedef struct {
    PyBaseExceptionObject base;
    uintptr_t slot;      /* the Go error's slot; 0 when there is none (any more) */
    PyObject *go_error;  /* the value of go_error once read or set; NULL before */
} gobind_go_error;

static PyObject *
gobind_go_error_get(PyObject *self, void *closure)
{
    gobind_go_error *e = (gobind_go_error *)self;
    (void)closure;
    if (e->go_error == NULL) {
        if (e->slot == 0) {  /* a GoError made in Python */
            PyErr_Format(PyExc_AttributeError, "'%.100s' object has no attribute 'go_error'",
                         Py_TYPE(self)->tp_name);
            return NULL;
        }
        e->go_error = gobind_claim_error(e->slot);
        if (e->go_error == NULL)
            return NULL;  /* a forked child: the slot stays */
        e->slot = 0;
    }
    return gobind_new_ref(e->go_error);
}

static int
gobind_go_error_set(PyObject *self, PyObject *value, void *closure)
{
    gobind_go_error *e = (gobind_go_error *)self;
    PyObject *old = e->go_error;
    (void)closure;
    if (value == NULL && old == NULL && e->slot == 0) {
        PyErr_SetString(PyExc_AttributeError, "go_error");
        return -1;
    }
    if (e->slot != 0) {
        gobind_error_drop_later(e->slot);
        e->slot = 0;
    }
    Py_XINCREF(value);
    e->go_error = value;
    Py_XDECREF(old);
    return 0;
}

static PyGetSetDef gobind_go_error_getset[] = {
    {(char *)"go_error", gobind_go_error_get, gobind_go_error_set,
     (char *)"The Go error value: an object of the bound error type, or a GoErrorValue.", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static int
gobind_go_error_traverse(PyObject *self, visitproc visit, void *arg)
{
    Py_VISIT(((gobind_go_error *)self)->go_error);
    return ((PyTypeObject *)PyExc_RuntimeError)->tp_traverse(self, visit, arg);
}

static int
gobind_go_error_clear(PyObject *self)
{
    Py_CLEAR(((gobind_go_error *)self)->go_error);
    return ((PyTypeObject *)PyExc_RuntimeError)->tp_clear(self);
}

/* RuntimeError's dealloc frees the exception; the value and the slot are dropped after it. */
static void
gobind_go_error_dealloc(PyObject *self)
{
    gobind_go_error *e = (gobind_go_error *)self;
    PyObject *value = e->go_error;
    uintptr_t slot = e->slot;
    ((PyTypeObject *)PyExc_RuntimeError)->tp_dealloc(self);
    Py_XDECREF(value);
    if (slot != 0)
        gobind_error_drop_later(slot);
}

static char gobind_go_error_name[256];

static PyTypeObject gobind_go_error_type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = gobind_go_error_name,
    .tp_basicsize = sizeof(gobind_go_error),
    .tp_dealloc = gobind_go_error_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "An error returned by a Go function; the message is the Go error's text.",
    .tp_traverse = gobind_go_error_traverse,
    .tp_clear = gobind_go_error_clear,
    .tp_getset = gobind_go_error_getset,
};

/* Raises GoError or GoPanic with the message Go wrote into msg; always returns NULL.
   A GoError keeps the slot of the Go error value (msg->err.handle) for go_error. */
static inline PyObject *
gobind_raise(int status, gobind_buf *msg)
{
    PyObject *text, *exc;
    if (status == GOBIND_RANGE) {
        PyErr_SetString(PyExc_IndexError, "index out of range (the Go slice changed length)");
        return NULL;
    }
    if (status == GOBIND_PANIC) {
        text = gobind_to_py_str(msg);
        if (text != NULL) {
            PyErr_SetObject(gobind_GoPanic, text);
            Py_DECREF(text);
        }
        return NULL;
    }
    if (msg->err.kind == GOBIND_KIND_PYTHON) {
        /* a Python exception from a callback: raise it again as it was */
        exc = (PyObject *)msg->err.handle;
        if (msg->p == NULL)
            Py_XDECREF((PyObject *)msg->obj);  /* the Go text is not needed */
        PyErr_SetObject((PyObject *)Py_TYPE(exc), exc);
        Py_DECREF(exc);
        return NULL;
    }
    text = gobind_to_py_str(msg);
    exc = text == NULL ? NULL : PyObject_CallFunctionObjArgs(gobind_GoError, text, NULL);
    Py_XDECREF(text);
    if (exc == NULL) {
        gobind_error_drop_later(msg->err.handle);
        return NULL;
    }
    ((gobind_go_error *)exc)->slot = msg->err.handle;
    PyErr_SetObject(gobind_GoError, exc);
    Py_DECREF(exc);
    return NULL;
}

/* Reports a failed Go call made where no exception can propagate (dealloc, buffer release,
   freeing queued error slots): as an unraisable exception, keeping any exception already set. */
static inline void
gobind_unraisable(int status, gobind_buf *msg)
{
    PyObject *type, *value, *tb;
    PyErr_Fetch(&type, &value, &tb);
    gobind_raise(status, msg);
    PyErr_WriteUnraisable(NULL);
    PyErr_Restore(type, value, tb);
}

/* Adds the GoError and GoPanic exception classes to module m; returns -1 on failure. */
static inline int
gobind_add_exceptions(PyObject *m, const char *module_name)
{
    char name[256];
    PyOS_snprintf(gobind_go_error_name, sizeof gobind_go_error_name, "%s.GoError", module_name);
    gobind_go_error_type.tp_base = (PyTypeObject *)PyExc_RuntimeError;
    if (PyType_Ready(&gobind_go_error_type) < 0)
        return -1;
    gobind_GoError = (PyObject *)&gobind_go_error_type;
    PyOS_snprintf(name, sizeof name, "%s.GoPanic", module_name);
    gobind_GoPanic = PyErr_NewExceptionWithDoc(
        name, "A Go panic, recovered; the message holds the panic value and the Go stack.",
        PyExc_RuntimeError, NULL);
    if (gobind_GoPanic == NULL)
        return -1;
    Py_INCREF(gobind_GoError);
    if (PyModule_AddObject(m, "GoError", gobind_GoError) < 0)
        return -1;
    Py_INCREF(gobind_GoPanic);
    if (PyModule_AddObject(m, "GoPanic", gobind_GoPanic) < 0)
        return -1;
    return 0;
}

/* ---- bound Go values ------------------------------------------------------ */

/* A Python object standing for a Go value: it holds a cgo handle to a pointer,
   which keeps the Go value alive until the object dies. */
typedef struct {
    PyObject_HEAD
    uintptr_t handle;
} gobind_object;

#define GOBIND_HANDLE(o) (((gobind_object *)(o))->handle)

/* Builds "T(F=repr, G=repr)" from the object's field attributes. */
static inline PyObject *
gobind_repr_fields(PyObject *self, const char *type_name, const char *const *fields, Py_ssize_t n)
{
    Py_ssize_t i;
    PyObject *parts = PyList_New(0), *sep = NULL, *joined = NULL, *result = NULL;
    if (parts == NULL)
        return NULL;
    for (i = 0; i < n; i++) {
        PyObject *value = PyObject_GetAttrString(self, fields[i]);
        PyObject *repr, *item;
        if (value == NULL)
            goto done;
        repr = PyObject_Repr(value);
        Py_DECREF(value);
        if (repr == NULL)
            goto done;
#if PY_MAJOR_VERSION >= 3
        item = PyUnicode_FromFormat("%s=%U", fields[i], repr);
#else
        item = PyString_FromFormat("%s=%s", fields[i], PyString_AsString(repr));
#endif
        Py_DECREF(repr);
        if (item == NULL || PyList_Append(parts, item) < 0) {
            Py_XDECREF(item);
            goto done;
        }
        Py_DECREF(item);
    }
#if PY_MAJOR_VERSION >= 3
    sep = PyUnicode_FromString(", ");
    if (sep == NULL || (joined = PyUnicode_Join(sep, parts)) == NULL)
        goto done;
    result = PyUnicode_FromFormat("%s(%U)", type_name, joined);
#else
    sep = PyString_FromString(", ");
    if (sep == NULL || (joined = _PyString_Join(sep, parts)) == NULL)
        goto done;
    result = PyString_FromFormat("%s(%s)", type_name, PyString_AsString(joined));
#endif
done:
    Py_XDECREF(sep);
    Py_XDECREF(joined);
    Py_DECREF(parts);
    return result;
}

/* tp_init of bound structs: keyword arguments set fields; positional ones are refused. */
static inline int
gobind_init_fields(PyObject *self, PyObject *args, PyObject *kwargs, const char *type_name,
                   const char *const *fields, Py_ssize_t n)
{
    PyObject *items;
    Py_ssize_t i;
    int rc = 0;
    if (PyTuple_GET_SIZE(args) != 0) {
        PyErr_Format(PyExc_TypeError, "%s() takes keyword arguments only (its field names)", type_name);
        return -1;
    }
    if (kwargs == NULL)
        return 0;
    /* a private copy: setting a field converts its value, which may run Python code */
    items = PyDict_Items(kwargs);
    if (items == NULL)
        return -1;
    for (i = 0; rc == 0 && i < PyList_GET_SIZE(items); i++) {
        PyObject *key = PyTuple_GET_ITEM(PyList_GET_ITEM(items, i), 0);
        if (gobind_kw_index(key, fields, n) < 0)
            rc = gobind_unexpected_kw(type_name, key);
        else
            rc = PyObject_SetAttr(self, key, PyTuple_GET_ITEM(PyList_GET_ITEM(items, i), 1));
    }
    Py_DECREF(items);
    return rc < 0 ? -1 : 0;
}

/* An argument that Python passes to Go as a handle: borrowed from a bound object, or
   owned when gobind made a Go value from a Python sequence for this call. */
typedef struct {
    uintptr_t handle;
    int owned;
} gobind_handle_arg;

static inline void
gobind_handle_arg_release(gobind_handle_arg *a)
{
    if (a->owned && a->handle != 0)
        gobind_release_handle(a->handle);
    a->owned = 0;
}

/* Raises the TypeError for `del obj.field`; returns -1. */
static inline int
gobind_cannot_delete(const char *type_name, const char *field)
{
    PyErr_Format(PyExc_TypeError, "cannot delete field %s.%s of a Go struct", type_name, field);
    return -1;
}

/* ---- named values, enums and the module object ------------------------------ */

/* cls(value), consuming the reference to value; NULL if value is NULL. */
static inline PyObject *
gobind_call_class(PyObject *cls, PyObject *value)
{
    PyObject *result;
    if (value == NULL)
        return NULL;
    result = PyObject_CallFunctionObjArgs(cls, value, NULL);
    Py_DECREF(value);
    return result;
}

/* "module.Type(<the builtin's repr>)" for a subclass of a Python builtin. */
static inline PyObject *
gobind_repr_value(PyObject *self, const char *type_name, PyObject *base)
{
    PyObject *inner = ((PyTypeObject *)base)->tp_repr(self), *result;
    if (inner == NULL)
        return NULL;
#if PY_MAJOR_VERSION >= 3
    result = PyUnicode_FromFormat("%s(%U)", type_name, inner);
#else
    result = PyString_FromFormat("%s(%s)", type_name, PyString_AsString(inner));
#endif
    Py_DECREF(inner);
    return result;
}

#if PY_MAJOR_VERSION >= 3
/* An enum.IntEnum named name whose members are names[i] = int(values[i]), carrying the
   methods of type (the int subclass bound for the Go type); str_method, if not NULL, is
   the method that becomes __str__.  Returns a new reference, or NULL with an exception. */
static inline PyObject *
gobind_make_enum(PyObject *m, const char *name, const char *doc, const char *const *names,
                 const char *const *values, Py_ssize_t n, PyTypeObject *type, PyMethodDef *methods,
                 const char *str_method)
{
    PyObject *enum_module, *int_enum = NULL, *members = NULL, *args = NULL, *kwargs = NULL;
    PyObject *cls = NULL;
    Py_ssize_t i;
    (void)type;
    enum_module = PyImport_ImportModule("enum");
    if (enum_module == NULL)
        return NULL;
    int_enum = PyObject_GetAttrString(enum_module, "IntEnum");
    members = PyList_New(n);
    if (int_enum == NULL || members == NULL)
        goto done;
    for (i = 0; i < n; i++) {
        PyObject *pair = Py_BuildValue("(sN)", names[i], PyLong_FromString((char *)values[i], NULL, 10));
        if (pair == NULL)
            goto done;
        PyList_SET_ITEM(members, i, pair);
    }
    args = Py_BuildValue("(sO)", name, members);
    kwargs = Py_BuildValue("{ss}", "module", PyModule_GetName(m));
    if (args == NULL || kwargs == NULL)
        goto done;
    cls = PyObject_Call(int_enum, args, kwargs);
    if (cls == NULL)
        goto done;
    if (doc[0] != '\0') {
        PyObject *text = PyUnicode_FromString(doc);
        if (text == NULL || PyObject_SetAttrString(cls, "__doc__", text) < 0) {
            Py_XDECREF(text);
            Py_CLEAR(cls);
            goto done;
        }
        Py_DECREF(text);
    }
    for (; methods->ml_name != NULL; methods++) {
        PyObject *descr = PyDescr_NewMethod((PyTypeObject *)cls, methods);
        int rc = descr == NULL ? -1 : PyObject_SetAttrString(cls, methods->ml_name, descr);
        if (rc == 0 && str_method != NULL && strcmp(methods->ml_name, str_method) == 0)
            rc = PyObject_SetAttrString(cls, "__str__", descr);
        Py_XDECREF(descr);
        if (rc < 0) {
            Py_CLEAR(cls);
            goto done;
        }
    }
done:
    Py_DECREF(enum_module);
    Py_XDECREF(int_enum);
    Py_XDECREF(members);
    Py_XDECREF(args);
    Py_XDECREF(kwargs);
    return cls;
}
#endif

/* dir() of a module with live attributes: its __dict__ keys plus those names, sorted. */
static inline PyObject *
gobind_dir_with(PyObject *module, const char *const *names)
{
    PyObject *dict = PyModule_GetDict(module), *list;
    if (dict == NULL || (list = PyDict_Keys(dict)) == NULL)
        return NULL;
    for (; *names != NULL; names++) {
        PyObject *name = PyUnicode_FromString(*names);
        if (name == NULL || PyList_Append(list, name) < 0) {
            Py_XDECREF(name);
            Py_DECREF(list);
            return NULL;
        }
        Py_DECREF(name);
    }
    if (PyList_Sort(list) < 0) {
        Py_DECREF(list);
        return NULL;
    }
    return list;
}

/* Makes module m an instance of type (a ModuleType subclass whose properties are the Go
   variables).  Python 3 assigns m.__class__; Python 2 cannot, so a new module object of
   that type takes m's place in sys.modules.  Returns -1 with an exception on failure. */
static inline int
gobind_set_module_type(PyObject *m, PyTypeObject *type)
{
    type->tp_base = &PyModule_Type;
    if (PyType_Ready(type) < 0)
        return -1;
#if PY_MAJOR_VERSION >= 3
    return PyObject_SetAttrString(m, "__class__", (PyObject *)type);
#else
    {
        const char *name = PyModule_GetName(m);
        PyObject *replacement = PyObject_CallFunction((PyObject *)type, "s", name);
        int rc;
        if (replacement == NULL)
            return -1;
        rc = PyDict_Update(PyModule_GetDict(replacement), PyModule_GetDict(m));
        if (rc == 0)
            rc = PyDict_SetItemString(PyImport_GetModuleDict(), name, replacement);
        Py_DECREF(replacement);
        return rc;
    }
#endif
}

/* ---- maps --------------------------------------------------------------------- */

/* Replaces the exception of a failed key conversion by KeyError(key): a key of another type
   is simply not in the map.  Returns NULL. */
static inline PyObject *
gobind_key_error(PyObject *key)
{
    PyErr_Clear();
    PyErr_SetObject(PyExc_KeyError, key);
    return NULL;
}

/* Writes "arg[<repr of key>]" into name, for messages about one value of a mapping argument. */
static inline void
gobind_key_name(char *name, size_t size, const char *arg, PyObject *key)
{
    PyObject *repr = PyObject_Repr(key);
    const char *text = NULL;
    if (repr != NULL) {
#if PY_MAJOR_VERSION >= 3
        text = PyUnicode_AsUTF8(repr);
#else
        text = PyString_AsString(repr);
#endif
    }
    if (text == NULL) {
        PyErr_Clear();
        text = "...";
    }
    PyOS_snprintf(name, size, "%s[%s]", arg, text);
    Py_XDECREF(repr);
}

/* "module.Name({key: value, ...})" for a map object. */
static inline PyObject *
gobind_repr_mapping(PyObject *self)
{
    PyObject *dict = PyDict_New(), *module = NULL, *result = NULL;
    if (dict == NULL)
        return NULL;
    if (PyDict_Merge(dict, self, 1) < 0)
        goto done;
    module = PyObject_GetAttrString((PyObject *)Py_TYPE(self), "__module__");
    if (module == NULL)
        goto done;
#if PY_MAJOR_VERSION >= 3
    result = PyUnicode_FromFormat("%U.%s(%R)", module, Py_TYPE(self)->tp_name, dict);
#else
    {
        PyObject *repr = PyObject_Repr(dict);
        if (repr != NULL)
            result = PyString_FromFormat("%s.%s(%s)", PyString_AsString(module), Py_TYPE(self)->tp_name,
                                         PyString_AsString(repr));
        Py_XDECREF(repr);
    }
#endif
done:
    Py_XDECREF(module);
    Py_DECREF(dict);
    return result;
}

/* The abstract base class `name` of collections.abc (Python 2: collections); a new reference. */
static inline PyObject *
gobind_collections_abc(const char *name)
{
#if PY_MAJOR_VERSION >= 3
    PyObject *abc = PyImport_ImportModule("collections.abc");
#else
    PyObject *abc = PyImport_ImportModule("collections");
#endif
    PyObject *cls;
    if (abc == NULL)
        return NULL;
    cls = PyObject_GetAttrString(abc, name);
    Py_DECREF(abc);
    return cls;
}

/* A new module object `name` with the functions in methods (or none) and doc (or none): an
   instance of `type`, a ModuleType subclass with the live variables of a Go package, or of
   ModuleType when type is NULL.  Returns a new reference, or NULL with an exception set. */
static inline PyObject *
gobind_new_module(const char *name, const char *doc, PyMethodDef *methods, PyTypeObject *type)
{
    PyObject *mod;
    if (type != NULL) {
        type->tp_base = &PyModule_Type;
        if (PyType_Ready(type) < 0)
            return NULL;
        mod = PyObject_CallFunction((PyObject *)type, "s", name);
    } else {
        mod = PyModule_New(name);
    }
    if (mod == NULL)
        return NULL;
#if PY_MAJOR_VERSION >= 3
    if ((methods != NULL && PyModule_AddFunctions(mod, methods) < 0)
        || (doc != NULL && PyModule_SetDocString(mod, doc) < 0)) {
        Py_DECREF(mod);
        return NULL;
    }
#else
    {
        PyMethodDef *def;
        PyObject *mod_name = PyString_FromString(name);
        if (mod_name == NULL) {
            Py_DECREF(mod);
            return NULL;
        }
        for (def = methods; def != NULL && def->ml_name != NULL; def++) {
            PyObject *fn = PyCFunction_NewEx(def, mod, mod_name);
            if (fn == NULL || PyModule_AddObject(mod, def->ml_name, fn) < 0) {
                Py_DECREF(mod_name);
                Py_DECREF(mod);
                return NULL;
            }
        }
        Py_DECREF(mod_name);
        if (doc != NULL && PyModule_AddStringConstant(mod, "__doc__", doc) < 0) {
            Py_DECREF(mod);
            return NULL;
        }
    }
#endif
    return mod;
}

/* Makes module `name` (dotted, e.g. ext.url; of class type, see gobind_new_module), sets it as
   attribute `attr` of m and enters it in sys.modules, so both ext.url and `import ext.url` reach
   it.  Returns a borrowed reference, or NULL with an exception set. */
static inline PyObject *
gobind_add_submodule(PyObject *m, const char *name, const char *attr, const char *doc, PyMethodDef *methods,
                     PyTypeObject *type)
{
    PyObject *sub = gobind_new_module(name, doc, methods, type);
    if (sub == NULL)
        return NULL;
    if (PyDict_SetItemString(PyImport_GetModuleDict(), name, sub) < 0
        || PyModule_AddObject(m, attr, sub) < 0) { /* steals the reference on success */
        Py_DECREF(sub);
        return NULL;
    }
    return sub;
}

/* Makes peer module `name`: the module of another gobind.extension() of the same project, whose
   Go package this extension binds so that both share one Go runtime.  It is entered in m's
   _gobind_modules dict under `key`, where the stand-in module that the other extension installs
   finds it.  Returns a borrowed reference, or NULL with an exception set. */
static inline PyObject *
gobind_add_peer(PyObject *m, const char *name, const char *key, const char *doc, PyMethodDef *methods,
                PyTypeObject *type)
{
    PyObject *peer, *peers;
    peers = PyObject_GetAttrString(m, "_gobind_modules");
    if (peers == NULL) {
        PyErr_Clear();
        peers = PyDict_New();
        if (peers == NULL)
            return NULL;
        Py_INCREF(peers);
        if (PyModule_AddObject(m, "_gobind_modules", peers) < 0) { /* steals one reference */
            Py_DECREF(peers);
            Py_DECREF(peers);
            return NULL;
        }
    }
    peer = gobind_new_module(name, doc, methods, type);
    if (peer == NULL || PyDict_SetItemString(peers, key, peer) < 0) {
        Py_XDECREF(peer);
        Py_DECREF(peers);
        return NULL;
    }
    Py_DECREF(peers);
    Py_DECREF(peer); /* the dict keeps it */
    return peer;
}

/* Gives peer module `peer` m's classes for Go errors, panics and untyped values, which its
   functions raise and return too.  Returns -1 with an exception set on failure. */
static inline int
gobind_share_classes(PyObject *m, PyObject *peer)
{
    static const char *const shared[] = {"GoError", "GoPanic", "GoErrorValue", "GoValue", NULL};
    const char *const *attr;
    for (attr = shared; *attr != NULL; attr++) {
        PyObject *value = PyObject_GetAttrString(m, *attr);
        if (value == NULL) {
            PyErr_Clear(); /* GoValue exists only when some function takes or returns any */
            continue;
        }
        if (PyModule_AddObject(peer, *attr, value) < 0) {
            Py_DECREF(value);
            return -1;
        }
    }
    return 0;
}

/* The class of a map's objects: a subclass of base (the C type over the Go map) and of
   collections.abc.MutableMapping, which adds keys(), items(), values(), get(), pop(),
   update(), ==, and the rest.  Returns a new reference, or NULL with an exception. */
static inline PyObject *
gobind_mapping_class(PyObject *m, const char *name, PyTypeObject *base)
{
    PyObject *mutable_mapping, *ns = NULL, *slots = NULL, *cls = NULL;
    PyObject *module_name = NULL, *doc = NULL;
    mutable_mapping = gobind_collections_abc("MutableMapping");
    if (mutable_mapping == NULL)
        return NULL;
    module_name = PyObject_GetAttrString(m, "__name__");
    doc = PyObject_GetAttrString((PyObject *)base, "__doc__");
    ns = PyDict_New();
    slots = PyTuple_New(0);
    if (module_name == NULL || doc == NULL || ns == NULL || slots == NULL
        || PyDict_SetItemString(ns, "__module__", module_name) < 0
        || PyDict_SetItemString(ns, "__slots__", slots) < 0
        || PyDict_SetItemString(ns, "__doc__", doc) < 0)
        goto done;
    cls = PyObject_CallFunction((PyObject *)&PyType_Type, "s(OO)O", name, (PyObject *)base, mutable_mapping, ns);
done:
    Py_DECREF(mutable_mapping);
    Py_XDECREF(module_name);
    Py_XDECREF(doc);
    Py_XDECREF(ns);
    Py_XDECREF(slots);
    return cls;
}

/* ---- Python callables passed where Go wants a func ------------------------------- */

/* A callable argument: Go takes over the reference when the call is made. */
typedef struct {
    uintptr_t fn;
    int passed;
} gobind_callable_arg;

/* A Python callable (a new reference), or None for a nil func. */
static inline int
gobind_from_py_callable(PyObject *o, const char *fn, const char *arg, gobind_callable_arg *out)
{
    if (o == Py_None) {
        out->fn = 0;
        return 0;
    }
    if (!PyCallable_Check(o))
        return gobind_type_error(fn, arg, "callable", o);
    Py_INCREF(o);
    out->fn = (uintptr_t)o;
    return 0;
}

/* The callable for the Go call; from here Go owns the reference (no Python API: no GIL needed). */
static inline uintptr_t
gobind_callable_pass(gobind_callable_arg *a)
{
    a->passed = 1;
    return a->fn;
}

/* Drops the reference if the call was not made. */
static inline void
gobind_callable_release(gobind_callable_arg *a)
{
    if (!a->passed && a->fn != 0)
        Py_DECREF((PyObject *)a->fn);
    a->fn = 0;
}

#if PY_MAJOR_VERSION >= 3
#define GOBIND_NEXT_METHOD "__next__"
#else
#define GOBIND_NEXT_METHOD "next"
#endif

/* A Python iterable for a Go iterator parameter (or a channel parameter Go receives from): Go
   calls the __next__ method of an iterator over it (a new reference) for each step;
   StopIteration ends the Go loop. */
static inline int
gobind_from_py_iterable(PyObject *o, const char *fn, const char *arg, gobind_callable_arg *out)
{
    PyObject *it = PyObject_GetIter(o);
    if (it == NULL) {
        if (!PyErr_ExceptionMatches(PyExc_TypeError))
            return -1;
        PyErr_Clear();
        return gobind_type_error(fn, arg, "iterable", o);
    }
    out->fn = (uintptr_t)PyObject_GetAttrString(it, GOBIND_NEXT_METHOD);
    Py_DECREF(it);
    return out->fn == 0 ? -1 : 0;
}

/* ---- Func values: Go funcs Python holds, and what Python stores where Go wants a func ---- */

/* A value for a func parameter, field or variable: a Go func's handle (borrowed from its object)
   or a Python callable. */
typedef struct {
    uintptr_t held;
    gobind_callable_arg fn;
} gobind_func_arg;

#define GOBIND_FUNC_ARG_INIT {0, {0, 0}}

/* The value for the Go call; from here Go owns the callable's reference. */
static inline gobind_func
gobind_func_pass(gobind_func_arg *a)
{
    gobind_func f;
    f.held = a->held;
    f.fn = gobind_callable_pass(&a->fn);
    return f;
}

/* Drops the callable's reference if the call was not made. */
static inline void
gobind_func_release(gobind_func_arg *a)
{
    gobind_callable_release(&a->fn);
}

/* tp_call of a func value class: calls its call() method, which converts the arguments as a
   bound function does. */
static inline PyObject *
gobind_call_method(PyObject *self, PyObject *args, PyObject *kwargs)
{
    PyObject *call = PyObject_GetAttrString(self, "call"), *result;
    if (call == NULL)
        return NULL;
    result = PyObject_Call(call, args, kwargs);
    Py_DECREF(call);
    return result;
}

/* A str or bytes argument of a callback, from Go memory lent for the callback. */
static inline PyObject *
gobind_to_py_view_str(gobind_view *v)
{
    return gobind_str_from_utf8(v->p, v->n);
}

static inline PyObject *
gobind_to_py_view_bytes(gobind_view *v)
{
    return PyBytes_FromStringAndSize(v->p, v->n);
}

/* Set when the interpreter starts to exit: Go's finalizers stop touching Python objects. */
static volatile int gobind_py_exiting;

static PyObject *
gobind_on_exit(PyObject *self, PyObject *unused)
{
    (void)self;
    (void)unused;
    gobind_py_exiting = 1;
    Py_INCREF(Py_None);
    return Py_None;
}

static PyMethodDef gobind_on_exit_def = {"_gobind_on_exit", gobind_on_exit, METH_NOARGS, NULL};

/* Registers gobind_on_exit with atexit, and makes sure the GIL exists for Go's threads. */
static inline int
gobind_watch_exit(PyObject *m)
{
    PyObject *atexit, *fn, *result;
#if PY_VERSION_HEX < 0x03070000
    PyEval_InitThreads();
#endif
    atexit = PyImport_ImportModule("atexit");
    if (atexit == NULL)
        return -1;
    fn = PyCFunction_New(&gobind_on_exit_def, m);
    result = fn == NULL ? NULL : PyObject_CallMethod(atexit, "register", "O", fn);
    Py_DECREF(atexit);
    Py_XDECREF(fn);
    Py_XDECREF(result);
    return result == NULL ? -1 : 0;
}

/* Takes the exception a callback raised, for the Go side: the exception object (a new
   reference) and its text in *text (a new reference to a str or bytes object). */
static inline PyObject *
gobind_fetch_exception(PyObject **text)
{
    PyObject *type, *value, *tb;
    PyErr_Fetch(&type, &value, &tb);
    PyErr_NormalizeException(&type, &value, &tb);
    if (value == NULL) {
        value = Py_None;
        Py_INCREF(value);
    }
#if PY_MAJOR_VERSION >= 3
    if (tb != NULL)
        PyException_SetTraceback(value, tb);
#endif
    *text = PyObject_Str(value);
    if (*text == NULL) {
        PyErr_Clear();
#if PY_MAJOR_VERSION >= 3
        *text = PyUnicode_FromString("Python exception in a callback");
#else
        *text = PyString_FromString("Python exception in a callback");
#endif
    }
    Py_XDECREF(type);
    Py_XDECREF(tb);
    return value;
}

/* The kind letter (i signed, u unsigned, f float, c complex, b bool) and size of a native
   struct-module format, or 0 when gobind does not read it directly. */
static inline char
gobind_format_kind(const char *format, Py_ssize_t *size)
{
    if (format == NULL)
        format = "B";
    if (format[0] == '@' || format[0] == '=')
        format++;
    if (format[0] == 'Z' && (format[1] == 'f' || format[1] == 'd') && format[2] == '\0') {
        *size = format[1] == 'f' ? 8 : 16;
        return 'c';
    }
    if (format[0] == '\0' || format[1] != '\0')
        return 0;
    switch (format[0]) {
    case 'b': *size = 1; return 'i';
    case 'B': *size = 1; return 'u';
    case 'h': *size = sizeof(short); return 'i';
    case 'H': *size = sizeof(short); return 'u';
    case 'i': *size = sizeof(int); return 'i';
    case 'I': *size = sizeof(int); return 'u';
    case 'l': *size = sizeof(long); return 'i';
    case 'L': *size = sizeof(long); return 'u';
    case 'q': *size = sizeof(long long); return 'i';
    case 'Q': *size = sizeof(long long); return 'u';
    case 'n': *size = sizeof(Py_ssize_t); return 'i';
    case 'N': *size = sizeof(size_t); return 'u';
    case 'f': *size = sizeof(float); return 'f';
    case 'd': *size = sizeof(double); return 'f';
    case '?': *size = 1; return 'b';
    default: return 0;
    }
}
