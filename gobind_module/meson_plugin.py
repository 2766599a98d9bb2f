"""The Meson module behind `import('gobind')`: `gobind.extension()` binds a Go package.

Meson loads this file as `mesonbuild.modules.gobind` (see meson_finder.py).  It
builds targets only through Meson's own DSL: it renders the recipe in
templates/extension.meson.j2 and evaluates it in the calling project, so the
plugin and the plain recipe in docs/meson.md are the same build.
"""

from __future__ import annotations

import keyword
import os
import re
import sys
import typing as T

from mesonbuild import mparser
from mesonbuild.interpreterbase import KwargInfo, typed_kwargs, typed_pos_args, ContainerTypeInfo
from mesonbuild.interpreterbase.exceptions import InvalidArguments
from mesonbuild.modules import ExtensionModule, ModuleInfo, ModuleReturnValue
from mesonbuild.programs import ExternalProgram

from gobind_module.borrow import check_setting as check_borrow
from gobind_module.gil import DEFAULTS as GIL_DEFAULTS, GilPolicyError, check_setting
from gobind_module.goapi import GobindError
from gobind_module.project import meson_str
from gobind_module.render import render_template

_MODULE_NAME = re.compile(r'^[A-Za-z_][A-Za-z0-9_]*$')


class GobindModule(ExtensionModule):
    """`gobind = import('gobind')`: turns Go packages into Python extension modules."""

    INFO = ModuleInfo('gobind', '1.1.0')

    def __init__(self, interpreter: T.Any) -> None:
        super().__init__(interpreter)
        self.methods.update({'extension': self.extension})

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
        KwargInfo('gil_default', str, default='auto',
                  validator=lambda v: None if v in GIL_DEFAULTS else 'must be one of %s' % ', '.join(GIL_DEFAULTS)),
    )
    def extension(self, state: T.Any, args: T.Tuple[str, str], kwargs: T.Dict[str, T.Any]) -> ModuleReturnValue:
        """gobind.extension(name, go_package, ...): an importable extension module for one Go package."""
        name, package = args
        self._check_name(name)
        code = self._recipe(state, name, package, kwargs)
        variable = '_gobind_%s_ext' % name
        self.interpreter.evaluate_codeblock(mparser.Parser(code, 'gobind.extension(%s)' % name).parse())
        target = self.interpreter.variables[variable]
        return ModuleReturnValue(getattr(target, 'held_object', target), [])

    @staticmethod
    def _check_name(name: str) -> None:
        if not _MODULE_NAME.match(name) or keyword.iskeyword(name):
            raise InvalidArguments('gobind.extension: module name %r is not a Python identifier' % name)

    def _recipe(self, state: T.Any, name: str, package: str, kwargs: T.Dict[str, T.Any]) -> str:
        """Renders the Meson recipe that builds module `name` from Go package `package`."""
        source_dir = os.path.join(state.source_root, state.subdir)
        go_dir = os.path.normpath(os.path.join(source_dir, kwargs['dir']))
        if not os.path.isdir(go_dir):
            raise InvalidArguments('gobind.extension: dir %r is not a folder' % go_dir)
        tags = kwargs['go_tags']
        tags_args = " '--tags', %s," % meson_str(','.join(tags)) if tags else ''
        subdir = kwargs['subdir']
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
            cc="' '.join(meson.get_compiler('c').cmd_array())",
            install='true' if kwargs['install'] else 'false',
            install_subdir=" / %s" % meson_str(subdir) if subdir else '',
            subdir=meson_str(subdir),
        )

    @staticmethod
    def _gil_args(gil: T.Dict[str, str], default: str) -> str:
        """The `gen` arguments for the `gil` and `gil_default` keywords (with a leading space)."""
        for name, choice in gil.items():
            try:
                check_setting(name, choice)
            except GilPolicyError as e:
                raise InvalidArguments('gobind.extension: %s' % e)
        out = ''
        if gil:
            settings = ','.join('%s=%s' % item for item in sorted(gil.items()))
            out += " '--gil', %s," % meson_str(settings)
        if default != 'auto':
            out += " '--gil-default', %s," % meson_str(default)
        return out

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
            if not _MODULE_NAME.match(name) or keyword.iskeyword(name):
                raise InvalidArguments('gobind.extension: submodule name %r is not a Python identifier' % name)
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


def initialize(interpreter: T.Any) -> GobindModule:
    """Entry point Meson calls after importing this module."""
    return GobindModule(interpreter)
