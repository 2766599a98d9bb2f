"""The fast unit layer: the planner's decisions, from the golden API JSON files, without Go, Meson or a C compiler.

The golden `<name>_api.json` files are what the inspector wrote for each test project
(tests/test_generated_code.py keeps them current); here they go through model and plan only.
`pytest tests/unit` runs in seconds.
"""

from __future__ import annotations

import keyword

import pytest

from gobind_module.bind.gil import borrowed_params, kept

from golden_plans import GOLDEN, callables, fresh_plan, plan_of

APIS = sorted(GOLDEN.glob('*/*_api.json'))


def funcs(plan):
    """Bound functions by Go name, methods as <class id>.<Go name>."""
    out = {f.go_name: f for f in plan.all_funcs}
    out.update(('%s.%s' % (m.receiver, m.go_name), m) for m in callables(plan).values() if m.receiver)
    return out


def test_every_golden_package_is_here():
    assert len(APIS) >= 15, APIS


@pytest.mark.parametrize('api', APIS, ids=lambda p: p.parent.name)
def test_planning_is_deterministic(api):
    name = api.parent.name
    assert repr(fresh_plan(name)) == repr(fresh_plan(name))


@pytest.mark.parametrize('api', APIS, ids=lambda p: p.parent.name)
def test_every_skip_says_why_and_names_are_python_identifiers(api):
    plan = plan_of(api.parent.name)
    for s in plan.skipped:
        assert s.symbol and len(s.reason) > 10, s
    names = [f.py_name for f in plan.funcs]
    assert len(names) == len(set(names)), names
    for n in names:
        assert n.isidentifier() and not keyword.iskeyword(n), n


def test_only_proven_panic_free_package_functions_skip_the_recover():
    f = funcs(plan_of('errors'))
    assert not f['Half'].recovers          # x / 2: a constant divisor
    assert f['Quotient'].recovers          # a / b: b may be zero
    assert f['Shift'].recovers             # x << n: n may be negative
    assert f['Crash'].recovers             # panic(msg)
    assert f['Lookup'].recovers            # an error result
    assert funcs(plan_of('hello'))['Hello'].recovers    # calls fmt.Sprintf: unknown code may panic
    for plan_name in ('structs', 'pointers'):
        for name, fn in funcs(plan_of(plan_name)).items():
            if '.' in name:
                assert fn.recovers, name    # methods keep it: a nil receiver panics


def test_views_come_from_directives_or_proofs_and_say_which():
    views = borrowed_params(plan_of('borrow'))
    assert 'SumFloats(xs): //gobind:borrow' in views
    assert any(v.startswith('Same(a): Go keeps nothing of it') for v in views), views
    assert any(v.startswith('Size(b): Go keeps nothing of it') for v in views), views
    for copied in ('Remember(', 'SizeCopied(', 'Keep(', 'Invert(', 'Mistakes(m)'):
        assert not any(v.startswith(copied) for v in views), (copied, views)


def test_gil_rule_keeps_it_for_short_calls_only():
    held = kept(plan_of('borrow'))
    assert 'SlowSum' not in held and 'SumFloats' not in held  # loops and sleeps release it
    assert any(h.startswith('Same') for h in held), held       # straight-line on strings: kept up to 4 KiB
    f = funcs(plan_of('borrow'))
    assert f['SlowSum'].release_gil and not f['SlowSum'].sized_gil
    assert f['Size'].sized_gil  # kept while the bytes argument is at most 4 KiB


def test_calls_whose_arguments_may_make_go_values_of_python_objects():
    fs = funcs(plan_of('interfaces'))
    # an interface Python objects implement, directly or as slice items: the objects join the call
    for name in ('Check', 'Describe', 'Grow', 'Keep', 'Largest', 'Same', 'TotalArea'):
        assert fs[name].takes_objects and fs[name].open_call == 'gobindJoinCall(pyobjs, false)', name
    # any, numbers and no parameters: no record to join
    for name in ('Echo', 'Kind', 'NewShape', 'Values', 'KeptNames'):
        assert not fs[name].takes_objects and not fs[name].keeps_call, name
    callbacks = funcs(plan_of('callbacks'))
    assert not any(f.takes_objects for f in callbacks.values())
    assert any(f.keeps_call and f.open_call == 'gobindOpenCall(false)' for f in callbacks.values())


def test_types_of_other_packages_are_bound_at_any_distance():
    """crosspkg's API names route.Trip only; Leg, Stop, Point and Kilometres lie 1 to 3 steps further."""
    plan = plan_of('crosspkg')
    structs = {s.id: s for s in plan.structs}
    for name in ('Trip', 'Leg', 'Stop', 'Point'):
        assert structs['route_' + name].module == 'route', name
    assert [f.py_name for f in structs['route_Leg'].fields] == ['From', 'To']
    assert 'route_Kilometres' in {v.id for v in plan.values}
    assert not plan.skipped, plan.skipped
