"""The rule catalogue as data, and as the Markdown page ``docs/rules.md`` includes (generated at doc build)."""

from __future__ import annotations

from pathlib import Path

from attrs import frozen

from gov_disclosure.findings import Severity
from gov_disclosure.model.report import Report
from gov_disclosure.model.versions import FormatVersion
from gov_disclosure.registry import RuleRegistry

__all__ = ["RuleInfo", "catalogue_markdown", "export_rules", "write_catalogue"]


@frozen(kw_only=True)
class RuleInfo:
    """One catalogue entry."""

    code: str
    severity: Severity
    versions: tuple[FormatVersion, ...]
    title: str
    doc: str
    """The rule's docstring, which quotes the spec."""


def export_rules(registry: RuleRegistry[Report] | None = None) -> tuple[RuleInfo, ...]:
    """The rules of *registry* (default: :data:`~gov_disclosure.validation.DEFAULT_RULES`) as data.

    >>> [info.code for info in export_rules()][:3]
    ['REPORT.FORMAT_YEAR', 'TABLE.MISSING', 'ROW.MISSING']
    """
    if registry is None:
        from gov_disclosure.validation.run import DEFAULT_RULES

        registry = DEFAULT_RULES
    return tuple(
        RuleInfo(code=r.code, severity=r.severity, versions=r.versions, title=r.title, doc=r.doc) for r in registry
    )


def _anchor(code: str) -> str:
    return "rule-" + code.lower().replace(".", "-").replace("_", "-")


def catalogue_markdown(registry: RuleRegistry[Report] | None = None) -> str:
    """The catalogue as MyST Markdown: a summary table, then one section per rule with its docstring."""
    infos = export_rules(registry)
    lines = [
        "| Code | Severity | Formats | Title |",
        "|---|---|---|---|",
        *(
            f"| [`{i.code}`](#{_anchor(i.code)}) | {i.severity.name} ({i.severity.label_zh}) | "
            f"{', '.join(i.versions)} | {i.title} |"
            for i in infos
        ),
        "",
    ]
    for i in infos:
        lines += [
            f"({_anchor(i.code)})=",
            f"## `{i.code}` — {i.title}",
            "",
            f"**Severity** {i.severity.name} ({i.severity.label_zh}) · **Formats** {', '.join(i.versions)}",
            "",
            i.doc,
            "",
        ]
    return "\n".join(lines)


def write_catalogue(path: Path, registry: RuleRegistry[Report] | None = None) -> bool:
    """Write :func:`catalogue_markdown` to *path* unless it already holds exactly that; True when written."""
    text = catalogue_markdown(registry)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True
