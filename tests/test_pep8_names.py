"""pep8_names and //gobind:name on real builds: test_projects/names (pep8_names: true in its meson.build)
on Python 3 and 2.7, a clash that stops ninja and the command line, --pep8-names on the command line,
load(pep8_names=True) and CMake's PEP8_NAMES.  (Named apart from tests/unit/test_names.py, which pytest would confuse.)"""

import os
import shutil
import subprocess
import sys

import pytest

from conftest import TEST_PROJECTS, MesonBuild, raises, run, tool
from test_cmake import CMakeBuild, site_packages

NAMES = str(TEST_PROJECTS / 'names')


def test_renamed_functions_methods_fields_and_keywords(surface):
    surface('names', '\n'.join([
        'import names as n',
        'assert n.say_hi("go") == "hi go" and n.say_hi(user_name="py") == "hi py"',
        'assert n.parse_url(raw_url="https://x") == "https" and n.md5_sum(b"") == "d41d8cd98f00b204e9800998ecf8427e"',
        'assert n.legacy_sum(2, b=3) == 5 and n.greet_loudly("hey") == "HEY" and n.import_() == "imported"',
        'for go in ("SayHi", "ParseURL", "MD5Sum", "OldSum", "Shout", "Import", "legacy_Sum", "HTTPServer_"):',
        '    assert not hasattr(n, go), go',
        's = n.new_http_server(listen_addr=":80", max_conns=3)',
        'assert type(s).__name__ == "HTTPServer"',
        'assert (s.listen_addr, s.max_conns, s.port_number, s.host, s.use_tls) == (":80", 3, 80, "localhost", False)',
        'assert s.start_tls() == "tls on :80" and s.use_tls is True and list(s.user_ids()) == [1, 2, 3]',
        's.user_id = 7; s.host = "example.org"',
        'assert s.user_id == 7 and s.address() == "example.org:80"',
        'for go in ("ListenAddr", "UserID", "Port", "HostName", "TLSEnabled", "StartTLS", "Addr", "UserIDs"):',
        '    assert not hasattr(s, go), go',
        't = n.HTTPServer(listen_addr="a", port_number=8, use_tls=True)',
        'assert (t.listen_addr, t.port_number, t.use_tls) == ("a", 8, True)',
        raises('TypeError', 'n.HTTPServer(ListenAddr="a")', 'ListenAddr'),
        raises('TypeError', 'n.say_hi(userName="x")', 'userName'),
        'c = n.red()',
        'assert type(c).__name__ == "Color" and n.Color is type(c) and not hasattr(n, "ColorRGB")',
        'assert (c.r, c.g, c.b) == (255, 0, 0) and c.hex_code() == "#ff0000"',
        'assert n.say_hi.__doc__.startswith("say_hi(user_name: str) -> str\\n\\nSayHi greets userName.")',
    ]))


def test_python_objects_implement_interfaces_under_the_python_names(surface):
    """Go calls a Python object's methods by the names the interface's class has (area_size), and a
    file's read stands in for io.Reader's method, which is read too with pep8_names."""
    surface('names', '\n'.join([
        'import io',
        'import names as n',
        'class Square(object):',
        '    def area_size(self):',
        '        return 21',
        'class GoStyle(object):',
        '    def AreaSize(self):',
        '        return 1',
        'assert n.twice_area(Square()) == 42 and n.twice_area(s=Square()) == 42',
        raises('TypeError', 'n.twice_area(GoStyle())', 'area_size'),
        'assert n.read_all(io.BytesIO(b"abc")) == "abc"',
        'assert "area_size" in n.Shape.__doc__',
    ]))


def test_constants_enum_members_and_variables(surface):
    surface('names', '\n'.join([
        'import sys',
        'import names as n',
        'assert (n.MAX_SIZE, n.DEFAULT_HTTP_PORT, n.ANSWER) == (1024, 8080, 42)',
        'assert (n.LEVEL_DEBUG, n.LEVEL_INFO, n.QUIET) == (0, 1, 2)',
        'for go in ("MaxSize", "DefaultHTTPPort", "TheAnswer", "LevelSilent", "DefaultTimeout", "RequestCount"):',
        '    assert not hasattr(n, go), go',
        'if sys.version_info[0] >= 3:',   # named int types are IntEnum classes on Python 3
        '    assert [m.name for m in n.LogLevel] == ["LEVEL_DEBUG", "LEVEL_INFO", "QUIET"]',
        '    assert n.QUIET is n.LogLevel.QUIET and n.LogLevel(1).name == "LEVEL_INFO"',
        'assert n.default_timeout == 30',
        'n.default_timeout = 5',
        'assert n.default_timeout == 5',
        'assert n.global_counter == 0 and n.count_request() == 1 and n.global_counter == 1',
    ]))


def test_the_stub_uses_the_python_names(built):
    stub = (built('names').builddir / 'names.pyi').read_text()
    for line in ('def say_hi(user_name: str) -> str:', 'def legacy_sum(a: int, b: int) -> int:',
                 'class Color:', 'def port_number(self) -> int:', '    QUIET = 2', 'MAX_SIZE: int',
                 'def new_http_server(listen_addr: str, max_conns: int) -> HTTPServer | None:'):
        assert line in stub, line
    assert 'SayHi' not in stub.replace('SayHi greets', '')


