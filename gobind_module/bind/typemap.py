"""Conversion units: how each Go type family crosses between Python, C and Go.

Each unit names, once, the Python type (used in docstrings, stubs and error
messages), the C type on the cgo boundary, the C helpers that convert a Python
object in and a result out, and the Go expressions on the other side.  The
templates only place these strings; every decision about support lives here.

Go values that Python holds by reference (structs, slices, arrays) are bound
as classes whose instances keep a cgo handle to a pointer to the Go value.
The TypeMapper records every such class it hands out a Conversion for, so the
plan can generate each class exactly once.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from typing import Dict, List, Mapping, Optional, Sequence, Tuple

from .chanmap import ChanType, chan_conversion, chan_spelling, feed_conversion, PREFIXES as CHAN_PREFIXES
from .itermap import IterType, iter_values
from .instances import func_go_name, instance
from ..model import Func, GoType, Package, Param, TypeDecl


class Unsupported(Exception):
    """A Go type gobind cannot bind; the message says why."""


@dataclasses.dataclass(frozen=True)
class Conversion:
    """How one Go type is passed in from Python and handed back to Python."""

    go_type: str      # Go spelling in the generated Go file, e.g. "gobindpkg.Celsius"
    py_type: str      # Python type of results, for signatures, stubs and reprs
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
    py_in: str = ''   # Python type accepted as a parameter, when wider than py_type
    buffer_format: str = ''  # struct-module format of the Go value's memory (numeric kinds)
    c_same: bool = False     # the C boundary type has the Go value's memory layout

    @property
    def py_param(self) -> str:
        """The annotation of a parameter of this type."""
        return self.py_in or self.py_type


def _scalar(go: str, py: str, c: str, helper: str, go_in: str = '', go_out: str = '',
            init: str = '0', fmt: str = '', same: bool = True, from_helper: str = '') -> Conversion:
    return Conversion(
        go_type=go, py_type=py, c_type=c, c_arg=c, c_arg_init=init, c_pass='{x}', c_out=c,
        from_py='gobind_from_py_' + (from_helper or helper), to_py='gobind_to_py_' + helper, release='',
        go_in=go_in or go + '({x})',
        go_out=go_out or '*{r} = C.%s({v})' % c.replace(' ', ''),
        buffer_format=fmt, c_same=same and bool(fmt),
    )


def _int(go: str, c: str, fmt: str) -> Conversion:
    return _scalar(go, 'int', c, go, fmt=fmt)


#: The C side of values Python holds by handle: borrowed from a bound object, or owned when made
#: from a Python value for one call (gobind_handle_arg in gobind_support.h).
_HANDLE_ARG = dict(c_type='uintptr_t', c_arg='gobind_handle_arg', c_arg_init='{0, 0}', c_pass='{x}.handle',
                   release='gobind_handle_arg_release')

_VIEW = dict(c_type='gobind_view', c_arg='gobind_view_arg', c_arg_init='GOBIND_VIEW_ARG_INIT',
             c_pass='{x}.view', c_out='gobind_buf', release='gobind_view_release')

#: Conversions of Go's predeclared basic types (and []byte), by Go name.
#: gobind supports 64-bit platforms, where Go's int and uint are 64 bits wide.
BASIC = {
    'bool': _scalar('bool', 'bool', 'uint8_t', 'bool', go_in='{x} != 0', go_out='*{r} = gobindBool({v})',
                    fmt='?'),
    'int': _int('int', 'ptrdiff_t', 'q'),
    'int8': _int('int8', 'int8_t', 'b'),
    'int16': _int('int16', 'int16_t', 'h'),
    'int32': _int('int32', 'int32_t', 'i'),
    'int64': _int('int64', 'int64_t', 'q'),
    'uint': _int('uint', 'size_t', 'Q'),
    'uint8': _int('uint8', 'uint8_t', 'B'),
    'uint16': _int('uint16', 'uint16_t', 'H'),
    'uint32': _int('uint32', 'uint32_t', 'I'),
    'uint64': _int('uint64', 'uint64_t', 'Q'),
    'uintptr': _int('uintptr', 'uintptr_t', 'Q'),
    'float32': _scalar('float32', 'float', 'float', 'float32', fmt='f'),
    'float64': _scalar('float64', 'float', 'double', 'float64', fmt='d'),
    'complex64': _scalar('complex64', 'complex', 'gobind_complex', 'complex',
                         go_in='complex64(complex({x}.re, {x}.im))',
                         go_out='*{r} = gobindComplex(complex128({v}))', init='{0, 0}',
                         fmt='Zf', same=False, from_helper='complex64'),
    'complex128': _scalar('complex128', 'complex', 'gobind_complex', 'complex',
                          go_in='complex(float64({x}.re), float64({x}.im))',
                          go_out='*{r} = gobindComplex({v})', init='{0, 0}', fmt='Zd'),
    'string': Conversion(go_type='string', py_type='str', from_py='gobind_from_py_str',
                         to_py='gobind_to_py_str', go_in='gobindString({x}, gobindSpace({x}.n))',
                         go_out='gobindPutString({r}, {v})', **_VIEW),
}

BYTES = Conversion(go_type='[]byte', py_type='bytes', from_py='gobind_from_py_bytes',
                   to_py='gobind_to_py_bytes', go_in='gobindBytes({x}, gobindSpace({x}.n))',
                   go_out='gobindPutBytes({r}, {v})', **_VIEW)

#: Borrowed str and bytes arguments: the C side already holds a view of Python's memory (and the
#: buffer behind it) until the call returns; Go uses it in place instead of copying it.
_BORROWED_VIEWS = {
    'gobind_from_py_str': (BASIC['string'].go_in, 'unsafe.String((*byte)(unsafe.Pointer({x}.p)), {x}.n)'),
    'gobind_from_py_bytes': (BYTES.go_in, 'unsafe.Slice((*byte)(unsafe.Pointer({x}.p)), {x}.n)'),
}

#: Go's `error`: Python gets a GoErrorValue (or the bound class of the error's concrete type).
ERROR = Conversion(
    go_type='error', py_type='GoErrorValue | None', c_type='uintptr_t', c_arg='uintptr_t',
    c_arg_init='0', c_pass='{x}', c_out='gobind_ref', from_py='gobind_from_py_error',
    to_py='gobind_to_py_error', release='', go_in='gobindErrorIn({x})',
    go_out='*{r} = gobindErrorRef({v})')

#: Go's empty interface (any, interface{}): Python values are converted to Go values by kind, and
#: Go values come back as the natural Python value (see gobind_from_py_any, gobindAnyRef).
ANY = Conversion(
    go_type='any', py_type='Any', c_out='gobind_ref', from_py='gobind_from_py_any', to_py='gobind_to_py_any',
    go_in='gobindAnyIn({x})', go_out='*{r} = gobindAnyRef({v})', **_HANDLE_ARG)

#: Python's builtin classes that a named Go type of each basic family can subclass.
VALUE_BASES = {'int': 'GOBIND_INT_TYPE', 'float': 'PyFloat_Type', 'complex': 'PyComplex_Type',
               'str': 'GOBIND_STR_TYPE', 'bytes': 'PyBytes_Type'}


@dataclasses.dataclass(frozen=True)
class SeqType:
    """A slice or array type bound as a sequence class (named, or made up for an unnamed type)."""

    id: str                # C and Go identifier part, e.g. IntList or Slice_int
    py_name: str           # class name in the Python module
    go_type: str           # Go spelling in the generated Go file
    kind: str              # 'slice' or 'array'
    length: int            # arrays: the fixed length
    elem: Conversion       # how elements cross
    elem_go: GoType        # the element's Go type
    decl: Optional[TypeDecl]  # the named type's declaration, if named
    shape: tuple           # inner fixed dimensions below this level, for the buffer protocol
    leaf: Optional[Conversion]  # the numeric leaf element, when the buffer protocol applies
    module: str = ''       # Python submodule holding the class ('' for the extension module)

    @property
    def is_array(self) -> bool:
        return self.kind == 'array'


@dataclasses.dataclass(frozen=True)
class ValueType:
    """A named type over a basic type (or []byte) bound as a subclass of a Python builtin."""

    id: str
    py_name: str
    base: Conversion       # the conversion of the underlying type
    py_base: str           # the Python builtin subclassed: int, float, complex, str, bytes
    decl: TypeDecl
    module: str = ''       # Python submodule holding the class ('' for the extension module)


@dataclasses.dataclass(frozen=True)
class BoxType:
    """A pointer to a non-struct value (*int, *string, *[]T): Python gets a box whose .value
    reads and writes through the pointer."""

    id: str                # Ptr_int, Ptr_Slice_string, ...
    py_name: str
    go_type: str           # the pointer type in the generated Go file, e.g. *int
    elem_go_type: str      # the pointee type, e.g. int
    elem: Conversion


@dataclasses.dataclass(frozen=True)
class MapType:
    """A map type bound as a mutable mapping class over the Go map."""

    id: str                # C and Go identifier part, e.g. Ages or Map_string_int
    py_name: str
    go_type: str
    key: Conversion
    value: Conversion
    key_go: GoType
    key_go_type: str       # Go spelling of the key type in the generated Go file
    keys_seq: str          # id of the slice class that holds a snapshot of the keys
    decl: Optional[TypeDecl]
    module: str = ''       # Python submodule holding the class ('' for the extension module)

    @property
    def ordered(self) -> bool:
        """Keys have an order (numbers, strings): iteration is sorted, so it is repeatable."""
        return self.key.py_param in ('int', 'float', 'str')


@dataclasses.dataclass(frozen=True)
class CallbackArg:
    """How Go hands one argument of a callback to C, and C makes the Python object."""

    c_type: str    # C type of the argument of the C trampoline
    go_expr: str   # Go expression making it from Go value {v}
    to_py: str     # C helper: PyObject *to_py(c_type *)


@dataclasses.dataclass(frozen=True)
class FuncType:
    """A func type of a parameter: Python passes a callable, Go gets a func that calls it."""

    id: str                              # Func0, Func1, ... in order of discovery
    go_type: str                         # Go spelling in the generated Go file
    spelling: str                        # Go spelling for comments and docs
    params: Tuple[CallbackArg, ...]
    param_types: Tuple[Conversion, ...]
    results: Tuple[Conversion, ...]
    returns_error: bool
    param_go: Tuple[str, ...] = ()       # Go spellings of the parameters
    result_go: Tuple[str, ...] = ()      # Go spellings of the non-error results
    error_value: bool = False            # func(...) error: Python returns None or an error value

    @property
    def go_signature(self) -> str:
        """The parameters and named results of the Go func literal that calls Python."""
        params = ', '.join('p%d %s' % (i, t) for i, t in enumerate(self.param_go))
        results = [] if self.error_value else ['g%d %s' % (i, t) for i, t in enumerate(self.result_go)]
        if self.returns_error:
            results.append('gerr error')
        return '(%s)%s' % (params, ' (%s)' % ', '.join(results) if results else '')

    @property
    def direct(self) -> bool:
        """The C side returns the results to Go by value: they are all numbers or bools (plain
        data that outlives the Python result), or there are none."""
        return all(r.buffer_format for r in self.results)

    @property
    def py_type(self) -> str:
        args = ', '.join(c.py_type for c in self.param_types)
        if not self.results:
            ret = 'object'
        elif len(self.results) == 1:
            ret = self.results[0].py_param
        else:
            ret = 'tuple[%s]' % ', '.join(r.py_param for r in self.results)
        return 'Callable[[%s], %s]' % (args, ret)


@dataclasses.dataclass(frozen=True)
class IfaceType:
    """A named interface type of the package: a class whose objects call the dynamic Go value;
    Python objects with the methods can be passed where Go wants one."""

    id: str
    py_name: str
    go_type: str
    decl: TypeDecl
    callbacks: Tuple[FuncType, ...]   # per method (in decl.underlying.methods order): how Go calls Python
    python_reason: str = ''           # why Python objects cannot implement it ('' when they can)
    module: str = ''                  # Python submodule holding the class ('' for the extension module)
    file_method: str = ''             # io.Reader or io.Writer shape: the Python file method standing in
    file_reader: Optional[FuncType] = None  # Reader shape: how Go calls a file's read(n)

    @property
    def file_go_method(self) -> str:
        """The Go method a Python file method stands in for (Read for read, Write for write)."""
        return self.file_method.capitalize()

    @property
    def methods(self):
        """The interface's exported methods, sorted by name."""
        return self.decl.underlying.methods

    @property
    def py_methods(self):
        """(method, callback func type) pairs of a Python implementation."""
        return tuple(zip(self.methods, self.callbacks))


