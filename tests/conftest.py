"""Shared fixtures: build real test projects with real Meson, ninja and Go, and run real interpreters."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TEST_PROJECTS = ROOT / 'test_projects'
PYENV_ROOT = Path(os.environ.get('PYENV_ROOT', os.path.expanduser('~/.pyenv')))


def pytest_addoption(parser):
    parser.addoption('--update-golden', action='store_true', default=False,
                     help='rewrite tests/golden/ from the current generator output')


def pytest_configure(config):
    config.addinivalue_line('markers', 'slow: long tests (stress runs, Meson/CMake version matrices, the whole std '
                                       'corpus, callgrind, cgocheck2 builds); CI runs them, -m "not slow" skips them')


UNIT = ROOT / 'tests' / 'unit'


def _refuse(*args, **kwargs):
    raise AssertionError('tests/unit/ starts no program (no Go, Meson, ninja or compiler): %r' % (args[:1],))


@pytest.fixture(autouse=True)
def _unit_layer_starts_no_program(request):
    """The fast unit layer (tests/unit/) runs no program: each of its tests fails if it starts one."""
    if UNIT not in Path(str(request.node.fspath)).parents:
        return
    monkeypatch = request.getfixturevalue('monkeypatch')
    monkeypatch.setattr(subprocess, 'Popen', _refuse)
    for name in ('system', 'posix_spawn', 'posix_spawnp', 'execv', 'execve', 'execvp', 'execvpe', 'fork'):
        if hasattr(os, name):
            monkeypatch.setattr(os, name, _refuse)


@pytest.fixture
def update_golden(request):
    return request.config.getoption('--update-golden')


def bindir() -> str:
    """The bin folder of the environment running the tests (meson, ninja and gobind live there)."""
    return os.path.dirname(sys.executable)


def tool(name: str) -> str:
    """A command of this environment, falling back to PATH."""
    found = shutil.which(name, path=bindir() + os.pathsep + os.environ.get('PATH', ''))
    if not found:
        pytest.fail('%s is not installed in the test environment (run tests/run.sh)' % name)
    return found


def run(cmd, cwd=None, env=None, check=True):
    """Runs a command; on failure the test fails with the command's output."""
    full_env = dict(os.environ)
    full_env['PATH'] = bindir() + os.pathsep + full_env.get('PATH', '')
    full_env.update(env or {})
    proc = subprocess.run([str(c) for c in cmd], cwd=cwd and str(cwd), env=full_env,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True)
    if check and proc.returncode != 0:
        pytest.fail('command failed (%d): %s\n%s' % (proc.returncode, ' '.join(map(str, cmd)), proc.stdout))
    return proc


