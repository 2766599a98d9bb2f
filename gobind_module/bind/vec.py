"""Vectorised twins (m.vec): which package functions get one, and what the templates need for each."""

from __future__ import annotations

import dataclasses
from typing import Iterable, Optional, Tuple

from ..emit.escape import py_docstring
from .typemap import Conversion

#: Go basic kinds a twin reads from and writes to buffers: the from_py helper's suffix -> the Go
#: element type of the buffer and the member of gobind_vec_scalar (templates/c/vec.h) a broadcast
#: scalar is converted into.  uintptr and the complex kinds are left out.
_KINDS = {
    'int': ('int', 'n'), 'int8': ('int8', 'i8'), 'int16': ('int16', 'i16'), 'int32': ('int32', 'i32'),
    'int64': ('int64', 'i64'), 'uint': ('uint', 'un'), 'uint8': ('uint8', 'u8'), 'uint16': ('uint16', 'u16'),
    'uint32': ('uint32', 'u32'), 'uint64': ('uint64', 'u64'), 'float32': ('float32', 'f32'),
    'float64': ('float64', 'f64'), 'bool': ('uint8', 'u8'),
}

#: The most parameters a twin takes (GOBIND_VEC_MAX_ARGS in templates/c/vec.h).
MAX_ARGS = 16


@dataclasses.dataclass(frozen=True)
class VecArg:
    """One parameter (or the result) of a twin."""

    py_name: str
    kind: str          # Go basic kind, e.g. int64 or bool
    conv: Conversion

    @property
    def elem(self) -> str:
        """The Go type of one buffer element."""
        return _KINDS[self.kind][0]

    @property
    def scalar_member(self) -> str:
        return _KINDS[self.kind][1]

    @property
    def format(self) -> str:
        return self.conv.buffer_format

    @property
    def go_type(self) -> str:
        """The Go type as messages name it: Celsius, not gobindpkg.Celsius."""
        return self.conv.go_type.rpartition('.')[2]


@dataclasses.dataclass(frozen=True)
class VecPlan:
    """The twin of one bound package function."""

    py_name: str       # the name in m.vec (the function's own Python name)
    go_name: str
    go_pkg: str        # the Go import alias of the function's package
    export: str        # the cgo export running the function over whole buffers
    args: Tuple[VecArg, ...]
    result: VecArg
    doc: str           # its __doc__: signature line and what it does

    @property
    def params(self) -> str:
        """The parameters in signatures and the .pyi: each a number or a buffer, then out and workers."""
        return ', '.join('%s: %s | Buffer' % (a.py_name, a.conv.py_param) for a in self.args) + \
            ', *, out: Buffer | None = None, workers: int | None = None'

    @property
    def text_signature(self) -> str:
        """CPython's __text_signature__ form, for inspect.signature()."""
        return '($module, /, %s, *, out=None, workers=None)' % ', '.join(a.py_name for a in self.args)

    @property
    def pyi_doc(self) -> str:
        return py_docstring(self.doc)

    @property
    def go_args(self) -> str:
        """The Go call's arguments, element i of each buffer (or the broadcast scalar)."""
        return ', '.join(a.conv.go_in.format(x='a%d[i*k%d]' % (n, n)) for n, a in enumerate(self.args))

    @property
    def go_store(self) -> str:
        """Go expression storing result v as a buffer element."""
        if self.result.kind == 'bool':
            return 'gobindVecBool(bool(v))'
        return '%s(v)' % self.result.elem


def _kind(conv: Conversion) -> Optional[str]:
    """The basic kind of a scalar conversion that buffers can carry, else None."""
    if not conv.buffer_format or conv.c_pass != '{x}' or not conv.from_py.startswith('gobind_from_py_'):
        return None
    kind = conv.from_py[len('gobind_from_py_'):]
    return kind if kind in _KINDS else None


def vec_plan(f, prefix: str, module: str) -> Optional[VecPlan]:
    """The twin of FuncPlan f, or None when f does not take and return numbers and bools only."""
    if f.receiver or f.module or f.returns_error or f.takes_ctx or f.variadic is not None:
        return None
    if len(f.results) != 1 or not f.args or len(f.args) > MAX_ARGS:
        return None
    kinds = [_kind(a.conv) for a in f.args] + [_kind(f.results[0].conv)]
    if None in kinds:
        return None
    args = tuple(VecArg(a.py_name, k, a.conv) for a, k in zip(f.args, kinds))
    result = VecArg('out', kinds[-1], f.results[0].conv)
    plan = VecPlan(py_name=f.py_name, go_name=f.go_name, go_pkg=f.go_pkg,
                   export='%svec_%s' % (prefix, f.export[len(prefix):]), args=args, result=result, doc='')
    doc = ('%s(%s) -> memoryview\n\n'
           '%s.%s element by element, in one Go call with the GIL released. Each parameter takes a '
           'C-contiguous buffer of %s (numpy array, array.array, memoryview) or one number for every '
           'element; the result is a new memoryview of %s, or out.' %
           (f.py_name, plan.params, module, f.py_name, ' or '.join(sorted({a.go_type for a in args})),
            result.go_type) + ('\n\n' + f.doc if f.doc else ''))
    return dataclasses.replace(plan, doc=doc)


def vec_plans(funcs: Iterable, prefix: str, module: str) -> Tuple[VecPlan, ...]:
    """The twins of a module's package functions, in their order."""
    return tuple(p for p in (vec_plan(f, prefix, module) for f in funcs) if p is not None)
