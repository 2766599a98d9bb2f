"""C spellings for the module templates: the pieces of a function's C code that depend on several plan fields."""

from __future__ import annotations

from typing import Callable, Dict

from .plan import FuncPlan


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
    return ', '.join(parts + ['&msg'])


FILTERS: Dict[str, Callable[..., str]] = {
    fn.__name__: fn for fn in (c_params, meth_flags, c_unpack, call_begin, call_end, export_args)}
