"""Checks at the first command (meson setup): Go is there and new enough, and the Go package loads and parses."""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import re
import subprocess
from typing import TYPE_CHECKING, Dict, List, Optional, Sequence, Tuple

from ..errors import GobindError
from ..inspect.goapi import go_executable, go_version, toolchain_go

if TYPE_CHECKING:
    from .options import Options

#: Bumped when what a cached check covers changes.
_CACHE_VERSION = 1


def check_options(options: 'Options', cache_dir: Optional[str] = None, dir_option: str = '--dir') -> None:
    """Checks the package of options and of each of its submodules (check_package()); with cache_dir,
    each passing check is kept there, as gobind-precheck-<name>[-<submodule>].json."""
    for sub, package in [('', options.package)] + sorted(options.submodules.items()):
        cache_file = os.path.join(cache_dir, 'gobind-precheck-%s%s.json' % (options.name or '',
                                                                           '-' + sub if sub else '')) \
            if cache_dir else None
        check_package(package, options.dir, options.tags, cache_file, dir_option)


def check_package(package: str, directory: str, tags: Sequence[str] = (), cache_file: Optional[str] = None,
                  dir_option: str = '--dir') -> None:
    """Checks Go and the package from `directory`.  Raises GobindError with one line
    naming the package when `go list -e` cannot load it, or a file of it does not parse.  A passing
    check is kept in cache_file and reused while the package's files, Go and the arguments stay the same."""
    go = go_executable()
    version = go_version(go)
    key = _key(package, directory, tags, go, version)
    if cache_file and _cached(cache_file, key):
        return
    listed = _go_list(go, package, directory, tags)
    error = (listed.get('Error') or {}).get('Err') or \
        next((_dep_error(listed.get('Dir', directory), e) for e in listed.get('DepsErrors') or [] if e.get('Err')),
             None)
    if error:
        raise GobindError('gobind: cannot load package "%s": %s'
                          % (package, _explain(go, package, directory, error, dir_option)))
    files = [os.path.join(listed['Dir'], f) for f in listed.get('GoFiles', []) + listed.get('CgoFiles', [])]
    _check_syntax(go, package, files)
    if cache_file:
        _store(cache_file, key, files + [listed['Dir']] + _module_files(directory))   # the folder: files added


def _go_list(go: str, package: str, directory: str, tags: Sequence[str]) -> Dict:
    """`go list -e -json` of the package: its folder, files and errors (Go reports, not raises, them)."""
    cmd = [go, 'list', '-e', '-json=ImportPath,Dir,GoFiles,CgoFiles,Error,DepsErrors']
    if tags:
        cmd.append('-tags=' + ','.join(tags))
    proc = subprocess.run(cmd + ['--', package], cwd=directory, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True)
    if proc.returncode != 0 or not proc.stdout.strip():
        return {'Error': {'Err': (proc.stderr.strip() or 'go list failed').replace('go: ', '', 1)}}
    return json.loads(proc.stdout)


def _dep_error(folder: str, error: Dict) -> str:
    """A dependency's error, naming the import Go could not load ('dependency "x": file:line:col: ...')."""
    pos = error.get('Pos') or ''
    text = '%s: %s' % (pos, error['Err']) if pos else error['Err']
    m = re.match(r'(.+?):(\d+):(\d+)$', pos)
    if m:
        try:
            with open(os.path.join(folder, m.group(1))) as f:
                line = f.read().splitlines()[int(m.group(2)) - 1]
            dep = re.match(r'\s*"([^"]+)"', line[int(m.group(3)) - 1:])
            if dep:
                return 'dependency "%s": %s' % (dep.group(1), text)
        except (OSError, IndexError, ValueError):
            pass
    return text


