"""Scans of generated reports read by OCR (issue 17): Hypothesis over the report and the degradation (150–300 dpi,
greyscale or colour, ±1.5°, blur, JPEG, speckle, uneven light, a seal), a modest number of examples (each scan is
read by OCR, a few seconds a page). Every cell read is the number printed or is left without a value."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

pytest.importorskip("rapidocr_onnxruntime", reason="the ocr extra reads scans")

from gov_disclosure.loader import read_document
from gov_disclosure.model import Report
from gov_disclosure.ocr.read import read_images
from gov_disclosure.testing import consistent_reports, degradations
from gov_disclosure.testing.scans import Degradation, scan_pages
from layout_grids import report_pdf


@pytest.mark.property
@settings(max_examples=2, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(consistent_reports(), degradations())
def test_every_cell_read_from_a_scan_is_printed_or_left_without_a_value(
    report: Report, degradation: Degradation
) -> None:
    pages = scan_pages(report_pdf(report), degradation)
    result = read_document(read_images(pages, path="scan.pdf", form="pdf", dpi=degradation.dpi, narrative=False))
    wrong = [
        (str(entry.key), entry.cell.value, got.value, got.source)
        for entry in report.iter_cells()
        if (got := result.report.cell(entry.key)) is not None
        and got.value is not None
        and got.value != entry.cell.value
    ]
    assert wrong == []
    flagged = {c for f in result.findings for c in f.cells}
    silent = [
        str(entry.key)
        for entry in report.iter_cells()
        if entry.cell.value is not None
        and ((got := result.report.cell(entry.key)) is None or got.value is None)
        and entry.key not in flagged
        and not any(f.table == entry.key.table and f.row in (None, entry.key.row) for f in result.findings)
    ]
    assert silent == []
