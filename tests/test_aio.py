"""Awaiting Go from asyncio (test_projects/aio): m.aio twins that run each call on a goroutine, with
no thread per call; cancellation reaching a context.Context; GoError and GoPanic from the await;
channels' arecv, asend and async for; 200 concurrent calls with a responsive loop; uvloop; the
stub's coroutines; Python 2.7 (no aio) and 3.6 (a clear error)."""

import sys

import pytest

from conftest import pyenv_python, raises

#: The head of each snippet: the module, and run(coro) on the loop under test.
HEAD = '\n'.join([
    'import asyncio, sys, time, threading',
    'import aio',
    'A = aio.aio',
    'def run(coro):',
    '    return asyncio.run(coro)',
])


def check(built, code: str, head: str = HEAD) -> str:
    """Runs code against test_projects/aio; fails unless it prints 'ok' last and nothing on stderr."""
    proc = built('aio').python(head + '\n' + code + '\nprint("ok")')
    assert proc.stdout.strip().endswith('ok'), proc.stdout
    assert proc.stderr == '', proc.stderr
    return proc.stdout


def test_twins_return_every_kind_of_value(built):
    check(built, '\n'.join([
        'import types',
        'assert sys.modules["aio.aio"] is A and type(A) is types.ModuleType',
        'import aio.aio as again',
        'assert again is A',
        'assert not hasattr(A, "Apply")',        # takes a Python callable: no twin
        'assert "Awaitable twin of aio.Sleep" in A.Sleep.__doc__ and A.Sleep.__name__ == "Sleep"',
        'import inspect',
        'assert str(inspect.signature(A.Ratio)) == "(a, b)"',
        'async def main():',
        '    assert await A.Sleep(0.01) == 0.01',
        '    c = A.Upper("co")',                        # a coroutine, as the stub says
        '    assert asyncio.iscoroutine(c) and await asyncio.create_task(c) == ("CO", 2)',
        '    c = aio.Count(1).arecv()',
        '    assert asyncio.iscoroutine(c) and await c == 0',
        '    assert await A.Upper("abc") == ("ABC", 3)',
        '    p = await A.Origin(1, 2)',
        '    assert type(p) is aio.Point and (p.X, p.Y) == (1, 2)',
        '    assert await A.Sum(1, 2, 3) == 6 and await A.Sum() == 0',
        '    assert await A.Nothing() is None',
        '    assert await A.Bytes(65, 3) == b"AAA"',
        '    assert await A.Long(5000) == "x" * 5000',   # longer than the inline buffer
        '    assert await A.Ratio(a=1, b=4) == 0.25',
        '    assert await A.call(aio.Upper, "x") == ("X", 1)',
        '    assert await A.call(aio.Ratio, 3, b=2) == 1.5',
        '    p = aio.Point(X=1, Y=2)',
        '    assert await A.call(p.Sum) == 3',          # methods too, through their class's twins
        '    assert await A.call(p.Shift, 10, dy=20, seconds=0.01) is None',
        '    assert (p.X, p.Y) == (11, 22)',
        '    t = asyncio.ensure_future(A.call(p.Shift, 1, 1, 30))',
        '    await asyncio.sleep(0.05)',
        '    t.cancel()',
        '    for _ in range(100):',
        '        if aio.CanceledCount() == 1:',
        '            break',
        '        await asyncio.sleep(0.01)',
        '    assert aio.CanceledCount() == 1 and (p.X, p.Y) == (11, 22)',
        '    return True',
        'assert run(main())',
        raises('TypeError', 'A.Upper(1)', "Upper() argument 's' must be str"),   # raised by the call
        raises('TypeError', 'A.call(len, [])', "is not a function of <module 'aio'"),
        raises('TypeError', 'A.call([].append, 1)', 'or a method of one of its objects'),
        raises('TypeError', 'A.call(aio.Apply, abs, 1)', 'async twin'),
        raises('RuntimeError', 'A.Sleep(0)', 'no running event loop'),
        'assert aio._gobind_handles() == 0',
    ]))


def test_errors_and_panics_raise_from_the_await(built):
    check(built, '\n'.join([
        'async def main():',
        '    try:',
        '        await A.Fail("bad input")',
        '    except aio.GoError as e:',
        '        assert str(e) == "bad input" and e.go_error.Error() == "bad input"',
        '    else:',
        '        raise AssertionError("no GoError")',
        '    try:',
        '        await A.Ratio(1, 0)',
        '    except aio.GoError as e:',
        '        assert "division by zero" in str(e)',
        '    try:',
        '        await A.Explode("boom")',
        '    except aio.GoPanic as e:',
        '        assert str(e).startswith("boom") and "Go stack" in str(e)',
        '    else:',
        '        raise AssertionError("no GoPanic")',
        '    return await A.Upper("still works")',
        'assert run(main()) == ("STILL WORKS", 11)',
    ]))


