"""Issue 13.1: Python code that runs while gobind converts an argument (__index__, __hash__,
__iter__...) may empty or refill the container being converted; the call then sees the values
from before the change or raises RuntimeError, never freed memory (test_projects/hostile_conv)."""

import pytest

from conftest import raises
from hostile_objects import PRELUDE

#: name -> Python 2/3 source run after PRELUDE against hostile_conv (also by test_asan.py).
CASES = {}


CASES['lists_changed_by_their_items'] = '\n'.join([
    'xs = [1, 2, 3, 4]',
    'xs[1] = Clear(2, xs)',
    'snapshot_or_runtime_error(lambda: list(h.Ints(xs)), [1, 2, 3, 4])',
    'fs = [0.5, 1.5, 2.5]',
    'fs[0] = Clear(7, fs)',
    'snapshot_or_runtime_error(lambda: list(h.Floats(fs)), [7.0, 1.5, 2.5])',
    # the inner lists hold the only references to their strings
    'rows = [[key(1), key(2)], [key(3)], None]',
    'rows[2] = IterClear([key(4)], rows)',
    'snapshot_or_runtime_error(lambda: [list(r) for r in h.Grid(rows)],'
    ' [[key(1), key(2)], [key(3)], [key(4)]])',
    'ws = [key(i) for i in range(50)]',
    'snapshot_or_runtime_error(lambda: list(h.Words(ws)), [key(i) for i in range(50)])',
])


CASES['maps_changed_by_their_keys_and_values'] = '\n'.join([
    'd = dict((key(i), i) for i in range(20))',
    'd[key(5)] = Clear(5, d)',
    'snapshot_or_runtime_error(lambda: dict(h.Counts(d)), dict((key(i), i) for i in range(20)))',
    # a dict subclass is read through keys() and d[k]: looking up k empties d
    'class D(dict):\n    pass',
    'd = D((key(i), i) for i in range(20))',
    'k = HashClear(None)',
    'd[k] = 1',
    'k.target = d',
    'try:\n    h.Counts(d)\nexcept (TypeError, KeyError, RuntimeError):\n    pass\n'
    'else:\n    raise AssertionError("a key that is no str was accepted")',
    'd = D((key(i), i) for i in range(20))',
    'd[key(3)] = Clear(3, d)',
    'snapshot_or_runtime_error(lambda: dict(h.Counts(d)), dict((key(i), i) for i in range(20)))',
])


CASES['any_values_changed_while_converted'] = '\n'.join([
    'd = dict((key(i), key(i + 100)) for i in range(30))',
    'd[key(99)] = IterClear([1, 2], d)',
    'want = dict((key(i), key(i + 100)) for i in range(30))',
    'want[key(99)] = [1, 2]',
    'snapshot_or_runtime_error(lambda: h.Echo(d), want)',
    'xs = [key(i) for i in range(30)] + [None]',
    'xs[-1] = IterClear([key(7)], xs)',
    'want = [key(i) for i in range(30)] + [[key(7)]]',
    'snapshot_or_runtime_error(lambda: h.Echo(xs), want)',
    'xs = [key(i) for i in range(30)] + [None]',
    'xs[-1] = IterClear([3], xs)',
    'snapshot_or_runtime_error(lambda: list(h.EchoList(xs)), [key(i) for i in range(30)] + [[3]])',
])


CASES['struct_fields_and_slice_assignment'] = '\n'.join([
    'items = [1, 2, 3]',
    'items[2] = Clear(3, items)',
    'tags = [key(1), key(2)]',
    'meta = {key(1): 1}',
    'meta[key(2)] = Clear(2, meta)',
    'b = h.Bag(Name=key(0), Items=items, Tags=tags, Meta=meta)',
    'assert list(b.Items) == [1, 2, 3] and list(b.Tags) == [key(1), key(2)]',
    'assert dict(b.Meta) == {key(1): 1, key(2): 2}',
    'items = [4, 5]',
    'items[0] = Clear(4, items)',
    'b.Items = items',
    'assert list(h.Describe(b).Items) == [4, 5]',
    'r = h.NewRow(4)',
    'src = [1, 2, 3]',
    'src[0] = Clear(1, src)',
    'r[0:3] = src',
    'assert list(r) == [1, 2, 3, 0], list(r)',
    'r[3] = Clear(9, [])',
    'assert r[3] == 9',
    'src = [7, 8]',
    'src[0] = Clear(7, src)',  # a slice assignment of another length resizes the Go slice (as append)
    'r[0:2] = src',
    'assert list(r) == [7, 8, 3, 9], list(r)',
    'src = [6]',
    'src[0] = Clear(6, src)',
    'r[0:2] = src',
    'assert list(r) == [6, 3, 9], list(r)',
    raises('ValueError', 'r[0:3:2] = [1]', 'keep their length'),
])


