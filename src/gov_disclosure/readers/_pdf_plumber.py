"""The pdfplumber engine (``engine="pdfplumber"``, the ``pdfplumber`` extra): pdfminer's characters and
pdfplumber's ``lines`` table finder. About ten times slower than the pdfium engine; kept for comparison."""

from __future__ import annotations

import io
from typing import Any

from gov_disclosure.limits import Limits
from gov_disclosure.readers._common import require
from gov_disclosure.readers._pdf_page import PdfChar, PdfPage, check_pages, is_grid
from gov_disclosure.readers.errors import ReaderError

__all__ = ["read_pages"]


def read_pages(data: bytes, limits: Limits, name: str) -> list[PdfPage]:
    """Every page of PDF *data* through pdfplumber."""
    pdfplumber: Any = require("pdfplumber", form="PDF", extra="pdfplumber")
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as error:  # pdfminer raises many unrelated types for a damaged file
        raise ReaderError(f"{name}: not a readable PDF file ({type(error).__name__}: {error})") from error
    with pdf:
        pages = list(pdf.pages)
        check_pages(len(pages), limits, name)
        return [_page(page) for page in pages]


def _page(page: Any) -> PdfPage:
    chars = tuple(
        PdfChar(c["text"], float(c["x0"]), float(c["x1"]), float(c["top"]), float(c["bottom"]),
                float(c.get("size") or c["bottom"] - c["top"]))
        for c in page.chars
        if c["text"].strip() and c.get("upright", True)
    )  # fmt: skip
    tables = []
    for table in page.find_tables():
        cells = tuple((float(x0), float(top), float(x1), float(bottom)) for x0, top, x1, bottom in table.cells)
        if is_grid(cells):
            tables.append(cells)
    return PdfPage(chars, tuple(tables), float(page.height))
