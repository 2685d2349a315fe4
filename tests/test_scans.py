"""The test-scan tools of :mod:`gov_disclosure.testing.scans` (issue 17): image-only PDFs, measurable skew, a red
seal over a table, determinism, sizes from the resolution.

The real pages are ``../shared/real/huaian-city-2024.pdf`` (pages 4–5 hold 表二 and 表三 with their rulings); the
generated ones are ruled reportlab PDFs of generated reports (``tests/layout_grids.py``).
"""

from __future__ import annotations

import io
import math
import random
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from PIL import Image

import gov_disclosure as gd
from conftest import shared_path
from gov_disclosure.readers import OcrRequiredError
from gov_disclosure.testing import degradations, random_report
from gov_disclosure.testing.scans import (
    Degradation,
    degrade,
    image_pdf,
    png_bytes,
    render_pages,
    scan_pages,
    scan_pdf,
)
from layout_grids import report_pdf

A4_POINTS = (595, 842)
"""The real PDF's pages: A4 in PDF points."""
DPI = 150
"""The resolution of the tests' renders: enough for 0.5-point rulings, quick on two shared cores."""


@pytest.fixture(scope="module")
def real_pdf() -> bytes:
    return shared_path("real", "huaian-city-2024.pdf").read_bytes()


@pytest.fixture(scope="module")
def real_pages(real_pdf: bytes) -> list[Image.Image]:
    """The real PDF's six pages at 150 dpi, clean."""
    return render_pages(real_pdf, DPI)


@pytest.fixture(scope="module")
def real_scan(real_pdf: bytes) -> bytes:
    """The real PDF scanned with the mild degradation (200 dpi greyscale): an image-only PDF."""
    return scan_pdf(real_pdf, Degradation.MILD)


@pytest.fixture(scope="module")
def generated_pdf() -> bytes:
    return report_pdf(random_report(random.Random(17), "2021"))


def _text_chars(pdf: bytes) -> list[int]:
    """The number of characters in each page's text layer, as pypdfium2 reads it."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    counts = []
    for index in range(len(document)):
        textpage = document[index].get_textpage()
        counts.append(textpage.count_chars())
        textpage.close()
    document.close()
    return counts


def _page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    sizes = [tuple(document[index].get_size()) for index in range(len(document))]
    document.close()
    return sizes


def _ruling_rows(image: Image.Image) -> np.ndarray:
    """Pixel rows dark over at least half the width: a table's long horizontal rulings (measured here, not with the
    module's own helper)."""
    dark = np.asarray(image.convert("L")) < 128
    return np.flatnonzero(dark.mean(axis=1) >= 0.5)


def _tilt_degrees(image: Image.Image) -> float:
    """The angle of the page's long horizontal lines, in degrees, positive when they fall to the right (image rows
    grow downwards): the angle *a* at which shearing the dark pixels by ``y - x·tan a`` piles the most of them into
    one row (a projection profile, in steps of 0.02°)."""
    ys, xs = np.nonzero(np.asarray(image.convert("L")) < 100)
    best, best_peak = 0.0, -1
    for angle in np.arange(-3.0, 3.0001, 0.02):
        rows = np.round(ys - xs * math.tan(math.radians(angle))).astype(np.int64)
        peak = int(np.bincount(rows - rows.min()).max())
        if peak > best_peak:
            best, best_peak = float(angle), peak
    return best


def _red(image: Image.Image) -> np.ndarray:
    """A mask of the seal-red pixels: red well above green and blue."""
    rgb = np.asarray(image.convert("RGB")).astype(np.int16)
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    return (r > 150) & (r - g > 60) & (r - b > 60)


def test_scan_pdf_has_no_text_layer(real_pdf: bytes, real_scan: bytes) -> None:
    """The scanned real report has its six A4 pages, each an image without a single character of text."""
    scanned = real_scan
    assert all(count > 100 for count in _text_chars(real_pdf))  # the original has a text layer on every page
    assert _text_chars(scanned) == [0] * 6
    for width, height in _page_sizes(scanned):
        assert (round(width), round(height)) == A4_POINTS


def test_generated_report_scan_has_its_pages_and_no_text(generated_pdf: bytes) -> None:
    """A generated report's scan has as many pages as its PDF, none with text."""
    pages = len(_text_chars(generated_pdf))
    assert pages >= 2
    assert _text_chars(scan_pdf(generated_pdf, Degradation.PHONE)) == [0] * pages


@pytest.mark.usefixtures("without_ocr_extra")
def test_load_without_ocr_extra_refuses_scan(real_scan: bytes, tmp_path: Path) -> None:
    """Without an OCR reader, ``load`` refuses the scanned PDF: its text must be recognised first, by the extra it
    names."""
    path = tmp_path / "scan.pdf"
    path.write_bytes(real_scan)
    with pytest.raises(OcrRequiredError, match=r'OCR needs .* pip install "gov-disclosure\[ocr\]"'):
        gd.load(path)


