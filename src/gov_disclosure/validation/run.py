"""The default rule registry and :func:`validate`."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from gov_disclosure.findings import Finding
from gov_disclosure.model.report import Report
from gov_disclosure.model.versions import FORMAT_VERSIONS, FormatVersion
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

_Check = Callable[[Report, RuleContext], Iterable[Finding]]

_DEFAULT_CHECKS: dict[FormatVersion, tuple[_Check, ...]] = {
    v: tuple(r.check for r in DEFAULT_RULES if r.applies_to(v)) for v in FORMAT_VERSIONS
}
"""The checks of :data:`DEFAULT_RULES` that apply to each format, chosen once."""

_CONTEXTS = {policy: RuleContext(blank_policy=policy) for policy in BlankPolicy}
"""One (immutable) context per blank policy, shared by all calls."""


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
    version = report.format_version
    checks = _DEFAULT_CHECKS[version] if registry is None else tuple(r.check for r in registry if r.applies_to(version))
    context = _CONTEXTS.get(blank_policy) or RuleContext(blank_policy=blank_policy)
    findings: list[Finding] = []
    for check in checks:
        findings.extend(check(report, context))
    return tuple(findings)