def test_cancelling_cancels_the_context(built):
    check(built, '\n'.join([
        'async def main():',
        '    task = asyncio.ensure_future(A.Wait(30))',
        '    await asyncio.sleep(0.05)',
        '    t0 = time.monotonic()',
        '    task.cancel()',
        '    try:',
        '        await task',
        '    except asyncio.CancelledError:',
        '        pass',
        '    assert time.monotonic() - t0 < 0.5',
        '    for _ in range(100):',                  # Go saw ctx.Done()
        '        if aio.CanceledCount() == 1:',
        '            break',
        '        await asyncio.sleep(0.01)',
        '    assert aio.CanceledCount() == 1',
        '    t0 = time.monotonic()',
        '    try:',
        '        await asyncio.wait_for(A.Wait(30), 0.1)',
        '    except asyncio.TimeoutError:',
        '        pass',
        '    assert time.monotonic() - t0 < 1',
        '    for _ in range(100):',
        '        if aio.CanceledCount() == 2:',
        '            break',
        '        await asyncio.sleep(0.01)',
        '    assert aio.CanceledCount() == 2',
        '    assert await A.Wait(0.01) == "done"',    # not cancelled: the result
        'run(main())',
    ]))


def test_cancelling_a_call_without_context_drops_its_result(built):
    check(built, '\n'.join([
        'async def main():',
        '    try:',
        '        await asyncio.wait_for(A.Work(0.2), 0.02)',
        '    except asyncio.TimeoutError:',
        '        pass',
        '    assert aio.FinishedCount() == 0',       # still running in Go
        '    for _ in range(500):',
        '        if aio.FinishedCount() == 1:',
        '            break',
        '        await asyncio.sleep(0.01)',
        '    assert aio.FinishedCount() == 1',       # ran to its end; the 42 went nowhere
        '    t = asyncio.ensure_future(A.Fail("dropped"))',   # an error nobody reads: nothing printed
        '    t.cancel()',
        '    await asyncio.sleep(0.1)',
        'run(main())',
        # a loop closed before the call ends: the result is dropped, nothing crashes or prints
        'loop = asyncio.new_event_loop()',
        'async def start():',
        '    A.Work(0.2).close()',     # the calls start when made; the coroutines are never awaited
        '    A.Origin(1, 2).close()',
        '    time.sleep(0.2)',     # Origin ends meanwhile: its hand-over is queued in the loop,
        '    loop.stop()',         # which stops before running it, and is closed
        'loop.create_task(start())',
        'loop.run_forever()',
        'loop.close()',
        'for _ in range(500):',   # Work ends 0.2 s later (more on a loaded machine)
        '    if aio.FinishedCount() == 2:',
        '        break',
        '    time.sleep(0.01)',
        'assert aio.FinishedCount() == 2',
        'time.sleep(0.1)',
        'import gc; gc.collect()',
        'assert aio._gobind_handles() == 0',
    ]))


def test_no_thread_per_call(built):
    check(built, '\n'.join([
        'def os_threads():',
        '    with open("/proc/self/status") as f:',
        '        return int(next(l for l in f if l.startswith("Threads:")).split()[1])',
        'async def main():',
        '    before = threading.active_count()',
        '    calls = asyncio.gather(*[A.Sleep(0.3) for _ in range(200)])',
        '    await asyncio.sleep(0.15)',
        '    assert threading.active_count() == before',   # no executor
        '    n = os_threads()',
        '    assert n < 40, n',                            # Go parks sleeping goroutines, not threads
        '    await calls',
        'run(main())',
    ]))


