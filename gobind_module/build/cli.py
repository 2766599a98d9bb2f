"""The `gobind` command: bind, gen and inspect for users; gen and go-build are also Meson's build steps."""

from __future__ import annotations

import argparse
import dataclasses
import os
import shutil
import sys
from typing import Any, List, Optional, Sequence

from .. import __version__

from .. import cache, validate
from ..errors import GobindError
from ..inspect.goapi import go_executable, go_version, load_package
from .precheck import check_options
from .options import Options, add_arguments

# The generator (plan, render, Jinja) is imported by the commands that use it, so that the
# go-build step, which Meson runs on every rebuild, starts quickly.


def _tags(tags: Sequence[str]) -> List[str]:
    """Build tags for Go; when given, GOFLAGS' -tags come first (the flag would replace them)."""
    from .gobuild import goflags_values
    if not tags:
        return []
    merged = [t for v in goflags_values('tags', os.environ) for t in v.split(',') if t] + list(tags)
    return sorted(set(merged), key=merged.index)


def _options(args: argparse.Namespace, **more: Any) -> Options:
    """The command's options (options.add_arguments()), checked, with GOFLAGS' tags merged in."""
    options = Options.from_args(args, **more)
    return dataclasses.replace(options, tags=tuple(_tags(options.tags))) if options.tags else options


def cmd_gen(args: argparse.Namespace) -> None:
    """Writes the generated Go, C, header, stub and linker-map files."""
    from .generate import default_warn, write_sources
    plan = write_sources(_options(args), args.outdir, py_major=args.python_major, depfile=args.depfile,
                         warn=default_warn)
    if not args.depfile:
        print('gobind: wrote sources for module %s into %s' % (plan.name, os.path.abspath(args.outdir)))


def cmd_gen_args(args: argparse.Namespace) -> None:
    """Checks the options of gobind_add_extension() (CMake) and prints the gen step's arguments, one a line."""
    print('\n'.join(Options.from_args(args, spelling='cmake').gen_args()))


def cmd_go_build(args: argparse.Namespace) -> None:
    """Compiles the generated cgo files into a C archive (unless it is up to date)."""
    from .gobuild import go_build
    host = args.host_machine.split(',') if args.host_machine else None
    if host is not None and len(host) != 4:
        raise GobindError('gobind: --host-machine takes system,cpu_family,cpu,endian, not %r' % args.host_machine)
    tags = _tags([t for t in (args.tags or '').split(',') if t])
    go_build(args.gofiles, args.output, args.dir, api=args.api, depfile=args.depfile, cc=args.cc,
             tags=tags, cflags=args.cflag, host=host, verbose=args.verbose)


def cmd_peer(args: argparse.Namespace) -> None:
    """Writes the stand-in module and the stub of one peer module (see peers.py)."""
    from .generate import write_peer
    write_peer(args.api, args.holder, args.name, args.outdir, args.python_major, args.holder_module)


def cmd_peers_commit(args: argparse.Namespace) -> None:
    """Copies the staged list of peer modules over the manifest when it changed (after setup)."""
    from .manifest import commit
    commit(args.staging, args.manifest)


def cmd_go_version(args: argparse.Namespace) -> None:
    """Checks the Go toolchain (found, new enough) and prints its version and path."""
    go = go_executable()
    print('%s (%s)' % (go_version(go), go))


