"""The options dataclass every entry point builds: its checks, its errors, and the round trip through
the gen step's arguments (no Go, Meson or compiler)."""

from __future__ import annotations

import dataclasses
import os

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from gobind_module.emit.escape import meson_value
from gobind_module.build.options import BUILD_ONLY, Options, parse_gen_args
from gobind_module.validate import InputError

FULL = Options(package='example.com/shop', dir='/src/it\'s a "dir" é', name='shop', tags=('linux', 'go1.21'),
               gil={'Point.Scale': 'release', 'Add': 'keep'}, gil_default='release',
               submodules={'money': 'example.com/shop/money', 'tax': './tax'},
               borrow={'SumFloats': 'xs, ys', 'Fill': ''}, callback_panics=('Walk', 'Parallel', 'Walk'),
               peers='/build/shop_gobind_peers.json', pep8_names=True,
               instantiate={'Max': ['int', 'float64'], 'Pair': ['string, int']})


def test_checked_values_are_normalised():
    """Settings come out sorted, callback_panics once each, borrow's parameters joined by spaces."""
    assert FULL.tags == ('linux', 'go1.21')
    assert list(FULL.gil.items()) == [('Add', 'keep'), ('Point.Scale', 'release')]
    assert FULL.callback_panics == ('Parallel', 'Walk')
    assert FULL.borrow == {'Fill': '', 'SumFloats': 'xs ys'}


@pytest.mark.parametrize('options', [
    FULL,
    Options(package='github.com/me/hello'),
    Options(package='./hello', dir='-odd', name='_m2', tags=['a_b'], callback_panics=['F']),
    Options(package='example.com/é/a+b~c', dir='.', borrow={'T.M': '*'}, gil={'F': 'keep'}),
])
def test_gen_args_read_back_into_the_same_options(options):
    back = parse_gen_args(options.gen_args())
    assert back == options
    assert options.gen_args()[-2:] == ['--', options.package]


def test_gen_args_leave_out_what_only_the_build_uses():
    options = dataclasses.replace(FULL, python='/usr/bin/python3.11', subdir='shop/sub')
    assert parse_gen_args(options.gen_args()) == dataclasses.replace(options, **{f: '' for f in BUILD_ONLY})


def test_gen_args_spell_each_setting():
    args = FULL.gen_args()
    pairs = set(zip(args, args[1:]))
    assert {('--name', 'shop'), ('--tags', 'linux,go1.21'), ('--gil', 'Add=keep'), ('--gil', 'Point.Scale=release'),
            ('--gil-default', 'release'), ('--submodule', 'money=example.com/shop/money'),
            ('--borrow', 'SumFloats=xs ys'), ('--borrow', 'Fill='), ('--callback-panics', 'Parallel')} <= pairs
    assert '--pep8-names' in args
    assert args[0] == '--dir=' + FULL.dir and '--peers=' + str(FULL.peers) in args
    assert Options(package='p').gen_args() == ['--dir=.', '--', 'p']
    assert FULL.go_build_args() == ['--dir=' + FULL.dir, '--tags', 'linux,go1.21']


def test_command_line_forms_join_and_repeat():
    """--gil joins settings with commas, --borrow joins a repeated name's parameters, the last --gil wins."""
    options = parse_gen_args(['--gil', 'A=keep,B=release', '--gil', ' A = release', '--borrow', 'F=xs',
                              '--borrow', 'F=ys', '--callback-panics', 'P,Q', '--tags', 'a,,b', 'pkg'])
    assert options.gil == {'A': 'release', 'B': 'release'}
    assert options.borrow == {'F': 'xs ys'}
    assert options.callback_panics == ('P', 'Q')
    assert options.tags == ('a', 'b')


@pytest.mark.parametrize('python, expected', [('', []), ('3.11', ['python3.11']), ('3', ['python3']),
                                              ('/opt/py/bin/python2.7', ['/opt/py/bin/python2.7'])])
def test_find_installation_args(python, expected):
    assert Options(package='p', python=python).find_installation_args() == expected


#: (fields, spelling, the error's text): each names the option as the entry point spells it, and the value.
ERRORS = [
    (dict(package='-toolexec'), 'cli', "gobind: package '-toolexec' is not a Go import path (it starts with -)"),
    (dict(package='a\nb'), 'meson', "gobind: go_package 'a\\nb' is not a Go import path: Go does not allow '\\n'"),
    (dict(name='class'), 'cmake', "gobind: module name 'class' is not a Python identifier"),
    (dict(name='hello\nx'), 'meson', "gobind: module name 'hello\\nx' is not a Python identifier"),
    (dict(dir='a\0b'), 'cmake', "gobind: DIR 'a\\x00b' is not a usable folder path"),
    (dict(tags=['a b']), 'cli', "gobind: tags: 'a b' is not a Go build tag"),
    (dict(tags=['a b']), 'meson', "gobind: go_tags: 'a b' is not a Go build tag"),
    (dict(tags='linux'), 'cli', "gobind: tags must be a list of tags, not the string 'linux'"),
    (dict(submodules={'1x': 'p'}), 'cli', "gobind: submodule name '1x' is not a Python identifier"),
    (dict(submodules={'x': ''}), 'cli', "gobind: submodules['x'] '' is not a Go import path"),
    (dict(gil={'Spin()': 'keep'}), 'meson', "gobind: gil: 'Spin()' is not a Go function name (write Func or "
                                            "Type.Method)"),
    (dict(gil={'Spin': 'hold'}), 'cli', "gobind: gil: Spin: 'hold' is not 'keep' or 'release'"),
    (dict(gil=['Spin']), 'cli', "gobind: gil must be a dict of strings, not ['Spin']"),
    (dict(gil_default='never'), 'cli', "gobind: gil_default: 'never' is not one of 'auto', 'keep', 'release'"),
    (dict(borrow={'Sum': 'xs, 1y'}), 'cli', "gobind: borrow: Sum: '1y' is not a parameter name"),
    (dict(borrow={'Sum': 3}), 'cli', 'gobind: borrow: '),
    (dict(callback_panics=['a-b']), 'cli', "gobind: callback_panics: 'a-b' is not a Go function name"),
    (dict(callback_panics='Walk'), 'cli', "gobind: callback_panics must be a list of Go function names, not the "
                                          "string 'Walk'"),
    (dict(python='py\nthon'), 'cli', "gobind: python 'py\\nthon' is not a usable folder path"),
    (dict(subdir='pkg/1a'), 'meson', "gobind: subdir part '1a' is not a Python identifier"),
    (dict(peers='a\nb'), 'cli', "gobind: peers 'a\\nb' is not a usable folder path"),
    (dict(instantiate={'Max': 'int'}), 'meson', "gobind: instantiate: Max: 'int' is not a list of type arguments"),
    (dict(instantiate={'Max()': ['int']}), 'cli', "gobind: instantiate: 'Max()' is not a Go name"),
    (dict(instantiate={'Max': ['int;x']}), 'cmake', "gobind: INSTANTIATE: Max: 'int;x' is not a list of Go types"),
    (dict(instantiate=['Max']), 'cli', "gobind: instantiate must be a dict of Go names to lists of type arguments"),
]


