"""manylinux wheels without a container: CC=gobind-zig-cc (Zig's C compiler from PyPI, aimed at glibc 2.17).

The commands of docs/wheels.md#publishing-to-pypi run as written (their blocks are marked as
mirrored by test_publishing_commands) in a git copy of test_projects/hello_wheel, from a
frontend venv that gets build, ziglang, auditwheel and twine from the package index and gobind
from a wheel of this checkout (find-links).  The repaired wheel's module is then checked:
symbol versions, libraries, debug info.  test_missing_zig checks the error without Zig.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, TEST_PROJECTS, MesonBuild, tool
from test_docs_commands import blocks
from test_wheels import (EXT_SUFFIX, GREETING, WHEEL_FILES, _copy_project, _env, _make_venv, _one, _run,
                         _top_level_files, gobind_dist, work)  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.slow,   # fresh venvs with ziglang, auditwheel and twine from PyPI: minutes
              pytest.mark.skipif(not sys.platform.startswith('linux') or os.uname().machine != 'x86_64',
                                 reason='manylinux x86_64 wheels are built and checked on Linux x86_64')]

#: The blocks of docs/wheels.md this file runs.
MARK = 'tests/test_manylinux.py::test_publishing_commands'
#: The oldest glibc a manylinux2014 wheel may ask for.
GLIBC_MAX = (2, 17)


def _git_copy(dest: Path) -> Path:
    """A committed git copy of hello_wheel: meson-python's sdist needs one."""
    src = _copy_project(dest)
    git = ['git', '-c', 'user.name=gobind tests', '-c', 'user.email=tests@gobind.invalid',
           '-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false']
    for args in (['init', '-q'], ['add', '-A'], ['commit', '-q', '-m', 'hello-go']):
        _run(git + args, cwd=src)
    return src


@pytest.fixture(scope='session')
def published(work, gobind_dist):
    """(project folder, output by block) of the Publishing to PyPI commands of docs/wheels.md."""
    if not shutil.which('git'):
        pytest.skip('git is not installed (meson-python makes sdists with meson dist, which needs git)')
    frontend = _make_venv(work / 'zig-frontend', with_pip=True)
    src = _git_copy(work / 'hello_manylinux')
    script = ['set -euo pipefail']
    for b in blocks('wheels.md'):
        if b.mark('mirrored by') == MARK:
            script += ['echo "### %d"' % b.line, b.text.replace('/tmp/try-manylinux', str(work / 'try-manylinux'))]
    assert len(script) == 5, 'docs/wheels.md should have two blocks mirrored by ' + MARK
    # The frontend venv is "activated": its bin folder (pip, python, python-zig) comes first on PATH.
    env = _env(PIP_FIND_LINKS=str(gobind_dist), VIRTUAL_ENV=str(frontend.parent.parent), COLUMNS='200')
    env['PATH'] = str(frontend.parent) + os.pathsep + env['PATH']
    out = _run(['bash', '-c', '\n'.join(script)], cwd=src, env=env, timeout=1800)
    out = re.sub(r'\x1b\[[0-9;]*m', '', out)  # twine colours its verdicts
    parts = re.split(r'^### (\d+)\n', out, flags=re.M)[1:]
    return src, {int(line): text for line, text in zip(parts[::2], parts[1::2])}


def _block_output(published, first: str) -> str:
    (b,) = [b for b in blocks('wheels.md') if b.mark('mirrored by') == MARK and b.text.startswith(first)]
    return published[1][b.line]


def test_publishing_commands(published):
    """auditwheel says manylinux_2_17; twine passes the sdist and the repaired wheel; it imports."""
    built = _block_output(published, 'pip install build')
    assert re.search(r'consistent with the\s+following platform tag:\s+"manylinux_2_17_x86_64"', built), built
    assert re.search(r'Checking\s+wheelhouse/\S+manylinux_2_17_x86_64\.whl:\s+PASSED', built), built
    assert re.search(r'Checking\s+dist/hello_go-0\.1\.0\.tar\.gz:\s+PASSED', built), built
    assert _block_output(published, 'python -m venv').splitlines()[-1] == GREETING


def _repaired(published) -> Path:
    return _one(published[0] / 'wheelhouse', '*.whl')


def test_repaired_wheel_is_manylinux2014_and_holds_only_the_module(published):
    tag = 'cp%d%d' % sys.version_info[:2]
    assert _repaired(published).name == 'hello_go-0.1.0-%s-%s-manylinux2014_x86_64.manylinux_2_17_x86_64.whl' % (
        tag, tag)
    # Nothing grafted (no hello_go.libs/): the module needs only glibc's libraries.
    assert _top_level_files(_repaired(published)) == WHEEL_FILES