def _clash_project(folder):
    """A Go package whose SayHi and Say_hi are both say_hi with pep8_names."""
    folder.mkdir()
    (folder / 'go.mod').write_text('module example.com/clash\n\ngo 1.21\n')
    (folder / 'clash.go').write_text('// Package clash has two functions that pep8_names names alike.\n'
                                     'package clash\n\n// SayHi greets.\nfunc SayHi() string { return "hi" }\n\n'
                                     '// Say_hi greets too.\nfunc Say_hi() string { return "hi" }\n')
    (folder / 'meson.build').write_text("project('clash', 'c')\n"
                                        "import('gobind').extension('clash', 'example.com/clash', pep8_names: true)\n")
    return folder


CLASH = ('gobind: SayHi and Say_hi are both bound as say_hi (pep8_names or //gobind:name); '
         'rename one with a //gobind:name line')


def test_a_clash_stops_the_build_naming_both_go_names(tmp_path):
    src = _clash_project(tmp_path / 'clash')
    b = MesonBuild(src, tmp_path / 'build')
    b.setup()
    proc = run([tool('ninja'), '-C', b.builddir], check=False)
    assert proc.returncode != 0
    assert CLASH in proc.stdout.splitlines(), proc.stdout
    # the command line stops the same way, and without --pep8-names the two names are apart
    gen = run([sys.executable, '-m', 'gobind_module', 'gen', '--pep8-names', '--dir', src, '-o', tmp_path / 'out',
               'example.com/clash'], check=False)
    assert gen.returncode == 1 and gen.stdout.strip() == CLASH, gen.stdout
    plain = run([sys.executable, '-m', 'gobind_module', 'inspect', '--dir', src, 'example.com/clash'])
    assert '  SayHi() -> str' in plain.stdout and '  Say_hi() -> str' in plain.stdout


def test_the_command_line_flag_and_inspect_list_the_renames(tmp_path):
    out = run([sys.executable, '-m', 'gobind_module', 'inspect', '--pep8-names', '--dir', NAMES,
               'example.com/names']).stdout
    lines = out.splitlines()
    assert '  say_hi(user_name: str) -> str' in lines
    assert 'renamed (Go name -> Python name): 35' in lines, out
    for line in ('SayHi -> say_hi', 'HTTPServer.UserID -> HTTPServer.user_id', 'ColorRGB -> Color',
                 'HTTPServer.HostName -> HTTPServer.host', 'LevelSilent -> QUIET', 'MaxSize -> MAX_SIZE',
                 'Shout -> greet_loudly', 'RequestCount -> global_counter'):
        assert '  ' + line in lines, line
    run([sys.executable, '-m', 'gobind_module', 'gen', '--pep8-names', '--dir', NAMES, '-o', tmp_path,
         'example.com/names'])
    assert 'def md5_sum(data: bytes) -> str:' in (tmp_path / 'names.pyi').read_text()
    plain = run([sys.executable, '-m', 'gobind_module', 'inspect', '--dir', NAMES, 'example.com/names']).stdout
    assert '  SayHi(userName: str) -> str' in plain.splitlines() and 'renamed (Go name -> Python name): 10' in plain


def test_load_takes_pep8_names(tmp_path, cold_cache):
    code = ('import gobind_module\n'
            'm = gobind_module.load("example.com/names", dir=%r, pep8_names=True)\n'
            'print(m.say_hi("load"), m.MAX_SIZE, m.new_http_server("x", 1).listen_addr)\n'
            'p = gobind_module.load("example.com/names", dir=%r, name="names_plain")\n'
            'print(p.SayHi("plain"), hasattr(p, "say_hi"))\n') % (NAMES, NAMES)
    env = dict(os.environ, PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ['PATH'], **cold_cache)
    proc = subprocess.run([sys.executable, '-c', code], cwd=str(tmp_path), env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, universal_newlines=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.splitlines() == ['hi load 1024 x', 'hi plain False']


def test_cmake_takes_pep8_names(tmp_path):
    """gobind_add_extension(... PEP8_NAMES) builds test_projects/names with the snake_case names."""
    if shutil.which('cmake') is None:
        pytest.skip('cmake is not on PATH')
    src = tmp_path / 'src'
    src.mkdir()
    (src / 'CMakeLists.txt').write_text(
        'cmake_minimum_required(VERSION 3.18)\nproject(names_cmake LANGUAGES C)\n'
        'find_package(gobind CONFIG REQUIRED)\n'
        'gobind_add_extension(names example.com/names DIR %s PEP8_NAMES)\n' % NAMES)
    b = CMakeBuild(src, tmp_path / 'build')
    b.configure('-DCMAKE_PREFIX_PATH=%s' % site_packages(), '-DPython3_EXECUTABLE=%s' % sys.executable)
    b.build()
    assert b.python('import names; print(names.say_hi("cmake"), names.MAX_SIZE)').stdout.strip() == 'hi cmake 1024'
