"""Decides what of a Go package gets bound, under which Python names, and how.

The plan is the single input of the templates: it holds final names, C and Go
spellings and docstrings, so the templates only print.  Whatever cannot be
bound is recorded in ``skipped`` with the reason.
"""

from __future__ import annotations

import builtins
import dataclasses
import functools
import keyword
import math
import re
import unicodedata
from fractions import Fraction
from typing import Callable, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

from ..emit.escape import c_string, py_docstring
from .callback_policy import takes_objects
from .classes import pickle_refusal
from .chanmap import ChanPlan, ChanType, plan_chans
from .funcvals import CALL, FuncValPlan, call_func
from .generics import GenericPlan, display_name, generic_func_skip, generic_type_skip, plan_generics
from .itermap import IterPlan, iter_values, plan_iters
from .names import RESERVED_MODULE_NAMES, Namer, Naming, gopy_tag, python_name
from .peers import peer_signatures
from .vec import VecPlan, vec_plans
from .aio import AioPlan, aio_class_plans, aio_plans
from ..model import Const, Field, Func, GoType, Package, Param, Skipped, TypeDecl, Var
from .typemap import (VALUE_BASES, c_ident, BoxType, Conversion, FuncType, FuncValType, IfaceType, MapType, PackageHome, SeqType,
                      TypeMapper, Unsupported, ValueType, box_order, func_order, funcval_order, python_ref)

_IDENT = re.compile(r'^[A-Za-z_][A-Za-z0-9_]*$')

#: Bytes per element of each buffer format gobind exports.
_ITEMSIZE = {'?': 1, 'b': 1, 'B': 1, 'h': 2, 'H': 2, 'i': 4, 'I': 4, 'q': 8, 'Q': 8,
             'f': 4, 'd': 8, 'Zf': 8, 'Zd': 16}


@dataclasses.dataclass(frozen=True)
class ArgPlan:
    """One Python-visible parameter of a bound function."""

    index: int
    py_name: str           # keyword name in Python
    conv: Conversion
    variadic: bool = False  # the Go ...T parameter, collected from Python's extra positionals
    elem_py: str = ''       # variadic: the Python type of one item
    borrowed: str = ''      # why Go gets a view of Python's memory ('' when it gets a copy)

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
        return self.conv.go_in.format(x=self.go_param) + ('...' if self.variadic else '')

    @property
    def py_param(self) -> str:
        """The parameter in a Python signature, e.g. `name: str` or `*xs: int`."""
        return self.py_param_with(lambda ann: ann)

    def py_param_with(self, ann) -> str:
        """py_param, with the annotation passed through ann."""
        if self.variadic:
            return '*%s: %s' % (self.py_name, ann(self.elem_py))
        return '%s: %s' % (self.py_name, ann(self.conv.py_param))


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
    """A bound package-level function, or a method of a bound class."""

    go_name: str           # name in the Go package
    py_name: str           # attribute name in the Python module or class
    export: str            # name of the cgo export the C code calls
    args: Tuple[ArgPlan, ...]
    results: Tuple[ResultPlan, ...]
    returns_error: bool
    doc: str               # Go doc comment
    signature: str         # Python signature line: Hello(name: str) -> str
    text_signature: str    # CPython __text_signature__ form: ($module, /, name)
    pyi_params: str        # parameters for the .pyi stub
    py_return: str         # return annotation
    receiver: str = ''     # for methods: the class id of the receiver's type
    recv_value: Optional[Conversion] = None  # methods of value classes: how self crosses
    release_gil: bool = True
    sized_gil: bool = False  # released only when the str and bytes arguments are long (see quick_call)
    takes_ctx: bool = False  # the Go function's first parameter is a context.Context that gobind supplies
    goexit: bool = False     # may call runtime.Goexit: the Go call runs on a goroutine of its own
    module: str = ''         # package functions of a submodule: its name
    go_pkg: str = 'gobindpkg'  # package functions: the Go import alias of their package
    owner: str = ''          # methods: their class as messages name it, e.g. Point or url.URL
    callback_panics: bool = False  # its callables' exceptions on Go's goroutines are Go panics (opt-in)
    recovers: bool = True    # the export defers gobind's recover (see needs_recover)
    takes_objects: bool = False  # arguments may make Go interface values of Python objects (callback_policy)
    go_self: str = ''        # Go expression of the receiver when not gobindPtr_<receiver>(self)

    @property
    def takes_callbacks(self) -> bool:
        """Whether a parameter is a Python callable or iterable: the export then keeps its exceptions (gobindCall)."""
        return any(a.conv.go_in.startswith(('gobindCallback_', 'gobindIterIn_', 'gobindFuncIn_', 'gobindChanIn_'))
                   for a in self.args)

    @property
    def keeps_call(self) -> bool:
        """Whether the export keeps a gobindCall: the exceptions of Python code Go calls back."""
        return self.takes_callbacks or self.takes_objects

    @property
    def open_call(self) -> str:
        """Go expression: the export's gobindCall (the one made while C converted Python objects
        for the arguments, pyobjs, or a new one)."""
        panics = 'true' if self.callback_panics else 'false'
        return 'gobindJoinCall(pyobjs, %s)' % panics if self.takes_objects else 'gobindOpenCall(%s)' % panics

    @property
    def copied_bytes(self) -> str:
        """C expression: how many bytes of str and bytes arguments the call copies (sized_gil)."""
        return ' + '.join('%s.view.n' % a.c_local for a in self.args if a.conv.c_arg == 'gobind_view_arg') or '0'

    @property
    def variadic(self) -> Optional[ArgPlan]:
        return self.args[-1] if self.args and self.args[-1].variadic else None

    @property
    def fixed_args(self) -> Tuple[ArgPlan, ...]:
        return self.args[:-1] if self.variadic else self.args

    @property
    def go_target(self) -> str:
        """What the Go call is made on: the package alias, or the receiver."""
        if self.recv_value is not None:
            return self.recv_value.go_in.format(x='self')
        if self.go_self:
            return self.go_self
        return 'gobindPtr_%s(self)' % self.receiver if self.receiver else self.go_pkg

    @property
    def self_c_type(self) -> str:
        """C type of the receiver on the cgo boundary."""
        return self.recv_value.c_type if self.recv_value is not None else 'uintptr_t'

    @property
    def c_name(self) -> str:
        """Name of the C function implementing this function or method."""
        if self.receiver:
            return 'gobind_m_%s_%s' % (self.receiver, c_ident(self.py_name))
        return 'gobind_fn_%s%s' % (self.module + '_' if self.module else '', c_ident(self.py_name))

    @property
    def qualname(self) -> str:
        """How error messages name the function: Func, sub.Func or Class.Method."""
        owner = self.owner or self.receiver or self.module
        return '%s.%s' % (owner, self.py_name) if owner else self.py_name

    @property
    def go_call_lhs(self) -> str:
        """Left-hand side of the Go call, e.g. 'v0, err := ' or ''."""
        names = [r.go_value for r in self.results]
        if self.returns_error:
            names.append('gerr')
        return ', '.join(names) + ' := ' if names else ''

    @property
    def go_call_args(self) -> str:
        return ', '.join((['ctx'] if self.takes_ctx else []) + [a.go_value for a in self.args])

    @property
    def full_doc(self) -> str:
        """The Python __doc__: the signature line, then the Go doc."""
        return self.signature + ('\n\n' + self.doc if self.doc else '')

    @property
    def c_doc(self) -> str:
        return c_string(self.full_doc, indent=16)

    @property
    def pyi_doc(self) -> str:
        return py_docstring(self.full_doc)


