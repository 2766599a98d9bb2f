"""The `borrow` setting: which parameters of which Go functions reach Go as views of Python's
memory, as `//gobind:borrow` lines in the Go source say (docs/type-mapping.md), for packages whose
source you cannot edit: gobind.extension(..., borrow: {...}), `--borrow`, load(borrow=...)."""

from __future__ import annotations

import dataclasses
from typing import Mapping, Tuple

from .. import validate
from ..errors import GobindError
from ..model import Func, Package


def parameter_names(text: str) -> Tuple[str, ...]:
    """The names of a setting's value, separated by commas or spaces, as in a //gobind:borrow
    line; ('*',) (every parameter that can be borrowed) for an empty value."""
    return tuple(validate.parameter_names(text)) or ('*',)


def apply_borrow(pkg: Package, settings: Mapping[str, str]) -> Package:
    """pkg with each setting's parameters added to its function's or method's borrow list.

    Raises GobindError for a name that is neither a function nor a method of a type of pkg."""
    if not settings:
        return pkg

    def add(fn: Func, name: str) -> Func:
        if name not in settings:
            return fn
        extra = tuple(p for p in parameter_names(settings[name]) if p not in fn.borrow)
        return dataclasses.replace(fn, borrow=fn.borrow + extra)

    funcs = tuple(add(f, f.name) for f in pkg.funcs)
    types = tuple(dataclasses.replace(t, methods=tuple(add(m, '%s.%s' % (t.name, m.name)) for m in t.methods))
                  for t in pkg.types)
    known = {f.name for f in pkg.funcs} | {'%s.%s' % (t.name, m.name) for t in pkg.types for m in t.methods}
    for name in sorted(settings):
        if name not in known:
            raise GobindError('borrow: package %s has no function or method %s (names are Go names: '
                              'Func or Type.Method)' % (pkg.path, name))
    return dataclasses.replace(pkg, funcs=funcs, types=types)
