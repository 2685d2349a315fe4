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
        return ":".join(parts) or "<unknown>"


@frozen(kw_only=True)
class SourceInfo:
    """Metadata about the document a report was read from."""

    path: str | None = None
    url: str | None = None
    form: str | None = None
    """Input form, e.g. ``"text"``, ``"markdown"``, ``"html"``, ``"pdf"``, ``"docx"``, ``"xlsx"``, ``"json"``."""
    reader: str | None = None
    """Name of the reader/adapter that produced the report."""
