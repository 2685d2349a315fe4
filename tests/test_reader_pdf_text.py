"""Unruled PDFs typeset from the renderer's text (page breaks inside tables): read exactly or flagged, never wrong."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from gov_disclosure.documents import read_bytes
from gov_disclosure.loader import read_text
from gov_disclosure.model import Report
from gov_disclosure.render import Damage, render_text
from gov_disclosure.testing import consistent_reports
from gov_disclosure.testing.damage import damages
from layout_grids import text_pdf


def _wrong_and_unflagged(report: Report, damage: Damage | None, *, pdf: bool = True) -> list[str]:
    text = render_text(report, damage=damage)
    result = read_bytes(text_pdf(text), name="r.pdf") if pdf else read_text(text)
    assert result.report.source is not None
    assert result.report.source.form == ("pdf" if pdf else "text")
    flagged = {cell for finding in result.findings for cell in finding.cells}
    wrong = []
    for entry in report.iter_cells():
        got = result.report.cell(entry.key)
        same = got is not None and (got.kind, got.value) == (entry.cell.kind, entry.cell.value)
        if not same and entry.key not in flagged:
            wrong.append(str(entry.key))
    return wrong


@pytest.mark.property
@settings(max_examples=8)
@given(consistent_reports())
def test_unruled_pdf_round_trips(report: Report) -> None:
    """Tab-separated table lines become wide gaps in the PDF; the reader turns them back into tabs."""
    assert _wrong_and_unflagged(report, None) == []


@pytest.mark.property
@settings(max_examples=8)
@given(consistent_reports(), damages())
def test_damaged_unruled_pdf_is_no_worse_than_its_text(report: Report, damage: Damage) -> None:
    """With the renderer's extraction damage too, the PDF path adds no error: every cell it reads wrong without a
    flag is one the text reader also gets wrong from the same text (the text reader's own exact-or-flagged
    property is tested in test_read_roundtrip)."""
    assert set(_wrong_and_unflagged(report, damage)) <= set(_wrong_and_unflagged(report, damage, pdf=False))
