"""Go generics (test_projects/generics): instantiations the non-generic API uses, the ones
meson.build lists (instantiate:) and //gobind:instantiate lines ask for are bound as ordinary
functions and classes; m.Max[int] picks one, m.Max(...) calls the first that takes the arguments;
an instantiation that breaks its constraint stops setup with Go's message."""

import sys

from conftest import ROOT, raises, run, tool


def test_functions_and_subscripts(surface):
    surface('generics', '\n'.join([
        'import generics as m',
        'assert m.Max[int](3, 4) == 4 and m.Max[float](1.5, 2.0) == 2.0',
        'assert m.Max["float64"](1.5, -2.0) == 1.5 and m.Max["int"] is m.Max_int',
        'assert m.Max[float] is m.Max_float64 and m.Max_int(7, 2) == 7',
        'assert m.Min[str]("b", "a") == "a" and m.Min[int](5, 6) == 5',   # //gobind:instantiate int string
        'assert m.Sum[int]([1, 2, 3]) == 6 and m.Sum[float]([0.5, 0.25]) == 0.75',
        # calling the generic: the first instantiation whose parameters take the arguments
        'assert m.Max(3, 4) == 4 and type(m.Max(3, 4)) is int',
        'assert m.Max(1.5, 2) == 2.0 and type(m.Max(1.5, 2)) is float',
        'assert m.Min("x", "y") == "x" and m.Min(9, 8) == 8',
        raises('TypeError', 'm.Max("a", "b")', 'no instantiation takes these arguments'),
        raises('TypeError', 'm.Max("a", "b")', 'Max[float64]'),
        raises('TypeError', 'm.Max[bool]', 'Max[bool] is not bound (bound: Max[int], Max[float64])'),
        raises('TypeError', 'm.Max[complex]', 'is not a type argument'),
        'assert "Max[int]" in repr(m.Max) and "function" in repr(m.Max)',
        'assert sorted(m.Max.instantiations) == ["float64", "int"]',
        'assert not hasattr(m, "Join")',   # never instantiated: skipped
    ]))


def test_generic_types(surface):
    surface('generics', '\n'.join([
        'import generics as m',
        's = m.NewIntStack(1, 2, 3)',   # the API uses Stack[int]: bound as Stack_int
        'assert type(s) is m.Stack[int] and m.Stack[int] is m.Stack_int',
        'assert isinstance(s, m.Stack["int"]) and s.Len() == 3',
        'assert s.Pop() == (3, True) and s.Len() == 2',
        's.Push(10)',
        'assert s.Pop() == (10, True)',
        raises('TypeError', 's.Push("x")', ''),
        'e = m.Stack[int]()',
        'assert e.Len() == 0 and e.Pop() == (0, False)',
        'w = m.Words("go and python")',
        'assert isinstance(w, m.Stack[str]) and w.Pop() == ("python", True)',
        # several type parameters
        'p = m.Pair[str, int](Key="a", Value=1)',
        'assert (p.Key, p.Value) == ("a", 1) and m.Pair["string, int"] is m.Pair_string_int',
        'assert repr(p) == "generics.Pair[string, int](Key=\'a\', Value=1)", repr(p)',
        'assert m.Pair_string_int.__name__ == "Pair_string_int" and repr(s).startswith("generics.Stack[int](")',
        'q = p.Swap()',
        'assert type(q) is m.Pair[int, str] and (q.Key, q.Value) == (1, "a")',
        'assert m.First[str, int]([p]).Key == "a" and m.First([p]).Value == 1',
        # a bound class as a type argument (//gobind:instantiate Point)
        'b = m.Box[m.Point](Value=m.Point(X=1, Y=2))',
        'assert b.Value.Y == 2 and m.Box["Point"] is m.Box_Point',
        'assert "Stack[int]" in repr(m.Stack) and "type" in repr(m.Stack)',
    ]))


