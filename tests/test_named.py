"""Named Go types keep their methods (test_projects/named): numbers and strings subclass
Python's builtins, typed integer constants form an IntEnum, named slices and arrays are
sequence classes."""

from conftest import raises


def test_named_float_is_a_float_with_methods(surface):
    surface('named', '\n'.join([
        'import named as n',
        'c = n.BodyTemperature()',
        'assert isinstance(c, n.Celsius) and isinstance(c, float) and c == 37.0',
        'assert c.Fahrenheit() == 98.6',
        'assert str(c) == "37°C" or str(c) == "37\\xc2\\xb0C", repr(str(c))',
        'assert repr(c) == "named.Celsius(37.0)", repr(c)',
        'w = n.Warmer(20, 1.5)',
        'assert type(w) is n.Celsius and w == 21.5',
        'assert n.Celsius(10).Fahrenheit() == 50.0',
        'assert n.Celsius.Fahrenheit.__doc__.startswith("Fahrenheit() -> float")',
    ]))


def test_named_string_and_bool(surface):
    surface('named', '\n'.join([
        'import named as n',
        'x = n.Name("bob")',
        'assert x.Shout() == "BOB!"',
        'i = x.Initial()',
        'assert type(i) is n.Name and i == "b"',
        'assert n.Toggle(True) is False',
        'assert not hasattr(n, "Enabled")',
    ]))


def test_typed_int_constants_form_an_intenum(surface):
    if surface.py2:
        surface('named', '\n'.join([
            'import named as n',
            'import numbers',
            'assert n.Monday == 1 and isinstance(n.Monday, n.Weekday) and isinstance(n.Monday, numbers.Integral)',
            'assert str(n.Monday) == "Monday" and not n.Monday.IsWeekend()',
            'assert n.Next(n.Tuesday) == 3 and n.Next(n.Tuesday).IsWeekend() is False',
        ]))
        return
    surface('named', '\n'.join([
        'import enum, named as n',
        'assert issubclass(n.Weekday, enum.IntEnum)',
        'assert [d.name for d in n.Weekday] == ["Sunday", "Monday", "Tuesday"]',
        'assert n.Monday is n.Weekday.Monday and n.Monday == 1',
        'assert n.Next(n.Monday) is n.Weekday.Tuesday',
        'assert n.Sunday.IsWeekend() and not n.Monday.IsWeekend()',
        'assert str(n.Monday) == "Monday"',
        # a value that is not one of the constants still comes back, with the methods
        'd = n.Next(n.Tuesday)',
        'assert d == 3 and str(d) == "Weekday(3)" and d.IsWeekend() is False',
    ]))


def test_named_slice_keeps_value_and_pointer_methods(surface):
    surface('named', '\n'.join([
        'import named as n',
        'l = n.Countdown(3)',
        'assert isinstance(l, n.IntList) and l == [3, 2, 1] and l.Sum() == 6',
        'l.Double()',
        'assert l == [6, 4, 2]',
        'l.Append(7)',
        'assert l == [6, 4, 2, 7] and len(l) == 4',
        'm = n.IntList([1, 2])',
        'assert m.Sum() == 3 and repr(m) == "named.IntList([1, 2])", repr(m)',
        'assert n.IntList() == []',
    ]))


def test_named_array_of_arrays(surface):
    surface('named', '\n'.join([
        'import named as n',
        'g = n.Identity()',
        'assert g == [[1, 0, 0], [0, 1, 0], [0, 0, 1]] and g.Trace() == 3',
        'g[0][2] = 5',
        'g.Transpose()',
        'assert g[2] == [5, 0, 1] and g[2][0] == 5',
        'assert n.Grid().Trace() == 0',
        'assert memoryview(g).shape == (3, 3)',
    ]))


def test_docs_and_signatures(surface):
    surface('named', '\n'.join([
        'import named as n',
        'assert "Celsius is a temperature" in n.Celsius.__doc__',
        'assert "IntList is a list of integers." in n.IntList.__doc__',
        'assert n.IntList.Append.__doc__.startswith("Append(x: int) -> None")',
        'assert "in place" in n.IntList.Double.__doc__',
    ]))
