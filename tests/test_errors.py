"""Go errors raise the module's GoError and keep the Go error value (test_projects/errors)."""

from conftest import raises


def test_error_value_is_reachable_from_the_exception(surface):
    surface('errors', '\n'.join([
        'import errors as E',
        'assert E.Lookup("a") == "alpha"',
        'try:\n    E.Lookup("b")\nexcept E.GoError as e:\n    err = e',
        'assert isinstance(err, RuntimeError) and str(err) == \'key "b" not found\'',
        # the concrete Go type is bound: the exception carries an instance of it
        'assert isinstance(err.go_error, E.NotFoundError) and err.go_error.Key == "b"',
        'assert err.go_error.Error() == str(err)',
    ]))


def test_sentinels_wrapping_and_errors_is(surface):
    surface('errors', '\n'.join([
        'import errors as E',
        'try:\n    E.Lookup("")\nexcept E.GoError as e:\n    err = e.go_error',
        'assert err == E.ErrEmpty and isinstance(err, E.GoErrorValue)',
        'try:\n    E.Wrapped()\nexcept E.GoError as e:\n    wrapped = e.go_error',
        'assert str(wrapped) == "loading config: empty input"',
        'assert wrapped != E.ErrEmpty and wrapped.Is(E.ErrEmpty) and not E.ErrEmpty.Is(wrapped)',
        'assert "GoErrorValue" in repr(wrapped)',
    ]))


def test_errors_as_values(surface):
    surface('errors', '\n'.join([
        'import errors as E',
        'assert E.Describe(None) == "nil"',
        'assert E.Describe(E.ErrEmpty) == "error: empty input"',
        'assert E.Describe(E.NotFoundError(Key="k")) == \'error: key "k" not found\'',
        'try:\n    E.Describe("x")\nexcept TypeError as e:\n    assert "GoErrorValue or None" in str(e)\nelse:\n    raise AssertionError("no TypeError")',
    ]))


def test_multiple_results_with_error(surface):
    surface('errors', '\n'.join([
        'import errors as E',
        'assert E.Pair(True) == (1, "one")',
        'try:\n    E.Pair(False)\nexcept E.GoError as e:\n    assert str(e) == "no pair"\nelse:\n    raise AssertionError("no error")',
    ]))


def test_panics_raise_gopanic_and_the_module_keeps_working(surface):
    surface('errors', '\n'.join([
        'import errors as E',
        'try:\n    E.Crash("boom")\nexcept E.GoPanic as e:\n    assert str(e).startswith("boom") and "Go stack" in str(e)\nelse:\n    raise AssertionError("no panic")',
        'assert E.Lookup("a") == "alpha"',
    ]))


def test_short_bodies_that_can_panic_still_recover(surface):
    """Only a body the inspector proves panic-free loses the deferred recover (Half); integer
    division by a variable and a shift by a variable count keep it."""
    surface('errors', '\n'.join([
        'import errors as E',
        raises('E.GoPanic', 'E.Quotient(1, 0)', 'integer divide by zero'),
        raises('E.GoPanic', 'E.Shift(1, -1)', 'negative shift amount'),
        'assert E.Quotient(7, 2) == 3 and E.Shift(1, 3) == 8 and E.Half(-9) == -4',
    ]))


def test_error_values_are_released(surface):
    surface('errors', '\n'.join([
        'import gc, sys, errors as E',
        'start = E._gobind_handles()',
        'for i in range(20000):',
        '    try:\n        E.Lookup("b")\n    except E.GoError:\n        pass',
        'getattr(sys, "exc_clear", lambda: None)()',  # Python 2 keeps the last exception
        'gc.collect()',
        'assert E._gobind_handles() == start, (start, E._gobind_handles())',
    ]))


def test_go_error_is_one_object_read_late_or_never(surface):
    # GoError makes go_error's object when it is first read; reading it late, after other errors
    # came and went unread, still gives the right value, and every way leaves no Go value behind
    surface('errors', '\n'.join([
        'import gc, sys, errors as E',
        'start = E._gobind_handles()',
        'def fail(key):\n    try:\n        E.Lookup(key)\n    except E.GoError as e:\n        return e',
        'kept = [fail("k%d" % i) for i in range(200)]',
        'for i in range(1000):\n    fail("x")',
        'assert [e.go_error.Key for e in kept[::-1]] == ["k%d" % i for i in range(199, -1, -1)]',
        'assert kept[7].go_error is kept[7].go_error and str(kept[7]) == \'key "k7" not found\'',
        'kept[0].go_error = "mine"',
        'assert kept[0].go_error == "mine"',
        'del kept[1].go_error',
        'assert not hasattr(kept[1], "go_error") and not hasattr(E.GoError("made in Python"), "go_error")',
        'p = E.GoError("made in Python")\np.go_error = 5\nassert p.go_error == 5 and str(p) == "made in Python"',
        'assert E._gobind_handles() > start',
        'del kept[:]',
        'getattr(sys, "exc_clear", lambda: None)()',
        'gc.collect()',
        'assert E._gobind_handles() == start, (start, E._gobind_handles())',
    ]))
