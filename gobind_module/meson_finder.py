"""Makes `import('gobind')` work in Meson: maps `mesonbuild.modules.gobind` to meson_plugin.py.

gobind.pth, installed in site-packages, calls install() at interpreter start-up;
it must stay cheap, so this file imports nothing beyond the standard library.
"""

import importlib.abc
import importlib.util
import os
import sys

MODULE = 'mesonbuild.modules.gobind'


class GobindMesonFinder(importlib.abc.MetaPathFinder):
    """Supplies the spec of `mesonbuild.modules.gobind` from this package's meson_plugin.py."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname != MODULE:
            return None
        location = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'meson_plugin.py')
        return importlib.util.spec_from_file_location(fullname, location)


def install():
    """Appends the finder to sys.meta_path once."""
    if not any(isinstance(f, GobindMesonFinder) for f in sys.meta_path):
        sys.meta_path.append(GobindMesonFinder())
