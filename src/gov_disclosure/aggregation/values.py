"""How a cell counts in a sum under a blank policy (format-spec §5.1 rule 5: "a blank is never zero").

Shared by aggregation, parent/child comparison, indicators and the series checks.
"""

from __future__ import annotations

from gov_disclosure.model.cells import Cell, CellKind, Number
from gov_disclosure.registry import BlankPolicy

__all__ = ["ZERO_UNDER_ZERO_POLICY", "cell_number", "sum_numbers"]

ZERO_UNDER_ZERO_POLICY = frozenset((CellKind.BLANK,))
"""Cell kinds that count as 0 under :attr:`BlankPolicy.ZERO`: blanks only, as in validation.

Not-applicable marks (``/`` ``-`` ``无``) and unreadable ``TEXT`` are never counted as a number, under any policy."""


def cell_number(cell: Cell | None, blank_policy: BlankPolicy = BlankPolicy.UNKNOWN) -> Number | None:
    """The number *cell* counts as, or None when it is unknown.

    A missing cell (None: its row or table is absent) is always unknown.

    >>> cell_number(Cell.of(3)), cell_number(Cell.blank()), cell_number(Cell.blank(), BlankPolicy.ZERO)
    (3, None, 0)
    >>> cell_number(Cell.text("1 2"), BlankPolicy.ZERO), cell_number(Cell.not_applicable(), BlankPolicy.ZERO)
    (None, None)
    """
    if cell is None:
        return None
    if cell.value is not None:
        return cell.value
    if blank_policy is BlankPolicy.ZERO and cell.kind in ZERO_UNDER_ZERO_POLICY:
        return 0
    return None


def sum_numbers(cells: tuple[Cell | None, ...], blank_policy: BlankPolicy = BlankPolicy.UNKNOWN) -> Number | None:
    """The sum of *cells*, or None when any of them is unknown under *blank_policy*.

    >>> sum_numbers((Cell.of(1), Cell.of(2))), sum_numbers((Cell.of(1), Cell.blank()))
    (3, None)
    """
    total: Number = 0
    for cell in cells:
        value = cell_number(cell, blank_policy)
        if value is None:
            return None
        total += value
    return total
