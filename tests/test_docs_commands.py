"""The commands in docs/ are run as written.

Each ```sh and ```python block of a page runs, in page order, in one bash session inside a
scratch folder that holds what the page assumes (the hello Go module, a gobind checkout, ...).
Placeholders such as /path/to/gobind-checkout are replaced by real paths; nothing else of
the command changes.  An HTML comment just before a block can say:

- `<!-- docs-test: cwd=hello -->`: run the block from that folder of the scratch folder;
- `<!-- docs-test: mirrored by tests/test_x.py::test_y -->`: another test runs this command
  (it needs the network, a cross toolchain, ...); this file checks that the test exists.

Blocks in other languages (meson, cmake, toml, output) are not run here; the test projects
hold the same files, and the recipe in meson.md is built by test_plain_recipe_builds.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, TEST_PROJECTS, bindir, pyenv_python

DOCS = ROOT / 'docs'
FENCE = re.compile(r'^( *)```(\w*)\s*$')
MARK = re.compile(r'^\s*<!-- docs-test: (.*?) -->\s*$')


class Block:
    """One fenced code block of a page."""

    def __init__(self, lang: str, text: str, line: int, marks: list):
        self.lang, self.text, self.line, self.marks = lang, text, line, marks

    def mark(self, key: str):
        for m in self.marks:
            if m.startswith(key):
                return m[len(key):].strip()
        return None


def blocks(page: str) -> list:
    """The fenced blocks of docs/<page>, with the docs-test marks on the lines just before each."""
    lines = (DOCS / page).read_text().splitlines()
    out, i = [], 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        indent, lang, start = len(m.group(1)), m.group(2), i
        body = []
        i += 1
        while i < len(lines) and not FENCE.match(lines[i]):
            body.append(lines[i][indent:])
            i += 1
        marks, j = [], start - 1
        while j >= 0 and MARK.match(lines[j]):
            marks.insert(0, MARK.match(lines[j]).group(1))
            j -= 1
        out.append(Block(lang, '\n'.join(body) + '\n', start + 1, marks))
        i += 1
    return out


def test_mirrored_blocks_name_existing_tests():
    """Every 'mirrored by' mark names a test function that exists."""
    for page in sorted(p.name for p in DOCS.glob('*.md')):
        for b in blocks(page):
            ref = b.mark('mirrored by')
            if ref is None:
                continue
            path, _, name = ref.partition('::')
            name = name.split('[')[0]
            assert (ROOT / path).is_file(), '%s:%d names %s' % (page, b.line, ref)
            assert re.search(r'^def %s\(' % re.escape(name), (ROOT / path).read_text(), re.M), \
                '%s:%d names %s, which does not exist' % (page, b.line, ref)


def run_page(page: str, work: Path, subs: dict = None, env: dict = None) -> str:
    """Runs the page's sh and python blocks in one bash session in work; returns the output."""
    script = ['set -euo pipefail']
    ran = 0
    for b in blocks(page):
        if b.lang not in ('sh', 'python') or b.mark('mirrored by') is not None:
            continue
        text = b.text
        for old, new in (subs or {}).items():
            text = text.replace(old, new)
        script.append('echo "### %s:%d"' % (page, b.line))
        script.append('cd %s' % shlex_quote(str(work / (b.mark('cwd=') or '.'))))
        if b.lang == 'python':
            script.append("python - <<'GOBIND_DOCS_EOF'\n%sGOBIND_DOCS_EOF" % text)
        else:
            script.append(text)
        ran += 1
    assert ran, 'no block of %s runs' % page
    full_env = dict(os.environ)
    full_env['PATH'] = bindir() + os.pathsep + full_env.get('PATH', '')
    full_env.pop('VIRTUAL_ENV', None)
    full_env.update(env or {})
    proc = subprocess.run(['bash', '-c', '\n'.join(script)], cwd=str(work), env=full_env,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True)
    assert proc.returncode == 0, 'a command of docs/%s failed:\n%s' % (page, proc.stdout[-6000:])
    return proc.stdout


def shlex_quote(s: str) -> str:
    return "'%s'" % s.replace("'", "'\\''")


def section(out: str, page: str, line: int) -> str:
    """The output of the block starting at page:line."""
    part = out.split('### %s:%d\n' % (page, line), 1)[1]
    return part.split('### ', 1)[0]


def block_at(page: str, first_line: str) -> Block:
    (b,) = [b for b in blocks(page) if b.text.startswith(first_line)]
    return b


@pytest.fixture
def cache(tmp_path):
    return {'GOBIND_CACHE_DIR': str(tmp_path / 'gobind-cache')}


def copy_checkout(dest: Path) -> Path:
    """This checkout without VCS data, venvs and build folders."""
    from test_cmake import _checkout_ignore
    shutil.copytree(str(ROOT), str(dest), ignore=_checkout_ignore)
    return dest


