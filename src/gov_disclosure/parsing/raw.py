"""The common intermediate form every input-form reader produces and the format adapters read.

An input-form reader (plain text, markdown, HTML, PDF, DOCX, XLSX) turns its input into a
:class:`RawDocument`: the document's text in reading order plus, where the form knows cell
boundaries, its tables as :class:`RawTable` grids. Nothing here is interpreted: labels are not
matched, numbers are not parsed, blanks are kept as empty cells. Building the :class:`~gov_disclosure.model.Report`
from a ``RawDocument`` is the format adapters' job.
"""

from __future__ import annotations

from attrs import field, frozen

from gov_disclosure.model.source import SourceInfo, SourceLocation

__all__ = ["RawCell", "RawDocument", "RawRow", "RawTable"]


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


@frozen(kw_only=True)
class RawDocument:
    """A report as extracted from one input, before interpretation."""

    text: str
    """The whole document as text in reading order (narrative and, for text forms, the tables)."""
    tables: tuple[RawTable, ...] = ()
    """Tables with known cell boundaries; empty for plain text, where tables are read from ``text``."""
    form: str = "text"
    """Input form: ``"text"``, ``"markdown"``, ``"html"``, ``"pdf"``, ``"docx"``, ``"xlsx"``."""
    source: SourceInfo | None = field(default=None, eq=False)
