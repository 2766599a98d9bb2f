/* gobind C support, the same for every module: what gobind_support.c defines, and the helpers of a
   call's hot path (argument binding, scalar, str and bytes conversions), inline so that they
   compile into each bound function.  Include it after Python.h and the module's ABI types. */

#ifndef GOBIND_SUPPORT_H
#define GOBIND_SUPPORT_H

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <structmember.h>

#if defined(__unix__) || defined(__APPLE__)
#define GOBIND_UNIX 1
#include <pthread.h>
#include <signal.h>
#else
#define GOBIND_UNIX 0
#endif

/* Every name declared from here on stays inside the extension: one extension's support code never
   binds to another's, whichever gobind project built it (the version script hides them too). */
#if defined(__GNUC__)
#pragma GCC visibility push(hidden)
#endif

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

/* A generated helper a module may not use (clang warns about unused static inline functions of
   the main file; gcc does not). */
#if defined(__GNUC__) || defined(__clang__)
#define GOBIND_UNUSED __attribute__((unused))
#else
#define GOBIND_UNUSED
#endif

/* A variable of each thread.  The initial-exec model (as Go's own runtime uses in a c-archive) reads
   it at a fixed offset, without __tls_get_addr: the module then needs only libc, not ld-linux too;
   the few bytes come from the static TLS space that glibc keeps for libraries loaded later. */
#if defined(_MSC_VER)
#define GOBIND_THREAD_LOCAL __declspec(thread)
#else
#define GOBIND_THREAD_LOCAL __thread __attribute__((tls_model("initial-exec")))
#endif

/* Status codes returned by every cgo export. */
#define GOBIND_OK 0
#define GOBIND_ERROR 1
#define GOBIND_PANIC 2
#define GOBIND_MISSING 3  /* a map has no such key */
#define GOBIND_RANGE 4    /* an index past the end of a slice that changed since C checked it */

/* gobind_ref.kind of a Python exception raised in a callback (the handle is the exception). */
#define GOBIND_KIND_PYTHON (-1)

/* ---- defined in gobind_support.c -------------------------------------------- */

/* Errors of arguments, and binding keyword and variadic arguments (the slow paths of gobind_unpack). */
void gobind_set_type_error(const char *fn, const char *arg, const char *want, PyObject *got);
void gobind_set_overflow(const char *fn, const char *arg, const char *gotype, PyObject *got);
int gobind_bind_kw(const char *fn, const char *const *names, Py_ssize_t n, PyObject *key, PyObject *value,
                   PyObject **argv);
int gobind_check_missing(const char *fn, const char *const *names, Py_ssize_t n, PyObject **argv);
int gobind_too_many(const char *fn, Py_ssize_t n, Py_ssize_t given);
int gobind_unpack_variadic(const char *fn, const char *const *names, Py_ssize_t n, GOBIND_ARGS, PyObject **argv,
                           PyObject **rest);
int gobind_optional_arg(const char *type_name, const char *const *names, PyObject *args, PyObject *kwargs,
                        PyObject **argv);

/* Results, GoError and GoPanic (gobind_buf_make is what Go calls, see the ABI types). */
void gobind_buf_make(gobind_buf *b, uintptr_t p, ptrdiff_t n, int kind);
void gobind_error_drop_flush(void);
PyObject *gobind_raise(int status, gobind_buf *msg);
/* The kind letter (i, u, f, c, b) and size of a native struct-module format, or 0. */
char gobind_format_kind(const char *format, Py_ssize_t *size);
void gobind_unraisable(int status, gobind_buf *msg);
int gobind_add_exceptions(PyObject *m, const char *module_name);

/* Classes of structs and named values, the module object, submodules and peers, maps. */
PyObject *gobind_repr_fields(PyObject *self, const char *type_name, const char *const *fields, Py_ssize_t n);
int gobind_init_fields(PyObject *self, PyObject *args, PyObject *kwargs, const char *type_name,
                       const char *const *fields, Py_ssize_t n);
int gobind_cannot_delete(const char *type_name, const char *field);
PyObject *gobind_repr_value(PyObject *self, const char *type_name, PyObject *base);
#if PY_MAJOR_VERSION >= 3
PyObject *gobind_make_enum(PyObject *m, const char *name, const char *doc, const char *const *names,
                           const char *const *values, Py_ssize_t n, PyTypeObject *type, PyMethodDef *methods,
                           const char *str_method);
