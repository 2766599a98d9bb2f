"""The `borrow` setting: which parameters of which Go functions reach Go as views of Python's
memory, as `//gobind:borrow` lines in the Go source say (docs/type-mapping.md), for packages whose
source you cannot edit: gobind.extension(..., borrow: {...}), `--borrow`, load(borrow=...)."""

from __future__ import annotations

import dataclasses
import re
from typing import Dict, Iterable, Mapping, Tuple

from ..errors import GobindError
from ..model import Func, Package

_NAME = re.compile(r'^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?\Z')


def parameter_names(text: str) -> Tuple[str, ...]:
    """The names of a setting's value, separated by commas or spaces, as in a //gobind:borrow
    line; ('*',) (every parameter that can be borrowed) for an empty value."""
    names = tuple(n for n in re.split(r'[\s,]+', text.strip()) if n)
    return names or ('*',)


def check_setting(name: str, params: str) -> None:
    """Checks the form of one setting (Func or Type.Method; parameter names); raises GobindError."""
    if not _NAME.match(name):
        raise GobindError('borrow: %r is not a Go function name (write Func or Type.Method)' % name)
    for p in parameter_names(params):
        if p != '*' and not re.match(r'^[A-Za-z_][A-Za-z0-9_]*$', p):
            raise GobindError('borrow: %s: %r is not a parameter name' % (name, p))


def parse_settings(items: Iterable[str]) -> Dict[str, str]:
    """Reads command-line settings, each Name=params (params separated by commas or spaces)."""
    out: Dict[str, str] = {}
    for item in items:
        name, sep, params = item.partition('=')
        if not sep:
            raise GobindError('borrow: %r: write Name=params, e.g. SumFloats=xs' % item)
        check_setting(name.strip(), params)
        out[name.strip()] = (out.get(name.strip(), '') + ' ' + params).strip()
    return out


def apply_borrow(pkg: Package, settings: Mapping[str, str]) -> Package:
    """pkg with each setting's parameters added to its function's or method's borrow list.

    Raises GobindError for a name that is neither a function nor a method of a type of pkg."""
    if not settings:
        return pkg
    for name, params in settings.items():
        check_setting(name, params)

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
