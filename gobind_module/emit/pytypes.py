"""The type object of each generated class as data (TypeSpec): its name, size, flags, doc and slots.

The C templates print every class from its TypeSpec through one macro (type_object in
templates/c/class.c.j2), so how classes are made (static PyTypeObjects today, PyType_FromSpec
later) is decided in one place.  Slots are listed flat, as a PyType_Spec lists them: tp_*, and
the nb_*, sq_*, mp_* and bf_* slots that the static layout puts into sub-tables.
"""

from __future__ import annotations

import dataclasses
from typing import Callable, Dict, List, Tuple

from .escape import c_string
from ..bind.chanmap import ChanPlan
from ..bind.funcvals import FuncValPlan
from ..bind.plan import BoxPlan, InterfacePlan, MapPlan, ModulePlan, SeqPlan, StructPlan, ValuePlan

#: The sub-tables of a static type object: slot prefix -> (C type, variable prefix, tp_ member).
_TABLES = (('nb_', 'PyNumberMethods', 'gobind_as_number_', 'tp_as_number'),
           ('sq_', 'PySequenceMethods', 'gobind_as_sequence_', 'tp_as_sequence'),
           ('mp_', 'PyMappingMethods', 'gobind_as_mapping_', 'tp_as_mapping'),
           ('bf_', 'PyBufferProcs', 'gobind_as_buffer_', 'tp_as_buffer'))

#: PyTypeObject's members in declaration order (the order the initializers list them in).
_ORDER = ('tp_name', 'tp_basicsize', 'tp_dealloc', 'tp_repr', 'tp_as_number', 'tp_as_sequence', 'tp_as_mapping', 'tp_hash',
          'tp_call', 'tp_str', 'tp_as_buffer', 'tp_flags', 'tp_doc', 'tp_richcompare', 'tp_iter', 'tp_iternext',
          'tp_methods', 'tp_getset', 'tp_init', 'tp_new')

_DOC_COLUMN = len('    .tp_doc = GOBIND_DOC(')


@dataclasses.dataclass(frozen=True)
class SlotTable:
    """A sub-table of a static type object, e.g. the PyMappingMethods of a map class."""

    c_type: str
    var: str
    slots: Tuple[Tuple[str, str], ...]


@dataclasses.dataclass(frozen=True)
class TypeSpec:
    """One class's type object."""

    id: str                               # suffix of its C names (gobind_type_<id>, gobind_as_mapping_<id>)
    name: str                             # tp_name: the dotted name
    doc: str                              # tp_doc: a C expression
    slots: Tuple[Tuple[str, str], ...]    # (slot, C value), flat
    basicsize: str = 'sizeof(gobind_object)'  # '' for classes over a Python base class (named values)
    flags: str = 'Py_TPFLAGS_DEFAULT'
    var: str = ''                         # the type object's C name, if not gobind_type_<id>
    c_struct: str = 'PyTypeObject'        # gobind_seq_type for sequences (a PyTypeObject and the item exports)
    base: str = ''                        # the base class (a PyTypeObject *), if not object

    @property
    def c_var(self) -> str:
        return self.var or 'gobind_type_' + self.id

    @property
    def ref(self) -> str:
        """The C expression of the PyTypeObject * of the class."""
        return '&' + self.c_var + ('.type' if self.c_struct != 'PyTypeObject' else '')

    @property
    def tables(self) -> Tuple[SlotTable, ...]:
        """The sub-tables the static layout needs, with their slots."""
        out = []
        for prefix, c_type, var, _ in _TABLES:
            slots = tuple(s for s in self.slots if s[0].startswith(prefix))
            if slots:
                out.append(SlotTable(c_type, var + self.id, slots))
        return tuple(out)

    @property
    def fields(self) -> Tuple[Tuple[str, str], ...]:
        """The designated initializers of the static PyTypeObject, in member order."""
        values: Dict[str, str] = {'tp_name': '"%s"' % self.name, 'tp_flags': self.flags, 'tp_doc': self.doc}
        if self.basicsize:
            values['tp_basicsize'] = self.basicsize
        values.update(s for s in self.slots if s[0].startswith('tp_'))
        for prefix, _, var, member in _TABLES:
            if any(s[0].startswith(prefix) for s in self.slots):
                values[member] = '&' + var + self.id
        return tuple((k, values[k]) for k in _ORDER if k in values)


def type_doc(c_doc: str, text_signature: str = '') -> str:
    """tp_doc: the class's doc (a C string literal), after its __text_signature__ when it has one."""
    parts = [line.strip() for line in c_doc.split('\n')]
    if not text_signature:
        return ('\n' + ' ' * len('    .tp_doc = ')).join(parts)
    return 'GOBIND_DOC("%s",\n%s%s)' % (text_signature, ' ' * _DOC_COLUMN, ('\n' + ' ' * _DOC_COLUMN).join(parts))


