"""The two PDF engines (pdfium, the default, and pdfplumber) read every PDF the tests have into the same document,
report and findings; cells are found by a sorted index that answers as the plain scan does."""

from __future__ import annotations

import io
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import shared_path
from gov_disclosure.errors import LimitExceededError
from gov_disclosure.formats._registry import default_registry
from gov_disclosure.formats.builtin_readers import PdfReader
from gov_disclosure.limits import Limits
from gov_disclosure.loader import read_bytes, read_document
from gov_disclosure.readers._pdf_cells import CharIndex, centre_in
from gov_disclosure.readers._pdf_page import Box, PdfChar
from gov_disclosure.readers._pdf_pdfium import NeedsPdfplumber
from gov_disclosure.readers._pdf_pdfium import read_pages as pdfium_pages
from gov_disclosure.readers._pdf_ruling import Rule, ruled_tables
from gov_disclosure.readers._pdf_streams import inflated_size
from gov_disclosure.readers.errors import OcrRequiredError
from gov_disclosure.readers.pdf import read_pdf
from gov_disclosure.render import Damage, render_text
from gov_disclosure.serializers.json.document import dumps
from gov_disclosure.testing.generate import random_report
from layout_grids import report_pdf, text_pdf

pytest.importorskip("pdfplumber", reason="the pdfplumber engine (the `pdfplumber` extra) is not installed")


def _same_reading(data: bytes) -> None:
    """Both engines give the same document, and the same report JSON and findings from it."""
    pdfium, plumber = read_pdf(data, engine="pdfium"), read_pdf(data, engine="pdfplumber")
    assert pdfium.text == plumber.text
    assert pdfium.grids == plumber.grids
    one, other = read_document(pdfium), read_document(plumber)
    assert dumps(one.report, findings=one.findings) == dumps(other.report, findings=other.findings)


@pytest.fixture(scope="module")
def huaian() -> Path:
    return shared_path("real", "huaian-city-2024.pdf")


def test_the_real_pdf_reads_the_same_with_both_engines(huaian: Path) -> None:
    """淮安 2024 (embedded fonts, ruled tables split over pages): read by pdfium itself, identical to pdfplumber."""
    data = huaian.read_bytes()
    pages = pdfium_pages(data, Limits(), "huaian")  # no fallback: pdfium measures every font of this file
    assert len(pages) == 6
    assert sum(len(page.tables) for page in pages) == 5  # 表二 and 表三 each split over two pages, 表四
    _same_reading(data)


def test_a_page_box_inherited_from_the_page_tree(huaian: Path) -> None:
    """A MediaBox set on the page tree, not on each page (PDF 32000 §7.7.3.4: an inheritable attribute): pdfium
    measures the page by it (A4 here, not a letter page), and both engines read the same document."""
    pypdf = pytest.importorskip("pypdf", reason="pypdf (the `dev` extra) rewrites the PDF")
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(huaian))
    box = writer.pages[0][pypdf.generic.NameObject("/MediaBox")]
    for page in writer.pages:
        for key in ("/MediaBox", "/CropBox"):
            page.pop(pypdf.generic.NameObject(key), None)
    writer.root_object["/Pages"][pypdf.generic.NameObject("/MediaBox")] = box
    out = io.BytesIO()
    writer.write(out)
    data = out.getvalue()
    assert b"/MediaBox" in data
    pages = pdfium_pages(data, Limits(), "inherited")
    assert {page.height for page in pages} == {842.0}  # A4, as printed
    _same_reading(data)
    assert read_pdf(data).text == read_pdf(huaian.read_bytes()).text


def test_the_engine_is_chosen_through_a_registry(huaian: Path) -> None:
    """``PdfReader(engine=…)`` in a registry picks the engine for ``load`` / ``read_bytes``."""
    data = huaian.read_bytes()
    results = []
    for engine in ("pdfium", "pdfplumber"):
        registry = default_registry().with_reader(PdfReader(engine=engine))
        result = read_bytes(data, name="huaian.pdf", registry=registry)
        results.append(dumps(result.report, findings=result.findings))
    assert results[0] == results[1]
    assert '"new_received"' in results[0]