#endif
PyObject *gobind_dir_with(PyObject *module, const char *const *names);
int gobind_set_module_type(PyObject *m, PyTypeObject *type);
PyObject *gobind_key_error(PyObject *key);
void gobind_key_name(char *name, size_t size, const char *arg, PyObject *key);
PyObject *gobind_repr_mapping(PyObject *self);
PyObject *gobind_add_submodule(PyObject *m, const char *name, const char *attr, const char *doc,
                               PyMethodDef *methods, PyTypeObject *type);
PyObject *gobind_add_peer(PyObject *m, const char *name, const char *key, const char *doc, PyMethodDef *methods,
                          PyTypeObject *type);
int gobind_share_classes(PyObject *m, PyObject *peer);
PyObject *gobind_mapping_class(PyObject *m, const char *name, PyTypeObject *base);

/* Callables and func values; the end of the interpreter. */
PyObject *gobind_call_method(PyObject *self, PyObject *args, PyObject *kwargs);
PyObject *gobind_fetch_exception(PyObject **text);
int gobind_watch_exit(PyObject *m);
extern volatile int gobind_py_exiting;  /* set when the interpreter starts to exit */

/* Private snapshots of Python containers, so that Python code run while their items are converted
   (__index__, __hash__, __eq__, __iter__...) cannot free what C is reading. */
PyObject *gobind_sequence_snapshot(PyObject *o, const char *message);
PyObject *gobind_mapping_items(PyObject *o, const char *fn, const char *arg, const char *want);

/* The slots of every slice and array class, and Python sequences and
   buffers passed where Go wants a slice or array. */
Py_ssize_t gobind_seq_length(PyObject *self);
PyObject *gobind_seq_item(PyObject *self, Py_ssize_t i);
int gobind_seq_ass_item(PyObject *self, Py_ssize_t i, PyObject *value);
PyObject *gobind_seq_subscript(PyObject *self, PyObject *key);
int gobind_seq_ass_subscript(PyObject *self, PyObject *key, PyObject *value);
PyObject *gobind_seq_richcompare(PyObject *self, PyObject *other, int op);
PyObject *gobind_seq_repr(PyObject *self);
int gobind_seq_getbuffer(PyObject *self, Py_buffer *view, int flags);
void gobind_seq_releasebuffer(PyObject *self, Py_buffer *view);
void gobind_seq_drop_views(PyObject *self);
PyObject *gobind_as_sequence(PyObject *o, const char *fn, const char *arg, const char *want);
void gobind_item_name(char *name, size_t size, const char *arg, Py_ssize_t i);
int gobind_length_error(const char *fn, const char *arg, Py_ssize_t want, Py_ssize_t got);
int gobind_matching_buffer(PyObject *o, const char *format, Py_buffer *view);
int gobind_register_sequence(PyTypeObject *type, int mutable_);

/* Classes that behave like Python's (templates/c/classes.c and seq_mutable.c): struct copies, pickle
   and ==, and the MutableSequence methods of slices, which a slice class's method table lists through
   GOBIND_SEQ_MUTABLE_METHODS. */
typedef int (*gobind_dup_fn)(uintptr_t self, uintptr_t *out, gobind_buf *msg);
typedef int (*gobind_addr_fn)(uintptr_t handle, uintptr_t *out, gobind_buf *msg);
extern PyMemberDef gobind_struct_members[];  /* __weaklistoffset__ */
int gobind_mark_live(PyTypeObject *type, const char *what);  /* objects pickle cannot carry, and what they are */
PyObject *gobind_struct_setstate(PyObject *self, PyObject *state, const char *const *fields, Py_ssize_t n);
typedef int (*gobind_equal_fn)(uintptr_t a, uintptr_t b, uint8_t *eq, uint8_t *ok, gobind_buf *msg);
PyObject *gobind_struct_dup(PyObject *self, gobind_dup_fn dup, PyObject *memo);
PyObject *gobind_struct_reduce(PyObject *self, const char *type_name, const char *const *fields, Py_ssize_t n,
                               const char *refusal, PyTypeObject *type, gobind_addr_fn addr);
PyObject *gobind_struct_richcompare(PyObject *self, PyObject *other, int op, PyTypeObject *type,
                                    gobind_equal_fn equal);
