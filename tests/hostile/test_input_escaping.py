"""Input never steers generated code: hostile names, paths, tags, settings and Go docs are escaped or refused."""

import ast
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import TEST_PROJECTS, run, tool

HELLO = TEST_PROJECTS / 'hello'
#: Examples per property; GOBIND_HYPOTHESIS_EXAMPLES=1000 for a long run (docs/runtime.md).
EXAMPLES = int(os.environ.get('GOBIND_HYPOTHESIS_EXAMPLES', '40'))
#: Examples of the properties that build with Go and Meson (a few seconds each).
BUILDS = int(os.environ.get('GOBIND_HYPOTHESIS_BUILDS', '1'))
#: Fragments that break naive escaping in one of the target languages.
FRAGMENTS = ['*/', '/*', '"""', "'''", '\\', '%s', '%U', '%%', '{{ m.name }}', '{% if x %}', '{#', '??/', '??=',
             "'", '"', '\n', '\t', '\x0c', '\x1b', 'é', '日本', '😀', '\u2028', '//go:generate', '#include',
             "run_command('touch', 'x')", '\\n', '\\x41', '\\101', '$', '`', '\u00a0']
hostile = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=6).map(''.join)
#: Text a Go doc comment can hold (Go source has no NUL or BOM; CR is dropped from comments).
go_text = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(
    st.characters(blacklist_categories=('Cs',), blacklist_characters='\x00\r\ufeff'), max_size=8)),
    max_size=6).map(''.join)
#: Mostly valid values, often enough that the later arguments get checked too.
names = st.one_of(st.sampled_from(['hello', 'json', '_m2']), hostile)
packages = st.one_of(st.sampled_from(['github.com/me/hello', './sub', 'example.com/é/a+b~c']), hostile)
tag_lists = st.lists(st.one_of(st.sampled_from(['linux', 'go1.21', 'a_b']), hostile), max_size=2)
cheap = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))


@cheap
@given(text=st.one_of(hostile, st.text()))
def test_each_escape_keeps_its_text_as_data(text):
    """Python and Meson literals read back as the text; comment text stays one line that cannot end its comment."""
    from mesonbuild import mparser
    from gobind_module.emit import escape
    assert ast.literal_eval(escape.py_string(text)) == text
    assert ast.literal_eval(escape.py_docstring(text)) == text
    try:
        literal = escape.meson_str(text)
    except ValueError:
        assert any('\ud800' <= ch <= '\udfff' for ch in text)
    else:
        (node,) = mparser.Parser('x = ' + literal, 'x').parse().lines
        assert node.value.value == text
    for comment in (escape.c_comment(text), escape.go_comment(text), escape.py_comment(text)):
        assert not any(ch in comment for ch in '\n\r\x00\u2028\u2029\x0b\x0c')
        comment.encode('utf-8')   # no lone surrogates
    assert '*/' not in escape.c_comment(text) and '/*' not in escape.c_comment(text)


def _env(tmp_path):
    return dict(os.environ, GOBIND_CACHE_DIR=str(tmp_path / 'cache'),
                PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ['PATH'])


def test_newline_in_package_path_never_becomes_meson_code(tmp_path):
    """The report: a newline in load()'s package put Meson code into the recipe, which ran."""
    marker = tmp_path / 'pwned'
    package = "github.com/me/hello\nrun_command('touch', %r, check: false)\n#" % str(marker)
    code = ('import gobind_module\n'
            'try:\n'
            '    gobind_module.load(%r, dir=%r, name="hello")\n'
            'except ValueError as e:\n'
            '    print("refused:", e)\n' % (package, str(HELLO)))
    proc = subprocess.run([sys.executable, '-c', code], env=_env(tmp_path), stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, universal_newlines=True)
    assert proc.stdout.startswith('refused: gobind: package '), proc.stdout
    assert not marker.exists()


