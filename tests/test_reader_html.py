"""The HTML reader (format-spec §6.2): site chrome, Word soup, spans, blanks, split 表二, JS strings, GBK."""

from __future__ import annotations

import importlib
import random

import pytest
from hypothesis import given, settings

from gov_disclosure.formats.grid import read_grid_tables
from gov_disclosure.model import CellKind, Report
from gov_disclosure.readers import MissingDependencyError
from gov_disclosure.readers.html import read_html, sniff_html
from gov_disclosure.testing import consistent_reports, random_report
from layout_grids import js_embedded, report_html


def _tables(report: Report) -> tuple[object, ...]:
    return (report.table2, report.table2_2019, report.table3, report.table4)


def _read(page: str | bytes, version: str) -> tuple[object, ...]:
    grids = read_grid_tables(read_html(page).grids, version)
    assert grids.findings == ()
    return (grids.table2, grids.table2_2019, grids.table3, grids.table4)


@pytest.mark.property
@given(consistent_reports())
def test_word_soup_page_round_trips(report: Report) -> None:
    """A Word-pasted page (split spans, <br> in headers, site chrome) gives back exactly the report's tables."""
    assert _read(report_html(report, soup=True), report.format_version) == _tables(report)


@pytest.mark.property
@settings(max_examples=15)
@given(consistent_reports())
def test_split_table2_gbk_page_round_trips(report: Report) -> None:
    """表二 split into one <table> per block, on a GB2312-declared page encoded as GBK bytes."""
    page = report_html(report, soup=True, split_table2=True).encode("gbk")
    assert _read(page, report.format_version) == _tables(report)


@pytest.mark.property
@settings(max_examples=15)
@given(consistent_reports())
def test_page_inside_javascript_string_round_trips(report: Report) -> None:
    """HTML served inside a JavaScript string with escaped quotes (``style=\\"…\\"``) is unwrapped and read."""
    assert _read(js_embedded(report_html(report, soup=True)), report.format_version) == _tables(report)


def test_site_chrome_is_dropped_and_article_kept() -> None:
    """Navigation, breadcrumbs, share buttons, related links and the footer are not in the text; the title is."""
    report = random_report(random.Random(7), "2021")
    text = read_html(report_html(report)).text
    lines = text.splitlines()
    assert lines[0].endswith("年政府信息公开工作年度报告")
    for chrome in ("当前位置", "分享到微信", "主办单位", "互动交流", "相关链接", "统计"):
        assert chrome not in text
    assert "一、总体情况" in lines
    assert "五、存在的主要问题及改进情况" in lines


def test_blank_cells_stay_blank_and_rows_are_kept() -> None:
    """``&nbsp;`` and ``<o:p></o:p>`` cells are blank (never zero); a row of blanks is read with its blanks."""
    page = """<table>
    <tr><td colspan=4>第二十条第（一）项</td></tr>
    <tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>
    <tr><td>规章</td><td>&nbsp;</td><td><p class=MsoNormal><o:p></o:p></p></td><td>3</td></tr>
    <tr><td>行政规范性文件</td><td>&nbsp;</td><td>&nbsp;</td><td>&nbsp;</td></tr>
    </table>"""
    grids = read_grid_tables(read_html(page).grids, "2021")
    assert grids.table2 is not None
    regulations, normative = grids.table2.regulations, grids.table2.normative_docs
    assert regulations is not None
    assert normative is not None
    assert [c.kind for _, c in regulations.cells()] == [CellKind.BLANK, CellKind.BLANK, CellKind.NUMBER]
    assert all(c.kind is CellKind.BLANK for _, c in normative.cells())


def test_header_and_data_rows_with_different_colspans() -> None:
    """format-spec §6.2 (Shanghai 2019): header spans (1)(2)(1), data spans (2)(1)(1): aligned by starting column."""
    page = """<table>
    <tr><td colspan=5>第二十条第（五）项</td></tr>
    <tr><td>信息内容</td><td>上一年项目数量</td><td colspan=2>本年<br />增/减</td><td>处理决定数量</td></tr>
    <tr><td>行政许可</td><td colspan=2>12</td><td>-3</td><td>40</td></tr>
    <tr><td>其他对外管理服务事项</td><td colspan=2>5</td><td>+1</td><td>&nbsp;</td></tr>
    </table>"""
    grids = read_grid_tables(read_html(page).grids, "2019")
    assert grids.table2_2019 is not None
    licensing = grids.table2_2019.licensing
    assert licensing is not None
    assert (licensing.prev_year_items.value, licensing.change.value, licensing.decisions.value) == (12, -3, 40)
    other = grids.table2_2019.other_mgmt_services
    assert other is not None
    assert (other.prev_year_items.value, other.change.value, other.decisions.kind) == (5, 1, CellKind.BLANK)
    cells = read_html(page).grids[0].rows[2].cells
    assert [(c.column, c.span) for c in cells] == [(0, 1), (1, 2), (3, 1), (4, 1)]


