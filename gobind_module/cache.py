"""gobind's cache, trusted only when that is safe: private folders, checked owners, full keys, locked atomic entries."""

from __future__ import annotations

import contextlib
import fcntl
import functools
import hashlib
import json
import os
import shutil
import stat
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path
from typing import Any, Dict, Iterator, Mapping, Optional, Union

from .inspect.goapi import cache_dir
from .errors import GobindError

PathLike = Union[str, Path]
#: `go env` values that change between runs without changing the output (temporary folder names).
_VOLATILE_GO_ENV = ('GOGCCFLAGS',)
#: Environment variables that reach the C compiler through Meson (go env reports the CGO_* and CC).
_C_ENV = ('CC', 'CFLAGS', 'CPPFLAGS', 'LDFLAGS', 'PKG_CONFIG_PATH')


class CacheTrustError(GobindError):
    """A cache folder or entry that another user owns or could have written; the message names it."""


def root() -> Path:
    """gobind's cache folder, created 0700 if missing, checked like every folder under it."""
    path = cache_dir()
    if not path.exists():
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
    _check(path, follow=True)   # the root may be a link the user made (to another disk)
    return path


def folder(*parts: str) -> Path:
    """A folder of the cache (parts below the root), created 0700; it and every folder between it and
    the root must be ours and not writable by group or others, else CacheTrustError."""
    path = root()
    for part in parts:
        path = path / part
        try:
            path.mkdir(mode=0o700)
        except FileExistsError:
            pass
        _check(path)
    return path


def check_entry(path: PathLike) -> Path:
    """An existing cache file about to be executed, imported or loaded: ours, not group/other-writable."""
    path = Path(path)
    _check(path)
    return path


def check_within(entry: Path, path: PathLike) -> Path:
    """A file that a cache entry (say its manifest) points to: it must lie inside the entry's folder,
    and it and each folder down to it must pass check_entry()."""
    entry_real, real = os.path.realpath(str(entry)), os.path.realpath(str(path))
    if os.path.commonpath([entry_real, real]) != entry_real:
        raise CacheTrustError('gobind: cache entry %s points outside itself, to %s; remove the entry' % (entry, path))
    current = Path(entry_real)
    for part in Path(os.path.relpath(real, entry_real)).parts:
        current = current / part
        _check(current)
    return Path(real)


def _check(path: Path, follow: bool = False) -> None:
    """Refuses a path that another user owns, or that group or others may write (or a symlink, unless follow)."""
    try:
        st = os.stat(str(path)) if follow else os.lstat(str(path))
    except FileNotFoundError:
        return
    if stat.S_ISLNK(st.st_mode):
        raise CacheTrustError('gobind: cache path %s is a symbolic link; gobind trusts only real folders and '
                              'files it made in its cache (remove it)' % path)
    if st.st_uid != os.getuid():
        raise CacheTrustError('gobind: cache path %s is owned by user id %d, not by you (%d); gobind does not '
                              'run or import what another user could have put there. Remove it, or set '
                              'GOBIND_CACHE_DIR to a folder of your own' % (path, st.st_uid, os.getuid()))
    if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        raise CacheTrustError('gobind: cache path %s is writable by group or others (mode %o); gobind does not '
                              'run or import what others could have changed. Fix it with chmod go-w %s'
                              % (path, stat.S_IMODE(st.st_mode), path))


def private_files() -> Dict[str, Any]:
    """subprocess.run() keywords that make the files a tool writes into the cache private (umask 077),
    whatever the user's umask; Python 3.8 has no such keyword, so its builds keep the user's umask."""
    return {'umask': 0o077} if sys.version_info >= (3, 9) else {}


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Holds an exclusive lock (flock) on path.lock while the block runs: one builder per entry."""
    fd = os.open(str(path) + '.lock', os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def write_atomic(path: PathLike, text: str) -> None:
    """Writes text to path through a temporary file and a rename, so no reader sees half of it."""
    path = str(path)
    fd, tmp = tempfile.mkstemp(prefix='.tmp-', dir=os.path.dirname(path))
    try:
        with os.fdopen(fd, 'w') as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def publish(built: PathLike, *into: str) -> str:
    """A private copy of a built file in cache folder `into`, in a folder named by its hash: a later
    rebuild writes a new copy instead of changing the one a running process may have loaded.
    Returns the copy's path."""
    with open(str(built), 'rb') as f:
        digest = hashlib.sha256(f.read()).hexdigest()[:20]
    target = folder(*into, digest) / os.path.basename(str(built))
    if target.is_file():
        return str(check_entry(target))
    fd, tmp = tempfile.mkstemp(prefix='.tmp-', dir=str(target.parent))
    os.close(fd)
    shutil.copyfile(str(built), tmp)
    os.chmod(tmp, 0o700)
    os.replace(tmp, str(target))
    return str(target)


def go_env(go: str, directory: str) -> Mapping[str, str]:
    """`go env -json` run in directory, without the values that change from run to run."""
    try:
        proc = subprocess.run([go, 'env', '-json'], cwd=directory, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, universal_newlines=True)
        env = json.loads(proc.stdout) if proc.returncode == 0 else {'error': proc.stderr}
    except (OSError, ValueError) as e:
        env = {'error': str(e)}
    return {k: v for k, v in env.items() if k not in _VOLATILE_GO_ENV}


def sources_digest(package: Optional[str] = None) -> str:
    """A hash of gobind's own files that shape what it generates and builds: its Python modules, the
    Go inspector and the templates (beside the package when installed, in the checkout otherwise).
    Part of every cache key, so a changed gobind never reuses what an older one built, even under
    the same version number."""
    if package is None:
        return _own_digest()
    root = Path(package)
    templates = next((d for d in (root / 'templates', root.parent / 'templates') if d.is_dir()), None)
    named = {str(p.relative_to(root)): p for p in root.rglob('*')
             if p.suffix in ('.py', '.go', '.cmake') and '__pycache__' not in p.parts}
    if templates is not None:
        named.update(('templates/' + str(p.relative_to(templates)), p) for p in templates.rglob('*'))
    digest = hashlib.sha256()
    for name, path in sorted(named.items()):
        if path.is_file():
            digest.update(name.encode() + b'\0' + path.read_bytes() + b'\0')
    return digest.hexdigest()[:24]


@functools.lru_cache(maxsize=1)
def _own_digest() -> str:
    """sources_digest() of this gobind, read once per process."""
    return sources_digest(str(Path(__file__).resolve().parent))


def key(kind: str, directory: str, options: Mapping[str, object], go: Optional[str] = None) -> str:
    """The key of one cache entry: everything that changes the output.

    That is the real folder (through symlinks), Go's whole environment (GOFLAGS, tags, CC, CGO_*,
    GOOS, GOARCH, the toolchain...), the C compiler settings of the environment, the Python ABI,
    gobind's version and a hash of its own files, and the given options (package, name, tags, GIL and borrow settings...)."""
    from . import __version__
    real = os.path.realpath(directory)
    parts = {
        'kind': kind,
        'dir': real,
        'go_env': go_env(go, real) if go else {},
        'c_env': {k: os.environ.get(k) for k in _C_ENV},
        'python': [os.path.realpath(sys.executable), sys.version, sys.implementation.cache_tag,
                   sysconfig.get_config_var('EXT_SUFFIX') or '', sys.abiflags if hasattr(sys, 'abiflags') else ''],
        'gobind': [__version__, sources_digest()],
        'options': options,
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()[:24]
