"""The rule catalogue as data, and as the Markdown page ``docs/rules.md`` includes (generated at doc build)."""

from __future__ import annotations

from pathlib import Path

from attrs import frozen

from gov_disclosure.codes import FindingCode, finding_codes
from gov_disclosure.findings import Severity
from gov_disclosure.model.report import Report
from gov_disclosure.model.versions import FormatVersion
from gov_disclosure.registry import RuleRegistry

__all__ = ["RuleInfo", "catalogue_markdown", "codes_markdown", "export_rules", "write_catalogue"]


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


def _severity(severity: Severity) -> str:
    return f"{severity.name} ({severity.label_zh})"


def codes_markdown() -> str:
    """Every finding code the library can emit (:func:`gov_disclosure.codes.finding_codes`) as a MyST table: one
    row per code with each severity it is reported with and what it means at that severity."""
    from gov_disclosure.validation.run import DEFAULT_RULES

    rules = {r.code for r in DEFAULT_RULES}
    by_code: dict[str, list[FindingCode]] = {}
    for entry in finding_codes():
        by_code.setdefault(entry.code, []).append(entry)
    lines = ["| Code | Severity | Emitted by | Meaning |", "|---|---|---|---|"]
    for code, entries in by_code.items():
        severities = ", ".join(dict.fromkeys(_severity(e.severity) for e in entries))
        sources = ", ".join(dict.fromkeys(e.source for e in entries))
        if len({e.severity for e in entries}) == 1:
            meaning = "; ".join(dict.fromkeys(e.title for e in entries))
        else:
            meaning = "; ".join(f"{e.severity.name}: {e.title}" for e in entries)
        shown = f"[`{code}`](#{_anchor(code)})" if code in rules else f"`{code}`"
        lines.append(f"| {shown} | {severities} | {sources} | {meaning.replace('|', '/')} |")
    return "\n".join([*lines, ""])


def catalogue_markdown(registry: RuleRegistry[Report] | None = None) -> str:
    """The catalogue as MyST Markdown: a summary table of the rules, one section per rule with its docstring,
    and (for the default registry) the table of every finding code the library can emit (:func:`codes_markdown`)."""
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
    if registry is None:
        lines += [
            "(every-finding-code)=",
            "## Every finding code",
            "",
            "Every code a finding can carry — the rules above, the narrative and series checks, and what the readers, "
            "adapters and aggregation report — with each severity it is reported with "
            "({data}`gov_disclosure.codes.finding_codes`).",
            "",
            codes_markdown(),
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
