"""Formulas in a workbook: the saved result is read and the formula reported; links to other workbooks reported.

openpyxl saves a formula without a result (it never calculates), so the workbooks here get their saved results the
way Excel or LibreOffice writes them: a ``<v>`` element beside the ``<f>`` in the sheet XML (:func:`_with_results`).
"""

from __future__ import annotations

import io
import random
import re
import zipfile
from collections.abc import Mapping
from decimal import Decimal

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from gov_disclosure.findings import Severity
from gov_disclosure.model import CellKey, CellKind, Report
from gov_disclosure.serializers.xlsx import read_xlsx, workbook_of
from gov_disclosure.testing import random_report


def _report() -> Report:
    return random_report(random.Random(11), "2021")


def _form(report: Report) -> openpyxl.Workbook:
    """The official form of *report* alone, as an agency fills it in (no machine sheets)."""
    wb = workbook_of(report)
    for name in ("cells", "reports", "sections"):
        wb.remove(wb[name])
    return wb


def _find(ws: Worksheet, text: str) -> int:
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == text:
                return cell.row
    raise LookupError(text)


def _parts(wb: openpyxl.Workbook) -> dict[str, bytes]:
    book = io.BytesIO()
    wb.save(book)
    with zipfile.ZipFile(book) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _with_results(parts: dict[str, bytes], results: Mapping[str, str], sheet: int = 1) -> dict[str, bytes]:
    """*parts* with the saved result ``results[cell]`` written beside the formula of each cell of the *sheet*-th
    sheet (openpyxl writes sheets in order, as ``sheetN.xml``)."""
    name = f"xl/worksheets/sheet{sheet}.xml"
    xml = parts[name].decode()
    for cell, value in results.items():
        pattern = re.compile(rf'(<c r="{cell}"[^>]*>\s*<f>[^<]*</f>)\s*<v\s*/?>(?:</v>)?')
        xml, count = pattern.subn(rf"\g<1><v>{value}</v>", xml)
        assert count == 1, f"no formula at {cell}"
    return {**parts, name: xml.encode()}


def _book(parts: Mapping[str, bytes]) -> io.BytesIO:
    book = io.BytesIO()
    with zipfile.ZipFile(book, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    book.seek(0)
    return book


def _total_row(report: Report) -> tuple[openpyxl.Workbook, int]:
    wb = _form(report)
    return wb, _find(wb.worksheets[0], "（七）总计")


def test_a_formula_with_a_saved_result_is_read_and_named_at_its_cell() -> None:
    """``=SUM(J…:Z…)`` saved as 4321: the cell is 4321, and an INFO finding at the sheet and cell names the formula."""
    wb, row = _total_row(_report())
    ws = wb.worksheets[0]
    ws.cell(row, 28).value = f"=SUM(J{row}:Z{row})"
    where = ws.cell(row, 28).coordinate
    reading = read_xlsx(_book(_with_results(_parts(wb), {where: "4321"})))
    total = reading.reports[0].table3.total_processed.total  # type: ignore[union-attr]
    assert (total.kind, total.value) == (CellKind.NUMBER, 4321)
    [finding] = reading.all_findings
    assert (finding.code, finding.severity) == ("XLSX.FORMULA", Severity.INFO)
    assert finding.evidence == f"=SUM(J{row}:Z{row})"
    assert finding.source is not None
    assert (finding.source.sheet, finding.source.cell) == (ws.title, where)
    assert finding.cells == (CellKey("table3", "total_processed", "total"),)
    assert "4321" in finding.message_en


def test_a_formula_without_a_saved_result_is_no_number() -> None:
    """Never calculated: a TEXT cell holding the formula, flagged; the library does not compute it."""
    wb, row = _total_row(_report())
    wb.worksheets[0].cell(row, 28).value = "=1+1"
    reading = read_xlsx(_book(_parts(wb)))
    total = reading.reports[0].table3.total_processed.total  # type: ignore[union-attr]
    assert (total.kind, total.value, total.raw) == (CellKind.TEXT, None, "=1+1")
    assert [(f.code, f.severity) for f in reading.all_findings] == [("XLSX.FORMULA_NOT_CACHED", Severity.WARNING)]


def test_a_formula_referring_to_another_workbook_is_a_warning() -> None:
    """``=[1]汇总!C5``: the saved result is read, but it was copied from a file that is not here."""
    wb, row = _total_row(_report())
    ws = wb.worksheets[0]
    ws.cell(row, 28).value = "=[1]汇总!C5"
    reading = read_xlsx(_book(_with_results(_parts(wb), {ws.cell(row, 28).coordinate: "77"})))
    assert reading.reports[0].table3.total_processed.total.value == 77  # type: ignore[union-attr]
    assert [(f.code, f.severity) for f in reading.all_findings] == [("XLSX.FORMULA", Severity.WARNING)]


def test_formulas_in_a_workbook_this_library_wrote_are_named_too() -> None:
    """A value of the form replaced by a formula in a written workbook: the form wins, and the formula is named."""
    report = _report()
    wb = workbook_of(report)
    ws = wb.worksheets[0]
    row = _find(ws, "（七）总计")
    ws.cell(row, 10).value = "=2*3"
    reading = read_xlsx(_book(_with_results(_parts(wb), {ws.cell(row, 10).coordinate: "6"})))
    assert reading.reports[0].table3.total_processed.natural_person.value == 6  # type: ignore[union-attr]
    assert [f.code for f in reading.all_findings] == ["XLSX.FORMULA"]


def test_a_formula_in_an_extra_row_is_named() -> None:
    """A row the form lacks, its value a formula: kept as an extra row with the saved result, and named."""
    wb = _form(_report())
    ws = wb.worksheets[0]
    for merged in list(ws.merged_cells.ranges):
        ws.unmerge_cells(str(merged))
    row = _find(ws, "行政规范性文件")
    ws.insert_rows(row + 1)
    ws.cell(row + 1, 1).value = "其他主动公开文件"
    ws.cell(row + 1, 10).value = "=1+2"
    reading = read_xlsx(_book(_with_results(_parts(wb), {ws.cell(row + 1, 10).coordinate: "3"})))
    [extra] = reading.reports[0].table2.extra_rows  # type: ignore[union-attr]
    assert extra.cells[0].value == 3
    assert sorted(f.code for f in reading.all_findings) == ["XLSX.EXTRA_ROW", "XLSX.FORMULA"]


def _cells_row(ws: Worksheet, key: CellKey) -> int:
    """The row of the ``cells`` sheet describing the cell at *key*."""
    header = [c.value for c in ws[1]]
    columns = [header.index(name) for name in ("table", "row_key", "column_key")]
    for n, row in enumerate(ws.iter_rows(min_row=2, values_only=True), start=2):
        if tuple(row[c] for c in columns) == (key.table, key.row, key.column):
            return n
    raise LookupError(key)


def test_formulas_without_saved_results_everywhere_leave_cells_without_values() -> None:
    """Every number of a written workbook — form, ``cells`` and ``reports`` sheets — replaced by a formula never
    calculated (openpyxl saves none): the workbook is read, no count has a value (money, written as a decimal, is
    untouched), each formula cell is flagged, and
    the year is unknown and flagged (was: ``XlsxError`` "a number cell needs a number" for the whole workbook)."""
    report = _report()
    wb = workbook_of(report)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, int) and not isinstance(cell.value, bool):
                    cell.value = f"={cell.value}+1"
    reading = read_xlsx(_book(_parts(wb)))
    [read] = reading.reports
    assert read.report_year is None
    kept = [(e.key, e.cell.value) for e in read.iter_cells() if e.cell.value is not None]
    written = {e.key: e.cell.value for e in report.iter_cells()}
    assert all(isinstance(value, Decimal) and written[key] == value for key, value in kept)  # money
    assert not any(isinstance(value, int) for _, value in kept)
    flagged = {key for f in reading.all_findings if f.code == "XLSX.FORMULA_NOT_CACHED" for key in f.cells}
    formulas = {e.key for e in read.iter_cells() if e.cell.raw.startswith("=")}
    assert formulas
    assert formulas <= flagged
    year = [f for f in reading.all_findings if f.source is not None and f.source.sheet == "reports"]
    assert [(f.code, f.evidence) for f in year] == [("XLSX.FORMULA_NOT_CACHED", f"={report.report_year}+1")]


