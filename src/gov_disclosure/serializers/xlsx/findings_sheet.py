"""The ``findings`` sheet: one row per finding of every report, linked to the cell it names.

The form an office pastes into its own 通报: which report (its sheet), the code and severity, where (table, row,
column, the cells and their A1 references on the report's sheet — the first one a link), the expected and actual
values, and the message in Chinese and English.

Reading the workbook back ignores this sheet: the findings of a report are those of reading it, and reading the
workbook validates the reports it holds again (:func:`~gov_disclosure.serializers.xlsx.read_xlsx`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from gov_disclosure.findings import Finding
from gov_disclosure.model.cells import Number
from gov_disclosure.serializers.xlsx.official import CellRefs
from gov_disclosure.serializers.xlsx.style import StyleBook, finding_style
from gov_disclosure.serializers.xlsx.text import escape
from gov_disclosure.serializers.xlsx.values import SheetValue, number_is_exact

__all__ = ["FINDINGS_COLUMNS", "FINDINGS_SHEET", "write_findings_sheet"]

FINDINGS_SHEET = "findings"

FINDINGS_COLUMNS: tuple[str, ...] = (
    "sheet",
    "code",
    "severity",
    "severity_zh",
    "table",
    "row",
    "column",
    "cells",
    "refs",
    "expected",
    "actual",
    "message_zh",
    "message_en",
)
"""Columns of the ``findings`` sheet. ``column`` is set when every cell the finding names is in one column;
``cells`` lists the cells (``table3.granted.total``), ``refs`` where they are on the report's sheet (``J12``)."""

_WIDTHS = (22, 18, 14, 8, 10, 22, 14, 34, 10, 10, 10, 80, 80)


def _number(value: Number | None) -> SheetValue:
    if value is None:
        return None
    return value if number_is_exact(value) else str(value)


def _row(sheet: str, finding: Finding, refs: CellRefs) -> tuple[SheetValue, ...]:
    columns = {cell.column for cell in finding.cells}
    where = [refs.get((c.table, c.row, c.column)) for c in finding.cells]
    return (
        sheet,
        finding.code,
        finding.severity.name,
        finding.severity.label_zh,
        finding.table,
        finding.row,
        columns.pop() if len(columns) == 1 else None,
        " ".join(map(str, finding.cells)) or None,
        " ".join(ref for ref in where if ref) or None,
        _number(finding.expected),
        _number(finding.actual),
        finding.message,
        finding.message_en,
    )


def write_findings_sheet(
    ws: Worksheet, reports: Iterable[tuple[str, Sequence[Finding], CellRefs]], styles: StyleBook
) -> None:
    """Fill *ws* with one row per finding of every ``(sheet name, findings, cell references)``; the severity cell
    has the colour the report's sheet gives the cells the finding names."""
    for column, (name, width) in enumerate(zip(FINDINGS_COLUMNS, _WIDTHS, strict=True), start=1):
        ws.cell(1, column, name).font = Font(bold=True)
        ws.column_dimensions[get_column_letter(column)].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(FINDINGS_COLUMNS))}1"
    refs_column = FINDINGS_COLUMNS.index("refs") + 1
    severity_column = FINDINGS_COLUMNS.index("severity") + 1
    at = 1
    for sheet, findings, refs in reports:
        for finding in findings:
            at += 1
            values = _row(sheet, finding, refs)
            for column, value in enumerate(values, start=1):
                if value is None:
                    continue
                cell = ws.cell(at, column)
                if isinstance(value, str):
                    cell.value = escape(value)
                    cell.data_type = "s"
                else:
                    cell.value = value
            styles.paint(ws.cell(at, severity_column), finding_style(finding.severity))
            first = values[refs_column - 1]
            if isinstance(first, str):
                link = ws.cell(at, refs_column)
                quoted = sheet.replace("'", "''")
                link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{quoted}'!{first.split()[0]}")