def _glibc_versions(so: str) -> list:
    """The GLIBC_x.y versions of the symbols an ELF file imports, as (x, y) tuples."""
    out = _run(['readelf', '--dyn-syms', '--wide', so], env=dict(os.environ))
    return sorted({tuple(map(int, v.split('.'))) for v in re.findall(r'@GLIBC_(\d+\.\d+(?:\.\d+)?)', out)})


@pytest.mark.skipif(not shutil.which('readelf'), reason='needs readelf (binutils)')
def test_module_asks_for_glibc_2_17_at_most(published, tmp_path):
    """Every glibc symbol of the module, the Go runtime's included, has a version of 2.17 or older;
    the module exports only PyInit_hello, needs no libpython and carries no debug info."""
    with zipfile.ZipFile(str(_repaired(published))) as z:
        z.extract('hello' + EXT_SUFFIX, str(tmp_path))
    so = str(tmp_path / ('hello' + EXT_SUFFIX))
    versions = _glibc_versions(so)
    print('GLIBC versions:', versions, 'size: %d bytes' % os.path.getsize(so))
    assert versions and max(versions) <= GLIBC_MAX, versions
    dynamic = _run(['readelf', '-d', '--wide', so], env=dict(os.environ))
    needed = set(re.findall(r'\(NEEDED\)\s+Shared library: \[(.+?)\]', dynamic))
    assert needed <= {'libc.so.6', 'libpthread.so.0', 'libdl.so.2', 'libm.so.6'}, needed
    sections = _run(['readelf', '-S', '--wide', so], env=dict(os.environ))
    assert not re.findall(r'\] (\.z?debug_\w+)', sections)
    symbols = _run(['readelf', '--dyn-syms', '--wide', so], env=dict(os.environ))
    exported = {line.split()[-1] for line in symbols.splitlines()
                if ' GLOBAL ' in line and ' UND ' not in line and line.split()[-1] != 'Ndx'}
    assert exported == {'PyInit_hello'}, exported


def _zigless_compiler(tmp_path: Path) -> Path:
    """gobind-zig-cc as run by a Python that has no ziglang (a bare venv)."""
    python = _make_venv(tmp_path / 'nozig')
    cc = tmp_path / 'zigless-cc'
    cc.write_text('#!%s\nimport sys\nsys.path.insert(0, %r)\nfrom gobind_module.build.zigcc import main\nmain()\n'
                  % (python, str(ROOT)))
    cc.chmod(0o755)
    return cc


def test_missing_zig(tmp_path):
    """Without ziglang, python-zig or zig, gobind-zig-cc says to pip install ziglang; Meson stops at
    project() and keeps that line in its log."""
    cc = _zigless_compiler(tmp_path)
    bare_path = os.pathsep.join(os.path.dirname(shutil.which(t)) for t in ('go', 'pkg-config', 'git', 'sh'))
    env = {'PATH': bare_path, 'HOME': str(tmp_path), 'LC_ALL': 'C.UTF-8'}
    proc = subprocess.run([str(cc), '--version'], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, stdin=subprocess.DEVNULL, start_new_session=True)
    assert proc.returncode == 1 and proc.stdout == ''
    assert re.match(r'gobind-zig-cc: Zig was not found for \S+; pip install ziglang ', proc.stderr), proc.stderr
    build = tmp_path / 'build'
    proc = subprocess.run([tool('meson'), 'setup', str(build), str(TEST_PROJECTS / 'hello')],
                          env=dict(env, CC=str(cc)), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True, start_new_session=True)
    assert proc.returncode != 0
    assert "ERROR: Unknown compiler(s): [['%s']]" % cc in proc.stdout, proc.stdout
    assert 'pip install ziglang' in (build / 'meson-logs' / 'meson-log.txt').read_text()


@pytest.mark.skipif(not shutil.which('readelf'), reason='needs readelf (binutils)')
def test_native_file_and_another_glibc(tmp_path):
    """The compiler named in a Meson native file, with --glibc=2.28: Meson and cgo both get it."""
    native = tmp_path / 'zig.ini'
    native.write_text("[binaries]\nc = ['gobind-zig-cc', '--glibc=2.28']\n")
    b = MesonBuild(TEST_PROJECTS / 'hello', tmp_path / 'build')
    setup = b.setup('--native-file=%s' % native, '-Dbuildtype=release').stdout
    assert 'C compiler for the host machine: gobind-zig-cc --glibc=2.28 (clang ' in setup, setup
    assert "--cc 'gobind-zig-cc$ --glibc=2.28'" in (b.builddir / 'build.ninja').read_text()  # ninja's "$ " is " "
    b.ninja()
    assert max(_glibc_versions(b.extension('hello'))) <= (2, 28)
    assert b.python('import hello; print(hello.Hello("zig"))').stdout.strip() == 'hello "zig" from Go'
