"""The Meson module behind `import('gobind')`: `gobind.extension()` binds a Go package.

Meson loads this file as `mesonbuild.modules.gobind` (see meson_finder.py).  It
builds targets only through Meson's own DSL: it renders the recipe in
templates/extension.meson.j2 and evaluates it in the calling project, so the
plugin and the plain recipe in docs/meson.md are the same build.
"""

from __future__ import annotations

import os
import re
import sys
import typing as T

from mesonbuild import mparser
from mesonbuild.interpreterbase import KwargInfo, typed_kwargs, typed_pos_args, ContainerTypeInfo
from mesonbuild.interpreterbase.exceptions import InvalidArguments
from mesonbuild.modules import ExtensionModule, ModuleInfo, ModuleReturnValue
from mesonbuild.programs import ExternalProgram

from gobind_module.build import validate
from gobind_module.bind.borrow import check_setting as check_borrow
from gobind_module.bind.callback_policy import CallbackPolicyError, check_names as check_panics
from gobind_module.bind.gil import DEFAULTS as GIL_DEFAULTS, GilPolicyError, check_setting
from gobind_module.errors import GobindError
from gobind_module.emit.escape import meson_str
from gobind_module.build.manifest import manifest_text
from gobind_module.emit.render import render_template, write_if_changed

#: The runtime keyword: share the project's Go runtime (the first extension holds it), or not.
RUNTIMES = ('shared', 'own')