@pytest.mark.parametrize('fields, spelling, message', ERRORS)
def test_each_bad_value_is_refused_naming_option_and_value(fields, spelling, message):
    fields = dict(dict(package='example.com/p'), **fields)
    with pytest.raises(InputError) as info:
        Options(spelling=spelling, **fields)
    assert str(info.value).startswith(message), info.value
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize('argv, message', [
    (['--gil', 'Add', 'p'], "gobind: --gil 'Add': write Name=keep or Name=release"),
    (['--submodule', 'money', 'p'], "gobind: --submodule 'money': write NAME=GO_PACKAGE"),
    (['--borrow', '=xs', 'p'], "gobind: --borrow '=xs': write Name=params"),
    (['--instantiate', 'Max', 'p'], "gobind: --instantiate 'Max': write NAME=T1,T2"),
])
def test_command_line_forms_are_refused_naming_the_flag(argv, message):
    with pytest.raises(InputError) as info:
        parse_gen_args(argv)
    assert str(info.value).startswith(message), info.value


@pytest.mark.parametrize('spelling, arg', [('cli', 'pep8_names'), ('meson', 'pep8_names'), ('cmake', 'PEP8_NAMES')])
def test_pep8_names_is_true_or_false(spelling, arg):
    """pep8_names (a Meson bool, a CLI flag, load()'s argument, CMake's PEP8_NAMES option) takes no other value."""
    assert not Options(package='p').pep8_names and parse_gen_args(['--pep8-names', 'p']).pep8_names
    with pytest.raises(InputError) as info:
        Options(package='p', pep8_names='yes', spelling=spelling)  # type: ignore[arg-type]
    assert str(info.value) == "gobind: %s must be true or false, not 'yes'" % arg


def test_extension_kwargs_are_the_meson_keywords():
    """What project.py writes into the one-extension meson.build: every option, as Meson spells it."""
    kwargs = dict(dataclasses.replace(FULL, python='/usr/bin/python3').extension_kwargs())
    assert kwargs == {'dir': FULL.dir, 'python': '/usr/bin/python3', 'go_tags': ['linux', 'go1.21'],
                      'gil': dict(FULL.gil), 'gil_default': 'release', 'submodules': dict(FULL.submodules),
                      'borrow': dict(FULL.borrow), 'callback_panics': ['Parallel', 'Walk'], 'subdir': '',
                      'limited_api': '', 'pep8_names': True,
                      'instantiate': {'Max': ['int', 'float64'], 'Pair': ['string,int']}}
    assert meson_value(kwargs['gil']) == "{'Add': 'keep', 'Point.Scale': 'release'}"
    assert meson_value(FULL.dir) == "'/src/it\\'s a \"dir\" \\u00e9'"
    assert meson_value([True, 'a', {'k': ['v']}]) == "[true, 'a', {'k': ['v']}]"


texts = st.text(max_size=12)
go_names = st.from_regex(r'[A-Za-z_][A-Za-z0-9_]{0,5}(\.[A-Za-z_][A-Za-z0-9_]{0,5})?', fullmatch=True)


@settings(max_examples=int(os.environ.get('GOBIND_HYPOTHESIS_EXAMPLES', '200')), deadline=None,
          suppress_health_check=list(HealthCheck))
@given(package=texts, directory=texts, tags=st.lists(texts, max_size=2),
       gil=st.dictionaries(st.one_of(go_names, texts), st.sampled_from(['keep', 'release', 'hold']), max_size=2),
       borrow=st.dictionaries(st.one_of(go_names, texts), texts, max_size=2),
       panics=st.lists(st.one_of(go_names, texts), max_size=2))
def test_any_input_is_refused_or_read_back_the_same(package, directory, tags, gil, borrow, panics):
    """Whatever the values, Options refuses them with an InputError or its gen args read back into it."""
    try:
        options = Options(package=package, dir=directory, tags=tags, gil=gil, borrow=borrow, callback_panics=panics)
    except InputError as e:
        assert str(e).startswith('gobind: '), e
        return
    assert parse_gen_args(options.gen_args()) == options
