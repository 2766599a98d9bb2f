"""Run under valgrind by bench/callgrind.py: imports one implementation, then calls each row n times from C."""

from __future__ import annotations

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from worker import load  # noqa: E402

# Each row: (callable or attribute path, arguments, whether it raises GoError, calls per statement).
ROWS = {
    'noop': ('Noop', (), False),
    'add': ('Add', (1, 2), False),
    'echo_short': ('Echo', ('hello',), False),
    'echo_1k': ('Echo', ('x' * 1000,), False),
    'method': ('counter.Inc', (1,), False),
    'struct': ('Counter', (), False),
    'err_ok': ('SafeDiv', (7, 2), False),
    'err_raise': ('SafeDiv', (1, 0), True),
}


def target(m, extra, path):
    """The callable a row names: a module function, or a method of one Counter made here."""
    if path.startswith('counter.'):
        return getattr(m.Counter(), path.split('.', 1)[1])
    return getattr(m, path)


def main() -> None:
    impl, path, cgloop_dir, counts = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
    m, extra = load(impl, os.path.abspath(path))
    sys.path.insert(0, cgloop_dir)
    import cgloop
    for row, n in counts.items():
        name, args, raises = ROWS[row]
        f = target(m, extra, name)
        expected = extra['E'] if raises else None
        got = cgloop.repeat(n, expected, f, *args)
        if raises and got != n:
            raise SystemExit('drive: %s raised %d of %d times' % (row, got, n))


if __name__ == '__main__':
    main()
