"""Fast access to a report's cells for rules: the flat view :func:`validate` reads once and hands to every rule.

A report's cells are read once per :func:`validate` call (:func:`read_cells`, kept on the
:class:`~gov_disclosure.validation.ValidationRun`) into a flat tuple whose positions are fixed by its format
(:class:`Layout`, computed once per :class:`~gov_disclosure.model.formats.FormatSpec`), so rules look cells up by
position. Cell keys are interned (:func:`~gov_disclosure.model.keys.cell_key`), so the
identities' keys and the report's keys are the same objects and dict lookups between them never compare strings.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from operator import attrgetter

import attr  # attrs classes in the form mypyc compiles (docs: performance)
from mypy_extensions import mypyc_attr

from gov_disclosure.model.cells import Cell, CellKind, Number
from gov_disclosure.model.formats import FormatSpec
from gov_disclosure.model.keys import CellKey, cell_key
from gov_disclosure.model.report import Report
from gov_disclosure.model.tables import Row

__all__ = [
    "Layout",
    "ReportCells",
    "cell_key",
    "layout",
    "read_cells",
    "report_cells",
    "row_getter",
]

CellPairs = tuple[tuple[CellKey, Cell], ...]
_RowRead = tuple[str, Callable[[Row], tuple[Cell, ...]], int]


def row_getter(columns: tuple[str, ...]) -> Callable[[Row], tuple[Cell, ...]]:
    """A function giving the cells of *columns* of a row, as a tuple."""
    if len(columns) == 1:
        (column,) = columns
        return lambda row: (getattr(row, column),)
    return attrgetter(*columns)


@mypyc_attr(native_class=False)
@attr.s(auto_attribs=True, slots=True, frozen=True)
class Layout:
    """Where each cell of a report of one format version sits in its flat tuple of cells (:func:`read_cells`):
    the tables of the format in report order, each with the rows of the format, each with all its columns."""

    keys: tuple[CellKey, ...]
    """The key of the cell at each position, in report order (as :meth:`Report.iter_cells`)."""
    index: Mapping[CellKey, int]
    """The position of each key."""
    tables: tuple[tuple[str, int, tuple[_RowRead, ...]], ...]
    """Each table: its key, how many cells it has, and its rows (key, a getter of the row's cells, how many)."""
    collapsed: frozenset[str] = frozenset()
    """The rows printed as one in place of their parts (:attr:`Report.collapsed`): the parts, not printed, have no
    positions."""
    row_of: tuple[tuple[str, str], ...] = ()
    """The row (table key, row key) of the cell at each position. A row's cells, and a table's, have consecutive
    positions."""
    row_spans: Mapping[tuple[str, str], range] = attr.ib(factory=dict)
    """The positions of each row's cells."""


@functools.cache
def layout(spec: FormatSpec, collapsed: frozenset[str] = frozenset()) -> Layout:
    """The :class:`Layout` of reports of *spec* that print the rows *collapsed* as one (cached by value)."""
    keys: list[CellKey] = []
    tables: list[tuple[str, int, tuple[_RowRead, ...]]] = []
    row_of: list[tuple[str, str]] = []
    row_spans: dict[tuple[str, str], range] = {}
    for table in spec.tables:
        row_types = spec.table_class(table.key).row_types
        rows: list[_RowRead] = []
        for row in spec.rows(table, collapsed):
            columns = row_types[row.key].column_keys()
            rows.append((row.key, row_getter(columns), len(columns)))
            where = (table.key, row.key)
            row_spans[where] = range(len(keys), len(keys) + len(columns))
            row_of.extend([where] * len(columns))
            keys.extend(cell_key(table.key, row.key, c) for c in columns)
        tables.append((table.key, sum(size for _, _, size in rows), tuple(rows)))
    index = {key: i for i, key in enumerate(keys)}
    return Layout(tuple(keys), index, tuple(tables), collapsed, tuple(row_of), row_spans)


@mypyc_attr(native_class=False)
@attr.s(auto_attribs=True, slots=True, frozen=True, kw_only=True)
class ReportCells:
    """A report's cells, read once for all the rules of a :func:`validate` call: at the positions of the
    :class:`Layout` of its format (None for the cells of absent rows and tables), with their values, and the
    positions of the cells that the cell rules look at (each group in report order).

    A report holds only the rows of its format: rows of the other format are always absent, so they have no
    positions.
    """

    layout: Layout
    cells: tuple[Cell | None, ...]
    values: tuple[Number | None, ...]
    """The value of each cell: None for a blank, a mark, text or an absent cell."""
    unknown: frozenset[int]
    """The positions of the cells without a value (None in :attr:`values`)."""
    completed: frozenset[int]
    """The positions of the values completed from an identity (:attr:`Cell.completed_from`), not printed."""
    blank: tuple[int, ...]
    not_applicable: tuple[int, ...]
    text: tuple[int, ...]
    unusual_numbers: tuple[int, ...]
    """Numbers that are negative or not a plain ``int``: the only candidates for negative or fractional counts."""
    missing_rows: tuple[tuple[str, str], ...]
    """Table key and row key of each absent row of a present table, in report order."""
    absent_tables: frozenset[str]
    """The keys of the tables of the format that the report lacks."""

    def pairs(self) -> CellPairs:
        """``(key, cell)`` for every cell of every present row, in report order (as :meth:`Report.iter_cells`,
        without labels)."""
        return tuple((key, cell) for key, cell in zip(self.layout.keys, self.cells, strict=True) if cell is not None)


def read_cells(report: Report) -> ReportCells:
    """The report's :class:`ReportCells` (read once per :func:`validate` call, which hands them to every rule)."""
    where = layout(report.format, report.collapsed)
    cells: list[Cell | None] = []
    missing_rows: list[tuple[str, str]] = []
    absent_tables: list[str] = []
    for table_key, size, rows in where.tables:
        table = getattr(report, table_key)
        if table is None:
            cells.extend((None,) * size)
            absent_tables.append(table_key)
            continue
        for row_key, cells_of, row_size in rows:
            row = getattr(table, row_key)
            if row is None:
                cells.extend((None,) * row_size)
                missing_rows.append((table_key, row_key))
            else:
                cells.extend(cells_of(row))
    values: list[Number | None] = []
    unknown: list[int] = []
    blank: list[int] = []
    not_applicable: list[int] = []
    text: list[int] = []
    unusual: list[int] = []
    completed: list[int] = []
    for i, cell in enumerate(cells):  # one pass: cells are read by the hundred per report
        if cell is None:
            values.append(None)
            unknown.append(i)
            continue
        value = cell.value
        values.append(value)
        if value is not None:
            if type(value) is not int or value < 0:
                unusual.append(i)
            if cell.completed_from is not None:
                completed.append(i)
            continue
        unknown.append(i)
        kind = cell.kind
        if kind is CellKind.BLANK:
            blank.append(i)
        elif kind is CellKind.NOT_APPLICABLE:
            not_applicable.append(i)
        elif kind is CellKind.TEXT:
            text.append(i)
    return ReportCells(
        layout=where,
        cells=tuple(cells),
        values=tuple(values),
        unknown=frozenset(unknown),
        completed=frozenset(completed),
        blank=tuple(blank),
        not_applicable=tuple(not_applicable),
        text=tuple(text),
        unusual_numbers=tuple(unusual),
        missing_rows=tuple(missing_rows),
        absent_tables=frozenset(absent_tables),
    )


def report_cells(report: Report) -> CellPairs:
    """``(key, cell)`` for every cell of every present row, in report order (as :meth:`Report.iter_cells`,
    without labels)."""
    return read_cells(report).pairs()
