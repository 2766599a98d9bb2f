"""The generated sources as product code: golden files, determinism, warning-free C, vetted Go."""

import filecmp
import json
import os
import shutil
import subprocess
import sys
import sysconfig

import pytest

from conftest import TEST_PROJECTS, check_golden, golden_path, pyenv_python, run

from gobind_module.build.generate import generate, write_peer
from gobind_module.build.manifest import manifest_text

PACKAGES = {'hello': 'github.com/me/hello', 'scalars': 'example.com/scalars', 'structs': 'example.com/structs',
            'named': 'example.com/named', 'slices': 'example.com/slices', 'funcs': 'example.com/funcs',
            'vars': 'example.com/vars', 'errors': 'example.com/errors', 'maps': 'example.com/maps',
            'callbacks': 'example.com/callbacks', 'pointers': 'example.com/pointers',
            'interfaces': 'example.com/interfaces', 'crosspkg': 'example.com/crosspkg',
            'shapes': 'example.com/multi/shapes', 'iters': 'example.com/iters',
            'borrow': 'example.com/borrow', 'names_edge': 'example.com/names_edge',
            'funcvals': 'example.com/funcvals', 'vec': 'example.com/vec', 'channels': 'example.com/channels',
            'names': 'example.com/names', 'generics': 'example.com/generics', 'aio': 'example.com/aio'}
#: Packages bound as submodules, as in the projects' meson.build.
SUBMODULES = {'crosspkg': {'money': 'example.com/crosspkg/money'}}
#: Options of the gen step besides the package, as in the projects' meson.build.
OPTIONS = {'names': {'pep8_names': True},
           'generics': {'instantiate': {'Max': ['int', 'float64'], 'Pair': ['string,int'], 'First': ['string,int']}}}
#: Projects whose folder is not named after their module.
PROJECT_DIRS = {'shapes': 'multi'}
#: The peer modules of an extension (the project's later gobind.extension() calls).
PEERS = {'shapes': [{'name': 'paint', 'module': 'paint', 'package': 'example.com/multi/paint', 'gil': {}},
                    {'name': 'tally', 'module': 'tally', 'package': 'example.com/multi/tally', 'gil': {}}]}


def project_dir(name):
    return TEST_PROJECTS / PROJECT_DIRS.get(name, name)
SOURCES = ['{n}_gobind.go', '{n}_gobind.c', '{n}_abi.h', '{n}.pyi', '{n}.map']


@pytest.fixture(scope='module')
def generated(tmp_path_factory):
    """Each test package generated twice into separate folders."""
    out = {}
    for name, path in PACKAGES.items():
        dirs = []
        for i in range(2):
            d = tmp_path_factory.mktemp('%s%d' % (name, i))
            manifest = None
            if name in PEERS:
                manifest = tmp_path_factory.mktemp('manifest') / 'peers.json'
                manifest.write_text(manifest_text(PEERS[name]))
            generate(path, str(project_dir(name)), str(d), submodules=SUBMODULES.get(name),
                     peers_manifest=str(manifest) if manifest else None, **OPTIONS.get(name, {}))
            for peer in PEERS.get(name, []):
                write_peer(str(d / ('%s_api.json' % name)), name, peer['name'], str(d))
            dirs.append(d)
        out[name] = dirs
    return out


@pytest.mark.parametrize('name', sorted(PACKAGES))
@pytest.mark.parametrize('pattern', SOURCES)
def test_golden_sources(generated, update_golden, name, pattern):
    fname = pattern.format(n=name)
    text = (generated[name][0] / fname).read_text()
    check_golden(golden_path(name, fname), text, update_golden)


@pytest.mark.parametrize('name', sorted(PACKAGES))
def test_golden_api_json(generated, update_golden, name):
    data = json.loads((generated[name][0] / ('%s_api.json' % name)).read_text())
    for d in [data] + list(data.get('submodules', {}).values()):
        d['go_version'] = '<go version>'
        # build IDs depend on the Go release; that the package's own is there is what matters
        assert d['build_ids'][d['package']['path']]
        d['build_ids'] = '<build ids>'
    text = json.dumps(data, indent=2, sort_keys=True) + '\n'
    text = text.replace(str(project_dir(name)), '<project>')
    check_golden(golden_path(name, '%s_api.json' % name), text, update_golden)


PEER_MODULES = [(name, p['name']) for name in sorted(PEERS) for p in PEERS[name]]


@pytest.mark.parametrize('peer', PEER_MODULES, ids=str)
@pytest.mark.parametrize('suffix', ['_gobind_peer.c', '.pyi'])
def test_golden_peer_modules(generated, update_golden, peer, suffix):
    """The C source of the extension standing in for each peer module, and the peer's stub."""
    name, peer = peer
    check_golden(golden_path(name, peer + suffix), (generated[name][0] / (peer + suffix)).read_text(), update_golden)


@pytest.mark.parametrize('peer', PEER_MODULES, ids=str)
def test_peer_module_c_compiles_without_warnings(generated, peer, tmp_path):
    name, peer = peer
    src = generated[name][0] / (peer + '_gobind_peer.c')
    for label, include in _python_includes():
        _compile(src, include, tmp_path / ('%s-%s' % (peer, label)))


@pytest.mark.parametrize('name', sorted(PACKAGES))
def test_same_input_same_bytes(generated, name):
    a, b = generated[name]
    names = sorted(os.listdir(str(a)))
    assert names == sorted(os.listdir(str(b)))
    match, mismatch, errors = filecmp.cmpfiles(str(a), str(b), names, shallow=False)
    assert not mismatch and not errors


