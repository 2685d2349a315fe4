"""The official form of tables 二, 三 and 四 as a grid of boxes: where every label and value cell goes.

The form is a grid of 30 narrow columns; every box of the form spans whole grid rows and columns, so the three
tables keep the proportions of the printed form (format-spec §2–3):

* 表二: per block a caption row (``第二十条第（一）项``), a header row (``信息内容`` + column labels), data rows;
* 表三: the 勾稽关系 note over three header rows (``申请人情况``, ``自然人`` · ``法人或其他组织`` · ``总计``, the five
  organisation columns), the vertical ``三、本年度办理结果`` box, the group boxes （三）（四）（五）（六）;
* 表四: ``行政复议`` · ``行政诉讼`` over ``未经复议直接起诉`` · ``复议后起诉`` and one row of 15 values.

A row the report does not have is a row of ``absent`` boxes; rows the form does not have
(:class:`~gov_disclosure.model.ExtraRow`) are inserted where they were printed, in ``extra`` style.
The XLSX writer paints this grid as merged cells (:mod:`gov_disclosure.serializers.xlsx.official`) and the HTML
check report as ``<table>`` cells with ``rowspan`` / ``colspan`` (:mod:`gov_disclosure.check_report`): one layout,
two media.

>>> from gov_disclosure.model import Report, Table4
>>> report = Report(format_version="2021", agency="某局", report_year=2022,
...                 table4=Table4.from_rows({"review": [1, 0, 0, 1, 2]}))
>>> grid = form_grid(report)
>>> box = grid.box_of(("table4", "review", "total"))
>>> box.cell.value, box.columns, box.table
(2, 2, 'table4')
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal

from attrs import define, field, frozen

from gov_disclosure.findings import Finding
from gov_disclosure.model.cells import Cell, CellKind
from gov_disclosure.model.layout import (
    TABLE2_CONTENT,
    TABLE3,
    TABLE3_APPLICANTS,
    TABLE3_LEGAL_PERSONS,
    TABLE3_NOTE,
    TABLE3_RESULTS,
    TABLE4,
    RowSpec,
    TableSpec,
)
from gov_disclosure.model.report import Report
from gov_disclosure.model.tables import ExtraRow, Row, Table
from gov_disclosure.records import extra_row_key

__all__ = [
    "GRID",
    "LABEL_COLUMNS",
    "RESULTS_LABEL",
    "Box",
    "BoxStyle",
    "CellPlace",
    "FormGrid",
    "findings_by_place",
    "form_grid",
]

GRID = 30
"""Grid columns of the form."""
LABEL_COLUMNS = 9
"""Grid columns of the label area (表二 ``信息内容``, 表三's three label columns)."""
_VALUES = GRID - LABEL_COLUMNS
_FIRST_VALUE = LABEL_COLUMNS + 1
_T3_SLOT = _VALUES // 7
_T4_SLOT = GRID // 15

RESULTS_LABEL = TABLE3_RESULTS
"""``三、本年度办理结果``, the vertical box of 表三."""

BoxStyle = Literal[
    "title", "subtitle", "heading", "caption", "header", "note", "vertical", "group", "label", "value", "absent",
    "extra",
]
"""What a box is: the form's title and subtitle, a table heading, a 表二 block caption, a column header, the 表三
note, the vertical 表三 label, a group label, a row label, a value cell, a cell of a row the report does not have
(or does not print), a label or value of an extra row."""

CellPlace = tuple[str, str, str]
"""``(table key, row key, column key)`` of a value box; an extra row's label box is ``(table, "extra_rows[i]", "")``
and its values ``(table, "extra_rows[i]", "[j]")``."""


def findings_by_place(findings: Iterable[Finding]) -> dict[CellPlace, list[Finding]]:
    """The findings naming each cell, in the order given.

    >>> from gov_disclosure.findings import Severity
    >>> from gov_disclosure.model import CellKey
    >>> f = Finding(code="X", severity=Severity.WARNING, message="", message_en="",
    ...             cells=(CellKey("table4", "review", "total"),))
    >>> list(findings_by_place([f]))
    [('table4', 'review', 'total')]
    """
    out: dict[CellPlace, list[Finding]] = {}
    for finding in findings:
        for key in dict.fromkeys(finding.cells):
            out.setdefault((key.table, key.row, key.column), []).append(finding)
    return out


@frozen(kw_only=True)
class Box:
    """One box of the form: *rows* × *columns* grid cells from (*row*, *column*), 1-based."""

    row: int
    column: int
    style: BoxStyle
    rows: int = 1
    columns: int = 1
    text: str | None = None
    """The label a text box shows (None for a value box)."""
    cell: Cell | None = None
    """The cell a value box shows (None for a label, for an absent row, and for a padding box)."""
    place: CellPlace | None = None
    """Where the value box's cell is in the report (None for labels and padding)."""
    table: str | None = None
    """The key of the table the box belongs to (None for the title and subtitle)."""

    @property
    def last_row(self) -> int:
        """The last grid row the box covers."""
        return self.row + self.rows - 1

    @property
    def last_column(self) -> int:
        """The last grid column the box covers."""
        return self.column + self.columns - 1


@frozen(kw_only=True)
class FormGrid:
    """The official form of one report: boxes in row order, and the rows that need more height than one line."""

    boxes: tuple[Box, ...]
    heights: dict[int, float] = field(factory=dict)
    """Minimum heights (points) of rows whose boxes hold more than a line of text or are headings."""
    _by_place: dict[CellPlace, Box] = field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_by_place", {b.place: b for b in self.boxes if b.place is not None})

    def box_of(self, place: CellPlace) -> Box:
        """The box showing the cell at *place* (KeyError when the form has none)."""
        return self._by_place[place]

    def places(self) -> dict[CellPlace, Box]:
        """Every value box (and extra-row label box) by its place."""
        return dict(self._by_place)

    def of_table(self, key: str | None) -> tuple[Box, ...]:
        """The boxes of table *key* (None: the title and subtitle), in row order."""
        return tuple(b for b in self.boxes if b.table == key)

    @property
    def last_row(self) -> int:
        """The last grid row of the form."""
        return max((b.last_row for b in self.boxes), default=0)


@define
class _Builder:
    """Places boxes row by row."""

    table: str | None = None
    row: int = 1
    boxes: list[Box] = field(factory=list)
    heights: dict[int, float] = field(factory=dict)

    def put(self, row: int, column: int, text: str, style: BoxStyle, *, rows: int = 1, columns: int = 1) -> None:
        self.boxes.append(
            Box(row=row, column=column, style=style, rows=rows, columns=columns, text=text, table=self.table)
        )

    def put_cell(self, row: int, column: int, columns: int, cell: Cell | None, place: CellPlace | None) -> None:
        """A value box (``None``: the row is absent; a cell not printed: shaded like it)."""
        absent = cell is None or cell.kind is CellKind.NOT_PRINTED
        self.boxes.append(
            Box(
                row=row,
                column=column,
                style="absent" if absent else "value",
                columns=columns,
                cell=cell,
                place=place,
                table=self.table,
            )
        )

    def pad(self, row: int, column: int, columns: int) -> None:
        """An empty value box where a row has fewer cells than the block has columns."""
        self.boxes.append(Box(row=row, column=column, style="value", columns=columns, table=self.table))


_Kind = Literal["row", "extra"]


@frozen
class _Item:
    """A body row of a table: an official row (present or not) or an extra row."""

    kind: _Kind
    spec: RowSpec | None = None
    row: Row | None = None
    extra: ExtraRow | None = None
    index: int = 0


def _items(table: Table, rows: Sequence[RowSpec]) -> list[_Item]:
    extras: list[ExtraRow] = list(getattr(table, "extra_rows", ()))
    keys = {r.key for r in rows}
    placed: list[_Item] = [_Item("extra", extra=e, index=i) for i, e in enumerate(extras) if e.after is None]
    for row_spec in rows:
        placed.append(_Item("row", spec=row_spec, row=table.row(row_spec.key)))
        placed += [_Item("extra", extra=e, index=i) for i, e in enumerate(extras) if e.after == row_spec.key]
    placed += [
        _Item("extra", extra=e, index=i) for i, e in enumerate(extras) if e.after is not None and e.after not in keys
    ]
    return placed


def _spans(count: int, total: int = _VALUES) -> list[int]:
    """Grid widths of *count* value columns in a 表二 block (the last one takes what is left)."""
    if count <= 0:
        return [total]
    if count > 3:
        return [total // 3] * count
    base = total // 3 if count > 1 else total
    return [base] * (count - 1) + [total - base * (count - 1)]


def _put_values(
    b: _Builder, row: int, spans: Sequence[int], cells: Sequence[Cell | None], places: Sequence[CellPlace]
) -> None:
    column = _FIRST_VALUE
    for index, width in enumerate(spans):
        if index < len(cells):
            b.put_cell(row, column, width, cells[index], places[index] if index < len(places) else None)
        else:
            b.pad(row, column, width)
        column += width


def _row_cells(spec: RowSpec, row: Row | None) -> list[Cell | None]:
    return [None if row is None else row.cell(c.key) for c in spec.columns]


def _write_extra(b: _Builder, spec: TableSpec, item: _Item, label_start: int, spans: Sequence[int]) -> None:
    extra = item.extra
    assert extra is not None
    row = b.row
    key = extra_row_key(item.index)
    b.boxes.append(  # where the row is, for a row with no cells too
        Box(
            row=row,
            column=label_start,
            style="extra",
            columns=_FIRST_VALUE - label_start,
            text=extra.label,
            place=(spec.key, key, ""),
            table=spec.key,
        )
    )
    count = max(len(extra.cells), len(spans))
    widths = list(spans) + [spans[-1] if spans else _T3_SLOT] * (count - len(spans))
    places = [(spec.key, key, f"[{j}]") for j in range(len(extra.cells))]
    _put_values(b, row, widths, list(extra.cells), places)
    b.row += 1


def _table2(b: _Builder, spec: TableSpec, table: Table) -> None:
    group: str | None = None
    spans: list[int] = _spans(3)
    for item in _items(table, spec.rows):
        if item.kind == "extra":
            _write_extra(b, spec, item, 1, spans)
            continue
        assert item.spec is not None
        spans = _spans(len(item.spec.columns))
        if item.spec.group != group:
            group = item.spec.group
            b.put(b.row, 1, group or "", "caption", columns=GRID)
            b.row += 1
            b.put(b.row, 1, TABLE2_CONTENT, "header", columns=LABEL_COLUMNS)
            column = _FIRST_VALUE
            for col_spec, width in zip(item.spec.columns, spans, strict=True):
                b.put(b.row, column, col_spec.label, "header", columns=width)
                column += width
            b.row += 1
        b.put(b.row, 1, item.spec.label, "label" if item.row is not None else "absent", columns=LABEL_COLUMNS)
        places = [(spec.key, item.spec.key, c.key) for c in item.spec.columns]
        _put_values(b, b.row, spans, _row_cells(item.spec, item.row), places)
        b.row += 1


def _table3_header(b: _Builder) -> None:
    top = b.row
    b.put(top, 1, TABLE3_NOTE, "note", rows=3, columns=LABEL_COLUMNS)
    b.put(top, _FIRST_VALUE, TABLE3_APPLICANTS, "header", columns=_VALUES)
    columns = TABLE3.rows[0].columns
    b.put(top + 1, _FIRST_VALUE, columns[0].label, "header", rows=2, columns=_T3_SLOT)
    b.put(top + 1, _FIRST_VALUE + _T3_SLOT, TABLE3_LEGAL_PERSONS, "header", columns=_T3_SLOT * 5)
    for index, col_spec in enumerate(columns[1:6], start=1):
        b.put(top + 2, _FIRST_VALUE + index * _T3_SLOT, col_spec.label, "header", columns=_T3_SLOT)
    b.put(top + 1, _FIRST_VALUE + 6 * _T3_SLOT, columns[6].label, "header", rows=2, columns=_T3_SLOT)
    b.heights[top + 2] = 30.0
    b.row = top + 3


def _depth(spec: RowSpec) -> int:
    """0: label over all three label columns; 1: under 三、本年度办理结果; 2: in a group （三）…（六）."""
    if spec.group is None:
        return 0
    return 1 if spec.group == RESULTS_LABEL else 2


def _table3_rows(report: Report) -> list[RowSpec]:
    """The rows of 表三 on the form: the format's, and a row printed as one in place of its parts (a 2021 report's
    （六）其他处理) just before them, the parts marked not printed."""
    rows = list(report.format.rows(TABLE3))
    parts = report.format.collapsible(TABLE3.key)
    for whole in sorted(report.collapsed & parts.keys()):
        first = next(i for i, row in enumerate(rows) if row.key == parts[whole][0])
        rows.insert(first, TABLE3.row(whole))
    return rows


def _table3(b: _Builder, report: Report, table: Table) -> None:
    _table3_header(b)
    items = _items(table, _table3_rows(report))
    first = b.row
    depths = [_depth(i.spec) if i.spec is not None else -1 for i in items]
    inner = [n for n, d in enumerate(depths) if d >= 1]
    results = (inner[0], inner[-1]) if inner else (len(items), -1)
    groups: dict[str, list[int]] = {}
    for n, item in enumerate(items):
        if item.spec is not None and _depth(item.spec) == 2 and item.spec.group is not None:
            groups.setdefault(item.spec.group, []).append(n)
    group_ranges = {name: (ns[0], ns[-1]) for name, ns in groups.items()}
    if inner:
        b.put(first + results[0], 1, RESULTS_LABEL, "vertical", rows=results[1] - results[0] + 1)
    for name, (start, end) in group_ranges.items():
        b.put(first + start, 2, name, "group", rows=end - start + 1, columns=2)
    slots = [_T3_SLOT] * 7
    for n, item in enumerate(items):
        in_group = any(start <= n <= end for start, end in group_ranges.values())
        in_results = results[0] <= n <= results[1]
        label_start = 4 if in_group else 2 if in_results else 1
        if item.kind == "extra":
            _write_extra(b, TABLE3, item, label_start, slots)
            continue
        assert item.spec is not None
        style: BoxStyle = "label" if item.row is not None else "absent"
        b.put(b.row, label_start, item.spec.label, style, columns=_FIRST_VALUE - label_start)
        places = [(TABLE3.key, item.spec.key, c.key) for c in item.spec.columns]
        _put_values(b, b.row, slots, _row_cells(item.spec, item.row), places)
        b.row += 1


def _table4(b: _Builder, table: Table) -> None:
    top = b.row
    review, direct, after = TABLE4.rows
    width = _T4_SLOT * 5
    b.put(top, 1, review.label, "header", columns=width)
    b.put(top, 1 + width, direct.group or "", "header", columns=2 * width)
    for index, col_spec in enumerate(review.columns):
        b.put(top + 1, 1 + index * _T4_SLOT, col_spec.label, "header", rows=2, columns=_T4_SLOT)
    for block, row_spec in enumerate((direct, after), start=1):
        start = 1 + block * width
        b.put(top + 1, start, row_spec.label, "header", columns=width)
        for index, col_spec in enumerate(row_spec.columns):
            b.put(top + 2, start + index * _T4_SLOT, col_spec.label, "header", columns=_T4_SLOT)
    b.heights[top + 2] = 30.0
    data = top + 3
    for block, row_spec in enumerate(TABLE4.rows):
        row = table.row(row_spec.key)
        for index, col_spec in enumerate(row_spec.columns):
            column = 1 + block * width + index * _T4_SLOT
            cell = None if row is None else row.cell(col_spec.key)
            b.put_cell(data, column, _T4_SLOT, cell, (TABLE4.key, row_spec.key, col_spec.key))
    b.heights[data] = 24.0
    b.row = data + 1


def form_grid(report: Report) -> FormGrid:
    """*report* laid out as the official form of its format: the title, the subtitle, then tables 二, 三, 四."""
    b = _Builder()
    b.put(1, 1, report.title, "title", columns=GRID)
    b.heights[1] = 30.0
    b.put(2, 1, report.format.title_zh, "subtitle", columns=GRID)
    b.row = 4
    for spec, table in report.tables():
        b.table = spec.key
        b.put(b.row, 1, f"{spec.number}、{spec.title}", "heading", columns=GRID)
        b.heights[b.row] = 24.0
        b.row += 1
        if spec is report.format.table2:
            _table2(b, spec, table)
        elif spec.key == TABLE3.key:
            _table3(b, report, table)
        else:
            _table4(b, table)
        b.row += 1
    return FormGrid(boxes=tuple(sorted(b.boxes, key=lambda box: (box.row, box.column))), heights=b.heights)
