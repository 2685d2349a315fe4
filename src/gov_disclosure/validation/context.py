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

from attrs import frozen

from gov_disclosure.model.formats import FormatSpec
from gov_disclosure.model.keys import CellKey
from gov_disclosure.model.report import Report
from gov_disclosure.registry import BlankPolicy, RuleContext
from gov_disclosure.validation._cells import ReportCells, read_cells
from gov_disclosure.validation._checks import IdentityChecks, check_identities

__all__ = ["ValidationRun"]


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

    @classmethod
    def start(cls, report: Report, blank_policy: BlankPolicy = BlankPolicy.UNKNOWN) -> ValidationRun:
        """Read *report*'s cells and check its identities under *blank_policy*."""
        spec = report.format
        cells = read_cells(report)
        return cls(
            blank_policy=blank_policy,
            report=report,
            format=spec,
            cells=cells,
            identities=check_identities(spec, cells, blank_policy),
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
