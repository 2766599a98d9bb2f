"""The type object of each generated class as data (TypeSpec): its name, size, flags, doc and slots.

The C templates print every class's PyType_Spec from its TypeSpec through one macro (type_object
in templates/c/class.c.j2); module init makes the class from it (gobind_make_type, in
templates/c/heaptype.h, which also covers Pythons without PyType_FromSpec) into the module-level
PyTypeObject * that everything else refers to (the Jinja filter type_ref).
"""

from __future__ import annotations

import dataclasses
from typing import Callable, Dict, List, Tuple

from .escape import c_string
from ..bind.chanmap import ChanPlan
from ..bind.funcvals import FuncValPlan
from ..bind.plan import BoxPlan, InterfacePlan, MapPlan, ModulePlan, SeqPlan, StructPlan, ValuePlan

#: Where a class doc's continuation lines start, in its {Py_tp_doc, ...} slot line.
_DOC_PREFIX = '    {Py_tp_doc, (void *)'
_DOC_COLUMN = len(_DOC_PREFIX + 'GOBIND_DOC(')

#: How many slots gobind_make_type (templates/c/heaptype.h) copies at most before Python 3.9.
_MAX_SLOTS = 39


@dataclasses.dataclass(frozen=True)
class TypeSpec:
    """One class's type object, made at import by gobind_make_type from a PyType_Spec."""

    id: str                               # suffix of its C names (gobind_type_<id>, gobind_spec_<id>)
    name: str                             # tp_name: the dotted name
    doc: str                              # tp_doc: a C expression
    slots: Tuple[Tuple[str, str], ...]    # (slot, C value), flat: tp_*, sq_*, mp_*, bf_*
    basicsize: str = 'sizeof(gobind_object)'  # '' for classes over a Python base class (named values)
    flags: str = 'GOBIND_TPFLAGS_DEFAULT'
    var: str = ''                         # the C name of its PyTypeObject *, if not gobind_type_<id>
    base: str = ''                        # the base class (a PyTypeObject *), if not object

    @property
    def c_var(self) -> str:
        return self.var or 'gobind_type_' + self.id

    @property
    def spec_var(self) -> str:
        return 'gobind_spec_' + self.id

    @property
    def spec_flags(self) -> str:
        """The spec's flags: a class without tp_new over object cannot be made from Python."""
        has_new = any(slot == 'tp_new' for slot, _ in self.slots)
        return self.flags if has_new or self.base else self.flags + ' | GOBIND_TPFLAGS_NO_NEW'

    @property
    def spec_slots(self) -> Tuple[Tuple[str, str], ...]:
        """The PyType_Slot entries: (slot id, C value), the doc last."""
        out = tuple(('Py_' + slot, value) for slot, value in self.slots)
        if self.doc != 'NULL':
            out += (('Py_tp_doc', self.doc),)
        assert len(out) <= _MAX_SLOTS, self.name
        return out


def type_doc(c_doc: str, text_signature: str = '') -> str:
    """tp_doc: the class's doc (a C string literal), after its __text_signature__ when it has one."""
    parts = [line.strip() for line in c_doc.split('\n')]
    if not text_signature:
        return ('\n' + ' ' * len(_DOC_PREFIX)).join(parts)
    return 'GOBIND_DOC("%s",\n%s%s)' % (text_signature, ' ' * _DOC_COLUMN, ('\n' + ' ' * _DOC_COLUMN).join(parts))


def _common(id_: str, c, repr_fn: str, dealloc: str = 'gobind_object_dealloc') -> List[Tuple[str, str]]:
    """The slots a class over a handle has: dealloc, repr, and str when Go has String()."""
    slots = [('tp_dealloc', dealloc), ('tp_repr', repr_fn)]
    if getattr(c, 'str_method', None):
        slots.append(('tp_str', 'gobind_str_' + id_))
    return slots


def struct_type(m: ModulePlan, s: StructPlan) -> TypeSpec:
    """A struct class: Python may subclass it; == is Go's, so it is unhashable (its value can change)."""
    slots = _common(s.id, s, 'gobind_repr_' + s.id, 'gobind_struct_dealloc') + [
        ('tp_members', 'gobind_struct_members'),
        ('tp_hash', 'PyObject_HashNotImplemented'), ('tp_richcompare', 'gobind_richcompare_' + s.id),
        ('tp_methods', 'gobind_methods_' + s.id), ('tp_getset', 'gobind_getset_' + s.id),
        ('tp_init', 'gobind_init_' + s.id), ('tp_new', 'gobind_new_' + s.id)]
    return TypeSpec(s.id, m.qualified(s), type_doc(s.c_doc, s.text_signature), tuple(slots),
                    basicsize='sizeof(gobind_struct_object)', flags='GOBIND_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE')


