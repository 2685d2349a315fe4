"""Grids: tables with known cell boundaries, as an input reader extracts them (HTML, PDF, DOCX).

Nothing here is interpreted: labels are not matched, numbers are not parsed, blanks are kept as empty cells.
"""

from __future__ import annotations

from attrs import field, frozen

from gov_disclosure.model.source import SourceLocation

__all__ = ["RawCell", "RawRow", "RawTable"]


@frozen(kw_only=True)
class RawCell:
    """One cell as extracted: its text (``""`` for an empty cell, never dropped) and grid position."""

    text: str
    column: int | None = None
    """Starting grid column (0-based, after expanding ``colspan``) when the form knows it; None for text streams."""
    span: int = 1
    """Number of grid columns the cell covers (``colspan``)."""
    continued: bool = False
    """True when this is the continuation of a cell spanning rows (``rowspan``) from a row above."""
    broken: bool = False
    """True when the source's markup breaks the row at this cell: the cells before it and this cell with those
    after it are not known to be one row (an HTML attribute that ran on, because a quote was lost, over the end of
    its row and the start of the next; a cell without its end tag in a table whose cells have one, as a lost ``/``
    leaves it; the page cut short inside this cell)."""
    source: SourceLocation | None = field(default=None, eq=False)


@frozen(kw_only=True)
class RawRow:
    """A table row: its cells in reading order, labels and values together."""

    cells: tuple[RawCell, ...]
    source: SourceLocation | None = field(default=None, eq=False)


@frozen(kw_only=True)
class RawTable:
    """A table with known cell boundaries (an HTML ``<table>``, a DOCX table, a PDF table found by position)."""

    rows: tuple[RawRow, ...]
    source: SourceLocation | None = field(default=None, eq=False)
