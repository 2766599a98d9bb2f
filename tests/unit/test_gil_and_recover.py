"""The GIL choice (gil.py, plan.quick_call) and the recover choice (plan.needs_recover) of every bound function
and method of every golden package, from the golden API JSON of test_projects/<pkg>.

The rule (docs/runtime.md): a call keeps the GIL when its Go body, declared in the bound package, is
straight-line code (no loops, no calls but conversions to numbers and the quick builtins, no func literals,
goroutines, defers or channel operations) and its parameters and results are numbers, bools, strings or
bytes; with str or bytes parameters it keeps it only for short ones ('sized').  Everything else releases
it.  The export skips its deferred recover only for a package function kept by that rule that also cannot
panic (no division by a variable, shift, indexing, dereference or panic) and has no error result.
The tables below apply that rule by hand to the Go source; everything not listed releases the GIL and
recovers.
"""

from __future__ import annotations

import dataclasses

import pytest

from gobind_module.bind.gil import GilPolicyError, apply_policy
from gobind_module.model import GoType, Param, package_from_json
from gobind_module.bind.plan import plan_func
from gobind_module.bind.typemap import TypeMapper

from golden_plans import NAMES, api, callables, gil, plan_of

#: Functions and methods that keep the GIL ('keep') or keep it for short str/bytes ('sized').
KEPT = {
    'errors': {'Lookup': 'sized', 'Crash': 'sized', 'Quotient': 'keep', 'Shift': 'keep', 'Half': 'keep'},
    'scalars': dict({'Echo' + t: 'keep' for t in (
        'Bool', 'Int', 'Int8', 'Int16', 'Int32', 'Int64', 'Uint', 'Uint8', 'Uint16', 'Uint32', 'Uint64',
        'Uintptr', 'Float32', 'Float64', 'Complex64', 'Complex128')},
        EchoString='sized', EchoBytes='sized', Remember='sized', Remembered='keep', Add='keep',
        Divide='keep', Nothing='keep', Freeze='keep', Warmer='keep', None_='keep', Big='keep', Invalid='keep'),
    # Point.Scale: p.X *= k; Person.Birthday: p.Age++ (methods: the receiver is a handle, not an argument)
    'structs': {'Point.Scale': 'keep', 'Person.Birthday': 'keep'},
    'borrow': {'Same': 'sized', 'Size': 'sized', 'SizeCopied': 'sized', 'Remember': 'sized', 'Remembered': 'keep'},
    'callbacks': {'Clear': 'keep'},                       # handlers = nil
    'interfaces': {m: 'keep' for m in ('Circle.Area', 'Circle.Name', 'Square.Area', 'Square.Name',
                                       'Invalid.Error', 'Invalid.Area', 'Invalid.Name')},
    'maps': {'Lookup': 'sized'},                          # return Registry[k]
    'named': {'BodyTemperature': 'keep', 'Warmer': 'keep', 'Next': 'keep', 'Toggle': 'keep',
              'Celsius.Fahrenheit': 'keep', 'Weekday.IsWeekend': 'keep', 'Name.Initial': 'keep',
              'Grid.Trace': 'keep'},
    'names_edge': {'Größe': 'keep', 'Full': 'keep', 'Full_': 'keep', 'Bad': 'keep', 'Echo': 'sized'},
    'names': {'HTTPServer.start_tls': 'keep', 'count_request': 'keep', 'import_': 'keep', 'legacy_sum': 'keep',
              'say_hi': 'sized'},   # (pep8_names: Python names)
    'vars': {'Bump': 'keep', 'Greet': 'sized', 'OriginX': 'keep', 'Find': 'sized', 'Level.Louder': 'keep'},
    'shapes': {'paint.Dry': 'keep', 'paint.Spill': 'keep'},
    'crosspkg': {'Timeout': 'keep', 'Twice': 'keep', 'money.Cents': 'keep', 'money.Pay': 'keep'},
    # Heavy loops; Quit calls runtime.Goexit
    'vec': {'Add': 'keep', 'Scale': 'keep', 'Half': 'keep', 'Positive': 'keep', 'Not': 'keep', 'Wrap': 'keep',
            'Div': 'keep', 'Fahrenheit': 'keep', 'Echo': 'sized', 'Check': 'keep'},
    'aio': {'Explode': 'sized', 'Nothing': 'keep', 'Point.Sum': 'keep'},  # panic(text); an empty body; p.X + p.Y
}

