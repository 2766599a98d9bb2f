"""Python callables where Go wants a func (test_projects/callbacks): any parameter and result
types, errors both ways, calls from goroutines, callables kept by Go and called later."""

from conftest import raises


def test_synchronous_callbacks_with_any_types(surface):
    surface('callbacks', '\n'.join([
        'import callbacks as c',
        'assert c.Apply(lambda x: x * 2, 21) == 42',
        'assert c.Map(["a", "b"], lambda w: w.upper() + "!") == "A! B!"',
        'assert c.Combine(lambda: 3, lambda n, s: (s * n, n + 1)) == "xxx/4"',
        'seen = []',
        'c.Each([c.Point(X=1), c.Point(Y=2)], lambda p, i: seen.append((p.X, p.Y, i)))',
        'assert seen == [(1.0, 0.0, 0), (0.0, 2.0, 1)], seen',
        'assert c.Apply.__doc__.startswith("Apply(f: Callable[[int], int], x: int) -> int")',
        # numbers and bools come back to Go by value (no handle): several, of every kind
        'assert c.Measure(lambda x: (-3, x / 2, x > 0, complex(x, -x)), 3.0) == "-3 1.5 true (3-3i)"',
        raises('OverflowError', 'c.Measure(lambda x: (300, x, True, 0j), 1.0)', "int8"),
        raises('TypeError', 'c.Measure(lambda x: (1, x, True), 1.0)', "must return a tuple of 4 values"),
    ]))


def test_python_exceptions_come_back_at_the_outer_call(surface):
    surface('callbacks', '\n'.join([
        'import callbacks as c',
        'def boom(x):\n    raise ValueError("bad %d" % x)',
        'try:\n    c.Apply(boom, 7)\nexcept ValueError as e:\n    assert str(e) == "bad 7"\nelse:\n    raise AssertionError("no ValueError")',
        # a callback with an error result: Go sees an error (and may handle it)
        'def fails(s):\n    raise KeyError(s)',
        'assert c.Try(fails) == "error: Python exception: \'go\'", c.Try(fails)',
        'assert c.Try(lambda s: len(s)) == "2"',
        # Go wraps the error and returns it: the original exception is raised
        'try:\n    c.Must(lambda: fails("k"))\nexcept KeyError as e:\n    assert e.args == ("k",)\nelse:\n    raise AssertionError("no KeyError")',
        'assert c.Must(lambda: None) is None',
    ]))


def test_errors_returned_by_callbacks(surface):
    surface('callbacks', '\n'.join([
        'import callbacks as c',
        'assert c.Walk(lambda i: c.ErrStop if i == 3 else None) == 3',
        'try:\n    c.Must(lambda: c.ErrStop)\nexcept c.GoError as e:\n    assert str(e) == "must: stop" and e.go_error.Is(c.ErrStop)\nelse:\n    raise AssertionError("no GoError")',
        raises('TypeError', 'c.Apply(lambda x: "s", 1)', "'return value' must be int, not str"),
        raises('TypeError', 'c.Apply(5, 1)', "argument 'f' must be callable, not int"),
        raises('TypeError', 'c.Combine(lambda: 1, lambda n, s: s)', "must return a tuple of 2 values"),
    ]))


def test_callbacks_from_goroutines(surface):
    surface('callbacks', '\n'.join([
        'import threading, callbacks as c',
        'assert c.Parallel(8, lambda i: i * i) == sum(i * i for i in range(8))',
        'names = set()',
        'def record(i):\n    names.add(threading.current_thread().ident)\n    return i',
        'assert c.Parallel(16, record) == sum(range(16))',
        # Go keeps the callables and calls them later, from goroutines
        'c.Register(lambda e: e == "go")',
        'c.Register(lambda e: True)',
        'assert c.Fire("go") == 2 and c.Fire("x") == 1',
        'c.Clear()',
        # other Python threads call in at the same time
        'out = []',
        'def worker():\n    out.append(c.Parallel(4, lambda i: i))',
        'ts = [threading.Thread(target=worker) for _ in range(4)]',
        '[t.start() for t in ts]',
        '[t.join() for t in ts]',
        'assert out == [6, 6, 6, 6], out',
    ]))


def test_callables_are_released(surface):
    surface('callbacks', '\n'.join([
        'import gc, time, weakref, callbacks as c',
        'class F(object):\n    def __call__(self, x):\n        return x + 1',
        'f = F()',
        'ref = weakref.ref(f)',
        'assert c.Apply(f, 1) == 2',
        'del f',
        'gc.collect()',
        'assert ref() is not None',  # Go still holds its reference until Go's GC runs
        # Go's GC finds the func unused; a finalizer drops the reference (taking the GIL,
        # which sleep gives up)
        'for _ in range(100):\n    c.CollectGarbage()\n    time.sleep(0.01)\n    if ref() is None:\n        break',
        'assert ref() is None',
    ]))
