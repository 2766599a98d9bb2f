"""Borrowed arguments (test_projects/borrow): parameters named in a `//gobind:borrow` line reach Go
as views of Python's memory for the duration of the call.  Results must match Python's own
computation for every kind of argument the copying path takes; lists and buffers of another
layout are still converted; a bytearray cannot be resized while Go holds its view; functions
without the directive still get copies; a bad directive is a warning, not an error."""

import sys

import pytest

from conftest import MesonBuild, TEST_PROJECTS, cgocheck2_builds, raises, run, tool

#: Python 2/3 source: FNV-1a in Python, to check Go's hash of a borrowed string.
FNV = '''
def fnv(data):
    h = 0xcbf29ce484222325
    for c in bytearray(data):
        h = ((h ^ c) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return h
'''


def test_borrowed_arguments_match_python(surface):
    surface('borrow', FNV + '\n'.join([
        'import array, sys, borrow as b',
        'xs = [0.5 * i for i in range(1000)]',
        'd = array.array("d", xs)',
        'assert b.SumFloats(d) == sum(xs) and b.SumFloats(xs) == sum(xs) and b.SumFloats(tuple(xs)) == sum(xs)',
        'assert b.SumFloats([]) == 0 and b.SumFloats(array.array("d")) == 0',
        'if sys.version_info[0] > 2:',  # Python 2's array has no buffer protocol (it is converted)
        '    assert b.SumFloats(memoryview(d)[10:20]) == sum(xs[10:20])',
        # not C-contiguous: no view is possible, so the items are converted one by one (copied)
        '    assert b.SumFloats(memoryview(d)[::3]) == sum(xs[::3])',
        # another layout (int items for []float64): converted as by the copying path
        'assert b.SumFloats(array.array("i", [1, 2, 3])) == 6.0',
        'ints = list(range(-500, 700))',
        'assert b.SumInt32(array.array("i", ints)) == sum(ints) and b.SumInt32(ints) == sum(ints)',
        'assert b.SumInt32(array.array("i", [2**31 - 1] * 3)) == 3 * (2**31 - 1)',
        'assert b.SumSamples(array.array("i", [7, 8])) == 15 and b.SumSamples([1]) == 1',
        'assert b.MeanCelsius(array.array("d", [1, 2, 6])) == 3.0 and b.MeanCelsius([]) == 0',
        'assert b.Dot(array.array("f", [1, 2, 3]), [4.0, 5.0]) == 14.0',
        'st = b.Stats()',
        'assert st.Add(array.array("l", [1, 2, 3])) == 6 and st.Add([10]) == 10 and st.Calls == 2',
        'data = bytes(bytearray(range(256))) * 40 + b"aaa"',
        'n = data.count(b"a")',
        'assert b.CountByte(data, ord("a")) == n and b.CountByte(bytearray(data), ord("a")) == n',
        'assert b.CountByte(memoryview(data)[:256], ord("a")) == 1 and b.CountByte(b"", 1) == 0',
        'if sys.version_info[0] > 2:',
        '    assert b.CountByte(array.array("B", data), ord("a")) == n',
        'text = u"h\\u00e9llo w\\u00f6rld " * 50',
        'assert b.Hash(text) == fnv(text.encode("utf-8")) and b.Hash(u"") == fnv(b"")',
        # a bound Go slice passes its own memory, as without the directive
        'b.Keep([1.0, 2.0])',
        'assert b.SumFloats(b.Last()) == 3.0',
    ]))


def test_go_sees_the_callers_memory(surface):
    """Scribble breaks the contract and writes into its borrowed arguments: the change shows in
    the caller's buffer objects (they were views), not in a list (that was converted)."""
    surface('borrow', '\n'.join([
        'import array, borrow as b',
        'x, d, lst = bytearray(b"abc"), array.array("d", [1.0, 2.0]), [1.0, 2.0]',
        'b.Scribble(x, lst)',
        'assert x == bytearray(b"Xbc") and lst == [1.0, 2.0]',
        'b.Scribble(b"", d)',
        # Python 2's array has no buffer protocol: converted, so unchanged
        'assert list(d) == ([1.0, 2.0] if str is bytes else [-1.0, 2.0]), d',
    ]))