def test_channels_in_asyncio(built):
    check(built, '\n'.join([
        'async def main():',
        '    ch = aio.Count(4)',
        '    assert await ch.arecv() == 0',
        '    assert [v async for v in ch] == [1, 2, 3]',
        '    try:',
        '        await ch.arecv()',
        '    except EOFError as e:',
        '        assert "closed" in str(e)',
        '    else:',
        '        raise AssertionError("no EOFError")',
        '    assert await aio.Later("hi", 0.05).arecv() == "hi"',
        '    c = aio.Chan_int()',                     # unbuffered: each send waits for a receiver
        '    async def consumer():',
        '        return [await c.arecv() for _ in range(3)]',
        '    got = asyncio.ensure_future(consumer())',
        '    for i in range(3):',
        '        await c.asend(i)',
        '    assert await got == [0, 1, 2]',
        '    b = aio.Chan_int(1)',
        '    await b.asend(5)',                       # room in the buffer: done at once
        '    assert len(b) == 1 and b.recv() == 5',
        '    e = aio.Chan_int()',                     # a cancelled arecv takes nothing
        '    t = asyncio.ensure_future(e.arecv())',
        '    await asyncio.sleep(0.05)',
        '    t.cancel()',
        '    await asyncio.sleep(0.05)',
        '    assert t.cancelled()',
        '    s = asyncio.ensure_future(e.asend(9))',   # nor does a cancelled asend send
        '    await asyncio.sleep(0.05)',
        '    s.cancel()',
        '    await asyncio.sleep(0.05)',
        '    sender = asyncio.ensure_future(e.asend(7))',
        '    assert await e.arecv() == 7 and await sender is None',
        '    try:',
        '        await asyncio.wait_for(e.arecv(), 0.05)',   # nothing left over
        '    except asyncio.TimeoutError:',
        '        pass',
        '    else:',
        '        raise AssertionError("a cancelled asend sent")',
        '    e.close()',
        '    try:',
        '        await e.asend(1)',
        '    except aio.GoPanic as x:',
        '        assert "send on closed channel" in str(x)',
        '    else:',
        '        raise AssertionError("no GoPanic")',
        '    try:',
        '        await e.asend("x")',
        '    except TypeError as x:',
        '        assert "Chan_int.asend() argument \'value\' must be int" in str(x)',
        '    r = aio.Count(1)',
        '    assert not hasattr(r, "asend") and hasattr(aio.Chan_int(), "asend")',
        'run(main())',
        'import gc; gc.collect()',
        'assert aio._gobind_handles() == 0, aio._gobind_handles()',
    ]))


#: 200 concurrent 100 ms Go calls while a ticker measures the loop's lateness (seconds); the
#: 95th percentile is checked, and a loaded machine gets three tries.
CONCURRENCY = '\n'.join([
    'async def ticker(stop, late):',
    '    while not stop.is_set():',
    '        t = time.monotonic()',
    '        await asyncio.sleep(0.005)',
    '        late.append(time.monotonic() - t - 0.005)',
    'async def once():',
    '    stop, late = asyncio.Event(), []',
    '    tick = asyncio.ensure_future(ticker(stop, late))',
    '    await asyncio.sleep(0.02)',
    '    t0 = time.monotonic()',
    '    got = await asyncio.gather(*[A.Sleep(0.1) for _ in range(200)])',
    '    took = time.monotonic() - t0',
    '    stop.set()',
    '    await tick',
    '    assert got == [0.1] * 200',
    '    late.sort()',
    '    return took, late[int(len(late) * 0.95)]',
    'def concurrency():',
    '    for attempt in range(3):',
    '        took, p95 = run(once())',
    '        print("200 calls: %.3f s, p95 lateness %.1f ms" % (took, p95 * 1e3))',
    '        if took < 1 and p95 < 0.02:',
    '            return',
    '    raise AssertionError("too slow: %.3f s, p95 lateness %.1f ms" % (took, p95 * 1e3))',
    'concurrency()',
])


def test_gather_200_calls_keeps_the_loop_responsive(built):
    check(built, CONCURRENCY)


def test_uvloop(built):
    pytest.importorskip('uvloop')
    check(built, '\n'.join([
        'import uvloop',
        'def run(coro):',
        '    loop = uvloop.new_event_loop()',
        '    try:',
        '        return loop.run_until_complete(coro)',
        '    finally:',
        '        loop.close()',
        'async def main():',
        '    assert await A.Upper("uv") == ("UV", 2)',
        '    try:',
        '        await A.Fail("e")',
        '    except aio.GoError:',
        '        pass',
        '    t = asyncio.ensure_future(A.Wait(30))',
        '    await asyncio.sleep(0.02)',
        '    t.cancel()',
        '    try:',
        '        await t',
        '    except asyncio.CancelledError:',
        '        pass',
        '    ch = aio.Count(3)',
        '    assert [v async for v in ch] == [0, 1, 2]',
        'run(main())',
        CONCURRENCY,
    ]))


