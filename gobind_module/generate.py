"""The build steps Meson runs: `gen` (inspect + render sources) and `go-build` (cgo archive)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Iterable, List, Optional, Sequence

from .goapi import GobindError, go_executable, go_version, inspect_json
from .model import package_from_json
from .plan import ModulePlan, plan_module
from .render import templates_dir, write_outputs


def write_depfile(path: str, target: str, deps: Iterable[str]) -> None:
    """Writes a Makefile-style depfile saying `target` depends on `deps`."""
    def esc(p: str) -> str:
        return p.replace('\\', '\\\\').replace(' ', '\\ ').replace('#', '\\#').replace('$', '$$')
    lines = [esc(target) + ':'] + ['  ' + esc(d) for d in sorted(set(deps))]
    with open(path, 'w') as f:
        f.write(' \\\n'.join(lines) + '\n')


def source_deps(files: Iterable[str]) -> List[str]:
    """The Go inputs plus their folders, so that adding a .go file to a package also rebuilds."""
    files = list(files)
    folders = {os.path.dirname(f) for f in files if f.endswith('.go')}
    return files + sorted(folders)


def gobind_sources() -> List[str]:
    """gobind's own files that shape the generated code, so an upgrade regenerates."""
    here = Path(__file__).resolve().parent
    files = [str(p) for p in sorted(here.glob('*.py'))]
    files += [str(p) for p in sorted(templates_dir().rglob('*')) if p.is_file()]
    files.append(str(here / 'goinspect' / 'main.go'))
    return files


def generate(package: str, directory: str, outdir: str, name: Optional[str] = None,
             py_major: int = 3, tags: Sequence[str] = (), depfile: Optional[str] = None,
             warn=None) -> ModulePlan:
    """Inspects `package` and writes the module's generated sources into outdir."""
    data = inspect_json(package, directory, tuple(tags))
    pkg = package_from_json(data)
    plan = plan_module(pkg, name or pkg.name, py_major)
    paths = write_outputs(plan, outdir)
    api_path = os.path.join(outdir, '%s_api.json' % plan.name)
    with open(api_path, 'w') as f:
        json.dump(data, f, indent=2, sort_keys=True)
        f.write('\n')
    if warn is not None:
        for s in plan.skipped:
            warn('gobind: %s: skipped %s: %s' % (plan.name, s.symbol, s.reason))
    if depfile:
        write_depfile(depfile, paths['go'], source_deps(pkg.files) + gobind_sources())
    return plan


def go_build(gofile: str, output: str, directory: str, api: Optional[str] = None,
             depfile: Optional[str] = None, cc: Optional[str] = None,
             tags: Sequence[str] = (), buildmode: str = 'c-archive') -> None:
    """Compiles the generated cgo file (with the bound package) into a C archive or shared library."""
    go = go_executable()
    go_version(go)
    env = dict(os.environ, CGO_ENABLED='1')
    if cc and 'CC' not in os.environ:
        env['CC'] = cc
    cmd = [go, 'build', '-buildmode=' + buildmode, '-trimpath', '-ldflags=-buildid=']
    if tags:
        cmd.append('-tags=' + ','.join(tags))
    cmd += ['-o', os.path.abspath(output), os.path.abspath(gofile)]
    proc = subprocess.run(cmd, cwd=directory, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, universal_newlines=True)
    if proc.returncode != 0:
        raise GobindError('gobind: go build failed for %s:\n%s' % (gofile, proc.stdout.rstrip()))
    if depfile:
        files: List[str] = [gofile]
        if api:
            with open(api) as f:
                files += source_deps(json.load(f).get('files', []))
        write_depfile(depfile, output, files)


def default_warn(message: str) -> None:
    """Prints a warning on stderr, where Meson and ninja show it."""
    print('WARNING: ' + message, file=sys.stderr)

