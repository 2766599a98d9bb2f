"""load(): build a Go package into an extension (cached by content) and import it, from a Python prompt."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import sys
from types import ModuleType
from typing import Dict, List, Mapping, Optional, Sequence

from . import __version__
from .generate import api_files, gobind_sources
from .borrow import check_setting as check_borrow
from .callback_policy import check_names as check_panics
from .gil import check_default, check_setting
from .goapi import GobindError, cache_dir, load_package
from .project import build_extension

_MANIFEST = 'manifest.json'


def _fingerprint(files: Sequence[str]) -> Dict[str, object]:
    """What the cache compares: each input file's size and hash, and each source folder's .go files."""
    entries: Dict[str, Optional[str]] = {}
    folders = set()
    for path in files:
        try:
            with open(path, 'rb') as f:
                entries[path] = hashlib.sha256(f.read()).hexdigest()
        except OSError:
            entries[path] = None
        folders.add(os.path.dirname(path))
    listing: Dict[str, Optional[List[str]]] = {}
    for folder in sorted(folders):
        try:
            listing[folder] = sorted(n for n in os.listdir(folder) if n.endswith('.go'))
        except OSError:
            listing[folder] = None
    return {'files': entries, 'folders': listing}


def _cache_key(package: str, directory: str, name: Optional[str], tags: Sequence[str],
               gil: Mapping[str, str], gil_default: str, submodules: Mapping[str, str],
               borrow: Mapping[str, str], callback_panics: Sequence[str] = ()) -> str:
    parts = [__version__, sys.executable, sys.version, os.path.abspath(directory), package,
             name or '', ','.join(tags), json.dumps(sorted(gil.items())), gil_default,
             json.dumps(sorted(submodules.items())), json.dumps(sorted(borrow.items()))]
    if callback_panics:
        parts.append(','.join(callback_panics))
    return hashlib.sha256('\0'.join(parts).encode()).hexdigest()[:20]


def _import_file(name: str, path: str) -> ModuleType:
    """Imports the extension at path as module `name` (replacing an older copy in sys.modules)."""
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise GobindError('gobind: %s is not an importable extension module' % path)
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


def _read_api(builddir: str, name: str) -> dict:
    """The gen step's API JSON in the build folder (the inspector's view of the package)."""
    try:
        with open(os.path.join(builddir, 'build', '%s_api.json' % name)) as f:
            return json.load(f)
    except (OSError, ValueError):
        return {}


def load(package: str, dir: str = '.', name: Optional[str] = None, tags: Sequence[str] = (),
         quiet: bool = True, gil: Optional[Mapping[str, str]] = None, gil_default: str = 'auto',
         submodules: Optional[Mapping[str, str]] = None,
         borrow: Optional[Mapping[str, str]] = None, callback_panics: Sequence[str] = ()) -> ModuleType:
    """Builds Go package `package` (found from folder `dir`) and returns the imported module.

    The build lives in gobind's cache, keyed by package, folder and interpreter;
    a later call, even in a new process, imports it straight away unless the
    content of a Go input (or of gobind itself) changed, in which case it
    rebuilds incrementally.  Build errors raise GobindError with the Go
    compiler's message.  gil ({'Add': 'keep'}) and gil_default choose which calls keep
    Python's GIL, as the keywords of gobind.extension() do (docs/runtime.md); submodules
    ({'money': 'example.com/shop/money'}) binds more packages into the module, as submodules.
    borrow ({'SumFloats': 'xs'}) passes those parameters as views of Python's memory, as
    //gobind:borrow lines do (docs/type-mapping.md).  callback_panics (['Parallel']) names the
    functions whose Python callables' exceptions on goroutines Go started are Go panics
    (docs/runtime.md, "Callbacks on goroutines").
    """
    gil = dict(gil or {})
    submodules = dict(submodules or {})
    for fname, choice in gil.items():
        check_setting(fname, choice)
    check_default(gil_default)
    borrow = dict(borrow or {})
    for fname, params in borrow.items():
        check_borrow(fname, params)
    callback_panics = check_panics(callback_panics)
    key = _cache_key(package, dir, name, tags, gil, gil_default, submodules, borrow, callback_panics)
    builddir = os.path.join(str(cache_dir()), 'load', key)
    manifest_path = os.path.join(builddir, _MANIFEST)
    manifest = _read_manifest(manifest_path)
    if manifest and os.path.exists(manifest['module']) and \
            _fingerprint(list(manifest['fingerprint']['files'])) == manifest['fingerprint']:
        return _import_file(manifest['name'], manifest['module'])
    # The module name: given, else the Go package's name.  Only the inspector knows that, and
    # the build's gen step runs it anyway, so a rebuild guesses the last build's name and
    # checks it against the gen step's API JSON afterwards.
    module_name = name or (manifest or {}).get('name') or load_package(package, dir, tuple(tags)).name
    built = build_extension(package, dir, builddir, name=module_name, tags=tags, quiet=quiet,
                            gil=gil, gil_default=gil_default, submodules=submodules, borrow=borrow,
                                callback_panics=callback_panics)
    api = _read_api(builddir, module_name)
    go_name = api.get('package', {}).get('name')
    if not name and go_name and go_name != module_name:  # the package clause changed
        module_name = go_name
        built = build_extension(package, dir, builddir, name=module_name, tags=tags, quiet=quiet,
                                gil=gil, gil_default=gil_default, submodules=submodules, borrow=borrow,
                                callback_panics=callback_panics)
        api = _read_api(builddir, module_name)
    files = api_files(api) + gobind_sources()
    with open(manifest_path, 'w') as f:
        json.dump({'name': module_name, 'module': built, 'fingerprint': _fingerprint(files)}, f,
                  indent=1, sort_keys=True)
    return _import_file(module_name, built)
