"""Fast access to a report's cells for rules, shared across the rules of one :func:`validate` call.

Reports are immutable, so what rules compute from one report object can be reused by the next rule: the
helpers here remember the result for the last report object (by identity, never by equality). A report's
cells are read once into a flat tuple whose positions are fixed by its format version (:class:`Layout`), so
rules look cells up by position. Cell keys are interned (:func:`cell_key`), so the identities' keys and the
report's keys are the same objects and dict lookups between them never compare strings.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from operator import attrgetter
from typing import Generic, TypeVar

from attrs import frozen

from gov_disclosure.model.cells import Cell, CellKind
from gov_disclosure.model.keys import CellKey
from gov_disclosure.model.report import Report
from gov_disclosure.model.tables import Row, Table, Table2, Table2_2019, Table3, Table4
from gov_disclosure.model.versions import FORMAT_VERSIONS, FormatVersion

__all__ = [
    "CellGroups",
    "LastReportMemo",
    "Layout",
    "cell_groups",
    "cell_key",
    "flat_cells",
    "layout",
    "report_cells",
    "row_getter",
]

K = TypeVar("K")
V = TypeVar("V")

_KEYS: dict[tuple[str, str, str], CellKey] = {}

CellPairs = tuple[tuple[CellKey, Cell], ...]
FlatCells = tuple[Cell | None, ...]
"""The cells of a report at the positions of its :class:`Layout`; None for the cells of absent rows and tables."""
_RowRead = tuple[str, Callable[[Row], tuple[Cell, ...]], int]
_TABLE_TYPES: tuple[type[Table], ...] = (Table2, Table2_2019, Table3, Table4)


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


@frozen
class Layout:
    """Where each cell of a report of one format version sits in its flat tuple of cells (:func:`flat_cells`):
    the tables of the format in report order, each with the rows of the format, each with all its columns."""

    keys: tuple[CellKey, ...]
    """The key of the cell at each position, in report order (as :meth:`Report.iter_cells`)."""
    index: Mapping[CellKey, int]
    """The position of each key."""
    tables: tuple[tuple[str, int, tuple[_RowRead, ...]], ...]
    """Each table: its key, how many cells it has, and its rows (key, a getter of the row's cells, how many)."""


def _layout(version: FormatVersion) -> Layout:
    keys: list[CellKey] = []
    tables: list[tuple[str, int, tuple[_RowRead, ...]]] = []
    for table_type in _TABLE_TYPES:
        spec = table_type.spec
        if version not in spec.versions:
            continue
        rows: list[_RowRead] = []
        for row in spec.rows_for(version):
            columns = table_type.row_types[row.key].column_keys()
            rows.append((row.key, row_getter(columns), len(columns)))
            keys.extend(cell_key(spec.key, row.key, c) for c in columns)
        tables.append((spec.key, sum(size for _, _, size in rows), tuple(rows)))
    return Layout(tuple(keys), {key: i for i, key in enumerate(keys)}, tuple(tables))


_LAYOUTS: dict[FormatVersion, Layout] = {v: _layout(v) for v in FORMAT_VERSIONS}


def layout(version: FormatVersion) -> Layout:
    """The :class:`Layout` of reports of *version*."""
    return _LAYOUTS[version]


def _flat(report: Report, _: None) -> FlatCells:
    found: list[Cell | None] = []
    for table_key, size, rows in _LAYOUTS[report.format_version].tables:
        table = getattr(report, table_key)
        if table is None:
            found.extend((None,) * size)
            continue
        for row_key, cells_of, row_size in rows:
            row = getattr(table, row_key)
            found.extend((None,) * row_size if row is None else cells_of(row))
    return tuple(found)


_memo_flat: LastReportMemo[None, FlatCells] = LastReportMemo(_flat)


def flat_cells(report: Report) -> FlatCells:
    """The report's cells at the positions of ``layout(report.format_version)`` (None where a row is absent).

    A report holds only the rows of its format: rows of the other format are always absent, so they have no
    positions."""
    return _memo_flat(report, None)


def report_cells(report: Report) -> CellPairs:
    """``(key, cell)`` for every cell of every present row, in report order (as :meth:`Report.iter_cells`,
    without labels)."""
    keys = _LAYOUTS[report.format_version].keys
    return tuple((key, cell) for key, cell in zip(keys, flat_cells(report), strict=True) if cell is not None)


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
    for key, cell in zip(_LAYOUTS[report.format_version].keys, flat_cells(report), strict=True):
        if cell is None:
            continue
        value = cell.value
        if value is not None:
            if type(value) is not int or value < 0:
                unusual.append((key, cell))
        elif cell.kind is CellKind.BLANK:
            blank.append((key, cell))
        elif cell.kind is CellKind.NOT_APPLICABLE:
            not_applicable.append((key, cell))
        elif cell.kind is CellKind.TEXT:
            text.append((key, cell))
    return CellGroups(tuple(blank), tuple(not_applicable), tuple(text), tuple(unusual))


_memo_groups: LastReportMemo[None, CellGroups] = LastReportMemo(_groups)


def cell_groups(report: Report) -> CellGroups:
    """The report's blank, not-applicable and text cells, and its unusual numbers (see :class:`CellGroups`)."""
    return _memo_groups(report, None)
