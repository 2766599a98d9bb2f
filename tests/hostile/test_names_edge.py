"""Go names that gobind also generates, non-ASCII Go names, and strings that are not valid UTF-8
(test_projects/names_edge), built by Meson and used from a real interpreter."""

import re

from conftest import TEST_PROJECTS, run, tool


def _python(built, code):
    return built('names_edge').python(code).stdout.splitlines()


def test_go_types_named_like_generated_classes_build_and_both_live(built):
    out = _python(built, '\n'.join([
        'import names_edge as m',
        'print(type(m.Ints(2)).__name__, type(m.Counts()).__name__, type(m.Box(5)).__name__, '
        'type(m.Triple()).__name__)',
        'print(m.MakeSlice_int(4).N, m.Slice_int_(N=3).N, m.Map_string_int_(Size=1).Size, m.Ptr_int_(P=2).P, '
        'm.Array3_int_(A=1).A)',
        'print(m.GoError_(Msg="x").Msg, m.GoPanic_(Why="y").Why, m.GoErrorValue_(V=7).V, int(m.GoValue_(3)))',
        'print(issubclass(m.GoPanic, Exception) and issubclass(m.GoError, Exception), m.GoError.__module__)',
        'print(list(m.Ints(2)), dict(m.Counts()), m.Box(5).value, list(m.Triple()))',
    ]))
    assert out == ['Slice_int Map_string_int Ptr_int Array3_int', '4 3 1 2 1', 'x y 7 3', 'True names_edge',
                   '[0, 0] {\'a\': 1} 5 [1, 2, 3]']


def test_renames_are_warned_naming_both(tmp_path):
    proc = run([tool('gobind'), 'gen', '--dir', TEST_PROJECTS / 'names_edge', '-o', tmp_path, 'example.com/names_edge'])
    warnings = set(re.findall(r'names_edge: (.*)', proc.stdout))
    for name in ['Slice_int', 'Map_string_int', 'Ptr_int', 'Array3_int', 'GoError', 'GoPanic', 'GoErrorValue',
                 'GoValue']:
        assert ('%s is bound as %s_: gobind names its classes of unnamed types (and its own classes) like %s'
                % (name, name, name)) in warnings
    assert 'Ｆull is bound as Full_: Full (NFKC) is already another name of the module' in warnings


def test_non_ascii_names_are_attributes_and_keywords_as_python_reads_them(built):
    out = _python(built, '\n'.join([
        'import names_edge as m, unicodedata',
        'print(m.Größe(länge=21), m.Ωmega, m.Full(), m.Full_())',
        'c = m.Café(Crème=1, Ñame="n")',
        'c.Crème += 1',
        'print(c.Crème, c.Ñame, repr(c))',
        'print(getattr(m, unicodedata.normalize("NFKC", "Ｆull")) is m.Full)',
        'try:',
        '    m.Größe(lange=1)',
        'except TypeError as e:',
        '    print(e)',
    ]))
    assert out == ['42 937 ascii fullwidth', "2 n names_edge.Café(Crème=2, Ñame='n')", 'True',
                   "Größe() got an unexpected keyword argument 'lange'"]


def test_c_symbols_stay_ascii(built):
    ext = built('names_edge').extension('names_edge')
    syms = run(['nm', ext]).stdout
    assert 'gobind_names_edge_Gr_u00f6_u00dfe' in syms
    ours = [line.split()[-1] for line in syms.splitlines() if line.split()[-1].startswith(('gobind', 'PyInit'))]
    assert ours and all(name.isascii() for name in ours), [n for n in ours if not n.isascii()]


def test_strings_that_are_not_utf8_come_back_with_surrogateescape(built):
    out = _python(built, '\n'.join([
        'import names_edge as m',
        'for s in (m.BadConst, m.BadVar, m.Bad(), m.NewHolder().S, m.Echo(b"q\\xffr".decode("utf-8", "surrogateescape"))):',
        '    print(s.encode("utf-8", "surrogateescape").hex())',
    ]))
    assert out == [b'a\xffb'.hex(), b'c\xfed'.hex(), b'x\xc3(y'.hex(), b'\x80z'.hex(), b'q\xffr'.hex()]


def test_zero_length_arrays(built):
    out = _python(built, '\n'.join([
        'import names_edge as m',
        'a, pads, n = m.Zero([], (), [[], []])',
        'print(type(a).__name__, list(a), len(pads), n)',
        'p = m.Pad(N=1)',
        'print(list(p.X), list(p.S), p.N)',
        'for bad in ([1], b"x"):',
        '    try:',
        '        m.Zero(bad, [], [[], []])',
        '    except (ValueError, TypeError) as e:',
        '        print(type(e).__name__)',
        'try:',
        '    memoryview(a)',
        'except TypeError:',
        '    print("no buffer")',
    ]))
    assert out == ['Array0_int [] 0 2', '[] [] 1', 'ValueError', 'TypeError', 'no buffer']
