"""Callbacks, func values, iterators, interfaces and other packages' types as the planner binds them, from
the golden API JSON of test_projects/<pkg> (the Go declarations are quoted beside what they imply)."""

from __future__ import annotations

from golden_plans import callables, classes, params, plan_of


def test_callbacks_are_callables_sharing_one_class_per_func_type():
    plan = plan_of('callbacks')
    f = callables(plan)
    # func Apply(f func(int) int, x int) int; func Parallel(n int, f func(int) int) int
    assert f['Apply'].signature == 'Apply(f: Callable[[int], int], x: int) -> int'
    assert params(f['Apply'])[0][1] == params(f['Parallel'])[1][1]   # one func(int) int type
    # func Combine(a func() int, b func(int, string) (string, int)) string
    assert f['Combine'].signature == 'Combine(a: Callable[[], int], b: Callable[[int, str], tuple[str, int]]) -> str'
    # func Each(ps []Point, f func(Point, int)): a callable whose result Go ignores returns any object
    assert f['Each'].signature == 'Each(ps: Slice_Point | Sequence[Point], f: Callable[[Point, int], object]) -> None'
    # func Try(f func(string) (int, error)) string: the callable raises instead of returning the error
    assert f['Try'].signature == 'Try(f: Callable[[str], int]) -> str'
    # func Must(f func() error) error; func Walk(f func(int) error) (int, error)
    assert f['Must'].signature == 'Must(f: Callable[[], GoErrorValue | None]) -> None' and f['Must'].returns_error
    assert f['Walk'].signature == 'Walk(f: Callable[[int], GoErrorValue | None]) -> int' and f['Walk'].returns_error
    # func Measure(f func(float64) (int8, float32, bool, complex128), x float64) string
    assert f['Measure'].args[0].conv.py_param == 'Callable[[float], tuple[int, float, bool, complex]]'
    # type Handler func(event string) bool; func Register(h Handler)
    assert f['Register'].signature == 'Register(h: Callable[[str], bool]) -> None'
    assert params(f['Register']) == (('h', 'gobind_from_py_Handler'),)
    # the exports that take a callable keep its exceptions (gobindCall); the others do not
    takers = {n for n, fn in f.items() if fn.takes_callbacks}
    assert takers == {'Apply', 'Map', 'Combine', 'Measure', 'Try', 'Must', 'Each', 'Parallel', 'Register', 'Walk'}
    assert not any(fn.callback_panics for fn in f.values())   # the opt-in is off unless asked for


def test_func_values_are_classes_with_a_call_method():
    plan = plan_of('funcvals')
    f = callables(plan)
    c = classes(plan)
    # func Adder(n int) func(int) int; func Double() func(int) int; func Nothing() func(int) int
    cls = f['Adder'].results[0].conv.py_type.replace(' | None', '')
    assert f['Double'].py_return == f['Nothing'].py_return == cls + ' | None'
    assert c[cls].call.signature == 'call(arg0: int) -> int'
    # func IsDouble(f func(int) int) bool: a parameter takes a Python callable, or such an object
    assert f['IsDouble'].signature == 'IsDouble(f: Callable[[int], int]) -> bool' and f['IsDouble'].takes_callbacks
    # type HandlerFunc func(name string) string: its class keeps its name and its parameter names
    assert f['Greeter'].signature == 'Greeter(greeting: str) -> HandlerFunc | None'
    assert c['HandlerFunc'].call.signature == 'call(name: str) -> str'
    assert f['Serve'].signature == 'Serve(h: Callable[[str], str], name: str) -> str'
    # func Parser() func(string) (int, error): calling the value raises the error
    parser = c[f['Parser'].py_return.replace(' | None', '')].call
    assert (parser.signature, parser.returns_error) == ('call(arg0: str) -> int', True)
    # func Bomb() func()
    assert c[f['Bomb'].py_return.replace(' | None', '')].call.signature == 'call() -> None'
    # var Hook func(string) string; var Handler HandlerFunc; var Transform func(int) int
    vars_ = {v.py_name: v.conv.py_type for v in plan.vars}
    assert vars_['Handler'] == 'HandlerFunc | None' and vars_['Transform'] == cls + ' | None'
    assert c[vars_['Hook'].replace(' | None', '')].call.signature == 'call(arg0: str) -> str'
    # type Op struct { Name string; F func(int, int) int }
    op = {fl.py_name: fl.conv.py_type for fl in c['Op'].fields}
    assert c[op['F'].replace(' | None', '')].call.signature == 'call(arg0: int, arg1: int) -> int'
    # calling a func value always releases the GIL and recovers: any Go code may run
    for fv in plan.funcvals:
        assert fv.call.release_gil and not fv.call.sized_gil and fv.call.recovers, fv.py_name


