"""The default rule registry and :func:`validate`."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable

from gov_disclosure.findings import Finding
from gov_disclosure.model.formats import FormatSpec
from gov_disclosure.model.report import Report
from gov_disclosure.registry import BlankPolicy, Rule, RuleContext, RuleRegistry, rules_in
from gov_disclosure.validation import culprit, identities, structural
from gov_disclosure.validation.context import ValidationRun

__all__ = ["DEFAULT_RULES", "RULE_MODULES", "validate"]

RULE_MODULES = (structural, identities, culprit)
"""The modules whose rules make up :data:`DEFAULT_RULES`, in the order findings are reported."""


def _rules() -> tuple[Rule[Report], ...]:
    found: list[Rule[Report]] = []
    for module in RULE_MODULES:
        found.extend(rules_in(module))
    return tuple(found)


_RULES = _rules()

DEFAULT_RULES: RuleRegistry[Report] = RuleRegistry(_RULES)
"""Every built-in report rule (immutable; derive variants with ``with_rules`` / ``without``)."""

_Check = Callable[[Report, RuleContext], Iterable[Finding]]



@functools.cache
def _default_checks(spec: FormatSpec) -> tuple[_Check, ...]:
    """The checks of :data:`DEFAULT_RULES` that apply to reports of *spec*, chosen once per format."""
    return tuple(r.check for r in DEFAULT_RULES if spec.applies(r.versions))


def validate(
    report: Report,
    *,
    blank_policy: BlankPolicy = BlankPolicy.UNKNOWN,
    registry: RuleRegistry[Report] | None = None,
    run: ValidationRun | None = None,
) -> tuple[Finding, ...]:
    """Check *report* with every rule of *registry* (default :data:`DEFAULT_RULES`) that applies to its format.

    The report's cells are read and its identities checked once, into a
    :class:`~gov_disclosure.validation.ValidationRun` that every rule receives as its context. Problems in the
    data are returned as findings, never raised. Under the default
    ``BlankPolicy.UNKNOWN`` an identity that involves a blank cell is *undecidable*; ``BlankPolicy.ZERO`` counts
    blanks as 0 and says so in its findings. A caller that wants the run's view of the cells too (what the reader
    reconciles its findings with) starts the *run* itself and hands it in.

    >>> import random
    >>> from gov_disclosure.testing import random_report
    >>> validate(random_report(random.Random(1)))
    ()
    """
    spec = report.format
    checks = _default_checks(spec) if registry is None else tuple(r.check for r in registry if spec.applies(r.versions))
    if run is None or run.report is not report or run.blank_policy is not blank_policy:
        run = ValidationRun.start(report, blank_policy)
    findings: list[Finding] = []
    for check in checks:
        findings.extend(check(report, run))
    return tuple(findings)
