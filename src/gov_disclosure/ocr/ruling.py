"""Ruled tables in a page image: deskew, ruling lines by morphology, cells as the grid's rectangles.

Issue 17: "ruling lines found with image morphology (OpenCV …), cells as the grid's rectangles (merged cells by
missing inner lines), deskew small rotations". A scanned page is first turned level (the angle of its long
horizontal strokes, within ±2°); its ink is found by an adaptive threshold (a grey scan, a shaded row and a red
stamp leave the strokes); an opening with a long horizontal kernel keeps only horizontal rules, one with a long
vertical kernel only vertical rules. Each table is a connected set of rules; its grid lines are the clustered
positions of its rule segments, and two neighbouring grid rectangles belong to one cell when the rule between them
is missing (a merged cell: ``rowspan``/``colspan``).

Everything here works on ``numpy`` arrays and OpenCV (the ``ocr`` extra), imported by the caller.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from attrs import frozen

from gov_disclosure.readers._grid import cluster_centres

if TYPE_CHECKING:
    from numpy.typing import NDArray

    Image = NDArray[Any]

__all__ = ["GridCell", "TableGrid", "deskew", "find_tables", "ink"]

_MAX_SKEW = 2.0
"""The largest rotation (degrees) corrected: a scanner's or a phone's, not a page placed sideways."""


@frozen
class GridCell:
    """A cell of a ruled table: its first row and column in the table's grid, the rows and columns it covers, and
    its box in page pixels (inside edges of its rules)."""

    row: int
    column: int
    rowspan: int
    colspan: int
    x0: int
    y0: int
    x1: int
    y1: int


@frozen
class TableGrid:
    """A ruled table found on a page: its box and its cells, top to bottom, left to right."""

    x0: int
    y0: int
    x1: int
    y1: int
    cells: tuple[GridCell, ...]
    columns: tuple[int, ...]
    """The x positions of its vertical grid lines (left to right)."""


def ink(gray: Image, dpi: float) -> Image:
    """The page's dark strokes as 255 on 0 (an adaptive threshold: shading and uneven light do not count)."""
    import cv2

    block = max(15, int(dpi / 8) | 1)
    return cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, 12)


def _rules(binary: Image, dpi: float) -> tuple[Image, Image]:
    """Horizontal and vertical rules: openings with kernels longer than any character's stroke."""
    import cv2

    long = max(20, int(dpi * 0.3))
    horizontal = cv2.morphologyEx(binary, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (long, 1)))
    vertical = cv2.morphologyEx(binary, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, long)))
    # close the small breaks a scan leaves in a rule
    gap = max(3, int(dpi / 40))
    horizontal = cv2.morphologyEx(horizontal, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (gap, 1)))
    vertical = cv2.morphologyEx(vertical, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (1, gap)))
    return horizontal, vertical


def skew_angle(gray: Image, dpi: float) -> float:
    """The page's rotation in degrees (counter-clockwise positive), from the slope of its long horizontal strokes;
    0 when there are none or the slope is beyond ±2° (not a scanner's skew)."""
    import cv2
    import numpy as np

    binary = ink(gray, dpi)
    # short kernel: a rule rotated by 2° still has runs this long on each pixel row
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (max(15, int(dpi * 0.2)), 1))
    horizontal = cv2.morphologyEx(binary, cv2.MORPH_OPEN, kernel)
    horizontal = cv2.dilate(horizontal, cv2.getStructuringElement(cv2.MORPH_RECT, (int(dpi * 0.1), 3)))
    count, _labels, stats, _ = cv2.connectedComponentsWithStats(horizontal, connectivity=8)
    angles: list[float] = []
    weights: list[float] = []
    ys, xs = np.nonzero(horizontal)
    for label in range(1, count):
        x, y, w, h = stats[label][:4]
        if w < dpi * 1.5 or h > w * math.tan(math.radians(_MAX_SKEW + 1)) + dpi * 0.1:
            continue
        box = _labels[y : y + h, x : x + w] == label
        py, px = np.nonzero(box)
        slope = np.polyfit(px.astype(float), py.astype(float), 1)[0]
        angles.append(math.degrees(math.atan(slope)))
        weights.append(float(w))
    del ys, xs
    if not angles:
        return 0.0
    order = sorted(range(len(angles)), key=angles.__getitem__)
    half, running = sum(weights) / 2, 0.0
    for i in order:  # the weighted median
        running += weights[i]
        if running >= half:
            angle = angles[i]
            break
    return -angle if abs(angle) <= _MAX_SKEW else 0.0


def deskew(gray: Image, dpi: float) -> tuple[Image, float]:
    """The page turned level, and the angle it was turned by (degrees)."""
    import cv2

    angle = skew_angle(gray, dpi)
    if abs(angle) < 0.05:
        return gray, 0.0
    height, width = gray.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), -angle, 1.0)
    level = cv2.warpAffine(
        gray, matrix, (width, height), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=255
    )
    return level, angle


@frozen
class _Segment:
    """A rule segment: its position across (y of a horizontal rule, x of a vertical) and its extent along."""

    at: float
    start: int
    end: int
    thickness: int