# ---- func values (Go funcs crossing as values: results, fields, variables) ----

@dataclasses.dataclass(frozen=True)
class FuncValType:
    """A Go func type whose values cross as values: Go funcs come to Python as objects of a class
    that calls them; Python callables (or those objects) are stored back as Go funcs."""

    id: str                # C and Go identifier part: Func0 (unnamed) or the named type's id
    py_name: str           # the class name in the extension module
    go_type: str           # Go spelling of the func type in the generated Go file
    sig: GoType            # the underlying func type
    callback: FuncType     # how Go calls a Python callable stored as one
    results_go: str = ''   # the results as Go spells them after the parameters: '', ' int', ' (int, error)'
    decl: Optional[TypeDecl] = None   # the named type's declaration, if named


def funcval_conversion(fv: FuncValType) -> Conversion:
    """A func value: results are objects of fv's class (None for nil); Python passes one of those
    (Go gets the func back), any callable (Go gets a func calling it) or None."""
    return Conversion(
        go_type=fv.go_type, py_type='%s | None' % fv.py_name,
        py_in=fv.callback.py_type,   # objects of fv's class are callables too; None is nil
        c_type='gobind_func', c_arg='gobind_func_arg', c_arg_init='GOBIND_FUNC_ARG_INIT',
        c_pass='gobind_func_pass(&{x})', c_out='uintptr_t', from_py='gobind_from_py_' + fv.id,
        to_py='gobind_to_py_' + fv.id, release='gobind_func_release',
        go_in='gobindFuncIn_%s({x}, gobindCaller)' % fv.id, go_out='*{r} = gobindFuncOut_%s({v})' % fv.id)


