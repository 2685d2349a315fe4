"""Read a report published as a PDF file with a text layer (needs the ``pdf`` extra: pypdfium2).

format-spec §6.1 (淮安市人民政府 2024): running page numbers (``- 4 -``) inside tables, tables split across pages
with no repeated header, a group label split over two pages (``（四）无`` … ``法提供``), letter-spaced and wrapped
header labels (``商 业 企\\n业``), vertical labels one character per line, long labels wrapped with their numbers on the
last line, and text extractors that insert spaces between digits and CJK characters although the character
stream has none. This reader works from the characters and their positions, not from extracted text:

* ruled tables are found from their drawn lines; every cell's text is the characters inside its box, so columns
  are known by x position, and each cell keeps its starting column and span in the table's column grid;
* a table ending a page and a table starting the next page with the same width are one table (stitched);
* running page numbers at the top or bottom of a page are dropped;
* text lines are built from characters: a space only where two non-CJK characters are apart, a tab where a wide
  gap separates columns (unruled tables), and hard-wrapped narrative lines are joined into paragraphs;
* a PDF with no text layer (a scan) is read by OCR (:mod:`gov_disclosure.ocr`, the ``ocr`` extra); without the
  extra it raises :class:`~gov_disclosure.readers.errors.OcrUnavailableError` (an
  :class:`~gov_disclosure.readers.errors.OcrRequiredError` naming the extra).

This reader turns characters into text lines and ruled boxes into table blocks; the rest (page numbers, stitching,
each table's grid, joining lines) is the page-layout step it shares with the OCR reader
(``gov_disclosure.readers._page_layout``), in points.

Two engines give the characters and the ruled cells, and everything after them is shared: ``"pdfium"`` (the
default: pypdfium2, the ``pdf`` extra) and ``"pdfplumber"`` (pdfminer and pdfplumber's table finder, the
``pdfplumber`` extra: about ten times slower, kept for comparison). Both read every PDF the tests have into the same
document.
"""

from __future__ import annotations

import itertools
import operator
import re
from collections.abc import Iterable, Sequence
from typing import Literal

import attrs

from gov_disclosure.errors import LimitExceededError, MissingDependencyError
from gov_disclosure.findings import Finding, Outcome, Severity
from gov_disclosure.limits import Limits
from gov_disclosure.model.source import SourceInfo, SourceLocation
from gov_disclosure.parsing.document import Document
from gov_disclosure.readers._common import is_cjk, join_lines
from gov_disclosure.readers._page_layout import Block, LayoutRules, Line, TableBlock, TableCell, layout_document
from gov_disclosure.readers._pdf_cells import CharIndex
from gov_disclosure.readers._pdf_page import Engine, PdfChar, PdfPage
from gov_disclosure.readers._pdf_streams import check_inflated
from gov_disclosure.readers.errors import OcrRequiredError, ReaderError

__all__ = ["PDF_ENGINES", "PdfEngine", "read_pdf", "sniff_pdf"]

PdfEngine = Literal["pdfium", "pdfplumber"]
"""The name of a PDF engine."""

PDF_ENGINES: tuple[PdfEngine, ...] = ("pdfium", "pdfplumber")
"""The PDF engines, the default first."""

_PAGE_NUMBER = re.compile(
    r"^\s*([-—–－‒―]\s*\d{1,4}\s*[-—–－‒―]|第\s*\d{1,4}\s*页(\s*[，,/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}|\d{1,4})\s*$"
)
_MIN_CHARS_PER_PAGE = 5
_RULES = LayoutRules(
    page_number=_PAGE_NUMBER, stitch=8.0, column=4.0, row=2.0, body_size=10.0, same_size=0.5, title_page=1
)
"""A PDF's layout, in points (1/72 inch): tables stitched within 8 pt, cell edges on one column boundary within 4
pt and one row boundary within 2 pt, lines of the same size within 0.5 pt (body lines too), the title on page 1."""

_Char = PdfChar


def sniff_pdf(head: bytes) -> float:
    """Confidence (0–1) that input starting with *head* is a PDF file."""
    return 1.0 if head[:1024].lstrip().startswith(b"%PDF-") else 0.0


