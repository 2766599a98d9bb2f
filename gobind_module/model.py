"""Typed Python view of the JSON package description written by the Go inspector."""

from __future__ import annotations

import dataclasses
from typing import Any, Dict, List, Optional, Tuple

#: The inspector JSON schema this model reads.
SCHEMA_VERSION = 2


class SchemaError(ValueError):
    """The inspector's JSON does not match the schema this gobind reads."""


@dataclasses.dataclass(frozen=True)
class GoType:
    """One Go type, as `go/types` describes it (named types stay references)."""

    kind: str                       # basic, named, pointer, slice, array, map, chan, func, struct, interface, typeparam
    name: str = ''                  # basic and named types, typeparams
    pkg: str = ''                   # named types: import path ('' for builtin error)
    elem: Optional['GoType'] = None  # pointer, slice, array, map value, chan
    key: Optional['GoType'] = None   # map key
    length: int = 0                  # arrays
    type_args: Tuple['GoType', ...] = ()
    params: Tuple['Param', ...] = ()   # func types
    results: Tuple['Param', ...] = ()
    variadic: bool = False
    fields: Tuple['Field', ...] = ()   # structs
    methods: Tuple['Func', ...] = ()   # interfaces
    direction: str = ''                # chan: both, send, recv
    unexported_methods: bool = False   # interfaces: some methods are unexported (only Go types implement it)
    type_set: bool = False             # interfaces: has type-set elements (a constraint, never a value type)

    @property
    def is_error(self) -> bool:
        """True for Go's builtin `error` interface."""
        return self.kind == 'named' and self.pkg == '' and self.name == 'error'

    def go_spelling(self) -> str:
        """Go source spelling, with package paths shortened to their last element."""
        k = self.kind
        if k in ('basic', 'typeparam'):
            return self.name
        if k == 'named':
            base = self.name if not self.pkg else '%s.%s' % (self.pkg.rsplit('/', 1)[-1], self.name)
            if self.type_args:
                base += '[%s]' % ', '.join(a.go_spelling() for a in self.type_args)
            return base
        if k == 'pointer':
            return '*' + self.elem.go_spelling()
        if k == 'slice':
            return '[]' + self.elem.go_spelling()
        if k == 'array':
            return '[%d]%s' % (self.length, self.elem.go_spelling())
        if k == 'map':
            return 'map[%s]%s' % (self.key.go_spelling(), self.elem.go_spelling())
        if k == 'chan':
            prefix = {'send': 'chan<- ', 'recv': '<-chan '}.get(self.direction, 'chan ')
            return prefix + self.elem.go_spelling()
        if k == 'func':
            return 'func' + signature_spelling(self.params, self.results, self.variadic)
        if k == 'struct':
            return 'struct{...}' if self.fields else 'struct{}'
        if k == 'interface':
            return 'interface{...}' if self.methods else 'interface{}'
        return k


@dataclasses.dataclass(frozen=True)
class Param:
    """A parameter or result: its Go name ('' when unnamed) and type."""

    name: str
    type: GoType


@dataclasses.dataclass(frozen=True)
class Field:
    """A struct field."""

    name: str
    type: GoType
    doc: str = ''
    embedded: bool = False
    exported: bool = True
    tag: str = ''
    py_name: str = ''   # the Python name its //gobind:name line gives, as written ('' if none)


@dataclasses.dataclass(frozen=True)
class Func:
    """A package-level function, a method, or an interface method."""

    name: str
    params: Tuple[Param, ...]
    results: Tuple[Param, ...]
    doc: str = ''
    variadic: bool = False
    type_params: Tuple[str, ...] = ()
    pos: str = ''
    pointer_receiver: bool = False
    promoted_from: str = ''
    straight_line: bool = False  # body runs in short, bounded time and cannot block (the inspector's check)
    panic_free: bool = False     # a straight-line body that cannot panic (the inspector's check)
    goexit: bool = False  # may end the calling goroutine with runtime.Goexit (the inspector's check)
    borrow: Tuple[str, ...] = ()  # parameters named by //gobind:borrow lines ('*': all that can be)
    no_escape: Tuple[str, ...] = ()  # parameters Go provably keeps nothing of (less //gobind:copy ones)
    py_name: str = ''   # the Python name its //gobind:name line gives, as written ('' if none)
    # an instantiation of a generic function: its type arguments and the generic's name (name is
    # then the instantiation's, e.g. Max_int: instance_name())
    type_args: Tuple['GoType', ...] = ()
    origin: str = ''