def test_wrong_arguments_raise_as_when_copying(surface):
    surface('borrow', '\n'.join([
        'import array, borrow as b',
        raises('TypeError', 'b.SumFloats(["x"])', "SumFloats() argument 'xs[0]' must be float, not str"),
        raises('TypeError', 'b.SumFloats(5)', "argument 'xs' must be a sequence of float, not int"),
        raises('TypeError', 'b.SumInt32([1.5])', "argument 'xs[0]' must be int"),
        raises('TypeError', 'b.CountByte(u"abc", 1)', "CountByte() argument 'data' must be bytes"),
        raises('TypeError', 'b.Hash(1)', "Hash() argument 's' must be str, not int"),
    ]))
    if not surface.py2:  # a []byte needs C-contiguous memory, borrowed or not (Python's BufferError)
        surface('borrow', '\n'.join([
            'import borrow as b',
            raises('BufferError', 'b.CountByte(memoryview(b"abcd")[::2], 1)', 'contiguous'),
            raises('BufferError', 'b.Invert(memoryview(b"abcd")[::2])', 'contiguous'),
        ]))


def test_functions_without_the_directive_still_copy(surface):
    surface('borrow', '\n'.join([
        'import array, borrow as b',
        'x = bytearray(b"ab")',
        'assert b.Invert(x) == b"\\x9e\\x9d" and x == bytearray(b"ab")',  # Go wrote into its copy
        'd = array.array("d", [1.0, 2.0])',
        'b.Keep(d)',
        'd[0] = 99.0',
        'assert list(b.Last()) == [1.0, 2.0]',  # Go kept its own copy
        # the directive that names a map and a missing parameter: bound anyway, copying
        'assert b.Mistakes({"a": 1}, [1.0, 2.0]) == 3',
    ]))


def test_parameters_go_provably_keeps_are_views_without_a_directive(surface):
    """Same and Size keep nothing of their arguments (gobind proves it): views.  Remember keeps its
    argument, so it gets a copy that outlives the caller's buffer; //gobind:copy forces a copy."""
    surface('borrow', '\n'.join([
        'import gc, borrow as b',
        'assert b.Same(u"h\u00e9", u"h\u00e9") and not b.Same("a", "b")',
        'assert b.Size(bytearray(b"abc")) == 3 and b.Size(b"") == 0 and b.SizeCopied(memoryview(b"ab")) == 2',
        'x = bytearray(b"abc")',
        'b.Remember(x)',
        'x[0] = ord("z")',
        'del x',
        'gc.collect()',
        'assert bytes(b.Remembered()) == b"abc"',
    ]))


def test_inspect_says_which_parameters_are_views_and_why():
    out = run([tool('gobind'), 'inspect', 'example.com/borrow', '--dir', str(TEST_PROJECTS / 'borrow')]).stdout
    views = out.split("parameters passed as views of Python's memory (all others are copied):\n", 1)[1]
    assert 'SumFloats(xs): //gobind:borrow' in views
    assert 'Same(a): Go keeps nothing of it past the call (proved by gobind; //gobind:copy a forces a copy)' in views
    assert 'Size(b): Go keeps nothing of it' in views
    for copied in ('Remember(', 'SizeCopied(', 'Keep(', 'Invert(', 'Mistakes(m)'):
        assert copied not in views, copied


def test_numpy_arrays_are_borrowed(built):
    """numpy arrays of the element type are viewed; other dtypes and strides are converted."""
    pytest.importorskip('numpy')
    code = '\n'.join([
        'import numpy as np, borrow as b',
        'a = np.arange(100000, dtype=np.float64)',
        'assert b.SumFloats(a) == a.sum() and b.SumFloats(a[::7]) == a[::7].sum()',
        'assert b.SumFloats(a.astype(np.float32)) == a.sum()',
        'i = np.arange(-5, 1000, dtype=np.int32)',
        'assert b.SumInt32(i) == int(i.sum())',
        'assert b.SumInt32(i.reshape(5, -1)[:, 1]) == int(i.reshape(5, -1)[:, 1].sum())',
        'assert b.Dot(np.ones(3, dtype=np.float32), np.ones(3, dtype=np.float32)) == 3.0',
        'assert b.CountByte(np.frombuffer(b"abca", dtype=np.uint8), ord("a")) == 2',
        'print("ok")',
    ])
    assert built('borrow').python(code).stdout.strip().endswith('ok')


#: Python 2/3 source: while a thread's SlowSum holds a view of a bytearray (with the GIL
#: released), the bytearray cannot change size; afterwards it can, and the sum is the old one.
RESIZE = '''
import threading, time, borrow as b
ba = bytearray(b"\\x01" * 1000)
out = []
t = threading.Thread(target=lambda: out.append(b.SlowSum(ba, 500)))
t.start()
time.sleep(0.2)
try:
    ba.extend(b"\\x01" * 10)
except BufferError as e:
    assert "resize" in str(e) or "re-sized" in str(e), str(e)
else:
    raise AssertionError("a borrowed bytearray was resized during the call")
t.join()
assert out == [1000], out
ba.extend(b"\\x01")
assert len(ba) == 1001
print("ok")
'''


