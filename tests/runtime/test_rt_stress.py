"""8 threads x many calls mixing strings, bytes, structs, errors and panics: no crash, every
result checked, handle count and RSS flat.  GOBIND_STRESS_SECONDS sets the long variant's length."""

import os

import pytest

from rtsupport import check_ok, rt, run_python  # noqa: F401 (fixtures)

STRESS = '''
import gc, sys, threading, time
import rtcheck as r
seconds = float(sys.argv[1])

def rss_kb():
    with open("/proc/self/status") as f:
        return int([l for l in f if l.startswith("VmRSS:")][0].split()[1])

errors = []
def work(k, rounds_out, end):
    try:
        i = 0
        while time.time() < end:
            i += 1
            s = "t%d-%d-%s" % (k, i, "é" * (i % 7))
            assert r.Check(s) == s.upper()
            assert r.Repeat(s.encode(), i % 4) == s.encode() * (i % 4)
            c = r.NewCounter(s, i)
            assert c.Inc(k) == i + k and c.Label() == "%s=%d" % (s, i + k)
            m = c.Merge(r.Counter(Name="z", N=1))
            assert (m.Name, m.N) == (s + "+z", i + k + 1)
            c.Name = "x" * (i % 3000)
            assert c.Name == "x" * (i % 3000)
            for bad, cls, text in ((lambda: r.Check(""), r.GoError, "empty string"),
                                   (lambda: c.Merge(None), r.GoError, "nothing to merge"),
                                   (lambda: r.Panic(s), r.GoPanic, s + "\\n")):
                try:
                    bad()
                    raise AssertionError("no exception")
                except cls as e:
                    assert str(e).startswith(text), e
        rounds_out[k] = i
    except BaseException as e:
        errors.append(repr(e))

def phase(secs):
    rounds = [0] * 8
    end = time.time() + secs
    ts = [threading.Thread(target=work, args=(k, rounds, end)) for k in range(8)]
    for t in ts: t.start()
    for t in ts: t.join()
    assert not errors, errors[:3]
    gc.collect()
    return sum(rounds)

gc.collect()
handles0 = r._gobind_handles()
phase(min(1.0, seconds / 4))            # warm-up: Go heap and Python allocators reach their size
rss1 = rss_kb()
n = phase(seconds)
rss2 = rss_kb()
handles = r._gobind_handles()
print("rounds", n, "rss_kb", rss1, rss2, "handles", handles0, handles)
assert handles == handles0, (handles0, handles)
if sys.argv[2:] != ['no-rss']:
    assert rss2 - rss1 < 20 * 1024, (rss1, rss2)
print("ok")
'''


def test_stress_eight_threads_short(rt):
    check_ok(run_python(STRESS, rt, args=['4'], timeout=180))


@pytest.mark.slow
def test_stress_eight_threads_long(rt):
    seconds = float(os.environ.get('GOBIND_STRESS_SECONDS', '') or 60)
    out = check_ok(run_python(STRESS, rt, args=[str(seconds)], timeout=seconds + 300))
    print(out)