# ---------------------------------------------------------------------------------------
# pages


@pytest.mark.slow
def test_getting_started(tmp_path, cache):
    """docs/getting-started.md from the top: venv, install gobind, Meson, bind/gen/inspect, load(), Python 2.7."""
    py27 = pyenv_python('2.7')
    if py27 is None:
        pytest.skip('no Python 2.7 under pyenv (the page builds hello for it)')
    checkout = copy_checkout(tmp_path / 'gobind-checkout')
    shutil.copytree(str(TEST_PROJECTS / 'hello'), str(tmp_path / 'hello'),
                    ignore=shutil.ignore_patterns('build*'))
    # The page's Go files are the ones of test_projects/hello.
    go_blocks = [b.text for b in blocks('getting-started.md') if b.lang == 'go']
    assert go_blocks == [(TEST_PROJECTS / 'hello' / 'hello.go').read_text()]
    out = run_page('getting-started.md', tmp_path, subs={
        '/path/to/gobind-checkout': str(checkout),
        '/path/to/python2.7': py27,
        'dir="path/to/hello"': 'dir="hello"',
    }, env=dict(cache, PATH=os.path.dirname(py27) + os.pathsep + os.environ['PATH']))
    assert 'hello "advent-2015" from Go' in section(out, 'getting-started.md', block_at('getting-started.md', 'cd build').line)
    assert (tmp_path / 'hello' / 'OUTDIR' / 'hello_gobind.c').is_file()
    assert 'Hello(name: str) -> str' in out
    assert list((tmp_path / '.venv').glob('lib/python*/site-packages/hello*.so'))
    assert (checkout / 'test_projects' / 'hello' / 'build' / 'hello.so').is_file()


def test_meson_without_the_hook(tmp_path, cache):
    """docs/meson.md: install gobind without gobind.pth, then build the plain recipe of the page."""
    checkout = copy_checkout(tmp_path / 'gobind-checkout')
    venv = tmp_path / 'venv'
    subprocess.run([sys.executable, '-m', 'venv', str(venv)], check=True)
    run_page('meson.md', tmp_path, subs={'/path/to/gobind-checkout': str(checkout)},
             env=dict(cache, PATH=str(venv / 'bin') + os.pathsep + os.environ['PATH'], VIRTUAL_ENV=str(venv)))
    assert not list(venv.glob('lib/python*/site-packages/gobind.pth'))
    assert list(venv.glob('lib/python*/site-packages/gobind_module/build/meson_plugin.py'))
    # The recipe, in a copy of the hello module, built with that venv's meson.
    src = tmp_path / 'hello'
    shutil.copytree(str(TEST_PROJECTS / 'hello'), str(src), ignore=shutil.ignore_patterns('build*', 'meson*'))
    recipe = [b for b in blocks('meson.md') if b.lang == 'meson' and b.text.startswith("project('hello'")]
    assert len(recipe) == 1
    (src / 'meson.build').write_text(recipe[0].text)
    env = dict(os.environ, PATH=str(venv / 'bin') + os.pathsep + os.environ['PATH'], **cache)
    for cmd in (['meson', 'setup', 'build'], ['ninja', '-C', 'build']):
        proc = subprocess.run(cmd, cwd=str(src), env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              universal_newlines=True)
        assert proc.returncode == 0, proc.stdout
    proc = subprocess.run([str(venv / 'bin' / 'python'), '-c', 'import hello; print(hello.Hello("recipe"))'],
                          cwd=str(src / 'build'), stdout=subprocess.PIPE, universal_newlines=True)
    assert proc.stdout.strip() == 'hello "recipe" from Go'


def _recipe_lines(code):
    """Lines of Meson code without comments and indentation (continuation lines align under the variable)."""
    return [' '.join(line.split()) for line in code.splitlines() if line and not line.lstrip().startswith('#')]


def test_template_and_recipe_agree():
    """The plain recipe in meson.md is templates/extension.meson.j2 with the prefix hello_, after the
    `hello_in` dict that the plugin fills from the options (checked against options.py here)."""
    from mesonbuild import mparser
    from gobind_module.build.options import Options
    from gobind_module.emit.render import render_template
    body = _recipe_lines(render_template('extension.meson.j2', v='hello_', name='hello',
                                         package='github.com/me/hello', peers=False,
                                         limited_api=False))
    (recipe,) = [b for b in blocks('meson.md') if b.lang == 'meson' and b.text.startswith("project('hello'")]
    doc = _recipe_lines(recipe.text)
    end = doc.index('}')
    assert doc[1] == 'hello_in = {' and doc[end + 1:] == body
    # the dict's values, with meson.current_source_dir() as '@DIR@', are what the plugin passes
    source = recipe.text.replace('meson.current_source_dir()', "'@DIR@'")
    (node,) = [n for n in mparser.Parser(source, 'meson.md').parse().lines if getattr(n, 'var_name', None)
               and getattr(n.var_name, 'value', n.var_name) == 'hello_in']
    given = {k.value: _literal(v) for k, v in node.value.args.kwargs.items()}
    options = Options(package='github.com/me/hello', dir='@DIR@', name='hello')
    assert given == {'python': [], 'gobind_python': 'python3', 'gen_args': options.gen_args(),
                     'go_build_args': options.go_build_args(), 'install': True, 'subdir': '', 'peers_commit': []}


