"""Python 2/3 source of objects that change the container being converted while gobind converts it;
tests prepend it to the code they run against test_projects/hostile_conv."""

PRELUDE = '''
import gc, sys
import hostile_conv as h

def key(i):
    # a str made at run time, so that the container holds its only reference
    return "".join(["key", str(i), "-" * 40])

def empty(t):
    """Empties list or dict t, refills a list with other objects, and frees what t held."""
    if isinstance(t, dict):
        t.clear()
    elif t is not None:
        del t[:]
        t.extend(["junk" * 10] * 5)
    gc.collect()

class Clear(object):
    """An int whose conversion (__index__) empties target and frees what it held."""
    def __init__(self, value, target):
        self.value, self.target = value, target
    def __index__(self):
        t, self.target = self.target, None
        empty(t)
        return self.value
    __int__ = __index__
    __hash__ = object.__hash__
    def __float__(self):
        return float(self.__index__())
    def __complex__(self):
        return complex(self.__index__())

class HashClear(object):
    """A dict key whose __hash__/__eq__ empty the dict it is in."""
    def __init__(self, target):
        self.target = target
    def __hash__(self):
        if self.target is not None:
            self.target.clear()
            self.target = None
            gc.collect()
        return 7
    def __eq__(self, other):
        return self is other

class IterClear(list):
    """A list whose __iter__ empties target (the container it is in) first."""
    def __init__(self, items, target):
        list.__init__(self, items)
        self.target = target
    def __iter__(self):
        t, self.target = self.target, None
        empty(t)
        return list.__iter__(self)

def snapshot_or_runtime_error(call, want):
    """call() must give want (the values before the change) or raise RuntimeError."""
    try:
        got = call()
    except RuntimeError:
        return
    assert got == want, (got, want)
'''
