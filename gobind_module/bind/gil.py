"""Per-function GIL policy: whether a bound function releases Python's GIL while Go runs.

The plan decides automatically (plan.quick_call); the project can override that per function
(`gil: {'Add': 'keep'}` in meson.build, `--gil Add=keep` on the command line) or for the whole
module (`gil_default`).  docs/runtime.md explains the trade-off and the measurements.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Callable, Dict, List, Mapping, Tuple

from ..errors import GobindError

if TYPE_CHECKING:
    from .plan import FuncPlan, ModulePlan

class GilPolicyError(GobindError):
    """A GIL setting names no bound function; the message says which.  (options.py checks the
    settings' form, with validate.py.)"""


def _class_groups(plan: ModulePlan) -> Dict[str, tuple]:
    """The plan's tuples of classes that have methods (structs, sequences, values, ...), by field."""
    groups = {}
    for field in dataclasses.fields(plan):
        items = getattr(plan, field.name)
        if field.name != 'funcs' and isinstance(items, tuple) and items and dataclasses.is_dataclass(items[0]) \
                and 'methods' in {f.name for f in dataclasses.fields(items[0])}:
            groups[field.name] = items
    return groups


def _go_name(f: FuncPlan) -> str:
    owner = f.receiver or f.module
    return '%s.%s' % (owner, f.go_name) if owner else f.go_name


def _callables(plan: ModulePlan) -> List[Tuple[str, FuncPlan]]:
    """Every bound function and method with its Go name (Func or Type.Method)."""
    out = [(_go_name(f), f) for f in plan.all_funcs]
    for classes in _class_groups(plan).values():
        out.extend((_go_name(m), m) for c in classes for m in c.methods)
    return out


def check_known(plan: ModulePlan, name: str, setting: str, error: type = GilPolicyError) -> None:
    """Raises error unless name (Func or Type.Method) is a bound function or method of plan;
    setting names the option in the message."""
    if name in dict(_callables(plan)):
        return
    skipped = [s.reason for s in plan.skipped if s.symbol == name]
    if skipped:
        raise error('%s: %s is not bound, so it has no %s setting (skipped: %s)'
                    % (setting, name, 'GIL' if setting == 'gil' else setting, skipped[0]))
    raise error('%s: package %s has no bound function or method %s (names are Go names: '
                'Func or Type.Method)' % (setting, plan.go_path, name))


def map_funcs(plan: ModulePlan, decide: Callable[[str, FuncPlan], FuncPlan]) -> ModulePlan:
    """The plan with every bound function and method f replaced by decide(Go name, f)."""
    def one(f: FuncPlan) -> FuncPlan:
        return decide(_go_name(f), f)

    changes = {name: tuple(dataclasses.replace(c, methods=tuple(one(m) for m in c.methods)) for c in classes)
               for name, classes in _class_groups(plan).items()}
    changes['funcs'] = tuple(one(f) for f in plan.funcs)
    changes['submodules'] = tuple(dataclasses.replace(sm, funcs=tuple(one(f) for f in sm.funcs))
                                  for sm in plan.submodules)
    return dataclasses.replace(plan, **changes)


def apply_policy(plan: ModulePlan, settings: Mapping[str, str], default: str = 'auto') -> ModulePlan:
    """The plan with each function's release_gil set from settings, then default.

    Raises GilPolicyError for a name that is not a bound function or method, saying why.
    """
    for name in sorted(settings):
        check_known(plan, name, 'gil')

    def decide(name: str, f: FuncPlan) -> FuncPlan:
        choice = settings.get(name, default)
        if choice == 'auto':
            return f
        return dataclasses.replace(f, release_gil=choice == 'release', sized_gil=False)

    return map_funcs(plan, decide)


def kept(plan: ModulePlan) -> List[str]:
    """Go names of the functions and methods that keep the GIL during their call (those that keep
    it only for short str and bytes arguments say so)."""
    return sorted(name if not f.release_gil else name + ' (up to 4 KiB of str and bytes arguments)'
                  for name, f in _callables(plan) if not f.release_gil or f.sized_gil)


def borrowed_params(plan: ModulePlan) -> List[str]:
    """'Func(param): why' for every parameter that Go gets as a view of Python's memory."""
    return sorted('%s(%s): %s' % (name, a.py_name, a.borrowed) for name, f in _callables(plan)
                  for a in f.args if a.borrowed)
