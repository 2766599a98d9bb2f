"""The build steps Meson runs: `gen` (inspect + render sources) and `go-build` (cgo archive)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any, Callable, List, Mapping, Optional

from ..bind.borrow import apply_borrow
from ..inspect.goapi import inspect_json
from ..errors import GobindError
from .gobuild import (api_files, go_build, go_build_command, go_build_env, go_target,  # noqa: F401 (re-exported)
                      goflags_values, source_deps, write_depfile)
from ..model import package_from_json
from ..bind.callback_policy import apply_panics
from .options import Options
from ..bind.gil import apply_policy
from ..bind.names import Naming
from ..bind.plan import ModulePlan, plan_module
from .manifest import merged_gil, peer_names, read_manifest
from ..emit.render import render_peer_stub, render_template, templates_dir, write_if_changed, write_outputs


def gobind_sources() -> List[str]:
    """gobind's own files that shape the generated code, so an upgrade regenerates."""
    package = Path(__file__).resolve().parent.parent
    files = [str(p) for p in sorted(package.rglob('*.py'))]
    files += [str(p) for p in sorted(templates_dir().rglob('*')) if p.is_file()]
    files += [str(p) for p in sorted((package / 'inspect' / 'goinspect').glob('*.go'))]
    return files


def generate(package: str, directory: str, outdir: str, py_major: int = 3, depfile: Optional[str] = None,
             warn: Optional[Callable[[str], None]] = None, peers_manifest: Optional[str] = None,
             **options: Any) -> ModulePlan:
    """write_sources() of Options(package, dir=directory, peers=peers_manifest, **options)."""
    return write_sources(Options(package=package, dir=directory, peers=peers_manifest, **options), outdir,
                         py_major, depfile, warn)


def write_sources(options: Options, outdir: str, py_major: int = 3, depfile: Optional[str] = None,
                  warn: Optional[Callable[[str], None]] = None) -> ModulePlan:
    """Inspects the package and writes the module's generated sources into outdir (the gen step).

    The options' submodules are more Go packages bound into the same extension (and the same Go
    runtime); its peers manifest lists the packages of the project's other extensions, bound as peer
    modules (see peers.py); gil, gil_default, borrow and callback_panics set the plan's policies
    (gil.py, borrow.py, callback_policy.py).  warn, if given, gets each warning line."""
    peers = read_manifest(options.peers) if options.peers else []
    tags = tuple(options.tags)
    data = inspect_json(options.package, options.dir, tags, options.instantiate)
    pkg = apply_borrow(package_from_json(data), options.borrow)
    subs = []
    packages = sorted(options.submodules.items()) + [(p['name'], p['package']) for p in peers]
    for sub, path in packages:
        if sub in dict(subs):
            raise GobindError('gobind: %s: the name %r is both a submodule and a peer module' % (options.package, sub))
        sub_data = inspect_json(path, options.dir, tags)
        data.setdefault('submodules', {})[sub] = sub_data
        subs.append((sub, package_from_json(sub_data)))
    peer_modules = peer_names(peers)
    if peer_modules:
        data['peers'] = peer_modules
    if options.pep8_names:   # so that plan_from_api (the peer step) names symbols the same way
        data['pep8_names'] = True
    plan = plan_module(pkg, options.name or pkg.name, py_major, subs, peer_modules, Naming(options.pep8_names))
    plan = apply_policy(plan, merged_gil(options.gil, peers), options.gil_default)
    plan = apply_panics(plan, options.callback_panics)
    paths = write_outputs(plan, outdir)
    api_path = os.path.join(outdir, '%s_api.json' % plan.name)
    with open(api_path, 'w') as f:
        json.dump(data, f, indent=2, sort_keys=True)
        f.write('\n')
    if warn is not None:
        for s in plan.skipped:
            warn('gobind: %s: skipped %s: %s' % (plan.name, s.symbol, s.reason))
        for w in plan.warnings:
            warn('gobind: %s: %s' % (plan.name, w))
    if depfile:
        files = list(pkg.files) + [f for _, p in subs for f in p.files]
        extra = [os.path.abspath(options.peers)] if options.peers else []
        write_depfile(depfile, paths['go'], source_deps(files) + gobind_sources() + extra)
    return plan


def plan_from_api(api: Mapping, name: str, py_major: int = 3) -> ModulePlan:
    """The plan the gen step made, again, from its API JSON (without the GIL settings)."""
    subs = [(sub, package_from_json(d)) for sub, d in sorted(api.get('submodules', {}).items())]
    return plan_module(package_from_json(api), name, py_major, subs, api.get('peers', {}),
                       Naming(bool(api.get('pep8_names'))))


def write_peer(api_path: str, holder: str, peer: str, outdir: str, py_major: int = 3,
               holder_module: Optional[str] = None) -> List[str]:
    """Writes the C source of the extension module that stands in for peer module `peer` of
    extension `holder` (imported as holder_module, by default its name), and the peer's stub."""
    with open(api_path) as f:
        api = json.load(f)
    plan = plan_from_api(api, holder, py_major)
    sub = next((sm for sm in plan.peers if sm.name == peer), None)
    if sub is None:
        raise GobindError('gobind: extension %s has no peer module %s (its API JSON %s lists %s)'
                          % (holder, peer, api_path, ', '.join(sorted(api.get('peers', {}))) or 'none'))
    os.makedirs(outdir, exist_ok=True)
    paths = [os.path.join(outdir, peer + '_gobind_peer.c'), os.path.join(outdir, peer + '.pyi')]
    write_if_changed(paths[0], render_template('peer.c.j2', name=peer, module=sub.peer, go_path=sub.go_path,
                                               holder=holder, holder_module=holder_module or holder))
    write_if_changed(paths[1], render_peer_stub(plan, peer))
    return paths


def default_warn(message: str) -> None:
    """Prints a warning on stderr, where Meson and ninja show it."""
    print('WARNING: ' + message, file=sys.stderr)

