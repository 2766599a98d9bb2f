"""Go generics: which generic functions and types are bound (through their instantiations), the
objects standing for them (m.Max[int], m.Stack[int]) and the skip of those with no instantiation."""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING, Callable, Dict, List, Sequence, Tuple

from . import typemap
from ..emit.escape import py_docstring, py_string
from ..model import Func, GoType, Package, TypeDecl

if TYPE_CHECKING:
    from .plan import ModulePlan, _Planner

#: How a skipped generic is told to get instantiations.
HOW = ('list instantiations with the instantiate option or a //gobind:instantiate line, or use one in '
       'the non-generic API (docs/type-mapping.md, "Generics")')

#: The Python types a subscript may give for a Go type argument, besides its Go spelling.
PY_FOR_GO = {'int': 'int', 'float64': 'float', 'string': 'str', '[]byte': 'bytes', 'bool': 'bool'}


@dataclasses.dataclass(frozen=True)
class GenericInst:
    """One bound instantiation of a generic."""

    key: str                 # its type arguments as Go spells them ("string, int"), the subscript
    attr: str                # the attribute of the generic's module holding it (Max_int, Stack_int)
    py_args: Tuple[str, ...]  # per type argument, the Python type a subscript may give ('' if none)
    stub_type: str = 'Any'   # the stub's type of the instantiation: type[Stack_int], Callable[[int, int], int]

    @property
    def stub_key(self) -> str:
        """The stub's type of the subscripts that give this instantiation."""
        items = ['%sLiteral[%s]' % ('type[%s] | ' % py if py else '', py_string(k.strip()))
                 for py, k in zip(self.py_args, self.key.split(', '))]
        if len(items) == 1:
            return items[0]
        return 'tuple[%s] | Literal[%s]' % (', '.join(items), py_string(self.key))


@dataclasses.dataclass(frozen=True)
class GenericPlan:
    """The object standing for a generic function or type in its (sub)module."""

    go_name: str
    py_name: str
    what: str                # 'function' or 'type'
    module: str              # its submodule ('' for the extension module)
    doc: str
    insts: Tuple[GenericInst, ...]
    classes: Tuple[Tuple[str, str], ...]   # bound classes among the type arguments: (path, Go spelling)

    @property
    def stub_class(self) -> str:
        """The name of the stub's class typing the object (it exists only in the .pyi)."""
        return '_Generic_%s%s' % (self.module + '_' if self.module else '', self.py_name)

    @property
    def stub_doc(self) -> str:
        listed = ', '.join('%s[%s] is %s' % (self.go_name, i.key, i.attr) for i in self.insts)
        return py_docstring('Go generic %s %s: %s.%s' % (self.what, self.go_name, listed, ' Calling it calls the '
                            'first instantiation that takes the arguments.' * (self.what == 'function')))


def instances_of(generic: str, pkg: str, decls: Sequence) -> List:
    """The instantiations (funcs or type declarations) of generic `generic` of package pkg."""
    return [d for d in decls if d.origin == generic and getattr(d, 'pkg', pkg) == pkg]


def key_spelling(t: GoType, pkg: Package) -> str:
    """A type argument as the subscript spells it: Go's spelling, the package's own types unqualified."""
    return re.sub(r'\b%s\.' % re.escape(pkg.name), '', t.go_spelling())


def display_name(decl: TypeDecl, pkg: Package) -> str:
    """How reprs name an instantiation of a generic type (Stack[int], Pair[string, int]); '' for others."""
    if not decl.type_args:
        return ''
    return '%s[%s]' % (decl.origin, ', '.join(key_spelling(a, pkg) for a in decl.type_args))


def generic_func_skip(fn: Func, funcs: Sequence[Func]) -> str:
    """'' when generic function fn has an instantiation among funcs, else why it is skipped."""
    if instances_of(fn.name, '', funcs):
        return ''
    return 'generic function with no instantiation: ' + HOW


def generic_type_skip(decl: TypeDecl, decls: Sequence[TypeDecl]) -> str:
    """'' when generic type decl has an instantiation among decls, else why it is skipped."""
    if instances_of(decl.name, decl.pkg, decls):
        return ''
    return 'generic type with no instantiation: ' + HOW


def plan_generic(go_name: str, py_name: str, what: str, module: str, doc: str, pkg: Package,
                 found: Sequence[Tuple[Tuple[GoType, ...], str, str]],
                 class_path: Callable[[GoType], str]) -> GenericPlan:
    """The plan of one generic: found lists each bound instantiation's type arguments, attribute and
    stub type; class_path gives the path of a type argument's bound class ('' if none)."""
    insts = []
    classes: Dict[str, str] = {}
    for args, attr, stub in found:
        keys = [key_spelling(a, pkg) for a in args]
        py = []
        for a, k in zip(args, keys):
            path = class_path(a)
            if path:
                classes[path] = k
            py.append(PY_FOR_GO.get(k) or path)
        insts.append(GenericInst(', '.join(keys), attr, tuple(py), stub))
    return GenericPlan(go_name, py_name, what, module, doc, tuple(insts), tuple(sorted(classes.items())))


def plan_generics(self: '_Planner', plan: 'ModulePlan') -> Tuple[GenericPlan, ...]:
    """The objects standing for the generic functions and types that have bound instantiations
    (self: the planner, plan: its module plan, whose classes are planned)."""
    classes = {c.id: c for module in [''] + [sm.name for sm in plan.submodules] for c in plan.classes_in(module)}

    def class_path(t: GoType) -> str:
        try:
            c = classes.get(self.mapper.type_id(t))
        except typemap.Unsupported:
            return ''
        return typemap.python_ref(c.module, c.py_name) if c is not None else ''
    funcs = {(f.module, f.py_name): f for f in plan.all_funcs}

    def callable_type(module: str, py: str) -> str:
        f = funcs[(module, py)]
        if f.variadic:
            return 'Callable[..., %s]' % f.py_return
        return 'Callable[[%s], %s]' % (', '.join(a.conv.py_param for a in f.args), f.py_return)
    out = []
    bound = [(self.mapper.home(self.pkg.path), self.pkg)] + [(self.mapper.home(p.path), p) for _, p in self.submodules]
    for home, pkg in bound:
        for fn in pkg.funcs:
            found = [(i.type_args, self.inst_attrs[(home.module, i.name)],
                      callable_type(home.module, self.inst_attrs[(home.module, i.name)]))
                     for i in instances_of(fn.name, '', pkg.funcs) if (home.module, i.name) in self.inst_attrs]
            if fn.type_params and found:
                out.append(plan_generic(fn.name, self.module_name(fn.name, home.module), 'function', home.module,
                                        fn.doc, self.pkg, found, class_path))
    decls = [d for p in self.mapper.packages for d in p.types + p.external_types]
    for decl in decls:
        home = self.mapper.homes.get(decl.pkg)
        if not decl.type_params or decl.alias or home is None:
            continue
        found = [(i.type_args, classes[home.id(i.name)].py_name, 'type[%s]' % class_path(GoType(
                  kind='named', pkg=i.pkg, name=i.name))) for i in instances_of(decl.name, decl.pkg, decls)
                 if home.id(i.name) in classes]
        if found and not any(g.go_name == decl.name and g.module == home.module for g in out):
            out.append(plan_generic(decl.name, self.module_name(decl.name, home.module), 'type', home.module,
                                    decl.doc, self.pkg, found, class_path))
    return tuple(out)
