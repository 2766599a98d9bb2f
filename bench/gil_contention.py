"""How many calls of an empty Go function one thread makes while another runs pure Python:
with the GIL kept during the call (gobind's rule for trivial functions) and released.

    meson setup build-policy test_projects/runtime_policy && ninja -C build-policy
    PYTHONPATH=build-policy python bench/gil_contention.py [--seconds 0.5] [--rounds 3]
    PYTHONPATH=build-policy taskset -c 0 python bench/gil_contention.py     # one CPU

docs/runtime.md ("The GIL") quotes its results.
"""

from __future__ import annotations

import argparse
import threading
import time

import rtpolicy  # test_projects/runtime_policy: Nop keeps the GIL, NopReleased releases it


def calls_in(fn, seconds: float):
    """Calls fn for `seconds`; returns the number of calls and of calls that took over 1 ms."""
    n = slow = 0
    now = time.perf_counter()
    end = now + seconds
    while now < end:
        fn()
        later = time.perf_counter()
        slow += later - now > 1e-3
        now = later
        n += 1
    return n, slow


def main() -> None:
    """Prints one line per function and round."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--seconds', type=float, default=0.5)
    ap.add_argument('--rounds', type=int, default=3)
    args = ap.parse_args()
    stop = [False]

    def busy() -> None:
        x = 0
        while not stop[0]:
            x += 1

    t = threading.Thread(target=busy)
    t.start()
    time.sleep(0.05)
    try:
        for _ in range(args.rounds):
            for name in ('Nop', 'NopReleased'):
                n, slow = calls_in(getattr(rtpolicy, name), args.seconds)
                print('%-12s GIL %-8s %10.0f calls/s  %5.1f%% of calls waited > 1 ms'
                      % (name, 'kept' if name == 'Nop' else 'released', n / args.seconds, 100.0 * slow / n))
    finally:
        stop[0] = True
        t.join()


if __name__ == '__main__':
    main()
