"""Runs the Go inspector helper: finds Go, builds the helper once (cached), loads a package's API."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, Dict, List, Mapping, Optional, Sequence, Tuple

from ..errors import GobindError

if TYPE_CHECKING:  # the go-build step imports this module; it needs no model
    from ..model import Package

#: Oldest Go release gobind's generated code compiles with.
MIN_GO = (1, 21)


#: Where to get Go, for error messages.
GO_DOWNLOAD = 'https://go.dev/dl/'


def go_executable() -> str:
    """Path of the `go` command: $GOBIND_GO, else `go` on PATH."""
    named = os.environ.get('GOBIND_GO')
    if named:
        go = shutil.which(named)
        if not go:
            raise GobindError('gobind: GOBIND_GO=%s is not an executable go command; point it at the go '
                              'of Go %d.%d or newer, or unset it to use go on PATH' % ((named,) + MIN_GO))
        return go
    go = shutil.which('go')
    if not go:
        raise GobindError('gobind: the Go toolchain was not found on PATH; install Go %d.%d or newer '
                          '(%s) or set GOBIND_GO to its go command' % (MIN_GO + (GO_DOWNLOAD,)))
    return go


_VERSION_CACHE: Dict[str, str] = {}


def go_version(go: Optional[str] = None) -> str:
    """The toolchain's version string, e.g. 'go1.26.8'; checks it is new enough."""
    go = go or go_executable()
    if go not in _VERSION_CACHE:
        try:
            proc = subprocess.run([go, 'version'], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                  universal_newlines=True)
        except OSError as e:
            raise GobindError('gobind: could not run %s: %s' % (go, e.strerror or e))
        m = re.search(r'\bgo((\d+)\.(\d+)(\.\d+|rc\d+|beta\d+)?)\b', proc.stdout)
        if proc.returncode != 0 or not m:
            first = (proc.stdout.strip().splitlines() or ['exit status %d' % proc.returncode])[0]
            raise GobindError('gobind: %s version did not report a Go version (%s); install Go %d.%d or newer (%s)'
                              % ((go, first) + MIN_GO + (GO_DOWNLOAD,)))
        if (int(m.group(2)), int(m.group(3))) < MIN_GO:
            raise GobindError('gobind: %s is go%s, too old; install Go %d.%d or newer (%s) '
                              'or set GOBIND_GO to a newer go command' % ((go, m.group(1)) + MIN_GO + (GO_DOWNLOAD,)))
        _VERSION_CACHE[go] = 'go' + m.group(1)
    return _VERSION_CACHE[go]


def toolchain_go(go: str) -> str:
    """The go command of the release that `go` runs.  GOTOOLCHAIN=go1.27.4 (or a go.mod toolchain
    line) makes the go on PATH run another release, but not with GO111MODULE=off, as the
    inspector is built: that build must use the release whose export data `go list` writes."""
    proc = subprocess.run([go, 'env', 'GOROOT'], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                          universal_newlines=True)
    own = os.path.join(proc.stdout.strip(), 'bin', 'go')
    return own if proc.returncode == 0 and proc.stdout.strip() and os.access(own, os.X_OK) else go


def cache_dir() -> Path:
    """gobind's cache folder: $GOBIND_CACHE_DIR, else $XDG_CACHE_HOME/gobind, else ~/.cache/gobind."""
    env = os.environ.get('GOBIND_CACHE_DIR')
    if env:
        return Path(env)
    base = os.environ.get('XDG_CACHE_HOME') or os.path.join(os.path.expanduser('~'), '.cache')
    return Path(base) / 'gobind'


def helper_sources() -> List[Path]:
    """The Go source files of the inspector helper shipped in this package (one `package main`)."""
    return sorted((Path(__file__).resolve().parent / 'goinspect').glob('*.go'))


def helper_binary() -> Path:
    """The compiled inspector, built on first use and cached by source hash and Go version."""
    go = go_executable()
    digest = hashlib.sha256()
    for src in helper_sources():
        digest.update(src.name.encode() + b'\0' + src.read_bytes() + b'\0')
    # '2': since the binaries are built by toolchain_go(); older entries of a switched release were not
    key = hashlib.sha256(digest.digest() + go_version(go).encode() + b'\x002').hexdigest()[:16]
    from .. import cache   # cache.py imports this module
    target = cache.folder('inspector', key) / 'gobind-inspect'
    if target.is_file():
        return cache.check_entry(target)
    import tempfile
    with tempfile.TemporaryDirectory(prefix='gobind-inspect-') as tmp:
        names = []
        for src in helper_sources():
            shutil.copy(str(src), os.path.join(tmp, src.name))
            names.append(src.name)
        # Built for this machine whatever GOOS/GOARCH say, so the key (source, Go version) is all that matters.
        env = dict(os.environ, GOFLAGS='', GO111MODULE='off', CGO_ENABLED='0', GOOS='', GOARCH='')
        out = os.path.join(tmp, 'gobind-inspect')
        proc = subprocess.run([toolchain_go(go), 'build', '-trimpath', '-o', out] + names, cwd=tmp, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True)
        if proc.returncode != 0:
            raise GobindError('gobind: building the Go inspector failed:\n' + proc.stdout)
        partial = str(target) + '.%d' % os.getpid()
        shutil.move(out, partial)
        os.chmod(partial, 0o700)   # cache.check_entry() refuses a binary others may write
        os.replace(partial, str(target))
    return target


def inspect_json(package: str, directory: str = '.', tags: Tuple[str, ...] = (),
                 instantiate: Optional[Mapping[str, Sequence[str]]] = None) -> Dict:
    """Runs the inspector on `package` from `directory` and returns its decoded JSON (instantiate: the
    instantiations of generics to add, Options.instantiate)."""
    cmd: List[str] = [str(helper_binary()), '-dir', os.path.abspath(directory)]
    if tags:
        cmd += ['-tags', ','.join(tags)]
    for name, insts in (instantiate or {}).items():
        cmd += ['-instantiate=%s=%s' % (name, i) for i in insts]
    cmd.append(package)
    go_dir = os.path.dirname(os.path.abspath(go_executable()))
    env = dict(os.environ, PATH=go_dir + os.pathsep + os.environ.get('PATH', ''))
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True,
                          env=env)
    if proc.returncode != 0:
        msg = proc.stderr.strip() or 'the inspector failed with exit code %d' % proc.returncode
        raise GobindError(msg.replace('gobind-inspect:', 'gobind:', 1))
    return json.loads(proc.stdout)


def load_package(package: str, directory: str = '.', tags: Tuple[str, ...] = (),
                 instantiate: Optional[Mapping[str, Sequence[str]]] = None) -> Package:
    """The typed description of a Go package's exported API."""
    from ..model import package_from_json
    return package_from_json(inspect_json(package, directory, tags, instantiate))
