"""The .pyi stubs installed next to the modules match them (mypy's stubtest, inspect.signature())
and cover the whole bound surface: mypy --strict accepts a program that uses every seed-surface
test project (tests/typing/surface_usage.py)."""

import os
import re
import subprocess
import sys

import pytest

from conftest import ROOT, run

#: (test project, module): every seed-surface project, and the three modules of test_projects/multi
#: (shapes holds the Go runtime; paint and tally are its peer modules, each with its own stub).
MODULES = [(p, p) for p in ('hello', 'scalars', 'structs', 'slices', 'named', 'funcs', 'vars', 'errors', 'maps',
                            'callbacks', 'pointers', 'interfaces', 'crosspkg', 'iters', 'funcvals', 'vec',
                            'channels', 'names', 'generics', 'aio')] \
    + [('multi', m) for m in ('shapes', 'paint', 'tally')]

SIGNATURES = '''
import ast, inspect, sys
name = sys.argv[1]
mod = __import__(name)
tree = ast.parse(open(name + ".pyi").read())
def params(fn):
    a = fn.args
    star = [a.vararg] if a.vararg else []
    return [p.arg for p in a.posonlyargs + a.args + star + a.kwonlyargs if p.arg != "self"]
for node in tree.body:
    if isinstance(node, ast.FunctionDef) and not node.name.startswith("_") and not node.decorator_list:
        got = list(inspect.signature(getattr(mod, node.name)).parameters)
        print(node.name, got == params(node))
    elif isinstance(node, ast.ClassDef) and not node.name.startswith("_"):  # _Name: stub-only protocols
        for m in node.body:
            if isinstance(m, ast.FunctionDef) and not m.name.startswith("_") and not m.decorator_list:
                got = [p for p in inspect.signature(getattr(getattr(mod, node.name), m.name)).parameters if p != "self"]
                print(node.name + "." + m.name, got == params(m))
'''


@pytest.mark.parametrize('project, module', MODULES)
def test_signature_of_every_function_and_method_matches_the_stub(built, project, module):
    out = built(project).python(SIGNATURES.replace('sys.argv[1]', repr(module))).stdout.split('\n')
    rows = [line for line in out if line]
    assert rows and all(line.endswith(' True') for line in rows), rows


def _submodule_classes(dirs, modules):
    """Allowlist lines for the submodules that a stub writes as classes (one .pyi per extension, so
    `import crosspkg.route` is typed as the class `route`), found by the comment the stub gives them."""
    for d in dirs:
        for m in modules:
            path = os.path.join(d, m + '.pyi')
            if os.path.exists(path):
                text = open(path).read()
                for name in re.findall(r'^class (\w+):\n(?:    .*\n)*?    # A submodule of', text, re.M):
                    yield re.escape(m + '.' + name) + '\n'


@pytest.fixture(scope='module')
def stubtest(built, request, tmp_path_factory):
    """One run of mypy's stubtest over the modules of MODULES that this session tests: its start-up
    (about 3 s, reading typeshed) is most of a run, and each module adds a fraction of a second."""
    chosen = {item.callspec.params['module'] for item in request.session.items
              if getattr(item, 'originalname', '') == 'test_mypy_stubtest_accepts_the_stub'}
    pairs = [(p, m) for p, m in MODULES if m in chosen]
    dirs = list(dict.fromkeys(str(built(p).builddir) for p, _ in pairs))
    allowlist = tmp_path_factory.mktemp('stubtest') / 'stubtest-allowlist.txt'
    # __buffer__ is in the stub so type checkers see the buffer protocol; CPython shows the slot
    # as a method only from 3.12.
    allowlist.write_text('.*\\.__buffer__\n'
                         + ''.join(_submodule_classes(dirs, [m for _, m in pairs])))
    return subprocess.run([sys.executable, '-m', 'mypy.stubtest', '--mypy-config-file', '/dev/null',
                           '--allowlist', str(allowlist), '--ignore-unused-allowlist'] + [m for _, m in pairs],
                          cwd=str(allowlist.parent), env={'MYPYPATH': os.pathsep.join(dirs),
                                                          'PYTHONPATH': os.pathsep.join(dirs), 'PATH': '/usr/bin:/bin'},
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True)


@pytest.mark.parametrize('project, module', MODULES)
def test_mypy_stubtest_accepts_the_stub(stubtest, project, module):
    """mypy's stubtest imports the module and compares every runtime signature with the stub."""
    errors = re.findall(r'^error: (\w+)', stubtest.stdout, re.M)
    assert module not in errors, stubtest.stdout
    assert stubtest.returncode == 0 or errors, stubtest.stdout   # a failure that names no module


PROJECTS = ['structs', 'slices', 'named', 'funcs', 'vars', 'errors', 'maps', 'callbacks', 'pointers', 'interfaces',
            'iters', 'vec', 'aio']


def test_mypy_strict_accepts_a_program_using_the_stubs(built):
    dirs = [str(built(p).builddir) for p in PROJECTS]
    for d, p in zip(dirs, PROJECTS):
        assert os.path.exists(os.path.join(d, p + '.pyi'))
    proc = run([sys.executable, '-m', 'mypy', '--strict', '--no-incremental',
                str(ROOT / 'tests' / 'typing' / 'surface_usage.py')],
               env={'MYPYPATH': os.pathsep.join(dirs)}, check=False)
    assert proc.returncode == 0, proc.stdout


def test_mypy_strict_accepts_a_program_using_peer_modules(built, tmp_path):
    """The stubs of an extension and of its peer modules refer to each other's classes."""
    builddir = str(built('multi').builddir)
    proc = run([sys.executable, '-m', 'mypy', '--strict', '--no-incremental',
                str(ROOT / 'tests' / 'typing' / 'multi_usage.py')], env={'MYPYPATH': builddir}, check=False)
    assert proc.returncode == 0, proc.stdout
    wrong = tmp_path / 'wrong.py'
    wrong.write_text('import paint, shapes\npaint.NewBrush("r").Dot(paint.NewBrush("b"))\n'
                     'b: paint.Brush = shapes.Origin()\n')
    proc = run([sys.executable, '-m', 'mypy', '--strict', '--no-incremental', str(wrong)],
               env={'MYPYPATH': builddir}, check=False)
    assert proc.returncode == 1 and 'wrong.py:2' in proc.stdout and 'wrong.py:3' in proc.stdout, proc.stdout


def test_mypy_rejects_a_wrong_argument_type(built, tmp_path):
    script = tmp_path / 'wrong.py'
    script.write_text('import slices\nslices.Sum(["a"])\nslices.Range("3")\n')
    proc = run([sys.executable, '-m', 'mypy', '--strict', '--no-incremental', str(script)],
               env={'MYPYPATH': str(built('slices').builddir)}, check=False)
    assert proc.returncode == 1, proc.stdout
    assert 'wrong.py:2' in proc.stdout and 'wrong.py:3' in proc.stdout, proc.stdout
