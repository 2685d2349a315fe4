"""Glued digits solved for the whole table at once: the readings of its undecided rows pruned by the identities.

Issue 12: "a cell takes a value only if **every** reading that satisfies the identities used gives it that value".
Row by row (:func:`~gov_disclosure.parsing.resolve.solve`), a row is decided only by identities whose other cells
are already known; when several rows are glued (crawler text: the whole 表三 glued), each may stay open although
together they admit one reading. Here every undecided row lists its complete readings
(:func:`~gov_disclosure.parsing.resolve.readings`), and a reading is dropped when some identity cannot hold with it
whatever the other rows read — its part of the identity is not the negative of any sum the other rows' readings
(and the known cells) can make. Dropping one reading may make another unsupported, so the pruning is repeated until
nothing changes. Only readings that cannot be part of any reading of the whole table are dropped, so a reading of
the table that satisfies every identity is never lost; a column is then read when all the row's remaining readings
agree on it.

The pruning is bounded (:data:`READINGS` per row, :data:`SUMS` partial sums per identity): past a bound a row or an
identity is simply not used to prune — never guessed. A row none of whose readings survives means the identities
are broken (the agency's arithmetic, or a lost value): then nothing is pruned at all.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from attrs import frozen

from gov_disclosure.model.cells import Number
from gov_disclosure.parsing.resolve import Equation, Key

__all__ = ["READINGS", "SUMS", "RowReadings", "prune"]

READINGS = 256
"""Most complete readings of one row that are listed for the pruning (a row with more is not pruned)."""

SUMS = 4096
"""Most distinct sums that the other rows of one identity may make (an identity with more does not prune)."""


@frozen
class RowReadings:
    """The complete readings of one undecided row: its printed pieces, and their values, per column."""

    row: str
    pieces: tuple[tuple[str, ...], ...]
    values: tuple[tuple[Number | None, ...], ...]
    checked: bool = False
    """True when some identity could be evaluated over the readings (see :func:`prune`). A row no identity checks
    is not decided by its readings agreeing: a value may have been left blank, and its digits read otherwise."""


def prune(
    rows: Sequence[RowReadings], equations: Sequence[Equation], known: Mapping[Key, Number | None]
) -> tuple[RowReadings, ...] | None:
    """*rows* with every reading dropped that no reading of the other rows lets satisfy all *equations*; None when
    some row is left with no reading (the identities are broken: nothing can be pruned with them).

    *known* holds the values of the table's other cells (a cell absent or None there makes an identity unusable).

    >>> eq = Equation((("r", 1),), (("r", 0), ("s", 0)))  # r1 = r0 + s0
    >>> r = RowReadings("r", (("1", "23"), ("12", "3")), ((1, 23), (12, 3)))
    >>> s = RowReadings("s", (("2",), ("22",)), ((2,), (22,)))
    >>> [(row.pieces, row.checked) for row in prune([r, s], [eq], {})]
    [((('1', '23'),), True), ((('22',),), True)]
    """
    domains = {row.row: list(range(len(row.pieces))) for row in rows}
    by_row = {row.row: row for row in rows}
    checked: set[str] = set()
    changed = True
    while changed:
        changed = False
        for equation in equations:
            kept = _prune_with(equation, by_row, domains, known)
            if kept is None:
                continue
            checked.update(kept)
            for key, indices in kept.items():
                if not indices:
                    return None
                if len(indices) < len(domains[key]):
                    domains[key] = indices
                    changed = True
    return tuple(
        RowReadings(
            row.row,
            tuple(row.pieces[i] for i in domains[row.row]),
            tuple(row.values[i] for i in domains[row.row]),
            row.row in checked,
        )
        for row in rows
    )


def _prune_with(
    equation: Equation,
    rows: Mapping[str, RowReadings],
    domains: Mapping[str, list[int]],
    known: Mapping[Key, Number | None],
) -> dict[str, list[int]] | None:
    """The readings of the rows of *equation* that it leaves possible, or None when it cannot prune."""
    terms: dict[str, list[tuple[int, int]]] = {}
    constant: Number = 0
    for sign, keys in ((1, equation.lhs), (-1, equation.rhs)):
        for key in keys:
            if key[0] in rows:
                terms.setdefault(key[0], []).append((key[1], sign))
                continue
            found = known.get(key)
            if found is None:
                return None  # a cell of it is unknown: it holds whatever the rows read
            constant += sign * found
    if not terms:
        return None
    names = list(terms)
    parts: list[dict[Number, list[int]]] = []
    for name in names:
        by_part: dict[Number, list[int]] = {}
        for index in domains[name]:
            values = rows[name].values[index]
            part: Number = 0
            for column, sign in terms[name]:
                found = values[column]
                if found is None:
                    return None  # a printed non-number: the identity is not checked
                part += sign * found
            by_part.setdefault(part, []).append(index)
        parts.append(by_part)
    sums = [set(p) for p in parts]
    before = _running_sums(sums)
    after = _running_sums(sums[::-1])
    if before is None or after is None:
        return None
    after.reverse()
    kept: dict[str, list[int]] = {}
    for i, name in enumerate(names):
        others = _sumset(before[i], after[i + 1])
        if others is None:
            return None
        kept[name] = sorted(j for part, indices in parts[i].items() if -(constant + part) in others for j in indices)
    return kept


def _running_sums(sets: Sequence[set[Number]]) -> list[set[Number]] | None:
    """``out[i]``: every sum of one value from each of ``sets[:i]`` (``out[0] == {0}``); None past :data:`SUMS`."""
    out: list[set[Number]] = [{0}]
    for values in sets:
        nxt = _sumset(out[-1], values)
        if nxt is None:
            return None
        out.append(nxt)
    return out


def _sumset(a: set[Number], b: set[Number]) -> set[Number] | None:
    if len(a) * len(b) > SUMS * 16:
        return None
    out = {x + y for x in a for y in b}
    return out if len(out) <= SUMS else None
