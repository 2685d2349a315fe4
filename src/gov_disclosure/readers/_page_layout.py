"""Pages laid out as text lines and ruled tables → one :class:`~gov_disclosure.parsing.document.Document`.

The PDF reader (:mod:`gov_disclosure.readers.pdf`, characters with their positions) and the OCR reader
(:mod:`gov_disclosure.ocr.document`, recognised lines and cells) each turn their pages into the same layout — text
:class:`Line` records and :class:`TableBlock` records (ruled cells with their boxes), in document coordinates (the
pages stacked, each page below the one before) — and this step makes the document of it, in the reader's units
(:class:`LayoutRules`). format-spec §6.1 (淮安市人民政府 2024) names what it undoes:

* running page numbers (``- 4 -``) that are the first or last line of a page are dropped
  (:func:`drop_page_numbers`);
* "tables split across pages with no repeated header": a table first on its page continues the table last on the
  page before when their left and right edges agree (:func:`stitch`);
* the cells of a (possibly stitched) table are placed on one grid of its column and row boundaries (:func:`grid`),
  each keeping its starting column and span;
* hard-wrapped narrative lines and the lines of a title set in a larger size are joined (:func:`continues`,
  :func:`~gov_disclosure.readers._common.join_lines`), and the tables are rendered into the text
  (:func:`~gov_disclosure.readers._common.render_table`).

>>> import re
>>> rules = LayoutRules(page_number=re.compile(r"^\\s*-\\s*\\d+\\s*-\\s*$"), stitch=8.0, column=4.0, row=2.0,
...                     body_size=10.0, same_size=0.5)
>>> page_1 = [Line("本机关全年共收到政府信息公开申请", 0.0, 300.0, 10.0, 10.0, 1),
...           Line("- 1 -", 140.0, 160.0, 780.0, 10.0, 1)]
>>> page_2 = [Line("20件。", 0.0, 30.0, 810.0, 10.0, 2)]
>>> layout_document([page_1, page_2], rules, form="pdf", source=None).text
'本机关全年共收到政府信息公开申请20件。'
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable, Sequence

from attrs import frozen

from gov_disclosure.model.source import SourceInfo, SourceLocation
from gov_disclosure.parsing.document import Document
from gov_disclosure.parsing.grids import RawTable
from gov_disclosure.readers._common import join_lines, render_table
from gov_disclosure.readers._grid import PlacedCell, build_table, cluster_centres, nearest_centre

__all__ = [
    "Block",
    "LayoutRules",
    "Line",
    "TableBlock",
    "TableCell",
    "continues",
    "drop_page_numbers",
    "grid",
    "layout_document",
    "stitch",
]


@frozen
class Line:
    """A line of text outside the tables: its text (a tab across a column-wide gap), left and right edges, top, size
    (the height of its type) and page; positions in document coordinates, in the reader's units."""

    text: str
    x0: float
    x1: float
    top: float
    size: float
    page: int


@frozen
class TableCell:
    """A ruled cell: its box in document coordinates, its text, and where it was read (the reader's
    :class:`~gov_disclosure.model.source.SourceLocation`: the page, and for OCR its box, confidence and readings)."""

    x0: float
    top: float
    x1: float
    bottom: float
    text: str
    source: SourceLocation


@frozen
class TableBlock:
    """A ruled table of one page (or stitched across pages): its cells, left and right edges, top, page (the first,
    when stitched) and the table's source (the page it starts on)."""

    cells: tuple[TableCell, ...]
    x0: float
    x1: float
    top: float
    page: int
    source: SourceLocation


Block = Line | TableBlock
"""A block of a page: a text line or a ruled table."""


@frozen(kw_only=True)
class LayoutRules:
    """A reader's units and rules: the tolerances in its units (PDF: points, 1/72 inch; OCR: inches) and where its
    rules differ (not just in a number).

    Two lines are *the same size* when their sizes differ by less than ``same_size + same_size_per_body × body``
    (*body* is the median size of the document's lines)."""

    page_number: re.Pattern[str]
    """A line a page starts or ends with that matches this is a running page number (dropped)."""
    stitch: float
    """Tables on consecutive pages whose left and right edges differ by less than this are one table."""
    column: float
    """Cell edges each within this of the one before are one column boundary."""
    row: float
    """Cell edges each within this of the one before are one row boundary."""
    body_size: float
    """The body size of a document without text lines."""
    same_size: float = 0.0
    """The tolerance of *the same size*, absolute."""
    same_size_per_body: float = 0.0
    """The tolerance of *the same size*, a share of the body size."""
    body_lines_same_size: bool = True
    """A body line continues only a line of the same size (a title's lines must be the same size whatever this)."""
    page_break_needs_full_line: bool = False
    """Across a page break a line continues the one before only when that one reaches within a body size of the
    right margin (a stricter reach than within a page, where 1.5 body sizes will do)."""
    title_page: int | None = 1
    """The page the title is on (a line among the first four blocks, 1.2 times the body size or more); ``None``:
    the page of the first block."""

    def same_size_as(self, size: float, other: float, body: float) -> bool:
        """True when *size* and *other* are the same size (in a document of *body* size)."""
        return abs(size - other) < self.same_size + self.same_size_per_body * body


def layout_document(
    pages: Iterable[Sequence[Block]], rules: LayoutRules, *, form: str, source: SourceInfo | None
) -> Document:
    """The document of *pages* (each page's blocks, in any order): each page's blocks top to bottom without its
    running page numbers, tables stitched across pages, lines joined into paragraphs and tables into grids."""
    per_page = [drop_page_numbers(sorted(blocks, key=_top), rules.page_number) for blocks in pages]
    text, grids = _assemble(stitch(per_page, rules.stitch), rules)
    return Document(text=text, grids=grids, form=form, source=source)


