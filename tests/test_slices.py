"""Go slices and arrays (test_projects/slices): results are sequences over the Go memory,
numeric ones export the buffer protocol, parameters take any sequence of the element type."""

import pytest

from conftest import raises


def test_results_are_sequences_over_go_memory(surface):
    surface('slices', '\n'.join([
        'import slices as s',
        'r = s.Range(5)',
        'assert len(r) == 5 and r[0] == 0 and r[-1] == 4 and r[-5] == 0',
        'assert list(r) == [0, 1, 2, 3, 4] and r == [0, 1, 2, 3, 4] and r != [0, 1]',
        'assert [0, 1, 2, 3, 4] == r and r == (0, 1, 2, 3, 4)',
        'assert r[1:3] == [1, 2] and r[::-1] == [4, 3, 2, 1, 0] and r[::2] == [0, 2, 4]',
        'assert 3 in r and 9 not in r',
        'from collections import Sequence' if False else 'import collections',
        'assert isinstance(r, getattr(collections, "abc", collections).Sequence)',
        'tail = r[2:]',
        'tail[0] = 20',  # a slice of a Go slice shares its memory, as in Go
        'assert r[2] == 20',
        'r[-1] = 40',
        'assert r == [0, 1, 20, 3, 40] and s.Sum(r) == 64',
        raises('IndexError', 'r[5]', 'out of range'),
        raises('IndexError', 'r[-6] = 1', 'out of range'),
        raises('TypeError', 'r[0] = "x"', "must be int, not str"),
        raises('OverflowError', 'r[0] = 2**64', 'does not fit in Go int'),
        raises('ValueError', 'r[0:4:2] = [1]', 'keep their length'),
        raises('TypeError', 'hash(r)', 'unhashable'),
        'r[0:2] = [7, 8]',
        'assert r[:2] == [7, 8]',
        'assert repr(s.Range(3)) == "slices.Slice_int([0, 1, 2])", repr(s.Range(3))',
    ]))


def test_parameters_accept_any_sequence(surface):
    surface('slices', '\n'.join([
        'import array, slices as s',
        'assert s.Sum([1, 2, 3]) == 6 and s.Sum((4, 5)) == 9 and s.Sum(range(4)) == 6',
        'assert s.Sum([]) == 0 and s.Sum(x for x in [1, 1]) == 2',
        'assert s.Sum(array.array("l", [1, 2])) == 3 and s.Sum(array.array("b", [1, 2])) == 3',
        'assert s.Mean([1, 2.5, 3.5]) == 7 / 3.0 and s.Mean(array.array("d", [1, 3])) == 2.0',
        'assert s.Join(["a", "b"], "-") == "a-b"',
        raises('TypeError', 's.Sum("abc")', "argument 'xs' must be a sequence of int, not str"),
        raises('TypeError', 's.Sum(5)', "argument 'xs' must be a sequence of int, not int"),
        raises('TypeError', 's.Sum([1, "x"])', "argument 'xs[1]' must be int, not str"),
        raises('OverflowError', 's.Sum([2**70])', "'xs[0]'"),
        raises('TypeError', 's.Join([1], "")', "argument 'words[0]' must be str, not int"),
    ]))


def test_bound_slices_pass_back_without_copying(surface):
    surface('slices', '\n'.join([
        'import slices as s',
        'f = s.Linspace(0, 1, 5)',
        'assert f == [0.0, 0.25, 0.5, 0.75, 1.0]',
        's.Scale(f, 2)',  # Go gets the same slice: the change is visible here
        'assert f == [0.0, 0.5, 1.0, 1.5, 2.0]',
        'f2 = s.Slice_float64([1, 2])',
        's.Scale(f2, 3)',
        'assert f2 == [3.0, 6.0]',
        'lst = [1.0, 2.0]',
        's.Scale(lst, 3)',  # a list is copied in: it stays as it was
        'assert lst == [1.0, 2.0]',
    ]))


