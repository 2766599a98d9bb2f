"""Property-based test of the conversion layer (issue 13, done-when): random nested lists, dicts
and scalars go through the echo functions of test_projects/hostile_conv and must come back equal;
lists and dicts with a hostile item that empties them must give the snapshot or RuntimeError.
GOBIND_HYPOTHESIS_EXAMPLES sets the examples per property (default 300, about 10 s in all;
1000 take about 30 s)."""

import os

from hostile_objects import PRELUDE

EXAMPLES = int(os.environ.get('GOBIND_HYPOTHESIS_EXAMPLES', '300'))

#: Python 3 source run in a child interpreter that imports the built module; {examples} is set.
PROPERTIES = PRELUDE + '''
from hypothesis import given, settings, HealthCheck, strategies as st

run = settings(max_examples={examples}, deadline=None, database=None,
               suppress_health_check=list(HealthCheck))
int64 = st.integers(-2**63, 2**63 - 1)
text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=20)
floats = st.floats(allow_nan=False)
scalars = st.none() | st.booleans() | int64 | floats | text | st.binary(max_size=20)
nested = st.recursive(scalars, lambda inner: st.lists(inner, max_size=5)
                      | st.dictionaries(text, inner, max_size=5), max_leaves=30)

@run
@given(st.lists(int64, max_size=50), st.lists(floats, max_size=50), st.lists(st.lists(text, max_size=5), max_size=8))
def slices_round_trip(ints, fs, grid):
    assert list(h.Ints(ints)) == ints
    assert list(h.Floats(fs)) == fs
    assert [list(r) for r in h.Grid(grid)] == grid

@run
@given(st.dictionaries(text, int64, max_size=30), nested)
def maps_and_any_round_trip(counts, value):
    assert dict(h.Counts(counts)) == counts
    assert h.Echo(value) == value
    assert list(h.EchoList([value, value])) == [value, value]

@run
@given(st.floats(width=32, allow_nan=False), st.floats(width=32, allow_nan=False))
def float32_round_trip(re, im):
    assert h.Single(re) == re
    assert h.Complex(complex(re, im)) == complex(re, im)

@run
@given(st.lists(int64, min_size=1, max_size=30), st.data())
def lists_emptied_by_an_item(ints, data):
    at = data.draw(st.integers(0, len(ints) - 1))
    xs = list(ints)
    xs[at] = Clear(ints[at], xs)
    snapshot_or_runtime_error(lambda: list(h.Ints(xs)), ints)
    ys = [list(ints)]
    ys.append(IterClear([key(1)], ys))
    snapshot_or_runtime_error(lambda: h.Echo(ys), [ints, [key(1)]])

@run
@given(st.dictionaries(text, int64, min_size=1, max_size=30), st.data())
def dicts_emptied_by_a_value(counts, data):
    k = data.draw(st.sampled_from(sorted(counts)))
    d = dict(counts)
    d[k] = Clear(counts[k], d)
    snapshot_or_runtime_error(lambda: dict(h.Counts(d)), counts)
    e = dict(counts)
    e[k] = IterClear([1], e)
    want = dict(counts)
    want[k] = [1]
    snapshot_or_runtime_error(lambda: h.Echo(e), want)

for prop in (slices_round_trip, maps_and_any_round_trip, float32_round_trip,
             lists_emptied_by_an_item, dicts_emptied_by_a_value):
    prop()
'''


def test_conversion_properties(built):
    b = built('hostile_conv')
    b.python(PROPERTIES.replace('{examples}', str(EXAMPLES)) + '\nprint("ok")')
