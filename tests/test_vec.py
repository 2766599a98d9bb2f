"""Vectorised twins (test_projects/vec): m.vec.F runs a package function over whole buffers in one
Go call, broadcasting numbers, checking lengths and element types, writing into out or a new
memoryview, on several goroutines; Python 2.7 builds have no vec submodule."""

import pytest

from conftest import pyenv_python, raises


def run(built, code):
    out = built('vec').python('import numpy as np, array, vec as m\n' + code + '\nprint("ok")').stdout
    assert out.strip().endswith('ok'), out


def test_twins_of_number_functions_only(built):
    run(built, '\n'.join([
        'import vec.vec',
        'assert m.vec is vec.vec and m.vec.__name__ == "vec.vec"',
        'names = sorted(n for n in dir(m.vec) if not n.startswith("_"))',
        'assert names == ["Add", "Div", "Fahrenheit", "Half", "Heavy", "Not", "Positive", "Quit", "Scale", "Wrap"], names',
        'doc = m.vec.Add.__doc__',
        'assert doc.startswith("Add(a: int | Buffer, b: int | Buffer, *, out: Buffer | None = None, "), doc',
        'assert "Add returns a + b." in doc and "int64" in doc, doc',
        'import inspect',
        'assert str(inspect.signature(m.vec.Add)) == "(a, b, *, out=None, workers=None)", inspect.signature(m.vec.Add)',
    ]))


def test_buffers_numbers_and_shapes(built):
    run(built, '\n'.join([
        'a = np.arange(10, dtype=np.int64)',
        'r = m.vec.Add(a, a * 10)',
        'assert isinstance(r, memoryview) and r.format == "q" and r.shape == (10,)',
        'assert np.asarray(r).tolist() == [11 * i for i in range(10)]',
        'view = np.asarray(r); view[0] = 99; assert r[0] == 99   # numpy shares the result, no copy',
        'assert np.asarray(m.vec.Add(a, 5)).tolist() == [i + 5 for i in range(10)]',
        'assert np.asarray(m.vec.Add(-1, a)).tolist() == [i - 1 for i in range(10)]',
        'assert list(m.vec.Scale(array.array("d", [1, 2, 3]), 2.5)) == [2.5, 5.0, 7.5]',
        'assert list(m.vec.Scale(memoryview(array.array("d", [4])), np.float64(0.5))) == [2.0]',
        'assert np.asarray(m.vec.Positive(np.array([-1, 0, 3], dtype=np.int32))).tolist() == [False, False, True]',
        'assert np.asarray(m.vec.Not(np.array([True, False]))).tolist() == [False, True]',
        'assert np.asarray(m.vec.Wrap(np.array([250, 1], dtype=np.uint8), 10)).tolist() == [4, 11]',
        'assert np.asarray(m.vec.Fahrenheit(np.array([0.0, 100.0]))).tolist() == [32.0, 212.0]',
        'assert np.asarray(m.vec.Half(np.array([3.0], dtype=np.float32))).dtype == np.float32',
        'grid = np.arange(6, dtype=np.int64).reshape(2, 3)',
        'assert np.asarray(m.vec.Add(grid, grid)).tolist() == [[0, 2, 4], [6, 8, 10]]',
        'out = np.zeros(10, dtype=np.int64)',
        'assert m.vec.Add(a, 1, out=out) is out and out.tolist() == [i + 1 for i in range(10)]',
        'assert m.vec.Add(np.array([], dtype=np.int64), 1).tolist() == []',
        'assert np.asarray(m.vec.Add(1, 2, out=np.zeros(3, dtype=np.int64))).tolist() == [3, 3, 3]',
    ]))


