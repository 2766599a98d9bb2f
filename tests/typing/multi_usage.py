"""A program using the modules of test_projects/multi (shapes, and its peer modules paint and
tally, each with its own stub); mypy --strict checks it, and mypy must reject the mistakes below."""

from __future__ import annotations

import paint
import shapes
import tally


def use_peers() -> str:
    corner: shapes.Point = paint.Corner(2.0)
    brush = paint.NewBrush("red")
    assert brush is not None
    dot: str = brush.Dot(corner.Moved(1.0, 0.0))
    dry: shapes.time.Duration = paint.Dry(3)
    count: int = tally.Add() + shapes.Bump() + paint.Bump()
    try:
        paint.Mix("red", "blue")
    except paint.GoError as e:
        dot += str(e)
    return "%s %s %d %s" % (dot, dry, count, shapes.Describe(corner))