def test_meson_plugin_refuses_a_hostile_module_name(tmp_path):
    src = tmp_path / 'src'
    src.mkdir()
    (src / 'meson.build').write_text("project('p', 'c')\ngobind = import('gobind')\n"
                                     "gobind.extension('hello\\nx', 'github.com/me/hello', dir: %r)\n" % str(HELLO))
    proc = run([tool('meson'), 'setup', tmp_path / 'b', src], check=False)
    assert proc.returncode != 0
    assert "gobind.extension: module name 'hello\\nx' is not a Python identifier" in proc.stdout, proc.stdout


def test_cli_refuses_a_hostile_package_naming_it(tmp_path):
    proc = run([tool('gobind'), 'gen', '--dir', HELLO, '-o', tmp_path, '--', '-toolexec=x'], check=False)
    assert proc.returncode == 1
    assert proc.stdout.startswith("gobind: package '-toolexec=x' is not a Go import path"), proc.stdout
    proc = run([tool('gobind'), 'gen', '--dir', HELLO, '--tags', 'a b', '-o', tmp_path, 'x'], check=False)
    assert proc.returncode == 1 and "gobind: tags: 'a b' is not a Go build tag" in proc.stdout, proc.stdout


#: Meson code that, if it ever ran, would leave a file behind.
INJECTIONS = ["'\nrun_command('touch', '@MARK@', check: false)\n#", "', run_command('touch', '@MARK@', check: false), '",
              "\n# comment\nrun_command('touch', '@MARK@', check: false)"]
injecting = st.one_of(hostile, st.tuples(hostile, st.sampled_from(INJECTIONS)).map(''.join))


@settings(max_examples=int(os.environ.get('GOBIND_HYPOTHESIS_MESON', '4')), deadline=None,
          suppress_health_check=list(HealthCheck))
@given(name=st.one_of(names, injecting), package=st.one_of(packages, injecting), tag=st.one_of(tag_lists, injecting),
       gil=st.dictionaries(st.sampled_from(['Hello', 'T.M']), st.sampled_from(['keep', 'release']), max_size=1),
       subdir=st.one_of(st.sampled_from(['', 'pkg', 'a/b']), injecting))
def test_meson_plugin_escapes_or_refuses(tmp_path_factory, name, package, tag, gil, subdir):
    """gobind.extension() in a real `meson setup`: hostile arguments are refused with an error naming
    them, valid ones configure; Meson code inside an argument never runs."""
    from gobind_module.emit.escape import meson_str
    base = tmp_path_factory.mktemp('plugin')
    marker = base / 'pwned'
    mark = lambda v: v.replace('@MARK@', str(marker)) if isinstance(v, str) else [mark(t) for t in v]
    name, package, tag, subdir = mark(name), mark(package), mark(tag), mark(subdir)
    try:
        args = [meson_str(name), meson_str(package), 'dir: ' + meson_str(str(HELLO)),
                'go_tags: [%s]' % ', '.join(map(meson_str, [tag] if isinstance(tag, str) else tag)),
                'gil: {%s}' % ', '.join('%s: %s' % (meson_str(k), meson_str(v)) for k, v in gil.items()),
                'subdir: ' + meson_str(subdir)]
    except ValueError:
        return   # a lone surrogate: no meson.build can hold it
    (base / 'src').mkdir()
    (base / 'src' / 'meson.build').write_text("project('p', 'c')\ngobind = import('gobind')\n"
                                              "gobind.extension(%s)\n" % ', '.join(args), encoding='utf-8')
    proc = run([tool('meson'), 'setup', base / 'build', base / 'src'], check=False)
    assert not marker.exists(), proc.stdout
    if proc.returncode != 0:
        assert re.search(r"ERROR: gobind.extension: (module name |go_package |go_tags: |subdir part )", proc.stdout), \
            proc.stdout


def _call(text):
    """The gobind.extension() call of a generated one-extension meson.build, as Python values."""
    from mesonbuild import mparser
    lines = mparser.Parser(text, 'meson.build').parse().lines
    assert len(lines) == 3 and type(lines[2]).__name__ == 'MethodNode', text

    def value(node):
        kind = type(node).__name__
        if kind == 'ArrayNode':
            return [value(a) for a in node.args.arguments]
        if kind == 'DictNode':
            return {value(k): value(v) for k, v in node.args.kwargs.items()}
        assert kind == 'StringNode', (kind, text)
        return node.value
    call = lines[2]
    return [value(a) for a in call.args.arguments], {k.value: value(v) for k, v in call.args.kwargs.items()}


