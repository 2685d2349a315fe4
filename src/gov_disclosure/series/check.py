"""The default series registry and :func:`check_series`."""

from __future__ import annotations

from collections.abc import Iterable

from gov_disclosure.findings import Finding
from gov_disclosure.model.report import Report
from gov_disclosure.registry import BlankPolicy, RuleRegistry, rules_in
from gov_disclosure.series import plausibility, rules
from gov_disclosure.series.model import Series
from gov_disclosure.series.plausibility import Plausibility, SeriesContext

__all__ = ["SERIES_RULES", "check_series"]

SERIES_RULES: RuleRegistry[Series] = RuleRegistry(rules_in(rules) + rules_in(plausibility))
"""Every built-in series rule (immutable; derive variants with ``with_rules`` / ``without``)."""


def check_series(
    reports: Iterable[Report] | Series,
    *,
    blank_policy: BlankPolicy = BlankPolicy.UNKNOWN,
    registry: RuleRegistry[Series] | None = None,
    thresholds: Plausibility | None = None,
) -> tuple[Finding, ...]:
    """Check one agency's reports over the years with every rule of *registry* (default :data:`SERIES_RULES`).

    A rule runs when some report of the series has a format it applies to. Findings name their year in
    ``subject``. *thresholds* change those of the year-over-year rules (``SERIES.JUMP``, ``SERIES.DROP``,
    ``SERIES.ZERO``; default: :class:`~gov_disclosure.series.Plausibility` with its defaults).

    >>> from gov_disclosure.model import Report, Table3
    >>> def year(y, forward, over):
    ...     rows = {"carried_forward": [forward, 0, 0, 0, 0, 0, forward], "carried_over": [over, 0, 0, 0, 0, 0, over]}
    ...     return Report(format_version="2021", report_year=y, table3=Table3.from_rows(rows))
    >>> [(f.code, f.subject, f.expected, f.actual) for f in check_series([year(2022, 1, 5), year(2021, 4, 0)])]
    [('SERIES.CARRY_OVER', '2022', 4, 5), ('SERIES.CARRY_OVER', '2022', 4, 5)]
    """
    series = reports if isinstance(reports, Series) else Series(reports)
    context = SeriesContext(blank_policy=blank_policy, plausibility=thresholds or Plausibility())
    versions = {r.format_version for r in series.reports}
    findings: list[Finding] = []
    for r in SERIES_RULES if registry is None else registry:
        if any(r.applies_to(v) for v in versions):
            findings.extend(r.check(series, context))
    return tuple(findings)
