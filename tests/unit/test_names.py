"""Python names the planner gives Go names, and the renames it warns about, from the golden API JSON of
test_projects/<pkg> (the expected names follow from the Go declarations there)."""

from __future__ import annotations

import keyword

import pytest

from golden_plans import NAMES, callables, classes, plan_of


@pytest.mark.parametrize('name', NAMES)
def test_names_are_unique_identifiers_and_renames_are_warned(name):
    """In every golden package: each module, class and member name is a Python identifier that is not a
    keyword, no two names of one namespace collide, and each name that differs from its Go name
    (other than a keyword's trailing '_') has a warning naming it, unless pep8_names or //gobind:name gave
    it (plan.renames lists those)."""
    plan = plan_of(name)
    renamed = dict(plan.renames)
    modules = {}
    for f in plan.all_funcs:
        modules.setdefault(f.module, []).append(f.py_name)
    for v in plan.all_vars:
        modules.setdefault(v.module, []).append(v.py_name)
    for c in plan.consts + tuple(c for sm in plan.submodules for c in sm.consts):
        modules.setdefault(c.module, []).append(c.py_name)
    for c in classes(plan).values():
        modules.setdefault(c.module, []).append(c.py_name)
    for module, names in modules.items():
        assert len(names) == len(set(names)), (module, sorted(names))
        for n in names:
            assert n.isidentifier() and not keyword.iskeyword(n), n
    warned = ' '.join(plan.warnings)
    for f in plan.all_funcs:
        if '[' in f.go_name:   # an instantiation (Min[int]) is named after it (Min_int): not a rename
            assert f.py_name.startswith(f.go_name.split('[')[0] + '_'), f.go_name
            continue
        if renamed.get(f.module + '.' * bool(f.module) + f.go_name) == f.py_name:
            continue
        if f.py_name != f.go_name and f.py_name.rstrip('_') != f.go_name:
            assert ' is bound as %s' % f.py_name in warned, f.go_name
        if f.py_name != f.go_name and not keyword.iskeyword(f.go_name):
            assert '%s is bound as %s' % (f.go_name, f.py_name) in warned, f.go_name


def test_keywords_and_python_constants_get_a_trailing_underscore():
    f = callables(plan_of('scalars'))
    # func None() string: None is a keyword in Python 3
    assert 'None' not in f and f['None_'].go_name == 'None'
    assert f['None_'].signature == 'None_() -> str'
    # func Lambda(lambda int, from string) string
    assert [a.py_name for a in f['Lambda'].args] == ['lambda_', 'from_']
    assert f['Lambda'].text_signature == '($module, /, lambda_, from_)'
    # func Deref(p *float64, def float64) float64 (pointers): def is not a Python keyword
    assert [a.py_name for a in callables(plan_of('pointers'))['Deref'].args] == ['p', 'def_']
    # keywords are not clashes: no warning for them
    assert not plan_of('scalars').warnings


def test_names_of_gobind_own_classes_are_renamed_with_a_warning():
    """names_edge declares types named like the classes gobind makes (Slice_int for []int, ...) and
    like its own exception classes; Ints, Counts, Box and Triple use gobind's classes of those types."""
    plan = plan_of('names_edge')
    c = classes(plan)
    renamed = {'Slice_int': 'Slice_int_', 'Map_string_int': 'Map_string_int_', 'Ptr_int': 'Ptr_int_',
               'Array3_int': 'Array3_int_', 'GoError': 'GoError_', 'GoPanic': 'GoPanic_',
               'GoErrorValue': 'GoErrorValue_', 'GoValue': 'GoValue_'}
    for go, py in renamed.items():
        assert py in c, py
        assert any(w.startswith('%s is bound as %s: ' % (go, py)) for w in plan.warnings), (go, plan.warnings)
    # gobind's own classes keep their names for []int, map[string]int, *int and [3]int
    assert {'Slice_int', 'Map_string_int', 'Ptr_int', 'Array3_int'} <= set(c)
    assert type(c['Slice_int']).__name__ == 'SeqPlan' and type(c['Slice_int_']).__name__ == 'StructPlan'
    f = callables(plan)
    assert f['Ints'].py_return == 'Slice_int'
    assert f['MakeSlice_int'].py_return == 'Slice_int_'
    assert f['Counts'].py_return == 'Map_string_int'
    assert f['Box'].py_return == 'Ptr_int | None'
    assert f['Triple'].py_return == 'Array3_int'


