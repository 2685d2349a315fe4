"""Fast access to a report's cells for rules, shared across the rules of one :func:`validate` call.

Reports are immutable, so what rules compute from one report object can be reused by the next rule: the
helpers here remember the result for the last report object (by identity, never by equality).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from gov_disclosure.model.cells import Cell
from gov_disclosure.model.keys import CellKey
from gov_disclosure.model.report import Report

__all__ = ["LastReportMemo", "report_cells"]

K = TypeVar("K")
V = TypeVar("V")

_KEYS: dict[tuple[str, str, str], CellKey] = {}


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


def _key(table: str, row: str, column: str) -> CellKey:
    found = _KEYS.get((table, row, column))
    if found is None:
        found = _KEYS[(table, row, column)] = CellKey(table, row, column)
    return found


def _cells(report: Report, _: None) -> tuple[tuple[CellKey, Cell], ...]:
    return tuple(
        (_key(spec.key, row, column), cell)
        for spec, table in report.tables()
        for row, column, cell in table.iter_cells()
    )


_memo_cells: LastReportMemo[None, tuple[tuple[CellKey, Cell], ...]] = LastReportMemo(_cells)


def report_cells(report: Report) -> tuple[tuple[CellKey, Cell], ...]:
    """``(key, cell)`` for every cell of every present row, in report order (as :meth:`Report.iter_cells`,
    without labels)."""
    return _memo_cells(report, None)
