"""What each golden package leaves out, and why (the `skipped` list that `gobind inspect` prints and the
gen step warns about), from the golden API JSON of test_projects/<pkg>."""

from __future__ import annotations

import pytest

from golden_plans import NAMES, callables, classes, plan_of, skips

#: Every skip of every golden package: the exported Go names that cannot be bound, per
#: test_projects/<pkg>/*.go, with the start of the reason.
EXPECTED = {
    # func Raw() unsafe.Pointer
    'scalars': {'Raw': "result 1: unsafe.Pointer is not supported: a raw address that Go's garbage "
                       'collector cannot follow once Python holds it'},
    # type Enabled bool, with no methods: a named bool stays a bool
    'named': {'Enabled': 'values convert as bool (Python cannot subclass it), so its methods are not bound'},
    # methods of func types are bound: func (h HandlerFunc) Shout(name string) string
    'funcvals': {},
    # func (e Events) Len() int
    'channels': {'Events.Len': 'methods of channel types are not bound yet'},
    # type Evens func(yield func(int) bool); Source.Items iter.Seq[int]
    'iters': {'Evens': 'iterator types are bound as parameters (Python iterables) and results (Python '
                       'iterators); the type itself is not a class',
              'Source.Items': 'field type: iterators (iter.Seq[int]) are bound as parameters and results of '
                              'functions only'},
    # func Join[T any] is never instantiated; Ordered and Number are constraints
    'generics': {'Join': 'generic function with no instantiation: list instantiations with the instantiate '
                         'option or a //gobind:instantiate line, or use one in the non-generic API '
                         '(docs/type-mapping.md, "Generics")',
                 'Number': 'generics.Number is a constraint interface (it has type-set elements), usable only '
                           'as a type parameter constraint',
                 'Ordered': 'generics.Ordered is a constraint interface (it has type-set elements), usable only '
                            'as a type parameter constraint'},
}


@pytest.mark.parametrize('name', NAMES)
def test_skips_are_exactly_the_unbindable_names(name):
    assert skips(plan_of(name)) == EXPECTED.get(name, {})


def test_every_package_with_skips_is_a_golden_package():
    assert set(EXPECTED) <= set(NAMES)


def test_unexported_names_are_neither_bound_nor_skipped():
    # interfaces: type triangle; structs: Person.secret; funcvals: func double; scalars: var remembered
    for pkg, hidden in (('interfaces', 'triangle'), ('funcvals', 'double'), ('scalars', 'remembered'),
                        ('borrow', 'kept'), ('structs', 'secret')):
        plan = plan_of(pkg)
        names = set(callables(plan)) | set(classes(plan)) | {v.py_name for v in plan.vars}
        assert not any(n.split('.')[-1] == hidden for n in names), (pkg, hidden)
        assert not any(hidden in s.symbol for s in plan.skipped), (pkg, hidden)
    person = classes(plan_of('structs'))['Person']
    assert [f.py_name for f in person.fields] == ['Name', 'Age', 'Home', 'Friend', 'Tags']


def test_what_is_skipped_is_not_bound():
    assert 'Raw' not in callables(plan_of('scalars'))
    assert 'Enabled' not in classes(plan_of('named'))
    # Toggle(e Enabled) Enabled is bound all the same: the values are plain bools
    assert callables(plan_of('named'))['Toggle'].signature == 'Toggle(e: bool) -> bool'
    assert 'Evens' not in classes(plan_of('iters'))
    assert [f.py_name for f in classes(plan_of('iters'))['Source'].fields] == ['Name']
    assert [m.py_name for m in classes(plan_of('funcvals'))['HandlerFunc'].methods] == ['call', 'Shout']
