"""Read scanned reports by OCR: PDF pages without a text layer, image files, and images of tables.

Pages of a PDF are rendered with pypdfium2 (the ``pdf`` extra) at :data:`PDF_DPI`; an image file is read as it is
(every frame of a multi-page TIFF is a page), at the resolution it states or, when it states none or an
implausible one, the resolution of an A4 page as wide as it.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from gov_disclosure.limits import Limits
from gov_disclosure.ocr.document import ocr_document
from gov_disclosure.ocr.engine import ocr_engine
from gov_disclosure.ocr.page import OcrPage, read_page
from gov_disclosure.parsing.document import Document
from gov_disclosure.readers._pdf_page import check_pages
from gov_disclosure.readers.errors import ImageInputError, OcrRequiredError

if TYPE_CHECKING:
    from PIL.Image import Image

__all__ = ["PDF_DPI", "image_dpi", "read_image_file", "read_images", "read_scanned_pages", "read_scanned_pdf"]

PDF_DPI = 200
"""The resolution scanned PDF pages are rendered at: body text about 30 pixels high, near the recognition model's
48-pixel line height."""
_MAX_SIDE = 6000
"""No page is rendered larger than this many pixels on its longer side (a poster-sized page is scaled down)."""
_A4_WIDTH = 8.27
_MIN_DPI, _MAX_DPI = 72.0, 600.0


def read_scanned_pdf(
    data: bytes, *, path: str | None = None, limits: Limits | None = None, narrative: bool = True
) -> Document:
    """The document in a PDF whose pages have no text layer, read by OCR (without the text outside the tables
    when *narrative* is false: about three times faster).

    Raises :class:`~gov_disclosure.readers.errors.OcrUnavailableError` when the ``ocr`` extra is not installed,
    and :class:`~gov_disclosure.readers.errors.OcrRequiredError` when OCR finds no text in the pages either."""
    engine = ocr_engine("a scanned PDF (no text layer)")
    pages = [
        read_page(image, number=n, dpi=dpi, engine=engine, narrative=narrative)
        for n, image, dpi in _pdf_pages(data, limits, path)
    ]
    document = ocr_document(pages, path=path, form="pdf", points=True)
    if not document.grids and not document.text.strip():
        raise OcrRequiredError(
            f"{path or 'input'}: the PDF has no text layer, and OCR finds no text in its pages (a blank scan, or "
            "graphics only)"
        )
    return document


def read_scanned_pages(
    data: bytes, numbers: Sequence[int], *, path: str | None = None, limits: Limits | None = None
) -> list[OcrPage]:
    """The tables of the pages *numbers* (1-based) of a PDF whose other pages have a text layer: scanned pages among
    printed ones, read by OCR (their text outside the tables is not read).

    Raises :class:`~gov_disclosure.readers.errors.OcrUnavailableError` when the ``ocr`` extra is not installed."""
    engine = ocr_engine("scanned pages of a PDF (pages without a text layer)")
    return [
        read_page(image, number=n, dpi=dpi, engine=engine, narrative=False)
        for n, image, dpi in _pdf_pages(data, limits, path, numbers)
    ]


def _pdf_pages(
    data: bytes, limits: Limits | None, path: str | None, numbers: Sequence[int] | None = None
) -> Iterator[tuple[int, Image, float]]:
    """Each page of the PDF (or each of the pages *numbers*) rendered: its number, image and resolution."""
    import pypdfium2

    limits = limits or Limits()
    pdf = pypdfium2.PdfDocument(data)
    try:
        check_pages(len(pdf), limits, path or "input")
        for index in range(len(pdf)) if numbers is None else (n - 1 for n in numbers):
            page = pdf[index]
            width, height = page.get_size()
            dpi = min(float(PDF_DPI), _MAX_SIDE * 72 / max(width, height, 1.0))
            yield index + 1, page.render(scale=dpi / 72, grayscale=False).to_pil(), dpi
            page.close()
    finally:
        pdf.close()


def read_images(
    images: Sequence[Any],
    *,
    path: str | None = None,
    form: str = "image",
    dpi: float | None = None,
    narrative: bool = True,
) -> Document:
    """The document in *images* (PIL images or arrays, one page each, scanned at *dpi* or at what
    :func:`image_dpi` finds), read by OCR (without the text outside the tables when *narrative* is false)."""
    engine = ocr_engine("an image", image=True)
    pages: list[OcrPage] = []
    for number, image in enumerate(images, start=1):
        resolution = dpi or image_dpi(image)
        pages.append(read_page(image, number=number, dpi=resolution, engine=engine, narrative=narrative))
    return ocr_document(pages, path=path, form=form, points=False)


def read_image_file(
    data: bytes, *, path: str | None = None, kind: str = "image", what: str | None = None, form: str = "image"
) -> Document:
    """The document in an image file (PNG, JPEG, TIFF …; *kind* names it), every frame a page, read by OCR; *what*
    says what the file is in messages (``an image (PNG), not a PDF``).

    Raises :class:`~gov_disclosure.readers.errors.ImageOcrUnavailableError` when the ``ocr`` extra is not
    installed, and :class:`~gov_disclosure.readers.errors.ImageInputError` for an image that cannot be decoded or
    in which OCR finds no text."""
    from PIL import Image, ImageSequence, UnidentifiedImageError

    said = f"{path}: " if path else ""
    said += what or f"an image ({kind})"
    ocr_engine(f"an image ({kind})", image=True)  # the extra first: without it the image is not decoded
    try:
        with Image.open(io.BytesIO(data)) as image:
            frames = [frame.copy() for frame in ImageSequence.Iterator(image)]
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as error:
        raise ImageInputError(f"{said}: the image cannot be decoded") from error
    document = read_images(frames, path=path, form=form)
    if not document.grids and not document.text.strip():
        raise ImageInputError(f"{said}: OCR finds no text in it")
    return document


def image_dpi(image: Any) -> float:
    """The resolution of *image*: the one it states when plausible, else that of an A4 page as wide as it."""
    stated = getattr(image, "info", {}).get("dpi")
    if stated and _MIN_DPI <= float(stated[0]) <= _MAX_DPI and abs(float(stated[0]) - 72) > 0.5:
        return float(stated[0])
    width = float(image.width if hasattr(image, "width") else image.shape[1])
    return min(max(width / _A4_WIDTH, _MIN_DPI), _MAX_DPI)
