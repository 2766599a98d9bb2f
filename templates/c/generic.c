/* gobind C support: the objects standing for Go generics.  Each bound instantiation is an
   ordinary function or class of the module (Max_int, Stack_int); the generic's object maps a
   subscript to it (Max[int], Max["float64"], Pair[str, int]) and, when called, tries each
   instantiation in order until one takes the arguments. */

typedef struct {
    PyObject_HEAD
    PyObject *name;     /* str: the Go name */
    PyObject *table;    /* dict: normalised type arguments ("string, int") -> function or class */
    PyObject *order;    /* tuple of (label "Max[int]", function or class), in the order listed */
    PyObject *classes;  /* dict: bound class -> its Go spelling, for subscripts naming a class */
    PyObject *what;     /* str: "function" or "type" */
} gobind_generic;

/* Text is str on Python 3 and unicode on 2.7 (whose byte strings compare equal when ASCII). */
#define GOBIND_GENERIC_STR PyUnicode_FromString

/* Raises TypeError with a message made by PyUnicode_FromFormat (2.7's PyErr_Format has no %S). */
static void
gobind_generic_raise(PyObject *message)
{
    if (message != NULL) {
        PyErr_SetObject(PyExc_TypeError, message);
        Py_DECREF(message);
    }
}

static PyTypeObject *gobind_generic_type;

/* The Go spelling of one subscript item: a string as given, a Python type whose Go type is
   obvious, or a bound class; a new reference, or NULL with TypeError. */
static PyObject *
gobind_generic_item(gobind_generic *g, PyObject *x)
{
    const char *go = NULL;
    PyObject *found;
    if (PyUnicode_Check(x)) {
        Py_INCREF(x);
        return x;
    }
#if PY_MAJOR_VERSION < 3
    if (PyString_Check(x)) {
        Py_INCREF(x);
        return x;
    }
    if (x == (PyObject *)&PyInt_Type || x == (PyObject *)&PyLong_Type)
        go = "int";
    else if (x == (PyObject *)&PyString_Type)
        go = "string";
#else
    if (x == (PyObject *)&PyLong_Type)
        go = "int";
    else if (x == (PyObject *)&PyBytes_Type)
        go = "[]byte";
#endif
    else if (x == (PyObject *)&PyBool_Type)
        go = "bool";
    else if (x == (PyObject *)&PyFloat_Type)
        go = "float64";
    else if (x == (PyObject *)&PyUnicode_Type)
        go = "string";
    if (go != NULL)
        return GOBIND_GENERIC_STR(go);
    found = PyType_Check(x) ? PyDict_GetItem(g->classes, x) : NULL;
    if (found != NULL) {
        Py_INCREF(found);
        return found;
    }
    gobind_generic_raise(PyUnicode_FromFormat("%S[...]: %R is not a type argument of its instantiations; write "
                                              "a Go type name as a string, or int, float, str, bytes, bool or a "
                                              "bound class", g->name, x));
    return NULL;
}

/* The subscript as the table's key: items joined by ", " (a string may hold several, split at
   its commas); a new reference, or NULL with an exception. */
static PyObject *
gobind_generic_key(gobind_generic *g, PyObject *sub)
{
    PyObject *items = PyList_New(0), *joined = NULL, *parts = NULL, *key = NULL, *comma = NULL, *sep = NULL;
    Py_ssize_t i, n = PyTuple_Check(sub) ? PyTuple_Size(sub) : 1;
    if (items == NULL)
        return NULL;
    for (i = 0; i < n; i++) {
        PyObject *s = gobind_generic_item(g, PyTuple_Check(sub) ? PyTuple_GetItem(sub, i) : sub);
        int failed = s == NULL || PyList_Append(items, s) < 0;
        Py_XDECREF(s);
        if (failed)
            goto done;
    }
    comma = GOBIND_GENERIC_STR(",");
    sep = GOBIND_GENERIC_STR(", ");
    if (comma == NULL || sep == NULL)
        goto done;
    joined = PyObject_CallMethod(comma, "join", "O", items);
    parts = joined == NULL ? NULL : PyObject_CallMethod(joined, "split", "O", comma);
    if (parts == NULL)
        goto done;
    for (i = 0; i < PyList_Size(parts); i++) {
        PyObject *stripped = PyObject_CallMethod(PyList_GetItem(parts, i), "strip", NULL);
        if (stripped == NULL || PyList_SetItem(parts, i, stripped) < 0)
            goto done;
    }
    key = PyObject_CallMethod(sep, "join", "O", parts);
done:
    Py_DECREF(items);
    Py_XDECREF(joined);
    Py_XDECREF(parts);
    Py_XDECREF(comma);
    Py_XDECREF(sep);
    return key;
}

