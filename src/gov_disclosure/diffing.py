"""Cell-by-cell differences between two reports (e.g. this year and last), ignoring provenance.

Two cells are equal when they hold the same kind of content and the same number (``22`` and ``22件`` are equal;
``0`` and a blank are not); text cells also compare their raw text. Reports of different formats are compared on
表三 and 表四 only — their 表二 forms mean different things (format-spec §3.4), so a ``NOT_COMPARABLE`` record says
so — and 表三 （六）其他处理 is compared as one row, the 2021 side being the sum of its three sub-rows.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from fractions import Fraction

from attrs import Factory, frozen

from gov_disclosure.aggregation.plan import parts_of
from gov_disclosure.aggregation.values import sum_numbers
from gov_disclosure.model.cells import Cell, CellKind, Number
from gov_disclosure.model.formats import FormatSpec, layout_of
from gov_disclosure.model.keys import CellKey
from gov_disclosure.model.layout import RowSpec, TableSpec
from gov_disclosure.model.report import Report

__all__ = ["Change", "ChangeKind", "diff"]

_NOTHING = frozenset((CellKind.ZERO, CellKind.BLANK, CellKind.NOT_APPLICABLE))


class ChangeKind(enum.Enum):
    """What changed in a cell."""

    CHANGED = "changed"
    """Both are numbers and they differ."""
    FILLED = "filled"
    """A blank, a ``/`` mark or unreadable text became a number."""
    EMPTIED = "emptied"
    """A number became a blank, a ``/`` mark or unreadable text."""
    MARK = "mark"
    """Neither is a number but they differ (a blank became ``/``, the text changed)."""
    ADDED = "added"
    """The cell's row or table is absent from the first report."""
    REMOVED = "removed"
    """The cell's row or table is absent from the second report."""
    NOT_COMPARABLE = "not_comparable"
    """A table that means different things in the two reports' formats (表二 of 2019 vs 2021)."""


def _absolute(self: Change) -> Number | None:
    if self.old is None or self.new is None:
        return None
    return self.new - self.old


def _relative(self: Change) -> Fraction | None:
    if self.old is None or self.new is None or self.old == 0:
        return None
    return Fraction(self.new - self.old) / Fraction(self.old)


@frozen(kw_only=True)
class Change:
    """One difference between report *a* (old) and report *b* (new).

    >>> c = Change(table="table3", row="granted", column="total", kind=ChangeKind.CHANGED,
    ...            old=40, new=50, old_kind=CellKind.NUMBER, new_kind=CellKind.NUMBER)
    >>> c.absolute, c.relative, str(c.key)
    (10, Fraction(1, 4), 'table3.granted.total')
    """

    table: str
    row: str | None
    """None for a record about a whole table (``NOT_COMPARABLE``)."""
    column: str | None
    kind: ChangeKind
    old: Number | None = None
    """The old number; None when the old cell is not a number or absent."""
    new: Number | None = None
    old_kind: CellKind | None = None
    """The old cell's kind; None when the cell is absent."""
    new_kind: CellKind | None = None
    absolute: Number | None = Factory(_absolute, takes_self=True)
    """``new − old`` when both are numbers."""
    relative: Fraction | None = Factory(_relative, takes_self=True)
    """``(new − old) / old`` when both are numbers and old is not 0 (exact)."""
    note: str | None = None
    """Why a record is special (e.g. a 2021 （六） compared as the sum of its sub-rows)."""

    @property
    def key(self) -> CellKey | None:
        """The cell's address; None for a table-level record."""
        if self.row is None or self.column is None:
            return None
        return CellKey(self.table, self.row, self.column)

    @property
    def labels(self) -> tuple[str, str, str]:
        """Official table title, row label and column label (empty for a table-level record)."""
        spec = layout_of(self.table, self.row)
        if self.row is None or self.column is None:
            return (f"表{spec.number} {spec.title}", "", "")
        row = spec.row(self.row)
        return (f"表{spec.number} {spec.title}", row.full_label, row.column(self.column).label)


