"""gobind's CMake package: find_package(gobind) and gobind_add_extension(), built with real CMake, Go and CPython."""

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import time
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, TEST_PROJECTS, MesonBuild, pyenv_python, run, tool

HELLO_CMAKE = TEST_PROJECTS / 'hello_cmake'
GREETING = 'hello "advent-2015" from Go'
GREET = 'import sys, hello; sys.stdout.write(hello.Hello("advent-2015"))'
MIN_CMAKE = (3, 18)
WORK = re.compile(r'^.*(Generating|Building|Linking|Re-running CMake).*$', re.M)


def _cmake_version():
    cmake = shutil.which('cmake')
    if cmake is None:
        return None
    out = subprocess.run([cmake, '--version'], stdout=subprocess.PIPE, universal_newlines=True).stdout
    m = re.search(r'version (\d+)\.(\d+)', out)
    return (int(m.group(1)), int(m.group(2))) if m else None


_VERSION = _cmake_version()
pytestmark = pytest.mark.skipif(
    _VERSION is None or _VERSION < MIN_CMAKE,
    reason='cmake is not on PATH' if _VERSION is None else
    'cmake %d.%d is too old for gobind_add_extension() (needs %d.%d)' % (_VERSION + MIN_CMAKE))


def site_packages() -> Path:
    """site-packages of the test environment, where gobind (with its CMake files) is installed."""
    sp = Path(sysconfig.get_paths()['purelib'])
    if not (sp / 'gobind_module' / 'share' / 'cmake' / 'gobind' / 'gobindConfig.cmake').is_file():
        pytest.fail('gobind in %s has no CMake package; reinstall it from this checkout (tests/run.sh)' % sp)
    return sp


def cmake_env():
    """The environment of an activated venv, so FindPython3 picks the test interpreter's environment."""
    return {'VIRTUAL_ENV': sys.prefix} if sys.prefix != sys.base_prefix else {}


class CMakeBuild(MesonBuild):
    """A CMake project configured and built in a temporary build folder (extension() and python() as for Meson)."""

    def __init__(self, source: Path, builddir: Path, cmake: str = None):
        super().__init__(source, builddir)
        self.cmake = cmake or tool('cmake')

    def configure(self, *options: str, generator: str = 'Ninja', check=True):
        return run([self.cmake, '-G', generator, '-S', self.source, '-B', self.builddir] + list(options),
                   env=cmake_env(), check=check)

    def build(self):
        return run([self.cmake, '--build', self.builddir], env=cmake_env())

    def cache(self, name: str) -> str:
        text = (self.builddir / 'CMakeCache.txt').read_text()
        m = re.search(r'^%s:[A-Z]+=(.*)$' % re.escape(name), text, re.M)
        assert m, '%s is not in the CMake cache' % name
        return m.group(1)


def assert_no_work(out: str):
    assert not WORK.findall(out), out


@pytest.fixture(scope='module')
def hello(tmp_path_factory):
    """test_projects/hello_cmake, found through CMAKE_PREFIX_PATH, for this interpreter, compiled with -Werror."""
    b = CMakeBuild(HELLO_CMAKE, tmp_path_factory.mktemp('hello_cmake') / 'build')
    b.configure('-DCMAKE_PREFIX_PATH=%s' % site_packages(), '-DPython3_EXECUTABLE=%s' % sys.executable,
                '-DCMAKE_C_FLAGS=-Wall -Wextra -Werror')
    b.build()
    return b


def test_hello_greets(hello):
    assert hello.python(GREET).stdout == GREETING
    code = ('import hello\n'
            'assert hello.__doc__ == "hello is a simple package", repr(hello.__doc__)\n'
            'assert hello.Hello.__doc__.startswith("Hello(name: str) -> str")\n')
    hello.python(code)


def test_module_name_has_soabi_and_stub_sits_beside_it(hello):
    ext = os.path.basename(hello.extension('hello'))
    assert ext == 'hello' + sysconfig.get_config_var('EXT_SUFFIX')
    assert 'def Hello(name: str) -> str' in (hello.builddir / 'hello.pyi').read_text()


