"""The DOCX and PDF readers on generated files: merged cells, page breaks inside tables, no text layer."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings

from gov_disclosure.formats.grid import read_grid_tables
from gov_disclosure.model import Report
from gov_disclosure.readers import OcrRequiredError, ReaderError
from gov_disclosure.readers.docx import read_docx, sniff_docx
from gov_disclosure.readers.pdf import read_pdf, sniff_pdf
from gov_disclosure.testing import consistent_reports
from layout_grids import report_docx, report_pdf


def _tables(report: Report) -> tuple[object, ...]:
    return (report.table2, report.table2_2019, report.table3, report.table4)


@pytest.mark.property
@settings(max_examples=10)
@given(consistent_reports())
def test_docx_with_merged_cells_round_trips(report: Report) -> None:
    """gridSpan/vMerge merged cells are expanded and aligned: the tables come back exactly."""
    document = read_docx(report_docx(report))
    grids = read_grid_tables(document.grids, report.format_version)
    assert grids.findings == ()
    assert (grids.table2, grids.table2_2019, grids.table3, grids.table4) == _tables(report)
    assert document.text.splitlines()[0].endswith("年政府信息公开工作年度报告")


def test_docx_merged_cells_keep_start_column_and_span() -> None:
    """A vMerge continuation is marked ``continued``; a gridSpan cell keeps its span."""
    import docx

    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 2)).text = "第二十条第（一）项"
    table.cell(1, 0).merge(table.cell(2, 0)).text = "组"
    table.cell(1, 1).text = "1"
    table.cell(2, 2).text = "2"
    buffer = io.BytesIO()
    document.save(buffer)
    rows = read_docx(buffer.getvalue()).grids[0].rows
    assert [(c.text, c.column, c.span) for c in rows[0].cells] == [("第二十条第（一）项", 0, 3)]
    expected = [("组", 0, True), ("", 1, False), ("2", 2, False)]
    assert [(c.text, c.column, c.continued) for c in rows[2].cells] == expected


@pytest.mark.property
@settings(max_examples=6)
@given(consistent_reports())
def test_ruled_pdf_with_page_breaks_round_trips(report: Report) -> None:
    """A reportlab PDF (STSong-Light) whose tables break across pages is stitched and read exactly."""
    document = read_pdf(report_pdf(report))
    grids = read_grid_tables(document.grids, report.format_version)
    assert grids.findings == ()
    assert (grids.table2, grids.table2_2019, grids.table3, grids.table4) == _tables(report)
    assert "- 1 -" not in document.text


def test_generated_pdf_really_breaks_a_table_across_pages() -> None:
    """The generator's 表三 does cross a page boundary (so stitching is exercised), and is read as one grid."""
    import random

    import pdfplumber

    from gov_disclosure.testing import random_report

    report = random_report(random.Random(0), "2021")
    data = report_pdf(report)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        per_page = [len(page.find_tables()) for page in pdf.pages]
    assert len(per_page) >= 2
    assert sum(per_page) > 3
    assert len(read_pdf(data).grids) == 3


def test_pdf_without_text_layer_needs_ocr() -> None:
    """A PDF holding only graphics (a scan) raises OcrRequiredError that says OCR is needed."""
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.rect(100, 100, 300, 300, fill=1)
    page.showPage()
    page.save()
    with pytest.raises(OcrRequiredError, match="OCR"):
        read_pdf(buffer.getvalue())


def test_damaged_files_raise_reader_errors() -> None:
    """Bytes that are not a PDF / DOCX raise ReaderError, not a library traceback."""
    with pytest.raises(ReaderError, match="PDF"):
        read_pdf(b"%PDF-1.4 garbage")
    with pytest.raises(ReaderError, match="docx"):
        read_docx(b"PK\x03\x04 not really a zip")


def test_sniffers() -> None:
    """PDF and DOCX are recognised by their bytes."""
    import random

    from gov_disclosure.testing import random_report

    docx_bytes = report_docx(random_report(random.Random(1)))
    assert sniff_docx(docx_bytes) == 1.0
    assert sniff_pdf(docx_bytes) == 0.0
    assert sniff_pdf(b"%PDF-1.7\n") == 1.0
    assert sniff_docx(b"%PDF-1.7\n") == 0.0
