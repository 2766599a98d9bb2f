"""The cache is trusted only when that is safe: private folders, full keys, locked atomic entries."""

import os
import shutil
import stat
import subprocess
import sys

import pytest

from conftest import TEST_PROJECTS, run, tool

HELLO = TEST_PROJECTS / 'hello'
LOAD = ('import gobind_module\n'
        'm = gobind_module.load("github.com/me/hello", dir=%r)\n'
        'print(m.Hello("x"), hasattr(m, "Extra"))\n')


def _load(folder, cache, env=None, check=True, umask=0o022):
    """Runs load() of the hello package in folder in a new interpreter; returns the process."""
    full = dict(os.environ, GOBIND_CACHE_DIR=str(cache),
                PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ['PATH'], **(env or {}))
    proc = subprocess.run([sys.executable, '-c', LOAD % str(folder)], env=full, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, universal_newlines=True, umask=umask)
    if check:
        assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


def _hello(dest, greeting='hello'):
    shutil.copytree(str(HELLO), str(dest))
    src = dest / 'hello.go'
    src.write_text(src.read_text().replace('"hello %q from Go"', '"%s %%q from Go"' % greeting))
    return dest


def _refused(proc, path):
    assert proc.returncode != 0
    assert 'CacheTrustError' in proc.stderr, proc.stderr
    assert str(path) in proc.stderr, proc.stderr
    return proc.stderr


def test_cache_folders_are_private_and_group_writable_ones_are_refused(tmp_path):
    src, cache = _hello(tmp_path / 'hello'), tmp_path / 'cache'
    assert _load(src, cache).stdout.split()[0] == 'hello'
    for folder in [cache, cache / 'load', cache / 'inspector', cache / 'templates']:
        assert stat.S_IMODE(os.stat(str(folder)).st_mode) == 0o700, folder
    (entry,) = [p for p in (cache / 'load').iterdir() if p.is_dir()]
    for path, bits in [(cache, stat.S_IWGRP), (entry, stat.S_IWOTH)]:
        os.chmod(str(path), 0o700 | bits)
        err = _refused(_load(src, cache, check=False), path)
        assert 'writable by group or others' in err and 'chmod go-w' in err
        os.chmod(str(path), 0o700)
    assert _load(src, cache).stdout.split()[0] == 'hello'
    # The template cache holds compiled code that the gen step runs.
    templates = sorted((cache / 'templates').iterdir())
    for template in templates:
        os.chmod(str(template), 0o666)
    proc = run([tool('gobind'), 'gen', '--dir', src, '-o', tmp_path / 'gen', 'github.com/me/hello'],
               env={'GOBIND_CACHE_DIR': str(cache)}, check=False)
    assert proc.returncode == 1, proc.stdout
    assert any('cache path %s is writable' % t in proc.stdout for t in templates), proc.stdout


def test_a_group_writable_umask_still_makes_a_private_cache(tmp_path):
    """With umask 002 (common for users with their own group) everything in the cache is still
    private, so the checks pass: a second load() and the inspector work."""
    src, cache = _hello(tmp_path / 'hello'), tmp_path / 'cache'
    for _ in range(2):
        assert _load(src, cache, umask=0o002).stdout.split()[0] == 'hello'
    loose = [p for p in cache.rglob('*') if not p.is_symlink() and os.stat(str(p)).st_mode & 0o022]
    assert not loose, loose


def test_a_built_module_writable_by_others_is_never_imported(tmp_path):
    src, cache = _hello(tmp_path / 'hello'), tmp_path / 'cache'
    _load(src, cache)
    (module,) = [p for p in (cache / 'load').rglob('hello*.so') if 'modules' in p.parts]
    os.chmod(str(module), 0o777)
    _refused(_load(src, cache, check=False), module)


@pytest.mark.skipif(os.getuid() != 0, reason='making a folder owned by another user needs root')
def test_a_cache_folder_owned_by_another_user_is_refused(tmp_path):
    cache = tmp_path / 'cache'
    cache.mkdir(mode=0o700)
    (cache / 'inspector').mkdir(mode=0o700)
    os.chown(str(cache / 'inspector'), 65534, 65534)
    proc = run([tool('gobind'), 'inspect', '--dir', HELLO, 'github.com/me/hello'],
               env={'GOBIND_CACHE_DIR': str(cache)}, check=False)
    assert proc.returncode == 1
    assert 'cache path %s is owned by user id 65534' % (cache / 'inspector') in proc.stdout, proc.stdout


def test_inspector_binary_writable_by_others_is_never_run(tmp_path):
    cache = tmp_path / 'cache'
    env = {'GOBIND_CACHE_DIR': str(cache)}
    run([tool('gobind'), 'inspect', '--dir', HELLO, 'github.com/me/hello'], env=env)
    (binary,) = list((cache / 'inspector').rglob('gobind-inspect'))
    os.chmod(str(binary), 0o777)
    proc = run([tool('gobind'), 'inspect', '--dir', HELLO, 'github.com/me/hello'], env=env, check=False)
    assert proc.returncode == 1 and str(binary) in proc.stdout, proc.stdout


def test_build_tags_from_goflags_rebuild(tmp_path):
    src, cache = _hello(tmp_path / 'hello'), tmp_path / 'cache'
    (src / 'extra.go').write_text('//go:build extra\n\npackage hello\n\n// Extra exists with -tags=extra.\n'
                                  'func Extra() int { return 1 }\n')
    assert _load(src, cache).stdout.split()[-1] == 'False'
    assert _load(src, cache, env={'GOFLAGS': '-tags=extra'}).stdout.split()[-1] == 'True'
    assert _load(src, cache).stdout.split()[-1] == 'False'


def test_a_repointed_symlinked_dir_rebuilds(tmp_path):
    one, two, cache = _hello(tmp_path / 'one'), _hello(tmp_path / 'two', 'hi'), tmp_path / 'cache'
    link = tmp_path / 'link'
    link.symlink_to(one)
    assert _load(link, cache).stdout.split()[0] == 'hello'
    link.unlink()
    link.symlink_to(two)
    assert _load(link, cache).stdout.split()[0] == 'hi'


def test_four_processes_loading_one_unbuilt_package_all_succeed(tmp_path):
    src, cache = _hello(tmp_path / 'hello'), tmp_path / 'cache'
    env = dict(os.environ, GOBIND_CACHE_DIR=str(cache),
               PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ['PATH'])
    procs = [subprocess.Popen([sys.executable, '-c', LOAD % str(src)], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, universal_newlines=True) for _ in range(4)]
    results = [(p.wait(), p.stdout.read(), p.stderr.read()) for p in procs]
    for code, out, err in results:
        assert code == 0, err
        assert out.split()[0] == 'hello', out
    modules = [p for p in (cache / 'load').rglob('hello*.so') if 'modules' in p.parts]
    assert len(modules) == 1, modules


def test_a_cross_goarch_does_not_poison_the_inspector_cache(tmp_path):
    """The inspector runs on this machine: GOOS/GOARCH of a cross build do not change the cached binary."""
    env = {'GOBIND_CACHE_DIR': str(tmp_path / 'cache')}
    other = 'arm64' if os.uname().machine in ('x86_64', 'amd64') else 'amd64'
    for extra in ({'GOARCH': other}, {}):
        proc = run([tool('gobind'), 'inspect', '--dir', HELLO, 'github.com/me/hello'], env=dict(env, **extra))
        assert proc.stdout.startswith('package github.com/me/hello (module hello)'), proc.stdout