def test_only_init_symbol_exported(hello):
    out = run(['nm', '-D', '--defined-only', hello.extension('hello')]).stdout
    symbols = sorted(line.split()[-1] for line in out.splitlines() if line.strip())
    assert symbols == ['PyInit_hello']


def test_gobind_python_is_recorded(hello):
    assert hello.cache('GOBIND_PYTHON') == sys.executable


def test_second_build_does_nothing(hello):
    out = hello.build().stdout
    assert 'no work to do' in out
    assert_no_work(out)


def test_install_places_module_and_stub(hello, tmp_path):
    run([tool('cmake'), '--install', hello.builddir, '--prefix', tmp_path / 'prefix'])
    dest = tmp_path / 'prefix' / hello.cache('GOBIND_PYTHON_INSTALL_DIR')
    assert dest.relative_to(tmp_path / 'prefix').parts[-1] in ('site-packages', 'dist-packages')
    names = sorted(os.listdir(str(dest)))
    assert names == sorted(['hello.pyi', 'hello' + sysconfig.get_config_var('EXT_SUFFIX')])
    assert CMakeBuild(HELLO_CMAKE, dest).python(GREET).stdout == GREETING


def test_cmake_dir_flag_prints_config_folder(tmp_path):
    expected = str(site_packages() / 'gobind_module' / 'share' / 'cmake' / 'gobind')
    # From a neutral folder, so Python imports the installed gobind_module rather than this checkout.
    assert run([sys.executable, '-m', 'gobind_module', '--cmake-dir'], cwd=tmp_path).stdout.strip() == expected
    assert run([tool('gobind'), '--cmake-dir'], cwd=tmp_path).stdout.strip() == expected
    assert sorted(os.listdir(expected)) == ['gobindConfig.cmake', 'gobindConfigVersion.cmake']


def test_found_through_gobind_dir(tmp_path):
    """-Dgobind_DIR=$(python -m gobind_module --cmake-dir), with Python left for CMake to find."""
    cmake_dir = run([sys.executable, '-m', 'gobind_module', '--cmake-dir'], cwd=tmp_path).stdout.strip()
    b = CMakeBuild(HELLO_CMAKE, tmp_path / 'build')
    out = b.configure('-Dgobind_DIR=' + cmake_dir).stdout
    assert 'gobind: build steps run with ' in out
    b.build()
    assert b.python(GREET).stdout == GREETING
    assert_no_work(b.build().stdout)


REBUILD_VARIANTS = {
    'ninja': ('Ninja', []),
    'makefiles': ('Unix Makefiles', []),
    'ninja-no-depfile': ('Ninja', ['-DGOBIND_USE_DEPFILE=OFF']),
}


@pytest.mark.parametrize('variant', sorted(REBUILD_VARIANTS))
def test_rebuilds(variant, tmp_path):
    generator, options = REBUILD_VARIANTS[variant]
    check_rebuilds(tmp_path, generator, options)


