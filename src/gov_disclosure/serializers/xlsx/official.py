"""Write one report as the official form: tables 二, 三 and 四 of its format on one worksheet.

The form's layout — a grid of 30 narrow columns, every label and value a box of whole grid cells — is
:func:`gov_disclosure.render.form_grid.form_grid`'s; this module paints it: one merged range per box, the named
style of the box on every cell it covers (so borders show on every edge of a merged box), row heights for wrapped
labels.

Numbers are numbers (exact, :mod:`.values`), blanks stay blank, not-applicable marks show their printed text. A
cell that cannot be read as a number with certainty is left **empty**, never text where a number belongs: its
printed text is in the cell's comment (``无法确定数值，原文：0 0 0 0 0 0``). A row the report does not have is shaded
grey; rows the form does not have (:class:`~gov_disclosure.model.ExtraRow`) are inserted where they were printed, in
italics. A value completed from an identity is shaded green, with the identity in its comment.

Given the findings of reading the report, every cell a finding names is filled with the colour of the worst of
them (:data:`~gov_disclosure.render.palette.SEVERITY_FILL`) and the findings are written in its comment, Chinese
then English.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from openpyxl.cell.cell import Cell as SheetCell
from openpyxl.cell.cell import MergedCell
from openpyxl.comments import Comment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange, MultiCellRange
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from gov_disclosure.findings import Finding, worst_severity
from gov_disclosure.model.cells import Cell, CellKind
from gov_disclosure.model.report import Report
from gov_disclosure.records import extra_row_key
from gov_disclosure.render.form_grid import (
    GRID,
    LABEL_COLUMNS,
    RESULTS_LABEL,
    Box,
    CellPlace,
    findings_by_place,
    form_grid,
)
from gov_disclosure.serializers.xlsx.style import GRID_WIDTH, StyleBook, finding_style, lines_needed
from gov_disclosure.serializers.xlsx.text import escape
from gov_disclosure.serializers.xlsx.values import SheetValue, number_is_exact, places_of, sheet_value

__all__ = [
    "COMPLETED_NOTE",
    "GRID",
    "LABEL_COLUMNS",
    "RESULTS_LABEL",
    "UNREADABLE_NOTE",
    "CellRefs",
    "extra_row_key",
    "findings_by_place",
    "write_report_sheet",
]

COMPLETED_NOTE = "未印出，由勾稽关系补全："
"""The start of the comment on a cell whose value was completed from an identity (the identity's name follows)."""

UNREADABLE_NOTE = "无法确定数值，原文："
"""The start of the comment on a cell that cannot be read as a number with certainty (its printed text follows)."""

CellRefs = dict[tuple[str, str, str], str]
"""``(table key, row key, column key) -> "J12"``: where each value cell was written."""


def _cell_note(cell: Cell) -> str | None:
    """A note for cells whose printed text the sheet cannot show: ``原文：22（其中修订16件）``, whose text is not a
    number (``无法确定数值，原文：…``), or whose value was not printed but completed from an identity:
    ``未印出，由勾稽关系补全：T3.RESULTS_SUM:natural_person``."""
    if cell.kind is CellKind.TEXT:
        return f"{UNREADABLE_NOTE}{cell.raw}"
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


def _finding_note(finding: Finding) -> str:
    return f"【{finding.severity.label_zh}】{finding.code}：{finding.message}\n{finding.message_en}"


def _comment(text: str) -> Comment:
    lines = text.count("\n") + 1 + len(text) // 40
    return Comment(escape(text), "gov_disclosure", width=320, height=min(60 + 16 * lines, 400))


def _paint_box(ws: Worksheet, styles: StyleBook, box: Box, style: str) -> None:
    """The style on every cell the box covers (a merged box shows the borders of its edge cells)."""
    for r in range(box.row, box.last_row + 1):
        for c in range(box.column, box.last_column + 1):
            styles.paint(ws.cell(r, c), style)


def _put_value(
    ws: Worksheet, styles: StyleBook, box: Box, named: Sequence[Finding], heights: dict[int, float]
) -> None:
    cell = box.cell
    style: str = box.style
    notes: list[str] = []
    if cell is not None:
        note = _cell_note(cell)
        if note:
            notes.append(note)
        if cell.completed_from is not None:
            style = "completed"
    worst = worst_severity(list(named))
    if worst is not None:
        style = finding_style(worst)
        notes += [_finding_note(f) for f in named]
    _paint_box(ws, styles, box, style)
    if cell is None:
        return
    value, fmt = sheet_value(cell)
    target = ws.cell(box.row, box.column)
    _set(target, value)
    if fmt is not None:
        target.number_format = fmt
    if notes:
        target.comment = _comment("\n".join(notes))
    if isinstance(value, str):
        heights[box.row] = max(heights.get(box.row, 18.0), lines_needed(value, box.columns) * 13.5 + 6)


def _set(target: SheetCell | MergedCell, value: SheetValue) -> None:
    if isinstance(value, str):
        target.value = escape(value)
        target.data_type = "s"  # never a formula, whatever the text starts with
    else:
        target.value = value


def _put_text(ws: Worksheet, styles: StyleBook, box: Box, named: Sequence[Finding], heights: dict[int, float]) -> None:
    text = box.text or ""
    worst = worst_severity(list(named))
    _paint_box(ws, styles, box, box.style if worst is None else finding_style(worst))
    target = ws.cell(box.row, box.column)
    _set(target, text)
    if named:
        target.comment = _comment("\n".join(_finding_note(f) for f in named))
    if box.rows == 1 and box.style != "vertical":
        heights[box.row] = max(heights.get(box.row, 18.0), lines_needed(text, box.columns) * 13.5 + 6)


def write_report_sheet(
    ws: Worksheet,
    report: Report,
    *,
    findings: Iterable[Finding] = (),
    styles: StyleBook | None = None,
) -> CellRefs:
    """Lay *report* out on *ws* as the official form, highlighting the cells *findings* name; returns where each
    value cell went. *styles* is the workbook's :class:`~.style.StyleBook` (made here when not given)."""
    if styles is None:
        assert ws.parent is not None
        styles = StyleBook(ws.parent)
    grid = form_grid(report)
    named: Mapping[CellPlace, list[Finding]] = findings_by_place(findings)
    refs: CellRefs = {}
    heights: dict[int, float] = {}
    merged: list[CellRange] = []
    for column in range(1, GRID + 1):
        ws.column_dimensions[get_column_letter(column)].width = GRID_WIDTH
    for box in grid.boxes:
        found = named.get(box.place, []) if box.place is not None else []
        if box.text is not None:
            _put_text(ws, styles, box, found, heights)
        else:
            _put_value(ws, styles, box, found, heights)
        if box.place is not None:
            refs[box.place] = ws.cell(box.row, box.column).coordinate
        if box.rows > 1 or box.columns > 1:
            merged.append(CellRange(min_row=box.row, min_col=box.column, max_row=box.last_row, max_col=box.last_column))
    ws.merged_cells = MultiCellRange(merged)  # the boxes never overlap: no need to check each against the others
    heights.update(grid.heights)
    for row, height in heights.items():
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
