"""Makes `import('gobind')` work in Meson: maps `mesonbuild.modules.gobind` to meson_plugin.py.

gobind.pth, installed in site-packages, calls install_at_startup() when the
interpreter starts; it must stay cheap, so this file imports nothing beyond the
standard library.

The finder looks gobind_module up on sys.path each time Meson asks, rather than
remembering where this file was loaded from, and the start-up hook forgets the
gobind_module package again once the finder is installed.  That matters under
pip's build isolation: the frontend's own gobind.pth runs before pip takes the
frontend's site-packages off sys.path, and the build must then still use the
gobind installed in the isolated build environment, both in Meson and in the
`python -m gobind_module` build steps.
"""

import importlib.abc
import importlib.util
import os
import sys

MODULE = 'mesonbuild.modules.gobind'
PACKAGE = 'gobind_module'


class GobindMesonFinder(importlib.abc.MetaPathFinder):
    """Supplies the spec of `mesonbuild.modules.gobind`: meson_plugin.py of the gobind_module on sys.path now."""

    #: Marks gobind finders, whichever copy of this file defined their class.
    gobind_meson_finder = True

    def find_spec(self, fullname, path=None, target=None):
        """The plugin's spec for MODULE, found through the current sys.path (None for any other name)."""
        if fullname != MODULE:
            return None
        package = importlib.util.find_spec(PACKAGE)
        if package is None or not package.submodule_search_locations:
            return None
        for folder in package.submodule_search_locations:
            location = os.path.join(folder, 'build', 'meson_plugin.py')
            if os.path.isfile(location):
                return importlib.util.spec_from_file_location(fullname, location)
        return None


def install():
    """Appends a finder to sys.meta_path, unless one (from any copy of gobind) is there already."""
    if not any(getattr(f, 'gobind_meson_finder', False) for f in sys.meta_path):
        sys.meta_path.append(GobindMesonFinder())


def install_at_startup(package_was_loaded):
    """What gobind.pth runs: install(), then unload gobind_module if only this hook had loaded it.

    A later `import gobind_module` (or `python -m gobind_module`) then finds the
    package on the sys.path of that moment, not the one of the first .pth read.
    """
    install()
    if not package_was_loaded:
        for name in [n for n in sys.modules if n == PACKAGE or n.startswith(PACKAGE + '.')]:
            del sys.modules[name]
