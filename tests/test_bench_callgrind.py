"""The deterministic guard of call overhead: by callgrind's instruction counts, gobind's scalar
calls cost at most 10% more than the hand-written reference's (bench/callgrind.py)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, bindir

sys.path.insert(0, str(ROOT / 'bench'))
from callgrind import GUARD_RATIO, GUARD_ROWS  # noqa: E402


@pytest.mark.slow
def test_scalar_calls_within_ten_percent_of_hand_written_c(tmp_path):
    if shutil.which('valgrind') is None:
        pytest.fail('valgrind is not installed; .ci/run installs it')
    env = dict(os.environ, PATH=bindir() + os.pathsep + os.environ.get('PATH', ''))
    proc = subprocess.run([sys.executable, str(ROOT / 'bench' / 'callgrind.py'), '--json', '--build-dir', str(tmp_path),
                           '--rows', ','.join(GUARD_ROWS)],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True, env=env, timeout=900)
    assert proc.returncode == 0, proc.stderr[-3000:]
    counts = json.loads(proc.stdout)
    for row in GUARD_ROWS:
        ref, gobind = counts['reference'][row], counts['gobind'][row]
        assert 300 < ref < 5000, (row, ref)  # a real count of one call, not noise or a whole process
        assert gobind <= ref * GUARD_RATIO, '%s: gobind %.0f instructions per call, reference %.0f (%.3f×)' % (
            row, gobind, ref, gobind / ref)
