"""Times the benchmark rows for one implementation, in its own process, and prints JSON (run by run.py).

Each implementation (plain Python, the hand-written reference, gobind, gopy) runs in a separate
process, so that no two Go runtimes share one process and each import is measured alone.
Timing happens on the main thread, as a user's calls would (see golang/go#68587 for why it matters).
"""

from __future__ import annotations

import argparse
import array
import importlib
import json
import os
import sys
import threading
import time
import timeit
from typing import Any, Callable, Dict, List, Optional, Tuple, Type

# Sizes of the bulk rows.
BYTES_LEN = 1 << 20
FLOATS_LEN = 10 ** 6
CALLBACKS = 100

# (row id, label), in table order.
ROWS = [
    ('noop', 'noop()'),
    ('add', 'add(int, int)'),
    ('echo_short', 'echo(str), 5 chars'),
    ('echo_1k', 'echo(str), 1,000 chars'),
    ('method', 'method call on a struct'),
    ('struct', 'struct create and drop'),
    ('err_ok', '(T, error) call, succeeds'),
    ('err_raise', '(T, error) call, raises'),
    ('bytes_1m', '[]byte 1 MiB in and out, borrowed'),
    ('bytes_1m_copy', '[]byte 1 MiB in and out, copied'),
    ('sum_floats', '[]float64 1e6 to Go (sum), borrowed'),
    ('sum_floats_copy', '[]float64 1e6 to Go (sum), copied'),
    ('make_floats', '[]float64 1e6 from Go (to numpy)'),
    ('callback', 'callback Go to Python (per callback)'),
]

# Names each row needs from the module under test; a missing one means "not bound yet".
NEEDS = {
    'noop': ['Noop'], 'add': ['Add'], 'echo_short': ['Echo'], 'echo_1k': ['Echo'],
    'method': ['Counter', 'Counter.Inc'], 'struct': ['Counter'], 'err_ok': ['SafeDiv'],
    'err_raise': ['SafeDiv'], 'bytes_1m': ['EchoBytes'], 'sum_floats': ['SumFloats'],
    'bytes_1m_copy': ['EchoBytesCopy'], 'sum_floats_copy': ['SumFloatsCopy'],
    'make_floats': ['MakeFloats'], 'callback': ['CallBack'],
}

ERR_RAISE = 'try:\n    SafeDiv(1, 0)\nexcept E:\n    pass'

# A variant is (statement timed, expression that must be true first, note, calls per statement).
Variant = Tuple[str, str, str, int]


def raises(fn: Callable[[], Any], exc: Type[BaseException]) -> bool:
    """True when fn() raises exc with Go's error text."""
    try:
        fn()
    except exc as e:
        return 'divide by zero' in str(e)
    return False


def load(impl: str, path: str) -> Tuple[Any, Dict[str, Any]]:
    """Imports the module of one implementation; returns it and the extra names its statements use."""
    sys.path.insert(0, path)
    impl = impl[:-len('_rel')] if impl.endswith('_rel') else impl  # the same module, built to release the GIL
    if impl == 'python':
        m = importlib.import_module('pyimpl')
        return m, {'E': m.GoError}
    if impl == 'reference':
        m = importlib.import_module('benchref')
        return m, {'E': m.GoError}
    if impl == 'gobind':
        m = importlib.import_module('benchpkg')
        return m, {'E': getattr(m, 'GoError', RuntimeError)}
    if impl == 'gopy':
        m = importlib.import_module('gopy_benchpkg.benchpkg')
        go = importlib.import_module('gopy_benchpkg.go')
        return m, {'E': RuntimeError, 'go': go}
    raise SystemExit('worker: unknown implementation %r' % impl)


