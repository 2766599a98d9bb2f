"""Times the vectorised rows in its own process and prints JSON (run by bench/vec.py).

One round: a Python loop calling benchpkg.Add over N elements, benchpkg.vec.Add over the same
numpy arrays, numpy's own a + b, and benchpkg.vec.Recur over M elements with 1 and with 2 workers.
"""

from __future__ import annotations

import json
import sys
import time
from typing import Callable, Dict

N = 10 ** 6
M = 2 * 10 ** 5


def best(fn: Callable[[], object], repeats: int) -> float:
    """The shortest of `repeats` timings of fn, in seconds."""
    out = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return min(out)


def main() -> None:
    sys.path.insert(0, sys.argv[1])
    repeats = int(sys.argv[2])
    import numpy as np
    import benchpkg as m
    a = np.arange(N, dtype=np.int64)
    b = np.arange(N, dtype=np.int64)
    xs, ys = a.tolist(), b.tolist()
    add = m.Add
    x = np.linspace(0.0, 1.0, M)
    out: Dict[str, float] = {
        'loop': best(lambda: [add(i, j) for i, j in zip(xs, ys)], max(1, repeats // 3)),
        'vec': best(lambda: m.vec.Add(a, b), repeats),
        'numpy': best(lambda: a + b, repeats),
        'recur_1': best(lambda: m.vec.Recur(x, workers=1), repeats),
        'recur_2': best(lambda: m.vec.Recur(x, workers=2), repeats),
    }
    print(json.dumps(out))


if __name__ == '__main__':
    main()