def _segments(mask: Image, *, horizontal: bool) -> list[_Segment]:
    import cv2

    count, _labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    out = []
    for label in range(1, count):
        x, y, w, h = (int(v) for v in stats[label][:4])
        if horizontal:
            out.append(_Segment(y + h / 2, x, x + w, h))
        else:
            out.append(_Segment(x + w / 2, y, y + h, w))
    return out


def _covered(segments: Sequence[_Segment], at: float, start: float, end: float, tolerance: float) -> bool:
    """True when rules at *at* (± *tolerance*) cover most of ``start..end``."""
    length = end - start
    if length <= 0:
        return True
    spans = sorted((max(s.start, start), min(s.end, end)) for s in segments if abs(s.at - at) <= tolerance)
    covered, reach = 0.0, start
    for a, b in spans:
        a = max(a, reach)
        if b > a:
            covered += b - a
            reach = b
    return covered >= 0.6 * length


def find_tables(gray: Image, dpi: float) -> list[TableGrid]:
    """The ruled tables of a level page image (``uint8`` greyscale), top to bottom."""
    import cv2
    import numpy as np

    binary = ink(gray, dpi)
    horizontal, vertical = _rules(binary, dpi)
    rules = cv2.bitwise_or(horizontal, vertical)
    joined = cv2.dilate(rules, cv2.getStructuringElement(cv2.MORPH_RECT, (5, 5)))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    tables: list[TableGrid] = []
    for label in range(1, count):
        x, y, w, h = (int(v) for v in stats[label][:4])
        if w < dpi * 1.0 or h < dpi * 0.25:
            continue
        region = (labels[y : y + h, x : x + w] == label).astype(np.uint8)
        h_segments = _segments(horizontal[y : y + h, x : x + w] * region, horizontal=True)
        v_segments = _segments(vertical[y : y + h, x : x + w] * region, horizontal=False)
        grid = _grid(h_segments, v_segments, x, y, dpi)
        if grid is not None:
            tables.append(grid)
    tables.sort(key=lambda t: t.y0)
    return tables


def _anchored(segments: list[_Segment], across: Sequence[float], tolerance: float) -> list[_Segment]:
    """The segments that start and end on a rule across them: a table's rules meet, a seal's arc or a stroke of
    handwriting that survived the opening floats between them."""
    return [
        s
        for s in segments
        if any(abs(s.start - a) <= tolerance for a in across) and any(abs(s.end - a) <= tolerance for a in across)
    ]


def _grid(h_segments: list[_Segment], v_segments: list[_Segment], ox: int, oy: int, dpi: float) -> TableGrid | None:
    tolerance = max(4.0, dpi / 25)
    for _ in range(2):  # rules that end on rules, then those that end on the rules kept
        ys = cluster_centres([s.at for s in h_segments], tolerance)
        xs = cluster_centres([s.at for s in v_segments], tolerance)
        h_segments = _anchored(h_segments, xs, 2 * tolerance)
        v_segments = _anchored(v_segments, ys, 2 * tolerance)
    ys = cluster_centres([s.at for s in h_segments], tolerance)
    xs = cluster_centres([s.at for s in v_segments], tolerance)
    if len(ys) < 2 or len(xs) < 2:
        return None
    rows, columns = len(ys) - 1, len(xs) - 1
    parent = list(range(rows * columns))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(rows):
        for c in range(columns):
            if c + 1 < columns and not _covered(v_segments, xs[c + 1], ys[r], ys[r + 1], tolerance):
                parent[find(r * columns + c + 1)] = find(r * columns + c)
            if r + 1 < rows and not _covered(h_segments, ys[r + 1], xs[c], xs[c + 1], tolerance):
                parent[find((r + 1) * columns + c)] = find(r * columns + c)
    groups: dict[int, list[tuple[int, int]]] = {}
    for r in range(rows):
        for c in range(columns):
            groups.setdefault(find(r * columns + c), []).append((r, c))
    thickness = statistics.median([s.thickness for s in (*h_segments, *v_segments)])
    half = thickness / 2 + 1
    cells = []
    for members in groups.values():
        r0, r1 = min(r for r, _ in members), max(r for r, _ in members) + 1
        c0, c1 = min(c for _, c in members), max(c for _, c in members) + 1
        cells.append(
            GridCell(
                row=r0, column=c0, rowspan=r1 - r0, colspan=c1 - c0,
                x0=int(ox + xs[c0] + half), y0=int(oy + ys[r0] + half),
                x1=int(ox + xs[c1] - half), y1=int(oy + ys[r1] - half),
            )
        )  # fmt: skip
    if len(cells) < 2:
        return None  # a frame or a filled box, not a table
    cells.sort(key=lambda g: (g.row, g.column))
    return TableGrid(
        x0=int(ox + xs[0]), y0=int(oy + ys[0]), x1=int(ox + xs[-1]), y1=int(oy + ys[-1]),
        cells=tuple(cells), columns=tuple(int(ox + x) for x in xs),
    )  # fmt: skip
