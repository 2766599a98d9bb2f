/* ---- asyncio: jobs that Go finishes on a goroutine (m.aio, arecv, asend) ---------------------- */
/* No thread per call: the call runs on a goroutine; when it ends, Go takes the GIL and hands the
   job to the loop with call_soon_threadsafe, and the loop's thread makes the result. */
#if PY_MAJOR_VERSION >= 3

#define GOBIND_AIO_CAPSULE "gobind.aio_job"

#if PY_VERSION_HEX >= 0x030D0000
#define GOBIND_FINALIZING() Py_IsFinalizing()
#elif PY_VERSION_HEX >= 0x03070000
#define GOBIND_FINALIZING() _Py_IsFinalizing()
#else
#define GOBIND_FINALIZING() 0 /* no job starts before 3.7 */
#endif

/* obj.name(arg): one argument, even a tuple (PyObject_CallMethod would unpack it). */
static PyObject *
gobind_aio_call1(PyObject *obj, const char *name, PyObject *arg)
{
    PyObject *r, *method = PyObject_GetAttrString(obj, name);
    if (method == NULL)
        return NULL;
    r = PyObject_CallFunctionObjArgs(method, arg, NULL);
    Py_DECREF(method);
    return r;
}

/* asyncio.get_running_loop, looked up once (NULL before Python 3.7). */
static PyObject *
gobind_aio_running_loop(void)
{
    static PyObject *get_loop;
    if (get_loop == NULL) {
        PyObject *asyncio = PyImport_ImportModule("asyncio");
        if (asyncio == NULL)
            return NULL;
        get_loop = PyObject_GetAttrString(asyncio, "get_running_loop");
        Py_DECREF(asyncio);
        if (get_loop == NULL) {
            PyErr_SetString(PyExc_RuntimeError, "gobind's async functions need Python 3.7 or newer "
                                                "(asyncio.get_running_loop)");
            return NULL;
        }
    }
    return PyObject_CallObject(get_loop, NULL);
}

/* async def (future): return await future -- what a twin returns, so that it is a coroutine, as the
   stub says (asyncio.create_task() and TaskGroup take only coroutines); made once. */
static PyObject *gobind_aio_awaiter;

static int
gobind_aio_make_awaiter(void)
{
    PyObject *code, *globals, *r;
    if (gobind_aio_awaiter != NULL)
        return 0;
    globals = PyDict_New();
    if (globals == NULL || PyDict_SetItemString(globals, "__builtins__", PyEval_GetBuiltins()) < 0) {
        Py_XDECREF(globals);
        return -1;
    }
    code = Py_CompileString("async def gobind_await(future):\n"
                            "    try:\n"
                            "        return await future\n"
                            "    finally:\n"
                            "        future.cancel()\n", /* closed early: Go's side is cancelled too */
                            "<gobind>", Py_file_input);
    r = code != NULL ? PyEval_EvalCode(code, globals, globals) : NULL;
    Py_XDECREF(code);
    Py_XDECREF(r);
    if (r != NULL) {
        gobind_aio_awaiter = PyDict_GetItemString(globals, "gobind_await");
        Py_XINCREF(gobind_aio_awaiter);
    }
    Py_DECREF(globals);
    return gobind_aio_awaiter != NULL ? 0 : -1;
}

/* A coroutine awaiting future (a reference it consumes). */
static PyObject *
gobind_aio_coroutine(PyObject *future)
{
    PyObject *coro;
    if (future == NULL)
        return NULL;
    coro = PyObject_CallFunctionObjArgs(gobind_aio_awaiter, future, NULL);
    Py_DECREF(future);
    return coro;
}

/* The job's result, once (the slots hold Go's results until then). */
static PyObject *
gobind_aio_finish(gobind_aio_job *job)
{
    job->filled = 0;
    return job->finish(job);
}

static void
gobind_aio_free(PyObject *capsule)
{
    PyObject *type, *exc, *tb;
    gobind_aio_job *job = (gobind_aio_job *)PyCapsule_GetPointer(capsule, GOBIND_AIO_CAPSULE);
    if (job == NULL) {
        PyErr_Clear();
        return;
    }
    if (job->filled) { /* the loop was closed with the hand-over queued: release what the slots hold */
        PyErr_Fetch(&type, &exc, &tb);
        Py_XDECREF(gobind_aio_finish(job));
        PyErr_Clear();
        PyErr_Restore(type, exc, tb);
    }
    Py_XDECREF(job->future);
    Py_XDECREF(job->loop);
    PyMem_Free(job);
}

