"""Go channels (chan T, <-chan T, chan<- T, named or not) as channel classes with send, recv and close."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Optional, Tuple

from ..emit.escape import py_docstring
from ..model import GoType, Param, TypeDecl

if TYPE_CHECKING:
    from .typemap import Conversion, FuncType, PackageHome, TypeMapper

#: The id prefix of an unnamed channel type's class, by direction: chan int is Chan_int,
#: <-chan int RecvChan_int, chan<- int SendChan_int.
PREFIXES = {'both': 'Chan_', 'recv': 'RecvChan_', 'send': 'SendChan_'}


@dataclasses.dataclass(frozen=True)
class ChanType:
    """A channel type bound as a class whose objects hold the Go channel."""

    id: str                # Chan_int, RecvChan_Point, or the named type's id
    py_name: str           # the class name in its module
    go_type: str           # Go spelling in the generated Go file
    direction: str         # 'both', 'send' or 'recv'
    elem: 'Conversion'     # how the items cross
    elem_go: GoType        # the element's Go type
    elem_go_type: str      # its Go spelling in the generated Go file
    both: str              # id of the class of chan <elem> (Python makes those, and passes them anywhere)
    decl: Optional[TypeDecl] = None   # the named type's declaration, if named
    module: str = ''       # Python submodule holding the class ('' for the extension module)
    puller: Optional['FuncType'] = None   # func() (T, error): how Go pulls a Python iterable for a parameter

    @property
    def both_go_type(self) -> str:
        """The Go spelling of chan <elem>."""
        return chan_spelling('both', self.elem_go_type)

    @property
    def can_send(self) -> bool:
        return self.direction != 'recv'

    @property
    def can_recv(self) -> bool:
        return self.direction != 'send'


def chan_spelling(direction: str, elem: str) -> str:
    """Go's spelling of a channel type; an element that is a receive-only channel needs parentheses."""
    if elem.startswith('<-'):
        elem = '(%s)' % elem
    return {'both': 'chan ', 'send': 'chan<- ', 'recv': '<-chan '}[direction] + elem


def is_empty(t: GoType) -> bool:
    """struct{}: the items of signal channels (chan struct{}, ctx.Done()), None in Python."""
    return t.kind == 'struct' and not t.fields


def empty_conversion() -> 'Conversion':
    """A struct{} item: Python sends None and receives None (go_in is a format string: braces doubled)."""
    from .typemap import Conversion
    return Conversion(go_type='struct{}', py_type='None', c_type='uint8_t', c_arg='uint8_t', c_arg_init='0',
                      c_pass='{x}', c_out='uint8_t', from_py='gobind_from_py_empty', to_py='gobind_to_py_empty',
                      release='', go_in='struct{{}}{{}}', go_out='*{r} = gobindEmpty({v})')


def chan_conversion(mapper: 'TypeMapper', t: GoType,
                    named: Optional[Tuple['PackageHome', TypeDecl]]) -> 'Conversion':
    """A channel value: a handle to the Go channel (None is nil).  Also makes the class of
    chan <elem>, which Python can make and pass where any direction is wanted."""
    from .typemap import Unsupported, python_ref
    home, decl = named if named else (None, None)
    cid = home.id(decl.name) if named else mapper.type_id(t)
    both = PREFIXES['both'] + mapper.type_id(t.elem)
    if cid in mapper.chans:
        ch = mapper.chans[cid]
        return _conversion(cid, ch.go_type, python_ref(ch.module, ch.py_name), both)
    py_name, module = (home.py_name(decl.name), home.module) if named else (cid, '')
    try:
        elem_go_type = mapper.go_spelling(t.elem)
    except Unsupported as e:
        raise Unsupported('element type of %s: %s' % (t.go_spelling(), e))
    go_type = home.go(decl.name) if named else chan_spelling(t.direction, elem_go_type)
    conv = _conversion(cid, go_type, python_ref(module, py_name), both)
    if cid in mapper._pending:
        return conv   # a type that contains itself
    mapper._pending[cid] = conv
    try:
        try:
            elem = empty_conversion() if is_empty(t.elem) else mapper.conversion(t.elem)
        except Unsupported as e:
            raise Unsupported('element type of %s: %s' % (t.go_spelling(), e))
    finally:
        del mapper._pending[cid]
    mapper.chans[cid] = ChanType(id=cid, py_name=py_name, go_type=go_type, direction=t.direction or 'both',
                                 elem=elem, elem_go=t.elem, elem_go_type=elem_go_type, both=both,
                                 decl=decl, module=module)
    if both != cid:
        chan_conversion(mapper, GoType(kind='chan', direction='both', elem=t.elem), None)
    return conv


