"""Go channels crossing both ways (test_projects/channels): a class per element type and direction
(Chan_int, RecvChan_int, SendChan_int; a named type by its Go name), send/recv with timeouts,
close, len, cap, iteration, Python iterables feeding channel parameters, Ctrl-C during a blocking
operation, and many Python threads on one channel."""

import os
import signal
import subprocess
import sys
import time

import pytest

from conftest import pyenv_python, raises

#: Python 2 has no TimeoutError: a timeout raises socket.timeout there (docs/type-mapping.md#channels).
TIMEOUT = '\n'.join([
    'try:',
    '    Timeout = TimeoutError',
    'except NameError:',
    '    import socket',
    '    Timeout = socket.timeout',
])


def test_results_and_making_channels(surface):
    surface('channels', '\n'.join([
        'import channels as c',
        'ch = c.Count(5)',
        'assert type(ch).__name__ == "RecvChan_int"',
        'assert [ch.recv() for _ in range(5)] == [0, 1, 2, 3, 4]',
        raises('EOFError', 'ch.recv()', 'closed'),
        raises('EOFError', 'ch.recv(timeout=0)', 'closed'),
        'assert list(c.Count(4)) == [0, 1, 2, 3]',
        'b = c.Chan_int(3)',
        'assert b.cap == 3 and len(b) == 0 and bool(c.Chan_int()) is True',
        'b.send(7); b.send(8, timeout=0)',
        'assert len(b) == 2 and b.recv() == 7 and b.recv(0) == 8',
        'assert c.Chan_int().cap == 0 and c.Chan_int(cap=2).cap == 2',
        raises('ValueError', 'c.Chan_int(-1)', 'negative'),
        raises('TypeError', 'c.RecvChan_int()', ''),
        'assert c.Nil() is None',
        'assert "chan int" in repr(b) and "cap 3" in repr(b) and "Chan_int" in repr(b)',
        # struct items are copies; channels of channels
        'ps = c.Points(3)',
        'assert [(p.X, p.Y) for p in ps] == [(0, 0), (1, 1), (2, 4)]',
        'assert [inner.recv() for inner in c.Nested(3)] == [0, 1, 2]',
        'many = c.Many(3)',   # channels in a slice, and a slice of channel objects for Go
        'assert type(many).__name__ == "Slice_Chan_int" and [x.recv() for x in many] == [0, 1, 2]',
        'assert c.SumFirst(c.Many(4)) == 6 and c.SumFirst([c.Count(2), c.Count(3)]) == 0',
        'q = c.Chan_Point(1)',
        'q.send(c.Point(X=5, Y=6))',
        'p = q.recv()',
        'assert (p.X, p.Y) == (5, 6)',
        raises('TypeError', 'q.send(3)', "Chan_Point.send() argument 'value' must be"),
        # chan struct{}: signal channels whose items are None
        'd = c.Done(20)',
        'assert type(d).__name__ == "RecvChan_struct" and list(d) == []',
        's = c.Chan_struct(1)',
        'c.Signal(s)',
        'assert s.recv(timeout=5) is None',
        's.send(None)',
        'assert s.recv() is None',
        raises('TypeError', 's.send(1)', "Chan_struct.send() argument 'value' must be None"),
    ]))


def test_directions(surface):
    surface('channels', '\n'.join([
        'import channels as c',
        'r = c.Count(1)',
        'assert not hasattr(r, "send") and not hasattr(r, "close")',
        raises('AttributeError', 'r.send(1)', 'send'),
        'ch = c.Chan_int(4)',
        'c.Produce(ch, 3)',             # a chan<- int parameter takes a Chan_int
        'assert list(ch) == [0, 1, 2]',
        'src, dst = c.Chan_int(), c.Chan_int()',
        'c.Double(src, dst)',           # <-chan int and chan<- int parameters
        'src.send(4); assert dst.recv() == 8',
        'src.send(5); src.close()',
        'assert list(dst) == [10]',
        'pipe = c.Echo()',              # struct fields of each direction
        'assert type(pipe.In).__name__ == "SendChan_int" and type(pipe.Out).__name__ == "RecvChan_int"',
        'assert not hasattr(pipe.In, "recv") and not hasattr(pipe.Out, "send")',
        raises('AttributeError', 'pipe.In.recv()', 'recv'),
        'pipe.In.send(41)',
        'assert pipe.Out.recv(timeout=5) == 41',
        'pipe.In.close()',
        'assert list(pipe.Out) == []',
        'pipe.Both.send("x"); assert pipe.Both.recv() == "x"',
        'pipe.Both = None',
        'assert pipe.Both is None',
        'pipe.Both = c.Chan_string(2)',
        'assert pipe.Both.cap == 2',
        raises('TypeError', 'setattr(pipe, "Both", c.Chan_int())', 'Chan_string or None'),
        'pipe.Out = r',
        raises('TypeError', 'setattr(pipe, "Out", [1, 2])', 'RecvChan_int or Chan_int or None'),  # fields take no iterables
        raises('TypeError', 'c.Produce(c.Count(1), 1)', 'SendChan_int or Chan_int or None'),
    ]))


