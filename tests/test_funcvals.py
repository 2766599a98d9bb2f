"""Go func values crossing both ways (test_projects/funcvals): func results, struct fields and
package variables are Python callables that call Go; Python callables (or those objects) stored
into them are called by Go later; nil is None."""

from conftest import raises


def test_func_results_call_go(surface):
    surface('funcvals', '\n'.join([
        'import funcvals as f',
        'add3 = f.Adder(3)',
        'assert callable(add3) and add3(4) == 7 and add3(arg0=1) == 4',
        'assert add3.call(10) == 13',
        'assert f.Adder(-1)(1) == 0',
        raises('TypeError', 'add3("x")', "must be int, not str"),
        raises('OverflowError', 'add3(2 ** 70)', ""),
        'assert f.Nothing() is None',
        'parse = f.Parser()',
        'assert parse("42") == 42',
        raises('f.GoError', 'parse("x")', 'invalid syntax'),
        raises('f.GoPanic', 'f.Bomb()()', 'boom'),
        raises('TypeError', 'type(add3)()', ''),
    ]))


def test_named_func_types(surface):
    surface('funcvals', '\n'.join([
        'import funcvals as f',
        'hello = f.Greeter("hello")',
        'assert isinstance(hello, f.HandlerFunc) and hello(name="bob") == "hello, bob"',
        # passed where Go wants the named type: a Go one, or any Python callable
        'assert f.Serve(hello, "ann") == "hello, ann"',
        'assert f.Serve(lambda n: n[::-1], "abc") == "cba"',
        'assert f.Handler("x") == "hi x"',
        'f.Handler = lambda n: "yo " + n',
        'assert f.HandlerSays("z") == "yo z"',
        'f.Handler = hello',
        'assert f.HandlerSays("z") == "hello, z"',
        'assert isinstance(f.Handler, f.HandlerFunc)',
        # a method of the named func type, called on the Go func the object holds
        'assert hello.Shout("bob") == "hello, bob!" and f.Handler.Shout(name="x") == "hello, x!"',
        raises('TypeError', 'hello.Shout(1)', "Shout() argument 'name' must be str"),
    ]))


def test_func_fields(surface):
    surface('funcvals', '\n'.join([
        'import funcvals as f',
        's = f.Sum()',
        'assert s.F(2, 3) == 5 and s.Apply(2, 3) == 5',
        'o = f.Op(Name="mul", F=lambda a, b: a * b)',
        'assert o.Apply(6, 7) == 42',
        # the field reads back as a Go func calling the Python callable
        'assert o.F(2, 5) == 10',
        'o.F = None',
        'assert o.F is None',
        raises('f.GoError', 'o.Apply(1, 2)', 'no func'),
        # a Go func stored back is the Go func itself, not a wrapper of a wrapper
        'o.F = s.F',
        'assert o.Apply(4, 4) == 8',
        raises('TypeError', 'setattr(o, "F", 3)', "must be callable"),
        'def bad(a, b):\n    raise ValueError("nope %d" % a)',
        'o.F = bad',
        raises('ValueError', 'o.Apply(9, 1)', 'nope 9'),
        raises('ValueError', 'o.F(8, 1)', 'nope 8'),
    ]))


def test_func_variables_called_by_go_later(surface):
    surface('funcvals', '\n'.join([
        'import funcvals as f',
        'assert f.Hook is None and f.Fire("a") == "no hook"',
        'seen = []',
        'def hook(e):\n    seen.append(e)\n    return e.upper()',
        'f.Hook = hook',
        'assert f.Fire("a") == "A" and f.Fire("b") == "B" and seen == ["a", "b"]',
        'assert f.Hook("c") == "C" and seen[-1] == "c"',
        'f.Hook = None',
        'assert f.Hook is None and f.Fire("d") == "no hook"',
    ]))


def test_stored_callables_that_raise(surface):
    surface('funcvals', '\n'.join([
        'import sys, funcvals as f',
        'def bad(e):\n    raise KeyError(e)',
        'f.Hook = bad',
        # on the thread of a bound call: the exception unwinds Go and that call raises it
        raises('KeyError', 'f.Fire("now")', 'now'),
        # on a goroutine Go started: zero values for Go, the exception to sys.unraisablehook
        'caught = []',
        'if hasattr(sys, "unraisablehook"):\n    sys.unraisablehook = lambda u: caught.append(u.exc_value)',
        'assert f.FireApart("late") == ""',
        'assert not hasattr(sys, "unraisablehook") or repr(caught) == "[KeyError(\'late\')]", caught',
        'f.Hook = lambda e: e * 2',
        'assert f.FireApart("ab") == "abab"',
    ]))


def test_go_funcs_go_back_as_themselves(surface):
    surface('funcvals', '\n'.join([
        'import funcvals as f',
        'd = f.Double()',
        'assert d(21) == 42 and f.IsDouble(d)',
        # a Python callable calling it is a different func for Go
        'assert not f.IsDouble(lambda x: d(x)) and not f.IsDouble(None)',
        'f.Transform = d',
        'assert f.TransformIsDouble() and f.Transform(5) == 10',
        # read back and stored again: still Go's own func, not a wrapper of a wrapper
        'f.Transform = f.Transform',
        'assert f.TransformIsDouble() and isinstance(f.Transform, type(d))',
        'f.Transform = lambda x: x',
        'assert not f.TransformIsDouble() and f.Transform(5) == 5',
    ]))


def test_methods_of_func_types_are_bound(tmp_path):
    from conftest import TEST_PROJECTS
    from gobind_module.build.generate import generate
    plan = generate('example.com/funcvals', str(TEST_PROJECTS / 'funcvals'), str(tmp_path))
    assert plan.skipped == ()
    handler = next(fv for fv in plan.funcvals if fv.py_name == 'HandlerFunc')
    assert [m.py_name for m in handler.methods] == ['call', 'Shout']
    assert [fv.py_name for fv in plan.funcvals] == ['Func0', 'Func1', 'Func2', 'Func3', 'Func4', 'HandlerFunc']
