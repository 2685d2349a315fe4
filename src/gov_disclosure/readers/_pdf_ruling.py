"""Ruled tables from a page's drawn lines: the cells that horizontal and vertical rules enclose.

The PDF engine gives the straight, axis-parallel segments of every drawn path (lines, the four sides of rectangles,
the sides of polylines). A table is found from them as pdfplumber's ``lines`` strategy finds it, step for step, so
that both engines see the same cells:

1. segments shorter than 1 pt along their direction are dropped;
2. segments within 3 pt of one another across their direction are snapped to their mean position, and collinear
   segments less than 3 pt apart are joined; what is then shorter than 3 pt is dropped;
3. an intersection is where a vertical and a horizontal rule cross or meet (3 pt tolerance);
4. a cell is the smallest rectangle whose four corners are intersections joined by rules;
5. cells sharing a corner make one table; a lone cell is no table.

>>> rules = [Rule("h", 10, 0, 100), Rule("h", 30, 0, 100), Rule("h", 50, 0, 100)]
>>> rules += [Rule("v", 0, 10, 50), Rule("v", 40, 10, 50), Rule("v", 100, 10, 50)]
>>> [table.cells for table in ruled_tables(rules)]
[((0.0, 10.0, 40.0, 30.0), (0.0, 30.0, 40.0, 50.0), (40.0, 10.0, 100.0, 30.0), (40.0, 30.0, 100.0, 50.0))]
"""

from __future__ import annotations

import bisect
import itertools
from collections import defaultdict
from collections.abc import Iterable, Sequence

from attrs import frozen

__all__ = ["Rule", "RuledTable", "ruled_tables"]

_SNAP = 3.0
_JOIN = 3.0
_MIN_LENGTH_BEFORE = 1.0
_MIN_LENGTH = 3.0
_INTERSECTION = 3.0

Box = tuple[float, float, float, float]
"""``(x0, top, x1, bottom)`` in page coordinates (top down)."""


@frozen
class Rule:
    """A drawn segment: ``"h"`` at *position* = top from *start* to *end* (x), or ``"v"`` at *position* = x from
    *start* to *end* (top down)."""

    orientation: str
    position: float
    start: float
    end: float

    @property
    def length(self) -> float:
        """Its extent along its direction."""
        return self.end - self.start


@frozen
class RuledTable:
    """The cells of one table, in the order they were found, and the box around them."""

    cells: tuple[Box, ...]

    @property
    def bbox(self) -> Box:
        """The box around every cell."""
        return (
            min(c[0] for c in self.cells),
            min(c[1] for c in self.cells),
            max(c[2] for c in self.cells),
            max(c[3] for c in self.cells),
        )


def ruled_tables(rules: Iterable[Rule]) -> list[RuledTable]:
    """The tables the *rules* enclose, top to bottom (ties left to right)."""
    merged = [r for r in _merge([r for r in rules if r.length >= _MIN_LENGTH_BEFORE]) if r.length >= _MIN_LENGTH]
    return [RuledTable(tuple(cells)) for cells in _tables(_cells(_intersections(merged)))]


def _merge(rules: Sequence[Rule]) -> list[Rule]:
    snapped = [r for orientation in ("v", "h") for r in _snap([r for r in rules if r.orientation == orientation])]
    snapped.sort(key=lambda r: (r.orientation, r.position))
    out: list[Rule] = []
    for _, group in itertools.groupby(snapped, key=lambda r: (r.orientation, r.position)):
        out.extend(_join(list(group)))
    return out


def _snap(rules: Sequence[Rule]) -> list[Rule]:
    """Rules within :data:`_SNAP` of one another (chained) moved to the mean of their positions."""
    positions = sorted({r.position for r in rules})
    cluster_of: dict[float, int] = {}
    cluster = -1
    last: float | None = None
    for value in positions:
        if last is None or value > last + _SNAP:
            cluster += 1
        cluster_of[value] = cluster
        last = value
    members: dict[int, list[Rule]] = defaultdict(list)
    for rule in rules:
        members[cluster_of[rule.position]].append(rule)
    out: list[Rule] = []
    for index in sorted(members):
        group = members[index]
        mean = sum(r.position for r in group) / len(group)
        out.extend(Rule(r.orientation, mean, r.start, r.end) for r in group)
    return out


