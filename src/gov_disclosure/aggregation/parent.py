"""Compare a reported area-level (parent) report with the sum of its units' (children's) reports.

A 区 or 市 "全区/全市" report should equal the sum of the reports it covers (peers.md §8.7); the comparison lists
each cell where it does not, each cell that cannot be decided, and which children were blank or missing where.
This holds only for summary reports: a 政府办公厅's *own* report is not the sum of the departments' (peers.md §1).
"""

from __future__ import annotations

import enum
from collections.abc import Collection, Iterable

from attrs import frozen

from gov_disclosure.aggregation.aggregate import Aggregate, aggregate
from gov_disclosure.aggregation.completeness import CellCompleteness
from gov_disclosure.aggregation.plan import parts_of, shared_tables, table_of
from gov_disclosure.aggregation.values import cell_number, sum_numbers
from gov_disclosure.model.cells import Cell, Number
from gov_disclosure.model.formats import FormatSpec
from gov_disclosure.model.keys import CellKey
from gov_disclosure.model.report import Report
from gov_disclosure.registry import BlankPolicy

__all__ = ["CellDifference", "DifferenceKind", "ParentComparison", "compare_parent"]


class DifferenceKind(enum.Enum):
    """How the parent's cell and the children's sum disagree."""

    DIFFERENT = "different"
    """Both are numbers and they differ."""
    PARENT_UNKNOWN = "parent_unknown"
    """The children's sum is known, the parent's cell is not a number."""
    CHILDREN_UNKNOWN = "children_unknown"
    """The parent's cell is a number, the children's sum is unknown (see ``completeness``)."""


@frozen(kw_only=True)
class CellDifference:
    """One cell where the parent and the sum of its children differ or cannot be compared."""

    key: CellKey
    kind: DifferenceKind
    parent: Number | None
    children_sum: Number | None
    completeness: CellCompleteness | None = None
    """Which children gave no number for this cell (None when all did)."""

    @property
    def difference(self) -> Number | None:
        """``parent − children_sum``, None when either is unknown."""
        if self.parent is None or self.children_sum is None:
            return None
        return self.parent - self.children_sum


@frozen(kw_only=True)
class ParentComparison:
    """The result of :func:`compare_parent`."""

    aggregate: Aggregate
    """The sum of the children (its completeness says which children were blank or missing where)."""
    differences: tuple[CellDifference, ...]
    """Cells that differ or cannot be compared, in report order; cells unknown on both sides are not listed."""
    missing_children: tuple[str, ...] = ()
    """Expected children (by agency name) for which no report was given."""
    table2_compared: bool = True
    """False when the parent and the children do not all share one format: 表二 is then not comparable."""

    @property
    def matches(self) -> bool:
        """True when no cell differs, none is undecided and no expected child is missing."""
        return not self.differences and not self.missing_children


def compare_parent(
    parent: Report,
    children: Iterable[Report],
    *,
    expected_children: Collection[str] = (),
    blank_policy: BlankPolicy = BlankPolicy.UNKNOWN,
) -> ParentComparison:
    """Compare *parent* cell by cell with the sum of *children*.

    *expected_children* lists the agencies the parent covers; those without a report among *children* are
    reported as missing.

    >>> from gov_disclosure.model import Table4
    >>> def r(agency, review):
    ...     return Report(format_version="2021", agency=agency, table4=Table4.from_rows({"review": review}))
    >>> result = compare_parent(r("某区", [3, 1, 0, 0, 4]), [r("甲局", [1, 1, 0, 0, 2]), r("乙局", [1, 0, 0, 0, 1])],
    ...                         expected_children=["甲局", "乙局", "丙局"])
    >>> [(str(d.key), d.parent, d.children_sum, d.difference) for d in result.differences]
    [('table4.review.upheld', 3, 2, 1), ('table4.review.total', 4, 3, 1)]
    >>> result.missing_children
    ('丙局',)
    """
    kids = tuple(children)
    versions = {parent.format_version, *(c.format_version for c in kids)}
    same_format = len(versions) == 1
    summed = aggregate(kids, blank_policy=blank_policy, include_table2=same_format)
    differences: list[CellDifference] = []
    keys: list[tuple[CellKey, Cell | None]] = [(e.key, e.cell) for e in summed.report.iter_cells()]
    seen = {key for key, _ in keys}
    folded = _folded(summed.report.format, parent.format)
    keys += [
        (e.key, None)
        for e in parent.iter_cells()
        if e.key not in seen
        and (same_format or e.key.table != parent.format.table2.key)
        and (e.key.table, e.key.row) not in folded
    ]
    for key, cell in keys:
        expected = cell_number(cell, blank_policy)
        actual = _parent_number(parent, summed.report.format, key, blank_policy)
        if expected is None and actual is None:
            continue
        if expected is not None and actual is not None:
            if expected == actual:
                continue
            kind = DifferenceKind.DIFFERENT
        else:
            kind = DifferenceKind.PARENT_UNKNOWN if actual is None else DifferenceKind.CHILDREN_UNKNOWN
        differences.append(CellDifference(
            key=key,
            kind=kind,
            parent=actual,
            children_sum=expected,
            completeness=summed.completeness.cell(key),
        ))
    present = {c.agency for c in kids}
    missing = tuple(name for name in expected_children if name not in present)
    return ParentComparison(
        aggregate=summed, differences=tuple(differences), missing_children=missing, table2_compared=same_format
    )


def _folded(summed: FormatSpec, parent: FormatSpec) -> frozenset[tuple[str, str]]:
    """``(table, row)`` of the parent's rows that add up to a row of the sum (a 2021 parent's （六） sub-rows
    under the 2019-shaped sum's （六）其他处理): compared through that row, not on their own."""
    return frozenset(
        (table, key)
        for table in shared_tables((summed, parent))
        for row in summed.rows(table)
        for key in parts_of(row, table, parent)
        if key != row.key
    )


def _parent_number(parent: Report, summed: FormatSpec, key: CellKey, blank_policy: BlankPolicy) -> Number | None:
    """The parent's number at *key*; for a row the parent's format lacks, the sum of its parts (a 2021 parent's
    （六） sub-rows add up to the 2019-shaped （六） row)."""
    if key.table in shared_tables((summed, parent.format)):
        parts = parts_of(table_of(summed, key.table).row(key.row), key.table, parent.format)
        if parts and parts != (key.row,):
            cells = tuple(parent.cell(CellKey(key.table, row, key.column)) for row in parts)
            return sum_numbers(cells, blank_policy)
    return cell_number(parent.cell(key), blank_policy)