def test_constraint_violation_stops_setup(tmp_path):
    """An instantiation that breaks the constraint stops setup with Go's message and the position."""
    src = tmp_path / 'src'
    src.mkdir()
    (src / 'go.mod').write_text('module example.com/bad\n\ngo 1.21\n')
    (src / 'bad.go').write_text('package bad\n\n// Number is a constraint.\ntype Number interface{ ~int | ~float64 }\n\n'
                                '// Double doubles x.\nfunc Double[T Number](x T) T { return 2 * x }\n')
    (src / 'meson.build').write_text("project('bad', 'c')\ngobind = import('gobind')\n"
                                     "gobind.extension('bad', 'example.com/bad', instantiate: {'Double': ['string']})\n")
    proc = run([tool('meson'), 'setup', tmp_path / 'build', src], check=False)
    out = proc.stdout
    assert proc.returncode != 0, out
    assert 'Double[string]: string does not satisfy' in out, out
    assert 'bad.go:7:' in out, out


def test_mypy_checks_instantiations_through_the_stub(built, tmp_path):
    """The stub types m.Max[int] as Max_int's callable and m.Stack[int] as the class Stack_int."""
    env = {'MYPYPATH': str(built('generics').builddir)}
    proc = run([sys.executable, '-m', 'mypy', '--strict', '--no-incremental',
                str(ROOT / 'tests' / 'typing' / 'generics_usage.py')], env=env, check=False)
    assert proc.returncode == 0, proc.stdout
    wrong = tmp_path / 'wrong.py'
    wrong.write_text('import generics as m\nm.Max[int]("a", 2)\nx: str = m.Stack[int]().Pop()[0]\n')
    proc = run([sys.executable, '-m', 'mypy', '--strict', '--no-incremental', str(wrong)], env=env, check=False)
    assert proc.returncode == 1 and 'wrong.py:2' in proc.stdout and 'wrong.py:3' in proc.stdout, proc.stdout


def test_inspect_lists_instantiations_and_the_flag_adds_some():
    """gobind inspect shows each generic's instantiations; --instantiate adds to the directives'."""
    proc = run([sys.executable, '-m', 'gobind_module', 'inspect', '--instantiate', 'Max=int,float64',
                '--instantiate', 'Join=string', 'example.com/generics'], cwd=ROOT / 'test_projects' / 'generics')
    out = proc.stdout
    assert 'function Max: Max[int] as Max_int, Max[float64] as Max_float64' in out, out
    assert 'function Min: Min[int] as Min_int, Min[string] as Min_string' in out, out   # //gobind:instantiate
    assert 'type Stack: Stack[int] as Stack_int, Stack[string] as Stack_string' in out, out   # the API's
    assert 'Join_string(xs: Slice_string | Sequence[str], sep: str) -> str' in out, out
    assert 'Pair: generic type with no instantiation' in out   # meson.build's instantiate is not given here
    bad = run([sys.executable, '-m', 'gobind_module', 'inspect', '--instantiate', 'Pair=int',
               'example.com/generics'], cwd=ROOT / 'test_projects' / 'generics', check=False)
    assert bad.returncode != 0 and 'Pair has 2 type parameters; give them 2 at a time' in bad.stdout, bad.stdout


def test_load_takes_instantiations(tmp_path, cold_cache):
    code = ('import gobind_module\n'
            'm = gobind_module.load("example.com/generics", dir=%r, instantiate={"Join": ["int"]}, quiet=True)\n'
            'print(m.Join[int]([1, 2, 3], "-"), m.Max_int if hasattr(m, "Max_int") else "no Max")\n'
            % str(ROOT / 'test_projects' / 'generics'))
    out = run([sys.executable, '-c', code], cwd=tmp_path, env=cold_cache).stdout
    assert out.split() == ['--', 'no', 'Max'], out


