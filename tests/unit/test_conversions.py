"""How each parameter and result converts (the Python annotation users see in __doc__ and the stub, and the
C helper that checks and converts the value), from the golden API JSON of test_projects/<pkg>.

The expected values follow from the Go declarations, quoted beside them, and docs/type-mapping.md."""

from __future__ import annotations

from golden_plans import callables, classes, params, plan_of, results

#: Go basic type -> (Python annotation, C helper taking the argument, C helper making the result).
#: Integers keep their width in the helper so that a value out of range is an OverflowError.
BASIC = {
    'Bool': ('bool', 'gobind_from_py_bool', 'gobind_to_py_bool'),
    'Float32': ('float', 'gobind_from_py_float32', 'gobind_to_py_float32'),
    'Float64': ('float', 'gobind_from_py_float64', 'gobind_to_py_float64'),
    'Complex64': ('complex', 'gobind_from_py_complex64', 'gobind_to_py_complex'),
    'Complex128': ('complex', 'gobind_from_py_complex', 'gobind_to_py_complex'),
    'String': ('str', 'gobind_from_py_str', 'gobind_to_py_str'),
    'Bytes': ('bytes', 'gobind_from_py_bytes', 'gobind_to_py_bytes'),
}
for _t in ('int', 'int8', 'int16', 'int32', 'int64', 'uint', 'uint8', 'uint16', 'uint32', 'uint64', 'uintptr'):
    BASIC[_t.capitalize()] = ('int', 'gobind_from_py_' + _t, 'gobind_to_py_' + _t)


def test_every_scalar_type_round_trips_through_its_own_helpers():
    """scalars: func EchoT(v T) T for every basic type T (EchoString(s string), EchoBytes(b []byte))."""
    f = callables(plan_of('scalars'))
    echoes = {n[len('Echo'):]: fn for n, fn in f.items() if n.startswith('Echo')}
    assert set(echoes) == set(BASIC)
    for t, (py, from_py, to_py) in BASIC.items():
        fn = echoes[t]
        arg = fn.args[0].py_name
        assert fn.signature == 'Echo%s(%s: %s) -> %s' % (t, arg, py, py), fn.signature
        assert params(fn) == ((arg, from_py),) and results(fn) == (to_py,), t


def test_mixed_parameters_results_and_errors():
    f = callables(plan_of('scalars'))
    # func Describe(flag bool, small int8, big uint64, ratio float32, name string, data []byte) string
    assert [h for _, h in params(f['Describe'])] == [BASIC[t][1] for t in
                                                     ('Bool', 'Int8', 'Uint64', 'Float32', 'String', 'Bytes')]
    assert f['Describe'].signature == \
        'Describe(flag: bool, small: int, big: int, ratio: float, name: str, data: bytes) -> str'
    # func Upper(s string) (string, int): two results are a tuple
    assert f['Upper'].py_return == 'tuple[str, int]' and not f['Upper'].returns_error
    # func Sqrt(x float64) (float64, error): the error raises, the value is returned alone
    assert f['Sqrt'].py_return == 'float' and f['Sqrt'].returns_error
    # func Check(ok bool) error; func Nothing()
    assert (f['Check'].py_return, f['Check'].returns_error) == ('None', True)
    assert (f['Nothing'].signature, f['Nothing'].returns_error) == ('Nothing() -> None', False)
    # func Remembered() (string, []byte)
    assert results(f['Remembered']) == (BASIC['String'][2], BASIC['Bytes'][2])
    # type Celsius float64: results are the Celsius class, parameters take any float
    assert f['Warmer'].signature == 'Warmer(c: float, d: float) -> Celsius'
    assert classes(plan_of('scalars'))['Celsius'].py_base == 'float'


def test_several_results_errors_and_variadics():
    f = callables(plan_of('funcs'))
    # func MinMax(xs []int) (int, int)
    assert f['MinMax'].signature == 'MinMax(xs: Slice_int | Sequence[int]) -> tuple[int, int]'
    # func Divmod(a, b int) (int, int, error); func Atoi(s string) (int, error); func Check(name string) error
    assert (f['Divmod'].py_return, f['Divmod'].returns_error) == ('tuple[int, int]', True)
    assert (f['Atoi'].py_return, f['Atoi'].returns_error) == ('int', True)
    assert (f['Check'].py_return, f['Check'].returns_error) == ('None', True)
    # func Sum(xs ...int) int; func Concat(sep string, parts ...string) string; func Bytes(bs ...byte) []byte
    assert f['Sum'].signature == 'Sum(*xs: int) -> int'
    assert f['Concat'].signature == 'Concat(sep: str, *parts: str) -> str'
    assert f['Bytes'].signature == 'Bytes(*bs: int) -> bytes'
    for name, fixed in (('Sum', 0), ('Concat', 1), ('Bytes', 0)):
        fn = f[name]
        assert fn.variadic is fn.args[-1] and len(fn.fixed_args) == fixed, name
        assert fn.text_signature.endswith(', *%s)' % fn.args[-1].py_name), fn.text_signature


