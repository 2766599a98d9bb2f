"""What distribution packagers do: meson install --destdir, their CC/CFLAGS/LDFLAGS/GOFLAGS,
vendored Go modules built with no network, reproducible builds, and cross files.

test_projects/vendored is a Go package that needs another module, example.com/greeting.
The tests publish that module (from test_projects/vendored/greeting-module) to a module
proxy in a temporary folder (GOPROXY=file://...), run `go mod vendor` against it, and then
build with GOFLAGS=-mod=vendor, GOPROXY=off, an empty module cache and dead HTTP proxies.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import TEST_PROJECTS, MesonBuild, run, tool

from gobind_module.build.generate import go_build_env, go_target

VENDORED = TEST_PROJECTS / 'vendored'
GREETING_MODULE = VENDORED / 'greeting-module'
DEAD_PROXY = 'http://127.0.0.1:9'
OFFLINE = dict(GOPROXY='off', GOSUMDB='off', GONOSUMDB='', GOTOOLCHAIN='local',
               HTTP_PROXY=DEAD_PROXY, HTTPS_PROXY=DEAD_PROXY, http_proxy=DEAD_PROXY, https_proxy=DEAD_PROXY,
               NO_PROXY='', no_proxy='')


# ---------------------------------------------------------------------------------------
# helpers


def publish_module(src: Path, proxy: Path, path: str, version: str) -> None:
    """Writes module `path`@`version` from folder src into proxy, in GOPROXY's file layout."""
    where = proxy / path / '@v'
    where.mkdir(parents=True, exist_ok=True)
    (where / 'list').write_text(version + '\n')
    (where / (version + '.info')).write_text(json.dumps({'Version': version, 'Time': '2024-01-01T00:00:00Z'}))
    (where / (version + '.mod')).write_text((src / 'go.mod').read_text())
    with zipfile.ZipFile(str(where / (version + '.zip')), 'w') as z:
        for f in sorted(src.rglob('*')):
            if f.is_file():
                z.write(str(f), '%s@%s/%s' % (path, version, f.relative_to(src).as_posix()))


def go(args, cwd, env) -> str:
    """Runs the go command; the test fails with its output if it fails."""
    return run([shutil.which('go') or pytest.fail('go is not on PATH')] + list(args), cwd=cwd, env=env).stdout


def vendored_copy(tmp: Path) -> Path:
    """A copy of test_projects/vendored with vendor/ made by `go mod vendor` from a local proxy."""
    src = tmp / 'vendored'
    shutil.copytree(str(VENDORED), str(src))
    proxy = tmp / 'proxy'
    publish_module(GREETING_MODULE, proxy, 'example.com/greeting', 'v0.1.0')
    # go.sum is committed: the published module must hash to what it records.
    go(['mod', 'vendor'], src, dict(GOPROXY=proxy.as_uri(), GOFLAGS='-mod=mod', GOSUMDB='off',
                                    GOMODCACHE=str(tmp / 'modcache-online'), GOTOOLCHAIN='local'))
    assert (src / 'vendor' / 'example.com' / 'greeting' / 'greeting.go').is_file()
    return src


def write_script(path: Path, text: str) -> Path:
    path.write_text(text)
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


def logging_cc(folder: Path, log: Path, real: str = 'cc') -> Path:
    """A C compiler wrapper that appends one JSON line (args and Go target variables) per call to log."""
    folder.mkdir(parents=True, exist_ok=True)
    return write_script(folder / 'logging-cc', '''#!%s
import json, os, sys
with open(%r, 'a') as f:
    f.write(json.dumps({'args': sys.argv[1:], 'cwd': os.getcwd(),
                        'env': {k: os.environ.get(k) for k in ('GOOS', 'GOARCH', 'CGO_ENABLED')}}) + '\\n')
os.execvp(%r, [%r] + sys.argv[1:])
''' % (sys.executable, str(log), real, real))


