"""Cell text → :class:`~gov_disclosure.model.Cell`, never guessing.

format-spec §7: "Cell value model: (value: int | Decimal | None, raw: str, semantic: NUMERIC | ZERO | EMPTY | NA |
TEXT, unit: str | None)". Cells seen in real reports (§3.1, §6.3): blanks, ``/`` ``-`` ``—`` ``无``, units in
the cell (``251000元``), annotations (``55（含自然失效29件）``), signed 本年增/减 (``-8``, ``+3``). Anything that is
not one of these with certainty becomes a ``TEXT`` cell carrying the printed text.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from gov_disclosure.model.cells import Cell
from gov_disclosure.model.layout import ValueType
from gov_disclosure.model.source import SourceLocation
from gov_disclosure.parsing.normalize import normalize_line

__all__ = ["MAX_NUMBER_DIGITS", "NA_MARKS", "UNITS", "is_number_token", "parse_cell"]


NA_MARKS: frozenset[str] = frozenset(
    {"/", "-", "—", "–", "－", "―", "——", "--", "无", "不适用", "N/A", "n/a", "NA", "\\"}
)
"""Texts that mean "not applicable" (normalised; ``／`` normalises to ``/``)."""

UNITS: tuple[str, ...] = ("万元", "元", "件", "项", "条", "宗", "个", "次", "份")
"""Units that may follow a number inside a cell (longest first where one is a suffix of another)."""

_UNIT = "|".join(UNITS)
_NUMBER = r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_CELL = re.compile(
    rf"^(?P<number>{_NUMBER})[ ]?(?P<unit>{_UNIT})?[ ]?(?:\((?P<note>[^()]*)\))?$",
)
MAX_NUMBER_DIGITS = 30
"""Most digits a cell's number may have (a count of these reports has at most 9, an amount of money at most 15
with its decimals). A longer run of digits is not a number the agency printed but damage (lines joined, a
separator lost): the cell is read as text, flagged, and left without a value — never handed to :class:`int`,
which refuses more than 4,300 digits."""
_PLAIN_INT = re.compile(r"[+-]?\d+")


def is_number_token(text: str) -> bool:
    """True when *text* reads as one number cell (with optional sign, separators, unit or annotation).

    >>> [is_number_token(t) for t in ("12", "-8", "1,234", "251000元", "55(含自然失效29件)", "规章", "1 2")]
    [True, True, True, True, True, False, False]
    """
    return text.isdecimal() or _CELL.match(text) is not None  # digits alone (the usual cell) need no regex


def _number(text: str, value_type: ValueType) -> int | Decimal | None:
    digits = text.replace(",", "")
    unsigned = digits.lstrip("+-")
    if len(unsigned) > MAX_NUMBER_DIGITS + 1:  # + 1: the decimal point
        return None
    if len(unsigned) > 1 and unsigned.startswith("0") and not unsigned.startswith("0."):
        return None  # "03": a leading zero is not how these reports print numbers — do not guess
    if value_type is ValueType.MONEY:
        try:
            return Decimal(digits)
        except InvalidOperation:  # pragma: no cover - the regex admits only valid decimals
            return None
    if "." in digits:
        return None  # a fractional count is not a count
    return int(digits)


def parse_cell(
    text: str | None,
    value_type: ValueType = ValueType.COUNT,
    *,
    source: SourceLocation | None = None,
) -> Cell:
    """Read one cell.

    >>> parse_cell("12").value, parse_cell("").kind.name, parse_cell("／").kind.name
    (12, 'BLANK', 'NOT_APPLICABLE')
    >>> c = parse_cell("55（含自然失效29件）")
    >>> c.value, c.annotation, c.raw
    (55, '含自然失效29件', '55（含自然失效29件）')
    >>> c = parse_cell("251000元", ValueType.MONEY)
    >>> c.value, c.unit
    (Decimal('251000'), '元')
    >>> parse_cell("-8", ValueType.SIGNED).value, parse_cell("+3", ValueType.SIGNED).value
    (-8, 3)
    >>> parse_cell("１，２３４").value
    1234
    >>> parse_cell("898989 12").kind.name, parse_cell("1.5").kind.name, parse_cell("03").kind.name
    ('TEXT', 'TEXT', 'TEXT')
    >>> parse_cell("9" * 5000).kind.name  # more digits than MAX_NUMBER_DIGITS: damage, not a number
    'TEXT'

    A sign in a count column is read as printed (the validator flags negative counts):

    >>> parse_cell("-2").value
    -2
    """
    raw = "" if text is None else text
    cell = _parse_money(raw) if value_type is ValueType.MONEY else _parse_count(raw)
    return cell if source is None else cell.located(source)


@lru_cache(maxsize=4096)
def _parse_count(raw: str) -> Cell:
    """The cell read from *raw* in a count column, signed or not (the validator flags negative counts), without a
    source; memoised: the same cell texts recur in every report."""
    return _parse(raw, ValueType.COUNT)


@lru_cache(maxsize=1024)
def _parse_money(raw: str) -> Cell:
    """The cell read from *raw* in a money column, without a source (memoised)."""
    return _parse(raw, ValueType.MONEY)


def _parse(raw: str, value_type: ValueType) -> Cell:
    """The cell read from *raw*, without a source."""
    norm = normalize_line(raw).strip()
    if not norm:
        return Cell.blank(raw=raw)
    if norm in NA_MARKS:
        return Cell.not_applicable(raw)
    match = _CELL.match(norm)
    if match is None:
        return Cell.text(raw)
    value = _number(match["number"], value_type)
    if value is None:
        return Cell.text(raw)
    note = match["note"]
    return Cell.of(value, raw=raw, annotation=note.strip() or None if note is not None else None, unit=match["unit"])
