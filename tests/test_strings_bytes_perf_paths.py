"""str and bytes on their fast paths (docs/performance.md): arguments up to 16 KiB copied into
stack arrays when Go does not keep them, results longer than the 1 KiB inline buffer made into
Python objects while Go still runs.  Every size tier and both sides of the inline buffer, values Go
keeps or writes into, invalid UTF-8, results made with the GIL held, and from several threads."""

import pytest

from conftest import TEST_PROJECTS, cgocheck2_builds, run

#: Sizes in bytes around each boundary: Go's own 32-byte buffer, the argument arrays (64, 256, ...,
#: 16384 bytes) and the result buffer's inline part (1024 bytes).
SIZES = [0, 1, 31, 32, 33, 63, 64, 65, 255, 256, 257, 511, 512, 513, 1000, 1023, 1024, 1025,
         2049, 4096, 8193, 16384, 16385, 1 << 20]

#: Python 2/3 source shared by the tests: text(n) is a str of exactly n UTF-8 bytes with
#: multibyte characters; data(n) is bytes of length n with every byte value.
HELPERS = '''
import sys
PY2 = sys.version_info[0] == 2
SIZES = %r
def text(n):
    unit = u"h\\u00e9llo w\\u00f6rld \\u2713 "          # 19 bytes of UTF-8
    t = (unit * (n // 19 + 1)).encode("utf-8")[:n]
    while t and (ord(t[-1:]) & 0xC0) == 0x80:          # don't cut a character in two:
        t = t[:-1]                                       # drop its continuation bytes,
    if t and ord(t[-1:]) >= 0xC0:
        t = t[:-1]                                       # its first byte,
    t += b"x" * (n - len(t))                             # and pad with ASCII
    return t if PY2 else t.decode("utf-8")
def data(n):
    return (bytes(bytearray(range(256))) * (n // 256 + 1))[:n]
def utf8_len(s):
    return len(s) if PY2 else len(s.encode("utf-8", "surrogateescape"))
''' % (SIZES,)


def test_strings_every_size(surface):
    surface('scalars', HELPERS + '''
import scalars as s
for n in SIZES:
    t = text(n)
    assert utf8_len(t) == n, (n, utf8_len(t))
    r = s.EchoString(t)
    assert r == t and type(r) is type(t), n
    upper, count = s.Upper(t)                 # a long result next to an int result
    assert upper == (t.decode("utf-8").upper().encode("utf-8") if PY2 else t.upper()) and count == n, n
    assert s.Describe(True, 1, 2, 0.5, t, b"") == "true 1 2 0.5 %s " % t
# invalid UTF-8 on both sides of the inline buffer: bytes that are not UTF-8 come back as they went
for n in (3, 1023, 1024, 1025, 5000):
    bad = b"\\xff" * n if PY2 else "\\udcff" * n
    assert s.EchoString(bad) == bad, n
    assert s.EchoString(s.Invalid() * n) == s.Invalid() * n, n
''')


def test_bytes_every_size(surface):
    surface('scalars', HELPERS + '''
import scalars as s
for n in SIZES:
    d = data(n)
    for arg in (d, bytearray(d), memoryview(d)):
        r = s.EchoBytes(arg)
        assert r == d and type(r) is bytes, n
    # Go writes into the slice it is given: its own copy, never Python's object
    filled = s.Fill(d, 7)
    assert filled == b"\\x07" * n and type(filled) is bytes, n
    assert d == data(n), n
    ba = bytearray(d)
    s.Fill(ba, 9)
    assert ba == bytearray(d), n
''')


def test_values_go_keeps_outlive_the_python_objects(surface):
    surface('scalars', HELPERS + '''
import gc
import scalars as s
for n in SIZES:
    t, d = text(n), bytearray(data(n))
    s.Remember(t, d)
    expected = (text(n), data(n))
    d[:] = b"\\x00" * n                      # Python changes its own object afterwards
    del t, d
    gc.collect()
    for m in SIZES[:14]:                       # more calls reuse the memory a view would point to
        s.EchoString(text(m)); s.EchoBytes(data(m)); s.Fill(data(m), 1)
    junk = [text(n) + "z" * (n % 7) if not PY2 else data(n) for _ in range(20)]
    assert s.Remembered() == expected, n
''')


def test_long_results_with_the_gil_held_and_long_messages(surface):
    """Field reads keep the GIL; error and panic texts go through the same buffer."""
    surface('structs', HELPERS + '''
import structs
for n in (1023, 1024, 1025, 70000):
    p = structs.NewPerson(text(n), 3)
    assert p.Name == text(n), n
    p.Name = text(n + 1)
    assert p.Name == text(n + 1), n
''')
    surface('errors', HELPERS + '''
import errors
for n in (10, 1020, 1025, 9000):
    key = text(n)
    try:
        errors.Lookup(key)
    except errors.GoError as e:
        assert str(e) == 'key "%s" not found' % key, n
        assert e.go_error.Key == key and e.go_error.Error() == str(e), n
    else:
        raise AssertionError("no GoError")
    try:
        errors.Crash(key)
    except errors.GoPanic as e:
        assert str(e).startswith(key + "\\n"), n
    else:
        raise AssertionError("no GoPanic")
''')


def test_long_results_from_many_threads(surface):
    """Go takes the GIL to make a long result while other threads run Python and Go."""
    surface('scalars', HELPERS + '''
import threading
import scalars as s
errors_seen = []
def work(k):
    try:
        for i in range(200):
            n = 1025 + 37 * k + i
            t, d = text(n), data(n * 16)
            assert s.EchoString(t) == t
            assert s.EchoBytes(d) == d
            assert s.Upper(t)[1] == n
    except Exception as e:
        errors_seen.append(e)
threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
for th in threads: th.start()
for th in threads: th.join()
assert not errors_seen, errors_seen
''')


def test_argument_copies_stay_inlined(tmp_path):
    """gobindSpace must stay small enough for Go to inline it into every export: otherwise each
    argument of 33 bytes to 16 KiB would take a heap allocation of the next array size."""
    from gobind_module.build.generate import generate
    generate('example.com/scalars', str(TEST_PROJECTS / 'scalars'), str(tmp_path))
    out = run(['go', 'build', '-buildmode=c-archive', '-gcflags=-m=2', '-o', tmp_path / 'x.a',
               tmp_path / 'scalars_gobind.go', tmp_path / 'scalars_support.go'], cwd=TEST_PROJECTS / 'scalars').stdout
    for helper in ('gobindSpace', 'gobindString', 'gobindBytes'):
        assert 'can inline %s with cost' % helper in out, [ln for ln in out.splitlines() if helper in ln][:3]
    # EchoString and EchoBytes do not keep their arguments: the copies stay on the stack
    stack = [ln for ln in out.splitlines() if 'new([16384]byte) does not escape' in ln]
    assert len(stack) >= 2, 'argument copies went to the heap'


@pytest.mark.slow
def test_long_values_under_cgocheck2(tmp_path):
    """The same values with cgo's strictest pointer checks compiled in (GOEXPERIMENT=cgocheck2)."""
    code = HELPERS + '''
import scalars as s
for n in SIZES:
    t, d = text(n), data(n)
    assert s.EchoString(t) == t and s.EchoBytes(d) == d and s.Fill(d, 7) == b"\\x07" * n
    s.Remember(t, d)
    assert s.Remembered() == (t, d)
print("ok")
'''
    for b, interpreter in cgocheck2_builds('scalars', tmp_path):
        assert b.python(code, interpreter=interpreter).stdout.strip().endswith('ok')
