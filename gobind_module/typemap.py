"""Conversion units: how each Go type family crosses between Python, C and Go.

Each unit names, once, the Python type (used in docstrings, stubs and error
messages), the C type on the cgo boundary, the C helpers that convert a Python
object in and a result out, and the Go expressions on the other side.  The
templates only place these strings; every decision about support lives here.
"""

from __future__ import annotations

import dataclasses
from typing import Optional

from .model import GoType, Package


class Unsupported(Exception):
    """A Go type gobind cannot bind; the message says why."""


@dataclasses.dataclass(frozen=True)
class Conversion:
    """How one Go type is passed in from Python and handed back to Python."""

    go_type: str      # Go spelling in the generated Go file, e.g. "hello.Celsius"
    py_type: str      # Python type name for signatures, stubs and TypeError text
    c_type: str       # C type of an argument on the cgo boundary
    c_arg: str        # C type of the local that holds the converted Python argument
    c_arg_init: str   # initialiser of that local, so cleanup is always safe
    c_pass: str       # C expression passing the local to Go; {x} is the local's name
    c_out: str        # C type of a result slot that Go fills in
    from_py: str      # C helper: int from_py(PyObject *, const char *fn, const char *arg, c_arg *)
    to_py: str        # C helper: PyObject *to_py(c_out *)
    release: str      # C helper freeing the argument local after the call, or ''
    go_in: str        # Go expression converting the C argument {x} to go_type
    go_out: str       # Go statement storing Go value {v} into result slot pointer {r}


def _scalar(go: str, py: str, c: str, helper: str, go_in: str = '', go_out: str = '',
            init: str = '0') -> Conversion:
    return Conversion(
        go_type=go, py_type=py, c_type=c, c_arg=c, c_arg_init=init, c_pass='{x}', c_out=c,
        from_py='gobind_from_py_' + helper, to_py='gobind_to_py_' + helper, release='',
        go_in=go_in or go + '({x})',
        go_out=go_out or '*{r} = C.%s({v})' % c.replace(' ', ''),
    )


def _int(go: str, c: str) -> Conversion:
    return _scalar(go, 'int', c, go)


_VIEW = dict(c_type='gobind_view', c_arg='gobind_view_arg', c_arg_init='GOBIND_VIEW_ARG_INIT',
             c_pass='{x}.view', c_out='gobind_buf', release='gobind_view_release')

#: Conversions of Go's predeclared basic types (and []byte), by Go name.
BASIC = {
    'bool': _scalar('bool', 'bool', 'uint8_t', 'bool', go_in='{x} != 0', go_out='*{r} = gobindBool({v})'),
    'int': _int('int', 'ptrdiff_t'),
    'int8': _int('int8', 'int8_t'),
    'int16': _int('int16', 'int16_t'),
    'int32': _int('int32', 'int32_t'),
    'int64': _int('int64', 'int64_t'),
    'uint': _int('uint', 'size_t'),
    'uint8': _int('uint8', 'uint8_t'),
    'uint16': _int('uint16', 'uint16_t'),
    'uint32': _int('uint32', 'uint32_t'),
    'uint64': _int('uint64', 'uint64_t'),
    'uintptr': _int('uintptr', 'uintptr_t'),
    'float32': _scalar('float32', 'float', 'float', 'float32'),
    'float64': _scalar('float64', 'float', 'double', 'float64'),
    'complex64': _scalar('complex64', 'complex', 'gobind_complex', 'complex',
                         go_in='complex64(complex({x}.re, {x}.im))',
                         go_out='*{r} = gobindComplex(complex128({v}))', init='{0, 0}'),
    'complex128': _scalar('complex128', 'complex', 'gobind_complex', 'complex',
                          go_in='complex(float64({x}.re), float64({x}.im))',
                          go_out='*{r} = gobindComplex({v})', init='{0, 0}'),
    'string': Conversion(go_type='string', py_type='str', from_py='gobind_from_py_str',
                         to_py='gobind_to_py_str', go_in='gobindString({x})',
                         go_out='gobindPutString({r}, {v})', **_VIEW),
}

