"""Which Go types gobind binds as channel classes, under which names, and how their values cross
(gobind_module/bind/chanmap.py, typemap.py), from the golden API JSON of test_projects/channels: no Go,
Meson or C compiler."""

from __future__ import annotations

import pytest

from golden_plans import api, callables, classes, plan_of
from gobind_module.bind.typemap import PackageHome, TypeMapper, Unsupported
from gobind_module.model import GoType, Param, package_from_json

INT = GoType(kind='basic', name='int')


def chan(direction, elem):
    return GoType(kind='chan', direction=direction, elem=elem)


def test_a_class_per_element_type_and_direction():
    plan = plan_of('channels')
    found = {c.py_name: (c.chan.direction, c.makes, c.chan.both) for c in plan.chans}
    # chan int, <-chan int and chan<- int are three classes; each element type also gets the
    # bidirectional class (Python makes those); named types keep their Go name
    assert found == {
        'Chan_int': ('both', True, 'Chan_int'), 'RecvChan_int': ('recv', False, 'Chan_int'),
        'SendChan_int': ('send', False, 'Chan_int'), 'Chan_string': ('both', True, 'Chan_string'),
        'RecvChan_string': ('recv', False, 'Chan_string'), 'Chan_Point': ('both', True, 'Chan_Point'),
        'Chan_Chan_int': ('both', True, 'Chan_Chan_int'),
        'Chan_struct': ('both', True, 'Chan_struct'), 'RecvChan_struct': ('recv', False, 'Chan_struct'),
        'SendChan_struct': ('send', False, 'Chan_struct'),
        'Events': ('both', True, 'Chan_string'), 'Feed': ('recv', False, 'Chan_int')}
    assert set(found) <= set(classes(plan))
    feeds = {c.py_name for c in plan.chans if c.feeds}
    assert feeds == {'RecvChan_int', 'RecvChan_string', 'Feed'}   # Go receives from these parameters


def test_signatures_and_what_parameters_take():
    f = callables(plan_of('channels'))
    assert f['Count'].signature == 'Count(n: int) -> RecvChan_int | None'
    assert f['Words'].signature == 'Words(s: str) -> Events | None'
    # a parameter Go receives from also takes any iterable, which a goroutine feeds
    assert f['Sum'].signature == 'Sum(ch: RecvChan_int | Chan_int | Iterable[int] | None) -> int'
    assert f['Sum'].takes_callbacks   # the export keeps the iterable's exception for the call
    assert f['SumFeed'].signature == 'SumFeed(f: Feed | Chan_int | Iterable[int] | None) -> int'
    # one Go only sends on takes channel objects only
    assert f['Produce'].signature == 'Produce(out: SendChan_int | Chan_int | None, n: int) -> None'
    assert not f['Produce'].takes_callbacks
    assert f['Nested'].signature == 'Nested(n: int) -> Chan_Chan_int | None'
    # struct{} items (signal channels) are None
    assert f['Done'].signature == 'Done(ms: int) -> RecvChan_struct | None'
    assert classes(plan_of('channels'))['Chan_struct'].elem.py_param == 'None'


def test_fields_and_variables_take_channel_objects_only():
    plan = plan_of('channels')
    pipe = classes(plan)['Pipe']
    fields = {fl.py_name: fl.conv.py_param for fl in pipe.fields}
    assert fields == {'In': 'SendChan_int | Chan_int | None', 'Out': 'RecvChan_int | Chan_int | None',
                      'Both': 'Chan_string | None'}
    assert [(v.py_name, v.conv.py_type) for v in plan.vars] == [('Updates', 'Chan_int | None')]


def test_ids_and_go_spellings():
    m = TypeMapper(package_from_json(api('channels')), 'gobindpkg')
    inner = chan('recv', INT)
    assert m.type_id(chan('both', inner)) == 'Chan_RecvChan_int'
    assert m.type_id(chan('send', chan('both', INT))) == 'SendChan_Chan_int'
    # Go reads `chan <-chan int` as chan<- (chan int): the element needs parentheses
    assert m.go_spelling(chan('both', inner)) == 'chan (<-chan int)'
    assert m.go_spelling(chan('send', chan('both', INT))) == 'chan<- chan int'


def test_go_types_named_like_channel_classes_are_renamed():
    home = PackageHome('example.com/p', 'gobindpkg', '', '', True)
    assert [home.py_name(n) for n in ('Chan_int', 'RecvChan_x', 'SendChan_', 'Channel', 'ChanX')] == \
        ['Chan_int_', 'RecvChan_x_', 'SendChan__', 'Channel', 'ChanX']


def test_elements_gobind_cannot_bind_say_why():
    m = TypeMapper(package_from_json(api('channels')), 'gobindpkg')
    with pytest.raises(Unsupported, match=r'element type of chan unsafe.Pointer: unsafe.Pointer is not supported'):
        m.conversion(chan('both', GoType(kind='basic', name='unsafe.Pointer')))
    point = GoType(kind='struct', fields=package_from_json(api('channels')).lookup('example.com/channels', 'Point')
                   .underlying.fields)
    with pytest.raises(Unsupported, match=r'element type of <-chan struct\{\.\.\.\}: struct'):
        m.conversion(chan('recv', point))
    # funcs are not items of channels, as of slices and maps
    with pytest.raises(Unsupported, match=r'element type of chan func\(\) int: func \(func\(\) int\) values'):
        m.conversion(chan('both', GoType(kind='func', results=(Param('', INT),))))
    # a receive-only chan struct{} parameter takes channel objects, not iterables (nothing to feed)
    assert 'Iterable' not in m.param_conversion(chan('recv', GoType(kind='struct'))).py_param
