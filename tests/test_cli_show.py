"""``gov-disclosure show``: the tables as the terminal shows them, flagged cells marked, cell kinds distinct."""

from __future__ import annotations

import io
from pathlib import Path

from click.testing import CliRunner

from gov_disclosure.cli import main
from gov_disclosure.cli.show import MARKS, table_views
from gov_disclosure.examples import example_report_text, load_example
from gov_disclosure.findings import Finding, Severity
from gov_disclosure.loader import ReadResult
from gov_disclosure.model import CellKey
from gov_disclosure.model.cells import Cell


def _rendered(result: ReadResult) -> str:
    from rich.console import Console

    console = Console(width=160, record=True, file=io.StringIO())
    for view in table_views(result):
        console.print(view)
    return console.export_text()


def _line(text: str, label: str) -> str:
    return next(line for line in text.splitlines() if line.strip().startswith(label))


def test_show_example_prints_every_table() -> None:
    result = CliRunner().invoke(main, ["show", "--example"])
    assert result.exit_code == 0, result.output
    titles = ("表二 主动公开政府信息情况", "表三 收到和处理政府信息公开申请情况", "表四 政府信息公开行政复议")
    assert all(title in result.output for title in titles)
    row = _line(result.output, "一、本年新收政府信息公开申请数量").split()[-7:]
    assert row == ["3001", "53", "0", "0", "61", "4", "3119"]


def test_show_marks_the_culprit_and_its_value(tmp_path: Path) -> None:
    path = tmp_path / "wrong.txt"
    path.write_text(example_report_text().replace("\t3119\n", "\t3118\n", 1), encoding="utf-8")
    result = CliRunner().invoke(main, ["show", str(path)])
    assert result.exit_code == 2, result.output
    mark = MARKS[Severity.INCONSISTENCY][0]
    assert _line(result.output, "一、本年新收政府信息公开申请数量").split()[-1] == f"3118{mark}→3119"
    assert "CULPRIT" in result.output


def test_blank_not_printed_undecidable_and_completed_are_distinct() -> None:
    report = (
        load_example()
        .with_cell("table4.review.upheld", Cell.blank())
        .with_cell("table4.review.corrected", Cell.text("6/4"))
        .with_cell("table4.review.other", Cell.completed(178, "T4.REVIEW_SUM"))
        .with_cell("table4.review.pending", Cell.not_printed())
    )
    flagged = Finding(
        code="READ.UNDECIDED",
        severity=Severity.WARNING,
        message="",
        message_en="",
        cells=(CellKey("table4", "review", "corrected"),),
    )
    text = _rendered(ReadResult(report=report, findings=(flagged,)))
    undecided = f"？6/4{MARKS[Severity.WARNING][0]}"
    assert _line(text, "行政复议").split()[1:] == ["空白", undecided, "178*", "未列出", "351"]