def check_rebuilds(tmp_path, generator, options, cmake=None):
    """Builds a copy of hello_cmake, then edits it: no-op builds do nothing, edits rebuild what they must."""
    if generator == 'Unix Makefiles' and not shutil.which('make'):
        pytest.skip('make is not on PATH')
    # Both projects are copied side by side, as hello_cmake finds the Go module at ../hello.
    for name in ('hello', 'hello_cmake'):
        shutil.copytree(str(TEST_PROJECTS / name), str(tmp_path / name))
    b = CMakeBuild(tmp_path / 'hello_cmake', tmp_path / 'build', cmake=cmake)
    b.configure('-DCMAKE_PREFIX_PATH=%s' % site_packages(), '-DPython3_EXECUTABLE=%s' % sys.executable,
                *options, generator=generator)
    b.build()
    assert b.python(GREET).stdout == GREETING
    assert_no_work(b.build().stdout)

    # Touching a Go file of the package regenerates, rebuilds the archive and relinks.
    time.sleep(1.1)
    with open(str(tmp_path / 'hello' / 'hello.go'), 'a') as f:
        f.write('\n// Bye is new.\nfunc Bye() string { return "bye" }\n')
    out = b.build().stdout
    assert 'Generating hello_gobind_src' in out and 'Generating hello_gobind_go' in out, out
    assert 'Linking' in out, out
    assert b.python('import hello; print(hello.Bye())').stdout.strip() == 'bye'
    assert_no_work(b.build().stdout)

    # Adding a .go file to the package rebuilds too (depfiles list the package folder; without
    # depfiles, the CONFIGURE_DEPENDS glob notices the new file).
    time.sleep(1.1)
    with open(str(tmp_path / 'hello' / 'extra.go'), 'w') as f:
        f.write('package hello\n\n// Extra is in a new file.\nfunc Extra() int { return 7 }\n')
    assert 'Linking' in b.build().stdout
    assert b.python('import hello; print(hello.Extra())').stdout.strip() == '7'
    assert_no_work(b.build().stdout)

    # Editing CMakeLists.txt reconfigures.
    time.sleep(1.1)
    with open(str(tmp_path / 'hello_cmake' / 'CMakeLists.txt'), 'a') as f:
        f.write('\nmessage(STATUS "edited")\n')
    assert '-- edited' in b.build().stdout
    assert_no_work(b.build().stdout)


#: CMake releases from the package index: the oldest gobind supports (no depfiles) and the newest.
PIP_CMAKES = {'oldest': 'cmake==%d.%d.*' % MIN_CMAKE, 'newest': 'cmake'}
_PIP_CMAKE = {}


@pytest.fixture(scope='session')
def pip_cmake(tmp_path_factory):
    """pip_cmake('oldest' | 'newest'): a cmake installed from the package index into its own venv."""
    def get(which: str) -> str:
        if which not in _PIP_CMAKE:
            venv = tmp_path_factory.mktemp('cmake-' + which) / 'venv'
            run([sys.executable, '-m', 'venv', venv])
            proc = run([venv / 'bin' / 'python', '-m', 'pip', 'install', '-q', PIP_CMAKES[which]], check=False)
            _PIP_CMAKE[which] = (str(venv / 'bin' / 'cmake'), proc)
        cmake, proc = _PIP_CMAKE[which]
        if proc.returncode != 0:
            pytest.skip('could not install %s from the package index:\n%s' % (PIP_CMAKES[which], proc.stdout[-2000:]))
        return cmake
    return get


@pytest.mark.slow
@pytest.mark.parametrize('which, generator', [('oldest', 'Ninja'), ('oldest', 'Unix Makefiles'), ('newest', 'Ninja')])
def test_cmake_versions(pip_cmake, which, generator, tmp_path):
    cmake = pip_cmake(which)
    version = re.search(r'version (\d+)\.(\d+)', run([cmake, '--version']).stdout)
    if which == 'oldest':
        assert (int(version.group(1)), int(version.group(2))) == MIN_CMAKE
    check_rebuilds(tmp_path, generator, [], cmake=cmake)


def test_subdirectory_name_tags_and_python_target(tmp_path):
    """Called from a subdirectory, under another module name, with GO_TAGS and PYTHON given as a target."""
    go = tmp_path / 'hello'
    shutil.copytree(str(TEST_PROJECTS / 'hello'), str(go))
    (go / 'tagged.go').write_text('//go:build extra\n\npackage hello\n\n'
                                  '// Tagged exists with the extra build tag only.\nfunc Tagged() int { return 42 }\n')
    src = tmp_path / 'src'
    (src / 'py').mkdir(parents=True)
    (src / 'CMakeLists.txt').write_text(
        'cmake_minimum_required(VERSION 3.18)\nproject(sub LANGUAGES C)\n'
        'find_package(Python3 COMPONENTS Interpreter Development.Module REQUIRED)\n'
        'find_package(gobind CONFIG REQUIRED)\nadd_subdirectory(py)\n')
    (src / 'py' / 'CMakeLists.txt').write_text(
        'gobind_add_extension(greet github.com/me/hello DIR "%s" GO_TAGS extra other PYTHON Python3::Interpreter)\n'
        % go.as_posix())
    b = CMakeBuild(src, tmp_path / 'build')
    b.configure('-DCMAKE_PREFIX_PATH=%s' % site_packages(), '-DPython3_EXECUTABLE=%s' % sys.executable)
    b.build()
    sub = CMakeBuild(src / 'py', b.builddir / 'py')
    assert sub.python('import greet; print(greet.Tagged(), greet.Hello("x"))').stdout.strip() == '42 hello "x" from Go'
    assert os.path.exists(str(sub.builddir / 'greet.pyi'))
    assert_no_work(b.build().stdout)


