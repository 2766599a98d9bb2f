"""Which bound calls Python code that Go calls back belongs to, and the per-function opt-in: an
exception that a Python callable (or a method of a Python object implementing a Go interface) raises
on a goroutine Go started becomes a Go panic there (which Go code may recover) instead of being
raised by the waiting call.

Set like the GIL policy (gil.py): `callback_panics: ['Parallel']` in meson.build,
`--callback-panics Parallel` on the command line, `load(..., callback_panics=['Parallel'])`.
docs/runtime.md ("Callbacks on goroutines") explains both behaviours.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, FrozenSet, Iterable

from .gil import GilPolicyError, check_known, map_funcs

if TYPE_CHECKING:
    from ..model import GoType
    from .plan import FuncPlan, ModulePlan
    from .typemap import TypeMapper


class CallbackPolicyError(GilPolicyError):
    """A callback_panics name is not a Go name, or not a bound function that takes a callable."""


def takes_objects(mapper: TypeMapper, t: GoType, seen: FrozenSet[str] = frozenset()) -> bool:
    """Whether converting an argument of Go type t may turn Python objects into Go interface values:
    t is an interface Python objects can implement, or a slice, array or map of such values.  Those
    objects then belong to the bound call like its callables (gobindJoinCall)."""
    if t.kind in ('slice', 'array'):
        return takes_objects(mapper, t.elem, seen)
    if t.kind == 'map':
        return takes_objects(mapper, t.key, seen) or takes_objects(mapper, t.elem, seen)
    if t.kind != 'named' or t.is_error or t.type_args or t.go_spelling() in seen:
        return False
    decl = mapper.lookup(t.pkg, t.name)
    if decl is None or decl.alias:
        return False
    u = decl.underlying
    if u.kind == 'interface':
        iface = mapper.ifaces.get(mapper.home(t.pkg).id(t.name))
        return bool(u.methods) and (iface is None or not iface.python_reason)
    return u.kind in ('slice', 'array', 'map') and takes_objects(mapper, u, seen | {t.go_spelling()})


def apply_panics(plan: ModulePlan, names: Iterable[str]) -> ModulePlan:
    """The plan with callback_panics set on the named functions; each must take a Python callable or
    an object implementing a Go interface."""
    chosen = set(names)
    for name in sorted(chosen):
        check_known(plan, name, 'callback_panics', CallbackPolicyError)

    def decide(name: str, f: FuncPlan) -> FuncPlan:
        if name not in chosen:
            return f
        if not f.takes_callbacks and not f.takes_objects:
            raise CallbackPolicyError('callback_panics: %s takes no Python callable or object implementing a '
                                      'Go interface' % name)
        return dataclasses.replace(f, callback_panics=True)

    return map_funcs(plan, decide)
