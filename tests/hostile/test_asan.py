"""The hostile conversion cases of test_reentrant.py, test_concurrent.py and the property test,
run against hostile_conv built with AddressSanitizer (-Db_sanitize=address): no ASan report."""

import subprocess
import sys

import pytest

from conftest import TEST_PROJECTS, MesonBuild, run
from hostile_objects import PRELUDE
from test_concurrent import READ_WHILE_GO_CHANGES
from test_conv_properties import PROPERTIES
from test_reentrant import CASES


def test_hostile_conversions_are_clean_under_address_sanitizer(tmp_path):
    libasan = subprocess.run(['cc', '-print-file-name=libasan.so'], stdout=subprocess.PIPE,
                             universal_newlines=True).stdout.strip()
    if not libasan.startswith('/'):
        pytest.skip('the C compiler has no libasan')
    b = MesonBuild(TEST_PROJECTS / 'hostile_conv', tmp_path / 'build')
    b.setup('-Db_sanitize=address', '-Db_lundef=false')
    b.ninja()
    assert '__asan_init' in run(['nm', '-D', b.extension('hostile_conv')]).stdout
    env = {'LD_PRELOAD': libasan, 'ASAN_OPTIONS': 'detect_leaks=0:abort_on_error=1'}
    scripts = [PRELUDE + CASES[name] for name in sorted(CASES)]
    scripts += [READ_WHILE_GO_CHANGES, PROPERTIES.replace('{examples}', '60')]
    for code in scripts:
        proc = run([sys.executable, '-c', code + '\nprint("ok")'], cwd=b.builddir,
                   env=env, check=False)
        assert 'AddressSanitizer' not in proc.stdout, proc.stdout[-6000:]
        assert proc.returncode == 0 and proc.stdout.strip().endswith('ok'), proc.stdout[-6000:]
