/* The methods of MutableSequence that slice objects have, with Go's append (part of the C support,
   after classes.c): each is one call of the slice class's splice export. */

/* ---- slices: the methods of MutableSequence, with Go's append ------------ */

/* Replaces self[lo:hi] with the items of items (NULL: none), named method in errors. */
static int
gobind_seq_splice(PyObject *self, Py_ssize_t lo, Py_ssize_t hi, PyObject *items, const char *method)
{
    char fn[200];
    PyOS_snprintf(fn, sizeof fn, "%s.%s", GOBIND_TP_NAME(Py_TYPE(self)), method);
    GOBIND_REFUSE_IF_FORKED(-1)
    return GOBIND_SEQ_INFO(self)->splice(GOBIND_HANDLE(self), lo, hi, items, fn);
}

/* del self[lo:hi:step] of a slice (count items). */
int
gobind_seq_delete(PyObject *self, Py_ssize_t lo, Py_ssize_t step, Py_ssize_t count)
{
    Py_ssize_t i;
    if (step == 1 || count == 0)
        return gobind_seq_splice(self, lo, lo + count, NULL, "__delitem__");
    if (step < 0) {  /* the same items, from the lowest */
        lo += (count - 1) * step;
        step = -step;
    }
    for (i = count - 1; i >= 0; i--)
        if (gobind_seq_splice(self, lo + i * step, lo + i * step + 1, NULL, "__delitem__") < 0)
            return -1;
    return 0;
}

/* self[lo:hi] = items when their lengths differ: a slice grows or shrinks as Go's append does. */
int
gobind_seq_assign(PyObject *self, Py_ssize_t lo, Py_ssize_t hi, PyObject *items)
{
    return gobind_seq_splice(self, lo, hi, items, "__setitem__");
}

static PyObject *
gobind_seq_done(int rc)
{
    if (rc < 0)
        return NULL;
    Py_INCREF(Py_None);
    return Py_None;
}

/* Inserts x before index i (0 <= i <= len). */
static PyObject *
gobind_seq_put(PyObject *self, Py_ssize_t i, PyObject *x, const char *method)
{
    PyObject *one = PyTuple_Pack(1, x);
    int rc;
    if (one == NULL)
        return NULL;
    rc = gobind_seq_splice(self, i, i, one, method);
    Py_DECREF(one);
    return gobind_seq_done(rc);
}

PyObject *
gobind_seq_append(PyObject *self, PyObject *x)
{
    Py_ssize_t n = gobind_seq_length(self);
    return n < 0 ? NULL : gobind_seq_put(self, n, x, "append");
}

PyObject *
gobind_seq_extend(PyObject *self, PyObject *items)
{
    Py_ssize_t n = gobind_seq_length(self);
    return n < 0 ? NULL : gobind_seq_done(gobind_seq_splice(self, n, n, items, "extend"));
}

/* s += items */
PyObject *
gobind_seq_inplace_concat(PyObject *self, PyObject *items)
{
    PyObject *done = gobind_seq_extend(self, items);
    if (done == NULL)
        return NULL;
    Py_DECREF(done);
    Py_INCREF(self);
    return self;
}

PyObject *
gobind_seq_insert(PyObject *self, PyObject *args)
{
    Py_ssize_t i, n;
    PyObject *x;
    if (!PyArg_ParseTuple(args, "nO:insert", &i, &x) || (n = gobind_seq_length(self)) < 0)
        return NULL;
    if (i < 0)
        i = i + n < 0 ? 0 : i + n;
    return gobind_seq_put(self, i > n ? n : i, x, "insert");
}

PyObject *
gobind_seq_pop(PyObject *self, PyObject *args)
{
    Py_ssize_t i = -1, n;
    PyObject *item;
    if (!PyArg_ParseTuple(args, "|n:pop", &i) || (n = gobind_seq_length(self)) < 0)
        return NULL;
    if (i < 0)
        i += n;
    if (i < 0 || i >= n) {
        PyErr_Format(PyExc_IndexError, n == 0 ? "pop from empty %s" : "pop index out of range of %s",
                     GOBIND_TP_NAME(Py_TYPE(self)));
        return NULL;
    }
    item = gobind_seq_item(self, i);
    if (item != NULL && gobind_seq_splice(self, i, i + 1, NULL, "pop") < 0)
        Py_CLEAR(item);
    return item;
}

