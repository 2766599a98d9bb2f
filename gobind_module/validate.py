"""Checks of the values users give gobind (module names, Go import paths, tags, folders, per-function
settings); options.py runs them once at every entry point."""

from __future__ import annotations

import keyword
import re
import unicodedata
from typing import Any, Iterable, List, Mapping, Optional

from .errors import GobindError

_IDENTIFIER = re.compile(r'[A-Za-z_][A-Za-z0-9_]*\Z')
_TAG = re.compile(r'[A-Za-z0-9_.]+\Z')
#: A Go function or method as settings name them: Func or Type.Method.
_GO_FUNC = re.compile(r'[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?\Z')
#: What one function's GIL setting can be (gil.py).
GIL_CHOICES = ('keep', 'release')
#: What the module-wide GIL default can be: gobind's rule, or one choice for every function.
GIL_DEFAULTS = ('auto',) + GIL_CHOICES
#: Characters Go refuses in an import path (go/build's isValidImport), besides spaces and controls.
_BAD_IMPORT_CHARS = set('!"#$%&\'()*,:;<=>?[\\]^`{|}\ufffd')


class InputError(GobindError, ValueError):
    """An argument gobind refuses before it reaches generated code; the message names the argument."""


def module_name(value: object, arg: str = 'name') -> str:
    """A Python module name: an ASCII identifier that is not a keyword."""
    if not isinstance(value, str) or not _IDENTIFIER.match(value) or keyword.iskeyword(value):
        raise InputError('gobind: %s %r is not a Python identifier (ASCII letters, digits and _, '
                         'not a keyword), as a module name must be' % (arg, value))
    return value


def import_path(value: object, arg: str = 'package') -> str:
    """A Go import path (or ./relative path), checked as Go checks the paths in import lines."""
    if not isinstance(value, str) or not value:
        raise InputError('gobind: %s %r is not a Go import path (an empty or non-text value)' % (arg, value))
    for ch in value:
        if ch in _BAD_IMPORT_CHARS or ch.isspace() or unicodedata.category(ch)[0] in 'CZ':
            raise InputError('gobind: %s %r is not a Go import path: Go does not allow %r in one'
                             % (arg, value, ch))
    if value.startswith('-'):
        raise InputError('gobind: %s %r is not a Go import path (it starts with -)' % (arg, value))
    return value


def tags(values: Iterable[object], arg: str = 'tags') -> List[str]:
    """Go build tags: letters, digits, '_' and '.' each, as Go's build constraints allow."""
    if isinstance(values, (str, bytes)):
        raise InputError('gobind: %s must be a list of tags, not the string %r' % (arg, values))
    out = []
    for tag in values:
        if not isinstance(tag, str) or not _TAG.match(tag):
            raise InputError('gobind: %s: %r is not a Go build tag (letters, digits, _ and . only)' % (arg, tag))
        out.append(tag)
    return out


def directory(value: object, arg: str = 'dir') -> str:
    """A folder path: text without NUL or line breaks, which no tool could be handed safely."""
    if not isinstance(value, str) or not value:
        raise InputError('gobind: %s %r is not a folder path' % (arg, value))
    for ch in value:
        if ch in '\0\n\r' or '\ud800' <= ch <= '\udfff':
            raise InputError('gobind: %s %r is not a usable folder path (it holds %r)' % (arg, value, ch))
    return value


def submodules(values: Optional[Mapping[Any, Any]], arg: str = 'submodules') -> None:
    """Submodule settings: {module name: Go import path}."""
    for name, path in (values or {}).items():
        module_name(name, 'submodule name')
        import_path(path, '%s[%r]' % (arg, name))


def subdir(value: object, arg: str = 'subdir') -> str:
    """An install subfolder of site-packages: a package path (a/b), each part a module name."""
    if not isinstance(value, str):
        raise InputError('gobind: %s %r is not a folder path' % (arg, value))
    for part in value.strip('/').split('/') if value.strip('/') else ():
        module_name(part, '%s part' % arg)
    return value


#: The oldest Python a limited-API (abi3) module can target: its buffer protocol is in the limited API from 3.11.
LIMITED_API_MIN = (3, 11)


def limited_api(value: object, arg: str = 'limited_api') -> str:
    """'' (the full API), or the oldest Python 3 an abi3 module runs on, 'X.Y' with X.Y >= 3.11."""
    if value == '':
        return ''
    match = re.match(r'(\d+)\.(\d+)\Z', value) if isinstance(value, str) else None
    if not match or (int(match.group(1)), int(match.group(2))) < LIMITED_API_MIN or match.group(1) != '3':
        raise InputError("gobind: %s %r is not a Python 3 version of 3.11 or newer, such as '3.11' "
                         '(empty: the full API)' % (arg, value))
    return value