def _compilers():
    """(label, command) of each C compiler the generated C must build with, warning-free: this
    machine's cc (gcc here), and clang as the ziglang package ships it (or clang on PATH)."""
    found = [('cc', ['cc'])]
    if shutil.which('clang'):
        found.append(('clang', ['clang']))
    elif subprocess.run([sys.executable, '-c', 'import ziglang'], stdout=subprocess.DEVNULL,
                        stderr=subprocess.DEVNULL).returncode == 0:
        found.append(('zig-clang', [sys.executable, '-m', 'ziglang', 'cc']))
    return found


def _compile(src, include, out, d=None):
    """Compiles one generated C file with every compiler of _compilers() (-Wall -Wextra -Werror)."""
    for label, cc in _compilers():
        run(cc + ['-c', '-std=gnu99', '-Wall', '-Wextra', '-Werror', '-O2', '-fPIC', '-I' + include]
            + (['-I' + str(d)] if d else []) + [src, '-o', '%s-%s.o' % (out, label)])


def test_clang_is_among_the_compilers():
    """CI installs ziglang (a test dependency), so the generated C is checked under clang too."""
    assert [label for label, _ in _compilers()][1:] in (['clang'], ['zig-clang'])


def _python_includes():
    """(label, include dir) of every Python whose headers this machine has."""
    found = [('this', sysconfig.get_paths()['include'])]
    for version in ('2.7', '3.8', '3.13'):
        exe = pyenv_python(version)
        if exe:
            inc = subprocess.check_output([exe, '-c', 'import sysconfig; print(sysconfig.get_paths()["include"])'],
                                          universal_newlines=True).strip()
            found.append((version, inc))
    return found


@pytest.mark.parametrize('name', sorted(PACKAGES))
def test_c_compiles_without_warnings(generated, name, tmp_path):
    d = generated[name][0]
    for label, include in _python_includes():
        _compile(d / ('%s_gobind.c' % name), include, tmp_path / ('%s-%s' % (name, label)), d)


def test_support_c_compiles_without_warnings(generated, tmp_path):
    """gobind's support code is the same for every module (below), so one module's copy is checked."""
    d = generated['hello'][0]
    for label, include in _python_includes():
        _compile(d / 'hello_support.c', include, tmp_path / ('support-%s' % label), d)


def _default_visibility_symbols(obj):
    """The symbols an object file defines that a shared library would export (global, default visibility)."""
    out = run(['readelf', '-sW', obj]).stdout
    rows = [line.split() for line in out.splitlines()]
    return sorted(r[7] for r in rows if len(r) == 8 and r[4] in ('GLOBAL', 'WEAK') and r[5] == 'DEFAULT'
                  and r[6] != 'UND')


@pytest.mark.parametrize('name', ['hello', 'iters', 'slices'])
def test_support_symbols_are_hidden(generated, name, tmp_path):
    """The support code's symbols (and the hooks table the module defines for it) have hidden visibility,
    even before the version script: they never bind across extensions.  A module's own default ones are its
    init function and the C functions its Go side calls, named after the module."""
    d = generated[name][0]
    include = sysconfig.get_paths()['include']
    for src in ('%s_support.c' % name, '%s_gobind.c' % name):
        run(['cc', '-c', '-O2', '-fPIC', '-I' + include, '-I' + str(d), d / src, '-o', tmp_path / (src + '.o')])
    assert _default_visibility_symbols(tmp_path / ('%s_support.c.o' % name)) == []
    module = _default_visibility_symbols(tmp_path / ('%s_gobind.c.o' % name))
    assert 'PyInit_' + name in module
    assert [s for s in module if s != 'PyInit_' + name and not s.startswith('gobind_%s_' % name)] == []


#: gobind's support code, written beside each module under the module's name.
SUPPORT = ['{n}_types.h', '{n}_support.h', '{n}_support.c', '{n}_support.go']


@pytest.mark.parametrize('pattern', SUPPORT)
def test_support_is_the_same_for_every_module(generated, pattern):
    """Apart from the names of the module's files it includes, each support file is the template's text."""
    texts = {}
    for name in PACKAGES:
        text = (generated[name][0] / pattern.format(n=name)).read_text()
        texts[name] = text.replace('"%s_' % name, '"NAME_').replace('module %s,' % name, 'module NAME,')
    assert len(set(texts.values())) == 1, sorted(texts)


@pytest.mark.parametrize('name', sorted(PACKAGES))
def test_go_is_gofmt_clean_and_vetted(generated, name):
    d = generated[name][0]
    gofiles = [d / ('%s_gobind.go' % name), d / ('%s_support.go' % name)]
    assert run(['gofmt', '-l'] + gofiles).stdout.strip() == ''
    run(['go', 'vet'] + gofiles, cwd=project_dir(name))


def test_inspector_is_vetted(tmp_path):
    from gobind_module.inspect.goapi import helper_sources
    srcs = helper_sources()
    assert [s.name for s in srcs if s.name == 'main.go'] == ['main.go']
    for src in srcs:
        assert run(['gofmt', '-l', src]).stdout.strip() == ''
        (tmp_path / src.name).write_text(src.read_text())
    run(['go', 'vet'] + [s.name for s in srcs], cwd=tmp_path, env={'GO111MODULE': 'off'})