@dataclasses.dataclass(frozen=True)
class FieldPlan:
    """An exported struct field (or one promoted from an embedded struct), read and written as an attribute."""

    go_name: str           # selector from the struct, e.g. Name (Go resolves promoted fields)
    py_name: str
    conv: Conversion
    doc: str
    getter: str            # cgo export reading the field
    setter: str            # cgo export writing the field

    @property
    def c_ident(self) -> str:
        """The Python name as an ASCII part of C identifiers."""
        return c_ident(self.py_name)

    @property
    def c_doc(self) -> str:
        return c_string('%s: %s%s' % (self.py_name, self.conv.py_type, '\n\n' + self.doc if self.doc else ''))

    @property
    def pyi_doc(self) -> str:
        return py_docstring(self.doc) if self.doc else ''

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
    error_kind: int = 0              # >0 when the type implements error: its index in the error table
    error_value_receiver: bool = False  # T itself (not only *T) implements error
    id: str = ''                     # C and Go identifier part (the Go name, prefixed for other packages)
    module: str = ''                 # Python submodule holding the class ('' for the extension module)
    go_type: str = ''                # Go spelling of T in the generated file
    go_pkg: str = ''                 # import path of the declaring package
    repr_name: str = ''              # an instantiation of a generic: its name in reprs, Stack[int]
    pickle_refusal: str = ''         # why pickle refuses it, naming the field (bind/classes.py), or ''

    def export(self, what: str) -> str:
        """The name of its helper export `what` (new, copy, deepcopy, equal)."""
        return self.new_export[:-len('new')] + what

    @property
    def c_doc(self) -> str:
        sig = '%s(%s)' % (self.py_name, ', '.join('%s: %s = ...' % (f.py_name, f.conv.py_param) for f in self.fields))
        return c_string(sig + ('\n\n' + self.doc if self.doc else ''))

    @property
    def text_signature(self) -> str:
        """The class's __text_signature__ line (the fields, positional or keyword), for inspect.signature()."""
        params = ['%s=...' % f.py_name for f in self.fields]
        return '%s(%s)\\n--\\n\\n' % (self.py_name, ', '.join(params))

    @property
    def pyi_doc(self) -> str:
        return py_docstring(self.doc or self.py_name)


@dataclasses.dataclass(frozen=True)
class SeqPlan:
    """A slice or array type bound as a sequence class over the Go value."""

    seq: SeqType
    doc: str
    methods: Tuple[FuncPlan, ...]
    str_method: Optional[FuncPlan]
    prefix: str                     # prefix of this class's cgo exports
    borrowed: bool = False          # some parameter borrows it (//gobind:borrow): C and Go view helpers

    @property
    def id(self) -> str:
        return self.seq.id

    @property
    def module(self) -> str:
        return self.seq.module

    @property
    def py_name(self) -> str:
        return self.seq.py_name

    @property
    def elem(self) -> Conversion:
        return self.seq.elem

    @property
    def is_array(self) -> bool:
        return self.seq.is_array

    @property
    def buffer(self) -> bool:
        """Numeric elements: the class exports the buffer protocol over the Go memory."""
        return self.seq.leaf is not None

    @property
    def buffer_format(self) -> str:
        return self.seq.leaf.buffer_format if self.seq.leaf else ''

    @property
    def itemsize(self) -> int:
        return _ITEMSIZE[self.buffer_format] if self.buffer else 0

    @property
    def ndim(self) -> int:
        return 1 + len(self.seq.shape)

    @property
    def inner_shape(self) -> Tuple[int, ...]:
        return self.seq.shape

    @property
    def fast_in(self) -> bool:
        """Elements whose C form is the Go memory layout: a matching buffer passes straight to Go
        (not for a [0]T, which has no buffer protocol)."""
        return self.seq.elem.c_same and not self.seq.shape and self.buffer

    @property
    def go_elem(self) -> str:
        return self.seq.go_type[len('[]'):] if not self.is_array and not self.seq.decl else ''

    @property
    def c_doc(self) -> str:
        what = ('array of %d %s' % (self.seq.length, self.elem.py_type)) if self.is_array \
            else 'slice of %s' % self.elem.py_type
        sig = '%s(items: Sequence[%s] = ())' % (self.py_name, self.elem.py_param)
        text = '%s\n\nA Go %s, viewed in place: indexing, slicing, iteration and item assignment reach the Go memory.' \
            % (sig, what)
        return c_string(text + ('\n\n' + self.doc if self.doc else ''))

    @property
    def pyi_doc(self) -> str:
        return py_docstring(self.doc or 'A Go %s sequence.' % self.seq.kind)


@dataclasses.dataclass(frozen=True)
class MapPlan:
    """A map type bound as a mutable mapping class over the Go map."""

    map: MapType
    doc: str
    methods: Tuple[FuncPlan, ...]
    str_method: Optional[FuncPlan]
    prefix: str

    @property
    def id(self) -> str:
        return self.map.id

    @property
    def module(self) -> str:
        return self.map.module

    @property
    def py_name(self) -> str:
        return self.map.py_name

    @property
    def key(self) -> Conversion:
        return self.map.key

    @property
    def value(self) -> Conversion:
        return self.map.value

    @property
    def c_doc(self) -> str:
        sig = '%s(items: Mapping[%s, %s] = {})' % (self.py_name, self.key.py_param, self.value.py_param)
        text = ('%s\n\nA Go %s, used in place: reading, assigning and deleting keys reach the Go map. '
                'Iteration sees the keys the map had when it started.' % (sig, self.map.go_type.replace('gobindpkg.', '')))
        return c_string(text + ('\n\n' + self.doc if self.doc else ''))

    @property
    def pyi_doc(self) -> str:
        return py_docstring(self.doc or 'A Go map.')


@dataclasses.dataclass(frozen=True)
class BoxPlan:
    """A pointer to a non-struct value, bound as a box class with a .value attribute."""

    box: BoxType
    prefix: str
    py_name: str   # the class name in the module (the box's id, unless a Go name took it)

    @property
    def id(self) -> str:
        return self.box.id

    module = ''   # boxes of any package's types live in the extension module

    @property
    def go_type(self) -> str:
        return self.box.go_type.replace('gobindpkg.', '')

    @property
    def elem_go_type(self) -> str:
        return self.box.elem_go_type

    @property
    def elem(self) -> Conversion:
        return self.box.elem

    @property
    def methods(self) -> Tuple['FuncPlan', ...]:
        return ()

    @property
    def value_field(self) -> FieldPlan:
        """The .value attribute, as a field of the pointee (read and written by the get and set exports)."""
        return FieldPlan(go_name='', py_name='value', conv=self.box.elem,
                         doc='The value the Go pointer points to; assigning writes through it.',
                         getter=self.prefix + 'get', setter=self.prefix + 'set')


@dataclasses.dataclass(frozen=True)
class ValuePlan:
    """A named Go type over a basic type, bound as a subclass of int, float, complex, str or bytes."""

    value: ValueType
    doc: str
    methods: Tuple[FuncPlan, ...]
    str_method: Optional[FuncPlan]
    enum: Tuple['ConstPlan', ...]   # typed integer consts of this type: the members of an IntEnum

    @property
    def id(self) -> str:
        return self.value.id

    @property
    def module(self) -> str:
        return self.value.module

    @property
    def py_name(self) -> str:
        return self.value.py_name

    @property
    def py_base(self) -> str:
        return self.value.py_base

    @property
    def c_base(self) -> str:
        return VALUE_BASES[self.value.py_base]

    @property
    def c_doc(self) -> str:
        sig = '%s(value: %s)' % (self.py_name, self.py_base)
        return c_string(sig + ('\n\n' + self.doc if self.doc else ''))

    @property
    def pyi_doc(self) -> str:
        return py_docstring(self.doc or self.py_name)


