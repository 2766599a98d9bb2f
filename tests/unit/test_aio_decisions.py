"""Which package functions get an async twin in m.aio (bind/aio.py), from test_projects/aio's golden API JSON."""

from __future__ import annotations

from golden_plans import plan_of


def test_every_package_function_but_those_taking_python_code_gets_a_twin():
    plan = plan_of('aio')
    twins = {t.f.py_name: t for t in plan.aios}
    # Apply takes a Python callable; Echo and Drain take <-chan int, which also takes Python iterables
    assert set(twins) == {f.py_name for f in plan.funcs} - {'Apply', 'Echo', 'Drain'}
    assert plan.aio_module == 'aio' and plan.aio_cancel == 'gobind_aio_aio_cancel'
    assert twins['Sleep'].export == 'gobind_aio_aio_Sleep' and twins['Sleep'].c_name == 'gobind_aio_fn_Sleep'


def test_arguments_are_converted_before_the_goroutine_starts():
    twins = {t.f.py_name: t for t in plan_of('aio').aios}
    assert twins['Upper'].go_args == (('x0', 'gobindString(a0, gobindSpace(a0.n))'),)   # a copy
    assert twins['Sum'].go_call_args == 'x0...'          # variadic
    assert twins['Wait'].go_call_args == 'ctx, x0'       # the context gobind supplies
    assert twins['Wait'].c_args.endswith("(uintptr_t)job, &job->job.status, &job->job.msg, &msg")
    assert 'Cancelling the awaiting task cancels the context.Context' in twins['Wait'].doc
    assert 'the Go call runs to its end' in twins['Work'].doc


def test_other_modules_get_twins_too():
    plan = plan_of('hello')
    assert [t.f.py_name for t in plan.aios] == [f.py_name for f in plan.funcs]


def test_functions_borrowing_python_memory_get_no_twin():
    plan = plan_of('borrow')
    borrowing = {f.py_name for f in plan.funcs if any(a.borrowed for a in f.args)}
    assert borrowing and not borrowing & {t.f.py_name for t in plan.aios}
    assert {t.f.py_name for t in plan.aios} == {f.py_name for f in plan.funcs} - borrowing


def test_methods_get_twins_that_aio_call_finds_by_class():
    classes = dict(plan_of('aio').aio_classes)
    point = {t.f.py_name: t for t in classes['Point']}
    assert set(point) == {'Sum', 'Shift'}
    assert point['Shift'].c_name == 'gobind_aio_m_Point_Shift' and point['Shift'].go_call_args == 'ctx, x0, x1, x2'
    assert point['Shift'].c_args.startswith('GOBIND_HANDLE(self), ')
    assert point['Sum'].export == 'gobind_aio_aio_Point_Sum'