def test_an_unknown_engine_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown PDF engine 'pymupdf'"):
        read_pdf(b"%PDF-1.4\n", engine="pymupdf")  # type: ignore[arg-type]


@pytest.mark.parametrize("seed", [3, 11, 29])
def test_generated_ruled_pdfs_with_page_breaks_read_the_same(seed: int) -> None:
    """reportlab PDFs (tables broken across pages, small and tight cell text): the same with both engines."""
    report = random_report(random.Random(seed))
    for data in (report_pdf(report), report_pdf(report, font_size=5.0), report_pdf(report, grid_lines=False)):
        _same_reading(data)


@pytest.mark.parametrize("leading", [4.0, 0.5])
def test_generated_unruled_pdfs_with_tight_lines_read_the_same(leading: float) -> None:
    """Unruled PDFs typeset line by line, page breaks inside tables, lines 0.5 pt apart beyond the font size."""
    report = random_report(random.Random(7))
    for damage in (None, Damage(seed=5, page_breaks=1, wrapped_labels=True)):
        text = render_text(report, damage=damage)
        _same_reading(text_pdf(text, font_size=8.0, lines_per_page=60, leading=leading))


def test_a_font_pdfium_cannot_measure_is_read_with_pdfplumber() -> None:
    """The generated PDFs use STSong-Light, not embedded: pdfium would drop characters (empty glyph boxes) and
    measure other widths, so the pdfium engine hands such a file to pdfplumber."""
    data = report_pdf(random_report(random.Random(3)))
    with pytest.raises(NeedsPdfplumber, match="STSong-Light"):
        pdfium_pages(data, Limits(), "generated")


