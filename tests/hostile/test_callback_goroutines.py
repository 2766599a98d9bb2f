"""A Python callable that raises on a goroutine Go started never aborts the process
(test_projects/lifetimes): the waiting bound call raises the first exception, a call that no
longer waits hands it to sys.unraisablehook, and the callback_panics opt-in makes it a Go panic."""

import sys

import pytest

from conftest import TEST_PROJECTS, pyenv_python, raises, run


def test_fan_out_raises_the_first_exception_at_the_call(surface):
    surface('lifetimes', '\n'.join([
        'import lifetimes as m',
        'def boom(i):\n    if i == 3:\n        raise ValueError("bad %d" % i)\n    return i',
        raises('ValueError', 'm.FanOut(8, boom)', 'bad 3'),
        # every goroutine raises: exactly one exception, one of theirs, comes back
        'def always(i):\n    raise KeyError(i)',
        'for _ in range(20):\n    try:\n        m.FanOut(16, always)\n    except KeyError as e:\n'
        '        assert e.args[0] in range(16), e.args\n    else:\n        raise AssertionError("no KeyError")',
        # the module still works, and the results of the goroutines that returned are used
        'assert m.FanOut(4, lambda i: i * 10) == [0, 10, 20, 30]',
        # the callbacks that raised returned zero values to Go: Go went on and summed the others
        'calls = []',
        'def some(i):\n    calls.append(i)\n    if i % 2:\n        raise OSError(i)\n    return 1',
        raises('OSError', 'm.FanOut(10, some)'),
        'assert sorted(calls) == list(range(10)), calls',
    ]))


def test_every_kind_of_callback_result(surface):
    surface('lifetimes', '\n'.join([
        'import lifetimes as m',
        # a string result crosses through a second call into Go; the raising ones give ""
        'def label(i):\n    if i == 1:\n        raise LookupError("no label")\n    return "L%d" % i',
        raises('LookupError', 'm.Labels(4, label)', 'no label'),
        'assert list(m.Labels(3, lambda i: "x" * i)) == ["", "x", "xx"]',
        # no result at all: every goroutine still returns to Go, then the call raises
        'seen = []',
        'def note(i):\n    seen.append(i)\n    if i == 0:\n        raise ArithmeticError("note")',
        raises('ArithmeticError', 'm.Notify(6, note)', 'note'),
        'assert sorted(seen) == list(range(6)), seen',
        'assert m.Notify(3, lambda i: None) == 3',
    ]))


def test_raise_on_the_calling_goroutine_stops_go_at_once(surface):
    surface('lifetimes', '\n'.join([
        'import lifetimes as m',
        'seen = []',
        'def each(i):\n    seen.append(i)\n    if i == 2:\n        raise ValueError("stop")',
        raises('ValueError', 'm.Each(5, each)', 'stop'),
        'assert seen == [0, 1, 2], seen',
    ]))


def test_no_waiting_call_goes_to_unraisablehook(surface):
    surface('lifetimes', '\n'.join([
        'import sys, lifetimes as m',
        'hooked = []',
        'if sys.version_info >= (3, 8):\n'
        '    sys.unraisablehook = lambda u: hooked.append((u.exc_type, str(u.exc_value), u.object))',
        'def late(i):\n    raise RuntimeError("late %d" % i)',
        'm.Later(late)',         # the call that got the callable returns at once
        'm.RunLater()',          # another call lets Go call it
        'if sys.version_info >= (3, 8):\n'
        '    assert hooked == [(RuntimeError, "late 1", late)], hooked',
        'assert m.FanOut(3, lambda i: i) == [0, 1, 2]',
    ]))


def test_kept_callables_fired_later_never_abort(surface):
    surface('callbacks', '\n'.join([
        'import sys, callbacks as c',
        'hooked = []',
        'if sys.version_info >= (3, 8):\n    sys.unraisablehook = lambda u: hooked.append(str(u.exc_value))',
        'def bad(event):\n    raise ValueError("handler " + event)',
        'c.Clear()',
        'c.Register(bad)',                  # Register returns: no call waits for bad any more
        'c.Register(lambda e: True)',
        'assert c.Fire("go") == 1',         # bad returned False (the zero value) to Go
        'assert c.Fire("again") == 1',
        'if sys.version_info >= (3, 8):\n    assert sorted(hooked) == ["handler again", "handler go"], hooked',
        'c.Clear()',
    ]))