def cmd_inspect(args: argparse.Namespace) -> None:
    """Prints what the package exports, as Python sees it, and what was skipped and why."""
    from ..bind.borrow import apply_borrow
    from ..bind.gil import apply_policy, borrowed_params, kept
    from ..bind.names import Naming
    from ..bind.plan import plan_module
    options = _options(args)
    pkg = apply_borrow(load_package(options.package, options.dir, options.tags, options.instantiate),
                       options.borrow)
    subs = [(sub, load_package(path, options.dir, options.tags)) for sub, path in options.submodules.items()]
    plan = plan_module(pkg, options.name or pkg.name, 3, subs, naming=Naming(options.pep8_names))
    plan = apply_policy(plan, options.gil, options.gil_default)
    print('package %s (module %s)' % (pkg.path, plan.name))
    if pkg.doc:
        print('  ' + pkg.doc.splitlines()[0])
    print('functions:')
    for f in plan.funcs:
        print('  ' + f.signature)
    if not plan.funcs:
        print('  (none)')
    if plan.generics:
        print('generics (bound through their instantiations; m.Name[type args] is one):')
        for g in plan.generics:
            print('  %s %s: %s' % (g.what, g.py_name, ', '.join('%s[%s] as %s' % (g.go_name, i.key, i.attr)
                                                               for i in g.insts)))
    print('skipped: %d' % len(plan.skipped))
    for s in plan.skipped:
        print('  %s: %s' % (s.symbol, s.reason))
    print('interfaces only Go values implement (Python holds, calls and passes them back): %d'
          % len(plan.go_only))
    for s in plan.go_only:
        print('  %s: %s' % (s.symbol, s.reason))
    if plan.renames:
        print('renamed (Go name -> Python name): %d' % len(plan.renames))
        for go, py in plan.renames:
            print('  %s -> %s' % (go, py))
    if plan.warnings:
        print('warnings:')
        for w in plan.warnings:
            print('  ' + w)
    print('GIL kept during the call (all others release it):')
    print('  ' + (', '.join(kept(plan)) or '(none)'))
    print("parameters passed as views of Python's memory (all others are copied):")
    views = borrowed_params(plan)
    for line in views:
        print('  ' + line)
    if not views:
        print('  (none)')


def cmd_bind(args: argparse.Namespace) -> None:
    """Builds the extension through Meson and copies it into the output folder."""
    from .project import build_extension
    python = os.path.abspath(args.python) if os.path.sep in args.python else shutil.which(args.python) or args.python
    options = _options(args, python=python)
    check_options(options)   # a bad path or a syntax error: one clear line, before Meson runs
    if not options.name:
        options = dataclasses.replace(options, name=load_package(options.package, options.dir, options.tags).name)
    builddir = cache.folder('bind', cache.key('bind', options.dir, options.key(), go_executable()))
    with cache.locked(builddir):
        built = build_extension(options, str(builddir), args.output)
        os.makedirs(args.outdir, exist_ok=True)
        for path in (built, os.path.join(os.path.dirname(built), '%s.pyi' % options.name)):
            if os.path.exists(path):
                shutil.copy2(str(cache.check_within(builddir, path)), args.outdir)
    print('gobind: built %s' % os.path.join(args.outdir, os.path.basename(built)))


