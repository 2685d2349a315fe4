"""The minimised inputs of ``../shared/fuzz-repro`` (README there): damage that only removes information — lines
deleted, split or joined — on which the reader once returned a wrong number. Every number returned must be the
truth of the report the input was made from; a cell that cannot be read is flagged, never guessed.

- D1: table 四 lost, a narrative sentence quoting its header (``结果维持 72 件…``) must not become table 四;
- D2: a wrapped piece of （二）部分公开's label (``形，不计其他情形）``) must not name the row ``3.其他``;
- D3: two lines joined (``行政处罚 3985758行政强制 88283``): 3985758 is 行政处罚's, 88283 行政强制's;
- D6: crawler text with one line break inserted: table 四 must not take table 三's glued runs.
"""

from __future__ import annotations

import random
import re
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import SHARED, shared_path
from gov_disclosure import load_example, read_text
from gov_disclosure.loader import read_bytes
from gov_disclosure.model import Report
from gov_disclosure.model.keys import CellKey
from gov_disclosure.render import Damage, render_text
from gov_disclosure.testing.fuzz.oracle import Expectation, judge
from gov_disclosure.testing.generate import random_report
from gov_disclosure.testing.truth import Truth, Verdict, compare
from layout_grids import report_html
from roundtrip_check import problems

TRUTH = {"D6": "crawler/pingtan-2021.truth.json"}
"""The truth file of each reproducer made from a report other than the 淮安 2024 PDF."""

REPROS = sorted((SHARED / "fuzz-repro").glob("*.txt")) or [SHARED / "fuzz-repro"]


@pytest.mark.parametrize("path", REPROS, ids=lambda p: p.stem)
def test_damage_that_removes_information_never_gives_a_wrong_number(path: Path) -> None:
    text = shared_path("fuzz-repro", path.name).read_text(encoding="utf-8")
    truth = Truth.load(shared_path("real", TRUTH.get(path.stem[:2], "huaian-city-2024.truth.json")))
    result = read_text(text)
    comparison = compare(truth, result.report, result.findings)
    assert comparison.having(Verdict.WRONG) == ()
    assert comparison.having(Verdict.GUESSED) == ()


def test_values_glued_before_the_next_label_stay_in_their_row() -> None:
    """D3's mechanism, without ../shared: two lines of 表二 joined, the first row's values glued to the next label."""
    lines = ["某县2024年政府信息公开工作年度报告", "第二十条第（六）项", "信息内容 本年处理决定数量"]
    table = read_text("\n".join([*lines, "行政处罚 3985758行政强制 88283", ""])).report.table2  # (ends with a line)
    assert table is not None
    assert table.punishment is not None
    assert table.coercion is not None
    assert (table.punishment.decisions.value, table.coercion.decisions.value) == (3985758, 88283)


def test_a_text_that_ends_inside_a_number_does_not_give_its_last_number() -> None:
    """Truncation: a text ending right after a digit may have been cut inside that number (``4041.78`` of
    ``4041.785``, ``88283`` of ``882831``); a text ending with a line break (or any blank) was not."""
    lines = ["某县2024年政府信息公开工作年度报告", "第二十条第（六）项", "信息内容 本年处理决定数量", "行政强制 88283"]
    cut = read_text("\n".join(lines))
    whole = read_text("\n".join(lines) + "\n")
    assert cut.report.table2 is not None
    assert whole.report.table2 is not None
    assert cut.report.table2.coercion is None or cut.report.table2.coercion.decisions.value is None
    assert any(f.cells and CellKey("table2", "coercion", "decisions") in f.cells for f in cut.findings)
    assert [f.table for f in cut.findings if f.code == "READ.TEXT_CUT"] == ["table2"]
    assert "READ.TEXT_CUT" not in {f.code for f in whole.findings}
    assert whole.report.table2.coercion is not None
    assert whole.report.table2.coercion.decisions.value == 88283


