"""Pages read by OCR → one :class:`~gov_disclosure.parsing.document.Document`, as the PDF reader builds it.

The tables become the same grids the PDF and HTML readers give (:class:`~gov_disclosure.parsing.grids.RawTable`,
built by :func:`~gov_disclosure.readers._grid.build_table`), so that the same format adapter reads them: a table
that ends a page and one that starts the next with the same left and right edges are one table (stitched), and the
cells of a table are placed on one grid of its column and row boundaries. Every cell carries its provenance: page,
box, the recognizer's confidence and its other readings, and ``origin="ocr"``. The text outside the tables is
joined into lines and paragraphs as a PDF's is, running page numbers dropped.
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
from gov_disclosure.parsing.grids import RawTable
from gov_disclosure.readers._common import join_lines, render_table
from gov_disclosure.readers._grid import PlacedCell, build_table, cluster_centres, nearest_centre

__all__ = ["ocr_document"]

_PAGE_NUMBER = re.compile(r"^\s*[-—–－‒―一]?\s*(第\s*)?\d{1,4}\s*(页)?\s*[-—–－‒―一]?\s*$")
_STITCH = 0.08
"""Tables on consecutive pages whose left and right edges differ by less than this many inches are one table."""
_LIKELY = 0.01
"""A candidate reading at least this likely, relative to the best, is kept in the cell's provenance."""


@frozen
class _Placed:
    """A table cell in document coordinates (inches, pages stacked), with its page and recognised text."""

    cell: OcrCell
    page: OcrPage
    x0: float
    top: float
    x1: float
    bottom: float


@frozen
class _Table:
    cells: tuple[_Placed, ...]
    x0: float
    x1: float
    top: float
    page: int


@frozen
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    size: float
    page: int


def ocr_document(pages: Sequence[OcrPage], *, path: str | None, form: str, points: bool) -> Document:
    """The document of *pages* read from the file at *path* (*form*: ``"pdf"``, ``"image"``, ``"html"``); cell
    boxes in points (1/72 inch) when *points*, else in the image's pixels."""
    blocks: list[_Line | _Table] = []
    offset = 0.0
    for page in pages:
        page_blocks: list[_Line | _Table] = [_table(t, page, offset) for t in page.tables]
        page_blocks.extend(_lines(page.lines, page, offset))
        page_blocks.sort(key=lambda b: b.top)
        blocks.extend(_drop_page_numbers(page_blocks))
        offset += page.height / page.dpi
    return _assemble(_stitch(blocks), path=path, form=form, points=points)


def _table(table: OcrTable, page: OcrPage, offset: float) -> _Table:
    dpi = page.dpi
    placed = tuple(
        _Placed(c, page, c.grid.x0 / dpi, offset + c.grid.y0 / dpi, c.grid.x1 / dpi, offset + c.grid.y1 / dpi)
        for c in table.cells
    )
    return _Table(placed, table.grid.x0 / dpi, table.grid.x1 / dpi, offset + table.grid.y0 / dpi, page.number)


def _lines(lines: Iterable[OcrLine], page: OcrPage, offset: float) -> list[_Line]:
    """Detected boxes on one text line (overlapping vertically) joined left to right, a tab across a wide gap."""
    dpi = page.dpi
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
        out.append(_Line(text, row[0].x0 / dpi, row[-1].x1 / dpi, offset + row[0].y0 / dpi, size / dpi, page.number))
    return out


def _drop_page_numbers(blocks: list[_Line | _Table]) -> list[_Line | _Table]:
    """Drop running page numbers (``- 4 -``, ``第4页``) that are the first or last line of a page."""
    kept = list(blocks)
    for index in (-1, 0):
        block = kept[index] if kept else None
        if isinstance(block, _Line) and _PAGE_NUMBER.match(block.text.replace("\t", " ")):
            kept.pop(index)
    return kept


def _stitch(blocks: Sequence[_Line | _Table]) -> list[_Line | _Table]:
    """A table first on its page continues the table last on the page before when their edges agree."""
    out: list[_Line | _Table] = []
    first_on_page = True
    page = 0
    for block in blocks:
        first_on_page = block.page != page
        page = block.page
        previous = out[-1] if out else None
        if (
            first_on_page
            and isinstance(block, _Table)
            and isinstance(previous, _Table)
            and previous.page == block.page - 1
            and abs(previous.x0 - block.x0) < _STITCH
            and abs(previous.x1 - block.x1) < _STITCH
        ):
            out[-1] = _Table(previous.cells + block.cells, previous.x0, previous.x1, previous.top, previous.page)
        else:
            out.append(block)
    return out


def _assemble(blocks: Sequence[_Line | _Table], *, path: str | None, form: str, points: bool) -> Document:
    lines_only = [b for b in blocks if isinstance(b, _Line)]
    body = statistics.median([line.size for line in lines_only]) if lines_only else 0.2
    left = min((line.x0 for line in lines_only), default=0.0)
    right = max((line.x1 for line in lines_only), default=0.0)
    text: list[str] = []
    tables: list[RawTable] = []
    previous: _Line | None = None
    for index, block in enumerate(blocks):
        if isinstance(block, _Table):
            table = _grid(block, path, points)
            tables.append(table)
            text.extend(render_table(table))
            previous = None
            continue
        is_title = index < 4 and block.page == blocks[0].page and block.size >= 1.2 * body
        if previous is not None and text and _continues(previous, block, left, right, body, is_title):
            text[-1] = join_lines([text[-1], block.text])
        else:
            text.append(block.text)
        previous = block
    source = SourceInfo(path=path, form=form, reader=OCR_ORIGIN)
    return Document(text="\n".join(text), grids=tuple(tables), form=form, source=source)


def _continues(previous: _Line, line: _Line, left: float, right: float, body: float, is_title: bool) -> bool:
    """True when *line* continues the paragraph of *previous* (a hard wrap), or both are lines of the title."""
    if "\t" in previous.text or "\t" in line.text or (line.page != previous.page and not previous.x1 >= right - body):
        return False
    if is_title:
        return previous.size >= 1.2 * body and abs(previous.size - line.size) < 0.2 * body
    full = previous.x1 >= right - 1.5 * body
    flush_left = line.x0 <= left + 0.5 * body
    return full and flush_left


def _grid(table: _Table, path: str | None, points: bool) -> RawTable:
    """The cells of a (possibly stitched) table placed on one grid of its column and row boundaries."""
    xs = cluster_centres([v for c in table.cells for v in (c.x0, c.x1)], 0.06)
    ys = cluster_centres([v for c in table.cells for v in (c.top, c.bottom)], 0.04)
    placed = []
    for c in table.cells:
        column, end = nearest_centre(c.x0, xs), nearest_centre(c.x1, xs)
        row, last = nearest_centre(c.top, ys), nearest_centre(c.bottom, ys)
        placed.append(
            PlacedCell(
                text=c.cell.text, row=row, column=column, rowspan=max(last - row, 1), colspan=max(end - column, 1),
                source=_source(c.cell, c.page, path, points),
            )
        )  # fmt: skip
    placed.sort(key=lambda p: (p.row, p.column))
    return build_table(placed, source=SourceLocation(path=path, page=table.page, origin=OCR_ORIGIN))


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
