"""Round-trip property: render a consistent report as damaged text, read it back (issue 4).

For any consistent report and any damage the reader reproduces every cell exactly or flags the cells it could not
decide (TEXT cells, or absent rows, named by a ``READ.UNDECIDED`` or ``READ.ROW_MISSING`` finding) — it never returns
a wrong value. The damage is any combination drawn by :func:`gov_disclosure.testing.damage.damages`.

Below the properties, one deterministic regression per root cause that made the reader return a wrong value.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import given

from gov_disclosure.loader import ReadResult, read_text
from gov_disclosure.model import Cell, CellKey, CellKind, Report
from gov_disclosure.model.versions import FormatVersion
from gov_disclosure.render import Damage, render_text
from gov_disclosure.testing import consistent_reports
from gov_disclosure.testing.damage import damages
from gov_disclosure.testing.generate import random_report
from roundtrip_check import FLAGS, problems


@pytest.mark.property
@given(consistent_reports())
def test_undamaged_text_reads_back_exactly(report: Report) -> None:
    """The official tab-separated layout reads back cell for cell, with no undecided cells."""
    result = read_text(render_text(report))
    assert [(e.key, e.cell.kind, e.cell.value) for e in result.report.iter_cells()] == [
        (e.key, e.cell.kind, e.cell.value) for e in report.iter_cells()
    ]


@pytest.mark.property
@given(report=consistent_reports("2019"), damage=damages())
def test_damaged_2019_text_is_exact_or_flagged(report: Report, damage: Damage) -> None:
    """2019 tables under any combination of damage: every cell exact or flagged, never wrong."""
    assert problems(report, read_text(render_text(report, damage=damage))) == []


@pytest.mark.property
@given(report=consistent_reports("2021"), damage=damages())
def test_damaged_2021_text_is_exact_or_flagged(report: Report, damage: Damage) -> None:
    """2021 tables under any combination of damage: every cell exact or flagged, never wrong."""
    assert problems(report, read_text(render_text(report, damage=damage))) == []


# --- regressions: each text below used to read wrong ---------------------------------------------------------------


def _report(version: FormatVersion, seed: int) -> Report:
    return random_report(random.Random(seed), version)


def _line(text: str, label: str) -> str:
    found = [line for line in text.split("\n") if label in line]
    assert len(found) == 1, found
    return found[0]


def _glue(text: str, label: str) -> str:
    """*text* with the values of the row labelled *label* glued to the label (``规范性文件898989``)."""
    line = _line(text, label)
    head, _, values = line.partition(label)
    return text.replace(line, head + label + "".join(values.split("\t")))


def _flagged(result: ReadResult) -> set[CellKey]:
    return {cell for finding in result.findings if finding.code in FLAGS for cell in finding.cells}


def _cells(report: Report, table: str, row: str) -> list[Cell]:
    return [cell for _, cell in getattr(report, table).row(row).cells()]


def _row(result: ReadResult, table: str, row: str) -> list[object]:
    return [cell.value for cell in _cells(result.report, table, row)]


def _printed(report: Report, table: str, row: str) -> list[object]:
    return [cell.value for cell in _cells(report, table, row)]


def test_values_glued_to_an_enumerated_label_stay_in_their_row() -> None:
    """``1.属于国家秘密0302027``: the run after an enumerated label was kept in the label, so the row was held as a
    label and the next row's values were read into it. The run is now split off and placed by the identities."""
    report = _report("2021", 3)
    result = read_text(_glue(render_text(report), "1.属于国家秘密"))
    assert problems(report, result) == []
    assert _row(result, "table3", "denied_state_secret") == _printed(report, "table3", "denied_state_secret")
    assert _row(result, "table3", "denied_law_prohibited") == _printed(report, "table3", "denied_law_prohibited")


def test_table4_glued_past_the_search_bound_is_flagged() -> None:
    """All fifteen 表四 numbers glued into one run too long to search: the cells were TEXT with no finding."""
    report = _report("2021", 3)
    text = render_text(report, damage=Damage(glued_digits=0))
    t4 = [line for line in text.split("\n") if line.count("\t") == 14 and line.replace("\t", "").isdigit()]
    assert len(t4) == 1
    glued = "".join(f"{int(v) + 10_000_000_000 * (i + 1)}" for i, v in enumerate(t4[0].split("\t")))
    result = read_text(text.replace(t4[0], glued))
    flagged = _flagged(result)
    for row in ("review", "litigation_direct", "litigation_after_review"):
        for column, cell in result.report.table4.row(row).cells():  # type: ignore[union-attr]
            assert cell.kind is CellKind.TEXT
            assert CellKey("table4", row, column) in flagged


def test_enumerated_row_named_like_a_column_is_a_row() -> None:
    """Crawler text, one cell per line: ``3.其他`` (a row of （六）) was taken for the column header 其他 and the row
    was lost; its values are read again."""
    report = _report("2021", 3)
    result = read_text(render_text(report, damage=Damage(separator="cell-per-line")))
    assert problems(report, result) == []
    assert _row(result, "table3", "other_other") == _printed(report, "table3", "other_other")


