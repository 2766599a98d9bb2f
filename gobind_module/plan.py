"""Decides what of a Go package gets bound, under which Python names, and how.

The plan is the single input of the templates: it holds final names, C and Go
spellings and docstrings, so the templates only print.  Whatever cannot be
bound is recorded in ``skipped`` with the reason.
"""

from __future__ import annotations

import dataclasses
import keyword
import re
from typing import List, Optional, Sequence, Tuple

from .model import Func, Package, Skipped, TypeDecl
from .typemap import Conversion, TypeMapper, Unsupported, result_conversion

#: Names every generated module defines itself; Go symbols with these names get a trailing '_'.
RESERVED_MODULE_NAMES = frozenset({'GoError', 'GoPanic'})

_IDENT = re.compile(r'^[A-Za-z_][A-Za-z0-9_]*$')


@dataclasses.dataclass(frozen=True)
class ArgPlan:
    """One Python-visible parameter of a bound function."""

    index: int
    py_name: str           # keyword name in Python
    conv: Conversion

    @property
    def c_local(self) -> str:
        return 'a%d' % self.index

    @property
    def c_pass(self) -> str:
        return self.conv.c_pass.format(x=self.c_local)

    @property
    def go_param(self) -> str:
        return 'a%d' % self.index

    @property
    def go_value(self) -> str:
        return self.conv.go_in.format(x=self.go_param)


@dataclasses.dataclass(frozen=True)
class ResultPlan:
    """One non-error result of a bound function."""

    index: int
    conv: Conversion

    @property
    def c_local(self) -> str:
        return 'r%d' % self.index

    @property
    def go_param(self) -> str:
        return 'r%d' % self.index

    @property
    def go_value(self) -> str:
        return 'v%d' % self.index

    @property
    def go_store(self) -> str:
        return self.conv.go_out.format(r=self.go_param, v=self.go_value)


@dataclasses.dataclass(frozen=True)
class FuncPlan:
    """A bound package-level function."""

    go_name: str           # name in the Go package
    py_name: str           # attribute name in the Python module
    export: str            # name of the cgo export the C code calls
    args: Tuple[ArgPlan, ...]
    results: Tuple[ResultPlan, ...]
    returns_error: bool
    doc: str               # Go doc comment
    signature: str         # Python signature line: Hello(name: str) -> str
    text_signature: str    # CPython __text_signature__ form: ($module, /, name)
    pyi_params: str        # parameters for the .pyi stub
    py_return: str         # return annotation
    receiver: str = ''     # for methods: the Go type name of the receiver's struct

    @property
    def go_target(self) -> str:
        """What the Go call is made on: the package alias, or the receiver pointer."""
        return 'gobindPtr_%s(self)' % self.receiver if self.receiver else 'gobindpkg'

    @property
    def c_name(self) -> str:
        """Name of the C function implementing this function or method."""
        return 'gobind_%s_%s' % (('m_' + self.receiver) if self.receiver else 'fn', self.py_name)

    @property
    def qualname(self) -> str:
        return '%s.%s' % (self.receiver, self.py_name) if self.receiver else self.py_name

    @property
    def go_call_lhs(self) -> str:
        """Left-hand side of the Go call, e.g. 'v0, err := ' or ''."""
        names = [r.go_value for r in self.results]
        if self.returns_error:
            names.append('gerr')
        return ', '.join(names) + ' := ' if names else ''

    @property
    def go_call_args(self) -> str:
        return ', '.join(a.go_value for a in self.args)

    @property
    def full_doc(self) -> str:
        """The Python __doc__: the signature line, then the Go doc."""
        return self.signature + ('\n\n' + self.doc if self.doc else '')

    @property
    def c_doc(self) -> str:
        return c_string(self.full_doc, indent=16)

    @property
    def pyi_doc(self) -> str:
        return py_docstring(self.doc or self.signature)


@dataclasses.dataclass(frozen=True)
class FieldPlan:
    """An exported struct field, read and written as a Python attribute."""

    go_name: str
    py_name: str
    conv: Conversion
    doc: str
    getter: str            # cgo export reading the field
    setter: str            # cgo export writing the field

    @property
    def c_doc(self) -> str:
        return c_string('%s: %s%s' % (self.py_name, self.conv.py_type, '\n\n' + self.doc if self.doc else ''))

    @property
    def go_get(self) -> str:
        return self.conv.go_out.format(r='out', v='p.' + self.go_name)

    @property
    def go_set(self) -> str:
        return 'p.%s = %s' % (self.go_name, self.conv.go_in.format(x='v'))