INT = GoType(kind='basic', name='int')
BYTE_SLICE = GoType(kind='slice', elem=GoType(kind='basic', name='uint8'))
ERROR_TYPE = GoType(kind='named', name='error')


def file_shape(methods: Sequence[Func]) -> str:
    """'read' or 'write' when an interface's only method is io.Reader's Read or io.Writer's Write
    (so a Python file object's read(n) or write(b) can stand in), else ''."""
    if len(methods) != 1:
        return ''
    m = methods[0]
    if m.name not in ('Read', 'Write') or m.variadic or [p.type for p in m.params] != [BYTE_SLICE] \
            or [r.type for r in m.results] != [INT, ERROR_TYPE]:
        return ''
    return m.name.lower()


def iface_conversion(home: 'PackageHome', name: str) -> Conversion:
    """A named interface: a handle whose Value() implements it (0 for nil); results are gobind_refs
    whose kind picks the class of the dynamic value."""
    cid, py = home.id(name), home.py_type(name)
    return Conversion(
        go_type=home.go(name), py_type='%s | None' % py,
        py_in='%s | _Supports%s | None' % (py, cid),
        c_out='gobind_ref', from_py='gobind_from_py_' + cid, to_py='gobind_to_py_' + cid,
        go_in='gobindPtr_%s({x})' % cid, go_out='*{r} = gobindRef_%s({v})' % cid, **_HANDLE_ARG)


def callback_arg(conv: Conversion) -> CallbackArg:
    """How a value of conv's type is passed from Go to a Python callback."""
    if conv.c_type == 'gobind_view':
        helper = 'bytes' if conv.py_type == 'bytes' else 'str'
        go = 'gobindBytesView({v})' if helper == 'bytes' else 'gobindStringView({v})'
        if conv.go_type not in ('string', '[]byte'):
            go = go.replace('{v}', '%s({v})' % ('[]byte' if helper == 'bytes' else 'string'))
        return CallbackArg('gobind_view', go, 'gobind_to_py_view_' + helper)
    prefix = '*{r} = '
    assert conv.go_out.startswith(prefix), conv.go_out
    return CallbackArg(conv.c_out, conv.go_out[len(prefix):], conv.to_py)


@dataclasses.dataclass(frozen=True)
class PackageHome:
    """Where the types of one Go package go: the generated Go file's import alias for it, the
    prefix of its class ids, and the Python submodule holding its classes."""

    path: str
    alias: str      # identifier the generated Go file imports the package as
    prefix: str     # prefix of class ids ('' for the main package), keeps C and Go names apart
    module: str     # Python submodule name ('' for the extension module itself)
    bound: bool     # its functions are bound too (the main package or a submodule package)
    # the class names //gobind:name lines give the package's types (Go name: Python name)
    names: Mapping[str, str] = dataclasses.field(default_factory=dict, compare=False, hash=False)
    # instantiations of its generic types: name (Stack_int) -> Go spelling (Stack[int]), filled by TypeMapper
    instances: Dict[str, str] = dataclasses.field(default_factory=dict, compare=False, repr=False)

    def id(self, name: str) -> str:
        """The C and Go identifier part of the package's type name (ASCII; a name shaped like the
        ids gobind makes for unnamed types, such as Slice_int, gets a trailing '_')."""
        ident = c_ident(name)
        if not self.prefix and (_GENERATED_ID.match(ident) or _ITER_ID.match(ident)):
            ident += '_'
        return self.prefix + ident

    def py_name(self, name: str) -> str:
        """The Python class name of the package's type: its //gobind:name, or as Python reads identifiers
        (NFKC), with a trailing '_' in the extension module when shaped like a class name gobind makes
        (Slice_int)."""
        if name in self.names:
            return self.names[name]
        py = unicodedata.normalize('NFKC', name)
        if not self.module and _GENERATED_ID.match(py):
            py += '_'
        return py

    def py_type(self, name: str) -> str:
        """How annotations and messages name the class: qualified by its submodule."""
        return python_ref(self.module, self.py_name(name))

    def go(self, name: str) -> str:
        """The Go spelling of the package's type name in the generated file (an instantiation's:
        Stack[int] for Stack_int)."""
        return '%s.%s' % (self.alias, self.instances.get(name, name))