def test_iterators_in_and_out():
    plan = plan_of('iters')
    f = callables(plan)
    # results: iter.Seq[int], named Evens, an unnamed func(yield func(Point) bool)
    for name in ('Count', 'EvensBelow', 'Explode', 'Tracked', 'Double', 'Watch', 'Guarded', 'Source.All'):
        assert f[name].py_return == 'Iterator[int]', name
    assert f['Diagonal'].py_return == 'Iterator[Point]'
    # parameters: iter.Seq[int] and iter.Seq2 take any iterable, pulled through a callback
    assert f['Sum'].signature == 'Sum(seq: Iterable[int]) -> int'
    assert f['SumFirst'].signature == 'SumFirst(seq: Iterable[int], n: int) -> int'
    assert f['Join'].signature == 'Join(seq: Iterable[str], sep: str) -> str'
    for name in ('Sum', 'SumFirst', 'Join', 'Pairs', 'Double', 'NewSource', 'Watch', 'Guarded'):
        assert f[name].takes_callbacks, name
    for name in ('Count', 'Words', 'Lengths', 'EvensBelow', 'Diagonal', 'Explode', 'Tracked', 'Runs'):
        assert not f[name].takes_callbacks, name
    # func Watch(f func(int) bool) iter.Seq[int]
    assert f['Watch'].signature == 'Watch(f: Callable[[int], bool]) -> Iterator[int]'


def test_interfaces_any_and_their_implementations():
    plan = plan_of('interfaces')
    f = callables(plan)
    c = classes(plan)
    # type Shape interface { Area() float64; Name() string }: a Shape, or any object with those methods
    assert f['Describe'].signature == 'Describe(s: Shape | _SupportsShape | None) -> str'
    assert f['NewShape'].signature == 'NewShape(kind: str, size: float) -> Shape | None'
    assert f['Largest'].signature == \
        'Largest(shapes: Slice_Shape | Sequence[Shape | _SupportsShape | None]) -> Shape | None'
    # type Scaler interface { Shape; Scale(f float64) error }
    assert f['Grow'].signature == 'Grow(s: Scaler | _SupportsScaler | None, f: float) -> float'
    assert c['Scaler'].method_names == ('Area', 'Name', 'Scale') and c['Shape'].method_names == ('Area', 'Name')
    assert c['Shape'].python_ok and c['Scaler'].python_ok
    # *Circle implements both; Square (value receivers) implements Shape as T and *T; *Invalid Shape
    impls = {i: {s.py_name: value for s, value in c[i].impls} for i in ('Shape', 'Scaler')}
    assert impls == {'Shape': {'Circle': False, 'Square': True, 'Invalid': False}, 'Scaler': {'Circle': False}}
    # func (e *Invalid) Error() string: the error class
    assert [s.py_name for s in plan.error_structs] == ['Invalid']
    # any: Python values convert by kind, Go values come back as Python values
    assert f['Echo'].signature == 'Echo(v: Any) -> Any' and plan.uses_any
    assert f['Values'].py_return == 'Slice_any' and f['Table'].py_return == 'Map_string_any'


def test_types_of_other_packages():
    plan = plan_of('crosspkg')
    f = callables(plan)
    c = classes(plan)
    # time.Duration is an int subclass in the submodule time; parameters take any int
    assert f['Twice'].signature == 'Twice(d: int) -> time.Duration'
    assert c['time.Duration'].py_base == 'int'
    assert params(f['Twice']) == (('d', 'gobind_from_py_int64'),)
    # *bytes.Buffer, url.URL by value, io.Reader and io.Writer (Python objects may implement them)
    assert f['Shout'].signature == 'Shout(buf: bytes.Buffer | None, text: str) -> None'
    assert f['Host'].signature == 'Host(u: url.URL) -> str'
    assert f['Greet'].signature == 'Greet(w: io.Writer | _Supportsio_Writer | None, name: str) -> int'
    assert f['CountBytes'].signature == 'CountBytes(r: io.Reader | _Supportsio_Reader | None) -> int'
    assert c['io.Reader'].python_ok and c['io.Writer'].python_ok
    # the submodule money: type Amount int64 (with String), type Wallet struct {Owner string; Items []Amount}
    assert c['money.Amount'].py_base == 'int' and c['money.Amount'].str_method is not None
    assert [(fl.py_name, fl.conv.py_type) for fl in c['money.Wallet'].fields] == \
        [('Owner', 'str'), ('Items', 'Slice_money_Amount')]
    assert f['Total'].signature == 'Total(w: money.Wallet | None) -> money.Amount'
    assert f['money.Pay'].signature == 'Pay(a: int) -> money.Amount'
    assert f['money.Wallet.Add'].signature == 'Add(a: int) -> None'


def test_zero_length_arrays_are_sequences():
    plan = plan_of('names_edge')
    f = callables(plan)
    # func Zero(a [0]int, b [0]string, c [2][0]float64) ([0]int, [0]Pad, int)
    assert f['Zero'].py_return == 'tuple[Array0_int, Array0_Pad, int]'
    assert [a.conv.py_param for a in f['Zero'].args] == [
        'Array0_int | Sequence[int]', 'Array0_string | Sequence[str]',
        'Array2_Array0_float64 | Sequence[Array0_float64 | Sequence[float]]']
    seqs = {q.py_name: q for q in plan.seqs}
    assert seqs['Array0_int'].seq.length == 0 and not seqs['Array0_int'].fast_in   # no buffer for [0]T
    # type Pad struct { X [0]byte; S [0]string; N int }: [0]byte is an array class, not bytes
    assert [(fl.py_name, fl.conv.py_type) for fl in classes(plan)['Pad'].fields] == \
        [('X', 'Array0_uint8'), ('S', 'Array0_string'), ('N', 'int')]