def test_stub_types_twins_as_coroutines(built):
    stub = (built('aio').builddir / 'aio.pyi').read_text()
    assert 'class aio:' in stub
    assert '    async def Sleep(seconds: float) -> float:' in stub
    assert '    async def Wait(seconds: float) -> str:' in stub
    assert '    async def call(fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:' in stub
    assert '    async def arecv(self) -> int: ...' in stub
    assert 'async def Apply' not in stub


@pytest.mark.parametrize('version', ['2.7', '3.6'])
def test_old_pythons(built, version):
    """Python 2.7 has no asyncio, so no aio submodule; 3.6 lacks asyncio.get_running_loop: a clear error."""
    interpreter = pyenv_python(version)
    if interpreter is None:
        pytest.skip('no Python %s interpreter under pyenv on this machine' % version)
    b = built('aio', '-Dpython=' + interpreter)
    if version == '2.7':
        code = 'import aio\nassert not hasattr(aio, "aio")\nassert aio.Upper("a") == ("A", 1)\nprint("ok")'
    else:
        code = '\n'.join([
            'import asyncio, aio',
            'async def main():',
            '    try:',
            '        await aio.aio.Sleep(0)',
            '    except RuntimeError as e:',
            '        assert "Python 3.7 or newer" in str(e), e',
            '    else:',
            '        raise AssertionError("no RuntimeError")',
            'asyncio.get_event_loop().run_until_complete(main())',
            'print("ok")',
        ])
    assert b.python(code, interpreter=interpreter).stdout.strip().endswith('ok')


@pytest.mark.skipif(sys.version_info < (3, 11), reason='asyncio.run cancels the main task on Ctrl-C from 3.11')
def test_ctrl_c_cancels_the_context_of_an_awaited_call(built):
    import signal
    import subprocess
    import time
    code = '\n'.join([
        'import asyncio, aio',
        'async def main():',
        '    try:',
        '        await aio.aio.Wait(30)',
        '    except asyncio.CancelledError:',
        '        for _ in range(100):',
        '            if aio.CanceledCount():',
        '                break',
        '            await asyncio.sleep(0.01)',
        '        print("canceled", aio.CanceledCount(), flush=True)',
        '        raise',
        'print("start", flush=True)',
        'asyncio.run(main())',
    ])
    proc = subprocess.Popen([sys.executable, '-c', code], cwd=str(built('aio').builddir), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, universal_newlines=True)
    assert proc.stdout.readline() == 'start\n'
    time.sleep(0.3)
    t0 = time.monotonic()
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=20)
    assert time.monotonic() - t0 < 5
    assert out == 'canceled 1\n' and 'KeyboardInterrupt' in err, (out, err)


def test_many_tasks_on_one_channel_and_random_cancellations(built):
    check(built, '\n'.join([
        'import random',
        'async def main():',
        '    ch = aio.Chan_int()',
        '    got = []',
        '    async def produce(k):',
        '        for i in range(250):',
        '            await ch.asend(k * 1000 + i)',
        '    async def consume():',
        '        while True:',
        '            v = await ch.arecv()',
        '            if v < 0:',
        '                return',
        '            got.append(v)',
        '    consumers = [asyncio.ensure_future(consume()) for _ in range(4)]',
        '    await asyncio.gather(*[produce(k) for k in range(4)])',
        '    for _ in consumers:',
        '        await ch.asend(-1)',
        '    await asyncio.gather(*consumers)',
        '    assert sorted(got) == sorted(k * 1000 + i for k in range(4) for i in range(250))',
        '    rng = random.Random(7)',
        '    tasks = [asyncio.ensure_future(A.Wait(rng.choice([0, 0.01, 30]))) for _ in range(500)]',
        '    tasks += [asyncio.ensure_future(A.Origin(i, i)) for i in range(500)]',
        '    await asyncio.sleep(0.05)',
        '    for t in rng.sample(tasks, 300):',
        '        t.cancel()',
        '    await asyncio.sleep(0.05)',
        '    for t in tasks:',   # the Wait(30) calls left
        '        t.cancel()',
        '    results = await asyncio.gather(*tasks, return_exceptions=True)',
        '    assert all(r in ("done",) or isinstance(r, (asyncio.CancelledError, aio.Point)) for r in results)',
        '    await asyncio.sleep(0.2)',
        'run(main())',
        'import gc; gc.collect()',
        'assert aio._gobind_handles() == 0, aio._gobind_handles()',
    ]))
