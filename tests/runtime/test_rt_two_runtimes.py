"""Several Go runtimes in one process: two independently built gobind projects and a plain Go
c-shared library loaded with ctypes, each used from several threads."""

import os
import subprocess

from rtsupport import check_ok, cshared, rt, run_python, twin  # noqa: F401 (fixtures)

STRESS_SECONDS = float(os.environ.get('GOBIND_STRESS_SECONDS', '0') or 0)

# Loads the c-shared library first, then both gobind modules: every Go runtime is present.
LOAD_ALL = '''
import ctypes, sys, threading, time
lib = ctypes.CDLL(sys.argv[1])
lib.GoAdd.restype = ctypes.c_long
lib.GoAdd.argtypes = [ctypes.c_long, ctypes.c_long]
import rtcheck, rttwin
'''


def test_only_the_init_function_is_exported(rt, twin):
    for b, name in ((rt, 'rtcheck'), (twin, 'rttwin')):
        out = subprocess.run(['nm', '-D', '--defined-only', b.extension(name)], stdout=subprocess.PIPE,
                             universal_newlines=True, check=True).stdout
        assert [line.split()[-1] for line in out.splitlines()] == ['PyInit_' + name], out


def test_each_module_names_the_go_runtime_loaded_before_it(rt, twin, cshared):
    out = check_ok(run_python(LOAD_ALL + '''
print(rtcheck._gobind_other_go_runtime)
print(rttwin._gobind_other_go_runtime)
print("ok")
''', rt, twin, args=[str(cshared)]))
    lines = out.splitlines()
    assert lines[0] == str(cshared), out
    assert os.path.basename(lines[1]).startswith('rtcheck.'), out


def test_garbage_collection_needing_preemption_runs_in_every_runtime(rt, twin, cshared):
    # Each runtime collects garbage while one of its goroutines spins without a cooperative
    # preemption point; without shared SIGURG delivery the earlier runtimes hang here.
    check_ok(run_python(LOAD_ALL + '''
jobs = [lambda: lib.GoGCWithSpinner(20), lambda: rtcheck.GCWithSpinner(20), lambda: rttwin.GCWithSpinner(20)]
done = []
def work(job):
    for _ in range(4):
        assert job() == 20
    done.append(1)
ts = [threading.Thread(target=work, args=(j,), daemon=True) for j in jobs]
for t in ts: t.start()
for t in ts: t.join(90)
assert len(done) == 3, "a Go runtime hung: %d of 3 finished" % len(done)
print("ok")
''', rt, twin, args=[str(cshared)], timeout=150))


MIXED_THREADS = LOAD_ALL + '''
seconds = float(sys.argv[2])
mods = [rtcheck, rttwin]
calls = [0] * 8
errors = []
def work(k):
    try:
        m = mods[k % 2]
        end = time.time() + seconds
        i = 0
        while time.time() < end:
            i += 1
            assert m.Add(i, k) == i + k
            assert lib.GoAdd(i, k) == i + k
            assert m.Check("t%d-%d" % (k, i)) == "T%d-%d" % (k, i)
            c = m.NewCounter(m.__name__, i)
            assert c.Inc(1) == i + 1 and c.Label() == "%s=%d" % (m.__name__, i + 1)
            try:
                m.Panic("p%d" % i)
            except m.GoPanic as e:
                assert str(e).startswith("p%d\\n" % i)
            if i % 50 == 0:
                assert m.GCWithSpinner(1) == 1
            calls[k] += 1
    except BaseException as e:
        errors.append(repr(e))
ts = [threading.Thread(target=work, args=(k,)) for k in range(8)]
for t in ts: t.start()
for t in ts: t.join()
assert not errors, errors
assert all(calls), calls
print(sum(calls), "rounds")
print("ok")
'''


def test_eight_threads_call_both_projects_and_a_plain_go_library(rt, twin, cshared):
    check_ok(run_python(MIXED_THREADS, rt, twin, args=[str(cshared), '3'], timeout=120))


import pytest  # noqa: E402


@pytest.mark.slow
def test_eight_threads_sustained(rt, twin, cshared):
    seconds = STRESS_SECONDS or 60
    check_ok(run_python(MIXED_THREADS, rt, twin, args=[str(cshared), str(seconds)], timeout=seconds + 120))
