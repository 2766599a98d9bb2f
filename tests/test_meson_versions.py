"""gobind works with the oldest Meson it supports (1.1) as well as the newest one the suite runs with."""

import os
import subprocess
import sys

import pytest

from conftest import ROOT, TEST_PROJECTS, MesonBuild, run

OLDEST_MESON = '1.1.1'


@pytest.fixture(scope='session')
def old_meson_venv(tmp_path_factory):
    """A venv with Meson 1.1.1 and gobind from this checkout."""
    venv = tmp_path_factory.mktemp('meson-old') / 'venv'
    run([sys.executable, '-m', 'venv', venv])
    py = venv / 'bin' / 'python'
    proc = run([py, '-m', 'pip', 'install', '-q', 'meson==' + OLDEST_MESON, 'ninja', 'jinja2'], check=False)
    if proc.returncode != 0:
        pytest.skip('could not install meson %s from the package index:\n%s' % (OLDEST_MESON, proc.stdout[-2000:]))
    run([py, '-m', 'pip', 'install', '-q', '--no-deps', ROOT])
    return venv


def test_oldest_supported_meson_builds_hello(old_meson_venv, tmp_path):
    meson = old_meson_venv / 'bin' / 'meson'
    assert run([meson, '--version']).stdout.strip() == OLDEST_MESON
    b = MesonBuild(TEST_PROJECTS / 'hello', tmp_path / 'build')
    env = dict(os.environ, PATH=str(old_meson_venv / 'bin') + os.pathsep + os.environ['PATH'])
    proc = subprocess.run([str(meson), 'setup', str(b.builddir), str(b.source)], env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True)
    assert proc.returncode == 0, proc.stdout
    proc = subprocess.run([str(old_meson_venv / 'bin' / 'ninja'), '-C', str(b.builddir)], env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True)
    assert proc.returncode == 0, proc.stdout
    out = b.python('import hello; print(hello.Hello("old meson"))',
                   interpreter=str(old_meson_venv / 'bin' / 'python')).stdout
    assert out.strip() == 'hello "old meson" from Go'


def test_supported_range_is_declared():
    text = (ROOT / 'pyproject.toml').read_text()
    assert '"meson>=1.1"' in text
