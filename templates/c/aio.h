/* asyncio support (m.aio twins, channels' arecv and asend): a job per call that Go finishes on a
   goroutine while the event loop goes on; templates/c/aio.c.  Python 3.7+ (asyncio.get_running_loop). */
#if PY_MAJOR_VERSION >= 3
#if defined(__GNUC__)
#pragma GCC visibility push(hidden)
#endif

typedef struct gobind_aio_job gobind_aio_job;

/* One awaited Go call.  The module's code allocates it (with room for its result slots after
   these fields) through gobind_aio_new and passes Go (uintptr_t)job, &job->status and &job->msg;
   Go fills those and the result slots on its goroutine, then calls gobind_aio_done(job). */
struct gobind_aio_job {
    PyObject *owner;   /* the capsule that owns this memory (borrowed: Go's and the callbacks' references keep it) */
    PyObject *future;  /* the asyncio.Future the caller awaits */
    PyObject *loop;    /* its event loop */
    /* On the loop's thread, once: the result from the slots, or NULL with an exception set (Python
       objects in the slots are released either way). */
    PyObject *(*finish)(gobind_aio_job *job);
    /* The module's export that cancels the call's context, or NULL (nothing to cancel). */
    int (*cancel)(uintptr_t job, gobind_buf *msg);
    int status;        /* written by Go */
    int filled;        /* Go is done and finish has not run yet */
    gobind_buf msg;    /* written by Go */
};

/* A zeroed job of size bytes with a new future on the running loop; NULL with RuntimeError when
   no event loop runs in this thread (or before Python 3.7). */
gobind_aio_job *gobind_aio_new(size_t size, PyObject *(*finish)(gobind_aio_job *),
                               int (*cancel)(uintptr_t, gobind_buf *));
/* After Go started the job: a coroutine awaiting its future, which cancels Go's side when it is
   cancelled.  If Go did not start it (status, msg: the export's failure), raises that and
   frees the job. */
PyObject *gobind_aio_started(gobind_aio_job *job, int status, gobind_buf *msg);
/* For a channel operation that did not have to wait (no goroutine): a coroutine awaiting the
   job's future, resolved with its finish; the job is freed. */
PyObject *gobind_aio_now(gobind_aio_job *job);
/* The finish of asend: None, or the failure (EOFError... as send raises). */
PyObject *gobind_aio_sent(gobind_aio_job *job);
/* value, or StopAsyncIteration instead of EOFError (async for over a channel). */
PyObject *gobind_aio_stop(PyObject *value);
/* Frees a job that was never handed to Go (an argument's conversion failed meanwhile). */
void gobind_aio_discard(gobind_aio_job *job);
/* Adds the aio submodule (name, as m's attribute attr) with the twins in methods; 0, or -1. */
int gobind_aio_add(PyObject *m, const char *name, const char *attr, const char *doc, PyMethodDef *methods);
/* aio.call(fn, *args, **kwargs) (the aio module is self; method finds the twin of a method). */
PyObject *gobind_aio_call(PyObject *self, PyObject *args, PyObject *kwargs,
                          PyMethodDef *(*method)(PyObject *, const char *));

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif
#endif

/* What Go calls when a job's goroutine ends (see the ABI types). */
#if defined(__GNUC__)
__attribute__((visibility("hidden")))
#endif
void gobind_aio_done(uintptr_t job);
