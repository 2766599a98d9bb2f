"""gobind: turn a Go package into a native CPython extension module.

`load()` builds (cached) and imports a Go package from a Python prompt; the
`gobind` command and `import('gobind')` in Meson are the other entry points.
Kept light: the .pth hook imports this package at every interpreter start-up
(then unloads it again), so the typing names below are imported for type checkers only.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from types import ModuleType
    from typing import Mapping, Optional, Sequence

    from .errors import GobindError

__version__ = '0.1.0'


def load(package: str, dir: str = '.', name: Optional[str] = None, tags: Sequence[str] = (),
         quiet: bool = False, gil: Optional[Mapping[str, str]] = None, gil_default: str = 'auto',
         submodules: Optional[Mapping[str, str]] = None,
         borrow: Optional[Mapping[str, str]] = None, callback_panics: Sequence[str] = (),
         limited_api: str = '', verbose: bool = False, pep8_names: bool = False,
         instantiate: Optional[Mapping[str, Sequence[str]]] = None) -> ModuleType:
    """Builds Go package `package` (cached by content) and returns the imported module.

    See gobind_module.build.loader.load(), docs/load.md, for gil and callback_panics docs/runtime.md and
    for borrow, pep8_names and instantiate (generics) docs/type-mapping.md.  A build prints one line per
    step on stderr: quiet=True prints nothing, verbose=True all of Meson's and ninja's output.
    """
    from .build.loader import load as _load
    return _load(package, dir=dir, name=name, tags=tags, quiet=quiet, gil=gil, gil_default=gil_default,
                 submodules=submodules, borrow=borrow, callback_panics=callback_panics, limited_api=limited_api,
                 verbose=verbose, pep8_names=pep8_names, instantiate=instantiate)


def __getattr__(name: str) -> object:
    """gobind_module.GobindError (the error load() raises), imported only when asked for."""
    if name == 'GobindError':
        from .errors import GobindError
        return GobindError
    raise AttributeError('module %r has no attribute %r' % (__name__, name))
