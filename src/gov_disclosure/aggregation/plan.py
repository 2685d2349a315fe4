"""Which cells an aggregate has and where each input's cells come from (built once per call, not per report)."""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

from attrs import frozen

from gov_disclosure.model.cells import Cell
from gov_disclosure.model.layout import TABLE2, TABLE2_2019, TABLE3, TABLE4, TableSpec, ValueType
from gov_disclosure.model.versions import FormatVersion

__all__ = ["OTHER_SUBROWS", "RowPlan", "build_plan"]

OTHER_SUBROWS: tuple[str, ...] = ("other_no_correction", "other_fee_unpaid", "other_other")
"""The 2021 表三 （六）其他处理 sub-rows; their sum is the 2019 single row ``other_processing``."""


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
    """Per input format, the input rows whose cells add up to this row (one row, or the 2021 （六） sub-rows)."""
    getter: Callable[[object], tuple[Cell, ...]]
    """Fetches the row's cells in column order in one call."""
    money: tuple[tuple[int, str | None], ...] = ()
    """``(column position, header unit)`` of the money columns."""


def _getter(columns: tuple[str, ...]) -> Callable[[object], tuple[Cell, ...]]:
    fetch: Callable[[object], Any] = operator.attrgetter(*columns)
    if len(columns) == 1:
        return lambda row: (fetch(row),)
    return fetch


def build_plan(
    result_version: FormatVersion, input_versions: frozenset[FormatVersion], *, table2: bool
) -> tuple[RowPlan, ...]:
    """The rows of an aggregate of format *result_version* over inputs of *input_versions*.

    With inputs of both formats the result is 2019-shaped: its single （六） row takes each 2021 input's three
    （六） sub-rows (format-spec §3.4: （六） is "a group whose total is always present").
    """
    specs: list[tuple[str, TableSpec]] = []
    if table2:
        specs.append(("table2", TABLE2) if result_version == "2021" else ("table2_2019", TABLE2_2019))
    specs += [("table3", TABLE3), ("table4", TABLE4)]
    plans: list[RowPlan] = []
    base = 0
    for attribute, spec in specs:
        for row in spec.rows_for(result_version):
            columns = tuple(c.key for c in row.columns)
            sources: dict[str, tuple[str, ...]] = dict.fromkeys(input_versions, (row.key,))
            if row.key == "other_processing" and "2021" in input_versions:
                sources["2021"] = OTHER_SUBROWS
            money = tuple((j, c.unit) for j, c in enumerate(row.columns) if c.value_type is ValueType.MONEY)
            plans.append(
                RowPlan(attribute, row.key, columns, base, len(plans), sources, _getter(columns), money)
            )
            base += len(columns)
    return tuple(plans)
