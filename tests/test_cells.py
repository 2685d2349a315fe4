"""Unit tests of gov_disclosure.parsing.cells: cell text to Cell without guessing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gov_disclosure.model import CellKind, ValueType
from gov_disclosure.parsing.cells import parse_cell


@pytest.mark.parametrize(("text", "value"), [("0", 0), ("12", 12), ("１２", 12), ("1,234", 1234), (" 7 ", 7)])
def test_counts(text: str, value: int) -> None:
    """Counts, full-width digits and thousands separators read as ints."""
    cell = parse_cell(text)
    assert cell.value == value
    assert isinstance(cell.value, int)
    assert cell.raw == text


@pytest.mark.parametrize("text", ["", "  ", None])
def test_blank_is_never_zero(text: str | None) -> None:
    """Empty cells are BLANK, with no value."""
    cell = parse_cell(text)
    assert cell.kind is CellKind.BLANK
    assert cell.value is None


@pytest.mark.parametrize("text", ["/", "／", "-", "—", "－", "无", "不适用"])
def test_not_applicable_marks(text: str) -> None:
    """The not-applicable marks of format-spec §6.3."""
    cell = parse_cell(text)
    assert cell.kind is CellKind.NOT_APPLICABLE
    assert cell.raw == text


def test_units_and_annotations() -> None:
    """A unit or an annotation printed inside the cell is kept apart from the value."""
    money = parse_cell("251000元", ValueType.MONEY)
    assert (money.value, money.unit) == (Decimal("251000"), "元")
    note = parse_cell("55（含自然失效29件）")
    assert (note.value, note.annotation, note.unit) == (55, "含自然失效29件", None)
    assert parse_cell("3件").unit == "件"


def test_money_is_an_exact_decimal() -> None:
    """Money keeps the printed precision."""
    cell = parse_cell("96171.60", ValueType.MONEY)
    assert cell.value == Decimal("96171.60")
    assert str(cell.value) == "96171.60"


def test_signed_change() -> None:
    """本年增/减 is signed: ``-8`` and ``+3``."""
    assert parse_cell("-8", ValueType.SIGNED).value == -8
    plus = parse_cell("+3", ValueType.SIGNED)
    assert (plus.value, plus.raw) == (3, "+3")


@pytest.mark.parametrize("text", ["898989 12", "1.5", "03", "约12", "见附件", "1,23"])
def test_uncertain_text_is_text(text: str) -> None:
    """Anything not read with certainty stays TEXT, carrying the printed text."""
    cell = parse_cell(text)
    assert cell.kind is CellKind.TEXT
    assert cell.raw == text
