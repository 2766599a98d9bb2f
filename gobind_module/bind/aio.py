"""Async twins (m.aio): which package functions get one, and what the templates need for each."""

from __future__ import annotations

import dataclasses
from typing import Iterable, Tuple

from ..emit.escape import c_string, py_docstring
from .typemap import c_ident


@dataclasses.dataclass(frozen=True)
class AioPlan:
    """The async twin of one bound package function (f, its FuncPlan): Go runs the call on a
    goroutine of its own and the awaitable resolves on the event loop."""

    f: object          # FuncPlan (not imported: plan.py imports this module)
    export: str        # the cgo export that converts the arguments and starts the goroutine
    doc: str           # its __doc__ (after the signature line)

    @property
    def c_name(self) -> str:
        if self.f.receiver:
            return 'gobind_aio_m_%s_%s' % (self.f.receiver, c_ident(self.f.py_name))
        return 'gobind_aio_fn_' + c_ident(self.f.py_name)

    @property
    def job(self) -> str:
        """The C struct of one call's job: gobind_aio_job, then the result slots."""
        return self.c_name.replace('gobind_aio_', 'gobind_aiojob_', 1)

    @property
    def go_args(self) -> Tuple[Tuple[str, str], ...]:
        """(Go local, expression) of each argument, converted before the goroutine starts."""
        return tuple(('x%d' % a.index, a.conv.go_in.format(x=a.go_param)) for a in self.f.args)

    @property
    def go_call_args(self) -> str:
        args = ['x%d%s' % (a.index, '...' if a.variadic else '') for a in self.f.args]
        return ', '.join((['ctx'] if self.f.takes_ctx else []) + args)

    @property
    def c_params(self) -> str:
        """The parameters of the export before msg, as abi.h declares them: the arguments, the
        result slots, then the job, its status and its msg (each followed by ', ')."""
        params = ['%s self' % self.f.self_c_type] if self.f.receiver else []
        params += ['%s %s' % (a.conv.c_type, a.go_param) for a in self.f.args]
        params += ['%s *%s' % (r.conv.c_out, r.go_param) for r in self.f.results]
        return ''.join(p + ', ' for p in params + ['uintptr_t job', 'int *jstatus', 'gobind_buf *jmsg'])

    @property
    def go_params(self) -> str:
        """The same parameters as Go spells them."""
        params = ['self C.%s' % self.f.self_c_type] if self.f.receiver else []
        params += ['%s C.%s' % (a.go_param, a.conv.c_type) for a in self.f.args]
        params += ['%s *C.%s' % (r.go_param, r.conv.c_out) for r in self.f.results]
        return ''.join(p + ', ' for p in params + ['job C.uintptr_t', 'jstatus *C.int', 'jmsg *C.gobind_buf'])

    @property
    def c_args(self) -> str:
        """The export's arguments, from the C twin (whose job is `job`)."""
        parts = []
        if self.f.recv_value is not None:
            parts.append(self.f.recv_value.c_pass.format(x='selfv'))
        elif self.f.receiver:
            parts.append('GOBIND_HANDLE(self)')
        parts += [a.c_pass for a in self.f.args] + ['&job->r%d' % r.index for r in self.f.results]
        return ', '.join(parts + ['(uintptr_t)job', '&job->job.status', '&job->job.msg', '&msg'])

    @property
    def c_doc(self) -> str:
        return c_string(self.doc, indent=16)

    @property
    def pyi_doc(self) -> str:
        return py_docstring(self.doc)


def aio_ok(f) -> bool:
    """Whether function or method f gets a twin: not those that take Python callables, iterables or
    objects (Go would call back into Python from the goroutine), nor those that borrow Python's
    memory (//gobind:borrow: the view ends when the export returns, before the goroutine)."""
    return not (f.module or f.keeps_call or any(a.borrowed for a in f.args))


def aio_plan(f, prefix: str, module: str) -> AioPlan:
    cancel = ('Cancelling the awaiting task cancels the context.Context the Go function gets.' if f.takes_ctx
              else 'Cancelling the awaiting task drops the result; the Go call runs to its end.')
    doc = ('%s\n\nAwaitable twin of %s.%s: the Go call runs on a goroutine of its own with the GIL released, '
           'and the result comes back on the running event loop (asyncio). %s' %
           (f.signature, module, f.py_name, cancel) + ('\n\n' + f.doc if f.doc else ''))
    return AioPlan(f=f, export='%saio_%s' % (prefix, f.export[len(prefix):]), doc=doc)


def aio_plans(funcs: Iterable, prefix: str, module: str) -> Tuple[AioPlan, ...]:
    """The twins of a module's package functions, in their order."""
    return tuple(aio_plan(f, prefix, module) for f in funcs if aio_ok(f) and not f.receiver)


def aio_class_plans(classes: Iterable, prefix: str, module: str) -> Tuple[Tuple[str, Tuple[AioPlan, ...]], ...]:
    """(class id, twins of its methods) of each class with a method that gets one: aio.call() finds them."""
    out = []
    for c in classes:
        twins = tuple(aio_plan(f, prefix, module) for f in c.methods if aio_ok(f))
        if twins:
            out.append((c.id, twins))
    return tuple(out)