CASES['go_slices_shortened_by_python_code'] = '\n'.join([
    'class Shrink(object):',
    '    def __init__(self, value, holder, n):',
    '        self.value, self.holder, self.n = value, holder, n',
    '    def __index__(self):',
    '        self.holder.Shrink(self.n)',
    '        return self.value',
    '    __int__ = __index__',
    'hd = h.NewHolder(8)',
    'd = hd.Data',
    raises('IndexError', 'd[7] = Shrink(1, hd, 2)', 'out of range'),
    'assert len(d) == 2 and list(d) == [0, 1]',
    raises('IndexError', 'd[5]', 'out of range'),
    'hd = h.NewHolder(8)',
    'd = hd.Data',
    'assert list(d[0:Shrink(8, hd, 3)]) == [0, 1, 2]',
    'assert list(d[Shrink(6, hd, 2):Shrink(8, hd, 2)]) == []',
    'hd = h.NewHolder(8)',
    'd = hd.Data',
    'try:\n    got = d[0:Shrink(8, hd, 3):2]\nexcept IndexError:\n    pass\n'
    'else:\n    assert got == [0, 2], got',
    'hd = h.NewHolder(8)',
    'd = hd.Data',
    'try:\n    d[0:4] = [Shrink(1, hd, 1), 2, 3, 4]\nexcept IndexError:\n    pass\n'
    'else:\n    raise AssertionError("wrote past the end of a shortened slice")',
])


CASES['float32_and_complex64_ranges'] = '\n'.join([
    'big = 3.4028234663852886e+38',
    'assert h.Single(big) == big and h.Single(-big) == -big',
    'assert h.Single(3.4028235e+38) == big',  # math.MaxFloat32 as Go prints it
    'assert h.Single(3.4028235677973366e+38) == big',  # rounds to it, as a Go constant does
    'assert h.Single(float("inf")) == float("inf")',
    raises('OverflowError', 'h.Single(3.41e38)', "argument 'x'"),
    'assert h.Complex(complex(big, -big)) == complex(big, -big)',
    'assert h.Complex(complex(3.4028235677973366e+38, 1)) == complex(big, 1)',
    raises('OverflowError', 'h.Complex(1e39)', "argument 'c'"),
    raises('OverflowError', 'h.Complex(complex(0, -1e39))', 'complex64'),
    raises('OverflowError', 'h.Complexes([1, 1e39j])', "'cs[1]'"),
])


CASES['any_object_with_keys_and_getitem_is_a_mapping'] = '\n'.join([
    'class Pairs(object):',
    '    def __init__(self, d):',
    '        self.d = d',
    '    def keys(self):',
    '        return iter(sorted(self.d))',
    '    def __getitem__(self, k):',
    '        return self.d[k]',
    'assert dict(h.Counts(Pairs({"a": 1, "b": 2}))) == {"a": 1, "b": 2}',
    'b = h.Bag(Meta=Pairs({"x": 3}))',
    'assert dict(b.Meta) == {"x": 3}',
    raises('TypeError', 'h.Counts([("a", 1)])', "argument 'm' must be a mapping"),
    raises('KeyError', 'h.Counts(type("Bad", (Pairs,), {"keys": lambda self: ["zz"]})({}))', 'zz'),
])


CASES['keyword_dict_emptied_by_an_earlier_argument'] = '\n'.join([
    # Python 2.7 passes f(**d) the dict d itself: converting n empties d, which held the only
    # reference to the words list (the call must hold it, not borrow it from d)
    'd = {"n": Clear(3, None), "words": [key(i) for i in range(40)]}',
    'd["n"].target = d',
    'assert h.Weigh(**d) == 120 and d == {}',
])


@pytest.mark.parametrize('case', sorted(CASES))
def test_hostile_conversion(surface, case):
    surface('hostile_conv', PRELUDE + CASES[case])