gobind_aio_job *
gobind_aio_new(size_t size, PyObject *(*finish)(gobind_aio_job *), int (*cancel)(uintptr_t, gobind_buf *))
{
    gobind_aio_job *job;
    PyObject *loop = gobind_aio_running_loop();
    if (loop == NULL)
        return NULL;
    job = (gobind_aio_job *)PyMem_Calloc(1, size);
    if (job == NULL) {
        Py_DECREF(loop);
        PyErr_NoMemory();
        return NULL;
    }
    job->loop = loop;
    job->finish = finish;
    job->cancel = cancel;
    job->owner = PyCapsule_New(job, GOBIND_AIO_CAPSULE, gobind_aio_free);
    if (job->owner == NULL) {
        Py_DECREF(loop);
        PyMem_Free(job);
        return NULL;
    }
    job->future = gobind_aio_make_awaiter() < 0 ? NULL : PyObject_CallMethod(loop, "create_future", NULL);
    if (job->future == NULL) {
        Py_DECREF(job->owner);
        return NULL;
    }
    return job;
}

void
gobind_aio_discard(gobind_aio_job *job)
{
    if (job != NULL)
        Py_DECREF(job->owner);
}

/* The future's done callback: a cancelled future cancels Go's side (the context). */
static PyObject *
gobind_aio_on_done(PyObject *capsule, PyObject *future)
{
    gobind_aio_job *job = (gobind_aio_job *)PyCapsule_GetPointer(capsule, GOBIND_AIO_CAPSULE);
    PyObject *cancelled;
    gobind_buf msg;
    if (job == NULL)
        return NULL;
    cancelled = PyObject_CallMethod(future, "cancelled", NULL);
    if (cancelled == NULL)
        return NULL;
    if (cancelled == Py_True && job->cancel != NULL && !gobind_forked
        && job->cancel((uintptr_t)job, &msg) != GOBIND_OK) {
        Py_DECREF(cancelled);
        return gobind_raise(GOBIND_PANIC, &msg);
    }
    Py_DECREF(cancelled);
    Py_RETURN_NONE;
}

static PyMethodDef gobind_aio_on_done_def = {"gobind_aio_on_done", gobind_aio_on_done, METH_O, NULL};

/* Sets the future's result (value, consumed) or exception (value NULL: the one set), unless the
   future is done already (cancelled): then the value or exception is dropped. */
static void
gobind_aio_resolve(PyObject *future, PyObject *value)
{
    PyObject *type, *exc, *tb, *done, *r = NULL;
    PyErr_Fetch(&type, &exc, &tb);
    done = PyObject_CallMethod(future, "done", NULL);
    if (done == Py_False && (value != NULL || type != NULL)) {
        if (value != NULL) {
            r = gobind_aio_call1(future, "set_result", value);
        } else {
            PyErr_NormalizeException(&type, &exc, &tb);
            if (exc != NULL && tb != NULL)
                PyException_SetTraceback(exc, tb);
            r = gobind_aio_call1(future, "set_exception", exc != NULL ? exc : Py_None);
            /* retrieved: the coroutine awaiting it raises it; if nobody awaits (a task cancelled
               before it started), asyncio logs nothing for this inner future */
            Py_XDECREF(r != NULL ? PyObject_CallMethod(future, "exception", NULL) : NULL);
        }
    }
    if (r == NULL && done == Py_False && (value != NULL || type != NULL))
        PyErr_WriteUnraisable(future);
    PyErr_Clear();
    Py_XDECREF(r);
    Py_XDECREF(done);
    Py_XDECREF(type);
    Py_XDECREF(exc);
    Py_XDECREF(tb);
    Py_XDECREF(value);
}

/* On the loop's thread: the job's result goes to its future. */
static PyObject *
gobind_aio_complete(PyObject *capsule, PyObject *unused)
{
    gobind_aio_job *job = (gobind_aio_job *)PyCapsule_GetPointer(capsule, GOBIND_AIO_CAPSULE);
    (void)unused;
    if (job == NULL)
        return NULL;
    gobind_aio_resolve(job->future, gobind_aio_finish(job));
    Py_CLEAR(job->future); /* its done callback holds the job: no cycle left */
    Py_RETURN_NONE;
}

static PyMethodDef gobind_aio_complete_def = {"gobind_aio_complete", gobind_aio_complete, METH_NOARGS, NULL};

PyObject *
gobind_aio_started(gobind_aio_job *job, int status, gobind_buf *msg)
{
    PyObject *cb, *r;
    if (status != GOBIND_OK) {
        gobind_raise(status, msg);
        gobind_aio_discard(job);
        return NULL;
    }
    /* the caller's reference to the job is Go's now, dropped by gobind_aio_done */
    Py_INCREF(job->future);
    if (job->cancel == NULL)
        return gobind_aio_coroutine(job->future);
    cb = PyCFunction_New(&gobind_aio_on_done_def, job->owner);
    if (cb == NULL)
        return NULL;
    r = gobind_aio_call1(job->future, "add_done_callback", cb);
    Py_DECREF(cb);
    if (r == NULL) {
        Py_DECREF(job->future);
        return NULL;
    }
    Py_DECREF(r);
    return gobind_aio_coroutine(job->future);
}

/* Called by Go on the job's goroutine when the call ended: hands the job to its loop.  When the
   loop is closed, the result is made and dropped here (releasing what it holds). */
