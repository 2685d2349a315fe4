"""Which cells an aggregate has and where each input's cells come from (built once per call, not per report).

Formats differ in the rows of their shared tables: the 2019 表三 prints （六）其他处理 as one row, the 2021 表三
splits it into three rows grouped under that label (format-spec §3.4: （六） is "a group whose total is always
present"). :func:`parts_of` reads that from the layout, so that a row one format lacks is made of the rows
another format groups under its label — whatever the formats are called.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Collection, Iterable, Mapping
from typing import Any

from attrs import frozen

from gov_disclosure.model.cells import Cell
from gov_disclosure.model.formats import FormatSpec, format_spec, format_specs
from gov_disclosure.model.layout import RowSpec, TableSpec, ValueType
from gov_disclosure.model.versions import FormatVersion

__all__ = [
    "RowPlan",
    "build_plan",
    "collapsed_rows",
    "parts_of",
    "plan_rows",
    "result_format",
    "shared_tables",
    "table_of",
]


@frozen(eq=False)
class RowPlan:
    """One row of the aggregate: its table and key, its flat cell range, and each format's source rows."""

    table: str
    """The report attribute holding the table (``table2``, ``table2_2019``, ``table3``, ``table4``)."""
    row: str
    columns: tuple[str, ...]
    base: int
    """Flat index of the row's first cell."""
    index: int
    """Index of the row among all rows of the plan."""
    sources: dict[str, tuple[str, ...]]
    """Per input format, the input rows whose cells add up to this row (the row itself, or its parts)."""
    getter: Callable[[object], tuple[Cell, ...]]
    """Fetches the row's cells in column order in one call."""
    money: tuple[tuple[int, str | None], ...] = ()
    """``(column position, header unit)`` of the money columns."""

    @property
    def collapsed(self) -> dict[str, tuple[str, ...]]:
        """The formats whose inputs give this row as the sum of several rows, and those rows."""
        return {v: rows for v, rows in self.sources.items() if rows != (self.row,)}


def _getter(columns: tuple[str, ...]) -> Callable[[object], tuple[Cell, ...]]:
    fetch: Callable[[object], Any] = operator.attrgetter(*columns)
    if len(columns) == 1:
        return lambda row: (fetch(row),)
    return fetch


def table_of(spec: FormatSpec, key: str) -> TableSpec:
    """The layout of *spec*'s table *key* (KeyError for a table the format does not have)."""
    for table in spec.tables:
        if table.key == key:
            return table
    raise KeyError(key)


def parts_of(row: RowSpec, table: TableSpec | str, spec: FormatSpec) -> tuple[str, ...]:
    """The keys of the rows of *spec*'s *table* that make up *row*: the row itself when *spec* has it, else the
    rows *spec* groups under the row's label (2021's three （六） sub-rows for the 2019 （六）其他处理); () if none.

    >>> from gov_disclosure.model.formats import FORMAT_2019, FORMAT_2021
    >>> from gov_disclosure.model.layout import TABLE3
    >>> parts_of(TABLE3.row("other_processing"), TABLE3, FORMAT_2021)
    ('other_no_correction', 'other_fee_unpaid', 'other_other')
    >>> parts_of(TABLE3.row("other_other"), TABLE3, FORMAT_2019), parts_of(TABLE3.row("granted"), TABLE3, FORMAT_2019)
    ((), ('granted',))
    """
    rows = spec.rows(table)
    if any(r.key == row.key for r in rows):
        return (row.key,)
    return tuple(r.key for r in rows if r.group is not None and r.group == row.label)


def shared_tables(specs: Collection[FormatSpec]) -> tuple[str, ...]:
    """The keys of the tables every format of *specs* has (表三 and 表四 for 2019 and 2021), in report order."""
    first, *others = specs
    return tuple(key for key in first.table_keys if all(key in other.table_keys for other in others))


def result_format(versions: Collection[FormatVersion]) -> FormatSpec:
    """The format of an aggregate over inputs of *versions*: the oldest registered one whose rows of the shared
    tables every input can give (itself or as the sum of its parts). For 2019 and 2021 inputs: 2019, whose single
    （六） row the 2021 sub-rows add up to (the 2021 form has no row a 2019 report could give the sub-rows from)."""
    specs = [spec for spec in format_specs() if spec.name in versions]
    tables = shared_tables(specs)
    for candidate in specs:
        if all(parts_of(row, t, s) for t in tables for row in candidate.rows(t) for s in specs):
            return candidate
    return specs[0]


def plan_rows(rows: Iterable[tuple[str, RowSpec, Mapping[str, tuple[str, ...]]]]) -> tuple[RowPlan, ...]:
    """The plan of *rows* given as ``(table key, row spec, source rows per input format)``, flat cells in order."""
    plans: list[RowPlan] = []
    base = 0
    for table, row, sources in rows:
        columns = tuple(c.key for c in row.columns)
        money = tuple((j, c.unit) for j, c in enumerate(row.columns) if c.value_type is ValueType.MONEY)
        plans.append(RowPlan(table, row.key, columns, base, len(plans), dict(sources), _getter(columns), money))
        base += len(columns)
    return tuple(plans)


def build_plan(result: FormatSpec, input_versions: frozenset[FormatVersion], *, table2: bool) -> tuple[RowPlan, ...]:
    """The rows of an aggregate of format *result* over inputs of *input_versions*.

    A row of *result* that an input's format lacks takes that input's parts of it (:func:`parts_of`).
    """
    shared = shared_tables([format_spec(v) for v in input_versions])
    tables = [t for t in result.tables if t.key != result.table2.key and t.key in shared]
    if table2:
        tables.insert(0, result.table2)
    entries = (
        (table.key, row, {v: parts_of(row, table, format_spec(v)) or (row.key,) for v in input_versions})
        for table in tables
        for row in result.rows(table)
    )
    return plan_rows(entries)


def collapsed_rows(plan: Iterable[RowPlan]) -> tuple[RowPlan, ...]:
    """The rows of *plan* that some input format gives as the sum of several rows."""
    return tuple(p for p in plan if p.collapsed)