def variants(impl: str, row: str, have_numpy: bool) -> List[Variant]:
    """The ways to run one row for one implementation, best first."""
    common = {
        'noop': [('Noop()', 'Noop() is None', '', 1)],
        'add': [('Add(1, 2)', 'Add(1, 2) == 3', '', 1)],
        'echo_short': [('Echo(s5)', 'Echo(s5) == s5', '', 1)],
        'echo_1k': [('Echo(s1k)', 'Echo(s1k) == s1k', '', 1)],
        'method': [('c.Inc(1)', 'Counter().Inc(2) == 2', '', 1)],
        'struct': [('Counter()', 'Counter() is not None', '', 1)],
        'err_ok': [('SafeDiv(7, 2)', 'SafeDiv(7, 2) == 3', '', 1)],
        'err_raise': [(ERR_RAISE, 'raises(lambda: SafeDiv(1, 0), E)', '', 1)],
        'bytes_1m': [('EchoBytes(b1m)', 'bytes(EchoBytes(b1m)) == b1m', '', 1)],
        'sum_floats': [('SumFloats(xs)', 'SumFloats(xs) == total', '', 1),
                       ('SumFloats(xs_list)', 'SumFloats(xs_list) == total', 'from a list, not a view', 1)],
        'make_floats': [('asarray(MakeFloats(N))', 'check_floats(asarray(MakeFloats(N)))', '', 1)],
        'callback': [('CallBack(f, %d)' % CALLBACKS, 'CallBack(f, %d) == %d' % (CALLBACKS, CALLBACKS * (CALLBACKS - 1) // 2),
                      '', CALLBACKS)],
    }
    if impl == 'python':
        common['sum_floats'] = [('SumFloats(xs_list)', 'SumFloats(xs_list) == total', 'Python loop over a list', 1)]
    if impl == 'gopy':
        common['bytes_1m'] = [('bytes(EchoBytes(go.Slice_byte.from_bytes(b1m)))',
                               'bytes(EchoBytes(go.Slice_byte.from_bytes(b1m))) == b1m',
                               'bytes to go.Slice_byte and back', 1)]
        common['sum_floats'] = [('SumFloats(go.Slice_float64(xs_list))', 'SumFloats(go.Slice_float64(xs_list)) == total',
                                 'list to go.Slice_float64, one append per element', 1)]
        common['make_floats'] = [('fromiter(MakeFloats(N), float, N)', 'check_floats(fromiter(MakeFloats(N), float, N))',
                                  'numpy.fromiter over go.Slice_float64', 1)]
    # The copying rows: the same statements, calling the function without //gobind:borrow.
    for row_id, name in (('bytes_1m', 'EchoBytes'), ('sum_floats', 'SumFloats')):
        common[row_id + '_copy'] = [tuple(x.replace(name + '(', name + 'Copy(') if i < 2 else x
                                          for i, x in enumerate(v)) for v in common[row_id]]
    if not have_numpy and row == 'make_floats':
        stmt = 'list(MakeFloats(N))' if impl == 'gopy' else 'MakeFloats(N)'
        return [(stmt, 'len(%s) == N' % stmt, 'numpy missing: result object only', 1)]
    return common[row]


def missing_names(m: Any, row: str) -> List[str]:
    """The names a row needs that module m does not have."""
    out = []
    for name in NEEDS[row]:
        obj: Any = m
        for part in name.split('.'):
            obj = getattr(obj, part, None)
        if obj is None:
            out.append(name)
    return out


def namespace(m: Any, extra: Dict[str, Any]) -> Dict[str, Any]:
    """The globals the statements run in: the module's functions plus the inputs."""
    g: Dict[str, Any] = {k: getattr(m, k) for k in dir(m) if not k.startswith('_')}
    g.update(extra)
    xs_list = [float(i % 1000) for i in range(FLOATS_LEN)]
    g.update({
        's5': 'hello', 's1k': 'x' * 1000, 'b1m': bytes(range(256)) * (BYTES_LEN // 256),
        'xs_list': xs_list, 'total': sum(xs_list), 'N': FLOATS_LEN, 'f': lambda i: i,
        'raises': raises, 'xs': array.array('d', xs_list),
    })
    try:
        import numpy
        g['xs'] = numpy.asarray(xs_list, dtype=numpy.float64)
        g['asarray'] = numpy.asarray
        g['fromiter'] = numpy.fromiter
    except ImportError:
        g['asarray'] = None
    g['check_floats'] = lambda a: len(a) == FLOATS_LEN and float(a[-1]) == FLOATS_LEN - 1
    if 'Counter' in g:
        g['c'] = g['Counter']()
    return g


def time_stmt(stmt: str, g: Dict[str, Any], target: float, repeats: int, smoke: bool) -> List[float]:
    """Seconds per statement: `repeats` samples, each of a loop lasting about `target` seconds."""
    timer = timeit.Timer(stmt, globals=g)
    if smoke:
        return [timer.timeit(1)]
    number = 1
    while True:
        t = timer.timeit(number)
        if t >= target or number >= 1 << 24:
            break
        number = max(number * 2, int(number * target / max(t, 1e-9) * 1.1))
    return [timer.timeit(number) / number for _ in range(repeats)]


def run_calls(impl: str, m: Any, extra: Dict[str, Any], args: argparse.Namespace) -> Dict[str, Any]:
    """Times every row; a row the module cannot run gets its reason instead."""
    g = namespace(m, extra)
    have_numpy = g['asarray'] is not None
    rows: Dict[str, Any] = {}
    for row, _label in ROWS:
        missing = missing_names(m, row)
        if missing:
            rows[row] = {'skip': 'not bound yet' if impl == 'gobind' else 'not bound (%s)' % ', '.join(missing)}
            continue
        failures = []
        for stmt, check, note, per in variants(impl, row, have_numpy):
            try:
                ok = eval(check, g)
            except Exception as e:  # the binding refused this input: try the next variant
                failures.append('%s: %s' % (type(e).__name__, str(e).splitlines()[0] if str(e) else ''))
                continue
            if not ok:
                failures.append('wrong result from %s' % check)
                continue
            samples = time_stmt(stmt, g, args.target, args.repeats, args.smoke)
            rows[row] = {'ns': [s / per * 1e9 for s in samples], 'note': note}
            break
        else:
            rows[row] = {'skip': 'fails: ' + '; '.join(failures)}
    extras = {'loop_ns': [s * 1e9 for s in time_stmt('pass', g, args.target, args.repeats, args.smoke)]}
    if impl.startswith('reference'):
        extras['noop_gil_ns'] = [s * 1e9 for s in time_stmt('NoopKeepGIL()', g, args.target, args.repeats, args.smoke)]
    return {'rows': rows, 'extras': extras}


def throughput(spin: Callable[[int], int], n: int, threads: int, duration: float) -> float:
    """Calls of spin(n) per second, summed over `threads` threads (the main thread is one of them)."""
    counts = [0] * threads
    start = threading.Barrier(threads)

    def loop(k: int) -> None:
        start.wait()
        end = time.perf_counter() + duration
        calls = 0
        while time.perf_counter() < end:
            spin(n)
            calls += 1
        counts[k] = calls

    helpers = [threading.Thread(target=loop, args=(k,)) for k in range(1, threads)]
    for t in helpers:
        t.start()
    t0 = time.perf_counter()
    loop(0)
    for t in helpers:
        t.join()
    return sum(counts) / (time.perf_counter() - t0)


def run_parallel(m: Any, args: argparse.Namespace) -> Dict[str, Any]:
    """Throughput of Spin with two threads against one; Spin's size is set so a call takes about 1 ms."""
    if getattr(m, 'Spin', None) is None:
        return {'skip': 'not bound yet'}
    spin = m.Spin
    spin(1)  # the first call into Go pays one-time set-up costs
    n = 1000
    while True:
        t = min(timeit.repeat(lambda: spin(n), number=1, repeat=3))
        if t >= 1e-3 or n >= 1 << 40:
            break
        n = int(n * max(2.0, min(1e-3 / max(t, 1e-9), 1000.0)))
    duration = 0.05 if args.smoke else args.parallel_seconds
    ratios, singles = [], []
    for _ in range(1 if args.smoke else args.repeats):
        one = throughput(spin, n, 1, duration)
        two = throughput(spin, n, 2, duration)
        singles.append(one)
        ratios.append(two / one)
    return {'ratios': ratios, 'calls_per_s': singles, 'n': n}


def main(argv: Optional[List[str]] = None) -> None:
    """Command line: worker.py IMPL PATH [--parallel] [--target S] [--repeats R] [--smoke]."""
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument('impl', choices=['python', 'reference', 'reference_rel', 'gobind', 'gobind_rel', 'gopy'])
    p.add_argument('path', help='folder to import the module from')
    p.add_argument('--parallel', action='store_true', help='run the two-thread row instead of the call rows')
    p.add_argument('--target', type=float, default=0.02, help='seconds per timed loop')
    p.add_argument('--repeats', type=int, default=5)
    p.add_argument('--parallel-seconds', type=float, default=0.5)
    p.add_argument('--smoke', action='store_true', help='run each statement once, untimed')
    args = p.parse_args(argv)
    m, extra = load(args.impl, os.path.abspath(args.path))
    out = run_parallel(m, args) if args.parallel else run_calls(args.impl, m, extra, args)
    json.dump(out, sys.stdout)


if __name__ == '__main__':
    main()
