"""Jinja tests for the templates: each condition that combines several plan fields, so a template tests one name."""

from __future__ import annotations

from typing import Callable, Dict

from ..bind.plan import FuncPlan, InterfacePlan, ModulePlan, SeqPlan
from ..bind.typemap import FuncType


def with_runtime_types(m: ModulePlan) -> bool:
    """Values whose Go type is known only at run time cross (interfaces or any): they share the
    handle maker, the repr export and gobind_repr_go."""
    return bool(m.ifaces) or m.uses_any


def releasing_receiver(f: FuncPlan) -> bool:
    """A method of a value class whose converted receiver holds something to release."""
    return f.recv_value is not None and bool(f.recv_value.release)


def run_apart(f: FuncPlan) -> bool:
    """The Go call runs on a goroutine of its own: cancellable (context) or allowed to Goexit."""
    return f.takes_ctx or f.goexit


def with_result_holder(f: FuncType) -> bool:
    """A callable's results go back to Go through a holder (ret_<id>), not by value."""
    return bool(f.results) and not f.direct


def appended_in_one_copy(q: SeqPlan) -> bool:
    """A slice whose C items have the Go layout: Go appends them in one memmove."""
    return q.fast_in and not q.is_array


def switching_kinds(i: InterfacePlan, m: ModulePlan) -> bool:
    """An interface value's reference depends on its dynamic type: bound structs that implement
    it, or Python objects that implemented it, have their own kinds."""
    return bool(i.impls) or bool(m.py_ifaces)


TESTS: Dict[str, Callable[..., bool]] = {fn.__name__: fn for fn in (
    with_runtime_types, releasing_receiver, run_apart, with_result_holder, appended_in_one_copy, switching_kinds)}
