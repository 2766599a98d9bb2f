"""Which parameters reach Go as views of Python's memory instead of copies (borrow.py, plan._Borrow, the
inspector's `no_escape` proofs), and the warnings about bad `//gobind:borrow` lines, from the golden API
JSON of test_projects/<pkg>.

A parameter is a view when a `//gobind:borrow` line names it (or names none: all of them), or when the
inspector proved that Go keeps nothing of it: the function is straight-line code declared in the package
and each use of the parameter is an operand of len, cap or a comparison, or a whole string or []byte
result (which gobind copies out).  Only str, bytes and slices of numbers can be views; `//gobind:copy`
turns a proof off.  The tables apply that to the Go source by hand.
"""

from __future__ import annotations

import pytest

from gobind_module.bind.borrow import apply_borrow
from gobind_module.errors import GobindError
from gobind_module.model import package_from_json
from gobind_module.bind.plan import plan_module

from golden_plans import NAMES, api, borrowed, callables, classes, plan_of

DIRECTIVE = '//gobind:borrow'


def proved(param: str) -> str:
    return 'Go keeps nothing of it past the call (proved by gobind; //gobind:copy %s forces a copy)' % param


#: Every view parameter of every golden package: function -> {parameter: why}.
VIEWS = {
    'borrow': {
        'SumFloats': {'xs': DIRECTIVE}, 'SumInt32': {'xs': DIRECTIVE},
        'SumSamples': {'s': DIRECTIVE},                    # a bare //gobind:borrow: every parameter
        'MeanCelsius': {'ts': DIRECTIVE}, 'Dot': {'a': DIRECTIVE, 'b': DIRECTIVE},
        'CountByte': {'data': DIRECTIVE}, 'Hash': {'s': DIRECTIVE}, 'SlowSum': {'xs': DIRECTIVE},
        'Stats.Add': {'xs': DIRECTIVE}, 'Scribble': {'b': DIRECTIVE, 'xs': DIRECTIVE},
        'Mistakes': {'xs': proved('xs')},                  # len(m) + len(xs); m is a map: copied
        'Same': {'a': proved('a'), 'b': proved('b')},      # a == b
        'Size': {'b': proved('b')},                        # len(b); SizeCopied has //gobind:copy b
    },
    'scalars': {'EchoString': {'s': proved('s')}, 'EchoBytes': {'b': proved('b')}},   # return s / b
    'names_edge': {'Echo': {'s': proved('s')}},
    'vars': {'Find': {'key': proved('key')}},              # key != "x"
    'vec': {'Echo': {'s': proved('s')}},                   # return s
}


@pytest.mark.parametrize('name', NAMES)
def test_views_of_every_function(name):
    got = {n: borrowed(f) for n, f in callables(plan_of(name)).items() if borrowed(f)}
    assert got == VIEWS.get(name, {})


def test_kept_or_written_arguments_are_copied():
    f = callables(plan_of('borrow'))
    # Keep: kept = xs; Remember: remembered = b; Invert writes b[i] in a loop; SizeCopied: //gobind:copy b
    for name in ('Keep', 'Remember', 'Invert', 'SizeCopied'):
        assert not borrowed(f[name]), name
    s = callables(plan_of('scalars'))
    # Remember(s string, b []byte) stores both; Fill(b []byte, c byte) writes into b
    assert not borrowed(s['Remember']) and not borrowed(s['Fill'])
    # errors.Lookup compares key but also stores it in &NotFoundError{Key: key}; Crash passes msg to panic
    e = callables(plan_of('errors'))
    assert not borrowed(e['Lookup']) and not borrowed(e['Crash'])
    # vars.Greet concatenates who: a new string, but the use is not one the proof accepts
    assert not borrowed(callables(plan_of('vars'))['Greet'])


def test_views_pass_python_memory_to_go_in_place():
    f = callables(plan_of('borrow'))
    # str and bytes: Go makes its string or slice over the view (unsafe.String, unsafe.Slice), no copy
    assert f['Hash'].args[0].conv.go_in.startswith('unsafe.String(')
    assert f['Size'].args[0].conv.go_in.startswith('unsafe.Slice(')
    assert f['SizeCopied'].args[0].conv.go_in.startswith('gobindBytes(')
    # slices of numbers: a view of any matching buffer, through the class's borrow helper
    assert f['SumFloats'].args[0].conv.from_py == 'gobind_borrowarg_Slice_float64'
    assert f['Keep'].args[0].conv.from_py == 'gobind_from_py_Slice_float64'
    assert f['SumFloats'].signature == 'SumFloats(xs: Slice_float64 | Sequence[float]) -> float'
    seqs = {q.py_name: q.borrowed for q in plan_of('borrow').seqs}
    assert {n for n, b in seqs.items() if b} == {'Slice_float64', 'Slice_int32', 'Samples', 'Slice_Celsius',
                                                'Slice_float32', 'Slice_int64'}
    assert plan_of('borrow').borrows_seqs and not plan_of('slices').borrows_seqs


def test_bad_directives_are_warnings():
    # //gobind:borrow nope m on func Mistakes(m map[string]int, xs []float64) int
    assert plan_of('borrow').warnings == (
        '//gobind:borrow of Mistakes: parameter m (map[string]int) cannot be borrowed, so it is copied; '
        'only string, []byte and slices of numbers can be',
        '//gobind:borrow of Mistakes names nope, which is not one of its parameters; fix the name or remove it')


def test_the_borrow_setting_adds_directives_from_outside():
    """borrow: {'Keep': 'xs'} in meson.build (--borrow Keep=xs) acts as a //gobind:borrow xs line."""
    pkg = apply_borrow(package_from_json(api('borrow')), {'Keep': 'xs', 'Stats.Add': 'xs'})
    f = callables(plan_module(pkg, 'borrow'))
    assert borrowed(f['Keep']) == {'xs': DIRECTIVE}
    assert borrowed(f['Stats.Add']) == {'xs': DIRECTIVE}
    assert not borrowed(f['Last'])
    with pytest.raises(GobindError, match='borrow: package example.com/borrow has no function or method Nope'):
        apply_borrow(package_from_json(api('borrow')), {'Nope': 'xs'})
    # the form of each setting ('x-s' is no parameter name) is checked where options enter (test_options.py)


def test_every_view_parameter_can_be_one():
    """Views exist only for str, bytes and slices of numbers (never maps, structs, strings slices)."""
    for name in NAMES:
        for n, f in callables(plan_of(name)).items():
            for a in f.args:
                if a.borrowed:
                    assert a.conv.py_type in ('str', 'bytes') or a.conv.from_py.startswith('gobind_borrowarg_'), n
    assert not any(c.borrowed for c in classes(plan_of('borrow')).values() if type(c).__name__ == 'SeqPlan'
                   and c.elem.py_type == 'str')
