"""Go never stores a pointer into a pointer-typed field of C memory: the compiler puts such a store
through the GC's write barrier, which reads the field's old value as a Go pointer, and C memory
that C did not initialise may hold bytes that look like a freed Go heap address ("found bad
pointer in Go heap", a rare crash under load).  Checks the Go support code and every golden file."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GO_FILES = sorted(ROOT.glob('tests/golden/**/*.go')) + sorted(ROOT.glob('templates/go/*.go.inc'))

#: Pointer-typed fields of the C structs Go fills (templates/c/abi_types.h): gobind_buf.p and .obj,
#: gobind_view.p.  A store to one of them through a C pointer is `x.p = ...` or `x.obj = ...`.
STORE = re.compile(r'^\s*[\w.\[\]()*]+\.(p|obj)\s*=[^=]', re.M)


@pytest.mark.parametrize('path', GO_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_pointer_field_store_into_c_memory(path):
    stores = [m.group(0).strip() for m in STORE.finditer(path.read_text())]
    assert not stores, '%s stores into a pointer field of C memory: %s' % (path.relative_to(ROOT), stores)


def test_the_check_sees_such_a_store():
    text = '\tdst.p = &dst.small[0]\n\t*(*uintptr)(unsafe.Pointer(&dst.p)) = 1\n\tif dst.p == nil {\n'
    assert [m.group(1) for m in STORE.finditer(text)] == ['p']
