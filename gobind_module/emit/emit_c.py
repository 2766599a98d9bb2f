"""C spellings for the module templates: the pieces of a function's C code that depend on several plan fields."""

from __future__ import annotations

from typing import Callable, Dict, Tuple

from ..bind.plan import ConstPlan, FuncPlan, InterfacePlan, ModulePlan, SeqPlan, ValuePlan
from ..bind.itermap import IterType
from ..bind.typemap import FuncType


def c_params(f: FuncPlan) -> str:
    """The parameters of the C function implementing f (self or module, then the arguments)."""
    first = 'PyObject *self' if f.receiver else 'PyObject *module'
    return first + (', GOBIND_ARGS' if f.args else ', PyObject *unused')


def meth_flags(f: FuncPlan) -> str:
    """The ml_flags of f's PyMethodDef."""
    return 'GOBIND_METH_ARGS' if f.args else 'METH_NOARGS'


def c_unpack(f: FuncPlan) -> str:
    """The call that puts f's Python arguments in parameter order (a variadic f collects the rest)."""
    if f.variadic:
        return 'gobind_unpack_variadic("%s", gobind_names_%s, %d, GOBIND_ARGS_PASS, argv, &rest)' % (
            f.qualname, f.c_name, len(f.fixed_args))
    return 'gobind_unpack("%s", gobind_names_%s, %d, GOBIND_ARGS_PASS, argv)' % (f.qualname, f.c_name, len(f.args))


def call_begin(f: FuncPlan) -> str:
    """The macro opening the cgo call of f: it releases the GIL, keeps it, or decides by size."""
    if f.sized_gil:
        return 'GOBIND_CALL_SIZED_BEGIN(%s)' % f.copied_bytes
    return 'GOBIND_CALL_BEGIN' if f.release_gil else 'GOBIND_CALL_KEEP_BEGIN'


def call_end(f: FuncPlan) -> str:
    """The macro closing the cgo call of f (the pair of call_begin)."""
    if f.sized_gil:
        return 'GOBIND_CALL_SIZED_END'
    return 'GOBIND_CALL_END' if f.release_gil else 'GOBIND_CALL_KEEP_END'


def export_args(f: FuncPlan) -> str:
    """The arguments of f's cgo export: the receiver, the converted arguments, the result slots,
    the interrupt poll of a context-taking call, and msg."""
    parts = []
    if f.recv_value is not None:
        parts.append(f.recv_value.c_pass.format(x='selfv'))
    elif f.receiver:
        parts.append('GOBIND_HANDLE(self)')
    parts += [a.c_pass for a in f.args]
    parts += ['&' + r.c_local for r in f.results]
    if f.takes_ctx:
        parts.append('gobind_poll_interrupt')
    if f.takes_objects:
        parts.append('pyobjs')
    return ', '.join(parts + ['&msg'])


def c_module(module: str) -> str:
    """The C variable holding a (sub)module during init: m, or sub_<name>."""
    return 'sub_' + module if module else 'm'


def all_consts(m: ModulePlan) -> Tuple[ConstPlan, ...]:
    """The constants of the extension module and of every submodule."""
    return m.consts + tuple(c for sm in m.submodules for c in sm.consts)


def seq_needs_locals(q: SeqPlan) -> bool:
    """Whether filling a sequence converts its items into C arguments first: when they differ
    from the C items, or hold something to release."""
    return q.elem.c_arg != q.elem.c_type or bool(q.elem.release)


def seq_method_lists(q: SeqPlan) -> str:
    """The support header's lists of methods a sequence class has besides Go's: __reduce__, and the
    MutableSequence methods of a slice (an array keeps its length)."""
    return 'GOBIND_SEQ_METHODS' + ('' if q.is_array else ' GOBIND_SEQ_MUTABLE_METHODS')


def seq_fixed_len(q: SeqPlan) -> int:
    """The length of an array, -1 for a slice."""
    return q.seq.length if q.is_array else -1


def value_base_str(v: ValuePlan) -> str:
    """__str__ of a named value without String(): the base's str for str, its repr for numbers."""
    return 'GOBIND_SLOT(&%s, %s, reprfunc)' % (v.c_base, 'tp_str' if v.py_base == 'str' else 'tp_repr')


def enum_str_name(v: ValuePlan) -> str:
    """The name of the Go String() method an enum's members use for str(), or NULL."""
    return '"%s"' % v.str_method.py_name if v.str_method else 'NULL'


def iface_accepts(i: InterfacePlan) -> str:
    """What else an interface parameter accepts, for a comment."""
    if i.python_ok:
        return 'or any other object with its methods (Go gets a %s calling them)' % i.py_name
    return 'nothing else (%s)' % i.iface.python_reason


def iface_method_args(i: InterfacePlan) -> str:
    """The bound methods of a Python object that implements an interface, as the arguments of its _py export."""
    return ''.join('(uintptr_t)methods[%d], ' % k for k in range(len(i.method_names)))


def callback_params(f: FuncType) -> str:
    """The parameters of the trampoline of a func type: the callable, the arguments, and the
    result holder's slot when the results do not come back by value."""
    params = ['uintptr_t fn'] + ['%s a%d' % (a.c_type, k) for k, a in enumerate(f.params)]
    return ', '.join(params + ([] if f.direct else ['uintptr_t slot']))


def callback_ret_args(f: FuncType) -> str:
    """The converted results of a callable, as the arguments of ret_<id>."""
    return ''.join(r.c_pass.format(x='r%d' % k) + ', ' for k, r in enumerate(f.results))


def c_export_params(f: FuncPlan) -> str:
    """The parameters of f's cgo export before msg, as abi.h declares them (each followed by ', ')."""
    params = ['%s self' % f.self_c_type] if f.receiver else []
    params += ['%s %s' % (a.conv.c_type, a.go_param) for a in f.args]
    params += ['%s *%s' % (r.conv.c_out, r.go_param) for r in f.results]
    if f.takes_ctx:
        params.append('gobind_poll_fn poll')
    if f.takes_objects:
        params.append('uintptr_t pyobjs')
    return ''.join(p + ', ' for p in params)


def c_ret_params(f: FuncType) -> str:
    """The result parameters of ret_<id>, which stores a callable's results (each followed by ', ')."""
    return ''.join('%s r%d, ' % (r.c_type, k) for k, r in enumerate(f.results))


def c_iter_result_params(it: IterType) -> str:
    """The result slots of an iterator's iternext export (each followed by ', ')."""
    return ''.join('%s *r%d, ' % (e.c_out, k) for k, e in enumerate(it.elems))


def c_py_object_params(i: InterfacePlan) -> str:
    """The bound-method parameters of an interface's _py export (each followed by ', ')."""
    return ''.join('uintptr_t m%d, ' % k for k in range(len(i.iface.py_methods)))


FILTERS: Dict[str, Callable[..., object]] = {fn.__name__: fn for fn in (
    c_params, meth_flags, c_unpack, call_begin, call_end, export_args, c_module, all_consts, seq_needs_locals,
    seq_method_lists, seq_fixed_len, value_base_str, enum_str_name, iface_accepts, iface_method_args, callback_params,
    callback_ret_args, c_export_params, c_ret_params, c_iter_result_params, c_py_object_params)}
