"""load() never clobbers a module: a Go package named like an imported or standard module is refused, or loads under name=."""

import os
import subprocess
import sys

from conftest import TEST_PROJECTS


def _go_package(folder, name):
    folder.mkdir(parents=True)
    (folder / 'go.mod').write_text('module example.com/%s\n\ngo 1.21\n' % name)
    (folder / ('%s.go' % name)).write_text('// Package %s shadows a Python module name.\npackage %s\n\n'
                                           '// Answer is 42.\nfunc Answer() int { return 42 }\n' % (name, name))
    return folder


def _try(call):
    """Python code that runs a load() call and prints the ValueError it raises."""
    return 'try:\n    %s\nexcept ValueError as e:\n    print(e)\n' % call


def _py(code, tmp_path, cwd=None):
    env = dict(os.environ, GOBIND_CACHE_DIR=str(tmp_path / 'cache'),
               PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ['PATH'])
    proc = subprocess.run([sys.executable, '-c', code], env=env, cwd=str(cwd or tmp_path), stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, universal_newlines=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout.splitlines()


def test_a_go_package_named_json_does_not_replace_the_json_module(tmp_path):
    src = _go_package(tmp_path / 'gojson', 'json')
    out = _py(('import json, sys, gobind_module\n'
               'before = json\n'
               + _try('gobind_module.load("example.com/json", dir=%r)')
               + 'print(sys.modules["json"] is before, json.dumps([1]))\n'
               'm = gobind_module.load("example.com/json", dir=%r, name="gojson")\n'
               'print(m.Answer(), sys.modules["gojson"] is m, sys.modules["json"] is before)\n') % (str(src), str(src)),
              tmp_path)
    assert out[0].startswith("gobind: load('example.com/json') would make module 'json', but sys.modules "
                             "already holds another module of that name"), out
    assert "pass name= to load the Go package under another name, e.g. name='json_go'" in out[0]
    assert out[1:] == ['True [1]', '42 True True']


def test_a_standard_library_name_is_refused_before_anything_is_built(tmp_path):
    src = _go_package(tmp_path / 'gocsv', 'csv')
    out = _py(('import sys, gobind_module\n'
               + _try('gobind_module.load("example.com/csv", dir=%r)')
               + _try('gobind_module.load("example.com/csv", dir=%r, name="csv")')
               + 'print("csv" in sys.modules)\n') % (str(src), str(src)), tmp_path)
    assert len(out) == 3, out
    for line in out[:2]:
        assert "would make module 'csv', the name of a standard library module" in line, out
    assert out[2] == 'False'
    assert not (tmp_path / 'cache' / 'load').exists() or not any(
        p.name.endswith('.so') for p in (tmp_path / 'cache' / 'load').rglob('*')), 'a refused module was built'


def test_an_imported_module_of_the_user_is_kept(tmp_path):
    src = _go_package(tmp_path / 'goshapes', 'shapes')
    (tmp_path / 'shapes.py').write_text('MINE = True\n')
    out = _py(('import shapes, sys, gobind_module\n'
               + _try('gobind_module.load("example.com/shapes", dir=%r)')
               + 'print(sys.modules["shapes"].MINE)\n') % str(src), tmp_path)
    assert "sys.modules already holds another module of that name (%s)" % (tmp_path / 'shapes.py') in out[0], out
    assert out[1] == 'True'


def test_loading_the_same_package_twice_returns_it_again(tmp_path):
    out = _py('import gobind_module\n'
              'a = gobind_module.load("github.com/me/hello", dir=%r)\n'
              'b = gobind_module.load("github.com/me/hello", dir=%r)\n'
              'import hello\n'
              'print(a is b, hello is a, b.Hello("again"))\n' % ((str(TEST_PROJECTS / 'hello'),) * 2), tmp_path)
    assert out == ['True True hello "again" from Go']
