"""Write one report as the official form: tables 二, 三 and 四 of its format on one worksheet.

The sheet is a grid of 30 narrow columns; every cell of the form spans whole grid columns, so the three
tables keep the proportions of the printed form (format-spec §2–3):

* 表二: per block a caption row (``第二十条第（一）项``), a header row (``信息内容`` + column labels), data rows;
* 表三: the 勾稽关系 note over three header rows (``申请人情况``, ``自然人`` · ``法人或其他组织`` · ``总计``, the five
  organisation columns), the vertical ``三、本年度办理结果`` cell, the group cells （三）（四）（五）（六）;
* 表四: ``行政复议`` · ``行政诉讼`` over ``未经复议直接起诉`` · ``复议后起诉`` and one row of 15 values.

Numbers are numbers (exact, :mod:`.values`), blanks stay blank, not-applicable marks and unreadable cells show
their printed text. A row the report does not have is shaded grey; rows the form does not have
(:class:`~gov_disclosure.model.ExtraRow`) are inserted where they were printed, in italics.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from attrs import define, field, frozen
from openpyxl.comments import Comment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

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
from gov_disclosure.serializers.xlsx.style import GRID_WIDTH, lines_needed, register_styles, style_name
from gov_disclosure.serializers.xlsx.text import escape
from gov_disclosure.serializers.xlsx.values import SheetValue, number_is_exact, places_of, sheet_value

__all__ = [
    "COMPLETED_NOTE",
    "GRID",
    "LABEL_COLUMNS",
    "RESULTS_LABEL",
    "CellRefs",
    "extra_row_key",
    "write_report_sheet",
]

GRID = 30
"""Grid columns of the sheet."""
LABEL_COLUMNS = 9
"""Grid columns of the label area (表二 ``信息内容``, 表三's three label columns)."""
_VALUES = GRID - LABEL_COLUMNS
_FIRST_VALUE = LABEL_COLUMNS + 1
_T3_SLOT = _VALUES // 7
_T4_SLOT = GRID // 15

RESULTS_LABEL = TABLE3_RESULTS
"""``三、本年度办理结果``, the vertical cell of 表三."""

COMPLETED_NOTE = "未印出，由勾稽关系补全："
"""The start of the comment on a cell whose value was completed from an identity (the identity's name follows)."""

CellRefs = dict[tuple[str, str, str], str]
"""``(table key, row key, column key) -> "J12"``: where each value cell was written."""


@define
class _Painter:
    """Writes styled, bordered, possibly merged cells and keeps row heights."""

    ws: Worksheet
    row: int = 1
    heights: dict[int, float] = field(factory=dict)

    def put(
        self,
        row: int,
        column: int,
        value: SheetValue,
        style: str,
        *,
        rows: int = 1,
        columns: int = 1,
        number_format: str | None = None,
    ) -> str:
        """Write *value* at (*row*, *column*) spanning *rows* × *columns*; returns the A1 reference."""
        for r in range(row, row + rows):
            for c in range(column, column + columns):
                self.ws.cell(r, c).style = style_name(style)
        cell = self.ws.cell(row, column)
        if isinstance(value, str):
            cell.value = escape(value)
            cell.data_type = "s"  # never a formula, whatever the text starts with
        else:
            cell.value = value
        if number_format is not None:
            cell.number_format = number_format
        if rows > 1 or columns > 1:
            self.ws.merge_cells(
                start_row=row, start_column=column, end_row=row + rows - 1, end_column=column + columns - 1
            )
        if isinstance(value, str) and rows == 1 and style != "vertical":
            height = lines_needed(value, columns) * 13.5 + 6
            self.heights[row] = max(self.heights.get(row, 18.0), height)
        return cell.coordinate

    def put_cell(self, row: int, column: int, columns: int, cell: Cell | None) -> str:
        """Write one table cell (``None``: the row is absent, shaded; a cell not printed: shaded, marked)."""
        if cell is None:
            return self.put(row, column, None, "absent", columns=columns)
        value, fmt = sheet_value(cell)
        style = "absent" if cell.kind is CellKind.NOT_PRINTED else "value"
        ref = self.put(row, column, value, style, columns=columns, number_format=fmt)
        note = _comment(cell)
        if note:
            self.ws[ref].comment = Comment(escape(note), "gov_disclosure", width=240, height=80)
        return ref


def _comment(cell: Cell) -> str | None:
    """A note for cells whose printed text the sheet cannot show: ``原文：22（其中修订16件）``, or whose value was not
    printed but completed from an identity: ``未印出，由勾稽关系补全：T3.RESULTS_SUM:natural_person``."""
    if cell.value is None:
        return None
    if cell.completed_from is not None:
        return f"{COMPLETED_NOTE}{cell.completed_from}"
    notes = []
    if not number_is_exact(cell.value):
        notes.append("以文本保存，保持精确值")
    shown = f"{cell.value:.{places_of(cell.value)}f}" if number_is_exact(cell.value) else str(cell.value)
    if cell.raw != shown + (cell.unit or ""):
        notes.append(f"原文：{cell.raw}")
    return "；".join(notes) or None


_Kind = Literal["row", "extra"]


@frozen
class _Item:
    """A body row of a table: an official row (present or not) or an extra row."""

    kind: _Kind
    spec: RowSpec | None = None
    row: Row | None = None
    extra: ExtraRow | None = None
    index: int = 0


def _items(spec: TableSpec, table: Table, rows: Sequence[RowSpec]) -> list[_Item]:
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
    p: _Painter,
    row: int,
    spans: Sequence[int],
    cells: Sequence[Cell | None],
    refs: CellRefs,
    keys: Sequence[tuple[str, str, str]],
) -> None:
    column = _FIRST_VALUE
    for index, width in enumerate(spans):
        if index < len(cells):
            ref = p.put_cell(row, column, width, cells[index])
            if index < len(keys):
                refs[keys[index]] = ref
        else:
            p.put(row, column, None, "value", columns=width)
        column += width