/* The labels of every instantiation, joined by ", "; a new reference or NULL. */
static PyObject *
gobind_generic_labels(gobind_generic *g)
{
    PyObject *labels = PyList_New(0), *sep = GOBIND_GENERIC_STR(", "), *out = NULL;
    Py_ssize_t i;
    if (labels == NULL || sep == NULL)
        goto done;
    for (i = 0; i < PyTuple_Size(g->order); i++)
        if (PyList_Append(labels, PyTuple_GetItem(PyTuple_GetItem(g->order, i), 0)) < 0)
            goto done;
    out = PyObject_CallMethod(sep, "join", "O", labels);
done:
    Py_XDECREF(labels);
    Py_XDECREF(sep);
    return out;
}

/* g[sub]: the bound instantiation. */
static PyObject *
gobind_generic_subscript(PyObject *self, PyObject *sub)
{
    gobind_generic *g = (gobind_generic *)self;
    PyObject *key = gobind_generic_key(g, sub), *found, *labels;
    if (key == NULL)
        return NULL;
    found = PyDict_GetItem(g->table, key);
    if (found != NULL) {
        Py_DECREF(key);
        Py_INCREF(found);
        return found;
    }
    labels = gobind_generic_labels(g);
    if (labels != NULL)
        gobind_generic_raise(PyUnicode_FromFormat("%S[%S] is not bound (bound: %S); list it in the instantiate "
                                                  "option or on a //gobind:instantiate line", g->name, key, labels));
    Py_DECREF(key);
    Py_XDECREF(labels);
    return NULL;
}

/* g(...): the first instantiation that takes the arguments (it raises no TypeError or
   OverflowError converting them); else TypeError with each one's reason. */
static PyObject *
gobind_generic_call(PyObject *self, PyObject *args, PyObject *kwargs)
{
    gobind_generic *g = (gobind_generic *)self;
    PyObject *reasons = PyList_New(0), *sep, *text;
    Py_ssize_t i;
    if (reasons == NULL)
        return NULL;
    for (i = 0; i < PyTuple_Size(g->order); i++) {
        PyObject *pair = PyTuple_GetItem(g->order, i), *type, *value, *tb, *why, *result;
        Py_INCREF(pair);   /* held across the call, which runs Python code */
        result = PyObject_Call(PyTuple_GetItem(pair, 1), args, kwargs);
        if (result != NULL
                || !(PyErr_ExceptionMatches(PyExc_TypeError) || PyErr_ExceptionMatches(PyExc_OverflowError))) {
            Py_DECREF(pair);
            Py_DECREF(reasons);
            return result;
        }
        PyErr_Fetch(&type, &value, &tb);
        why = PyUnicode_FromFormat("%S: %S", PyTuple_GetItem(pair, 0), value != NULL ? value : Py_None);
        Py_DECREF(pair);
        Py_XDECREF(type);
        Py_XDECREF(value);
        Py_XDECREF(tb);
        if (why == NULL || PyList_Append(reasons, why) < 0) {
            Py_XDECREF(why);
            Py_DECREF(reasons);
            return NULL;
        }
        Py_DECREF(why);
    }
    sep = PyUnicode_FromString("; ");
    text = sep == NULL ? NULL : PyObject_CallMethod(sep, "join", "O", reasons);
    if (text != NULL)
        gobind_generic_raise(PyUnicode_FromFormat("%S(): no instantiation takes these arguments (%S)", g->name, text));
    Py_XDECREF(sep);
    Py_XDECREF(text);
    Py_DECREF(reasons);
    return NULL;
}

static PyObject *
gobind_generic_repr(PyObject *self)
{
    gobind_generic *g = (gobind_generic *)self;
    PyObject *labels = gobind_generic_labels(g), *out;
    if (labels == NULL)
        return NULL;
    out = PyUnicode_FromFormat("<generic Go %S %S: %S>", g->what, g->name, labels);
    Py_DECREF(labels);
    return out;
}

/* g.instantiations: a new dict of the type arguments ("string, int") to each instantiation. */
static PyObject *
gobind_generic_get_insts(PyObject *self, void *closure)
{
    (void)closure;
    return PyDict_Copy(((gobind_generic *)self)->table);
}

static int
gobind_generic_traverse(PyObject *self, visitproc visit, void *arg)
{
    gobind_generic *g = (gobind_generic *)self;
    Py_VISIT(g->table);
    Py_VISIT(g->order);
    Py_VISIT(g->classes);
    GOBIND_VISIT_TYPE(self);
    return 0;
}

static int
gobind_generic_clear(PyObject *self)
{
    gobind_generic *g = (gobind_generic *)self;
    Py_CLEAR(g->table);
    Py_CLEAR(g->order);
    Py_CLEAR(g->classes);
    return 0;
}

static void
gobind_generic_dealloc(PyObject *self)
{
    gobind_generic *g = (gobind_generic *)self;
    PyTypeObject *type = Py_TYPE(self);
    PyObject_GC_UnTrack(self);
    gobind_generic_clear(self);
    Py_CLEAR(g->name);
    Py_CLEAR(g->what);
    GOBIND_TP_FREE(type)(self);
    gobind_release_type(type);
}