def _join(rules: list[Rule]) -> list[Rule]:
    """Collinear rules less than :data:`_JOIN` apart joined into one."""
    ordered = sorted(rules, key=lambda r: r.start)
    joined = [ordered[0]]
    for rule in ordered[1:]:
        last = joined[-1]
        if rule.start <= last.end + _JOIN:
            if rule.end > last.end:
                joined[-1] = Rule(last.orientation, last.position, last.start, rule.end)
        else:
            joined.append(rule)
    return joined


_Point = tuple[float, float]
_Through = dict[_Point, tuple[set[int], set[int]]]
"""Each intersection, with the rules through it (vertical, horizontal)."""


def _intersections(rules: Sequence[Rule]) -> _Through:
    """Every crossing of a vertical and a horizontal rule, with the rules through it (vertical, horizontal), each
    rule named by its index among the rules of its orientation."""
    verticals = [(r.position, r.start, r.end) for r in rules if r.orientation == "v"]
    horizontals = [(r.position, r.start, r.end) for r in rules if r.orientation == "h"]
    points: dict[_Point, tuple[set[int], set[int]]] = {}
    for v, (x, top, bottom) in enumerate(verticals):
        for h, (y, left, right) in enumerate(horizontals):
            if (
                top <= y + _INTERSECTION
                and bottom >= y - _INTERSECTION
                and left - _INTERSECTION <= x <= right + _INTERSECTION
            ):
                through = points.setdefault((x, y), (set(), set()))
                through[0].add(v)
                through[1].add(h)
    return points


def _cells(points: _Through) -> list[Box]:
    """For each intersection (left to right, top to bottom), the smallest cell it is the top-left corner of."""
    ordered = sorted(points)
    column: dict[float, list[float]] = defaultdict(list)  # each column's intersections, top down
    row: dict[float, list[float]] = defaultdict(list)  # each row's, left to right
    for x, y in ordered:
        column[x].append(y)
    for x, y in sorted(ordered, key=lambda p: (p[1], p[0])):
        row[y].append(x)
    cells: list[Box] = []
    for x, y in ordered:
        cell = _cell_at(x, y, points, column[x], row[y])
        if cell is not None:
            cells.append(cell)
    return cells


def _cell_at(x: float, y: float, points: _Through, column: list[float], row: list[float]) -> Box | None:
    """The smallest cell whose top-left corner is the intersection (*x*, *y*): the first bottom-left corner below it
    (in its *column*) joined to it by a vertical rule, and the first top-right corner right of it (in its *row*)
    joined to it by a horizontal rule, whose bottom-right corner is an intersection joined to both by rules."""
    verticals, horizontals = points[x, y]
    for down in column[bisect.bisect_right(column, y) :]:
        below = points[x, down]
        if not verticals & below[0]:
            continue
        for across in row[bisect.bisect_right(row, x) :]:
            right = points[across, y]
            if not horizontals & right[1]:
                continue
            corner = points.get((across, down))
            if corner is not None and corner[0] & right[0] and corner[1] & below[1]:
                return (x, y, across, down)
    return None


def _tables(cells: list[Box]) -> list[list[Box]]:
    """Cells grouped into tables by shared corners; tables of one cell dropped, top-left first."""
    remaining = list(cells)
    tables: list[list[Box]] = []
    current: list[Box] = []
    corners: set[_Point] = set()
    while remaining:
        before = len(current)
        for cell in list(remaining):
            cell_corners = {(cell[0], cell[1]), (cell[0], cell[3]), (cell[2], cell[1]), (cell[2], cell[3])}
            if not current or corners & cell_corners:
                corners |= cell_corners
                current.append(cell)
                remaining.remove(cell)
        if len(current) == before:
            tables.append(current)
            current, corners = [], set()
    if current:
        tables.append(current)
    tables.sort(key=lambda t: min((c[1], c[0]) for c in t))
    return [t for t in tables if len(t) > 1]
