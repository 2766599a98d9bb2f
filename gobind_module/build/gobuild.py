"""The `go-build` step: compiles the generated cgo file with the bound package into a C archive.

Meson and CMake run it on every rebuild, so it imports little (no generator, no Jinja), and it
skips `go build` when nothing that goes into the archive changed (see up_to_date)."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from typing import Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

from ..inspect.goapi import go_executable, go_version
from ..errors import GobindError


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


def api_files(api: Mapping) -> List[str]:
    """The Go source files an API JSON (of the gen step) was made from, submodule packages included."""
    files = list(api.get('files', []))
    for sub in sorted(api.get('submodules', {})):
        files += api['submodules'][sub].get('files', [])
    return files


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


def go_build_command(go: str, gofiles: Sequence[str], output: str, tags: Sequence[str] = (),
                     buildmode: str = 'c-archive', environ: Mapping[str, str] = os.environ) -> List[str]:
    """The `go build` command line: reproducible (-trimpath, empty build ID), GOFLAGS' -ldflags kept.

    gofiles are the generated Go files of one module (its exports and gobind's support code), in
    one folder: Go builds them as one package main."""
    ldflags = ['-buildid='] + goflags_values('ldflags', environ)
    cmd = [go, 'build', '-buildmode=' + buildmode, '-trimpath', '-ldflags=' + ' '.join(ldflags)]
    if tags:
        cmd.append('-tags=' + ','.join(tags))
    return cmd + ['-o', os.path.abspath(output)] + [os.path.abspath(f) for f in gofiles]


#: Environment variables that change what `go build` makes, besides GO* and CGO_* ones.
_BUILD_ENV = ('CC', 'CXX', 'AR', 'PKG_CONFIG')

#: Changes whenever what the stamp covers changes, so that an older stamp never matches.
_STAMP_FORMAT = b'gobind go-build stamp 1\n'


def build_stamp(go: str, gofiles: Sequence[str], cmd: Sequence[str], env: Mapping[str, str],
                api: Optional[Mapping]) -> Optional[str]:
    """A hash of everything that goes into the archive, or None when it cannot be known.

    It covers the generated Go files and the headers they include, the content IDs of the bound
    packages and all their dependencies as the gen step's `go list -export` compiled them (a
    comment edit leaves a package's content ID alone; a code change does not), the toolchain
    (its path, size and time), the command line, and the GO*, CGO_* and C compiler settings."""
    if not api or not api.get('build_ids'):
        return None
    h = hashlib.sha256(_STAMP_FORMAT)

    def put(*parts: str) -> None:
        for part in parts:
            h.update(part.encode('utf-8', 'surrogateescape') + b'\0')

    for gofile in gofiles:
        with open(gofile, 'rb') as f:
            h.update(f.read())
    for name, text in _included_headers(gofiles):
        put(name)
        h.update(text)
    packages = [api] + [api['submodules'][k] for k in sorted(api.get('submodules', {}))]
    for pkg in packages:
        put(pkg.get('go_version', ''), *('%s=%s' % kv for kv in sorted(pkg.get('build_ids', {}).items())))
    st = os.stat(go)
    put(go, str(st.st_size), str(st.st_mtime_ns), *cmd)
    put(*('%s=%s' % (k, v) for k, v in sorted(env.items())
          if k.startswith(('GO', 'CGO_')) or k in _BUILD_ENV))
    return h.hexdigest()


def _included_headers(gofiles: Sequence[str]) -> List[Tuple[str, bytes]]:
    """The generated headers the Go files include (`#include "name"`), and the ones those include,
    beside the Go files: (name, text) of each, sorted by name."""
    folder = os.path.dirname(os.path.abspath(gofiles[0]))
    found: Dict[str, bytes] = {}
    todo = []
    for gofile in gofiles:
        with open(gofile, 'rb') as f:
            todo.append(f.read())
    while todo:
        for raw in re.findall(rb'#include "([^"]+)"', todo.pop()):
            name = raw.decode('utf-8', 'surrogateescape')
            if name not in found:
                with open(os.path.join(folder, name), 'rb') as f:
                    found[name] = f.read()
                todo.append(found[name])
    return sorted(found.items())


def go_build(gofiles: Sequence[str], output: str, directory: str, api: Optional[str] = None,
             depfile: Optional[str] = None, cc: Optional[str] = None,
             tags: Sequence[str] = (), buildmode: str = 'c-archive',
             cflags: Sequence[str] = (), host: Optional[Sequence[str]] = None,
             verbose: bool = False) -> bool:
    """Compiles the generated cgo files (with the bound package) into a C archive or shared library.

    Skips `go build` when the output exists and its stamp (output + '.stamp', see build_stamp)
    matches: then it only touches the output, since the build system would otherwise run this
    step again and again.  Returns whether go build ran."""
    go = go_executable()
    env = go_build_env(os.environ, cc=cc, cflags=cflags, host=host)
    cmd = go_build_command(go, gofiles, output, tags, buildmode, env)
    data = None
    if api:
        with open(api) as f:
            data = json.load(f)
    stamp_path = output + '.stamp'
    stamp = build_stamp(go, gofiles, cmd, env, data)
    built = not (stamp and os.path.exists(output) and _read(stamp_path) == stamp)
    if built:
        go_version(go)
        if os.path.exists(stamp_path):
            os.remove(stamp_path)
        _note_cold_runtime(go, tags, buildmode, directory, env)
        proc = subprocess.run(cmd, cwd=directory, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, universal_newlines=True)
        if proc.returncode != 0:
            raise GobindError('gobind: go build failed for %s:\n%s' % (' '.join(gofiles), proc.stdout.rstrip()))
        if stamp:
            with open(stamp_path, 'w') as f:
                f.write(stamp + '\n')
    else:
        os.utime(output)
    if verbose:
        print('gobind: %s %s' % (os.path.basename(output), 'built' if built else 'is up to date'))
    if depfile:
        files: List[str] = list(gofiles) + (source_deps(api_files(data)) if data else [])
        write_depfile(depfile, output, files)
    return built


def _note_cold_runtime(go: str, tags: Sequence[str], buildmode: str, directory: str,
                       env: Mapping[str, str]) -> None:
    """Says so, before a long silence, when Go's build cache holds no runtime for these settings
    (a first build compiles it: about 30 s)."""
    cmd = [go, 'list', '-buildmode=' + buildmode, '-trimpath', '-f', '{{.Stale}}']
    proc = subprocess.run(cmd + (['-tags=' + ','.join(tags)] if tags else []) + ['runtime/cgo'], cwd=directory,
                          env=dict(env), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, universal_newlines=True)
    if proc.stdout.strip() == 'true':
        sys.stdout.write('gobind: compiling the Go runtime for these settings for the first time (about 30 s; '
                         'Go caches it for later builds)\n')
        sys.stdout.flush()


def _read(path: str) -> str:
    """The first line of a text file, or '' if it cannot be read."""
    try:
        with open(path) as f:
            return f.readline().strip()
    except OSError:
        return ''