@dataclasses.dataclass(frozen=True)
class InterfacePlan:
    """A named interface type, bound as a class over any Go value that implements it."""

    iface: IfaceType
    doc: str
    methods: Tuple[FuncPlan, ...]
    str_method: Optional[FuncPlan]
    impls: Tuple[Tuple['StructPlan', bool], ...]  # bound structs whose *T implements it; and whether T does
    prefix: str

    @property
    def id(self) -> str:
        return self.iface.id

    @property
    def module(self) -> str:
        return self.iface.module

    @property
    def py_name(self) -> str:
        return self.iface.py_name

    @property
    def python_ok(self) -> bool:
        """Python objects can implement it (Go gets a proxy that calls their methods)."""
        return not self.iface.python_reason

    @property
    def method_names(self) -> Tuple[str, ...]:
        """The names Python objects implement its methods under: those of the class's methods
        (pep8_names and //gobind:name rename them), in the interface's order."""
        py = {m.go_name: m.py_name for m in self.methods}
        return tuple(py.get(m.name, m.name) for m in self.iface.methods)

    @property
    def file_go_method(self) -> str:
        """The method a Python file's read or write stands in for, as Python objects name it ('' when
        that is the file method's own name, as with pep8_names: then any object with it is a file)."""
        go = self.iface.file_go_method
        py = next((m.py_name for m in self.methods if m.go_name == go), go)
        return '' if py == self.iface.file_method else py

    @property
    def c_doc(self) -> str:
        text = '%s\n\nA Go interface value: its methods call the Go value. ' % self.py_name
        if self.python_ok:
            text += ('Subclass it, or pass any object with the methods %s, to implement it in Python.'
                     % ', '.join(self.method_names))
        else:
            text += 'Only Go values implement it: %s.' % self.iface.python_reason
        return c_string(text + ('\n\n' + self.doc if self.doc else ''))

    @property
    def pyi_doc(self) -> str:
        return py_docstring(self.doc or 'A Go interface.')


@dataclasses.dataclass(frozen=True)
class VarPlan:
    """A package-level variable, read and written live as a module attribute."""

    go_name: str
    py_name: str
    conv: Conversion
    doc: str
    getter: str
    setter: str
    module: str = ''           # variables of a submodule package: its name
    go_pkg: str = 'gobindpkg'  # the Go import alias of its package

    @property
    def c_ident(self) -> str:
        """The Python name as an ASCII part of C identifiers."""
        return c_ident(self.py_name)

    @property
    def c_doc(self) -> str:
        return c_string('%s: %s%s' % (self.py_name, self.conv.py_type, '\n\n' + self.doc if self.doc else ''))

    @property
    def go_get(self) -> str:
        return self.conv.go_out.format(r='out', v='%s.%s' % (self.go_pkg, self.go_name))

    @property
    def go_set(self) -> str:
        return '%s.%s = %s' % (self.go_pkg, self.go_name, self.conv.go_in.format(x='v'))


@dataclasses.dataclass(frozen=True)
class ConstPlan:
    """A constant, made into a module attribute when the module is initialised."""

    go_name: str
    py_name: str
    py_type: str
    c_value: str       # C expression making the Python value (a new reference)
    py_value: str      # Python literal of the value, for the stub
    doc: str
    type_id: str = ''  # the ValuePlan id of its named type, if that type is bound
    module: str = ''   # constants of a submodule package: its name

    @property
    def c_doc(self) -> str:
        return c_string(self.doc)


@dataclasses.dataclass(frozen=True)
class SubmodulePlan:
    """A Go package other than the main one: a submodule of the extension holding its classes,
    and for packages bound as submodules also its functions and constants."""

    name: str              # attribute of the extension module, e.g. money or url
    go_path: str
    go_alias: str          # identifier the Go file imports the package as
    doc: str
    bound: bool            # bound on request (functions too), not only reached through types
    funcs: Tuple[FuncPlan, ...] = ()
    consts: Tuple['ConstPlan', ...] = ()
    vars: Tuple[VarPlan, ...] = ()
    peer: str = ''         # a peer module: the import name of another gobind.extension() of the
                           # project whose package this extension binds, sharing its Go runtime

    @property
    def c_doc(self) -> str:
        return c_string(self.doc)


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
    seqs: Tuple[SeqPlan, ...] = ()
    values: Tuple[ValuePlan, ...] = ()
    vars: Tuple[VarPlan, ...] = ()
    consts: Tuple[ConstPlan, ...] = ()
    maps: Tuple[MapPlan, ...] = ()
    callbacks: Tuple[FuncType, ...] = ()
    boxes: Tuple[BoxPlan, ...] = ()
    funcvals: Tuple[FuncValPlan, ...] = ()   # classes of Go func values
    ifaces: Tuple[InterfacePlan, ...] = ()
    iters: Tuple[IterPlan, ...] = ()
    uses_any: bool = False
    submodules: Tuple[SubmodulePlan, ...] = ()
    chans: Tuple[ChanPlan, ...] = ()   # channel classes (bind/chanmap.py)
    vecs: Tuple[VecPlan, ...] = ()  # vectorised twins of package functions (bind/vec.py)
    vec_module: str = 'vec'         # their submodule's name
    generics: Tuple[GenericPlan, ...] = ()   # generic functions and types with bound instantiations (generics.py)
    aios: Tuple[AioPlan, ...] = ()  # async twins of package functions (bind/aio.py)
    aio_module: str = 'aio'         # their submodule's name
    warnings: Tuple[str, ...] = ()  # problems that do not stop binding (a bad //gobind:borrow)
    renames: Tuple[Tuple[str, str], ...] = ()  # (Go symbol, Python name) that pep8_names or //gobind:name gave

    @functools.cached_property
    def aio_classes(self) -> Tuple[Tuple[str, Tuple[AioPlan, ...]], ...]:
        """The twins of each class's methods (bind/aio.py), which aio.call() finds by the object's class."""
        classes = self.structs + self.seqs + self.values + self.maps + self.ifaces + self.funcvals
        return aio_class_plans(classes, 'gobind_%s_' % self.name, self.name)

    @property
    def aio_all(self) -> Tuple[AioPlan, ...]:
        """Every twin: the package functions', then the methods'."""
        return self.aios + tuple(t for _, twins in self.aio_classes for t in twins)

    @property
    def aio_cancel(self) -> str:
        """The export cancelling an awaited call's context, or an arecv or asend (bind/aio.py)."""
        return 'gobind_%s_aio_cancel' % self.name

    @property
    def go_only(self) -> Tuple[Skipped, ...]:
        """The interfaces bound for Go values only, and why Python objects cannot implement them
        (not skipped: Python holds, calls and passes back the Go values)."""
        return tuple(sorted((Skipped(python_ref(i.module, i.py_name), i.iface.python_reason)
                             for i in self.ifaces if not i.python_ok), key=lambda s: s.symbol))

    @property
    def borrows_seqs(self) -> bool:
        """Some parameter borrows a slice of numbers (the gobind_borrowed boundary type is used)."""
        return any(q.borrowed for q in self.seqs)

    @property
    def iters_out(self) -> Tuple[IterPlan, ...]:
        """Iterator types that results hand to Python (Go pulls them with iter.Pull)."""
        return tuple(i for i in self.iters if i.out)

    @property
    def iters_in(self) -> Tuple[IterPlan, ...]:
        """Iterator types that parameters make from Python iterables."""
        return tuple(i for i in self.iters if i.into)

    @property
    def pulls_iterables(self) -> bool:
        """Go pulls Python iterables (iterator parameters, channels fed from one): C tells it StopIteration."""
        return bool(self.iters_in) or any(c.feeds for c in self.chans)

    @property
    def py_ifaces(self) -> Tuple[InterfacePlan, ...]:
        """Interfaces that Python objects can implement."""
        return tuple(i for i in self.ifaces if i.python_ok)

    @property
    def any_classes(self) -> Tuple[Tuple[str, str, str], ...]:
        """The classes an any value can come back as, by kind: (C type object, Go case, handle expression)."""
        out = [('gobind_type_GoValue', '', ''), ('gobind_type_GoErrorValue', '', '')]
        for s in self.structs:
            out.append(('gobind_type_%s' % s.id, '*' + s.go_type, 'gobindHandle_%s(x)' % s.id))
            out.append(('gobind_type_%s' % s.id, s.go_type, 'gobindHandle_%s(&x)' % s.id))
        for i in self.ifaces:
            out.append(('gobind_type_%s' % i.id, i.iface.go_type, 'gobindNewHandle(x)'))
        return tuple(out)

    @property
    def go_import_name(self) -> str:
        """How the Go file imports the package: by alias, or blank when nothing refers to it."""
        return self.go_alias if self.funcs or self.vars or self.go_alias in self._aliases_used else '_'

    @property
    def go_imports(self) -> Tuple[Tuple[str, str], ...]:
        """(alias, import path) of the bound package and of the other Go packages the Go file refers
        to, sorted by path as gofmt wants."""
        others = [(s.go_alias, s.go_path) for s in self.submodules
                  if s.funcs or s.vars or s.go_alias in self._aliases_used]
        return tuple(sorted([(self.go_import_name, self.go_path)] + others, key=lambda i: i[1]))

    @functools.cached_property
    def _aliases_used(self) -> frozenset:
        # Every Go type spelling the templates print comes from the plan, so the plan's text says
        # which packages the generated file uses (Go rejects unused imports).
        return frozenset(re.findall(r'\b(gobindpkg\w*)\.', repr(self)))

    @property
    def all_vars(self) -> Tuple[VarPlan, ...]:
        """The package variables of the extension module and of every submodule."""
        return self.vars + tuple(v for sm in self.submodules for v in sm.vars)

    @property
    def all_funcs(self) -> Tuple[FuncPlan, ...]:
        """The package functions of the extension module and of every submodule."""
        return self.funcs + tuple(f for sm in self.submodules for f in sm.funcs)

    def classes_in(self, module: str) -> Tuple[object, ...]:
        """The classes that live in one (sub)module ('' for the extension module)."""
        return tuple(c for c in self.structs + self.seqs + self.values + self.maps + self.boxes + self.ifaces
                     + self.funcvals + self.chans if c.module == module)

    @property
    def peers(self) -> Tuple[SubmodulePlan, ...]:
        """The peer modules: packages of the project's other extensions, bound into this one."""
        return tuple(sm for sm in self.submodules if sm.peer)

    def module_path(self, module: str) -> str:
        """The import name of the extension module ('') or of one of its submodules."""
        if not module:
            return self.name
        peer = next((sm.peer for sm in self.submodules if sm.name == module), '')
        return peer or '%s.%s' % (self.name, module)

    def qualified(self, c) -> str:
        """The class's dotted name from the extension module, e.g. ext.url.URL (its tp_name)."""
        return '%s.%s' % (self.module_path(c.module), c.py_name)

    def repr_name(self, s: StructPlan) -> str:
        """How reprs name a struct class: qualified, an instantiation as Go does (ext.Stack[int])."""
        return '%s.%s' % (self.module_path(s.module), s.repr_name) if s.repr_name else self.qualified(s)

    @staticmethod
    def py_ref(c) -> str:
        """How annotations and messages inside the extension name the class, e.g. url.URL."""
        return python_ref(c.module, c.py_name)

    @property
    def uses_context(self) -> bool:
        """Some bound function or method, of any (sub)module or class, takes a context.Context
        (the Go file then imports context and defines gobindRunCancellable)."""
        classes = self.structs + self.seqs + self.values + self.maps + self.ifaces
        return any(f.takes_ctx for f in self.all_funcs + tuple(m for c in classes for m in c.methods))

    @property
    def handle_classes(self) -> Tuple[object, ...]:
        """Every class whose instances hold a handle: structs, then sequences."""
        return tuple(self.structs) + tuple(self.seqs)

    @property
    def error_structs(self) -> Tuple[StructPlan, ...]:
        """Bound structs that implement error, in the order of their error_kind."""
        return tuple(s for s in self.structs if s.error_kind)

    @property
    def release_export(self) -> str:
        """The cgo export that deletes a handle when its Python object dies."""
        return 'gobind_%s_release' % self.name

    @property
    def prefix(self) -> str:
        """Prefix of module-wide cgo exports."""
        return 'gobind_%s_' % self.name

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

    @property
    def class_names(self) -> Tuple[str, ...]:
        """Python names of every bound class."""
        return tuple(c.py_name for c in self.classes_in('')) + ('GoErrorValue',) + (('GoValue',) if self.uses_any else ())

    @property
    def pyi_shielded(self) -> Tuple[str, ...]:
        """Class names that a member of some class hides inside that class's body (the stub
        refers to them through module-level aliases: _Name = Name)."""
        members = set()
        for c in self.structs:
            members.update(f.py_name for f in c.fields)
        for c in self.structs + self.seqs + self.values + self.maps + self.ifaces:
            members.update(f.py_name for f in c.methods)
        return tuple(n for n in self.class_names if n in members)

    def pyi_ann(self, text: str) -> str:
        """A type annotation for use inside a class body of the stub."""
        for name in self.pyi_shielded:
            text = re.sub(r'\b%s\b' % re.escape(name), '_' + name, text)
        return text

    def pyi_method_params(self, f: 'FuncPlan') -> str:
        """The parameters of a method in the stub, after self."""
        return ''.join(', ' + a.py_param_with(self.pyi_ann) for a in f.args)

    def pyi_struct_init(self, s: 'StructPlan') -> str:
        """The parameters of a struct class's __init__ in the stub."""
        return ', '.join(['self'] + ['%s: %s = ...' % (f.py_name, self.pyi_ann(f.conv.py_param)) for f in s.fields])

    @property
    def module_attrs(self) -> Tuple[str, ...]:
        """Names of the live attributes (vars), for the module's __dir__."""
        return tuple(v.py_name for v in self.vars)


