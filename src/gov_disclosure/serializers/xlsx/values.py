"""Numbers in a workbook, exactly.

openpyxl stores a number as ``"%.16g" % value`` and reads it back as ``int`` or ``float``; Excel keeps 15
significant digits. So a cell value is written as a spreadsheet number only when that round trip gives the
same value back (:func:`number_is_exact`): counts up to 15 digits, money with at most 15 significant digits.
Anything else is written as text, which reads back exactly. The number of decimals a money value was printed
with (``96171.60``) is kept in the cell's number format (``0.00``), so nothing is lost either way.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from gov_disclosure.model.cells import Cell, CellKind, Number

__all__ = [
    "EXCEL_DIGITS",
    "NOT_PRINTED_MARK",
    "SheetValue",
    "decimal_from_sheet",
    "number_format",
    "number_is_exact",
    "places_of",
    "sheet_value",
    "stored",
    "unit_of_format",
]

SheetValue = int | float | Decimal | str | None
"""What a worksheet cell holds as openpyxl sees it (``Decimal`` only on the way in)."""

EXCEL_DIGITS = 15
"""Significant decimal digits Excel keeps in a number."""

NOT_PRINTED_MARK = "未印出"
"""What the form shows in a cell of a row the report does not print (:attr:`CellKind.NOT_PRINTED`); read back as
such. No report prints it in a table cell."""

_FORMAT = re.compile(r'^0(?:\.(?P<places>0+))?(?:"(?P<unit>[^"]*)")?$')


def stored(value: Number) -> int | float:
    """The value openpyxl reads back after writing *value* (it writes ``"%.16g" % value``).

    >>> stored(12), stored(Decimal("96171.60")), stored(2**60)
    (12, 96171.6, 1.152921504606847e+18)
    """
    text = "%.16g" % value  # noqa: UP031 - exactly what openpyxl writes
    return float(text) if any(c in text for c in ".eE") else int(text)


def places_of(value: Number) -> int:
    """Decimals printed in *value* (0 for ints and for Decimals with no fraction digits).

    >>> places_of(3), places_of(Decimal("96171.60")), places_of(Decimal("1E+3"))
    (0, 2, 0)
    """
    if isinstance(value, int):
        return 0
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def decimal_from_sheet(value: int | float, places: int | None = None) -> Decimal:
    """A Decimal from a spreadsheet number: the shortest text of the float, padded to *places* decimals when
    that does not change the value (never rounds).

    >>> decimal_from_sheet(96171.6, 2), decimal_from_sheet(12.3456, 2), decimal_from_sheet(7)
    (Decimal('96171.60'), Decimal('12.3456'), Decimal('7'))
    """
    result = Decimal(value) if isinstance(value, int) else Decimal(repr(value))
    if places and places_of(result) < places:
        try:
            padded = result.quantize(Decimal(1).scaleb(-places))
        except InvalidOperation:  # pragma: no cover - only for absurd precisions
            return result
        if padded == result:
            return padded
    return result


def number_is_exact(value: Number) -> bool:
    """True when *value* survives being stored as a spreadsheet number (and Excel's 15 digits) unchanged.

    >>> number_is_exact(Decimal("96171.60")), number_is_exact(10**15), number_is_exact(Decimal("0.1234567890123456"))
    (True, False, False)
    """
    if isinstance(value, bool):
        return False
    if isinstance(value, Decimal):
        if not value.is_finite():
            return False
        digits = len(value.as_tuple().digits)
        if digits > EXCEL_DIGITS or abs(value.adjusted()) > 300:
            return False
        back = stored(value)
        return decimal_from_sheet(back, places_of(value)) == value and places_of(
            decimal_from_sheet(back, places_of(value))
        ) == places_of(value)
    return abs(value) < 10**EXCEL_DIGITS and stored(value) == value


def number_format(value: Number, unit: str | None = None) -> str:
    """The number format that shows *value* with its printed decimals, and *unit* after it.

    >>> number_format(3), number_format(Decimal("96171.60")), number_format(Decimal("251000"), "元")
    ('0', '0.00', '0"元"')
    """
    places = places_of(value)
    fmt = "0" + ("." + "0" * places if places else "")
    if unit and '"' not in unit:
        fmt += f'"{unit}"'
    return fmt


def unit_of_format(fmt: str | None) -> tuple[int | None, str | None]:
    """``(decimal places, unit)`` read back from a number format written by :func:`number_format`.

    >>> unit_of_format('0.00"元"'), unit_of_format("General")
    ((2, '元'), (None, None))
    """
    match = _FORMAT.match(fmt or "")
    if match is None:
        return None, None
    places = len(match["places"] or "")
    return places, match["unit"] or None


def sheet_value(cell: Cell) -> tuple[SheetValue, str | None]:
    """What a worksheet cell shows for *cell*: ``(value, number format)``.

    Numbers as numbers when exact (else their text), not-applicable marks as their raw text, blanks as nothing —
    and a cell that cannot be read as a number with certainty as nothing too: never text where a number belongs
    (its printed text goes in the cell's comment and in the ``cells`` sheet).

    >>> sheet_value(Cell.of(Decimal("96171.60")))
    (Decimal('96171.60'), '0.00')
    >>> sheet_value(Cell.not_applicable("/")), sheet_value(Cell.blank()), sheet_value(Cell.not_printed())
    (('/', None), (None, None), ('未印出', None))
    >>> sheet_value(Cell.text("0 0 0 0 0 0"))
    (None, None)
    >>> sheet_value(Cell.of(Decimal("0.1234567890123456789")))
    ('0.1234567890123456789', None)
    """
    if cell.kind in (CellKind.NUMBER, CellKind.ZERO) and cell.value is not None:
        if number_is_exact(cell.value):
            return cell.value, number_format(cell.value, cell.unit)
        return str(cell.value), None
    if cell.kind is CellKind.BLANK or cell.kind is CellKind.TEXT:
        return None, None
    if cell.kind is CellKind.NOT_PRINTED:
        return NOT_PRINTED_MARK, None
    return cell.raw, None
