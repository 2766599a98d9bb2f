"""The Meson module behind `import('gobind')`: `gobind.extension()` binds a Go package.

Meson loads this file as `mesonbuild.modules.gobind` (see meson_finder.py).  It
builds targets only through Meson's own DSL: it renders the recipe in
templates/extension.meson.j2 and evaluates it in the calling project, so the
plugin and the plain recipe in docs/meson.md are the same build.
"""

from __future__ import annotations

import dataclasses
import os
import sys
import typing as T

from mesonbuild import coredata, mparser
from mesonbuild.interpreterbase import KwargInfo, typed_kwargs, typed_pos_args, ContainerTypeInfo
from mesonbuild.interpreterbase.exceptions import InvalidArguments
from mesonbuild.mesonlib import version_compare
from mesonbuild.modules import ExtensionModule, ModuleInfo, ModuleReturnValue
from mesonbuild.programs import ExternalProgram

from gobind_module import validate
from gobind_module.build.options import Options
from gobind_module.build.manifest import manifest_text
from gobind_module.build.precheck import check_options, find_upward
from gobind_module.errors import GobindError
from gobind_module.emit.render import render_template, write_if_changed

#: The runtime keyword: share the project's Go runtime (the first extension holds it), or not.
RUNTIMES = ('shared', 'own')


