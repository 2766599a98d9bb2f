"""load(): build a Go package into an extension (cached by content) and import it, from a Python prompt."""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.util
import json
import os
import sys
import sysconfig
from types import ModuleType
from pathlib import Path
from typing import Dict, List, Mapping, Optional, Sequence, Tuple

from .. import cache, validate
from .generate import api_files, gobind_sources
from ..errors import GobindError
from ..inspect.goapi import cache_dir, go_executable, load_package
from .options import Options
from .precheck import check_options
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


def _cache_key(options: Options) -> str:
    """The entry of one load(): cache.key() over the folder, Go's and Python's settings, and the options."""
    try:
        go: Optional[str] = go_executable()
    except GobindError:
        go = None   # the build says so; a key without Go's settings matches no build
    return cache.key('load', options.dir, options.key(), go)


def _import_file(name: str, path: str, package: str) -> ModuleType:
    """Imports the extension at path as module `name` (replacing an older copy load() made)."""
    check_free(name, package)
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
         quiet: bool = False, gil: Optional[Mapping[str, str]] = None, gil_default: str = 'auto',
         submodules: Optional[Mapping[str, str]] = None,
         borrow: Optional[Mapping[str, str]] = None, callback_panics: Sequence[str] = (),
         limited_api: str = '', verbose: bool = False, pep8_names: bool = False,
         instantiate: Optional[Mapping[str, Sequence[str]]] = None) -> ModuleType:
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
    (docs/runtime.md, "Callbacks on goroutines").  limited_api ('3.11') builds an abi3 module
    of Python's limited API, as gobind.extension()'s keyword does.  A build shows one line per
    step on stderr; quiet=True shows nothing, verbose=True Meson's and ninja's whole output.
    pep8_names=True names functions, methods, struct fields and variables in snake_case and
    constants in UPPER_SNAKE_CASE (docs/type-mapping.md, "Names").
    instantiate ({'Max': ['int',
    'float64'], 'Pair': ['string,int']}) binds those instantiations of generic functions and types
    (docs/type-mapping.md, "Generics").
    """
    # Options checks every argument (a str for tags is refused, not split into letters).
    options = Options(package=package, dir=dir, name=name, tags=tags, gil=gil or {},  # type: ignore[arg-type]
                      gil_default=gil_default, submodules=submodules or {}, borrow=borrow or {},
                      callback_panics=callback_panics, limited_api=limited_api,  # type: ignore[arg-type]
                      pep8_names=pep8_names, instantiate=instantiate or {})
    if name:
        check_free(name, package)
    entry = cache.folder('load', _cache_key(options))
    fresh = _fresh(entry)
    if fresh is None:
        with cache.locked(entry):
            fresh = _fresh(entry)   # another process may have built it while this one waited
            if fresh is None:
                fresh = _build(options, str(entry), 'verbose' if verbose else 'quiet' if quiet else 'progress')
    _check_not_stale(fresh[0], fresh[1], package)
    return _import_file(fresh[0], fresh[1], package)


def _check_not_stale(name: str, path: str, package: str) -> None:
    """Refuses to import a new build of a module this process already imported from an earlier
    build: Python cannot unload an extension module, and importing the new file beside the old one
    would start a second Go runtime in the process (docs/load.md, "After an edit")."""
    held = sys.modules.get(name)
    old = getattr(held, '__file__', None) if held is not None else None
    if old and _made_by_load(held) and os.path.realpath(old) != os.path.realpath(path):  # type: ignore[arg-type]
        raise GobindError(
            'gobind: load(%r): the Go package changed since this process imported module %r, and a process '
            'cannot replace an imported extension module; the new build is ready in the cache: run it in a new '
            'process (restart the interpreter or kernel), where load() imports it at once' % (package, name))


def check_free(name: str, package: str) -> None:
    """Refuses a module name under which load() would replace, in sys.modules, a module it did not
    make, or shadow a module of the standard library."""
    held = sys.modules.get(name)
    if held is not None and not _made_by_load(held):
        raise validate.InputError(
            'gobind: load(%r) would make module %r, but sys.modules already holds another module of that '
            'name (%s), which load() will not replace; pass name= to load the Go package under another '
            'name, e.g. name=%r' % (package, name, getattr(held, '__file__', None) or 'built in', name + '_go'))
    if _in_stdlib(name):
        raise validate.InputError(
            "gobind: load(%r) would make module %r, the name of a standard library module, which it would "
            "hide from later imports; pass name= to load the Go package under another name, e.g. name=%r"
            % (package, name, name + '_go'))


def _made_by_load(module: ModuleType) -> bool:
    """Whether a module is an extension that load() imported from its cache."""
    path = getattr(module, '__file__', None)
    if not path:
        return False
    folder = os.path.realpath(str(cache_dir() / 'load'))
    return os.path.commonpath([folder, os.path.realpath(path)]) == folder


def _in_stdlib(name: str) -> bool:
    """Whether name is a module of the standard library (built in, or found in its folder)."""
    if name in sys.builtin_module_names or name in getattr(sys, 'stdlib_module_names', ()):
        return True
    if hasattr(sys, 'stdlib_module_names'):
        return False
    spec = importlib.util.find_spec(name)   # before Python 3.10: where the module lives
    stdlib = os.path.realpath(sysconfig.get_paths()['stdlib'])
    origin = os.path.realpath(spec.origin) if spec is not None and spec.origin else ''
    return bool(origin) and os.path.commonpath([stdlib, origin]) == stdlib and 'site-packages' not in origin


def _fresh(entry: Path) -> Optional[Tuple[str, str]]:
    """(module name, extension path) of the entry's build when its manifest still matches the inputs."""
    manifest_path = entry / _MANIFEST
    if not manifest_path.is_file():
        return None
    cache.check_entry(manifest_path)
    manifest = _read_manifest(str(manifest_path))
    if not manifest or not os.path.exists(manifest.get('module', '')) or \
            _fingerprint(list(manifest['fingerprint']['files'])) != manifest['fingerprint']:
        return None
    return manifest['name'], str(cache.check_within(entry, manifest['module']))


def _build(options: Options, builddir: str, output: str) -> Tuple[str, str]:
    """Builds the module in the entry's folder, publishes a copy of it and then the manifest (atomically)."""
    check_options(options, dir_option='dir=')   # a bad path or a syntax error: one clear line, before Meson runs
    manifest = _read_manifest(os.path.join(builddir, _MANIFEST))
    # The module name: given, else the Go package's name.  Only the inspector knows that, and
    # the build's gen step runs it anyway, so a rebuild guesses the last build's name and
    # checks it against the gen step's API JSON afterwards.
    module_name = options.name or (manifest or {}).get('name') or \
        load_package(options.package, options.dir, options.tags).name
    check_free(module_name, options.package)

    def make(module_name: str) -> str:
        return build_extension(dataclasses.replace(options, name=module_name), builddir, output)
    built = make(module_name)
    api = _read_api(builddir, module_name)
    go_name = api.get('package', {}).get('name')
    if not options.name and go_name and go_name != module_name:  # the package clause changed
        module_name = go_name
        built = make(module_name)
        api = _read_api(builddir, module_name)
    files = api_files(api) + gobind_sources()
    module = cache.publish(built, 'load', os.path.basename(builddir), 'modules')
    cache.write_atomic(os.path.join(builddir, _MANIFEST), json.dumps(
        {'name': module_name, 'module': module, 'fingerprint': _fingerprint(files)}, indent=1, sort_keys=True))
    return module_name, module