def test_a_short_label_is_not_found_inside_a_wrapped_piece_of_another() -> None:
    """D2's mechanism: ``形，不计其他情形）`` (the end of （二）部分公开's label) is not the row 3.其他."""
    from gov_disclosure.model.layout import TABLE3
    from gov_disclosure.parsing.labels import match_row

    assert match_row("形，不计其他情形）", TABLE3, version="2021") is None
    found = match_row("3.其他", TABLE3, version="2021")
    assert found is not None
    assert found.key == "other_other"


@pytest.mark.parametrize("cut", ["96171\n.6", "96171.\n6"])
def test_a_number_cut_at_its_decimal_point_is_one_number(cut: str) -> None:
    """A PDF extractor's line break inside 96171.6: read as 96171.6, never 96171 or 6."""
    text = render_text(load_example()).replace("行政事业性收费\t96171.6", "行政事业性收费\t" + cut)
    fees = read_text(text).report.table2
    assert fees is not None
    assert fees.fees is not None
    assert fees.fees.amount_wan_yuan.value == Decimal("96171.6")


def test_a_row_whose_value_was_lost_does_not_lend_its_label_to_the_next() -> None:
    """One cell per line, 行政处罚's value deleted: 行政处罚 / 行政强制 / 88283 — 88283 is 行政强制's, and 行政处罚
    is flagged, not given 88283."""
    lines = render_text(load_example(), damage=Damage(separator="cell-per-line")).split("\n")
    lines.remove("3985758")
    result = read_text("\n".join(lines))
    table = result.report.table2
    assert table is not None
    assert table.punishment is None
    assert table.coercion is not None
    assert table.coercion.decisions.value == 88283
    assert problems(load_example(), result) == []


def test_a_lost_header_cell_does_not_shift_the_columns_of_a_web_page() -> None:
    """A web page whose 法人或其他组织 header cell was deleted: 总计 then sits over the second column, and pairing
    values with headers would give 商业企业's 53 to 总计 and shift the rest. Headers out of the official order are
    not trusted; the seven values of each row are taken in order."""
    report = load_example()
    html = report_html(report)
    cell = re.search(r"<td[^>]*>法人或其他组织</td>", html)
    assert cell is not None
    result = read_bytes((html[: cell.start()] + html[cell.end() :]).encode(), name="report.html")
    assert problems(report, result) == []
    assert result.report.table3 is not None
    assert result.report.table3.new_received is not None
    assert result.report.table3.new_received.commercial.value == 53


def test_a_pipe_row_cut_inside_its_last_cell_does_not_read_what_is_left() -> None:
    """``| 行政强制 | 882`` (the rest, ``83 |  |  |``, lost with the next line): the pipe rows of the text are closed,
    so this one was cut inside its last cell, and 882 is not read as 行政强制's value."""
    report = load_example()
    text = render_text(report, damage=Damage(separator="markdown"))
    cut = text.replace("| 行政强制 | 88283 |  |  |", "| 行政强制 | 882")
    assert cut != text
    result = read_text(cut)
    assert problems(report, result) == []
    table = result.report.table2
    assert table is not None
    assert table.coercion is None or table.coercion.decisions.value is None


def _report_named(name: str) -> Report:
    """The report a reproducer in ``tests/data/fuzz`` was rendered from: the bundled example, or a generated one."""
    if name.startswith("example-"):
        return load_example()
    seed = int(name.split("-", 1)[0].removeprefix("random"))
    return random_report(random.Random(seed), None)


FOUND_HERE = sorted((Path(__file__).parent / "data" / "fuzz").glob("*.txt"))


