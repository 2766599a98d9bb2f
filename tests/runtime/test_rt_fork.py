"""fork() after the Go runtime started: a clear error in the child instead of a hang;
multiprocessing with spawn and forkserver works."""

import sys

import pytest

from rtsupport import check_ok, rt, run_python  # noqa: F401 (fixtures)

FORK_TEXT = "the Go runtime does not survive fork(); use multiprocessing with the 'spawn' or 'forkserver' start method"


def test_call_in_forked_child_raises_and_parent_keeps_working(rt):
    check_ok(run_python('''
import os, sys, rtcheck as r
assert r.Add(1, 2) == 3
pid = os.fork()
if pid == 0:
    code = 3
    try:
        r.Sleep(10)          # without the check this hangs: Go's threads are gone in the child
    except RuntimeError as e:
        code = 0 if str(e).startswith("rtcheck: " + %r) else 4
    os._exit(code)
_, status = os.waitpid(pid, 0)
assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, status
assert r.Add(2, 2) == 4 and r.GCWithSpinner(2) == 2
print("ok")
''' % FORK_TEXT, rt, timeout=60))


WORKER = '''
import multiprocessing as mp, sys
import rtcheck as r

def work(i):
    return r.Check("w%d" % i), r.Spin(1000 + i), r.NewCounter("n", i).Inc(1)

if __name__ == "__main__":
    r.Add(1, 1)                          # the parent's Go runtime is running
    ctx = mp.get_context(sys.argv[1])
    with ctx.Pool(2) as pool:
        try:
            got = pool.map(work, range(6))
        except RuntimeError as e:
            print("child error:", e)
            print("ok")
            sys.exit(0)
    assert got == [("W%d" % i, r.Spin(1000 + i), i + 1) for i in range(6)], got
    print("results ok")
    print("ok")
'''


@pytest.mark.parametrize('method', ['spawn', 'forkserver'])
def test_multiprocessing_spawn_and_forkserver_work(rt, method, tmp_path):
    script = tmp_path / 'mp_worker.py'
    script.write_text(WORKER)
    out = check_ok(run_python('import runpy, sys; sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name="__main__")',
                              rt, args=[str(script), method], cwd=tmp_path, timeout=120))
    assert 'results ok' in out, out


@pytest.mark.skipif(sys.platform != 'linux', reason='fork start method')
def test_multiprocessing_fork_gives_the_clear_error(rt, tmp_path):
    script = tmp_path / 'mp_worker.py'
    script.write_text(WORKER)
    out = check_ok(run_python('import runpy, sys; sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name="__main__")',
                              rt, args=[str(script), 'fork'], cwd=tmp_path, timeout=120))
    assert 'child error: rtcheck: ' + FORK_TEXT in out, out


def test_objects_in_forked_child_raise_and_exit_cleanly(rt):
    """Fields, new objects and the release of objects at exit don't reach Go in a forked child."""
    check_ok(run_python('''
import os, rtcheck as r
c = r.NewCounter("n", 1)
pid = os.fork()
if pid == 0:
    failures = 0
    for attempt in (lambda: c.N, lambda: r.Counter()):
        try:
            attempt()
        except RuntimeError as e:
            failures += str(e).startswith("rtcheck: " + %r)
    del c                      # dealloc leaks the handle instead of calling Go
    os._exit(0 if failures == 2 else 5)
_, status = os.waitpid(pid, 0)
assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, status
assert c.Inc(1) == 2
print("ok")
''' % FORK_TEXT, rt, timeout=60))
