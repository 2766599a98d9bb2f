"""The benchmark suite runs: bench/run.py --smoke builds every binding and prints every row (not timed)."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from conftest import ROOT, bindir

sys.path.insert(0, str(ROOT / 'bench'))
from worker import ROWS  # noqa: E402

TIME = re.compile(r'^\d+(\.\d+)? (ns|µs|ms|s)( ±\d+%)?( ¹)?$')


def cells(report: str, label: str) -> list:
    """The cells of the table row whose first cell is label."""
    for line in report.splitlines():
        parts = [c.strip() for c in line.strip().strip('|').split('|')]
        if parts and parts[0] == label:
            return parts
    raise AssertionError('row %r missing from the report:\n%s' % (label, report))


def test_smoke_run_prints_every_row(tmp_path):
    env = dict(os.environ, PATH=bindir() + os.pathsep + os.environ.get('PATH', ''))
    proc = subprocess.run([sys.executable, str(ROOT / 'bench' / 'run.py'), '--smoke', '--build-dir', str(tmp_path)],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True, env=env, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    report = proc.stdout
    header = cells(report, 'row')
    assert header[1:4] == ['plain Python', 'hand-written C', 'gobind']
    # the second pair: both built to release the GIL on every call, with their own ratio column
    assert header[4:6] == ['hand-written C, releasing', 'gobind, releasing'] and 'both releasing' in header
    for _row, label in ROWS:
        row = cells(report, label)
        python, reference, gobind = row[1:4]
        # The plain Python and hand-written columns do every row; gobind times a row or says it is not bound yet.
        assert TIME.match(python), (label, python)
        assert TIME.match(reference), (label, reference)
        assert TIME.match(gobind) or gobind == 'not bound yet', (label, gobind)
    # Functions gobind binds today must be timed, not reported missing.
    for label in ('noop()', 'add(int, int)', 'echo(str), 5 chars', 'method call on a struct',
                  '(T, error) call, raises', '[]byte 1 MiB in and out, borrowed', '[]byte 1 MiB in and out, copied',
                  '[]float64 1e6 to Go (sum), borrowed', '[]float64 1e6 to Go (sum), copied'):
        assert TIME.match(cells(report, label)[3]), label
    assert 'gopy: skipped (--smoke)' in report
    for label in ('2 threads / 1 thread, CPU-bound Go call', 'clean build (meson setup + ninja)',
                  'rebuild after editing one Go file', 'generate bindings for 1000 exported functions',
                  '`python -c "import benchpkg"`',
                  'Add over 1e6 int64: Python loop calling m.Add / m.vec.Add',
                  'Add over 1e6 int64: m.vec.Add / numpy a + b',
                  '200-step recurrence over 2e5 float64: 1 worker / 2 workers'):
        cells(report, label)
    # A second ninja run right after a build must not rebuild anything.
    assert cells(report, 'no-op ninja')[-1] == 'no work: PASS'
