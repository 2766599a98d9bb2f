"""Go errors raise the module's GoError and keep the Go error value (test_projects/errors)."""


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