def test_wrong_arguments_name_the_culprit(built):
    run(built, '\n'.join([
        'a = np.arange(4, dtype=np.int64)',
        raises('ValueError', 'm.vec.Add(a, np.arange(3, dtype=np.int64))', "argument 'b' has 3 items, but 'a' has 4"),
        raises('TypeError', 'm.vec.Add(a, a.astype(np.float64))', "argument 'b' must hold int64 items"),
        raises('TypeError', 'm.vec.Half(np.zeros(2))', "argument 'x' must hold float32 items"),
        raises('ValueError', 'm.vec.Add(np.arange(8, dtype=np.int64)[::2], 1)', "argument 'a' must be a C-contiguous"),
        raises('TypeError', 'm.vec.Add(1, 2)', "needs at least one buffer argument"),
        raises('TypeError', 'm.vec.Add(a, "x")', "argument 'b' must be int"),
        raises('OverflowError', 'm.vec.Add(a, 2**70)', "argument 'b'"),
        raises('OverflowError', 'm.vec.Wrap(np.zeros(2, dtype=np.uint8), 256)', "argument 'b'"),
        raises('TypeError', 'm.vec.Add(a)', "missing required argument 'b'"),
        raises('TypeError', 'm.vec.Add(a, a, a)', "takes 2 positional arguments but 3 were given"),
        raises('TypeError', 'm.vec.Add(a, b=a, c=1)', "unexpected keyword argument 'c'"),
        raises('TypeError', 'm.vec.Add(a, a, a=a)', "multiple values for argument 'a'"),
        raises('ValueError', 'm.vec.Add(a, a, out=np.zeros(3, dtype=np.int64))', "argument 'out' has 3 items"),
        raises('TypeError', 'm.vec.Add(a, a, out=np.zeros(4))', "argument 'out' must hold int64 items"),
        raises('TypeError', 'm.vec.Add(a, a, out=bytes(32))', "argument 'out' must be a writable buffer"),
        raises('TypeError', 'm.vec.Add(a, a, out=memoryview(a.tobytes()).cast("q"))', "writable"),
        raises('ValueError', 'm.vec.Add(a, a, workers=0)', "'workers' must be from 1 to 4096"),
        'assert np.asarray(m.vec.Add(a=a, b=a)).tolist() == [0, 2, 4, 6]',
    ]))


def test_go_panics_and_goexit_are_exceptions(built):
    run(built, '\n'.join([
        raises('m.GoPanic', 'm.vec.Div(np.array([4, 2]), np.array([2, 0]))', 'integer divide by zero'),
        raises('m.GoPanic', 'm.vec.Div(np.arange(1, 100001), np.zeros(100000, dtype=np.int64), workers=3)',
               'integer divide by zero'),
        raises('m.GoPanic', 'm.vec.Quit(np.array([1, -1]))', 'runtime.Goexit called in Quit'),
        'assert np.asarray(m.vec.Div(np.array([9, 8]), 2)).tolist() == [4, 4]   # the module still works',
    ]))


def test_workers_split_the_work_with_the_same_results(built):
    run(built, '\n'.join([
        'x = np.linspace(-3, 3, 100003)',
        'one = np.asarray(m.vec.Heavy(x, workers=1))',
        'assert one[5] == m.Heavy(float(x[5])) and one[-1] == m.Heavy(float(x[-1]))',
        'for w in (2, 3, 7, 4096):',
        '    assert np.array_equal(np.asarray(m.vec.Heavy(x, workers=w)), one), w',
        'assert np.array_equal(np.asarray(m.vec.Heavy(x)), one)',
        # other threads run while the GIL is released during the Go call
        'import threading',
        'seen = []',
        't = threading.Thread(target=lambda: seen.append(m.vec.Heavy(x, workers=1)))',
        't.start(); t.join()',
        'assert np.array_equal(np.asarray(seen[0]), one)',
    ]))


def test_python27_has_no_vec_submodule(built):
    python = pyenv_python('2.7')
    if python is None:
        pytest.skip('no Python 2.7 interpreter under pyenv on this machine')
    out = built('vec', '-Dpython=' + python).python(
        'import vec as m\nassert not hasattr(m, "vec")\nassert m.Add(2, 3) == 5\nprint("ok")', interpreter=python)
    assert out.stdout.strip().endswith('ok'), out.stdout