def _builtins(names: Iterable[str]) -> Dict[str, str]:
    """Attribute names a class has from Python, in the form Planner.methods takes."""
    return {n: 'a built-in attribute' for n in names}


class _Planner:
    """One pass over a Package (and the packages bound as its submodules), building the plan of
    each symbol and collecting skips."""

    def __init__(self, pkg: Package, name: str, submodules: Sequence[Tuple[str, Package]] = (),
                 peers: Optional[Mapping[str, str]] = None, naming: Naming = Naming()):
        self.pkg = pkg
        self.name = name
        self.submodules = list(submodules)
        self.peers = dict(peers or {})
        self.mapper = TypeMapper(pkg, 'gobindpkg', self.submodules)
        self.naming = naming
        self.namer = Namer(naming)
        self.skipped: List[Skipped] = list(pkg.skipped)
        for sub, p in self.submodules:
            self.skipped.extend(Skipped('%s.%s' % (sub, s.symbol), s.reason) for s in p.skipped)
        self.used: List[str] = [sub for sub, _ in self.submodules]   # module-level Python names
        self.sub_used: Dict[str, List[str]] = {sub: [] for sub, _ in self.submodules}
        self.warnings: Dict[str, None] = {}   # ordered, without repeats (methods can be planned twice)
        self.inst_attrs: Dict[Tuple[str, str], str] = {}   # bound instantiations of generic funcs: Python names

    def warn(self, message: str) -> None:
        self.warnings[message] = None

    def skip(self, symbol: str, reason: str) -> None:
        self.skipped.append(Skipped(symbol, reason))

    def names(self, module: str) -> List[str]:
        """The Python names taken so far in the extension module ('') or one submodule."""
        return self.sub_used.setdefault(module, []) if module else self.used

    def module_name(self, go_name: str, module: str = '', what: str = '', kind: str = '', directive: str = '',
                    given: str = '') -> str:
        """The Python name of a module-level symbol of this kind (names.py: pep8_names, its //gobind:name);
        a clash with a name renaming gave stops the build, another renames it, with a warning saying
        why.  what: the Go type of a class gobind makes (a slice, map or pointer type), for the warning."""
        used = self.names(module)
        where = module + '.' * bool(module)
        symbol = "gobind's class of %s" % what if what else where + go_name
        want, renamed = self.namer.want(go_name, kind, directive, symbol, given)
        py = python_name(want, used)
        self.namer.took(where, want, py, symbol, renamed, used)
        self.warn_renamed(symbol, go_name, py, want)
        return py

    def warn_renamed(self, symbol: str, go_name: str, py: str, want: str = '') -> None:
        """Warns when a module-level name is not the one it wants, the Go name as Python reads it or its
        new name (a clash renamed it)."""
        norm = unicodedata.normalize('NFKC', go_name)
        want = want or norm
        if py != want and not keyword.iskeyword(want):
            why = "gobind's own class" if want in RESERVED_MODULE_NAMES else 'already another name of the module'
            self.warn('%s is bound as %s: %s%s is %s' % (symbol, py, want, ' (NFKC)' * (want == norm != go_name),
                                                          why))

    def class_name(self, home: PackageHome, go_name: str) -> str:
        """Takes the Python name of a Go type's class in its module, with a warning when it is not
        the Go name (nor its //gobind:name): shaped like a class name gobind makes, or taken."""
        py = home.py_name(go_name)
        directive = home.names.get(go_name, '')
        if py != unicodedata.normalize('NFKC', go_name) and not directive:
            self.warn('%s is bound as %s: gobind names its classes of unnamed types (and its own classes) '
                      'like %s' % (self.symbol(home, go_name), py, go_name))
        return self.module_name(go_name, home.module, kind='type', directive=directive,
                                given='' if directive else py)

    def symbol(self, home: PackageHome, name: str) -> str:
        """How skip messages name a symbol of a package: plain for the main package, else qualified."""
        return '%s.%s' % (home.module, name) if home.module else name

    def plan(self, py_major: int) -> ModulePlan:
        structs: List[StructPlan] = []
        values: Dict[str, ValuePlan] = {}
        bound = [(self.mapper.home(self.pkg.path), self.pkg)] + \
            [(self.mapper.home(p.path), p) for _, p in self.submodules]
        for home, pkg in bound:
            for decl in pkg.types:
                self.bound_type(home, decl, structs)
        funcs = [f for f in (self.func(fn) for fn in self.pkg.funcs) if f is not None]
        sub_funcs = {home.module: [f for f in (self.func(fn, home) for fn in pkg.funcs) if f is not None]
                     for home, pkg in bound[1:]}
        vars_ = [v for v in (self.var(v) for v in self.pkg.vars) if v is not None]
        sub_vars = {home.module: [v for v in (self.var(v, home) for v in pkg.vars) if v is not None]
                    for home, pkg in bound[1:]}
        consts = [c for c in (self.const(c) for c in self.pkg.consts) if c is not None]
        sub_consts = {home.module: [c for c in (self.const(c, home) for c in pkg.consts) if c is not None]
                      for home, pkg in bound[1:]}
        all_consts = consts + [c for cs in sub_consts.values() for c in cs]
        ifaces: Dict[str, InterfacePlan] = {}
        seqs: Dict[str, SeqPlan] = {}
        maps: Dict[str, MapPlan] = {}
        funcvals: Dict[str, FuncValPlan] = {}
        # Planning the methods of a class can meet more classes (and types of other packages),
        # so plan until nothing new turns up: every type the bound API reaches, at any distance.
        while True:
            planned = {s.id for s in structs}
            todo = [('s', k) for k in sorted(self.mapper.ext_structs) if k not in planned] \
                + [('v', k) for k in sorted(self.mapper.values) if k not in values] \
                + [('i', k) for k in sorted(self.mapper.ifaces) if k not in ifaces] \
                + [('m', k) for k in sorted(self.mapper.maps) if k not in maps] \
                + [('q', k) for k in sorted(self.mapper.seqs) if k not in seqs] \
                + [('f', k) for k in sorted(self.mapper.funcvals) if k not in funcvals]
            if not todo:
                break
            for kind, key in todo:
                if kind == 's':
                    structs.append(self.struct(*self.mapper.ext_structs[key]))
                elif kind == 'v':
                    values[key] = self.value(self.mapper.values[key], all_consts, py_major)
                elif kind == 'i':
                    ifaces[key] = self.iface(self.mapper.ifaces[key])
                elif kind == 'm':
                    maps[key] = self.map(self.mapper.maps[key])
                elif kind == 'f':
                    funcvals[key] = self.funcval(self.mapper.funcvals[key])
                else:
                    seqs[key] = self.seq(self.mapper.seqs[key])
        for key in self.mapper.borrowed_seqs:
            seqs[key] = dataclasses.replace(seqs[key], borrowed=True)
        error_kind = 0
        for i, s in enumerate(structs):
            if s.error_kind:
                error_kind += 1
                structs[i] = dataclasses.replace(s, error_kind=error_kind)
        for key, ip in ifaces.items():   # once every class is planned: impls of other packages too
            ifaces[key] = dataclasses.replace(ip, impls=self.impls(ip.iface, structs))
        chans = plan_chans(self.mapper, self.name, self.chan_name)
        boxes = tuple(BoxPlan(b, 'gobind_%s_%s_' % (self.name, b.id), self.module_name(b.py_name, what=b.go_type))
                      for b in box_order(self.mapper))
        self.skipped.sort(key=lambda s: s.symbol)
        homes = sorted((h for h in self.mapper.homes.values() if h.module), key=lambda h: h.module)
        docs = {p.path: p.doc for _, p in self.submodules}
        submodules = tuple(SubmodulePlan(
            name=h.module, go_path=h.path, go_alias=h.alias, bound=h.bound,
            doc=docs.get(h.path) or 'Types of Go package %s that the API of %s uses.' % (h.path, self.pkg.path),
            funcs=tuple(sub_funcs.get(h.module, ())), consts=tuple(sub_consts.get(h.module, ())),
            vars=tuple(sub_vars.get(h.module, ())),
            peer=self.peers.get(h.module, ''))
            for h in homes)
        vec_module = self.twin_module('vec', 'vectorised', submodules)
        plan = ModulePlan(name=self.name, go_path=self.pkg.path, go_alias=self.mapper.go_alias,
                          doc=self.pkg.doc, funcs=tuple(funcs), skipped=tuple(self.skipped),
                          py_major=py_major, structs=tuple(structs),
                          seqs=tuple(seqs[k] for k in sorted(seqs)),
                          values=tuple(values[k] for k in sorted(values)), vars=tuple(vars_),
                          consts=tuple(consts), maps=tuple(maps[k] for k in sorted(maps)),
                          callbacks=tuple(func_order(self.mapper)),
                          boxes=boxes, funcvals=tuple(funcvals[k] for k in sorted(funcvals)),
                          ifaces=tuple(ifaces[k] for k in sorted(ifaces)), iters=plan_iters(self.mapper),
                          uses_any=self.mapper.uses_any,
                          submodules=submodules, warnings=tuple(self.warnings),
                          renames=tuple(sorted(self.namer.renames.items())),
                          chans=chans, vecs=vec_plans(funcs, 'gobind_%s_' % self.name, self.name),
                          vec_module=vec_module, aios=aio_plans(funcs, 'gobind_%s_' % self.name, self.name),
                          aio_module=self.twin_module('aio', 'async', submodules))
        return dataclasses.replace(plan, generics=plan_generics(self, plan))

    def chan_name(self, ch: ChanType) -> None:
        """Takes the Python name of a channel class in its module."""
        if ch.decl is None:
            self.module_name(ch.py_name, ch.module, what=ch.go_type)
        else:
            self.class_name(self.mapper.home(ch.decl.pkg), ch.decl.name)

    def twin_module(self, name: str, what: str, submodules: Tuple[SubmodulePlan, ...]) -> str:
        """The name of a twins' submodule (vec, aio): name, unless a Go package's submodule has it."""
        if not any(sm.name == name for sm in submodules):
            return name
        self.warn('gobind: the %s functions are in submodule %s.%s_, since %s.%s is Go package %s' % (
            what, self.name, name, self.name, name, next(sm.go_path for sm in submodules if sm.name == name)))
        return name + '_'

    def bound_type(self, home: PackageHome, decl: TypeDecl, structs: List[StructPlan]) -> None:
        """Plans (or skips, with the reason) a type declared by a bound package."""
        kind = decl.underlying.kind
        symbol = self.symbol(home, decl.name)
        if decl.type_params and not decl.alias:
            why = generic_type_skip(decl, [d for p in self.mapper.packages for d in p.types + p.external_types])
            if why:
                self.skip(symbol, why)
        elif decl.alias:
            self.skip(symbol, 'aliases are not bound yet')
        elif kind == 'struct':
            structs.append(self.struct(home, decl))
        elif kind == 'chan':
            self.named_chan(home, decl, symbol)
        elif kind in ('slice', 'array', 'map', 'basic', 'interface'):
            try:
                self.mapper.conversion(GoType(kind='named', name=decl.name, pkg=decl.pkg))
            except Unsupported as e:
                self.skip(symbol, str(e))
                return
            cid = home.id(decl.name)
            if kind == 'basic' and cid not in self.mapper.values:
                self.skip(symbol, 'values convert as %s (Python cannot subclass it), so its '
                          'methods are not bound' % decl.underlying.go_spelling())
        elif kind == 'func' and iter_values(self.mapper, decl.underlying) is not None:
            self.skip(symbol, 'iterator types are bound as parameters (Python iterables) and results '
                      '(Python iterators); the type itself is not a class')
        elif kind == 'func':
            try:   # a class of func values (funcvals.py)
                self.mapper.value_conversion(GoType(kind='named', name=decl.name, pkg=decl.pkg))
            except Unsupported as e:
                self.skip(symbol, str(e))
        else:
            self.skip(symbol, 'named %s types are not bound yet' % kind)

    def named_chan(self, home: PackageHome, decl: TypeDecl, symbol: str) -> None:
        """A named channel type of a bound package: a channel class; its methods are skipped."""
        try:
            self.mapper.conversion(GoType(kind='named', name=decl.name, pkg=decl.pkg))
        except Unsupported as e:
            self.skip(symbol, str(e))
            return
        for m in decl.methods:
            self.skip('%s.%s' % (symbol, m.name), 'methods of channel types are not bound yet')

    # ---- functions and methods ------------------------------------------

    def func(self, fn: Func, home: Optional[PackageHome] = None) -> Optional[FuncPlan]:
        sub = home.module if home else ''
        if fn.type_params:   # bound through its instantiations (generics.py)
            why = generic_func_skip(fn, (dict(self.submodules)[sub] if sub else self.pkg).funcs)
            if why:
                self.skip(self.symbol(home, fn.name) if home else fn.name, why)
            return None
        used = self.names(sub)
        symbol = self.symbol(home, fn.name) if home else fn.name
        where = sub + '.' * bool(sub)
        want, renamed = self.namer.want(fn.name, 'func', fn.py_name, symbol)
        try:
            plan = plan_func(self.mapper, fn, self.name + ('_' + sub if sub else ''), used, warn=self.warn,
                             want=want, naming=self.naming)
        except Unsupported as e:
            self.skip(symbol, str(e))
            return None
        if home is not None:
            plan = dataclasses.replace(plan, module=sub, go_pkg=home.alias)
        self.warn_renamed(symbol, fn.name, plan.py_name, want)
        self.namer.took(where, want, plan.py_name, symbol, renamed, used)
        if fn.type_args:
            self.inst_attrs[(sub, fn.name)] = plan.py_name
        return plan

    def methods(self, decl: TypeDecl, taken: Mapping[str, str], recv_value: Optional[Conversion] = None,
                why_no_pointer: str = '', cid: str = '') -> Tuple[Tuple[FuncPlan, ...], Optional[FuncPlan]]:
        """Plans the methods of a class; taken maps the class's other attribute names (fields, enum
        members, built-in methods) to what they are, so that a clashing method is renamed with a warning."""
        methods: List[FuncPlan] = []
        str_method = None
        home = self.mapper.home(decl.pkg)
        taken = dict(taken)
        where = home.py_type(decl.name) + '.'
        for m in decl.methods:
            symbol = self.symbol(home, '%s.%s' % (decl.name, m.name))
            if recv_value is not None and m.pointer_receiver:
                self.skip(symbol, why_no_pointer)
                continue
            want, renamed = self.namer.want(m.name, 'method', m.py_name, symbol)
            try:
                plan = plan_func(self.mapper, m, self.name, list(taken), receiver=cid or home.id(decl.name),
                                 recv_value=recv_value, warn=self.warn, want=want, naming=self.naming)
                plan = dataclasses.replace(plan, owner=home.py_type(decl.name))
            except Unsupported as e:
                self.skip(symbol, str(e))
                continue
            if want in taken:
                self.warn('method %s is bound as %s: %s is also %s of %s'
                          % (symbol, plan.py_name, want, taken[want], home.py_type(decl.name)))
            taken[plan.py_name] = 'a method'
            self.namer.took(where, want, plan.py_name, symbol, renamed)

            methods.append(plan)
            if m.name == 'String' and not plan.args and len(plan.results) == 1 \
                    and plan.results[0].conv.py_type == 'str' and not plan.returns_error:
                str_method = plan
        return tuple(methods), str_method

    # ---- structs ----------------------------------------------------------

    def struct(self, home: PackageHome, decl: TypeDecl) -> StructPlan:
        fields: List[FieldPlan] = []
        taken: Dict[str, str] = {}
        cid = home.id(decl.name)
        prefix = 'gobind_%s_%s_' % (self.name, cid)
        where = home.py_type(decl.name) + '.'
        for selector, f in promoted_fields(self.mapper, decl):
            symbol = self.symbol(home, '%s.%s' % (decl.name, f.name))
            try:
                conv = self.mapper.value_conversion(f.type)
            except Unsupported as e:
                self.skip(symbol, 'field type: %s' % e)
                continue
            want, renamed = self.namer.want(f.name, 'field', f.py_name or gopy_tag(f.tag), symbol)
            py = python_name(want, list(taken))
            taken[py] = 'a field'
            self.namer.took(where, want, py, symbol, renamed)
            fields.append(FieldPlan(selector, py, conv, f.doc, prefix + 'get_' + c_ident(f.name),
                                    prefix + 'set_' + c_ident(f.name)))
        methods, str_method = self.methods(decl, taken)
        error = [m for m in decl.methods if m.name == 'Error' and not m.params
                 and len(m.results) == 1 and m.results[0].type == GoType(kind='basic', name='string')]
        return StructPlan(go_name=decl.name, py_name=self.class_name(home, decl.name), doc=decl.doc,
                          fields=tuple(fields), methods=methods, str_method=str_method,
                          new_export=prefix + 'new', error_kind=1 if error else 0,
                          error_value_receiver=bool(error) and not error[0].pointer_receiver,
                          id=cid, module=home.module, go_type=home.go(decl.name), go_pkg=decl.pkg,
                          repr_name=display_name(decl, self.pkg),
                          pickle_refusal=pickle_refusal(self.mapper, decl, [f.go_name for f in fields]))

    # ---- interfaces -------------------------------------------------------

    def iface(self, t: IfaceType) -> InterfacePlan:
        self.class_name(self.mapper.home(t.decl.pkg), t.decl.name)
        methods, str_method = self.methods(t.decl, {}, cid=t.id)
        return InterfacePlan(iface=t, doc=t.decl.doc, methods=methods, str_method=str_method,
                             impls=(), prefix='gobind_%s_%s_' % (self.name, t.id))

    def impls(self, t: IfaceType, structs: Sequence[StructPlan]) -> Tuple[Tuple[StructPlan, bool], ...]:
        """The bound structs whose *T implements interface t, and whether T does too. Only Go can
        tell for an interface with unexported methods: the inspector lists its implementers."""
        sealed = {(pkg, name): value for pkg, name, value in t.decl.implementers}
        found = []
        for s in structs:
            if t.decl.underlying.unexported_methods:
                ptr, value = (s.go_pkg, s.go_name) in sealed, sealed.get((s.go_pkg, s.go_name), False)
            else:
                decl = self.mapper.lookup(s.go_pkg, s.go_name)
                ptr, value = implements(decl.methods if decl else (), t.methods)
            if ptr:
                found.append((s, value))
        return tuple(found)

    # ---- named slices, arrays and values ---------------------------------

    def seq(self, seq: SeqType) -> SeqPlan:
        prefix = 'gobind_%s_%s_' % (self.name, seq.id)
        if seq.decl is None:
            self.module_name(seq.py_name, seq.module, what=seq.go_type)
            return SeqPlan(seq=seq, doc='', methods=(), str_method=None, prefix=prefix)
        self.class_name(self.mapper.home(seq.decl.pkg), seq.decl.name)
        methods, str_method = self.methods(seq.decl, _builtins(('copy',)), cid=seq.id)
        return SeqPlan(seq=seq, doc=seq.decl.doc, methods=methods, str_method=str_method, prefix=prefix)

    def funcval(self, fv: FuncValType) -> FuncValPlan:
        """The class of a func type's values, with its call method."""
        py = self.module_name(fv.py_name, what=fv.go_type.replace('gobindpkg.', ''))
        call = plan_func(self.mapper, call_func(fv), self.name, [], receiver=fv.id, warn=self.warn,
                         naming=self.naming)
        methods: Tuple[FuncPlan, ...] = ()
        if fv.decl is not None:   # methods of a named func type: called on the func the object holds
            methods, _ = self.methods(fv.decl, _builtins((CALL,)), cid=fv.id)
            methods = tuple(dataclasses.replace(f, owner=py, go_self='gobindPtr_%s(self).f' % fv.id)
                            for f in methods)
        return FuncValPlan(fv, 'gobind_%s_%s_' % (self.name, fv.id), py,
                           dataclasses.replace(call, owner=py, release_gil=True, sized_gil=False), methods)

    def map(self, t: MapType) -> MapPlan:
        prefix = 'gobind_%s_%s_' % (self.name, t.id)
        if t.decl is None:
            self.module_name(t.py_name, t.module, what=t.go_type)
            return MapPlan(map=t, doc='', methods=(), str_method=None, prefix=prefix)
        self.class_name(self.mapper.home(t.decl.pkg), t.decl.name)
        methods, str_method = self.methods(t.decl, _builtins(('keys', 'values', 'items', 'get', 'pop', 'popitem',
                                                              'clear', 'update', 'setdefault')), cid=t.id)
        return MapPlan(map=t, doc=t.decl.doc, methods=methods, str_method=str_method, prefix=prefix)

    def value(self, value: ValueType, consts: List['ConstPlan'], py_major: int) -> ValuePlan:
        decl = value.decl
        self.class_name(self.mapper.home(decl.pkg), decl.name)
        recv = self.mapper.conversion(GoType(kind='named', name=decl.name, pkg=decl.pkg))
        recv = dataclasses.replace(recv, from_py=value.base.from_py)
        why = 'has a pointer receiver, and %s values are immutable in Python' % value.py_base
        members: Tuple[ConstPlan, ...] = ()
        if value.py_base == 'int' and py_major >= 3:
            members = tuple(sorted((c for c in consts if c.type_id == value.id),
                                   key=lambda c: (int(c.py_value), c.py_name)))
        taken = _builtins(dir(getattr(builtins, value.py_base)))
        taken.update((c.py_name, 'an enum member') for c in members)
        methods, str_method = self.methods(decl, taken, recv_value=recv, why_no_pointer=why, cid=value.id)
        return ValuePlan(value=value, doc=decl.doc, methods=methods, str_method=str_method, enum=members)

    # ---- vars and consts -------------------------------------------------

    def var(self, v: Var, home: Optional[PackageHome] = None) -> Optional[VarPlan]:
        try:
            conv = self.mapper.value_conversion(v.type)
        except Unsupported as e:
            self.skip(self.symbol(home, v.name) if home else v.name, str(e))
            return None
        module = home.module if home else ''
        prefix = 'gobind_%s_var_%s' % (self.name, module + '_' if module else '')
        py = self.module_name(v.name, module, kind='var', directive=v.py_name)
        return VarPlan(go_name=v.name, py_name=py, conv=conv, doc=v.doc,
                       getter=prefix + 'get_' + c_ident(v.name), setter=prefix + 'set_' + c_ident(v.name),
                       module=module, go_pkg=home.alias if home else 'gobindpkg')

    def const(self, c: Const, home: Optional[PackageHome] = None) -> Optional[ConstPlan]:
        try:
            c_value, py_value, py_type = const_value(c)
        except Unsupported as e:
            self.skip(self.symbol(home, c.name) if home else c.name, str(e))
            return None
        type_id = ''
        if c.type.kind == 'named' and c.type.pkg == (home.path if home else self.pkg.path) and not c.untyped:
            try:
                conv = self.mapper.conversion(c.type)
            except Unsupported:
                conv = None
            cid = self.mapper.home(c.type.pkg).id(c.type.name)
            if conv is not None and cid in self.mapper.values:
                type_id = cid
                py_type = conv.py_type
        py = self.module_name(c.name, home.module if home else '', kind='const', directive=c.py_name)
        return ConstPlan(go_name=c.name, py_name=py,
                         py_type=py_type,
                         c_value=c_value, py_value=py_value, doc=c.doc, type_id=type_id,
                         module=home.module if home else '')