int gobind_seq_delete(PyObject *self, Py_ssize_t lo, Py_ssize_t step, Py_ssize_t count);
int gobind_seq_assign(PyObject *self, Py_ssize_t lo, Py_ssize_t hi, PyObject *items);
PyObject *gobind_seq_append(PyObject *self, PyObject *x);
PyObject *gobind_seq_extend(PyObject *self, PyObject *items);
PyObject *gobind_seq_inplace_concat(PyObject *self, PyObject *items);
PyObject *gobind_seq_insert(PyObject *self, PyObject *args);
PyObject *gobind_seq_pop(PyObject *self, PyObject *args);
PyObject *gobind_seq_remove(PyObject *self, PyObject *x);
PyObject *gobind_seq_index(PyObject *self, PyObject *args);
PyObject *gobind_seq_count(PyObject *self, PyObject *x);
PyObject *gobind_seq_clear(PyObject *self, PyObject *unused);
PyObject *gobind_seq_reverse(PyObject *self, PyObject *unused);

/* __reduce__ of slice and array objects, and of map objects: (class, (a list or dict of the items,)). */
PyObject *gobind_reduce_list(PyObject *self, PyObject *unused);
PyObject *gobind_reduce_dict(PyObject *self, PyObject *unused);
extern PyMethodDef gobind_box_methods[];  /* the methods of box classes: __reduce__ */
#define GOBIND_SEQ_METHODS                                                                                  \
    {"__reduce__", gobind_reduce_list, METH_NOARGS, "__reduce__($self, /)\n--\n\nPickles the items as a list."},
#define GOBIND_MAP_METHODS                                                                                  \
    {"__reduce__", gobind_reduce_dict, METH_NOARGS, "__reduce__($self, /)\n--\n\nPickles the items as a dict."},

#define GOBIND_SEQ_MUTABLE_METHODS                                                                          \
    {"append", gobind_seq_append, METH_O, "append($self, x, /)\n--\n\nAppends x, as Go's append does."},     \
    {"extend", gobind_seq_extend, METH_O, "extend($self, items, /)\n--\n\nAppends the items, as Go's append does."}, \
    {"insert", gobind_seq_insert, METH_VARARGS, "insert($self, i, x, /)\n--\n\nInserts x before index i."},     \
    {"pop", gobind_seq_pop, METH_VARARGS, "pop($self, i=-1, /)\n--\n\nRemoves item i and returns it."},          \
    {"remove", gobind_seq_remove, METH_O, "remove($self, x, /)\n--\n\nRemoves the first item equal to x."},      \
    {"index", gobind_seq_index, METH_VARARGS,                                                               \
     "index($self, x, start=0, stop=sys.maxsize, /)\n--\n\nThe index of the first item equal to x."},          \
    {"count", gobind_seq_count, METH_O, "count($self, x, /)\n--\n\nHow many items equal x."},                     \
    {"clear", gobind_seq_clear, METH_NOARGS, "clear($self, /)\n--\n\nRemoves every item (s = s[:0] in Go)."},   \
    {"reverse", gobind_seq_reverse, METH_NOARGS, "reverse($self, /)\n--\n\nReverses the items in place."},

/* The runtime hooks (docs/runtime.md): fork, Ctrl-C in calls with a context, a second Go runtime. */
extern volatile int gobind_forked;      /* set in the child of a fork() */
#if GOBIND_UNIX
extern sigset_t gobind_async_signals;   /* the asynchronous signals that Go's threads block */
#endif
void gobind_fork_error(void);
int gobind_poll_interrupt(void);
int gobind_runtime_init(PyObject *m);

/* What the support code asks of the module, whose functions call its own exports: wrap a handle
   into an object of type tp (0 becomes None), the Python object of the error in a GoError's slot
   (the slot is emptied), emptying the slots of GoErrors that died with go_error unread, and the
   cgo exports of a slice or array object's class. */
typedef struct {
    PyObject *(*wrap)(PyTypeObject *tp, uintptr_t handle);
    PyObject *(*claim_error)(uintptr_t slot);
    void (*drop_errors)(uintptr_t *slots, Py_ssize_t n);
    const struct gobind_seq_info *(*seq_info)(PyObject *o);
} gobind_module_hooks;

extern const gobind_module_hooks gobind_hooks;