def test_non_ascii_names_are_nfkc_and_exports_are_ascii():
    plan = plan_of('names_edge')
    f = callables(plan)
    # func Full() and func Ｆull() (fullwidth F): Python reads both as Full; the Go name that sorts
    # first (ASCII F) keeps it
    assert f['Full'].go_name == 'Full'
    assert f['Full_'].go_name == '\uff26ull'
    assert '\uff26ull is bound as Full_: Full (NFKC) is already another name of the module' in plan.warnings
    # func Größe(länge int) int
    g = f['Größe']
    assert [a.py_name for a in g.args] == ['länge']
    assert g.export.isascii() and g.export.startswith('gobind_names_edge_Gr') and g.c_name.isascii()
    for fn in f.values():
        assert fn.export.isascii() and fn.c_name.isascii(), fn.go_name
    # type Café struct { Crème int; Ñame string }
    cafe = classes(plan)['Café']
    assert [fl.py_name for fl in cafe.fields] == ['Crème', 'Ñame']
    assert all(fl.getter.isascii() and fl.setter.isascii() for fl in cafe.fields)
    # const Ωmega = 937
    assert {c.py_name: c.py_value for c in plan.consts}['Ωmega'] == '937'


def test_names_that_clash_with_nothing_stay_go_names():
    """Go names that are fine Python names are kept, even ones shadowing Python builtins."""
    assert {c.py_name for c in plan_of('vars').consts} == {
        'MaxItems', 'Huge', 'Pi', 'Third', 'Version', 'Debug', 'Root', 'Info', 'Warn', 'Error'}
    assert {v.py_name for v in plan_of('vars').vars} == {
        'Counter', 'Greeting', 'Origin', 'Primes', 'ErrNotFound', 'Current'}
    f = callables(plan_of('funcs'))
    assert {'Sum', 'Bytes', 'Check', 'Atoi', 'Concat', 'Divmod', 'MinMax'} == set(f)
    # only names_edge declares names that clash, and only borrow has bad //gobind:borrow lines
    for name in NAMES:
        assert bool(plan_of(name).warnings) == (name in ('names_edge', 'borrow')), (name, plan_of(name).warnings)


def test_submodule_and_peer_names():
    # crosspkg binds example.com/crosspkg/money as the submodule money (its meson.build); the types
    # of time, bytes, net/url and io that its API uses live in submodules named after their packages
    plan = plan_of('crosspkg')
    subs = {sm.name: sm for sm in plan.submodules}
    assert subs['money'].bound and subs['money'].go_path == 'example.com/crosspkg/money'
    assert {'time', 'bytes', 'url', 'io'} <= set(subs)
    assert not any(subs[n].bound for n in ('time', 'bytes', 'url', 'io'))
    f = callables(plan)
    assert {'money.Cents', 'money.NewWallet', 'money.Pay'} <= set(f)
    assert {v.py_name for v in subs['money'].vars} == {'Fee'}
    assert {c.py_name: c.py_value for c in subs['money'].consts} == {'Currency': "'EUR'"}
    assert f['Price'].py_return == 'money.Amount'
    assert f['Parse'].py_return == 'url.URL | None'
    # shapes holds the Go runtime; paint and tally are peer modules (test_projects/multi/meson.build)
    plan = plan_of('shapes')
    assert {sm.name: sm.peer for sm in plan.peers} == {'paint': 'paint', 'tally': 'tally'}
    assert plan.module_path('paint') == 'paint' and plan.module_path('') == 'shapes'
    f = callables(plan)
    assert {'Bump', 'Describe', 'Origin', 'paint.Bump', 'paint.Corner', 'tally.Add', 'tally.Total'} <= set(f)
    # paint.Corner returns a shapes.Point: paint's __doc__ lines name the classes the holder module
    # shapes makes (its own, and those of the packages its API uses, such as time) through it
    assert f['paint.Corner'].signature == 'Corner(s: float) -> shapes.Point'
    assert f['paint.Dry'].signature == 'Dry(coats: int) -> shapes.time.Duration'
    assert f['Origin'].signature == 'Origin() -> Point'
    assert f['paint.Brush.Dot'].signature == 'Dot(p: shapes.Point) -> str'
