"""load(): build a Go package into an extension (cached by content) and import it, from a Python prompt."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import sys
from typing import Dict, List, Optional, Sequence

from . import __version__
from .goapi import cache_dir, load_package
from .project import build_extension

_MANIFEST = 'manifest.json'


def _fingerprint(files: Sequence[str]) -> Dict[str, object]:
    """What the cache compares: each input file's size and hash, and each source folder's .go files."""
    entries = {}
    folders = set()
    for path in files:
        try:
            with open(path, 'rb') as f:
                entries[path] = hashlib.sha256(f.read()).hexdigest()
        except OSError:
            entries[path] = None
        folders.add(os.path.dirname(path))
    listing = {}
    for folder in sorted(folders):
        try:
            listing[folder] = sorted(n for n in os.listdir(folder) if n.endswith('.go'))
        except OSError:
            listing[folder] = None
    return {'files': entries, 'folders': listing}


def _cache_key(package: str, directory: str, name: Optional[str], tags: Sequence[str]) -> str:
    parts = [__version__, sys.executable, sys.version, os.path.abspath(directory), package,
             name or '', ','.join(tags)]
    return hashlib.sha256('\0'.join(parts).encode()).hexdigest()[:20]


def _import_file(name: str, path: str):
    """Imports the extension at path as module `name` (replacing an older copy in sys.modules)."""
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    sys.modules[name] = module
    return module


def _read_manifest(path: str) -> Optional[dict]:
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def load(package: str, dir: str = '.', name: Optional[str] = None, tags: Sequence[str] = (),
         quiet: bool = True):
    """Builds Go package `package` (found from folder `dir`) and returns the imported module.

    The build lives in gobind's cache, keyed by package, folder and interpreter;
    a later call, even in a new process, imports it straight away unless a Go
    input changed, in which case it rebuilds incrementally.  Build errors raise
    GobindError with the Go compiler's message.
    """
    key = _cache_key(package, dir, name, tags)
    builddir = os.path.join(str(cache_dir()), 'load', key)
    manifest_path = os.path.join(builddir, _MANIFEST)
    manifest = _read_manifest(manifest_path)
    if manifest and os.path.exists(manifest['module']) and \
            _fingerprint(list(manifest['fingerprint']['files'])) == manifest['fingerprint']:
        return _import_file(manifest['name'], manifest['module'])
    pkg = load_package(package, dir, tuple(tags))
    module_name = name or pkg.name
    built = build_extension(package, dir, builddir, name=module_name, tags=tags, quiet=quiet)
    files: List[str] = list(pkg.files)
    with open(manifest_path, 'w') as f:
        json.dump({'name': module_name, 'module': built, 'fingerprint': _fingerprint(files)}, f,
                  indent=1, sort_keys=True)
    return _import_file(module_name, built)