def _explain(go: str, package: str, directory: str, error: str, dir_option: str) -> str:
    """Go's error, one line; for a package no module provides, advice about the path (a typo is far more
    likely than a module missing from go.mod) instead of Go's "go get" hint, unless no module is close."""
    first = error.strip().splitlines()[0].rstrip(':; ').replace('\t', ' ')
    if 'no required module provides package' not in error and 'go.mod file not found' not in error:
        return first
    main, known = _known_paths(go, directory)
    if not main:
        return 'there is no go.mod in %s or a folder above it, so Go has no module to look in; run from a ' \
               'folder of the package\'s Go module, or name one with %s' % (os.path.abspath(directory), dir_option)
    where = 'module %s (%s)' % (main, os.path.abspath(directory))
    close = difflib.get_close_matches(package, known, n=1, cutoff=0.75)
    if close:
        return 'it is not in %s or in a module its go.mod requires; did you mean "%s"? ' \
               'Check the path and %s' % (where, close[0], dir_option)
    return 'it is not in %s or in a module its go.mod requires; check the path and %s, or, if the path ' \
           'is right, add its module: go get %s (in %s)' % (where, dir_option, package, directory)


def _known_paths(go: str, directory: str) -> Tuple[str, List[str]]:
    """The main module's path, and the import paths a package could be meant as: the main module's
    packages and the module paths its go.mod requires (all read offline)."""
    proc = subprocess.run([go, 'mod', 'edit', '-json'], cwd=directory, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, universal_newlines=True)
    try:
        mod = json.loads(proc.stdout) if proc.returncode == 0 else {}
    except ValueError:
        mod = {}
    main = (mod.get('Module') or {}).get('Path', '')
    known = [r['Path'] for r in mod.get('Require') or [] if r.get('Path')]
    pkgs = subprocess.run([go, 'list', '-e', main + '/...'] if main else [go, 'list', '-e', './...'], cwd=directory,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
    return main, [main] * bool(main) + known + pkgs.stdout.split()


def _check_syntax(go: str, package: str, files: Sequence[str]) -> None:
    """Parses the package's files with gofmt (of the same Go), so a syntax error stops setup."""
    if not files:
        return
    gofmt = os.path.join(os.path.dirname(toolchain_go(go)), 'gofmt')   # the release GOTOOLCHAIN picks
    if not os.path.exists(gofmt):
        return   # the gen step's type check reports it
    proc = subprocess.run([gofmt, '-e', '-l'] + list(files), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True)
    if proc.returncode != 0 and proc.stderr.strip():
        raise GobindError('gobind: cannot load package "%s": %s' % (package, proc.stderr.strip().splitlines()[0]))


def find_upward(folder: str, fname: str) -> Optional[str]:
    """The nearest folder at or above `folder` that holds a file `fname`, or None."""
    folder = os.path.abspath(folder)
    while not os.path.isfile(os.path.join(folder, fname)):
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent
    return folder


def _module_files(directory: str) -> List[str]:
    """go.mod and go.sum of directory's module, and the go.work above it: what decides where packages
    come from (go.sum is listed even before it exists, so that its making counts as a change)."""
    root = find_upward(directory, 'go.mod')
    work = find_upward(directory, 'go.work')
    return ([os.path.join(root, f) for f in ('go.mod', 'go.sum')] if root else []) + \
        ([os.path.join(work, 'go.work')] if work else [])


def _key(package: str, directory: str, tags: Sequence[str], go: str, version: str) -> str:
    parts = [str(_CACHE_VERSION), package, os.path.realpath(directory), ','.join(tags), go, version,
             os.environ.get('GOFLAGS', ''), os.environ.get('GOWORK', ''), os.environ.get('GO111MODULE', '')]
    return hashlib.sha256('\0'.join(parts).encode()).hexdigest()


def _stamp(files: Sequence[str]) -> List[List[object]]:
    out: List[List[object]] = []
    for f in files:
        try:
            st = os.stat(f)
            out.append([f, st.st_mtime_ns, st.st_size])
        except OSError:
            out.append([f, None, None])
    return out


def _cached(cache_file: str, key: str) -> bool:
    try:
        with open(cache_file) as f:
            entry = json.load(f)
    except (OSError, ValueError):
        return False
    return entry.get('key') == key and _stamp([s[0] for s in entry.get('files', [])]) == entry.get('files')


def _store(cache_file: str, key: str, files: Sequence[str]) -> None:
    os.makedirs(os.path.dirname(cache_file), exist_ok=True)
    tmp = cache_file + '.%d' % os.getpid()
    with open(tmp, 'w') as f:
        json.dump({'key': key, 'files': _stamp(files)}, f)
    os.replace(tmp, cache_file)
