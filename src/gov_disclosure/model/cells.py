"""A table cell: value, kind, raw text, annotation, unit and provenance.

format-spec §7: "Cell value model: (value: int | Decimal | None, raw: str, semantic: NUMERIC | ZERO | EMPTY |
NA | TEXT, unit: str | None)". A blank is never zero.
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


@frozen(kw_only=True)
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
        return Cell(
            kind=self.kind,
            value=self.value,
            raw=self.raw,
            annotation=self.annotation,
            unit=self.unit,
            source=source,
        )

    @property
    def is_number(self) -> bool:
        """True for ``NUMBER`` and ``ZERO`` cells."""
        return self.value is not None

    def __str__(self) -> str:
        return self.raw if self.raw else ("" if self.value is None else str(self.value))
