"""Go panics become the module's GoPanic exception; the process and the module live on."""

from rtsupport import check_ok, rt, run_python  # noqa: F401 (fixtures)


def test_panic_value_and_go_stack_in_gopanic(rt):
    check_ok(run_python('''
import rtcheck as r
assert issubclass(r.GoPanic, RuntimeError) and r.GoPanic.__module__ == "rtcheck"
for call, value in ((lambda: r.Panic("boom"), "boom"),
                    (lambda: r.PanicError("bad state"), "bad state"),
                    (lambda: r.NilDeref(), "runtime error: invalid memory address or nil pointer dereference")):
    try:
        call()
        raise SystemExit("no GoPanic")
    except r.GoPanic as e:
        text = str(e)
        assert text.startswith(value + "\\n"), text
        assert "Go stack:" in text and "example.com/rtcheck." in text, text
print("ok")
''', rt))


def test_module_keeps_working_after_many_panics_from_threads(rt):
    check_ok(run_python('''
import gc, threading, rtcheck as r
gc.collect()
start = r._gobind_handles()
def work(k):
    for i in range(300):
        c = r.NewCounter("c", i)
        try:
            r.Panic("p%d" % i)
        except r.GoPanic:
            pass
        try:
            r.NilDeref()
        except r.GoPanic:
            pass
        assert c.Inc(1) == i + 1
ts = [threading.Thread(target=work, args=(k,)) for k in range(4)]
for t in ts: t.start()
for t in ts: t.join()
assert r.Add(2, 3) == 5 and r.Check("x") == "X"
gc.collect()
assert r._gobind_handles() == start, (start, r._gobind_handles())
print("ok")
''', rt))


def test_go_faults_stay_panics_when_faulthandler_is_on_from_startup(rt):
    # faulthandler enabled before the import (python -X faulthandler, PYTHONFAULTHANDLER, pytest)
    # is chained behind Go's handler; docs/runtime.md explains enabling it after the import.
    check_ok(run_python('''
import rtcheck as r
try:
    r.NilDeref()
except r.GoPanic as e:
    assert "nil pointer dereference" in str(e)
print("ok")
''', rt, env={'PYTHONFAULTHANDLER': '1'}))
