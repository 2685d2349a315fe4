"""Every accounting identity of a report checked once, on the flat view of its cells, for all the rules of a run.

The identities (:func:`~gov_disclosure.model.identities.identities_of`) are turned once per
:class:`~gov_disclosure.model.formats.FormatSpec` into positions in the report's flat tuple of cells
(:class:`~gov_disclosure.validation._cells.Layout`); :func:`check_identities` then gives the same statuses as
:func:`~gov_disclosure.validation.evaluate` without building mappings or evaluations.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from operator import itemgetter
from typing import Any

import attr  # attrs classes in the form mypyc compiles (docs: performance)
from mypy_extensions import mypyc_attr

from gov_disclosure.model.cells import Cell, Number
from gov_disclosure.model.formats import FormatSpec
from gov_disclosure.model.identities import Identity, identities_of
from gov_disclosure.model.keys import CellKey
from gov_disclosure.registry import BlankPolicy
from gov_disclosure.validation._arith import Evaluation, Status
from gov_disclosure.validation._cells import Layout, ReportCells, layout
from gov_disclosure.validation._labels import CellNames, cell_names

__all__ = ["CompiledIdentities", "IdentityChecks", "check_identities", "compiled_identities"]

_Getter = Callable[[Sequence[Any]], Sequence[Number]]
"""Picks the items at fixed positions of a sequence (a tuple, or a list of one item for a list). Typed as numbers, so
that their :func:`sum` is ``int | Decimal``: compiled, a sum of ``Any`` would be checked to be an ``int``."""


@mypyc_attr(native_class=False)
@attr.s(auto_attribs=True, slots=True, frozen=True)
class CompiledIdentities:
    """The identities of one format as index arrays over the flat tuple of a report's cells
    (:func:`~gov_disclosure.validation._cells.read_cells`)."""

    identities: tuple[Identity, ...]
    layout: Layout
    """Where each cell sits in the flat tuple."""
    positions: tuple[tuple[tuple[int, ...], tuple[int, ...]], ...]
    """Left-side and right-side cell positions of each identity."""
    cells: tuple[tuple[int, ...], ...]
    """The cell positions of each identity, left side first (as :attr:`Identity.cells`)."""
    names: CellNames
    """How messages name the cell at each position."""
    tables: tuple[tuple[str, tuple[tuple[int, frozenset[int], _Getter, _Getter], ...]], ...]
    """Each table with identities, and for each of its identities: its position in :attr:`identities`, the
    positions of its cells, and getters of its left-side and right-side values."""
    by_code: Mapping[str, tuple[int, ...]]
    """The identities each rule checks (by code), as positions in :attr:`identities`."""


def _getter(positions: tuple[int, ...]) -> _Getter:
    """The items at *positions* of a sequence, as a tuple (a slice of one item for a single position)."""
    if len(positions) == 1:
        (position,) = positions
        return itemgetter(slice(position, position + 1))
    return itemgetter(*positions)


@functools.cache
def compiled_identities(spec: FormatSpec, collapsed: frozenset[str] = frozenset()) -> CompiledIdentities:
    """The :class:`CompiledIdentities` of reports of *spec* that print the rows *collapsed* as one (cached by
    value)."""
    identities, cells = identities_of(spec, collapsed), layout(spec, collapsed)
    positions = tuple((tuple(cells.index[k] for k in i.lhs), tuple(cells.index[k] for k in i.rhs)) for i in identities)
    tables: dict[str, list[tuple[int, frozenset[int], _Getter, _Getter]]] = {}
    by_code: dict[str, list[int]] = {}
    for position, (identity, (lhs, rhs)) in enumerate(zip(identities, positions, strict=True)):
        tables.setdefault(identity.table, []).append((position, frozenset(lhs + rhs), _getter(lhs), _getter(rhs)))
        by_code.setdefault(identity.code, []).append(position)
    return CompiledIdentities(
        identities,
        cells,
        positions,
        tuple(lhs + rhs for lhs, rhs in positions),
        cell_names(spec, collapsed),
        tuple((table, tuple(terms)) for table, terms in tables.items()),
        {code: tuple(found) for code, found in by_code.items()},
    )


@mypyc_attr(native_class=False)
@attr.s(auto_attribs=True, slots=True, frozen=True)
class IdentityChecks:
    """A report's identities checked on plain numbers: the flat tuples follow :attr:`CompiledIdentities.layout`."""

    compiled: CompiledIdentities
    statuses: tuple[Status | None, ...]
    """The status of each identity (None when its table is absent); ``COMPLETED`` for one that holds only with
    values completed from the identities (not a check)."""
    troubled: tuple[int, ...]
    """The positions of the identities that fail or cannot be decided."""
    failing: tuple[int, ...]
    """The positions of the identities that fail."""
    values: tuple[Number | None, ...]
    """Usable values (blanks as 0 under ``BlankPolicy.ZERO``), None where there is none."""
    cells: tuple[Cell | None, ...]
    """The cells (None for a cell of an absent row)."""
    zeroed: frozenset[int]
    """The positions of the blank cells counted as 0."""

    def evaluation(self, position: int) -> Evaluation:
        """What :func:`evaluate` gives for the identity at *position*, read from the flat tuples."""
        identity = self.compiled.identities[position]
        lhs, rhs = self.compiled.positions[position]
        unknown: list[CellKey] = []
        sides: list[Number] = []
        for keys, positions in ((identity.lhs, lhs), (identity.rhs, rhs)):
            total: Number = 0
            for key, i in zip(keys, positions, strict=True):
                value = self.values[i]
                if value is None:
                    unknown.append(key)
                else:
                    total += value
            sides.append(total)
        zeroed = tuple(k for k, i in zip(identity.cells, lhs + rhs, strict=True) if i in self.zeroed)
        if unknown:
            return Evaluation(identity=identity, status=Status.UNDECIDABLE, unknown=tuple(unknown), zeroed=zeroed)
        lhs_total, rhs_total = sides
        status = Status.HOLDS if lhs_total == rhs_total else Status.FAILS
        if status is Status.HOLDS and self.statuses[position] is Status.COMPLETED:
            status = Status.COMPLETED
        return Evaluation(identity=identity, status=status, lhs=lhs_total, rhs=rhs_total, zeroed=zeroed)

    def evaluations(self, table: str | None = None) -> tuple[Evaluation, ...]:
        """The evaluations of the identities of *table* (default: all tables), leaving out identities of absent
        tables."""
        return tuple(
            self.evaluation(i)
            for i, (identity, status) in enumerate(zip(self.compiled.identities, self.statuses, strict=True))
            if status is not None and (table is None or identity.table == table)
        )

    def unknown(self, position: int) -> list[int]:
        """The positions of the cells without a usable value of the identity at *position*, left side first (as
        :attr:`Evaluation.unknown`)."""
        values = self.values
        return [i for i in self.compiled.cells[position] if values[i] is None]