@dataclasses.dataclass(frozen=True)
class TypeDecl:
    """A named type declared in a package, with its method set."""

    pkg: str
    name: str
    underlying: GoType
    doc: str = ''
    methods: Tuple[Func, ...] = ()
    type_params: Tuple[str, ...] = ()
    alias: bool = False
    # interfaces with unexported methods: (pkg, name, T too and not only *T) of each described
    # exported type that implements it (only Go types can, so the inspector says which)
    implementers: Tuple[Tuple[str, str, bool], ...] = ()
    py_name: str = ''   # the Python name its //gobind:name line gives, as written ('' if none)
    # an instantiation of a generic type: its type arguments and the generic's name (name is then
    # the instantiation's, e.g. Stack_int: instance_name())
    type_args: Tuple[GoType, ...] = ()
    origin: str = ''


@dataclasses.dataclass(frozen=True)
class Const:
    """A package-level constant with its exact value."""

    name: str
    type: GoType
    kind: str
    value: str
    doc: str = ''
    untyped: bool = False
    py_name: str = ''   # the Python name its //gobind:name line gives, as written ('' if none)


@dataclasses.dataclass(frozen=True)
class Var:
    """A package-level variable."""

    name: str
    type: GoType
    doc: str = ''
    py_name: str = ''   # the Python name its //gobind:name line gives, as written ('' if none)


@dataclasses.dataclass(frozen=True)
class Skipped:
    """A symbol left out, and why."""

    symbol: str
    reason: str


@dataclasses.dataclass(frozen=True)
class Package:
    """Everything the inspector reported about one Go package."""

    path: str
    name: str
    doc: str
    dir: str
    go_version: str
    module_path: str
    module_dir: str
    files: Tuple[str, ...]
    funcs: Tuple[Func, ...]
    types: Tuple[TypeDecl, ...]
    external_types: Tuple[TypeDecl, ...]
    consts: Tuple[Const, ...]
    vars: Tuple[Var, ...]
    skipped: Tuple[Skipped, ...]

    def lookup(self, pkg: str, name: str) -> Optional[TypeDecl]:
        """The declaration of named type pkg.name, if the inspector described it."""
        for decl in self.types + self.external_types:
            if decl.pkg == pkg and decl.name == name:
                return decl
        return None


def _type(d: Optional[Dict[str, Any]]) -> Optional[GoType]:
    if d is None:
        return None
    return GoType(
        kind=d['kind'],
        name=d.get('name', ''),
        pkg=d.get('pkg', ''),
        elem=_type(d.get('elem')),
        key=_type(d.get('key')),
        length=d.get('len', 0),
        type_args=tuple(_type(a) for a in d.get('type_args') or ()),
        params=_params(d.get('params')),
        results=_params(d.get('results')),
        variadic=d.get('variadic', False),
        fields=tuple(_field(f) for f in d.get('fields') or ()),
        methods=tuple(_func(m) for m in d.get('methods') or ()),
        direction=d.get('dir', ''),
        unexported_methods=d.get('unexported_methods', False),
        type_set=d.get('embeds_nonmethod', False),
    )


def _const_value(c: Dict[str, Any]) -> str:
    """A constant's value; a string that is not valid UTF-8 comes as hex, its invalid bytes
    become lone surrogates (surrogateescape, the rule of every string from Go)."""
    if c.get('value_hex'):
        return bytes.fromhex(c['value_hex']).decode('utf-8', 'surrogateescape')
    return c['value']


def _params(items: Optional[List[Dict[str, Any]]]) -> Tuple[Param, ...]:
    return tuple(Param(p.get('name', ''), _type(p['type'])) for p in items or ())


def _field(d: Dict[str, Any]) -> Field:
    return Field(name=d['name'], type=_type(d['type']), doc=d.get('doc', ''),
                 embedded=d.get('embedded', False), exported=d.get('exported', True),
                 tag=d.get('tag', ''), py_name=d.get('py_name', ''))


def instance_name(origin: str, args: Tuple[GoType, ...]) -> str:
    """The name of an instantiation: the generic's name and an identifier per type argument
    (Max[int] is Max_int, Pair[string, []byte] is Pair_string_Slice_uint8)."""
    return '_'.join([origin] + [_arg_id(a) for a in args])


def _arg_id(t: GoType) -> str:
    if t.kind == 'named':
        return instance_name(t.name, t.type_args) if t.type_args else t.name
    if t.kind == 'basic':
        return t.name.replace('.', '_')
    if t.kind in ('slice', 'pointer', 'chan'):
        return {'slice': 'Slice_', 'pointer': 'Ptr_', 'chan': 'Chan_'}[t.kind] + _arg_id(t.elem)
    if t.kind == 'array':
        return 'Array%d_%s' % (t.length, _arg_id(t.elem))
    if t.kind == 'map':
        return 'Map_%s_%s' % (_arg_id(t.key), _arg_id(t.elem))
    return {'interface': 'any', 'func': 'Func', 'struct': 'struct'}.get(t.kind, t.kind)


