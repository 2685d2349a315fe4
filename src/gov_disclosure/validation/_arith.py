"""Linear identities over cells, their evaluation under a blank policy, and culprit localisation.

Everything here is generic: an identity is a set of cells with integer coefficients whose weighted sum must
be zero (written as ``Σ lhs = Σ rhs``); nothing in this module knows which table or row a cell belongs to.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal

from attrs import frozen

from gov_disclosure.model.cells import Cell, CellKind, Number
from gov_disclosure.model.identities import Identity
from gov_disclosure.model.keys import CellKey
from gov_disclosure.model.report import Report
from gov_disclosure.registry import BlankPolicy
from gov_disclosure.validation._cells import ReportCells, read_cells

__all__ = [
    "Candidate",
    "Evaluation",
    "Identity",
    "Status",
    "Values",
    "evaluate",
    "localise",
    "read_values",
    "values_of",
]


@frozen(kw_only=True)
class Values:
    """The cell values identities are evaluated with, after applying a blank policy."""

    known: Mapping[CellKey, Number]
    """Cells with a usable value (blanks counted as 0 under ``BlankPolicy.ZERO``)."""
    zeroed: frozenset[CellKey]
    """Blank cells counted as 0 (empty under ``BlankPolicy.UNKNOWN``)."""
    kinds: Mapping[CellKey, Cell]
    """Every present cell, to explain why a value is unknown."""


def read_values(report: Report, policy: BlankPolicy, tables: Iterable[str] = ("table3", "table4")) -> Values:
    """The values of the cells of *tables* under *policy*: numbers are known; blanks are known as 0 only
    under ``BlankPolicy.ZERO``; not-applicable marks and unreadable text are never known."""
    return values_of(read_cells(report), policy, tables)


def values_of(found: ReportCells, policy: BlankPolicy, tables: Iterable[str] = ("table3", "table4")) -> Values:
    """:func:`read_values` of a report whose cells have been read already (*found*)."""
    wanted = frozenset(tables)
    known: dict[CellKey, Number] = {}
    zeroed: set[CellKey] = set()
    cells: dict[CellKey, Cell] = {}
    for key, cell in found.pairs():
        if key.table not in wanted:
            continue
        cells[key] = cell
        if cell.value is not None:
            known[key] = cell.value
        elif cell.kind is CellKind.BLANK and policy is BlankPolicy.ZERO:
            known[key] = 0
            zeroed.add(key)
    return Values(known=known, zeroed=frozenset(zeroed), kinds=cells)


class Status(enum.Enum):
    """The result of evaluating an identity."""

    HOLDS = "holds"
    FAILS = "fails"
    UNDECIDABLE = "undecidable"
    """Some cell has no usable value (blank under the default policy, a mark, text, or an absent row)."""
    COMPLETED = "completed"
    """It holds, but only with values the report did not print: a cell of it was completed from the identities
    (:attr:`~gov_disclosure.model.cells.Cell.completed_from`, a row printed with fewer numbers than columns). An
    identity a value was completed from holds by construction, so it is not counted as a check: it is no evidence
    that the printed numbers are right. (One that fails with a completed value is reported as failing.)"""


@frozen(kw_only=True)
class Evaluation:
    """An identity evaluated on a report."""

    identity: Identity
    status: Status
    lhs: Number | None = None
    rhs: Number | None = None
    unknown: tuple[CellKey, ...] = ()
    """Cells without a usable value (reason for ``UNDECIDABLE``)."""
    zeroed: tuple[CellKey, ...] = ()
    """Blank cells counted as 0 under ``BlankPolicy.ZERO``."""

    @property
    def residual(self) -> Number:
        """``Σ lhs - Σ rhs`` (0 when the identity holds; only for decided identities)."""
        if self.lhs is None or self.rhs is None:
            raise ValueError("an undecidable identity has no residual")
        return self.lhs - self.rhs


def evaluate(identity: Identity, values: Values) -> Evaluation:
    """Evaluate *identity* with *values*.

    >>> a, b, c = (CellKey("table4", "review", k) for k in ("upheld", "pending", "total"))
    >>> identity = Identity(code="X", lhs=(c,), rhs=(a, b), statement_zh="", statement_en="")
    >>> values = Values(known={a: 1, b: 2, c: 4}, zeroed=frozenset(), kinds={})
    >>> e = evaluate(identity, values)
    >>> e.status, e.lhs, e.rhs, e.residual
    (<Status.FAILS: 'fails'>, 4, 3, 1)
    """
    known = values.known
    unknown: list[CellKey] = []
    sides: list[Number] = []
    for side in (identity.lhs, identity.rhs):
        total: Number = 0
        for key in side:
            value = known.get(key)
            if value is None:
                unknown.append(key)
            else:
                total += value
        sides.append(total)
    zeroed = tuple(k for k in identity.cells if k in values.zeroed) if values.zeroed else ()
    if unknown:
        return Evaluation(identity=identity, status=Status.UNDECIDABLE, unknown=tuple(unknown), zeroed=zeroed)
    lhs, rhs = sides
    status = Status.HOLDS if lhs == rhs else Status.FAILS
    return Evaluation(identity=identity, status=status, lhs=lhs, rhs=rhs, zeroed=zeroed)


@frozen(kw_only=True)
class Candidate:
    """A cell whose correction alone makes every decided identity hold."""

    key: CellKey
    current: Number
    corrected: Number


def _exact_quotient(numerator: Number, denominator: int) -> Number | None:
    if isinstance(numerator, int):
        quotient, remainder = divmod(numerator, denominator)
        return None if remainder else quotient
    return Decimal(numerator) / denominator


def _any_value(_key: CellKey, _value: Number) -> bool:
    return True


def localise(
    evaluations: Sequence[Evaluation],
    values: Values,
    admissible: Callable[[CellKey, Number], bool] = _any_value,
) -> tuple[Candidate, ...]:
    """The cells whose correction alone makes every failing identity hold and keeps every holding one holding.

    Changing cell *j* by δ changes the residual of identity *k* by ``coefficient(k, j)·δ``. So *j* is a
    candidate exactly when one δ ≠ 0 brings every decided identity's residual to zero: *j* must appear in every
    failing identity (with residuals proportional to its coefficients) and in no holding one. Undecidable
    identities constrain nothing. A candidate whose corrected value is not *admissible* (e.g. a negative
    count) is dropped. Returns candidates in the order their cells appear in the first failing
    identity; empty when nothing fails or no single cell explains the failures.

    >>> a, b, c = (CellKey("table4", "review", k) for k in ("upheld", "pending", "total"))
    >>> identity = Identity(code="X", lhs=(c,), rhs=(a, b), statement_zh="", statement_en="")
    >>> values = Values(known={a: 1, b: 2, c: 4}, zeroed=frozenset(), kinds={})
    >>> [(str(x.key), x.current, x.corrected) for x in localise([evaluate(identity, values)], values)]
    [('table4.review.total', 4, 3), ('table4.review.upheld', 1, 2), ('table4.review.pending', 2, 3)]
    """
    decided = [e for e in evaluations if e.status is not Status.UNDECIDABLE]
    failing = [e for e in decided if e.status is Status.FAILS]
    if not failing:
        return ()
    first = failing[0]
    candidates: list[Candidate] = []
    for key in dict.fromkeys(first.identity.cells):
        coefficient = first.identity.coefficient(key)
        if not coefficient or key not in values.known:
            continue
        delta = _exact_quotient(-first.residual, coefficient)
        if delta is None:
            continue
        current = values.known[key]
        corrected = current + delta
        if admissible(key, corrected) and all(e.residual + e.identity.coefficient(key) * delta == 0 for e in decided):
            candidates.append(Candidate(key=key, current=current, corrected=corrected))
    return tuple(candidates)
