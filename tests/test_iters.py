"""Go iterators are Python iterators (test_projects/iters): iter.Seq, iter.Seq2, named and unnamed
iterator types as results pull lazily, break stops the Go iterator, panics surface at the step,
and any Python iterable goes where Go wants an iter.Seq."""

import pytest

from conftest import cgocheck2_builds, raises


def test_results_iterate_lazily(surface):
    surface('iters', '\n'.join([
        'import iters as m',
        'assert list(m.Count(5)) == [0, 1, 2, 3, 4]',
        'assert list(m.Count(0)) == []',
        'assert list(m.Words(" go  py ")) == ["go", "py"]',
        'assert list(m.Lengths("a bb ccc")) == [("a", 1), ("bb", 2), ("ccc", 3)]',
        'assert dict(m.Lengths("x yy")) == {"x": 1, "yy": 2}',
        'assert list(m.EvensBelow(7)) == [0, 2, 4, 6]',
        'assert [(p.X, p.Y) for p in m.Diagonal(3)] == [(0, 0), (1, 1), (2, 2)]',
        'it = m.Count(3)',
        'assert iter(it) is it and type(it).__name__ == "GoIterator"',
        'assert "Stop the Go iterator now" in it.close.__doc__',
        'assert next(it) == 0 and next(it) == 1 and next(it) == 2',
        raises('StopIteration', 'next(it)'),
        raises('StopIteration', 'next(it)'),
        # an endless Go iterator: only the steps Python asks for run
        'import itertools',
        'assert list(itertools.islice(m.Tracked(), 4)) == [0, 1, 2, 3]',
        'assert m.Count.__doc__.startswith("Count(n: int) -> Iterator[int]"), m.Count.__doc__',
        'assert m.Lengths.__doc__.startswith("Lengths(s: str) -> Iterator[tuple[str, int]]")',
    ]))


def test_break_stops_the_go_iterator(surface):
    surface('iters', '\n'.join([
        'import gc, iters as m',
        'started, stopped, finished = m.Runs()',
        'for i in m.Tracked():',
        '    if i == 3:',
        '        break',
        'gc.collect()',
        # the dropped Python iterator stopped the Go one: yield returned false, deferred calls ran
        'assert m.Runs() == (started + 1, stopped + 1, finished + 1), (m.Runs(), started)',
        'it = m.Tracked()',
        'assert next(it) == 0',
        'it.close()',
        'assert m.Runs() == (started + 2, stopped + 2, finished + 2), m.Runs()',
        raises('StopIteration', 'next(it)'),
        'it.close()',   # closing twice is fine
        # an iterator never started runs nothing, and stopping it runs nothing either
        'm.Tracked().close()',
        'assert m.Runs() == (started + 2, stopped + 2, finished + 2), m.Runs()',
    ]))


def test_a_panic_surfaces_at_the_step(surface):
    surface('iters', '\n'.join([
        'import iters as m',
        'it = m.Explode()',
        'assert next(it) == 1 and next(it) == 2',
        raises('m.GoPanic', 'next(it)', 'exploded after 2'),
        raises('StopIteration', 'next(it)'),   # the Go iterator is done with, as a generator is
        'seen = []',
        'try:\n    for v in m.Explode():\n        seen.append(v)\nexcept m.GoPanic:\n    pass',
        'assert seen == [1, 2], seen',
    ]))


def test_python_iterables_as_go_iterators(surface):
    surface('iters', '\n'.join([
        'import iters as m',
        'assert m.Sum([1, 2, 3]) == 6',
        'assert m.Sum(range(101)) == 5050',
        'assert m.Sum(x * x for x in range(4)) == 14',
        'assert m.Sum(()) == 0',
        'assert m.Join(["a", "b", "c"], "-") == "a-b-c"',
        'assert m.Join({"k": 1}, "") == "k"',
        'assert m.Pairs([("a", 1), ("b", 3)]) == "a=*,b=***"',
        'assert m.Pairs({"x": 2}.items()) == "x=**"',
        # Go breaks out of its loop: the Python iterator is not pulled further
        'pulled = []',
        'def gen():\n    for i in range(100):\n        pulled.append(i)\n        yield i',
        'assert m.SumFirst(gen(), 3) == 3',
        'assert pulled == [0, 1, 2, 3], pulled',
        # Python in, Go out: both lazy
        'assert list(m.Double([1, 2, 3])) == [2, 4, 6]',
        'assert list(m.Double(m.Count(3))) == [0, 2, 4]',
        # Go keeps the iterable and ranges over it after the call: one pass, as over a Python iterator
        'src = m.NewSource("s", (x + 1 for x in range(3)))',
        'assert list(src.All()) == [1, 2, 3] and list(src.All()) == []',
        'assert list(m.Source(Name="empty").All()) == []',
        'assert not hasattr(src, "Items")',
        # an exception while Go ranges over the iterable after the call returned ends Go's loop and
        # goes to sys.unraisablehook, as a kept callable's would (docs/runtime.md)
        'import sys',
        'caught = []',
        'if hasattr(sys, "unraisablehook"):\n    sys.unraisablehook = lambda u: caught.append(u.exc_value)',
        'def late():\n    yield 1\n    raise KeyError("late")',
        'assert list(m.NewSource("late", late()).All()) == [1]',
        'assert not hasattr(sys, "unraisablehook") or repr(caught) == "[KeyError(\'late\')]", caught',
        raises('TypeError', 'm.Sum(5)', "argument 'seq' must be iterable, not int"),
        raises('TypeError', 'm.Sum([1, "x"])', 'must be int, not str'),
        raises('TypeError', 'm.Pairs([("a", 1, 2)])', 'tuple of 2 values'),
        'def boom():\n    yield 1\n    raise KeyError("bad item")',
        'try:\n    m.Sum(boom())\nexcept KeyError as e:\n    assert e.args == ("bad item",), e.args\nelse:\n    raise AssertionError("no KeyError")',
    ]))


