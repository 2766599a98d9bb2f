"""Signals: SIGINT reaches Python (Go never takes it), Python handlers installed after the
import work (also on Python 3.8, whose handlers lack SA_ONSTACK), Go's threads never get
asynchronous signals."""

import signal
import subprocess
import sys
import time

from rtsupport import check_ok, rt, rt38, run_python  # noqa: F401 (fixtures)


def test_sigint_during_a_long_go_call_raises_keyboardinterrupt_when_it_returns(rt):
    code = '''
import signal, sys, time, rtcheck as r
assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
print("ready", flush=True)
t0 = time.perf_counter()
try:
    r.Sleep(1500)
    print("no KeyboardInterrupt")
except KeyboardInterrupt:
    print("KeyboardInterrupt after %.2f s" % (time.perf_counter() - t0))
print("ok")
'''
    import os
    env = dict(os.environ, PYTHONPATH=str(rt.builddir))
    proc = subprocess.Popen([sys.executable, '-c', code], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, universal_newlines=True)
    assert proc.stdout.readline().strip() == 'ready'
    time.sleep(0.3)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0 and out.strip().endswith('ok'), (proc.returncode, out, err)
    line = out.splitlines()[0]
    assert line.startswith('KeyboardInterrupt after'), out
    assert float(line.split()[2]) >= 1.4, out      # delivered once the Go call returned


POUND = '''
import os, signal, sys, threading, time
import rtcheck as r
got = [0]
def handler(sig, frame):
    got[0] += 1
signal.signal(signal.SIGUSR1, handler)          # installed after the import
stop = [False]
def pound():
    while not stop[0]:
        os.kill(os.getpid(), signal.SIGUSR1)
        time.sleep(0.0005)
t = threading.Thread(target=pound); t.start()
t0 = time.time()
while time.time() - t0 < 4:
    assert r.GCWithSpinner(5) == 5
    r.Sleep(1)
stop[0] = True; t.join()
assert got[0] > 0
print("handled", got[0])
print("ok")
'''


def test_python_handlers_installed_after_import_survive_busy_go(rt):
    check_ok(run_python(POUND, rt, timeout=120))


def test_python_handlers_installed_after_import_survive_busy_go_on_python38(rt38):
    b, exe = rt38
    check_ok(run_python(POUND, b, interpreter=exe, timeout=120))


def test_go_threads_block_asynchronous_signals(rt):
    check_ok(run_python('''
import os, signal, threading, rtcheck as r
r.GCWithSpinner(3)               # makes the Go runtime start its threads
def blocked(tid):
    with open("/proc/self/task/%s/status" % tid) as f:
        mask = int([l for l in f if l.startswith("SigBlk:")][0].split()[1], 16)
    return {s for s in (signal.SIGINT, signal.SIGTERM, signal.SIGUSR1, signal.SIGURG) if mask & (1 << (s - 1))}
main = str(threading.get_native_id())
tids = os.listdir("/proc/self/task")
assert blocked(main) == set(), blocked(main)                 # the importing thread got its mask back
go = [t for t in tids if t != main]
assert go
for t in go:
    assert blocked(t) == {signal.SIGINT, signal.SIGTERM, signal.SIGUSR1}, (t, blocked(t))
print("ok")
''', rt))