def _conversion(cid: str, go_type: str, py: str, both: str) -> 'Conversion':
    from .typemap import Conversion, _HANDLE_ARG
    py_in = '%s%s | None' % (py, ' | ' + both if both != cid else '')
    return Conversion(
        go_type=go_type, py_type='%s | None' % py, py_in=py_in, c_out='uintptr_t',
        from_py='gobind_from_py_' + cid, to_py='gobind_to_py_' + cid,
        go_in='gobindChan_%s({x})' % cid, go_out='*{r} = gobindChanHandle_%s({v})' % cid, **_HANDLE_ARG)


def feed_conversion(mapper: 'TypeMapper', conv: 'Conversion') -> 'Conversion':
    """conv for a parameter: a receive-only channel also takes any Python iterable, which a goroutine
    feeds into a new channel (closed at the end).  Other conversions are returned as they are."""
    from .typemap import ERROR_TYPE
    ch = mapper.chans.get(conv.from_py[len('gobind_from_py_'):])
    if ch is None or conv.from_py != 'gobind_from_py_' + ch.id or ch.direction != 'recv' or is_empty(ch.elem_go):
        return conv
    if ch.puller is None:
        pull = GoType(kind='func', results=(Param('', ch.elem_go), Param('', ERROR_TYPE)))
        mapper._func(pull)
        ch = mapper.chans[ch.id] = dataclasses.replace(ch, puller=mapper.funcs[mapper.go_spelling(pull)])
    mapper.chan_in.add(ch.id)
    return dataclasses.replace(
        conv, py_in=conv.py_in.replace(' | None', ' | Iterable[%s] | None' % ch.elem.py_param),
        c_type='gobind_func', c_arg='gobind_func_arg', c_arg_init='GOBIND_FUNC_ARG_INIT',
        c_pass='gobind_func_pass(&{x})', from_py='gobind_from_py_feed_' + ch.id, release='gobind_func_release',
        go_in='gobindChanIn_%s({x}, gobindCaller)' % ch.id)


@dataclasses.dataclass(frozen=True)
class ChanPlan:
    """What the templates generate for one channel class."""

    chan: ChanType
    prefix: str            # prefix of the class's cgo exports
    doc: str               # the named type's Go doc
    feeds: bool = False    # some parameter takes a Python iterable for it (gobindChanIn_<id>)

    @property
    def id(self) -> str:
        return self.chan.id

    @property
    def py_name(self) -> str:
        return self.chan.py_name

    @property
    def module(self) -> str:
        return self.chan.module

    @property
    def elem(self) -> 'Conversion':
        return self.chan.elem

    @property
    def methods(self) -> Tuple[object, ...]:
        return ()   # methods of named channel types are skipped

    @property
    def spelling(self) -> str:
        """The Go type as docs and comments show it."""
        return self.chan.go_type.replace('gobindpkg.', '')

    @property
    def makes(self) -> bool:
        """Python can make one (m.Chan_int(8)): bidirectional channels only."""
        return self.chan.direction == 'both'

    @property
    def doc_text(self) -> str:
        """The class's doc: what it is and what it can do."""
        ops = [op for op, ok in (('send', self.chan.can_send), ('recv', self.chan.can_recv),
                                 ('close', self.chan.can_send)) if ok]
        text = 'A Go %s: %s; len() counts queued items, .cap is the buffer size.' % (self.spelling, ', '.join(ops))
        if self.chan.can_recv:
            text += ' Iterating receives until the channel is closed.'
        if self.makes:
            text = '%s(cap=0)\n\n%s %s(n) makes a channel with a buffer of n items.' % (self.py_name, text, self.py_name)
        return text + ('\n\n' + self.doc if self.doc else '')

    @property
    def pyi_doc(self) -> str:
        direction = {'both': '', 'recv': '\n\nReceive-only: it has no send or close.',
                     'send': '\n\nSend-only: it has no recv and no iteration.'}
        return py_docstring((self.doc or 'A Go %s.' % self.spelling) + direction[self.chan.direction])


def plan_chans(mapper: 'TypeMapper', name: str, class_name) -> Tuple[ChanPlan, ...]:
    """The channel classes, by id; class_name(chan) takes each class's Python name in its module."""
    plans = []
    for k in sorted(mapper.chans):
        ch = mapper.chans[k]
        class_name(ch)
        plans.append(ChanPlan(ch, 'gobind_%s_%s_' % (name, ch.id), ch.decl.doc if ch.decl else '',
                              feeds=k in mapper.chan_in))
    return tuple(plans)
