"""Go structs as Python classes (test_projects/structs): fields, methods, String, pointers, handles."""

import pytest

CODE_PREAMBLE = 'import structs as s, gc\n'


def check(surface, body):
    """Runs body against the structs module on Python 3 and on Python 2.7."""
    surface('structs', CODE_PREAMBLE + body)


def test_construct_with_keywords_and_zero_values(surface):
    check(surface, '\n'.join([
        'p = s.Point(X=1, Y=2.5)',
        'assert (p.X, p.Y) == (1.0, 2.5)',
        'q = s.Point()',
        'assert (q.X, q.Y) == (0.0, 0.0)',
        'who = s.Person(Name="Bob")',
        'assert who.Name == "Bob" and who.Age == 0 and who.Friend is None and who.Tags == b""',
        'assert not hasattr(who, "secret")',
    ]))


def test_fields_read_write_and_type_checks(surface):
    check(surface, '\n'.join([
        'p = s.Person()',
        'p.Age = 41; p.Name = "Zoë"; p.Tags = bytearray(b"ab")',
        'assert (p.Age, p.Name, p.Tags) == (41, "Zoë", b"ab")',
        'try:\n    p.Age = "old"\n    raise SystemExit("no TypeError")\nexcept TypeError as e:\n    assert "\'Age\' must be int, not str" in str(e), e',
        'try:\n    s.Point(Z=1)\n    raise SystemExit("no TypeError")\nexcept TypeError as e:\n    assert "unexpected keyword argument \'Z\'" in str(e)',
        'try:\n    s.Point(1, 2, 3)\n    raise SystemExit("no TypeError")\nexcept TypeError as e:\n    assert "Point() takes 2 positional arguments but 3 were given" in str(e), e',
    ]))


def test_methods_value_and_pointer_receivers(surface):
    check(surface, '\n'.join([
        'p = s.Point(X=1, Y=2)',
        'r = p.Add(s.Point(X=3, Y=4))',
        'assert isinstance(r, s.Point) and (r.X, r.Y) == (4.0, 6.0)',
        'p.Scale(2)',
        'assert (p.X, p.Y) == (2.0, 4.0)',
        'a = s.NewPerson("Ann", 30)',
        'assert a.Birthday() == 31 and a.Age == 31',
        'assert a.Greet(s.Person(Name="Bob")) == "Ann greets Bob"',
        'try:\n    a.Greet(None)\n    raise SystemExit("no error")\nexcept s.GoError as e:\n    assert str(e) == "nobody to greet"',
    ]))


def test_str_repr_and_docs(surface):
    check(surface, '\n'.join([
        'p = s.Point(X=1, Y=2)',
        'assert str(p) == "(1, 2)", str(p)',
        'assert repr(p) == "structs.Point(X=1.0, Y=2.0)", repr(p)',
        'assert "Point is a point in the plane." in s.Point.__doc__',
        'assert s.Point.Add.__doc__.startswith("Add(q: Point) -> Point")',
        'assert "X is the horizontal coordinate." in s.Point.X.__doc__',
    ]))


def test_pointers_nil_is_none_and_nested_fields_are_live(surface):
    check(surface, '\n'.join([
        'a = s.NewPerson("Ann", 30)',
        'assert s.FriendOf(a) is None and s.FriendOf(None) is None',
        'a.Friend = s.Person(Name="Bob")',
        'assert s.FriendOf(a).Name == "Bob"',
        'a.Home.X = 5',
        'assert a.Home.X == 5.0',
        'a.Friend = None',
        'assert a.Friend is None',
        'try:\n    s.Distance2(a, s.Point())\n    raise SystemExit("no TypeError")\nexcept TypeError as e:\n    assert "argument \'a\' must be Point, not structs.Person" in str(e), e',
    ]))


def test_handles_released_with_python_objects(surface):
    check(surface, '\n'.join([
        'gc.collect()',
        'start = s._gobind_handles()',
        'for i in range(1000000):',
        '    s.Point(X=i)',
        'keep = [s.Origin() for i in range(1000)]',
        'assert s._gobind_handles() == start + 1000',
        'del keep; gc.collect()',
        'assert s._gobind_handles() == start, (s._gobind_handles(), start)',
    ]))
