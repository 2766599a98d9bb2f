"""Plans of the golden test packages, made from their recorded API JSON through model and plan only.

tests/golden/<name>/<name>_api.json is what the inspector wrote for test_projects/<name> (kept current
by tests/test_generated_code.py).  Nothing here runs Go, Meson or a C compiler.
"""

from __future__ import annotations

import copy
import functools
import json
from pathlib import Path
from typing import Dict, Tuple

from gobind_module.build.generate import plan_from_api
from gobind_module.bind.gil import apply_policy
from gobind_module.bind.plan import FuncPlan, ModulePlan

GOLDEN = Path(__file__).resolve().parent.parent / 'golden'
#: Every golden package, by module name.
NAMES = tuple(sorted(p.parent.name for p in GOLDEN.glob('*/*_api.json')))


@functools.lru_cache(maxsize=None)
def _api(name: str) -> dict:
    with open(GOLDEN / name / ('%s_api.json' % name)) as f:
        return json.load(f)


def api(name: str) -> dict:
    """The recorded API JSON of a golden package (a copy the caller may change)."""
    return copy.deepcopy(_api(name))


def fresh_plan(name: str) -> ModulePlan:
    """A new plan of a golden package, with gobind's automatic GIL rule as the gen step applies it."""
    return apply_policy(plan_from_api(api(name), name), {}, 'auto')


@functools.lru_cache(maxsize=None)
def plan_of(name: str) -> ModulePlan:
    """fresh_plan, made once per package and session (plans are frozen)."""
    return fresh_plan(name)


def classes(plan: ModulePlan) -> Dict[str, object]:
    """Every bound class by its Python name as messages give it (Point, money.Wallet, url.URL)."""
    out = {}
    for group in (plan.structs, plan.seqs, plan.values, plan.maps, plan.boxes, plan.ifaces, plan.funcvals,
                  plan.chans):
        for c in group:
            out[plan.py_ref(c)] = c
    return out


def callables(plan: ModulePlan) -> Dict[str, FuncPlan]:
    """Every bound function and method by its Python path: Func, sub.Func, Class.Method, sub.Class.Method."""
    out = {('%s.%s' % (f.module, f.py_name) if f.module else f.py_name): f for f in plan.all_funcs}
    for name, c in classes(plan).items():
        for m in c.methods:
            out['%s.%s' % (name, m.py_name)] = m
    return out


def skips(plan: ModulePlan) -> Dict[str, str]:
    """Skipped Go symbol -> reason."""
    return {s.symbol: s.reason for s in plan.skipped}


def params(f: FuncPlan) -> Tuple[Tuple[str, str], ...]:
    """(Python name, C helper converting the argument) of each parameter."""
    return tuple((a.py_name, a.conv.from_py) for a in f.args)


def results(f: FuncPlan) -> Tuple[str, ...]:
    """The C helper converting each non-error result to Python."""
    return tuple(r.conv.to_py for r in f.results)


def gil(f: FuncPlan) -> str:
    """'keep', 'sized' (kept up to 4 KiB of str and bytes arguments) or 'release': the GIL while Go runs."""
    if not f.release_gil:
        return 'keep'
    return 'sized' if f.sized_gil else 'release'


def borrowed(f: FuncPlan) -> Dict[str, str]:
    """Parameter -> why Go gets a view of Python's memory, for the parameters passed as views."""
    return {a.py_name: a.borrowed for a in f.args if a.borrowed}
