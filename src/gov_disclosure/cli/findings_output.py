"""Findings for people (an aligned plain-text table) and for programs (JSON), and the exit code they imply.

Exit codes of commands that report findings (``gov-disclosure validate``):

====  ==========================================================
0     no findings, or INFO (提示) only
1     worst finding is a WARNING (警告)
2     worst finding is an INCONSISTENCY (不一致)
3     worst finding is an ERROR (错误)
4     the input could not be read (or the command line is wrong)
====  ==========================================================
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from gov_disclosure.cli.usage import EXIT_UNREADABLE
from gov_disclosure.findings import Finding, Severity, worst_severity

__all__ = ["EXIT_UNREADABLE", "exit_code", "findings_json", "findings_table"]

_EXIT = {Severity.INFO: 0, Severity.WARNING: 1, Severity.INCONSISTENCY: 2, Severity.ERROR: 3}
_MAX_CELLS = 3


def exit_code(findings: Sequence[Finding]) -> int:
    """0 for none/INFO, 1 WARNING, 2 INCONSISTENCY, 3 ERROR (the worst finding decides).

    >>> exit_code(()), exit_code([Finding(code="X", severity=Severity.WARNING, message="", message_en="")])
    (0, 1)
    """
    worst = worst_severity(list(findings))
    return 0 if worst is None else _EXIT[worst]


def _cells(finding: Finding) -> str:
    keys = [str(k) for k in finding.cells]
    if len(keys) > _MAX_CELLS:
        return ", ".join(keys[:_MAX_CELLS]) + f", … (+{len(keys) - _MAX_CELLS})"
    return ", ".join(keys) or "—"


def findings_table(findings: Sequence[Finding]) -> str:
    """An aligned table: severity (English and Chinese), code, cells; then the Chinese and English messages.

    >>> from gov_disclosure.model import CellKey
    >>> print(findings_table([Finding(code="CULPRIT", severity=Severity.INCONSISTENCY, message="错误最可能在…",
    ...       message_en="the culprit is …", cells=(CellKey("table3", "granted", "total"),))]))
    SEVERITY              CODE     CELLS
    INCONSISTENCY 不一致  CULPRIT  table3.granted.total
                          错误最可能在…
                          the culprit is …
    """
    if not findings:
        return "no findings: every check passed (未发现问题)"
    severities = [f"{f.severity.name} {f.severity.label_zh}" for f in findings]
    codes = [f.code for f in findings]
    # Chinese characters take two columns in a terminal.
    width_sev = max(_width(s) for s in [*severities, "SEVERITY"]) + 2
    width_code = max(len(c) for c in [*codes, "CODE"]) + 2
    lines = [_pad("SEVERITY", width_sev) + _pad("CODE", width_code) + "CELLS"]
    indent = " " * (width_sev)
    for finding, severity, code in zip(findings, severities, codes, strict=True):
        lines.append((_pad(severity, width_sev) + _pad(code, width_code) + _cells(finding)).rstrip())
        lines.append(indent + finding.message)
        lines.append(indent + finding.message_en)
    return "\n".join(lines)


def _width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def findings_json(findings: Sequence[Finding], *, source: str | None = None) -> str:
    """``{"schema_version", "source", "worst_severity", "exit_code", "findings"}`` as indented JSON."""
    from gov_disclosure.serializers.json import SCHEMA_VERSION, findings_to_list

    worst = worst_severity(list(findings))
    document = {
        "schema_version": SCHEMA_VERSION,
        "source": source,
        "worst_severity": None if worst is None else worst.name,
        "exit_code": exit_code(findings),
        "findings": findings_to_list(findings),
    }
    return json.dumps(document, ensure_ascii=False, indent=2)
