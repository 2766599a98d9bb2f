"""Rebuilds after editing Go code (docs/performance.md): the go-build step runs `go build` only
when something that goes into the archive changed.  A comment leaves the compiled package, and
so the archive, unchanged; a code change builds again and the new function is callable.

Which go commands ran is seen through GOBIND_GO pointing at a wrapper that logs them."""

import os
import shutil
import sys

from conftest import MesonBuild, run, tool


def _logging_go(folder):
    """A `go` that logs its arguments to folder/go.log, then runs the real go."""
    real = shutil.which('go')
    os.makedirs(str(folder))
    wrapper = folder / 'go'
    wrapper.write_text('#!/bin/sh\necho "$*" >> "%s"\nexec "%s" "$@"\n' % (folder / 'go.log', real))
    wrapper.chmod(0o755)
    return wrapper, folder / 'go.log'


def _go_builds(log):
    """The `go build` commands logged since the log was last cleared (and clears it)."""
    lines = log.read_text().splitlines() if log.exists() else []
    if log.exists():
        log.unlink()
    return [ln for ln in lines if ln.startswith('build ')]


def test_comment_edit_skips_go_build_and_code_edit_builds(project_copy, tmp_path):
    src = project_copy('hello')
    go, log = _logging_go(tmp_path / 'gobin')
    env = {'GOBIND_GO': str(go)}
    b = MesonBuild(src, tmp_path / 'build')
    b.setup()
    run([tool('ninja'), '-C', b.builddir], env=env)
    assert len(_go_builds(log)) == 1
    archive = b.builddir / 'libhello_gobind.a'
    before = archive.read_bytes()
    built_time = archive.stat().st_mtime_ns

    with open(str(src / 'hello.go'), 'a') as f:
        f.write('\n// A comment changes no code.\n')
    out = run([tool('ninja'), '-C', b.builddir], env=env).stdout
    assert 'hello_gobind_go' in out, out          # the step ran (its inputs changed) ...
    assert _go_builds(log) == []                  # ... but did not run go build
    assert archive.read_bytes() == before and archive.stat().st_mtime_ns >= built_time
    assert 'no work to do' in run([tool('ninja'), '-C', b.builddir], env=env).stdout
    code = 'import hello; print(hello.Hello("you"))'
    assert b.python(code).stdout.strip() == 'hello "you" from Go'

    with open(str(src / 'hello.go'), 'a') as f:
        f.write('\n// Twice returns 2*n.\nfunc Twice(n int) int { return 2 * n }\n')
    run([tool('ninja'), '-C', b.builddir], env=env)
    assert len(_go_builds(log)) == 1
    assert b.python('import hello; print(hello.Twice(21))').stdout.strip() == '42'
    assert 'no work to do' in run([tool('ninja'), '-C', b.builddir], env=env).stdout


def test_changed_go_settings_build_again(project_copy, tmp_path):
    """A build setting that the stamp covers (here CGO_CFLAGS) makes go build run again."""
    src = project_copy('hello')
    go, log = _logging_go(tmp_path / 'gobin')
    b = MesonBuild(src, tmp_path / 'build')
    b.setup()
    run([tool('ninja'), '-C', b.builddir], env={'GOBIND_GO': str(go)})
    _go_builds(log)
    gofile = str(b.builddir / 'hello_gobind.go')
    archive = str(b.builddir / 'libhello_gobind.a')
    step = [sys.executable, '-m', 'gobind_module', 'go-build', '-v', '--dir', str(src), '--api',
            str(b.builddir / 'hello_api.json'), '-o', archive, gofile, str(b.builddir / 'hello_support.go')]
    env = {'GOBIND_GO': str(go), 'CC': 'cc'}
    assert 'libhello_gobind.a built' in run(step, env=dict(env, CGO_CFLAGS='-O1')).stdout
    assert 'libhello_gobind.a is up to date' in run(step, env=dict(env, CGO_CFLAGS='-O1')).stdout
    assert len(_go_builds(log)) == 1
    assert 'libhello_gobind.a built' in run(step, env=dict(env, CGO_CFLAGS='-O2')).stdout


def test_new_function_recompiles_the_module_but_not_the_support_code(project_copy, tmp_path):
    """gobind's support code is its own object: a change of the Go API rewrites and recompiles the
    module's C file, while the support sources stay as they were and are not compiled again."""
    src = project_copy('hello')
    b = MesonBuild(src, tmp_path / 'build')
    b.setup()
    run([tool('ninja'), '-C', b.builddir])
    objects = {name: next(b.builddir.glob('*.p/*%s.o' % name)) for name in ('hello_gobind.c', 'hello_support.c')}
    built = {name: obj.stat().st_mtime_ns for name, obj in objects.items()}

    with open(str(src / 'hello.go'), 'a') as f:
        f.write('\n// Thrice returns 3*n.\nfunc Thrice(n int) int { return 3 * n }\n')
    out = run([tool('ninja'), '-C', b.builddir]).stdout
    assert 'hello_gobind.c.o' in out and 'hello_support.c.o' not in out, out
    assert objects['hello_gobind.c'].stat().st_mtime_ns > built['hello_gobind.c']
    assert objects['hello_support.c'].stat().st_mtime_ns == built['hello_support.c']
    assert b.python('import hello; print(hello.Thrice(14))').stdout.strip() == '42'
