"""gov_disclosure: read, validate, compare and serialize 政府信息公开工作年度报告.

The curated public API is re-exported here; see the documentation for the full reference.
"""

from gov_disclosure._version import __version__
from gov_disclosure.errors import GovDisclosureError, ModelError
from gov_disclosure.findings import Finding, Outcome, Severity, worst_severity
from gov_disclosure.model import (
    Cell,
    CellKey,
    CellKind,
    FormatVersion,
    Report,
    Sections,
    SourceInfo,
    SourceLocation,
    Table2,
    Table2_2019,
    Table3,
    Table4,
)
from gov_disclosure.registry import BlankPolicy

__all__ = [
    "BlankPolicy",
    "Cell",
    "CellKey",
    "CellKind",
    "Finding",
    "FormatVersion",
    "GovDisclosureError",
    "ModelError",
    "Outcome",
    "Report",
    "Sections",
    "Severity",
    "SourceInfo",
    "SourceLocation",
    "Table2",
    "Table2_2019",
    "Table3",
    "Table4",
    "__version__",
    "worst_severity",
]