/* ---- around every call into Go ------------------------------------------------ */

/* GOBIND_CALL_BEGIN/GOBIND_CALL_END bracket each cgo call made on behalf of Python, and
   GOBIND_CALL_KEEP_BEGIN/GOBIND_CALL_KEEP_END those of functions that keep the GIL (the plan's
   release_gil).  The function around them must have a `done:` label that returns NULL (result
   still NULL) after releasing the arguments: the BEGIN macros jump there with an exception set
   when the call cannot be made. */

/* Around a Go call: refuse in a forked child, else let other Python threads run while Go works.
   Before Python 3.10, Python installs its signal handlers without SA_ONSTACK, so a handler that
   ran while this thread executes Go code would run on a small goroutine stack and corrupt
   memory; there the asynchronous signals stay blocked for the call (two system calls) and
   arrive, and run their Python handlers, when it returns. */
#define GOBIND_CALL_REFUSE_IF_FORKED                                                           \
    if (gobind_forked) {                                                                      \
        gobind_fork_error();                                                                  \
        goto done;                                                                            \
    }
/* For the short calls made with the GIL held (fields, items, variables, new objects): in a
   forked child, raise the same error and return ret. */
#define GOBIND_REFUSE_IF_FORKED(ret)                                                           \
    if (gobind_forked) {                                                                      \
        gobind_fork_error();                                                                  \
        return ret;                                                                           \
    }

#if GOBIND_UNIX && PY_VERSION_HEX < 0x030A0000
#define GOBIND_CALL_KEEP_BEGIN                                                                 \
    GOBIND_CALL_REFUSE_IF_FORKED                                                              \
    {                                                                                         \
        sigset_t gobind_call_mask;                                                            \
        pthread_sigmask(SIG_BLOCK, &gobind_async_signals, &gobind_call_mask);
#define GOBIND_CALL_KEEP_END                                                                   \
        pthread_sigmask(SIG_SETMASK, &gobind_call_mask, NULL);                                \
    }
#else
#define GOBIND_CALL_KEEP_BEGIN GOBIND_CALL_REFUSE_IF_FORKED {
#define GOBIND_CALL_KEEP_END }
#endif
/* Releasing the GIL: the same, with the GIL released inside the signal-mask bracket. */
#define GOBIND_CALL_BEGIN GOBIND_CALL_KEEP_BEGIN Py_BEGIN_ALLOW_THREADS
#define GOBIND_CALL_END Py_END_ALLOW_THREADS GOBIND_CALL_KEEP_END
/* For a call whose only work that grows is copying its str and bytes arguments (n bytes): the
   GIL is kept up to GOBIND_KEEP_GIL_BYTES (copying 4 KiB takes about as long as releasing and
   retaking the GIL), and released for longer ones.  A C flag -DGOBIND_KEEP_GIL_BYTES=n sets it. */
#ifndef GOBIND_KEEP_GIL_BYTES
#define GOBIND_KEEP_GIL_BYTES 4096
#endif
#define GOBIND_CALL_SIZED_BEGIN(n)                                                             \
    GOBIND_CALL_KEEP_BEGIN                                                                    \
    {                                                                                         \
        PyThreadState *gobind_saved = (n) > GOBIND_KEEP_GIL_BYTES ? PyEval_SaveThread() : NULL;
#define GOBIND_CALL_SIZED_END                                                                  \
        if (gobind_saved != NULL)                                                             \
            PyEval_RestoreThread(gobind_saved);                                               \
    }                                                                                         \
    GOBIND_CALL_KEEP_END

/* Module-level exception classes, created at module init. */
extern PyObject *gobind_GoError;
extern PyObject *gobind_GoPanic;

#ifndef GOBIND_SUPPORT_SOURCE
/* Defined by each module with its own exports: the Python object for a Go error, dropping a
   handle, and the three hooks. */
static PyObject *gobind_to_py_error(gobind_ref *ref);
static void gobind_release_handle(uintptr_t handle);
static PyObject *gobind_claim_error(uintptr_t slot);
static void gobind_drop_errors(uintptr_t *slots, Py_ssize_t n);
static PyObject *gobind_wrap(PyTypeObject *tp, uintptr_t handle);
static const struct gobind_seq_info *gobind_seq_info_of(PyObject *o);