def _row_cells(spec: RowSpec, row: Row | None) -> list[Cell | None]:
    return [None if row is None else row.cell(c.key) for c in spec.columns]


def _write_extra(
    p: _Painter, spec: TableSpec, item: _Item, label_start: int, spans: Sequence[int], refs: CellRefs
) -> None:
    extra = item.extra
    assert extra is not None
    row = p.row
    label = p.put(row, label_start, extra.label, "extra", columns=_FIRST_VALUE - label_start)
    refs[(spec.key, extra_row_key(item.index), "")] = label  # where the row is, for a row with no cells too
    count = max(len(extra.cells), len(spans))
    widths = list(spans) + [spans[-1] if spans else _T3_SLOT] * (count - len(spans))
    keys = [(spec.key, extra_row_key(item.index), f"[{j}]") for j in range(len(extra.cells))]
    _put_values(p, row, widths, list(extra.cells), refs, keys)
    p.row += 1


def _write_table2(p: _Painter, spec: TableSpec, table: Table, refs: CellRefs) -> None:
    items = _items(spec, table, spec.rows)
    group: str | None = None
    spans: list[int] = _spans(3)
    for item in items:
        if item.kind == "row":
            assert item.spec is not None
            spans = _spans(len(item.spec.columns))
            if item.spec.group != group:
                group = item.spec.group
                p.put(p.row, 1, group or "", "caption", columns=GRID)
                p.row += 1
                p.put(p.row, 1, TABLE2_CONTENT, "header", columns=LABEL_COLUMNS)
                column = _FIRST_VALUE
                for col_spec, width in zip(item.spec.columns, spans, strict=True):
                    p.put(p.row, column, col_spec.label, "header", columns=width)
                    column += width
                p.row += 1
            style = "label" if item.row is not None else "absent"
            p.put(p.row, 1, item.spec.label, style, columns=LABEL_COLUMNS)
            keys = [(spec.key, item.spec.key, c.key) for c in item.spec.columns]
            _put_values(p, p.row, spans, _row_cells(item.spec, item.row), refs, keys)
            p.row += 1
        else:
            _write_extra(p, spec, item, 1, spans, refs)


def _write_table3_header(p: _Painter) -> None:
    top = p.row
    p.put(top, 1, TABLE3_NOTE, "note", rows=3, columns=LABEL_COLUMNS)
    p.put(top, _FIRST_VALUE, TABLE3_APPLICANTS, "header", columns=_VALUES)
    columns = TABLE3.rows[0].columns
    p.put(top + 1, _FIRST_VALUE, columns[0].label, "header", rows=2, columns=_T3_SLOT)
    p.put(top + 1, _FIRST_VALUE + _T3_SLOT, TABLE3_LEGAL_PERSONS, "header", columns=_T3_SLOT * 5)
    for index, col_spec in enumerate(columns[1:6], start=1):
        p.put(top + 2, _FIRST_VALUE + index * _T3_SLOT, col_spec.label, "header", columns=_T3_SLOT)
    p.put(top + 1, _FIRST_VALUE + 6 * _T3_SLOT, columns[6].label, "header", rows=2, columns=_T3_SLOT)
    p.heights[top + 2] = 30.0
    p.row = top + 3


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


