"""Pointers to plain values (test_projects/pointers): boxes for in/out parameters, nil is None."""

from conftest import raises


def test_boxes_are_in_out_parameters(surface):
    surface('pointers', '\n'.join([
        'import pointers as p',
        'n = p.Ptr_int(3)',
        'p.Inc(n)',
        'assert n.value == 4 and repr(n) == "pointers.Ptr_int(value=4)", repr(n)',
        'a, b = p.Ptr_string("x"), p.Ptr_string("y")',
        'p.Swap(a, b)',
        'assert (a.value, b.value) == ("y", "x")',
        'out = p.Ptr_int()',
        'assert out.value == 0 and p.Parse("42", out) is True and out.value == 42',
        'assert p.Parse("x", out) is False and out.value == 42',
        'words = p.Ptr_Slice_string(["a"])',
        'p.Append(words, "b", "c")',
        'assert words.value == ["a", "b", "c"]',
        'n.value = 10',
        'p.Inc(n)',
        'assert n.value == 11',
    ]))


def test_plain_values_and_none(surface):
    surface('pointers', '\n'.join([
        'import pointers as p',
        'p.Inc(5)',  # a plain value: Go gets a pointer to a copy
        'assert p.Deref(None, 1.5) == 1.5 and p.Deref(p.Ptr_float64(2.5), 0) == 2.5 and p.Deref(3.5, 0) == 3.5',
        raises('TypeError', 'p.Inc("x")', "argument 'n' must be int, not str"),
        raises('TypeError', 'p.Ptr_int("x")', "must be int"),
        raises('TypeError', 'p.Inc(p.Ptr_string("x"))', "argument 'n' must be int"),
    ]))


def test_pointer_results(surface):
    surface('pointers', '\n'.join([
        'import pointers as p',
        'words = p.Find(["go", "gopher"], "goph")',
        'assert words.value == "gopher"',
        'assert p.Find(["go"], "z") is None',
        'c = p.CounterPtr()',
        'c.value = 9',  # writes the Go variable through the pointer
        'assert p.Counter == 9 and p.CounterPtr().value == 9',
    ]))