def test_number_split_across_spans_is_one_number() -> None:
    """A number written as ``<span>44</span><font>7</font>`` is the number 447."""
    page = "<table><tr><td>规章</td><td><span>4</span><span>4</span><font>7</font></td></tr></table>"
    assert read_html(page).grids[0].rows[0].cells[1].text == "447"


def test_rowspan_continuations_carry_the_group_label() -> None:
    """Rows under a rowspan get a ``continued`` copy of the spanning cell at its starting column."""
    page = "<table><tr><td rowspan=2>（三）不予公开</td><td>1.属于国家秘密</td></tr><tr><td>2.其他</td></tr></table>"
    second = read_html(page).grids[0].rows[1].cells
    assert [(c.text, c.column, c.continued) for c in second] == [("（三）不予公开", 0, True), ("2.其他", 1, False)]


def test_unaligned_row_is_flagged_not_guessed() -> None:
    """A 表三 row with 5 cells under a 7-column header is reported (GRID.UNALIGNED) and no number is invented."""
    page = """<table><tr><td>自然人</td><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td>
    <td>其他</td><td>总计</td></tr></table>
    <table><tr><td>（一）予以公开</td><td>1</td><td>2</td><td>3</td><td>4</td><td>10</td></tr></table>"""
    grids = read_grid_tables(read_html(page).grids, "2021")
    assert [f.code for f in grids.findings] == ["GRID.UNALIGNED"]
    assert grids.table3 is None or grids.table3.granted is None


def test_unknown_row_is_kept_as_extra_row() -> None:
    """A provincial extra row (``其他主动公开文件``, format-spec §3.5) is kept, with an INFO finding."""
    page = """<table><tr><td colspan=4>第二十条第（一）项</td></tr>
    <tr><td>信息内容</td><td>本年新制作数量</td><td>本年新公开数量</td><td>对外公开总数量</td></tr>
    <tr><td>规章</td><td>1</td><td>1</td><td>1</td></tr><tr><td>其他主动公开文件</td><td>7</td><td>8</td><td>9</td></tr>
    </table>"""
    grids = read_grid_tables(read_html(page).grids, "2019")
    assert grids.table2_2019 is not None
    assert [(r.label, [c.value for c in r.cells]) for r in grids.table2_2019.extra_rows] == [
        ("其他主动公开文件", [7, 8, 9])
    ]
    assert [f.code for f in grids.findings] == ["GRID.EXTRA_ROW"]


def test_sniff() -> None:
    """HTML is recognised by its doctype or tags; PDF bytes are not HTML."""
    assert sniff_html(b"<!DOCTYPE html><html>") > 0.9
    assert sniff_html(b"<p>a</p><table>") > 0.5
    assert sniff_html(b"%PDF-1.7") == 0.0


def test_missing_extra_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without lxml the reader raises MissingDependencyError naming the ``html`` extra."""

    def fail(name: str) -> object:
        raise ImportError(name)

    monkeypatch.setattr(importlib, "import_module", fail)
    with pytest.raises(MissingDependencyError, match=r"gov-disclosure\[html\]"):
        read_html("<p>x</p>")


def test_bytes_that_do_not_decode_are_reported_not_dropped_silently() -> None:
    """A page whose bytes are not valid in its encoding: the bad sequences are replaced by U+FFFD and reported
    (``READ.BAD_BYTES``, with the byte offset), as for a text file; a page that decodes gets no such finding."""
    page = "<html><body><h1>某局2022年政府信息公开工作年度报告</h1><p>一、总体情况</p></body></html>".encode()
    at = page.index("总体".encode())
    damaged = read_html(page[:at] + b"\xff\xfe" + page[at + 6 :])
    assert [f.code for f in damaged.findings] == ["READ.BAD_BYTES"]
    assert str(at) in damaged.findings[0].message_en
    assert "\ufffd" in damaged.text
    assert read_html(page).findings == ()
