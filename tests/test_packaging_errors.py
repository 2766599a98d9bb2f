"""A missing or too old Go and a bad package path stop every entry point with one clear line.

Each case runs the real tool a user runs: `meson setup`, `ninja`, `gobind bind`, load().
A "too old" Go is a script that answers `go version` like Go 1.19 would.
"""

import os
import subprocess
import sys

import pytest

from conftest import TEST_PROJECTS, MesonBuild, bindir, run, tool

HELLO = TEST_PROJECTS / 'hello'
NO_GO_PATH = os.pathsep.join([bindir(), '/usr/bin', '/bin'])


@pytest.fixture
def old_go(tmp_path):
    """A folder holding a `go` that reports go1.19.3."""
    folder = tmp_path / 'old-go'
    folder.mkdir()
    go = folder / 'go'
    go.write_text('#!/bin/sh\necho "go version go1.19.3 linux/amd64"\n')
    go.chmod(0o755)
    return folder


def _gobind_lines(output: str) -> list:
    """The lines of a tool's output that carry gobind's message (Meson wraps it in its ERROR line)."""
    return [line for line in output.splitlines() if 'gobind: ' in line]


@pytest.fixture
def env(tmp_path):
    return {'GOBIND_CACHE_DIR': str(tmp_path / 'cache')}


CASES = {
    'no-go-on-path': (lambda old: {'PATH': NO_GO_PATH, 'GOBIND_GO': ''},
                      'gobind: the Go toolchain was not found on PATH; install Go 1.21 or newer (https://go.dev/dl/)'),
    'gobind-go-missing': (lambda old: {'GOBIND_GO': '/nonexistent/go'},
                          'gobind: GOBIND_GO=/nonexistent/go is not an executable go command; point it at the go '
                          'of Go 1.21 or newer'),
    'go-too-old': (lambda old: {'PATH': str(old) + os.pathsep + os.environ['PATH'], 'GOBIND_GO': ''},
                   'is go1.19.3, too old; install Go 1.21 or newer (https://go.dev/dl/)'),
}


@pytest.mark.parametrize('case', sorted(CASES))
def test_meson_setup_checks_go(case, tmp_path, env, old_go):
    """gobind.extension() checks Go when Meson configures: Meson's ERROR line is gobind's message."""
    extra, message = CASES[case]
    env.update(extra(old_go))
    proc = run([tool('meson'), 'setup', tmp_path / 'build', HELLO], env=env, check=False)
    assert proc.returncode != 0
    lines = _gobind_lines(proc.stdout)
    assert len(lines) == 1 and 'ERROR: Problem encountered: gobind: ' in lines[0], proc.stdout
    assert message in lines[0], lines


@pytest.mark.parametrize('case', sorted(CASES))
def test_gobind_bind_checks_go(case, tmp_path, env, old_go):
    extra, message = CASES[case]
    env.update(extra(old_go))
    proc = run([tool('gobind'), 'bind', '--dir', HELLO, '-o', tmp_path / 'out', 'github.com/me/hello'],
               env=env, check=False)
    assert proc.returncode == 1
    assert proc.stdout.strip().splitlines() == _gobind_lines(proc.stdout)[:1], proc.stdout
    assert message in proc.stdout, proc.stdout


def test_meson_setup_reports_the_go_it_uses(tmp_path, env):
    proc = MesonBuild(HELLO, tmp_path / 'build').setup()
    found = [line for line in proc.stdout.splitlines() if line.startswith('Message: gobind: hello: Go go1.')]
    assert len(found) == 1, proc.stdout


def test_ninja_with_a_bad_package_path(tmp_path, env):
    """A package path that does not exist passes setup; the build's first step stops with one gobind line."""
    src = tmp_path / 'src'
    src.mkdir()
    for name in ('go.mod', 'hello.go'):
        (src / name).write_text((HELLO / name).read_text())
    (src / 'meson.build').write_text("project('typo', 'c')\n"
                                     "import('gobind').extension('hello', 'github.com/me/helo')\n")
    run([tool('meson'), 'setup', tmp_path / 'build', src], env=env)
    proc = run([tool('ninja'), '-C', tmp_path / 'build'], env=env, check=False)
    assert proc.returncode != 0
    lines = _gobind_lines(proc.stdout)
    assert lines == [line for line in proc.stdout.splitlines() if line.startswith('gobind: ')], proc.stdout
    assert len(lines) == 1 and lines[0].startswith('gobind: cannot load package "github.com/me/helo": '), proc.stdout
    assert 'Traceback' not in proc.stdout


def test_gobind_bind_with_a_bad_package_path(tmp_path, env):
    proc = run([tool('gobind'), 'bind', '--dir', HELLO, '-o', tmp_path / 'out', 'github.com/me/helo'],
               env=env, check=False)
    assert proc.returncode == 1
    assert proc.stdout.strip().splitlines() == [
        line for line in proc.stdout.splitlines() if line.startswith('gobind: cannot load package "github.com/me/helo": ')]


def test_load_without_go_raises_one_line(tmp_path, env):
    code = ('import gobind_module\n'
            'try:\n'
            '    gobind_module.load("github.com/me/hello", dir=%r)\n'
            'except gobind_module.GobindError as e:\n'
            '    print(type(e).__name__, e)\n' % str(HELLO))
    proc = subprocess.run([sys.executable, '-c', code], env=dict(os.environ, PATH=NO_GO_PATH, GOBIND_GO='', **env),
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True)
    assert proc.stdout.strip().splitlines() == [
        'GobindError gobind: the Go toolchain was not found on PATH; install Go 1.21 or newer '
        '(https://go.dev/dl/) or set GOBIND_GO to its go command'], proc.stdout