def _other_python():
    """A CPython of another minor version than the test interpreter, from pyenv, or None."""
    for version in ('3.12', '3.13', '3.11', '3.10', '3.9', '3.8'):
        if version != '%d.%d' % sys.version_info[:2]:
            found = pyenv_python(version)
            if found:
                return found
    return None


def test_builds_for_a_python_without_gobind(tmp_path):
    """The target Python need not have gobind: the build steps run in the environment that holds it."""
    python = _other_python()
    if python is None:
        pytest.skip('no second CPython under pyenv on this machine')
    b = CMakeBuild(HELLO_CMAKE, tmp_path / 'build')
    b.configure('-DCMAKE_PREFIX_PATH=%s' % site_packages(), '-DPython3_EXECUTABLE=' + python)
    gobind_python = b.cache('GOBIND_PYTHON')
    assert Path(gobind_python).parent == Path(sys.prefix) / 'bin', gobind_python
    b.build()
    assert b.python(GREET, interpreter=python).stdout == GREETING
    tag = run([python, '-c', 'import sysconfig; print(sysconfig.get_config_var("EXT_SUFFIX"))']).stdout.strip()
    assert os.path.basename(b.extension('hello')) == 'hello' + tag


def test_base_interpreter_of_the_venv_uses_the_venv_for_gobind(tmp_path):
    """Python3_EXECUTABLE = the interpreter the venv was made from (no gobind there): GOBIND_PYTHON is the venv's."""
    if sys.prefix == sys.base_prefix:
        pytest.skip('the tests do not run in a virtual environment')
    base = getattr(sys, '_base_executable', None)
    if not base or not os.path.isfile(base) or os.path.dirname(base) == os.path.dirname(sys.executable):
        base = os.path.join(sys.base_prefix, 'bin', 'python%d.%d' % sys.version_info[:2])
    b = CMakeBuild(HELLO_CMAKE, tmp_path / 'build')
    b.configure('-DCMAKE_PREFIX_PATH=%s' % site_packages(), '-DPython3_EXECUTABLE=' + base)
    assert Path(b.cache('GOBIND_PYTHON')).parent == Path(sys.prefix) / 'bin'


HELLO_SKBUILD = TEST_PROJECTS / 'hello_skbuild'


def _checkout_ignore(folder, names):
    """What not to copy of the checkout: VCS data, venvs, build folders and caches."""
    top = os.path.samefile(folder, str(ROOT))
    return [n for n in names if n in ('.git', '.venv', '__pycache__', '.pytest_cache')
            or n.startswith('.mesonpy-') or (top and (n.startswith('build') or n == 'dist'))]


@pytest.fixture(scope='module')
def gobind_wheels(tmp_path_factory) -> Path:
    """A folder holding a gobind wheel of this checkout, for pip --find-links."""
    tmp = tmp_path_factory.mktemp('gobind-wheel')
    checkout = tmp / 'gobind'
    shutil.copytree(str(ROOT), str(checkout), ignore=_checkout_ignore)
    wheels = tmp / 'wheels'
    proc = run([sys.executable, '-m', 'pip', 'wheel', '-q', '--no-deps', checkout, '-w', wheels], check=False)
    if proc.returncode != 0:
        pytest.skip('could not build a gobind wheel (package index unreachable?):\n' + proc.stdout[-2000:])
    return wheels


