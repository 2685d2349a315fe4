"""The colours of findings, shared by the highlighted XLSX export and the HTML check report.

A cell that a finding names is filled with the colour of the worst severity among the findings naming it, so an
office reading either medium learns one code: blue for a note (提示), yellow for a warning (警告), orange for an
identity that fails (不一致), red for what cannot be read or trusted (错误).

>>> from gov_disclosure.findings import Severity
>>> SEVERITY_FILL[Severity.INCONSISTENCY]
'F8CBAD'
"""

from __future__ import annotations

from gov_disclosure.findings import Severity

__all__ = ["ABSENT_FILL", "COMPLETED_FILL", "SEVERITY_FILL"]

SEVERITY_FILL: dict[Severity, str] = {
    Severity.INFO: "DDEBF7",
    Severity.WARNING: "FFF2CC",
    Severity.INCONSISTENCY: "F8CBAD",
    Severity.ERROR: "FF9B9B",
}
"""RGB fill (hex, no ``#``) of a cell by the worst severity of the findings naming it."""

ABSENT_FILL = "E7E6E6"
"""Grey: a cell of a row the report does not have, or does not print."""

COMPLETED_FILL = "E2EFDA"
"""Green: a value not printed in its cell but completed from an identity."""
