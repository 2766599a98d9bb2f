"""A package's init() functions have run when import returns (a c-archive starts Go's
initialisation on a thread of its own), on Python 3 and 2.7."""

import subprocess
import sys

import pytest

from conftest import pyenv_python


@pytest.mark.parametrize('version', ['3', '2.7'])
def test_init_has_run_when_import_returns(built, version):
    interpreter = sys.executable if version == '3' else pyenv_python(version)
    if interpreter is None:
        pytest.skip('no Python %s interpreter under pyenv on this machine' % version)
    b = built('hostile_init', *(['-Dpython=' + interpreter] if version != '3' else []))
    for code, want in [
        ('import hostileinit', 'hostileinit: init done\n'),
        # the import waits for init: Go's line comes before anything Python prints after it
        ('import hostileinit, sys; sys.stdout.write("imported\\n")', 'hostileinit: init done\nimported\n'),
        ('import hostileinit as m, sys; sys.stdout.write("%s %d\\n" % (list(m.Steps), m.Count()))',
         "hostileinit: init done\n['first', 'second'] 2\n"),
    ]:
        proc = subprocess.run([interpreter, '-c', code], cwd=str(b.builddir), stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, universal_newlines=True, timeout=60)
        assert (proc.returncode, proc.stdout, proc.stderr) == (0, want, ''), (code, proc)
