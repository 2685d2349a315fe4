"""Unruled PDFs typeset from the renderer's text (page breaks inside tables): read exactly or flagged, never wrong."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings

from gov_disclosure.loader import read_bytes
from gov_disclosure.model import Report
from gov_disclosure.render import Damage, render_text
from gov_disclosure.testing import consistent_reports
from gov_disclosure.testing.damage import damages
from gov_disclosure.testing.generate import random_report
from layout_grids import text_pdf
from roundtrip_check import problems


def _problems(report: Report, damage: Damage | None) -> list[str]:
    result = read_bytes(text_pdf(render_text(report, damage=damage)), name="r.pdf")
    assert result.report.source is not None
    assert result.report.source.form == "pdf"
    return problems(report, result)


@pytest.mark.property
@settings(max_examples=8)
@given(consistent_reports())
def test_unruled_pdf_round_trips(report: Report) -> None:
    """Tab-separated table lines become wide gaps in the PDF; the reader turns them back into tabs."""
    assert _problems(report, None) == []


@pytest.mark.property
@settings(max_examples=8)
@given(consistent_reports(), damages())
def test_damaged_unruled_pdf_is_exact_or_flagged(report: Report, damage: Damage) -> None:
    """With any combination of the renderer's extraction damage too, every cell read from the PDF is exact or flagged
    (``READ.UNDECIDED`` / ``READ.ROW_MISSING``), never wrong — the text reader's round-trip property, through a PDF."""
    assert _problems(report, damage) == []


# --- regressions: each PDF below used to read wrong ------------------------------------------------------------------


def test_glued_pipe_row_wrapped_inside_its_digits() -> None:
    """Markdown text with a glued row (``…申请040852225180006490 |``) wider than the page: the PDF wraps it inside the
    digits and the PDF reader joins the wrap back with a space (``…006 490 |``). The cell was taken for a label, the
    row's values were lost and the next row's label and values (``3.其他``) were read into it as exact. Blanks
    between digits in one cell now make one glued run, cut only by the identities."""
    report = random_report(random.Random(51133))
    damage = Damage(
        seed=4248096200,
        separator="markdown",
        repeat_headers=True,
        split_group_labels=True,
        glued_digits=2,
        half_width=True,
        markdown_headings=True,
    )
    text = render_text(report, damage=damage)
    assert "申请040852225180006490 |" in text
    result = read_bytes(text_pdf(text), name="r.pdf")
    assert problems(report, result) == []
    assert result.report.table3 is not None
    assert report.table3 is not None
    for key in ("other_fee_unpaid", "other_other"):
        read, printed = result.report.table3.row(key), report.table3.row(key)
        assert read is not None
        assert printed is not None
        assert [c.value for _, c in read.cells()] == [c.value for _, c in printed.cells()]


def test_pipe_row_wrapped_just_after_a_pipe() -> None:
    """A markdown row wider than the page wrapped just after one of its pipes: ``…|4347|4103|`` / ``3096|17206|``.
    The second line, with no leading pipe, was taken for a label, so the row had five values for seven columns, and
    cutting ``2103`` and ``4347`` (2, 103 … 434, 7) happened to give the row's total 4103: that reading was returned
    as exact. The rest of a wrapped pipe row is now read as its values."""
    report = random_report(random.Random(51722))
    damage = Damage(
        seed=1250698613,
        separator="markdown",
        page_breaks=1,
        wrapped_labels=True,
        vertical_labels=True,
        spacing=True,
        glued_digits=2,
        full_width=True,
        line_width=31,
    )
    result = read_bytes(text_pdf(render_text(report, damage=damage)), name="r.pdf")
    assert problems(report, result) == []
    assert result.report.table3 is not None
    assert report.table3 is not None
    read, printed = result.report.table3.row("not_processed_massive"), report.table3.row("not_processed_massive")
    assert read is not None
    assert printed is not None
    assert [c.value for _, c in read.cells()] == [c.value for _, c in printed.cells()]
