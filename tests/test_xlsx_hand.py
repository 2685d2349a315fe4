"""Workbooks edited or filled in by hand are read by their labels; hostile files are refused with typed errors."""

from __future__ import annotations

import io
import random
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from gov_disclosure.errors import GovDisclosureError
from gov_disclosure.model import Cell, CellKind, Report
from gov_disclosure.serializers.xlsx import (
    NotAWorkbookError,
    SheetNotFoundError,
    TableNotFoundError,
    UnsafeWorkbookError,
    XlsxLayoutError,
    XlsxLimits,
    from_xlsx,
    read_xlsx,
    to_xlsx,
    workbook_of,
)
from gov_disclosure.testing import random_report


def _form_only(report: Report) -> openpyxl.Workbook:
    """The official-form sheet of *report* alone, as an agency would circulate it (no machine sheets)."""
    wb = workbook_of(report)
    for name in ("cells", "reports", "sections"):
        wb.remove(wb[name])
    return wb


def _save(wb: openpyxl.Workbook) -> io.BytesIO:
    book = io.BytesIO()
    wb.save(book)
    book.seek(0)
    return book


def _find(ws: Worksheet, text: str) -> tuple[int, int]:
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == text:
                return cell.row, cell.column
    raise LookupError(text)


def _report() -> Report:
    return random_report(random.Random(11), "2021")


def _cells(report: Report) -> list[tuple[str, Cell]]:
    return [(str(e.key), e.cell) for e in report.iter_cells()]


def test_form_without_machine_sheets_reads_the_same_values() -> None:
    """The official form alone gives every value, the agency and the year (from the title)."""
    report = _report()
    got = from_xlsx(_save(_form_only(report)))[0]
    assert _cells(got) == _cells(report)
    assert (got.agency, got.report_year, got.format_version) == (report.agency, report.report_year, "2021")


def test_inserted_blank_rows_and_moved_tables() -> None:
    """Blank rows inserted above and inside the tables do not move any value."""
    report = _report()
    wb = _form_only(report)
    ws = wb.worksheets[0]
    row, _ = _find(ws, "2.重复申请")
    ws.insert_rows(row, 2)
    ws.insert_rows(5, 3)
    got = from_xlsx(_save(wb))[0]
    assert _cells(got) == _cells(report)


def test_numbers_as_text_full_width_digits_and_stray_spaces() -> None:
    """``' 12 '``, ``'１２'`` and ``'12'`` stored as text are read as 12."""
    report = _report()
    wb = _form_only(report)
    ws = wb.worksheets[0]
    row, _ = _find(ws, "（一）予以公开")
    ws.cell(row, 10).value = " 12 "
    ws.cell(row, 13).value = "１２"
    ws.cell(row, 16).value = "12"
    got = from_xlsx(_save(wb))[0]
    assert got.table3 is not None
    assert got.table3.granted is not None
    granted = got.table3.granted
    assert (granted.natural_person.value, granted.commercial.value, granted.research.value) == (12, 12, 12)
    assert granted.natural_person.raw == " 12 "


def test_formula_with_cached_value_is_read_and_without_is_a_finding(tmp_path: Path) -> None:
    """A formula's cached result is the value; a formula never calculated is a TEXT cell plus a finding."""
    report = _report()
    wb = _form_only(report)
    ws = wb.worksheets[0]
    row, _ = _find(ws, "（七）总计")
    ws.cell(row, 28).value = f"=SUM(J{row}:Z{row})"  # openpyxl saves no cached value
    path = tmp_path / "formula.xlsx"
    wb.save(path)
    reading = read_xlsx(path)
    total = reading.reports[0].table3.total_processed.total  # type: ignore[union-attr]
    assert total.kind is CellKind.TEXT
    assert total.raw.startswith("=SUM(")
    assert [f.code for f in reading.all_findings] == ["XLSX.FORMULA_NOT_CACHED"]

    # give the formula a cached value, as Excel or LibreOffice would when saving
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    sheet = next(n for n in parts if n.startswith("xl/worksheets/sheet"))
    xml = parts[sheet].decode()
    formula = f"<f>SUM(J{row}:Z{row})</f><v></v>"
    assert formula in xml
    parts[sheet] = xml.replace(formula, f"<f>SUM(J{row}:Z{row})</f><v>4321</v>").encode()
    cached = tmp_path / "cached.xlsx"
    with zipfile.ZipFile(cached, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)
    reading = read_xlsx(cached)
    assert reading.reports[0].table3.total_processed.total.value == 4321  # type: ignore[union-attr]
    assert [f.code for f in reading.all_findings] == ["XLSX.FORMULA"]  # the formula is named (test_xlsx_formulas)