def test_skbuild_project_go_source_matches_hello():
    """hello_skbuild carries its own copy of the hello package (an sdist must hold the Go sources)."""
    for name in ('hello.go', 'go.mod'):
        assert (HELLO_SKBUILD / name).read_text() == (TEST_PROJECTS / 'hello' / name).read_text()


def test_cmake_root_entry_point_is_declared(gobind_wheels):
    """gobind's wheel declares the cmake.root entry point scikit-build-core reads (gobind_ROOT)."""
    (wheel,) = list(gobind_wheels.glob('gobind-*.whl'))
    with zipfile.ZipFile(str(wheel)) as whl:
        (name,) = [n for n in whl.namelist() if n.endswith('.dist-info/entry_points.txt')]
        text = whl.read(name).decode()
    assert '[cmake.root]\ngobind = gobind_module\n' in text.replace('\r\n', '\n'), text


@pytest.mark.slow
@pytest.mark.parametrize('site_packages_search', ['on', 'off'])
def test_scikit_build_core_wheel(site_packages_search, gobind_wheels, tmp_path):
    """pip wheel (build isolation on) of test_projects/hello_skbuild, with gobind in build-system.requires.

    No -D flag names gobind. scikit-build-core finds it through site-packages on CMAKE_PREFIX_PATH
    (its default) and through gobind's cmake.root entry point; with search.site-packages=false
    only the entry point is left.  GOBIND_PYTHON is the build interpreter, which imports gobind.
    gobind comes from a wheel of this checkout; scikit-build-core and gobind's dependencies
    from the package index (the test skips if that cannot be reached).
    """
    proj = tmp_path / 'proj'
    shutil.copytree(str(HELLO_SKBUILD), str(proj))
    settings = [] if site_packages_search == 'on' else ['--config-settings=search.site-packages=false']
    proc = run([sys.executable, '-m', 'pip', 'wheel', '-v', '--no-deps', '--find-links', gobind_wheels]
               + settings + [proj, '-w', tmp_path / 'out'], check=False)
    if proc.returncode != 0 and "Installing build dependencies: finished with status 'error'" in proc.stdout:
        pytest.skip('could not install scikit-build-core from the package index:\n' + proc.stdout[-2000:])
    assert proc.returncode == 0, proc.stdout[-6000:]
    assert 'gobind: build steps run with ' in proc.stdout
    built = [n for n in os.listdir(str(tmp_path / 'out')) if n.startswith('hello_skbuild-')]
    assert len(built) == 1, built
    with zipfile.ZipFile(str(tmp_path / 'out' / built[0])) as whl:
        names = whl.namelist()
        whl.extractall(str(tmp_path / 'site'))
    assert sorted(n for n in names if '.dist-info/' not in n) == sorted(
        ['hello.pyi', 'hello' + sysconfig.get_config_var('EXT_SUFFIX')])
    assert CMakeBuild(proj, tmp_path / 'site').python(GREET).stdout == GREETING


def _project(tmp_path, body: str, languages: str = 'C') -> CMakeBuild:
    src = tmp_path / 'src'
    src.mkdir()
    (src / 'CMakeLists.txt').write_text('cmake_minimum_required(VERSION 3.20)\nproject(p LANGUAGES %s)\n%s\n'
                                        % (languages, body))
    return CMakeBuild(src, tmp_path / 'build')


ERRORS = {
    'missing-dir': ('find_package(gobind CONFIG REQUIRED)\n'
                    'gobind_add_extension(hello github.com/me/hello DIR nowhere)',
                    [], "DIR '%(src)s/nowhere' is not a folder"),
    'keyword-name': ('find_package(gobind CONFIG REQUIRED)\n'
                     'gobind_add_extension(class github.com/me/hello DIR %(hello)s)',
                     [], "module name 'class' is not a Python identifier"),
    'bad-tag': ('find_package(gobind CONFIG REQUIRED)\n'
                'gobind_add_extension(hello github.com/me/hello DIR %(hello)s GO_TAGS linux "a b")',
                [], "gobind_add_extension(hello): GO_TAGS: 'a b' is not a Go build tag"),
    'hostile-package': ('find_package(gobind CONFIG REQUIRED)\n'
                        'gobind_add_extension(hello "-toolexec" DIR %(hello)s)',
                        [], "gobind_add_extension(hello): Go package '-toolexec' is not a Go import path"),
    'stray-argument': ('find_package(gobind CONFIG REQUIRED)\n'
                       'gobind_add_extension(hello github.com/me/hello %(hello)s)',
                       [], 'unexpected arguments: %(hello)s'),
    'python-without-gobind': ('find_package(gobind CONFIG REQUIRED)', ['-DGOBIND_PYTHON=%(true)s'],
                              "cannot import gobind_module"),
}


