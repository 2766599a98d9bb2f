"""Which Python name each Go symbol wants: pep8_names' snake_case and UPPER_SNAKE, //gobind:name (and
gopy's spellings), and the clashes those renames make, which stop the build."""

from __future__ import annotations

import dataclasses
import keyword
import re
import unicodedata
from typing import Dict, List, Optional, Sequence, Tuple

from ..errors import GobindError
from .typemap import gobind_shaped

#: What each kind of symbol becomes with pep8_names (types keep their CamelCase name).
SNAKE = ('func', 'method', 'field', 'var', 'param')
UPPER = ('const',)

#: gopy's struct tag naming a field's Python name: `gopy:"py_name"`.
_GOPY_TAG = re.compile(r'(?:^|\s)gopy:"((?:[^"\\]|\\.)*)"')


def words(name: str) -> Tuple[str, ...]:
    """The words of a Go identifier, acronyms kept whole: HTTPServer -> HTTP, Server; UserIDs -> User, IDs;
    MD5Sum -> MD5, Sum.  Underscores separate words too (each '_' gives an empty word between two)."""
    out = []
    for chunk in name.split('_'):
        out.extend(_chunk_words(chunk) or [''])
    return tuple(out)


def _chunk_words(chunk: str) -> list:
    """The words of an identifier without underscores."""
    out, start, n = [], 0, len(chunk)
    for i in range(1, n):
        prev, c = chunk[i - 1], chunk[i]
        if not c.isupper():
            continue
        nxt = chunk[i + 1] if i + 1 < n else ''
        if not prev.isupper():   # sayHi, MD5Sum, a capital after a letter that has no case
            boundary = True
        else:                    # inside a run of capitals: HTTPServer breaks before the S of Server
            boundary = nxt.islower() and not _plural(chunk, i)
        if boundary and i > start:
            out.append(chunk[start:i])
            start = i
    if start < n:
        out.append(chunk[start:])
    return out


def _plural(chunk: str, i: int) -> bool:
    """Whether the capital at i is the last of an acronym followed by a plural s (IDs, URLsFor)."""
    return chunk[i + 1:i + 2] == 's' and (i + 2 == len(chunk) or not chunk[i + 2].islower())


def snake_case(name: str) -> str:
    """A Go name as a PEP 8 function, method or attribute name: SayHi -> say_hi, HTTPServer -> http_server,
    UserID -> user_id, ParseURL -> parse_url, MD5Sum -> md5_sum."""
    name = unicodedata.normalize('NFKC', name)
    return '_'.join(w.lower() for w in words(name))


def upper_snake(name: str) -> str:
    """A Go constant's name as a PEP 8 constant name: MaxSize -> MAX_SIZE."""
    return snake_case(name).upper()


def gopy_tag(tag: str) -> str:
    """The Python name a gopy:"name" struct tag gives a field ('' without one)."""
    match = _GOPY_TAG.search(tag or '')
    return match.group(1) if match else ''


class NameClash(GobindError):
    """A //gobind:name that Python cannot use, or two Go symbols bound under one Python name."""


#: Names every generated module defines itself; Go symbols with these names get a trailing '_', and a
#: //gobind:name cannot give them.
RESERVED_MODULE_NAMES = frozenset({'GoError', 'GoPanic', 'GoErrorValue', 'GoValue'})


def python_name(go_name: str, taken: Sequence[str] = ()) -> str:
    """A Python identifier for a Go name, normalised as Python reads identifiers (NFKC): keywords,
    reserved names and names already taken get a trailing '_'."""
    name = unicodedata.normalize('NFKC', go_name)
    while keyword.iskeyword(name) or name in RESERVED_MODULE_NAMES or name in taken:
        name += '_'
    return name