def plan_module(pkg: Package, name: str, py_major: int = 3,
                submodules: Sequence[Tuple[str, Package]] = (),
                peers: Optional[Mapping[str, str]] = None, naming: Naming = Naming()) -> ModulePlan:
    """Builds the ModulePlan for binding pkg as Python module `name`, and each (name, package) of
    submodules as a submodule of it.  peers maps some of those submodule names to import names:
    they are peer modules, each the module of another gobind.extension() sharing this Go runtime.
    naming: how Go names become Python names (pep8_names; names.py)."""
    for n in [name] + [sub for sub, _ in submodules]:
        if not _IDENT.match(n) or keyword.iskeyword(n):
            raise ValueError('module name %r is not a Python identifier' % n)
    for sub, full in (peers or {}).items():
        if sub not in dict(submodules) or not all(_IDENT.match(p) for p in full.split('.')):
            raise ValueError('peer module %r (%r) is not a bound package with a Python import name' % (sub, full))
    plan = _Planner(pkg, name, submodules, peers, naming).plan(py_major)
    return peer_signatures(plan) if peers else plan


def implements(have: Sequence[Func], want: Sequence[Func]) -> Tuple[bool, bool]:
    """Whether a method set (of *T, with pointer_receiver flags) has every method of an interface:
    (*T implements it, T implements it)."""
    by_name = {m.name: m for m in have}
    value = True
    for m in want:
        h = by_name.get(m.name)
        if h is None or h.variadic != m.variadic \
                or [p.type for p in h.params] != [p.type for p in m.params] \
                or [r.type for r in h.results] != [r.type for r in m.results]:
            return False, False
        value = value and not h.pointer_receiver
    return True, value


