"""Which calls keep the GIL: gobind's rule (straight-line Go code on numbers keeps it, and on
strings while they are short) and the
`gil`/`gil_default` keywords of gobind.extension(), seen from Python threads, and their errors."""

import os
import re
import shutil

import pytest

from conftest import TEST_PROJECTS, MesonBuild, run, tool
from rtsupport import check_ok, run_python

PROJECT = TEST_PROJECTS / 'runtime_policy'


def _cpus():
    return len(os.sched_getaffinity(0)) if hasattr(os, 'sched_getaffinity') else (os.cpu_count() or 1)


@pytest.fixture(scope='session')
def policy(built):
    """test_projects/runtime_policy built for this Python: the module rtpolicy."""
    return built('runtime_policy')


def test_inspect_reports_which_calls_keep_the_gil():
    out = run([tool('gobind'), 'inspect', '--dir', PROJECT, 'example.com/rtpolicy']).stdout
    (line,) = [out.splitlines()[i + 1] for i, l in enumerate(out.splitlines()) if l.startswith('GIL kept')]
    # straight-line code on numbers; on strings, while they are short
    assert line.split(', ') == ['  Add', 'Echo (up to 4 KiB of str and bytes arguments)', 'Nop', 'NopReleased']
    out = run([tool('gobind'), 'inspect', '--dir', PROJECT, 'example.com/rtpolicy',
               '--gil', 'Nop=release,Echo=keep', '--gil-default', 'keep']).stdout
    (line,) = [out.splitlines()[i + 1] for i, l in enumerate(out.splitlines()) if l.startswith('GIL kept')]
    assert line.strip() == 'Add, CtxPanic, Deadline, Echo, LastWork, NopReleased, Spin, SpinKept, Work'


SPANS = '''
import threading, time, rtpolicy as r
n = 1000000
while True:                       # about 0.2 s of Go per call
    s, e = r.Spin(n)
    if e - s > 2e8: break
    n *= 2
def overlap(fn):
    spans = {}
    def call(k):
        spans[k] = fn(n)
    ts = [threading.Thread(target=call, args=(k,)) for k in range(2)]
    for t in ts: t.start()
    for t in ts: t.join()
    (a0, a1), (b0, b1) = spans[0], spans[1]
    return (min(a1, b1) - max(a0, b0)) / min(a1 - a0, b1 - b0)
released, kept = overlap(r.Spin), overlap(r.SpinKept)
print("overlap released %.2f kept %.2f" % (released, kept))
assert released > 0.5, released   # both Go calls in progress at once
assert kept <= 0, kept            # one Go call after the other: the GIL was held
print("ok")
'''


def test_gil_keep_from_meson_build_serialises_a_cpu_bound_function(policy):
    # The overlap of the intervals during which each thread's Go code ran, as Go measured them.
    check_ok(run_python(SPANS, policy, timeout=180))


CONTENDED = '''
import os, threading, time, rtpolicy as r
stop = [False]
def busy():                       # pure Python: holds the GIL until asked to switch
    x = 0
    while not stop[0]:
        x += 1
t = threading.Thread(target=busy); t.start()
time.sleep(0.05)
def calls_in(fn, seconds=0.5):
    n, end = 0, time.perf_counter() + seconds
    while time.perf_counter() < end:
        fn(); n += 1
    return n
best = 0.0
for attempt in range(3):
    kept, released = calls_in(KEPT), calls_in(RELEASED)
    best = max(best, kept / released)
    if best > 2: break
stop[0] = True; t.join()
print("calls in 0.5 s while another thread is busy: kept %d released %d" % (kept, released))
print("ratio %.1f load %.1f" % (best, os.getloadavg()[0]))
assert r.Add(2, 3) == 5
print("ok")
'''


@pytest.mark.skipif(_cpus() < 2, reason='needs two CPUs: on one, a released call rarely loses the GIL')
def test_trivial_call_keeps_the_gil_and_skips_the_handoff_under_contention(policy):
    # A call that releases the GIL while another thread runs Python can lose it to that thread
    # and wait up to sys.getswitchinterval() (5 ms) to get it back; one that keeps it hands the
    # GIL over only between calls, once per switch interval.  Nop keeps it by gobind's rule,
    # NopReleased releases it by meson.build's choice; both are empty Go functions.
    _check_contended(policy, 'r.Nop', 'r.NopReleased')


