"""Pages read by OCR → one :class:`~gov_disclosure.parsing.document.Document`, as the PDF reader builds it.

The recognised lines and table cells are laid out as the PDF reader lays out its characters' (in inches, the pages
stacked), and one step makes the document of both (:mod:`gov_disclosure.readers._page_layout`): the tables become
the same grids the PDF and HTML readers give (:class:`~gov_disclosure.parsing.grids.RawTable`, built by
:func:`~gov_disclosure.readers._grid.build_table`), so that the same format adapter reads them: a table that ends a
page and one that starts the next with the same left and right edges are one table (stitched), and the cells of a
table are placed on one grid of its column and row boundaries. Every cell carries its provenance: page, box, the
recognizer's confidence and its other readings, and ``origin="ocr"``. The text outside the tables is joined into
lines and paragraphs as a PDF's is, running page numbers dropped.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections.abc import Iterable, Sequence

from attrs import frozen

from gov_disclosure.model.source import SourceInfo, SourceLocation
from gov_disclosure.ocr import OCR_ORIGIN
from gov_disclosure.ocr.page import OcrCell, OcrLine, OcrPage, OcrTable
from gov_disclosure.parsing.document import Document
from gov_disclosure.readers._page_layout import Block, LayoutRules, Line, TableBlock, TableCell, layout_document

__all__ = ["ocr_document", "page_blocks"]

_PAGE_NUMBER = re.compile(r"^\s*[-—–－‒―一]?\s*(第\s*)?\d{1,4}\s*(页)?\s*[-—–－‒―一]?\s*$")
_STITCH = 0.08
"""Tables on consecutive pages whose left and right edges differ by less than this many inches are one table."""
_LIKELY = 0.01
"""A candidate reading at least this likely, relative to the best, is kept in the cell's provenance."""
_RULES = LayoutRules(
    page_number=_PAGE_NUMBER,
    stitch=_STITCH,
    column=0.06,
    row=0.04,
    body_size=0.2,
    same_size_per_body=0.2,
    body_lines_same_size=False,
    page_break_needs_full_line=True,
    title_page=None,
)
"""A scan's layout, in inches: cell edges on one column boundary within 0.06 inch and one row boundary within 0.04,
lines of the same size within a fifth of the body size (a recognised box's height is not a font size: body lines
are not held to it), a line continues one on the page before only when that one reaches the right margin, and the
title is on the first page read."""


def ocr_document(pages: Sequence[OcrPage], *, path: str | None, form: str, points: bool) -> Document:
    """The document of *pages* read from the file at *path* (*form*: ``"pdf"``, ``"image"``, ``"html"``); cell
    boxes in points (1/72 inch) when *points*, else in the image's pixels."""
    laid_out: list[list[Block]] = []
    offset = 0.0
    for page in pages:
        laid_out.append(page_blocks(page, offset, path, per_inch=1.0, points=points))
        offset += page.height / page.dpi
    return layout_document(laid_out, _RULES, form=form, source=SourceInfo(path=path, form=form, reader=OCR_ORIGIN))


def page_blocks(page: OcrPage, offset: float, path: str | None, *, per_inch: float, points: bool) -> list[Block]:
    """The tables and text lines of *page* as layout blocks, in units of which an inch holds *per_inch* (1: inches;
    72: points, to lay a recognised page out among a PDF's pages), the page's top at *offset*; cell boxes in points
    when *points*, else in the image's pixels."""
    unit = _Unit(per_inch, page.dpi)
    blocks: list[Block] = [_table(t, page, offset, path, points, unit) for t in page.tables]
    blocks.extend(_lines(page.lines, page, offset, unit))
    return blocks


@frozen
class _Unit:
    """Pixels of an image scanned at *dpi* in units of which an inch holds *per_inch* (``pixels * per_inch / dpi``:
    for inches, exactly ``pixels / dpi``)."""

    per_inch: float
    dpi: float

    def __call__(self, pixels: float) -> float:
        return pixels * self.per_inch / self.dpi


def _table(table: OcrTable, page: OcrPage, offset: float, path: str | None, points: bool, at: _Unit) -> TableBlock:
    cells = tuple(
        TableCell(
            at(c.grid.x0), offset + at(c.grid.y0), at(c.grid.x1), offset + at(c.grid.y1),
            text=c.text, source=_source(c, page, path, points),
        )
        for c in table.cells
    )  # fmt: skip
    source = SourceLocation(path=path, page=page.number, origin=OCR_ORIGIN)
    return TableBlock(cells, at(table.grid.x0), at(table.grid.x1), offset + at(table.grid.y0), page.number, source)


def _lines(lines: Iterable[OcrLine], page: OcrPage, offset: float, at: _Unit) -> list[Line]:
    """Detected boxes on one text line (overlapping vertically) joined left to right, a tab across a wide gap."""
    rows: list[list[OcrLine]] = []
    for line in sorted(lines, key=lambda item: (item.y0 + item.y1) / 2):
        middle = (line.y0 + line.y1) / 2
        if rows and rows[-1][0].y0 <= middle <= rows[-1][0].y1:
            rows[-1].append(line)
        else:
            rows.append([line])
    out = []
    for row in rows:
        row.sort(key=lambda item: item.x0)
        size = statistics.median(item.y1 - item.y0 for item in row)
        text = row[0].text
        for before, after in itertools.pairwise(row):
            text += ("\t" if after.x0 - before.x1 > 1.5 * size else "") + after.text
        out.append(Line(text, at(row[0].x0), at(row[-1].x1), offset + at(row[0].y0), at(size), page.number))
    return out


def _source(cell: OcrCell, page: OcrPage, path: str | None, points: bool) -> SourceLocation:
    """Where *cell* was read: page, box, confidence and the other likely readings."""
    scale = 72 / page.dpi if points else 1.0
    g = cell.grid
    box = ",".join(str(round(v * scale)) for v in (g.x0, g.y0, g.x1, g.y1))
    others = [text for text, likelihood in cell.candidates if likelihood >= _LIKELY and text != cell.text]
    return SourceLocation(
        path=path,
        page=page.number,
        origin=OCR_ORIGIN,
        box=box,
        confidence=int(cell.confidence * 100) if cell.text else None,
        readings=" | ".join(others) or None,
    )
