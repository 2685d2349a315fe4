"""Completeness of an aggregate: which inputs had no number in which cell, and why."""

from __future__ import annotations

import enum

from attrs import frozen

from gov_disclosure.model.cells import Number
from gov_disclosure.model.keys import CellKey

__all__ = ["CellCompleteness", "Completeness", "GapReason"]


class GapReason(enum.Enum):
    """Why an input gave no number for a cell."""

    BLANK = "blank"
    """The cell was printed empty."""
    NOT_APPLICABLE = "not_applicable"
    """The cell held a not-applicable mark (``/`` ``-`` ``—`` ``无``)."""
    TEXT = "text"
    """The cell held text that is not a number that can be read with certainty."""
    MISSING = "missing"
    """The input lacks the cell's row or table."""


@frozen(kw_only=True)
class CellCompleteness:
    """The inputs that gave no number for one cell of an aggregate, by reason (indices into the inputs).

    ``known_sum`` is the sum of the numbers the other ``known`` inputs gave: a lower bound of the true sum for
    counts, never presented as the cell's value under the default blank policy.
    """

    key: CellKey
    known: int
    """How many inputs gave a number."""
    known_sum: Number
    blank: tuple[int, ...] = ()
    not_applicable: tuple[int, ...] = ()
    text: tuple[int, ...] = ()
    missing: tuple[int, ...] = ()
    units: tuple[str | None, ...] = ()
    """The different units of a money cell (None: no unit printed in the cell or header), when the inputs
    disagree; the sum is then unknown."""

    def inputs(self, reason: GapReason | None = None) -> tuple[int, ...]:
        """The inputs with a gap for *reason* (any reason when None), sorted."""
        if reason is not None:
            found: tuple[int, ...] = getattr(self, reason.value)
            return found
        return tuple(sorted({*self.blank, *self.not_applicable, *self.text, *self.missing}))

    @property
    def unit_mismatch(self) -> bool:
        """True when the inputs gave this money cell in different units."""
        return len(self.units) > 1


@frozen(kw_only=True)
class Completeness:
    """Which inputs of an aggregate were blank, not applicable, unreadable or missing where.

    Only cells with a gap are listed, in report order; a cell not listed had a number in every input.
    """

    inputs: tuple[str, ...]
    """A label per input (agency, year, path), in the order given."""
    cells: tuple[CellCompleteness, ...] = ()

    @property
    def complete(self) -> bool:
        """True when every input gave a number for every cell of the aggregate."""
        return not self.cells

    def cell(self, key: CellKey | str) -> CellCompleteness | None:
        """The gaps of the cell at *key*, or None when every input gave a number there."""
        key = CellKey.parse(key) if isinstance(key, str) else key
        for entry in self.cells:
            if entry.key == key:
                return entry
        return None

    def incomplete_inputs(self, reason: GapReason | None = None) -> tuple[int, ...]:
        """The inputs with at least one gap (for *reason*, or any), sorted."""
        return tuple(sorted({i for entry in self.cells for i in entry.inputs(reason)}))

    def cells_of_input(self, index: int) -> tuple[CellKey, ...]:
        """The cells for which input *index* gave no number."""
        return tuple(entry.key for entry in self.cells if index in entry.inputs())