def iface_type(m: ModulePlan, i: InterfacePlan) -> TypeSpec:
    slots = _common(i.id, i, 'gobind_repr_go') + [
        ('tp_methods', 'gobind_methods_' + i.id), ('tp_new', 'gobind_new_' + i.id)]
    return TypeSpec(i.id, m.qualified(i), type_doc(i.c_doc), tuple(slots),
                    flags='GOBIND_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE')


def seq_type(m: ModulePlan, q: SeqPlan) -> TypeSpec:
    slots = _common(q.id, q, 'gobind_seq_repr', 'gobind_seq_dealloc') + [
        ('tp_hash', 'PyObject_HashNotImplemented'),
        ('tp_richcompare', 'gobind_seq_richcompare'),
        ('tp_methods', 'gobind_methods_' + q.id), ('tp_new', 'gobind_new_' + q.id),
        ('sq_length', 'gobind_seq_length'), ('sq_item', 'gobind_seq_item'), ('sq_ass_item', 'gobind_seq_ass_item'),
        ('mp_length', 'gobind_seq_length'), ('mp_subscript', 'gobind_seq_subscript'),
        ('mp_ass_subscript', 'gobind_seq_ass_subscript')]
    if not q.is_array:
        slots.append(('sq_inplace_concat', 'gobind_seq_inplace_concat'))
    if q.buffer:
        slots += [('bf_getbuffer', 'gobind_seq_getbuffer'), ('bf_releasebuffer', 'gobind_seq_releasebuffer')]
    doc = type_doc(q.c_doc, '%s(items=...)\\n--\\n\\n' % q.py_name)
    return TypeSpec(q.id, m.qualified(q), doc, tuple(slots), basicsize='sizeof(gobind_seq_object)',
                    flags='GOBIND_TPFLAGS_DEFAULT | GOBIND_TPFLAGS_BUFFER')


def map_type(m: ModulePlan, p: MapPlan) -> TypeSpec:
    slots = _common(p.id, p, 'gobind_repr_mapping') + [
        ('tp_iter', 'gobind_iter_' + p.id), ('tp_methods', 'gobind_methods_' + p.id),
        ('tp_new', 'gobind_new_' + p.id), ('mp_length', 'gobind_len_' + p.id),
        ('mp_subscript', 'gobind_getitem_' + p.id), ('mp_ass_subscript', 'gobind_setitem_' + p.id)]
    name = '%s._%sBase' % (m.module_path(p.module), p.py_name)
    return TypeSpec(p.id, name, type_doc(p.c_doc, '%s(items=...)\\n--\\n\\n' % p.py_name), tuple(slots),
                    flags='GOBIND_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE')


def box_type(m: ModulePlan, b: BoxPlan) -> TypeSpec:
    slots = _common(b.id, b, 'gobind_repr_' + b.id) + [
        ('tp_getset', 'gobind_getset_' + b.id), ('tp_methods', 'gobind_box_methods'), ('tp_new', 'gobind_new_' + b.id)]
    text = ('%s(value: %s = ...)\n\nA Go %s: .value reads and writes the value it points to. Pass one where Go '
            'wants a %s to see what Go stored there.' % (b.py_name, b.elem.py_param, b.go_type, b.go_type))
    return TypeSpec(b.id, '%s.%s' % (m.name, b.py_name), type_doc(c_string(text), '%s(value=...)\\n--\\n\\n' % b.py_name),
                    tuple(slots))


def value_type(m: ModulePlan, v: ValuePlan) -> TypeSpec:
    slots = [('tp_repr', 'gobind_repr_' + v.id), ('tp_str', 'gobind_str_' + v.id),
             ('tp_methods', 'gobind_methods_' + v.id)]
    return TypeSpec(v.id, m.qualified(v), type_doc(v.c_doc), tuple(slots), basicsize='', base='&' + v.c_base)


def funcval_type(m: ModulePlan, fv: FuncValPlan) -> TypeSpec:
    slots = [('tp_dealloc', 'gobind_object_dealloc'), ('tp_call', 'gobind_call_method'),
             ('tp_methods', 'gobind_methods_' + fv.id)]
    text = ('A Go %s that Go handed to Python: calling it calls the Go func. Store it back where Go wants one '
            'and Go gets the same func.' % fv.go_type.replace('gobindpkg.', ''))
    return TypeSpec(fv.id, '%s.%s' % (m.name, fv.py_name), type_doc(c_string(text)), tuple(slots))


