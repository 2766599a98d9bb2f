"""Issue 13.13: Python reads a slice view while a goroutine shortens and regrows the Go slice;
gobind re-checks every index in Go, so reads give a value or IndexError, never a crash."""

#: Python 2/3 source: reads hd.Data in every way a sequence is read while Go changes its length.
READ_WHILE_GO_CHANGES = '\n'.join([
    'import hostile_conv as h',
    'hd = h.NewHolder(64)',
    'd = hd.Data',
    'hd.Churn()',
    'seen = 0',
    'try:',
    '    for _ in range(300):',
    '        n = len(d)',
    '        assert 0 <= n <= 64',
    '        for i in range(0, 70, 3):',
    '            try:',
    '                d[i]',
    '                seen += 1',
    '            except IndexError:',
    '                pass',
    '        try:',
    '            d[5] = 5',
    '        except IndexError:',
    '            pass',
    '        assert len(d[2:60]) <= 58',
    '        try:',
    '            assert len(d[::7]) <= 10',  # items read one by one: the length may change between
    '        except IndexError:',
    '            pass',
    '        assert len(list(d)) <= 64',
    'finally:',
    '    hd.Stop()',
    'assert len(d) == 64 and seen > 0',
])


def test_slice_view_read_while_goroutine_changes_it(surface):
    surface('hostile_conv', READ_WHILE_GO_CHANGES)
