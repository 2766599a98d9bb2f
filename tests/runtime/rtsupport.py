"""Shared pieces of the runtime-safety tests: the built test projects and a runner for fresh
interpreters.  Test modules import the fixtures from here; builds are cached per session."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import TEST_PROJECTS, MesonBuild, pyenv_python, run, tool

_CACHE = {}


def _cached(key, make):
    if key not in _CACHE:
        _CACHE[key] = make()
    return _CACHE[key]


def build_runtime_project(dest: Path, name: str = 'rtcheck', env: dict = None, options=()) -> MesonBuild:
    """Builds a copy of test_projects/runtime as Python module and Go package `name`."""
    src = dest / name
    shutil.copytree(str(TEST_PROJECTS / 'runtime'), str(src))
    if name != 'rtcheck':
        for fname in ('go.mod', 'meson.build'):
            p = src / fname
            p.write_text(p.read_text().replace('rtcheck', name))
        go = src / 'rtcheck.go'
        go.write_text(go.read_text().replace('package rtcheck', 'package ' + name))
        go.rename(src / (name + '.go'))
    b = MesonBuild(src, dest / (name + '-build'))
    run([tool('meson'), 'setup', b.builddir, b.source] + list(options), env=env)
    run([tool('ninja'), '-C', b.builddir], env=env)
    return b


@pytest.fixture(scope='session')
def rt(built):
    """test_projects/runtime built for this Python: the module rtcheck."""
    return built('runtime')


@pytest.fixture(scope='session')
def twin(tmp_path_factory):
    """An independent copy of test_projects/runtime, built on its own: the module rttwin."""
    return _cached('twin', lambda: build_runtime_project(tmp_path_factory.mktemp('twin'), 'rttwin'))


@pytest.fixture(scope='session')
def cshared(tmp_path_factory):
    """Path of a plain Go c-shared library (test_projects/runtime_cshared), not made by gobind."""
    def make():
        out = tmp_path_factory.mktemp('cshared') / 'librtcshared.so'
        run(['go', 'build', '-buildmode=c-shared', '-o', out, '.'], cwd=TEST_PROJECTS / 'runtime_cshared')
        return out
    return _cached('cshared', make)


@pytest.fixture(scope='session')
def rt38(built):
    """test_projects/runtime built for Python 3.8 (a Python without SA_ONSTACK handlers)."""
    exe = pyenv_python('3.8')
    if not exe:
        pytest.skip('pyenv has no Python 3.8')
    return built('runtime', '-Dpython=' + exe), exe


def run_python(code: str, *builds: MesonBuild, timeout: float = 120, interpreter: str = sys.executable,
               args=(), env: dict = None, cwd=None) -> subprocess.CompletedProcess:
    """Runs code in a fresh interpreter that imports from the given build folders.
    Fails the test, naming the hang, if it does not finish within timeout seconds."""
    full_env = dict(os.environ)
    full_env['PYTHONPATH'] = os.pathsep.join(str(b.builddir) for b in builds)
    full_env.update(env or {})
    try:
        return subprocess.run([interpreter, '-c', code] + list(args), env=full_env, cwd=cwd and str(cwd),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True,
                              timeout=timeout)
    except subprocess.TimeoutExpired as e:
        pytest.fail('the interpreter hung (no exit after %ss):\n%s\n%s' % (timeout, e.stdout, e.stderr))


def check_ok(proc: subprocess.CompletedProcess) -> str:
    """Asserts the interpreter exited 0 and printed 'ok' last; returns its stdout."""
    assert proc.returncode == 0 and proc.stdout.strip().endswith('ok'), \
        'exit %d\nstdout:\n%s\nstderr:\n%s' % (proc.returncode, proc.stdout, proc.stderr[:3000] + '\n...\n' + proc.stderr[-2000:])
    return proc.stdout
