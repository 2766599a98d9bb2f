"""The Go versions users run: test projects built and used with Go 1.21 (the oldest gobind
supports), 1.22, 1.24 and the newest release, and Go 1.20 refused with gobind's one line.

`GOTOOLCHAIN=go1.21.13` makes the installed go command fetch that release from the module proxy
(once: it stays in GOMODCACHE) and run it for every go command of the build, the inspector's
included.  Each project is built once per version; the built modules then run the surface tests
of their own test files (test_hello, test_crosspkg, test_iters), so what they check is checked
for every version.  test_projects/iters declares go 1.23 (it uses the iter package): older
releases refuse it with Go's own message, which gobind passes on.  Iterators spelled as plain
func types work from Go 1.21 on, and test_plain_func_iterators checks them on every version.
The newest release is newer than the installed one: the inspector must then be built by it too
(goapi.toolchain_go), or its go/types cannot read the export data that release's `go list` writes.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import test_crosspkg
import test_iters
from conftest import TEST_PROJECTS, MesonBuild, run, tool
from gobind_module.inspect.goapi import MIN_GO

pytestmark = pytest.mark.slow

#: The oldest supported release (goapi.MIN_GO), the latest patch of 1.22 and 1.24 the proxy
#: serves, and the newest release.
VERSIONS = ['go1.21.13', 'go1.22.12', 'go1.24.13', 'go1.27.4']
#: What test_iters needs: the iter package, and range-over-func in the test project.
ITER_PACKAGE = (1, 23)

#: A Go 1.21 module whose iterators are plain func types (no iter package), in and out.
SEQS_GO = '''\
// Package seqs has iterators spelled as func types, which Go 1.21 accepts.
package seqs

// Evens yields the even numbers below a bound.
type Evens func(yield func(int) bool)

// EvensBelow returns the even numbers below n.
func EvensBelow(n int) Evens {
	return func(yield func(int) bool) {
		for i := 0; i < n; i += 2 {
			if !yield(i) {
				return
			}
		}
	}
}

// Lengths yields each word with its length.
func Lengths(words []string) func(yield func(string, int) bool) {
	return func(yield func(string, int) bool) {
		for _, w := range words {
			if !yield(w, len(w)) {
				return
			}
		}
	}
}

// Sum adds what seq yields.
func Sum(seq func(yield func(int) bool)) int {
	total := 0
	seq(func(v int) bool { total += v; return true })
	return total
}
'''


def _minor(version: str) -> tuple:
    return tuple(int(n) for n in re.match(r'go(\d+)\.(\d+)', version).groups())


@pytest.fixture(scope='module', params=VERSIONS)
def toolchain(request) -> dict:
    """The environment that selects one Go release; checks that go runs that release."""
    env = {'GOTOOLCHAIN': request.param}
    out = run(['go', 'version'], env=env).stdout
    assert out.startswith('go version %s ' % request.param), out
    return env


_BUILT = {}


def _build(source: Path, toolchain: dict, tmp_path_factory) -> MesonBuild:
    """source built with the toolchain's Go, once per (source, version)."""
    key = (str(source), toolchain['GOTOOLCHAIN'])
    if key not in _BUILT:
        b = MesonBuild(source, tmp_path_factory.mktemp(source.name + '-' + toolchain['GOTOOLCHAIN']) / 'build')
        setup = run([tool('meson'), 'setup', b.builddir, source], env=toolchain).stdout
        assert 'Go %s (' % toolchain['GOTOOLCHAIN'] in setup, setup
        run([tool('ninja'), '-C', b.builddir], env=toolchain)
        _BUILT[key] = b
    return _BUILT[key]


class _Surface:
    """Stands in for conftest's `surface` fixture, with this file's builds (Python 3 only)."""
    py2 = False

    def __init__(self, toolchain: dict, tmp_path_factory):
        self.toolchain, self.factory = toolchain, tmp_path_factory

    def __call__(self, project: str, code: str) -> str:
        b = _build(TEST_PROJECTS / project, self.toolchain, self.factory)
        out = b.python(code + '\nprint("ok")').stdout
        assert out.strip().endswith('ok'), out
        return out


