"""The Go standard library through gobind: a sample of std packages bound, built and imported (the
whole list under the slow marker), and what each generator fix the corpus needed makes visible."""

import concurrent.futures
import os
import subprocess
import sys
import textwrap

import pytest

from conftest import MesonBuild, run, tool

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import stdcorpus  # noqa: E402

#: Built through the corpus steps (gen, go build, cc); strings goes through a real Meson build below.
SAMPLE = ['bytes', 'cmp', 'reflect', 'syscall', 'net/http', 'encoding/json', 'go/constant',
          'database/sql/driver', 'unicode', 'math', 'strconv', 'errors', 'time', 'net/url', 'sort',
          'container/list', 'encoding/hex', 'hash/crc32', 'path/filepath']


@pytest.fixture(scope='module')
def sample(tmp_path_factory):
    """package -> (table row, folder of its built module) for SAMPLE, two packages at a time."""
    work = str(tmp_path_factory.mktemp('stdcorpus'))
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        rows = list(pool.map(lambda pkg: stdcorpus.bind_one(pkg, work), SAMPLE))
    return {r['package']: (r, os.path.join(work, stdcorpus.module_name(r['package']))) for r in rows}


def _python(folder: str, code: str) -> str:
    proc = subprocess.run([sys.executable, '-c', textwrap.dedent(code)], cwd=folder, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, universal_newlines=True)
    assert proc.returncode == 0, proc.stdout
    return proc.stdout


@pytest.mark.parametrize('pkg', SAMPLE)
def test_sample_package_builds_and_imports(sample, pkg):
    row, _ = sample[pkg]
    assert (row['build'], row['import']) == ('ok', 'ok'), row['error']
    assert row['bound'] > 0


def test_strings_through_meson(tmp_path):
    """gobind.extension() on std's strings: CaseRange.Delta (of unexported type unicode.d) is skipped;
    the iter.Seq[string] results of Lines and SplitSeq are Python iterators."""
    src = tmp_path / 'src'
    src.mkdir()
    (src / 'go.mod').write_text('module example.com/stdstrings\n\ngo 1.22\n')
    (src / 'meson.build').write_text("project('stdstrings', 'c')\n"
                                     "gobind = import('gobind')\n"
                                     "gobind.extension('std_strings', 'strings')\n")
    b = MesonBuild(src, tmp_path / 'build')
    b.setup()
    b.ninja()
    out = b.python('import std_strings as s\n'
                   'print(s.ToUpper("gö"), list(s.Fields(" a b ")), s.NewReplacer("a", "b").Replace("aa"))\n'
                   'print(sorted(n for n in dir(s.unicode.CaseRange) if not n.startswith("_")))\n'
                   'print([line for line in s.Lines("a\\nb\\n")], list(s.SplitSeq("x,y", ",")))\n').stdout
    assert out.splitlines() == ["GÖ ['a', 'b'] bb", "['Hi', 'Lo']", "['a\\n', 'b\\n'] ['x', 'y']"]


def _inspect(pkg: str) -> str:
    return run([tool('gobind'), 'inspect', pkg]).stdout


def test_inspect_counts_and_explains_skips():
    out = _inspect('cmp')
    lines = out.splitlines()
    start = lines.index(next(line for line in lines if line.startswith('skipped: ')))
    count = int(lines[start].split()[1])
    listed = [line for line in lines[start + 1:] if line.startswith('  ') and ': ' in line]
    assert count == len(listed[:count]) and count >= 4
    assert '  Ordered: cmp.Ordered is a constraint interface (it has type-set elements), usable only as a ' \
           'type parameter constraint' in lines


