"""Open a workbook without letting a hostile file exhaust memory or time.

An XLSX file is a zip of XML parts. Before openpyxl touches it, the zip's central directory is checked —
number of members, total uncompressed size, compression ratio (:func:`gov_disclosure.limits.check_zip`, shared
with the DOCX reader) — and the file must be a workbook at all. The declared sizes are binding: Python's
:mod:`zipfile` never inflates a member past the size its directory declares. Each worksheet's declared dimension,
and the rows and columns actually streamed, are then kept within the :class:`~gov_disclosure.limits.Limits`
while reading (openpyxl's read-only mode streams rows; nothing is evaluated). The XML parts are parsed with
entity declarations refused (:mod:`defusedxml`, which openpyxl uses when it is installed) and, where openpyxl
parses with lxml, entities left unresolved.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterator
from typing import IO, Any

from gov_disclosure.limits import Limits, check_zip
from gov_disclosure.serializers.xlsx.errors import NotAWorkbookError, WorkbookLimitError

__all__ = ["XlsxLimits", "check_archive", "check_dimensions", "limited_rows"]

XlsxLimits = Limits
"""The limits of reading a workbook: :class:`gov_disclosure.limits.Limits` (the name is kept for existing code).

>>> XlsxLimits().max_rows
10000
"""


def _name(source: str | os.PathLike[str] | IO[bytes]) -> str:
    return os.fspath(source) if isinstance(source, (str, os.PathLike)) else getattr(source, "name", "<stream>")


def _workbook_limit(message: str, limit: str) -> Exception:
    return WorkbookLimitError(message, limit=limit)


def check_archive(source: str | os.PathLike[str] | IO[bytes], limits: Limits) -> None:
    """Refuse *source* unless it is a zip holding a workbook within *limits*.

    Raises :class:`~gov_disclosure.serializers.xlsx.NotAWorkbookError` or
    :class:`~gov_disclosure.serializers.xlsx.WorkbookLimitError`.
    """
    name = _name(source)
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise NotAWorkbookError(f"{name} is not an XLSX workbook (not a zip archive: {exc})") from None
    with archive:
        check_zip(archive, limits, name=name, error=_workbook_limit)
        names = set(archive.namelist())
        if "xl/workbook.xml" not in names and not any(n.endswith("workbook.xml") for n in names):
            raise NotAWorkbookError(f"{name} is a zip archive but not an XLSX workbook (no xl/workbook.xml)")


def check_dimensions(ws: Any, limits: Limits) -> None:
    """Refuse a read-only worksheet whose declared dimension exceeds *limits*."""
    rows, columns = ws.max_row, ws.max_column
    over = "max_rows" if rows is not None and rows > limits.max_rows else None
    over = over or ("max_columns" if columns is not None and columns > limits.max_columns else None)
    if over is not None:
        raise WorkbookLimitError(
            f"the sheet declares {rows} rows × {columns} columns; at most {limits.max_rows} × "
            f"{limits.max_columns} are read",
            limit=over,
            sheet=ws.title,
        )


def limited_rows(ws: Any, limits: Limits) -> Iterator[tuple[Any, ...]]:
    """The rows of a read-only worksheet, refusing more rows or columns than *limits* allow."""
    check_dimensions(ws, limits)
    ws.reset_dimensions()  # stream only what is there: a declared dimension may be a lie
    for count, row in enumerate(ws.iter_rows(), start=1):
        if count > limits.max_rows:
            message = f"the sheet has more than {limits.max_rows} rows"
            raise WorkbookLimitError(message, limit="max_rows", sheet=ws.title)
        if len(row) > limits.max_columns:
            raise WorkbookLimitError(
                f"row {count} has {len(row)} columns; at most {limits.max_columns} are read",
                limit="max_columns",
                sheet=ws.title,
            )
        yield row
