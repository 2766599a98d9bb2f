/* gobind C support, the same for every module and compiled once per extension, beside it:
   errors and exceptions, the classes' shared slots and helpers, module objects, and the runtime
   hooks around the Go runtime (fork, signals, a second Go runtime; docs/runtime.md states the
   guarantees they give and why).  Its declarations are in gobind_support.h. */

#if GOBIND_UNIX
#include <dlfcn.h>
#include <errno.h>
#endif

/* Module-level exception classes, created at module init. */
PyObject *gobind_GoError;
PyObject *gobind_GoPanic;

/* Raises TypeError "fn() argument 'arg' must be want, not <type>" (gobind_type_error). */
void
gobind_set_type_error(const char *fn, const char *arg, const char *want, PyObject *got)
{
    PyErr_Format(PyExc_TypeError, "%s() argument '%s' must be %s, not %.200s",
                 fn, arg, want, GOBIND_TP_NAME(Py_TYPE(got)));
}

/* Raises OverflowError naming the argument, the value and the Go type (gobind_overflow). */
void
gobind_set_overflow(const char *fn, const char *arg, const char *gotype, PyObject *got)
{
    PyObject *repr = PyObject_Repr(got);
    if (repr == NULL)
        return;
#if PY_MAJOR_VERSION >= 3
    PyErr_Format(PyExc_OverflowError, "%s() argument '%s': %U does not fit in Go %s",
                 fn, arg, repr, gotype);
#else
    PyErr_Format(PyExc_OverflowError, "%s() argument '%s': %s does not fit in Go %s",
                 fn, arg, PyString_AsString(repr), gotype);
#endif
    Py_DECREF(repr);
}

/* Finds the index of keyword `key` in names[0..n), or -1. */
static Py_ssize_t
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
static int
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
int
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
int
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
int
gobind_too_many(const char *fn, Py_ssize_t n, Py_ssize_t given)
{
    PyErr_Format(PyExc_TypeError, "%s() takes %zd positional argument%s but %zd %s given",
                 fn, n, n == 1 ? "" : "s", given, given == 1 ? "was" : "were");
    return -1;
}

/* Like gobind_unpack, for a function whose last parameter is Go's ...T: the first n
   parameters bind as usual and the positional arguments after them become the tuple *rest. */
int
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
int
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

/* GoErrors that die with go_error unread hand their slots back to Go in batches, one cgo call
   for many: when the queue is full, and before the live handles are counted. */
#define GOBIND_ERROR_DROP_BATCH 64
static uintptr_t gobind_error_drop_queue[GOBIND_ERROR_DROP_BATCH];
static Py_ssize_t gobind_error_drop_queued;

/* Empties all queued slots (the GIL is held). */
void
gobind_error_drop_flush(void)
{
    Py_ssize_t n = gobind_error_drop_queued;
    gobind_error_drop_queued = 0;
    if (n > 0)
        gobind_hooks.drop_errors(gobind_error_drop_queue, n);
}

/* Queues an error slot to be emptied with the next batch (the GIL is held). */
static void
gobind_error_drop_later(uintptr_t slot)
{
    gobind_error_drop_queue[gobind_error_drop_queued++] = slot;
    if (gobind_error_drop_queued == GOBIND_ERROR_DROP_BATCH)
        gobind_error_drop_flush();
}

/* A GoError: a RuntimeError that holds the slot where Go keeps the error value (msg->err.handle)
   and makes its Python object only when go_error is first read; most handlers never read it.
   The fields follow RuntimeError's instance, whose size (gobind_go_error_offset) is read at init:
   the limited API does not show PyBaseExceptionObject. */
typedef struct {
    uintptr_t slot;      /* the Go error's slot; 0 when there is none (any more) */
    PyObject *go_error;  /* the value of go_error once read or set; NULL before */
} gobind_go_error;

static Py_ssize_t gobind_go_error_offset;

#define GOBIND_GO_ERROR(o) ((gobind_go_error *)((char *)(o) + gobind_go_error_offset))

