"""Several results, (T, error) results and variadic parameters (test_projects/funcs)."""

from conftest import raises


def test_multiple_results_are_a_tuple(surface):
    surface('funcs', '\n'.join([
        'import funcs as f',
        'assert f.MinMax([3, 1, 2]) == (1, 3)',
        'assert f.Divmod(7, 2) == (3, 1)',
        'assert f.MinMax.__doc__.startswith("MinMax(xs: Slice_int | Sequence[int]) -> tuple[int, int]")',
    ]))


def test_error_results_return_or_raise(surface):
    surface('funcs', '\n'.join([
        'import funcs as f',
        'assert f.Atoi("12") == 12',
        'assert f.Check("x") is None',
        raises('f.GoError', 'f.Divmod(1, 0)', 'division by zero'),
        raises('f.GoError', 'f.Atoi("x")', 'invalid syntax'),
        raises('RuntimeError', 'f.Check("")', 'empty name'),
        'try:\n    f.Atoi("nope")\nexcept f.GoError as e:\n    assert "nope" in e.go_error.Error()',
    ]))


def test_variadic_parameters_are_star_args(surface):
    surface('funcs', '\n'.join([
        'import funcs as f',
        'assert f.Sum() == 0 and f.Sum(1, 2, 3) == 6 and f.Sum(*range(5)) == 10',
        'assert f.Concat("-", "a", "b") == "a-b" and f.Concat(sep="+") == ""',
        'assert f.Bytes(104, 105) == b"hi"',
        raises('TypeError', 'f.Sum(1, "x")', "argument 'xs[1]' must be int, not str"),
        raises('TypeError', 'f.Sum(xs=[1])', "unexpected keyword argument"),
        raises('TypeError', 'f.Concat()', "missing required argument 'sep'"),
        'assert f.Sum.__doc__.startswith("Sum(*xs: int) -> int")',
    ]))


def test_signatures(built):
    b = built('funcs')
    out = b.python('\n'.join([
        'import funcs as f, inspect',
        'print(inspect.signature(f.Concat), inspect.signature(f.Divmod))',
    ])).stdout
    assert out.strip() == '(sep, *parts) (a, b)'