go_funcs = st.one_of(st.sampled_from(['Add', 'Point.Scale']), hostile)


@cheap
@given(name=names, package=packages, directory=hostile, tags=tag_lists,
       gil=st.dictionaries(go_funcs, st.one_of(st.sampled_from(['keep', 'release']), hostile), max_size=2),
       borrow=st.dictionaries(go_funcs, st.one_of(st.sampled_from(['', 'xs', 'a, b']), hostile), max_size=2),
       subs=st.dictionaries(names, packages, max_size=2))
def test_project_writing_escapes_or_refuses_every_argument(tmp_path_factory, name, package, directory, tags,
                                                           gil, borrow, subs):
    """project.py's meson.build keeps its shape: each value comes back from Meson's parser unchanged."""
    from gobind_module.build.options import Options
    from gobind_module.build.project import write_project
    from gobind_module.validate import InputError
    srcdir = str(tmp_path_factory.mktemp('p'))
    try:
        options = Options(package=package, dir=directory, name=name, tags=tags, gil=gil, submodules=subs,
                          borrow=borrow, python=sys.executable)
        write_project(srcdir, options)
    except InputError as e:
        assert isinstance(e, ValueError)
        assert any(('gobind: %s ' % a) in str(e) or ('gobind: %s:' % a) in str(e) or ('gobind: %s[' % a) in str(e)
                   for a in ('name', 'package', 'dir', 'tags', 'python', 'submodules', 'submodule name', 'gil',
                             'borrow')), e
        return
    with open(os.path.join(srcdir, 'meson.build'), encoding='utf-8') as f:
        args, kwargs = _call(f.read())
    assert args == [name, package]
    assert kwargs['dir'] == os.path.abspath(directory)
    assert kwargs.get('go_tags', []) == list(tags)
    assert kwargs.get('gil', {}) == gil and kwargs.get('submodules', {}) == subs
    # borrow's parameters come back as Options keeps them: the same names, joined by spaces
    assert kwargs.get('borrow', {}) == options.borrow and options.borrow.keys() == borrow.keys()


@cheap
@given(name=names, package=packages, directory=hostile, tag=tag_lists)
def test_load_refuses_hostile_arguments_before_any_work(tmp_path_factory, name, package, directory, tag):
    """load() checks every string first: a bad one is a ValueError naming it, and nothing is built."""
    from gobind_module.build.loader import load
    from gobind_module import validate
    cache = tmp_path_factory.mktemp('c')
    os.environ['GOBIND_CACHE_DIR'] = str(cache)
    try:
        validate.entry(package, directory, name, tag)
    except ValueError as e:
        with pytest.raises(ValueError) as info:
            load(package, dir=directory, name=name, tags=tag)
        assert str(info.value) == str(e)
        assert not os.listdir(str(cache))
    finally:
        del os.environ['GOBIND_CACHE_DIR']


HOSTILE_PACKAGE = '''\
{doc}
package hostile

{doc}
type Box struct {{
{field_doc}
	Width int
}}

{doc}
func Area(b *Box) int {{ return b.Width * b.Width }}

{doc}
const Answer = 42

{doc}
const Text = {text}

{doc}
var Count = 7
'''


def _go_doc(text):
    return '\n'.join('// ' + line for line in text.split('\n'))


def _write_package(folder, text):
    folder.mkdir(parents=True)
    (folder / 'go.mod').write_text('module example.com/hostile\n\ngo 1.21\n')
    (folder / 'hostile.go').write_text(HOSTILE_PACKAGE.format(doc=_go_doc(text), field_doc='\t' + _go_doc(text),
                                                              text=json.dumps(text, ensure_ascii=False)),
                                       encoding='utf-8')


