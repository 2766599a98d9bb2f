"""Binds, builds and imports every public Go standard-library package, and prints a table of the results.

Each package goes through the same steps as a Meson build, done directly to be quicker: `gobind gen`,
`go build -buildmode=c-archive`, one cc call that compiles the C source and links the extension, and
an `import` in a fresh interpreter.  Usage:

    python tests/stdcorpus.py [--jobs 2] [--markdown docs/stdlib.md] [PACKAGE ...]
"""

from __future__ import annotations

import argparse
import concurrent.futures
import os
import subprocess
import sys
import sysconfig
import tempfile
import time
from typing import Dict, List, Optional, Sequence

#: Packages left out of the corpus: tests and benchmarks need a test binary; the rest is not an API.
_EXCLUDED_PREFIXES = ('internal/', 'vendor/', 'cmd/', 'testing', 'runtime/cgo', 'runtime/race',
                      'runtime/msan', 'runtime/asan')
_EXCLUDED = {'net/http/httptest', 'testing/fstest', 'testing/iotest', 'testing/quick', 'testing/slogtest',
             'testing/synctest', 'log/slog/internal', 'unsafe', 'builtin', 'go/types/testdata'}


def std_packages(go: str = 'go') -> List[str]:
    """The public packages of `go list std`: without internal, vendor, cmd and testing packages."""
    out = subprocess.run([go, 'list', 'std'], stdout=subprocess.PIPE, universal_newlines=True, check=True).stdout
    keep = []
    for pkg in out.split():
        if pkg.startswith(_EXCLUDED_PREFIXES) or pkg in _EXCLUDED:
            continue
        if '/internal/' in pkg + '/' or pkg.endswith('test'):
            continue
        keep.append(pkg)
    return keep


def module_name(pkg: str) -> str:
    """A Python module name for a std package (math/rand -> std_math_rand)."""
    return 'std_' + pkg.replace('/', '_')


#: The gobind of this checkout, ahead of any installed one.
_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _run(cmd: Sequence[str], cwd: str, env: Optional[Dict[str, str]] = None) -> subprocess.CompletedProcess:
    env = dict(env or os.environ)
    env['PYTHONPATH'] = os.pathsep.join(p for p in (_ROOT, env.get('PYTHONPATH', '')) if p)
    return subprocess.run(list(cmd), cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True)


def _last_lines(text: str, n: int = 6) -> str:
    return '\n'.join(text.strip().splitlines()[-n:])


def _counts(gen_output: str) -> int:
    """The number of skipped symbols the gen step warned about."""
    return sum(1 for line in gen_output.splitlines() if ': skipped ' in line)


#: Imports a built module in a fresh interpreter; prints its public names and the import's time in ms.
_IMPORT = ('import sys, time\n'
           't = time.perf_counter()\n'
           'import %s as m\n'
           't = time.perf_counter() - t\n'
           "sys.stdout.write('%%d %%.1f' %% (len([n for n in dir(m) if not n.startswith('_')]), t * 1e3))\n")


def bind_one(pkg: str, workdir: str, python: str = sys.executable) -> Dict[str, object]:
    """Generates, builds and imports one package in its own folder under workdir; returns a table row."""
    name = module_name(pkg)
    out = os.path.join(workdir, name)
    os.makedirs(out, exist_ok=True)
    row: Dict[str, object] = {'package': pkg, 'bound': 0, 'skipped': 0, 'build': 'not run', 'import': 'not run',
                              'import_ms': '', 'error': ''}
    gen = _run([python, '-m', 'gobind_module', 'gen', '--name', name, '--dir', out, '--outdir', out, pkg], out)
    row['skipped'] = _counts(gen.stdout)
    if gen.returncode != 0:
        row['build'] = 'gen failed'
        row['error'] = _last_lines(gen.stdout)
        return row
    archive = os.path.join(out, 'lib%s_gobind.a' % name)
    gob = _run([python, '-m', 'gobind_module', 'go-build', '--dir', out, '-o', archive,
                os.path.join(out, name + '_gobind.go'), os.path.join(out, name + '_support.go')], out)
    if gob.returncode != 0:
        row['build'] = 'go build failed'
        row['error'] = _last_lines(gob.stdout)
        return row
    so = os.path.join(out, name + sysconfig.get_config_var('EXT_SUFFIX'))
    cc = os.environ.get('CC', 'cc')
    ccp = _run([cc, '-shared', '-fPIC', '-O0', '-w', '-I' + sysconfig.get_paths()['include'], '-I' + out,
                os.path.join(out, name + '_gobind.c'), os.path.join(out, name + '_support.c'), archive, '-Wl,--version-script=' + os.path.join(out, name + '.map'),
                '-lpthread', '-o', so], out)
    if ccp.returncode != 0:
        row['build'] = 'cc failed'
        row['error'] = _last_lines(ccp.stdout)
        return row
    row['build'] = 'ok'
    return import_one(name, out, row, python)


