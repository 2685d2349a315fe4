"""A PDF whose pages are printed (a text layer) but for some that are scanned (an image, no text): the scanned pages'
tables are read by OCR in their place — a table may start on a printed page and go on on a scanned one — and a
recognised number is kept only where the identities confirm it; without the ``ocr`` extra, one ``OCR.UNAVAILABLE``
note names the pages. The real 淮安 2024 PDF (its truth file) with its last pages replaced by mild scans of
themselves."""

from __future__ import annotations

import io

import pytest

from conftest import shared_path
from gov_disclosure.loader import ReadResult, read_bytes
from gov_disclosure.testing.truth import Truth, compare

pypdf = pytest.importorskip("pypdf", reason="pypdf (the `dev` extra) puts printed and scanned pages together")
scans = pytest.importorskip("gov_disclosure.testing.scans", reason="the `testing` extra (Pillow, numpy) makes scans")


@pytest.fixture(scope="module")
def real_pdf() -> bytes:
    return shared_path("real", "huaian-city-2024.pdf").read_bytes()


@pytest.fixture(scope="module")
def truth() -> Truth:
    return Truth.load(shared_path("real", "huaian-city-2024.truth.json"))


def _mixed(real_pdf: bytes, first_scanned: int) -> bytes:
    """The real PDF with pages *first_scanned* … replaced by mild scans of themselves (image-only pages)."""
    scanned = pypdf.PdfReader(io.BytesIO(scans.image_pdf(scans.scan_pages(real_pdf, scans.Degradation.MILD), 200)))
    writer = pypdf.PdfWriter()
    for number, page in enumerate(pypdf.PdfReader(io.BytesIO(real_pdf)).pages, start=1):
        writer.add_page(page if number < first_scanned else scanned.pages[number - 1])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def mixed_from_page_4(real_pdf: bytes) -> bytes:
    """Pages 1–3 printed (表二 starts on page 3), 4–6 scanned (the rest of 表二, 表三 and 表四)."""
    return _mixed(real_pdf, 4)


def _origins(result: ReadResult) -> dict[str, set[str | None]]:
    """For each table, the origins of its cells' sources (``"ocr"`` for a recognised cell, None for a printed one)."""
    out: dict[str, set[str | None]] = {}
    for spec, table in result.report.tables():
        for _, _, cell in table.iter_cells():
            if cell.source is not None:
                out.setdefault(spec.key, set()).add(cell.source.origin)
    return out


def test_scanned_pages_among_printed_ones_are_read_by_ocr(mixed_from_page_4: bytes, truth: Truth) -> None:
    pytest.importorskip("rapidocr_onnxruntime", reason="the `ocr` extra reads the scanned pages")
    result = read_bytes(mixed_from_page_4)
    tally = compare(truth, result.report, result.findings).tally
    assert tally.wrong == 0
    assert tally.guessed == 0
    assert tally.correct >= 190  # (200 when this test was written)
    origins = _origins(result)
    assert origins["table2"] == {None, "ocr"}  # printed on page 3, recognised on page 4: one table, stitched
    assert origins["table3"] == {"ocr"}
    assert origins["table4"] == {"ocr"}
    assert any(f.code == "OCR.READ" for f in result.findings)


def test_printed_cells_are_not_held_to_recognition_rules(real_pdf: bytes, truth: Truth) -> None:
    """Only the recognised cells are settled by the identities: a printed 表二 number (no identity) stays read."""
    pytest.importorskip("rapidocr_onnxruntime", reason="the `ocr` extra reads the scanned pages")
    result = read_bytes(_mixed(real_pdf, 6))  # page 6 (no table) scanned: every table printed
    assert compare(truth, result.report, result.findings).tally.correct == 200
    assert _origins(result) == {"table2": {None}, "table3": {None}, "table4": {None}}
    assert not [f for f in result.findings if f.code == "OCR.UNCERTAIN"]


@pytest.mark.usefixtures("without_ocr_extra")
def test_without_the_ocr_extra_the_scanned_pages_are_named(mixed_from_page_4: bytes, truth: Truth) -> None:
    result = read_bytes(mixed_from_page_4)
    notes = [f for f in result.findings if f.code == "OCR.UNAVAILABLE"]
    assert len(notes) == 1
    assert "4, 5, 6" in notes[0].message_en
    assert "gov-disclosure[ocr]" in notes[0].message_en
    tally = compare(truth, result.report, result.findings).tally
    assert tally.wrong == 0
    assert tally.guessed == 0
    assert 0 < tally.correct < 200  # what page 3 prints of 表二 is read; the scanned tables are missing


def test_the_fixture_is_what_it_says(mixed_from_page_4: bytes) -> None:
    """Pages 1–3 have a text layer, pages 4–6 are images only."""
    reader = pypdf.PdfReader(io.BytesIO(mixed_from_page_4))
    texts = [len((page.extract_text() or "").strip()) for page in reader.pages]
    assert all(count > 100 for count in texts[:3])
    assert texts[3:] == [0, 0, 0]