@pytest.mark.parametrize('case', sorted(ERRORS))
def test_configure_errors_are_clear(case, tmp_path):
    body, options, message = ERRORS[case]
    values = {'src': tmp_path / 'src', 'hello': TEST_PROJECTS / 'hello', 'true': shutil.which('true') or '/bin/true'}
    b = _project(tmp_path, body % values)
    proc = b.configure('-DCMAKE_PREFIX_PATH=%s' % site_packages(), *[o % values for o in options], check=False)
    assert proc.returncode != 0
    assert message % values in ' '.join(proc.stdout.split()), proc.stdout


def test_needs_the_c_language(tmp_path):
    b = _project(tmp_path, 'find_package(gobind CONFIG REQUIRED)', languages='NONE')
    proc = b.configure('-DCMAKE_PREFIX_PATH=%s' % site_packages(), check=False)
    assert proc.returncode != 0
    assert 'gobind needs the C language' in ' '.join(proc.stdout.split()), proc.stdout


def test_version_file(tmp_path):
    text = (site_packages() / 'gobind_module' / 'share' / 'cmake' / 'gobind' / 'gobindConfigVersion.cmake').read_text()
    version = re.search(r'set\(PACKAGE_VERSION "([^"]+)"\)', text).group(1)
    installed = run([sys.executable, '-c', 'import gobind_module; print(gobind_module.__version__)'],
                    cwd=tmp_path).stdout.strip()
    assert version == installed
    major, minor = version.split('.')[:2]
    checks = {
        '%s.%s' % (major, minor): 1,
        version: 1,
        '%d.0' % (int(major) + 1): 0,
        '%s.%d' % (major, int(minor) + 1): 0,
        '%s...<%d.0' % (version, int(major) + 1): 1,
        '%s.0...%s' % (major, version): 1,
        '%s.0...<%s' % (major, version): 0,
    }
    body = '\n'.join('find_package(gobind %s CONFIG QUIET)\nmessage(STATUS "check %s: ${gobind_FOUND}")' % (v, v)
                     for v in checks)
    out = _project(tmp_path, body).configure('-DCMAKE_PREFIX_PATH=%s' % site_packages()).stdout
    for v, found in checks.items():
        assert '-- check %s: %d' % (v, found) in out, out


def test_instantiate_binds_generics(tmp_path):
    """INSTANTIATE lists instantiations of generics, as Meson's instantiate keyword does."""
    src = tmp_path / 'src'
    src.mkdir()
    (src / 'CMakeLists.txt').write_text(
        'cmake_minimum_required(VERSION 3.18)\nproject(gen LANGUAGES C)\n'
        'find_package(gobind CONFIG REQUIRED)\n'
        'gobind_add_extension(generics example.com/generics DIR "%s" INSTANTIATE Max=int,float64 Pair=string,int)\n'
        % (TEST_PROJECTS / 'generics').as_posix())
    b = CMakeBuild(src, tmp_path / 'build')
    b.configure('-DCMAKE_PREFIX_PATH=%s' % site_packages(), '-DPython3_EXECUTABLE=%s' % sys.executable)
    b.build()
    out = b.python('import generics as m; print(m.Max[float](1.5, 2.0), m.Max(3, 4), m.Pair[str, int](Key="k").Key)')
    assert out.stdout.split() == ['2.0', '4', 'k'], out.stdout