def diff(a: Report, b: Report, *, hide_zero: bool = False) -> tuple[Change, ...]:
    """The changes from report *a* to report *b*, in report order; ``diff(r, r)`` is empty.

    With *hide_zero*, cells that hold nothing in both reports (0, blank or ``/`` on each side: e.g. ``0`` → blank)
    are not reported.

    >>> from gov_disclosure.model import Table4
    >>> a = Report(format_version="2019", table4=Table4.from_rows({"review": [1, 0, 0, 1, 2]}))
    >>> b = Report(format_version="2021", table4=Table4.from_rows({"review": [1, 2, 0, 0, 3]}))
    >>> [(str(c.key), c.old, c.new, c.kind.value) for c in diff(a, b)]  # doctest: +NORMALIZE_WHITESPACE
    [('table4.review.corrected', 0, 2, 'changed'), ('table4.review.pending', 1, 0, 'changed'),
     ('table4.review.total', 2, 3, 'changed')]
    >>> diff(a, a)
    ()
    """
    changes: list[Change] = []
    fa, fb = a.format, b.format
    tables = [t for t in fa.tables if t in fb.tables]  # 表三, 表四 and, within one format, its 表二
    compared = {t.key for t in tables}
    if any(getattr(r, t.key) is not None for r in (a, b) for t in (*fa.tables, *fb.tables) if t.key not in compared):
        changes.append(Change(
            table=fb.table2.key,
            row=None,
            column=None,
            kind=ChangeKind.NOT_COMPARABLE,
            note=f"表二 of the {a.format_version} and {b.format_version} formats mean different things",
        ))
    for spec in tables:
        for key, old, new, note in _pairs(spec, a, b):
            change = _change(key, old, new, note)
            if change is None:
                continue
            if hide_zero and old is not None and new is not None and {old.kind, new.kind} <= _NOTHING:
                continue
            changes.append(change)
    return tuple(changes)


def _pairs(spec: TableSpec, a: Report, b: Report) -> Iterator[tuple[CellKey, Cell | None, Cell | None, str | None]]:
    """``(key, old cell, new cell, note)`` for every cell of *spec* either report could have.

    A row one format has and the other gives as the sum of rows under its label (2019's （六）其他处理, 2021's three
    （六） sub-rows) is compared as that one row; its parts are not compared on their own.
    """
    fa, fb = a.format, b.format
    whole = {row.key: _split(row, spec, fa, fb) for row in spec.rows}
    parts = {key for row, split in whole.items() if split is not None for key in split[1] if key != row}
    for row in spec.rows:
        if row.key in parts:
            continue
        split = whole[row.key]
        for column in row.columns:
            key = CellKey(spec.key, row.key, column.key)
            if split is not None:
                side, rows = split[0], split[1]
                note = f"{row.label}: the {side.name} side is the sum of its {_count(len(rows))} sub-rows"
                yield key, _collapsed(a, rows, key), _collapsed(b, rows, key), note
            else:
                yield key, a.cell(key), b.cell(key), None


def _split(row: RowSpec, table: TableSpec, fa: FormatSpec, fb: FormatSpec) -> tuple[FormatSpec, tuple[str, ...]] | None:
    """The side whose format gives *row* as several rows, and those rows; None when both give it as it is."""
    for side, other in ((fa, fb), (fb, fa)):
        parts = parts_of(row, table, side)
        if parts and parts != (row.key,) and parts_of(row, table, other) == (row.key,):
            return side, parts
    return None


def _count(n: int) -> str:
    return {2: "two", 3: "three", 4: "four", 5: "five"}.get(n, str(n))


def _collapsed(report: Report, parts: tuple[str, ...], key: CellKey) -> Cell | None:
    """A report's cell at *key*, or, for a report whose format gives it as *parts*, their sum (blank when any
    is not a number)."""
    if key.row in {r.key for r in report.format.rows(key.table)}:
        return report.cell(key)
    cells = tuple(report.cell(CellKey(key.table, row, key.column)) for row in parts)
    if all(cell is None for cell in cells):
        return None
    total = sum_numbers(cells)
    return Cell.blank() if total is None else Cell.of(total)


def _same(old: Cell, new: Cell) -> bool:
    if old.kind is not new.kind or old.value != new.value:
        return False
    return old.kind is not CellKind.TEXT or old.raw == new.raw


def _change(key: CellKey, old: Cell | None, new: Cell | None, note: str | None) -> Change | None:
    if old is None and new is None:
        return None
    if old is not None and new is not None:
        if _same(old, new):
            return None
        if old.is_number and new.is_number:
            kind = ChangeKind.CHANGED
        elif new.is_number:
            kind = ChangeKind.FILLED
        elif old.is_number:
            kind = ChangeKind.EMPTIED
        else:
            kind = ChangeKind.MARK
    else:
        kind = ChangeKind.ADDED if old is None else ChangeKind.REMOVED
    return Change(
        table=key.table,
        row=key.row,
        column=key.column,
        kind=kind,
        old=None if old is None else old.value,
        new=None if new is None else new.value,
        old_kind=None if old is None else old.kind,
        new_kind=None if new is None else new.kind,
        note=note,
    )
