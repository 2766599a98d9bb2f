"""The asyncio rows of bench/run.py: a channel round trip, and m.aio against loop.run_in_executor."""

from __future__ import annotations

import json
import os
import subprocess
from statistics import median
from typing import Dict, List, Tuple

HERE = os.path.dirname(os.path.abspath(__file__))


def fmt(seconds: float) -> str:
    return '%.1f µs' % (seconds * 1e6) if seconds >= 1e-6 else '%.0f ns' % (seconds * 1e9)


def measure_aio(python: str, env: Dict[str, str], module_dir: str, rounds: int, repeats: int, n: int
                ) -> Tuple[str, List[str]]:
    """A markdown table of the asyncio rows (medians over `rounds` processes); no goals."""
    runs = []
    for _ in range(rounds):
        proc = subprocess.run([python, os.path.join(HERE, 'aioworker.py'), module_dir, str(repeats), str(n)],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
        if proc.returncode != 0:
            return 'not measured: %s' % (proc.stderr.strip().splitlines() or ['no output'])[-1], []
        runs.append(json.loads(proc.stdout))
    t = {k: median(r[k] for r in runs) for k in runs[0]}
    lines = ['| row | time per item | against |', '|---|---|---|',
             '| channel round trip: Python send, Go goroutine sends back, Python recv | %s | — |' % fmt(t['chan']),
             '| `await m.aio.Add(1, 2)`, one at a time | %s | run_in_executor: %s (%.1f×) |'
             % (fmt(t['aio_one']), fmt(t['executor_one']), t['executor_one'] / t['aio_one']),
             '| `m.aio.Add(1, 2)`, 1000 gathered | %s | run_in_executor: %s (%.1f×) |'
             % (fmt(t['aio_many']), fmt(t['executor_many']), t['executor_many'] / t['aio_many']),
             '', '- median of %d processes, best of %d repeats of %d items each' % (rounds, repeats, n)]
    return '\n'.join(lines), []
