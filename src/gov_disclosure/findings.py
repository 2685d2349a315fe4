"""Findings: problems found in the data of a report, returned (never raised) by readers and rules."""

from __future__ import annotations

import enum
import functools
from decimal import Decimal

from attrs import Factory, field, frozen

from gov_disclosure.model.cells import Number
from gov_disclosure.model.keys import CellKey
from gov_disclosure.model.source import SourceLocation

__all__ = ["Finding", "Outcome", "Severity", "location_of", "worst_severity"]


class Severity(enum.IntEnum):
    """How bad a finding is; ordered, so ``max(findings, key=...)`` gives the worst."""

    INFO = 10
    """Worth knowing; nothing is wrong."""
    WARNING = 20
    """Something should hold and does not, or cannot be decided; legitimate exceptions exist."""
    INCONSISTENCY = 30
    """An accounting identity fails: a data or extraction error."""
    ERROR = 40
    """The report (or part of it) cannot be trusted or read."""

    @property
    def label_zh(self) -> str:
        """Chinese name of the severity."""
        return {10: "提示", 20: "警告", 30: "不一致", 40: "错误"}[self.value]


class Outcome(enum.Enum):
    """What kind of statement a finding makes."""

    FAILED = "failed"
    """A check ran and failed."""
    UNDECIDABLE = "undecidable"
    """A check could not be decided, e.g. an identity involving a blank cell under the default policy."""
    NOTE = "note"
    """A statement that is not a check result (a culprit suggestion, an ambiguity, a fact)."""


def _difference(self: Finding) -> Number | None:
    if self.expected is None or self.actual is None:
        return None
    if isinstance(self.expected, Decimal) or isinstance(self.actual, Decimal):
        return Decimal(self.actual) - Decimal(self.expected)
    return self.actual - self.expected


@functools.lru_cache(maxsize=4096)
def location_of(cells: tuple[CellKey, ...]) -> tuple[str | None, str | None]:
    """The table all *cells* are in and the row they are all in (None where they are not in one).

    Findings name the same cells report after report (a row, an identity's cells): the answer is kept by value.

    >>> from gov_disclosure.model import CellKey
    >>> location_of((CellKey("table4", "review", "upheld"), CellKey("table4", "review", "total")))
    ('table4', 'review')
    """
    tables = {cell.table for cell in cells}
    if len(tables) != 1:
        return None, None
    rows = {cell.row for cell in cells}
    return tables.pop(), rows.pop() if len(rows) == 1 else None


@frozen(kw_only=True)
class Finding:
    """One finding.

    >>> from gov_disclosure.model import CellKey
    >>> f = Finding(code="T3.BALANCE", severity=Severity.INCONSISTENCY,
    ...             message="总计列：一+二≠（七）+四", message_en="total column: 1+2 != (7)+4",
    ...             cells=(CellKey("table3", "new_received", "total"),), expected=10, actual=12)
    >>> f.difference, f.table, f.row
    (2, 'table3', 'new_received')
    """

    code: str
    """Stable code of the rule or reader check, e.g. ``T3.BALANCE``."""
    severity: Severity
    message: str
    """Message in Chinese, with the official labels a 政务公开 officer knows."""
    message_en: str
    """The same message in English."""
    cells: tuple[CellKey, ...] = ()
    """The cells involved."""
    table: str | None = None
    """The table the finding is about (``table3``), when it is about one: given, or the table of all its cells."""
    row: str | None = None
    """The row of :attr:`table` the finding is about (``granted``): given, or the row of all its cells."""
    expected: Number | None = None
    actual: Number | None = None
    difference: Number | None = Factory(_difference, takes_self=True)
    """``actual - expected`` (computed when not given)."""
    outcome: Outcome = Outcome.FAILED
    candidates: tuple[Number, ...] = ()
    """Possible values, when a value could not be decided (e.g. several splits of glued digits)."""
    evidence: str | None = None
    """Text the finding cites, e.g. a narrative sentence or the raw text of a cell."""
    subject: str | None = None
    """What the finding is about when several reports are involved (e.g. ``"2022"`` in a series)."""
    source: SourceLocation | None = field(default=None, eq=False)

    def __attrs_post_init__(self) -> None:
        if self.cells and (self.table is None or self.row is None):
            table, row = location_of(self.cells)  # derived once, here, for a frozen class
            if self.table is None:
                object.__setattr__(self, "table", table)
            if self.row is None and self.table == table:
                object.__setattr__(self, "row", row)

    def __str__(self) -> str:
        where = f" [{', '.join(map(str, self.cells))}]" if self.cells else ""
        return f"{self.severity.name} {self.code}{where}: {self.message_en}"


def worst_severity(findings: tuple[Finding, ...] | list[Finding]) -> Severity | None:
    """The highest severity among *findings*, None when there are none."""
    return max((f.severity for f in findings), default=None)
