"""The generated .pyi stubs cover the whole bound surface: mypy --strict accepts a program
that uses every seed-surface test project (tests/typing/surface_usage.py)."""

import os
import sys

from conftest import ROOT, run

PROJECTS = ['structs', 'slices', 'named', 'funcs', 'vars', 'errors']


def test_mypy_strict_accepts_a_program_using_the_stubs(built):
    dirs = [str(built(p).builddir) for p in PROJECTS]
    for d, p in zip(dirs, PROJECTS):
        assert os.path.exists(os.path.join(d, p + '.pyi'))
    proc = run([sys.executable, '-m', 'mypy', '--strict', '--no-incremental',
                str(ROOT / 'tests' / 'typing' / 'surface_usage.py')],
               env={'MYPYPATH': os.pathsep.join(dirs)}, check=False)
    assert proc.returncode == 0, proc.stdout


def test_mypy_rejects_a_wrong_argument_type(built, tmp_path):
    script = tmp_path / 'wrong.py'
    script.write_text('import slices\nslices.Sum(["a"])\nslices.Range("3")\n')
    proc = run([sys.executable, '-m', 'mypy', '--strict', '--no-incremental', str(script)],
               env={'MYPYPATH': str(built('slices').builddir)}, check=False)
    assert proc.returncode == 1, proc.stdout
    assert 'wrong.py:2' in proc.stdout and 'wrong.py:3' in proc.stdout, proc.stdout