_UNPAID = "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"


def test_values_after_a_glued_row_are_not_taken_for_its_own() -> None:
    """One cell per line, a row's values glued to its label and the next row's label lost: the next row's values
    completed the glued row, whose seven "values" were then read as exact. A row whose own line holds values and
    that is completed by later lines is now read only through the identities."""
    report = _report("2021", 3)
    text = render_text(report, damage=Damage(separator="cell-per-line"))
    values = [str(cell) for cell in _cells(report, "table3", "other_fee_unpaid")]
    block = "\n\n".join([_UNPAID, *values])
    assert block in text
    assert "\n3.其他\n" in text
    result = read_text(text.replace(block, _UNPAID + "".join(values)).replace("\n3.其他\n", "\n"))
    assert problems(report, result) == []
    assert {cell.kind for cell in _cells(result.report, "table3", "other_fee_unpaid")} == {CellKind.TEXT}


def test_signed_change_glued_to_its_label() -> None:
    """2019 表二 ``行政许可39-5181``: a run with a sign was not split from its label, so the row was lost and its label
    glued to the next one. The sign now fixes where 本年增/减 starts; what cannot be told apart is flagged."""
    text = (
        "某局2020年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（五）项\n"
        "信息内容 上一年项目数量 本年增/减 处理决定数量\n行政许可39-5181\n其他对外管理服务事项 7 -2 5\n"
    )
    result = read_text(text)
    t2 = result.report.table2_2019
    assert t2 is not None
    assert [c.value for _, c in t2.row("other_mgmt_services").cells()] == [7, -2, 5]  # type: ignore[union-attr]
    cells = dict(t2.row("licensing").cells())  # type: ignore[union-attr]
    assert cells["prev_year_items"].value == 39
    assert {cells["change"].kind, cells["decisions"].kind} == {CellKind.TEXT}
    assert {CellKey("table2_2019", "licensing", c) for c in ("change", "decisions")} <= _flagged(result)
    undecided = {f.cells[0].column: f.candidates for f in result.findings if f.code == "READ.UNDECIDED"}
    assert undecided["change"] == (-5181, -518, -51, -5)


def test_split_that_no_identity_checks_is_not_chosen() -> None:
    """``规章 10 1`` for three columns: ``10`` may be ``1`` ``0`` glued, or a blank may have vanished. 表二 has no
    identity to tell; the split was chosen (1, 0, 1). Now every column is flagged."""
    text = (
        "某局2022年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n"
        "信息内容 本年制发件数 本年废止件数 现行有效件数\n规章 10 1\n行政规范性文件 3 0 1\n"
    )
    result = read_text(text)
    t2 = result.report.table2
    assert t2 is not None
    assert {c.kind for _, c in t2.row("regulations").cells()} == {CellKind.TEXT}  # type: ignore[union-attr]
    assert {CellKey("table2", "regulations", c) for c in ("made", "repealed", "valid")} <= _flagged(result)
    assert [c.value for _, c in t2.row("normative_docs").cells()] == [3, 0, 1]  # type: ignore[union-attr]


def test_glued_run_joined_back_with_a_space_in_a_pipe_cell() -> None:
    """A glued markdown row wrapped inside its digits and joined back with a space (what a PDF's hard wrap gives:
    ``| 2.申请人逾期…申请040852225180006 490 |``): the cell was read as a label, held, and prefixed to the next row
    ``3.其他``, whose values were read into ``2.`` as exact. The digits of one cell are now one glued run."""
    report = _report("2021", 51133)
    text = render_text(report, damage=Damage(separator="markdown"))
    line = _line(text, _UNPAID)
    head, _, values = line.partition(_UNPAID)
    run = "".join(values.replace("|", " ").split())
    assert run.isdigit()
    assert len(run) > 4
    wrapped = f"{head}{_UNPAID}{run[:-3]} {run[-3:]} |"
    result = read_text(text.replace(line, wrapped))
    assert problems(report, result) == []
    assert CellKey("table3", "other_other", "total") not in _flagged(result)
    assert _row(result, "table3", "other_other") == _printed(report, "table3", "other_other")


def test_rest_of_a_pipe_row_after_a_wrap_is_its_values() -> None:
    """A pipe row wrapped just after a pipe (``| | | 4.无正当理由大量反复申请 | 2103 | … | 4103 |`` /
    ``3096 | 17206 |``): the second line was a label, its values lost, and the row was read from five values."""
    report = _report("2021", 51722)
    text = render_text(report, damage=Damage(separator="markdown"))
    line = _line(text, "4.无正当理由大量反复申请")
    cut = line.rindex("|", 0, line.rindex("|", 0, line.rindex("|")))
    result = read_text(text.replace(line, f"{line[: cut + 1]}\n{line[cut + 1 :].strip()}"))
    assert problems(report, result) == []
    assert _row(result, "table3", "not_processed_massive") == _printed(report, "table3", "not_processed_massive")
