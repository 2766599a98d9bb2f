"""A Go function whose first parameter is a context.Context: Python does not pass it, gobind
does, and Ctrl-C (SIGINT) during the call cancels it and raises KeyboardInterrupt at once."""

import os
import signal
import subprocess
import sys
import time

import pytest

from rtsupport import check_ok, run_python
from test_rt_gil_policy import policy  # noqa: F401 (fixture)
from conftest import TEST_PROJECTS, pyenv_python, run

INTERRUPTED = '''
import signal, sys, time, rtpolicy as r
assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
print("ready")
sys.stdout.flush()
t0 = time.time()
try:
    r.Work(20.0)
    print("no KeyboardInterrupt")
except KeyboardInterrupt:
    print("KeyboardInterrupt after %.2f s" % (time.time() - t0))
print(r.LastWork())
assert r.Work(0.01) == "done"       # the module still works
print(r.LastWork())
print("ok")
'''


def _interrupt(build, interpreter=sys.executable):
    env = dict(os.environ, PYTHONPATH=str(build.builddir))
    proc = subprocess.Popen([interpreter, '-c', INTERRUPTED], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, universal_newlines=True)
    try:
        assert proc.stdout.readline().strip() == 'ready'
        time.sleep(0.5)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 0 and out.strip().endswith('ok'), (proc.returncode, out, err)
    lines = out.splitlines()
    assert lines[0].startswith('KeyboardInterrupt after'), out
    assert float(lines[0].split()[2]) < 2.0, out        # not the 20 s the call would take
    assert lines[1:3] == ['stopped: context canceled', 'finished'], out


def test_ctrl_c_cancels_the_context_and_raises_keyboardinterrupt(policy):
    _interrupt(policy)


@pytest.fixture(scope='session')
def policy38(built):
    exe = pyenv_python('3.8')
    if not exe:
        pytest.skip('pyenv has no Python 3.8')
    return built('runtime_policy', '-Dpython=' + exe), exe


def test_ctrl_c_cancels_the_context_on_python38(policy38):
    # Before 3.10 the asynchronous signals are blocked during Go calls; the poll lets SIGINT in.
    b, exe = policy38
    _interrupt(b, exe)


def test_call_with_context_without_interruption(policy):
    check_ok(run_python('''
import inspect, threading, rtpolicy as r
assert str(inspect.signature(r.Work)) == "(seconds)", inspect.signature(r.Work)
assert r.Work(0.05) == "done" and r.LastWork() == "finished"
assert r.Deadline() is False
try:
    r.CtxPanic("boom")
except r.GoPanic as e:
    assert str(e).startswith("boom\\n\\nGo stack:"), str(e)
else:
    raise AssertionError("no GoPanic")
out = []
ts = [threading.Thread(target=lambda: out.append(r.Work(0.2))) for _ in range(4)]
for t in ts: t.start()
for t in ts: t.join()
assert out == ["done"] * 4
print("ok")
''', policy))


def test_generated_code_for_context_and_gil_policy_is_warning_free(tmp_path):
    # The goldens have no context functions; this covers that code for every Python's headers.
    from gobind_module.build.generate import generate
    from test_generated_code import _python_includes
    generate('example.com/rtpolicy', str(TEST_PROJECTS / 'runtime_policy'), str(tmp_path))
    for label, include in _python_includes():
        run(['cc', '-c', '-std=gnu99', '-Wall', '-Wextra', '-Werror', '-O2', '-fPIC', '-I' + include,
             '-I' + str(tmp_path), tmp_path / 'rtpolicy_gobind.c', '-o', tmp_path / ('rtpolicy-%s.o' % label)])
    gofiles = [tmp_path / 'rtpolicy_gobind.go', tmp_path / 'rtpolicy_support.go']
    assert run(['gofmt', '-l'] + gofiles).stdout.strip() == ''
    run(['go', 'vet'] + gofiles, cwd=TEST_PROJECTS / 'runtime_policy')
