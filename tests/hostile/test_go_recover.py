"""gobind's own helpers never abort, on Python 3 and 2.7: a slice bound whose __index__ shrinks
the Go slice is clamped to what is left, as Python's slicing clamps, and a Go panic inside a
helper (an error's Is method) becomes GoPanic; the process goes on and the module keeps working."""

from conftest import raises, surface  # noqa: F401 (fixture)

SHRINK = '''
import hostilego as h

class Shrink(object):
    """A slice bound whose __index__ empties the Go slice after gobind read its length."""
    def __init__(self, l, n):
        self.l, self.n = l, n
    def __index__(self):
        self.l.Drop()
        return self.n
'''


def test_slice_bound_that_shrinks_the_go_slice_is_clamped(surface):
    surface('hostile_go', SHRINK + '''
l = h.Count(10)
assert list(l[2:4]) == [2, 3]
assert list(l[0:Shrink(l, 8)]) == []       # the slice is empty by the time Go slices it
assert len(l) == 0 and list(l[0:0]) == []
m = h.Count(5)
assert list(m[Shrink(m, 1):3]) == []
assert h.Add(2, 3) == 5 and list(h.Count(3)[1:3]) == [1, 2]
''')


def test_slice_of_a_struct_field_that_shrinks_is_clamped(surface):
    surface('hostile_go', SHRINK + '''
b = h.NewBox(1)
b.Items = [1, 2, 3, 4]
items = b.Items
assert list(items[0:Shrink(items, 3)]) == []
assert b.N == 1
''')


def test_panicking_error_method_is_a_go_panic(surface):
    surface('hostile_go', '''
import hostilego as h
try:
    h.Touchy()
except h.GoError as e:
    touchy = e.go_error
try:
    h.Plain()
except h.GoError as e:
    plain = e.go_error
assert plain.Is(plain) and not plain.Is(touchy)
''' + raises('h.GoPanic', 'touchy.Is(plain)', 'touchy.Is was asked about plain') + '''
assert touchy.Is(touchy)          # errors.Is compares first: equal values never reach Is
assert touchy != plain and plain == plain
''')
