"""A table cell: value, kind, raw text, annotation, unit and provenance.

format-spec §7: "Cell value model: (value: int | Decimal | None, raw: str, semantic: NUMERIC | ZERO | EMPTY |
NA | TEXT, unit: str | None)". A blank is never zero, and neither is a cell the report's table has no place for
(:attr:`CellKind.NOT_PRINTED`). A value the report did not print in its cell but the identities force is marked by
:attr:`Cell.completed_from`.
"""

from __future__ import annotations

import enum
from decimal import Decimal

from attrs import field, frozen

from gov_disclosure.model.source import SourceLocation

__all__ = ["Cell", "CellKind", "Number"]

Number = int | Decimal
"""A cell value: ``int`` for counts (件), ``Decimal`` for money, exact as printed."""


class CellKind(enum.Enum):
    """What a cell holds."""

    NUMBER = "number"
    """A non-zero number."""
    ZERO = "zero"
    """The number zero, printed as such."""
    BLANK = "blank"
    """Nothing printed. Not zero: the validator's blank policy decides how it counts."""
    NOT_APPLICABLE = "not_applicable"
    """A not-applicable mark such as ``/`` ``-`` ``—`` ``无``."""
    TEXT = "text"
    """Text that cannot be read as a number with certainty (e.g. glued digits with several splits)."""
    NOT_PRINTED = "not_printed"
    """The report's table has no such cell: its row is not printed. A 2021 表三 printing （六）其他处理 as one row
    (the 2019 layout) leaves its three sub-rows unprinted; a 2021 表二 without a 规章 row leaves that row unprinted.
    Not zero and not blank (a blank is an empty cell the table has): the agency gave no number there."""


def _check_completed(instance: Cell, _attribute: object, value: str | None) -> None:
    """Only a cell with a value is completed from an identity."""
    if value is not None and instance.value is None:
        raise ValueError(f"a {instance.kind.value} cell has no value to complete from {value}")


def _check_value(instance: Cell, _attribute: object, value: Number | None) -> None:
    """The value fits the kind: an int or a finite Decimal, zero exactly for ``ZERO``; None for the other kinds.

    Cells are built by the hundred per report: the usual ones (an int, or no value) are told apart first.
    """
    kind = instance.kind
    if type(value) is int:
        if kind is (CellKind.ZERO if value == 0 else CellKind.NUMBER):
            return
    elif value is None and kind is not CellKind.NUMBER and kind is not CellKind.ZERO:
        return
    if kind is CellKind.NUMBER or kind is CellKind.ZERO:
        if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
            raise TypeError(f"a {kind.value} cell needs an int or Decimal value, got {value!r}")
        if (kind is CellKind.ZERO) != (value == 0):
            raise ValueError(f"kind {kind.value} does not match value {value!r}")
        if isinstance(value, Decimal) and not value.is_finite():
            raise ValueError(f"cell values must be finite, got {value!r}")
    elif value is not None:
        raise ValueError(f"a {kind.value} cell has no value, got {value!r}")


