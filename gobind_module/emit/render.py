"""Renders a ModulePlan into the generated Go, C, header, stub and linker-map files."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Dict, Optional

import jinja2

from .. import cache
from . import conditions, emit_c, emit_go, pytypes
from .escape import c_comment, c_string, go_comment, go_string, meson_str, py_comment, py_docstring, py_string
from ..bind.plan import ModulePlan

#: Output file name patterns, by role; {name} is the Python module name.
OUTPUTS = {
    'go': '{name}_gobind.go',
    'c': '{name}_gobind.c',
    'abi': '{name}_abi.h',
    'pyi': '{name}.pyi',
    'map': '{name}.map',
    # gobind's support code: the same text for every module, compiled beside it (only the names
    # of the files it includes differ, so that two modules can be built in one folder)
    'types': '{name}_types.h',
    'support_h': '{name}_support.h',
    'support_c': '{name}_support.c',
    'support_go': '{name}_support.go',
}

_TEMPLATES = {
    'go': 'module.go.j2',
    'c': 'module.c.j2',
    'abi': 'abi.h.j2',
    'pyi': 'module.pyi.j2',
    'map': 'module.map.j2',
    'types': 'types.h.j2',
    'support_h': 'support.h.j2',
    'support_c': 'support.c.j2',
    'support_go': 'support.go.j2',
}


def templates_dir() -> Path:
    """The folder holding gobind's templates, installed or in a source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / 'templates', here.parent.parent / 'templates'):
        if (candidate / 'module.c.j2').is_file():
            return candidate
    raise FileNotFoundError('gobind templates not found beside %s' % here)


def verbatim(relpath: str) -> str:
    """The text of a support source, copied into the output as it is (no template syntax)."""
    return (templates_dir() / relpath).read_text(encoding='utf-8').rstrip('\n')


class _BytecodeCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates, kept between runs: compiling module.c.j2 and the others takes a quarter
    of a second, loading them a few milliseconds.  Jinja checks each entry against the template's
    text and its own and Python's versions; a cache that cannot be written is skipped."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        path = self._get_cache_filename(bucket)
        if os.path.exists(path):
            cache.check_entry(path)   # marshalled code runs: only our own files
        super().load_bytecode(bucket)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def _bytecode_cache() -> Optional[jinja2.BytecodeCache]:
    """The template cache in gobind's cache folder, or None when that folder cannot be made."""
    try:
        path = cache.folder('templates')
    except OSError:   # no cache (a read-only home); a cache that is not ours raises CacheTrustError
        return None
    return _BytecodeCache(str(path))


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        bytecode_cache=_bytecode_cache(),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.globals['verbatim'] = verbatim
    for escape in (c_comment, c_string, go_comment, go_string, meson_str, py_comment, py_docstring, py_string):
        env.filters[escape.__name__] = escape
    env.filters.update(emit_c.FILTERS)
    env.filters.update(emit_go.FILTERS)
    env.filters.update(pytypes.FILTERS)
    env.globals.update(pytypes.GLOBALS)
    env.tests.update(conditions.TESTS)
    return env


def output_names(name: str) -> Dict[str, str]:
    """The file name of each output role for module `name`."""
    return {role: pattern.format(name=name) for role, pattern in OUTPUTS.items()}


def render_template(template: str, **values: object) -> str:
    """Renders one template of templates/ with the given values."""
    return _environment().get_template(template).render(**values)


def render(plan: ModulePlan) -> Dict[str, str]:
    """The text of every output, keyed by role."""
    env = _environment()
    return {role: env.get_template(tpl).render(m=plan) for role, tpl in _TEMPLATES.items()}


def render_peer_stub(plan: ModulePlan, peer: str) -> str:
    """The stub of peer module `peer` of the plan (see peers.py)."""
    from ..bind.peers import PeerStubView
    return _environment().get_template('peer.pyi.j2').render(m=PeerStubView(plan, peer))


def write_if_changed(path: str, text: str) -> None:
    """Writes text (UTF-8) to path unless the file already holds it, so its timestamp stays."""
    data = text.encode('utf-8')
    if not _same_content(path, data):
        with open(path, 'wb') as f:
            f.write(data)


def write_outputs(plan: ModulePlan, outdir: str) -> Dict[str, str]:
    """Writes every output into outdir and returns their paths, keyed by role.

    A file whose text did not change is left alone, so its timestamp stays and ninja
    (restat) does not recompile what depends on it.
    """
    os.makedirs(outdir, exist_ok=True)
    paths = {}
    names = output_names(plan.name)
    for role, text in render(plan).items():
        path = os.path.join(outdir, names[role])
        write_if_changed(path, text)
        paths[role] = path
    return paths


def _same_content(path: str, data: bytes) -> bool:
    try:
        with open(path, 'rb') as f:
            return f.read() == data
    except OSError:
        return False
