"""Package variables as live module attributes, and constants (test_projects/vars)."""


def test_vars_read_and_write_the_go_variable(surface):
    surface('vars', '\n'.join([
        'import vars as v',
        'assert v.Counter == 0 and v.Bump() == 1 and v.Counter == 1',
        'v.Counter = 5',
        'assert v.Bump() == 6 and v.Counter == 6',
        'v.Greeting = "hi"',
        'assert v.Greet("bob") == "hi, bob" and v.Greeting == "hi"',
        'v.Origin.X = 3',  # a struct variable is a view of the Go variable
        'assert v.OriginX() == 3.0',
        'v.Origin = v.Point(X=7)',
        'assert v.OriginX() == 7.0',
        'v.Primes[0] = 100',
        'assert v.PrimeSum() == 115',
        'v.Primes = [1, 1]',
        'assert v.PrimeSum() == 2 and v.Primes == [1, 1]',
        'assert "Counter" in dir(v) and "Greeting" in dir(v)',
        'try:\n    v.Counter = "x"\nexcept TypeError as e:\n    assert "Counter" in str(e) and "must be int" in str(e)\nelse:\n    raise AssertionError("no TypeError")',
        'try:\n    del v.Counter\nexcept (TypeError, AttributeError):\n    pass\nelse:\n    raise AssertionError("deleted")',
        'assert "Counter counts calls of Bump." in type(v).__dict__["Counter"].__doc__',
    ]))


def test_consts(surface):
    surface('vars', '\n'.join([
        'import vars as v',
        'assert v.MaxItems == 100 and v.Huge == 2 ** 100',
        'assert v.Pi == 3.14159 and v.Third == 1.0 / 3',
        'assert v.Version == "v1.2.3" and v.Debug is False and v.Root == 2j',
        'assert v.Info == 1 and v.Warn == 2 and v.Error == 3',
        'assert v.Info.Louder() == 2',
    ]))


def test_typed_consts_form_an_intenum(built):
    b = built('vars')
    b.python('\n'.join([
        'import enum, vars as v',
        'assert issubclass(v.Level, enum.IntEnum)',
        'assert [l.name for l in v.Level] == ["Info", "Warn", "Error"]',
        'assert v.Current is v.Level.Warn',  # a variable of the enum type reads as a member
        'v.Current = v.Level.Error',
        'assert v.Current is v.Level.Error',
        'assert v.Warn.Louder() is v.Level.Error',
    ]))


def test_sentinel_error_var(surface):
    surface('vars', '\n'.join([
        'import vars as v',
        'assert v.Find("x") == "found"',
        'try:\n    v.Find("y")\nexcept v.GoError as e:\n    assert e.go_error == v.ErrNotFound and e.go_error.Is(v.ErrNotFound)\nelse:\n    raise AssertionError("no error")',
        'assert str(v.ErrNotFound) == "not found"',
    ]))