@pytest.mark.skipif(_cpus() < 2, reason='needs two CPUs: on one, a released call rarely loses the GIL')
def test_string_call_keeps_the_gil_for_short_arguments_only(policy):
    # Echo is straight-line code on a string: gobind keeps the GIL while it copies up to 4 KiB of
    # arguments, and releases it for more.
    _check_contended(policy, 'lambda: r.Echo("x" * 4096)', 'lambda: r.Echo("x" * 4097)')


def _check_contended(policy, kept, released):
    code = 'import rtpolicy as r\nKEPT = %s\nRELEASED = %s\n' % (kept, released) + CONTENDED
    out = check_ok(run_python(code, policy, timeout=120))
    ratio, load = [float(w) for w in out.splitlines()[-2].split()[1::2]]
    if ratio <= 2 and load > _cpus() - 1:
        pytest.skip('machine busy (load %.1f on %d CPUs): ratio %.1f not measurable' % (load, _cpus(), ratio))
    assert ratio > 2, out


def _project_copy(tmp_path, edit):
    src = tmp_path / 'runtime_policy'
    shutil.copytree(str(PROJECT), str(src))
    build = src / 'meson.build'
    build.write_text(edit(build.read_text()))
    return MesonBuild(src, tmp_path / 'build')


def _with_gil(text: str, keywords: str) -> str:
    return re.sub(r"gil: \{[^}]*\}", keywords, text)


def test_gil_default_keep_applies_to_every_function(tmp_path):
    b = _project_copy(tmp_path, lambda t: _with_gil(t, "gil_default: 'keep', gil: {'Spin': 'release'}"))
    b.setup()
    run([tool('ninja'), '-C', b.builddir, 'rtpolicy_gobind.c'])
    code = (b.builddir / 'rtpolicy_gobind.c').read_text()
    # the calls of the bound (exported, capitalised) Go functions; module init's _ready is not one
    calls = re.findall(r'^    GOBIND_CALL_(KEEP_)?BEGIN\n    status = (gobind_rtpolicy_[A-Z]\w*)\(', code, re.M)
    assert sorted((name, bool(keep)) for keep, name in calls) == [
        ('gobind_rtpolicy_Add', True), ('gobind_rtpolicy_CtxPanic', True), ('gobind_rtpolicy_Deadline', True),
        ('gobind_rtpolicy_Echo', True), ('gobind_rtpolicy_LastWork', True), ('gobind_rtpolicy_Nop', True),
        ('gobind_rtpolicy_NopReleased', True), ('gobind_rtpolicy_Spin', False), ('gobind_rtpolicy_SpinKept', True),
        ('gobind_rtpolicy_Work', True)]


def test_gil_setting_for_an_unknown_function_names_it(tmp_path):
    b = _project_copy(tmp_path, lambda t: _with_gil(t, "gil: {'Spinn': 'keep'}"))
    b.setup()
    proc = run([tool('ninja'), '-C', b.builddir], check=False)
    assert proc.returncode != 0
    assert 'gil: package example.com/rtpolicy has no bound function or method Spinn' in proc.stdout, proc.stdout


@pytest.mark.parametrize('keywords, message', [
    ("gil: {'Spin': 'hold'}", "gil: Spin: 'hold' is not 'keep' or 'release'"),
    ("gil: {'Spin()': 'keep'}", "gil: 'Spin()' is not a Go function name (write Func or Type.Method)"),
    ("gil_default: 'never'", 'keyword argument "gil_default" must be one of auto, keep, release'),
])
def test_bad_gil_keywords_stop_meson_setup(tmp_path, keywords, message):
    b = _project_copy(tmp_path, lambda t: _with_gil(t, keywords))
    proc = run([tool('meson'), 'setup', b.builddir, b.source], check=False)
    assert proc.returncode != 0
    assert message in proc.stdout, proc.stdout
