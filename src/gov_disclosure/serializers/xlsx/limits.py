"""Open a workbook without letting a hostile file exhaust memory or time.

An XLSX file is a zip of XML parts. Before openpyxl touches it, the zip's central directory is checked —
number of members, total uncompressed size, compression ratio — and the file must be a workbook at all. The
declared sizes are binding: Python's :mod:`zipfile` never inflates a member past the size its directory
declares. Each worksheet's declared dimension, and the rows and columns actually streamed, are then kept
within :class:`XlsxLimits` while reading (openpyxl's read-only mode streams rows; nothing is evaluated).
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterator
from typing import IO, Any

from attrs import frozen

from gov_disclosure.serializers.xlsx.errors import NotAWorkbookError, UnsafeWorkbookError

__all__ = ["XlsxLimits", "check_archive", "check_dimensions", "limited_rows"]


@frozen(kw_only=True)
class XlsxLimits:
    """Safety limits for reading a workbook. Report workbooks are tiny; the defaults leave a wide margin.

    >>> XlsxLimits().max_rows
    10000
    """

    max_members: int = 500
    """Zip members (parts) in the file."""
    max_uncompressed: int = 64 * 1024 * 1024
    """Total uncompressed bytes of all members."""
    max_ratio: float = 200.0
    """Largest compression ratio of a member larger than :attr:`ratio_floor`."""
    ratio_floor: int = 1024 * 1024
    """Members smaller than this (uncompressed) are not held to :attr:`max_ratio`."""
    max_rows: int = 10_000
    """Rows of one worksheet (declared or streamed)."""
    max_columns: int = 256
    """Columns of one worksheet (declared or streamed)."""


def _name(source: str | os.PathLike[str] | IO[bytes]) -> str:
    return os.fspath(source) if isinstance(source, (str, os.PathLike)) else getattr(source, "name", "<stream>")


def check_archive(source: str | os.PathLike[str] | IO[bytes], limits: XlsxLimits) -> None:
    """Refuse *source* unless it is a zip holding a workbook within *limits*.

    Raises :class:`~gov_disclosure.serializers.xlsx.NotAWorkbookError` or
    :class:`~gov_disclosure.serializers.xlsx.UnsafeWorkbookError`.
    """
    name = _name(source)
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise NotAWorkbookError(f"{name} is not an XLSX workbook (not a zip archive: {exc})") from None
    with archive:
        members = archive.infolist()
        if len(members) > limits.max_members:
            raise UnsafeWorkbookError(f"{name} has {len(members)} zip members; at most {limits.max_members} are read")
        total = 0
        for member in members:
            total += member.file_size
            if member.file_size > limits.ratio_floor:
                ratio = member.file_size / max(member.compress_size, 1)
                if ratio > limits.max_ratio:
                    raise UnsafeWorkbookError(
                        f"{name}: member {member.filename} inflates {ratio:.0f}-fold "
                        f"({member.file_size} bytes); refusing a possible zip bomb (limit {limits.max_ratio:.0f})"
                    )
        if total > limits.max_uncompressed:
            raise UnsafeWorkbookError(f"{name} inflates to {total} bytes; at most {limits.max_uncompressed} are read")
        names = {m.filename for m in members}
        if "xl/workbook.xml" not in names and not any(n.endswith("workbook.xml") for n in names):
            raise NotAWorkbookError(f"{name} is a zip archive but not an XLSX workbook (no xl/workbook.xml)")


def check_dimensions(ws: Any, limits: XlsxLimits) -> None:
    """Refuse a read-only worksheet whose declared dimension exceeds *limits*."""
    rows, columns = ws.max_row, ws.max_column
    if (rows is not None and rows > limits.max_rows) or (columns is not None and columns > limits.max_columns):
        raise UnsafeWorkbookError(
            f"the sheet declares {rows} rows × {columns} columns; at most {limits.max_rows} × "
            f"{limits.max_columns} are read",
            sheet=ws.title,
        )


def limited_rows(ws: Any, limits: XlsxLimits) -> Iterator[tuple[Any, ...]]:
    """The rows of a read-only worksheet, refusing more rows or columns than *limits* allow."""
    check_dimensions(ws, limits)
    ws.reset_dimensions()  # stream only what is there: a declared dimension may be a lie
    for count, row in enumerate(ws.iter_rows(), start=1):
        if count > limits.max_rows:
            raise UnsafeWorkbookError(f"the sheet has more than {limits.max_rows} rows", sheet=ws.title)
        if len(row) > limits.max_columns:
            raise UnsafeWorkbookError(
                f"row {count} has {len(row)} columns; at most {limits.max_columns} are read", sheet=ws.title
            )
        yield row
