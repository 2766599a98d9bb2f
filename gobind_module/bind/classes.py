"""Decisions about struct classes behaving like Python's: which ones pickle cannot carry, and why."""

from __future__ import annotations

from typing import Iterable

from ..model import GoType, TypeDecl

#: Kinds of Go values that cannot cross to another process: what pickle says of a field of each.
_NOT_VALUES = {'func': 'a Go func', 'chan': 'a Go channel'}


def _kind(pkg, t: GoType) -> str:
    """The kind of t's underlying type (a named type's, when the API describes it)."""
    if t.kind == 'named':
        decl = pkg.lookup(t.pkg, t.name)
        return decl.underlying.kind if decl is not None else 'named'
    return t.kind


def pickle_refusal(pkg, decl: TypeDecl, bound: Iterable[str]) -> str:
    """Why a struct's value cannot be pickled, naming the first field at fault, or '' when its bound
    fields carry it all: pickle rebuilds a struct from its fields, so an unexported field, one
    gobind does not bind, or a func or channel (live Go state) would be lost."""
    bound = set(bound)
    for f in decl.underlying.fields:
        if not f.exported:
            return 'field %s is unexported' % f.name
        kind = _kind(pkg, f.type)
        if kind in _NOT_VALUES:
            return 'field %s is %s' % (f.name, _NOT_VALUES[kind])
        if f.name not in bound:
            return 'field %s is not bound' % f.name
    return ''
