"""Which package functions get a vectorised twin (m.vec), and how its arguments and result cross."""

import pytest

from golden_plans import NAMES, plan_of


def twins(name):
    return {v.py_name: v for v in plan_of(name).vecs}


def test_number_functions_get_twins_others_do_not():
    got = twins('vec')
    # test_projects/vec/vec.go: Echo takes a string, Check returns an error
    assert sorted(got) == ['Add', 'Div', 'Fahrenheit', 'Half', 'Heavy', 'Not', 'Positive', 'Quit', 'Scale', 'Wrap']
    assert plan_of('vec').vec_module == 'vec'


def test_element_types_follow_the_go_parameters():
    got = twins('vec')
    # Add(a, b int64) int64; Half(x float32) float32; Positive(x int32) bool; Wrap(a, b uint8) uint8
    assert [(a.py_name, a.elem, a.format) for a in got['Add'].args] == [('a', 'int64', 'q'), ('b', 'int64', 'q')]
    assert (got['Half'].result.elem, got['Half'].result.format) == ('float32', 'f')
    assert (got['Positive'].args[0].format, got['Positive'].result.format) == ('i', '?')
    assert got['Positive'].go_store == 'gobindVecBool(bool(v))'
    assert got['Wrap'].args[1].scalar_member == 'u8'
    # Not(b bool) bool: bools cross as bytes; Div(a, b int) int: Go's int is 64-bit
    assert (got['Not'].args[0].elem, got['Not'].args[0].format) == ('uint8', '?')
    assert (got['Div'].args[0].elem, got['Div'].args[0].format, got['Div'].args[0].scalar_member) == ('int', 'q', 'n')
    # Fahrenheit(c Celsius) float64: the named type is converted from its float64 element
    assert got['Fahrenheit'].args[0].go_type == 'Celsius'
    assert got['Fahrenheit'].go_args == 'gobindpkg.Celsius(float64(a0[i*k0]))'
    assert got['Add'].text_signature == '($module, /, a, b, *, out=None, workers=None)'


@pytest.mark.parametrize('name', NAMES)
def test_no_twin_of_methods_errors_strings_or_handles(name):
    plan = plan_of(name)
    funcs = {f.py_name: f for f in plan.funcs}
    for v in plan.vecs:
        f = funcs[v.py_name]
        assert not f.receiver and not f.returns_error and len(f.results) == 1
        assert all(a.conv.buffer_format and a.conv.c_pass == '{x}' for a in f.args), v.py_name
    # complex numbers and uintptr have no buffer twin: scalars.EchoComplex128, EchoUintptr
    if name == 'scalars':
        assert {'EchoInt', 'EchoFloat32', 'Add'} <= set(twins(name))
        assert not {'EchoComplex128', 'EchoComplex64', 'EchoUintptr', 'EchoString'} & set(twins(name))