def flag(value: object, arg: str) -> bool:
    """A yes-or-no option (pep8_names): True or False."""
    if not isinstance(value, bool):
        raise InputError('gobind: %s must be true or false, not %r' % (arg, value))
    return value


#: Go type arguments as users write them: names, package-qualified names, [], *, map[K]V, commas.
_TYPE_ARGS = re.compile(r'[\w.\[\]*, ]+\Z', re.UNICODE)


def settings(values: Optional[Mapping[Any, Any]], arg: str) -> None:
    """gil or borrow settings: a mapping of text to text (their own modules check the form)."""
    if values is not None and not isinstance(values, Mapping):
        raise InputError('gobind: %s must be a dict of strings, not %r' % (arg, values))
    for key, value in (values or {}).items():
        if not isinstance(key, str) or not isinstance(value, str):
            raise InputError('gobind: %s: %r: %r is not a pair of strings' % (arg, key, value))


def go_func(value: object, arg: str) -> str:
    """The Go function or method a per-function setting names: Func or Type.Method."""
    if not isinstance(value, str) or not _GO_FUNC.match(value):
        raise InputError('gobind: %s: %r is not a Go function name (write Func or Type.Method)' % (arg, value))
    return value


def go_funcs(values: Iterable[object], arg: str) -> List[str]:
    """A list of Go function names (callback_panics), sorted, each once."""
    if isinstance(values, (str, bytes)):
        raise InputError('gobind: %s must be a list of Go function names, not the string %r' % (arg, values))
    return sorted(set(go_func(v, arg) for v in values))


def gil_setting(name: str, choice: object, arg: str = 'gil') -> None:
    """One GIL setting: a Go function name and keep or release."""
    go_func(name, arg)
    if choice not in GIL_CHOICES:
        raise InputError("gobind: %s: %s: %r is not 'keep' or 'release'" % (arg, name, choice))


def gil_default(value: object, arg: str = 'gil_default') -> str:
    """The module-wide GIL setting."""
    if value not in GIL_DEFAULTS:
        raise InputError('gobind: %s: %r is not one of %s' % (arg, value, ', '.join(map(repr, GIL_DEFAULTS))))
    return str(value)


def parameter_names(text: str) -> List[str]:
    """The parameter names of a borrow setting or //gobind:borrow line, separated by commas or spaces."""
    return [n for n in re.split(r'[\s,]+', text.strip()) if n]


def borrow_setting(name: str, params: str, arg: str = 'borrow') -> str:
    """One borrow setting: a Go function name and its parameter names ('' or '*': all that can be);
    returns the names joined by spaces."""
    go_func(name, arg)
    names = parameter_names(params)
    for p in names:
        if p != '*' and not _IDENTIFIER.match(p):
            raise InputError('gobind: %s: %s: %r is not a parameter name' % (arg, name, p))
    return ' '.join(names)


def instantiate(values: Optional[Mapping[Any, Any]], arg: str = 'instantiate') -> Dict[str, Tuple[str, ...]]:
    """The instantiations of generics: a Go name to a list of instantiations, each its Go type arguments
    joined by commas ('string,int'); returned with each list a tuple in its order, without repeats."""
    if values is not None and not isinstance(values, Mapping):
        raise InputError("gobind: %s must be a dict of Go names to lists of type arguments, e.g. "
                         "{'Max': ['int', 'float64']}, not %r" % (arg, values))
    out: Dict[str, Tuple[str, ...]] = {}
    for name, insts in sorted((values or {}).items(), key=lambda kv: str(kv[0])):
        if not isinstance(name, str) or not _IDENTIFIER.match(name):
            raise InputError('gobind: %s: %r is not a Go name' % (arg, name))
        if isinstance(insts, str) or not isinstance(insts, (list, tuple)) or not insts:
            raise InputError("gobind: %s: %s: %r is not a list of type arguments, e.g. ['int', 'string,int']"
                             % (arg, name, insts))
        seen: List[str] = []
        for inst in insts:
            if not isinstance(inst, str) or not _TYPE_ARGS.match(inst):
                raise InputError('gobind: %s: %s: %r is not a list of Go types separated by commas'
                                 % (arg, name, inst))
            text = ','.join(t.strip() for t in inst.split(','))
            if text not in seen:
                seen.append(text)
        out[name] = tuple(seen)
    return out


def entry(package: object, directory_: object, name: object = None, tags_: Iterable[object] = (),
          submodules_: Optional[Mapping[Any, Any]] = None, spelling: Mapping[str, str] = {}) -> None:
    """The checks of the package and where it is bound, in this order; spelling: how the entry point
    names the arguments in errors (options.SPELLINGS)."""
    import_path(package, spelling.get('package', 'package'))
    directory(directory_, spelling.get('dir', 'dir'))
    if name is not None:
        module_name(name, spelling.get('name', 'name'))
    tags(tags_, spelling.get('tags', 'tags'))
    submodules(submodules_)
