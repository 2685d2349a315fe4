"""Where a value was read from. Provenance never takes part in equality, hashing or diffs."""

from __future__ import annotations

from attrs import frozen

__all__ = ["SourceInfo", "SourceLocation"]


@frozen(kw_only=True)
class SourceLocation:
    """A place in an input document: any of file, page, line/column, character span, sheet/cell.

    >>> str(SourceLocation(path="r.txt", line=12, column=3))
    'r.txt:12:3'
    >>> str(SourceLocation(sheet="表三", cell="C7"))
    '表三!C7'

    Text recognised in an image (OCR) says so, with the recognizer's confidence and the cell's box on the page:

    >>> str(SourceLocation(path="scan.pdf", page=4, origin="ocr", box="218,402,260,420", confidence=97))
    'scan.pdf:p4 (ocr 97%)'
    """

    path: str | None = None
    page: int | None = None
    line: int | None = None
    column: int | None = None
    start: int | None = None
    """Character offset of the first character in the (normalised) input text."""
    end: int | None = None
    sheet: str | None = None
    cell: str | None = None
    origin: str | None = None
    """How the text was obtained when not from a text layer: ``"ocr"`` for text recognised in an image (a scanned
    page, an image file, an ``<img>`` table of a web page)."""
    box: str | None = None
    """The cell's box on its page, ``"x0,y0,x1,y1"`` from the top left corner: in points (1/72 inch) on a PDF page,
    in pixels in an image file."""
    confidence: int | None = None
    """The recognizer's confidence in the text, in percent (0–100), for recognised text."""
    readings: str | None = None
    """The recognizer's other readings of recognised text that were nearly as likely, most likely first, separated
    by ``" | "``; None when there was none."""

    def __str__(self) -> str:
        parts: list[str] = []
        if self.path:
            parts.append(self.path)
        if self.page is not None:
            parts.append(f"p{self.page}")
        if self.line is not None:
            parts.append(str(self.line) if self.column is None else f"{self.line}:{self.column}")
        elif self.start is not None:
            parts.append(f"@{self.start}" + ("" if self.end is None else f"-{self.end}"))
        if self.sheet is not None:
            parts.append(f"{self.sheet}!{self.cell or ''}")
        where = ":".join(parts) or "<unknown>"
        if self.origin is None:
            return where
        return f"{where} ({self.origin}{'' if self.confidence is None else f' {self.confidence}%'})"


@frozen(kw_only=True)
class SourceInfo:
    """Metadata about the document a report was read from."""

    path: str | None = None
    url: str | None = None
    form: str | None = None
    """Input form, e.g. ``"text"``, ``"markdown"``, ``"html"``, ``"pdf"``, ``"docx"``, ``"xlsx"``, ``"json"``."""
    reader: str | None = None
    """Name of the reader/adapter that produced the report."""
