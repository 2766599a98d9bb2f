"""Instantiations of generic types and functions as the type mapper sees them: Stack[int] is the
named type Stack_int that the inspector described, spelt Stack[int] in the generated Go."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .itermap import iter_values
from ..model import Func, GoType, instance_name

if TYPE_CHECKING:
    from .typemap import TypeMapper


def instance(mapper: 'TypeMapper', t: GoType) -> GoType:
    """t, or for an instantiation of a generic type (Stack[int]) the named type the inspector
    described it as (Stack_int, model.instance_name()), whose Go spelling its package's home now
    knows (PackageHome.instances)."""
    if t.kind != 'named' or not t.type_args or any(has_typeparam(a) for a in t.type_args) \
            or iter_values(mapper, t) is not None:   # iter.Seq[int] stays an iterator type (itermap.py)
        return t
    decl = next((d for p in mapper.packages for d in p.types + p.external_types
                 if d.pkg == t.pkg and d.origin == t.name and d.type_args == t.type_args), None)
    name = decl.name if decl is not None else instance_name(t.name, t.type_args)
    home = mapper.home(t.pkg)
    if name not in home.instances:
        home.instances[name] = '%s[%s]' % (t.name, ', '.join(mapper.go_spelling(a) for a in t.type_args))
    return GoType(kind='named', pkg=t.pkg, name=name)


def func_go_name(mapper: 'TypeMapper', fn: Func) -> str:
    """How the generated Go file names a package function: Max, or Max[int] for an instantiation."""
    if not fn.type_args:
        return fn.name
    return '%s[%s]' % (fn.origin, ', '.join(mapper.go_spelling(a) for a in fn.type_args))


def has_typeparam(t: GoType) -> bool:
    """Whether t mentions a type parameter (Stack[T] inside Stack's own methods)."""
    if t.kind == 'typeparam':
        return True
    inner = [x for x in (t.elem, t.key) if x is not None] + list(t.type_args) \
        + [p.type for p in t.params + t.results]
    return any(has_typeparam(x) for x in inner)