class GobindModule(ExtensionModule):
    """`gobind = import('gobind')`: turns Go packages into Python extension modules."""

    INFO = ModuleInfo('gobind', '1.1.0')

    def __init__(self, interpreter: T.Any) -> None:
        super().__init__(interpreter)
        self.methods.update({'extension': self.extension})
        self._holder: T.Optional[_Holder] = None   # the extension holding the project's Go runtime
        self._names: T.Set[str] = set()

    @typed_pos_args('gobind.extension', str, str)
    @typed_kwargs(
        'gobind.extension',
        KwargInfo('install', bool, default=False),
        KwargInfo('python', (str, ExternalProgram), default=''),
        KwargInfo('dir', str, default=''),
        KwargInfo('subdir', str, default=''),
        KwargInfo('go_tags', ContainerTypeInfo(list, str), default=[], listify=True),
        KwargInfo('gil', ContainerTypeInfo(dict, str), default={}),
        KwargInfo('submodules', ContainerTypeInfo(dict, str), default={}),
        KwargInfo('borrow', ContainerTypeInfo(dict, str), default={}),
        KwargInfo('callback_panics', ContainerTypeInfo(list, str), default=[], listify=True),
        KwargInfo('gil_default', str, default='auto',
                  validator=lambda v: None if v in GIL_DEFAULTS else 'must be one of %s' % ', '.join(GIL_DEFAULTS)),
        KwargInfo('runtime', str, default='shared',
                  validator=lambda v: None if v in RUNTIMES else 'must be one of %s' % ', '.join(RUNTIMES)),
    )
    def extension(self, state: T.Any, args: T.Tuple[str, str], kwargs: T.Dict[str, T.Any]) -> ModuleReturnValue:
        """gobind.extension(name, go_package, ...): an importable extension module for one Go package.

        The project's first extension holds its Go runtime; later ones (unless runtime: 'own')
        become peer modules bound into it (see peers.py)."""
        name, package = args
        self._check_input(name, package, kwargs)
        if name in self._names:
            raise InvalidArguments('gobind.extension: a module named %r was already made in this project' % name)
        self._names.add(name)
        if self._holder is not None and kwargs['runtime'] == 'shared':
            code, variable = self._peer(state, name, package, kwargs)
        else:
            code, variable = self._recipe(state, name, package, kwargs), '_gobind_%s_ext' % name
        self.interpreter.evaluate_codeblock(mparser.Parser(code, 'gobind.extension(%s)' % name).parse())
        target = self.interpreter.variables[variable]
        return ModuleReturnValue(getattr(target, 'held_object', target), [])

    @staticmethod
    def _check_input(name: str, package: str, kwargs: T.Dict[str, T.Any]) -> None:
        """validate.py's checks of every string argument, as Meson errors naming the argument."""
        try:
            validate.module_name(name, 'module name')
            validate.import_path(package, 'go_package')
            validate.directory(kwargs['dir'] or '.', 'dir')
            validate.tags(kwargs['go_tags'], 'go_tags')
            validate.submodules(kwargs['submodules'])
            validate.subdir(kwargs['subdir'])
        except validate.InputError as e:
            raise InvalidArguments('gobind.extension: %s' % str(e).replace('gobind: ', '', 1))

    def _recipe(self, state: T.Any, name: str, package: str, kwargs: T.Dict[str, T.Any]) -> str:
        """Renders the Meson recipe that builds module `name` from Go package `package`."""
        go_dir = self._go_dir(state, kwargs, 'gobind.extension: ')
        tags = kwargs['go_tags']
        tags_args = " '--tags', %s," % meson_str(','.join(tags)) if tags else ''
        subdir = kwargs['subdir']
        peers_args = ''
        if self._holder is None and kwargs['runtime'] == 'shared':
            self._holder = _Holder(name, kwargs, go_dir, os.path.join(state.environment.get_build_dir(), state.subdir))
            os.makedirs(os.path.dirname(self._holder.staging), exist_ok=True)
            write_if_changed(self._holder.staging, manifest_text([]))
            peers_args = " '--peers', %s," % meson_str(self._holder.manifest)
        return render_template(
            'extension.meson.j2',
            v='_gobind_%s_' % name,
            name=name,
            package=package,
            package_str=meson_str(package),
            python=self._python_arg(kwargs['python']),
            gobind_python=meson_str(sys.executable),
            go_dir=meson_str(go_dir),
            tags_args=tags_args,
            gil_args=self._gil_args(kwargs['gil'], kwargs['gil_default']),
            submodule_args=self._submodule_args(kwargs['submodules']),
            borrow_args=self._borrow_args(kwargs['borrow']),
            panic_args=self._panic_args(kwargs['callback_panics']),
            peers_args=peers_args,
            peers_staging=meson_str(self._holder.staging) if peers_args else '',
            peers_manifest=meson_str(self._holder.manifest) if peers_args else '',
            cc="' '.join(meson.get_compiler('c').cmd_array())",
            install='true' if kwargs['install'] else 'false',
            install_subdir=_install_subdir(subdir),
            subdir=meson_str(subdir),
        )

    @staticmethod
    def _go_dir(state: T.Any, kwargs: T.Dict[str, T.Any], where: str) -> str:
        """The folder Go runs in (the `dir` keyword, from the calling meson.build's folder); checked."""
        go_dir = os.path.normpath(os.path.join(state.source_root, state.subdir, kwargs['dir']))
        if not os.path.isdir(go_dir):
            raise InvalidArguments(where + 'dir %r is not a folder' % go_dir)
        return go_dir

    def _peer(self, state: T.Any, name: str, package: str, kwargs: T.Dict[str, T.Any]) -> T.Tuple[str, str]:
        """The recipe of a peer module of the holder extension, and the variable of its target."""
        holder = self._holder
        assert holder is not None
        where = "gobind.extension('%s'): " % name
        go_dir = self._go_dir(state, kwargs, where)
        self._check_gil(kwargs['gil'])
        own = " or give it its own Go runtime with runtime: 'own'"
        same = {'python': self._python_arg(kwargs['python']) == self._python_arg(holder.kwargs['python']),
                'go_tags': sorted(kwargs['go_tags']) == sorted(holder.kwargs['go_tags']),
                'gil_default': kwargs['gil_default'] == holder.kwargs['gil_default']}
        for key, ok in same.items():
            if not ok:
                raise InvalidArguments(where + '%s differs from the one of %s, the extension holding the '
                                       "project's Go runtime; make them the same%s" % (key, holder.name, own))
        if kwargs['submodules']:
            raise InvalidArguments(where + 'submodules: can only be given to %s, the extension holding the '
                                   "project's Go runtime (it binds every package); move them there%s"
                                   % (holder.name, own))
        if name in holder.kwargs['submodules']:
            raise InvalidArguments(where + '%s already has a submodule named %s' % (holder.name, name))
        if kwargs['callback_panics']:
            raise InvalidArguments(where + "callback_panics: is not passed on to a module that shares %s's Go "
                                   'runtime; give the module its own Go runtime%s' % (holder.name, own))
        if kwargs['borrow']:
            raise InvalidArguments(where + "borrow: is not passed on to a module that shares %s's Go runtime; "
                                   'write //gobind:borrow lines in its Go source instead%s' % (holder.name, own))
        if kwargs['install'] and not holder.kwargs['install']:
            raise InvalidArguments(where + "install: true needs %s, which holds the project's Go runtime, "
                                   'installed too' % holder.name)
        if package.startswith(('./', '../')):
            package = './' + os.path.relpath(os.path.join(go_dir, package), holder.go_dir).replace(os.sep, '/')
        mod, holder_mod = go_module_root(go_dir), go_module_root(holder.go_dir)
        if mod != holder_mod and not go_work(holder.go_dir):
            raise InvalidArguments(where + 'its Go module (%s) is not the one of %s (%s), and one Go runtime is '
                                   'built from one Go module: put both packages in one module, list both in a '
                                   'go.work file%s' % (mod, holder.name, holder_mod, own))
        subdir = kwargs['subdir']
        holder.peers.append({'name': name, 'package': package, 'module': import_name(subdir, name),
                             'gil': dict(sorted(kwargs['gil'].items()))})
        write_if_changed(holder.staging, manifest_text(holder.peers))
        holder_module = import_name(holder.kwargs['subdir'], holder.name)
        code = render_template(
            'peer.meson.j2',
            v='_gobind_%s_' % holder.name,
            peer_var='_gobind_%s_peer' % name,
            name=name,
            package=package,
            holder=holder.name,
            holder_module_args=" '--holder-module', %s," % meson_str(holder_module)
            if holder_module != holder.name else '',
            install='true' if kwargs['install'] else 'false',
            install_subdir=_install_subdir(subdir),
            subdir=meson_str(subdir),
        )
        return code, '_gobind_%s_peer' % name

    @staticmethod
    def _check_gil(gil: T.Dict[str, str]) -> None:
        """Checks the form of the `gil` keyword's settings (Go names, keep or release)."""
        for name, choice in gil.items():
            try:
                check_setting(name, choice)
            except GilPolicyError as e:
                raise InvalidArguments('gobind.extension: %s' % e)

    @classmethod
    def _gil_args(cls, gil: T.Dict[str, str], default: str) -> str:
        """The `gen` arguments for the `gil` and `gil_default` keywords (with a leading space)."""
        cls._check_gil(gil)
        out = ''
        if gil:
            settings = ','.join('%s=%s' % item for item in sorted(gil.items()))
            out += " '--gil', %s," % meson_str(settings)
        if default != 'auto':
            out += " '--gil-default', %s," % meson_str(default)
        return out

    @staticmethod
    def _panic_args(names: T.List[str]) -> str:
        """The `gen` arguments for the `callback_panics` keyword (with a leading space)."""
        try:
            names = check_panics(names)
        except CallbackPolicyError as e:
            raise InvalidArguments('gobind.extension: %s' % e)
        return " '--callback-panics', %s," % meson_str(','.join(names)) if names else ''

    @staticmethod
    def _borrow_args(borrow: T.Dict[str, str]) -> str:
        """The `gen` arguments for the `borrow` keyword (with a leading space)."""
        out = ''
        for name, params in sorted(borrow.items()):
            try:
                check_borrow(name, params)
            except GobindError as e:
                raise InvalidArguments('gobind.extension: %s' % e)
            out += " '--borrow', %s," % meson_str('%s=%s' % (name, params))
        return out

    @staticmethod
    def _submodule_args(submodules: T.Dict[str, str]) -> str:
        """The `gen` arguments for the `submodules` keyword (with a leading space)."""
        out = ''
        for name, package in sorted(submodules.items()):
            out += " '--submodule', %s," % meson_str('%s=%s' % (name, package))
        return out

    @staticmethod
    def _python_arg(python: T.Union[str, ExternalProgram]) -> str:
        """The first argument of find_installation() for the `python` keyword, with its comma."""
        if isinstance(python, ExternalProgram):
            return meson_str(python.get_path()) + ', '
        if not python:
            return ''
        if re.match(r'^\d+(\.\d+)?$', python):
            python = 'python' + python
        return meson_str(python) + ', '