def test_errors_as_results_parameters_and_classes():
    plan = plan_of('errors')
    f = callables(plan)
    # func Lookup(key string) (string, error); func Pair(ok bool) (int, string, error); func Wrapped() error
    assert (f['Lookup'].signature, f['Lookup'].returns_error) == ('Lookup(key: str) -> str', True)
    assert (f['Pair'].py_return, f['Pair'].returns_error) == ('tuple[int, str]', True)
    assert (f['Wrapped'].py_return, f['Wrapped'].returns_error) == ('None', True)
    # func Describe(err error) string: an error parameter takes an error value or None
    assert params(f['Describe']) == (('err', 'gobind_from_py_error'),)
    assert f['Describe'].signature == 'Describe(err: GoErrorValue | None) -> str'
    # var ErrEmpty = errors.New(...)
    assert {v.py_name: v.conv.py_type for v in plan.vars} == {'ErrEmpty': 'GoErrorValue | None'}
    # func (e *NotFoundError) Error() string: the first (and only) error class, on *T only
    nf = classes(plan)['NotFoundError']
    assert (nf.error_kind, nf.error_value_receiver) == (1, False)
    assert [s.py_name for s in plan.error_structs] == ['NotFoundError']


def test_hello():
    plan = plan_of('hello')
    assert plan.doc == 'hello is a simple package'
    (fn,) = plan.funcs
    assert fn.signature == 'Hello(name: str) -> str' and fn.doc == 'Hello greets someone.'
    assert fn.full_doc == 'Hello(name: str) -> str\n\nHello greets someone.'
    assert fn.export == 'gobind_hello_Hello'


def test_structs_by_value_and_by_pointer():
    plan = plan_of('structs')
    f = callables(plan)
    c = classes(plan)
    # a Point value is never nil; a *Person may be: None
    assert f['Distance2'].signature == 'Distance2(a: Point, b: Point) -> float'
    assert f['FriendOf'].signature == 'FriendOf(p: Person | None) -> Person | None'
    assert f['NewPerson'].signature == 'NewPerson(name: str, age: int) -> Person | None'
    assert f['Origin'].signature == 'Origin() -> Point'
    # type Person struct {Name string; Age int; Home Point; Friend *Person; Tags []byte; secret int}
    assert [(fl.py_name, fl.conv.py_type) for fl in c['Person'].fields] == [
        ('Name', 'str'), ('Age', 'int'), ('Home', 'Point'), ('Friend', 'Person | None'), ('Tags', 'bytes')]
    assert c['Point'].text_signature == 'Point(X=..., Y=...)\\n--\\n\\n'
    # value and pointer receivers are both methods of the class
    assert {m.py_name for m in c['Point'].methods} == {'String', 'Add', 'Scale'}
    assert {m.py_name for m in c['Person'].methods} == {'Greet', 'Birthday'}
    assert f['Person.Greet'].signature == 'Greet(other: Person | None) -> str' and f['Person.Greet'].returns_error
    # func (p Point) String() string is __str__; Person has no String
    assert c['Point'].str_method is f['Point.String'] and c['Person'].str_method is None
    assert plan.error_structs == ()


def test_pointers_to_plain_values_are_boxes():
    plan = plan_of('pointers')
    f = callables(plan)
    # *int, *string, *float64 and *[]string parameters take a box, a plain value or None
    assert f['Inc'].signature == 'Inc(n: Ptr_int | int | None) -> None'
    assert f['Swap'].signature == 'Swap(a: Ptr_string | str | None, b: Ptr_string | str | None) -> None'
    assert f['Parse'].signature == 'Parse(s: str, out: Ptr_int | int | None) -> bool'
    assert f['Deref'].signature == 'Deref(p: Ptr_float64 | float | None, def_: float) -> float'
    assert f['Append'].signature == \
        'Append(list: Ptr_Slice_string | Slice_string | Sequence[str] | None, *words: str) -> None'
    assert f['Find'].signature == 'Find(words: Slice_string | Sequence[str], prefix: str) -> Ptr_string | None'
    assert f['CounterPtr'].py_return == 'Ptr_int | None'
    boxes = {b.py_name: b for b in plan.boxes}
    assert set(boxes) == {'Ptr_int', 'Ptr_string', 'Ptr_float64', 'Ptr_Slice_string'}
    assert boxes['Ptr_float64'].value_field.conv.py_type == 'float'
    assert {v.py_name: v.conv.py_type for v in plan.vars} == {'Counter': 'int'}


