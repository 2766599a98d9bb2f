/* cgloop: calls one Python callable n times from C, so callgrind counts the call and not a Python loop. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* repeat(n, expected, f, *args): calls f(*args) n times; an exception of type `expected`
 * (None: none expected) is cleared and counted, any other stops the loop and propagates. */
static PyObject *
cgloop_repeat(PyObject *m, PyObject *const *args, Py_ssize_t nargs)
{
    long long n, i, raised = 0;
    PyObject *expected, *f, *r;
    (void)m;
    if (nargs < 3)
        return PyErr_Format(PyExc_TypeError, "repeat(n, expected, f, *args) takes at least 3 arguments");
    n = PyLong_AsLongLong(args[0]);
    if (n == -1 && PyErr_Occurred())
        return NULL;
    expected = args[1];
    f = args[2];
    for (i = 0; i < n; i++) {
        r = PyObject_Vectorcall(f, args + 3, (size_t)(nargs - 3), NULL);
        if (r != NULL) {
            Py_DECREF(r);
            continue;
        }
        if (expected == Py_None || !PyErr_ExceptionMatches(expected))
            return NULL;
        PyErr_Clear();
        raised++;
    }
    return PyLong_FromLongLong(raised);
}

static PyMethodDef cgloop_methods[] = {
    {"repeat", (PyCFunction)(void (*)(void))cgloop_repeat, METH_FASTCALL,
     "repeat(n, expected, f, *args) -> number of expected exceptions"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef cgloop_module = {
    PyModuleDef_HEAD_INIT, "cgloop", "A C loop for instruction counts (bench/callgrind.py).", -1, cgloop_methods,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC
PyInit_cgloop(void)
{
    return PyModule_Create(&cgloop_module);
}
