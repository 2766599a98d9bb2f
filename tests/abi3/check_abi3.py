# Imports test_projects/abi3 (built in the current folder or on sys.path) and uses one class of each kind; prints ok.
import sys, gc, inspect
import abi3 as m
p = m.Point(X=3, Y=4)
assert p.Norm() == 5.0 and str(p) == '(3, 4)', (p.Norm(), str(p))
assert isinstance(p, m.Point)
xs = m.Linspace(0, 1, 5)
assert list(xs) == [0, 0.25, 0.5, 0.75, 1.0]
if sys.version_info[0] >= 3:
    mv = memoryview(xs)
    assert mv.format == 'd' and mv.tolist() == [0, 0.25, 0.5, 0.75, 1.0]
    mv[0] = 9.0
    mv.release()
    assert xs[0] == 9.0
assert m.Sum(xs) == sum(list(xs))
c = m.Corners()
assert len(c) == 4 and c[2].X == 1 and c[1:3][0].X == 1
d = m.Counts(['a', 'b', 'a'])
assert dict(d) == {'a': 2, 'b': 1} and d['a'] == 2 and len(d) == 2
assert m.Red.Next() == m.Green and int(m.Blue) == 2
t = m.Celsius(100)
assert t.Fahrenheit() == 212.0 and isinstance(t, float)
assert m.Name('go').Shout() == 'go!'
sq = m.NewSquare(3)
assert m.AreaOf(sq) == 9.0 and type(sq).__name__ == "Square"
class Tri(m.Shape):
    def Area(self):
        return 1.5
assert m.AreaOf(Tri()) == 1.5
try:
    m.Fail(True)
except m.GoError as e:
    assert 'bad input' in str(e)
else:
    raise AssertionError('no GoError')
assert m.Echo([1, 'x']) == [1, 'x']
assert m.Adder(2)(40) == 42
assert list(m.Count(3)) == [0, 1, 2]
m.Counter = 7
assert m.Counter == 7
for cls in (m.Point, m.GoErrorValue):
    try:
        cls.extra = 1
    except TypeError:
        pass
    else:
        assert sys.version_info < (3, 10), 'class is mutable'
try:
    m.GoErrorValue()
except TypeError:
    pass
else:
    raise AssertionError('GoErrorValue() made an instance')
if sys.version_info[0] >= 3 and not m.__file__.endswith('.abi3.so'):
    assert str(inspect.signature(m.Point)).startswith('('), inspect.signature(m.Point)
# classes that behave like Python's (issue 16): positional arguments, subclasses, copies, ==,
# pickle (weak references to struct objects), slices that grow
import copy, pickle, weakref
class Sub(m.Point):
    pass
p = Sub(3, 4)
p.tag = 1
assert p.Norm() == 5.0 and p == m.Point(3, 4) and copy.deepcopy(p).tag == 1 and weakref.ref(p)() is p
q = pickle.loads(pickle.dumps([m.Point(1, 2), m.Corners(), m.Counts(["a"])], 2))
assert q[0] == m.Point(1, 2) and q[1][2] == m.Point(1, 1) and dict(q[2]) == {"a": 1}
xs = m.Linspace(0, 1, 3)
xs.append(2.0); xs += [3.0]; del xs[0]
assert list(xs) == [0.5, 1.0, 2.0, 3.0] and m.Sum(xs) == 6.5
del p, q, xs
gc.collect()
before = m._gobind_handles()
for i in range(200):
    m.Point(X=i, Y=i).Norm(); list(m.Linspace(0, 1, 3)); m.Count(2); m.Adder(1)
gc.collect()
assert m._gobind_handles() == before, (m._gobind_handles(), before)
print('ok %s %s' % (sys.version.split()[0], m.__file__.rsplit('/', 1)[-1]))