#: The ids gobind makes for unnamed types: []int -> Slice_int, [3]int -> Array3_int,
#: map[string]int -> Map_string_int, *int -> Ptr_int, func types -> Func0, Func1, ..., chan int -> Chan_int
#: (<-chan int -> RecvChan_int, chan<- int -> SendChan_int).
#: The runtime's own classes (GoError, GoPanic, GoErrorValue, GoValue) are taken too.
#: (Ptr is followed by the id of the pointee: '_', a type name or a basic type, so PtraceRegs is not one.)
_GENERATED_ID = re.compile(r'(Slice_|Array\d+_|Map_|(Recv|Send)?Chan_'
                           r'|Ptr(_|[A-Z]|(u?int|float|complex|string|bool|any|error))|Func\d+$|(GoError|GoPanic|GoErrorValue|GoValue)$)')
#: The ids of iterator types (Iter_int, Iter2_string_int): C and Go names only, no Python class.
_ITER_ID = re.compile(r'Iter2?_')


def gobind_shaped(name: str) -> bool:
    """Whether a class name is shaped like the ones gobind makes for unnamed types (Slice_int, Ptr_int)."""
    return bool(_GENERATED_ID.match(name))


def c_ident(name: str) -> str:
    """A Go identifier as an ASCII part of C and Go symbol names: each non-ASCII letter becomes _uXXXX."""
    return ''.join(c if c.isascii() else '_u%04x' % ord(c) for c in name)


def python_ref(module: str, name: str) -> str:
    """How the extension module refers to a class: its name, qualified by its submodule if any."""
    return '%s.%s' % (module, name) if module else name


def is_exported(name: str) -> bool:
    """Go's rule: an identifier is exported when it starts with an upper-case letter."""
    return bool(name) and name[0].isupper()


def importable(path: str) -> bool:
    """Whether generated code outside the package's module may import it (not internal, not vendored)."""
    parts = path.split('/')
    return 'internal' not in parts and parts[0] != 'vendor' and path not in ('main', 'C', 'unsafe')