def chan_type(m: ModulePlan, c: ChanPlan) -> TypeSpec:
    slots = [('tp_dealloc', 'gobind_object_dealloc'), ('tp_repr', 'gobind_chan_repr_' + c.id),
             ('tp_methods', 'gobind_methods_' + c.id), ('tp_getset', 'gobind_getset_' + c.id),
             ('sq_length', 'gobind_chan_len_' + c.id), ('nb_bool', 'gobind_chan_true')]
    if c.chan.can_recv:
        slots += [('tp_iter', 'PyObject_SelfIter'), ('tp_iternext', 'gobind_chan_next_' + c.id),
                  ('am_aiter', 'PyObject_SelfIter'), ('am_anext', 'gobind_chan_anext_' + c.id)]
    if c.makes:
        slots.append(('tp_new', 'gobind_new_' + c.id))
    sig = '%s(cap=0)\\n--\\n\\n' % c.py_name if c.makes else ''
    return TypeSpec(c.id, m.qualified(c), type_doc(c_string(c.doc_text), sig), tuple(slots))


def error_type(m: ModulePlan) -> TypeSpec:
    """GoErrorValue: any Go error value."""
    slots = (('tp_dealloc', 'gobind_object_dealloc'), ('tp_repr', 'gobind_error_repr'),
             ('tp_hash', 'PyObject_HashNotImplemented'), ('tp_str', 'gobind_error_str'),
             ('tp_richcompare', 'gobind_error_richcompare'), ('tp_methods', 'gobind_methods_GoErrorValue'))
    text = "A Go error value: Error() gives its text, == compares like Go's ==, Is() is errors.Is."
    return TypeSpec('GoErrorValue', m.name + '.GoErrorValue', type_doc(c_string(text)), slots)


def govalue_type(m: ModulePlan) -> TypeSpec:
    """GoValue: a Go value of a type Python has no class for, from an any."""
    slots = (('tp_dealloc', 'gobind_object_dealloc'), ('tp_repr', 'gobind_repr_go'))
    text = "A Go value of a type Python has no class for (from an any); repr shows Go's %v and its type."
    return TypeSpec('GoValue', m.name + '.GoValue', type_doc(c_string(text)), slots)


def iter_type(m: ModulePlan) -> TypeSpec:
    """GoIterator: a Go iterator as a Python iterator (templates/c/iter.h)."""
    slots = (('tp_dealloc', 'gobind_iter_dealloc'), ('tp_iter', 'PyObject_SelfIter'),
             ('tp_iternext', 'gobind_iter_iternext'), ('tp_methods', 'gobind_iter_methods'))
    text = 'A Go iterator (iter.Seq, iter.Seq2): each step runs the Go code up to its next value.'
    return TypeSpec('GoIterator', m.name + '.GoIterator', type_doc(c_string(text)), slots,
                    basicsize='sizeof(gobind_iter)', var='gobind_iter_type')


def module_var_type(path: str, sfx: str) -> TypeSpec:
    """The class of a (sub)module with variables: a ModuleType whose properties reach them."""
    slots = (('tp_methods', 'gobind_module_type_methods' + sfx), ('tp_getset', 'gobind_module_getset' + sfx))
    return TypeSpec('module' + sfx, path + '.module', 'NULL', slots, basicsize='', var='gobind_module_type' + sfx,
                    base='&PyModule_Type')


def class_types(m: ModulePlan) -> Tuple[TypeSpec, ...]:
    """The TypeSpec of every class of the module, bound ones first (their declarations)."""
    bound = m.structs + m.seqs + m.values + m.boxes + m.funcvals + m.maps + m.ifaces + m.chans
    fixed = [error_type(m)] + ([govalue_type(m)] if m.uses_any else []) + ([iter_type(m)] if m.iters else [])
    return tuple(pytype(c, m) for c in bound) + tuple(fixed)


_BUILDERS: Dict[type, Callable[[ModulePlan, object], TypeSpec]] = {
    StructPlan: struct_type, InterfacePlan: iface_type, SeqPlan: seq_type, MapPlan: map_type,
    BoxPlan: box_type, ValuePlan: value_type, FuncValPlan: funcval_type, ChanPlan: chan_type}


def pytype(c: object, m: ModulePlan) -> TypeSpec:
    """The TypeSpec of a bound class (the Jinja filter: {{ s | pytype(m) }})."""
    return _BUILDERS[type(c)](m, c)


def type_ref(c: object) -> str:
    """The C name of the PyTypeObject * of a bound class (the Jinja filter type_ref), set at module
    init: where the templates refer to a class's type, so that how types are made changes in one place."""
    return 'gobind_type_' + c.id


#: What the templates call: pytype as a filter, the others as functions.
GLOBALS = {fn.__name__: fn for fn in (error_type, govalue_type, iter_type, module_var_type)}
FILTERS = {'pytype': pytype, 'class_types': class_types, 'type_ref': type_ref}
