"""Fast access to a report's cells for rules, shared across the rules of one :func:`validate` call.

Reports are immutable, so what rules compute from one report object can be reused by the next rule: the
helpers here remember the result for the last report object (by identity, never by equality). Cell keys are
interned (:func:`cell_key`), so the identities' keys and the report's keys are the same objects and dict
lookups between them never compare strings.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from operator import attrgetter
from typing import Generic, TypeVar

from attrs import frozen

from gov_disclosure.model.cells import Cell, CellKind
from gov_disclosure.model.keys import CellKey
from gov_disclosure.model.report import Report
from gov_disclosure.model.tables import Row, Table

__all__ = ["CellGroups", "LastReportMemo", "cell_groups", "cell_key", "report_cells", "row_getter"]

K = TypeVar("K")
V = TypeVar("V")

_KEYS: dict[tuple[str, str, str], CellKey] = {}

CellPairs = tuple[tuple[CellKey, Cell], ...]
_Plan = tuple[tuple[str, Callable[[Row], tuple[Cell, ...]], tuple[CellKey, ...]], ...]
_PLANS: dict[tuple[type[Table], str], _Plan] = {}


class LastReportMemo(Generic[K, V]):
    """Remember ``compute(report, key)`` for the last report object and key (one entry per thread)."""

    def __init__(self, compute: Callable[[Report, K], V]) -> None:
        self._compute = compute
        self._local = threading.local()

    def __call__(self, report: Report, key: K) -> V:
        last: tuple[Report, K, V] | None = getattr(self._local, "last", None)
        if last is not None and last[0] is report and last[1] == key:
            return last[2]
        value = self._compute(report, key)
        self._local.last = (report, key, value)
        return value


def cell_key(table: str, row: str, column: str) -> CellKey:
    """The one :class:`CellKey` object for ``table.row.column``."""
    found = _KEYS.get((table, row, column))
    if found is None:
        found = _KEYS[(table, row, column)] = CellKey(table, row, column)
    return found


def row_getter(columns: tuple[str, ...]) -> Callable[[Row], tuple[Cell, ...]]:
    """A function giving the cells of *columns* of a row, as a tuple."""
    if len(columns) == 1:
        (column,) = columns
        return lambda row: (getattr(row, column),)
    return attrgetter(*columns)


def _plan(table_type: type[Table], table: str) -> _Plan:
    """For each row of *table_type*: its key, a getter of its cells in column order, and their keys."""
    plan = _PLANS.get((table_type, table))
    if plan is None:
        plan = _PLANS[(table_type, table)] = tuple(
            (row, row_getter(columns), tuple(cell_key(table, row, c) for c in columns))
            for row, columns in ((row, row_type.column_keys()) for row, row_type in table_type.row_types.items())
        )
    return plan


def _cells(report: Report, _: None) -> CellPairs:
    found: list[tuple[CellKey, Cell]] = []
    for spec, table in report.tables():
        for row_key, cells_of, keys in _plan(type(table), spec.key):
            row = getattr(table, row_key)
            if row is not None:
                found.extend(zip(keys, cells_of(row), strict=True))
    return tuple(found)


_memo_cells: LastReportMemo[None, CellPairs] = LastReportMemo(_cells)


def report_cells(report: Report) -> CellPairs:
    """``(key, cell)`` for every cell of every present row, in report order (as :meth:`Report.iter_cells`,
    without labels)."""
    return _memo_cells(report, None)


@frozen
class CellGroups:
    """The cells the cell rules look at, sorted out in one pass; each group in report order."""

    blank: CellPairs
    not_applicable: CellPairs
    text: CellPairs
    unusual_numbers: CellPairs
    """Numbers that are negative or not a plain ``int``: the only candidates for negative or fractional counts."""


def _groups(report: Report, _: None) -> CellGroups:
    blank: list[tuple[CellKey, Cell]] = []
    not_applicable: list[tuple[CellKey, Cell]] = []
    text: list[tuple[CellKey, Cell]] = []
    unusual: list[tuple[CellKey, Cell]] = []
    for pair in report_cells(report):
        cell = pair[1]
        value = cell.value
        if value is not None:
            if type(value) is not int or value < 0:
                unusual.append(pair)
        elif cell.kind is CellKind.BLANK:
            blank.append(pair)
        elif cell.kind is CellKind.NOT_APPLICABLE:
            not_applicable.append(pair)
        elif cell.kind is CellKind.TEXT:
            text.append(pair)
    return CellGroups(tuple(blank), tuple(not_applicable), tuple(text), tuple(unusual))


_memo_groups: LastReportMemo[None, CellGroups] = LastReportMemo(_groups)


def cell_groups(report: Report) -> CellGroups:
    """The report's blank, not-applicable and text cells, and its unusual numbers (see :class:`CellGroups`)."""
    return _memo_groups(report, None)
