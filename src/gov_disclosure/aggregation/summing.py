"""The hot loop: add up the cells of many reports into flat lists of plain numbers.

No cell objects are made per input: numbers go into one list by flat cell index, and only cells without a
number leave a ``(cell index, input index, reason)`` triple behind.
"""

from __future__ import annotations

from collections.abc import Sequence

from attrs import frozen

from gov_disclosure.aggregation.completeness import GapReason
from gov_disclosure.aggregation.plan import RowPlan
from gov_disclosure.model.cells import CellKind, Number
from gov_disclosure.model.report import Report

__all__ = ["Sums", "add_up"]

_REASONS = {
    CellKind.BLANK: GapReason.BLANK,
    CellKind.NOT_APPLICABLE: GapReason.NOT_APPLICABLE,
    CellKind.TEXT: GapReason.TEXT,
    CellKind.NOT_PRINTED: GapReason.MISSING,  # the input does not print the cell's row
}


@frozen
class Sums:
    """Raw totals: per flat cell index the sum of the numbers seen, the gaps, and the units of money cells."""

    totals: list[Number]
    gaps: list[tuple[int, int, GapReason]]
    rows_present: list[bool]
    units: dict[int, set[str | None]]
    extra_rows: tuple[int, ...]
    """Inputs that carried rows the official form does not have (kept in the inputs, not summed)."""


def add_up(reports: Sequence[Report], plan: Sequence[RowPlan]) -> Sums:
    """Add up the plan's cells over *reports*."""
    size = sum(len(p.columns) for p in plan)
    totals: list[Number] = [0] * size
    gaps: list[tuple[int, int, GapReason]] = []
    present = [False] * len(plan)
    units: dict[int, set[str | None]] = {}
    extra: list[int] = []
    tables: dict[str, list[RowPlan]] = {}
    for p in plan:
        tables.setdefault(p.table, []).append(p)
    by_table = tuple((name, tuple(rows)) for name, rows in tables.items())
    missing = GapReason.MISSING
    reasons = _REASONS

    for i, report in enumerate(reports):
        version = report.format_version
        for name, rows in by_table:
            table = getattr(report, name)
            if table is None:
                gaps.extend((p.base + j, i, missing) for p in rows for j in range(len(p.columns)))
                continue
            if getattr(table, "extra_rows", ()):
                extra.append(i)
            for p in rows:
                sources = p.sources[version]
                if len(sources) == 1:
                    row = getattr(table, sources[0])
                    if row is None:
                        gaps.extend((p.base + j, i, missing) for j in range(len(p.columns)))
                        continue
                    present[p.index] = True
                    base = p.base
                    cells = p.getter(row)
                    for j, cell in enumerate(cells):
                        value = cell.value
                        if value is None:
                            gaps.append((base + j, i, reasons[cell.kind]))
                        else:
                            totals[base + j] += value
                    if p.money:
                        for j, header_unit in p.money:
                            if cells[j].value is not None:
                                units.setdefault(base + j, set()).add(cells[j].unit or header_unit)
                else:
                    _add_collapsed(table, p, sources, i, totals, gaps, present)
    return Sums(totals, gaps, present, units, tuple(extra))


def _add_collapsed(
    table: object,
    p: RowPlan,
    sources: tuple[str, ...],
    i: int,
    totals: list[Number],
    gaps: list[tuple[int, int, GapReason]],
    present: list[bool],
) -> None:
    """Add several input rows (*sources*: e.g. the 2021 （六） sub-rows) into one aggregate row; a missing one is
    a gap."""
    rows = [getattr(table, key) for key in sources]
    if any(row is not None for row in rows):
        present[p.index] = True
    for row in rows:
        if row is None:
            gaps.extend((p.base + j, i, GapReason.MISSING) for j in range(len(p.columns)))
            continue
        for j, cell in enumerate(p.getter(row)):
            if cell.value is None:
                gaps.append((p.base + j, i, _REASONS[cell.kind]))
            else:
                totals[p.base + j] += cell.value
