"""Buffer views of Go slices stay true (test_projects/lifetimes): after Go or Python grows,
shrinks or reslices a slice, a new memoryview or numpy array has its current length and data,
and writes through a view land in the memory that view was made on."""

import pytest

ITEMS = '\n'.join([
    'import struct, lifetimes as m',
    'def items(v, code="q"):\n'
    '    data = v.tobytes()\n'
    '    return list(struct.unpack("%d%s" % (len(data) // 8, code), data))',
])


def test_views_follow_go_appends_and_reslices(surface):
    surface('lifetimes', ITEMS + '\n' + '\n'.join([
        's = m.MakeInts(3, 3)',              # full: Append moves the elements
        'v1 = memoryview(s)',
        'assert v1.shape == (3,) and items(v1) == [0, 1, 2]',
        's.Append(7)',
        'v2 = memoryview(s)',
        'assert v2.shape == (4,) and items(v2) == [0, 1, 2, 7], items(v2)',
        'assert items(v1) == [0, 1, 2]',    # the older view keeps the memory it was made on
        's[0] = 100',
        'assert items(v2)[0] == 100 and items(v1)[0] == 0',
        's.Reslice(1, 3)',                   # shares v2's memory
        'v3 = memoryview(s)',
        'assert v3.shape == (2,) and items(v3) == [1, 2], items(v3)',
        's[0] = 55',
        'assert items(v3) == [55, 2] and items(v2) == [100, 55, 2, 7]',
        # reslice from Python: a new slice object over the same memory
        't = s[1:2]',
        'assert items(memoryview(t)) == [2] and memoryview(t).shape == (1,)',
        # Append within capacity keeps the memory: old and new views see the same elements
        'u = m.MakeInts(2, 10)',
        'a = memoryview(u)',
        'u.Append(5)',
        'b = memoryview(u)',
        'assert a.shape == (2,) and b.shape == (3,) and items(b) == [0, 1, 5]',
        'u[0] = 9',
        'assert items(a)[0] == 9 and items(b)[0] == 9',
        'del v1, v2, v3, a, b',
        'assert m.MakeInts(4, 4).Sum() == 6',
    ]))


def test_writes_through_a_view_reach_the_slice(surface):
    if surface.py2:
        pytest.skip("Python 2's memoryview cannot assign items of 8-byte formats")
    surface('lifetimes', ITEMS + '\n' + '\n'.join([
        's = m.MakeInts(2, 2)',
        's.Append(3)',                       # moved: the view must see the new memory
        'v = memoryview(s)',
        'v[2] = 42',
        'assert s[2] == 42 and s.Sum() == 43, list(s)',
        's.Reslice(1, 3)',
        'w = memoryview(s)',
        'w[0] = -1',
        'assert s[0] == -1 and v[1] == -1',
    ]))


def test_views_of_a_field_that_go_changes(surface):
    surface('lifetimes', ITEMS + '\n' + '\n'.join([
        'ser = m.Series()',
        'vals = ser.Values',                 # refers to the field, not a copy
        'assert memoryview(vals).shape == (0,)',
        'ser.Add(1.5)\nser.Add(2.5)',
        'first = memoryview(vals)',
        'assert items(first, "d") == [1.5, 2.5]',
        'ser.Add(3.5)',
        'assert items(memoryview(vals), "d") == [1.5, 2.5, 3.5]',
        'ser.Drop(2)',
        'assert items(memoryview(vals), "d") == [3.5] and memoryview(ser.Values).shape == (1,)',
        'assert items(first, "d") == [1.5, 2.5]',
    ]))


def test_views_released_in_any_order_and_views_of_views(surface):
    surface('lifetimes', ITEMS + '\n' + '\n'.join([
        'import gc',
        's = m.MakeInts(1, 1)',
        'views = []',
        'for i in range(50):\n    views.append(memoryview(s))\n    s.Append(i)',
        'assert [v.shape[0] for v in views] == list(range(1, 51))',
        'assert items(views[10]) == [0] + list(range(10))',
        'for v in views[::2] + views[1::2]:\n    v.release() if hasattr(v, "release") else None',
        'del views, v',
        # a view of a view (Python 2 copies the first view's record into the second one)
        'mv = memoryview(s)',
        'mv2 = memoryview(mv)',
        'del mv',
        'gc.collect()',
        'assert items(mv2) == [0] + list(range(50))',
        'del mv2',
        'm.CollectGarbage()',
        'assert s.Sum() == sum(range(50)) and len(s) == 51',
        'del s',                         # its dealloc drops what Python 2 never released
        'gc.collect()',
        'm.CollectGarbage()',
    ]))


def test_numpy_arrays_follow_the_slice(built):
    pytest.importorskip('numpy')
    b = built('lifetimes')
    b.python('\n'.join([
        'import numpy as np, lifetimes as m',
        's = m.MakeInts(3, 3)',
        'a = np.asarray(s)',
        's.Append(7)',
        'b = np.asarray(s)',
        'assert a.shape == (3,) and b.shape == (4,) and b.tolist() == [0, 1, 2, 7], b',
        'b[3] = 70',
        'assert s[3] == 70',
        's.Reslice(2, 4)',
        'c = np.asarray(s)',
        'assert c.tolist() == [2, 70]',
        'c[0] = -2',
        'assert s[0] == -2 and b[2] == -2',
        'ser = m.Series()',
        'for x in range(5):\n    ser.Add(x)',
        'assert np.asarray(ser.Values).tolist() == [0.0, 1.0, 2.0, 3.0, 4.0]',
    ]))