#: Kept functions whose export needs a recover all the same: they can panic, or return an error.
#: (Every method recovers too: its receiver may be nil.)
RECOVER_KEPT = {
    'errors': {'Lookup', 'Crash', 'Quotient', 'Shift'},   # error result; panic(msg); a / b; x << n
    'scalars': {'Divide'},                                # a / b
    'maps': {'Lookup'},                                   # Registry[k]
    'vars': {'Find'},                                     # error result
    'shapes': {'paint.Spill'},                            # panic("paint spilled")
    'vec': {'Div', 'Check'},                              # a / b; error result
    'aio': {'Explode'},                                   # panic(text)
}


@pytest.mark.parametrize('name', NAMES)
def test_gil_choice_of_every_function_and_method(name):
    want = KEPT.get(name, {})
    got = {n: gil(f) for n, f in callables(plan_of(name)).items()}
    assert set(want) <= set(got), sorted(set(want) - set(got))
    assert {n: g for n, g in got.items() if g != 'release'} == want


@pytest.mark.parametrize('name', NAMES)
def test_recover_choice_of_every_function_and_method(name):
    kept, recovering = KEPT.get(name, {}), RECOVER_KEPT.get(name, set())
    assert recovering <= set(kept)
    for n, f in callables(plan_of(name)).items():
        skips_recover = n in kept and n not in recovering and not f.receiver
        assert f.recovers == (not skips_recover), n


def test_settings_override_the_rule_per_function_and_module():
    plan = plan_of('errors')
    # gil: {'Half': 'release', 'Pair': 'keep'} in meson.build, --gil Half=release,Pair=keep
    f = callables(apply_policy(plan, {'Half': 'release', 'Pair': 'keep'}))
    assert (gil(f['Half']), gil(f['Pair']), gil(f['Quotient'])) == ('release', 'keep', 'keep')
    assert gil(callables(apply_policy(plan, {}, 'release'))['Half']) == 'release'
    assert gil(callables(apply_policy(plan, {}, 'keep'))['Lookup']) == 'keep'   # not only for short str
    # method names are Type.Method (Go names)
    s = callables(apply_policy(plan_of('structs'), {'Point.Scale': 'release', 'Person.Greet': 'keep'}))
    assert (gil(s['Point.Scale']), gil(s['Person.Greet'])) == ('release', 'keep')


def test_settings_for_names_that_are_not_bound_say_why():
    with pytest.raises(GilPolicyError, match=r'gil: Raw is not bound, so it has no GIL setting '
                                             r'\(skipped: result 1: unsafe.Pointer'):
        apply_policy(plan_of('scalars'), {'Raw': 'keep'})
    with pytest.raises(GilPolicyError, match='package example.com/errors has no bound function or method Nope'):
        apply_policy(plan_of('errors'), {'Nope': 'keep'})
    # the form of a setting ('sometimes') is checked where options enter (test_options.py)


def test_a_context_parameter_always_releases():
    """A func whose first parameter is a context.Context gets one from gobind that Ctrl-C cancels; such a
    call may wait, so it releases the GIL even when its body is straight-line (plan.plan_func)."""
    pkg = package_from_json(api('errors'))
    half = next(fn for fn in pkg.funcs if fn.name == 'Half')     # func Half(x int) int: kept
    ctx = Param('ctx', GoType(kind='named', pkg='context', name='Context'))
    with_ctx = dataclasses.replace(half, params=(ctx,) + half.params)
    mapper = TypeMapper(pkg, 'gobindpkg')
    assert gil(plan_func(mapper, half, 'errors', [])) == 'keep'
    planned = plan_func(mapper, with_ctx, 'errors', [])
    assert (gil(planned), planned.takes_ctx, planned.recovers) == ('release', True, True)
    assert planned.signature == 'Half(x: int) -> int'
