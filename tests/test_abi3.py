"""limited_api: test_projects/abi3 built once for Python's limited API (abi3) imports and works on
CPython 3.11, 3.12 and 3.13; the same project built with the full API works on every Python here."""

import os
import subprocess

import pytest

from conftest import TEST_PROJECTS, MesonBuild, pyenv_python, run, tool

CHECK = os.path.join(os.path.dirname(__file__), 'abi3', 'check_abi3.py')


def _check(builddir, interpreter):
    """Runs tests/abi3/check_abi3.py against the module in builddir; returns its last line."""
    proc = subprocess.run([interpreter, CHECK], cwd=str(builddir), env=dict(os.environ, PYTHONPATH=str(builddir)),
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True)
    assert proc.returncode == 0, proc.stdout
    return proc.stdout.strip().splitlines()[-1]


@pytest.fixture(scope='module')
def abi3_build(tmp_path_factory):
    python = pyenv_python('3.11')
    if python is None:
        pytest.skip('no Python 3.11 under pyenv')
    b = MesonBuild(TEST_PROJECTS / 'abi3', tmp_path_factory.mktemp('abi3') / 'build')
    b.setup('-Dpython=' + python, '-Dlimited_api=3.11')
    b.ninja()
    return b


def test_limited_api_module_is_named_abi3(abi3_build):
    assert os.path.basename(abi3_build.extension('abi3')) == 'abi3.abi3.so'


@pytest.mark.parametrize('version', ['3.11', '3.12', '3.13'])
def test_one_abi3_build_runs_on(abi3_build, version):
    python = pyenv_python(version)
    if python is None:
        pytest.skip('no Python %s under pyenv' % version)
    assert _check(abi3_build.builddir, python) == 'ok %s abi3.abi3.so' % subprocess.check_output(
        [python, '-c', 'import platform; print(platform.python_version())'], universal_newlines=True).strip()


@pytest.mark.slow
@pytest.mark.parametrize('version', ['2.7', '3.6', '3.8', '3.12', '3.13'])
def test_full_api_build_runs_on(tmp_path, version):
    python = pyenv_python(version)
    if python is None:
        pytest.skip('no Python %s under pyenv' % version)
    b = MesonBuild(TEST_PROJECTS / 'abi3', tmp_path / 'build')
    b.setup('-Dpython=' + python)
    b.ninja()
    assert 'abi3' not in os.path.basename(b.extension('abi3')).split('.')[1:-1]
    assert _check(b.builddir, python).startswith('ok ')


def test_limited_api_older_than_3_11_stops_setup_with_one_line(tmp_path):
    proc = run([tool('meson'), 'setup', tmp_path / 'build', TEST_PROJECTS / 'abi3', '-Dlimited_api=3.9'], check=False)
    assert proc.returncode != 0
    assert ("gobind.extension: limited_api '3.9' is not a Python 3 version of 3.11 or newer, such as '3.11' "
            '(empty: the full API)') in proc.stdout
