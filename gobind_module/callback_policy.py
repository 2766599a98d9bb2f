"""Per-function opt-in: an exception that a Python callable raises on a goroutine Go started becomes a
Go panic there (which Go code may recover) instead of being raised by the waiting call.

Set like the GIL policy (gil.py): `callback_panics: ['Parallel']` in meson.build,
`--callback-panics Parallel` on the command line, `load(..., callback_panics=['Parallel'])`.
docs/runtime.md ("Callbacks on goroutines") explains both behaviours.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Iterable

from .gil import GilPolicyError, check_known, map_funcs

if TYPE_CHECKING:
    from .plan import FuncPlan, ModulePlan


class CallbackPolicyError(GilPolicyError):
    """A callback_panics name is not a Go name, or not a bound function that takes a callable."""


def apply_panics(plan: ModulePlan, names: Iterable[str]) -> ModulePlan:
    """The plan with callback_panics set on the named functions; each must take a Python callable."""
    chosen = set(names)
    for name in sorted(chosen):
        check_known(plan, name, 'callback_panics', CallbackPolicyError)

    def decide(name: str, f: FuncPlan) -> FuncPlan:
        if name not in chosen:
            return f
        if not f.takes_callbacks:
            raise CallbackPolicyError('callback_panics: %s takes no Python callable' % name)
        return dataclasses.replace(f, callback_panics=True)

    return map_funcs(plan, decide)
