"""mypy --strict checks this program against the stub of test_projects/generics (tests/test_generics.py)."""

import generics as m

big: int = m.Max[int](3, 4)
big_f: float = m.Max[float](1.5, 2.0)
named: int = m.Max["int"](1, 2)
low: str = m.Min[str]("a", "b")
total: int = m.Sum[int]([1, 2])
s: m.Stack_int = m.Stack[int]()
s.Push(3)
top: tuple[int, bool] = s.Pop()
p = m.Pair[str, int](Key="a", Value=1)
swapped: m.Pair_int_string = p.Swap()
box = m.Box[m.Point](Value=m.Point(X=1, Y=2))
anything = m.Max(1, 2)