def test_merged_cells_changed_and_extra_rows_kept() -> None:
    """Unmerging the group cells, moving a label, and adding a row the form lacks: all read, the row kept."""
    report = _report()
    wb = _form_only(report)
    ws = wb.worksheets[0]
    for merged in list(ws.merged_cells.ranges):
        ws.unmerge_cells(str(merged))
    row, column = _find(ws, "行政规范性文件")
    ws.insert_rows(row + 1)
    ws.cell(row + 1, 1).value = "其他主动公开文件"
    ws.cell(row + 1, 10).value = 7
    reading = read_xlsx(_save(wb))
    got = reading.reports[0]
    assert _cells(got) == _cells(report)
    assert got.table2 is not None
    assert [(e.label, [c.value for c in e.cells], e.after) for e in got.table2.extra_rows] == [
        ("其他主动公开文件", [7], "normative_docs")
    ]
    assert [f.code for f in reading.all_findings] == ["XLSX.EXTRA_ROW"]
    del column


def test_hand_edit_in_our_workbook_wins_over_the_cells_sheet() -> None:
    """Editing a number in the form of a workbook we wrote changes the value read back."""
    report = _report()
    wb = workbook_of(report)
    ws = wb.worksheets[0]
    row, _ = _find(ws, "（一）予以公开")
    ws.cell(row, 10).value = 99999
    got = from_xlsx(_save(wb))[0]
    assert got.table3 is not None
    assert got.table3.granted is not None
    assert got.table3.granted.natural_person.value == 99999
    assert got.with_cell("table3.granted.natural_person", report.cell("table3.granted.natural_person")) == report  # type: ignore[arg-type]