class _Holder:
    """The project's extension that holds its Go runtime, and the peer modules bound into it."""

    def __init__(self, name: str, kwargs: T.Dict[str, T.Any], go_dir: str, build_dir: str):
        self.name = name
        self.kwargs = kwargs
        self.go_dir = go_dir
        self.manifest = os.path.join(build_dir, '%s_gobind_peers.json' % name)
        self.staging = os.path.join(build_dir, '%s_gobind_peers.staging.json' % name)
        self.peers: T.List[T.Dict[str, T.Any]] = []


def import_name(subdir: str, name: str) -> str:
    """The import name of module `name` installed into `subdir` of site-packages (mypkg/sub: mypkg.sub.name)."""
    subdir = subdir.strip('/')
    return '.'.join(subdir.split('/') + [name]) if subdir else name


def _install_subdir(subdir: str) -> str:
    """The Meson code appended to py.get_install_dir() for the `subdir` keyword."""
    return " / %s" % meson_str(subdir) if subdir else ''


def _find_upward(folder: str, fname: str) -> T.Optional[str]:
    """The nearest folder at or above `folder` that holds a file `fname`, or None."""
    folder = os.path.abspath(folder)
    while not os.path.isfile(os.path.join(folder, fname)):
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent
    return folder


def go_module_root(folder: str) -> T.Optional[str]:
    """The folder of the go.mod that governs `folder`, or None."""
    return _find_upward(folder, 'go.mod')


def go_work(folder: str) -> bool:
    """Whether Go runs in workspace mode from `folder` (GOWORK, or a go.work above it)."""
    gowork = os.environ.get('GOWORK', '')
    if gowork:
        return gowork != 'off'
    return _find_upward(folder, 'go.work') is not None


def initialize(interpreter: T.Any) -> GobindModule:
    """Entry point Meson calls after importing this module."""
    return GobindModule(interpreter)