def test_borrowed_bytearray_cannot_be_resized_during_the_call(surface):
    surface('borrow', RESIZE.replace('print("ok")', ''))


def test_bad_directive_is_a_warning(tmp_path):
    proc = run([sys.executable, '-m', 'gobind_module', 'gen', 'example.com/borrow', '--dir',
                TEST_PROJECTS / 'borrow', '-o', tmp_path])
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith('WARNING:')]
    assert lines == [
        'WARNING: gobind: borrow: //gobind:borrow of Mistakes: parameter m (map[string]int) cannot be '
        'borrowed, so it is copied; only string, []byte and slices of numbers can be',
        'WARNING: gobind: borrow: //gobind:borrow of Mistakes names nope, which is not one of its '
        'parameters; fix the name or remove it',
    ], proc.stdout
    go = (tmp_path / 'borrow_gobind.go').read_text()
    # m is copied; xs is a view although no valid directive names it: Go keeps nothing of it
    assert 'gobindpkg.Mistakes(*gobindPtr_Map_string_int(a0), gobindBorrow_Slice_float64(a1))' in go


@pytest.mark.slow
def test_borrowed_arguments_under_cgocheck2(tmp_path):
    """Views of Python's memory pass cgo's strictest pointer checks (GOEXPERIMENT=cgocheck2)."""
    code = FNV + '''
import array, borrow as b
xs = array.array("d", [1.5] * 5000)
assert b.SumFloats(xs) == 7500.0 and b.SumInt32([1, 2]) == 3
assert b.CountByte(b"a" * 70000, ord("a")) == 70000 and b.Hash(u"abc") == fnv(b"abc")
assert b.Stats().Add(array.array("l", [4, 5])) == 9
''' + RESIZE
    for b, interpreter in cgocheck2_builds('borrow', tmp_path):
        assert 'X:cgocheck2' in run(['go', 'version', b.extension('borrow')]).stdout
        assert b.python(code, interpreter=interpreter).stdout.strip().endswith('ok')


def test_borrow_keyword_for_packages_you_cannot_edit(project_copy, tmp_path):
    """gobind.extension(..., borrow: {...}) borrows like a //gobind:borrow line: Invert, which
    writes into its argument (so it must not be borrowed in real code), now changes the caller's
    bytearray, which shows that it got a view."""
    src = project_copy('borrow')
    meson = (src / 'meson.build').read_text()
    (src / 'meson.build').write_text(meson.replace("python: get_option('python'))",
                                                   "python: get_option('python'), borrow: {'Invert': 'b'})"))
    b = MesonBuild(src, tmp_path / 'build')
    b.setup()
    run([tool('ninja'), '-C', b.builddir])
    code = 'import borrow as b\nx = bytearray(b"ab")\nb.Invert(x)\nprint(repr(bytes(x)))'
    assert b.python(code).stdout.strip() == repr(b'\x9e\x9d')


def test_borrow_option_of_gen(tmp_path):
    gen = [sys.executable, '-m', 'gobind_module', 'gen', 'example.com/borrow', '--dir',
           TEST_PROJECTS / 'borrow', '-o', tmp_path]
    run(gen + ['--borrow', 'Invert=b', '--borrow', 'Keep='])
    go = (tmp_path / 'borrow_gobind.go').read_text()
    assert 'gobindpkg.Invert(unsafe.Slice((*byte)(unsafe.Pointer(a0.p)), a0.n))' in go
    assert 'gobindpkg.Keep(gobindBorrow_Slice_float64(a0))' in go
    proc = run(gen + ['--borrow', 'Nope=x'], check=False)
    assert proc.returncode == 1
    assert proc.stdout.strip() == ('borrow: package example.com/borrow has no function or method Nope '
                                   '(names are Go names: Func or Type.Method)')


def test_borrow_keyword_of_a_peer_module_is_refused(project_copy, tmp_path):
    """A module that shares another's Go runtime is bound by that extension's gen step, so its own
    borrow: would be lost; Meson says so at setup instead."""
    src = project_copy('multi')
    meson = (src / 'meson.build').read_text()
    (src / 'meson.build').write_text(meson.replace(
        "gobind.extension('tally', 'example.com/multi/tally', install: true, python: get_option('python'))",
        "gobind.extension('tally', 'example.com/multi/tally', install: true, python: get_option('python'),\n"
        "                 borrow: {'Total': 'xs'})"))
    proc = run([tool('meson'), 'setup', tmp_path / 'build', src], check=False)
    assert proc.returncode != 0
    assert ("gobind.extension('tally'): borrow: is not passed on to a module that shares shapes's Go "
            "runtime; write //gobind:borrow lines in its Go source instead") in proc.stdout, proc.stdout
