"""Build a :class:`~gov_disclosure.parsing.document.RawTable` from placed cells (row, column, spans).

Every reader with cell boundaries (HTML ``rowspan``/``colspan``, DOCX ``vMerge``/``gridSpan``, PDF ruled cells)
reduces its table to :class:`PlacedCell` values; this module expands them into grid rows. Each cell keeps
its *starting* column and its span (format-spec §6.2: header and data rows use different colspans, so values are
aligned by starting column, not by expanded grid position), and the rows a cell covers below its first row get a
``continued`` copy of it, so that every row knows its group label (``（三）不予公开``).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence

from attrs import frozen

from gov_disclosure.model.source import SourceLocation
from gov_disclosure.parsing.grids import RawCell, RawRow, RawTable

__all__ = ["PlacedCell", "build_table", "cluster_centres", "nearest_centre", "place_cells"]


@frozen(kw_only=True)
class PlacedCell:
    """A cell with its grid position: first row, first column and the numbers of rows and columns it covers."""

    text: str
    row: int
    column: int
    rowspan: int = 1
    colspan: int = 1
    source: SourceLocation | None = None
    broken: bool = False
    """See :attr:`~gov_disclosure.parsing.grids.RawCell.broken`."""


def place_cells(rows: Iterable[Sequence[tuple[str, int, int, SourceLocation | None, bool]]]) -> list[PlacedCell]:
    """Place HTML-style rows of ``(text, rowspan, colspan, source, broken)``: each cell takes the first free column.

    >>> a, b, c, d = (("a", 2, 1), ("b", 1, 2), ("c", 1, 1), ("d", 1, 1))
    >>> cells = place_cells([[(*a, None, False), (*b, None, False)], [(*c, None, False), (*d, None, False)]])
    >>> [(c.text, c.row, c.column) for c in cells]
    [('a', 0, 0), ('b', 0, 1), ('c', 1, 1), ('d', 1, 2)]
    """
    below: dict[int, set[int]] = {}  # row → its columns taken by cells of rows above (rowspan)
    placed: list[PlacedCell] = []
    for r, row in enumerate(rows):
        taken = below.pop(r, set())
        column = 0
        for text, rowspan, colspan, source, broken in row:
            while column in taken:
                column += 1
            rowspan, colspan = max(rowspan, 1), max(colspan, 1)
            placed.append(
                PlacedCell(
                    text=text, row=r, column=column, rowspan=rowspan, colspan=colspan, source=source, broken=broken
                )
            )
            for dr in range(1, rowspan):
                below.setdefault(r + dr, set()).update(range(column, column + colspan))
            column += colspan
    return placed


def build_table(cells: Iterable[PlacedCell], *, source: SourceLocation | None = None) -> RawTable:
    """Expand placed cells into rows; rows a cell spans below its first get a ``continued`` copy of it.

    >>> t = build_table([PlacedCell(text="组", row=0, column=0, rowspan=2), PlacedCell(text="1", row=0, column=1),
    ...                  PlacedCell(text="2", row=1, column=1)])
    >>> [[(c.text, c.column, c.continued) for c in row.cells] for row in t.rows]
    [[('组', 0, False), ('1', 1, False)], [('组', 0, True), ('2', 1, False)]]
    """
    by_row: dict[int, list[tuple[int, RawCell]]] = {}
    last = -1
    for cell in cells:
        last = max(last, cell.row + cell.rowspan - 1)
        for dr in range(cell.rowspan):
            raw = RawCell(
                text=cell.text,
                column=cell.column,
                span=cell.colspan,
                continued=dr > 0,
                broken=cell.broken,
                source=cell.source,
            )
            by_row.setdefault(cell.row + dr, []).append((cell.column, raw))
    rows = []
    for r in range(last + 1):
        found = sorted(by_row.get(r, []), key=lambda pair: pair[0])
        if found:
            row_source = next((c.source for _, c in found if c.source is not None and not c.continued), None)
            rows.append(RawRow(cells=tuple(c for _, c in found), source=row_source))
    return RawTable(rows=tuple(rows), source=source)


def cluster_centres(values: Iterable[float], tolerance: float) -> list[float]:
    """The centres (means) of *values* grouped where each is within *tolerance* of the one before it, ascending:
    the column or row boundaries of a table from its cells' edges, which a page's rendering scatters slightly.

    >>> cluster_centres([10.0, 10.4, 50.0, 49.8], 1.0)
    [10.2, 49.9]
    """
    groups: list[list[float]] = []
    for value in sorted(values):
        if groups and value - groups[-1][-1] <= tolerance:
            groups[-1].append(value)
        else:
            groups.append([value])
    return [sum(group) / len(group) for group in groups]


def nearest_centre(value: float, centres: Sequence[float]) -> int:
    """The index of the centre nearest *value* (the first of two as near); *centres* ascend.

    >>> nearest_centre(30.0, [10.0, 50.0]), nearest_centre(31.0, [10.0, 50.0])
    (0, 1)
    """
    at = bisect.bisect_left(centres, value)
    if at == len(centres) or (at > 0 and value - centres[at - 1] <= centres[at] - value):
        return at - 1
    return at