def test_hello(toolchain, tmp_path_factory):
    b = _build(TEST_PROJECTS / 'hello', toolchain, tmp_path_factory)
    out = b.python('import hello; print(hello.Hello("go")); print(hello.Hello.__doc__.splitlines()[0])').stdout
    assert out.splitlines() == ['hello "go" from Go', 'Hello(name: str) -> str']


@pytest.mark.parametrize('check', [f for name, f in sorted(vars(test_crosspkg).items()) if name.startswith('test_')],
                         ids=lambda f: f.__name__)
def test_crosspkg(check, toolchain, tmp_path_factory):
    """crosspkg: other packages' types (time, bytes, net/url, io), submodules, types steps away."""
    check(_Surface(toolchain, tmp_path_factory))


@pytest.mark.parametrize('check', [test_iters.test_results_iterate_lazily, test_iters.test_break_stops_the_go_iterator,
                                   test_iters.test_python_iterables_as_go_iterators,
                                   test_iters.test_iterators_across_callbacks_and_threads],
                         ids=lambda f: f.__name__)
def test_iter_package(check, toolchain, tmp_path_factory):
    """Go 1.23 and newer: iter.Seq and iter.Seq2 both ways."""
    if _minor(toolchain['GOTOOLCHAIN']) < ITER_PACKAGE:
        pytest.skip('test_projects/iters needs Go 1.23 (test_iter_package_needs_go_1_23 checks the error)')
    check(_Surface(toolchain, tmp_path_factory))


def test_iter_package_needs_go_1_23(tmp_path):
    """With Go 1.22, `meson setup` of a go 1.23 module stops with Go's reason, at the extension() line."""
    env = {'GOTOOLCHAIN': 'go1.22.12'}
    proc = run([tool('meson'), 'setup', tmp_path / 'build', TEST_PROJECTS / 'iters'], env=env, check=False)
    assert proc.returncode != 0
    assert re.search(r'meson\.build:\d+:\d+: ERROR: gobind: cannot load package "example.com/iters": go.mod requires '
                     r'go >= 1\.23 \(running go 1\.22\.12; GOTOOLCHAIN=go1\.22\.12\)', proc.stdout), proc.stdout


def test_plain_func_iterators(toolchain, tmp_path_factory):
    """Iterators without the iter package (a go 1.21 module): results and parameters."""
    src = tmp_path_factory.mktemp('seqs-src')
    (src / 'go.mod').write_text('module example.com/seqs\n\ngo 1.21\n')
    (src / 'seqs.go').write_text(SEQS_GO)
    (src / 'meson.build').write_text("project('seqs', 'c', meson_version: '>=1.1')\n"
                                     "gobind = import('gobind')\n"
                                     "gobind.extension('seqs', 'example.com/seqs')\n")
    b = _build(src, toolchain, tmp_path_factory)
    out = b.python('import seqs\n'
                   'print(list(seqs.EvensBelow(7)), list(seqs.Lengths(["a", "bb"])))\n'
                   'print(seqs.Sum(iter([1, 2, 3])), seqs.Sum(x * x for x in range(4)))\n').stdout
    assert out.splitlines() == ["[0, 2, 4, 6] [('a', 1), ('bb', 2)]", '6 14']


def test_go_older_than_the_minimum_is_refused(tmp_path):
    """Go 1.20 stops `meson setup` with gobind's line naming the minimum that this file tests."""
    assert MIN_GO == _minor(VERSIONS[0])
    proc = run([tool('meson'), 'setup', tmp_path / 'build', TEST_PROJECTS / 'hello'],
               env={'GOTOOLCHAIN': 'go1.20.14'}, check=False)
    assert proc.returncode != 0
    assert re.search(r'meson\.build:\d+:\d+: ERROR: gobind: \S+ is go1\.20\.14, too old; install Go 1\.21 or newer',
                     proc.stdout), proc.stdout