def check_identities(spec: FormatSpec, found: ReportCells, policy: BlankPolicy) -> IdentityChecks:
    """Every identity of *spec* checked on a report's cells (*found*, read by
    :func:`~gov_disclosure.validation._cells.read_cells`) under *policy*; identities of absent tables are not
    checked."""
    compiled = compiled_identities(spec, found.layout.collapsed)
    values: Sequence[Number | None] = found.values
    unknown, zeroed, completed = found.unknown, frozenset[int](), found.completed
    if policy is BlankPolicy.ZERO and found.blank:
        values = list(values)
        for i in found.blank:
            values[i] = 0
        zeroed = frozenset(found.blank)
        unknown = unknown - zeroed
    statuses: list[Status | None] = [None] * len(compiled.identities)
    troubled: list[int] = []
    failing: list[int] = []
    for table_key, terms in compiled.tables:
        if table_key in found.absent_tables:
            continue
        for position, cells, left_of, right_of in terms:
            if unknown and not cells.isdisjoint(unknown):
                statuses[position] = Status.UNDECIDABLE
                troubled.append(position)
            elif sum(left_of(values)) == sum(right_of(values)):
                statuses[position] = Status.COMPLETED if completed and not cells.isdisjoint(completed) else Status.HOLDS
            else:
                statuses[position] = Status.FAILS
                troubled.append(position)
                failing.append(position)
    return IdentityChecks(
        compiled, tuple(statuses), tuple(troubled), tuple(failing), tuple(values), found.cells, zeroed
    )