def _precheck(state: T.Any, options: Options) -> None:
    """Go, and each package of the call, checked at setup: an error here points at the user's
    gobind.extension() line (a passing check is cached in meson-private until the files change)."""
    try:
        check_options(options, state.environment.get_scratch_dir(), 'dir:')
    except GobindError as e:
        raise InvalidArguments(str(e))


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
        KwargInfo('gil_default', str, default='auto', validator=lambda v: _one_of(v, validate.GIL_DEFAULTS)),
        KwargInfo('runtime', str, default='shared', validator=lambda v: _one_of(v, RUNTIMES)),
        KwargInfo('limited_api', str, default=''),
        KwargInfo('pep8_names', bool, default=False),
        KwargInfo('instantiate', ContainerTypeInfo(dict, list), default={}),
    )
    def extension(self, state: T.Any, args: T.Tuple[str, str], kwargs: T.Dict[str, T.Any]) -> ModuleReturnValue:
        """gobind.extension(name, go_package, ...): an importable extension module for one Go package.

        The project's first extension holds its Go runtime; later ones (unless runtime: 'own')
        become peer modules bound into it (see peers.py)."""
        options = self._options(state, args, kwargs)
        _precheck(state, options)
        name = str(options.name)
        if name in self._names:
            raise InvalidArguments('gobind.extension: a module named %r was already made in this project' % name)
        self._names.add(name)
        if self._holder is not None and kwargs['runtime'] == 'shared':
            variable = self._peer(options, kwargs['install'])
        else:
            variable = self._recipe(state, options, kwargs)
        target = self.interpreter.variables[variable]
        return ModuleReturnValue(getattr(target, 'held_object', target), [])

    @staticmethod
    def _options(state: T.Any, args: T.Tuple[str, str], kwargs: T.Dict[str, T.Any]) -> Options:
        """The call's options, checked (as Meson errors naming the keyword), with `dir` made absolute."""
        python = kwargs['python']
        try:
            options = Options(package=args[1], dir=kwargs['dir'] or '.', name=args[0], tags=kwargs['go_tags'],
                              gil=kwargs['gil'], gil_default=kwargs['gil_default'], submodules=kwargs['submodules'],
                              borrow=kwargs['borrow'], callback_panics=kwargs['callback_panics'],
                              python=python.get_path() if isinstance(python, ExternalProgram) else python,
                              subdir=kwargs['subdir'], limited_api=kwargs['limited_api'],
                              pep8_names=kwargs['pep8_names'], instantiate=kwargs['instantiate'],
                              spelling='meson')
        except validate.InputError as e:
            raise InvalidArguments('gobind.extension: %s' % str(e).replace('gobind: ', '', 1))
        if options.limited_api and not version_compare(coredata.version, '>=1.3'):
            raise InvalidArguments('gobind.extension: limited_api needs Meson 1.3 or newer (this is Meson %s)'
                                   % coredata.version)
        go_dir = os.path.normpath(os.path.join(state.source_root, state.subdir, options.dir))
        if not os.path.isdir(go_dir):
            raise InvalidArguments('gobind.extension: dir %r is not a folder' % go_dir)
        options = dataclasses.replace(options, dir=go_dir)
        if options.instantiate:
            _check_instantiations(options)
        return options

    def _evaluate(self, template: str, variable: str, inputs: T.Dict[str, T.Any], **context: T.Any) -> None:
        """Evaluates a recipe in the calling project, with `inputs` in the Meson variable `variable`
        (set as the DSL's set_variable() sets one: so values reach the recipe as data, never as code)."""
        self.interpreter.set_variable(variable, inputs, holderify=True)
        code = render_template(template, **context)
        self.interpreter.evaluate_codeblock(mparser.Parser(code, 'gobind.extension(%s)' % context['name']).parse())

    def _recipe(self, state: T.Any, options: Options, kwargs: T.Dict[str, T.Any]) -> str:
        """Evaluates the recipe that builds the module from its Go package; returns the target's variable."""
        peers_commit: T.List[str] = []
        if self._holder is None and kwargs['runtime'] == 'shared':
            self._holder = _Holder(options, kwargs['install'], os.path.join(state.environment.get_build_dir(),
                                                                            state.subdir))
            os.makedirs(os.path.dirname(self._holder.staging), exist_ok=True)
            write_if_changed(self._holder.staging, manifest_text([]))
            options = dataclasses.replace(options, peers=self._holder.manifest)
            peers_commit = [self._holder.staging, self._holder.manifest]
        v = '_gobind_%s_' % options.name
        self._evaluate('extension.meson.j2', v + 'in', {
            'python': options.find_installation_args(),
            'gobind_python': sys.executable,
            'gen_args': options.gen_args(),
            'go_build_args': options.go_build_args(),
            'install': kwargs['install'],
            'subdir': options.subdir,
            'peers_commit': peers_commit,
            'limited_api': options.limited_api,
        }, v=v, name=options.name, package=options.package, peers=bool(peers_commit),
            limited_api=bool(options.limited_api))
        return v + 'ext'

    def _peer(self, options: Options, install: bool) -> str:
        """Evaluates the recipe of a peer module of the holder extension; returns the target's variable."""
        holder = self._holder
        assert holder is not None
        name = str(options.name)
        self._check_peer(holder, options, install)
        package = options.package
        if package.startswith(('./', '../')):   # relative to the holder's folder, where its gen step runs
            package = os.path.relpath(os.path.join(options.dir, package), holder.options.dir)
            package = './' + package.replace(os.sep, '/')
        holder.peers.append({'name': name, 'package': package, 'module': import_name(options.subdir, name),
                             'gil': dict(options.gil)})
        write_if_changed(holder.staging, manifest_text(holder.peers))
        holder_module = import_name(holder.options.subdir, str(holder.options.name))
        peer_var = '_gobind_%s_peer' % name
        self._evaluate('peer.meson.j2', peer_var + '_in', {
            'holder_module_args': ['--holder-module', holder_module] if holder_module != holder.options.name else [],
            'install': install,
            'subdir': options.subdir,
        }, v='_gobind_%s_' % holder.options.name, peer_var=peer_var, name=name, package=package,
            holder=holder.options.name)
        return peer_var

    @staticmethod
    def _check_peer(holder: '_Holder', options: Options, install: bool) -> None:
        """Refuses the settings a module sharing the holder's Go runtime cannot have."""
        where = "gobind.extension('%s'): " % options.name
        own = " or give it its own Go runtime with runtime: 'own'"
        same = {'python': options.find_installation_args() == holder.options.find_installation_args(),
                'go_tags': sorted(options.tags) == sorted(holder.options.tags),
                'gil_default': options.gil_default == holder.options.gil_default,
                'pep8_names': options.pep8_names == holder.options.pep8_names}
        for key, ok in same.items():
            if not ok:
                raise InvalidArguments(where + '%s differs from the one of %s, the extension holding the '
                                       "project's Go runtime; make them the same%s" % (key, holder.name, own))
        if options.submodules:
            raise InvalidArguments(where + 'submodules: can only be given to %s, the extension holding the '
                                   "project's Go runtime (it binds every package); move them there%s"
                                   % (holder.name, own))
        if options.name in holder.options.submodules:
            raise InvalidArguments(where + '%s already has a submodule named %s' % (holder.name, options.name))
        if options.limited_api or holder.options.limited_api:
            raise InvalidArguments(where + 'limited_api: a module sharing the Go runtime of %s cannot be built '
                                   'for the limited API yet; give it its own Go runtime with runtime: '
                                   "'own'" % holder.name)
        if options.callback_panics:
            raise InvalidArguments(where + "callback_panics: is not passed on to a module that shares %s's Go "
                                   'runtime; give the module its own Go runtime%s' % (holder.name, own))
        if options.instantiate:
            raise InvalidArguments(where + "instantiate: is not passed on to a module that shares %s's Go "
                                   'runtime; write //gobind:instantiate lines in its Go source instead%s'
                                   % (holder.name, own))
        if options.borrow:
            raise InvalidArguments(where + "borrow: is not passed on to a module that shares %s's Go runtime; "
                                   'write //gobind:borrow lines in its Go source instead%s' % (holder.name, own))
        if install and not holder.install:
            raise InvalidArguments(where + "install: true needs %s, which holds the project's Go runtime, "
                                   'installed too' % holder.name)
        mod, holder_mod = go_module_root(options.dir), go_module_root(holder.options.dir)
        if mod != holder_mod and not go_work(holder.options.dir):
            raise InvalidArguments(where + 'its Go module (%s) is not the one of %s (%s), and one Go runtime is '
                                   'built from one Go module: put both packages in one module, list both in a '
                                   'go.work file%s' % (mod, holder.name, holder_mod, own))