@dataclasses.dataclass(frozen=True)
class StructPlan:
    """A Go struct type bound as a Python class whose instances hold a handle to a *T."""

    go_name: str
    py_name: str
    doc: str
    fields: Tuple[FieldPlan, ...]
    methods: Tuple[FuncPlan, ...]
    str_method: Optional[FuncPlan]   # String() string, used for __str__
    new_export: str

    @property
    def c_doc(self) -> str:
        sig = '%s(%s)' % (self.py_name, ', '.join('%s: %s = ...' % (f.py_name, f.conv.py_type) for f in self.fields))
        return c_string(sig + ('\n\n' + self.doc if self.doc else ''))

    @property
    def pyi_doc(self) -> str:
        return py_docstring(self.doc or self.py_name)

    @property
    def pyi_init(self) -> str:
        return ', '.join(['self', '*'] + ['%s: %s = ...' % (f.py_name, f.conv.py_type) for f in self.fields]) \
            if self.fields else 'self'


@dataclasses.dataclass(frozen=True)
class ModulePlan:
    """Everything the templates render for one extension module."""

    name: str              # Python module name
    go_path: str           # Go import path
    go_alias: str          # identifier the Go file imports the package as
    doc: str
    funcs: Tuple[FuncPlan, ...]
    skipped: Tuple[Skipped, ...]
    py_major: int
    structs: Tuple[StructPlan, ...] = ()

    @property
    def go_import_name(self) -> str:
        """How the Go file imports the package: by alias, or blank when nothing is bound."""
        return self.go_alias if self.funcs or self.structs else '_'

    @property
    def release_export(self) -> str:
        """The cgo export that deletes a handle when its Python object dies."""
        return 'gobind_%s_release' % self.name

    @property
    def c_doc(self) -> str:
        return c_string(self.doc)

    @property
    def init_symbol(self) -> str:
        """The module's init function, the only symbol the extension exports."""
        return ('PyInit_%s' if self.py_major >= 3 else 'init%s') % self.name

    @property
    def pyi_doc(self) -> str:
        return py_docstring(self.doc)


def python_name(go_name: str, taken: Sequence[str] = ()) -> str:
    """A Python identifier for a Go name: keywords and reserved names get a trailing '_'."""
    name = go_name
    while keyword.iskeyword(name) or name in RESERVED_MODULE_NAMES or name in taken:
        name += '_'
    return name


def plan_module(pkg: Package, name: str, py_major: int = 3) -> ModulePlan:
    """Builds the ModulePlan for binding pkg as Python module `name`."""
    if not _IDENT.match(name) or keyword.iskeyword(name):
        raise ValueError('module name %r is not a Python identifier' % name)
    go_alias = 'gobindpkg'
    mapper = TypeMapper(pkg, go_alias)
    skipped: List[Skipped] = list(pkg.skipped)
    funcs: List[FuncPlan] = []
    used: List[str] = []
    for fn in pkg.funcs:
        try:
            plan = _plan_func(mapper, fn, name, used)
        except Unsupported as e:
            skipped.append(Skipped(fn.name, str(e)))
            continue
        used.append(plan.py_name)
        funcs.append(plan)
    structs: List[StructPlan] = []
    for decl in pkg.types:
        if decl.underlying.kind != 'struct' or decl.type_params or decl.alias:
            if decl.underlying.kind == 'struct':
                skipped.append(Skipped(decl.name, 'generic types and aliases are not bound yet'))
            elif decl.underlying.kind in BASIC_KINDS:
                skipped.append(Skipped(decl.name, 'values convert as %s; the type itself and its methods '
                                       'are not bound yet' % decl.underlying.go_spelling()))
            else:
                skipped.append(Skipped(decl.name, 'named %s types are not bound yet' % decl.underlying.kind))
            continue
        structs.append(_plan_struct(mapper, decl, name, skipped))
    for c in pkg.consts:
        skipped.append(Skipped(c.name, 'constants are not bound yet'))
    for v in pkg.vars:
        skipped.append(Skipped(v.name, 'variables are not bound yet'))
    skipped.sort(key=lambda s: s.symbol)
    return ModulePlan(name=name, go_path=pkg.path, go_alias=go_alias, doc=pkg.doc,
                      funcs=tuple(funcs), skipped=tuple(skipped), py_major=py_major,
                      structs=tuple(structs))


#: Underlying kinds whose named types are bound through their underlying type.
BASIC_KINDS = ('basic',)


