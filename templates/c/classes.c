/* Classes that behave like Python's (part of the C support, after gobind_support.c): copy, deepcopy,
   pickle and == of struct objects, and pickle of slice, array, map and box objects (the
   MutableSequence methods of slices are in seq_mutable.c). */

/* ---- structs: copy, deepcopy, pickle, == ---------------------------------- */

/* Copies the __dict__ of a subclass's instance self into copy's: shallow, or deep through
   copy.deepcopy with memo.  0, or -1 with an exception. */
static int
gobind_copy_dict(PyObject *self, PyObject *copy, PyObject *memo)
{
    PyObject *dict = PyObject_GetAttrString(self, "__dict__"), *target = NULL, *module = NULL;
    int rc = -1;
    if (dict == NULL) {
        if (!PyErr_ExceptionMatches(PyExc_AttributeError))
            return -1;
        PyErr_Clear();  /* the bound class itself: no __dict__ */
        return 0;
    }
    if (!PyDict_Check(dict) || PyDict_Size(dict) == 0) {
        Py_DECREF(dict);
        return 0;
    }
    if (memo != NULL) {
        PyObject *deep;
        module = PyImport_ImportModule("copy");
        deep = module == NULL ? NULL : PyObject_CallMethod(module, "deepcopy", "OO", dict, memo);
        Py_DECREF(dict);
        dict = deep;
    }
    if (dict != NULL && (target = PyObject_GetAttrString(copy, "__dict__")) != NULL)
        rc = PyDict_Update(target, dict);
    Py_XDECREF(target);
    Py_XDECREF(dict);
    Py_XDECREF(module);
    return rc;
}

/* __copy__ and __deepcopy__: a new object of self's class over the Go value dup (a copy export)
   made of self's, with a copy of a subclass's attributes (deep, through memo, for __deepcopy__). */
PyObject *
gobind_struct_dup(PyObject *self, gobind_dup_fn dup, PyObject *memo)
{
    uintptr_t handle = 0;
    gobind_buf msg;
    int status;
    PyObject *copy;
    GOBIND_REFUSE_IF_FORKED(NULL)
    status = dup(GOBIND_HANDLE(self), &handle, &msg);
    if (status != GOBIND_OK)
        return gobind_raise(status, &msg);
    copy = gobind_hooks.wrap(Py_TYPE(self), handle);
    if (copy != NULL && memo != NULL) {
        /* before the attributes: they may lead back to self */
        PyObject *key = PyLong_FromVoidPtr(self);
        int rc = key == NULL ? -1 : PyObject_SetItem(memo, key, copy);
        Py_XDECREF(key);
        if (rc < 0)
            Py_CLEAR(copy);
    }
    if (copy != NULL && gobind_copy_dict(self, copy, memo) < 0)
        Py_CLEAR(copy);
    return copy;
}

/* The __weaklistoffset__ of struct objects (PyType_FromSpec reads it from the members, 3.9+;
   gobind_make_type sets it before). */