static PyObject *
gobind_go_error_get(PyObject *self, void *closure)
{
    gobind_go_error *e = GOBIND_GO_ERROR(self);
    (void)closure;
    if (e->go_error == NULL) {
        if (e->slot == 0) {  /* a GoError made in Python */
            PyErr_Format(PyExc_AttributeError, "'%.100s' object has no attribute 'go_error'",
                         GOBIND_TP_NAME(Py_TYPE(self)));
            return NULL;
        }
        e->go_error = gobind_hooks.claim_error(e->slot);
        if (e->go_error == NULL)
            return NULL;  /* a forked child: the slot stays */
        e->slot = 0;
    }
    return gobind_new_ref(e->go_error);
}

static int
gobind_go_error_set(PyObject *self, PyObject *value, void *closure)
{
    gobind_go_error *e = GOBIND_GO_ERROR(self);
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
    Py_VISIT(GOBIND_GO_ERROR(self)->go_error);
    GOBIND_VISIT_TYPE(self);
    return GOBIND_SLOT((PyTypeObject *)PyExc_RuntimeError, tp_traverse, traverseproc)(self, visit, arg);
}

static int
gobind_go_error_clear(PyObject *self)
{
    Py_CLEAR(GOBIND_GO_ERROR(self)->go_error);
    return GOBIND_SLOT((PyTypeObject *)PyExc_RuntimeError, tp_clear, inquiry)(self);
}

/* RuntimeError's dealloc frees the exception; the value and the slot are dropped after it. */
static void
gobind_go_error_dealloc(PyObject *self)
{
    gobind_go_error *e = GOBIND_GO_ERROR(self);
    PyObject *value = e->go_error;
    uintptr_t slot = e->slot;
    PyTypeObject *type = Py_TYPE(self);
    GOBIND_SLOT((PyTypeObject *)PyExc_RuntimeError, tp_dealloc, destructor)(self);
    gobind_release_type(type);
    Py_XDECREF(value);
    if (slot != 0)
        gobind_error_drop_later(slot);
}

static char gobind_go_error_name[256];

static PyType_Slot gobind_go_error_slots[] = {
    {Py_tp_dealloc, (void *)gobind_go_error_dealloc},
    {Py_tp_traverse, (void *)gobind_go_error_traverse},
    {Py_tp_clear, (void *)gobind_go_error_clear},
    {Py_tp_getset, (void *)gobind_go_error_getset},
    {Py_tp_doc, (void *)"An error returned by a Go function; the message is the Go error's text."},
    {0, NULL},
};

static PyType_Spec gobind_go_error_spec = {
    .name = gobind_go_error_name,
    .flags = GOBIND_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    .slots = gobind_go_error_slots,
};

/* GoError, over RuntimeError with room for its fields; NULL with an exception on failure. */
static PyObject *
gobind_make_go_error(void)
{
    PyObject *size = PyObject_GetAttrString(PyExc_RuntimeError, "__basicsize__");
    if (size == NULL)
        return NULL;
    gobind_go_error_offset = PyNumber_AsSsize_t(size, NULL);
    Py_DECREF(size);
    if (gobind_go_error_offset < 0)
        return NULL;
    gobind_go_error_spec.basicsize = (int)(gobind_go_error_offset + (Py_ssize_t)sizeof(gobind_go_error));
    return (PyObject *)gobind_make_type(&gobind_go_error_spec, (PyTypeObject *)PyExc_RuntimeError);
}

/* Raises GoError or GoPanic with the message Go wrote into msg; always returns NULL.
   A GoError keeps the slot of the Go error value (msg->err.handle) for go_error. */
PyObject *
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
    GOBIND_GO_ERROR(exc)->slot = msg->err.handle;
    PyErr_SetObject(gobind_GoError, exc);
    Py_DECREF(exc);
    return NULL;
}

/* Reports a failed Go call made where no exception can propagate (dealloc, buffer release,
   freeing queued error slots): as an unraisable exception, keeping any exception already set. */
void
gobind_unraisable(int status, gobind_buf *msg)
{
    PyObject *type, *value, *tb;
    PyErr_Fetch(&type, &value, &tb);
    gobind_raise(status, msg);
    PyErr_WriteUnraisable(NULL);
    PyErr_Restore(type, value, tb);
}

