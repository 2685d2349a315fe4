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
read whole with values lost; a split that no identity checks is only one reading among the others. Cutting a run
with no sign of glue (not split off a label) is an assumption like a lost value, one for each run cut: two runs cut
so that the identities happen to hold (``2103`` → ``2``, ``103``; ``4347`` → ``434``, ``7``) are no likelier than
two values lost.

The readings are searched depth first, column by column from the right (where the totals are, so that the parts
to their left are bounded by them), pruning a branch as soon as an identity is broken or can no longer hold
(counts are never negative). The search is bounded: when the bound is reached the row is left
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
    """For each start in *token*, the ends of the pieces that may be cut there (shortest first)."""
    return tuple(
        tuple(j for j in range(i + 1, len(token) + 1) if _PIECE.fullmatch(token, i, j)) for i in range(len(token))
    )


def _starts(token: str) -> tuple[tuple[int, ...], ...]:
    """For each end in *token* (0 … len), the starts of the pieces that may be cut there (shortest first)."""
    return tuple(tuple(i for i in range(j - 1, -1, -1) if _PIECE.fullmatch(token, i, j)) for j in range(len(token) + 1))


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


def solve(
    tokens: Sequence[str],
    columns: int,
    value: Callable[[int, str], tuple[bool, Number | None]],
    *,
    row: str = "",
    equations: Sequence[Equation] = (),
    known: Mapping[Key, Number | None] | None = None,
    signed: frozenset[int] = frozenset(),
    glued: frozenset[int] = frozenset(),
    budget: int = BUDGET,
) -> Resolution:
    """Place the printed *tokens* of row *row* in *columns* columns, as far as the identities make it certain.

    *value* reads a piece in a column: (acceptable, number or None for a not-applicable mark). *equations* are
    the identities involving the row; *known* holds the values of the table's other cells; columns in *signed*
    may hold negative numbers (the others may not, which prunes the search). *glued* are the indices of tokens known
    to be values glued together (split off a label): cutting them is expected, while cutting any other run is an
    assumption (lost separators), weighed like one lost value for each run cut.

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
    starts = [_starts(t) if run else () for t, run in zip(tokens, runs, strict=True)]
    before = [0] * (n_tokens + 1)
    """before[t]: most values the tokens in front of token t can hold."""
    chars = [0] * (n_tokens + 1)
    """chars[t]: characters printed in front of token t."""
    for i in range(n_tokens):
        before[i + 1] = before[i] + (len(tokens[i]) if runs[i] else 1)
        chars[i + 1] = chars[i] + len(tokens[i])
    digits = all(t.isdigit() for t in tokens)

    prepared: list[tuple[Number, tuple[tuple[int, int], ...]]] = []
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
        prepared.append((ext, tuple(terms)))
    checks = [tuple(prepared[i] for i in indices) for indices in by_column]

    state = [_FREE] * columns
    vals: list[Number] = [0] * columns
    printed: list[str | None] = [None] * columns
    split = [False] * columns
    confirmed = [True]
    seen_pieces: list[set[str | None]] = [set() for _ in range(columns)]
    seen_values: list[set[Number]] = [set() for _ in range(columns)]
    survivors = 0
    steps = 0
    memo: dict[tuple[int, str], tuple[bool, Number | None]] = {}

    def holds(column: int, rest: int) -> bool:
        """Whether the identities of *column* can still hold, with *rest* characters left for columns 0 … column-1.

        When the cells still open in an identity all lie on one side, their sum is known and none exceeds it; when
        they are all the columns left, the digits left must fit in them.
        """
        for total, terms in checks[column]:
            plus = minus = False
            free = 0
            for col, sign in terms:
                st = state[col]
                if st == _VALUE:
                    total += sign * vals[col]
                    continue
                if st == _OPAQUE or col in signed:
                    break
                if sign > 0:
                    plus = True
                else:
                    minus = True
                free += st == _FREE
            else:
                if plus and minus:
                    continue
                if plus:
                    total = -total
                if total < 0 or (not plus and not minus and total != 0):
                    return False
                if digits and free == column and rest > column * len(str(total)):
                    return False
        return True

    def leaf() -> None:
        """Count the reading if it satisfies the row's identities (:func:`check`, with the cells outside the row
        summed up front in *prepared*; an identity with an unknown cell outside the row is not there to check)."""
        nonlocal survivors
        derived: dict[int, Number] = {}
        for total, terms in prepared:
            unknown: tuple[int, int] | None = None
            for col, sign in terms:
                if state[col] == _VALUE:
                    total += sign * vals[col]
                    continue
                found = derived.get(col)
                if found is not None:
                    total += sign * found
                elif state[col] == _GAP and unknown is None:
                    unknown = (col, sign)
                else:
                    break  # two unknowns, or a printed non-number: not checked
            else:
                if unknown is None:
                    if total != 0:
                        return
                    continue
                col, sign = unknown
                found = -total * sign
                if found < 0 or (isinstance(found, Decimal) and found != found.to_integral_value()):
                    return
                derived[col] = found
        survivors += 1
        if any(split):
            covered = {col for _, terms in prepared if all(state[c] == _VALUE for c, _ in terms) for col, _ in terms}
            if any(split[c] and c not in covered for c in range(columns)):
                confirmed[0] = False
        for c in range(columns):
            seen_pieces[c].add(printed[c])
            found = vals[c] if state[c] == _VALUE else derived.get(c)
            if found is not None:
                seen_values[c].add(found)

    def place(column: int, token: int, begin: int, stop: int, cost: int) -> None:
        text = tokens[token]
        if stop == len(text) and begin and token not in glued:
            if not cost:
                return
            cost -= 1  # cutting a run with no sign of glue is one assumption, like a lost value
        piece = text[begin:stop]
        read = memo.get((column, piece))
        if read is None:
            read = memo[(column, piece)] = value(column, piece)
        ok, number = read
        if not ok:
            return
        state[column] = _OPAQUE if number is None else _VALUE
        vals[column] = 0 if number is None else number
        printed[column] = piece
        split[column] = not (begin == 0 and stop == len(text))
        if holds(column, chars[token] + begin):
            if begin:
                walk(column - 1, token, begin, cost)
            else:
                walk(column - 1, token - 1, len(tokens[token - 1]) if token else 0, cost)
        state[column] = _FREE
        printed[column] = None
        split[column] = False

    def walk(column: int, token: int, stop: int, cost: int) -> None:
        """Fill columns *column* … 0 from the printed text left of position *stop* in token *token*, making
        exactly *cost* more assumptions: each lost value is one, and so is each run cut with no sign of glue."""
        nonlocal steps
        steps += 1
        if steps > budget:
            raise _Exhausted
        if column < 0:
            if token < 0 and not cost:
                leaf()
            return
        room = before[token] + (stop if runs[token] else 1) if token >= 0 else 0
        if column < token or column + 1 - cost > room:
            return
        if cost:
            state[column] = _GAP
            if holds(column, chars[token] + stop if token >= 0 else 0):
                walk(column - 1, token, stop, cost - 1)
            state[column] = _FREE
        if token < 0:
            return
        if not runs[token]:
            place(column, token, 0, len(tokens[token]), cost)
            return
        for begin in starts[token][stop]:
            place(column, token, begin, stop, cost)

    fewest = max(0, columns - before[n_tokens])
    try:
        for cost in range(fewest, columns + 1):
            walk(columns - 1, n_tokens - 1, len(tokens[-1]) if tokens else 0, cost)
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
