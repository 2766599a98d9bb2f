"""gobind works with the oldest Meson its metadata allows and with the newest Meson release.

Both ends come from real places: the oldest from the `meson>=X` requirement of the installed
gobind (so the declared range is what is tested), the newest from the package index.
Each gets its own venv with gobind from this checkout; the builds are slow tests (`-m "not slow"` skips them).
"""

import importlib.metadata
import os
import re
import subprocess
import sys

import pytest

from conftest import ROOT, TEST_PROJECTS, MesonBuild, run


def declared_meson_minimum() -> str:
    """X of the `meson>=X` requirement in gobind's installed metadata."""
    found = [re.match(r'^meson\s*>=\s*([\d.]+)\s*$', r) for r in importlib.metadata.requires('gobind') or []]
    found = [m.group(1) for m in found if m]
    assert len(found) == 1, importlib.metadata.requires('gobind')
    return found[0]


def _version(text: str) -> tuple:
    """'1.1' -> (1, 1, 0)"""
    parts = [int(p) for p in re.findall(r'\d+', text)[:3]]
    return tuple(parts + [0] * (3 - len(parts)))


@pytest.fixture(scope='session', params=['oldest', 'newest'])
def meson_venv(request, tmp_path_factory):
    """(venv, wanted version or None) with that Meson, ninja, jinja2 and gobind from this checkout."""
    venv = tmp_path_factory.mktemp('meson-' + request.param) / 'venv'
    run([sys.executable, '-m', 'venv', '--without-pip', venv])
    py = venv / 'bin' / 'python'
    wanted = declared_meson_minimum() if request.param == 'oldest' else None
    spec = 'meson==' + wanted if wanted else 'meson'
    proc = run([sys.executable, '-m', 'pip', '--python', py, 'install', '-q', '--upgrade', spec, 'ninja', 'jinja2'],
               check=False)
    if proc.returncode != 0:
        pytest.skip('could not install %s from the package index:\n%s' % (spec, proc.stdout[-2000:]))
    run([sys.executable, '-m', 'pip', '--python', py, 'install', '-q', '--no-deps', ROOT])
    return venv, wanted


def test_declared_range_matches_meson_build():
    """pyproject.toml's meson requirement, gobind's own meson.build and the generated project agree."""
    minimum = declared_meson_minimum()
    assert "meson_version: '>=%s'" % minimum in (ROOT / 'meson.build').read_text()
    assert "meson_version: '>=%s'" % minimum in (ROOT / 'gobind_module' / 'build' / 'project.py').read_text()


@pytest.mark.slow
def test_meson_builds_hello(meson_venv, tmp_path):
    venv, wanted = meson_venv
    meson = venv / 'bin' / 'meson'
    version = run([meson, '--version']).stdout.strip()
    if wanted:
        assert _version(version) == _version(wanted)
    assert _version(version) >= _version(declared_meson_minimum())
    b = MesonBuild(TEST_PROJECTS / 'hello', tmp_path / 'build')
    env = dict(os.environ, PATH=str(venv / 'bin') + os.pathsep + os.environ['PATH'])
    for cmd in ([meson, 'setup', b.builddir, b.source], [venv / 'bin' / 'ninja', '-C', b.builddir],
                [meson, 'install', '-C', b.builddir, '--destdir', tmp_path / 'dest', '--quiet']):
        proc = subprocess.run([str(c) for c in cmd], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              universal_newlines=True)
        assert proc.returncode == 0, 'meson %s: %s\n%s' % (version, cmd, proc.stdout)
    out = b.python('import hello; print(hello.Hello("meson %s"))' % version,
                   interpreter=str(venv / 'bin' / 'python')).stdout
    assert out.strip() == 'hello "meson %s" from Go' % version
    assert sorted(p.name for p in (tmp_path / 'dest').rglob('hello*')) == sorted(
        ['hello.pyi', os.path.basename(b.extension('hello'))])


@pytest.mark.slow
def test_meson_builds_peer_modules(meson_venv, tmp_path):
    """test_projects/multi (an extension and two peer modules, one Go runtime) with this Meson."""
    venv, _ = meson_venv
    meson = venv / 'bin' / 'meson'
    b = MesonBuild(TEST_PROJECTS / 'multi', tmp_path / 'build')
    env = dict(os.environ, PATH=str(venv / 'bin') + os.pathsep + os.environ['PATH'])
    for cmd in ([meson, 'setup', b.builddir, b.source], [venv / 'bin' / 'ninja', '-C', b.builddir],
                [meson, 'install', '-C', b.builddir, '--destdir', tmp_path / 'dest', '--quiet']):
        proc = subprocess.run([str(c) for c in cmd], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              universal_newlines=True)
        assert proc.returncode == 0, '%s\n%s' % (cmd, proc.stdout)
    out = b.python('import tally, paint, shapes; print(paint.Bump() + shapes.Bump(), tally.Total())',
                   interpreter=str(venv / 'bin' / 'python')).stdout
    assert out.split() == ['3', '2']
    assert sorted(p.name.split('.')[0] + p.suffix for p in (tmp_path / 'dest').rglob('*')
                  if p.suffix in ('.so', '.pyi')) == \
        ['paint.pyi', 'paint.so', 'shapes.pyi', 'shapes.so', 'tally.pyi', 'tally.so']
