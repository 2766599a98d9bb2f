"""The benchmark functions written in plain Python: the scale the Go bindings are compared with."""


class GoError(RuntimeError):
    """The error SafeDiv raises, standing in for a Go error."""


def Noop():
    """Does nothing."""


def Add(a, b):
    """Returns a+b."""
    return a + b


def Echo(s):
    """Returns s."""
    return s


def EchoBytes(b):
    """Returns b as bytes."""
    return bytes(b)


def SafeDiv(a, b):
    """Returns a // b, or raises GoError when b is zero."""
    if b == 0:
        raise GoError('divide by zero')
    return a // b


class Counter:
    """A count with a method."""

    __slots__ = ('N',)

    def __init__(self):
        self.N = 0

    def Inc(self, k):
        """Adds k and returns the new count."""
        self.N += k
        return self.N


def SumFloats(xs):
    """Returns the sum of xs, one element at a time as the Go loop does."""
    s = 0.0
    for x in xs:
        s += x
    return s


def MakeFloats(n):
    """Returns the list [0.0, 1.0, ..., n-1]."""
    return [float(i) for i in range(n)]


def CallBack(f, n):
    """Calls f(i) for i in range(n) and returns the sum."""
    s = 0
    for i in range(n):
        s += f(i)
    return s


def Spin(n):
    """Runs n rounds of the xorshift generator benchpkg.Spin runs."""
    x = 88172645463325252
    m = (1 << 64) - 1
    for _ in range(n):
        x ^= (x << 13) & m
        x ^= x >> 7
        x ^= (x << 17) & m
    return x >> 1


# The copying rows of the benchmark call the same functions under other names (in Go they differ
# only in gobind's //gobind:borrow directive).
EchoBytesCopy = EchoBytes
SumFloatsCopy = SumFloats