def promoted_fields(pkg, decl: TypeDecl) -> List[Tuple[str, Field]]:
    """The exported fields of a struct, then those promoted from its embedded struct values, with Go selectors.

    As in Go, a shallower field hides deeper ones of the same name, and two fields of one
    name at the same depth hide each other.
    """
    result: List[Tuple[str, Field]] = []
    claimed = set()
    seen = {decl.name}
    level = [(decl, '')]
    while level:
        here: Dict[str, List[Tuple[str, Field]]] = {}
        next_level = []
        for d, path in level:
            for f in d.underlying.fields:
                if f.name in claimed:
                    continue
                here.setdefault(f.name, []).append((path + f.name, f))
                # Fields promoted through an embedded pointer could be nil: reach them through it.
                t = f.type
                inner = pkg.lookup(t.pkg, t.name) if f.embedded and t.kind == 'named' else None
                if inner is not None and inner.underlying.kind == 'struct' and inner.name not in seen:
                    seen.add(inner.name)
                    next_level.append((inner, path + f.name + '.'))
        for name, candidates in here.items():
            claimed.add(name)
            if len(candidates) == 1 and candidates[0][1].exported:
                result.append(candidates[0])
        level = next_level
    return result


def const_value(c: Const) -> Tuple[str, str, str]:
    """The C expression, Python literal and Python type of a constant's value."""
    if c.kind == 'bool':
        return ('gobind_new_ref(Py_True)' if c.value == 'true' else 'gobind_new_ref(Py_False)',
                'True' if c.value == 'true' else 'False', 'bool')
    if c.kind == 'int':
        return 'PyLong_FromString("%s", NULL, 10)' % c.value, c.value, 'int'
    if c.kind == 'float':
        f = _float(c.value)
        return 'PyFloat_FromDouble(%s)' % _c_double(f), repr(f), 'float'
    if c.kind == 'complex':
        inner = c.value.strip('()')
        z = complex(inner.replace('i', 'j').replace('Inf', 'inf'))
        return ('PyComplex_FromDoubles(%s, %s)' % (_c_double(z.real), _c_double(z.imag)),
                repr(z), 'complex')
    if c.kind == 'string':
        data = c.value.encode('utf-8', 'surrogateescape')
        return ('gobind_str_from_utf8(%s, %d)' % (c_string(c.value, indent=8) if c.value else '""',
                                                  len(data)), repr(c.value), 'str')
    raise Unsupported('constants of kind %s are not supported' % c.kind)