@frozen
class Cell:
    """One cell of a statutory table.

    Build cells with the named constructors:

    >>> Cell.of(22).value, Cell.of(22).kind
    (22, <CellKind.NUMBER: 'number'>)
    >>> Cell.of(0).kind
    <CellKind.ZERO: 'zero'>
    >>> Cell.blank().value is None
    True
    >>> Cell.of(22, raw="22（其中修订16件）", annotation="其中修订16件").annotation
    '其中修订16件'

    ``source`` is provenance: it is excluded from equality and hashing.

    >>> from gov_disclosure.model.source import SourceLocation
    >>> Cell.of(3, source=SourceLocation(line=1)) == Cell.of(3)
    True

    A value that was not printed in its cell but that the identities force (a row printed with fewer numbers than
    columns) says so: it is not equal to the same number printed.

    >>> completed = Cell.completed(0, "T3.RESULTS_SUM:natural_person")
    >>> completed.value, completed.completed_from, completed == Cell.of(0)
    (0, 'T3.RESULTS_SUM:natural_person', False)
    >>> Cell.not_printed().kind, Cell.not_printed().value is None
    (<CellKind.NOT_PRINTED: 'not_printed'>, True)
    """

    kind: CellKind
    value: Number | None = field(default=None, validator=_check_value)
    raw: str = ""
    """The text as printed (for hand-built cells, the number's canonical text)."""
    annotation: str | None = None
    """Text printed inside the cell next to the number, e.g. ``其中修订16件``."""
    unit: str | None = None
    """A unit printed inside the cell, e.g. ``元`` in ``251000元`` (header units are not repeated here)."""
    source: SourceLocation | None = field(default=None, eq=False)
    completed_from: str | None = field(default=None, validator=_check_completed)
    """The identity the value was completed from (:attr:`gov_disclosure.model.identities.Identity.name`, e.g.
    ``T3.RESULTS_SUM:natural_person``), when the report printed the cell's row with fewer numbers than columns and
    the identities force the value; None for a value read from the cell as printed. A completed value is certain, but
    it is the identity's, not the print's: the identity it came from is no evidence that the row is right."""

    @classmethod
    def of(
        cls,
        value: Number,
        *,
        raw: str | None = None,
        annotation: str | None = None,
        unit: str | None = None,
        source: SourceLocation | None = None,
    ) -> Cell:
        """A number cell (kind ``ZERO`` when *value* is zero)."""
        if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
            raise TypeError(f"a cell value must be an int or Decimal, got {type(value).__name__}: {value!r}")
        kind = CellKind.ZERO if value == 0 else CellKind.NUMBER
        return cls(
            kind=kind,
            value=value,
            raw=str(value) if raw is None else raw,
            annotation=annotation,
            unit=unit,
            source=source,
        )

    @classmethod
    def completed(cls, value: Number, identity: str, *, source: SourceLocation | None = None) -> Cell:
        """A number the report did not print in this cell, completed from the identity named *identity*."""
        kind = cls.of(value).kind
        return cls(kind=kind, value=value, source=source, completed_from=identity)

    @classmethod
    def not_printed(cls, *, source: SourceLocation | None = None) -> Cell:
        """A cell of a row the report does not print (:attr:`CellKind.NOT_PRINTED`)."""
        return cls(kind=CellKind.NOT_PRINTED, source=source)

    @classmethod
    def blank(cls, *, raw: str = "", source: SourceLocation | None = None) -> Cell:
        """An empty cell."""
        return cls(kind=CellKind.BLANK, raw=raw, source=source)

    @classmethod
    def not_applicable(cls, raw: str = "/", *, source: SourceLocation | None = None) -> Cell:
        """A not-applicable mark (``/`` ``-`` ``—`` ``无`` …)."""
        return cls(kind=CellKind.NOT_APPLICABLE, raw=raw, source=source)

    @classmethod
    def text(cls, raw: str, *, source: SourceLocation | None = None) -> Cell:
        """A cell whose text is not a number that can be read with certainty."""
        return cls(kind=CellKind.TEXT, raw=raw, source=source)

    def located(self, source: SourceLocation | None) -> Cell:
        """This cell found at *source*: the same cell (equal to it) with its provenance set.

        >>> cell = Cell.of(7).located(SourceLocation(line=12))
        >>> cell == Cell.of(7), cell.source.line
        (True, 12)
        """
        # every field, in order: no keyword matching for the cell made per value read
        return Cell(self.kind, self.value, self.raw, self.annotation, self.unit, source, self.completed_from)

    @property
    def is_number(self) -> bool:
        """True for ``NUMBER`` and ``ZERO`` cells."""
        return self.value is not None

    def __str__(self) -> str:
        return self.raw if self.raw else ("" if self.value is None else str(self.value))
