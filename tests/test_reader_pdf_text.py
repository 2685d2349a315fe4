"""Unruled PDFs typeset from the renderer's text (page breaks inside tables): read exactly or flagged, never wrong."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from gov_disclosure.documents import read_bytes
from gov_disclosure.model import Report
from gov_disclosure.render import Damage, render_text
from gov_disclosure.testing import consistent_reports
from gov_disclosure.testing.damage import damages
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