PyMemberDef gobind_struct_members[] = {
    {(char *)"__weaklistoffset__", T_PYSSIZET, offsetof(gobind_struct_object, weaklist), READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

/* The struct objects __reduce__ has seen, by (bound class, address of the Go value), weakly: while
   a pickler holds one, a later object for the same Go value pickles as a reference to it, so Go
   pointers shared by several values, or pointing back (b.Self = b), load shared and cyclic. */
static PyObject *gobind_pickled;

/* The object pickled first for self's Go value (a new reference: self when it is the first), or
   NULL with an exception. */
static PyObject *
gobind_pickled_as(PyObject *self, PyTypeObject *type, gobind_addr_fn addr)
{
    uintptr_t where = 0;
    gobind_buf msg;
    int status;
    PyObject *key, *found = NULL;
    if (gobind_pickled == NULL) {
        PyObject *weakref = PyImport_ImportModule("weakref");
        gobind_pickled = weakref == NULL ? NULL : PyObject_CallMethod(weakref, "WeakValueDictionary", NULL);
        Py_XDECREF(weakref);
        if (gobind_pickled == NULL)
            return NULL;
    }
    GOBIND_REFUSE_IF_FORKED(NULL)
    status = addr(GOBIND_HANDLE(self), &where, &msg);
    if (status != GOBIND_OK)
        return gobind_raise(status, &msg);
    key = Py_BuildValue("(NN)", PyLong_FromVoidPtr(type), PyLong_FromVoidPtr((void *)where));
    if (key != NULL)
        found = PyObject_CallMethod(gobind_pickled, "get", "(O)", key);
    if (found == Py_None) {
        Py_DECREF(found);
        found = PyObject_SetItem(gobind_pickled, key, self) < 0 ? NULL : self;
        Py_XINCREF(found);
    }
    Py_XDECREF(key);
    return found;
}

/* The classes of live Go state (channels, funcs, Go values behind interfaces), by what they are:
   a struct field holding one (through an interface) cannot be pickled. */
static PyObject *gobind_live_types;

int
gobind_mark_live(PyTypeObject *type, const char *what)
{
    PyObject *text;
    int rc;
    if (gobind_live_types == NULL && (gobind_live_types = PyDict_New()) == NULL)
        return -1;
#if PY_MAJOR_VERSION >= 3
    text = PyUnicode_FromString(what);
#else
    text = PyString_FromString(what);
#endif
    rc = text == NULL ? -1 : PyDict_SetItem(gobind_live_types, (PyObject *)type, text);
    Py_XDECREF(text);
    return rc;
}

/* Raises the TypeError for field of self when its value is live Go state; -1 then, else 0. */
static int
gobind_check_live(const char *type_name, const char *field, PyObject *value)
{
    PyObject *what;
    if (gobind_live_types == NULL)
        return 0;
    what = PyDict_GetItem(gobind_live_types, (PyObject *)Py_TYPE(value));  /* borrowed: used at once */
    if (what == NULL)
        return 0;
#if PY_MAJOR_VERSION >= 3
    PyErr_Format(PyExc_TypeError, "cannot pickle %s: field %s holds %U (%s)", type_name, field, what,
                 GOBIND_TP_NAME(Py_TYPE(value)));
#else
    PyErr_Format(PyExc_TypeError, "cannot pickle %s: field %s holds %s (%s)", type_name, field,
                 PyString_AsString(what), GOBIND_TP_NAME(Py_TYPE(value)));
#endif
    return -1;
}

/* The state __reduce__ gives: (field values, a subclass's __dict__ or None). */
static PyObject *
gobind_struct_state(PyObject *self, const char *type_name, const char *const *fields, Py_ssize_t n)
{
    PyObject *values = PyTuple_New(n), *dict;
    Py_ssize_t i;
    for (i = 0; values != NULL && i < n; i++) {
        PyObject *value = PyObject_GetAttrString(self, fields[i]);
        if (value == NULL || gobind_check_live(type_name, fields[i], value) < 0) {
            Py_XDECREF(value);
            Py_CLEAR(values);
        } else {
            PyTuple_SET_ITEM(values, i, value);
        }
    }
    if (values == NULL)
        return NULL;
    dict = PyObject_GetAttrString(self, "__dict__");
    if (dict == NULL && PyErr_ExceptionMatches(PyExc_AttributeError)) {
        PyErr_Clear();
        Py_INCREF(Py_None);
        dict = Py_None;
    }
    if (dict == NULL) {
        Py_DECREF(values);
        return NULL;
    }
    return Py_BuildValue("(NN)", values, dict);
}

/* __reduce__: copyreg.__newobj__(class) (a zero Go value, no __init__) and the state that
   __setstate__ stores into its fields, or operator.getitem((obj,), 0) when obj was pickled first
   for the same Go value; refusal (not NULL) is why the value cannot be carried (TypeError). */
PyObject *
gobind_struct_reduce(PyObject *self, const char *type_name, const char *const *fields, Py_ssize_t n,
                     const char *refusal, PyTypeObject *type, gobind_addr_fn addr)
{
    PyObject *first, *module, *fn, *state, *result;
    if (refusal != NULL) {
        PyErr_Format(PyExc_TypeError, "cannot pickle %s: %s", type_name, refusal);
        return NULL;
    }
    first = gobind_pickled_as(self, type, addr);
    if (first == NULL)
        return NULL;
    if (first != self) {
        module = PyImport_ImportModule("operator");
        fn = module == NULL ? NULL : PyObject_GetAttrString(module, "getitem");
        result = fn == NULL ? NULL : Py_BuildValue("(O((O)i))", fn, first, 0);
        Py_XDECREF(fn);
        Py_XDECREF(module);
        Py_DECREF(first);
        return result;
    }
    Py_DECREF(first);
    state = gobind_struct_state(self, type_name, fields, n);
    module = state == NULL ? NULL : PyImport_ImportModule("copyreg");
    if (module == NULL && state != NULL && PyErr_ExceptionMatches(PyExc_ImportError)) {
        PyErr_Clear();
        module = PyImport_ImportModule("copy_reg");  /* Python 2.7 */
    }
    fn = module == NULL ? NULL : PyObject_GetAttrString(module, "__newobj__");
    result = fn == NULL ? NULL : Py_BuildValue("(O(O)O)", fn, (PyObject *)Py_TYPE(self), state);
    Py_XDECREF(fn);
    Py_XDECREF(module);
    Py_XDECREF(state);
    return result;
}

/* __setstate__: stores the field values of __reduce__'s state, and a subclass's __dict__. */
PyObject *
gobind_struct_setstate(PyObject *self, PyObject *state, const char *const *fields, Py_ssize_t n)
{
    PyObject *values, *dict, *target;
    Py_ssize_t i;
    int rc = 0;
    if (!PyTuple_Check(state) || PyTuple_Size(state) != 2 || !PyTuple_Check(PyTuple_GET_ITEM(state, 0))
        || PyTuple_Size(PyTuple_GET_ITEM(state, 0)) != n) {
        PyErr_Format(PyExc_TypeError, "%s.__setstate__() takes the state __reduce__ gives",
                     GOBIND_TP_NAME(Py_TYPE(self)));
        return NULL;
    }
    values = PyTuple_GET_ITEM(state, 0);  /* state holds it, and the caller holds state */
    for (i = 0; rc == 0 && i < n; i++)
        rc = PyObject_SetAttrString(self, fields[i], PyTuple_GET_ITEM(values, i));
    dict = PyTuple_GET_ITEM(state, 1);
    if (rc == 0 && dict != Py_None) {
        target = PyObject_GetAttrString(self, "__dict__");
        rc = target == NULL ? -1 : PyDict_Update(target, dict);
        Py_XDECREF(target);
    }
    if (rc < 0)
        return NULL;
    Py_INCREF(Py_None);
    return Py_None;
}

/* == and != of two objects of one struct class (subclasses too) with Go's ==; NotImplemented
   (so identity) for other objects and for structs Go cannot compare. */
PyObject *
gobind_struct_richcompare(PyObject *self, PyObject *other, int op, PyTypeObject *type, gobind_equal_fn equal)
{
    uint8_t eq = 0, ok = 0;
    gobind_buf msg;
    int status;
    if ((op != Py_EQ && op != Py_NE) || !PyObject_TypeCheck(other, type)) {
        Py_INCREF(Py_NotImplemented);
        return Py_NotImplemented;
    }
    GOBIND_REFUSE_IF_FORKED(NULL)
    status = equal(GOBIND_HANDLE(self), GOBIND_HANDLE(other), &eq, &ok, &msg);
    if (status != GOBIND_OK)
        return gobind_raise(status, &msg);
    if (!ok) {
        Py_INCREF(Py_NotImplemented);
        return Py_NotImplemented;
    }
    return PyBool_FromLong(op == Py_EQ ? eq : !eq);
}

/* (self's class, (items,)): what pickle rebuilds a slice, array or map object from. */
static PyObject *
gobind_reduce_to(PyObject *self, PyObject *items)
{
    return items == NULL ? NULL : Py_BuildValue("(O(N))", (PyObject *)Py_TYPE(self), items);
}

/* __reduce__ of slice and array objects: a list of the items. */
PyObject *
gobind_reduce_list(PyObject *self, PyObject *unused)
{
    (void)unused;
    return gobind_reduce_to(self, PySequence_List(self));
}

/* __reduce__ of map objects (of the Python class over the map type): a dict of the items. */
PyObject *
gobind_reduce_dict(PyObject *self, PyObject *unused)
{
    (void)unused;
    return gobind_reduce_to(self, PyObject_CallFunctionObjArgs((PyObject *)&PyDict_Type, self, NULL));
}

/* __reduce__ of box objects (pointers to a non-struct): the value it points to. */
static PyObject *
gobind_reduce_box(PyObject *self, PyObject *unused)
{
    (void)unused;
    return gobind_reduce_to(self, PyObject_GetAttrString(self, "value"));
}

PyMethodDef gobind_box_methods[] = {
    {"__reduce__", gobind_reduce_box, METH_NOARGS, "__reduce__($self, /)\n--\n\nPickles the value it points to."},
    {NULL, NULL, 0, NULL},
};