def _literal(node):
    """The value of a Meson literal: strings (also joined by +), bools and arrays."""
    kind = type(node).__name__
    if kind == 'ArrayNode':
        return [_literal(a) for a in node.args.arguments]
    if kind == 'BooleanNode':
        return node.value
    if kind == 'ArithmeticNode':
        return _literal(node.left) + _literal(node.right)
    assert kind == 'StringNode', kind
    return node.value


def test_peer_template_and_recipe_agree():
    """The peer-module target in meson.md is templates/peer.meson.j2 with the hello and paint values."""
    from gobind_module.emit.render import render_template
    body = _recipe_lines(render_template('peer.meson.j2', v='hello_', peer_var='paint_peer', name='paint',
                                         package='example.com/multi/paint', holder='hello'))
    (recipe,) = [b for b in blocks('meson.md') if b.lang == 'meson' and b.text.startswith('paint_peer_src =')]
    assert _recipe_lines(recipe.text) == body


def test_distro(tmp_path, cache):
    """docs/distro.md in a copy of test_projects/vendored, its dependency served by a local module proxy."""
    from test_distro import GREETING_MODULE, VENDORED, publish_module
    src = tmp_path / 'vendored'
    shutil.copytree(str(VENDORED), str(src))
    proxy = tmp_path / 'proxy'
    publish_module(GREETING_MODULE, proxy, 'example.com/greeting', 'v0.1.0')
    env = dict(cache, GOPROXY=proxy.as_uri(), GOSUMDB='off', GOMODCACHE=str(tmp_path / 'modcache'))
    run_page('distro.md', src, env=env)
    staged = sorted(p.name for p in (src / 'stage').rglob('*') if p.is_file())
    assert len(staged) == 2 and 'app.pyi' in staged, staged
    assert (src / 'vendor' / 'modules.txt').is_file()
    for build in ('build-flags', 'build-offline'):
        assert list((src / build).glob('app*.so')), build


#: The lines load() shows on stderr while it builds (docs/load.md).
_PROGRESS = re.compile(r'^(\[\d+/\d+\] |gobind: configuring |gobind: compiling the Go runtime)')


def _printed(out: str) -> list:
    """What a page's blocks printed, without the block markers and load()'s build progress."""
    return [line for line in out.splitlines() if not line.startswith('### ') and not _PROGRESS.match(line)]


def test_load(tmp_path, cache):
    """docs/load.md with the hello module in ./hello and a broken copy in ./broken."""
    shutil.copytree(str(TEST_PROJECTS / 'hello'), str(tmp_path / 'hello'), ignore=shutil.ignore_patterns('build*'))
    shutil.copytree(str(TEST_PROJECTS / 'hello'), str(tmp_path / 'broken'), ignore=shutil.ignore_patterns('build*'))
    with open(str(tmp_path / 'broken' / 'hello.go'), 'a') as f:
        f.write('\nfunc Broken() int { return "not an int" }\n')
    out = run_page('load.md', tmp_path, env=cache)
    assert 'gobind: configuring module hello of github.com/me/hello (meson setup)' in out.splitlines(), out
    lines = _printed(out)
    assert lines[0] == 'hello "prompt" from Go'
    assert lines[1] == 'greeter hello "dir" from Go'
    table = (DOCS / 'load.md').read_text()
    assert lines[2].startswith('gobind: cannot load package "github.com/me/hello": ./hello.go:') and lines[2] in table, lines


def test_concurrency(tmp_path, cache):
    """docs/concurrency.md, with test_projects/aio in ./aio."""
    shutil.copytree(str(TEST_PROJECTS / 'aio'), str(tmp_path / 'aio'), ignore=shutil.ignore_patterns('build*'))
    out = run_page('concurrency.md', tmp_path, env=cache)
    lines = _printed(out)
    assert lines[0].startswith('8 threads sleeping 0.2 s in Go: 0.') and float(lines[0].split()[-2]) < 1.2, lines
    assert lines[1:6] == ['1', '2', '3', '[]', '[0, 1, 2, 3]'], lines
    assert lines[6:8] == ['0.05', "('GO', 2)"], lines
    assert lines[8].startswith('200 calls of 0.1 s: ') and float(lines[8].split()[-2]) < 1, lines
    assert lines[9:] == ['6', '3', '[0, 1, 2]', '[0, 10, 20]', 'EOFError: the Go channel is closed', 'timed out', '1'], lines