@pytest.mark.parametrize("path", FOUND_HERE, ids=lambda p: p.stem)
def test_reproducers_found_by_this_projects_fuzzing_read_no_wrong_number(path: Path) -> None:
    """Rendered reports damaged by the real forms' damage modes plus lines deleted, split or joined (found by
    fuzzing in this project): rows printed apart from their labels with a label and a row of numbers both lost
    (the count still matches, the rows shift), a row of numbers cut in two, a column-major list with a number
    split and two joined. Every cell exact or flagged."""
    report = _report_named(path.stem)
    assert problems(report, read_text(path.read_text(encoding="utf-8"))) == []


def test_a_page_whose_format_is_guessed_says_so_when_its_table_is_read_from_the_grid() -> None:
    """Minimised from a rendered 2019 page with the header row deleted and the page cut: one 表二 row, no title,
    no label of either format. The guess was said (READ.FORMAT_GUESSED, on 表二), then dropped with the text
    reader's findings about 表二 when the grid gave 表二."""
    page = "<table><tr><td>规章</td><td>4499</td><td>0</td><td>0</td></tr></table>".encode()
    result = read_bytes(page, name="cut.html")
    assert [f.table for f in result.findings if f.code == "READ.FORMAT_GUESSED"] == ["table2"]


def test_a_grid_row_holding_two_labelled_rows_gives_neither_the_others_numbers() -> None:
    """A quote lost in a page's markup (``<td style='w>1329</td></tr><tr><td style='w'>规范性文件…``) swallows the end
    of 规章's row and the start of the next: the grid row ``规章 924 1757 规范性文件 2967 0 3697`` gave 规章 the
    numbers of 规范性文件. It is read as two rows; 规章, which lost a number, is not read."""
    page = (
        "<p>某县2019年政府信息公开工作年度报告</p><table>"
        "<tr><td colspan='4'>第二十条第（一）项</td></tr>"
        "<tr><td>信息内容</td><td>本年新制作数量</td><td>本年新公开数量</td><td>对外公开总数量</td></tr>"
        "<tr><td>规章</td><td>924</td><td>1757</td><td style='w>1329</td></tr>"
        "<tr><td style='w'>规范性文件</td><td>2967</td><td>0</td><td>3697</td></tr></table>"
    ).encode()
    table = read_bytes(page, name="quote-lost.html").report.table2_2019
    assert table is not None
    assert table.normative_docs is not None
    assert [c.value for _, c in table.normative_docs.cells()] == [2967, 0, 3697]
    assert table.regulations is None or all(c.value in (924, 1757, None) for _, c in table.regulations.cells())


def test_a_table2_row_whose_last_number_goes_on_the_next_line_is_not_read_short() -> None:
    """``行政强制\\t4196\\t-5`` / ``90\\t3469``: -590 cut by a line break; -5 was read (the three printed parts fit the
    three columns). A line of numbers alone after a row's own numbers may continue its last one."""
    text = "某县2020年政府信息公开工作年度报告\n第二十条第（六）项\n信息内容\t上一年项目数量\t本年增/减\t处理决定数量\n"
    table = read_text(text + "行政强制\t4196\t-5\n90\t3469\n").report.table2_2019
    assert table is not None
    row = table.coercion
    assert row is None or [c.value for _, c in row.cells()] in ([4196, -590, 3469], [None, None, None])
    assert row is None or row.change.value != -5


@pytest.mark.parametrize("seed", range(3))
def test_a_text_cut_after_the_first_digit_of_a_rows_last_number_on_a_line_of_its_own(seed: int) -> None:
    """Rendered 2019 text ending ``…215\t45`` / ``5`` (455 cut by a line break, then the text cut after it): the
    lone ``5`` is not read (the text ends right after it), and 45 must not be read either."""
    report = random_report(random.Random(seed), "2019")
    text = render_text(report)
    row = re.search(r"\n[^\n]*（一）予以公开(?:\t\d+)*\t\d*(\d)\n", text)
    assert row is not None
    cut = text[: row.start(1)] + "\n" + row[1]
    assert judge(Expectation.of_report(report), read_text(cut), changes_truth=False).faults == ()
