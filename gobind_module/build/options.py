"""The options of one binding: built and checked once at each entry point, and spelt as the gen step's arguments."""

from __future__ import annotations

import argparse
import dataclasses
import re
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

from .. import validate

#: How each entry point names an option in its errors, where that is not the field's name.
SPELLINGS: Dict[str, Dict[str, str]] = {
    'cli': {},
    'meson': {'name': 'module name', 'package': 'go_package', 'tags': 'go_tags'},
    'cmake': {'name': 'module name', 'package': 'Go package', 'dir': 'DIR', 'tags': 'GO_TAGS',
              'limited_api': 'LIMITED_API', 'pep8_names': 'PEP8_NAMES', 'instantiate': 'INSTANTIATE'},
}

#: The fields only the build around the gen step uses (the recipe, `gobind bind`); gen_args() leaves them out.
BUILD_ONLY = ('python', 'subdir', 'limited_api')


@dataclasses.dataclass(frozen=True)
class Options:
    """What gobind binds and how: gobind.extension()'s keywords, `gobind bind|gen|inspect`'s
    options, load()'s and gobind_add_extension()'s arguments.  Making one checks every field
    (validate.py), so each entry point checks its input once, naming the option at fault as that
    entry point spells it (`spelling`, a key of SPELLINGS)."""

    package: str
    dir: str = '.'
    name: Optional[str] = None                 # the Python module; None: the Go package's name
    tags: Tuple[str, ...] = ()                 # Go build tags
    gil: Mapping[str, str] = dataclasses.field(default_factory=dict)         # Func: keep|release
    gil_default: str = 'auto'
    submodules: Mapping[str, str] = dataclasses.field(default_factory=dict)  # name: Go package
    borrow: Mapping[str, str] = dataclasses.field(default_factory=dict)      # Func: 'param ...'
    callback_panics: Tuple[str, ...] = ()      # Go functions, sorted
    peers: Optional[str] = None                # the peer-module manifest (peers.py) of a holder's gen step
    python: str = ''                           # the interpreter to build for ('': the build's default)
    subdir: str = ''                           # the install subfolder of site-packages
    limited_api: str = ''                      # '3.11': a Py_LIMITED_API module tagged abi3; '': the full API
    pep8_names: bool = False                   # snake_case functions, methods, fields, vars; UPPER_SNAKE consts
    # generic: its instantiations, each its type arguments joined by commas ({'Max': ('int', 'float64')})
    instantiate: Mapping[str, Tuple[str, ...]] = dataclasses.field(default_factory=dict)
    spelling: dataclasses.InitVar[str] = 'cli'

    def __post_init__(self, spelling: str) -> None:
        names = SPELLINGS[spelling]
        validate.entry(self.package, self.dir, self.name, self.tags, self.submodules, names)
        for arg in ('gil', 'borrow'):
            validate.settings(getattr(self, arg), arg)
        gil = dict(self.gil or {})
        for func, choice in gil.items():
            validate.gil_setting(func, choice)
        validate.gil_default(self.gil_default)
        borrow = {func: validate.borrow_setting(func, params) for func, params in (self.borrow or {}).items()}
        panics = validate.go_funcs(self.callback_panics, 'callback_panics')
        if self.peers is not None:
            validate.directory(self.peers, 'peers')
        if self.python:
            validate.directory(self.python, 'python')
        validate.subdir(self.subdir)
        validate.limited_api(self.limited_api, names.get('limited_api', 'limited_api'))
        validate.flag(self.pep8_names, names.get('pep8_names', 'pep8_names'))
        instantiate = validate.instantiate(self.instantiate, names.get('instantiate', 'instantiate'))
        normal = dict(instantiate=instantiate, tags=tuple(self.tags), gil=dict(sorted(gil.items())),
                      borrow=dict(sorted(borrow.items())), submodules=dict(sorted((self.submodules or {}).items())), callback_panics=tuple(panics))
        for field, value in normal.items():
            object.__setattr__(self, field, value)

    def gen_args(self) -> List[str]:
        """The gen step's arguments for these options (from_args() reads them back), package last."""
        args = ['--dir=' + self.dir] + (['--name', self.name] if self.name else [])   # '=': a dir may start with -
        if self.tags:
            args += ['--tags', ','.join(self.tags)]
        args += [a for item in self.gil.items() for a in ('--gil', '%s=%s' % item)]
        if self.gil_default != 'auto':
            args += ['--gil-default', self.gil_default]
        args += [a for item in self.submodules.items() for a in ('--submodule', '%s=%s' % item)]
        args += [a for item in self.borrow.items() for a in ('--borrow', '%s=%s' % item)]
        args += [a for name in self.callback_panics for a in ('--callback-panics', name)]
        if self.pep8_names:
            args += ['--pep8-names']
        args += [a for name, insts in self.instantiate.items() for i in insts
                 for a in ('--instantiate', '%s=%s' % (name, i))]
        if self.peers is not None:
            args += ['--peers=' + self.peers]
        return args + ['--', self.package]

    def go_build_args(self) -> List[str]:
        """The go-build step's arguments for these options."""
        return ['--dir=' + self.dir] + (['--tags', ','.join(self.tags)] if self.tags else [])

    def find_installation_args(self) -> List[str]:
        """The argument of Meson's find_installation() for `python`: none, a path, or python3.11 for '3.11'."""
        if re.match(r'\d+(\.\d+)?\Z', self.python):
            return ['python' + self.python]
        return [self.python] if self.python else []

    def extension_kwargs(self) -> List[Tuple[str, Any]]:
        """gobind.extension()'s keywords (besides name and package) for these options, as Python values."""
        return [('dir', self.dir), ('python', self.python), ('go_tags', list(self.tags)), ('gil', dict(self.gil)),
                ('gil_default', self.gil_default), ('submodules', dict(self.submodules)),
                ('borrow', dict(self.borrow)), ('callback_panics', list(self.callback_panics)),
                ('subdir', self.subdir), ('limited_api', self.limited_api), ('pep8_names', self.pep8_names),
                ('instantiate', {k: list(v) for k, v in self.instantiate.items()})]

    def key(self) -> Dict[str, Any]:
        """The options as JSON data, for cache keys."""
        return dataclasses.asdict(self)

    @classmethod
    def from_args(cls, args: argparse.Namespace, **more: Any) -> 'Options':
        """The options of a command line that add_arguments() declared (more: fields it has no flag for)."""
        return cls(package=args.package, dir=args.dir, name=args.name,
                   tags=tuple(t for t in (args.tags or '').split(',') if t),
                   gil=_pairs(args.gil, 'gil', 'Name=keep or Name=release', sep=','),
                   gil_default=args.gil_default,
                   submodules=_pairs(args.submodule, 'submodule', 'NAME=GO_PACKAGE'),
                   borrow=_pairs(args.borrow, 'borrow', 'Name=params, e.g. SumFloats=xs', join=True),
                   callback_panics=tuple(p.strip() for item in args.callback_panics for p in item.split(',')
                                         if p.strip()),
                   peers=getattr(args, 'peers', None), limited_api=args.limited_api or '',
                   pep8_names=args.pep8_names, instantiate=instantiations(args.instantiate), **more)