class TypeMapper:
    """Finds the Conversion for Go types of one package, or says why there is none.

    Also collects the sequence and value classes that those conversions refer to.
    """

    def __init__(self, pkg: Package, go_alias: str, submodules: Sequence[Tuple[str, Package]] = ()):
        self.pkg = pkg
        self.go_alias = go_alias  # the identifier the generated Go file imports the package as
        self.packages = [pkg] + [p for _, p in submodules]   # packages whose declarations are known
        # the //gobind:name of each type declaration: {import path: {Go name: Python name}}
        self.type_names: Dict[str, Dict[str, str]] = {}
        for p in self.packages:
            for decl in p.types + p.external_types:
                if decl.py_name:
                    self.type_names.setdefault(decl.pkg, {})[decl.name] = decl.py_name
        self.homes: Dict[str, PackageHome] = {pkg.path: PackageHome(pkg.path, go_alias, '', '', True,
                                                                    self.type_names.get(pkg.path, {}))}
        for name, p in submodules:
            self.homes[p.path] = PackageHome(p.path, '%s_%s' % (go_alias, name), name + '_', name, True,
                                             self.type_names.get(p.path, {}))
        self.ext_structs: Dict[str, Tuple[PackageHome, TypeDecl]] = {}   # struct classes of other packages
        self.seqs: Dict[str, SeqType] = {}
        self.values: Dict[str, ValueType] = {}
        self.maps: Dict[str, MapType] = {}
        self.funcs: Dict[str, FuncType] = {}   # by Go spelling
        self.boxes: Dict[str, BoxType] = {}
        self.ifaces: Dict[str, IfaceType] = {}
        self.funcvals: Dict[str, FuncValType] = {}   # func types crossing as values, by id
        self.iters: Dict[str, IterType] = {}
        self.iter_out: set = set()   # ids of iterator types some result hands to Python
        self.iter_in: set = set()    # ids of iterator types some parameter makes from a Python iterable
        self.uses_any = False   # some bound signature has an any (interface{}) value
        self.borrowed_seqs: set = set()   # ids of slice classes some parameter borrows
        self.chans: Dict[str, ChanType] = {}   # channel classes (chanmap.py), by id
        self.chan_in: set = set()    # ids of channel classes some parameter feeds from a Python iterable
        self._pending: Dict[str, Conversion] = {}
        self._pending_ifaces: set = set()
        for p in self.packages:   # their declarations are planned by name (home.go() spells them)
            for decl in p.types:
                if decl.type_args:
                    try:
                        self.instance(GoType(kind='named', pkg=decl.pkg, name=decl.origin, type_args=decl.type_args))
                    except Unsupported:
                        pass   # a type argument generated code cannot name: the instantiation is not reached

    def instance(self, t: GoType) -> GoType:
        """t, or for an instantiation of a generic type (Stack[int]) its named type (Stack_int; instances.py)."""
        return instance(self, t)

    def func_go_name(self, fn: Func) -> str:
        """How the generated Go file names a package function: Max, or Max[int] for an instantiation."""
        return func_go_name(self, fn)

    def conversion(self, t: GoType) -> Conversion:
        """The Conversion for t; raises Unsupported with a reason."""
        if t.kind == 'basic':
            conv = BASIC.get(t.name)
            if conv is None and t.name == 'unsafe.Pointer':
                raise Unsupported('unsafe.Pointer is not supported: a raw address that Go\'s garbage '
                                  'collector cannot follow once Python holds it')
            if conv is None:
                raise Unsupported('%s is not supported' % t.name)
            return conv
        if t.is_error:
            return ERROR
        if t.kind in ('slice', 'array'):
            if t.kind == 'slice' and t.elem.kind == 'basic' and t.elem.name == 'uint8':
                return BYTES
            return self._seq(t, None)
        if t.kind == 'map':
            return self._map(t, None)
        if t.kind == 'chan':
            return chan_conversion(self, t, None)
        if t.kind in ('named', 'func') and not t.is_error and iter_values(self, t) is not None:
            raise Unsupported('iterators (%s) are bound as parameters and results of functions only'
                              % t.go_spelling())
        if t.kind == 'named':
            return self._named(t)
        if t.kind == 'pointer' and t.elem.kind == 'named' and not t.elem.is_error:
            return self._named(t.elem, pointer=True)
        if t.kind == 'pointer':
            return self._box(t)
        if t.kind == 'interface':
            if not t.methods and not t.unexported_methods and not t.type_set:
                self.uses_any = True
                return ANY
            raise Unsupported('unnamed interface types (%s) are not supported yet: declare a named '
                              'interface type' % t.go_spelling())
        raise Unsupported('%s values are not supported yet' % _family(t))

    def lookup(self, pkg: str, name: str) -> Optional[TypeDecl]:
        """The declaration of named type pkg.name, from whichever package description has it."""
        for p in self.packages:
            decl = p.lookup(pkg, name)
            if decl is not None:
                return decl
        return None

    def home(self, path: str) -> PackageHome:
        """The PackageHome of a Go package, made up on first use for packages reached through types."""
        home = self.homes.get(path)
        if home is not None:
            return home
        if not importable(path):
            raise Unsupported('package %s is internal to another module, so generated code cannot '
                              'import it' % path)
        parts = [''.join(c if c.isalnum() else '_' for c in part) for part in path.split('/')]
        taken = {h.module for h in self.homes.values()}
        name, i = parts[-1], len(parts) - 1
        while name in taken or not name or name[0].isdigit():
            i -= 1
            name = '_'.join(parts[i:]) if i >= 0 else '%s%d' % (parts[-1], len(self.homes))
        home = PackageHome(path, '%s_%s' % (self.go_alias, name), name + '_', name, False,
                           self.type_names.get(path, {}))
        self.homes[path] = home
        return home

    def type_id(self, t: GoType) -> str:
        """An identifier naming a type, e.g. Slice_int, Array3_Point, Slice_url_URL."""
        if t.kind in ('slice', 'array', 'pointer', 'map'):
            inner = self.type_id(t.elem)
            if t.kind == 'map':
                return 'Map_%s_%s' % (self.type_id(t.key), inner)
            return {'slice': 'Slice_', 'array': 'Array%d_' % t.length, 'pointer': 'Ptr'}[t.kind] + inner
        if t.kind == 'chan':
            return CHAN_PREFIXES[t.direction or 'both'] + self.type_id(t.elem)
        if t.kind == 'struct' and not t.fields:
            return 'struct'   # struct{}, the item of a signal channel (chanmap.py)
        if t.kind == 'named' and t.pkg:
            return self.home(t.pkg).id(self.instance(t).name)
        if t.is_error:
            return 'error'
        if t.kind == 'interface':
            return 'any'
        return t.name

    def result_conversion(self, t: GoType) -> Conversion:
        """The Conversion of a function result: also iterators (Python iterators pulling from Go)
        and func values."""
        conv = self._iterator(t, out=True)
        return conv if conv is not None else self.value_conversion(t)

    def param_conversion(self, t: GoType) -> Conversion:
        """The Conversion of a function parameter: also iterators (any Python iterable) and func
        types (Python callables, or Go funcs that Python holds, see _funcval)."""
        conv = self._iterator(t, out=False)
        if conv is not None:
            return conv
        if t.kind == 'func':
            return self._funcval(t, None)
        if t.kind == 'named' and t.pkg and importable(t.pkg):
            t = self.instance(t)
            decl = self.lookup(t.pkg, t.name)
            if decl is not None and decl.underlying.kind == 'func' and not decl.type_params:
                if not is_exported(t.name) or decl.alias:
                    return self._func(decl.underlying)   # Go cannot name the type: a callable only
                return self._funcval(decl.underlying, (self.home(t.pkg), decl))
        return feed_conversion(self, self.conversion(t))

    def value_conversion(self, t: GoType) -> Conversion:
        """The Conversion of a result, field or variable: also func types (func values)."""
        if t.kind == 'func':
            return self._funcval(t, None)
        t = self.instance(t) if t.kind == 'named' and t.pkg and importable(t.pkg) else t
        if t.kind == 'named' and t.pkg and importable(t.pkg) and not t.type_args:
            decl = self.lookup(t.pkg, t.name)
            if decl is not None and decl.underlying.kind == 'func' and not decl.type_params and not decl.alias:
                return self._funcval(decl.underlying, self._decl(t))
        return self.conversion(t)

    def _funcval(self, t: GoType, named: Optional[Tuple[PackageHome, TypeDecl]]) -> Conversion:
        """A func value of type t (named: the declaration of its named type)."""
        try:
            self._func(t)
        except Unsupported as e:
            raise Unsupported('func value %s: %s' % (t.go_spelling(), e))
        callback = self.funcs[self.go_spelling(t)]
        if named:
            home, decl = named
            fid, py, go_type = home.id(decl.name), home.id(decl.name), home.go(decl.name)
        else:
            fid = py = callback.id
            go_type = callback.go_type
        if fid not in self.funcvals:
            results = [self.go_spelling(r.type) for r in t.results]
            out = ' (%s)' % ', '.join(results) if len(results) > 1 else ''.join(' ' + r for r in results)
            self.funcvals[fid] = FuncValType(id=fid, py_name=py, go_type=go_type, sig=t, callback=callback,
                                             results_go=out, decl=named[1] if named else None)
        return funcval_conversion(self.funcvals[fid])

    def borrowed(self, conv: Conversion) -> Optional[Conversion]:
        """conv for a parameter the function borrows (//gobind:borrow): Go gets a view of Python's
        memory for the duration of the call instead of a copy.  None when its type cannot be
        borrowed (only string, []byte and slices of numbers or bools can, named or not)."""
        view = _BORROWED_VIEWS.get(conv.from_py)
        if view is not None:
            copy, borrowed = view
            return dataclasses.replace(conv, go_in=conv.go_in.replace(copy, borrowed))
        seq = self.seqs.get(conv.from_py[len('gobind_from_py_'):])
        if seq is None or conv.from_py != 'gobind_from_py_' + seq.id or seq.is_array \
                or not seq.elem.c_same or seq.shape:
            return None
        self.borrowed_seqs.add(seq.id)
        return dataclasses.replace(
            conv, c_type='gobind_borrowed', c_arg='gobind_borrowarg', c_arg_init='GOBIND_BORROWARG_INIT',
            c_pass='{x}.b', from_py='gobind_borrowarg_' + seq.id, release='gobind_borrowarg_release',
            go_in='gobindBorrow_%s({x})' % seq.id)

    def variadic_conversion(self, t: GoType) -> Conversion:
        """The Conversion of a variadic ...T parameter (a []T, also for ...byte)."""
        return self._seq(t, None)

    def go_spelling(self, t: GoType) -> str:
        """How the generated Go file spells t."""
        t = self.instance(t)
        if t.kind == 'named':
            if t.pkg == '':
                return t.name
            return self.home(t.pkg).go(t.name)
        if t.kind == 'basic':
            return t.name
        if t.kind == 'slice':
            return '[]' + self.go_spelling(t.elem)
        if t.kind == 'array':
            return '[%d]%s' % (t.length, self.go_spelling(t.elem))
        if t.kind == 'pointer':
            return '*' + self.go_spelling(t.elem)
        if t.kind == 'map':
            return 'map[%s]%s' % (self.go_spelling(t.key), self.go_spelling(t.elem))
        if t.kind == 'chan':
            return chan_spelling(t.direction or 'both', self.go_spelling(t.elem))
        if t.kind == 'struct' and not t.fields:
            return 'struct{}'
        if t.kind == 'interface' and not t.methods and not t.unexported_methods:
            return 'any'
        if t.kind == 'func':
            params = ', '.join(self.go_spelling(p.type) for p in t.params)
            results = [self.go_spelling(r.type) for r in t.results]
            out = '' if not results else ' ' + results[0] if len(results) == 1 else ' (%s)' % ', '.join(results)
            return 'func(%s)%s' % (params, out)
        raise Unsupported('%s values are not supported yet' % _family(t))

    def _decl(self, t: GoType) -> Tuple[PackageHome, TypeDecl]:
        t = self.instance(t)
        if t.type_args:
            raise Unsupported('%s: type parameters cannot be bound (an instantiation can)' % t.go_spelling())
        if t.pkg and not is_exported(t.name):
            raise Unsupported('%s is not exported by package %s, so generated code cannot name it'
                              % (t.go_spelling(), t.pkg))
        home = self.home(t.pkg)
        decl = self.lookup(t.pkg, t.name)
        if decl is None:
            raise Unsupported('%s is not described by the inspector' % t.go_spelling())
        if decl.type_params:
            raise Unsupported('%s is generic: only its instantiations are bound' % t.go_spelling())
        if decl.alias:
            raise Unsupported('%s: aliases are not bound yet' % t.go_spelling())
        return home, decl

    def _named(self, t: GoType, pointer: bool = False) -> Conversion:
        t = self.instance(t)
        home, decl = self._decl(t)
        u = decl.underlying
        if u.kind == 'struct':
            if not home.bound:
                self.ext_structs.setdefault(home.id(t.name), (home, decl))
            return struct_conversion(home, t.name, pointer)
        if u.kind == 'interface':
            if u.type_set:
                raise Unsupported('%s is a constraint interface (it has type-set elements), usable only '
                                  'as a type parameter constraint' % t.go_spelling())
            if pointer:
                raise Unsupported('pointers to interfaces (%s) are not supported' % t.go_spelling())
            return self._iface(home, decl)
        if pointer:
            return self._box(GoType(kind='pointer', elem=t))
        if u.kind in ('slice', 'array') and not (u.kind == 'slice' and u.elem.kind == 'basic'
                                                 and u.elem.name == 'uint8'):
            return self._seq(u, (home, decl))
        if u.kind == 'map':
            return self._map(u, (home, decl))
        if u.kind == 'chan':
            return chan_conversion(self, u, (home, decl))
        base = self.conversion(u)
        go_name = home.go(t.name)
        named = dataclasses.replace(
            base,
            go_type=go_name,
            go_in='%s(%s)' % (go_name, base.go_in),
            go_out=base.go_out.replace('{v}', '%s({v})' % base.go_type),
        )
        if base.py_type not in VALUE_BASES:
            return named  # bool cannot be subclassed: values stay plain
        vid = home.id(t.name)
        self.values.setdefault(vid, ValueType(vid, home.py_name(t.name), base, base.py_type, decl, home.module))
        return dataclasses.replace(named, py_type=home.py_type(t.name), py_in=base.py_param,
                                   to_py='gobind_to_py_' + vid)

    def _seq(self, t: GoType, named: Optional[Tuple[PackageHome, TypeDecl]]) -> Conversion:
        home, decl = named if named else (None, None)
        sid = home.id(decl.name) if named else self.type_id(t)
        go_type = home.go(decl.name) if named else self.go_spelling(t)
        if sid in self.seqs:
            return self._seq_conversion(self.seqs[sid])
        if sid in self._pending:
            return self._pending[sid]  # a type that contains itself
        self._pending[sid] = _value_handle_conversion(sid, sid, go_type, 'Sequence[Any]')
        try:
            try:
                elem = self.conversion(t.elem)
            except Unsupported as e:
                raise Unsupported('element type of %s: %s' % (t.go_spelling(), e))
        finally:
            del self._pending[sid]
        shape, leaf = self._buffer_shape(t.elem, elem)
        if t.kind == 'array' and t.length == 0:
            shape, leaf = (), None   # a [0]T has no items to show: no buffer protocol
        seq = SeqType(id=sid, py_name=home.py_name(decl.name) if named else sid, go_type=go_type, kind=t.kind,
                      length=t.length, elem=elem, elem_go=t.elem, decl=decl, shape=shape, leaf=leaf,
                      module=home.module if named else '')
        self.seqs[sid] = seq
        return self._seq_conversion(seq)

    def _map(self, t: GoType, named: Optional[Tuple[PackageHome, TypeDecl]]) -> Conversion:
        home, decl = named if named else (None, None)
        mid = home.id(decl.name) if named else self.type_id(t)
        go_type = home.go(decl.name) if named else self.go_spelling(t)
        if mid not in self.maps:
            try:
                key = self.conversion(t.key)
            except Unsupported as e:
                raise Unsupported('key type of %s: %s' % (t.go_spelling(), e))
            if key.c_type == 'uintptr_t' or key.py_param not in ('int', 'float', 'complex', 'str', 'bool'):
                raise Unsupported('map keys of type %s are not supported yet (only numbers, strings '
                                  'and bools)' % t.key.go_spelling())
            try:
                value = self.conversion(t.elem)
            except Unsupported as e:
                raise Unsupported('value type of %s: %s' % (t.go_spelling(), e))
            keys = GoType(kind='slice', elem=t.key)
            self._seq(keys, None)
            self.maps[mid] = MapType(id=mid, py_name=home.py_name(decl.name) if named else mid, go_type=go_type,
                                     key=key, value=value, key_go=t.key,
                                     key_go_type=self.go_spelling(t.key), keys_seq=self.type_id(keys),
                                     decl=decl, module=home.module if named else '')
        m = self.maps[mid]
        py = python_ref(m.module, m.py_name)
        return _value_handle_conversion(mid, py, go_type, '%s | Mapping[%s, %s]'
                                        % (py, m.key.py_param, m.value.py_param))

    def _box(self, t: GoType) -> Conversion:
        if t.elem.kind in ('pointer', 'func', 'interface', 'chan') or t.elem.is_error:
            raise Unsupported('%s values are not supported yet' % _family(t))
        bid = 'Ptr_' + self.type_id(t.elem)
        if bid not in self.boxes:
            try:
                elem = self.conversion(t.elem)
            except Unsupported as e:
                raise Unsupported('pointer %s: %s' % (t.go_spelling(), e))
            self.boxes[bid] = BoxType(id=bid, py_name=bid, go_type=self.go_spelling(t),
                                      elem_go_type=self.go_spelling(t.elem), elem=elem)
        box = self.boxes[bid]
        return Conversion(
            go_type=box.go_type, py_type='%s | None' % bid,
            py_in='%s | %s | None' % (bid, box.elem.py_param),
            c_out='uintptr_t', from_py='gobind_from_py_' + bid, to_py='gobind_to_py_' + bid,
            go_in='gobindPtr_%s({x})' % bid, go_out='*{r} = gobindHandle_%s({v})' % bid, **_HANDLE_ARG)

    def _func(self, t: GoType) -> Conversion:
        spelling = self.go_spelling(t)
        if spelling not in self.funcs:
            if t.variadic:
                raise Unsupported('variadic func types (%s) are not supported yet' % t.go_spelling())
            params, param_types = [], []
            for i, p in enumerate(t.params):
                if p.type.kind == 'func':
                    raise Unsupported('a callback that takes a callback (%s) is not supported' % t.go_spelling())
                try:
                    conv = self.conversion(p.type)
                except Unsupported as e:
                    raise Unsupported('callback parameter %d of %s: %s' % (i + 1, t.go_spelling(), e))
                param_types.append(conv)
                params.append(callback_arg(conv))
            results, returns_error = [], False
            for i, r in enumerate(t.results):
                if r.type.is_error and i == len(t.results) - 1:
                    returns_error = True
                    continue
                if r.type.kind == 'func':
                    raise Unsupported('a callback that returns a func (%s) is not supported' % t.go_spelling())
                try:
                    results.append(self.conversion(r.type))
                except Unsupported as e:
                    raise Unsupported('callback result %d of %s: %s' % (i + 1, t.go_spelling(), e))
            result_go = [self.go_spelling(r.type) for r in t.results
                         if not (r.type.is_error and r is t.results[-1])]
            error_value = returns_error and not results
            if error_value:
                results, result_go = [ERROR], ['error']
            self.funcs[spelling] = FuncType(
                id='Func%d' % len(self.funcs), go_type=spelling, spelling=t.go_spelling(),
                params=tuple(params), param_types=tuple(param_types), results=tuple(results),
                returns_error=returns_error,
                param_go=tuple(self.go_spelling(p.type) for p in t.params),
                result_go=tuple(result_go), error_value=error_value)
        f = self.funcs[spelling]
        return Conversion(
            go_type=spelling, py_type=f.py_type, c_type='uintptr_t', c_arg='gobind_callable_arg',
            c_arg_init='{0, 0}', c_pass='gobind_callable_pass(&{x})', c_out='uintptr_t',
            from_py='gobind_from_py_callable', to_py='gobind_to_py_unsupported',
            release='gobind_callable_release', go_in='gobindCallback_%s({x}, gobindCaller)' % f.id,
            go_out='*{r} = 0',
        )

    def _iterator(self, t: GoType, out: bool) -> Optional[Conversion]:
        """The Conversion of an iterator type (iter.Seq[V], iter.Seq2[K, V] or any type whose
        underlying type is func(yield func(...) bool)), or None if t is not one."""
        values = iter_values(self, t)
        if values is None:
            return None
        elems = []
        for v in values:
            if v.kind == 'func' or iter_values(self, v) is not None:
                raise Unsupported('iterators of funcs (%s) are not supported yet' % t.go_spelling())
            if not out and v.is_error:
                raise Unsupported('iterator parameters yielding errors (%s) are not supported yet' % t.go_spelling())
            try:
                elems.append(self.conversion(v))
            except Unsupported as e:
                raise Unsupported('value type of %s: %s' % (t.go_spelling(), e))
        iid = ('Iter2_' if len(values) == 2 else 'Iter_') + '_'.join(self.type_id(v) for v in values)
        if iid not in self.iters:
            self.iters[iid] = IterType(id=iid, spelling=t.go_spelling(), elems=tuple(elems),
                                       elem_go=tuple(self.go_spelling(v) for v in values))
        it = self.iters[iid]
        if not out and it.puller is None:  # Go pulls the items of a Python iterator through a callback
            pull = GoType(kind='func', results=tuple(Param('', v) for v in values) + (Param('', ERROR_TYPE),))
            self._func(pull)
            it = self.iters[iid] = dataclasses.replace(it, puller=self.funcs[self.go_spelling(pull)])
        (self.iter_out if out else self.iter_in).add(iid)
        return Conversion(
            go_type=it.func_type, py_type='Iterator[%s]' % it.py_elem, py_in='Iterable[%s]' % it.py_in_elem,
            c_type='uintptr_t', c_arg='gobind_callable_arg', c_arg_init='{0, 0}',
            c_pass='gobind_callable_pass(&{x})', c_out='uintptr_t', from_py='gobind_from_py_iterable',
            to_py='gobind_to_py_' + iid, release='gobind_callable_release',
            go_in='gobindIterIn_%s(gobindCallback_%s({x}, nil), gobindCaller)' % (iid, it.puller.id)
            if it.puller else '',
            go_out='*{r} = gobindIterOut_%s({v})' % iid)

    def _iface(self, home: PackageHome, decl: TypeDecl) -> Conversion:
        conv = iface_conversion(home, decl.name)
        iid = home.id(decl.name)
        if iid in self.ifaces or iid in self._pending_ifaces:
            return conv
        self._pending_ifaces.add(iid)
        try:
            callbacks: List[FuncType] = []
            reason = ''
            if decl.underlying.unexported_methods:
                reason = '%s has unexported methods, so only Go types can implement it' % decl.name
            for m in decl.underlying.methods if not reason else ():
                ft = GoType(kind='func', params=m.params, results=m.results, variadic=m.variadic)
                try:
                    self._func(ft)
                except Unsupported as e:
                    reason, callbacks = 'method %s: %s' % (m.name, e), []
                    break
                callbacks.append(self.funcs[self.go_spelling(ft)])
        finally:
            self._pending_ifaces.discard(iid)
        file_method, file_reader = '', None
        if not reason:
            file_method = file_shape(decl.underlying.methods)
            if file_method == 'read':
                read = GoType(kind='func', params=(Param('n', INT),), results=(Param('', BYTE_SLICE),
                                                                                Param('', ERROR_TYPE)))
                self._func(read)
                file_reader = self.funcs[self.go_spelling(read)]
        self.ifaces[iid] = IfaceType(id=iid, py_name=home.py_name(decl.name), go_type=conv.go_type, decl=decl,
                                     callbacks=tuple(callbacks), python_reason=reason, module=home.module,
                                     file_method=file_method, file_reader=file_reader)
        for pkg, name, _ in decl.implementers:   # its values are of these types: bind them too
            try:
                self.conversion(GoType(kind='named', name=name, pkg=pkg))
            except Unsupported:
                pass   # stays the interface class, as values of unexported types do
        return conv

    def _buffer_shape(self, elem_go: GoType, elem: Conversion):
        """The inner dimensions and numeric leaf of an element type, or ((), None) if not numeric."""
        if elem.buffer_format:
            return (), elem
        t = elem_go
        if t.kind == 'named':
            decl = self.lookup(t.pkg, t.name)
            t = decl.underlying if decl is not None else t
        if t.kind == 'array':
            inner = self.seqs.get(self.type_id(t) if elem_go.kind != 'named' else self.type_id(elem_go))
            if inner is not None and inner.leaf is not None:
                return (t.length,) + inner.shape, inner.leaf
        return (), None

    def _seq_conversion(self, seq: SeqType) -> Conversion:
        py = python_ref(seq.module, seq.py_name)
        return _value_handle_conversion(seq.id, py, seq.go_type, '%s | Sequence[%s]' % (py, seq.elem.py_param))


