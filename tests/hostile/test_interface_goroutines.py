"""A method of a Python object implementing a Go interface that raises on a goroutine Go started
never aborts the process (test_projects/lifetimes): like a callable, the object belongs to the
bound call whose arguments it came in, which raises the first exception; when no call waits, the
exception goes to sys.unraisablehook; an error result gets the exception as an error; the
callback_panics opt-in makes it a Go panic."""

from conftest import raises
from test_callback_goroutines import unraisable_on_python_2

OBJECTS = '\n'.join([
    'import sys, threading, lifetimes as m',
    'class Size(object):\n    def __init__(self, k):\n        self.k = k\n'
    '    def Measure(self, i):\n        return self.k * i',
    'class Bad(object):\n    def __init__(self, bad, tag="bad"):\n        self.bad, self.tag = bad, tag\n'
    '        self.seen = []\n'
    '    def Measure(self, i):\n        self.seen.append(i)\n'
    '        if i in self.bad:\n            raise ValueError("%s %d" % (self.tag, i))\n        return 1',
    '',
])


def test_fan_out_over_an_interface_raises_at_the_call(surface):
    surface('lifetimes', OBJECTS + '\n'.join([
        'assert m.MeasureAll(5, Size(2)) == 20',
        raises('ValueError', 'm.MeasureAll(8, Bad([3]))', 'bad 3'),
        # every goroutine went on: the ones that raised returned 0 to Go, the others ran to the end
        'b = Bad([0, 2, 4])',
        'try:\n    m.MeasureAll(6, b)\nexcept ValueError as e:\n    assert str(e) in ("bad 0", "bad 2", "bad 4"), e\n'
        'else:\n    raise AssertionError("no ValueError")',
        'assert sorted(b.seen) == list(range(6)), b.seen',
        # every goroutine raises, many times: one exception, one of theirs, each time
        'for _ in range(20):\n    try:\n        m.MeasureAll(16, Bad(range(16)))\n    except ValueError as e:\n'
        '        assert int(str(e).split()[1]) in range(16), e\n    else:\n        raise AssertionError("no ValueError")',
        # objects inside a list argument belong to the call too
        'assert m.MeasureMany([Size(1), Size(2), Size(3)]) == 0 + 2 + 6',
        raises('ValueError', 'm.MeasureMany([Size(1), Bad([1]), Size(3)])', 'bad 1'),
        # other Python threads call in at the same time, each getting its own exception
        'out = []',
        'def worker(k):\n    try:\n        m.MeasureAll(4, Bad([k]))\n    except ValueError as e:\n'
        '        out.append(str(e))',
        'ts = [threading.Thread(target=worker, args=(k,)) for k in range(4)]',
        '[t.start() for t in ts]',
        '[t.join() for t in ts]',
        'assert sorted(out) == ["bad 0", "bad 1", "bad 2", "bad 3"], out',
        'assert m.MeasureAll(3, Size(1)) == 3',
    ]))


def test_on_the_calling_goroutine_the_exception_unwinds_go(surface):
    surface('lifetimes', OBJECTS + '\n'.join([
        'b = Bad([2])',
        raises('ValueError', 'm.MeasureEach(5, b)', 'bad 2'),
        'assert b.seen == [0, 1, 2], b.seen',    # Go stopped at once
        'class Named(object):\n    def Name(self):\n        raise KeyError("no name")',
        'h = m.Holder()',
        'h.Item = Named()',                       # stored by a field: no bound call
        raises('KeyError', 'h.ItemName()', 'no name'),
    ]))


def test_an_error_result_gets_the_exception_as_an_error(surface):
    surface('lifetimes', OBJECTS + '\n'.join([
        'class Odd(object):\n    def Check(self, i):\n        if i % 2:\n            raise ValueError("odd %d" % i)',
        'n, text = m.CheckAll(6, Odd())',
        'assert n == 3 and text.startswith("Python exception: odd "), (n, text)',
        'assert m.CheckAll(3, type("Fine", (object,), {"Check": lambda self, i: None})()) == (0, "")',
    ]))


def test_no_waiting_call_goes_to_unraisablehook(surface):
    surface('lifetimes', OBJECTS + '\n'.join([
        'hooked = []',
        'if sys.version_info >= (3, 8):\n'
        '    sys.unraisablehook = lambda u: hooked.append((u.exc_type, str(u.exc_value), u.object))',
        'b = Bad([1])',
        'm.KeepMeasurer(b)',     # the call that got the object returns at once
        'assert m.RunKept() == 0',   # another call lets Go call it: zero values for Go
        'if sys.version_info >= (3, 8):\n'
        '    assert hooked == [(ValueError, "bad 1", b.Measure)], hooked',
        # an object stored into a field belongs to no call: from a goroutine, the hook gets it
        'class Named(object):\n    def Name(self):\n        raise KeyError("apart")',
        'h = m.Holder()',
        'h.Item = Named()',
        'assert h.NameApart() == ""',
        'if sys.version_info >= (3, 8):\n    assert len(hooked) == 2 and hooked[1][:2] == (KeyError, "\'apart\'"), hooked',
        'assert m.MeasureAll(3, Size(1)) == 3',
    ]))


def test_a_failed_conversion_leaves_no_record(surface):
    surface('lifetimes', OBJECTS + '\n'.join([
        # the list's last item is no Measurer: the objects made before it are dropped with the call
        raises('TypeError', 'm.MeasureMany([Bad([0]), Size(1), 5])', 'Measure'),
        'assert m.MeasureMany([Size(1)] * 3) == 3',
        # a bound call made while the arguments of another are converted (a property running
        # Python code): each call keeps its own objects
        'class Nested(object):\n    def __init__(self, bad):\n        self.bad = bad\n'
        '    @property\n    def Measure(self):\n'
        '        try:\n            m.MeasureAll(3, Bad([0, 1, 2], "inner"))\n        except ValueError as e:\n'
        '            assert str(e).startswith("inner "), e\n'
        '        else:\n            raise AssertionError("inner call did not raise")\n'
        '        return Bad(self.bad, "outer").Measure',
        raises('ValueError', 'm.MeasureMany([Size(1), Nested([1]), Size(1)])', 'outer 1'),
        'assert m.MeasureMany([Size(1), Nested([]), Size(1)]) == 0 + 1 + 2',
    ]))


def test_callback_panics_opt_in_covers_interface_methods(surface):
    surface('lifetimes', OBJECTS + '\n'.join([
        # meson.build names RecoveringMeasure in callback_panics: each goroutine recovers a panic
        'n, text = m.RecoveringMeasure(5, Bad([0, 1, 2]))',
        'assert n == 3 and text.startswith("Python exception: bad "), (n, text)',
        'assert m.RecoveringMeasure(4, Size(1)) == (0, "")',
    ]))


def test_unraisable_report_on_python_2_goes_to_stderr(built):
    unraisable_on_python_2(built, OBJECTS + '\n'.join([
        'm.KeepMeasurer(Bad([1]))',
        'assert m.RunKept() == 0',
    ]), 'ValueError', 'bad 1')