def cc_calls(log: Path) -> list:
    return [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []


def readelf_dynamic(path: str) -> str:
    return run(['readelf', '-d', path]).stdout


# ---------------------------------------------------------------------------------------
# meson install --destdir


@pytest.mark.parametrize('project, files', [
    ('hello', ['hello.pyi', 'hello{ext}']),
    # Meson byte-compiles installed Python sources (python.bytecompile); gobind installs none.
    ('hello_typed', ['hellopkg/__init__.py', 'hellopkg/__pycache__/__init__.{tag}.pyc', 'hellopkg/hello.pyi',
                     'hellopkg/hello{ext}', 'hellopkg/py.typed']),
])
def test_install_destdir_layout(project, files, tmp_path):
    """A package build: --prefix=/usr, then `meson install --destdir`: only the module and its stub, in site-packages."""
    b = MesonBuild(TEST_PROJECTS / project, tmp_path / 'build')
    b.setup('--prefix=/usr', '--buildtype=plain')
    b.ninja()
    dest = tmp_path / 'dest'
    run([tool('meson'), 'install', '-C', b.builddir, '--destdir', dest, '--quiet'])
    installed = sorted(p.relative_to(dest).as_posix() for p in dest.rglob('*') if not p.is_dir())
    site = os.path.commonpath(installed)
    if project == 'hello_typed':
        site = os.path.dirname(site)
    assert site.startswith('usr/lib') and os.path.basename(site) in ('site-packages', 'dist-packages'), installed
    ext = os.path.basename(b.extension('hello'))[len('hello'):]
    assert installed == sorted('%s/%s' % (site, f.format(ext=ext, tag=sys.implementation.cache_tag)) for f in files)
    # The installed tree works where it was put (no build-folder paths, no rpath needed).
    proc = subprocess.run([sys.executable, '-c', 'import hello; print(hello.Hello("destdir"))' if project == 'hello'
                           else 'from hellopkg import Hello; print(Hello("destdir"))'],
                          cwd=str(tmp_path), env=dict(os.environ, PYTHONPATH=str(dest / site)),
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True)
    assert proc.stdout.strip() == 'hello "destdir" from Go', proc.stdout
    so = [f for f in installed if f.endswith('.so')][0]
    assert 'RPATH' not in readelf_dynamic(str(dest / so)) and 'RUNPATH' not in readelf_dynamic(str(dest / so))


# ---------------------------------------------------------------------------------------
# a packager's environment, with a vendored dependency and no network


@pytest.fixture(scope='module')
def distro_build(tmp_path_factory):
    """test_projects/vendored built as a distro would: CC, CFLAGS, LDFLAGS and GOFLAGS set, offline.

    Returns (MesonBuild, the CC wrapper's log).
    """
    tmp = tmp_path_factory.mktemp('distro')
    src = vendored_copy(tmp)
    log = tmp / 'cc.log'
    env = dict(OFFLINE,
               CC=str(logging_cc(tmp / 'bin', log)),
               CFLAGS='-O2 -DGOBIND_DISTRO_MARK=42',
               LDFLAGS='-Wl,-z,now',
               GOFLAGS='-mod=vendor -tags=gobind_extra -ldflags=-X=example.com/app.suffix=!',
               GOMODCACHE=str(tmp / 'modcache-empty'))
    b = MesonBuild(src, tmp / 'build')
    run([tool('meson'), 'setup', b.builddir, src, '--buildtype=plain'], env=env)
    # A packager's build step has the same environment, but CC and CFLAGS must already be recorded.
    build_env = {k: v for k, v in env.items() if k not in ('CC', 'CFLAGS', 'LDFLAGS')}
    run([tool('ninja'), '-C', b.builddir], env=build_env)
    return b, log


def test_vendored_module_builds_offline(distro_build):
    b, _ = distro_build
    assert b.python('import app; print(app.Hello("distro"))').stdout.strip() == 'greetings, distro! +tag'
    assert not list((b.builddir.parent / 'modcache-empty').glob('*/*')), 'Go downloaded modules'


def test_without_vendor_an_offline_build_stops_clearly(tmp_path):
    """The control for the test above: the same build without vendor/ needs the network, and says so."""
    src = tmp_path / 'vendored'
    shutil.copytree(str(VENDORED), str(src))
    b = MesonBuild(src, tmp_path / 'build')
    env = dict(OFFLINE, GOMODCACHE=str(tmp_path / 'modcache-empty'))
    proc = run([tool('meson'), 'setup', b.builddir, src], env=env, check=False)
    assert proc.returncode != 0   # the package is checked at setup
    errors = [line.split(' ERROR: ', 1)[1] for line in proc.stdout.splitlines() if ' ERROR: gobind: ' in line]
    assert len(errors) == 1, proc.stdout
    assert 'example.com/greeting' in errors[0] and 'GOPROXY=off' in errors[0], errors


def test_cc_is_used_by_meson_and_cgo(distro_build):
    _, log = distro_build
    calls = cc_calls(log)
    meson_c = [c for c in calls if any(a.endswith(('app_gobind.c', 'app_support.c')) for a in c['args'])]
    cgo = [c for c in calls if any(a.endswith('_cgo_export.c') for a in c['args'])]
    assert meson_c and cgo, [c['args'] for c in calls]
    assert all(c['env']['CGO_ENABLED'] is None for c in meson_c)


def test_cflags_reach_the_c_compile_and_cgo(distro_build):
    b, log = distro_build
    calls = cc_calls(log)
    meson_c = [c for c in calls if any(a.endswith(('app_gobind.c', 'app_support.c')) for a in c['args'])]
    cgo = [c for c in calls if any(a.endswith('_cgo_export.c') for a in c['args'])]
    assert all('-DGOBIND_DISTRO_MARK=42' in c['args'] for c in meson_c + cgo)
    # ... and the Go package's own C code was compiled with it.
    assert b.python('import app; print(app.Mark())').stdout.strip() == '42'


def test_ldflags_reach_the_link(distro_build, built):
    b, log = distro_build
    links = [c for c in cc_calls(log) if any(a.endswith('.so') for a in c['args']) and '-shared' in c['args']]
    assert links and all('-Wl,-z,now' in c['args'] for c in links)
    flags = [line for line in readelf_dynamic(b.extension('app')).splitlines() if '(FLAGS' in line]
    assert any('NOW' in line for line in flags), flags
    # Control: without LDFLAGS the module is not linked with -z now.
    assert 'NOW' not in readelf_dynamic(built('hello').extension('hello'))


def test_goflags_tags_and_ldflags_are_kept(distro_build):
    """GOFLAGS' -tags picks extra.go; its -ldflags=-X sets app.suffix next to gobind's own -ldflags."""
    b, _ = distro_build
    assert b.python('import app; print(app.Hello("x"))').stdout.strip().endswith('! +tag')
    command = [line for line in (b.builddir / 'build.ninja').read_text().splitlines() if ' go-build ' in line]
    assert command and '-ldflags' not in command[0]  # set by gobind at run time, merged with GOFLAGS'


# ---------------------------------------------------------------------------------------
# reproducible builds


def test_two_clean_builds_are_identical(tmp_path):
    """The same sources, unpacked and built in different folders (default debug build, with -g): same bytes."""
    outputs = []
    for where in ('one', 'second/deeper'):
        src = tmp_path / where / 'src'
        shutil.copytree(str(TEST_PROJECTS / 'hello'), str(src))
        b = MesonBuild(src, tmp_path / where / ('build-%d' % len(outputs)))
        b.setup()
        b.ninja()
        outputs.append(Path(b.extension('hello')).read_bytes())
        assert str(tmp_path).encode() not in outputs[-1]
    assert outputs[0] == outputs[1]


# ---------------------------------------------------------------------------------------
# cross files


@pytest.mark.parametrize('machine, expected', [
    (('linux', 'aarch64', 'aarch64', 'little'), {'GOOS': 'linux', 'GOARCH': 'arm64'}),
    (('linux', 'arm', 'armv7hl', 'little'), {'GOOS': 'linux', 'GOARCH': 'arm', 'GOARM': '7'}),
    (('linux', 'ppc64', 'ppc64le', 'little'), {'GOOS': 'linux', 'GOARCH': 'ppc64le'}),
    (('linux', 'ppc64', 'ppc64', 'big'), {'GOOS': 'linux', 'GOARCH': 'ppc64'}),
    (('linux', 'x86', 'i686', 'little'), {'GOOS': 'linux', 'GOARCH': '386'}),
    (('windows', 'x86_64', 'x86_64', 'little'), {'GOOS': 'windows', 'GOARCH': 'amd64'}),
    (('darwin', 'aarch64', 'aarch64', 'little'), {'GOOS': 'darwin', 'GOARCH': 'arm64'}),
    (('linux', 'riscv64', 'riscv64', 'little'), {'GOOS': 'linux', 'GOARCH': 'riscv64'}),
])
def test_go_target_of_meson_machines(machine, expected):
    assert go_target(*machine) == expected


def test_cross_environment_overrides_the_build_machine():
    """In a cross build the cross file's compiler and target win over CC/GOARCH of the environment."""
    environ = {'CC': 'gcc', 'GOARCH': 'amd64', 'CGO_CFLAGS': '-O1', 'PATH': '/usr/bin'}
    env = go_build_env(environ, cc='aarch64-linux-gnu-gcc', cflags=['-DX="a b"'],
                       host=('linux', 'aarch64', 'aarch64', 'little'))
    assert (env['GOOS'], env['GOARCH'], env['CC'], env['CGO_ENABLED']) == ('linux', 'arm64', 'aarch64-linux-gnu-gcc', '1')
    assert env['CGO_CFLAGS'] == '-O1 \'-DX="a b"\''
    # A native build keeps the environment's CC.
    assert go_build_env(environ, cc='cc')['CC'] == 'gcc'


def test_unknown_cross_cpu_is_one_clear_error():
    with pytest.raises(Exception) as e:
        go_target('linux', 'sparc64', 'sparc64', 'big')
    assert str(e.value).startswith("gobind: Go has no port for the host CPU family 'sparc64'")


def test_meson_cross_file_reaches_the_go_step(tmp_path):
    """meson setup --cross-file for linux/aarch64: the Go step runs with GOOS/GOARCH/CC/CGO_ENABLED of the host.

    No aarch64 C toolchain is needed: the "cross compiler" is a wrapper around the native one
    that logs how it was called, so the Go step itself cannot finish (runtime/cgo's arm64
    assembly), but what it ran with is recorded.
    """
    log = tmp_path / 'cc.log'
    cc = logging_cc(tmp_path / 'bin', log)
    cross = tmp_path / 'aarch64.ini'
    cross.write_text('[binaries]\nc = %r\npkg-config = %r\n\n'
                     "[host_machine]\nsystem = 'linux'\ncpu_family = 'aarch64'\ncpu = 'aarch64'\nendian = 'little'\n"
                     % (str(cc), shutil.which('pkg-config') or 'pkg-config'))
    b = MesonBuild(TEST_PROJECTS / 'hello', tmp_path / 'build')
    proc = b.setup('--cross-file', cross)
    assert 'Host machine cpu family: aarch64' in proc.stdout
    command = [line for line in (b.builddir / 'build.ninja').read_text().splitlines() if ' go-build ' in line]
    assert command and '--host-machine linux,aarch64,aarch64,little' in command[0], command
    proc = run([tool('ninja'), '-C', b.builddir, 'libhello_gobind.a'], check=False, env={'CC': 'gcc'})
    go_calls = [c for c in cc_calls(log) if c['env']['GOARCH']]
    assert go_calls, proc.stdout
    assert {(c['env']['GOOS'], c['env']['GOARCH'], c['env']['CGO_ENABLED']) for c in go_calls} == {('linux', 'arm64', '1')}