def _value_handle_conversion(cid: str, py_name: str, go_type: str, py_in: str) -> Conversion:
    """A slice, array or map value crossing as a handle to a pointer to it (results are views)."""
    return Conversion(
        go_type=go_type, py_type=py_name, py_in=py_in, c_out='uintptr_t',
        from_py='gobind_from_py_' + cid, to_py='gobind_to_py_' + cid,
        go_in='*gobindPtr_%s({x})' % cid, go_out='*{r} = gobindHandle_%s(&{v})' % cid, **_HANDLE_ARG)


def struct_conversion(home: PackageHome, name: str, pointer: bool) -> Conversion:
    """A bound struct T (or *T): Python holds a cgo handle to a *T; None is nil for *T."""
    suffix = '_ptr' if pointer else ''
    cid = home.id(name)
    return Conversion(
        go_type=('*' if pointer else '') + home.go(name),
        py_type=home.py_type(name) + (' | None' if pointer else ''),
        c_type='uintptr_t', c_arg='uintptr_t', c_arg_init='0', c_pass='{x}', c_out='uintptr_t',
        from_py='gobind_from_py_%s%s' % (cid, suffix), to_py='gobind_to_py_%s' % cid,
        release='',
        go_in=('gobindPtr_%s({x})' if pointer else '*gobindPtr_%s({x})') % cid,
        go_out=('*{r} = gobindHandle_%s({v})' if pointer else '*{r} = gobindHandle_%s(&{v})') % cid,
    )