class _Holder:
    """The project's extension that holds its Go runtime, and the peer modules bound into it."""

    def __init__(self, options: Options, install: bool, build_dir: str):
        self.options = options
        self.name = str(options.name)
        self.install = install
        self.manifest = os.path.join(build_dir, '%s_gobind_peers.json' % self.name)
        self.staging = os.path.join(build_dir, '%s_gobind_peers.staging.json' % self.name)
        self.peers: T.List[T.Dict[str, T.Any]] = []


def _one_of(value: str, choices: T.Sequence[str]) -> T.Optional[str]:
    """Meson's keyword validator for a choice: None, or what is wrong."""
    return None if value in choices else 'must be one of %s' % ', '.join(choices)


def import_name(subdir: str, name: str) -> str:
    """The import name of module `name` installed into `subdir` of site-packages (mypkg/sub: mypkg.sub.name)."""
    subdir = subdir.strip('/')
    return '.'.join(subdir.split('/') + [name]) if subdir else name


def go_module_root(folder: str) -> T.Optional[str]:
    """The folder of the go.mod that governs `folder`, or None."""
    return find_upward(folder, 'go.mod')


def go_work(folder: str) -> bool:
    """Whether Go runs in workspace mode from `folder` (GOWORK, or a go.work above it)."""
    gowork = os.environ.get('GOWORK', '')
    if gowork:
        return gowork != 'off'
    return find_upward(folder, 'go.work') is not None


def initialize(interpreter: T.Any) -> GobindModule:
    """Entry point Meson calls after importing this module."""
    return GobindModule(interpreter)


def _check_instantiations(options: Options) -> None:
    """Setup stops on an instantiation the package refuses (a broken constraint, an unknown name),
    with the inspector's message: Go's, at the generic's declaration."""
    from gobind_module.errors import GobindError
    from gobind_module.inspect.goapi import inspect_json
    try:
        inspect_json(options.package, options.dir, tuple(options.tags), options.instantiate)
    except GobindError as e:
        raise InvalidArguments('gobind.extension: instantiate: %s' % str(e).replace('gobind: ', '', 1))