def test_iterators_across_callbacks_and_threads(surface):
    surface('iters', '\n'.join([
        'import threading, iters as m',
        'base = m._gobind_handles()',
        # made at one depth of calls between Python and Go and pulled at another
        'assert m.Sum(m.Count(5)) == 10',
        'outer = m.Count(4)',
        'assert next(outer) == 0',
        'assert list(m.Watch(lambda i: i < 3 and next(outer) > 0)) == [0, 1, 2]',
        'assert list(outer) == []',
        'assert list(m.Watch(lambda i: i < len(list(m.Count(3))))) == [0, 1, 2]',
        # a step that pulls its own iterator again, as a generator would refuse: the callable runs on
        # the Go iterator's goroutine, after Watch returned, so its exception goes to
        # sys.unraisablehook and the callable returns false to Go (docs/runtime.md)
        'import sys',
        'caught = []',
        'if hasattr(sys, "unraisablehook"):\n    sys.unraisablehook = lambda u: caught.append(u.exc_value)',
        'it = None',
        'def again(i):\n    next(it)\n    return True',
        'it = m.Watch(again)',
        raises('StopIteration', 'next(it)'),
        'assert not hasattr(sys, "unraisablehook") or "already executing" in str(caught[0]), caught',
        # with callback_panics, the exception unwinds the Go iterator and comes back from next()
        'def boom(i):\n    if i == 2:\n        raise KeyError("two")\n    return True',
        'g = m.Guarded(boom)',
        'assert next(g) == 0 and next(g) == 1',
        raises('KeyError', 'next(g)', 'two'),
        raises('StopIteration', 'next(g)'),
        # threads each with their own iterators
        'sums = []',
        'def work():\n    sums.append(sum(m.Count(2000)) + m.Sum(m.Count(10)))',
        'threads = [threading.Thread(target=work) for _ in range(4)]',
        'for t in threads:\n    t.start()',
        'for t in threads:\n    t.join()',
        'assert sums == [1999000 + 45] * 4, sums',
        'del it, outer',
        'import gc',
        'gc.collect()',
        'assert m._gobind_handles() == base, (m._gobind_handles(), base)',
    ]))


def test_iterators_release_their_handles(surface):
    surface('iters', '\n'.join([
        'import iters as m',
        'base = m._gobind_handles()',
        'its = [m.Count(3), m.Lengths("a b"), m.Tracked(), m.Explode()]',
        'assert m._gobind_handles() == base + 4',
        'list(its[0])',   # the end releases the handle at once
        'assert m._gobind_handles() == base + 3',
        'next(its[1])',
        'its[2].close()',
        'assert m._gobind_handles() == base + 2',
        'try:\n    list(its[3])\nexcept m.GoPanic:\n    pass',
        'assert m._gobind_handles() == base + 1',
        'del its',
        'assert m._gobind_handles() == base',
    ]))


FORK = r'''
import os, iters as m
started = m.Tracked()
assert next(started) == 0
fresh = m.Count(3)
pid = os.fork()
if pid == 0:
    import signal
    signal.alarm(60)   # a child that hangs in Go dies instead
    code = 0
    for it in (started, fresh):
        try:
            next(it)
            code = 3
        except RuntimeError as e:
            code = code if "does not survive fork()" in str(e) else 4
    del started, fresh   # dropping them must not call Go either (it would hang)
    os._exit(code)
_, status = os.waitpid(pid, 0)
assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, status
assert next(started) == 1 and list(fresh) == [0, 1, 2]
'''


def test_forked_child_never_pulls_go_iterators(built):
    b = built('iters')
    out = b.python(FORK + 'print("ok")\n', check=False)
    assert out.returncode == 0 and out.stdout.strip() == 'ok', (out.stdout, out.stderr)


CHURN = r'''
import iters as m
for _ in range(300):
    assert list(m.Words("a bb c")) == ["a", "bb", "c"]
    assert dict(m.Lengths("x yy")) == {"x": 1, "yy": 2}
    assert [p.X for p in m.Diagonal(3)] == [0, 1, 2]
    assert m.Join(["a", "b"], "-") == "a-b" and m.Pairs([("a", 1)]) == "a=*"
    assert list(m.Double(m.Count(3))) == [0, 2, 4]
    for i in m.Tracked():
        if i == 2:
            break
print("ok")
'''


@pytest.mark.slow
def test_iterators_under_cgocheck2(tmp_path):
    """Steps, stops and Python items obey cgo's pointer rules, checked by the runtime."""
    for b, interpreter in cgocheck2_builds('iters', tmp_path):
        assert b.python(CHURN, interpreter=interpreter).stdout.strip() == 'ok'