def test_slices_and_arrays_are_sequence_classes():
    plan = plan_of('slices')
    f = callables(plan)
    seqs = {q.py_name: q for q in plan.seqs}
    # numeric elements export the buffer protocol in Go's memory layout
    fmt = {'Slice_int': 'q', 'Slice_float64': 'd', 'Slice_int8': 'b', 'Slice_float32': 'f', 'Slice_bool': '?',
           'Array3_int': 'q', 'Slice_string': '', 'Slice_Point': '', 'Slice_PtrPoint': '', 'Slice_Slice_int': ''}
    assert {n: q.buffer_format for n, q in seqs.items()} == fmt
    # whose C form is Go's layout too (Go's bool is one byte), so a matching buffer passes straight in
    assert {n for n, q in seqs.items() if q.fast_in} == {'Slice_int', 'Slice_float64', 'Slice_int8',
                                                        'Slice_float32', 'Slice_bool', 'Array3_int'}
    assert (seqs['Array3_int'].is_array, seqs['Array3_int'].seq.length) == (True, 3)
    # func Range(n int) []int ... func Bytes(n int) []byte: []byte is bytes, not a sequence class
    assert f['Range'].py_return == 'Slice_int' and f['Bytes'].py_return == 'bytes'
    assert f['Maybe'].py_return == 'Slice_PtrPoint' and seqs['Slice_PtrPoint'].elem.py_type == 'Point | None'
    assert f['Reverse3'].signature == 'Reverse3(a: Array3_int | Sequence[int]) -> Array3_int'
    assert f['Total'].signature == 'Total(rows: Slice_Slice_int | Sequence[Slice_int | Sequence[int]]) -> int'
    assert f['Centroid'].signature == 'Centroid(ps: Slice_Point | Sequence[Point]) -> Point'


def test_maps_are_mapping_classes():
    plan = plan_of('maps')
    f = callables(plan)
    maps = {m.py_name: m for m in plan.maps}
    assert set(maps) == {'Ages', 'Map_string_int', 'Map_int_int', 'Map_string_Point', 'Map_string_Slice_string'}
    # type Ages map[string]int, with its method Oldest
    assert [m.py_name for m in maps['Ages'].methods] == ['Oldest']
    assert (maps['Ages'].key.py_type, maps['Ages'].value.py_type) == ('str', 'int')
    assert f['Family'].py_return == 'Ages'
    assert f['Total'].signature == 'Total(m: Map_string_int | Mapping[str, int]) -> int'
    assert f['Groups'].signature == 'Groups(words: Slice_string | Sequence[str]) -> Map_string_Slice_string'
    assert f['Norms'].signature == 'Norms(m: Map_string_Point | Mapping[str, Point]) -> float'
    assert f['Squares'].py_return == 'Map_int_int'
    assert {v.py_name: v.conv.py_type for v in plan.vars} == {'Registry': 'Map_string_int'}


def test_named_types_are_subclasses_enums_and_sequences():
    plan = plan_of('named')
    c = classes(plan)
    f = callables(plan)
    assert {n: c[n].py_base for n in ('Celsius', 'Weekday', 'Name')} == \
        {'Celsius': 'float', 'Weekday': 'int', 'Name': 'str'}
    # const (Sunday Weekday = iota; Monday; Tuesday): an IntEnum
    assert [(m.py_name, m.py_value) for m in c['Weekday'].enum] == [('Sunday', '0'), ('Monday', '1'),
                                                                     ('Tuesday', '2')]
    assert c['Celsius'].str_method is f['Celsius.String'] and c['Weekday'].str_method is f['Weekday.String']
    assert f['Next'].signature == 'Next(d: int) -> Weekday'
    assert f['Name.Initial'].py_return == 'Name'
    # type IntList []int; type Grid [3][3]int: sequence classes with their methods
    assert {m.py_name for m in c['IntList'].methods} == {'Sum', 'Double', 'Append'}
    assert (c['Grid'].is_array, c['Grid'].seq.length, c['Grid'].ndim) == (True, 3, 2)
    assert {m.py_name for m in c['Grid'].methods} == {'Trace', 'Transpose'}
    assert f['Countdown'].py_return == 'IntList' and f['Identity'].py_return == 'Grid'


def test_variables_and_constants():
    plan = plan_of('vars')
    assert {v.py_name: v.conv.py_type for v in plan.vars} == {
        'Counter': 'int', 'Greeting': 'str', 'Origin': 'Point', 'Primes': 'Slice_int',
        'ErrNotFound': 'GoErrorValue | None', 'Current': 'Level'}
    consts = {c.py_name: (c.py_type, c.py_value) for c in plan.consts}
    assert consts['MaxItems'] == ('int', '100')
    assert consts['Huge'] == ('int', str(1 << 100))          # const Huge = 1 << 100: exact, past 64 bits
    assert consts['Pi'] == ('float', '3.14159')
    assert consts['Third'] == ('float', repr(1.0 / 3))
    assert consts['Version'] == ('str', "'v1.2.3'")
    assert consts['Debug'] == ('bool', 'False')
    assert consts['Root'] == ('complex', '2j')
    # const (Info Level = 1; Warn Level = 2; Error Level = 3): members of the Level enum
    level = classes(plan)['Level']
    assert [(m.py_name, m.py_value) for m in level.enum] == [('Info', '1'), ('Warn', '2'), ('Error', '3')]
    assert all(consts[n][0] == 'Level' for n in ('Info', 'Warn', 'Error'))
    huge = next(c for c in plan.consts if c.py_name == 'Huge')
    assert huge.c_value == 'PyLong_FromString("%d", NULL, 10)' % (1 << 100)
