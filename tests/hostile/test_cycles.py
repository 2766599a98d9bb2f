"""Cycles through Go (test_projects/lifetimes): a Go value that holds a Python object (a stored
callback, a Python object implementing a Go interface) which holds the Go value back is not seen
by either garbage collector.  docs/runtime.md ("Cycles between Go and Python") shows two ways to
break such a cycle; these tests prove that each frees all 200 objects of a loop."""

COUNT = 200

# Drops what Go no longer uses: Python's collector, then Go's (whose finalizers hand references
# back to Python from another thread, taking the GIL, which the sleep gives up), until the
# weak references in refs are dead or 10 s have passed; returns how many are still alive.
SETTLE = '\n'.join([
    'import gc, time, weakref, lifetimes as m',
    'def alive(refs):\n'
    '    deadline = time.time() + 10\n'
    '    while True:\n'
    '        gc.collect()\n'
    '        m.CollectGarbage()\n'
    '        time.sleep(0.01)\n'
    '        n = sum(r() is not None for r in refs)\n'
    '        if n == 0 or time.time() > deadline:\n'
    '            return n',
    'before = m._gobind_handles()',
])


def test_stored_callback_freed_after_store_none(surface):
    surface('lifetimes', SETTLE + '\n' + '\n'.join([
        'refs = []',
        'for i in range(%d):\n'
        '    k = m.NewKeeper()\n'
        '    k.Name = "k%%d" %% i\n'
        '    f = lambda k=k: k.Name\n'          # the callable holds the Go value: a cycle
        '    k.Store(f)\n'
        '    assert k.Call() == "k%%d" %% i\n'
        '    refs.append(weakref.ref(f))\n'
        '    k.Store(None)' % COUNT,             # the documented way: Go drops its reference
        'del k, f',
        'assert alive(refs) == 0, alive(refs)',
        'assert m._gobind_handles() == before, (m._gobind_handles(), before)',
    ]))


def test_stored_callback_through_a_weak_reference_is_freed(surface):
    surface('lifetimes', SETTLE + '\n' + '\n'.join([
        'class Owner(object):\n'
        '    def __init__(self, name):\n'
        '        self.keeper = m.NewKeeper()\n'
        '        self.name = name\n'
        '        me = weakref.ref(self)\n'         # the documented way: no strong reference back
        '        self.keeper.Store(lambda: me().name if me() is not None else "")',
        'refs = []',
        'for i in range(%d):\n'
        '    o = Owner("o%%d" %% i)\n'
        '    assert o.keeper.Call() == "o%%d" %% i\n'
        '    refs.append(weakref.ref(o))' % COUNT,
        'del o',
        'assert alive(refs) == 0, alive(refs)',
        'assert m._gobind_handles() == before, (m._gobind_handles(), before)',
    ]))


def test_python_interface_value_freed_after_field_cleared(surface):
    surface('lifetimes', SETTLE + '\n' + '\n'.join([
        'class Item(object):\n'
        '    def __init__(self, holder):\n'
        '        self.holder = holder\n'              # holds the Go value that holds it: a cycle
        '    def Name(self):\n'
        '        return "item"',
        'refs = []',
        'for i in range(%d):\n'
        '    h = m.Holder()\n'
        '    item = Item(h)\n'
        '    h.Item = item\n'
        '    assert h.ItemName() == "item"\n'
        '    refs.append(weakref.ref(item))\n'
        '    h.Item = None' % COUNT,               # the documented way: Go drops its reference
        'del h, item',
        'assert alive(refs) == 0, alive(refs)',
        'assert m._gobind_handles() == before, (m._gobind_handles(), before)',
    ]))