@pytest.fixture(scope='module')
def hostile_api(tmp_path_factory):
    """The inspector's JSON for a package whose every doc is FRAGMENTS, joined."""
    from gobind_module.inspect.goapi import inspect_json
    folder = tmp_path_factory.mktemp('api') / 'hostile'
    _write_package(folder, ' '.join(f for f in FRAGMENTS if f not in '\n\x0c'))
    return inspect_json('example.com/hostile', str(folder))


def _with_docs(data, doc):
    """data with every "doc", and the value of every string constant, replaced by doc."""
    if isinstance(data, dict):
        if data.get('kind') == 'string' and 'value' in data:
            data = dict(data, value=doc)
        return {k: (doc if k == 'doc' and isinstance(v, str) else _with_docs(v, doc)) for k, v in data.items()}
    if isinstance(data, list):
        return [_with_docs(v, doc) for v in data]
    return data


def _check_stub(text, doc):
    tree = ast.parse(text)
    assert ast.get_docstring(tree, clean=False) == (doc or None)
    area = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == 'Area')
    assert ast.get_docstring(area, clean=False).endswith(doc)
    assert any(isinstance(n, ast.AnnAssign) and n.target.id == 'Text' for n in tree.body)


def _check_go(path):
    """gofmt (found next to go when not on PATH) parses the generated Go file."""
    gofmt = shutil.which('gofmt') or os.path.join(os.path.dirname(shutil.which('go')), 'gofmt')
    proc = subprocess.run([gofmt, '-e', str(path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True)
    assert proc.returncode == 0, proc.stderr


def _check_c(outdir, name):
    cc = os.environ.get('CC', 'cc')
    proc = subprocess.run([cc, '-fsyntax-only', '-Wall', '-Wextra', '-Werror', '-I' + sysconfig.get_paths()['include'],
                           '-I' + str(outdir), str(outdir / (name + '_gobind.c'))],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True)
    assert proc.returncode == 0, proc.stdout


@settings(max_examples=max(EXAMPLES // 4, 3), deadline=None, suppress_health_check=list(HealthCheck))
@given(doc=go_text, path=hostile)
def test_go_docs_and_paths_render_as_data(tmp_path_factory, hostile_api, doc, path):
    """Any doc text the inspector reports, and any package path, leave the generated C, Go and stub
    files well-formed: the stub's docstrings equal the doc, the C compiles warning-free, gofmt parses the Go."""
    from gobind_module.model import package_from_json
    from gobind_module.bind.plan import plan_module
    from gobind_module.emit.render import write_outputs
    data = _with_docs(hostile_api, doc)
    data['package']['path'] = path
    try:
        plan = plan_module(package_from_json(data), 'hostile')
        outdir = tmp_path_factory.mktemp('gen')
        paths = write_outputs(plan, str(outdir))
    except ValueError as e:
        assert 'surrogate' in str(e), e  # a path Go could never report
        return
    with open(paths['pyi'], encoding='utf-8') as f:
        _check_stub(f.read(), doc)
    _check_c(outdir, 'hostile')
    _check_go(paths['go'])


@settings(max_examples=BUILDS, deadline=None, suppress_health_check=list(HealthCheck))
@given(doc=go_text)
def test_go_docs_build_and_import_intact(tmp_path_factory, doc):
    """A real package with hostile docs, in a folder with quotes, spaces and non-ASCII in its name,
    builds through load() and keeps every doc as the inspector read it."""
    base = tmp_path_factory.mktemp('b')
    folder = base / "it's a */ $dir é" / 'hostile'
    _write_package(folder, doc + '\n' + ' '.join(f for f in FRAGMENTS if f not in '\n\x0c'))
    code = ('import json, gobind_module\n'
            'from gobind_module.inspect.goapi import inspect_json\n'
            'm = gobind_module.load("example.com/hostile", dir=%r)\n'
            'api = inspect_json("example.com/hostile", %r)\n'
            'print(json.dumps([m.Area(m.Box(Width=3)), api["package"]["doc"], m.__doc__, m.Area.__doc__,\n'
            '                  m.Box.__doc__, m.Box.Width.__doc__, m.Text]))\n' % (str(folder), str(folder)))
    proc = subprocess.run([sys.executable, '-c', code], env=_env(base), stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, universal_newlines=True)
    assert proc.returncode == 0, proc.stdout
    area, doc_read, mod_doc, func_doc, class_doc, field_doc, text = json.loads(proc.stdout.splitlines()[-1])
    assert area == 9
    assert text == doc + '\n' + ' '.join(f for f in FRAGMENTS if f not in '\n\x0c')
    assert mod_doc == doc_read
    for text in (func_doc, class_doc, field_doc):
        assert text.endswith(doc_read), (text, doc_read)


#: Go identifiers that are Python keywords or builtins, C macros, or names of gobind's generated locals.
IDENTIFIERS = ['None', 'True', 'False', 'NULL', 'EOF', 'FILE', 'NAN', 'INFINITY', 'I', 'BUFSIZ', 'Py_None',
               'PyObject', 'METH_VARARGS', 'SIZE_MAX', 'Print', 'Self', 'Main', 'Init', 'C']
PARAMS = ['msg', 'status', 'self', 'poll', 'C', 'fmt', 'unsafe', 'errors', 'runtime', 'cgo', 'x', 'a0', 'r0',
          'args', 'kwargs', 'nargs', 'm', 'result', 'gerr', 'ctx', 'out', 'p', 'v', 'h', 'i', 'n', 'class', 'def',
          'lambda', 'pass', 'from', 'in', 'is', 'not', 'and', 'or', 'del', 'yield', 'try', 'print', 'NULL', 'errno']


def _identifier_package(folder, func, params, field):
    folder.mkdir(parents=True)
    (folder / 'go.mod').write_text('module example.com/ids\n\ngo 1.21\n')
    (folder / 'ids.go').write_text(
        'package ids\n\n// %s adds.\nfunc %s(%s int) int { return %s }\n\n'
        '// Box holds a field.\ntype Box struct {\n\t%s int\n}\n'
        % (func, func, ', '.join(params), ' + '.join(params) or '0', field))


@settings(max_examples=max(EXAMPLES // 4, 3), deadline=None, suppress_health_check=list(HealthCheck))
@given(func=st.sampled_from(IDENTIFIERS), field=st.sampled_from(IDENTIFIERS),
       params=st.lists(st.sampled_from(PARAMS), unique=True, max_size=6))
def test_go_identifiers_render_as_names(tmp_path_factory, func, field, params):
    """Go names that are Python keywords, C macros or gobind's own locals give well-formed C, Go and stubs."""
    from gobind_module.build.generate import generate
    from gobind_module.bind.plan import python_name
    base = tmp_path_factory.mktemp('ids')
    _identifier_package(base / 'ids', func, params, field)
    generate('example.com/ids', str(base / 'ids'), str(base / 'gen'))
    _check_c(base / 'gen', 'ids')
    _check_go(base / 'gen' / 'ids_gobind.go')
    stub = ast.parse((base / 'gen' / 'ids.pyi').read_text(encoding='utf-8'))
    names = {n.name for n in stub.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
    assert python_name(func) in names and 'Box' in names


def test_go_identifiers_build_and_bind(tmp_path):
    """One real build with the hardest names at once: every parameter name of PARAMS, keyword names."""
    _identifier_package(tmp_path / 'ids', 'None', PARAMS, 'True')
    code = ('import gobind_module\n'
            'm = gobind_module.load("example.com/ids", dir=%r, quiet=True)\n'
            'print(m.None_(*range(%d)), m.Box(True_=5).True_)\n' % (str(tmp_path / 'ids'), len(PARAMS)))
    proc = subprocess.run([sys.executable, '-c', code], env=_env(tmp_path), stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, universal_newlines=True)
    assert proc.returncode == 0, proc.stdout
    assert proc.stdout.split() == [str(sum(range(len(PARAMS)))), '5']
