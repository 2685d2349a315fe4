"""Write reports to an XLSX workbook: one official-form sheet per report, then ``cells``, ``reports``, ``sections``
and, given the findings of reading the reports, ``findings``.

The named styles are registered once per workbook and each sheet's merged ranges set in one assignment, so the
time per report stays the same however many reports a workbook holds (``benchmarks/bench_export.py``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from typing import IO

from openpyxl import Workbook

from gov_disclosure.findings import Finding
from gov_disclosure.model.report import Report
from gov_disclosure.serializers.xlsx.findings_sheet import FINDINGS_SHEET, write_findings_sheet
from gov_disclosure.serializers.xlsx.long import (
    CELLS_SHEET,
    REPORTS_SHEET,
    SECTIONS_SHEET,
    write_cells_sheet,
    write_reports_sheet,
    write_sections_sheet,
)
from gov_disclosure.serializers.xlsx.official import CellRefs, write_report_sheet
from gov_disclosure.serializers.xlsx.style import StyleBook
from gov_disclosure.serializers.xlsx.text import safe_sheet_title

__all__ = ["report_sheet_title", "to_xlsx", "workbook_of"]

_RESERVED = (CELLS_SHEET, REPORTS_SHEET, SECTIONS_SHEET, FINDINGS_SHEET)

Findings = Iterable[Sequence[Finding]]
"""The findings of each report, in the order of the reports."""


def report_sheet_title(report: Report, taken: Iterable[str]) -> str:
    """The sheet name of *report*: year and agency (``2024 淮安市人民政府``), made safe and unique.

    >>> report_sheet_title(Report(format_version="2021", agency="某局", report_year=2022), ())
    '2022 某局'
    >>> report_sheet_title(Report(format_version="2021"), ("报告",))
    '报告 (2)'
    """
    wanted = " ".join(part for part in (str(report.report_year or ""), report.agency or "") if part)
    return safe_sheet_title(wanted, (*_RESERVED, *taken))


def workbook_of(reports: Report | Iterable[Report], *, findings: Findings | None = None) -> Workbook:
    """An openpyxl :class:`~openpyxl.workbook.workbook.Workbook` holding *reports* (see :func:`to_xlsx`)."""
    items = (reports,) if isinstance(reports, Report) else tuple(reports)
    found = None if findings is None else tuple(tuple(f) for f in findings)
    if found is not None and len(found) != len(items):
        raise ValueError(f"{len(items)} reports but findings for {len(found)}")
    wb = Workbook()
    default = wb.active
    styles = StyleBook(wb)
    written: list[tuple[str, Report, CellRefs]] = []
    for index, report in enumerate(items):
        title = report_sheet_title(report, [name for name, _, _ in written])
        ws = wb.create_sheet(title)
        named = () if found is None else found[index]
        written.append((title, report, write_report_sheet(ws, report, findings=named, styles=styles)))
    if default is not None:
        wb.remove(default)
    write_cells_sheet(wb.create_sheet(CELLS_SHEET), written)
    write_reports_sheet(wb.create_sheet(REPORTS_SHEET), [(t, r) for t, r, _ in written])
    write_sections_sheet(wb.create_sheet(SECTIONS_SHEET), [(t, r) for t, r, _ in written])
    if found is not None:
        sheets = [(title, named, refs) for (title, _, refs), named in zip(written, found, strict=True)]
        write_findings_sheet(wb.create_sheet(FINDINGS_SHEET), sheets, styles)
    wb.active = 0
    return wb


def to_xlsx(
    reports: Report | Iterable[Report],
    path: str | os.PathLike[str] | IO[bytes],
    *,
    findings: Findings | None = None,
) -> None:
    """Write *reports* to the workbook *path* (a file name or a binary file object).

    Each report gets a sheet with tables 二, 三 and 四 laid out as the official form of its format; the sheets
    ``cells`` (one row per cell), ``reports`` and ``sections`` follow. :func:`from_xlsx` reads it back to equal
    reports.

    *findings*, one sequence per report (e.g. ``[r.findings for r in results]``), highlights every cell a finding
    names — filled by the worst severity, the findings in the cell's comment — and adds the ``findings`` sheet,
    one row per finding; reading the workbook back ignores that sheet.
    """
    workbook_of(reports, findings=findings).save(path)
