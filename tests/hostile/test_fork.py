"""In a forked child, every path into Go refuses without calling Go (the child has none of the
Go runtime's threads, so a call could hang): calls, fields, items, map views, constructors,
errors, buffer views.  Releasing buffer views, freeing objects, garbage collection and the
child's exit leak their Go values instead of calling Go.  The child reports each step through a
pipe; the parent kills it after a timeout, so a hang fails the test instead of blocking it."""

import subprocess
import sys

import pytest

from conftest import pyenv_python

FORK_TEXT = "the Go runtime does not survive fork()"

PARENT = r'''
import gc, os, select, signal, sys, time
import hostilego as h
try:
    import numpy
except ImportError:
    numpy = None

box = h.NewBox(3)
box.Items = [1, 2, 3]
ints, scores, floats = h.Count(5), h.Scores(), h.Floats(4)
views = [memoryview(floats)]                  # views made in the parent, released in the child
arrays = [numpy.asarray(floats)] if numpy is not None else []
errors = []
for i in range(70):                           # GoErrors queue their slots for Go in batches of 64
    try:
        h.Plain()
    except h.GoError as e:
        errors.append(e)
plain, other = errors[0].go_error, errors[1].go_error
cycle = [h.NewBox(1), h.Count(2)]
cycle.append(cycle)

REFUSED = [
    ("call", lambda: h.Add(1, 2)),
    ("call with a list", lambda: h.Sum([1, 2, 3])),
    ("call with a Go value", lambda: h.Sum(ints)),
    ("method", lambda: ints.Len()),
    ("field get", lambda: box.N),
    ("field set", lambda: setattr(box, "N", 4)),
    ("slice field set", lambda: setattr(box, "Items", [4, 5])),
    ("len", lambda: len(ints)),
    ("item get", lambda: ints[0]),
    ("item set", lambda: ints.__setitem__(0, 7)),
    ("slicing", lambda: ints[1:3]),
    ("iteration", lambda: list(ints)),
    ("equality", lambda: ints == [0, 1, 2, 3, 4]),
    ("map get", lambda: scores["a"]),
    ("map set", lambda: scores.__setitem__("c", 3)),
    ("map del", lambda: scores.__delitem__("a")),
    ("map len", lambda: len(scores)),
    ("map iteration", lambda: list(scores)),
    ("new struct", lambda: h.Box()),
    ("new slice", lambda: h.Ints([1, 2])),
    ("new map", lambda: h.Map_string_int()),
    ("new view", lambda: memoryview(floats)),
    ("error text", lambda: str(plain)),
    ("error Is", lambda: plain.Is(other)),
    ("error ==", lambda: plain == other),
    ("go_error", lambda: errors[2].go_error),
    ("handles", lambda: h._gobind_handles()),
]


def child(w):
    def report(line):
        os.write(w, (line + "\n").encode())
    for label, attempt in REFUSED:
        try:
            attempt()
            report("%s: no error" % label)
        except RuntimeError as e:
            report(label + (": refused" if FORK_TEXT in str(e) else ": %r" % e))
    global box, views, arrays, errors, cycle
    for label, step in [
        ("view release", lambda: views.pop()),        # the last reference: released
        ("numpy view release", lambda: arrays and arrays.pop()),
        ("dealloc", lambda: globals().pop("box")),
        ("error dealloc", lambda: errors.clear()),
        ("garbage collection", lambda: (globals().pop("cycle"), gc.collect())),
    ]:
        step()
        report(label + ": done")
    report("exit")
    sys.exit(0)                               # the interpreter frees every object at exit


r, w = os.pipe()
h.Churn(2000)                                 # Go's collector is busy when the process forks
time.sleep(0.05)
pid = os.fork()
if pid == 0:
    os.close(r)
    child(w)
os.close(w)
out, deadline = b"", time.time() + 30
while True:
    done, status = os.waitpid(pid, os.WNOHANG)
    if select.select([r], [], [], 0.1)[0]:
        out += os.read(r, 65536)
    if done:
        break
    if time.time() > deadline:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        print("HUNG after:\n" + out.decode())
        sys.exit(1)
out += os.read(r, 65536)
print(out.decode())
print("child status %d" % status)
assert box.N == 3 and list(ints) == [0, 1, 2, 3, 4] and scores["a"] == 1 and h.Add(1, 2) == 3
assert floats[0] == 0.0 and len(views[0]) == 4
print("parent ok")
'''.replace('FORK_TEXT', repr(FORK_TEXT))


@pytest.mark.parametrize('version', ['3', '2.7'])
def test_forked_child_never_calls_go(built, version):
    interpreter = sys.executable if version == '3' else pyenv_python(version)
    if interpreter is None:
        pytest.skip('no Python %s interpreter under pyenv on this machine' % version)
    code = PARENT if version == '3' else PARENT.replace('errors.clear()', 'errors.__delslice__(0, len(errors))')
    b = built('hostile_go', *(['-Dpython=' + interpreter] if version != '3' else []))
    proc = subprocess.run([interpreter, '-c', code], cwd=str(b.builddir), stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, universal_newlines=True, timeout=120)
    assert proc.returncode == 0, proc.stdout
    lines = proc.stdout.splitlines()
    bad = [line for line in lines if ':' in line and not line.endswith((': refused', ': done'))]
    assert not bad, proc.stdout
    assert lines.count('exit') == 1 and 'child status 0' in lines and lines[-1] == 'parent ok', proc.stdout
    assert len([line for line in lines if line.endswith(': refused')]) == 27, proc.stdout