@pytest.mark.usefixtures("without_ocr_extra")
def test_load_without_ocr_extra_refuses_scanned_image(real_pages: list[Image.Image], tmp_path: Path) -> None:
    """Without an OCR reader, ``load`` refuses a page saved as PNG (a table picture), naming the extra."""
    path = tmp_path / "table3.png"
    path.write_bytes(png_bytes(degrade(real_pages[3], Degradation.MILD)))
    with pytest.raises(OcrRequiredError, match=r'OCR needs .* pip install "gov-disclosure\[ocr\]"'):
        gd.load(path)


@pytest.mark.parametrize("degrees", [1.5, -1.0, 0.5, 0.0])
def test_rotation_tilts_the_rulings_by_the_angle_asked(real_pages: list[Image.Image], degrees: float) -> None:
    """The real 表二/表三 page's long rulings are horizontal in the render and tilted by the angle asked (within
    0.2°) in the scan: counter-clockwise when positive, so they rise to the right."""
    page = real_pages[3]
    assert abs(_tilt_degrees(page)) <= 0.05
    scanned = degrade(page, Degradation(dpi=DPI, rotation_degrees=degrees, blur_radius=0.6, jpeg_quality=85))
    assert _tilt_degrees(scanned) == pytest.approx(-degrees, abs=0.2)
    assert scanned.size == page.size


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_stamp_is_red_and_covers_part_of_a_table(real_pages: list[Image.Image], seed: int) -> None:
    """The seal is red (in a colour scan), a seal's size (42 mm), and its centre lies on the page's table: between
    its first and last long rulings, within their horizontal extent."""
    page = real_pages[4]
    assert not _red(page).any()
    stamped = degrade(page, Degradation(dpi=DPI, greyscale=False, stamp=True, seed=seed))
    red = _red(stamped)
    ys, xs = np.nonzero(red)
    assert red.sum() > 2000
    diameter = 42 / 25.4 * DPI
    assert xs.max() - xs.min() == pytest.approx(diameter, rel=0.1)
    assert ys.max() - ys.min() == pytest.approx(diameter, rel=0.1)
    rows = _ruling_rows(page)
    dark_columns = np.flatnonzero((np.asarray(page.convert("L"))[rows] < 128).any(axis=0))
    centre_x, centre_y = (xs.min() + xs.max()) / 2, (ys.min() + ys.max()) / 2
    assert rows.min() <= centre_y <= rows.max()
    assert dark_columns.min() <= centre_x <= dark_columns.max()
    assert not _red(degrade(page, Degradation(dpi=DPI, greyscale=False, stamp=False, seed=seed))).any()


def test_print_under_the_seal_stays_dark(real_pages: list[Image.Image]) -> None:
    """The seal's ink multiplies with the paper: pixels black in the page stay black under the seal."""
    page = real_pages[4]
    stamped = degrade(page, Degradation(dpi=DPI, greyscale=False, stamp=True, seed=0))
    black = np.asarray(page.convert("L")) < 60
    covered = black & _seal_box(stamped)
    assert covered.sum() > 50
    assert (np.asarray(stamped.convert("L"))[covered] < 60).all()


def _seal_box(stamped: Image.Image) -> np.ndarray:
    ys, xs = np.nonzero(_red(stamped))
    box = np.zeros((stamped.height, stamped.width), dtype=bool)
    box[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1] = True
    return box


def test_greyscale_scan_turns_the_seal_grey(real_pages: list[Image.Image]) -> None:
    """In a greyscale scan the seal is a mid grey over the table: 8-bit, one channel."""
    page = real_pages[4]
    stamped = degrade(page, Degradation(dpi=DPI, greyscale=True, stamp=True, seed=0))
    assert stamped.mode == "L"
    clean = np.asarray(page.convert("L"))
    grey = np.asarray(stamped)
    tinted = (clean >= 250) & (grey > 60) & (grey < 200)
    assert tinted.sum() > 2000


def test_same_seed_same_pixels_other_seed_other_pixels(real_pages: list[Image.Image]) -> None:
    """A degradation is deterministic for its seed; another seed moves the seal and the speckles."""
    page = real_pages[3]
    degradation = Degradation(dpi=DPI, greyscale=False, stamp=True, speckle=0.001, jpeg_quality=80, seed=5)
    first = degrade(page, degradation)
    assert degrade(page, degradation).tobytes() == first.tobytes()
    assert degrade(page, degradation.with_seed(6)).tobytes() != first.tobytes()