def instantiations(items: Iterable[str]) -> Dict[str, List[str]]:
    """--instantiate NAME=T1,T2 values as a dict of lists: the type arguments, taken as many at a time as
    NAME has type parameters (Max=int,float64 is two instantiations of Max[T], Pair=string,int one of
    Pair[K, V]); the flag repeats."""
    out: Dict[str, List[str]] = {}
    for item in items:
        name, eq, value = item.partition('=')
        if not eq or not name.strip() or not value.strip():
            raise validate.InputError('gobind: --instantiate %r: write NAME=T1,T2, e.g. Max=int or Pair=string,int'
                                      % item)
        out.setdefault(name.strip(), []).append(value.strip())
    return out


def _pairs(items: Iterable[str], option: str, form: str, sep: Optional[str] = None,
           join: bool = False) -> Dict[str, str]:
    """NAME=VALUE command-line values as a dict (several in one value joined by `sep`, if given);
    a repeated NAME's values are joined by a space when `join` (borrow's parameters), else the last wins."""
    out: Dict[str, str] = {}
    for item in items:
        for part in filter(None, item.split(sep) if sep else [item]):
            name, eq, value = part.partition('=')
            if not eq or not name.strip():
                raise validate.InputError('gobind: --%s %r: write %s' % (option, part, form))
            name = name.strip()
            out[name] = (out[name] + ' ' + value).strip() if join and name in out else value.strip()
    return out


def add_arguments(parser: argparse.ArgumentParser, peers: bool = False) -> None:
    """The options of `gobind bind|gen|inspect` (and with peers, the gen step's --peers)."""
    parser.add_argument('package', help='Go import path (or ./relative path) of the package to bind')
    parser.add_argument('--dir', default='.', help='folder inside the Go module to work from (default: .)')
    parser.add_argument('--name', help='Python module name (default: the Go package name)')
    parser.add_argument('--tags', help='comma-separated Go build tags')
    parser.add_argument('--submodule', action='append', default=[], metavar='NAME=GO_PACKAGE',
                        help='also bind GO_PACKAGE as submodule NAME of the module (repeatable)')
    parser.add_argument('--gil', action='append', default=[], metavar='NAME=keep|release',
                        help='keep or release the GIL during calls of this Go function or Type.Method '
                             '(repeat it, or join settings with commas)')
    parser.add_argument('--gil-default', default='auto', choices=validate.GIL_DEFAULTS,
                        help="GIL setting of the functions --gil does not name (default: auto, gobind's rule)")
    parser.add_argument('--borrow', action='append', default=[], metavar='NAME=PARAMS',
                        help='pass these parameters of Go function or Type.Method NAME as views of '
                             "Python's memory, as a //gobind:borrow line would (PARAMS separated by "
                             'commas or spaces; empty: all that can be); repeatable')
    parser.add_argument('--callback-panics', action='append', default=[], metavar='NAME',
                        help='for this Go function or Type.Method, an exception a Python callable raises on '
                             'a goroutine Go started is a Go panic there, not raised by the call '
                             '(repeat it, or join names with commas)')
    parser.add_argument('--limited-api', metavar='X.Y', default='',
                        help="build a module of Python's limited API, tagged abi3, that runs on CPython X.Y "
                             "and newer (3.11 or newer; `gen` writes the same sources either way)")
    parser.add_argument('--pep8-names', action='store_true',
                        help='name functions, methods, struct fields and variables in snake_case and constants '
                             'in UPPER_SNAKE_CASE (SayHi -> say_hi, MaxSize -> MAX_SIZE); types keep their names')
    parser.add_argument('--instantiate', action='append', default=[], metavar='NAME=T1,T2',
                        help='bind generic function or type NAME instantiated with these Go type arguments '
                             '(one instantiation; repeatable: --instantiate Max=int --instantiate Max=float64)')
    if peers:
        parser.add_argument('--peers', metavar='MANIFEST',
                            help="(build step) also bind the packages of the project's other extensions, "
                                 "listed in this JSON file, as peer modules")


def parse_gen_args(argv: Sequence[str]) -> Options:
    """The options gen_args() spelt (what the gen step reads back, without its own flags)."""
    parser = argparse.ArgumentParser(prog='gobind gen')
    add_arguments(parser, peers=True)
    return Options.from_args(parser.parse_args(list(argv)))