def test_named_channel_types_and_variables(surface):
    surface('channels', '\n'.join([
        'import channels as c',
        'w = c.Words("go is fun")',
        'assert type(w) is c.Events and list(w) == ["go", "is", "fun"]',
        'e = c.Events(2)',
        'e.send("a"); assert e.recv() == "a"',
        'assert c.SumFeed(range(5)) == 10',       # a named <-chan type takes iterables too
        'f = c.Chan_int(3)',
        'f.send(1); f.send(2); f.close()',
        'assert c.SumFeed(f) == 3',
        'assert c.Updates is None',
        'c.Updates = c.Chan_int(1)',
        'c.Bump(9)',
        'assert c.Updates.recv() == 9',
        'u = c.Updates',
        'c.Updates = None',
        'assert c.Updates is None and u.cap == 1',
    ]))


def test_timeouts_and_closing(surface):
    surface('channels', '\n'.join([
        'import time, channels as c',
        TIMEOUT,
        'ch = c.Chan_int(1)',
        't0 = time.time()',
        raises('Timeout', 'ch.recv(timeout=0.1)', 'timed out'),
        'assert 0.09 < time.time() - t0 < 2',
        raises('Timeout', 'ch.recv(timeout=0)', 'timed out'),
        'ch.send(1)',
        raises('Timeout', 'ch.send(2, timeout=0.05)', 'timed out'),
        raises('ValueError', 'ch.recv(timeout=-1)', "'timeout' must be a non-negative number"),
        raises('TypeError', 'ch.recv(timeout="x")', ''),
        'assert ch.recv() == 1',
        'c.Later(ch, 7, 50)',
        'assert ch.recv(timeout=5) == 7',
        'ch.send(3); ch.close()',
        'assert ch.recv() == 3',           # closed: the queued values first, then EOFError
        raises('EOFError', 'ch.recv()', 'closed'),
        raises('c.GoPanic', 'ch.send(4)', 'send on closed channel'),
        raises('c.GoPanic', 'ch.close()', 'close of closed channel'),
        'assert list(ch) == []',
    ]))


def test_iterables_feed_receiving_parameters(surface):
    surface('channels', '\n'.join([
        'import itertools, channels as c',
        'assert c.Sum(range(10)) == 45',
        'assert c.Sum(x * x for x in range(4)) == 14',
        'assert c.Sum([]) == 0',
        'assert c.Join(iter(["a", "b", "c"]), "-") == "a-b-c"',
        'assert c.Sum(c.Count(5)) == 10',   # a channel object is passed as it is
        'assert list(c.FirstN(itertools.count(), 3)) == [0, 1, 2]',
        'def bad():\n    yield 1\n    raise ValueError("broken iterable")',
        raises('ValueError', 'c.Sum(bad())', 'broken iterable'),
        raises('TypeError', 'c.Sum([1, "x"])', ''),
        raises('TypeError', 'c.Sum(5)', "Sum() argument 'ch' must be iterable"),
        'assert c.Sum(range(3)) == 3',      # the module still works
    ]))