def _helvetica_table_pdf(rows: int, leading: float, *, invisible_layer: bool = False) -> bytes:
    """A ruled table of Latin labels and numbers in Helvetica (a standard font: pdfium reads it itself), long enough
    to break across pages, with cell text set tight (*leading* = font size + a little); with *invisible_layer*, each
    page also holds lines of other numbers drawn invisible (text render modes 3 and 7) over the table, as a
    scanner's recognition layer lies over the print."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, TableStyle
    from reportlab.platypus import Table as RLTable

    style = ParagraphStyle("cell", fontName="Helvetica", fontSize=7, leading=leading)
    rng = random.Random(rows)
    data = [
        [Paragraph(f"row {i} label wrapped over two lines of text", style)]
        + [str(rng.choice([0, 7, 12, 305, 4103, 96171])) for _ in range(6)]
        for i in range(rows)
    ]
    table = RLTable(
        data, colWidths=[90.0] + [50.0] * 6, style=TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)])
    )
    buffer = io.BytesIO()

    def recognition_layer(canvas: Any, _doc: object) -> None:
        if invisible_layer:
            canvas.saveState()  # (a render mode lasts as long as the graphics state)
            for line, y in enumerate(range(80, 780, 9)):
                text = canvas.beginText(60, y)
                text.setFont("Helvetica", 7)
                text.setTextRenderMode(3 if line % 2 else 7)
                text.textOut(f"row {line} 999 8 77 6 5555 4")
                canvas.drawText(text)
            canvas.restoreState()

    SimpleDocTemplate(buffer, pagesize=A4).build(
        [Paragraph("Annual report", style), table], onFirstPage=recognition_layer, onLaterPages=recognition_layer
    )
    return buffer.getvalue()


@pytest.mark.parametrize("leading", [7.5, 9.0])
def test_generated_standard_font_tables_are_read_by_pdfium_the_same(leading: float) -> None:
    """A table that pdfium reads itself (no fallback), across a page break, with tight lines: same documents."""
    data = _helvetica_table_pdf(90, leading)
    pages = pdfium_pages(data, Limits(), "generated")
    assert len(pages) >= 2
    assert all(page.tables for page in pages)
    pdfium, plumber = read_pdf(data), read_pdf(data, engine="pdfplumber")
    assert pdfium == plumber
    assert "row 89 label wrapped over two lines of text\t" in pdfium.text


def test_invisible_text_is_not_read() -> None:
    """Text drawn invisible (render modes 3 and 7: what a scanner or ocrmypdf lays over a scan, its own reading of
    the print) is not printed: both engines read the page as if it were not there (pdfium leaves its characters
    out, pdfplumber's device drops them)."""
    printed = _helvetica_table_pdf(60, 9.0)
    layered = _helvetica_table_pdf(60, 9.0, invisible_layer=True)
    assert layered != printed
    plumber = pytest.importorskip("pdfplumber")
    with plumber.open(io.BytesIO(layered)) as pdf:  # the layer is there, in the text pdfplumber itself extracts
        assert "999 8 77 6 5555 4" in (pdf.pages[0].extract_text() or "")
    for engine in ("pdfium", "pdfplumber"):
        assert read_pdf(layered, engine=engine) == read_pdf(printed, engine=engine), engine
    _same_reading(layered)


def test_a_page_of_invisible_text_only_is_a_scan() -> None:
    """A page whose only text is invisible has no printed text: it is read as a scan (by OCR, which finds nothing
    on this blank page), never from the invisible layer."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas as pdf_canvas

    buffer = io.BytesIO()
    page = pdf_canvas.Canvas(buffer, pagesize=A4)
    for y in range(100, 760, 12):
        text = page.beginText(60, y)
        text.setFont("Helvetica", 9)
        text.setTextRenderMode(3)
        text.textOut("Table 3 row 1 12 0 3 4 0 0 19")
        page.drawText(text)
    page.showPage()
    page.save()
    with pytest.raises(OcrRequiredError):  # (OcrUnavailableError without the ocr extra)
        read_pdf(buffer.getvalue())


def _generated_characters(data: bytes) -> set[str]:
    """Every character pdfium's text pages generate (FPDFText_IsGenerated) in PDF *data*."""
    import pypdfium2 as pdfium

    raw, document, generated = pdfium.raw, pdfium.PdfDocument(data), set()
    for index in range(len(document)):
        textpage = document[index].get_textpage()
        for char in range(textpage.count_chars()):
            if raw.FPDFText_IsGenerated(textpage.raw, char) == 1:
                generated.add(chr(raw.FPDFText_GetUnicode(textpage.raw, char)))
    document.close()
    return generated


def test_pdfium_generates_only_blanks(huaian: Path) -> None:
    """The pdfium engine drops blank characters without asking each whether pdfium generated it: that holds while
    pdfium generates only spaces and line ends (on the real PDF, generated and standard-font PDFs, ruled or not)."""
    report = random_report(random.Random(3))
    pdfs = [
        huaian.read_bytes(),
        _helvetica_table_pdf(90, 7.5),
        report_pdf(report),
        report_pdf(report, grid_lines=False),
    ]
    generated = set().union(*map(_generated_characters, pdfs))
    assert generated <= {" ", "\r", "\n"}
    assert " " in generated  # the test sees generated characters


_coordinate = st.floats(min_value=0, max_value=200, allow_nan=False).map(lambda v: round(v * 4) / 4)


@st.composite
def _chars(draw: st.DrawFn) -> PdfChar:
    x0, top = draw(_coordinate), draw(_coordinate)
    width, height = draw(st.sampled_from([0.0, 0.5, 3.0, 7.0])), draw(st.sampled_from([0.0, 1.0, 7.0]))
    return PdfChar("字", x0, x0 + width, top, top + height, max(height, 1.0))


@st.composite
def _boxes(draw: st.DrawFn) -> tuple[float, float, float, float]:
    x0, top = draw(_coordinate), draw(_coordinate)
    return (x0, top, x0 + draw(_coordinate), top + draw(_coordinate))


@pytest.mark.property
@settings(max_examples=300)
@given(st.lists(_chars(), max_size=60), st.lists(_boxes(), min_size=1, max_size=12))
def test_the_sorted_index_answers_as_the_plain_scan(chars: list[PdfChar], boxes: list[tuple[float, ...]]) -> None:
    """Centres on cell edges, equal centres, empty boxes: the same characters in the same order as testing every
    character against every cell."""
    index = CharIndex(chars)
    for box in boxes:
        assert index.inside(box) == [i for i, c in enumerate(chars) if centre_in(c, box)]  # type: ignore[arg-type]


_grid_line = st.integers(min_value=0, max_value=5).map(lambda tens: 10.0 * tens)
_rule_end = _grid_line.flatmap(lambda at: st.sampled_from([at, at + 1, at + 2]))


@st.composite
def _rules(draw: st.DrawFn) -> Rule:
    """A rule on a 10 pt grid, its ends on the grid or 1–2 pt past it (to be joined, or too short)."""
    start, end = sorted((draw(_rule_end), draw(_rule_end)))
    return Rule(draw(st.sampled_from("hv")), draw(_grid_line), start, end)


def _pdfplumber_tables(rules: list[Rule]) -> list[tuple[Box, ...]]:
    """The tables pdfplumber's ``lines`` strategy finds in *rules*, step for step as its TableFinder does."""
    from pdfplumber import table
    from pdfplumber.utils.geometry import filter_edges

    edges = [
        {"orientation": "h", "x0": r.start, "x1": r.end, "top": r.position, "bottom": r.position, "width": r.length,
         "height": 0.0, "object_type": "line"}
        if r.orientation == "h"
        else {"orientation": "v", "x0": r.position, "x1": r.position, "top": r.start, "bottom": r.end, "width": 0.0,
              "height": r.length, "object_type": "line"}
        for r in rules
    ]  # fmt: skip
    edges = filter_edges(table.merge_edges(filter_edges(edges, min_length=1), 3, 3, 3, 3), min_length=3)
    cells = table.intersections_to_cells(table.edges_to_intersections(edges, 3, 3))
    return [tuple(cells) for cells in table.cells_to_tables(cells)]


@pytest.mark.property
@settings(max_examples=400)
@given(st.lists(_rules(), min_size=10, max_size=40))
def test_ruled_tables_are_the_tables_pdfplumber_finds(rules: list[Rule]) -> None:
    """Rules joined, crossing, meeting, too short, apart: the same cells in the same tables, in the same order, as
    pdfplumber's table finder (the pdfplumber engine's). On the grid, so that no two rules are snapped: pdfplumber
    moves each rule of a cluster by the mean's distance from it, which can leave them a rounding error apart (and
    a cell of that height between them), where :func:`ruled_tables` puts them all at the mean."""
    assert [found.cells for found in ruled_tables(rules)] == _pdfplumber_tables(rules)


def test_a_flate_bomb_behind_ascii85_is_counted() -> None:
    """The inflated size is measured through a filter chain (ASCII85, then Flate) found in the file's bytes."""
    import base64
    import zlib

    encoded = base64.a85encode(zlib.compress(b" " * 3_000_000)) + b"~>"
    data = b"%PDF-1.4\n4 0 obj << /Length 9 /Filter [/ASCII85Decode /FlateDecode] >>\nstream\n" + encoded
    assert inflated_size(data + b"\nendstream\nendobj\n", budget=10**9) == 3_000_000
    image = b"5 0 obj << /Subtype /Image /Filter /FlateDecode >> stream\n" + zlib.compress(b"\0" * 10**6)
    assert inflated_size(image + b"\nendstream", budget=10**9) == 0
    with pytest.raises(LimitExceededError, match="max_pdf_inflated"):
        read_pdf(data + b"\nendstream\nendobj\n", limits=Limits(max_pdf_inflated=1_000_000))