/* The Python thread state of this Go thread, made once and kept: a call ending takes the GIL with
   it (making and freeing one per call would cost about as much as the rest of the hand-over). */
static GOBIND_THREAD_LOCAL PyThreadState *gobind_aio_tstate;

void
gobind_aio_done(uintptr_t p)
{
    gobind_aio_job *job = (gobind_aio_job *)p;
    PyObject *cb, *r = NULL;
#if !defined(Py_LIMITED_API)
    if (GOBIND_FINALIZING())
        return; /* Python is shutting down: taking the GIL could end this (Go's) thread; the job leaks */
#endif
    if (gobind_aio_tstate == NULL) {
        PyGILState_Ensure(); /* never released: the thread state stays */
        gobind_aio_tstate = PyThreadState_Get();
    } else {
        PyEval_RestoreThread(gobind_aio_tstate);
    }
    job->filled = 1;
    cb = PyCFunction_New(&gobind_aio_complete_def, job->owner);
    if (cb != NULL)
        r = gobind_aio_call1(job->loop, "call_soon_threadsafe", cb);
    if (r == NULL) { /* the loop is closed: nobody awaits the result */
        PyErr_Clear();
        Py_XDECREF(gobind_aio_finish(job));
        PyErr_Clear();
        Py_CLEAR(job->future);
    }
    Py_XDECREF(r);
    Py_XDECREF(cb);
    Py_DECREF(job->owner);
    PyEval_SaveThread();
}

PyObject *
gobind_aio_now(gobind_aio_job *job)
{
    PyObject *future = job->future;
    gobind_aio_resolve(future, gobind_aio_finish(job));
    Py_INCREF(future);
    gobind_aio_discard(job);
    return gobind_aio_coroutine(future);
}

PyObject *
gobind_aio_sent(gobind_aio_job *job)
{
    if (job->status != GOBIND_OK)
        return gobind_chan_fail(job->status, &job->msg);
    Py_RETURN_NONE;
}

PyObject *
gobind_aio_stop(PyObject *value)
{
    if (value == NULL && PyErr_ExceptionMatches(PyExc_EOFError)) {
        PyErr_Clear();
        PyErr_SetNone(PyExc_StopAsyncIteration);
    }
    return value;
}

int
gobind_aio_add(PyObject *m, const char *name, const char *attr, const char *doc, PyMethodDef *methods)
{
    PyObject *aio = gobind_add_submodule(m, name, attr, doc, methods, NULL);
    if (aio == NULL)
        return -1;
    Py_INCREF(m);
    if (PyModule_AddObject(aio, "_gobind_of", m) < 0) {
        Py_DECREF(m);
        return -1;
    }
    return 0;
}

/* aio.call(fn, *args, **kwargs): awaits the twin of fn, a function of the module (self is its aio
   module, whose _gobind_of attribute is the module; the twin is an attribute of aio) or a method
   of one of its objects (method finds the twin by the object's class). */
PyObject *
gobind_aio_call(PyObject *self, PyObject *args, PyObject *kwargs, PyMethodDef *(*method)(PyObject *, const char *))
{
    PyObject *fn, *of, *name, *owner, *twin = NULL, *rest, *result = NULL;
    PyMethodDef *def;
    if (PyTuple_Size(args) < 1) {
        PyErr_SetString(PyExc_TypeError, "call() missing required argument 'fn' (pos 1)");
        return NULL;
    }
    fn = PyTuple_GetItem(args, 0);
    of = PyObject_GetAttrString(self, "_gobind_of");
    if (of == NULL)
        return NULL;
    owner = PyCFunction_Check(fn) ? PyCFunction_GetSelf(fn) : NULL;
    name = owner != NULL ? PyObject_GetAttrString(fn, "__name__") : NULL;
    if (name != NULL && owner == of) {         /* a function of the module: its twin in aio */
        twin = PyObject_GetAttr(self, name);
    } else if (name != NULL && PyUnicode_Check(name)) { /* a method: its class's twin, bound to owner */
        def = method(owner, PyUnicode_AsUTF8(name));
        if (def != NULL)
            twin = PyCFunction_New(def, owner);
    }
    Py_XDECREF(name);
    PyErr_Clear();
    if (twin == NULL) {
        PyErr_Format(PyExc_TypeError, "call() argument 'fn': %R is not a function of %R, or a method of one of "
                     "its objects, with an async twin (those taking Python callables, iterables or objects have none)",
                     fn, of);
        Py_DECREF(of);
        return NULL;
    }
    Py_DECREF(of);
    rest = PyTuple_GetSlice(args, 1, PyTuple_Size(args));
    if (rest != NULL)
        result = PyObject_Call(twin, rest, kwargs);
    Py_XDECREF(rest);
    Py_DECREF(twin);
    return result;
}
#else
/* Python 2 has no asyncio: nothing starts a job, but the Go support refers to this. */
void
gobind_aio_done(uintptr_t job)
{
    (void)job;
}
#endif
