"""Tables glued into one line (crawler ``page.txt``): cut at the official labels, glued digits solved per table.

A public archive of government pages prints the whole report body on one line, every table cell glued to the next
(``…一、本年新收政府信息公开申请数量640020470二、上年结转…``). The line is cut before every official label
(:mod:`gov_disclosure.parsing.anchors`) and each row's run of digits is split where the identities make it certain.
Where the agency's own arithmetic is wrong, a row whose characters force its split is read as printed and the broken
identity is reported; an identity the final reading breaks never picks a split.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings

from gov_disclosure import load_example
from gov_disclosure.loader import read_text
from gov_disclosure.model import Cell, Report
from gov_disclosure.model.keys import cell_key
from gov_disclosure.parsing.anchors import cuts
from gov_disclosure.parsing.resolve import Equation, solve
from gov_disclosure.render import render_text
from gov_disclosure.testing import consistent_reports
from gov_disclosure.testing.generate import random_report
from roundtrip_check import problems

_CHROME = "当前位置： 首页政务公开政府信息公开年报 微信 微博 QQ空间 全真版 文字版 文件下载 相关链接： --> "


def _one_line(text: str) -> str:
    """*text* as a crawler prints it: the title on a ``标题:`` line, then the body on one line, cells glued."""
    title, _, body = text.partition("\n")
    glued = "".join("".join(line.split("\t")) for line in body.split("\n"))
    return f"标题: {title}\n发布时间: 2022-02-08 16:34\n{_CHROME}{glued} 附件下载\n"


@pytest.mark.property
@settings(max_examples=30, deadline=None)
@given(report=consistent_reports())
def test_a_report_glued_into_one_line_is_exact_or_flagged(report: Report) -> None:
    assert problems(report, read_text(_one_line(render_text(report)))) == []


def test_a_glued_table_reads_its_rows() -> None:
    """The bundled real report (淮安 2024, counts up to 3001) glued into one line: 表三 read whole, each row's run
    split the one way the identities allow. 表二's multi-column rows (``规章000`` …) have no identity, and 表四's
    fifteen numbers glued into one run leave its third group's split open: flagged, never guessed."""
    report = load_example()
    result = read_text(_one_line(render_text(report)))
    assert problems(report, result) == []
    assert result.report.agency == report.agency
    assert [e.cell.value for e in result.report.iter_cells() if e.key.table == "table3"] == [
        e.cell.value for e in report.iter_cells() if e.key.table == "table3"
    ]


def test_an_agency_total_that_breaks_the_identities_is_read_as_printed_and_reported() -> None:
    """（七）总计 printed 0 in every column although the results are not: the agency's error, reported, never
    repaired; the row of seven zeros is read as printed (seven digits for seven columns)."""
    report = load_example()
    zero = Cell.of(0)
    for column in ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other", "total"):
        report = report.with_cell(cell_key("table3", "total_processed", column), zero)
    result = read_text(_one_line(render_text(report)))
    assert result.report.table3 is not None
    assert result.report.table3.total_processed is not None
    assert [c.value for _, c in result.report.table3.total_processed.cells()] == [0] * 7
    assert "T3.BALANCE" in {f.code for f in result.findings}
    assert problems(report, result) == []


def test_a_run_no_reading_explains_is_read_as_its_characters_force_it() -> None:
    """No split of ``0000000`` satisfies the row's identity with the printed total of the next row: the row is read
    as printed (the only split into seven numbers), marked forced — only when the run is the row's own, all of it."""
    equation = Equation((("r", 6),), (("r", 0), ("r", 1), ("r", 2), ("r", 3), ("r", 4), ("r", 5), ("y", 0)))

    def value(_column: int, piece: str) -> tuple[bool, int]:
        return True, int(piece)

    forced = solve(
        ["0000000"], 7, value, row="r", equations=[equation], known={("y", 0): 3}, glued=frozenset({0}), as_printed=True
    )
    assert (forced.pieces, forced.forced) == (("0",) * 7, True)
    unsure = solve(["0000000"], 7, value, row="r", equations=[equation], known={("y", 0): 3}, glued=frozenset({0}))
    assert unsure.pieces == (None,) * 7


def test_narrative_naming_table_rows_is_not_cut() -> None:
    assert cuts("公开行政许可、行政处罚和行政强制信息123条，规章2件", "2021") == ()


def test_a_2021_table_printing_other_processing_as_one_row_is_read_glued() -> None:
    """A 2021 report printing （六）其他处理 as one row (the 2019 layout), glued into one line: the printed total is
    kept as what it is and its three sub-rows are not printed (not zero)."""
    report = load_example()
    text = render_text(report)
    lines = text.split("\n")
    marks = ("（六）其他处理", "申请人逾期未按收费", "\t3.其他\t")
    sub = [i for i, line in enumerate(lines) if any(mark in line for mark in marks)]
    assert len(sub) == 3
    assert report.table3 is not None
    sums = [sum(int(getattr(report.table3, row).cells()[i][1].value or 0) for row in _SIX) for i in range(7)]
    lines[sub[0] : sub[-1] + 1] = ["\t（六）其他处理\t" + "\t".join(map(str, sums))]
    result = read_text(_one_line("\n".join(lines)))
    table3 = result.report.table3
    assert table3 is not None
    assert table3.other_processing is not None
    assert [c.value for _, c in table3.other_processing.cells()] == sums
    assert table3.other_other is not None
    assert {c.kind.name for _, c in table3.other_other.cells()} == {"NOT_PRINTED"}
    assert "READ.ROW_NOT_PRINTED" in {f.code for f in result.findings}


_SIX = ("other_no_correction", "other_fee_unpaid", "other_other")


def test_rows_undecided_alone_are_decided_together() -> None:
    """A generated 2019 report (seed 4) glued into one line: 表三's rows 4.保护第三方合法权益 and 8.属于行政查询事项
    are each open when read alone (their runs split several ways that satisfy every identity checkable with the rows
    read so far), and one way once their readings are pruned together (:mod:`gov_disclosure.parsing.consistency`)."""
    report = random_report(random.Random(4), "2019")
    result = read_text(_one_line(render_text(report)))
    assert problems(report, result) == []
    for row in ("denied_third_party", "denied_admin_query"):
        assert [e.cell.value for e in result.report.iter_cells() if e.key.row == row] == [
            e.cell.value for e in report.iter_cells() if e.key.row == row
        ]
