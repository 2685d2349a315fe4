"""Deciding where the values of a damaged row go, using the table's identities — or declining to.

"Never invent a number" (issue 4): when a row has fewer values than columns, or digits glued together
(``行政许可3960181``), every reading of the printed text is considered — each glued run split every way into
valid numbers, each missing value placed in every column — and kept only if it satisfies every identity that
can be evaluated (format-spec §5). A column whose value is the same printed piece in every surviving reading
is certain; any other column is left undecided, with the values it could take as candidates. Identities never
choose between two readings that both satisfy them.

A missing value is treated as *unknown* when checking (it may have been a blank), so the reading that is true
is never rejected unless the printed numbers themselves break an identity. Readings with fewer missing values
are tried first: a glued run split so that identities check every piece it was cut into is preferred to a run
read whole with values lost; a split that no identity checks is only one reading among the others.

The readings are searched depth first, column by column, pruning a branch as soon as an identity is broken or
can no longer hold (counts are never negative). The search is bounded: when the bound is reached the row is left
undecided, never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal

from attrs import frozen

from gov_disclosure.model.cells import Number
from gov_disclosure.parsing.cells import UNITS
from gov_disclosure.parsing.lines import VALUE_RUN

__all__ = ["BUDGET", "Equation", "Key", "Resolution", "check", "solve", "splits"]

Key = tuple[str, int]
"""A cell of the table being read: (row key, column index)."""

BUDGET = 20_000
"""Most search steps spent on one row before it is left undecided."""

_PIECE = re.compile(rf"[+-]?(?:0|[1-9]\d*)(?:\.\d+)?(?:{'|'.join(UNITS)})?")
"""One value cut out of a glued run: optional sign, no leading zero, optional decimals and unit."""


@frozen
class Equation:
    """``sum(lhs) == sum(rhs)`` over cells of one table."""

    lhs: tuple[Key, ...]
    rhs: tuple[Key, ...]


def _ends(token: str) -> tuple[tuple[int, ...], ...]:
    """For each start in *token*, the ends of the pieces that may be cut there (longest last)."""
    return tuple(
        tuple(j for j in range(i + 1, len(token) + 1) if _PIECE.fullmatch(token, i, j)) for i in range(len(token))
    )


def splits(run: str, parts: int) -> tuple[tuple[str, ...], ...]:
    """Every way to cut a glued *run* into *parts* values (no leading zeros, signs only in front).

    >>> splits("1000001", 7)
    (('1', '0', '0', '0', '0', '0', '1'),)
    >>> splits("39-5181", 3)
    (('3', '9', '-5181'), ('39', '-5', '181'), ('39', '-51', '81'), ('39', '-518', '1'))
    """
    ends = _ends(run)
    out: list[tuple[str, ...]] = []

    def walk(start: int, left: int, done: tuple[str, ...]) -> None:
        if start == len(run):
            if left == 0:
                out.append(done)
            return
        if left == 0:
            return
        for end in ends[start]:
            walk(end, left - 1, (*done, run[start:end]))

    walk(0, parts, ())
    return tuple(out)


def check(
    equations: Sequence[Equation], lookup: Callable[[Key], Number | None], solvable: frozenset[Key] = frozenset()
) -> tuple[bool, dict[Key, Number]]:
    """Evaluate *equations*: False when one fails; values derived for *solvable* unknown cells.

    An equation with an unknown cell that is not solvable, or with two unknowns, is skipped.

    >>> eq = Equation((("a", 0),), (("b", 0), ("b", 1)))
    >>> check([eq], {("a", 0): 5, ("b", 0): 2, ("b", 1): 3}.get)
    (True, {})
    >>> check([eq], {("a", 0): 5, ("b", 0): 2}.get, frozenset({("b", 1)}))
    (True, {('b', 1): 3})
    >>> check([eq], {("a", 0): 1, ("b", 0): 2}.get, frozenset({("b", 1)}))
    (False, {})
    """
    derived: dict[Key, Number] = {}
    for eq in equations:
        total: Number = 0
        unknown: tuple[Key, int] | None = None
        skip = False
        for sign, keys in ((1, eq.lhs), (-1, eq.rhs)):
            for key in keys:
                value = derived.get(key)
                if value is None:
                    value = lookup(key)
                if value is None:
                    if key in solvable and unknown is None:
                        unknown = (key, sign)
                        continue
                    skip = True
                    break
                total += sign * value
            if skip:
                break
        if skip:
            continue
        if unknown is None:
            if total != 0:
                return False, {}
            continue
        key, sign = unknown
        value = -total * sign
        if value < 0 or (isinstance(value, Decimal) and value != value.to_integral_value()):
            return False, {}
        derived[key] = value
    return True, derived


@frozen
class Resolution:
    """The outcome for one row: certain pieces by column (None = undecided) and candidates of undecided ones."""

    pieces: tuple[str | None, ...]
    candidates: tuple[tuple[Number, ...], ...]
    readings: int
    """How many readings satisfied the identities (0: none did; the row is left undecided)."""
    exhausted: bool = False
    """True when the search reached :data:`BUDGET` steps; every column is then undecided."""


class _Exhausted(Exception):
    pass


_FREE, _VALUE, _GAP, _OPAQUE = 0, 1, 2, 3
"""Column states during the search: not yet placed, a number, a missing value, a printed non-number (``/``)."""


@frozen
class _Term:
    ext: Number | None
    """Signed sum of the cells outside the row (None when one of them is unknown)."""
    terms: tuple[tuple[int, int], ...]
    """(column, sign) of the cells in the row."""


def solve(
    tokens: Sequence[str],
    columns: int,
    value: Callable[[int, str], tuple[bool, Number | None]],
    *,
    row: str = "",
    equations: Sequence[Equation] = (),
    known: Mapping[Key, Number | None] | None = None,
    signed: frozenset[int] = frozenset(),
    budget: int = BUDGET,
) -> Resolution:
    """Place the printed *tokens* of row *row* in *columns* columns, as far as the identities make it certain.

    *value* reads a piece in a column: (acceptable, number or None for a not-applicable mark). *equations* are
    the identities involving the row; *known* holds the values of the table's other cells; columns in *signed*
    may hold negative numbers (the others may not, which prunes the search).

    >>> def value(column, piece):
    ...     return True, int(piece)
    >>> eq = Equation(((("r", 2)),), (("r", 0), ("r", 1)))  # the last column is the sum of the others
    >>> r = solve(["123"], 3, value, row="r", equations=[eq])
    >>> r.pieces, r.readings
    (('1', '2', '3'), 1)
    >>> solve(["10", "1"], 3, value, row="r").pieces  # without an identity the glued run stays undecided
    (None, None, None)
    >>> solve(["5", "5"], 3, value, row="r", equations=[eq]).candidates  # a lost value: 0 or 10
    ((0, 5), (0, 5), (5, 10))
    """
    known = known or {}
    n_tokens = len(tokens)
    runs = [len(t) > 1 and VALUE_RUN.fullmatch(t) is not None for t in tokens]
    ends = [_ends(t) if run else () for t, run in zip(tokens, runs, strict=True)]
    capacity = [0] * (n_tokens + 1)
    for i in range(n_tokens - 1, -1, -1):
        capacity[i] = capacity[i + 1] + (len(tokens[i]) if runs[i] else 1)

    prepared: list[_Term] = []
    by_column: list[list[int]] = [[] for _ in range(columns)]
    for eq in equations:
        ext: Number | None = 0
        terms: list[tuple[int, int]] = []
        for sign, keys in ((1, eq.lhs), (-1, eq.rhs)):
            for key in keys:
                if key[0] == row:
                    terms.append((key[1], sign))
                    continue
                outside = known.get(key)
                ext = None if outside is None or ext is None else ext + sign * outside
        if not terms or ext is None:
            continue
        for column in {c for c, _ in terms}:
            by_column[column].append(len(prepared))
        prepared.append(_Term(ext, tuple(terms)))

    state = [_FREE] * columns
    vals: list[Number | None] = [None] * columns
    printed: list[str | None] = [None] * columns
    split = [False] * columns
    confirmed = [True]
    seen_pieces: list[set[str | None]] = [set() for _ in range(columns)]
    seen_values: list[set[Number]] = [set() for _ in range(columns)]
    survivors = 0
    steps = 0
    row_equations = [eq for eq in equations if any(k[0] == row for k in (*eq.lhs, *eq.rhs))]

    def holds(column: int) -> bool:
        for index in by_column[column]:
            term = prepared[index]
            total = term.ext
            assert total is not None
            signs: set[int] = set()
            for col, sign in term.terms:
                st = state[col]
                if st == _VALUE:
                    total += sign * vals[col]  # type: ignore[operator]
                elif st == _OPAQUE or col in signed:
                    break
                else:
                    signs.add(sign)
            else:
                if not signs:
                    if total != 0:
                        return False
                elif len(signs) == 1 and -total * signs.pop() < 0:
                    return False
        return True

    def leaf() -> None:
        nonlocal survivors
        missing = frozenset((row, c) for c in range(columns) if state[c] == _GAP)

        def lookup(key: Key) -> Number | None:
            return vals[key[1]] if key[0] == row else known.get(key)

        ok, derived = check(row_equations, lookup, missing)
        if not ok:
            return
        survivors += 1
        if not confirmed[0] or any(split[c] for c in range(columns)):
            covered = {
                col for term in prepared if all(state[c] == _VALUE for c, _ in term.terms) for col, _ in term.terms
            }
            if any(split[c] and c not in covered for c in range(columns)):
                confirmed[0] = False
        for c in range(columns):
            seen_pieces[c].add(printed[c])
            found = vals[c] if state[c] == _VALUE else derived.get((row, c))
            if found is not None:
                seen_values[c].add(found)

    def place(column: int, piece: str, token: int, start: int, end: int, gaps: int) -> None:
        ok, number = value(column, piece)
        if not ok:
            return
        state[column] = _OPAQUE if number is None else _VALUE
        vals[column] = number
        printed[column] = piece
        done = end == len(tokens[token])
        split[column] = not (start == 0 and done)
        if holds(column):
            walk(column + 1, token + 1 if done else token, 0 if done else end, gaps)
        state[column] = _FREE
        vals[column] = None
        printed[column] = None
        split[column] = False

    def walk(column: int, token: int, start: int, gaps: int) -> None:
        nonlocal steps
        steps += 1
        if steps > budget:
            raise _Exhausted
        if column == columns:
            if token == n_tokens:
                leaf()
            return
        needed = columns - column - gaps
        room = capacity[token] - (start if token < n_tokens and runs[token] else 0)
        if needed < n_tokens - token or needed > room:
            return
        if gaps:
            state[column] = _GAP
            if holds(column):
                walk(column + 1, token, start, gaps - 1)
            state[column] = _FREE
        if token == n_tokens:
            return
        text = tokens[token]
        if not runs[token]:
            place(column, text, token, 0, len(text), gaps)
            return
        for end in ends[token][start]:
            place(column, text[start:end], token, start, end, gaps)

    fewest = max(0, columns - capacity[0])
    try:
        for gaps in range(fewest, columns - n_tokens + 1):
            walk(0, 0, 0, gaps)
            if survivors and confirmed[0]:
                break
    except _Exhausted:
        return Resolution((None,) * columns, ((),) * columns, 0, exhausted=True)
    pieces: list[str | None] = []
    candidates: list[tuple[Number, ...]] = []
    for c in range(columns):
        if survivors and len(seen_pieces[c]) == 1 and None not in seen_pieces[c]:
            pieces.append(next(iter(seen_pieces[c])))
            candidates.append(())
        else:
            pieces.append(None)
            candidates.append(tuple(sorted(seen_values[c])))
    return Resolution(tuple(pieces), tuple(candidates), survivors)
