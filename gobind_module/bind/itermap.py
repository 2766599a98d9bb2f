"""Go iterators (iter.Seq, iter.Seq2 and any func(yield func(...) bool)) as Python iterators."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Dict, Optional, Tuple

from ..model import GoType, Param

if TYPE_CHECKING:
    from .typemap import Conversion, FuncType, TypeMapper


@dataclasses.dataclass(frozen=True)
class IterType:
    """A Go iterator type: one value per step (a Seq) or two (a Seq2)."""

    id: str                                  # Iter_int, Iter2_string_int, ...
    spelling: str                            # Go spelling for comments and docs
    elems: Tuple['Conversion', ...]          # the values of one step
    elem_go: Tuple[str, ...]                 # their Go spellings in the generated file
    puller: Optional['FuncType'] = None      # func() V or func() (K, V): how Go pulls a Python iterator

    @property
    def func_type(self) -> str:
        """The unnamed Go func type of the iterator, which every iterator type converts to."""
        return 'func(yield func(%s) bool)' % ', '.join(self.elem_go)

    @property
    def py_elem(self) -> str:
        """The Python type of one step."""
        if len(self.elems) == 1:
            return self.elems[0].py_type
        return 'tuple[%s]' % ', '.join(e.py_type for e in self.elems)

    @property
    def py_in_elem(self) -> str:
        """The Python type of one item a parameter accepts."""
        if len(self.elems) == 1:
            return self.elems[0].py_param
        return 'tuple[%s]' % ', '.join(e.py_param for e in self.elems)


def substitute(t: GoType, args: Dict[str, GoType]) -> GoType:
    """t with its type parameters replaced by the types args maps their names to."""
    if t.kind == 'typeparam':
        return args.get(t.name, t)
    changes = {}
    for name in ('elem', 'key'):
        inner = getattr(t, name)
        if inner is not None:
            changes[name] = substitute(inner, args)
    if t.params or t.results:
        changes['params'] = tuple(Param(p.name, substitute(p.type, args)) for p in t.params)
        changes['results'] = tuple(Param(p.name, substitute(p.type, args)) for p in t.results)
    if t.type_args:
        changes['type_args'] = tuple(substitute(a, args) for a in t.type_args)
    return dataclasses.replace(t, **changes) if changes else t


def iter_values(mapper: 'TypeMapper', t: GoType) -> Optional[Tuple[GoType, ...]]:
    """The value types of one step if t is an iterator type, func(yield func(V) bool) or
    func(yield func(K, V) bool), named (iter.Seq[V] is one) or not; else None."""
    if t.kind == 'named' and t.pkg:
        decl = mapper.lookup(t.pkg, t.name)
        if decl is None or decl.alias or len(decl.type_params) != len(t.type_args):
            return None
        t = substitute(decl.underlying, dict(zip(decl.type_params, t.type_args)))
    if t.kind != 'func' or t.variadic or t.results or len(t.params) != 1:
        return None
    y = t.params[0].type
    if y.kind != 'func' or y.variadic or len(y.params) not in (1, 2) or len(y.results) != 1 \
            or y.results[0].type != GoType(kind='basic', name='bool'):
        return None
    values = tuple(p.type for p in y.params)
    if any(v.kind == 'typeparam' for v in values):
        return None
    return values


@dataclasses.dataclass(frozen=True)
class IterPlan:
    """What the templates generate for one iterator type."""

    it: IterType
    out: bool    # some result hands one to Python: Go pulls it (iter.Pull) for a Python iterator
    into: bool   # some parameter takes a Python iterable: Go ranges over it through it.puller

    @property
    def id(self) -> str:
        return self.it.id


def plan_iters(mapper: 'TypeMapper') -> Tuple[IterPlan, ...]:
    """The iterator types of the module, by name."""
    return tuple(IterPlan(mapper.iters[k], k in mapper.iter_out, k in mapper.iter_in) for k in sorted(mapper.iters))