def _float(text: str) -> float:
    if '/' in text:
        return float(Fraction(text))
    return float(text)


def _c_double(f: float) -> str:
    if math.isinf(f):
        return 'HUGE_VAL' if f > 0 else '(-HUGE_VAL)'
    text = repr(f)
    return text if ('.' in text or 'e' in text) else text + '.0'


#: Go's context.Context: as a function's first parameter, gobind supplies it (docs/runtime.md).
CONTEXT = GoType(kind='named', name='Context', pkg='context')


def plan_func(mapper: TypeMapper, fn: Func, module: str, used: Sequence[str],
              receiver: str = '', recv_value: Optional[Conversion] = None,
              warn: Optional[Callable[[str], None]] = None, want: str = '', naming: Naming = Naming()) -> FuncPlan:
    """Plans one function or method; raises Unsupported naming the parameter or result at fault.
    warn gets the problems of its //gobind:borrow lines (the parameters concerned are copied).
    want: the Python name it asks for (names.py; default: its Go name); naming: its parameters' names."""
    if fn.type_params:
        raise Unsupported('generic: only its instantiations are bound')
    borrow = _Borrow(fn, receiver, warn)
    args = []
    taken: List[str] = []
    go_params = fn.params
    takes_ctx = bool(go_params) and go_params[0].type == CONTEXT
    if takes_ctx:  # gobind passes a context that Ctrl-C cancels; Python does not see the parameter
        go_params = go_params[1:]
    for i, p in enumerate(go_params):
        variadic = fn.variadic and i == len(go_params) - 1
        try:
            conv = mapper.variadic_conversion(p.type) if variadic else mapper.param_conversion(p.type)
        except Unsupported as e:
            raise Unsupported('parameter %s: %s' % (p.name or '#%d' % (i + 1 + takes_ctx), e))
        go = p.name if p.name and p.name != '_' else 'arg%d' % i
        py = python_name(naming.wanted(go, 'param'), taken)
        taken.append(py)
        elem_py = mapper.conversion(p.type.elem).py_param if variadic else ''
        why = ''
        if borrow.wants(p.name):
            copied, conv = conv, borrow.apply(mapper, p, conv, variadic)
            why = borrow.why(p.name) if conv is not copied else ''
        args.append(ArgPlan(i, py, conv, variadic=variadic, elem_py=elem_py, borrowed=why))
    borrow.check_names(fn.params)
    results = []
    returns_error = False
    for i, r in enumerate(fn.results):
        if r.type.is_error and i == len(fn.results) - 1:
            returns_error = True
            continue
        try:
            conv = mapper.result_conversion(r.type)
        except Unsupported as e:
            raise Unsupported('result %d: %s' % (i + 1, e))
        results.append(ResultPlan(i, conv))
    py_name = python_name(want or fn.name, used)
    py_return = _return_annotation(results)
    params = ', '.join(a.py_param for a in args)
    text = ['$self' if receiver else '$module', '/'] \
        + [('*' if a.variadic else '') + a.py_name for a in args]
    export = 'gobind_%s_%s%s' % (module, receiver + '_' if receiver else '', c_ident(fn.name))
    gil = 'release' if takes_ctx else quick_call(fn, args, results)
    return FuncPlan(
        receiver=receiver, recv_value=recv_value,
        go_name=mapper.func_go_name(fn), py_name=py_name, export=export,
        args=tuple(args), results=tuple(results), returns_error=returns_error,
        doc=fn.doc, signature='%s(%s) -> %s' % (py_name, params, py_return),
        text_signature='(%s)' % ', '.join(text), pyi_params=params, py_return=py_return,
        release_gil=gil != 'keep', sized_gil=gil == 'sized', takes_ctx=takes_ctx, goexit=fn.goexit,
        recovers=needs_recover(fn, gil, receiver, returns_error),
        takes_objects=any(takes_objects(mapper, p.type) for p in go_params),
    )


