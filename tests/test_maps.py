"""Go maps (test_projects/maps): results are mutable mappings over the Go map, parameters take
any mapping, nested values work."""

from conftest import raises


def test_results_are_mutable_mappings_over_the_go_map(surface):
    surface('maps', '\n'.join([
        'import maps as M',
        'try:\n    from collections.abc import MutableMapping\nexcept ImportError:\n    from collections import MutableMapping',
        'f = M.Family()',
        'assert isinstance(f, M.Ages) and isinstance(f, MutableMapping)',
        'assert f["ann"] == 41 and len(f) == 2 and sorted(f) == ["ann", "bob"]',
        'assert f == {"ann": 41, "bob": 12} and dict(f) == {"ann": 41, "bob": 12}',
        'assert "ann" in f and "zz" not in f and 5 not in f and f.get("zz", 0) == 0',
        'f["cy"] = 70',
        'assert f.Oldest() == "cy"',  # Go sees the new key
        'del f["cy"]',
        'assert f.Oldest() == "ann" and sorted(f.items()) == [("ann", 41), ("bob", 12)]',
        'f.update({"x": 1})',
        'assert f.pop("x") == 1 and "x" not in f',
        raises('KeyError', 'f["nokey"]', 'nokey'),
        raises('KeyError', 'del f["nokey"]', 'nokey'),
        raises('TypeError', 'f["a"] = "old"', "must be int, not str"),
        raises('TypeError', 'f[1] = 1', "'key' must be str, not int"),
        'assert repr(M.Squares(3)) == "maps.Map_int_int({0: 0, 1: 1, 2: 4})", repr(M.Squares(3))',
        'assert list(M.Squares(4)) == [0, 1, 2, 3]',  # keys that have an order iterate sorted
    ]))


def test_parameters_take_any_mapping(surface):
    surface('maps', '\n'.join([
        'import maps as M',
        'c = M.Counts("a b a")',
        'assert c == {"a": 2, "b": 1} and M.Total(c) == 3',
        'assert M.Total({"x": 5, "y": 1}) == 6 and M.Total({}) == 0 and M.Total(M.Ages({"q": 2})) == 2',
        'M.Bump(c)',  # a bound map is passed as it is: Go changes it in place
        'assert c == {"a": 3, "b": 2}',
        'd = {"k": 1}',
        'M.Bump(d)',  # a dict is copied in
        'assert d == {"k": 1}',
        raises('TypeError', 'M.Total({"a": "x"})', "argument 'm['a']' must be int, not str"),
        raises('TypeError', 'M.Total({1: 2})', "argument 'keys of m' must be str, not int"),
        raises('TypeError', 'M.Total([1, 2])', "argument 'm' must be a mapping of str to int, not list"),
    ]))


def test_nested_values(surface):
    surface('maps', '\n'.join([
        'import maps as M',
        'g = M.Groups(["apple", "avocado", "bean"])',
        'assert g["a"] == ["apple", "avocado"] and g["b"] == ["bean"]',
        'p = M.Places()',
        'assert p["one"].X == 1.0 and isinstance(p["origin"], M.Point)',
        'assert M.Norms({"p": M.Point(X=2, Y=1)}) == 3.0',
        'assert M.Norms(p) == 2.0',
    ]))


def test_map_variable_is_live(surface):
    surface('maps', '\n'.join([
        'import maps as M',
        'M.Registry["b"] = 7',
        'assert M.Lookup("b") == 7',
        'M.Registry = {"z": 3}',
        'assert M.Lookup("z") == 3 and M.Lookup("b") == 0',
    ]))


def test_map_objects_are_released(surface):
    surface('maps', '\n'.join([
        'import gc, maps as M',
        'start = M._gobind_handles()',
        'for i in range(20000):',
        '    m = M.Counts("a b")',
        '    m["c"] = i',
        '    list(m)',
        '    M.Total({"x": i})',
        'del m',
        'gc.collect()',
        'assert M._gobind_handles() == start, (start, M._gobind_handles())',
    ]))
