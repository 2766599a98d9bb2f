"""Times the asyncio rows in its own process and prints JSON (run by bench/aio.py).

A channel round trip (Python sends on a Chan_int, a Go goroutine sends the value back on another,
Python receives it), and benchpkg.Add awaited through benchpkg.aio against loop.run_in_executor,
one call at a time and 1000 gathered.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from typing import Awaitable, Callable, Dict

from vecworker import best  # the same timing of a synchronous row


async def abest(fn: Callable[[], Awaitable[object]], repeats: int) -> float:
    """best() for a coroutine function."""
    out = []
    for _ in range(repeats):
        t = time.perf_counter()
        await fn()
        out.append(time.perf_counter() - t)
    return min(out)


async def measure(m, n: int, repeats: int) -> Dict[str, float]:
    loop = asyncio.get_running_loop()

    async def aio_one():
        for _ in range(n):
            await m.aio.Add(1, 2)

    async def executor_one():
        for _ in range(n):
            await loop.run_in_executor(None, m.Add, 1, 2)

    async def aio_many():
        await asyncio.gather(*[m.aio.Add(1, 2) for _ in range(1000)])

    async def executor_many():
        await asyncio.gather(*[loop.run_in_executor(None, m.Add, 1, 2) for _ in range(1000)])

    return {'aio_one': await abest(aio_one, repeats) / n, 'executor_one': await abest(executor_one, repeats) / n,
            'aio_many': await abest(aio_many, repeats) / 1000,
            'executor_many': await abest(executor_many, repeats) / 1000}


def main() -> None:
    sys.path.insert(0, sys.argv[1])
    repeats, n = int(sys.argv[2]), int(sys.argv[3])
    import benchpkg as m
    src, dst = m.Chan_int(), m.Chan_int()
    m.Relay(src, dst)

    def round_trips():
        for i in range(n):
            src.send(i)
            dst.recv()
    out = {'chan': best(round_trips, repeats) / n}
    out.update(asyncio.run(measure(m, n, repeats)))
    src.close()
    print(json.dumps(out))


if __name__ == '__main__':
    main()
