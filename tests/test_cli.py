"""The gobind command (bind, gen, inspect) and gobind_module.load(), run as a user would."""

import os
import re
import subprocess
import sys
import time

import pytest

from conftest import TEST_PROJECTS, run, tool

HELLO = TEST_PROJECTS / 'hello'


@pytest.fixture
def cache(cold_cache):
    """A private gobind cache, so each test's builds start cold."""
    return cold_cache


def _py(code, cwd, env=None):
    full = dict(os.environ, **(env or {}))
    proc = subprocess.run([sys.executable, '-c', code], cwd=str(cwd), env=full,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout


def test_bind_inside_module_writes_extension_here(tmp_path, cache, project_copy):
    src = project_copy('hello')
    run([tool('gobind'), 'bind', 'github.com/me/hello'], cwd=src, env=cache)
    built = [n for n in os.listdir(str(src)) if n.startswith('hello') and n.endswith('.so')]
    assert len(built) == 1, os.listdir(str(src))
    assert os.path.exists(str(src / 'hello.pyi'))
    assert _py('import hello; print(hello.Hello("bind"))', src).strip() == 'hello "bind" from Go'


def test_bind_shows_one_line_per_step_and_a_cold_go_runtime(tmp_path, cache):
    """By default `gobind bind` prints gobind's own lines and ninja's [n/N] steps, nothing of Meson's
    chatter; with an empty Go build cache the go-build step first says the Go runtime is being
    compiled.  -v shows everything, -q nothing."""
    env = dict(cache, GOCACHE=str(tmp_path / 'gocache'))
    proc = run([tool('gobind'), 'bind', '--dir', HELLO, '-o', tmp_path / 'out', 'github.com/me/hello'], env=env)
    lines = proc.stdout.strip().splitlines()
    assert lines[0] == 'gobind: configuring module hello of github.com/me/hello (meson setup)', lines
    assert lines[-1].startswith('gobind: built ') and lines[-1].endswith('.so'), lines
    steps = [line for line in lines[1:-1] if not line.startswith('gobind: ')]
    assert steps and all(re.match(r'\[\d+/\d+\] ', line) for line in steps), lines
    notes = [line for line in lines[1:-1] if line.startswith('gobind: ')]
    assert notes == ['gobind: compiling the Go runtime for these settings for the first time (about 30 s; '
                     'Go caches it for later builds)'], lines
    # the Go cache is warm now: a build in a new folder says nothing of the runtime
    again = run([tool('gobind'), 'bind', '--dir', HELLO, '-o', tmp_path / 'out2', '--name', 'hello2',
                 'github.com/me/hello'], env=env).stdout
    assert 'Go runtime' not in again and 'gobind: configuring module hello2' in again, again
    quiet = run([tool('gobind'), 'bind', '-q', '--dir', HELLO, '-o', tmp_path / 'out3', '--name', 'hello3',
                 'github.com/me/hello'], env=env).stdout
    assert quiet.strip().splitlines() == ['gobind: built %s' % next((tmp_path / 'out3').glob('hello3.*.so'))]
    verbose = run([tool('gobind'), 'bind', '-v', '--dir', HELLO, '-o', tmp_path / 'out4', '--name', 'hello4',
                   'github.com/me/hello'], env=env).stdout
    assert 'The Meson build system' in verbose and 'Project name: gobind-one' in verbose, verbose


def test_bind_with_dir_and_outdir(tmp_path, cache):
    out = tmp_path / 'out'
    run([tool('gobind'), 'bind', '--dir', HELLO, '-o', out, 'github.com/me/hello'], cwd=tmp_path, env=cache)
    assert _py('import hello; print(hello.Hello("dir"))', out).strip() == 'hello "dir" from Go'


def test_gen_writes_sources_only(tmp_path, cache):
    out = tmp_path / 'gen'
    run([tool('gobind'), 'gen', '--dir', HELLO, '-o', out, 'github.com/me/hello'], cwd=tmp_path, env=cache)
    assert sorted(os.listdir(str(out))) == sorted([
        'hello_gobind.go', 'hello_gobind.c', 'hello_abi.h', 'hello.pyi', 'hello.map', 'hello_api.json',
        'hello_types.h', 'hello_support.h', 'hello_support.c', 'hello_support.go'])


def test_inspect_lists_exports_and_skips(tmp_path, cache):
    out = run([tool('gobind'), 'inspect', '--dir', TEST_PROJECTS / 'scalars', 'example.com/scalars'],
              env=cache).stdout
    assert 'package example.com/scalars (module scalars)' in out
    assert '  Hello' not in out
    assert '  Sqrt(x: float) -> float' in out
    assert '  None_() -> str' in out
    skipped = out.split('skipped:')[1]
    assert 'Raw: result 1: unsafe.Pointer is not supported' in skipped


def test_bad_package_path_is_one_clear_error(tmp_path, cache):
    proc = run([tool('gobind'), 'inspect', '--dir', HELLO, 'github.com/me/nope'], env=cache, check=False)
    assert proc.returncode == 1
    lines = proc.stdout.strip().splitlines()
    assert lines[0].startswith('gobind: '), proc.stdout
    assert 'github.com/me/nope' in lines[0]
    assert 'Traceback' not in proc.stdout


def test_missing_go_is_reported(tmp_path, cache):
    env = dict(cache, GOBIND_GO='', PATH=os.path.dirname(sys.executable))
    proc = run([tool('gobind'), 'inspect', '--dir', HELLO, 'github.com/me/hello'], env=env, check=False)
    # run() prepends the test env's bin folder only, so `go` is not on PATH.
    assert proc.returncode == 1
    assert 'Go toolchain was not found' in proc.stdout


def test_load_builds_caches_and_invalidates(tmp_path, cache, project_copy):
    src = project_copy('hello')
    code = ('import gobind_module, time\n'
            't = time.time()\n'
            'm = gobind_module.load("github.com/me/hello", dir=%r)\n'
            'print(m.Hello("load"))\n'
            'print(time.time() - t)\n' % str(src))
    first = _py(code, tmp_path, cache).splitlines()
    assert first[0] == 'hello "load" from Go'
    second = _py(code, tmp_path, cache).splitlines()
    assert second[0] == 'hello "load" from Go'
    assert float(second[1]) < 1.0, 'a cached load took %ss' % second[1]

    time.sleep(1.1)
    with open(str(src / 'hello.go'), 'a') as f:
        f.write('\n// Extra is new.\nfunc Extra() int { return 42 }\n')
    out = _py('import gobind_module\n'
              'm = gobind_module.load("github.com/me/hello", dir=%r)\n'
              'print(m.Extra())\n' % str(src), tmp_path, cache)
    assert out.strip() == '42'


def test_load_after_an_edit_in_the_same_process_says_so(tmp_path, cache, project_copy):
    """load() of an edited package in a process that imported the old build raises GobindError
    saying so (never the old module in silence); a new process gets the new build."""
    src = project_copy('hello')
    code = ('import gobind_module, time\n'
            'm = gobind_module.load("github.com/me/hello", dir=%r)\n'
            'print(m.Hello("a"))\n'
            'assert gobind_module.load("github.com/me/hello", dir=%r) is m\n'
            'time.sleep(1.1)\n'
            'with open(%r, "a") as f:\n'
            '    f.write("\\n// Extra is new.\\nfunc Extra() int { return 42 }\\n")\n'
            'try:\n'
            '    gobind_module.load("github.com/me/hello", dir=%r)\n'
            'except gobind_module.GobindError as e:\n'
            '    print(e)\n'
            'print(hasattr(m, "Extra"))\n' % (str(src), str(src), str(src / 'hello.go'), str(src)))
    out = _py(code, tmp_path, cache).splitlines()
    assert out[0] == 'hello "a" from Go' and out[2] == 'False', out
    assert out[1].startswith("gobind: load('github.com/me/hello'): the Go package changed since this process "
                             "imported module 'hello'") and 'new process' in out[1], out
    assert _py('import gobind_module\nprint(gobind_module.load("github.com/me/hello", dir=%r).Extra())\n'
               % str(src), tmp_path, cache).strip() == '42'


def test_load_reports_go_compiler_errors(tmp_path, cache, project_copy):
    src = project_copy('hello')
    with open(str(src / 'hello.go'), 'a') as f:
        f.write('\nfunc Broken() int { return "not an int" }\n')
    proc = subprocess.run([sys.executable, '-c', 'import gobind_module; gobind_module.load("github.com/me/hello", dir=%r)' % str(src)],
                          env=dict(os.environ, **cache), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True)
    assert proc.returncode != 0
    assert 'GobindError' in proc.stderr
    assert 'hello.go' in proc.stderr and 'not an int' in proc.stderr


def test_load_with_submodules_rebuilds_when_a_submodule_changes(tmp_path, cache, project_copy):
    """load(submodules=...) binds more packages into the module; editing one of them rebuilds."""
    src = project_copy('crosspkg')
    code = ('import gobind_module\n'
            'm = gobind_module.load("example.com/crosspkg", dir=%r, submodules={"money": "example.com/crosspkg/money"})\n'
            'print(int(m.money.Pay(100)), int(m.Total(m.money.NewWallet("ann"))), int(%s))\n')
    assert _py(code % (str(src), '0'), tmp_path, cache).split() == ['125', '0', '0']
    time.sleep(1.1)
    with open(str(src / 'money' / 'money.go'), 'a') as f:
        f.write('\n// Tip is new.\nfunc Tip() Amount { return 10 }\n')
    assert _py(code % (str(src), 'm.money.Tip()'), tmp_path, cache).split() == ['125', '0', '10']