const gobind_module_hooks gobind_hooks = {gobind_wrap, gobind_claim_error, gobind_drop_errors, gobind_seq_info_of};
#endif

/* Raises TypeError "fn() argument 'arg' must be want, not <type>"; returns -1 (inline, so that
   the compiler sees that the caller fails). */
static inline int
gobind_type_error(const char *fn, const char *arg, const char *want, PyObject *got)
{
    gobind_set_type_error(fn, arg, want, got);
    return -1;
}

/* Raises OverflowError naming the argument, the value and the Go type; returns -1. */
static inline int
gobind_overflow(const char *fn, const char *arg, const char *gotype, PyObject *got)
{
    gobind_set_overflow(fn, arg, gotype, got);
    return -1;
}

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

/* ---- argument binding -------------------------------------------------- */

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

/* ---- integers ---------------------------------------------------------- */

/* The fast path of gobind_read_int: an exact int of one digit (30 bits, which most ints a
   program passes are) read in place, without a call.  Returns 0 for any other object. */
static inline int
gobind_small_int(PyObject *o, long long *v)
{
#if defined(Py_LIMITED_API)
    /* the limited API has no look inside an int */
#elif PY_VERSION_HEX >= 0x030C0000
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
/* Whether o's type has __float__ (nb_float). */
static inline int
gobind_has_float(PyObject *o)
{
#ifdef Py_LIMITED_API
    return PyType_GetSlot(Py_TYPE(o), Py_nb_float) != NULL;
#else
    return Py_TYPE(o)->tp_as_number != NULL && Py_TYPE(o)->tp_as_number->nb_float != NULL;
#endif
}

static inline int
gobind_read_double(PyObject *o, const char *fn, const char *arg, double *out)
{
    if (PyFloat_Check(o)) {
        *out = PyFloat_AS_DOUBLE(o);
        return 0;
    }
    if (!gobind_has_float(o) && !PyIndex_Check(o))
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
    if (!PyComplex_Check(o) && !gobind_has_float(o) && !PyIndex_Check(o))
        return gobind_type_error(fn, arg, "complex", o);
#ifdef Py_LIMITED_API
    if (PyComplex_Check(o)) {  /* complex and its subclasses: their parts; the rest: a real number */
        out->re = PyComplex_RealAsDouble(o);
        out->im = PyComplex_ImagAsDouble(o);
    } else {
        out->re = PyFloat_AsDouble(o);
        out->im = 0.0;
    }
    return (out->re == -1.0 && PyErr_Occurred()) ? -1 : 0;
#else
    {
        Py_complex c = PyComplex_AsCComplex(o);
        if (c.real == -1.0 && PyErr_Occurred())
            return -1;
        out->re = c.real;
        out->im = c.imag;
    }
    return 0;
#endif
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

/* ---- bound Go values ------------------------------------------------------ */

/* A Python object standing for a Go value: it holds a cgo handle to a pointer,
   which keeps the Go value alive until the object dies. */
typedef struct {
    PyObject_HEAD
    uintptr_t handle;
} gobind_object;

#define GOBIND_HANDLE(o) (((gobind_object *)(o))->handle)

/* A struct object: its handle, and its weak references (pickle finds the object it pickled for a
   Go value through them: templates/c/classes.c). */
typedef struct {
    PyObject_HEAD
    uintptr_t handle;
    PyObject *weaklist;
} gobind_struct_object;

/* An argument that Python passes to Go as a handle: borrowed from a bound object, or
   owned when gobind made a Go value from a Python sequence for this call. */
typedef struct {
    uintptr_t handle;
    int owned;
} gobind_handle_arg;

#ifndef GOBIND_SUPPORT_SOURCE
static inline void
gobind_handle_arg_release(gobind_handle_arg *a)
{
    if (a->owned && a->handle != 0)
        gobind_release_handle(a->handle);
    a->owned = 0;
}
#endif

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

/* ---- slices and arrays bound as Python sequence classes ---------------------------
   Each class has a gobind_seq_info, the table of cgo exports that reach its Go value, which the
   module finds from an object's class (the seq_info hook), so the slots in gobind_support.c
   serve every slice and array class. */

#define GOBIND_MAX_DIMS 8

/* Python 2 only offers the buffer protocol of PEP 3118 to types that ask for it. */
#if PY_MAJOR_VERSION >= 3
#define GOBIND_TPFLAGS_BUFFER 0
#else
#define GOBIND_TPFLAGS_BUFFER Py_TPFLAGS_HAVE_NEWBUFFER
#endif

/* The cgo exports (len, slice, pin, unpin) return a status and write a panic into msg. */
typedef struct gobind_seq_info {
    Py_ssize_t fixed_len;                                   /* arrays: the length; slices: -1 */
    int (*len)(uintptr_t self, ptrdiff_t *n, gobind_buf *msg);  /* slices: current length */
    PyObject *(*get)(uintptr_t self, Py_ssize_t i);         /* new reference, or NULL */
    int (*set)(uintptr_t self, Py_ssize_t i, PyObject *v);  /* 0, or -1 with an exception */
    int (*slice)(uintptr_t self, ptrdiff_t lo, ptrdiff_t hi, uintptr_t *out, gobind_buf *msg);  /* slices: s[lo:hi] */
    /* slices: s[lo:hi] = items (NULL: none) as Go's append does; 0, or -1 with an exception naming fn */
    int (*splice)(uintptr_t self, Py_ssize_t lo, Py_ssize_t hi, PyObject *items, const char *fn);
    int (*pin)(uintptr_t self, void **data, ptrdiff_t *n, uintptr_t *pin, gobind_buf *msg);  /* numeric: pins the elements */
    int (*unpin)(uintptr_t pin, gobind_buf *msg);
    const char *format;                                     /* numeric: struct-module format */
    Py_ssize_t itemsize;
    int ndim;
    Py_ssize_t inner[GOBIND_MAX_DIMS];                      /* fixed dimensions below the first */
} gobind_seq_info;

#define GOBIND_SEQ_INFO(o) gobind_hooks.seq_info(o)

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

/* ---- Python sequences passed where Go wants a slice or array --------------- */

/* ---- Go iterators: iter.Seq and iter.Seq2 results seen from Python as iterators that pull one
   step per cgo call, and Python iterables passed where Go wants one.  Each module defines its
   GoIterator type (named after the module) and, per iterator type, the function that pulls one
   step and makes its Python value. */

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

PyObject *gobind_iter_new(PyTypeObject *tp, uintptr_t handle, gobind_iter_next_fn next, gobind_iter_stop_fn stop);
PyObject *gobind_iter_iternext(PyObject *o);
void gobind_iter_dealloc(PyObject *o);
extern PyMethodDef gobind_iter_methods[];

#if PY_MAJOR_VERSION >= 3
#define GOBIND_NEXT_METHOD "__next__"
#else
#define GOBIND_NEXT_METHOD "next"
#endif

/* A Python iterable for a Go iterator parameter: Go calls the __next__ method of an iterator
   over it (a new reference) for each step; StopIteration ends the Go loop. */
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

/* ---- Go channels: what every channel class shares.  templates/c/chan.c.j2 makes each class's
   functions, which call its exports (send, recv, close, size). */

/* Statuses of the channel exports, beside GOBIND_OK, GOBIND_PANIC and GOBIND_INTERRUPTED. */
#define GOBIND_CHAN_CLOSED 6   /* a receive found the channel closed and drained */
#define GOBIND_CHAN_TIMEOUT 7  /* the timeout passed first (at once for a timeout of 0) */

/* Python 2 calls the truth slot nb_nonzero. */
#if PY_MAJOR_VERSION < 3
#define nb_bool nb_nonzero
#endif

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

int gobind_chan_true(PyObject *self);
int gobind_chan_timeout(const char *fn, PyObject *o, int64_t *ns);
PyObject *gobind_chan_fail(int status, gobind_buf *msg);
int gobind_chan_size(PyObject *self, gobind_chan_size_fn size, ptrdiff_t *n, ptrdiff_t *capacity);
PyObject *gobind_chan_repr(PyObject *self, gobind_chan_size_fn size, const char *go_type);
PyObject *gobind_chan_stop(void);

#if defined(__GNUC__)
#if PY_MAJOR_VERSION >= 3
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

/* One vectorised call: parse, one Go call with the GIL released, result (gobind_support.c). */
PyObject *gobind_vec_call_go(const gobind_vec_spec *s, PyObject *args, PyObject *kw);
#endif

#pragma GCC visibility pop
#endif

#endif /* GOBIND_SUPPORT_H */