BYTES = Conversion(go_type='[]byte', py_type='bytes', from_py='gobind_from_py_bytes',
                   to_py='gobind_to_py_bytes', go_in='gobindBytes({x})',
                   go_out='gobindPutBytes({r}, {v})', **_VIEW)


class TypeMapper:
    """Finds the Conversion for Go types of one package, or says why there is none."""

    def __init__(self, pkg: Package, go_alias: str):
        self.pkg = pkg
        self.go_alias = go_alias  # the identifier the generated Go file imports the package as

    def conversion(self, t: GoType) -> Conversion:
        """The Conversion for t; raises Unsupported with a reason."""
        if t.kind == 'basic':
            conv = BASIC.get(t.name)
            if conv is None:
                raise Unsupported('%s is not supported' % t.name)
            return conv
        if t.kind == 'slice' and t.elem.kind == 'basic' and t.elem.name == 'uint8':
            return BYTES
        if t.kind == 'named':
            return self._named(t)
        if t.kind == 'pointer' and t.elem.kind == 'named':
            return self._named(t.elem, pointer=True)
        raise Unsupported('%s values are not supported yet' % _family(t))

    def _named(self, t: GoType, pointer: bool = False) -> Conversion:
        if t.is_error:
            raise Unsupported('error is only supported as the last result')
        if t.pkg != self.pkg.path:
            raise Unsupported('%s is declared in another package (%s), not supported yet'
                              % (t.go_spelling(), t.pkg))
        if t.type_args:
            raise Unsupported('generic type %s is not supported' % t.go_spelling())
        decl = self.pkg.lookup(t.pkg, t.name)
        if decl is None:
            raise Unsupported('%s is not described by the inspector' % t.go_spelling())
        if decl.underlying.kind == 'struct':
            return struct_conversion(self.go_alias, t.name, pointer)
        if pointer:
            raise Unsupported('pointers to %s values are not supported yet' % t.go_spelling())
        base = self.conversion(decl.underlying)
        go_name = '%s.%s' % (self.go_alias, t.name)
        return dataclasses.replace(
            base,
            go_type=go_name,
            go_in='%s(%s)' % (go_name, base.go_in),
            go_out=base.go_out.replace('{v}', '%s({v})' % base.go_type),
        )


def struct_conversion(go_alias: str, name: str, pointer: bool) -> Conversion:
    """A bound struct T (or *T): Python holds a cgo handle to a *T; None is nil for *T."""
    suffix = '_ptr' if pointer else ''
    return Conversion(
        go_type=('*' if pointer else '') + '%s.%s' % (go_alias, name),
        py_type=name + (' | None' if pointer else ''),
        c_type='uintptr_t', c_arg='uintptr_t', c_arg_init='0', c_pass='{x}', c_out='uintptr_t',
        from_py='gobind_from_py_%s%s' % (name, suffix), to_py='gobind_to_py_%s' % name,
        release='',
        go_in=('gobindPtr_%s({x})' if pointer else '*gobindPtr_%s({x})') % name,
        go_out=('*{r} = gobindHandle_%s({v})' if pointer else '*{r} = gobindHandle_%s(&{v})') % name,
    )


def _family(t: GoType) -> str:
    """A plain name for the family of an unsupported type, for messages."""
    names = {'pointer': 'pointer', 'slice': 'slice', 'array': 'array', 'map': 'map',
             'chan': 'channel', 'func': 'func', 'struct': 'struct', 'interface': 'interface',
             'typeparam': 'type parameter'}
    return '%s (%s)' % (names.get(t.kind, t.kind), t.go_spelling())


def result_conversion(mapper: TypeMapper, t: GoType) -> Optional[Conversion]:
    """The Conversion of a result type, or None for a trailing `error`."""
    if t.is_error:
        return None
    return mapper.conversion(t)
