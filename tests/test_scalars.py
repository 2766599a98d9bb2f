"""Scalar Go types in parameters and results, errors, panics and keyword names (test_projects/scalars)."""

import math
import sys

import pytest

from conftest import pyenv_python

INT_RANGES = {
    'Int8': (-2**7, 2**7 - 1), 'Int16': (-2**15, 2**15 - 1), 'Int32': (-2**31, 2**31 - 1),
    'Int64': (-2**63, 2**63 - 1), 'Int': (-2**63, 2**63 - 1),
    'Uint8': (0, 2**8 - 1), 'Uint16': (0, 2**16 - 1), 'Uint32': (0, 2**32 - 1),
    'Uint64': (0, 2**64 - 1), 'Uint': (0, 2**64 - 1), 'Uintptr': (0, 2**64 - 1),
}


@pytest.fixture(scope='module')
def scalars(built):
    b = built('scalars')
    sys.path.insert(0, str(b.builddir))
    try:
        import scalars as module
        yield module
    finally:
        sys.path.remove(str(b.builddir))


@pytest.mark.parametrize('name', sorted(INT_RANGES))
def test_int_round_trip_and_bounds(scalars, name):
    echo = getattr(scalars, 'Echo' + name)
    lo, hi = INT_RANGES[name]
    for v in (lo, hi, 0, 1, (lo + hi) // 2):
        assert echo(v) == v and type(echo(v)) is int
    for bad in (lo - 1, hi + 1):
        with pytest.raises(OverflowError, match=r"Echo%s\(\) argument 'v': %d does not fit in Go %s"
                           % (name, bad, name.lower())):
            echo(bad)
    with pytest.raises(TypeError, match=r"Echo%s\(\) argument 'v' must be int, not float" % name):
        echo(1.0)
    with pytest.raises(TypeError, match="must be int, not str"):
        echo('1')


def test_int_accepts_index_objects_and_bool(scalars):
    class Seven:
        def __index__(self):
            return 7
    assert scalars.EchoInt32(Seven()) == 7
    assert scalars.EchoInt(True) == 1


def test_bool(scalars):
    assert scalars.EchoBool(True) is True
    assert scalars.EchoBool(False) is False
    with pytest.raises(TypeError, match="EchoBool\\(\\) argument 'b' must be bool, not int"):
        scalars.EchoBool(1)


def test_floats(scalars):
    assert scalars.EchoFloat64(1.25) == 1.25
    assert scalars.EchoFloat64(3) == 3.0 and type(scalars.EchoFloat64(3)) is float
    assert scalars.EchoFloat32(0.1) == pytest.approx(0.1, rel=1e-7) and scalars.EchoFloat32(0.1) != 0.1
    assert math.isinf(scalars.EchoFloat32(float('inf')))
    assert math.isnan(scalars.EchoFloat64(float('nan')))
    with pytest.raises(OverflowError, match="does not fit in Go float32"):
        scalars.EchoFloat32(1e39)
    with pytest.raises(TypeError, match="EchoFloat64\\(\\) argument 'v' must be float, not str"):
        scalars.EchoFloat64('1.0')


def test_complex(scalars):
    assert scalars.EchoComplex128(1 + 2j) == 1 + 2j
    assert scalars.EchoComplex64(0.5 - 1.5j) == 0.5 - 1.5j
    assert scalars.EchoComplex128(2) == 2 + 0j
    with pytest.raises(TypeError, match="must be complex, not str"):
        scalars.EchoComplex128('1j')


def test_strings(scalars):
    for s in ('', 'plain', 'héllo wörld ✓', '\x00inside', 'x' * 5000):
        assert scalars.EchoString(s) == s
    bad = scalars.Invalid()
    assert bad == 'a\udcffb'
    assert scalars.EchoString(bad) == bad   # invalid UTF-8 from Go round-trips


def test_bytes(scalars):
    assert scalars.EchoBytes(b'\x00\x01\xff') == b'\x00\x01\xff'
    assert scalars.EchoBytes(bytearray(b'ab')) == b'ab'
    assert scalars.EchoBytes(memoryview(b'xyz')) == b'xyz'
    assert scalars.EchoBytes(b'') == b''
    big = bytes(range(256)) * 4096
    assert scalars.EchoBytes(big) == big
    assert type(scalars.EchoBytes(b'a')) is bytes
    with pytest.raises(TypeError, match="EchoBytes\\(\\) argument 'b' must be bytes, not str"):
        scalars.EchoBytes('text')


def test_mixed_parameters_and_multiple_results(scalars):
    assert scalars.Describe(True, -3, 2**64 - 1, 0.5, 'n', b'\x01\x02') == 'true -3 18446744073709551615 0.5 n 0102'
    assert scalars.Upper('abc') == ('ABC', 3)
    assert scalars.Add(2, 3) == 5
    assert scalars.Nothing() is None
    assert scalars.Big() == 2**64 - 1


def test_errors_raise_module_exception(scalars):
    assert issubclass(scalars.GoError, RuntimeError)
    assert scalars.Sqrt(9.0) == 3.0
    with pytest.raises(scalars.GoError, match='^sqrt of negative number -1$'):
        scalars.Sqrt(-1.0)
    assert scalars.Check(True) is None
    with pytest.raises(scalars.GoError, match='^check failed$'):
        scalars.Check(False)


def test_panic_raises_and_module_keeps_working(scalars):
    with pytest.raises(scalars.GoPanic) as info:
        scalars.Divide(1, 0)
    text = str(info.value)
    assert text.startswith('runtime error: integer divide by zero')
    assert 'Go stack:' in text and 'scalars.Divide' in text
    assert scalars.Divide(7, 2) == 3


def test_named_type_through_underlying(scalars):
    assert scalars.Freeze() == 0.0
    assert scalars.Warmer(1.0, 2.5) == 3.5
    assert scalars.Warmer.__doc__.startswith('Warmer(c: float, d: float) -> Celsius')
    assert isinstance(scalars.Freeze(), scalars.Celsius) and isinstance(scalars.Freeze(), float)


def test_python_keyword_names(scalars):
    assert scalars.Lambda(1, 'x') == '1:x'
    assert scalars.Lambda(lambda_=2, from_='y') == '2:y'
    assert scalars.None_() == 'none'
    assert scalars.Lambda.__doc__.startswith('Lambda(lambda_: int, from_: str) -> str')


def test_argument_binding_errors(scalars):
    assert scalars.Add(1, b=2) == 3
    with pytest.raises(TypeError, match=r"Add\(\) takes 2 positional arguments but 3 were given"):
        scalars.Add(1, 2, 3)
    with pytest.raises(TypeError, match=r"Add\(\) got multiple values for argument 'a'"):
        scalars.Add(1, a=2)
    with pytest.raises(TypeError, match=r"Add\(\) got an unexpected keyword argument 'c'"):
        scalars.Add(1, c=2)
    with pytest.raises(TypeError, match=r"Add\(\) missing required argument 'b'"):
        scalars.Add(1)


def test_scalars_on_python27(built):
    py27 = pyenv_python('2.7')
    if py27 is None:
        pytest.skip('no Python 2.7 interpreter under pyenv on this machine')
    b = built('scalars', '-Dpython=' + py27)   # the build the surface tests of scalars use on 2.7
    code = '\n'.join([
        'import scalars as s',
        'assert s.EchoInt64(2**62) == 2**62',
        'assert s.EchoUint64(2**64 - 1) == 2**64 - 1',
        'assert s.EchoString(u"h\\xe9") == "h\\xc3\\xa9"',
        'assert s.EchoBytes(b"\\x00\\xff") == b"\\x00\\xff"',
        'assert s.Upper("abc") == ("ABC", 3)',
        'try:\n    s.EchoInt8(300)\nexcept OverflowError as e:\n    assert "EchoInt8() argument \'v\'" in str(e)',
        'try:\n    s.Sqrt(-1.0)\nexcept s.GoError as e:\n    assert str(e) == "sqrt of negative number -1"',
        'try:\n    s.Divide(1, 0)\nexcept s.GoPanic as e:\n    assert "divide by zero" in str(e)',
        'print("ok")',
    ])
    assert b.python(code, interpreter=py27).stdout.strip() == 'ok'
