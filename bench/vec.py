"""The vectorised rows of bench/run.py: m.vec.Add against a Python loop and numpy, and workers."""

from __future__ import annotations

import json
import os
import subprocess
from statistics import median
from typing import Dict, List, Tuple

LOOP_GOAL = 40.0      # m.vec.Add at least this many times faster than a Python loop calling m.Add
NUMPY_GOAL = 3.0      # m.vec.Add within this many times numpy's a + b
WORKERS_GOAL = 1.7    # two workers at least this many times faster than one on CPU-heavy work

HERE = os.path.dirname(os.path.abspath(__file__))


def measure_vec(python: str, env: Dict[str, str], module_dir: str, rounds: int, repeats: int
                ) -> Tuple[str, List[str]]:
    """A markdown table of the vectorised rows (medians over `rounds` processes), and the goals missed."""
    runs = []
    for _ in range(rounds):
        proc = subprocess.run([python, os.path.join(HERE, 'vecworker.py'), module_dir, str(repeats)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
        if proc.returncode != 0:
            return 'not measured: %s' % (proc.stderr.strip().splitlines() or ['no output'])[-1], []
        runs.append(json.loads(proc.stdout))
    t = {k: median(r[k] for r in runs) for k in runs[0]}
    rows = [
        ('Add over 1e6 int64: Python loop calling m.Add / m.vec.Add', t['loop'] / t['vec'], '≥%.0f×' % LOOP_GOAL,
         t['loop'] / t['vec'] >= LOOP_GOAL),
        ('Add over 1e6 int64: m.vec.Add / numpy a + b', t['vec'] / t['numpy'], '≤%.0f×' % NUMPY_GOAL,
         t['vec'] / t['numpy'] <= NUMPY_GOAL),
        ('200-step recurrence over 2e5 float64: 1 worker / 2 workers', t['recur_1'] / t['recur_2'],
         '≥%.1f×' % WORKERS_GOAL, t['recur_1'] / t['recur_2'] >= WORKERS_GOAL),
    ]
    lines = ['| row | ratio | goal |', '|---|---|---|']
    lines += ['| %s | %.2f× | %s: %s |' % (name, r, goal, 'PASS' if ok else 'MISS') for name, r, goal, ok in rows]
    lines += ['', '- times (median of %d processes, best of %d repeats each): loop %.1f ms, m.vec.Add %.2f ms, '
              'numpy %.2f ms, recurrence %.1f ms with 1 worker and %.1f ms with 2'
              % (rounds, repeats, t['loop'] * 1e3, t['vec'] * 1e3, t['numpy'] * 1e3, t['recur_1'] * 1e3,
                 t['recur_2'] * 1e3)]
    misses = ['vectorised: %s is %.2f× (goal %s)' % (name, r, goal) for name, r, goal, ok in rows if not ok]
    return '\n'.join(lines), misses