def _plan_struct(mapper: TypeMapper, decl: TypeDecl, module: str, skipped: List[Skipped]) -> StructPlan:
    fields: List[FieldPlan] = []
    taken: List[str] = []
    for f in decl.underlying.fields:
        if not f.exported:
            continue
        symbol = '%s.%s' % (decl.name, f.name)
        try:
            conv = mapper.conversion(f.type)
        except Unsupported as e:
            skipped.append(Skipped(symbol, 'field type: %s' % e))
            continue
        py = python_name(f.name, taken)
        taken.append(py)
        prefix = 'gobind_%s_%s_' % (module, decl.name)
        fields.append(FieldPlan(f.name, py, conv, f.doc, prefix + 'get_' + f.name, prefix + 'set_' + f.name))
    methods: List[FuncPlan] = []
    str_method = None
    for m in decl.methods:
        try:
            plan = _plan_func(mapper, m, module, taken, receiver=decl.name)
        except Unsupported as e:
            skipped.append(Skipped('%s.%s' % (decl.name, m.name), str(e)))
            continue
        taken.append(plan.py_name)
        methods.append(plan)
        if m.name == 'String' and not plan.args and len(plan.results) == 1 \
                and plan.results[0].conv.py_type == 'str' and not plan.returns_error:
            str_method = plan
    return StructPlan(go_name=decl.name, py_name=python_name(decl.name), doc=decl.doc,
                      fields=tuple(fields), methods=tuple(methods), str_method=str_method,
                      new_export='gobind_%s_%s_new' % (module, decl.name))


def _plan_func(mapper: TypeMapper, fn: Func, module: str, used: Sequence[str],
               receiver: str = '') -> FuncPlan:
    if fn.type_params:
        raise Unsupported('generic functions are not supported')
    if fn.variadic:
        raise Unsupported('variadic functions are not supported yet')
    args = []
    taken: List[str] = []
    for i, p in enumerate(fn.params):
        try:
            conv = mapper.conversion(p.type)
        except Unsupported as e:
            raise Unsupported('parameter %s: %s' % (p.name or '#%d' % (i + 1), e))
        py = python_name(p.name if p.name and p.name != '_' else 'arg%d' % i, taken)
        taken.append(py)
        args.append(ArgPlan(i, py, conv))
    results = []
    returns_error = False
    for i, r in enumerate(fn.results):
        if r.type.is_error:
            if i != len(fn.results) - 1:
                raise Unsupported('error is only supported as the last result')
            returns_error = True
            continue
        try:
            conv = result_conversion(mapper, r.type)
        except Unsupported as e:
            raise Unsupported('result %d: %s' % (i + 1, e))
        results.append(ResultPlan(i, conv))
    py_name = python_name(fn.name, used)
    py_return = _return_annotation(results)
    params = ', '.join('%s: %s' % (a.py_name, a.conv.py_type) for a in args)
    text_params = ', '.join(['$self' if receiver else '$module', '/'] + [a.py_name for a in args])
    export = 'gobind_%s_%s%s' % (module, receiver + '_' if receiver else '', fn.name)
    return FuncPlan(
        receiver=receiver,
        go_name=fn.name, py_name=py_name, export=export,
        args=tuple(args), results=tuple(results), returns_error=returns_error,
        doc=fn.doc, signature='%s(%s) -> %s' % (py_name, params, py_return),
        text_signature='(%s)' % text_params, pyi_params=params, py_return=py_return,
    )


def _return_annotation(results: Sequence[ResultPlan]) -> str:
    if not results:
        return 'None'
    if len(results) == 1:
        return results[0].conv.py_type
    return 'tuple[%s]' % ', '.join(r.conv.py_type for r in results)


def py_docstring(text: str) -> str:
    """A triple-quoted Python string literal holding text."""
    body = text.replace('\\', '\\\\').replace('"""', '\\"\\"\\"')
    if body.endswith('"'):
        body = body[:-1] + '\\"'
    return '"""%s"""' % body


def c_string(text: Optional[str], indent: int = 4) -> str:
    """A C string literal (with quotes) holding text, escaped, one source line per text line."""
    if text is None:
        return 'NULL'
    lines = text.split('\n')
    parts = [_c_escape(line) + ('\\n' if i < len(lines) - 1 else '') for i, line in enumerate(lines)]
    return ('\n' + ' ' * indent).join('"%s"' % p for p in parts if p) or '""'


def _c_escape(text: str) -> str:
    out = []
    for ch in text:
        o = ord(ch)
        if ch == '\\':
            out.append('\\\\')
        elif ch == '"':
            out.append('\\"')
        elif ch == '\t':
            out.append('\\t')
        elif ch == '?':
            out.append('\\?')  # no trigraphs
        elif 32 <= o < 127:
            out.append(ch)
        else:
            out.extend('\\%03o' % b for b in ch.encode('utf-8'))
    return ''.join(out)