def _instance(d: Dict[str, Any]) -> Dict[str, Any]:
    """The fields naming an instantiation (name, type_args, origin), or none for a declaration."""
    args = tuple(_type(a) for a in d.get('type_args') or ())
    return dict(name=instance_name(d['name'], args), type_args=args, origin=d['name']) if args else {}


def _func(d: Dict[str, Any]) -> Func:
    return Func(**dict(dict(name=d['name']), **_instance(d)), params=_params(d.get('params')), results=_params(d.get('results')),
                doc=d.get('doc', ''), variadic=d.get('variadic', False),
                type_params=tuple(d.get('type_params') or ()), pos=d.get('pos', ''),
                pointer_receiver=d.get('pointer_receiver', False),
                promoted_from=d.get('promoted_from', ''),
                straight_line=d.get('straight_line', False), goexit=d.get('goexit', False),
                panic_free=d.get('panic_free', False),
                borrow=tuple(d.get('borrow') or ()), no_escape=tuple(d.get('no_escape') or ()),
                py_name=d.get('py_name', ''))


def _typedecl(d: Dict[str, Any]) -> TypeDecl:
    return TypeDecl(pkg=d['pkg'], **dict(dict(name=d['name']), **_instance(d)), underlying=_type(d['underlying']),
                    doc=d.get('doc', ''), methods=tuple(_func(m) for m in d.get('methods') or ()),
                    type_params=tuple(d.get('type_params') or ()), alias=d.get('alias', False),
                    implementers=tuple((i['pkg'], i['name'], i['value']) for i in d.get('implementers') or ()),
                    py_name=d.get('py_name', ''))


def _unclash(items: List[Any], path: str, taken: set) -> Tuple[Any, ...]:
    """items, each instantiation renamed with trailing '_'s while a declaration of its package has
    its name (a Go type Stack_int beside Stack[int])."""
    out = []
    for d in items:
        while d.type_args and (getattr(d, 'pkg', path), d.name) in taken:
            d = dataclasses.replace(d, name=d.name + '_')
        out.append(d)
    return tuple(out)


def package_from_json(data: Dict[str, Any]) -> Package:
    """Builds a Package from the inspector's decoded JSON, checking the schema version."""
    version = data.get('schema')
    if version != SCHEMA_VERSION:
        raise SchemaError('gobind reads inspector schema %d, got %r' % (SCHEMA_VERSION, version))
    pkg = data['package']
    module = pkg.get('module') or {}
    decls = [data.get(k) or () for k in ('funcs', 'types', 'external_types', 'consts', 'vars')]
    taken = {(t.get('pkg', pkg['path']), t['name']) for ds in decls for t in ds if not t.get('type_args')}
    return Package(
        path=pkg['path'], name=pkg['name'], doc=pkg.get('doc', ''), dir=pkg.get('dir', ''),
        go_version=data.get('go_version', ''),
        module_path=module.get('path', ''), module_dir=module.get('dir', ''),
        files=tuple(data.get('files') or ()),
        funcs=_unclash([_func(f) for f in data.get('funcs') or ()], pkg['path'], taken),
        types=_unclash([_typedecl(t) for t in data.get('types') or ()], pkg['path'], taken),
        external_types=_unclash([_typedecl(t) for t in data.get('external_types') or ()], pkg['path'], taken),
        consts=tuple(Const(name=c['name'], type=_type(c['type']), kind=c['kind'], value=_const_value(c),
                           doc=c.get('doc', ''), untyped=c.get('untyped', False), py_name=c.get('py_name', ''))
                     for c in data.get('consts') or ()),
        vars=tuple(Var(name=v['name'], type=_type(v['type']), doc=v.get('doc', ''), py_name=v.get('py_name', ''))
                   for v in data.get('vars') or ()),
        skipped=tuple(Skipped(s['symbol'], s['reason']) for s in data.get('skipped') or ()),
    )


def signature_spelling(params: Tuple[Param, ...], results: Tuple[Param, ...], variadic: bool) -> str:
    """Go spelling of a signature's parameter and result lists."""
    ps = []
    for i, p in enumerate(params):
        t = p.type.go_spelling()
        if variadic and i == len(params) - 1 and t.startswith('[]'):
            t = '...' + t[2:]
        ps.append(t)
    out = '(%s)' % ', '.join(ps)
    if len(results) == 1:
        out += ' ' + results[0].type.go_spelling()
    elif results:
        out += ' (%s)' % ', '.join(r.type.go_spelling() for r in results)
    return out
