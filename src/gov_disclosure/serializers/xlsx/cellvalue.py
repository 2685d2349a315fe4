"""One worksheet cell → :class:`~gov_disclosure.model.Cell`, never guessing.

Spreadsheet numbers are read exactly (:mod:`.values`); text — numbers stored as text, full-width digits, stray
spaces, ``/`` marks, ``251000元`` — goes through :func:`gov_disclosure.parsing.cells.parse_cell`. A formula
whose result was never cached is a ``TEXT`` cell holding the formula, with a finding: its value is unknown. A
formula with a cached result is read as that result, with a finding naming the formula (:mod:`.formulas`).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from gov_disclosure.findings import Finding
from gov_disclosure.model.cells import Cell, CellKind
from gov_disclosure.model.keys import CellKey
from gov_disclosure.model.layout import ValueType
from gov_disclosure.model.source import SourceLocation
from gov_disclosure.parsing.cells import parse_cell
from gov_disclosure.serializers.xlsx.formulas import formula_finding, not_cached_finding
from gov_disclosure.serializers.xlsx.grid import GridValue, SheetGrid, ref
from gov_disclosure.serializers.xlsx.values import (
    NOT_PRINTED_MARK,
    SheetValue,
    decimal_from_sheet,
    places_of,
    unit_of_format,
)

__all__ = ["number_from_sheet", "read_cell", "same_image"]


def number_from_sheet(value: int | float, fmt: str | None, value_type: ValueType | None) -> int | Decimal | None:
    """A spreadsheet number as a cell value: ``int`` for counts, ``Decimal`` for money (decimals kept from the
    number format); None for a fractional count (not a count: the cell becomes text).

    >>> number_from_sheet(3.0, "General", ValueType.COUNT), number_from_sheet(96171.6, "0.00", ValueType.MONEY)
    (3, Decimal('96171.60'))
    >>> number_from_sheet(1.5, None, ValueType.COUNT) is None
    True
    """
    places, _ = unit_of_format(fmt)
    if value_type is ValueType.MONEY:
        return decimal_from_sheet(value, places)
    if isinstance(value, int):
        return value
    if value.is_integer() and abs(value) < 2**53:
        return int(value)
    if value_type is None:
        return decimal_from_sheet(value, places)
    return None


def _shown(value: int | Decimal, unit: str | None) -> str:
    return f"{value:.{places_of(value)}f}{unit or ''}" if isinstance(value, Decimal) else f"{value}{unit or ''}"


def read_cell(
    grid: SheetGrid,
    row: int,
    column: int,
    value_type: ValueType | None,
    *,
    key: CellKey | None = None,
    path: str | None = None,
) -> tuple[Cell, Finding | None]:
    """The cell at (*row*, *column*) of *grid*, read as a value of *value_type* (None: unknown, e.g. extra rows)."""
    where = SourceLocation(path=path, sheet=grid.title, cell=ref(row, column))
    value = grid.value(row, column)
    formula = grid.formulas.get((row, column))
    if value is None and formula is not None:
        return Cell.text(formula, source=where), not_cached_finding(formula, where, key=key)
    if value is None:
        return Cell.blank(source=where), None
    cell = _cell_of(grid, row, column, value, value_type, where)
    if formula is None:
        return cell, None
    return cell, formula_finding(formula, where, shown=str(value), key=key)


def _cell_of(
    grid: SheetGrid, row: int, column: int, value: GridValue, value_type: ValueType | None, where: SourceLocation
) -> Cell:
    """The cell showing *value*, the value saved at (*row*, *column*)."""
    if isinstance(value, (bool, datetime.datetime, datetime.date, datetime.time, datetime.timedelta)):
        return Cell.text(str(value), source=where)
    if isinstance(value, (int, float)):
        number = number_from_sheet(value, grid.formats.get((row, column)), value_type)
        if number is None:
            return Cell.text(repr(value), source=where)
        _, unit = unit_of_format(grid.formats.get((row, column)))
        return Cell.of(number, raw=_shown(number, unit), unit=unit, source=where)
    if value.strip() == NOT_PRINTED_MARK:
        return Cell.not_printed(source=where)
    return parse_cell(value, value_type or ValueType.MONEY, source=where)


def same_image(found: GridValue | None, written: SheetValue) -> bool:
    """True when a worksheet value is what the writer put there for a cell (so nobody edited it).

    >>> same_image(96171.6, Decimal("96171.60")), same_image("/", "/"), same_image(None, ""), same_image(3, 4)
    (True, True, True, False)
    """
    if written == "":
        written = None
    if found is None or written is None:
        return found is None and written is None
    if isinstance(written, str) or isinstance(found, str):
        return isinstance(written, str) and isinstance(found, str) and written == found
    if isinstance(found, bool) or not isinstance(found, (int, float)):
        return False
    return decimal_from_sheet(found) == Decimal(written)


def is_blank(cell: Cell) -> bool:
    """True for a blank cell."""
    return cell.kind is CellKind.BLANK