def import_one(name: str, out: str, row: Dict[str, object], python: str = sys.executable) -> Dict[str, object]:
    """Imports a built module three times, each in a fresh interpreter; fills in the row's import
    result, its public names and the best import time (a busy machine makes single imports noisy)."""
    times = []
    for _ in range(3):
        imp = _run([python, '-c', _IMPORT % name], out, env=dict(os.environ, PYTHONPATH=out))
        if imp.returncode != 0:
            row['import'] = 'failed'
            row['error'] = _last_lines(imp.stdout)
            return row
        bound, ms = imp.stdout.strip().splitlines()[-1].split()
        times.append(float(ms))
    row['import'], row['bound'], row['import_ms'] = 'ok', int(bound), min(times)
    return row


def startup_ms(python: str = sys.executable) -> float:
    """The best of five runs of `python -c pass`, in ms: what an import time compares with."""
    best = float('inf')
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run([python, '-c', 'pass'], check=True)
        best = min(best, time.perf_counter() - start)
    return best * 1e3


def markdown(rows: List[Dict[str, object]], go_version: str, startup_ms: float) -> str:
    """The table as the Markdown page docs/stdlib.md."""
    ok = sum(1 for r in rows if r['import'] == 'ok')
    lines = ['# The Go standard library through gobind', '',
             'Made by `python tests/stdcorpus.py --markdown docs/stdlib.md` with %s: every public package of '
             '`go list std` (no internal, vendor, cmd or testing packages) bound with `gobind gen`, built as an '
             'extension and imported. "bound" counts the public names of the module; "skipped" counts the Go '
             'symbols gobind skipped, each with a reason that `gobind inspect PACKAGE` prints.' % go_version, '',
             '**%d of %d packages build and import; %d names bound, %d symbols skipped.**'
             % (ok, len(rows), sum(int(r['bound']) for r in rows), sum(int(r['skipped']) for r in rows)), '',
             '"import ms" is the time of the `import` statement in a fresh interpreter (the best of three); '
             'on the same machine '
             '`python -c pass` takes %.0f ms (the best of five runs).' % startup_ms, '',
             '| package | bound | skipped | build | import | import ms |', '|---|---:|---:|---|---|---:|']
    for r in rows:
        lines.append('| `%s` | %s | %s | %s | %s | %s |' % (r['package'], r['bound'], r['skipped'], r['build'],
                                                           r['import'], r['import_ms']))
    return '\n'.join(lines) + '\n'


def main(argv: Optional[List[str]] = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('packages', nargs='*', help='packages to try (default: every public std package)')
    p.add_argument('--jobs', '-j', type=int, default=2)
    p.add_argument('--markdown', help='also write the table as Markdown into this file')
    p.add_argument('--workdir', help='keep the generated files here (default: a temporary folder)')
    args = p.parse_args(argv)
    packages = args.packages or std_packages()
    workdir = args.workdir or tempfile.mkdtemp(prefix='gobind-stdcorpus-')
    start = time.time()
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        rows = list(pool.map(lambda pkg: bind_one(pkg, workdir), packages))
    print('%-28s %6s %8s  %-16s %-10s %s' % ('package', 'bound', 'skipped', 'build', 'import', 'import ms'))
    for r in rows:
        print('%-28s %6s %8s  %-16s %-10s %s' % (r['package'], r['bound'], r['skipped'], r['build'], r['import'],
                                                 r['import_ms']))
    failed = [r for r in rows if r['import'] != 'ok']
    for r in failed:
        print('\n%s: %s\n%s' % (r['package'], r['build'] if r['build'] != 'ok' else 'import failed', r['error']))
    print('\n%d of %d packages build and import; bound %d, skipped %d (%.0f s)'
          % (len(rows) - len(failed), len(rows), sum(int(r['bound']) for r in rows),
             sum(int(r['skipped']) for r in rows), time.time() - start))
    if args.markdown:
        version = subprocess.run(['go', 'env', 'GOVERSION'], stdout=subprocess.PIPE, universal_newlines=True).stdout
        with open(args.markdown, 'w') as f:
            f.write(markdown(rows, 'Go ' + version.strip().replace('go', '', 1), startup_ms()))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