def unraisable_on_python_2(built, code: str, *words: str) -> None:
    """Runs code (which ends the call that waited) against lifetimes on Python 2.7: the process
    goes on, and stderr reports the exception (words) as ignored."""
    interpreter = pyenv_python('2.7')
    if interpreter is None:
        pytest.skip('no Python 2.7 interpreter under pyenv on this machine')
    b = built('lifetimes', '-Dpython=' + interpreter)
    proc = b.python(code + '\nprint("alive")', interpreter=interpreter)
    assert 'alive' in proc.stdout
    assert all(w in proc.stderr for w in words + ('ignored',)), proc.stderr


def test_unraisable_report_on_python_2_goes_to_stderr(built):
    unraisable_on_python_2(built, '\n'.join([
        'import lifetimes as m',
        'def late(i):\n    raise RuntimeError("late %d" % i)',
        'm.Later(late)',
        'm.RunLater()',
    ]), 'RuntimeError', 'late 1')


def test_callback_panics_opt_in_lets_go_recover(surface):
    surface('lifetimes', '\n'.join([
        'import lifetimes as m',
        'def boom(i):\n    if i < 3:\n        raise ValueError("bad %d" % i)\n    return i',
        # meson.build sets callback_panics: ['Recovering']: each goroutine recovers a panic
        'n, text = m.Recovering(5, boom)',
        'assert n == 3 and text.startswith("Python exception: bad "), (n, text)',
        'assert m.Recovering(5, lambda i: i) == (0, "")',
    ]))


def test_callback_panics_names_are_checked(tmp_path):
    env_python = sys.executable
    proc = run([env_python, '-m', 'gobind_module', 'gen', '--dir', TEST_PROJECTS / 'lifetimes',
                '--outdir', tmp_path, '--callback-panics', 'FanOut,Nope', 'example.com/lifetimes'], check=False)
    assert proc.returncode != 0
    assert 'callback_panics: package example.com/lifetimes has no bound function or method Nope' in proc.stdout, \
        proc.stdout
    proc = run([env_python, '-m', 'gobind_module', 'gen', '--dir', TEST_PROJECTS / 'lifetimes',
                '--outdir', tmp_path, '--callback-panics', 'MakeInts', 'example.com/lifetimes'], check=False)
    assert proc.returncode != 0 and 'callback_panics: MakeInts takes no Python callable' in proc.stdout, proc.stdout
    proc = run([env_python, '-m', 'gobind_module', 'gen', '--dir', TEST_PROJECTS / 'lifetimes',
                '--outdir', tmp_path, '--callback-panics', 'FanOut', 'example.com/lifetimes'])
    go = (tmp_path / 'lifetimes_gobind.go').read_text()
    assert 'gobindOpenCall(true)' in go


def test_load_takes_callback_panics_and_keys_its_cache_on_it(tmp_path):
    code = '\n'.join([
        'import sys, gobind_module',
        'def boom(i):\n    raise ValueError("bad %d" % i)',
        'panics = sys.argv[1:]',
        'm = gobind_module.load("example.com/lifetimes", dir=%r, callback_panics=panics)'
        % str(TEST_PROJECTS / 'lifetimes'),
        'try:\n    print(m.Recovering(4, boom))\nexcept ValueError as e:\n    print("raised", e)',
    ])
    env = {'GOBIND_CACHE_DIR': str(tmp_path / 'cache')}
    plain = run([sys.executable, '-c', code], env=env).stdout
    assert plain.strip().splitlines()[-1].startswith('raised bad '), plain
    opted = run([sys.executable, '-c', code, 'Recovering'], env=env).stdout
    assert opted.strip().splitlines()[-1].startswith("(4, 'Python exception: bad "), opted
