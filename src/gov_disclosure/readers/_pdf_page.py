"""What a PDF engine gives the PDF reader for each page: its characters and its ruled tables' cells.

Both engines (:mod:`~gov_disclosure.readers._pdf_pdfium`, :mod:`~gov_disclosure.readers._pdf_plumber`) give the
same :class:`PdfPage` for the same page, in page coordinates with the origin at the top left of the media box (y
grows downwards, as pdfplumber's ``top``); everything the reader does after is one code path.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from attrs import frozen

from gov_disclosure.limits import Limits

__all__ = ["INVISIBLE_TEXT", "Box", "Engine", "PdfChar", "PdfPage", "is_grid"]

Box = tuple[float, float, float, float]
"""``(x0, top, x1, bottom)``."""

INVISIBLE_TEXT = frozenset({3, 7})
"""Text render modes that paint nothing (PDF 32000 §9.3.6, ``Tr``): 3 neither fill nor stroke, 7 add to the clipping
path only (pdfium's ``FPDF_TEXTRENDERMODE_INVISIBLE`` and ``_CLIP``). Neither engine gives a character drawn so."""


class PdfChar(NamedTuple):
    """One printed character: its box as pdfminer draws it (advance width; from the font's descent up by the font
    size) and its font size in points.

    A named tuple, not an attrs class: a page holds thousands of characters, each built twice (by the engine, and
    moved onto the stacked pages), and a named tuple is built in a third of a frozen attrs instance's time."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


@frozen
class PdfPage:
    """A page's upright, non-blank characters in content order, the cell boxes of each ruled table on it (tables top
    to bottom), its height, and how many images it draws (a page of images and no text is a scanned page)."""

    chars: tuple[PdfChar, ...]
    tables: tuple[tuple[Box, ...], ...]
    height: float
    images: int = 0


Engine = Callable[[bytes, Limits, str], list[PdfPage]]
"""An engine reads PDF *data* within *limits* (the page count) into its pages; the name is for messages."""


def is_grid(cells: tuple[Box, ...]) -> bool:
    """A ruled table: at least two rows (distinct cell tops), and at least one row with two or more cells (not a framed
    paragraph)."""
    per_row: dict[float, set[float]] = {}
    for x0, top, _, _ in cells:
        per_row.setdefault(top, set()).add(x0)
    return len(per_row) >= 2 and any(len(starts) >= 2 for starts in per_row.values())


def check_pages(count: int, limits: Limits, name: str) -> None:
    """Refuse a PDF of more pages than *limits* allow, before any page is read."""
    from gov_disclosure.errors import LimitExceededError

    if count > limits.max_pdf_pages:
        raise LimitExceededError(
            f"{name}: the PDF has {count} pages; at most {limits.max_pdf_pages} are read", limit="max_pdf_pages"
        )
