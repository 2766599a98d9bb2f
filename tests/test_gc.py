"""The GC protocol: a Go value lives exactly as long as a Python object refers to it.
A million objects made and dropped leave the handle count where it started and memory flat;
the same holds with cgo's strictest pointer checks (GOEXPERIMENT=cgocheck2)."""

import os
import sys

import pytest

from conftest import cgocheck2_builds, run

#: Python source making and dropping a million Go values of every kind; prints 'ok'.
CHURN = '''
import gc, os
import structs, slices, errors

def rss_mb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2.0 ** 20

def churn(n):
    for i in range(n):
        p = structs.Point(X=i)
        p.Add(p)
        r = slices.Range(4)
        r[1:3]
        slices.Sum([i, 1])
        slices.Corners()[2].X
        if i % 10 == 0:
            try:
                errors.Lookup("b")
            except errors.GoError as e:
                e.go_error.Key

modules = (structs, slices, errors)
gc.collect()
start = [m._gobind_handles() for m in modules]
churn(100000)  # warm up: Go's heap and Python's free lists reach their working size
gc.collect()
before = rss_mb()
churn(N)
gc.collect()
after = rss_mb()
assert [m._gobind_handles() for m in modules] == start, ([m._gobind_handles() for m in modules], start)
assert after - before < 25, "memory grew from %.1f MB to %.1f MB" % (before, after)
print("ok", round(before, 1), round(after, 1))
'''


def _churn(builds, n):
    code = 'N = %d\n%s' % (n, CHURN)
    env_path = os.pathsep.join(str(b.builddir) for b in builds)
    proc = run([sys.executable, '-c', code], env={'PYTHONPATH': env_path})
    assert proc.stdout.startswith('ok'), proc.stdout


def test_million_values_leave_handles_and_memory_flat(built):
    _churn([built(p) for p in ('structs', 'slices', 'errors')], 1000000)


@pytest.mark.slow
def test_call_mix_under_cgocheck2(tmp_path):
    """Every export obeys cgo's pointer rules: the runtime checks each pointer write into C memory."""
    builds = [b for project in ('structs', 'slices', 'errors')
              for b, _ in cgocheck2_builds(project, tmp_path, pythons=('3',))]
    _churn(builds, 20000)
