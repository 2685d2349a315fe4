"""The machine-readable sheets: ``cells`` (one row per cell), ``reports`` and ``sections``.

``cells`` is the long format for pandas, DuckDB and pivot tables (spec/keys.md: "One vocabulary for the model's
attribute names, JSON keys, XLSX long-format columns"). Together with ``reports`` (one row per report sheet:
agency, year, format, tables present) and ``sections`` (the narrative text) it holds every part of every
report, so the workbook reads back losslessly even where the official layout cannot show a detail (the raw
text of a cell, an annotation, a row the report lacks).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from gov_disclosure.model.report import SECTION_TITLES, Report
from gov_disclosure.records import CellRecord, report_records
from gov_disclosure.serializers.xlsx.official import CellRefs
from gov_disclosure.serializers.xlsx.text import escape
from gov_disclosure.serializers.xlsx.values import SheetValue, sheet_value

__all__ = [
    "CELLS_COLUMNS",
    "CELLS_SHEET",
    "MAX_TEXT",
    "REPORTS_COLUMNS",
    "REPORTS_SHEET",
    "SECTIONS_COLUMNS",
    "SECTIONS_SHEET",
    "long_rows",
    "write_cells_sheet",
    "write_reports_sheet",
    "write_sections_sheet",
]

CELLS_SHEET = "cells"
REPORTS_SHEET = "reports"
SECTIONS_SHEET = "sections"

CELLS_COLUMNS: tuple[str, ...] = (
    "sheet",
    "agency",
    "report_year",
    "format_version",
    "table",
    "row_key",
    "column_key",
    "table_label",
    "row_label",
    "column_label",
    "value",
    "kind",
    "raw",
    "annotation",
    "unit",
    "after",
    "cell",
    "completed_from",
)
"""Columns of the ``cells`` sheet. ``value`` is a number (text when a spreadsheet number would not be exact);
``kind`` is ``not_printed`` for a cell of a row the report does not print; ``after`` is set for extra rows only (the
key of the official row they follow); ``cell`` is the A1 reference of the cell in the report's sheet;
``completed_from`` names the identity a value not printed in its cell was completed from
(``T3.RESULTS_SUM:natural_person``). A sheet without the last column (written before it existed) is read too."""

REPORTS_COLUMNS: tuple[str, ...] = ("sheet", "agency", "report_year", "format_version", "tables")
"""Columns of the ``reports`` sheet; ``tables`` lists the tables present (``table2 table3 table4``)."""

SECTIONS_COLUMNS: tuple[str, ...] = ("sheet", "section", "heading", "text")
"""Columns of the ``sections`` sheet; a text longer than a cell can hold continues on the next rows."""

MAX_TEXT = 4_000
"""Characters of section text per cell: escaped (at most 7 characters each) it stays within Excel's 32,767."""


def long_rows(report: Report) -> Iterator[CellRecord]:
    """Every cell of *report* as a row of the ``cells`` sheet: its long-format record
    (:func:`~gov_disclosure.records.report_records`), extra rows included (``extra_rows[0]``, ``[0]``…)."""
    return report_records(report)


def _put_row(ws: Worksheet, row: int, values: Sequence[SheetValue], formats: dict[int, str] | None = None) -> None:
    """Write *values* in row *row* of *ws* (the caller counts rows: asking the sheet its last row costs a pass over
    every cell written so far)."""
    for column, value in enumerate(values, start=1):
        if value is None or value == "":
            continue
        cell = ws.cell(row, column)
        if isinstance(value, str):
            cell.value = escape(value)
            cell.data_type = "s"
        else:
            cell.value = value
        if formats and column in formats:
            cell.number_format = formats[column]


def _header(ws: Worksheet, columns: Sequence[str], widths: Sequence[float]) -> None:
    _put_row(ws, 1, columns)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}1"
    for column, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(column)].width = width
    for cell in ws[1]:
        cell.font = Font(bold=True)


def write_cells_sheet(ws: Worksheet, reports: Iterable[tuple[str, Report, CellRefs]]) -> None:
    """Fill *ws* with one row per cell of every ``(sheet name, report, cell references)``: the long-format records
    (:mod:`gov_disclosure.records`) with the report's sheet name and the cell's A1 reference there."""
    _header(ws, CELLS_COLUMNS, (18, 18, 8, 8, 12, 28, 16, 30, 40, 26, 12, 14, 16, 16, 8, 16, 8, 30))
    value_column = CELLS_COLUMNS.index("value") + 1
    at = 1
    for sheet, report, refs in reports:
        for record in long_rows(report):
            value, fmt = sheet_value(record.cell()) if record.value is not None else (None, None)
            at += 1
            _put_row(
                ws,
                at,
                (
                    sheet,
                    record.agency,
                    record.report_year,
                    record.format_version,
                    record.table,
                    record.row_key,
                    record.column_key,
                    record.table_label,
                    record.row_label,
                    record.column_label,
                    value,
                    record.kind.value,
                    record.raw,
                    record.annotation,
                    record.unit,
                    record.after,
                    refs.get((record.table, record.row_key, record.column_key)),
                    record.completed_from,
                ),
                {value_column: fmt} if fmt else None,
            )


def write_reports_sheet(ws: Worksheet, reports: Iterable[tuple[str, Report]]) -> None:
    """Fill *ws* with one row per report: its sheet, agency, year, format and the tables it has."""
    _header(ws, REPORTS_COLUMNS, (24, 30, 12, 14, 30))
    for at, (sheet, report) in enumerate(reports, start=2):
        tables = " ".join(spec.key for spec, _ in report.tables())
        _put_row(ws, at, (sheet, report.agency, report.report_year, report.format_version, tables))


def write_sections_sheet(ws: Worksheet, reports: Iterable[tuple[str, Report]]) -> None:
    """Fill *ws* with the narrative sections of every report (absent sections have no row)."""
    _header(ws, SECTIONS_COLUMNS, (24, 18, 36, 100))
    headings = dict(SECTION_TITLES)
    at = 1
    for sheet, report in reports:
        for key, text in report.sections.items():
            if text is None:
                continue
            parts = [text[i : i + MAX_TEXT] for i in range(0, len(text), MAX_TEXT)] or [""]
            for part in parts:
                at += 1
                _put_row(ws, at, (sheet, key, headings[key], part))