class _CMakeDirAction(argparse.Action):
    """--cmake-dir: prints the folder of gobind's CMake package (for gobind_DIR) and exits, like --version."""

    def __init__(self, option_strings: List[str], dest: str, help: Optional[str] = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: object, option_string: Optional[str] = None) -> None:
        print(os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'share', 'cmake', 'gobind'))
        parser.exit()


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog='gobind', description='Turn a Go package into a CPython extension module.')
    p.add_argument('--version', action='version', version='gobind ' + __version__)
    p.add_argument('--cmake-dir', action=_CMakeDirAction,
                   help="print the folder of gobind's CMake package (gobindConfig.cmake) and exit")
    sub = p.add_subparsers(dest='command')

    sp = sub.add_parser('bind', help='build the extension module into the current folder')
    add_arguments(sp)
    sp.add_argument('--outdir', '-o', default='.', help='where to put the module (default: .)')
    sp.add_argument('--python', default=sys.executable, help='Python interpreter to build for (default: this one)')
    shown = sp.add_mutually_exclusive_group()
    shown.add_argument('--quiet', '-q', dest='output', action='store_const', const='quiet', default='progress',
                       help='show nothing but errors (default: one line per build step)')
    shown.add_argument('--verbose', '-v', dest='output', action='store_const', const='verbose',
                       help="show Meson's and ninja's whole output")
    sp.set_defaults(func=cmd_bind)

    sp = sub.add_parser('gen', help='write the generated sources only')
    add_arguments(sp, peers=True)
    sp.add_argument('--outdir', '-o', default='.', help='where to write the sources (default: .)')
    sp.add_argument('--python-major', type=int, default=3, choices=(2, 3), help='Python major version of the linker map')
    sp.add_argument('--depfile', help='write a Makefile depfile listing every input (for build systems)')
    sp.set_defaults(func=cmd_gen)

    sp = sub.add_parser('gen-args', help="(configure step) check gobind_add_extension()'s options and print "
                                         "the gen step's arguments")
    add_arguments(sp)
    sp.set_defaults(func=cmd_gen_args)

    sp = sub.add_parser('peer', help="(build step) write a peer module's stand-in module and stub")
    sp.add_argument('name', help='the peer module (its gobind.extension() name)')
    sp.add_argument('--api', required=True, help="the holder extension's API JSON (of its gen step)")
    sp.add_argument('--holder', required=True, help='the extension module that binds the peer')
    sp.add_argument('--holder-module', help="the holder's import name, if not its name (a package subfolder)")
    sp.add_argument('--outdir', '-o', default='.')
    sp.add_argument('--python-major', type=int, default=3, choices=(2, 3))
    sp.set_defaults(func=cmd_peer)

    sp = sub.add_parser('peers-commit', help="(setup step) update the peer-module manifest")
    sp.add_argument('staging')
    sp.add_argument('manifest')
    sp.set_defaults(func=cmd_peers_commit)

    sp = sub.add_parser('inspect', help="print what the package exports and what gobind skips")
    add_arguments(sp)
    sp.set_defaults(func=cmd_inspect)

    sp = sub.add_parser('go-version', help='(build step) check the Go toolchain and print its version')
    sp.set_defaults(func=cmd_go_version)

    sp = sub.add_parser('go-build', help='(build step) compile generated cgo code into a C archive')
    sp.add_argument('gofiles', nargs='+', metavar='gofile',
                    help="the module's generated Go files (<name>_gobind.go and <name>_support.go)")
    sp.add_argument('--dir', default='.', help='folder inside the Go module')
    sp.add_argument('--output', '-o', required=True)
    sp.add_argument('--api', help="the gen step's API JSON, for the depfile")
    sp.add_argument('--depfile')
    sp.add_argument('--cc', help='C compiler for cgo (CC in the environment wins, except in a cross build)')
    sp.add_argument('--cflag', action='append', default=[],
                    help="a C flag for cgo, after CGO_CFLAGS (repeat it; the build system's C flags)")
    sp.add_argument('--host-machine', metavar='SYSTEM,CPU_FAMILY,CPU,ENDIAN',
                    help='cross build: the host machine, as Meson names it; sets GOOS and GOARCH')
    sp.add_argument('--tags', help='comma-separated Go build tags')
    sp.add_argument('--verbose', '-v', action='store_true',
                    help="say whether go build ran or the archive was up to date")
    sp.set_defaults(func=cmd_go_build)
    return p


def _check_args(args: argparse.Namespace) -> None:
    """validate.py's checks of the names the build steps peer and go-build take (the commands taking
    a package check theirs as they make their Options)."""
    if args.command == 'go-build':
        validate.tags([t for t in (args.tags or '').split(',') if t])
    if args.command == 'peer':
        validate.module_name(args.name)
        validate.module_name(args.holder, 'holder')


def main(argv: Optional[List[str]] = None) -> int:
    """Runs the gobind command line; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 2
    try:
        _check_args(args)
        args.func(args)
    except GobindError as e:
        print(str(e), file=sys.stderr)
        return 1
    return 0
