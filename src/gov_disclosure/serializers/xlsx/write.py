"""Write reports to an XLSX workbook: one official-form sheet per report, then ``cells``, ``reports``, ``sections``."""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import IO

from openpyxl import Workbook

from gov_disclosure.model.report import Report
from gov_disclosure.serializers.xlsx.long import (
    CELLS_SHEET,
    REPORTS_SHEET,
    SECTIONS_SHEET,
    write_cells_sheet,
    write_reports_sheet,
    write_sections_sheet,
)
from gov_disclosure.serializers.xlsx.official import CellRefs, write_report_sheet
from gov_disclosure.serializers.xlsx.text import safe_sheet_title

__all__ = ["report_sheet_title", "to_xlsx", "workbook_of"]

_RESERVED = (CELLS_SHEET, REPORTS_SHEET, SECTIONS_SHEET)


def report_sheet_title(report: Report, taken: Iterable[str]) -> str:
    """The sheet name of *report*: year and agency (``2024 淮安市人民政府``), made safe and unique.

    >>> report_sheet_title(Report(format_version="2021", agency="某局", report_year=2022), ())
    '2022 某局'
    >>> report_sheet_title(Report(format_version="2021"), ("报告",))
    '报告 (2)'
    """
    wanted = " ".join(part for part in (str(report.report_year or ""), report.agency or "") if part)
    return safe_sheet_title(wanted, (*_RESERVED, *taken))


def workbook_of(reports: Report | Iterable[Report]) -> Workbook:
    """An openpyxl :class:`~openpyxl.workbook.workbook.Workbook` holding *reports* (see :func:`to_xlsx`)."""
    items = (reports,) if isinstance(reports, Report) else tuple(reports)
    wb = Workbook()
    default = wb.active
    written: list[tuple[str, Report, CellRefs]] = []
    for report in items:
        title = report_sheet_title(report, [name for name, _, _ in written])
        ws = wb.create_sheet(title)
        written.append((title, report, write_report_sheet(ws, report)))
    if default is not None:
        wb.remove(default)
    write_cells_sheet(wb.create_sheet(CELLS_SHEET), written)
    write_reports_sheet(wb.create_sheet(REPORTS_SHEET), [(t, r) for t, r, _ in written])
    write_sections_sheet(wb.create_sheet(SECTIONS_SHEET), [(t, r) for t, r, _ in written])
    wb.active = 0
    return wb


def to_xlsx(reports: Report | Iterable[Report], path: str | os.PathLike[str] | IO[bytes]) -> None:
    """Write *reports* to the workbook *path* (a file name or a binary file object).

    Each report gets a sheet with tables 二, 三 and 四 laid out as the official form of its format; the sheets
    ``cells`` (one row per cell), ``reports`` and ``sections`` follow. :func:`from_xlsx` reads it back to equal
    reports.
    """
    workbook_of(reports).save(path)
