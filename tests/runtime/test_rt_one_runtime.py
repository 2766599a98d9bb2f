"""One Go runtime per project: the three gobind.extension() calls of test_projects/multi (shapes,
paint, tally) share one Go runtime, whichever module is imported first; runtime: 'own' opts out;
meson.build edits reach the build; settings one runtime cannot honour stop Meson with a reason."""

import glob
import os
import subprocess

import pytest

from conftest import MesonBuild, copy_project, raises, run, tool

# Each Bump() counts in Go package tally, which all three modules use: one runtime, one count.
SHARED = '\n'.join([
    'import sys',
    'first = sys.argv[1] if len(sys.argv) > 1 else "paint"',
    '__import__(first)',
    'import paint, shapes, tally',
    'assert [shapes.Bump(), paint.Bump(), tally.Add(), shapes.Bump()] == [1, 2, 3, 4]',
    'assert tally.Total() == 4',
    # no second runtime was ever started: none found another Go runtime's signal handler
    'assert shapes._gobind_other_go_runtime is None',
    # classes are shared: a shapes.Point from paint is the class of shapes
    'c = paint.Corner(2)',
    'assert type(c) is shapes.Point and (c.X, c.Y) == (2, 2) and shapes.Describe(c) == "(2, 2)"',
    'assert paint.NewBrush("red").Dot(c.Moved(1, 0)) == "red dot at (3, 2)"',
    'assert type(paint.Dry(2)) is shapes.time.Duration and str(paint.Dry(2)) == "2m0s"',
    # each module is a module of its own, with its own name, doc and classes
    'assert paint.__name__ == "paint" and tally.__name__ == "tally"',
    'assert paint.Brush.__module__ == "paint" and repr(paint.NewBrush("b")) == "paint.Brush(Color=\'b\')"',
    'assert paint.__doc__.startswith("Package paint draws shapes") and "count" in tally.__doc__',
    'assert sys.modules["paint"] is paint and not hasattr(shapes, "paint")',
    'assert paint.__file__.endswith(".so") and paint.__file__ != shapes.__file__',
    'assert paint.Corner.__doc__.startswith("Corner(s: float) -> shapes.Point")',
    # errors and panics are the same classes in every module
    'assert paint.GoError is shapes.GoError and tally.GoPanic is shapes.GoPanic',
    raises('shapes.GoError', 'paint.Mix("red", "blue")', 'cannot mix red and blue'),
    raises('paint.GoPanic', 'paint.Spill()', 'paint spilled'),
    raises('TypeError', 'paint.Corner("x")', "paint.Corner() argument 's' must be float, not str"),
    'assert paint.Bump() == 5',
    # package variables of a peer module are live attributes of it
    'assert paint.DefaultColor == "black" and paint.NewBrush("").Color == "black"',
    'paint.DefaultColor = "blue"',
    'assert paint.NewBrush("").Color == "blue" and "DefaultColor" in dir(paint)',
])


@pytest.mark.parametrize('first', ['paint', 'shapes', 'tally'])
def test_extensions_of_a_project_share_one_go_runtime(surface, first):
    surface('multi', SHARED.replace('first = sys.argv[1] if len(sys.argv) > 1 else "paint"', 'first = %r' % first))


def _symbols(path, *flags):
    out = subprocess.run(['nm'] + list(flags) + [path], stdout=subprocess.PIPE, universal_newlines=True,
                         check=True).stdout
    return [line.split()[-1] for line in out.splitlines() if line.strip()]


def test_one_extension_holds_the_runtime_the_others_have_no_go(built):
    b = built('multi')
    for name in ('shapes', 'paint', 'tally'):
        # each module is an extension that exports its init function alone
        assert _symbols(b.extension(name), '-D', '--defined-only') == ['PyInit_' + name]
        assert (b.builddir / (name + '.pyi')).is_file()
    # only shapes holds Go code (and so a Go runtime)
    assert any(s.startswith('runtime.') for s in _symbols(b.extension('shapes')))
    for peer in ('paint', 'tally'):
        assert not [s for s in _symbols(b.extension(peer)) if 'runtime.' in s or 'cgo' in s]
        assert os.path.getsize(b.extension(peer)) < os.path.getsize(b.extension('shapes')) // 20
    assert 'def Corner(s: float) -> shapes.Point:' in (b.builddir / 'paint.pyi').read_text()


def test_runtime_own_gives_an_extension_its_own_go_runtime(built):
    b = built('multi', '-Druntime=own')
    out = b.python('\n'.join([
        'import shapes, paint, tally',
        # paint counts in its own copy of package tally
        'assert [shapes.Bump(), paint.Bump(), paint.Bump(), tally.Total()] == [1, 1, 2, 1]',
        'assert paint._gobind_other_go_runtime == shapes.__file__, paint._gobind_other_go_runtime',
        # its types of other packages are its own classes
        'assert type(paint.Corner(1)).__module__ == "paint.shapes"',
        'print("ok")',
    ])).stdout
    assert out.strip() == 'ok'
    assert sorted(os.path.basename(f).split('.')[0] for f in glob.glob(str(b.builddir / '*.so'))) == \
        ['paint', 'shapes', 'tally']
    assert any(s.startswith('runtime.') for s in _symbols(b.extension('paint')))


def test_meson_build_edits_reach_the_shared_extension(tmp_path):
    src = copy_project('multi', tmp_path)
    b = MesonBuild(src, tmp_path / 'build')
    b.setup()
    b.ninja()
    assert b.python('import shapes; print(sorted(shapes._gobind_modules))').stdout.split() == ["['paint',", "'tally']"]
    assert 'no work to do' in run([tool('ninja'), '-C', b.builddir]).stdout
    # drop tally: after ninja (which reconfigures), shapes no longer binds it
    text = (src / 'meson.build').read_text()
    lines = [line for line in text.splitlines() if "extension('tally'" not in line]
    (src / 'meson.build').write_text('\n'.join(lines) + '\n')
    b.ninja()
    assert b.python('import shapes; print(sorted(shapes._gobind_modules))').stdout.strip() == "['paint']"
    # and back
    (src / 'meson.build').write_text(text)
    b.ninja()
    assert b.python('import tally; print(tally.Add())').stdout.strip() == '1'
    assert 'no work to do' in run([tool('ninja'), '-C', b.builddir]).stdout


@pytest.mark.parametrize('change, message', [
    ("'example.com/multi/paint', go_tags: ['x'],",
     "gobind.extension('paint'): go_tags differs from the one of shapes, the extension holding the "
     "project's Go runtime; make them the same or give it its own Go runtime with runtime: 'own'"),
    ("'example.com/multi/paint', submodules: {'t': 'example.com/multi/tally'},",
     "gobind.extension('paint'): submodules: can only be given to shapes"),
    ("'example.com/multi/tally', runtime: 'mine',",
     'keyword argument "runtime" must be one of shared, own'),
])
def test_settings_one_runtime_cannot_honour_stop_meson(tmp_path, change, message):
    src = copy_project('multi', tmp_path)
    text = (src / 'meson.build').read_text()
    old = change.split(',')[0] + ','
    (src / 'meson.build').write_text(text.replace(old, change, 1))
    proc = subprocess.run([tool('meson'), 'setup', str(tmp_path / 'build'), str(src)], stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, universal_newlines=True)
    assert proc.returncode != 0
    assert message in proc.stdout, proc.stdout