def test_threads_lose_and_duplicate_nothing(surface):
    """Producer and consumer Python threads on one channel, and goroutine producers with Python
    consumers: every item arrives exactly once, and no handle is left behind."""
    surface('channels', '\n'.join([
        'import threading, channels as c',
        'start = c._gobind_handles()',
        'for cap in (0, 16):',
        '    ch = c.Chan_string(cap)',
        '    got, lock = [], threading.Lock()',
        '    def produce(k):',
        '        for i in range(2000):',
        '            ch.send("%d-%d" % (k, i))',
        '    def consume():',
        '        mine = list(ch)',
        '        with lock:',
        '            got.extend(mine)',
        '    producers = [threading.Thread(target=produce, args=(k,)) for k in range(4)]',
        '    consumers = [threading.Thread(target=consume) for _ in range(4)]',
        '    for t in producers + consumers:',
        '        t.start()',
        '    for t in producers:',
        '        t.join()',
        '    ch.close()',
        '    for t in consumers:',
        '        t.join()',
        '    assert sorted(got) == sorted("%d-%d" % (k, i) for k in range(4) for i in range(2000))',
        'fan = c.Fan(8, 1000)',
        'seen = []',
        'ts = [threading.Thread(target=lambda: seen.extend(list(fan))) for _ in range(3)]',
        'for t in ts:\n    t.start()',
        'for t in ts:\n    t.join()',
        'assert sorted(seen) == list(range(8000))',
        'del ch, fan, producers, consumers, ts',
        'import gc; gc.collect()',
        'assert c._gobind_handles() == start, (start, c._gobind_handles())',
    ]))


CTRL_C = '''
import signal, sys, time, channels as c
assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
ch = c.Chan_int()
for what in ("recv", "send", "iter"):
    print("ready")
    sys.stdout.flush()
    t0 = time.time()
    try:
        if what == "recv":
            ch.recv()
        elif what == "send":
            ch.send(1)
        else:
            for v in ch:
                pass
        print("no KeyboardInterrupt")
    except KeyboardInterrupt:
        print("%s: KeyboardInterrupt after %.2f s" % (what, time.time() - t0))
    sys.stdout.flush()
c.Later(ch, 5, 10)                 # the channel still works
assert ch.recv(timeout=5) == 5
print("ok")
'''


@pytest.mark.parametrize('version', ['3', '2.7'])
def test_ctrl_c_interrupts_blocking_operations(built, version):
    interpreter = sys.executable if version == '3' else pyenv_python(version)
    if interpreter is None:
        pytest.skip('no Python %s interpreter under pyenv on this machine' % version)
    build = built('channels', *(() if version == '3' else ('-Dpython=' + interpreter,)))
    env = dict(os.environ, PYTHONPATH=str(build.builddir))
    proc = subprocess.Popen([interpreter, '-c', CTRL_C], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, universal_newlines=True)
    try:
        lines, delays = [], []
        for _ in range(3):
            assert proc.stdout.readline().strip() == 'ready'
            time.sleep(0.3)
            sent = time.time()
            proc.send_signal(signal.SIGINT)
            lines.append(proc.stdout.readline().strip())
            delays.append(time.time() - sent)
        print('KeyboardInterrupt after SIGINT: %s s' % ', '.join('%.3f' % d for d in delays))
        assert max(delays) < 0.5, (delays, lines)
        out, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 0 and out.strip() == 'ok', (proc.returncode, lines, out, err)
    assert [line.split(':')[0] for line in lines] == ['recv', 'send', 'iter'], lines
    assert all('KeyboardInterrupt after' in line for line in lines), lines


SUSTAINED = '''
import sys, threading, time, channels as c
seconds = float(sys.argv[1])
start = c._gobind_handles()
ch = c.Chan_Point(8)
stop = time.time() + seconds
sent, got, lock = [0] * 4, [], threading.Lock()
def produce(k):
    i = 0
    while time.time() < stop:
        ch.send(c.Point(X=k, Y=i))
        i += 1
    sent[k] = i
def consume():
    mine = [(p.X, p.Y) for p in ch]
    with lock:
        got.extend(mine)
producers = [threading.Thread(target=produce, args=(k,)) for k in range(4)]
consumers = [threading.Thread(target=consume) for _ in range(4)]
for t in producers + consumers:
    t.start()
for t in producers:
    t.join()
ch.close()
for t in consumers:
    t.join()
assert len(got) == sum(sent) == len(set(got)), (len(got), sum(sent), len(set(got)))
assert set(got) == set((k, i) for k in range(4) for i in range(sent[k]))
del ch, producers, consumers
assert c._gobind_handles() == start, (start, c._gobind_handles())
print("%d items" % len(got))
'''


@pytest.mark.slow
def test_sustained_producers_and_consumers(built):
    """4 producer and 4 consumer threads on one buffered channel of structs for GOBIND_STRESS_SECONDS
    (default 30): every item arrives once, and the handle count comes back to where it started."""
    seconds = os.environ.get('GOBIND_STRESS_SECONDS', '') or '30'
    build = built('channels')
    out = build.python(SUSTAINED.replace('float(sys.argv[1])', seconds)).stdout
    assert out.strip().endswith('items'), out
