"""Registered rules: small functions with a stable code, severity and the formats they apply to.

Rules are attached to functions by the :func:`rule` decorator and collected into an immutable
:class:`RuleRegistry`; nothing is ever appended to a shared module-level list.
"""

from __future__ import annotations

import enum
import inspect
from collections.abc import Callable, Iterable, Iterator
from types import ModuleType
from typing import Generic, TypeVar

from attrs import frozen

from gov_disclosure.findings import Finding, Severity
from gov_disclosure.model.formats import format_spec
from gov_disclosure.model.versions import FORMAT_VERSIONS, FormatVersion

__all__ = ["BlankPolicy", "Rule", "RuleContext", "RuleRegistry", "rule", "rules_in"]

S = TypeVar("S")
_ATTR = "__gov_disclosure_rule__"


class BlankPolicy(enum.Enum):
    """How blank cells take part in identities (format-spec §5.1 rule 5)."""

    UNKNOWN = "unknown"
    """Default: an identity involving a blank cell is undecidable, neither passed nor failed."""
    ZERO = "zero"
    """Treat blanks as zero; findings say that this policy was applied."""


@frozen(kw_only=True)
class RuleContext:
    """Options every rule receives.

    :func:`~gov_disclosure.validation.validate` hands report rules a subclass,
    :class:`~gov_disclosure.validation.ValidationRun`, which also carries what the run computed once for all
    its rules (the report's cells, its identities checked).
    """

    blank_policy: BlankPolicy = BlankPolicy.UNKNOWN


@frozen(kw_only=True)
class Rule(Generic[S]):
    """A registered check over a subject (a report, or a series of reports)."""

    code: str
    severity: Severity
    title: str
    versions: tuple[FormatVersion, ...]
    check: Callable[[S, RuleContext], Iterable[Finding]]

    @property
    def doc(self) -> str:
        """The rule's docstring (quotes the spec)."""
        return inspect.cleandoc(self.check.__doc__ or "")

    def applies_to(self, version: FormatVersion) -> bool:
        """True when the rule checks reports of *version*: a version the rule is declared for, or one based on
        such a version (:meth:`FormatSpec.applies <gov_disclosure.model.formats.FormatSpec.applies>`)."""
        return format_spec(version).applies(self.versions)


def rule(
    code: str,
    *,
    severity: Severity,
    title: str,
    versions: tuple[FormatVersion, ...] = FORMAT_VERSIONS,
) -> Callable[[Callable[[S, RuleContext], Iterable[Finding]]], Callable[[S, RuleContext], Iterable[Finding]]]:
    """Mark a function as a rule; :func:`rules_in` collects it. The function is returned unchanged."""

    def mark(check: Callable[[S, RuleContext], Iterable[Finding]]) -> Callable[[S, RuleContext], Iterable[Finding]]:
        setattr(check, _ATTR, Rule(code=code, severity=severity, title=title, versions=versions, check=check))
        return check

    return mark


def rules_in(*modules: ModuleType) -> tuple[Rule[S], ...]:
    """The rules defined by the :func:`rule` decorator in *modules*, in source order."""
    found: list[tuple[int, Rule[S]]] = []
    for module in modules:
        for value in vars(module).values():
            marked = getattr(value, _ATTR, None)
            if isinstance(marked, Rule) and getattr(value, "__module__", None) == module.__name__:
                found.append((inspect.getsourcelines(value)[1], marked))
    return tuple(r for _, r in sorted(found, key=lambda pair: (pair[1].check.__module__, pair[0])))


@frozen
class RuleRegistry(Generic[S]):
    """An immutable, ordered collection of rules with unique codes.

    ``with_rules`` and ``without`` return new registries; the original is never changed.
    """

    rules: tuple[Rule[S], ...] = ()

    def __attrs_post_init__(self) -> None:
        codes = [r.code for r in self.rules]
        duplicates = sorted({c for c in codes if codes.count(c) > 1})
        if duplicates:
            raise ValueError(f"duplicate rule codes: {', '.join(duplicates)}")

    def __iter__(self) -> Iterator[Rule[S]]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def get(self, code: str) -> Rule[S]:
        """The rule with *code* (KeyError if none)."""
        for r in self.rules:
            if r.code == code:
                return r
        raise KeyError(code)

    def with_rules(self, *rules: Rule[S]) -> RuleRegistry[S]:
        """A registry with *rules* added."""
        return RuleRegistry(self.rules + rules)

    def without(self, *codes: str) -> RuleRegistry[S]:
        """A registry without the rules whose codes are given."""
        return RuleRegistry(tuple(r for r in self.rules if r.code not in codes))