def test_directive_that_breaks_a_constraint_stops_the_gen_step(tmp_path):
    """A //gobind:instantiate line is checked like the option: Go's message at the declaration."""
    (tmp_path / 'go.mod').write_text('module example.com/bad\n\ngo 1.21\n')
    (tmp_path / 'bad.go').write_text('package bad\n\n// Number is a constraint.\ntype Number interface{ ~int | ~float64 }\n\n'
                                     '// Half halves x.\n//\n//gobind:instantiate int bool\nfunc Half[T Number](x T) T '
                                     '{ return x / 2 }\n\n// Plain is not generic.\n//\n//gobind:instantiate int\n'
                                     'func Plain() {}\n')
    proc = run([sys.executable, '-m', 'gobind_module', 'inspect', 'example.com/bad'], cwd=tmp_path, check=False)
    assert proc.returncode != 0 and 'bad.go:9:6: Half[bool]: bool does not satisfy' in proc.stdout, proc.stdout
    (tmp_path / 'bad.go').write_text((tmp_path / 'bad.go').read_text().replace('int bool', 'int'))
    proc = run([sys.executable, '-m', 'gobind_module', 'inspect', 'example.com/bad'], cwd=tmp_path, check=False)
    assert proc.returncode != 0 and 'bad.go:14:6: //gobind:instantiate on Plain, which is not a generic' \
        in proc.stdout, proc.stdout


def test_type_arguments_of_other_packages_through_the_files_imports(tmp_path, cold_cache):
    """Type arguments are read where the generic is declared: its file's imports name other packages."""
    (tmp_path / 'go.mod').write_text('module example.com/tp\n\ngo 1.21\n')
    (tmp_path / 'tp.go').write_text('package tp\n\nimport "time"\n\n// Box holds a value.\n//\n'
                                    '//gobind:instantiate time.Duration\ntype Box[T any] struct{ V T }\n\n'
                                    '// Keep returns v.\nfunc Keep[T any](v T) T { return v }\n\n'
                                    'var _ = time.Second\n')
    code = ('import gobind_module\n'
            'm = gobind_module.load("example.com/tp", dir=%r, instantiate={"Keep": ["time.Duration"]}, quiet=True)\n'
            'b = m.Box["time.Duration"](V=m.time.Duration(5))\n'
            'print(int(m.Keep(m.time.Duration(7))), int(b.V), repr(b))\n' % str(tmp_path))
    out = run([sys.executable, '-c', code], cwd=tmp_path, env=cold_cache).stdout
    assert out.split()[:2] == ['7', '5'] and 'tp.Box[time.Duration](V=' in out, out


def test_instantiation_names_yield_to_declared_names(tmp_path, cold_cache):
    """A declared Stack_int keeps its name; the instantiation Stack[int] becomes Stack_int_."""
    (tmp_path / 'go.mod').write_text('module example.com/tp\n\ngo 1.21\n')
    (tmp_path / 'tp.go').write_text(
        'package tp\n\n// Stack_int is an ordinary type.\ntype Stack_int struct{ N int }\n\n'
        '// Stack is generic.\ntype Stack[T any] struct{ Top T }\n\n'
        '// New returns a Stack[int].\nfunc New() *Stack[int] { return &Stack[int]{Top: 4} }\n\n'
        '// Max_int is an ordinary function.\nfunc Max_int() int { return 1 }\n\n'
        '// Max is generic.\n//\n//gobind:instantiate int\nfunc Max[T int | float64](a, b T) T {\n'
        '\tif a > b {\n\t\treturn a\n\t}\n\treturn b\n}\n')
    code = ('import gobind_module\n'
            'm = gobind_module.load("example.com/tp", dir=%r, quiet=True)\n'
            'print(m.Stack_int(N=2), m.New(), m.Stack[int].__name__, m.Max[int](1, 5), m.Max_int())\n'
            % str(tmp_path))
    out = run([sys.executable, '-c', code], cwd=tmp_path, env=cold_cache).stdout
    assert out.split() == ['tp.Stack_int(N=2)', 'tp.Stack[int](Top=4)', 'Stack_int_', '5', '1'], out
