"""The HTML check report without a browser: the form's grid is whole, cells show their state, text is escaped."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

import gov_disclosure as gd
from gov_disclosure.check_report import render_html, write_html
from gov_disclosure.check_report.view import CellView, ReportView, TableView, report_view
from gov_disclosure.loader import finish
from gov_disclosure.model import Cell, Report, Table4
from gov_disclosure.render import render_text
from gov_disclosure.render.form_grid import GRID
from gov_disclosure.testing import random_report

_PRINTED = "2.重复申请\t25\t0"


def _view(text: str) -> ReportView:
    return report_view("r1", "a.txt", gd.read_text(text))


def _cell(view: ReportView, cell_id: str) -> CellView:
    return next(c for t in view.tables for row in t.rows for c in row if c.id == cell_id)


def _occupied(table: TableView) -> list[int]:
    """The grid columns each row of *table* fills, counting the boxes of rows above that span into it."""
    spans = [0] * len(table.rows)
    for r, row in enumerate(table.rows):
        for cell in row:
            for below in range(r, r + cell.rowspan):
                spans[below] += cell.colspan
    return spans


@pytest.mark.parametrize("version", ["2019", "2021"])
def test_every_row_of_the_form_fills_the_grid(version: str) -> None:
    """Row spans and column spans add up: no row of an HTML table is short or long, so no cell shifts column."""
    report = random_report(random.Random(7), version)
    view = report_view("r1", "a.txt", gd.read_text(render_text(report)))
    assert [t.key for t in view.tables] == [spec.key for spec, _ in report.tables()]
    for table in view.tables:
        assert set(_occupied(table)) == {GRID}, table.key


def test_the_culprit_shows_its_corrected_value() -> None:
    text = gd.example_report_text()
    view = _view(text.replace(_PRINTED, "2.重复申请\t52\t0"))
    cell = _cell(view, "r1-table3.not_processed_repeat.natural_person")
    assert (cell.text, cell.note, cell.struck) == ("52", "应为 25", True)
    assert "culprit" in cell.classes.split()
    assert "sev-inconsistency" in cell.classes.split()
    neighbour = _cell(view, "r1-table3.not_processed_repeat.commercial")  # named by the row's identity only
    assert "sev-inconsistency" in neighbour.classes.split()
    assert "culprit" not in neighbour.classes.split()
    assert neighbour.note == ""


def test_cell_states_are_each_marked() -> None:
    report = Report(
        format_version="2021",
        agency="某局",
        report_year=2022,
        table4=Table4.from_rows({"review": [Cell.text("1 0 0"), Cell.blank(), Cell.not_applicable("/"), 1, 1]}),
    )
    view = report_view("r1", "a.txt", finish(report))
    upheld = _cell(view, "r1-table4.review.upheld")
    assert (upheld.text, upheld.note, upheld.struck) == ("1 0 0", "无法确定", True)
    assert "undecidable" in upheld.classes.split()
    corrected = _cell(view, "r1-table4.review.corrected")
    assert ("blank" in corrected.classes.split(), corrected.note) == (True, "空白")
    assert _cell(view, "r1-table4.review.other").text == "/"
    direct = _cell(view, "r1-table4.litigation_direct.upheld")
    assert "absent" in direct.classes.split()  # the report has no such row


def test_a_completed_value_is_marked() -> None:
    printed = "不再处理其政府信息公开申请\t67\t3\t0\t0\t1\t0\t71"
    text = gd.example_report_text().replace(printed, "不再处理其政府信息公开申请\t67\t3\t0\t1\t0\t71")
    view = _view(text)
    completed = [c for t in view.tables for row in t.rows for c in row if "completed" in c.classes.split()]
    assert completed
    assert all(c.note == "补全" and "勾稽关系补全" in c.title for c in completed)


def test_report_text_is_escaped() -> None:
    """Agency names, file names, narrative sentences and error messages are text, never markup."""
    text = gd.example_report_text().replace("淮安市人民政府", "<img src=x onerror=alert(1)>", 1)
    page = render_html([("<script>alert(1)</script>.txt", gd.read_text(text)), ("x.txt", "<b>broken</b>")])
    assert "<script>alert(1)" not in page
    assert "<img src=x" not in page
    assert "<b>broken" not in page
    assert "&lt;b&gt;broken&lt;/b&gt;" in page


def test_narrative_sentences_are_cited() -> None:
    text = gd.example_report_text()
    stated = "全市共受理政府信息公开申请3119件"
    assert stated in text
    damaged = gd.read_text(text.replace(stated, "全市共受理政府信息公开申请3219件"))
    page = render_html([("a.txt", damaged)])
    narrative = [f for f in damaged.findings if f.code.startswith("NARR.") and f.evidence]
    assert narrative
    assert narrative[0].evidence is not None
    assert "报告原文" in page
    assert narrative[0].evidence in page


def test_write_html_writes_one_self_contained_page(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    write_html([("a.txt", gd.read_text(gd.example_report_text()))], out)
    page = out.read_text(encoding="utf-8")
    assert page.count("<html") == 1
    for reference in ("http://", "https://", "<link rel=\"stylesheet\"", "<script src"):
        assert reference not in page
    assert "淮安市人民政府" in page
