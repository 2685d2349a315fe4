"""Year-over-year plausibility: cells that jump or collapse from one year to the next, and a change of format.

What evaluators look for when they read a series (format-spec §5.6: implausible numbers, a table copied from the
previous year or left at zero): a count that grows more than fivefold or falls below a fifth of the previous year's,
or falls to zero, is worth a second look — a typing slip (a digit too many or too few), a table of the wrong year,
a change of scope (a merger, a 区 that now sums its departments). None of these is an error: a campaign can
multiply the requests an agency receives. Hence INFO for a jump or a drop and WARNING for a zero, and thresholds
that a caller can change (:class:`~gov_disclosure.series.Plausibility`, handed to
:func:`~gov_disclosure.series.check_series` as ``thresholds``).

Only counts whose previous-year value is at least :attr:`Plausibility.min_base` are judged: from 2 to 12 requests
is ×6 and means nothing. Amounts of money are left out, and so are cells without a value in either year (blank,
``/``, text, an absent row): plausibility is a heuristic, not an identity, so an unknown cell is simply not judged.
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

from attrs import field, frozen, validators

from gov_disclosure.aggregation.values import cell_number
from gov_disclosure.findings import Finding, Outcome, Severity
from gov_disclosure.indicators import SMALL_SAMPLE
from gov_disclosure.model.keys import CellKey
from gov_disclosure.model.report import Report
from gov_disclosure.registry import RuleContext, rule
from gov_disclosure.series.model import Series

__all__ = [
    "TOTAL_COLUMNS",
    "Plausibility",
    "SeriesContext",
    "rule_drop",
    "rule_format_change",
    "rule_jump",
    "rule_zero",
    "year_pairs",
]

TOTAL_COLUMNS = ("total", "valid", "total_published", "decisions")
"""The columns :attr:`Plausibility.totals_only` judges: 表三 and 表四 总计, 表二 现行有效件数 (2019: 对外公开总数量) and
处理决定数量 — the totals and stocks, not the flows (本年制发件数, 本年废止件数) that are often 0 in a quiet year."""

_TABLE_NAMES = {"table2": "表二", "table2_2019": "表二", "table3": "表三", "table4": "表四"}


def _positive(_instance: object, attribute: object, value: Fraction) -> None:
    if value <= 0:
        raise ValueError(f"{getattr(attribute, 'name', attribute)} must be positive, not {value}")


@frozen(kw_only=True)
class Plausibility:
    """The thresholds of the year-over-year rules (``SERIES.JUMP``, ``SERIES.DROP``, ``SERIES.ZERO``).

    >>> Plausibility()
    Plausibility(jump=Fraction(5, 1), drop=Fraction(1, 5), min_base=30, totals_only=True)
    >>> Plausibility(jump=10, drop="0.1").drop
    Fraction(1, 10)
    """

    jump: Fraction = field(default=Fraction(5), converter=Fraction, validator=_positive)
    """``SERIES.JUMP``: this year's count is more than ``jump ×`` last year's."""
    drop: Fraction = field(default=Fraction(1, 5), converter=Fraction, validator=_positive)
    """``SERIES.DROP``: this year's count is above 0 and less than ``drop ×`` last year's."""
    min_base: int = field(default=SMALL_SAMPLE, validator=validators.ge(1))
    """Last year's count must be at least this for any of the three rules to judge a cell (the small-sample guard of
    the indicators, peers.md §8: N≥30)."""
    totals_only: bool = True
    """Judge only the columns of :data:`TOTAL_COLUMNS`; False judges every count cell (the applicant columns of
    表三, the result columns of 表四, 表二's flows)."""

    def judged(self, key: CellKey) -> bool:
        """True when the rules look at the cell *key*.

        >>> Plausibility().judged(CellKey("table2", "normative_docs", "made"))
        False
        >>> Plausibility(totals_only=False).judged(CellKey("table2", "normative_docs", "made"))
        True
        """
        return not self.totals_only or key.column in TOTAL_COLUMNS


@frozen(kw_only=True)
class SeriesContext(RuleContext):
    """The options of a :func:`~gov_disclosure.series.check_series` call: the blank policy and the thresholds."""

    plausibility: Plausibility = field(factory=Plausibility)


def _plausibility(context: RuleContext) -> Plausibility:
    return context.plausibility if isinstance(context, SeriesContext) else Plausibility()


def year_pairs(series: Series) -> Iterator[tuple[Report, Report]]:
    """``(earlier, later)`` for each two neighbouring years of the series that have one report each, a gap between
    them or not (the format change is found across a missing year too)."""
    previous: Report | None = None
    for year in series.years:
        current = series.report_for(year)
        if current is None:
            previous = None
            continue
        if previous is not None:
            yield previous, current
        previous = current


def _counts(report: Report, context: RuleContext, plausibility: Plausibility) -> dict[CellKey, tuple[int, str]]:
    """The judged count cells of *report* with a value: key -> (value, ``表三「row × column」``)."""
    found: dict[CellKey, tuple[int, str]] = {}
    for entry in report.iter_cells():
        if not plausibility.judged(entry.key):
            continue
        value = cell_number(entry.cell, context.blank_policy)
        if isinstance(value, int):
            found[entry.key] = (
                value,
                f"{_TABLE_NAMES.get(entry.key.table, entry.key.table)}「{entry.row_label} × {entry.column_label}」",
            )
    return found


@frozen
class _Change:
    """A judged count of one year beside last year's, which reaches the base (:func:`_changes`)."""

    year: int
    key: CellKey
    label: str
    """``表三「row × column」``."""
    before: int
    value: int

    def finding(self, code: str, severity: Severity, message: str, message_en: str) -> Finding:
        """The finding of rule *code* on this change (the cell, its value and the year are the change's)."""
        return Finding(
            code=code,
            severity=severity,
            message=message,
            message_en=message_en,
            cells=(self.key,),
            actual=self.value,
            subject=str(self.year),
        )


def _changes(series: Series, context: RuleContext) -> Iterator[_Change]:
    """Every judged cell of consecutive years whose previous value reaches the base."""
    plausibility = _plausibility(context)
    for year, previous, current in series.consecutive():
        before = _counts(previous, context, plausibility)
        for key, (value, label) in _counts(current, context, plausibility).items():
            if key in before and before[key][0] >= plausibility.min_base:
                yield _Change(year, key, label, before[key][0], value)


def _times(value: int, base: int) -> str:
    return f"×{float(Fraction(value, base)):.3g}"


@rule("SERIES.JUMP", severity=Severity.INFO, title="某项数量较上年增长超过5倍（可调）")
def rule_jump(series: Series, context: RuleContext) -> Iterator[Finding]:
    """A count more than :attr:`Plausibility.jump` (5) times last year's, last year's being at least
    :attr:`Plausibility.min_base` (30).

    Evaluators read a series for implausible numbers (format-spec §5.6); a fivefold jump is most often a typing slip,
    the wrong year's table or a change of scope (§5.5 rule 11: mergers, area aggregates), sometimes a real campaign.
    """
    jump = _plausibility(context).jump
    for c in _changes(series, context):
        if c.value > jump * c.before:
            yield c.finding(
                "SERIES.JUMP",
                Severity.INFO,
                f"{c.label}由{c.year - 1}年的 {c.before} 增至{c.year}年的 {c.value}（{_times(c.value, c.before)}，"
                f"超过×{float(jump):g}），请核实。",
                f"{c.key} rose from {c.before} ({c.year - 1}) to {c.value} ({c.year}), {_times(c.value, c.before)}: "
                f"more than ×{float(jump):g}; worth checking.",
            )


@rule("SERIES.DROP", severity=Severity.INFO, title="某项数量较上年降至不足五分之一（可调）")
def rule_drop(series: Series, context: RuleContext) -> Iterator[Finding]:
    """A count above 0 and below :attr:`Plausibility.drop` (0.2) times last year's, last year's being at least
    :attr:`Plausibility.min_base` (30). A fall to 0 is ``SERIES.ZERO``.

    The mirror of ``SERIES.JUMP`` (format-spec §5.6): a digit lost, the wrong year's table, a narrower scope.
    """
    drop = _plausibility(context).drop
    for c in _changes(series, context):
        if 0 < c.value < drop * c.before:
            yield c.finding(
                "SERIES.DROP",
                Severity.INFO,
                f"{c.label}由{c.year - 1}年的 {c.before} 降至{c.year}年的 {c.value}（{_times(c.value, c.before)}，"
                f"不足×{float(drop):g}），请核实。",
                f"{c.key} fell from {c.before} ({c.year - 1}) to {c.value} ({c.year}), {_times(c.value, c.before)}: "
                f"less than ×{float(drop):g}; worth checking.",
            )


@rule("SERIES.ZERO", severity=Severity.WARNING, title="上年数量较大的一项本年为0")
def rule_zero(series: Series, context: RuleContext) -> Iterator[Finding]:
    """A count of 0 where last year's was at least :attr:`Plausibility.min_base` (30).

    A table left at zero, or filled in from an empty template, is a common fault of published reports (format-spec
    §5.6); an agency that handled hundreds of requests rarely handles none the next year — a warning.
    """
    for c in _changes(series, context):
        if c.value == 0:
            yield c.finding(
                "SERIES.ZERO",
                Severity.WARNING,
                f"{c.label}{c.year - 1}年为 {c.before}，{c.year}年为 0，请核实是否漏填。",
                f"{c.key} was {c.before} in {c.year - 1} and is 0 in {c.year}: check that it was filled in.",
            )


@rule("SERIES.FORMAT_CHANGE", severity=Severity.INFO, title="序列中报告格式改变（2021年起采用新格式）")
def rule_format_change(series: Series, context: RuleContext) -> Iterator[Finding]:
    """The format changes between two neighbouring reports of the series: the 2021 format (国办公开办函〔2021〕30号)
    applies from the 2021 reports on, so a series crossing 2020→2021 changes once.

    Across the change 表二 is not comparable (format-spec §3.4: the 2019 对外公开总数量 is not 现行有效件数) and 表三
    （六）其他处理 is one row in 2019 and three in 2021; 表三 and 表四 otherwise compare (§5.5 rule 11). Whether the
    year fits the format is ``REPORT.FORMAT_YEAR``'s to say.
    """
    for previous, current in year_pairs(series):
        if previous.format_version != current.format_version:
            old, new, year = previous.format_version, current.format_version, current.report_year
            yield Finding(
                code="SERIES.FORMAT_CHANGE",
                severity=Severity.INFO,
                outcome=Outcome.NOTE,
                message=f"{year}年报告采用{new}版格式，{previous.report_year}年为{old}版：表二不可比，"
                f"表三（六）其他处理的行数不同。",
                message_en=f"the {year} report uses the {new} format, the {previous.report_year} report the {old} "
                f"format: 表二 is not comparable and 表三 （六） has a different number of rows.",
                subject=str(year),
            )