/* Adds the GoError and GoPanic exception classes to module m; returns -1 on failure. */
int
gobind_add_exceptions(PyObject *m, const char *module_name)
{
    char name[256];
    PyOS_snprintf(gobind_go_error_name, sizeof gobind_go_error_name, "%s.GoError", module_name);
    gobind_GoError = gobind_make_go_error();
    if (gobind_GoError == NULL)
        return -1;
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

/* Builds "T(F=repr, G=repr)" from the object's field attributes. */
PyObject *
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

/* tp_init of bound structs: positional arguments set the fields in order, keyword ones by name
   (TypeError naming the class for too many, repeated or unknown ones, before any field is set). */
int
gobind_init_fields(PyObject *self, PyObject *args, PyObject *kwargs, const char *type_name,
                   const char *const *fields, Py_ssize_t n)
{
    PyObject *items = NULL, **argv;
    Py_ssize_t i, npos = PyTuple_GET_SIZE(args);
    int rc = 0;
    if (npos > n)
        return gobind_too_many(type_name, n, npos);
    argv = (PyObject **)PyMem_Malloc(sizeof *argv * (size_t)(n > 0 ? n : 1));
    if (argv == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    for (i = 0; i < n; i++)
        argv[i] = i < npos ? PyTuple_GET_ITEM(args, i) : NULL;
    /* a private copy of the keywords: setting a field converts its value, which may run Python
       code; the tuple and the list hold every value argv borrows */
    if (kwargs != NULL && (items = PyDict_Items(kwargs)) == NULL)
        rc = -1;
    for (i = 0; rc == 0 && items != NULL && i < PyList_GET_SIZE(items); i++) {
        PyObject *item = PyList_GET_ITEM(items, i);
        rc = gobind_bind_kw(type_name, fields, n, PyTuple_GET_ITEM(item, 0), PyTuple_GET_ITEM(item, 1), argv);
    }
    for (i = 0; rc == 0 && i < n; i++)
        if (argv[i] != NULL)
            rc = PyObject_SetAttrString(self, fields[i], argv[i]);
    Py_XDECREF(items);
    PyMem_Free(argv);
    return rc < 0 ? -1 : 0;
}

/* Raises the TypeError for `del obj.field`; returns -1. */
int
gobind_cannot_delete(const char *type_name, const char *field)
{
    PyErr_Format(PyExc_TypeError, "cannot delete field %s.%s of a Go struct", type_name, field);
    return -1;
}

/* "module.Type(<the builtin's repr>)" for a subclass of a Python builtin. */
PyObject *
gobind_repr_value(PyObject *self, const char *type_name, PyObject *base)
{
    PyObject *inner = GOBIND_SLOT((PyTypeObject *)base, tp_repr, reprfunc)(self), *result;
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
PyObject *
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
PyObject *
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
int
gobind_set_module_type(PyObject *m, PyTypeObject *type)
{
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

/* Replaces the exception of a failed key conversion by KeyError(key): a key of another type
   is simply not in the map.  Returns NULL. */
PyObject *
gobind_key_error(PyObject *key)
{
    PyErr_Clear();
    PyErr_SetObject(PyExc_KeyError, key);
    return NULL;
}

/* Writes "arg[<repr of key>]" into name, for messages about one value of a mapping argument. */
void
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
PyObject *
gobind_repr_mapping(PyObject *self)
{
    PyObject *dict = PyDict_New(), *module = NULL, *name = NULL, *result = NULL;
    if (dict == NULL)
        return NULL;
    if (PyDict_Merge(dict, self, 1) < 0)
        goto done;
    module = PyObject_GetAttrString((PyObject *)Py_TYPE(self), "__module__");
    name = module == NULL ? NULL : PyObject_GetAttrString((PyObject *)Py_TYPE(self), "__name__");
    if (name == NULL)
        goto done;
#if PY_MAJOR_VERSION >= 3
    result = PyUnicode_FromFormat("%U.%U(%R)", module, name, dict);
#else
    {
        PyObject *repr = PyObject_Repr(dict);
        if (repr != NULL)
            result = PyString_FromFormat("%s.%s(%s)", PyString_AsString(module), PyString_AsString(name),
                                         PyString_AsString(repr));
        Py_XDECREF(repr);
    }
#endif
done:
    Py_XDECREF(module);
    Py_XDECREF(name);
    Py_DECREF(dict);
    return result;
}

/* The abstract base class `name` of collections.abc (Python 2: collections); a new reference. */
static PyObject *
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
static PyObject *
gobind_new_module(const char *name, const char *doc, PyMethodDef *methods, PyTypeObject *type)
{
    PyObject *mod;
    if (type != NULL)
        mod = PyObject_CallFunction((PyObject *)type, "s", name);
    else
        mod = PyModule_New(name);
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
PyObject *
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
PyObject *
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
int
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
PyObject *
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

/* tp_call of a func value class: calls its call() method, which converts the arguments as a
   bound function does. */
PyObject *
gobind_call_method(PyObject *self, PyObject *args, PyObject *kwargs)
{
    PyObject *call = PyObject_GetAttrString(self, "call"), *result;
    if (call == NULL)
        return NULL;
    result = PyObject_Call(call, args, kwargs);
    Py_DECREF(call);
    return result;
}

/* Set when the interpreter starts to exit: Go's finalizers stop touching Python objects. */
volatile int gobind_py_exiting;

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
int
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
PyObject *
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

/* ---- snapshots of Python containers ----------------------------------------- */

/* 1 when converting the items of list o can run no Python code: each is an exact bool, int,
   float, str or bytes (or None), whose conversion calls no method a user can define. */
static int
gobind_items_inert(PyObject *o)
{
    Py_ssize_t i, n = PyList_GET_SIZE(o);
    for (i = 0; i < n; i++) {
        PyTypeObject *t = Py_TYPE(PyList_GET_ITEM(o, i));
        if (t != &PyLong_Type && t != &PyFloat_Type && t != &PyUnicode_Type && t != &PyBytes_Type
#if PY_MAJOR_VERSION < 3
            && t != &PyInt_Type
#endif
            && t != &PyBool_Type && PyList_GET_ITEM(o, i) != Py_None)
            return 0;
    }
    return 1;
}

/* The items of o as a fast sequence that only the caller can change: o itself when it is a
   tuple, or a list whose items convert without running Python code; otherwise a new tuple or
   list holding strong references to the items.  NULL with an exception when o is not iterable. */
PyObject *
gobind_sequence_snapshot(PyObject *o, const char *message)
{
    if (PyList_CheckExact(o) && !gobind_items_inert(o))
        return PySequence_Tuple(o);
    return PySequence_Fast(o, message);
}

/* A new list of (key, value) tuples copied from o, a dict or any object with keys() and
   __getitem__; the list holds strong references, so o may change while they are converted.
   NULL with TypeError "fn() argument 'arg' must be want" when o is neither. */
PyObject *
gobind_mapping_items(PyObject *o, const char *fn, const char *arg, const char *want)
{
    PyObject *keys, *items, *result;
    Py_ssize_t i, n;
    if (PyDict_CheckExact(o))
        return PyDict_Items(o);
    if (!PyDict_Check(o) && !PyObject_HasAttrString(o, "keys")) {
        gobind_type_error(fn, arg, want, o);
        return NULL;
    }
    result = PyObject_CallMethod(o, "keys", NULL);
    keys = result == NULL ? NULL : PySequence_Tuple(result);
    Py_XDECREF(result);
    if (keys == NULL)
        return NULL;
    n = PyTuple_GET_SIZE(keys);
    items = PyList_New(n);
    for (i = 0; items != NULL && i < n; i++) {
        PyObject *key = PyTuple_GET_ITEM(keys, i), *value = PyObject_GetItem(o, key), *pair;
        pair = value == NULL ? NULL : PyTuple_Pack(2, key, value);
        Py_XDECREF(value);
        if (pair == NULL)
            Py_CLEAR(items);
        else
            PyList_SET_ITEM(items, i, pair);
    }
    Py_DECREF(keys);
    return items;
}

/* ---- slices and arrays: the slots of every sequence class ------------------- */

/* The length, or -1 with an exception set. */
Py_ssize_t
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

PyObject *
gobind_seq_item(PyObject *self, Py_ssize_t i)
{
    Py_ssize_t n = gobind_seq_length(self);
    if (n < 0)
        return NULL;
    if (i < 0 || i >= n) {
        PyErr_Format(PyExc_IndexError, "%s index out of range", GOBIND_TP_NAME(Py_TYPE(self)));
        return NULL;
    }
    return GOBIND_SEQ_INFO(self)->get(GOBIND_HANDLE(self), i);
}

int
gobind_seq_ass_item(PyObject *self, Py_ssize_t i, PyObject *value)
{
    Py_ssize_t n;
    if (value == NULL && GOBIND_SEQ_INFO(self)->splice == NULL) {
        PyErr_Format(PyExc_TypeError, "cannot delete items of %s: Go arrays keep their length",
                     GOBIND_TP_NAME(Py_TYPE(self)));
        return -1;
    }
    n = gobind_seq_length(self);
    if (n < 0)
        return -1;
    if (i < 0 || i >= n) {
        PyErr_Format(PyExc_IndexError, "%s assignment index out of range", GOBIND_TP_NAME(Py_TYPE(self)));
        return -1;
    }
    if (value == NULL)
        return gobind_seq_delete(self, i, 1, 1);
    return GOBIND_SEQ_INFO(self)->set(GOBIND_HANDLE(self), i, value);
}

/* Resolves key against length n: an index (negative counts from the end) or a slice. */
static int
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
                     GOBIND_TP_NAME(Py_TYPE(key)));
        return -1;
    }
    *start = PyNumber_AsSsize_t(key, PyExc_IndexError);
    if (*start == -1 && PyErr_Occurred())
        return -1;
    if (*start < 0)
        *start += n;
    return 0;
}

PyObject *
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
        return gobind_hooks.wrap(Py_TYPE(self), handle);
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

int
gobind_seq_ass_subscript(PyObject *self, PyObject *key, PyObject *value)
{
    Py_ssize_t n = gobind_seq_length(self), start, stop, step, count, i;
    int is_slice, rc = 0;
    PyObject *items;
    if (n < 0 || gobind_seq_key(key, n, &start, &stop, &step, &count, &is_slice) < 0)
        return -1;
    if (!is_slice)
        return gobind_seq_ass_item(self, start, value);
    if (value == NULL && GOBIND_SEQ_INFO(self)->splice != NULL)
        return gobind_seq_delete(self, start, step, count);
    if (value == NULL)
        return gobind_seq_ass_item(self, 0, NULL);
    /* a snapshot: converting an item may run Python code that changes value */
    items = gobind_sequence_snapshot(value, "can only assign a sequence to a slice of a Go value");
    if (items == NULL)
        return -1;
    if (PySequence_Fast_GET_SIZE(items) != count && step == 1 && GOBIND_SEQ_INFO(self)->splice != NULL) {
        /* a slice grows or shrinks, as Go's append does */
        rc = gobind_seq_assign(self, start, start + count, items);
        Py_DECREF(items);
        return rc;
    }
    if (PySequence_Fast_GET_SIZE(items) != count) {
        PyErr_Format(PyExc_ValueError, "cannot assign %zd items to a slice of %zd items of %s: "
                     "Go slices and arrays keep their length",
                     PySequence_Fast_GET_SIZE(items), count, GOBIND_TP_NAME(Py_TYPE(self)));
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
PyObject *
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
PyObject *
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
    result = PyUnicode_FromFormat("%s(%U)", GOBIND_TP_NAME(Py_TYPE(self)), inner);
#else
    result = PyString_FromFormat("%s(%s)", GOBIND_TP_NAME(Py_TYPE(self)), PyString_AsString(inner));
#endif
    Py_DECREF(inner);
    return result;
}

/* Pins the object's current Go memory for a new view and fills in its shape and strides;
   returns the record (not yet listed) and stores the data pointer and byte length. */
static gobind_view_state *
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

int
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
static void
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

void
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
void
gobind_seq_drop_views(PyObject *self)
{
    gobind_seq_object *o = (gobind_seq_object *)self;
    while (o->views != NULL) {
        gobind_view_state *state = o->views;
        o->views = state->next;
        gobind_view_unpin(self, state);
    }
}

/* The items of o (any iterable but str, bytes and dict) as a fast sequence that Python code run
   while they are converted cannot change, or NULL with TypeError. */
PyObject *
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
void
gobind_item_name(char *name, size_t size, const char *arg, Py_ssize_t i)
{
    PyOS_snprintf(name, size, "%s[%zd]", arg, i);
}

/* Raises ValueError for an array argument of the wrong length; returns -1. */
int
gobind_length_error(const char *fn, const char *arg, Py_ssize_t want, Py_ssize_t got)
{
    PyErr_Format(PyExc_ValueError, "%s() argument '%s' must have %zd items (a Go array), not %zd",
                 fn, arg, want, got);
    return -1;
}

/* The kind letter (i signed, u unsigned, f float, c complex, b bool) and size of a native
   struct-module format, or 0 when gobind does not read it directly. */
char
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

/* Gets a C-contiguous 1-D buffer of o when its items have the memory layout of format;
   returns 1 with view filled, 0 when o has no such buffer, -1 on error. */
int
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

/* Registers a sequence class as a virtual subclass of collections.abc.Sequence (arrays) or
   MutableSequence (slices: mutable_). */
int
gobind_register_sequence(PyTypeObject *type, int mutable_)
{
    PyObject *sequence = gobind_collections_abc(mutable_ ? "MutableSequence" : "Sequence"), *result;
    if (sequence == NULL)
        return -1;
    result = PyObject_CallMethod(sequence, "register", "O", (PyObject *)type);
    Py_DECREF(sequence);
    Py_XDECREF(result);
    return result == NULL ? -1 : 0;
}

/* ---- Go iterators seen from Python: the shared part of each module's GoIterator type ---- */

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

/* A Python iterator of type tp (the module's GoIterator) over the Go iterator behind handle
   (Python owns the handle from now on). */
PyObject *
gobind_iter_new(PyTypeObject *tp, uintptr_t handle, gobind_iter_next_fn next, gobind_iter_stop_fn stop)
{
    gobind_iter *self = PyObject_New(gobind_iter, tp);
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
PyObject *
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
void
gobind_iter_dealloc(PyObject *o)
{
    gobind_iter *self = (gobind_iter *)o;
    PyTypeObject *type = Py_TYPE(o);
    PyObject *exc, *value, *tb;
    if (self->handle != 0 && !gobind_forked) {
        PyErr_Fetch(&exc, &value, &tb);
        if (gobind_iter_stop(self) < 0)
            PyErr_WriteUnraisable(o);
        PyErr_Restore(exc, value, tb);
    }
    PyObject_Del(o);
    gobind_release_type(type);
}

PyMethodDef gobind_iter_methods[] = {
    {"close", gobind_iter_close, METH_NOARGS,
     GOBIND_DOC("close($self, /)\n--\n\n", "Stop the Go iterator now, as break does in a Go for loop.")},
    {NULL, NULL, 0, NULL},
};

/* ---- Go channels: the shared part of each channel class (templates/c/chan.c.j2) ---- */

/* A channel object is true even when len() is 0, as any object that is not a container. */
int
gobind_chan_true(PyObject *self)
{
    (void)self;
    return 1;
}

/* A timeout argument in nanoseconds: None (or no argument) waits without limit (-1); a negative
   number raises ValueError naming the method fn. */
int
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
PyObject *
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
int
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
PyObject *
gobind_chan_repr(PyObject *self, gobind_chan_size_fn size, const char *go_type)
{
    ptrdiff_t n, capacity;
    if (gobind_chan_size(self, size, &n, &capacity) < 0)
        return NULL;
    return PyUnicode_FromFormat("<%s: %s, len %zd, cap %zd>", GOBIND_TP_NAME(Py_TYPE(self)), go_type,
                                (Py_ssize_t)n, (Py_ssize_t)capacity);
}

/* tp_iternext's end: NULL, without an exception when the channel was closed (StopIteration). */
PyObject *
gobind_chan_stop(void)
{
    if (PyErr_ExceptionMatches(PyExc_EOFError))
        PyErr_Clear();
    return NULL;
}

/* ---- the runtime hooks: fork ---------------------------------------------- */

/* Set in the child of a fork(): the Go runtime's threads did not survive it, so calls into Go
   could hang.  One load and branch per call (no system call). */
volatile int gobind_forked;

/* The module's name, for error messages (set by gobind_runtime_init). */
static const char *gobind_module_name = "gobind module";

/* Raises RuntimeError for a call made in a forked child. */
void
gobind_fork_error(void)
{
    PyErr_Format(PyExc_RuntimeError,
                 "%s: the Go runtime does not survive fork(); use multiprocessing with the 'spawn' "
                 "or 'forkserver' start method, or import this module only in the child",
                 gobind_module_name);
}

/* Set at load time: the asynchronous signals that Go's threads block (see gobind_before_go_starts). */
#if GOBIND_UNIX
sigset_t gobind_async_signals;
#endif
/* ---- Ctrl-C during a call that takes a context.Context -----------------------
   Go runs such a function on its own goroutine and, every 20 ms, calls this on the calling
   thread (with the GIL released, on the thread's own stack: cgo calls C there).  It takes the
   GIL and runs Python's pending signal handlers; if one raised (KeyboardInterrupt for SIGINT),
   the exception stays set and Go cancels the context.  Python runs handlers only on its main
   thread, so on other threads this finds nothing. */
int
gobind_poll_interrupt(void)
{
    PyGILState_STATE gil;
    int raised;
#if GOBIND_UNIX && PY_VERSION_HEX < 0x030A0000
    /* GOBIND_CALL_BEGIN blocked the asynchronous signals for the call; a SIGINT that waits is
       delivered here, where its handler runs on this thread's own stack. */
    sigset_t sigint, mask;
    sigemptyset(&sigint);
    sigaddset(&sigint, SIGINT);
    pthread_sigmask(SIG_UNBLOCK, &sigint, &mask);
    pthread_sigmask(SIG_SETMASK, &mask, NULL);
#endif
    gil = PyGILState_Ensure();
    raised = PyErr_CheckSignals() < 0;
    PyGILState_Release(gil);
    return raised;
}

/* ---- a second Go runtime in the process -----------------------------------
   Each Go runtime stops long-running goroutines by sending SIGURG to its own threads
   (asynchronous preemption).  A signal handler is per process: the runtime that loads last
   installs its handler over the earlier one's, and drops every SIGURG that arrives on a
   thread it does not own.  The earlier runtime then never preempts a goroutine that has no
   cooperative preemption point, and its next garbage collection waits forever.
   When this library loads, before its own Go runtime starts, it records any SIGURG handler
   already installed (another Go runtime); at module init it installs a dispatcher that hands
   each SIGURG to both runtimes.  A Go handler ignores a preemption signal on a thread its
   runtime does not own, so each signal reaches the one runtime it was meant for. */

#if GOBIND_UNIX
typedef void (*gobind_sigaction_fn)(int, siginfo_t *, void *);

static struct sigaction gobind_prior_sigurg; /* the handler found before our Go runtime started */
static int gobind_have_prior_sigurg;
static sigset_t gobind_loader_mask; /* the loading thread's signal mask, restored at module init */
static int gobind_loader_mask_saved;

static void
gobind_after_fork_child(void)
{
    gobind_forked = 1;
}

/* True if sa holds a handler of the kind a Go runtime installs (SA_SIGINFO, a function). */
static int
gobind_is_go_like_handler(const struct sigaction *sa)
{
    return (sa->sa_flags & SA_SIGINFO) && sa->sa_handler != SIG_DFL && sa->sa_handler != SIG_IGN;
}

/* Runs when the extension is loaded, before the Go runtime linked into it starts: a priority
   constructor runs before the default-priority one the Go runtime uses.
   Every thread the Go runtime makes starts with the signal mask of the thread that loads the
   library.  So for the time Go starts, that thread blocks the asynchronous signals Go has no use
   for (SIGINT, SIGTERM, SIGUSR1, SIGALRM, SIGCHLD, ...): the kernel then delivers them to Python's
   threads, never to Go's, and Python's handlers never run on a Go thread's stack.  The Go runtime
   keeps the fault signals, SIGPIPE, SIGPROF and SIGURG (preemption); os/signal.Notify still
   works in Go code.  gobind_runtime_init restores the loading thread's mask. */
__attribute__((constructor(101))) static void
gobind_before_go_starts(void)
{
    struct sigaction sa;
    sigset_t *block = &gobind_async_signals;
    if (sigaction(SIGURG, NULL, &sa) == 0 && gobind_is_go_like_handler(&sa)) {
        gobind_prior_sigurg = sa;
        gobind_have_prior_sigurg = 1;
    }
    pthread_atfork(NULL, NULL, gobind_after_fork_child);
    sigfillset(block);
    sigdelset(block, SIGSEGV);
    sigdelset(block, SIGBUS);
    sigdelset(block, SIGFPE);
    sigdelset(block, SIGILL);
    sigdelset(block, SIGTRAP);
    sigdelset(block, SIGSYS);
    sigdelset(block, SIGABRT);
    sigdelset(block, SIGPIPE);
    sigdelset(block, SIGPROF);
    sigdelset(block, SIGURG);
    if (pthread_sigmask(SIG_BLOCK, block, &gobind_loader_mask) == 0)
        gobind_loader_mask_saved = 1;
}

#if defined(__linux__)
#include <dirent.h>
#include <sys/syscall.h>
#include <unistd.h>

static gobind_sigaction_fn gobind_sigurg_chain[2]; /* the earlier runtime's handler, then ours */

/* The SIGURG handler while two runtimes share the process: gives the signal to both. */
static void
gobind_sigurg_dispatch(int sig, siginfo_t *info, void *ctx)
{
    int saved = errno;
    gobind_sigurg_chain[0](sig, info, ctx);
    gobind_sigurg_chain[1](sig, info, ctx);
    errno = saved;
}

/* Sends SIGURG to every thread of the process.  Between our Go runtime installing its handler
   (at load) and gobind_chain_sigurg (at module init), the earlier runtime's preemption signals
   were dropped; a Go thread whose signal was lost is never signalled again until a SIGURG
   reaches it, and a spurious SIGURG is harmless to a Go runtime. */
static void
gobind_repeat_lost_preemptions(void)
{
    DIR *tasks = opendir("/proc/self/task");
    struct dirent *e;
    pid_t pid = getpid();
    if (tasks == NULL)
        return;
    while ((e = readdir(tasks)) != NULL) {
        long tid = strtol(e->d_name, NULL, 10);
        if (tid > 0)
            syscall(SYS_tgkill, (long)pid, tid, (long)SIGURG);
    }
    closedir(tasks);
}

/* Installs gobind_sigurg_dispatch over our runtime's SIGURG handler; returns -1 with errno set. */
static int
gobind_chain_sigurg(void)
{
    struct sigaction ours, chained;
    if (sigaction(SIGURG, NULL, &ours) < 0)
        return -1;
    if (!gobind_is_go_like_handler(&ours)) {
        errno = ENOTSUP;
        return -1;
    }
    gobind_sigurg_chain[0] = gobind_prior_sigurg.sa_sigaction;
    gobind_sigurg_chain[1] = ours.sa_sigaction;
    chained = ours;
    chained.sa_sigaction = gobind_sigurg_dispatch;
    chained.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_RESTART;
    if (sigaction(SIGURG, &chained, NULL) < 0)
        return -1;
    gobind_repeat_lost_preemptions();
    return 0;
}
#endif

/* Adds _gobind_other_go_runtime to m (the file of a Go runtime loaded before this module's, or
   None) and makes the two runtimes share SIGURG; returns -1 with ImportError set if they cannot. */
static int
gobind_share_process(PyObject *m)
{
    Dl_info info;
    const char *other = NULL;
    PyObject *value;
    if (gobind_have_prior_sigurg) {
        other = "an unknown library";
        if (dladdr((void *)gobind_prior_sigurg.sa_sigaction, &info) != 0 && info.dli_fname != NULL)
            other = info.dli_fname;
    }
    if (other == NULL) {
        Py_INCREF(Py_None);
        value = Py_None;
    } else {
#if PY_MAJOR_VERSION >= 3
        value = PyUnicode_DecodeFSDefault(other);
#else
        value = PyString_FromString(other);
#endif
        if (value == NULL)
            return -1;
    }
    if (PyModule_AddObject(m, "_gobind_other_go_runtime", value) < 0) {
        Py_DECREF(value);
        return -1;
    }
    if (other == NULL)
        return 0;
#if defined(__linux__)
    if (gobind_chain_sigurg() == 0)
        return 0;
#endif
    PyErr_Format(PyExc_ImportError,
                 "%s: another Go runtime is already loaded in this process (%s) and the two cannot "
                 "share their preemption signal here; they would hang each other's garbage "
                 "collection.  Bind both Go packages in one gobind project.",
                 gobind_module_name, other);
    return -1;
}
#endif /* GOBIND_UNIX */

/* Runs once when the module is initialised; returns -1 with an exception set on failure. */
int
gobind_runtime_init(PyObject *m)
{
    const char *name = PyModule_GetName(m);
    if (name == NULL)
        return -1;
    gobind_module_name = name;
#if GOBIND_UNIX
    if (gobind_loader_mask_saved) {
        pthread_sigmask(SIG_SETMASK, &gobind_loader_mask, NULL);
        gobind_loader_mask_saved = 0;
    }
    return gobind_share_process(m);
#else
    return 0;
#endif
}

#if PY_MAJOR_VERSION >= 3
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
                            s->name, s->types[i], GOBIND_TP_NAME(Py_TYPE(o))), -1;
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
PyObject *
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
#endif
