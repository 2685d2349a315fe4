"""The pdfplumber engine (``engine="pdfplumber"``, the ``pdfplumber`` extra): pdfminer's characters and
pdfplumber's ``lines`` table finder. About ten times slower than the pdfium engine; kept for comparison.

Text drawn invisible (render mode 3 or 7: a scanner's recognition laid over a scan) is not printed and is left out,
as the pdfium engine leaves it out: pdfplumber's characters do not say how they are drawn, so each page is laid out
here by pdfplumber's own device, which drops the characters of invisible text (:func:`_lay_out_visible`)."""

from __future__ import annotations

import functools
import io
from typing import Any

from gov_disclosure.limits import Limits
from gov_disclosure.readers._common import require
from gov_disclosure.readers._pdf_page import INVISIBLE_TEXT, PdfChar, PdfPage, check_pages, is_grid
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


@functools.cache
def _visible_text_device() -> type:
    """pdfplumber's layout device, dropping the characters of invisible text (made when first needed: pdfplumber
    is imported only by this engine)."""
    from pdfplumber.page import PDFPageAggregatorWithMarkedContent

    class VisibleTextDevice(PDFPageAggregatorWithMarkedContent):
        def render_string(self, textstate: Any, seq: Any, ncs: Any, graphicstate: Any) -> None:
            laid = len(self.cur_item._objs)
            super().render_string(textstate, seq, ncs, graphicstate)  # (the text position moves on past it)
            if textstate.render in INVISIBLE_TEXT:
                del self.cur_item._objs[laid:]

    return VisibleTextDevice


def _lay_out_visible(page: Any) -> None:
    """Give pdfplumber's *page* its layout without invisible text (pdfplumber lays a page out when first asked, the
    same way, and keeps it as the page's layout)."""
    from pdfminer.pdfinterp import PDFPageInterpreter

    device = _visible_text_device()(page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams)
    PDFPageInterpreter(page.pdf.rsrcmgr, device).process_page(page.page_obj)
    page._layout = device.get_result()


def _page(page: Any) -> PdfPage:
    _lay_out_visible(page)
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
    return PdfPage(chars, tuple(tables), float(page.height), len(page.images))
