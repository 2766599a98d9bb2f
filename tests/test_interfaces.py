"""Go interfaces (test_projects/interfaces): interface values as classes over the dynamic Go value,
Python objects and subclasses implementing a Go interface (called from goroutines too), and
any values both ways."""

from conftest import raises

SHAPES = '''
import interfaces as m
class Mine(object):
    def __init__(self, area):
        self.area = area
    def Area(self):
        return self.area
    def Name(self):
        return "mine"
class Sub(m.Shape):
    def Area(self):
        return 3.0
    def Name(self):
        return "sub"
'''


def test_interface_results_are_the_bound_class_or_the_interface_class(surface):
    surface('interfaces', SHAPES + '\n'.join([
        'c, s, t = m.NewShape("circle", 1), m.NewShape("square", 2), m.NewShape("triangle", 2)',
        # the dynamic type is a bound struct: its class (pointer or value in Go)
        'assert type(c) is m.Circle and c.R == 1 and type(s) is m.Square and s.Side == 2',
        # an unexported type: the interface class, whose methods call the Go value
        'assert type(t) is m.Shape and isinstance(t, m.Shape) and t.Area() == 2 and t.Name() == "triangle"',
        'assert repr(t) == "<interfaces.Shape {2 2} (interfaces.triangle)>", repr(t)',
        'assert m.NewShape("hexagon", 1) is None',
        'assert m.Describe(c) == "circle of area 3.14" and m.Describe(s) == "square of area 4.00"',
        'assert m.Describe(t) == "triangle of area 2.00" and m.Describe(None) == "nothing"',
        'assert m.Describe(m.Square(Side=3)) == "square of area 9.00"',
        'assert type(m.Largest([c, s, t])) is m.Square and m.Largest([]) is None',
        'assert m.Grow(m.Circle(R=1), 2) == m.Circle(R=2).Area()',
        raises('TypeError', 'm.Describe(5)', "Describe() argument 's' must implement Shape: 'int' object has no method Area()"),
        raises('TypeError', 'm.Grow(t, 2)', "must implement Scaler: 'interfaces.Shape' object has no method Scale()"),
        raises('TypeError', 'm.Shape()', 'Shape is a Go interface: subclass it'),
    ]))


def test_python_objects_implement_go_interfaces(surface):
    surface('interfaces', SHAPES + '\n'.join([
        'mine, sub = Mine(10.0), Sub()',
        'assert m.Describe(mine) == "mine of area 10.00" and m.Describe(sub) == "sub of area 3.00"',
        'assert m.Same(mine) is mine and m.Same(sub) is sub',  # the same Python object comes back
        'assert m.Largest([m.NewShape("circle", 1), mine, sub]) is mine',
        # Go keeps the objects and calls them later
        'm.Keep(mine)',
        'm.Keep(m.Circle(R=1))',
        'assert m.KeptNames() == "mine,circle"',
        # a method returning an error value, or raising
        'class Scal(Mine):\n    def Scale(self, f):\n        if f < 0:\n            raise KeyError("negative")\n        self.area *= f',
        'assert m.Grow(Scal(2.0), 3) == 6.0',
        'try:\n    m.Grow(Scal(2.0), -1)\nexcept KeyError as e:\n    assert e.args == ("negative",)\nelse:\n    raise AssertionError("no KeyError")',
        'class Wrong(Mine):\n    def Area(self):\n        return "big"',
        raises('TypeError', 'm.Describe(Wrong(1))', "must be float, not str"),
    ]))


def test_go_calls_python_methods_from_goroutines(surface):
    surface('interfaces', SHAPES + '\n'.join([
        'import sys, threading',
        'seen = set()',
        'class Counted(Mine):\n    def Area(self):\n        seen.add(threading.current_thread().ident)\n        return self.area',
        'total = m.TotalArea([Counted(1.0), Sub(), m.Square(Side=1)], 50)',
        'assert total == 50 * (1.0 + 3.0 + 1.0), total',
        'assert len(seen) >= 1, seen',  # Go threads called in, each taking the GIL (how many is Go's choice)
        'class Bad(Mine):\n    def Area(self):\n        raise ValueError("no area")',
        # a Python method raising on a goroutine Go started: Go gets 0, the call raises the exception
        'try:\n    m.TotalArea([Bad(0), Sub()], 4)\nexcept ValueError as e:\n    assert str(e) == "no area"\nelse:\n    raise AssertionError("no ValueError")',
        # other Python threads call in at the same time
        'out = []',
        'def worker():\n    out.append(m.TotalArea([Mine(1.0)] * 4, 10))',
        'ts = [threading.Thread(target=worker) for _ in range(4)]',
        '[t.start() for t in ts]',
        '[t.join() for t in ts]',
        'assert out == [40.0] * 4, out',
    ]))


