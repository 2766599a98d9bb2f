"""Builds the three bindings of benchpkg (reference, gobind, gopy) and times builds, the generator and imports."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import sysconfig
import time
from typing import Dict, List, Optional, Sequence

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)

GOPY_VERSION = 'v0.4.10'
# gopy v0.4.10 requires golang.org/x/tools v0.16.0, which does not compile with Go 1.22 and newer;
# the benchmark builds gopy against this newer x/tools instead.
GOPY_TOOLS_VERSION = 'v0.30.0'


class BuildError(Exception):
    """A build step failed; the message holds the command and its output."""


class Builder:
    """Paths and tools of one benchmark run; every build product goes under `root` (the build folder)."""

    def __init__(self, root: str, python: str, verbose: bool = False) -> None:
        self.root = os.path.abspath(root)
        self.python = python
        self.verbose = verbose
        self.src = os.path.join(self.root, 'src')
        self.pkg = os.path.join(self.src, 'gopkg')
        self.ref_src = os.path.join(self.src, 'reference')
        self.ref_go = os.path.join(self.ref_src, 'go')
        self.ref_out = os.path.join(self.root, 'reference')
        self.ref_rel_out = os.path.join(self.root, 'reference_rel')
        self.gobind_out = os.path.join(self.root, 'gobind')
        self.gobind_rel_out = os.path.join(self.root, 'gobind_rel')
        self.gopy_root = os.path.join(self.root, 'gopy')
        self.gopy_pkg = os.path.join(self.gopy_root, 'pkg')
        self.pylib = os.path.join(self.root, 'pylib')
        self.bare_out = os.path.join(self.root, 'bare')
        self.cc = os.environ.get('CC', 'cc')
        bindir = os.path.dirname(python)
        self.path = bindir + os.pathsep + os.path.join(self.gopy_root, 'bin') + os.pathsep + os.environ.get('PATH', '')
        meson = shutil.which('meson', path=bindir)
        self.meson = [meson] if meson else [python, '-m', 'mesonbuild.mesonmain']
        self.ninja = shutil.which('ninja', path=self.path) or 'ninja'

    # ---- running commands ----

    def env(self, **extra: str) -> Dict[str, str]:
        """The environment of build commands: this Python's bin folder and gopy's tools first on PATH."""
        env = dict(os.environ)
        env['PATH'] = self.path
        if os.path.isdir(self.pylib):
            env['PYTHONPATH'] = self.pylib + os.pathsep + env.get('PYTHONPATH', '')
        env.update(extra)
        return env

    def run(self, cmd: Sequence[str], cwd: Optional[str] = None, **env: str) -> str:
        """Runs cmd and returns its output; raises BuildError with the output on failure."""
        if self.verbose:
            print('  $ ' + ' '.join(cmd), file=sys.stderr)
        proc = subprocess.run(list(cmd), cwd=cwd, env=self.env(**env), stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, universal_newlines=True)
        if proc.returncode != 0:
            raise BuildError('%s (in %s) failed:\n%s' % (' '.join(cmd), cwd or os.getcwd(), proc.stdout[-3000:]))
        return proc.stdout

    def timed(self, cmd: Sequence[str], cwd: Optional[str] = None, **env: str) -> float:
        """Runs cmd and returns its wall time in seconds."""
        t0 = time.perf_counter()
        self.run(cmd, cwd, **env)
        return time.perf_counter() - t0

    # ---- sources ----

    def copy_sources(self) -> None:
        """Copies the Go package and the reference into the build folder, where the build rows may edit them."""
        if os.path.isdir(self.src):
            shutil.rmtree(self.src)
        for name in ('gopkg', 'reference'):
            shutil.copytree(os.path.join(BENCH, name), os.path.join(self.src, name))

    def touch_go_file(self, pkgdir: str, stamp: str, code: int = 0) -> None:
        """Edits one Go file of the package for real: a new comment, or with code > 0 a new
        unexported function (the compiled package changes, so everything after it is redone)."""
        path = os.path.join(pkgdir, 'benchpkg.go')
        with open(path, 'a') as f:
            f.write('\n// edited by bench/run.py: %s\n' % stamp)
            if code:
                f.write('func benchEdited%d() int { return %d }\n' % (code, code))

    # ---- the hand-written reference ----

    def build_reference(self, release_all: bool = False) -> str:
        """go build -buildmode=c-archive of the exports, then one cc command for the extension.

        The reference keeps the GIL where gobind does; release_all=True builds the second flavour,
        which releases it on every call (into reference_rel)."""
        out_dir = self.ref_rel_out if release_all else self.ref_out
        os.makedirs(out_dir, exist_ok=True)
        archive = os.path.join(out_dir, 'libbenchref.a')
        self.run(['go', 'build', '-buildmode=c-archive', '-trimpath', '-o', archive, '.'], cwd=self.ref_go,
                 CGO_ENABLED='1', CC=self.cc)
        suffix = sysconfig.get_config_var('EXT_SUFFIX') or '.so'
        out = os.path.join(out_dir, 'benchref' + suffix)
        include = sysconfig.get_paths()['include']
        self.run([self.cc, '-O2', '-fPIC', '-shared', '-Wall', '-Wextra', '-Werror', '-I' + include, '-I' + out_dir,
                  '-I' + self.ref_src] + (['-DREF_RELEASE_GIL'] if release_all else [])
                 + [os.path.join(self.ref_src, 'benchref.c'), archive,
                    '-Wl,--version-script=' + os.path.join(self.ref_src, 'benchref.map'), '-lpthread', '-o', out])
        return out_dir

    def remove_bare(self) -> None:
        """Deletes the bare build's output, so the next bare build starts clean (Go's cache stays warm)."""
        for name in ('bare.so', 'bare.h'):
            if os.path.exists(os.path.join(self.bare_out, name)):
                os.remove(os.path.join(self.bare_out, name))

    def bare_go_build(self) -> float:
        """The baseline of the build rows: go build -buildmode=c-shared of a main package over benchpkg."""
        os.makedirs(self.bare_out, exist_ok=True)
        return self.timed(['go', 'build', '-buildmode=c-shared', '-o', os.path.join(self.bare_out, 'bare.so'), '.'],
                          cwd=self.ref_go, CGO_ENABLED='1', CC=self.cc)

    # ---- gobind ----

    def gobind_clean_build(self) -> Dict[str, float]:
        """meson setup and ninja from an empty build folder; returns the time of each."""
        if os.path.isdir(self.gobind_out):
            shutil.rmtree(self.gobind_out)
        setup = self.timed(self.meson + ['setup', '--buildtype=release', self.gobind_out, self.pkg])
        build = self.timed([self.ninja, '-C', self.gobind_out])
        return {'setup': setup, 'build': build}

    def build_gobind_release(self) -> str:
        """gobind with gil_default=release (every call releases the GIL), into gobind_rel."""
        if os.path.isdir(self.gobind_rel_out):
            shutil.rmtree(self.gobind_rel_out)
        self.run(self.meson + ['setup', '--buildtype=release', '-Dgil_default=release', self.gobind_rel_out, self.pkg])
        self.run([self.ninja, '-C', self.gobind_rel_out])
        return self.gobind_rel_out

    def gobind_ninja(self) -> Dict[str, object]:
        """One ninja run: its time and whether it did any work."""
        t0 = time.perf_counter()
        out = self.run([self.ninja, '-C', self.gobind_out])
        return {'seconds': time.perf_counter() - t0, 'no_work': 'no work to do' in out, 'output': out.strip()}

    # ---- gopy ----

    def setup_gopy(self, src: Optional[str]) -> str:
        """Builds the gopy command and goimports into <build>/gopy/bin; returns gopy's source folder."""
        gopy_src = os.path.join(self.gopy_root, 'src')
        if not os.path.isfile(os.path.join(self.gopy_root, 'bin', 'gopy')):
            if src is None:
                out = self.run(['go', 'mod', 'download', '-json', 'github.com/go-python/gopy@' + GOPY_VERSION])
                import json
                src = json.loads(out)['Dir']
            if os.path.isdir(gopy_src):
                shutil.rmtree(gopy_src)
            shutil.copytree(src, gopy_src, ignore=shutil.ignore_patterns('.git'))
            for d, _dirs, files in os.walk(gopy_src):  # module cache files are read-only
                for name in files + [d]:
                    p = os.path.join(d, name)
                    os.chmod(p, os.stat(p).st_mode | stat.S_IWUSR)
            self.run(['go', 'get', 'golang.org/x/tools@' + GOPY_TOOLS_VERSION], cwd=gopy_src)
            self.run(['go', 'mod', 'tidy'], cwd=gopy_src)
            self.run(['go', 'build', '-o', os.path.join(self.gopy_root, 'bin', 'gopy'), '.'], cwd=gopy_src)
        if not os.path.isfile(os.path.join(self.gopy_root, 'bin', 'goimports')):
            self.run(['go', 'install', 'golang.org/x/tools/cmd/goimports@' + GOPY_TOOLS_VERSION],
                     GOBIN=os.path.join(self.gopy_root, 'bin'))
        self.run([self.python, '-c', 'import pybindgen'])
        return gopy_src

    def gopy_prepare(self, gopy_src: str) -> None:
        """A copy of the Go package whose go.mod finds gopy's runtime package (gopyh) in gopy's sources."""
        if os.path.isdir(self.gopy_pkg):
            shutil.rmtree(self.gopy_pkg)
        shutil.copytree(os.path.join(BENCH, 'gopkg'), self.gopy_pkg)
        self.run(['go', 'mod', 'edit', '-require=github.com/go-python/gopy@' + GOPY_VERSION,
                  '-replace=github.com/go-python/gopy=' + gopy_src], cwd=self.gopy_pkg)

    def gopy_build(self) -> float:
        """gopy build of the package into <build>/gopy/pkg/gopy_benchpkg; returns its time."""
        out = os.path.join(self.gopy_pkg, 'gopy_benchpkg')
        if os.path.isdir(out):
            shutil.rmtree(out)
        return self.timed(['gopy', 'build', '-output=gopy_benchpkg', '-vm=' + self.python, '.'], cwd=self.gopy_pkg)

    # ---- the generator ----

    def write_synthetic(self, count: int) -> str:
        """A Go module with `count` exported functions of mixed signatures; returns its folder."""
        d = os.path.join(self.src, 'synth')
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, 'go.mod'), 'w') as f:
            f.write('module example.com/synth\n\ngo 1.21\n')
        lines = ['// Package synth has many exported functions, to time binding generators.', 'package synth', '',
                 'import "errors"', '', 'var errNeg = errors.New("negative")', '']
        shapes = [
            'func F%04d(a, b int) int { return a + b + %d }',
            'func F%04d(s string, n int) string { if n > %d { return s }; return s + s }',
            'func F%04d(x float64) (float64, error) { if x < %d { return 0, errNeg }; return x * 2, nil }',
            'func F%04d(b []byte, ok bool) []byte { if ok && len(b) > %d { return b[:1] }; return b }',
        ]
        for i in range(count):
            lines.append('// F%04d is generated.' % i)
            lines.append(shapes[i % len(shapes)] % (i, i))
            lines.append('')
        with open(os.path.join(d, 'synth.go'), 'w') as f:
            f.write('\n'.join(lines))
        return d

    def gobind_gen(self, synth: str) -> float:
        """Time of `gobind gen` (inspect, plan, render) for the synthetic package."""
        out = os.path.join(self.root, 'synth-gobind')
        return self.timed([self.python, '-m', 'gobind_module', 'gen', 'example.com/synth', '--dir', synth, '-o', out])

    def gopy_gen(self, synth: str, gopy_src: str) -> float:
        """Time of `gopy gen` for the synthetic package (it needs gopy in the package's go.mod too)."""
        d = os.path.join(self.root, 'synth-gopy')
        if not os.path.isdir(d):
            shutil.copytree(synth, d)
            self.run(['go', 'mod', 'edit', '-require=github.com/go-python/gopy@' + GOPY_VERSION,
                      '-replace=github.com/go-python/gopy=' + gopy_src], cwd=d)
        return self.timed(['gopy', 'gen', '-output=out', '-vm=' + self.python, '.'], cwd=d)

    # ---- imports ----

    def import_time(self, code: str, path: str) -> float:
        """Wall time of `python -c code` with path on PYTHONPATH."""
        env = self.env()
        env['PYTHONPATH'] = path + os.pathsep + env.get('PYTHONPATH', '')
        t0 = time.perf_counter()
        subprocess.run([self.python, '-c', code], env=env, check=True)
        return time.perf_counter() - t0


def install_pylib(builder: Builder, packages: List[str]) -> str:
    """pip install --target <build>/pylib for packages this Python lacks; returns '' or why it failed."""
    proc = subprocess.run([builder.python, '-m', 'pip', 'install', '-q', '--target', builder.pylib] + packages,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True)
    if proc.returncode != 0:
        return proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else 'pip failed'
    return ''