def test_strings_structs_pointers_arrays_and_nesting(surface):
    surface('slices', '\n'.join([
        'import slices as s',
        'w = s.Words("go is fun")',
        'assert w == ["go", "is", "fun"] and s.Join(w, "+") == "go+is+fun"',
        'c = s.Corners()',
        'assert len(c) == 4 and isinstance(c[2], s.Point) and (c[2].X, c[2].Y) == (1.0, 1.0)',
        'c[2].X = 5',  # items are views of the Go elements
        'assert c[2].X == 5.0',
        'c[0] = s.Point(X=-1, Y=-1)',
        'assert c[0].X == -1.0',
        'm = s.Centroid([s.Point(X=2), s.Point(Y=2)])',
        'assert (m.X, m.Y) == (1.0, 1.0)',
        raises('TypeError', 's.Centroid([1])', "'ps[0]' must be Point"),
        'p = s.Maybe()',
        'assert p[0].Y == 2.0 and p[1] is None',
        't = s.Triple()',
        'assert t == [1, 2, 3] and s.Reverse3(t) == [3, 2, 1] and s.Reverse3((4, 5, 6)) == [6, 5, 4]',
        raises('ValueError', 's.Reverse3([1, 2])', 'must have 3 items'),
        'assert t[0:2] == [1, 2]',
        'm = s.Matrix(2, 3)',
        'm[1][2] = 5',
        'assert m == [[0, 0, 0], [0, 0, 5]] and s.Total(m) == 5 and s.Total([[1, 2], [3]]) == 6',
    ]))


def test_bytes_and_small_numbers(surface):
    surface('slices', '\n'.join([
        'import slices as s',
        'b = s.Bytes(4)',
        'assert type(b) is bytes and b == b"\\x00\\x01\\x02\\x03"',
        'assert s.Small() == [-1, 0, 1] and s.Halves() == [0.5, 1.5] and s.Flags() == [True, False]',
        'assert memoryview(s.Small()).format == "b" and memoryview(s.Halves()).format == "f"',
    ]))


def test_buffer_protocol_views_go_memory(surface):
    surface('slices', '\n'.join([
        'import struct, sys, slices as s',
        'r = s.Range(4)',
        'v = memoryview(r)',
        'assert v.format == "q" and v.itemsize == 8 and v.shape == (4,) and not v.readonly',
        'assert struct.unpack("4q", v.tobytes()) == (0, 1, 2, 3)',
        'if sys.version_info[0] >= 3:\n    v[1] = 10\n    assert r[1] == 10',  # same memory, no copy
        'r[2] = 20',
        'assert struct.unpack("4q", v.tobytes())[2] == 20',
        'v.release() if hasattr(v, "release") else None',
        'assert memoryview(s.Range(0)).tobytes() == b""',
    ]))


def test_numpy_sees_go_memory_without_copying(built):
    np = pytest.importorskip('numpy')
    b = built('slices')
    out = b.python('\n'.join([
        'import numpy as np, slices as s, gc',
        'r = s.Linspace(0, 1, 1000001)',
        'a = np.asarray(r)',
        'assert a.dtype == np.float64 and a.shape == (1000001,)',
        'a[0] = 42.0',
        'assert r[0] == 42.0',  # the array is a view of the Go slice
        'assert abs(s.Mean(np.arange(10.0)) - 4.5) < 1e-12',
        'assert s.Sum(np.arange(5)) == 10',
        'assert s.Sum(np.arange(5, dtype=np.int32)) == 10',
        'assert s.Mean(np.arange(4, dtype=np.float32)) == 1.5',
        'g = np.asarray(s.Matrix(2, 2)[0])',
        'assert g.tolist() == [0, 0]',
        'before = s._gobind_handles()',
        'for _ in range(1000):',
        '    np.asarray(s.Range(10)).sum()',
        'del a, r, g',
        'gc.collect()',
        'assert s._gobind_handles() < before, (before, s._gobind_handles())',
        'print("ok")',
    ])).stdout
    assert out.strip().endswith('ok')


def test_slice_objects_keep_handle_count_flat(surface):
    surface('slices', '\n'.join([
        'import gc, slices as s',
        'start = s._gobind_handles()',
        'for i in range(20000):',
        '    r = s.Range(3)',
        '    s.Sum(r[1:])',
        '    s.Sum([1, 2])',
        '    m = s.Matrix(1, 1)',
        '    m[0][0] = i',
        'del r, m',
        'gc.collect()',
        'assert s._gobind_handles() == start, (start, s._gobind_handles())',
    ]))
