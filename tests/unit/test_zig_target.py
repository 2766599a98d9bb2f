"""gobind-zig-cc's decisions: Zig's -target for a glibc release, and which arguments it keeps."""

from __future__ import annotations

import pytest

from gobind_module.build.zigcc import DEFAULT_GLIBC, ZigError, split_args, target


def test_default_is_manylinux2014_glibc():
    assert DEFAULT_GLIBC == '2.17'
    assert split_args(['-c', 'x.c', '-o', 'x.o']) == ('2.17', ['-c', 'x.c', '-o', 'x.o'])


def test_glibc_option_comes_first_and_is_not_passed_on():
    assert split_args(['--glibc=2.28', '--version']) == ('2.28', ['--version'])
    # anywhere else it is the compiler's argument (and Zig would reject it)
    assert split_args(['-c', '--glibc=2.28']) == ('2.17', ['-c', '--glibc=2.28'])


def test_meson_linker_level_is_dropped():
    """Zig's linker has no -O1 and would warn on every link of a release build."""
    assert split_args(['-shared', '-Wl,-O1', '-Wl,--strip-debug']) == ('2.17', ['-shared', '-Wl,--strip-debug'])


@pytest.mark.parametrize('machine, expected', [('x86_64', 'x86_64-linux-gnu.2.17'),
                                               ('aarch64', 'aarch64-linux-gnu.2.17'),
                                               ('ppc64le', 'powerpc64le-linux-gnu.2.17'),
                                               ('i686', 'x86-linux-gnu.2.17')])
def test_target_names_the_cpu_as_zig_does(machine, expected):
    assert target(machine, '2.17') == expected


def test_bad_settings_name_the_culprit():
    with pytest.raises(ZigError, match=r'--glibc=2\.x is not a glibc release such as 2\.17'):
        target('x86_64', '2.x')
    with pytest.raises(ZigError, match=r"no glibc target for the CPU 'sparc64'"):
        target('sparc64', '2.17')