def _family(t: GoType) -> str:
    """A plain name for the family of an unsupported type, for messages."""
    names = {'pointer': 'pointer', 'slice': 'slice', 'array': 'array', 'map': 'map',
             'chan': 'channel', 'func': 'func', 'struct': 'struct', 'interface': 'interface',
             'typeparam': 'type parameter'}
    return '%s (%s)' % (names.get(t.kind, t.kind), t.go_spelling())


def map_order(mapper: TypeMapper) -> List[MapType]:
    """The map classes, by name."""
    return [mapper.maps[k] for k in sorted(mapper.maps)]


def seq_order(mapper: TypeMapper) -> List[SeqType]:
    """The sequence classes in a fixed order: by name, so output does not depend on discovery order."""
    return [mapper.seqs[k] for k in sorted(mapper.seqs)]


def box_order(mapper: TypeMapper) -> List[BoxType]:
    """The pointer box classes, by name."""
    return [mapper.boxes[k] for k in sorted(mapper.boxes)]


def iface_order(mapper: TypeMapper) -> List[IfaceType]:
    """The interface classes, by name."""
    return [mapper.ifaces[k] for k in sorted(mapper.ifaces)]


def funcval_order(mapper: TypeMapper) -> List[FuncValType]:
    """The func value classes, by id."""
    return [mapper.funcvals[k] for k in sorted(mapper.funcvals)]


def iter_order(mapper: TypeMapper) -> List[IterType]:
    """The iterator types, by name."""
    return [mapper.iters[k] for k in sorted(mapper.iters)]


def func_order(mapper: TypeMapper) -> List[FuncType]:
    """The callback func types, in the order they were met (their ids number them)."""
    return sorted(mapper.funcs.values(), key=lambda f: int(f.id[len('Func'):]))
