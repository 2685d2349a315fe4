"""The official layout of a report as lines of cells, before damage and before joining cells into text.

A report is laid out as the title, the six section headings 一…六 with their narrative, and tables 二/三/四 in
the official row and column order with the official labels of :mod:`gov_disclosure.model.layout`. Tables are
grids of cell texts: a table line keeps its cells apart so that the damage of :mod:`gov_disclosure.render.damage`
and the separator chosen at the end (tab, space, markdown, one cell per line) can act on them.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator

from attrs import frozen

from gov_disclosure.model.cells import Cell
from gov_disclosure.model.layout import (
    TABLE2_CONTENT,
    TABLE3,
    TABLE3_APPLICANTS,
    TABLE3_LEGAL_PERSONS,
    TABLE3_NOTE,
    TABLE3_RESULTS,
    TABLE4,
    TABLE4_LITIGATION,
    RowSpec,
    TableSpec,
)
from gov_disclosure.model.report import SECTION_TITLES, Report
from gov_disclosure.model.tables import Table, Table4

__all__ = ["Kind", "Line", "cell_text", "layout_lines"]

_T2_GRID = 4
"""表二 is a 4-column grid: 信息内容 and up to three value columns (format-spec §2.1)."""


class Kind(enum.Enum):
    """What a line is."""

    TITLE = "title"
    HEADING = "heading"
    TEXT = "text"
    BLANK = "blank"
    CAPTION = "caption"
    """表二 block caption (``第二十条第（一）项``)."""
    SUBHEADER = "subheader"
    """表二 block header (``信息内容`` + column labels)."""
    HEADER = "header"
    """表三/表四 header rows (repeated after a page break when asked)."""
    DATA = "data"
    FRAGMENT = "fragment"
    """A piece of a table line that wrapped or a character of a vertical label."""
    PAGE = "page"
    """A running page number (``- 4 -``)."""


@frozen(kw_only=True)
class Line:
    """One output line: its cells (one cell for text lines), what it is, and for table lines where it belongs."""

    cells: tuple[str, ...]
    kind: Kind
    table: str | None = None
    """Table key (``table3``) for table lines."""
    row: str | None = None
    """Row key for data lines of 表二 and 表三 (``"*"`` for the single data line of 表四)."""
    labels: int = 0
    """Number of leading label cells of a data line."""

    @classmethod
    def text(cls, text: str, kind: Kind = Kind.TEXT) -> Line:
        """A line holding one text."""
        return cls(cells=(text,), kind=kind)


def cell_text(cell: Cell | None) -> str:
    """The text of *cell* as printed: its raw text, with annotation and unit added when the raw text lacks them.

    >>> cell_text(Cell.of(22, raw="22（其中修订16件）", annotation="其中修订16件"))
    '22（其中修订16件）'
    >>> cell_text(Cell.of(22, annotation="其中修订16件")), cell_text(Cell.blank()), cell_text(None)
    ('22（其中修订16件）', '', '')
    """
    if cell is None:
        return ""
    text = str(cell)
    if cell.unit and cell.unit not in text:
        text += cell.unit
    if cell.annotation and cell.annotation not in text:
        text += f"（{cell.annotation}）"
    return text


def layout_lines(report: Report) -> tuple[Line, ...]:
    """The undamaged report as lines: title, headings, narrative paragraphs and table lines."""
    return tuple(_report_lines(report))


def _report_lines(report: Report) -> Iterator[Line]:
    yield Line.text(report.title, Kind.TITLE)
    tables: dict[str, tuple[TableSpec, Table | None]] = {
        "proactive": (report.format.table2, getattr(report, report.format.table2.key)),
        "applications": (TABLE3, report.table3),
        "review_litigation": (TABLE4, report.table4),
    }
    for key, heading in SECTION_TITLES:
        yield Line.text("", Kind.BLANK)
        yield Line.text(heading, Kind.HEADING)
        text = getattr(report.sections, key)
        if text:
            for paragraph in text.split("\n"):
                if paragraph.strip():
                    yield Line.text("", Kind.BLANK)
                    yield Line.text(paragraph, Kind.TEXT)
        spec, table = tables.get(key, (None, None))
        if spec is not None and table is not None:
            yield Line.text("", Kind.BLANK)
            yield from _table_lines(report, spec, table)


def _table_lines(report: Report, spec: TableSpec, table: Table) -> Iterator[Line]:
    if spec is TABLE3:
        yield from _table3_lines(report, table)
    elif isinstance(table, Table4):
        yield from _table4_lines(table)
    else:
        yield from _table2_lines(spec, report.format.rows(spec), table)


def _pad(cells: list[str], width: int) -> tuple[str, ...]:
    return tuple(cells + [""] * (width - len(cells)))


def _table2_lines(spec: TableSpec, rows: tuple[RowSpec, ...], table: Table) -> Iterator[Line]:
    caption: str | None = None
    for row_spec in rows:
        row = table.row(row_spec.key)
        if row is None:
            continue
        if row_spec.group != caption:
            caption = row_spec.group
            yield Line(cells=_pad([caption or ""], _T2_GRID), kind=Kind.CAPTION, table=spec.key)
            header = [TABLE2_CONTENT, *(column.label for column in row_spec.columns)]
            yield Line(cells=_pad(header, _T2_GRID), kind=Kind.SUBHEADER, table=spec.key)
        values = [cell_text(cell) for _, cell in row.cells()]
        yield Line(
            cells=_pad([row_spec.label, *values], _T2_GRID), kind=Kind.DATA, table=spec.key, row=row_spec.key, labels=1
        )


def _table3_label_cells(row_spec: RowSpec, previous: RowSpec | None) -> list[str]:
    """Label cells of a 表三 row: the group cells are printed on the first row of their group only."""
    if row_spec.group is None:
        return [row_spec.label]
    first_result = previous is None or previous.group is None
    results = TABLE3_RESULTS if first_result else ""
    if row_spec.group == TABLE3_RESULTS:
        return [results, row_spec.label]
    group = row_spec.group if previous is None or previous.group != row_spec.group else ""
    return [results, group, row_spec.label]


def _table3_lines(report: Report, table: Table) -> Iterator[Line]:
    columns = TABLE3.rows[0].columns
    labels = [c.label for c in columns]
    header = (
        (TABLE3_NOTE, TABLE3_APPLICANTS, *[""] * (len(columns) - 1)),
        ("", labels[0], TABLE3_LEGAL_PERSONS, *[""] * (len(columns) - 3), labels[-1]),
        ("", "", *labels[1:-1], ""),
    )
    for cells in header:
        yield Line(cells=cells, kind=Kind.HEADER, table=TABLE3.key)
    previous: RowSpec | None = None
    for row_spec in report.format.rows(TABLE3):
        row = table.row(row_spec.key)
        if row is None:
            continue
        label_cells = _table3_label_cells(row_spec, previous)
        values = [cell_text(cell) for _, cell in row.cells()]
        yield Line(
            cells=(*label_cells, *values), kind=Kind.DATA, table=TABLE3.key, row=row_spec.key, labels=len(label_cells)
        )
        previous = row_spec


def _table4_lines(table: Table4) -> Iterator[Line]:
    review, direct, after = TABLE4.rows
    column_labels = [c.label for c in review.columns]
    width = len(column_labels)
    blanks = [""] * (width - 1)
    top = (review.label, *blanks, TABLE4_LITIGATION, *blanks, "", *blanks)
    yield Line(cells=top, kind=Kind.HEADER, table=TABLE4.key)
    yield Line(cells=(*column_labels, direct.label, *blanks, after.label, *blanks), kind=Kind.HEADER, table=TABLE4.key)
    yield Line(cells=("", *blanks, *column_labels, *column_labels), kind=Kind.HEADER, table=TABLE4.key)
    values: list[str] = []
    for row_spec in TABLE4.rows:
        row = table.row(row_spec.key)
        if row is None:
            values.extend([""] * width)
        else:
            values.extend(cell_text(cell) for _, cell in row.cells())
    yield Line(cells=tuple(values), kind=Kind.DATA, table=TABLE4.key, row="*", labels=0)