def read_pdf(
    data: bytes, *, path: str | None = None, limits: Limits | None = None, engine: PdfEngine = "pdfium"
) -> Document:
    """Read a PDF's text layer into a :class:`Document` (tables as grids, narrative as paragraphs).

    *engine* picks what reads the characters and the ruling lines: ``"pdfium"`` (the default, the ``pdf`` extra) or
    ``"pdfplumber"`` (the ``pdfplumber`` extra); the document is the same. A PDF of more pages than *limits* allow
    (:attr:`~gov_disclosure.limits.Limits.max_pdf_pages`), or whose streams inflate to more
    (:attr:`~gov_disclosure.limits.Limits.max_pdf_inflated`, a flate bomb), raises
    :class:`~gov_disclosure.errors.LimitExceededError` before any page is read; an encrypted PDF that needs a
    password, or a damaged one, raises :class:`~gov_disclosure.readers.errors.ReaderError`."""
    limits = limits or Limits()
    name = path or "input"
    read_pages = _engine(engine)
    check_inflated(data, limits, name=name)
    try:
        printed = _pages(read_pages, data, limits, name)
        pages = _layout(printed, path)
    except OcrRequiredError:  # a scan: read by OCR (the ocr extra), or say which extra does
        from gov_disclosure.ocr.read import read_scanned_pdf

        return read_scanned_pdf(data, path=path, limits=limits)
    except (ReaderError, LimitExceededError, MissingDependencyError):
        raise
    except Exception as error:
        raise ReaderError(f"{name}: the PDF could not be read ({type(error).__name__}: {error})") from error
    pages, findings = _with_scanned_pages(data, printed, pages, path, limits)
    document = layout_document(pages, _RULES, form="pdf", source=SourceInfo(path=path, form="pdf"))
    return attrs.evolve(document, findings=findings) if findings else document


def _with_scanned_pages(
    data: bytes, printed: Sequence[PdfPage], pages: list[list[Block]], path: str | None, limits: Limits
) -> tuple[list[list[Block]], tuple[Finding, ...]]:
    """*pages* with the tables of its scanned pages — pages that draw an image and print no text, among pages that
    do — read by OCR (the ``ocr`` extra) in their place; without the extra, one ``OCR.UNAVAILABLE`` note naming
    them. A recognised number is kept only where the identities confirm it, as in a scanned report."""
    numbers = [n for n, page in enumerate(printed, start=1) if page.images and len(page.chars) < _MIN_CHARS_PER_PAGE]
    if not numbers:
        return pages, ()
    from gov_disclosure.ocr.document import page_blocks
    from gov_disclosure.ocr.read import read_scanned_pages
    from gov_disclosure.readers.errors import OcrUnavailableError

    try:
        recognised = read_scanned_pages(data, numbers, path=path, limits=limits)
    except OcrUnavailableError:
        return pages, (_scanned_pages_unread(numbers),)
    tops = list(itertools.accumulate((page.height for page in printed), initial=0.0))
    out = list(pages)
    for page in recognised:
        out[page.number - 1] = [
            *out[page.number - 1],
            *page_blocks(page, tops[page.number - 1], path, per_inch=72.0, points=True),
        ]
    return out, ()


def _scanned_pages_unread(numbers: Sequence[int]) -> Finding:
    listed = ", ".join(map(str, numbers))
    return Finding(
        code="OCR.UNAVAILABLE",
        severity=Severity.WARNING,
        message=f"第{listed}页是扫描页（只有图片，没有文字层）：其中的表格未读取，识别需安装 ocr 扩展"
        '（pip install "gov-disclosure[ocr]"）',
        message_en=f"scanned pages (an image, no text layer) whose tables are not read: {listed}; reading them needs "
        'the ocr extra: pip install "gov-disclosure[ocr]"',
        outcome=Outcome.NOTE,
    )


def _pages(read_pages: Engine, data: bytes, limits: Limits, name: str) -> list[PdfPage]:
    """The engine's pages; a PDF whose fonts pdfium cannot measure (not embedded) is read with pdfplumber."""
    from gov_disclosure.readers._pdf_pdfium import NeedsPdfplumber

    try:
        return read_pages(data, limits, name)
    except NeedsPdfplumber as font:
        try:
            return _engine("pdfplumber")(data, limits, name)
        except MissingDependencyError as error:
            raise MissingDependencyError(
                f"PDF set in a font that is not embedded ({font})", "pdfplumber", "pdfplumber"
            ) from error


def _engine(engine: str) -> Engine:
    if engine == "pdfium":
        from gov_disclosure.readers._pdf_pdfium import read_pages
    elif engine == "pdfplumber":
        from gov_disclosure.readers._pdf_plumber import read_pages
    else:
        raise ValueError(f"unknown PDF engine {engine!r}: one of {', '.join(PDF_ENGINES)}")
    return read_pages


