"""Peer modules: several gobind.extension() calls of one project sharing one Go runtime.

Go supports one runtime per process, so the first extension of a Meson project (the holder)
binds the packages of the project's later extensions too, each as a peer module: a module object
made by the holder's init, with its own name, functions and classes.  Each later extension is a
small extension module of that name (the stand-in, templates/peer.c.j2, with no Go in it) whose
init imports the holder and returns the peer module, and a stub describing the peer module.
This file spells the holder's names as each peer module sees them; build/manifest.py holds the
list of peers that the build passes to the holder.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any, Dict, List, Tuple

_TOKEN = re.compile(r'(?<![\w.])[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*')


class PeerNames:
    """Rewrites the holder's names of classes into the ones a peer module's reader sees.

    The plan names classes from the holder's side: its own classes bare (Point), those of its
    submodules and peers qualified (url.URL, paint.Brush).  For peer `paint`, its own classes
    are bare (Brush) and the holder's are reached through the holder's module (shapes.Point,
    shapes.url.URL).
    """

    def __init__(self, plan: Any, peer: str):
        self.key = peer
        self.holder = plan.name
        self.root_names = set(plan.class_names) | {'_Supports%s' % i.id for i in plan.ifaces}
        self.others = {sm.name for sm in plan.submodules if sm.name != peer}

    def _token(self, match: 're.Match') -> str:
        token = match.group(0)
        head = token.split('.', 1)[0]
        if head == self.key and '.' in token:
            return token[len(self.key) + 1:]
        if token in self.root_names or ('.' in token and head in self.others):
            return '%s.%s' % (self.holder, token)
        return token

    def ann(self, text: str) -> str:
        """An annotation (or a signature) of the holder's plan, as the peer module spells it."""
        return _TOKEN.sub(self._token, text)


def peer_signatures(plan: Any) -> Any:
    """The plan with the signature lines of peer modules' functions and methods (their __doc__)
    spelled as each peer module sees the classes."""
    def fix(names: PeerNames, f: Any) -> Any:
        name, sep, rest = f.signature.partition('(')
        return dataclasses.replace(f, signature=name + sep + names.ann(rest))

    names = {sm.name: PeerNames(plan, sm.name) for sm in plan.peers}
    if not names:
        return plan
    changes: Dict[str, Any] = {
        'submodules': tuple(dataclasses.replace(sm, funcs=tuple(fix(names[sm.name], f) for f in sm.funcs))
                            if sm.name in names else sm for sm in plan.submodules)}
    for field in ('structs', 'seqs', 'values', 'maps', 'ifaces'):
        changes[field] = tuple(dataclasses.replace(c, methods=tuple(fix(names[c.module], f) for f in c.methods))
                               if c.module in names else c for c in getattr(plan, field))
    return dataclasses.replace(plan, **changes)


class PeerStubView:
    """The plan of the holder extension as the stub of one peer module sees it: the stub
    templates print every annotation through pyi_ann, py_ref or ann, which use PeerNames."""

    def __init__(self, plan: Any, peer: str):
        self.plan = plan
        self.sub = next(sm for sm in plan.submodules if sm.name == peer and sm.peer)
        self.key = peer
        self.holder = plan.name
        self.names = PeerNames(plan, peer)

    def __getattr__(self, attr: str) -> Any:
        return getattr(self.plan, attr)

    def ann(self, text: str) -> str:
        """An annotation of the holder's plan, as the peer's stub spells it."""
        return self.names.ann(text)

    @property
    def class_names(self) -> Tuple[str, ...]:
        return tuple(c.py_name for c in self.plan.classes_in(self.key))

    @property
    def pyi_shielded(self) -> Tuple[str, ...]:
        members = set()
        for c in self.plan.classes_in(self.key):
            members.update(f.py_name for f in getattr(c, 'fields', ()))
            members.update(f.py_name for f in getattr(c, 'methods', ()))
        return tuple(n for n in self.class_names if n in members)

    # The plan's own stub helpers, run on this view: they read pyi_shielded and pyi_ann from it.
    def pyi_ann(self, text: str) -> str:
        return type(self.plan).pyi_ann(self, self.ann(text))

    def pyi_method_params(self, f: Any) -> str:
        return type(self.plan).pyi_method_params(self, f)

    def pyi_struct_init(self, s: Any) -> str:
        return type(self.plan).pyi_struct_init(self, s)

    def py_ref(self, c: Any) -> str:
        return self.ann(self.plan.py_ref(c))

    @property
    def imports(self) -> List[str]:
        """The import lines the peer's stub needs: the holder, and the other peers."""
        lines = ['import %s' % self.holder]
        for sm in self.plan.peers:
            if sm.name != self.key:
                lines.append('import %s as %s' % (sm.peer, sm.name) if sm.peer != sm.name else 'import %s' % sm.peer)
        return lines

    @property
    def skipped(self) -> Tuple[Any, ...]:
        return tuple(s for s in self.plan.skipped if s.symbol.startswith(self.key + '.'))