def _write_table3(p: _Painter, report: Report, table: Table, refs: CellRefs) -> None:
    _write_table3_header(p)
    items = _items(TABLE3, table, _table3_rows(report))
    first = p.row
    depths = [_depth(i.spec) if i.spec is not None else -1 for i in items]
    inner = [n for n, d in enumerate(depths) if d >= 1]
    results = (inner[0], inner[-1]) if inner else (len(items), -1)
    groups: dict[str, list[int]] = {}
    for n, item in enumerate(items):
        if item.spec is not None and _depth(item.spec) == 2 and item.spec.group is not None:
            groups.setdefault(item.spec.group, []).append(n)
    group_ranges = {name: (ns[0], ns[-1]) for name, ns in groups.items()}
    if inner:
        p.put(first + results[0], 1, RESULTS_LABEL, "vertical", rows=results[1] - results[0] + 1)
    for name, (start, end) in group_ranges.items():
        p.put(first + start, 2, name, "group", rows=end - start + 1, columns=2)
    slots = [_T3_SLOT] * 7
    for n, item in enumerate(items):
        in_group = any(start <= n <= end for start, end in group_ranges.values())
        in_results = results[0] <= n <= results[1]
        label_start = 4 if in_group else 2 if in_results else 1
        if item.kind == "extra":
            _write_extra(p, TABLE3, item, label_start, slots, refs)
            continue
        assert item.spec is not None
        style = "label" if item.row is not None else "absent"
        p.put(p.row, label_start, item.spec.label, style, columns=_FIRST_VALUE - label_start)
        keys = [(TABLE3.key, item.spec.key, c.key) for c in item.spec.columns]
        _put_values(p, p.row, slots, _row_cells(item.spec, item.row), refs, keys)
        p.row += 1


def _write_table4(p: _Painter, table: Table, refs: CellRefs) -> None:
    top = p.row
    review, direct, after = TABLE4.rows
    width = _T4_SLOT * 5
    p.put(top, 1, review.label, "header", columns=width)
    p.put(top, 1 + width, direct.group or "", "header", columns=2 * width)
    for index, col_spec in enumerate(review.columns):
        p.put(top + 1, 1 + index * _T4_SLOT, col_spec.label, "header", rows=2, columns=_T4_SLOT)
    for block, row_spec in enumerate((direct, after), start=1):
        start = 1 + block * width
        p.put(top + 1, start, row_spec.label, "header", columns=width)
        for index, col_spec in enumerate(row_spec.columns):
            p.put(top + 2, start + index * _T4_SLOT, col_spec.label, "header", columns=_T4_SLOT)
    p.heights[top + 2] = 30.0
    data = top + 3
    for block, row_spec in enumerate(TABLE4.rows):
        row = table.row(row_spec.key)
        for index, col_spec in enumerate(row_spec.columns):
            column = 1 + block * width + index * _T4_SLOT
            ref = p.put_cell(data, column, _T4_SLOT, None if row is None else row.cell(col_spec.key))
            refs[(TABLE4.key, row_spec.key, col_spec.key)] = ref
    p.heights[data] = 24.0
    p.row = data + 1


def write_report_sheet(ws: Worksheet, report: Report) -> CellRefs:
    """Lay *report* out on *ws* as the official form; returns where each value cell went."""
    if ws.parent is not None:
        register_styles(ws.parent)
    p = _Painter(ws)
    refs: CellRefs = {}
    for column in range(1, GRID + 1):
        ws.column_dimensions[get_column_letter(column)].width = GRID_WIDTH
    p.put(1, 1, report.title, "title", columns=GRID)
    p.heights[1] = 30.0
    p.put(2, 1, report.format.title_zh, "subtitle", columns=GRID)
    p.row = 4
    for spec, table in report.tables():
        p.put(p.row, 1, f"{spec.number}、{spec.title}", "heading", columns=GRID)
        p.heights[p.row] = 24.0
        p.row += 1
        if spec is report.format.table2:
            _write_table2(p, spec, table, refs)
        elif spec.key == "table3":
            _write_table3(p, report, table, refs)
        else:
            _write_table4(p, table, refs)
        p.row += 1
    for row, height in p.heights.items():
        ws.row_dimensions[row].height = height
    ws.freeze_panes = "A3"
    ws.print_title_rows = "1:2"
    ws.page_setup.orientation = "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.sheet_view.showGridLines = False
    return refs
