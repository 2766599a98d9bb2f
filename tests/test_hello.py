"""The seed's hello package, built by `meson setup && ninja` and imported by a real interpreter."""

import os
import time

import pytest

from conftest import MesonBuild, TEST_PROJECTS, pyenv_python, run, tool


def test_hello_greets(built):
    b = built('hello')
    out = b.python('import hello; print(repr(hello.Hello("advent-2015")))').stdout
    assert out.strip() == repr('hello "advent-2015" from Go')


def test_hello_docs(built):
    b = built('hello')
    code = ('import hello\n'
            'assert hello.__doc__ == "hello is a simple package", repr(hello.__doc__)\n'
            'doc = hello.Hello.__doc__\n'
            'assert doc.splitlines()[0] == "Hello(name: str) -> str", doc\n'
            'assert "Hello greets someone." in doc\n'
            'assert "Hello" in dir(hello)\n'
            'import inspect\n'
            'print(inspect.signature(hello.Hello))\n')
    assert b.python(code).stdout.strip() == '(name)'


def test_help_shows_signature_and_go_doc(built):
    b = built('hello')
    out = b.python('import hello, pydoc; print(pydoc.render_doc(hello.Hello, renderer=pydoc.plaintext))').stdout
    assert 'Hello(name: str) -> str' in out
    assert 'Hello greets someone.' in out


def test_keyword_argument_and_errors(built):
    b = built('hello')
    code = ('import hello\n'
            'print(hello.Hello(name="kw"))\n'
            'for args in [(1,), (b"x",), ()]:\n'
            '    try:\n'
            '        hello.Hello(*args)\n'
            '    except TypeError as e:\n'
            '        print("TypeError:", e)\n')
    lines = b.python(code).stdout.splitlines()
    assert lines[0] == 'hello "kw" from Go'
    assert lines[1] == "TypeError: Hello() argument 'name' must be str, not int"
    assert lines[2] == "TypeError: Hello() argument 'name' must be str, not bytes"
    assert lines[3] == "TypeError: Hello() missing required argument 'name' (pos 1)"


def test_only_init_symbol_exported(built):
    b = built('hello')
    out = run(['nm', '-D', '--defined-only', b.extension('hello')]).stdout
    symbols = sorted(line.split()[-1] for line in out.splitlines() if line.strip())
    assert symbols == ['PyInit_hello']


def test_debug_build_keeps_debug_info(built):
    """Meson's default buildtype (debug) keeps Go's and C's debug info for debuggers; builds without
    debug, as meson-python's wheels are, strip it (tests/test_wheels.py)."""
    b = built('hello')
    out = run(['readelf', '-S', '--wide', b.extension('hello')]).stdout
    assert '.debug_info' in out


def _ninja_explain(builddir):
    return run([tool('ninja'), '-C', builddir, '-n', '-d', 'explain']).stdout


def test_rebuilds(project_copy, tmp_path):
    src = project_copy('hello')
    b = MesonBuild(src, tmp_path / 'build')
    b.setup()
    b.ninja()
    assert 'no work to do' in b.ninja().stdout

    # Touching a Go file of the package regenerates and rebuilds.
    time.sleep(1.1)
    with open(src / 'hello.go', 'a') as f:
        f.write('\n// Bye is new.\nfunc Bye() string { return "bye" }\n')
    out = b.ninja().stdout
    assert 'hello_gobind_src' in out and 'Linking' in out
    assert b.python('import hello; print(hello.Bye())').stdout.strip() == 'bye'
    assert 'no work to do' in b.ninja().stdout

    # Adding a .go file to the package rebuilds too.
    time.sleep(1.1)
    with open(src / 'extra.go', 'w') as f:
        f.write('package hello\n\n// Extra is in a new file.\nfunc Extra() int { return 7 }\n')
    assert 'Linking' in b.ninja().stdout
    assert b.python('import hello; print(hello.Extra())').stdout.strip() == '7'
    assert 'no work to do' in b.ninja().stdout

    # Editing meson.build reconfigures.
    time.sleep(1.1)
    with open(src / 'meson.build', 'a') as f:
        f.write("\nmessage('edited')\n")
    out = b.ninja().stdout
    assert 'edited' in out
    assert 'no work to do' in b.ninja().stdout


PYTHONS = ['2.7', '3.8', '3.9', '3.10', '3.11', '3.12', '3.13']


@pytest.mark.parametrize('version', PYTHONS)
def test_hello_on_each_python(version, tmp_path):
    interpreter = pyenv_python(version)
    if interpreter is None:
        pytest.skip('no Python %s interpreter under pyenv on this machine' % version)
    b = MesonBuild(TEST_PROJECTS / 'hello', tmp_path / 'build')
    b.setup('-Dpython=' + interpreter)
    b.ninja()
    code = ('import hello, sys\n'
            'assert hello.__doc__ == "hello is a simple package", repr(hello.__doc__)\n'
            'assert "Hello greets someone." in hello.Hello.__doc__\n'
            'assert hello.Hello.__doc__.startswith("Hello(name: str) -> str")\n'
            'sys.stdout.write(hello.Hello("advent-2015"))\n')
    out = b.python(code, interpreter=interpreter).stdout
    assert out == 'hello "advent-2015" from Go'
    ext = os.path.basename(b.extension('hello'))
    if version == '2.7':
        assert ext == 'hello.so'
    else:
        assert ext.startswith('hello.cpython-%s' % version.replace('.', ''))
