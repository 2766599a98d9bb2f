"""`gobind-zig-cc`: Zig's C compiler aimed at an old glibc, for manylinux wheels built without a container.

Set CC=gobind-zig-cc (or `CC="gobind-zig-cc --glibc=2.28"`) and Meson compiles and links the
extension with it, and the go-build step hands it to cgo (Meson's C compiler is cgo's CC), so
every object of the module, the Go runtime's C parts included, is built against the glibc
headers and symbol versions Zig ships for that release.  docs/wheels.md#publishing-to-pypi
shows the whole path to an `auditwheel repair`ed manylinux wheel.

Zig comes from the `ziglang` package of PyPI: importable by this Python, or its `python-zig`
command on PATH (the environment that runs pip), or a `zig` on PATH.  This file imports only
the standard library, since it runs for every compile.
"""

from __future__ import annotations

import importlib.util
import os
import platform
import re
import shutil
import sys
from typing import List, Optional, Sequence, Tuple

#: The glibc of manylinux2014 (manylinux_2_17), the oldest that PyPI's tools still build for.
DEFAULT_GLIBC = '2.17'

#: Zig's name of the CPU of each platform.machine() that has a glibc target in Zig.
_ZIG_CPU = {'x86_64': 'x86_64', 'amd64': 'x86_64', 'aarch64': 'aarch64', 'arm64': 'aarch64',
            'i686': 'x86', 'i386': 'x86', 'ppc64le': 'powerpc64le', 's390x': 's390x',
            'riscv64': 'riscv64'}

#: Linker settings Meson passes that Zig's linker warns about on every link (it has no -O1 level).
_DROPPED = {'-Wl,-O1'}

INSTALL_HINT = ('pip install ziglang (into the environment that runs the build, or any environment '
                'whose bin folder is on PATH: its python-zig command is used), or put zig on PATH')


class ZigError(Exception):
    """A problem gobind-zig-cc reports on one line, without a traceback."""


def target(machine: str, glibc: str) -> str:
    """Zig's -target for a glibc release on this machine's CPU, e.g. x86_64-linux-gnu.2.17."""
    if not re.match(r'2\.\d+\Z', glibc):
        raise ZigError('gobind-zig-cc: --glibc=%s is not a glibc release such as 2.17 or 2.28' % glibc)
    cpu = _ZIG_CPU.get(machine.lower())
    if cpu is None:
        raise ZigError('gobind-zig-cc: no glibc target for the CPU %r of this machine' % machine)
    return '%s-linux-gnu.%s' % (cpu, glibc)


def find_zig() -> List[str]:
    """The command that runs Zig: ziglang's binary, else python-zig or zig on PATH."""
    spec = importlib.util.find_spec('ziglang')
    if spec is not None and spec.submodule_search_locations:
        for folder in spec.submodule_search_locations:
            binary = os.path.join(folder, 'zig')
            if os.access(binary, os.X_OK):
                return [binary]
    for name in ('python-zig', 'zig'):
        found = shutil.which(name)
        if found:
            return [found]
    raise ZigError('gobind-zig-cc: Zig was not found for %s; %s' % (sys.executable, INSTALL_HINT))


def split_args(args: Sequence[str]) -> Tuple[str, List[str]]:
    """The glibc release (a leading --glibc=X.Y, else the default) and the compiler's own arguments."""
    glibc = DEFAULT_GLIBC
    args = list(args)
    if args and args[0].startswith('--glibc='):
        glibc = args.pop(0)[len('--glibc='):]
    return glibc, [a for a in args if a not in _DROPPED]


def command(args: Sequence[str], machine: Optional[str] = None) -> List[str]:
    """The full `zig cc -target ...` command line for gobind-zig-cc's arguments."""
    if not sys.platform.startswith('linux'):
        raise ZigError('gobind-zig-cc: it builds for Linux with glibc; this is %s' % sys.platform)
    glibc, rest = split_args(args)
    return find_zig() + ['cc', '-target', target(machine or platform.machine(), glibc)] + rest


def report(message: str) -> None:
    """Writes a setup error to stderr, and to the terminal if there is one: Meson keeps a compiler's
    stderr for its log and says only `Unknown compiler(s): [['gobind-zig-cc']]`."""
    sys.stderr.write(message + '\n')
    try:
        with open('/dev/tty', 'w') as tty:
            tty.write(message + '\n')
    except OSError:
        pass


def main(argv: Optional[Sequence[str]] = None) -> None:
    """Runs Zig's cc in place of this process."""
    try:
        cmd = command(sys.argv[1:] if argv is None else argv)
    except ZigError as e:
        report(str(e))
        sys.exit(1)
    os.execv(cmd[0], cmd)


if __name__ == '__main__':
    main()
