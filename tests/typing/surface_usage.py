"""A program using the generated stubs of every seed-surface test project; mypy --strict checks it."""

from __future__ import annotations

import array
import asyncio
import enum
from typing import Sequence

import aio
import callbacks
import errors
import funcs
import interfaces
import iters
import maps
import named
import pointers
import slices
import structs
import vars
import vec


def use_structs() -> float:
    p = structs.Point(X=1, Y=2)
    q: structs.Point = p.Add(structs.Point(X=3))
    p.Scale(2.0)
    who: structs.Person | None = structs.FriendOf(structs.NewPerson("Ann", 30))
    return q.X + p.Y + (0 if who is None else who.Age)


def use_slices() -> int:
    r: slices.Slice_int = slices.Range(4)
    first: int = r[0]
    tail: slices.Slice_int = r[1:]
    r[0] = 5
    total: int = slices.Sum(r) + slices.Sum([1, 2]) + slices.Sum(tail)
    words: Sequence[str] = slices.Words("a b")
    corner: slices.Point = slices.Corners()[0]
    maybe: slices.Point | None = slices.Maybe()[1]
    triple: list[int] = slices.Triple()[0:2]
    view = memoryview(slices.Linspace(0, 1, 3))
    return first + total + len(words) + int(corner.X) + (maybe is None) + sum(triple) + view.nbytes


def use_named() -> str:
    c: named.Celsius = named.Warmer(named.BodyTemperature(), 1.0)
    f: float = c.Fahrenheit() + c
    day: named.Weekday = named.Next(named.Monday)
    assert isinstance(day, enum.IntEnum)
    weekend: bool = day.IsWeekend()
    lst = named.Countdown(3)
    lst.Append(4)
    grid: named.Grid = named.Identity()
    return '%s %s %s %d %d %s' % (f, weekend, named.Name("x").Shout(), lst.Sum(), grid.Trace(), named.Toggle(True))


def use_funcs() -> int:
    lo, hi = funcs.MinMax([3, 1])
    q, r = funcs.Divmod(7, 2)
    n: int = funcs.Atoi("5")
    return lo + hi + q + r + n + funcs.Sum(1, 2, 3) + len(funcs.Concat("-", "a", "b"))


def use_vars() -> str:
    vars.Counter = 3
    count: int = vars.Bump()
    level: vars.Level = vars.Current.Louder()
    return '%d %s %s %s' % (count, vars.Greeting, level, vars.Pi + vars.MaxItems)


def use_errors() -> str:
    try:
        errors.Lookup("b")
    except errors.GoError as e:
        value = e.go_error
        return str(value)
    sentinel: errors.GoErrorValue | None = errors.ErrEmpty
    return errors.Describe(sentinel) + str(errors.Pair(True)[0])


def use_maps() -> int:
    family: maps.Ages = maps.Family()
    family["cy"] = 3
    counts = maps.Counts("a b a")
    total: int = maps.Total(counts) + maps.Total({"x": 1})
    groups = maps.Groups(["ab"])
    first: Sequence[str] = groups["a"]
    return total + len(family.Oldest()) + len(first) + sum(maps.Squares(3).values())


def use_callbacks() -> str:
    doubled: int = callbacks.Apply(lambda x: x * 2, 21)
    walked: int = callbacks.Walk(lambda i: callbacks.ErrStop if i == 3 else None)
    return callbacks.Map(["a"], str.upper) + str(doubled + walked)


def use_pointers() -> int:
    box = pointers.Ptr_int(3)
    pointers.Inc(box)
    pointers.Inc(5)
    found = pointers.Find(["go"], "g")
    return box.value + (0 if found is None else len(found.value))


class Hexagon:
    """A Python implementation of interfaces.Shape, checked structurally."""

    def Area(self) -> float:
        return 6.0

    def Name(self) -> str:
        return "hexagon"


class Sub(interfaces.Shape):
    def Area(self) -> float:
        return 1.0

    def Name(self) -> str:
        return "sub"


def use_interfaces() -> str:
    shape: interfaces.Shape | None = interfaces.NewShape("triangle", 2)
    area = 0.0 if shape is None else shape.Area()
    text = interfaces.Describe(Hexagon()) + interfaces.Describe(Sub()) + interfaces.Describe(interfaces.Circle(R=1))
    back: object = interfaces.Echo([1, "a", {"k": None}])
    return text + interfaces.Kind(back) + str(area) + str(interfaces.TotalArea([Hexagon(), None], 1))


def use_iters() -> int:
    total = sum(iters.Count(3)) + iters.Sum(x * 2 for x in range(3))
    words: list[str] = list(iters.Words("a b"))
    pairs: dict[str, int] = dict(iters.Lengths("a bb"))
    points = [p.X for p in iters.Diagonal(2)]
    return total + len(words) + pairs["bb"] + sum(points) + len(iters.Pairs(pairs.items()))


def use_vec() -> float:
    twice: memoryview = vec.vec.Add(array.array("q", [1, 2]), 3)
    half = vec.vec.Half(memoryview(array.array("f", [1.0])), workers=1)
    return float(twice[0]) + float(half[0])


async def use_aio() -> str:
    text, n = await aio.aio.Upper("go")
    point: aio.Point = await aio.aio.Origin(1, 2)
    seconds: float = await aio.aio.Sleep(0.0)
    ch = aio.Count(3)
    assert ch is not None
    first: int = await ch.arecv()
    rest = [v async for v in ch]
    await aio.Chan_int(1).asend(n)
    return text + str(point.X + seconds + first + sum(rest)) + str(await aio.aio.call(aio.Sum, 1, 2))


def run_aio() -> str:
    return asyncio.run(use_aio())