def test_scan_pages_are_deterministic_and_seeded_per_page(generated_pdf: bytes) -> None:
    """Scanning a PDF twice gives the same pages; each page has its own seed (the seals are not all in one place)."""
    degradation = Degradation(dpi=100, greyscale=False, stamp=True, seed=3)
    first = scan_pages(generated_pdf, degradation)
    assert [page.tobytes() for page in scan_pages(generated_pdf, degradation)] == [page.tobytes() for page in first]
    places = {(int(np.nonzero(_red(p))[1].min()), int(np.nonzero(_red(p))[0].min())) for p in first}
    assert len(places) == len(first)


@pytest.mark.parametrize("dpi", [150, 200, 300])
def test_dpi_gives_the_image_size(generated_pdf: bytes, dpi: int) -> None:
    """A page rendered at *dpi* is its size in inches times *dpi*; the scan's PDF page is the original's size."""
    first = render_pages(generated_pdf, dpi)[0]
    width, height = _page_sizes(generated_pdf)[0]
    assert first.size == pytest.approx((width / 72 * dpi, height / 72 * dpi), abs=1)
    assert first.mode == "RGB"
    scanned = image_pdf([degrade(first, Degradation(dpi=dpi, rotation_degrees=1.0))], dpi)
    assert _page_sizes(scanned)[0] == pytest.approx((width, height), abs=0.5)


def test_speckle_sets_the_fraction_asked() -> None:
    """Speckle sets that fraction of the pixels to black or white: on white paper, about half of them show black."""
    white = Image.new("RGB", (400, 500), "white")
    speckled = np.asarray(degrade(white, Degradation(speckle=0.01, seed=1)))
    assert (speckled == 0).sum() == pytest.approx(0.005 * 400 * 500, rel=0.1)
    assert set(np.unique(speckled)) == {0, 255}


def test_shading_dims_one_side() -> None:
    """Uneven light leaves the left edge white and dims the right edge by the fraction asked."""
    white = Image.new("RGB", (400, 100), "white")
    shaded = np.asarray(degrade(white, Degradation(shading=0.3)))
    assert shaded[:, 0].min() == 255
    assert shaded[:, -1].max() == pytest.approx(255 * 0.7, abs=2)


def test_png_bytes_round_trip(real_pages: list[Image.Image]) -> None:
    """A PNG is lossless: the page comes back pixel for pixel."""
    page = degrade(real_pages[3], Degradation.MILD)
    again = Image.open(io.BytesIO(png_bytes(page)))
    assert again.format == "PNG"
    assert again.tobytes() == page.tobytes()


def test_presets_model_a_scan_a_stamped_scan_and_a_phone_photo() -> None:
    """The presets: MILD 200 dpi greyscale 0.5° with a light blur and JPEG 85; the scanner greyscale and stamped;
    the phone in colour, low resolution, blurred, unevenly lit."""
    mild = Degradation.MILD
    assert (mild.dpi, mild.greyscale, mild.rotation_degrees, mild.jpeg_quality) == (200, True, 0.5, 85)
    assert 0 < mild.blur_radius <= 1
    scanner = Degradation.SCANNER
    assert (scanner.greyscale, scanner.stamp, scanner.dpi) == (True, True, 300)
    phone = Degradation.PHONE
    assert (phone.greyscale, phone.stamp, phone.dpi) == (False, True, 150)
    assert phone.shading > 0
    assert phone.blur_radius > mild.blur_radius


@pytest.mark.parametrize(
    "arguments",
    [{"dpi": 10}, {"jpeg_quality": 100}, {"speckle": -0.1}, {"blur_radius": -1.0}, {"rotation_degrees": 90}],
)
def test_degradation_refuses_values_outside_its_bounds(arguments: dict[str, float]) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 — attrs validators word their own messages
        Degradation(**arguments)  # type: ignore[arg-type]


def test_image_pdf_needs_a_page() -> None:
    with pytest.raises(ValueError, match="page"):
        image_pdf([], 200)


@pytest.mark.property
@settings(max_examples=5, deadline=None)
@given(degradation=degradations())
def test_any_degradation_keeps_the_page_size_and_is_deterministic(
    generated_pdf: bytes, degradation: Degradation
) -> None:
    """Within the strategy's bounds, a degraded first page keeps the size its dpi gives, is greyscale when asked,
    and is the same every time."""
    assert 150 <= degradation.dpi <= 300
    assert abs(degradation.rotation_degrees) <= 1.5
    page = render_pages(generated_pdf, degradation.dpi)[0]
    scanned = degrade(page, degradation)
    assert scanned.size == page.size
    assert scanned.mode == ("L" if degradation.greyscale else "RGB")
    assert degrade(page, degradation).tobytes() == scanned.tobytes()
