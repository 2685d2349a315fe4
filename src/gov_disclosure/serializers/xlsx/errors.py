"""Typed errors of the XLSX serializer: unusable workbooks, never problems in a report's data."""

from __future__ import annotations

from gov_disclosure.errors import GovDisclosureError, LimitExceededError, UnsafeInputError, how_to_raise

__all__ = [
    "DamagedWorkbookError",
    "NotAWorkbookError",
    "SheetNotFoundError",
    "TableNotFoundError",
    "UnsafeWorkbookError",
    "WorkbookLimitError",
    "XlsxError",
    "XlsxLayoutError",
]


class XlsxError(GovDisclosureError, ValueError):
    """A workbook cannot be read (or written) as reports.

    ``sheet`` and ``cell`` name the offending place when there is one; ``message`` says what is wrong there.

    >>> err = XlsxError("no header row above this row", sheet="表三", cell="A7")
    >>> str(err), err.where
    ("'表三'!A7: no header row above this row", "'表三'!A7")
    """

    def __init__(self, message: str, *, sheet: str | None = None, cell: str | None = None) -> None:
        self.message = message
        self.sheet = sheet
        self.cell = cell
        super().__init__(f"{self.where}: {message}" if self.where else message)

    @property
    def where(self) -> str:
        """``'sheet'!A1`` (or the sheet alone, or ``""``)."""
        if self.sheet is None:
            return ""
        return f"{self.sheet!r}" + (f"!{self.cell}" if self.cell else "")


class NotAWorkbookError(XlsxError):
    """The file is not an XLSX workbook (not a zip, a CSV renamed ``.xlsx``, a workbook with no worksheet …)."""


class DamagedWorkbookError(NotAWorkbookError):
    """A part of the workbook cannot be parsed (malformed XML, a cell whose value does not fit its type, a broken
    reference between parts): the file is damaged, and none of it is read."""


class UnsafeWorkbookError(XlsxError, UnsafeInputError):
    """The file was refused before it could exhaust memory or reach outside itself: its XML declares a DTD or
    entities (billion laughs, external entities), or it exceeds a safety limit (:class:`WorkbookLimitError`)."""


class WorkbookLimitError(UnsafeWorkbookError, LimitExceededError):
    """The file exceeds one of the :class:`~gov_disclosure.limits.Limits` (``limit`` names it): zip member count,
    uncompressed size, compression ratio, or sheet dimensions. Refused before it can exhaust memory.

    >>> error = WorkbookLimitError("the sheet has more than 20 rows", limit="max_rows", sheet="表三")
    >>> error.limit, error.sheet
    ('max_rows', '表三')
    >>> print(str(error).replace(" (", "\\n("))
    '表三': the sheet has more than 20 rows
    (limit max_rows: raise it with Limits(max_rows=...), or --limit max_rows=... on the command line)
    """

    def __init__(self, message: str, *, limit: str, sheet: str | None = None, cell: str | None = None) -> None:
        super().__init__(f"{message} ({how_to_raise(limit)})", sheet=sheet, cell=cell)
        self.limit = limit


class SheetNotFoundError(XlsxError):
    """A sheet that was asked for (or that the workbook's ``reports`` sheet lists) does not exist."""


class TableNotFoundError(XlsxError):
    """No recognisable table 二, 三 or 四 where one was expected (a sheet, or the whole workbook)."""


class XlsxLayoutError(XlsxError):
    """A table was found but its layout cannot be read with certainty (e.g. no column header above a row)."""
