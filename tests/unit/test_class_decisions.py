"""What makes struct classes behave like Python's (bind/classes.py, emit/pytypes.py), decided from the golden
API JSON of test_projects/structs: which structs pickle cannot carry and the field it names, and the slots
and flags of struct and slice classes."""

from __future__ import annotations

from golden_plans import classes, plan_of

from gobind_module.emit.pytypes import pytype


def test_pickle_refuses_structs_with_state_it_cannot_carry():
    c = classes(plan_of('structs'))
    refusals = {name: s.pickle_refusal for name, s in c.items() if hasattr(s, 'pickle_refusal')}
    # type Person struct {...; secret int}; type Job struct {Name string; Done chan bool};
    # type Hook struct {Name string; Run func() int}
    assert refusals['Person'] == 'field secret is unexported'
    assert refusals['Job'] == 'field Done is a Go channel'
    assert refusals['Hook'] == 'field Run is a Go func'
    # Point, Reading (string, named float, *Point) and Bag (slice, map, pointers, array) carry everything
    assert refusals['Point'] == refusals['Reading'] == refusals['Bag'] == ''


def test_struct_classes_can_be_subclassed_and_are_unhashable():
    m = plan_of('structs')
    t = pytype(classes(m)['Point'], m)
    slots = dict(t.slots)
    assert 'Py_TPFLAGS_BASETYPE' in t.flags and t.basicsize == 'sizeof(gobind_struct_object)'
    assert slots['tp_hash'] == 'PyObject_HashNotImplemented' and slots['tp_members'] == 'gobind_struct_members'
    assert slots['tp_richcompare'] == 'gobind_richcompare_Point' and slots['tp_dealloc'] == 'gobind_struct_dealloc'
    # the constructor's signature takes the fields positionally or by keyword
    assert classes(m)['Point'].text_signature == 'Point(X=..., Y=...)\\n--\\n\\n'


def test_slices_grow_in_place_and_arrays_do_not():
    m = plan_of('slices')
    seqs = {q.py_name: q for q in m.seqs}
    grow = dict(pytype(seqs['Slice_int'], m).slots)
    fixed = dict(pytype(seqs['Array3_int'], m).slots)
    assert grow['sq_inplace_concat'] == 'gobind_seq_inplace_concat' and 'sq_inplace_concat' not in fixed
