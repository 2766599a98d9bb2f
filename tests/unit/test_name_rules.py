"""pep8_names and //gobind:name (bind/names.py): the snake_case converter, and the planner's names for
test_projects/names (bound with pep8_names: true) from its golden API JSON, with the clashes and bad
directives that stop the build (the expected names follow from the Go declarations there)."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from gobind_module.bind.names import NameClash, Naming, gopy_tag, snake_case, upper_snake, words
from gobind_module.build.generate import plan_from_api
from gobind_module.errors import GobindError

from golden_plans import api, callables, classes, plan_of


@pytest.mark.parametrize('go, snake', [
    ('SayHi', 'say_hi'), ('HTTPServer', 'http_server'), ('UserID', 'user_id'), ('ParseURL', 'parse_url'),
    ('MD5Sum', 'md5_sum'), ('IDs', 'ids'), ('UserIDs', 'user_ids'), ('URLsFor', 'urls_for'),
    ('Say_hi', 'say_hi'), ('HTTP_Server', 'http_server'), ('X', 'x'), ('ID', 'id'), ('AToB', 'a_to_b'),
    ('XMLHttpRequest', 'xml_http_request'), ('Int64Value', 'int64_value'), ('Go2Python', 'go2_python'),
    ('V2', 'v2'), ('GetHTTPSProxy', 'get_https_proxy'), ('NewHTTPServer', 'new_http_server'),
    ('userName', 'user_name'), ('rawURL', 'raw_url'), ('x', 'x'), ('Größe', 'größe'), ('ÜberCool', 'über_cool'),
    ('Ｆull', 'full'),   # fullwidth F: NFKC first, as Python reads identifiers
])
def test_snake_case_keeps_acronyms_whole(go, snake):
    assert snake_case(go) == snake


@pytest.mark.parametrize('go, upper', [('MaxSize', 'MAX_SIZE'), ('DefaultHTTPPort', 'DEFAULT_HTTP_PORT'),
                                       ('Pi', 'PI'), ('EOF', 'EOF'), ('LevelDebug', 'LEVEL_DEBUG')])
def test_constants_become_upper_snake(go, upper):
    assert upper_snake(go) == upper


def test_words_split_at_case_changes_digits_and_underscores():
    assert words('MD5SumOfURLs') == ('MD5', 'Sum', 'Of', 'URLs')
    assert words('Foo__Bar') == ('Foo', '', 'Bar')


go_names = st.from_regex(r'[A-Z][A-Za-z0-9_]{0,12}', fullmatch=True)


@given(go_names)
def test_snake_case_gives_an_identifier_once_and_for_all(name):
    """Any exported ASCII Go name gives a lower-case identifier that converting again keeps."""
    snake = snake_case(name)
    assert snake.isidentifier() and snake == snake.lower()
    assert snake_case(snake) == snake
    assert snake.replace('_', '') == name.replace('_', '').lower()


def test_gopy_struct_tag():
    assert gopy_tag('gopy:"host"') == 'host'
    assert gopy_tag('json:"tls" gopy:"use_tls"') == 'use_tls'
    assert gopy_tag('json:"x"') == '' and gopy_tag('nogopy:"x"') == '' and gopy_tag('') == ''


def test_naming_kinds():
    pep8 = Naming(pep8=True)
    assert [pep8.wanted('UserID', k) for k in ('func', 'method', 'field', 'var', 'param', 'const', 'type')] == \
        ['user_id'] * 5 + ['USER_ID', 'UserID']
    assert Naming().wanted('UserID', 'func') == 'UserID'
    assert Naming().wanted('UserID', 'func', directive='uid') == 'uid' == pep8.wanted('UserID', 'const', 'uid')
    assert Naming().wanted('File', 'func', directive='\ufb01le') == 'file'   # the fi ligature: NFKC, as Python reads it
    assert pep8.renamed('SayHi', 'func') and not Naming().renamed('SayHi', 'func')
    assert not pep8.renamed('Point', 'type')


# ---- the planner's names for test_projects/names -----------------------------------------------------

def test_functions_methods_and_parameters_are_snake_case():
    f = callables(plan_of('names'))
    assert {'say_hi', 'parse_url', 'md5_sum', 'new_http_server', 'count_request', 'red'} <= set(f)
    assert f['say_hi'].go_name == 'SayHi' and f['say_hi'].signature == 'say_hi(user_name: str) -> str'
    assert f['say_hi'].text_signature == '($module, /, user_name)'
    assert [a.py_name for a in f['new_http_server'].args] == ['listen_addr', 'max_conns']
    assert f['HTTPServer.start_tls'].go_name == 'StartTLS' and 'HTTPServer.user_ids' in f
    # exports and C names stay ASCII spellings of the Go name and of the Python name
    assert f['say_hi'].export == 'gobind_names_SayHi' and f['say_hi'].c_name == 'gobind_fn_say_hi'
    # a snake_case name that is a keyword gets the trailing '_' (no warning: keywords never warn)
    assert f['import_'].go_name == 'Import'
    assert not plan_of('names').warnings


def test_directives_win_over_pep8_names():
    plan = plan_of('names')
    f = callables(plan)
    assert f['legacy_sum'].go_name == 'OldSum'            # //gobind:name legacy_sum
    assert f['greet_loudly'].go_name == 'Shout'           # // gopy:name greet_loudly
    assert 'gopy:name' not in f['greet_loudly'].doc       # the line is not part of the doc
    assert f['HTTPServer.address'].go_name == 'Addr'      # a method's directive
    c = classes(plan)
    assert 'Color' in c and 'ColorRGB' not in c           # a type's directive
    assert f['red'].py_return == 'Color' and f['Color.hex_code'].go_name == 'HexCode'


def test_fields_types_consts_vars_and_enum_members():
    plan = plan_of('names')
    server = classes(plan)['HTTPServer']                   # types keep their CamelCase name
    assert [(fl.go_name, fl.py_name) for fl in server.fields] == [
        ('ListenAddr', 'listen_addr'), ('MaxConns', 'max_conns'), ('UserID', 'user_id'),
        ('Port', 'port_number'),                           # //gobind:name on the field
        ('HostName', 'host'), ('TLSEnabled', 'use_tls')]   # gopy:"host", gopy:"use_tls" struct tags
    consts = {c.go_name: c.py_name for c in plan.consts}
    assert consts == {'MaxSize': 'MAX_SIZE', 'DefaultHTTPPort': 'DEFAULT_HTTP_PORT', 'TheAnswer': 'ANSWER',
                      'LevelDebug': 'LEVEL_DEBUG', 'LevelInfo': 'LEVEL_INFO', 'LevelSilent': 'QUIET'}
    level = classes(plan)['LogLevel']
    assert [m.py_name for m in level.enum] == ['LEVEL_DEBUG', 'LEVEL_INFO', 'QUIET']
    assert {v.go_name: v.py_name for v in plan.vars} == {'DefaultTimeout': 'default_timeout',
                                                         'RequestCount': 'global_counter'}


def test_renames_list_each_renamed_symbol_once():
    renames = dict(plan_of('names').renames)
    assert renames['SayHi'] == 'say_hi' and renames['HTTPServer.UserID'] == 'HTTPServer.user_id'
    assert renames['ColorRGB'] == 'Color' and renames['ColorRGB.HexCode'] == 'Color.hex_code'
    assert renames['LevelSilent'] == 'QUIET' and renames['Import'] == 'import_'
    assert 'HTTPServer' not in renames and 'LogLevel' not in renames


def test_without_pep8_names_go_names_stay():
    data = api('names')
    del data['pep8_names']
    plan = plan_from_api(data, 'names')
    f = callables(plan)
    assert {'SayHi', 'ParseURL', 'legacy_sum', 'greet_loudly', 'HTTPServer.StartTLS'} <= set(f)
    assert [a.py_name for a in f['SayHi'].args] == ['userName']
    assert {c.py_name for c in plan.consts} >= {'MaxSize', 'ANSWER', 'QUIET'}
    assert dict(plan.renames) == {'ColorRGB': 'Color', 'HTTPServer.Addr': 'HTTPServer.address',
                                  'HTTPServer.HostName': 'HTTPServer.host', 'HTTPServer.Port': 'HTTPServer.port_number',
                                  'HTTPServer.TLSEnabled': 'HTTPServer.use_tls', 'LevelSilent': 'QUIET',
                                  'OldSum': 'legacy_sum', 'RequestCount': 'global_counter', 'Shout': 'greet_loudly',
                                  'TheAnswer': 'ANSWER'}


# ---- clashes and bad directives stop the build ------------------------------------------------------

def _func(data, name):
    return next(f for f in data['funcs'] if f['name'] == name)


def _plan_error(data) -> str:
    with pytest.raises(NameClash) as info:
        plan_from_api(data, 'names')
    assert isinstance(info.value, GobindError) and '\n' not in str(info.value)
    return str(info.value)


def test_two_go_names_for_one_python_name_stop_the_build():
    data = api('names')
    twin = dict(_func(data, 'SayHi'), name='Say_hi')
    data['funcs'].append(twin)
    assert _plan_error(data) == ('gobind: SayHi and Say_hi are both bound as say_hi (pep8_names or '
                                 '//gobind:name); rename one with a //gobind:name line')


def test_a_skipped_symbol_takes_no_name():
    """A Go symbol gobind skips (a generic function) clashes with nothing."""
    data = api('names')
    data['funcs'].append(dict(_func(data, 'SayHi'), name='Say_hi', type_params=['T']))
    plan = plan_from_api(data, 'names')
    assert callables(plan)['say_hi'].go_name == 'SayHi'
    assert {s.symbol: s.reason for s in plan.skipped}['Say_hi'] .startswith('generic function with no instantiation')


def test_a_directive_colliding_stops_the_build():
    data = api('names')
    _func(data, 'OldSum')['py_name'] = 'say_hi'
    assert 'OldSum and SayHi are both bound as say_hi' in _plan_error(data)
    data = api('names')
    server = next(t for t in data['types'] if t['name'] == 'HTTPServer')
    next(m for m in server['methods'] if m['name'] == 'Addr')['py_name'] = 'listen_addr'
    assert 'HTTPServer.ListenAddr and HTTPServer.Addr are both bound as HTTPServer.listen_addr' in _plan_error(data)
    data = api('names')
    _func(data, 'Red')['py_name'] = 'Color'    # a function named like a class
    assert 'ColorRGB and Red are both bound as Color' in _plan_error(data)


@pytest.mark.parametrize('py_name, why', [
    ('class', "'class' is a Python keyword"), ('bad name', "'bad name' is not a Python identifier"),
    ('1st', "'1st' is not a Python identifier"), ('GoError', "'GoError' is the name of gobind's own class"),
    (' ', 'its //gobind:name line gives no name'),
])
def test_bad_directives_name_the_go_symbol(py_name, why):
    data = api('names')
    _func(data, 'OldSum')['py_name'] = py_name
    message = _plan_error(data)
    assert message.startswith('gobind: OldSum: ') and why in message, message


def test_a_type_directive_cannot_take_the_shape_of_gobind_classes():
    data = api('names')
    next(t for t in data['types'] if t['name'] == 'ColorRGB')['py_name'] = 'Slice_int'
    assert "ColorRGB: //gobind:name 'Slice_int' is shaped like" in _plan_error(data)


def test_clashes_without_renaming_keep_the_trailing_underscore_rule():
    """names_edge's Full and Ｆull (fullwidth) meet without pep8_names: a warning, not an error."""
    plan = plan_of('names_edge')
    f = callables(plan)
    assert f['Full'].go_name == 'Full' and f['Full_'].go_name == 'Ｆull'
    assert any(w.startswith('Ｆull is bound as Full_: Full (NFKC) is already') for w in plan.warnings)