def _top(block: Block) -> float:
    return block.top


def drop_page_numbers(blocks: Sequence[Block], page_number: re.Pattern[str]) -> list[Block]:
    """*blocks* (one page's, top to bottom) without a first or last line that is a running page number (``- 4 -``,
    ``第4页``) by *page_number* (tabs read as spaces).

    >>> number = re.compile(r"^\\s*-\\s*\\d+\\s*-\\s*$")
    >>> [b.text for b in drop_page_numbers([Line("- 4 -", 0, 9, 0, 9, 4), Line("正文", 0, 9, 9, 9, 4)], number)]
    ['正文']
    """
    kept = list(blocks)
    for index in (-1, 0):
        block = kept[index] if kept else None
        if isinstance(block, Line) and page_number.match(block.text.replace("\t", " ")):
            kept.pop(index)
    return kept


def stitch(pages: Iterable[Sequence[Block]], tolerance: float) -> list[Block]:
    """The blocks of *pages* (each top to bottom) in one list, a table first on its page joined to the table last
    on the page before when their left and right edges differ by less than *tolerance*: one table, with the first
    one's edges, top, page and source."""
    out: list[Block] = []
    for blocks in pages:
        for i, block in enumerate(blocks):
            previous = out[-1] if out else None
            if (
                i == 0
                and isinstance(block, TableBlock)
                and isinstance(previous, TableBlock)
                and previous.page == block.page - 1
                and abs(previous.x0 - block.x0) < tolerance
                and abs(previous.x1 - block.x1) < tolerance
            ):
                cells = previous.cells + block.cells
                out[-1] = TableBlock(cells, previous.x0, previous.x1, previous.top, previous.page, previous.source)
            else:
                out.append(block)
    return out


def _assemble(blocks: Sequence[Block], rules: LayoutRules) -> tuple[str, tuple[RawTable, ...]]:
    """The text of *blocks* (lines joined into paragraphs, tables rendered) and their tables' grids."""
    lines_only = [b for b in blocks if isinstance(b, Line)]
    body = statistics.median([line.size for line in lines_only]) if lines_only else rules.body_size
    left = min((line.x0 for line in lines_only), default=0.0)
    right = max((line.x1 for line in lines_only), default=0.0)
    title_page = rules.title_page if rules.title_page is not None else (blocks[0].page if blocks else 0)
    text: list[str] = []
    tables: list[RawTable] = []
    previous: Line | None = None
    for index, block in enumerate(blocks):
        if isinstance(block, TableBlock):
            table = grid(block, rules)
            tables.append(table)
            text.extend(render_table(table))
            previous = None
            continue
        is_title = index < 4 and block.page == title_page and block.size >= 1.2 * body
        if previous is not None and text and continues(previous, block, (left, right), body, is_title, rules):
            text[-1] = join_lines([text[-1], block.text])
        else:
            text.append(block.text)
        previous = block
    return "\n".join(text), tuple(tables)


def continues(
    previous: Line, line: Line, margins: tuple[float, float], body: float, is_title: bool, rules: LayoutRules
) -> bool:
    """True when *line* continues the paragraph of *previous* (a hard wrap: *previous* reaches within 1.5 body sizes
    of the right margin and *line* starts within half a body size of the left one), or both are lines of the title
    (the same size, 1.2 times the body size or more). A line with a tab (columns of an unruled table) continues
    nothing; *margins* are the left and right edges of the document's lines.

    >>> import re
    >>> rules = LayoutRules(page_number=re.compile("$^"), stitch=8, column=4, row=2, body_size=10, same_size=0.5)
    >>> wrapped, short = Line("本年度", 0, 290, 0, 10, 1), Line("本年度", 0, 200, 0, 10, 1)
    >>> after = Line("收到申请", 0, 100, 20, 10, 1)
    >>> continues(wrapped, after, (0, 300), 10, False, rules), continues(short, after, (0, 300), 10, False, rules)
    (True, False)
    """
    left, right = margins
    if "\t" in previous.text or "\t" in line.text:
        return False
    if rules.page_break_needs_full_line and line.page != previous.page and not previous.x1 >= right - body:
        return False
    if is_title:
        return previous.size >= 1.2 * body and rules.same_size_as(previous.size, line.size, body)
    full = previous.x1 >= right - 1.5 * body
    flush_left = line.x0 <= left + 0.5 * body
    return (
        full and flush_left and (not rules.body_lines_same_size or rules.same_size_as(previous.size, line.size, body))
    )


def grid(block: TableBlock, rules: LayoutRules) -> RawTable:
    """The cells of a (possibly stitched) table placed on one grid of its column and row boundaries: cell edges
    clustered within :attr:`LayoutRules.column` (:attr:`LayoutRules.row`), each edge on its nearest boundary."""
    column_of = _nearest([v for cell in block.cells for v in (cell.x0, cell.x1)], rules.column)
    row_of = _nearest([v for cell in block.cells for v in (cell.top, cell.bottom)], rules.row)
    placed = []
    for cell in block.cells:
        column, end = column_of[cell.x0], column_of[cell.x1]
        row, last = row_of[cell.top], row_of[cell.bottom]
        placed.append(
            PlacedCell(
                text=cell.text, row=row, column=column, rowspan=max(last - row, 1), colspan=max(end - column, 1),
                source=cell.source,
            )
        )  # fmt: skip
    placed.sort(key=lambda c: (c.row, c.column))
    return build_table(placed, source=block.source)


def _nearest(values: Sequence[float], tolerance: float) -> dict[float, int]:
    """Each of *values* (the cells' edges) with the index of the nearest centre of the values clustered within
    *tolerance*: its column or row boundary."""
    centres = cluster_centres(values, tolerance)
    return {value: nearest_centre(value, centres) for value in set(values)}