def test_error_types_that_implement_an_interface(surface):
    surface('interfaces', SHAPES + '\n'.join([
        'try:\n    m.Check(m.NewShape("circle", 0))\nexcept m.GoError as e:\n    err = e.go_error\nelse:\n    raise AssertionError("no GoError")',
        'assert type(err) is m.Invalid and err.Reason == "circle has no area"',
        'assert m.Describe(err) == "invalid of area 0.00"',
        'assert m.Check(Mine(1)) is None',
    ]))


def test_interfaces_with_unexported_methods_hold_go_values(surface):
    """Token has an unexported method: only Go types implement it. Python holds, calls and passes
    back its Go values; the bound struct that implements it (*Number) comes back as its class."""
    surface('interfaces', '\n'.join([
        'import interfaces as m',
        'ts = m.Lex("go 1 py")',
        'assert [type(t) for t in ts] == [m.Token, m.Number, m.Token] and ts[1].N == 1',
        'assert [t.Text() for t in ts] == ["go", "1", "py"] and isinstance(ts[0], m.Token)',
        'last = m.Last(ts)',
        'assert type(last) is m.Token and last.Text() == "py" and m.Last([]) is None',
        'assert m.Join([last, ts[1], m.Number(N=5), ts[0]]) == "word:py number:1 number:5 word:go"',
        'assert "Only Go values implement it: Token has unexported methods" in m.Token.__doc__',
        'class Fake(object):\n    def Text(self):\n        return "x"',
        'class Sub(m.Token):\n    def Text(self):\n        return "x"',
        raises('TypeError', 'm.Join([Fake()])', "Join() argument 'tokens[0]' must be Token (a Go value), not Fake"),
        raises('TypeError', 'm.Join([Sub()])', "Join() argument 'tokens[0]' must be Token (a Go value), not Sub"),
    ]))


def test_any_values_both_ways(surface):
    surface('interfaces', SHAPES + '\n'.join([
        'assert m.Kind(None) == "nil" and m.Kind(True) == "bool true" and m.Kind(-7) == "int64 -7"',
        'assert m.Kind(2.5) == "float64 2.5" and m.Kind(u"hi") == \'string "hi"\'',
        'assert m.Kind(bytearray(b"x")) == \'bytes "x"\'',
        'assert m.Kind([1, (2, "a")]) == \'[int64 1, [int64 2, string "a"]]\'',
        'assert m.Kind({"b": 1, "a": [None]}) == "{a: [nil], b: int64 1}"',
        'assert m.Kind(m.Circle(R=1)) == "*interfaces.Circle circle"',
        'assert m.Kind(m.NewShape("triangle", 1)) == "interfaces.triangle triangle"',
        'value = [None, True, 3, 2.5, u"s", b"b", {"k": [1, {}]}]',
        'assert m.Echo(value) == value, m.Echo(value)',
        'assert [type(x) for x in m.Echo([1.0, m.Square(Side=1)])] == [float, m.Square]',
        'c = m.Circle(R=1)',
        'back = m.Echo(c)',
        'assert type(back) is m.Circle and back.R == 1',
        'back.R = 5',
        'assert c.R == 5',  # the same Go value (*Circle)
        raises('OverflowError', 'm.Kind(1 << 70)', "Kind() argument 'v': 1180591620717411303424"),
        raises('TypeError', 'm.Kind({1: 2})', "keys must be str"),
        raises('TypeError', 'm.Kind([1, object()])', "Kind() argument 'v[1]' must be None, bool, int, float, str, bytes, list, dict or a Go value, not object"),
        'vals = m.Values()',
        'assert list(vals[:10]) == [None, True, 7, 200, 2.5, 0.5, "go", b"b", [1, "x"], {"k": []}], list(vals)',
        'assert type(vals[10]) is m.Circle and type(vals[11]) is m.Square',
        'assert type(vals[12]) is m.GoErrorValue and vals[12].Error() == "boom"',
        'assert type(vals[13]) is m.GoValue and repr(vals[13]) == "<interfaces.GoValue {3} (struct { A int })>"',
        'assert m.Kind(vals[13]) == "struct { A int }"',
        't = m.Table()',
        'assert t["n"] == 1 and t["s"] == "x" and type(t["shape"]) is m.Shape',
    ]))


def test_interface_and_any_values_leave_no_handles(surface):
    surface('interfaces', SHAPES + '\n'.join([
        'import gc',
        'before = m._gobind_handles()',
        'for i in range(2000):\n    m.Describe(Mine(1.0))\n    m.Same(m.NewShape("triangle", 1))\n    m.Echo([1, "a", {"k": m.Circle()}])\n    m.Values()',
        'gc.collect()',
        'assert m._gobind_handles() == before, (before, m._gobind_handles())',
    ]))
