/* gobind C runtime hooks: what happens around every call into Go, when the library loads,
   and at module init.  docs/runtime.md states the guarantees this code gives and why.

   GOBIND_CALL_BEGIN/GOBIND_CALL_END bracket each cgo call made on behalf of Python, and
   GOBIND_CALL_KEEP_BEGIN/GOBIND_CALL_KEEP_END those of functions that keep the GIL (the plan's
   release_gil).  The function around them must have a `done:` label that returns NULL (result
   still NULL) after releasing the arguments: the BEGIN macros jump there with an exception set
   when the call cannot be made. */

#if defined(__unix__) || defined(__APPLE__)
#define GOBIND_UNIX 1
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#else
#define GOBIND_UNIX 0
#endif

/* ---- fork --------------------------------------------------------------- */

/* Set in the child of a fork(): the Go runtime's threads did not survive it, so calls into Go
   could hang.  One load and branch per call (no system call). */
static volatile int gobind_forked;

/* The module's name, for error messages (set by gobind_runtime_init). */
static const char *gobind_module_name = "gobind module";

/* Raises RuntimeError for a call made in a forked child. */
static void
gobind_fork_error(void)
{
    PyErr_Format(PyExc_RuntimeError,
                 "%s: the Go runtime does not survive fork(); use multiprocessing with the 'spawn' "
                 "or 'forkserver' start method, or import this module only in the child",
                 gobind_module_name);
}

/* Set at load time: the asynchronous signals that Go's threads block (see gobind_before_go_starts). */
#if GOBIND_UNIX
static sigset_t gobind_async_signals;
#endif

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

/* ---- Ctrl-C during a call that takes a context.Context -----------------------
   Go runs such a function on its own goroutine and, every 20 ms, calls this on the calling
   thread (with the GIL released, on the thread's own stack: cgo calls C there).  It takes the
   GIL and runs Python's pending signal handlers; if one raised (KeyboardInterrupt for SIGINT),
   the exception stays set and Go cancels the context.  Python runs handlers only on its main
   thread, so on other threads this finds nothing.  (inline: no warning in modules without such
   functions.) */
static inline int
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
static int
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