def needs_recover(fn: Func, gil: str, receiver: str, returns_error: bool) -> bool:
    """Whether the export must defer a recover: always, except for a package function that the
    inspector proved cannot panic (fn.panic_free), whose parameters and results are numbers,
    bools, strings or bytes (quick_call's 'keep' or 'sized', so the export's own conversions
    cannot panic either) and that has no error result.  A method keeps it: its receiver may be
    nil.  The deferred recover is the largest part of a short call's cost (docs/performance.md)."""
    return not (fn.panic_free and gil != 'release' and not receiver and not returns_error)


class _Borrow:
    """The //gobind:borrow lines of one function: which parameters Go gets as views of Python's
    memory, and the warnings for names that are not parameters or cannot be borrowed."""

    def __init__(self, fn: Func, receiver: str, warn: Optional[Callable[[str], None]]):
        self.names = fn.borrow
        self.proved = fn.no_escape  # borrowed without a directive: the inspector proved Go keeps nothing
        self.every = '*' in fn.borrow
        self.symbol = '%s.%s' % (receiver, fn.name) if receiver else fn.name
        self.warn = warn or (lambda message: None)

    def wants(self, name: str) -> bool:
        return self.every or (bool(name) and (name in self.names or name in self.proved))

    def why(self, name: str) -> str:
        if self.every or name in self.names:
            return '//gobind:borrow'
        return 'Go keeps nothing of it past the call (proved by gobind; //gobind:copy %s forces a copy)' % name

    def apply(self, mapper: TypeMapper, p: Param, conv: Conversion, variadic: bool) -> Conversion:
        """conv borrowed, or conv unchanged (with a warning when the parameter was named)."""
        borrowed = None if variadic else mapper.borrowed(conv)
        if borrowed is None and p.name in self.names:
            self.warn('//gobind:borrow of %s: parameter %s (%s) cannot be borrowed, so it is copied; '
                      'only string, []byte and slices of numbers can be'
                      % (self.symbol, p.name, '...' + p.type.elem.go_spelling() if variadic else p.type.go_spelling()))
        return borrowed or conv

    def check_names(self, params: Sequence[Param]) -> None:
        known = {p.name for p in params}
        for name in self.names:
            if name != '*' and name not in known:
                self.warn('//gobind:borrow of %s names %s, which is not one of its parameters; '
                          'fix the name or remove it' % (self.symbol, name))


def quick_call(fn: Func, args: Sequence[ArgPlan], results: Sequence[ResultPlan]) -> str:
    """gobind's automatic GIL rule (docs/runtime.md): 'keep' the GIL for a call whose Go body is
    straight-line code (the inspector's check: no loops, calls, channel operations) and whose
    parameters and results are numbers, bools, strings or bytes, so that the call costs less than
    releasing the GIL; 'sized' when such a call takes strings or bytes, whose copies are its only
    work that grows: the GIL is kept up to GOBIND_KEEP_GIL_BYTES of them (templates/c/gobind_support.h);
    'release' for the others."""
    cheap = all(bool(x.conv.buffer_format) or x.conv.c_arg == 'gobind_view_arg'   # numbers, bools; str, bytes
                for x in tuple(args) + tuple(results))
    if not fn.straight_line or not cheap:
        return 'release'
    return 'sized' if any(a.conv.c_arg == 'gobind_view_arg' for a in args) else 'keep'


def _return_annotation(results: Sequence[ResultPlan]) -> str:
    if not results:
        return 'None'
    if len(results) == 1:
        return results[0].conv.py_type
    return 'tuple[%s]' % ', '.join(r.conv.py_type for r in results)