class MesonBuild:
    """A test project configured and built in a temporary build folder."""

    def __init__(self, source: Path, builddir: Path):
        self.source = source
        self.builddir = builddir

    def setup(self, *options: str, meson: str = None):
        return run([meson or tool('meson'), 'setup', self.builddir, self.source] + list(options))

    def ninja(self):
        return run([tool('ninja'), '-C', self.builddir])

    def extension(self, name: str) -> str:
        found = [f for f in glob.glob(str(self.builddir / (name + '*.so')))
                 if os.path.basename(f).split('.')[0] == name]
        assert found, 'no %s*.so in %s' % (name, self.builddir)
        return found[0]

    def python(self, code: str, interpreter: str = sys.executable, check=True):
        """Runs code in a fresh interpreter that imports from the build folder; returns stdout."""
        proc = subprocess.run([interpreter, '-c', code], cwd=str(self.builddir),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
        if check and proc.returncode != 0:
            pytest.fail('python failed (%d):\n%s\n%s' % (proc.returncode, proc.stdout, proc.stderr))
        return proc


def cgocheck2_builds(project: str, dest: Path, pythons=('3', '2.7')):
    """test_projects/<project> built with cgo's strictest pointer checks compiled in
    (GOEXPERIMENT=cgocheck2), once per Python of `pythons` that this machine has ('3' is the one
    running the tests, '2.7' pyenv's): a list of (MesonBuild, interpreter)."""
    builds = []
    for version in pythons:
        interpreter = sys.executable if version == '3' else pyenv_python(version)
        if interpreter is None:
            continue
        b = MesonBuild(TEST_PROJECTS / project, dest / (project + version))
        b.setup(*(['-Dpython=' + interpreter] if version != '3' else []))
        run([tool('ninja'), '-C', b.builddir], env={'GOEXPERIMENT': 'cgocheck2'})
        builds.append((b, interpreter))
    return builds


def copy_project(name: str, dest: Path) -> Path:
    """A private copy of test_projects/<name>, so a test may edit it."""
    target = dest / name
    shutil.copytree(str(TEST_PROJECTS / name), str(target))
    return target


@pytest.fixture
def project_copy(tmp_path):
    return lambda name: copy_project(name, tmp_path)


_BUILT = {}


@pytest.fixture(scope='session')
def built(tmp_path_factory):
    """built(project, *options): a session-cached MesonBuild of test_projects/<project>."""
    def get(project: str, *options: str) -> MesonBuild:
        key = (project,) + options
        if key not in _BUILT:
            b = MesonBuild(TEST_PROJECTS / project, tmp_path_factory.mktemp(project) / 'build')
            b.setup(*options)
            b.ninja()
            _BUILT[key] = b
        return _BUILT[key]
    return get


@pytest.fixture(scope='session')
def _session_inspector(tmp_path_factory):
    """The `inspector/` folder of a gobind cache holding the compiled inspector helper, built once."""
    cache = tmp_path_factory.mktemp('inspector-cache') / 'cache'
    run([sys.executable, '-c', 'from gobind_module.inspect.goapi import helper_binary; helper_binary()'],
        env={'GOBIND_CACHE_DIR': str(cache)})
    return cache / 'inspector'


@pytest.fixture
def cold_cache(tmp_path, _session_inspector):
    """Environment settings for a private gobind cache that holds no build yet, so a test's builds,
    manifests and rebuilds start cold.  The inspector helper in it is a copy of the session's
    (goapi.helper_binary compiles it once per Go version and source), which the tests that use
    this do not check; tests/hostile/test_cache_trust.py checks that cache entry itself."""
    cache = tmp_path / 'cache'
    cache.mkdir(mode=0o700)
    shutil.copytree(str(_session_inspector), str(cache / 'inspector'))
    return {'GOBIND_CACHE_DIR': str(cache)}


def pyenv_python(version: str):
    """Path of pyenv's interpreter for version 'X.Y', or None."""
    found = sorted(glob.glob(str(PYENV_ROOT / 'versions' / (version + '.*') / 'bin' / ('python' + version))))
    return found[-1] if found else None


def golden_path(*parts: str) -> Path:
    return ROOT / 'tests' / 'golden' / Path(*parts)


def check_golden(path: Path, actual: str, update: bool):
    """Compares actual with the golden file at path (or rewrites it with --update-golden)."""
    if update or not path.exists():
        if not update:
            pytest.fail('golden file %s is missing; run pytest --update-golden' % path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual)
        return
    expected = path.read_text()
    if expected != actual:
        import difflib
        diff = ''.join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                            str(path), 'generated'))
        pytest.fail('generated output differs from %s (rerun with --update-golden if intended):\n%s'
                    % (path, diff[:6000]))


#: The interpreters each area of the Go surface is tested on: this one, and Python 2.7.
SURFACE_PYTHONS = ['3', '2.7']


@pytest.fixture(params=SURFACE_PYTHONS)
def surface(request, built):
    """surface(project, code): runs code (Python 2/3 source) against test_projects/<project>
    built for this interpreter or for Python 2.7; fails unless the code prints 'ok' last.
    surface.py2 tells which one is running."""
    version = request.param
    if version == '3':
        interpreter, options = sys.executable, ()
    else:
        interpreter = pyenv_python(version)
        if interpreter is None:
            pytest.skip('no Python %s interpreter under pyenv on this machine' % version)
        options = ('-Dpython=' + interpreter,)

    class Surface:
        py2 = version == '2.7'

        def __call__(self, project: str, code: str) -> str:
            b = built(project, *options)
            out = b.python(code + '\nprint("ok")', interpreter=interpreter).stdout
            assert out.strip().endswith('ok'), out
            return out
    return Surface()


def raises(exc: str, code: str, text: str = '') -> str:
    """Python source asserting that code raises exc (whose message contains text)."""
    return ('try:\n    %s\nexcept %s as e:\n    assert %r in str(e), str(e)\nelse:\n'
            '    raise AssertionError("no %s from: %s")\n' % (code, exc, text, exc, code.replace('"', "'")))
