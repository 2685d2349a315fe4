"""Tables published as images inside a web page: ``<img>`` elements whose files sit beside the page.

Issue 17: "``<img>`` tables inside HTML pages whose files sit beside the page (no network)". Only a relative
``src`` that stays inside the page's folder is opened (no scheme, no absolute path, no ``..`` out of it); an image
is read by OCR like a scanned page, and what it holds is kept when it holds a ruled table (a logo or a QR code adds
nothing), or when the page itself has next to no text (a report published as images of its pages).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from urllib.parse import unquote, urlsplit

from attrs import frozen

from gov_disclosure.findings import Finding, Outcome, Severity
from gov_disclosure.ocr.engine import OCR_MODULE, ocr_available
from gov_disclosure.parsing.document import Document

__all__ = ["ImageInPage", "local_image", "read_page_images", "unavailable_finding"]

_MIN_SIDE = 120
"""An image smaller than this many pixels on a side is an icon, not a table."""
_MAX_IMAGES = 20
"""At most this many images of a page are read (a page of a hundred photos is not a report's tables)."""
_BARE_PAGE = 200
"""A page with fewer characters of its own than this is a page of images: all their text is kept."""


@frozen
class ImageInPage:
    """An ``<img>`` of a page: where its text goes among the page's lines, and its ``src``."""

    line: int
    src: str


def local_image(page: str, src: str) -> Path | None:
    """The file *src* names, relative to the page at *page*, when it is a local file inside the page's folder.

    >>> local_image("/site/report.html", "img/t3.png").as_posix()
    '/site/img/t3.png'
    >>> local_image("/site/report.html", "https://example.org/t3.png") is None
    True
    >>> local_image("/site/report.html", "../secret.png") is None
    True
    """
    parts = urlsplit(src)
    if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
        return None
    folder = Path(page).parent.resolve()
    target = (folder / unquote(parts.path)).resolve()
    if folder not in target.parents:
        return None
    return target


def read_page_images(page: str, images: Sequence[ImageInPage], *, own_text: int) -> list[tuple[ImageInPage, Document]]:
    """The documents of the page's local images that hold a table (every one, on a page of *own_text* characters
    fewer than :data:`_BARE_PAGE`), in order; images that cannot be decoded are skipped."""
    from PIL import Image, UnidentifiedImageError

    from gov_disclosure.ocr.read import read_images

    out = []
    for image in images[:_MAX_IMAGES]:
        file = local_image(page, image.src)
        if file is None or not file.is_file():
            continue
        try:
            with Image.open(file) as opened:
                opened.load()
                picture = opened.copy()
        except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
            continue
        if min(picture.size) < _MIN_SIDE:
            continue
        document = read_images([picture], path=str(file), form="html")
        if document.grids or own_text < _BARE_PAGE:
            out.append((image, document))
    return out


def unavailable_finding(count: int) -> Finding:
    """The note for a page with no tables of its own and *count* local images, when the ``ocr`` extra that would
    read them is not installed."""
    return Finding(
        code="OCR.UNAVAILABLE",
        severity=Severity.WARNING,
        message=f"网页没有表格，但有{count}张本地图片，其中可能是表格图片：识别需安装 ocr 扩展"
        '（pip install "gov-disclosure[ocr]"）',
        message_en=f"the page has no tables but {count} local image{'' if count == 1 else 's'}, which may be images "
        f'of its tables: reading them needs the {OCR_MODULE!r} package: pip install "gov-disclosure[ocr]"',
        outcome=Outcome.NOTE,
    )


def can_read_images() -> bool:
    """True when the ``ocr`` extra is installed."""
    return ocr_available()
