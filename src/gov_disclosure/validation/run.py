"""The default rule registry and :func:`validate`."""

from __future__ import annotations

from gov_disclosure.findings import Finding
from gov_disclosure.model.report import Report
from gov_disclosure.registry import BlankPolicy, Rule, RuleContext, RuleRegistry, rules_in
from gov_disclosure.validation import culprit, identities, structural

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


def validate(
    report: Report,
    *,
    blank_policy: BlankPolicy = BlankPolicy.UNKNOWN,
    registry: RuleRegistry[Report] | None = None,
) -> tuple[Finding, ...]:
    """Check *report* with every rule of *registry* (default :data:`DEFAULT_RULES`) that applies to its format.

    Problems in the data are returned as findings, never raised. Under the default
    ``BlankPolicy.UNKNOWN`` an identity that involves a blank cell is *undecidable*; ``BlankPolicy.ZERO`` counts
    blanks as 0 and says so in its findings.

    >>> import random
    >>> from gov_disclosure.testing import random_report
    >>> validate(random_report(random.Random(1)))
    ()
    """
    rules = DEFAULT_RULES if registry is None else registry
    context = RuleContext(blank_policy=blank_policy)
    findings: list[Finding] = []
    for r in rules:
        if r.applies_to(report.format_version):
            findings.extend(r.check(report, context))
    return tuple(findings)
