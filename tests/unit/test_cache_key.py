"""The cache key covers gobind's own files: a changed template, module or inspector source gives
another key, so load() and gobind bind never serve what an older gobind built (same version or not)."""

import shutil
from pathlib import Path

import gobind_module
from gobind_module import cache


def test_a_changed_gobind_file_changes_the_digest(tmp_path):
    package = Path(gobind_module.__file__).resolve().parent
    copy = tmp_path / 'gobind_module'
    shutil.copytree(str(package), str(copy), ignore=shutil.ignore_patterns('__pycache__'))
    templates = next(d for d in (package / 'templates', package.parent / 'templates') if d.is_dir())
    if not (copy / 'templates').is_dir():
        shutil.copytree(str(templates), str(copy / 'templates'))
    first = cache.sources_digest(str(copy))
    assert cache.sources_digest(str(copy)) == first            # the same files, the same digest
    init = copy / 'templates' / 'c' / 'init.c.j2'
    init.write_text(init.read_text() + '\n')
    second = cache.sources_digest(str(copy))
    assert second != first
    (copy / 'build' / 'gobuild.py').write_text('# changed\n')
    assert cache.sources_digest(str(copy)) not in (first, second)
    go = sorted((copy / 'inspect' / 'goinspect').glob('*.go'))[0]
    before = cache.sources_digest(str(copy))
    go.write_text(go.read_text() + '\n')
    assert cache.sources_digest(str(copy)) != before


def test_the_key_holds_the_digest_of_this_gobind():
    base = cache.key('load', '.', {'package': 'example.com/x'})
    assert cache.sources_digest() and len(base) == 24
    assert cache.key('load', '.', {'package': 'example.com/y'}) != base
