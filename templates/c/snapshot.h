/* gobind C support: private snapshots of Python containers, so that Python code run while their
   items are converted (__index__, __hash__, __eq__, __iter__...) cannot free what C is reading. */

/* 1 when converting the items of list o can run no Python code: each is an exact bool, int,
   float, str or bytes (or None), whose conversion calls no method a user can define. */
static inline int
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
static inline PyObject *
gobind_sequence_snapshot(PyObject *o, const char *message)
{
    if (PyList_CheckExact(o) && !gobind_items_inert(o))
        return PySequence_Tuple(o);
    return PySequence_Fast(o, message);
}

/* A new list of (key, value) tuples copied from o, a dict or any object with keys() and
   __getitem__; the list holds strong references, so o may change while they are converted.
   NULL with TypeError "fn() argument 'arg' must be want" when o is neither. */
static inline PyObject *
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