def _layout(pages: Sequence[PdfPage], path: str | None) -> list[list[Block]]:
    """Each page's blocks (text lines and ruled tables), in document coordinates (pages stacked).

    A page is laid out in its own coordinates, its characters put in reading order once; only its blocks are moved
    down by the heights of the pages above it."""
    total = 0
    per_page: list[list[Block]] = []
    offset = 0.0
    for number, page in enumerate(pages, start=1):
        chars = _in_reading_order(page.chars)
        total += len(chars)
        index = CharIndex(chars)
        blocks: list[Block] = []
        in_tables: set[int] = set()
        for cells in page.tables:
            source = SourceLocation(path=path, page=number)
            boxes = []
            for x0, top, x1, bottom in cells:
                inside = index.inside((x0, top, x1, bottom))
                in_tables.update(inside)
                text = _box_text([chars[i] for i in inside])
                boxes.append(TableCell(x0, top + offset, x1, bottom + offset, text=text, source=source))
            left, top = min(c[0] for c in cells), min(c[1] for c in cells)
            right = max(c[2] for c in cells)
            blocks.append(TableBlock(tuple(boxes), left, right, top + offset, number, source))
        rest = [c for i, c in enumerate(chars) if i not in in_tables] if in_tables else chars
        blocks.extend(_lines(rest, number, offset))
        per_page.append(blocks)
        offset += page.height
    if total < _MIN_CHARS_PER_PAGE * max(len(pages), 1):
        raise OcrRequiredError(
            "the PDF has no printed text layer (it is a scan or an image; text drawn invisible, a recognition layer, "
            "is not the print): it is read by OCR"
        )
    return per_page


def _in_reading_order(chars: Sequence[_Char]) -> list[_Char]:
    """*chars* top to bottom (tops rounded to 0.1 pt), then left to right; as printed where these tie (a stable
    sort). Any subset of them taken in this order is in reading order too: a cell's, or the page's outside tables."""
    rounded = {top: round(top, 1) for top in {c.top for c in chars}}  # a line's characters share their top
    keys = [(rounded[c.top], c.x0) for c in chars]
    return [chars[i] for i in sorted(range(len(chars)), key=keys.__getitem__)]


def _group_lines(chars: Iterable[_Char]) -> list[list[_Char]]:
    """Characters (in reading order: :func:`_in_reading_order`) grouped into lines by vertical overlap, each line
    sorted left to right, lines top to bottom."""
    lines: list[list[_Char]] = []
    first_top = low = high = 0.0  # the current line's first character's top, and its band widened by 0.5
    for char in chars:
        _, _, _, top, bottom, size = char
        if lines and low <= (top + bottom) / 2 <= high and abs(top - first_top) < 0.6 * size:
            lines[-1].append(char)
        else:
            lines.append([char])
            first_top, low, high = top, top - 0.5, bottom + 0.5
    return [sorted(line, key=_LEFT) for line in lines]


_LEFT = operator.attrgetter("x0")


def _line_text(chars: Sequence[_Char]) -> str:
    """Join a line's characters: a tab across a column-wide gap, a space between apart non-CJK characters."""
    out = [chars[0].text]
    for before, after in itertools.pairwise(chars):
        gap = after.x0 - before.x1
        if gap > 0.2:  # else no separator, whatever the sizes (each at least 1)
            size = max(before.size, after.size, 1.0)
            if gap > 1.5 * size:
                out.append("\t")
            elif gap > 0.2 * size and not (is_cjk(before.text) or is_cjk(after.text)):
                out.append(" ")
        out.append(after.text)
    return "".join(out)


def _box_text(chars: Sequence[_Char]) -> str:
    return join_lines(_line_text(line).replace("\t", " ") for line in _group_lines(chars))


def _lines(chars: Sequence[_Char], page: int, offset: float) -> list[Line]:
    """The text lines of *chars* (in reading order), moved down by *offset* (the pages above)."""
    out = []
    for line in _group_lines(chars):
        sizes = sorted(c.size for c in line)
        middle = len(sizes) // 2  # the median (statistics.median's, at a fifth of its cost)
        size = sizes[middle] if len(sizes) % 2 else (sizes[middle - 1] + sizes[middle]) / 2
        out.append(Line(_line_text(line), line[0].x0, line[-1].x1, line[0].top + offset, size, page))
    return out