def check_directive(py_name: str, symbol: str, kind: str = '') -> str:
    """A //gobind:name value, checked: a Python identifier that is not a keyword (nor, for a type,
    shaped like the classes gobind makes), normalised to NFKC."""
    if not py_name.strip():
        raise NameClash('gobind: %s: its //gobind:name line gives no name' % symbol)
    if kind == 'type' and gobind_shaped(py_name):
        raise NameClash('gobind: %s: //gobind:name %r is shaped like the names of the classes gobind makes '
                        '(Slice_int, Ptr_T, Map_K_V...); give it another name' % (symbol, py_name))
    if not py_name.isidentifier() or keyword.iskeyword(py_name) or py_name in RESERVED_MODULE_NAMES:
        why = ('a Python keyword' if keyword.iskeyword(py_name) else "the name of gobind's own class"
               if py_name in RESERVED_MODULE_NAMES else 'not a Python identifier')
        raise NameClash('gobind: %s: //gobind:name %r is %s; give it another name' % (symbol, py_name, why))
    return unicodedata.normalize('NFKC', py_name)   # as Python reads identifiers


@dataclasses.dataclass(frozen=True)
class Naming:
    """How one binding names Go symbols in Python: pep8_names, or the Go names (normalised as Python
    reads identifiers, NFKC); a symbol's //gobind:name wins over both."""

    pep8: bool = False

    def wanted(self, go_name: str, kind: str, directive: str = '', symbol: str = '') -> str:
        """The Python name a symbol of this kind asks for (before keywords and clashes: see Namespace)."""
        if directive:
            return check_directive(directive, symbol or go_name, kind)
        if self.pep8 and kind in SNAKE:
            return snake_case(go_name)
        if self.pep8 and kind in UPPER:
            return upper_snake(go_name)
        return unicodedata.normalize('NFKC', go_name)

    def renamed(self, go_name: str, kind: str, directive: str = '') -> bool:
        """Whether pep8_names or a directive gives the symbol a name other than its Go name."""
        return self.wanted(go_name, kind, directive) != unicodedata.normalize('NFKC', go_name)


@dataclasses.dataclass
class Namespace:
    """The Python names taken in one module or class, each with the Go symbol holding it, so that two Go
    symbols that renaming maps onto one Python name stop the build with both names."""

    where: str
    owners: Dict[str, Tuple[str, bool]] = dataclasses.field(default_factory=dict)   # py: (symbol, renamed)

    def check(self, py: str, symbol: str, renamed: bool) -> None:
        """Raises when py is taken and either symbol got its name from renaming (else the planner's
        trailing '_' rule applies, with its warning)."""
        held: Optional[Tuple[str, bool]] = self.owners.get(py)
        if held is not None and held[0] != symbol and (renamed or held[1]):
            raise NameClash('gobind: %s and %s are both bound as %s%s (pep8_names or //gobind:name); '
                             'rename one with a //gobind:name line' % (held[0], symbol, self.where, py))

    def take(self, py: str, symbol: str, renamed: bool) -> None:
        self.owners.setdefault(py, (symbol, renamed))


class Namer:
    """The names of one binding: what each symbol wants (Naming), the namespaces that catch clashes, and
    the renames `gobind inspect` lists (Go symbol -> Python name, qualified as in messages)."""

    def __init__(self, naming: Naming):
        self.naming = naming
        self.spaces: Dict[str, Namespace] = {}
        self.renames: Dict[str, str] = {}

    def want(self, go_name: str, kind: str, directive: str, symbol: str, given: str = '') -> Tuple[str, bool]:
        """The name a symbol of this kind wants, and whether pep8_names or its directive renamed it.
        given: the name gobind chose otherwise (a class shaped like gobind's own, Slice_int_)."""
        want = given or self.naming.wanted(go_name, kind, directive, symbol)
        return want, self.naming.renamed(go_name, kind, directive)

    def took(self, where: str, want: str, py: str, symbol: str, renamed: bool,
             used: Optional[List[str]] = None) -> None:
        """Records that symbol, which wanted `want`, is bound as py in namespace `where` ('', 'money.',
        'Point.'; and in the planner's list `used`).  Stops the build if another Go symbol holds `want`
        and renaming gave either name."""
        space = self.spaces.setdefault(where, Namespace(where))
        space.check(want, symbol, renamed)
        if used is not None:
            used.append(py)
        space.take(py, symbol, renamed)
        if renamed:
            self.renames.setdefault(symbol, where + py)
