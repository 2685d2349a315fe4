"""Load a workbook safely into plain grids: cached values, number formats and formulas by ``(row, column)``.

Formulas are never evaluated: values are the ones the spreadsheet program cached when it saved the file
(openpyxl's ``data_only`` mode). The workbook is read once with its formulas, so that a formula without a cached
value is reported rather than read as a blank; only the sheets that hold formulas are streamed again for their
cached results.
"""

from __future__ import annotations

import datetime
import os
import zipfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import IO, Any

import openpyxl
from attrs import field, frozen
from openpyxl.utils import get_column_letter

from gov_disclosure.serializers.xlsx.errors import NotAWorkbookError
from gov_disclosure.serializers.xlsx.limits import XlsxLimits, check_archive, limited_rows
from gov_disclosure.serializers.xlsx.text import unescape

__all__ = ["Coord", "GridValue", "SheetGrid", "load_grids", "ref"]

Coord = tuple[int, int]
"""``(row, column)``, 1-based."""

GridValue = int | float | str | bool | datetime.datetime | datetime.date | datetime.time | datetime.timedelta
"""A non-empty cell value as openpyxl reads it (strings unescaped)."""


def ref(row: int, column: int) -> str:
    """The A1 reference of (*row*, *column*).

    >>> ref(12, 10)
    'J12'
    """
    return f"{get_column_letter(column)}{row}"


@frozen(kw_only=True)
class SheetGrid:
    """The non-empty cells of one worksheet."""

    title: str
    values: Mapping[Coord, GridValue] = field(factory=dict)
    """Cached values; strings are unescaped (``_x000D_`` → ``\\r``)."""
    formats: Mapping[Coord, str] = field(factory=dict)
    """Number formats of numeric cells (``0.00"元"``)."""
    formulas: Mapping[Coord, str] = field(factory=dict)
    """Formula text (``=SUM(J5:O5)``) of the cells that hold a formula."""
    rows: int = 0
    columns: int = 0

    def value(self, row: int, column: int) -> GridValue | None:
        """The cached value at (*row*, *column*), None when empty."""
        return self.values.get((row, column))

    def text(self, row: int, column: int) -> str | None:
        """The value at (*row*, *column*) when it is a non-blank string."""
        value = self.values.get((row, column))
        return value if isinstance(value, str) and value.strip() else None


_Scan = tuple[dict[Coord, Any], dict[Coord, str], int, int, dict[Coord, str]]


def _scan(ws: Any, limits: XlsxLimits) -> _Scan:
    """``(values, formats, rows, columns, formulas)`` of one worksheet in one streaming pass.

    Opened with ``data_only=False``, a formula cell holds its formula (``data_type`` ``"f"``) and every other cell
    the value ``data_only=True`` gives it; opened with ``data_only=True``, formula cells hold their cached results
    and *formulas* is empty.
    """
    values: dict[Coord, Any] = {}
    formats: dict[Coord, str] = {}
    formulas: dict[Coord, str] = {}
    rows = columns = 0
    for r, row in enumerate(limited_rows(ws, limits), start=1):
        for c, cell in enumerate(row, start=1):
            value = getattr(cell, "value", None)
            if value is None or value == "":
                continue
            if getattr(cell, "data_type", None) == "f":
                formulas[(r, c)] = str(value)
                continue
            values[(r, c)] = unescape(value) if isinstance(value, str) else value
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                formats[(r, c)] = cell.number_format
            rows, columns = max(rows, r), max(columns, c)
    return values, formats, rows, columns, formulas


@contextmanager
def _opened(source: str | os.PathLike[str] | IO[bytes], *, data_only: bool) -> Iterator[Any]:
    """The workbook at *source* opened read-only (rows streamed), links to other workbooks not loaded."""
    if not isinstance(source, (str, os.PathLike)):
        source.seek(0)
    try:
        wb = openpyxl.load_workbook(source, read_only=True, data_only=data_only, keep_links=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, SyntaxError) as exc:
        raise NotAWorkbookError(f"cannot open the workbook: {exc}") from None
    try:
        yield wb
    finally:
        wb.close()


def load_grids(source: str | os.PathLike[str] | IO[bytes], limits: XlsxLimits) -> tuple[SheetGrid, ...]:
    """Every worksheet of the workbook at *source*, after the archive passed :func:`.limits.check_archive`.

    One pass reads every sheet with its formulas. A sheet holding formulas is streamed a second time for the
    results the spreadsheet program cached; its values (all of them, in the same order) come from that pass.
    """
    check_archive(source, limits)
    grids: dict[str, dict[str, Any]] = {}
    with _opened(source, data_only=False) as wb:
        for ws in wb.worksheets:
            if hasattr(ws, "iter_rows"):
                values, formats, rows, columns, formulas = _scan(ws, limits)
                grids[ws.title] = {"title": ws.title, "values": values, "formats": formats, "rows": rows,
                                   "columns": columns, "formulas": formulas}  # fmt: skip
    if not grids:
        raise NotAWorkbookError("the workbook has no worksheet")
    if any(entry["formulas"] for entry in grids.values()):
        with _opened(source, data_only=True) as wb:
            for ws in wb.worksheets:
                entry = grids.get(ws.title)
                if entry is not None and entry["formulas"] and hasattr(ws, "iter_rows"):
                    values, formats, rows, columns, _ = _scan(ws, limits)
                    entry.update(values=values, formats=formats, rows=rows, columns=columns)
    return tuple(SheetGrid(**entry) for entry in grids.values())
