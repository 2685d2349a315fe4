"""The XLSX export marks what findings name: fills by severity, findings as comments, a ``findings`` sheet; an
unreadable cell is written empty with its printed text in the comment; the workbook still reads back."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

import gov_disclosure as gd
from gov_disclosure.cli import main
from gov_disclosure.findings import Severity
from gov_disclosure.loader import ReadResult
from gov_disclosure.model import Cell, CellKey, Report, Table4
from gov_disclosure.render.palette import COMPLETED_FILL, SEVERITY_FILL
from gov_disclosure.serializers.xlsx import from_xlsx, read_xlsx, to_xlsx, workbook_of
from gov_disclosure.serializers.xlsx.findings_sheet import FINDINGS_COLUMNS, FINDINGS_SHEET
from gov_disclosure.serializers.xlsx.official import UNREADABLE_NOTE

_PRINTED = "2.重复申请\t25\t0"
_CULPRIT = CellKey("table3", "not_processed_repeat", "natural_person")


def _culprit_result() -> ReadResult:
    """The bundled report with 25 misprinted as 52 in 表三 （五）2.重复申请 × 自然人."""
    text = gd.example_report_text()
    assert _PRINTED in text
    return gd.read_text(text.replace(_PRINTED, "2.重复申请\t52\t0"))


def _saved(wb: openpyxl.Workbook) -> openpyxl.Workbook:
    book = io.BytesIO()
    wb.save(book)
    book.seek(0)
    return openpyxl.load_workbook(book)


def _ref(wb: openpyxl.Workbook, key: CellKey, *, sheet: str | None = None) -> str:
    """Where the ``cells`` sheet says *key* was written (on *sheet*, by default the first)."""
    ws = wb["cells"]
    header = [c.value for c in ws[1]]
    at = {name: header.index(name) for name in ("sheet", "table", "row_key", "column_key", "cell")}
    wanted = (sheet or wb.worksheets[0].title, key.table, key.row, key.column)
    for row in ws.iter_rows(min_row=2, values_only=True):
        if (row[at["sheet"]], row[at["table"]], row[at["row_key"]], row[at["column_key"]]) == wanted:
            ref = row[at["cell"]]
            assert isinstance(ref, str)
            return ref
    raise AssertionError(f"{key} is not in the cells sheet")


def test_culprit_cell_is_filled_and_commented() -> None:
    result = _culprit_result()
    culprit = next(f for f in result.findings if f.code == "CULPRIT")
    assert culprit.cells == (_CULPRIT,)
    wb = _saved(workbook_of([result.report], findings=[result.findings]))
    sheet = wb.worksheets[0]
    cell = sheet[_ref(wb, _CULPRIT)]
    assert cell.value == 52  # the number as printed: the form never shows a corrected value as data
    assert cell.fill.fgColor.rgb.endswith(SEVERITY_FILL[Severity.INCONSISTENCY])
    assert cell.comment is not None
    assert "CULPRIT" in cell.comment.text
    assert "应为 25" in cell.comment.text
    assert "the culprit is most likely" in cell.comment.text
    untouched = sheet[_ref(wb, CellKey("table4", "review", "upheld"))]
    assert untouched.comment is None
    assert untouched.fill.fgColor.rgb not in {f"00{c}" for c in SEVERITY_FILL.values()}


def test_findings_sheet_has_one_row_per_finding_linked_to_the_cell() -> None:
    result = _culprit_result()
    wb = _saved(workbook_of([result.report], findings=[result.findings]))
    ws = wb[FINDINGS_SHEET]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == FINDINGS_COLUMNS
    assert len(rows) - 1 == len(result.findings)
    at = {name: i for i, name in enumerate(FINDINGS_COLUMNS)}
    (culprit,) = [r for r in rows[1:] if r[at["code"]] == "CULPRIT"]
    ref = _ref(wb, _CULPRIT)
    assert culprit[at["refs"]] == ref
    assert (culprit[at["expected"]], culprit[at["actual"]]) == (25, 52)
    assert culprit[at["column"]] == "natural_person"
    assert culprit[at["sheet"]] == wb.worksheets[0].title
    link = ws.cell(rows.index(culprit) + 1, at["refs"] + 1).hyperlink
    assert link is not None
    assert link.location == f"'{wb.worksheets[0].title}'!{ref}"


def test_a_workbook_with_findings_reads_back_to_the_same_report() -> None:
    result = _culprit_result()
    book = io.BytesIO()
    to_xlsx([result.report], book, findings=[result.findings])
    book.seek(0)
    assert from_xlsx(book) == (result.report,)


def test_the_findings_sheet_is_not_read_as_a_report_in_a_hand_made_workbook() -> None:
    """Without the machine sheets the workbook is read by label: the findings sheet (its messages full of the
    form's labels) is skipped like the cells sheet, not read as a report or reported as skipped."""
    result = _culprit_result()
    wb = workbook_of([result.report], findings=[result.findings])
    for name in ("cells", "reports", "sections"):
        del wb[name]
    reading = read_xlsx(io.BytesIO(_bytes(wb)))
    assert len(reading.items) == 1
    assert not [f for f in reading.findings if f.code == "XLSX.SHEET_SKIPPED"]


def _bytes(wb: openpyxl.Workbook) -> bytes:
    book = io.BytesIO()
    wb.save(book)
    return book.getvalue()


def test_an_unreadable_cell_is_written_empty_with_its_text_in_the_comment() -> None:
    report = Report(
        format_version="2021",
        agency="某局",
        report_year=2022,
        table4=Table4.from_rows({"review": [Cell.text("0 0 0 0 0 0"), 0, 0, 1, 1]}),
    )
    wb = _saved(workbook_of(report))
    cell = wb.worksheets[0][_ref(wb, CellKey("table4", "review", "upheld"))]
    assert cell.value is None
    assert cell.comment is not None
    assert cell.comment.text == f"{UNREADABLE_NOTE}0 0 0 0 0 0"
    (back,) = from_xlsx(io.BytesIO(_bytes(wb)))
    assert back == report  # the cells sheet keeps the text: the round trip holds


def test_a_completed_value_is_shaded_green() -> None:
    text = gd.example_report_text()
    printed = "不再处理其政府信息公开申请\t67\t3\t0\t0\t1\t0\t71"
    result = gd.read_text(text.replace(printed, "不再处理其政府信息公开申请\t67\t3\t0\t1\t0\t71"))
    completed = [k for k, c in ((e.key, e.cell) for e in result.report.iter_cells()) if c.completed_from]
    assert completed
    wb = _saved(workbook_of(result.report))  # no findings given: only the cell's own state shows
    cell = wb.worksheets[0][_ref(wb, completed[0])]
    assert cell.fill.fgColor.rgb.endswith(COMPLETED_FILL)


def test_findings_must_match_the_reports() -> None:
    with pytest.raises(ValueError, match="2 reports but findings for 1"):
        workbook_of([Report(format_version="2021"), Report(format_version="2021")], findings=[()])


def test_export_a_folder_with_highlights(tmp_path: Path) -> None:
    """``export FOLDER``: every report file in it and its subfolders, in order; the culprit highlighted; the
    findings sheet; ``--no-findings`` writes the reports alone."""
    text = gd.example_report_text()
    (tmp_path / "in" / "b").mkdir(parents=True)
    (tmp_path / "in" / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "in" / "b" / "c.txt").write_text(text.replace(_PRINTED, "2.重复申请\t52\t0"), encoding="utf-8")
    (tmp_path / "in" / "notes.doc").write_bytes(b"not a report form")
    book = tmp_path / "out.xlsx"
    result = CliRunner().invoke(main, ["export", str(tmp_path / "in"), "--xlsx", str(book)])
    assert result.exit_code == 0, result.output
    assert "wrote 2 report(s)" in result.output
    wb = openpyxl.load_workbook(book)
    codes = [row[1] for row in wb[FINDINGS_SHEET].iter_rows(min_row=2, values_only=True)]
    assert "CULPRIT" in codes
    second = wb.worksheets[1]
    assert second.title.endswith("(2)")  # same agency and year twice
    assert "CULPRIT" in second[_ref(wb, _CULPRIT, sheet=second.title)].comment.text
    plain = tmp_path / "plain.xlsx"
    result = CliRunner().invoke(main, ["export", str(tmp_path / "in"), "--xlsx", str(plain), "--no-findings"])
    assert result.exit_code == 0, result.output
    assert FINDINGS_SHEET not in openpyxl.load_workbook(plain).sheetnames
