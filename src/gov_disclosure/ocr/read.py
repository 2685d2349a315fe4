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
from gov_disclosure.readers.errors import ReaderError

if TYPE_CHECKING:
    from PIL.Image import Image

__all__ = ["PDF_DPI", "image_dpi", "read_image_file", "read_images", "read_scanned_pdf"]

PDF_DPI = 200
"""The resolution scanned PDF pages are rendered at: body text about 30 pixels high, near the recognition model's
48-pixel line height."""
_MAX_SIDE = 6000
"""No page is rendered larger than this many pixels on its longer side (a poster-sized page is scaled down)."""
_A4_WIDTH = 8.27
_MIN_DPI, _MAX_DPI = 72.0, 600.0


def read_scanned_pdf(data: bytes, *, path: str | None = None, limits: Limits | None = None) -> Document:
    """The document in a PDF whose pages have no text layer, read by OCR."""
    engine = ocr_engine("a scanned PDF")
    pages = [read_page(image, number=n, dpi=dpi, engine=engine) for n, image, dpi in _pdf_pages(data, limits, path)]
    return ocr_document(pages, path=path, form="pdf", points=True)


def _pdf_pages(data: bytes, limits: Limits | None, path: str | None) -> Iterator[tuple[int, Image, float]]:
    import pypdfium2

    limits = limits or Limits()
    pdf = pypdfium2.PdfDocument(data)
    try:
        check_pages(len(pdf), limits, path or "input")
        for index in range(len(pdf)):
            page = pdf[index]
            width, height = page.get_size()
            dpi = min(float(PDF_DPI), _MAX_SIDE * 72 / max(width, height, 1.0))
            yield index + 1, page.render(scale=dpi / 72, grayscale=False).to_pil(), dpi
            page.close()
    finally:
        pdf.close()


def read_images(
    images: Sequence[Any], *, path: str | None = None, form: str = "image", dpi: float | None = None
) -> Document:
    """The document in *images* (PIL images or arrays, one page each), read by OCR."""
    engine = ocr_engine("an image")
    pages: list[OcrPage] = []
    for number, image in enumerate(images, start=1):
        resolution = dpi or image_dpi(image)
        pages.append(read_page(image, number=number, dpi=resolution, engine=engine))
    return ocr_document(pages, path=path, form=form, points=False)


def read_image_file(data: bytes, *, path: str | None = None, form: str = "image") -> Document:
    """The document in an image file (PNG, JPEG, TIFF …), every frame a page, read by OCR."""
    from PIL import Image, ImageSequence, UnidentifiedImageError

    ocr_engine("an image")  # the extra first: without it the image is not decoded
    try:
        with Image.open(io.BytesIO(data)) as image:
            frames = [frame.copy() for frame in ImageSequence.Iterator(image)]
    except (UnidentifiedImageError, OSError, ValueError) as error:
        raise ReaderError(f"{path or 'input'}: the image could not be decoded ({error})") from error
    return read_images(frames, path=path, form=form)


def image_dpi(image: Any) -> float:
    """The resolution of *image*: the one it states when plausible, else that of an A4 page as wide as it."""
    stated = getattr(image, "info", {}).get("dpi")
    if stated and _MIN_DPI <= float(stated[0]) <= _MAX_DPI and abs(float(stated[0]) - 72) > 0.5:
        return float(stated[0])
    width = image.width if hasattr(image, "width") else image.shape[1]
    return min(max(width / _A4_WIDTH, _MIN_DPI), _MAX_DPI)
