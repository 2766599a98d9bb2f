"""Go spellings for the module templates: the pieces of an export or a callback that depend on several plan fields."""

from __future__ import annotations

from typing import Callable, Dict, List, Tuple

from ..bind.plan import FuncPlan, InterfacePlan
from ..bind.itermap import IterType
from ..bind.typemap import FuncType


def go_export_params(f: FuncPlan) -> str:
    """The parameters of f's export before msg: the receiver, the arguments, the result slots and
    the interrupt poll of a context-taking call (each followed by ', ')."""
    params = ['self C.%s' % f.self_c_type] if f.receiver else []
    params += ['%s C.%s' % (a.go_param, a.conv.c_type) for a in f.args]
    params += ['%s *C.%s' % (r.go_param, r.conv.c_out) for r in f.results]
    if f.takes_ctx:
        params.append('poll C.gobind_poll_fn')
    if f.takes_objects:
        params.append('pyobjs C.uintptr_t')
    return ''.join(p + ', ' for p in params)


def go_runner(f: FuncPlan) -> str:
    """The call that runs f's Go call on a goroutine of its own, up to its first argument's end:
    cancellable by Ctrl-C for a context-taking f, apart (for runtime.Goexit) otherwise."""
    return 'gobindRunCancellable(cancel, poll, ' if f.takes_ctx else 'gobindRunApart('


def cb_c_args(f: FuncType) -> str:
    """The Go arguments of a func type's call into its C trampoline, after the callable (', p0, p1')."""
    return ''.join(', ' + a.go_expr.format(v='p%d' % k) for k, a in enumerate(f.params))


def cb_results(f: FuncType) -> List[Tuple[str, str]]:
    """(Go result, value) for each result of a callable: from the C results returned by value, or
    from the result holder that ret_<id> filled."""
    if f.direct:
        return [('g%d' % k, r.go_in.format(x='res.r%d' % k)) for k, r in enumerate(f.results)]
    return [('g%d' % k, 'res.r%d' % k) for k in range(len(f.results))]


def cb_ret_params(f: FuncType) -> str:
    """The parameters of ret_<id>, the export storing a callable's results into its holder."""
    return ''.join('r%d C.%s, ' % (k, r.c_type) for k, r in enumerate(f.results))


def py_method_call(cb: FuncType, k: int) -> str:
    """The body of method k of the Go type standing for a Python object: a call of its callback."""
    call = 'p.m%d(%s)' % (k, ', '.join('p%d' % j for j in range(len(cb.param_go))))
    return ('return ' if cb.results or cb.returns_error else '') + call


def py_object_params(i: InterfacePlan) -> str:
    """The parameters of the _py export of an interface: the object, then its bound methods."""
    return ''.join(', m%d C.uintptr_t' % k for k in range(len(i.iface.py_methods)))


def py_object_fields(i: InterfacePlan) -> str:
    """The fields of a new gobindPy_<id>: the object's reference, and a callback per method (each
    belonging to c, the call whose arguments hold the object)."""
    fields = ['obj: gobindNewPyRef(obj)'] + ['m%d: gobindCallback_%s(m%d, c)' % (k, cb.id, k)
                                             for k, (_, cb) in enumerate(i.iface.py_methods)]
    return ', '.join(fields)


def iter_step(it: IterType) -> str:
    """The Go type of one step of an iterator: its value, or a gobindPair of an iter.Seq2's two."""
    if len(it.elems) == 1:
        return it.elem_go[0]
    return 'gobindPair[%s]' % ', '.join(it.elem_go)


def iter_result_params(it: IterType) -> str:
    """The result slots of an iterator's iternext export, one per value (each followed by ', ')."""
    return ''.join('r%d *C.%s, ' % (k, e.c_out) for k, e in enumerate(it.elems))


FILTERS: Dict[str, Callable[..., object]] = {fn.__name__: fn for fn in (
    go_export_params, go_runner, cb_c_args, cb_results, cb_ret_params, py_method_call, py_object_params,
    py_object_fields, iter_step, iter_result_params)}
