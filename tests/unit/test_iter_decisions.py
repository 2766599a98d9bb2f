"""Which Go types gobind binds as iterators, and how (gobind_module/bind/itermap.py, typemap.py), from the
golden API JSON of test_projects/iters: no Go, Meson or C compiler."""

from __future__ import annotations

import json
from pathlib import Path

from gobind_module.build.generate import plan_from_api
from gobind_module.bind.itermap import iter_values
from gobind_module.model import GoType, Param, package_from_json
from gobind_module.bind.typemap import TypeMapper

API = Path(__file__).resolve().parent.parent / 'golden' / 'iters' / 'iters_api.json'
INT, STRING, BOOL = (GoType(kind='basic', name=n) for n in ('int', 'string', 'bool'))


def api():
    with open(API) as f:
        return json.load(f)


def func(params=(), results=(), variadic=False):
    return GoType(kind='func', params=tuple(Param('', t) for t in params),
                  results=tuple(Param('', t) for t in results), variadic=variadic)


def test_iterator_shapes():
    m = TypeMapper(package_from_json(api()), 'gobindpkg')
    seq = GoType(kind='named', pkg='iter', name='Seq', type_args=(STRING,))
    seq2 = GoType(kind='named', pkg='iter', name='Seq2', type_args=(STRING, INT))
    assert iter_values(m, seq) == (STRING,)
    assert iter_values(m, seq2) == (STRING, INT)
    assert iter_values(m, GoType(kind='named', pkg='example.com/iters', name='Evens')) == (INT,)
    assert iter_values(m, func([func([INT], [BOOL])])) == (INT,)
    # not iterators: no bool result, a result of its own, variadic, three values, a plain func
    assert iter_values(m, func([func([INT], [])])) is None
    assert iter_values(m, func([func([INT], [BOOL])], [INT])) is None
    assert iter_values(m, func([func([INT], [BOOL], variadic=True)])) is None
    assert iter_values(m, func([func([INT, INT, INT], [BOOL])])) is None
    assert iter_values(m, func([INT], [BOOL])) is None
    assert iter_values(m, GoType(kind='named', pkg='iter', name='Seq')) is None  # no type argument


def test_plan_of_the_iters_project():
    plan = plan_from_api(api(), 'iters')
    funcs = {f.go_name: f for f in plan.all_funcs}
    assert funcs['Words'].py_return == 'Iterator[str]'
    assert funcs['Lengths'].py_return == 'Iterator[tuple[str, int]]'
    assert funcs['Pairs'].pyi_params == 'seq: Iterable[tuple[str, int]]'
    assert funcs['Sum'].takes_callbacks and not funcs['Count'].takes_callbacks
    ids = {i.id: (i.out, i.into) for i in plan.iters}
    assert ids['Iter_int'] == (True, True) and ids['Iter2_string_int'] == (True, True)
    assert ids['Iter_Point'] == (True, False)
    skipped = {s.symbol: s.reason for s in plan.skipped}
    assert skipped['Source.Items'].endswith('iterators (iter.Seq[int]) are bound as parameters and results '
                                            'of functions only')
    assert skipped['Evens'].startswith('iterator types are bound as parameters')


def test_a_type_named_like_an_iterator_id_keeps_apart():
    m = TypeMapper(package_from_json(api()), 'gobindpkg')
    home = m.home('example.com/iters')
    assert home.id('Iter_int') == 'Iter_int_' and home.py_name('Iter_int') == 'Iter_int'
    assert home.id('Iterator') == 'Iterator'
