"""gobind: turn a Go package into a native CPython extension module.

`load()` builds (cached) and imports a Go package from a Python prompt; the
`gobind` command and `import('gobind')` in Meson are the other entry points.
Kept light: the .pth hook imports this package at every interpreter start-up.
"""

__version__ = '0.1.0'


def load(package, **kwargs):
    """Builds Go package `package` (cached by content) and returns the imported module."""
    from .loader import load as _load
    return _load(package, **kwargs)
