"""The C glue under AddressSanitizer, and the Go side built with GOEXPERIMENT=cgocheck2,
both running the mixed call load of the stress test from 8 threads."""

import subprocess

import pytest

from conftest import run
from rtsupport import build_runtime_project, check_ok, run_python
from test_rt_stress import STRESS


def test_c_glue_is_clean_under_address_sanitizer(tmp_path):
    libasan = subprocess.run(['cc', '-print-file-name=libasan.so'], stdout=subprocess.PIPE,
                             universal_newlines=True).stdout.strip()
    if not libasan.startswith('/'):
        pytest.skip('the C compiler has no libasan')
    b = build_runtime_project(tmp_path, options=['-Db_sanitize=address', '-Db_lundef=false'])
    assert '__asan_init' in run(['nm', '-D', b.extension('rtcheck')]).stdout
    # ASan's quarantine keeps freed memory, so RSS grows by design here.
    proc = run_python(STRESS, b, args=['3', 'no-rss'], timeout=300,
                      env={'LD_PRELOAD': libasan, 'ASAN_OPTIONS': 'detect_leaks=0:abort_on_error=1'})
    assert 'ERROR: AddressSanitizer' not in proc.stderr, proc.stderr[-6000:]
    check_ok(proc)


def test_calls_pass_cgocheck2(tmp_path):
    b = build_runtime_project(tmp_path, env={'GOEXPERIMENT': 'cgocheck2'})
    assert 'X:cgocheck2' in run(['go', 'version', b.extension('rtcheck')]).stdout
    check_ok(run_python(STRESS, b, args=['3'], timeout=300))