def test_hand_built_2019_workbook_with_one_sheet_per_table() -> None:
    """A 2019 workbook with 表二, 表三, 表四 on separate sheets is one report, format detected from labels."""
    report = random_report(random.Random(5), "2019")
    wb = _form_only(report)
    source = wb.worksheets[0]
    book = openpyxl.Workbook()
    layout = [
        ("表二", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况"),
        ("表三", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况"),
        ("表四", "四、政府信息公开行政复议、行政诉讼情况", None),
    ]
    del book[book.sheetnames[0]]
    for title, start, end in layout:
        ws = book.create_sheet(title)
        first = _find(source, start)[0]
        last = _find(source, end)[0] - 1 if end else source.max_row
        for r in range(first, last + 1):
            for c in range(1, 31):
                value = source.cell(r, c).value
                if value is not None:
                    ws.cell(r - first + 3, c).value = value
                    ws.cell(r - first + 3, c).number_format = source.cell(r, c).number_format
    got = from_xlsx(_save(book))
    assert len(got) == 1
    assert got[0].format_version == "2019"
    assert _cells(got[0]) == _cells(report)


def test_money_as_float_reads_exact_decimal() -> None:
    """A money cell typed as 96171.6 is Decimal('96171.6'), never a float."""
    report = _report()
    wb = _form_only(report)
    ws = wb.worksheets[0]
    row, _ = _find(ws, "行政事业性收费")
    ws.cell(row, 10).value = 96171.6
    ws.cell(row, 10).number_format = "General"
    got = from_xlsx(_save(wb))[0]
    assert got.table2 is not None
    assert got.table2.fees is not None
    assert got.table2.fees.amount_wan_yuan.value == Decimal("96171.6")
    assert isinstance(got.table2.fees.amount_wan_yuan.value, Decimal)


def test_missing_header_is_a_layout_error_naming_the_cell() -> None:
    """Rows of 表三 without the 自然人 … 总计 header cannot be placed: XlsxLayoutError with sheet and cell."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "填报"
    ws["B4"] = "一、本年新收政府信息公开申请数量"
    ws["C4"] = 5
    ws["B5"] = "二、上年结转政府信息公开申请数量"
    with pytest.raises(XlsxLayoutError) as info:
        from_xlsx(_save(wb))
    assert (info.value.sheet, info.value.cell) == ("填报", "B4")


def test_no_table_and_wrong_sheet_are_typed_errors() -> None:
    """A workbook without tables, or a sheet that does not exist, raise errors naming the sheet."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "说明"
    ws["A1"] = "请填写附表"
    with pytest.raises(TableNotFoundError, match="no recognisable table"):
        from_xlsx(_save(wb))
    with pytest.raises(SheetNotFoundError) as info:
        from_xlsx(_save(workbook_of(_report())), sheet="表三")
    assert info.value.sheet == "表三"
    with pytest.raises(TableNotFoundError) as found:
        from_xlsx(_save(wb), sheet="说明")
    assert found.value.sheet == "说明"


def test_not_a_zip_and_csv_renamed_are_refused(tmp_path: Path) -> None:
    """Plain bytes and a CSV named .xlsx raise NotAWorkbookError (a GovDisclosureError)."""
    csv = tmp_path / "report.xlsx"
    csv.write_text("规章,0,0,0\n", encoding="utf-8")
    with pytest.raises(NotAWorkbookError, match="not a zip"):
        from_xlsx(csv)
    other = tmp_path / "other.xlsx"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(NotAWorkbookError, match="not an XLSX workbook"):
        from_xlsx(other)
    assert issubclass(NotAWorkbookError, GovDisclosureError)


def test_zip_bomb_is_refused_before_openpyxl_reads_it(tmp_path: Path) -> None:
    """A sheet part that inflates a thousand-fold past a megabyte is refused from the zip directory alone."""
    good = tmp_path / "good.xlsx"
    to_xlsx([_report()], good)
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            target.writestr(name, source.read(name))
        target.writestr("xl/media/padding.bin", b"\0" * (20 * 1024 * 1024))
    with pytest.raises(UnsafeWorkbookError, match="zip bomb"):
        from_xlsx(bomb)
    with pytest.raises(UnsafeWorkbookError, match="inflates to"):
        from_xlsx(good, limits=XlsxLimits(max_uncompressed=1000))
    with pytest.raises(UnsafeWorkbookError, match="zip members"):
        from_xlsx(good, limits=XlsxLimits(max_members=3))


def _with_dimension(good: Path, target: Path, dimension: str) -> Path:
    """A copy of *good* whose first sheet declares *dimension* (``""``: no dimension at all)."""
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(target, "w") as out:
        for name in source.namelist():
            data = source.read(name)
            if name == "xl/worksheets/sheet1.xml":
                text = data.decode()
                start = text.index("<dimension ref=")
                end = text.index("/>", start) + 2
                data = (text[:start] + dimension + text[end:]).encode()
            out.writestr(name, data)
    return target


def test_huge_declared_dimension_and_too_many_rows_are_refused(tmp_path: Path) -> None:
    """A sheet declaring A1:XFD1048576, or streaming more rows than allowed, is refused naming the sheet."""
    good = tmp_path / "good.xlsx"
    to_xlsx([_report()], good)
    huge = _with_dimension(good, tmp_path / "huge.xlsx", '<dimension ref="A1:XFD1048576"/>')
    with pytest.raises(UnsafeWorkbookError, match="declares 1048576 rows") as info:
        from_xlsx(huge)
    assert info.value.sheet is not None
    undeclared = _with_dimension(good, tmp_path / "undeclared.xlsx", "")
    assert len(from_xlsx(undeclared)) == 1
    with pytest.raises(UnsafeWorkbookError, match="more than 20 rows"):
        from_xlsx(undeclared, limits=XlsxLimits(max_rows=20))
