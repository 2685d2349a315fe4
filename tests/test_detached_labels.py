"""Markdown conversions whose table lost its label column: labels on lines of their own, numbers in pipe rows.

PDF-to-markdown tools print a ruled table whose first column they could not place as paragraphs (the row labels,
one per line) followed by a pipe table of numbers only, often under made-up column names (``| 数据1 | 数据2 | …``).
The rows are read back in order when the count matches; when rows were lost, a row takes numbers only where every
placement the identities allow gives it the same numbers — never a neighbour's.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings

from gov_disclosure.loader import read_text
from gov_disclosure.model import Report
from gov_disclosure.model.layout import TABLE3
from gov_disclosure.render import Damage, render_text
from gov_disclosure.testing import consistent_reports
from gov_disclosure.testing.generate import random_report
from roundtrip_check import problems

_NAMES = "| " + " | ".join(f"数据{i}" for i in range(1, 8)) + " |\n|" + "---|" * 7


def _detach(text: str, *, drop: int | None = None) -> str:
    """*text* (rendered with markdown pipes) with 表三's label cells moved above a table of its numbers only.

    *drop*: the index of a row of numbers lost in the conversion."""
    lines = text.split("\n")
    first = next(i for i, line in enumerate(lines) if "一、本年新收" in line)
    last = next(i for i, line in enumerate(lines) if "四、结转下年度" in line)
    labels: list[str] = []
    numbers: list[str] = []
    for line in lines[first : last + 1]:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        labels.extend(c for c in cells if c and not c.replace(".", "").isdigit())
        numbers.append("| " + " | ".join(c for c in cells if c.replace(".", "").isdigit()) + " |")
    if drop is not None:
        del numbers[drop]
    block = "\n".join(labels) + "\n\n" + _NAMES + "\n" + "\n".join(numbers)
    return "\n".join([*lines[:first], block, *lines[last + 1 :]])


def _report(seed: int) -> Report:
    return random_report(random.Random(seed), "2021")


def _table3(report: Report) -> list[tuple[str, object]]:
    return [(str(e.key), e.cell.value) for e in report.iter_cells() if e.key.table == TABLE3.key]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_rows_printed_apart_from_their_labels_are_read_back_in_order(seed: int) -> None:
    report = _report(seed)
    result = read_text(_detach(render_text(report, damage=Damage(separator="markdown"))))
    assert _table3(result.report) == _table3(report)
    assert "READ.DETACHED_ROWS" in {f.code for f in result.findings}


@pytest.mark.property
@settings(max_examples=25, deadline=None)
@given(report=consistent_reports("2021"))
def test_a_lost_row_of_numbers_never_gives_a_row_another_rows_numbers(report: Report) -> None:
    """One row of numbers lost: every cell exact or flagged, and the block is reported."""
    text = _detach(render_text(report, damage=Damage(separator="markdown")), drop=5)
    result = read_text(text)
    assert problems(report, result) == []
    read = {str(e.key) for e in result.report.iter_cells() if e.key.table == TABLE3.key and e.cell.value is not None}
    if len(read) < len(_table3(report)):
        assert "READ.DETACHED_UNCERTAIN" in {f.code for f in result.findings}


def test_a_lost_row_leaves_the_rows_it_may_have_been_unread() -> None:
    """A row lost among rows that differ: the rows after the first place it may be lost are not given numbers."""
    report = _report(4)
    result = read_text(_detach(render_text(report, damage=Damage(separator="markdown")), drop=2))
    values = dict(_table3(result.report))
    assert report.table3 is not None
    assert report.table3.new_received is not None
    assert values["table3.new_received.total"] == report.table3.new_received.total.value
    assert values.get("table3.partial.total") is None  # lost, or its row may be the lost one
    assert "READ.DETACHED_UNCERTAIN" in {f.code for f in result.findings}


def test_columns_named_by_number_are_a_header_not_a_row() -> None:
    report = _report(1)
    result = read_text(_detach(render_text(report, damage=Damage(separator="markdown"))))
    assert not [f for f in result.findings if f.code == "READ.EXTRA_ROW"]
