"""Every function the generated Go exports to C recovers Go panics (into GoPanic): a panic that
escapes a cgo export ends the process.  Reads the exports of every golden Go file and of the
support Go code."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GO_FILES = sorted(ROOT.glob('tests/golden/**/*.go')) + sorted(ROOT.glob('templates/go/*.go.inc'))

#: The comment that the inspector's panic-free proof puts on an export instead of the recover.
PROVEN = '// no recover: the inspector proved that this call cannot panic'
RECOVER = re.compile(r'defer gobindRecover\w*\(')
EXPORT = re.compile(r'^//export (\w+)\n', re.M)


def exports(text: str):
    """(name, doc comment, first statement of the body, body) of each //export function."""
    for m in EXPORT.finditer(text):
        name = m.group(1)
        doc_start = text.rfind('\n\n', 0, m.start()) + 2
        decl = re.compile(r'^func %s\([^{]*\{\n' % re.escape(name), re.M).match(text, m.end())  # params may wrap
        assert decl, 'no func %s right after its //export line' % name
        end = text.find('\n}\n', decl.end())
        assert end > 0, 'no end of func %s' % name
        body = text[decl.end():end + 1]
        statements = [line.strip() for line in body.splitlines() if line.strip()]
        first = next((s for s in statements if not s.startswith('//')), '')
        yield name, text[doc_start:m.start()], first, body


def test_the_go_files_are_there():
    assert len([f for f in GO_FILES if f.suffix == '.go']) >= 10, GO_FILES


@pytest.mark.parametrize('path', GO_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_export_recovers(path):
    missing = []
    for name, doc, first, body in exports(path.read_text()):
        if PROVEN in doc or PROVEN in body:
            continue
        if not RECOVER.match(first):
            missing.append('%s (first statement: %s)' % (name, first))
    assert not missing, '%s: exports that do not defer gobindRecover first:\n  %s' % (
        path.relative_to(ROOT), '\n  '.join(missing))


def test_the_check_sees_a_missing_recover():
    """The parser finds an export without the recover, and accepts the proof comment."""
    text = ('//export a\nfunc a(x C.int) C.int {\n\treturn x\n}\n\n'
            '// b is proven.\n' + PROVEN + '\n//\n//export b\nfunc b() {\n}\n\n'
            '//export c\nfunc c(msg *C.gobind_buf) (status C.int) {\n\tdefer gobindRecover(&status, msg)\n'
            '\treturn 0\n}\n')
    found = {name: (PROVEN in doc or PROVEN in body, bool(RECOVER.match(first)))
             for name, doc, first, body in exports(text)}
    assert found == {'a': (False, False), 'b': (True, False), 'c': (False, True)}, found
