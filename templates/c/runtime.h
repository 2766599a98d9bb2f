/* gobind C runtime hooks: what happens around every call into Go and at module init.
   GOBIND_CALL_BEGIN/GOBIND_CALL_END bracket each cgo call made on behalf of Python. */

/* Around a Go call: let other Python threads run while Go works. */
#define GOBIND_CALL_BEGIN Py_BEGIN_ALLOW_THREADS
#define GOBIND_CALL_END Py_END_ALLOW_THREADS

/* Runs once when the module is initialised; returns -1 with an exception set on failure. */
static inline int
gobind_runtime_init(PyObject *m)
{
    (void)m;
    return 0;
}
