"""The build steps Meson runs: `gen` (inspect + render sources) and `go-build` (cgo archive)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Dict, Iterable, List, Mapping, Optional, Sequence

from .goapi import GobindError, go_executable, go_version, inspect_json
from .model import package_from_json
from .gil import apply_policy
from .plan import ModulePlan, plan_module
from .peers import merged_gil, peer_names, read_manifest
from .render import render_peer_stub, render_template, templates_dir, write_if_changed, write_outputs


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
             warn=None, gil: Optional[Mapping[str, str]] = None, gil_default: str = 'auto',
             submodules: Optional[Mapping[str, str]] = None,
             peers_manifest: Optional[str] = None) -> ModulePlan:
    """Inspects `package` and writes the module's generated sources into outdir.

    gil maps Go function names (Func, Type.Method) to 'keep' or 'release'; the others follow
    gil_default ('auto': gobind's rule, see gil.py).  submodules maps submodule names to more
    Go packages bound into the same extension (and the same Go runtime).  peers_manifest lists
    the packages of the project's other extensions, bound as peer modules (see peers.py)."""
    peers = read_manifest(peers_manifest) if peers_manifest else []
    data = inspect_json(package, directory, tuple(tags))
    pkg = package_from_json(data)
    subs = []
    packages = sorted((submodules or {}).items()) + [(p['name'], p['package']) for p in peers]
    for sub, path in packages:
        if sub in dict(subs):
            raise GobindError('gobind: %s: the name %r is both a submodule and a peer module' % (package, sub))
        sub_data = inspect_json(path, directory, tuple(tags))
        data.setdefault('submodules', {})[sub] = sub_data
        subs.append((sub, package_from_json(sub_data)))
    if peers:
        data['peers'] = peer_names(peers)
    plan = plan_module(pkg, name or pkg.name, py_major, subs, peer_names(peers))
    plan = apply_policy(plan, merged_gil(gil, peers), gil_default)
    paths = write_outputs(plan, outdir)
    api_path = os.path.join(outdir, '%s_api.json' % plan.name)
    with open(api_path, 'w') as f:
        json.dump(data, f, indent=2, sort_keys=True)
        f.write('\n')
    if warn is not None:
        for s in plan.skipped:
            warn('gobind: %s: skipped %s: %s' % (plan.name, s.symbol, s.reason))
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


def api_files(api: Mapping) -> List[str]:
    """The Go source files an API JSON (of the gen step) was made from, submodule packages included."""
    files = list(api.get('files', []))
    for sub in sorted(api.get('submodules', {})):
        files += api['submodules'][sub].get('files', [])
    return files


def parse_submodules(items: Iterable[str]) -> Dict[str, str]:
    """NAME=GO_PACKAGE settings (the --submodule option) as a dict."""
    out: Dict[str, str] = {}
    for item in items:
        name, sep, path = item.partition('=')
        if not sep or not name or not path:
            raise GobindError('gobind: --submodule takes NAME=GO_PACKAGE, not %r' % item)
        out[name] = path
    return out


#: Meson's host_machine.cpu_family() for each GOARCH with a cgo port (big-endian names;
#: the little-endian variant of a bi-endian family gets the 'le' suffix).
_GOARCH = {'x86_64': 'amd64', 'x86': '386', 'aarch64': 'arm64', 'arm': 'arm', 'ppc64': 'ppc64',
           'riscv64': 'riscv64', 's390x': 's390x', 'mips': 'mips', 'mips64': 'mips64',
           'loongarch64': 'loong64'}
_BI_ENDIAN = {'ppc64', 'mips', 'mips64'}
#: Meson's host_machine.system() for each GOOS whose name differs; others are the same word.
_GOOS = {'sunos': 'solaris'}


def go_target(system: str, cpu_family: str, cpu: str = '', endian: str = 'little') -> Dict[str, str]:
    """GOOS and GOARCH (and GOARM for 32-bit ARM) for a Meson machine description, as in a cross file."""
    goarch = _GOARCH.get(cpu_family)
    if goarch is None:
        raise GobindError('gobind: Go has no port for the host CPU family %r of the cross file; '
                          'set GOARCH yourself or use a host Go supports' % cpu_family)
    if cpu_family in _BI_ENDIAN and endian == 'little':
        goarch += 'le'
    env = {'GOOS': _GOOS.get(system, system), 'GOARCH': goarch}
    arm = re.match(r'armv(\d)', cpu or '')
    if goarch == 'arm' and arm:
        env['GOARM'] = str(min(max(int(arm.group(1)), 5), 7))
    return env


def _shell_join(args: Iterable[str]) -> str:
    """Joins flags for CGO_CFLAGS, quoting the ones with spaces the way Go splits them back."""
    out = []
    for a in args:
        if not a or any(c.isspace() for c in a) or "'" in a or '"' in a:
            a = "'%s'" % a if "'" not in a else '"%s"' % a
        out.append(a)
    return ' '.join(out)


def go_build_env(environ: Mapping[str, str], cc: Optional[str] = None, cflags: Sequence[str] = (),
                 host: Optional[Sequence[str]] = None) -> Dict[str, str]:
    """The environment of `go build` for the Go step.

    cgo is always on.  `cc` (the build system's C compiler) is used unless CC is set in the
    environment; in a cross build (`host` = Meson's host machine: system, cpu family, cpu,
    endian) the cross file's compiler and GOOS/GOARCH always win, since CC then names the
    build machine's compiler.  `cflags` (the project's c_args, so CFLAGS at setup time) are
    added after CGO_CFLAGS, which defaults to Go's own `-O2 -g`.
    """
    env = dict(environ)
    env['CGO_ENABLED'] = '1'
    if host:
        env.update(go_target(*host))
    if cc and (host or 'CC' not in environ):
        env['CC'] = cc
    if cflags:
        env['CGO_CFLAGS'] = environ.get('CGO_CFLAGS', '-O2 -g') + ' ' + _shell_join(cflags)
    return env


def goflags_values(flag: str, environ: Mapping[str, str]) -> List[str]:
    """The values of `-flag=value` settings in GOFLAGS (a command-line flag would replace them)."""
    values = []
    for item in environ.get('GOFLAGS', '').split():
        name, _, value = item.lstrip('-').partition('=')
        if name == flag and value:
            values.append(value)
    return values


def go_build_command(go: str, gofile: str, output: str, tags: Sequence[str] = (),
                     buildmode: str = 'c-archive', environ: Mapping[str, str] = os.environ) -> List[str]:
    """The `go build` command line: reproducible (-trimpath, empty build ID), GOFLAGS' -ldflags kept."""
    ldflags = ['-buildid='] + goflags_values('ldflags', environ)
    cmd = [go, 'build', '-buildmode=' + buildmode, '-trimpath', '-ldflags=' + ' '.join(ldflags)]
    if tags:
        cmd.append('-tags=' + ','.join(tags))
    return cmd + ['-o', os.path.abspath(output), os.path.abspath(gofile)]


def go_build(gofile: str, output: str, directory: str, api: Optional[str] = None,
             depfile: Optional[str] = None, cc: Optional[str] = None,
             tags: Sequence[str] = (), buildmode: str = 'c-archive',
             cflags: Sequence[str] = (), host: Optional[Sequence[str]] = None) -> None:
    """Compiles the generated cgo file (with the bound package) into a C archive or shared library."""
    go = go_executable()
    go_version(go)
    env = go_build_env(os.environ, cc=cc, cflags=cflags, host=host)
    cmd = go_build_command(go, gofile, output, tags, buildmode, env)
    proc = subprocess.run(cmd, cwd=directory, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, universal_newlines=True)
    if proc.returncode != 0:
        raise GobindError('gobind: go build failed for %s:\n%s' % (gofile, proc.stdout.rstrip()))
    if depfile:
        files: List[str] = [gofile]
        if api:
            with open(api) as f:
                files += source_deps(api_files(json.load(f)))
        write_depfile(depfile, output, files)


def default_warn(message: str) -> None:
    """Prints a warning on stderr, where Meson and ninja show it."""
    print('WARNING: ' + message, file=sys.stderr)

