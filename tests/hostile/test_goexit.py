"""runtime.Goexit in bound Go code raises GoPanic naming the function, on Python 3 and 2.7
(on the thread C lent to Go it would end the process); os.Exit ends the process as documented."""

import subprocess
import sys

from conftest import raises, surface  # noqa: F401 (fixture)

GOEXIT = 'runtime.Goexit called in hostilego.'


def test_goexit_is_a_go_panic_and_deferred_calls_run(surface):
    surface('hostile_go', '''
import hostilego as h
''' + raises('h.GoPanic', 'h.Goexit()', GOEXIT + 'Goexit') + '''
assert h.Deferred == 1, h.Deferred
''' + raises('h.GoPanic', 'h.GoexitError()', GOEXIT + 'GoexitError') + '''
''' + raises('h.GoPanic', 'h.GoexitNested("x")', GOEXIT + 'GoexitNested') + '''
''' + raises('h.GoPanic', 'h.NewBox(1).Quit()', GOEXIT + 'Box.Quit') + '''
''' + raises('h.GoPanic', 'h.GoexitValue()', GOEXIT + 'GoexitValue') + '''
''' + raises('h.GoPanic', 'h.GoexitDeferred()', GOEXIT + 'GoexitDeferred') + '''
''' + raises('h.GoPanic', 'h.GoexitContext()', GOEXIT + 'GoexitContext') + '''
assert h.MaybeGoexit(4, False) == 5              # a marked call that returns: its results cross
''' + raises('h.GoError', 'h.MaybeGoexit(-1, False)', 'negative') + '''
''' + raises('h.GoPanic', 'h.MaybeGoexit(1, True)', GOEXIT + 'MaybeGoexit') + '''
for i in range(200):              # no thread or goroutine is lost on the way
    try:
        h.Goexit()
    except h.GoPanic:
        pass
assert h.Deferred == 201 and h.Add(1, 2) == 3
''')


def test_os_exit_ends_the_process_without_python_cleanup(built):
    """os.Exit ends the process at once with its status: no finally block, no atexit handler."""
    b = built('hostile_go')
    proc = subprocess.run([sys.executable, '-c', '''
import atexit, sys, hostilego as h
atexit.register(lambda: sys.stderr.write("atexit ran\\n"))
try:
    h.Exit(7)
finally:
    sys.stderr.write("finally ran\\n")
'''], cwd=str(b.builddir), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        universal_newlines=True, timeout=60)
    assert proc.returncode == 7, proc
    assert proc.stderr == '', proc
