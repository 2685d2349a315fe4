"""Completing a row printed with fewer numbers than columns, when the identities force every cell of it.

A row that prints six numbers for seven columns (``1.申请人无正当理由逾期不补正… 0 0 0 0 0 0``) cannot be read column by
column: which column lost its number is not printed. :func:`~gov_disclosure.parsing.resolve.solve` then leaves the row
undecided. But when each of its cells is the one unknown cell of an identity whose other cells are read — （七）总计 of
its column and every other result row, say (format-spec §5.1 rule 2) — the identities alone give every value of the
row, whatever it printed. The row is then *completed*: each value it takes is the identity's, and says so
(:attr:`Cell.completed_from <gov_disclosure.model.cells.Cell.completed_from>`), the reading of the row gives one
``READ.ROW_COMPLETED`` finding, and validation no longer counts those identities as checks
(:attr:`Status.COMPLETED <gov_disclosure.validation.Status.COMPLETED>`): they were used to make the values, so they
cannot also be evidence that the values are right.

A row is completed only when every reading of it agrees: each value is forced by an identity (nothing is chosen), the
values make every identity of the row that can be evaluated hold, and the numbers the row did print are those values
in order with some left out (a printed number never contradicts a completed one).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

import attr  # attrs classes in the form mypyc compiles (docs: performance)
from mypy_extensions import mypyc_attr

from gov_disclosure.findings import Finding, Outcome, Severity
from gov_disclosure.model.cells import Cell, Number
from gov_disclosure.model.identities import Identity
from gov_disclosure.model.keys import CellKey
from gov_disclosure.model.layout import RowSpec, TableSpec, ValueType
from gov_disclosure.model.source import SourceLocation
from gov_disclosure.parsing.cells import parse_cell
from gov_disclosure.parsing.resolve import Equation, Key

__all__ = ["Completion", "complete_row"]


@mypyc_attr(native_class=False)
@attr.s(auto_attribs=True, slots=True, frozen=True)
class Completion:
    """The values of a completed row by column, and the identity each undecided one was completed from."""

    values: tuple[Number, ...]
    identities: tuple[Identity | None, ...]
    """The identity that gave each column its value; None for a value read from the print with certainty."""

    def cells(self, pinned: Sequence[Cell | None], source: SourceLocation | None) -> list[Cell]:
        """The row's cells: the cells read with certainty (*pinned*), the others completed."""
        out: list[Cell] = []
        for cell, value, identity in zip(pinned, self.values, self.identities, strict=True):
            if cell is not None:
                out.append(cell)
            else:
                assert identity is not None
                out.append(Cell.completed(value, identity.name, source=source))
        return out

    def finding(
        self, table: TableSpec, row: RowSpec, printed: int, evidence: str, source: SourceLocation | None
    ) -> Finding:
        """The one finding for the completed row."""
        used = [i for i in self.identities if i is not None]
        counts: dict[str, int] = {}
        for identity in used:
            counts[identity.code] = counts.get(identity.code, 0) + 1
        listed = "、".join(code if n == 1 else f"{code}×{n}" for code, n in counts.items())
        n = len(self.values)
        keys = tuple(
            CellKey(table.key, row.key, column.key)
            for column, identity in zip(row.columns, self.identities, strict=True)
            if identity is not None
        )
        return Finding(
            code="READ.ROW_COMPLETED",
            severity=Severity.WARNING,
            outcome=Outcome.NOTE,
            message=f"表{table.number} {row.full_label}：该行印有{printed}个数值，应为{n}个；{len(used)}个单元格的数值"
            f"由勾稽关系唯一确定，已据此补全（{listed}），印出的数值与之相符。"
            "这些勾稽关系用于补全，不再作为该行正确的证据。",
            message_en=f"{table.key}.{row.key}: the row prints {printed} values for {n} columns; the identities force "
            f"{len(used)} of its cells, which are completed from them ({listed.replace('、', ', ')}) and agree with "
            "the printed values. Those identities were used to complete the row, so they are not evidence that it "
            "is right.",
            cells=keys,
            evidence=f"{evidence} → {' '.join(map(str, self.values))}",
            source=source,
        )


def _derivable(value: Number, column: ValueType) -> bool:
    """A value an identity may give a cell: a whole number, not negative outside signed columns."""
    if isinstance(value, Decimal) and value != value.to_integral_value():
        return False
    return value >= 0 or column is ValueType.SIGNED


def _fits(printed: Sequence[str], values: Sequence[Number], types: Sequence[ValueType]) -> bool:
    """True when the *printed* numbers are *values* in order with some left out (each read in its column)."""
    at = 0
    for value, column in zip(values, types, strict=True):
        if at < len(printed) and parse_cell(printed[at], column).value == value:
            at += 1
    return at == len(printed)


def complete_row(
    row: str,
    types: Sequence[ValueType],
    pinned: Sequence[Number | None],
    printed: Sequence[str],
    identities: Sequence[tuple[Identity, Equation]],
    known: Mapping[Key, Number | None],
) -> Completion | None:
    """The completion of row *row* (columns of *types*), or None when the identities do not force every cell.

    *pinned* holds the values read with certainty (None: undecided), *printed* the numbers the row printed,
    *identities* those of the row with their view over (row key, column index), *known* the table's other values.

    >>> from gov_disclosure.parsing.resolve import Equation
    >>> total = Identity(code="X", lhs=(CellKey("t", "sum", "a"),), rhs=(CellKey("t", "r", "a"),
    ...                  CellKey("t", "s", "a")), statement_zh="", statement_en="", subject="a")
    >>> view = Equation((("sum", 0),), (("r", 0), ("s", 0)))
    >>> done = complete_row("r", [ValueType.COUNT], [None], [], [(total, view)], {("sum", 0): 5, ("s", 0): 2})
    >>> done.values, done.identities[0].name
    ((3,), 'X:a')
    >>> complete_row("r", [ValueType.COUNT], [None], ["4"], [(total, view)], {("sum", 0): 5, ("s", 0): 2}) is None
    True
    """
    values: dict[int, Number] = {i: v for i, v in enumerate(pinned) if v is not None}
    made: dict[int, Identity] = {}
    progress = True
    while progress and len(values) < len(types):
        progress = False
        for identity, view in identities:
            total: Number = 0
            unknown: list[tuple[int, int]] = []
            for sign, keys in ((1, view.lhs), (-1, view.rhs)):
                for key in keys:
                    found = values.get(key[1]) if key[0] == row else known.get(key)
                    if found is None:
                        unknown.append((key[1] if key[0] == row else -1, sign))
                    else:
                        total += sign * found
            if len(unknown) != 1 or unknown[0][0] < 0:
                continue
            column, sign = unknown[0]
            value = -total * sign
            if not _derivable(value, types[column]):
                return None  # the identities contradict each other here: nothing is forced
            values[column], made[column] = value, identity
            progress = True
    if len(values) < len(types):
        return None
    for _, view in identities:
        cells = [values.get(k[1]) if k[0] == row else known.get(k) for k in (*view.lhs, *view.rhs)]
        if None in cells:
            continue
        lhs = sum(v for v in cells[: len(view.lhs)] if v is not None)
        if lhs != sum(v for v in cells[len(view.lhs) :] if v is not None):
            return None
    ordered = tuple(values[i] for i in range(len(types)))
    if not _fits(printed, ordered, types):
        return None
    return Completion(ordered, tuple(made.get(i) for i in range(len(types))))