def _common(id_: str, c, repr_fn: str, dealloc: str = 'gobind_object_dealloc') -> List[Tuple[str, str]]:
    """The slots a class over a handle has: dealloc, repr, and str when Go has String()."""
    slots = [('tp_dealloc', dealloc), ('tp_repr', repr_fn)]
    if getattr(c, 'str_method', None):
        slots.append(('tp_str', 'gobind_str_' + id_))
    return slots


def struct_type(m: ModulePlan, s: StructPlan) -> TypeSpec:
    slots = _common(s.id, s, 'gobind_repr_' + s.id) + [
        ('tp_methods', 'gobind_methods_' + s.id), ('tp_getset', 'gobind_getset_' + s.id),
        ('tp_init', 'gobind_init_' + s.id), ('tp_new', 'gobind_new_' + s.id)]
    return TypeSpec(s.id, m.qualified(s), type_doc(s.c_doc, s.text_signature), tuple(slots))


def iface_type(m: ModulePlan, i: InterfacePlan) -> TypeSpec:
    slots = _common(i.id, i, 'gobind_repr_go') + [
        ('tp_methods', 'gobind_methods_' + i.id), ('tp_new', 'gobind_new_' + i.id)]
    return TypeSpec(i.id, m.qualified(i), type_doc(i.c_doc), tuple(slots),
                    flags='Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE')


def seq_type(m: ModulePlan, q: SeqPlan) -> TypeSpec:
    slots = _common(q.id, q, 'gobind_seq_repr', 'gobind_seq_dealloc') + [
        ('tp_hash', 'PyObject_HashNotImplemented'),
        ('tp_richcompare', 'gobind_seq_richcompare'),
        ('tp_methods', 'gobind_methods_' + q.id), ('tp_new', 'gobind_new_' + q.id),
        ('sq_length', 'gobind_seq_length'), ('sq_item', 'gobind_seq_item'), ('sq_ass_item', 'gobind_seq_ass_item'),
        ('mp_length', 'gobind_seq_length'), ('mp_subscript', 'gobind_seq_subscript'),
        ('mp_ass_subscript', 'gobind_seq_ass_subscript')]
    if q.buffer:
        slots += [('bf_getbuffer', 'gobind_seq_getbuffer'), ('bf_releasebuffer', 'gobind_seq_releasebuffer')]
    doc = type_doc(q.c_doc, '%s(items=...)\\n--\\n\\n' % q.py_name)
    return TypeSpec(q.id, m.qualified(q), doc, tuple(slots), basicsize='sizeof(gobind_seq_object)',
                    flags='Py_TPFLAGS_DEFAULT | GOBIND_TPFLAGS_BUFFER', c_struct='gobind_seq_type')


def map_type(m: ModulePlan, p: MapPlan) -> TypeSpec:
    slots = _common(p.id, p, 'gobind_repr_mapping') + [
        ('tp_iter', 'gobind_iter_' + p.id), ('tp_methods', 'gobind_methods_' + p.id),
        ('tp_new', 'gobind_new_' + p.id), ('mp_length', 'gobind_len_' + p.id),
        ('mp_subscript', 'gobind_getitem_' + p.id), ('mp_ass_subscript', 'gobind_setitem_' + p.id)]
    name = '%s._%sBase' % (m.module_path(p.module), p.py_name)
    return TypeSpec(p.id, name, type_doc(p.c_doc, '%s(items=...)\\n--\\n\\n' % p.py_name), tuple(slots),
                    flags='Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE')


def box_type(m: ModulePlan, b: BoxPlan) -> TypeSpec:
    slots = _common(b.id, b, 'gobind_repr_' + b.id) + [
        ('tp_getset', 'gobind_getset_' + b.id), ('tp_new', 'gobind_new_' + b.id)]
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
        slots += [('tp_iter', 'PyObject_SelfIter'), ('tp_iternext', 'gobind_chan_next_' + c.id)]
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
    return TypeSpec('module' + sfx, path + '.module', 'NULL', slots, basicsize='', var='gobind_module_type' + sfx)


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
    """The C expression of the PyTypeObject * of a bound class (the Jinja filter type_ref): where
    the templates refer to a class's type, so that how types are made changes in one place."""
    return '&gobind_type_%s%s' % (c.id, '.type' if isinstance(c, SeqPlan) else '')


#: What the templates call: pytype as a filter, the others as functions.
GLOBALS = {fn.__name__: fn for fn in (error_type, govalue_type, iter_type, module_var_type)}
FILTERS = {'pytype': pytype, 'class_types': class_types, 'type_ref': type_ref}
