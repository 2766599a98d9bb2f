"""Func values: the plan of the class whose objects hold a Go func and call it from Python."""

from __future__ import annotations

import dataclasses
from typing import Any, Tuple

from ..emit.escape import py_docstring
from ..model import Func
from .typemap import Conversion, FuncType, FuncValType, funcval_conversion

#: The Python name (and Go method name) of the method that calls the func; __call__ calls it too.
CALL = 'call'


def call_func(fv: FuncValType) -> Func:
    """The method that calls a func value, as a Go method of gobind's holder type (gobindFn_<id>)."""
    return Func(name=CALL, params=fv.sig.params, results=fv.sig.results,
                doc='Calls the Go %s.' % fv.go_type.replace('gobindpkg.', ''))


@dataclasses.dataclass(frozen=True)
class FuncValPlan:
    """A func type whose values cross as values: the class of the Go funcs Python holds."""

    fv: FuncValType
    prefix: str    # prefix of its cgo exports
    py_name: str   # the class name in the extension module
    call: Any      # the FuncPlan of its call method
    decl_methods: Tuple[Any, ...] = ()   # FuncPlans of the Go methods of a named func type

    module = ''    # func value classes of any package's types live in the extension module

    @property
    def id(self) -> str:
        return self.fv.id

    @property
    def go_type(self) -> str:
        return self.fv.go_type

    @property
    def callback(self) -> FuncType:
        """How Go calls a Python callable stored where Go wants this func type."""
        return self.fv.callback

    @property
    def conv(self) -> Conversion:
        return funcval_conversion(self.fv)

    @property
    def methods(self) -> Tuple[Any, ...]:
        return (self.call,) + self.decl_methods

    @property
    def go_params(self) -> str:
        """The parameters of the holder's Go call method: p0 int, p1 string."""
        return ', '.join('p%d %s' % (i, t) for i, t in enumerate(self.fv.callback.param_go))

    @property
    def go_args(self) -> str:
        return ', '.join('p%d' % i for i in range(len(self.fv.callback.param_go)))

    @property
    def go_results(self) -> str:
        """The results of the holder's Go call method, as Go spells them after the parameters."""
        return self.fv.results_go

    @property
    def go_return(self) -> str:
        """'return ' when the func has results, so the call method returns them."""
        return 'return ' if self.fv.sig.results else ''

    @property
    def pyi_doc(self) -> str:
        return py_docstring('A Go %s: calling it calls the Go func.' % self.go_type.replace('gobindpkg.', ''))