/* The index of the first item equal to x in [lo, hi) (-1 when there is none) or, with count_all,
   how many are; -2 with an exception. */
static Py_ssize_t
gobind_seq_scan(PyObject *self, PyObject *x, Py_ssize_t lo, Py_ssize_t hi, int count_all)
{
    Py_ssize_t i, n = gobind_seq_length(self), count = 0;
    for (i = lo; i < n && i < hi; i++) {
        PyObject *item = gobind_seq_item(self, i);
        int eq = item == NULL ? -1 : PyObject_RichCompareBool(item, x, Py_EQ);
        Py_XDECREF(item);
        if (eq < 0)
            return -2;
        if (eq && !count_all)
            return i;
        count += eq;
        n = gobind_seq_length(self);  /* __eq__ may have changed it */
    }
    return n < 0 ? -2 : count_all ? count : -1;
}

PyObject *
gobind_seq_remove(PyObject *self, PyObject *x)
{
    Py_ssize_t i = gobind_seq_scan(self, x, 0, PY_SSIZE_T_MAX, 0);
    if (i == -1)
        PyErr_Format(PyExc_ValueError, "%s.remove(x): x not in slice", GOBIND_TP_NAME(Py_TYPE(self)));
    if (i < 0)
        return NULL;
    return gobind_seq_done(gobind_seq_splice(self, i, i + 1, NULL, "remove"));
}

/* index(x, start=0, stop=len), as list.index (negative bounds count from the end). */
PyObject *
gobind_seq_index(PyObject *self, PyObject *args)
{
    Py_ssize_t i, lo = 0, hi = PY_SSIZE_T_MAX, n;
    PyObject *x;
    if (!PyArg_ParseTuple(args, "O|nn:index", &x, &lo, &hi) || (n = gobind_seq_length(self)) < 0)
        return NULL;
    if (lo < 0)
        lo = lo + n < 0 ? 0 : lo + n;
    if (hi < 0)
        hi = hi + n < 0 ? 0 : hi + n;
    i = gobind_seq_scan(self, x, lo, hi, 0);
    if (i == -1)
        PyErr_Format(PyExc_ValueError, "%s.index(x): x not in slice", GOBIND_TP_NAME(Py_TYPE(self)));
    return i < 0 ? NULL : PyLong_FromSsize_t(i);
}

PyObject *
gobind_seq_count(PyObject *self, PyObject *x)
{
    Py_ssize_t count = gobind_seq_scan(self, x, 0, PY_SSIZE_T_MAX, 1);
    return count < 0 ? NULL : PyLong_FromSsize_t(count);
}

PyObject *
gobind_seq_clear(PyObject *self, PyObject *unused)
{
    Py_ssize_t n = gobind_seq_length(self);
    (void)unused;
    return n < 0 ? NULL : gobind_seq_done(gobind_seq_splice(self, 0, n, NULL, "clear"));
}

/* Reverses the items in place (in the Go memory, as slices.Reverse). */
PyObject *
gobind_seq_reverse(PyObject *self, PyObject *unused)
{
    Py_ssize_t i, n = gobind_seq_length(self);
    (void)unused;
    for (i = 0; i < n / 2; i++) {
        PyObject *a = gobind_seq_item(self, i), *b = a == NULL ? NULL : gobind_seq_item(self, n - 1 - i);
        int rc = b == NULL ? -1 : gobind_seq_ass_item(self, i, b);
        if (rc == 0)
            rc = gobind_seq_ass_item(self, n - 1 - i, a);
        Py_XDECREF(a);
        Py_XDECREF(b);
        if (rc < 0)
            return NULL;
    }
    return n < 0 ? NULL : gobind_seq_done(0);
}
