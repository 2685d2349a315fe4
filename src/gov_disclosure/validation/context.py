"""What one :func:`~gov_disclosure.validation.validate` call computes once and hands to every rule.

Like the ``pluginData`` Arelle hands its validation plugins, a :class:`ValidationRun` carries the report's cells read
into a flat view and every accounting identity checked on them, so that no rule reads the cells or checks an
identity again and nothing is remembered between calls. It is a :class:`~gov_disclosure.registry.RuleContext`, so a
rule written for the plain context (``def check(report, context)`` reading ``context.blank_policy``) works unchanged;
a rule that wants the shared view asks :meth:`ValidationRun.of`:

>>> from gov_disclosure.findings import Finding, Severity
>>> from gov_disclosure.registry import RuleContext, rule
>>> @rule("X.BLANKS", severity=Severity.INFO, title="blank cells")
... def count_blanks(report, context: RuleContext):
...     run = ValidationRun.of(report, context)
...     if run.cells.blank:
...         yield Finding(code="X.BLANKS", severity=Severity.INFO, message=f"{len(run.cells.blank)} 个空白单元格",
...                       message_en=f"{len(run.cells.blank)} blank cells")
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from attrs import field, frozen

from gov_disclosure.model.formats import FormatSpec
from gov_disclosure.model.keys import CellKey
from gov_disclosure.model.report import Report
from gov_disclosure.registry import BlankPolicy, RuleContext
from gov_disclosure.validation._arith import Status
from gov_disclosure.validation._cells import ReportCells, read_cells
from gov_disclosure.validation._checks import IdentityChecks, check_identities

__all__ = ["Gathered", "ValidationRun"]

Gathered = Mapping[tuple[str, tuple[str, ...]], tuple[int, ...]]
"""Identities left to reading's findings, by group: (table key, the one unread row, or ``()`` for the table)."""


@frozen(kw_only=True)
class ValidationRun(RuleContext):
    """The context of one validation of one report: the options of a :class:`RuleContext`, the report, its
    format, its cells read once (:attr:`cells`) and its identities checked once (:attr:`identities`)."""

    report: Report
    format: FormatSpec
    """The report's format (:attr:`Report.format`)."""
    cells: ReportCells
    """The report's cells in the flat view of its format."""
    identities: IdentityChecks
    """Every identity of the format checked on :attr:`cells` under :attr:`blank_policy`."""
    unread: frozenset[int] = frozenset()
    """The positions (in :attr:`cells`) of the cells that reading reported it could not read with certainty
    (``READ.UNDECIDED``, ``READ.ROW_SHORT``): reading's finding says it (one problem, one finding), so the rules
    report no ``CELL.TEXT`` for them."""
    gathered: Gathered = field(factory=dict)
    """The identities (positions in :attr:`identities`, catalogue order) that are undecidable only because of
    cells reading could not read or rows it reported missing, all in one table: the rules do not report them one by
    one; :func:`~gov_disclosure.reconcile.reconcile` reports each group as one ``ROW.UNDECIDABLE`` finding — for
    the one row whose unread cells they need, ``(table, (row,))``, or for the table, ``(table, ())``."""
    left_to_reading: frozenset[int] = frozenset()
    """Every position of :attr:`gathered`."""

    @classmethod
    def start(
        cls,
        report: Report,
        blank_policy: BlankPolicy = BlankPolicy.UNKNOWN,
        *,
        unread: Iterable[CellKey] = (),
        missing_rows: Iterable[tuple[str, str]] = (),
    ) -> ValidationRun:
        """Read *report*'s cells and check its identities under *blank_policy*. *unread* are the cells reading
        reported it could not read and *missing_rows* the rows (table key, row key) it reported missing: what
        reading said is not said again (:attr:`unread`, :attr:`gathered`)."""
        spec = report.format
        cells = read_cells(report)
        identities = check_identities(spec, cells, blank_policy)
        index = cells.layout.index
        unread_at = frozenset(index[key] for key in unread if key in index)
        missing = frozenset(missing_rows)
        gathered = _gathered(identities, cells, unread_at, missing) if unread_at or missing else {}
        return cls(
            blank_policy=blank_policy,
            report=report,
            format=spec,
            cells=cells,
            identities=identities,
            unread=unread_at,
            gathered=gathered,
            left_to_reading=frozenset(i for positions in gathered.values() for i in positions),
        )

    @property
    def unknown_cells(self) -> frozenset[CellKey]:
        """The cells of the report's format that have no value: blank, marked, text, or in an absent row or table
        (the cells an identity cannot be decided on under the default blank policy)."""
        keys = self.cells.layout.keys
        return frozenset(keys[i] for i in self.cells.unknown)

    @classmethod
    def of(cls, report: Report, context: RuleContext) -> ValidationRun:
        """The run *context* is, when it is the run of *report*; otherwise a new run of *report* with the options of
        *context* (a rule called directly, outside :func:`~gov_disclosure.validation.validate`)."""
        if isinstance(context, ValidationRun) and context.report is report:
            return context
        return cls.start(report, context.blank_policy)


def _gathered(
    found: IdentityChecks, cells: ReportCells, unread: frozenset[int], missing: frozenset[tuple[str, str]]
) -> dict[tuple[str, tuple[str, ...]], tuple[int, ...]]:
    """The undecidable identities whose cells without a value are all *unread* or in *missing* rows, and all in one
    table, by group (see :attr:`ValidationRun.gathered`), in catalogue order (the order the identity rules report
    in)."""
    where = cells.layout
    row_of, spans = where.row_of, where.row_spans
    left = unread.union(*(spans[row] for row in missing if row in spans))  # the positions reading spoke for
    undecidable = Status.UNDECIDABLE
    gathered: dict[tuple[str, tuple[str, ...]], list[int]] = {}
    for position in sorted(found.troubled):
        if found.statuses[position] is not undecidable:
            continue
        at = found.unknown(position)
        if not at or not left.issuperset(at):
            continue
        first, last = row_of[min(at)], row_of[max(at)]  # a table's positions, and a row's, are consecutive:
        if first[0] != last[0]:  # the cells are in one table when the first and the last are
            continue
        alone = first == last and first not in missing  # one unread row: its own finding
        gathered.setdefault((first[0], (first[1],) if alone else ()), []).append(position)
    return {group: tuple(positions) for group, positions in gathered.items()}