def test_inspect_counts_the_skips_of_submodules_and_of_other_packages():
    """The count covers the bound package, its --submodule packages (time) and the types of other
    packages it reaches (unicode); interfaces only Go values implement are listed apart."""
    lines = run([tool('gobind'), 'inspect', '--submodule', 'time=time', 'strings']).stdout.splitlines()
    start = lines.index(next(line for line in lines if line.startswith('skipped: ')))
    count = int(lines[start].split()[1])
    listed = [line.split(':')[0].strip() for line in lines[start + 1:start + 1 + count]]
    # time's channels (After, Tick, Ticker.C, Timer.C) are bound: no skip is left in time
    assert count == 1 and listed == ['unicode.CaseRange.Delta'], lines[start:]
    assert 'time.After' not in '\n'.join(lines[start:])
    assert lines[start + 1 + count].startswith('interfaces only Go values implement')


def test_interfaces_only_go_implements_are_not_skips():
    out = _inspect('go/ast').splitlines()
    go_only = out.index(next(line for line in out if line.startswith('interfaces only Go values implement')))
    assert '  Expr: Expr has unexported methods, so only Go types can implement it' in out[go_only:]
    assert not any(line.startswith('  Expr:') for line in out[:go_only])


def test_unexported_field_type_is_skipped_with_reason():
    out = _inspect('strings')
    assert '  unicode.CaseRange.Delta: field type: unicode.d is not exported by package unicode, ' \
           'so generated code cannot name it' in out.splitlines()


def test_constraint_interface_is_not_a_type(sample):
    assert 'Ordered' not in _python(sample['cmp'][1], 'import std_cmp; print(dir(std_cmp))')


def test_context_methods_of_interfaces(sample):
    """driver.Connector.Connect(ctx) is an interface method: gobind supplies the context there too."""
    out = _python(sample['database/sql/driver'][1], '''
        import inspect, std_database_sql_driver as d
        print(inspect.signature(d.Connector.Connect), inspect.signature(d.ConnBeginTx.BeginTx))
    ''')
    assert out.strip() == '(self, /) (self, /, opts)'


def test_zero_length_array(sample):
    """syscall.RawSockaddrAny's [0]uint8 padding binds, as a sequence without a buffer."""
    out = _python(sample['syscall'][1], '''
        import std_syscall as s
        a = s.Array0_uint8()
        print(len(a), list(a), isinstance(a, s.Array0_uint8))
        try:
            memoryview(a)
        except TypeError:
            print('no buffer')
        try:
            a[0]
        except IndexError as e:
            print('IndexError')
    ''')
    assert out.split() == ['0', '[]', 'True', 'no', 'buffer', 'IndexError']


@pytest.mark.parametrize('pkg,text', [('reflect', 'string'), ('go/constant', 'String')])
def test_method_and_enum_member_with_one_name(sample, pkg, text):
    """Kind.String (a constant, an enum member) and Kind.String() (a method): the method becomes String_."""
    out = _python(sample[pkg][1], '''
        import %s as m
        k = m.Kind.String
        print(k.name, k.String_(), str(k))
    ''' % stdcorpus.module_name(pkg))
    assert out.split() == ['String', text, text]
    assert '  method Kind.String is bound as String_: String is also an enum member of Kind' \
        in _inspect(pkg).splitlines()


@pytest.mark.slow
@pytest.mark.parametrize('pkg', stdcorpus.std_packages())
def test_every_std_package(tmp_path, pkg):
    row = stdcorpus.bind_one(pkg, str(tmp_path))
    assert (row['build'], row['import']) == ('ok', 'ok'), row['error']


def test_unsafe_pointer_is_skipped_with_reason():
    assert '  NewAt: parameter p: unsafe.Pointer is not supported: a raw address that Go\'s garbage ' \
           'collector cannot follow once Python holds it' in _inspect('reflect').splitlines()


def test_names_that_only_start_like_generated_ones_stay(sample):
    """syscall.PtraceRegs starts with Ptr but is no pointer class's name: it is not renamed."""
    out = _python(sample['syscall'][1], 'import std_syscall as s; print(s.PtraceRegs.__name__, hasattr(s, "PtraceRegs_"))')
    assert out.split() == ['PtraceRegs', 'False']
