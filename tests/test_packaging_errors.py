"""A missing or too old Go and a bad package path stop every entry point with one clear line.

Each case runs the real tool a user runs: `meson setup`, `ninja`, `gobind bind`, load().
A "too old" Go is a script that answers `go version` like Go 1.19 would.
"""

import os
import re
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
    # the error points at the user's gobind.extension() line (line 5 of test_projects/hello/meson.build)
    assert len(lines) == 1 and re.match(r'(.*/)?meson\.build:5:\d+: ERROR: gobind: ', lines[0]), proc.stdout
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


def _project(tmp_path, package):
    """A copy of hello's Go module with a meson.build binding `package` (line 2)."""
    src = tmp_path / 'src'
    src.mkdir()
    for name in ('go.mod', 'hello.go'):
        (src / name).write_text((HELLO / name).read_text())
    (src / 'meson.build').write_text("project('typo', 'c')\n"
                                     "import('gobind').extension('hello', %r)\n" % package)
    return src


def _setup_error(tmp_path, src, env):
    """The one gobind line of a failing `meson setup` (Meson's ERROR line, at the user's call)."""
    proc = run([tool('meson'), 'setup', tmp_path / 'build', src], env=env, check=False)
    assert proc.returncode != 0
    lines = _gobind_lines(proc.stdout)
    assert len(lines) == 1 and re.match(r'(.*/)?meson\.build:2:\d+: ERROR: gobind: ', lines[0]), proc.stdout
    assert 'Traceback' not in proc.stdout
    return lines[0].split(' ERROR: ', 1)[1]


def test_meson_setup_with_a_typo_in_the_package_path(tmp_path, env):
    """A package path that does not exist stops setup, not ninja, and the advice is the path, not go get."""
    line = _setup_error(tmp_path, _project(tmp_path, 'github.com/me/helo'), env)
    assert line.startswith('gobind: cannot load package "github.com/me/helo": it is not in module '
                           'github.com/me/hello'), line
    assert 'did you mean "github.com/me/hello"? Check the path and dir:' in line and 'go get' not in line, line


def test_meson_setup_with_a_package_of_no_required_module(tmp_path, env):
    """A path far from every known module may be a module missing from go.mod: then go get is suggested too."""
    line = _setup_error(tmp_path, _project(tmp_path, 'example.org/elsewhere/pkg'), env)
    assert 'check the path and dir:' in line and 'go get example.org/elsewhere/pkg' in line, line


def test_meson_setup_with_a_syntax_error(tmp_path, env):
    """A Go file that does not parse stops setup with Go's position and message."""
    src = _project(tmp_path, 'github.com/me/hello')
    with open(str(src / 'hello.go'), 'a') as f:
        f.write('\nfunc Broken( {\n')
    line = _setup_error(tmp_path, src, env)
    assert line.startswith('gobind: cannot load package "github.com/me/hello": ') and 'hello.go:' in line, line
    assert "expected ')'" in line, line


def test_meson_setup_check_is_cached_until_a_file_changes(tmp_path, env):
    """A passing check is kept in meson-private; editing a Go file makes the next setup check again."""
    src = _project(tmp_path, 'github.com/me/hello')
    run([tool('meson'), 'setup', tmp_path / 'build', src], env=env)
    cached = list((tmp_path / 'build' / 'meson-private').glob('gobind-precheck-hello.json'))
    assert len(cached) == 1
    with open(str(src / 'hello.go'), 'a') as f:
        f.write('\nfunc Broken( {\n')
    proc = run([tool('meson'), 'setup', '--reconfigure', tmp_path / 'build', src], env=env, check=False)
    assert proc.returncode != 0 and "expected ')'" in proc.stdout, proc.stdout


def test_gobind_bind_with_a_bad_package_path(tmp_path, env):
    proc = run([tool('gobind'), 'bind', '--dir', HELLO, '-o', tmp_path / 'out', 'github.com/me/helo'],
               env=env, check=False)
    assert proc.returncode == 1
    assert proc.stdout.strip().splitlines() == [
        line for line in proc.stdout.splitlines() if line.startswith('gobind: cannot load package "github.com/me/helo": ')]


def test_gobind_bind_outside_a_go_module_suggests_dir(tmp_path, env):
    proc = run([tool('gobind'), 'bind', '-o', tmp_path / 'out', 'github.com/me/hello'], cwd=tmp_path,
               env=env, check=False)
    assert proc.returncode == 1
    assert proc.stdout.strip().splitlines() == [
        'gobind: cannot load package "github.com/me/hello": there is no go.mod in %s or a folder above it, so Go '
        'has no module to look in; run from a folder of the package\'s Go module, or name one with --dir'
        % tmp_path], proc.stdout


def test_load_with_a_typo_names_the_likely_package(tmp_path, env):
    code = ('import gobind_module\n'
            'try:\n'
            '    gobind_module.load("github.com/me/helo", dir=%r)\n'
            'except gobind_module.GobindError as e:\n'
            '    print(e)\n' % str(HELLO))
    proc = subprocess.run([sys.executable, '-c', code], env=dict(os.environ, **env), stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, universal_newlines=True)
    assert proc.stdout.strip().splitlines() == [
        'gobind: cannot load package "github.com/me/helo": it is not in module github.com/me/hello (%s) or in a '
        'module its go.mod requires; did you mean "github.com/me/hello"? Check the path and dir=' % HELLO], proc.stdout


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