static PyGetSetDef gobind_generic_getset[] = {
    {"instantiations", gobind_generic_get_insts, NULL,
     "The bound instantiations: their Go type arguments (\"string, int\") to each function or class.", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyType_Slot gobind_generic_slots[] = {
    {Py_tp_dealloc, (void *)gobind_generic_dealloc},
    {Py_tp_traverse, (void *)gobind_generic_traverse},
    {Py_tp_clear, (void *)gobind_generic_clear},
    {Py_tp_call, (void *)gobind_generic_call},
    {Py_tp_repr, (void *)gobind_generic_repr},
    {Py_mp_subscript, (void *)gobind_generic_subscript},
    {Py_tp_getset, (void *)gobind_generic_getset},
    {Py_tp_doc, (void *)"A Go generic: subscript it with type arguments for one bound instantiation."},
    {0, NULL},
};

static PyType_Spec gobind_generic_spec = {
    .name = "gobind.Generic",
    .basicsize = (int)sizeof(gobind_generic),
    .flags = GOBIND_TPFLAGS_DEFAULT | GOBIND_TPFLAGS_NO_NEW | Py_TPFLAGS_HAVE_GC,
    .slots = gobind_generic_slots,
};

/* The object at a dotted attribute path from root; a new reference, or NULL with an exception. */
static PyObject *
gobind_generic_attr(PyObject *root, const char *path)
{
    char part[256];
    PyObject *obj = root;
    Py_INCREF(obj);
    while (obj != NULL && *path) {
        size_t n = strcspn(path, ".");
        PyObject *next;
        if (n >= sizeof(part)) {
            Py_DECREF(obj);
            PyErr_SetString(PyExc_ValueError, "gobind: attribute path too long");
            return NULL;
        }
        memcpy(part, path, n);
        part[n] = '\0';
        next = PyObject_GetAttrString(obj, part);
        Py_DECREF(obj);
        obj = next;
        path += n + (path[n] == '.');
    }
    return obj;
}

/* Fills g's table and order from the instantiations and its classes from the class list. */
static int
gobind_generic_fill(gobind_generic *g, PyObject *root, PyObject *home, const gobind_generic_inst *insts,
                    Py_ssize_t n, const gobind_generic_class *classes, Py_ssize_t nclasses)
{
    Py_ssize_t i;
    for (i = 0; i < n; i++) {
        PyObject *obj = gobind_generic_attr(home, insts[i].attr);
        PyObject *key = GOBIND_GENERIC_STR(insts[i].key);
        PyObject *label = PyUnicode_FromFormat("%S[%s]", g->name, insts[i].key);
        PyObject *pair = (obj && label) ? PyTuple_Pack(2, label, obj) : NULL;
        int failed = pair == NULL || key == NULL || PyDict_SetItem(g->table, key, obj) < 0;
        if (!failed)
            PyTuple_SetItem(g->order, i, pair);
        else
            Py_XDECREF(pair);
        Py_XDECREF(obj);
        Py_XDECREF(key);
        Py_XDECREF(label);
        if (failed)
            return -1;
    }
    for (i = 0; i < nclasses; i++) {
        PyObject *cls = gobind_generic_attr(root, classes[i].attr);
        PyObject *go = GOBIND_GENERIC_STR(classes[i].go);
        int failed = cls == NULL || go == NULL || PyDict_SetItem(g->classes, cls, go) < 0;
        Py_XDECREF(cls);
        Py_XDECREF(go);
        if (failed)
            return -1;
    }
    return 0;
}

int
gobind_add_generic(PyObject *root, PyObject *home, const char *name, const char *what,
                   const gobind_generic_inst *insts, Py_ssize_t n,
                   const gobind_generic_class *classes, Py_ssize_t nclasses)
{
    gobind_generic *g;
    int rc;
    if (gobind_generic_type == NULL && (gobind_generic_type = gobind_make_type(&gobind_generic_spec, NULL)) == NULL)
        return -1;
    g = (gobind_generic *)GOBIND_TP_ALLOC(gobind_generic_type)(gobind_generic_type, 0);
    if (g == NULL)
        return -1;
    g->name = GOBIND_GENERIC_STR(name);
    g->what = GOBIND_GENERIC_STR(what);
    g->table = PyDict_New();
    g->order = PyTuple_New(n);
    g->classes = PyDict_New();
    if (g->name == NULL || g->what == NULL || g->table == NULL || g->order == NULL || g->classes == NULL
            || gobind_generic_fill(g, root, home, insts, n, classes, nclasses) < 0) {
        Py_DECREF(g);
        return -1;
    }
    rc = PyObject_SetAttrString(home, name, (PyObject *)g);
    Py_DECREF(g);
    return rc;
}
