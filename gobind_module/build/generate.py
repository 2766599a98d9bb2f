"""The build steps Meson runs: `gen` (inspect + render sources) and `go-build` (cgo archive)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Dict, Iterable, List, Mapping, Optional, Sequence

from ..bind.borrow import apply_borrow
from ..inspect.goapi import inspect_json
from ..errors import GobindError
from .gobuild import (api_files, go_build, go_build_command, go_build_env, go_target,  # noqa: F401 (re-exported)
                      goflags_values, source_deps, write_depfile)
from ..model import package_from_json
from ..bind.callback_policy import apply_panics
from ..bind.gil import apply_policy
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


def generate(package: str, directory: str, outdir: str, name: Optional[str] = None,
             py_major: int = 3, tags: Sequence[str] = (), depfile: Optional[str] = None,
             warn=None, gil: Optional[Mapping[str, str]] = None, gil_default: str = 'auto',
             submodules: Optional[Mapping[str, str]] = None,
             borrow: Optional[Mapping[str, str]] = None,
             peers_manifest: Optional[str] = None, callback_panics: Sequence[str] = ()) -> ModulePlan:
    """Inspects `package` and writes the module's generated sources into outdir.

    gil maps Go function names (Func, Type.Method) to 'keep' or 'release'; the others follow
    gil_default ('auto': gobind's rule, see gil.py).  submodules maps submodule names to more
    Go packages bound into the same extension (and the same Go runtime).  borrow maps functions
    of the package (Func, Type.Method) to parameters passed as views, as //gobind:borrow does.
    peers_manifest lists the packages of the project's other extensions, bound as peer modules
    (see peers.py).  callback_panics names the functions whose callables' exceptions on goroutines
    Go started are Go panics (callback_policy.py)."""
    peers = read_manifest(peers_manifest) if peers_manifest else []
    data = inspect_json(package, directory, tuple(tags))
    pkg = apply_borrow(package_from_json(data), borrow or {})
    subs = []
    packages = sorted((submodules or {}).items()) + [(p['name'], p['package']) for p in peers]
    for sub, path in packages:
        if sub in dict(subs):
            raise GobindError('gobind: %s: the name %r is both a submodule and a peer module' % (package, sub))
        sub_data = inspect_json(path, directory, tuple(tags))
        data.setdefault('submodules', {})[sub] = sub_data
        subs.append((sub, package_from_json(sub_data)))
    peer_modules = peer_names(peers)
    if peer_modules:
        data['peers'] = peer_modules
    plan = plan_module(pkg, name or pkg.name, py_major, subs, peer_modules)
    plan = apply_policy(plan, merged_gil(gil, peers), gil_default)
    plan = apply_panics(plan, callback_panics)
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
        extra = [os.path.abspath(peers_manifest)] if peers_manifest else []
        write_depfile(depfile, paths['go'], source_deps(files) + gobind_sources() + extra)
    return plan


def plan_from_api(api: Mapping, name: str, py_major: int = 3) -> ModulePlan:
    """The plan the gen step made, again, from its API JSON (without the GIL settings)."""
    subs = [(sub, package_from_json(d)) for sub, d in sorted(api.get('submodules', {}).items())]
    return plan_module(package_from_json(api), name, py_major, subs, api.get('peers', {}))


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


def parse_submodules(items: Iterable[str]) -> Dict[str, str]:
    """NAME=GO_PACKAGE settings (the --submodule option) as a dict."""
    out: Dict[str, str] = {}
    for item in items:
        name, sep, path = item.partition('=')
        if not sep or not name or not path:
            raise GobindError('gobind: --submodule takes NAME=GO_PACKAGE, not %r' % item)
        out[name] = path
    return out


def default_warn(message: str) -> None:
    """Prints a warning on stderr, where Meson and ninja show it."""
    print('WARNING: ' + message, file=sys.stderr)

