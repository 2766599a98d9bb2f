"""The planner's decisions about generics (bind/generics.py), from test_projects/generics' golden API
JSON: which instantiations back each generic's object, how subscripts spell them, their stub types."""

from __future__ import annotations

from golden_plans import plan_of


def generics():
    return {g.go_name: g for g in plan_of('generics').generics}


def test_each_generic_with_an_instantiation_has_an_object_listing_them_in_order():
    g = generics()
    assert sorted(g) == ['Box', 'First', 'Max', 'Min', 'Pair', 'Stack', 'Sum']   # not Join: none
    assert [(i.key, i.attr) for i in g['Min'].insts] == [('int', 'Min_int'), ('string', 'Min_string')]
    assert [(i.key, i.attr) for i in g['Max'].insts] == [('int', 'Max_int'), ('float64', 'Max_float64')]
    # the listed Pair[string, int], then the Pair[int, string] that Swap returns
    assert [(i.key, i.attr) for i in g['Pair'].insts] == [('string, int', 'Pair_string_int'),
                                                          ('int, string', 'Pair_int_string')]
    assert [(i.key, i.attr) for i in g['Stack'].insts] == [('int', 'Stack_int'), ('string', 'Stack_string')]
    assert {n: x.what for n, x in g.items()} == {'Box': 'type', 'First': 'function', 'Max': 'function',
                                                 'Min': 'function', 'Pair': 'type', 'Stack': 'type',
                                                 'Sum': 'function'}


def test_subscripts_take_python_types_and_bound_classes():
    g = generics()
    assert g['Max'].insts[1].py_args == ('float',) and g['Min'].insts[1].py_args == ('str',)
    assert g['Box'].insts[0].py_args == ('Point',) and g['Box'].classes == (('Point', 'Point'),)
    assert g['Pair'].insts[0].stub_key == ("tuple[type[str] | Literal['string'], type[int] | Literal['int']] "
                                           "| Literal['string, int']")


def test_stub_types_are_the_instantiations_callables_and_classes():
    g = generics()
    assert g['Max'].insts[0].stub_type == 'Callable[[int, int], int]'
    assert g['Sum'].insts[1].stub_type == 'Callable[[Slice_float64 | Sequence[float]], float]'
    assert g['Stack'].insts[0].stub_type == 'type[Stack_int]'


def test_instantiations_call_and_spell_go_instantiations():
    plan = plan_of('generics')
    funcs = {f.py_name: f for f in plan.funcs}
    assert funcs['Max_float64'].go_name == 'Max[float64]'
    assert funcs['First_string_int'].go_name == 'First[string, int]'
    structs = {s.py_name: s for s in plan.structs}
    assert structs['Pair_string_int'].go_type == 'gobindpkg.Pair[string, int]'
    assert structs['Box_Point'].go_type == 'gobindpkg.Box[gobindpkg.Point]'
    assert plan.repr_name(structs['Stack_int']) == 'generics.Stack[int]'