def test_a_formula_with_a_saved_result_in_the_cells_sheet_is_named() -> None:
    """The ``cells`` sheet's value replaced by a formula whose saved result is the same number: the value stands,
    and the formula is named at its cell of the ``cells`` sheet."""
    report = _report()
    key = CellKey("table3", "total_processed", "natural_person")
    number = report.table3.total_processed.natural_person.value  # type: ignore[union-attr]
    assert isinstance(number, int)
    wb = workbook_of(report)
    ws = wb["cells"]
    row = _cells_row(ws, key)
    value = [c.value for c in ws[1]].index("value") + 1
    ws.cell(row, value).value = f"={number}*1"
    where = ws.cell(row, value).coordinate
    reading = read_xlsx(_book(_with_results(_parts(wb), {where: str(number)}, wb.sheetnames.index("cells") + 1)))
    assert reading.reports[0].table3.total_processed.natural_person.value == number  # type: ignore[union-attr]
    [finding] = reading.all_findings
    assert (finding.code, finding.cells, finding.evidence) == ("XLSX.FORMULA", (key,), f"={number}*1")
    assert finding.source is not None
    assert (finding.source.sheet, finding.source.cell) == ("cells", where)


_LINK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<externalBook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId1"/>'
    "</externalLink>"
)
_LINK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'externalLinkPath" Target="file:///C:/报表/汇总.xlsx" TargetMode="External"/></Relationships>'
)


def test_links_to_other_workbooks_are_reported() -> None:
    """Each ``xl/externalLinks/externalLinkN.xml`` part: one warning naming the linked file."""
    parts = _parts(_form(_report()))
    parts["xl/externalLinks/externalLink1.xml"] = _LINK.encode()
    parts["xl/externalLinks/_rels/externalLink1.xml.rels"] = _LINK_RELS.encode()
    reading = read_xlsx(_book(parts))
    links = [f for f in reading.findings if f.code == "XLSX.EXTERNAL_LINK"]
    assert [(f.severity, f.evidence) for f in links] == [(Severity.WARNING, "xl/externalLinks/externalLink1.xml")]
    assert "file:///C:/报表/汇总.xlsx" in links[0].message_en


@pytest.mark.parametrize("with_link", [False, True])
def test_no_link_no_finding(with_link: bool) -> None:
    """A workbook without link parts has no link finding (the finding above is not made up)."""
    parts = _parts(_form(_report()))
    if with_link:
        parts["xl/externalLinks/externalLink1.xml"] = _LINK.encode()
    codes = [f.code for f in read_xlsx(_book(parts)).findings]
    assert codes.count("XLSX.EXTERNAL_LINK") == int(with_link)
