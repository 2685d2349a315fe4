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
with no sign of glue (not split off a label) is an assumption like a lost value, one for each cut (each separator
it supposes lost): runs cut so that the identities happen to hold (``2103`` → ``2``, ``103``; ``10348`` → ``1``,
``0``, ``3``, ``4``, ``8``) are no likelier than as many values lost.

The readings are searched depth first, column by column from the right (where the totals are, so that the parts
to their left are bounded by them), pruning a branch as soon as an identity is broken or can no longer hold
(counts are never negative). The search is bounded: when the bound is reached the row is left
undecided, never guessed.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal

import attr  # attrs classes in the form mypyc compiles (docs: performance)
from mypy_extensions import mypyc_attr

from gov_disclosure.model.cells import Number
from gov_disclosure.model.identities import Identity
from gov_disclosure.model.keys import CellKey
from gov_disclosure.parsing.cells import MAX_NUMBER_DIGITS, UNITS
from gov_disclosure.parsing.lines import VALUE_RUN

__all__ = ["BUDGET", "Equation", "Key", "Resolution", "check", "equation", "readings", "solve", "splits"]

Key = tuple[str, int]
"""A cell of the table being read: (row key, column index)."""

BUDGET = 20_000
"""Most search steps spent on one row before it is left undecided."""

_LONGEST = MAX_NUMBER_DIGITS + 4
"""Most characters of one value cut out of a glued run: the digits a number may have, a sign, a decimal point and a
unit (``元``, ``万元``). Bounding the pieces keeps the search linear in the run's length."""

_PIECE = re.compile(rf"[+-]?(?:0|[1-9]\d*)(?:\.\d+)?(?:{'|'.join(UNITS)})?")
"""One value cut out of a glued run: optional sign, no leading zero, optional decimals and unit."""


@mypyc_attr(native_class=False)
@attr.s(auto_attribs=True, slots=True, frozen=True)
class Equation:
    """``sum(lhs) == sum(rhs)`` over cells of one table, as the resolver addresses them (:data:`Key`)."""

    lhs: tuple[Key, ...]
    rhs: tuple[Key, ...]


def equation(identity: Identity, where: Callable[[CellKey], Key]) -> Equation:
    """The resolver's view of an accounting *identity* (:mod:`gov_disclosure.model.identities`, defined once for
    the reader and validation): each of its cells placed by *where* in the table being read.

    >>> from gov_disclosure.model.formats import FORMAT_2021
    >>> from gov_disclosure.model.identities import identities_of
    >>> columns = ["upheld", "corrected", "other", "pending", "total"]
    >>> group_sum = equation(identities_of(FORMAT_2021)[-1], lambda key: ("r", columns.index(key.column)))
    >>> group_sum.lhs, group_sum.rhs
    ((('r', 4),), (('r', 0), ('r', 1), ('r', 2), ('r', 3)))
    """
    return Equation(tuple(map(where, identity.lhs)), tuple(map(where, identity.rhs)))


_Terms = tuple[tuple[int, int], ...]
"""Cells of an identity in the row being read, as (column, sign): +1 on the left, -1 on the right."""
_Step = tuple[int, int, int, int | None, int]
"""How an identity follows the placing of column *c* during the search (see :func:`_split`): (c, the sum of the signs
of its cells in c, the marks a lost value in c sets, the marks of the open cells left of c or None when it is not
tested there, how many of its cells lie left of c)."""
_Cell = tuple[int, int, int]
"""The cells of an identity in one column of the row: (the sum of their signs, how many there are, the first sign)."""
_PLUS, _MINUS, _BLOCKED, _NOT_NUMBER = 1, 2, 4, 8
"""Marks of an identity during the search: an open cell on its left side, on its right side, a cell that stops it
from being tested (a printed non-number, or a lost value in a signed column), a printed non-number."""


@functools.lru_cache(maxsize=4096)
def _split(
    equation: Equation, row: str, signed: frozenset[int]
) -> tuple[_Terms, tuple[tuple[Key, int], ...], tuple[_Step, ...], Mapping[int, _Cell]]:
    """*equation* seen from row *row*: its cells in the row, its other cells (key, sign), both in order, how it is
    tested by :func:`solve` as each of its columns is placed (:data:`_Step`, from its rightmost column to its
    leftmost), and its cells by column (:data:`_Cell`).

    The search fills columns from the right, so when column c is placed every column left of it is still open; which
    of the identity's cells those are is known beforehand. An identity with an open cell in a *signed* column left of
    c is not tested at c (its open cells are not bounded); nor is one with open cells on both sides (it always holds).
    Identities and layouts are few and long-lived, hence the cache.
    """
    terms: list[tuple[int, int]] = []
    outside: list[tuple[Key, int]] = []
    for sign, keys in ((1, equation.lhs), (-1, equation.rhs)):
        for key in keys:
            if key[0] == row:
                terms.append((key[1], sign))
            else:
                outside.append((key, sign))
    steps: list[_Step] = []
    cells: dict[int, _Cell] = {}
    for column in sorted({c for c, _ in terms}, reverse=True):
        signs = [s for c, s in terms if c == column]
        cells[column] = (sum(signs), len(signs), signs[0])
        marks = (_PLUS if 1 in signs else 0) | (_MINUS if -1 in signs else 0) | (_BLOCKED if column in signed else 0)
        left = [(c, s) for c, s in terms if c < column]
        plus = any(s > 0 for _, s in left)
        minus = any(s < 0 for _, s in left)
        if any(c in signed for c, _ in left) or (plus and minus):
            steps.append((column, sum(signs), marks, None, len(left)))
            continue
        steps.append((column, sum(signs), marks, (_PLUS if plus else 0) | (_MINUS if minus else 0), len(left)))
    return tuple(terms), tuple(outside), tuple(steps), cells


def _ends(token: str, free: frozenset[int] | None = None) -> tuple[tuple[int, ...], ...]:
    """For each start in *token*, the ends of the pieces that may be cut there (shortest first); with *free*, a
    token cut only at those offsets (:func:`solve`'s *breaks*): pieces start and end only there or at its ends."""
    size = len(token)
    return tuple(
        tuple(
            j
            for j in range(i + 1, min(size, i + _LONGEST) + 1)
            if (free is None or j == size or j in free) and _PIECE.fullmatch(token, i, j)
        )
        if free is None or i == 0 or i in free
        else ()
        for i in range(size)
    )


@functools.lru_cache(maxsize=1024)
def _starts(token: str) -> tuple[tuple[int, ...], ...]:
    """For each end in *token* (0 … len), the starts of the pieces that may be cut there (shortest first).

    Cached: a table's glued runs are searched again each time a resolution helps another row."""
    return tuple(
        tuple(i for i in range(j - 1, max(-1, j - _LONGEST - 1), -1) if _PIECE.fullmatch(token, i, j))
        for j in range(len(token) + 1)
    )


def splits(run: str, parts: int, free: frozenset[int] | None = None) -> tuple[tuple[str, ...], ...]:
    """Every way to cut a glued *run* into *parts* values (no leading zeros, signs only in front); with *free*, only
    at those offsets.

    >>> splits("1000001", 7)
    (('1', '0', '0', '0', '0', '0', '1'),)
    >>> splits("39-5181", 3)
    (('3', '9', '-5181'), ('39', '-5', '181'), ('39', '-51', '81'), ('39', '-518', '1'))
    >>> splits("121244", 3, frozenset({1, 2, 3}))
    (('1', '2', '1244'), ('1', '21', '244'), ('12', '1', '244'))
    """
    ends = _ends(run, free)
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


_Identity = tuple[Number, _Terms, tuple[_Step, ...], Mapping[int, _Cell]]
"""An identity that can be checked in a row: the sum of its cells outside the row, then :func:`_split`'s parts."""


def _prepare(
    equations: Sequence[Equation], row: str, known: Mapping[Key, Number | None] | None, signed: frozenset[int]
) -> list[_Identity]:
    """The identities of row *row* that can be checked: those whose cells outside the row are all *known*."""
    get = (known or {}).get
    identities: list[_Identity] = []
    for eq in equations:
        terms, outside, steps, cells = _split(eq, row, signed)
        if not terms:
            continue
        ext: Number = 0
        for key, sign in outside:
            found = get(key)
            if found is None:
                break  # a cell outside the row is unknown: the identity cannot be checked
            ext += sign * found
        else:
            identities.append((ext, terms, steps, cells))
    return identities


@mypyc_attr(native_class=False)
@attr.s(auto_attribs=True, slots=True, frozen=True)
class Resolution:
    """The outcome for one row: certain pieces by column (None = undecided) and candidates of undecided ones."""

    pieces: tuple[str | None, ...]
    candidates: tuple[tuple[Number, ...], ...]
    readings: int
    """How many readings satisfied the identities (0: none did; the row is left undecided)."""
    exhausted: bool = False
    """True when the search reached :data:`BUDGET` steps; every column is then undecided."""
    forced: bool = False
    """True when no reading satisfied the identities and the printed characters alone force the one reading given
    (:func:`_forced`): the row is read as printed, and the identities it breaks are the agency's."""


class _Exhausted(Exception):
    pass


_FREE, _VALUE, _GAP, _OPAQUE = 0, 1, 2, 3
"""Column states during the search: not yet placed, a number, a missing value, a printed non-number (``/``)."""


def _conclude(total: Number, unknown: int, sign: int, derived: dict[int, Number]) -> bool:
    """The end of checking one identity whose cells are summed in *total* but for at most one lost cell (the
    column *unknown*, -1 for none, taken with *sign*): False when the identity fails, else True, after recording
    in *derived* the value it gives the lost cell (never negative, never a fraction of a count)."""
    if unknown < 0:
        return total == 0
    found = -total * sign
    if found < 0 or (isinstance(found, Decimal) and found != found.to_integral_value()):
        return False
    derived[unknown] = found
    return True


def _derive(identities: Sequence[_Identity], state: Sequence[int], vals: Sequence[Number]) -> dict[int, Number] | None:
    """The values of lost cells that a complete reading implies, or None when the reading breaks an identity.

    This is :func:`check` with the cells outside the row summed up front (:func:`_prepare`): an identity with an unknown
    cell outside the row is not there to check.
    """
    VALUE, GAP = _VALUE, _GAP
    derived: dict[int, Number] = {}
    for total, terms, _, _ in identities:
        unknown, unknown_sign = -1, 0  # the column (and sign) of the one cell whose value the identity gives, if any
        for col, sign in terms:
            st = state[col]
            if st == VALUE:
                total += sign * vals[col]
            elif col in derived:
                total += sign * derived[col]
            elif st == GAP and unknown < 0:
                unknown, unknown_sign = col, sign
            else:
                break  # two unknowns, or a printed non-number: not checked
        else:
            if not _conclude(total, unknown, unknown_sign, derived):
                return None
    return derived


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
    breaks: Mapping[int, frozenset[int]] | None = None,
    budget: int = BUDGET,
    as_printed: bool = False,
) -> Resolution:
    """Place the printed *tokens* of row *row* in *columns* columns, as far as the identities make it certain.

    *value* reads a piece in a column: (acceptable, number or None for a not-applicable mark). *equations* are
    the identities involving the row; *known* holds the values of the table's other cells; columns in *signed*
    may hold negative numbers (the others may not, which prunes the search). *glued* are the indices of tokens known
    to be values glued together (split off a label): cutting them is expected, while cutting any other run is an
    assumption (lost separators), weighed like one lost value for each cut. *breaks* maps a token made of numbers
    printed on several lines and joined (a line break may have cut one of them) to the offsets of those line breaks
    in it: cutting it there is no assumption (the break was printed), cutting it anywhere else is one — the numbers
    were printed whole on their lines. *as_printed* says that the tokens are
    the row's own, all of them, in order (not completed by values from later lines): when no reading satisfies the
    identities, a reading that the runs' own characters force is then given (:attr:`Resolution.forced`).

    >>> def value(column, piece):
    ...     return True, int(piece)
    >>> eq = Equation(((("r", 2)),), (("r", 0), ("r", 1)))  # the last column is the sum of the others
    >>> r = solve(["123"], 3, value, row="r", equations=[eq], glued=frozenset({0}))  # a run split off a label
    >>> r.pieces, r.readings
    (('1', '2', '3'), 1)
    >>> solve(["123"], 3, value, row="r", equations=[eq]).pieces  # two separators lost, or two values: undecided
    (None, None, None)
    >>> solve(["10", "1"], 3, value, row="r").pieces  # without an identity the glued run stays undecided
    (None, None, None)
    >>> solve(["5", "5"], 3, value, row="r", equations=[eq]).candidates  # a lost value: 0 or 10
    ((0, 5), (0, 5), (5, 10))
    >>> total = Equation((("r", 4),), tuple(("r", c) for c in range(4)))
    >>> run = "121244153518"  # 121 / 244 / 153 / 518 printed on four lines and joined; a 0 lost
    >>> solve([run], 5, value, row="r", equations=[total], glued=frozenset({0})).pieces  # cut anywhere: adds up
    ('12', '12', '441', '53', '518')
    >>> solve([run], 5, value, row="r", equations=[total], breaks={0: frozenset({3, 6, 9})}).pieces
    (None, None, None, None, None)
    """
    if any(len(token) > columns * _LONGEST for token in tokens):
        return Resolution((None,) * columns, ((),) * columns, 0)  # more characters than the columns can hold
    identities = _prepare(equations, row, known, signed)
    if _singles(tokens, columns, budget):
        result = _solve_singles(tokens, columns, value, identities)
    else:
        free = [breaks.get(t, frozenset()) if breaks else frozenset() for t in range(len(tokens))]
        result = _search(tokens, columns, value, identities, signed, glued, free, budget)
    if result.readings or result.exhausted or not as_printed or len(glued) + len(breaks or ()) < len(tokens):
        return result
    forced = _forced(tokens, columns, value, glued, breaks)
    return result if forced is None else Resolution(forced, ((),) * columns, 0, forced=True)


def readings(
    tokens: Sequence[str],
    columns: int,
    value: Callable[[int, str], tuple[bool, Number | None]],
    glued: frozenset[int],
    limit: int,
    breaks: Mapping[int, frozenset[int]] | None = None,
) -> tuple[tuple[str, ...], ...] | None:
    """Every reading of *tokens* as *columns* printed values, every column filled, or None when there are more than
    *limit*.

    Only runs split off a label (*glued*) are cut (cutting another is an assumption no character shows), and runs
    joined across line breaks only where :func:`solve`'s *breaks* say; each piece must be one the column can hold
    (*value*). A lost value is an assumption too: readings with one are not listed.

    >>> def value(column, piece):
    ...     return True, int(piece)
    >>> readings(["0000000"], 7, value, frozenset({0}), 5)
    (('0', '0', '0', '0', '0', '0', '0'),)
    >>> readings(["10000010"], 7, value, frozenset({0}), 5)
    (('1', '0', '0', '0', '0', '0', '10'), ('10', '0', '0', '0', '0', '1', '0'))
    >>> readings(["0000000"], 7, value, frozenset(), 5)  # not split off a label: not known to be glued
    ()
    """
    cut: dict[int, frozenset[int] | None] = dict.fromkeys(glued)  # the tokens cut, and where (None: anywhere)
    cut.update(breaks or {})
    ways = [_ways(text, columns, cut[t]) if t in cut else _whole(text, columns) for t, text in enumerate(tokens)]
    total = [1] + [0] * columns  # total[k]: readings of the tokens so far as k values
    for counts in ways:
        total = [sum(total[k - n] * counts[n] for n in range(1, k + 1)) for k in range(columns + 1)]
    if total[columns] > limit:
        return None
    if not total[columns]:
        return ()
    # how many values the tokens from t on may still make: the pieces of a token are cut only where it can finish
    found: list[tuple[str, ...]] = []

    def walk(token: int, done: tuple[str, ...]) -> None:
        if token == len(tokens):
            if len(done) == columns:
                found.append(done)
            return
        text = tokens[token]
        for parts, count in enumerate(ways[token]):
            if not count or len(done) + parts > columns:
                continue
            for pieces in splits(text, parts, cut[token]) if token in cut else ((text,),):
                if all(value(len(done) + i, piece)[0] for i, piece in enumerate(pieces)):
                    walk(token + 1, (*done, *pieces))

    walk(0, ())
    return tuple(found)


@functools.lru_cache(maxsize=1024)
def _ways(run: str, most: int, free: frozenset[int] | None = None) -> tuple[int, ...]:
    """``out[k]``: how many ways *run* splits into k valid pieces (with *free*, only at those offsets), for k = 0 …
    *most*."""
    ends = _ends(run, free)
    size = len(run)
    # count[i][k]: ways to cut run[i:] into k pieces
    count = [[0] * (most + 1) for _ in range(size + 1)]
    count[size][0] = 1
    for start in range(size - 1, -1, -1):
        for end in ends[start]:
            for k in range(1, most + 1):
                count[start][k] += count[end][k - 1]
    return tuple(count[0])


def _whole(text: str, most: int) -> tuple[int, ...]:
    """The ways of a token that is not cut: one value, itself."""
    return tuple(1 if k == 1 else 0 for k in range(most + 1))


def _forced(
    tokens: Sequence[str],
    columns: int,
    value: Callable[[int, str], tuple[bool, Number | None]],
    glued: frozenset[int],
    breaks: Mapping[int, frozenset[int]] | None = None,
) -> tuple[str, ...] | None:
    """The one reading of *tokens* as *columns* printed values that their own characters force (:func:`readings`),
    or None.

    Used when no reading satisfies the identities (format-spec §5: the agency's own arithmetic is wrong): the rows
    whose split does not depend on the identities are still read as printed (``0000000`` for seven columns), and the
    broken identity is reported by validation.

    >>> def value(column, piece):
    ...     return True, int(piece)
    >>> _forced(["1000001"], 7, value, frozenset({0})), _forced(["10000010"], 7, value, frozenset({0}))
    (('1', '0', '0', '0', '0', '0', '1'), None)
    """
    found = readings(tokens, columns, value, glued, 1, breaks)
    return found[0] if found else None


def _singles(tokens: Sequence[str], columns: int, budget: int) -> bool:
    """Whether :func:`_solve_singles` gives the search's result for *tokens*: single characters, no more than the
    columns, and a search too small to reach *budget* (see :func:`_solve_singles`)."""
    n_tokens = len(tokens)
    return (
        n_tokens <= columns
        and (n_tokens + 1) << (columns + 2) <= budget
        and len("".join(tokens)) == n_tokens  # n tokens, n characters, none empty: one character each
        and "" not in tokens
    )


def _search(
    tokens: Sequence[str],
    columns: int,
    value: Callable[[int, str], tuple[bool, Number | None]],
    identities: Sequence[_Identity],
    signed: frozenset[int],
    glued: frozenset[int],
    free: Sequence[frozenset[int]],
    budget: int,
) -> Resolution:
    """The search of :func:`solve`, with its identities prepared (:func:`_prepare`).

    Its tests (``holds``) are made incrementally, as in :func:`_solve_singles`: each identity keeps the sum of its
    cells placed so far and its marks per column it has in the row, derived from the entry of its previous column
    (to the right), which the search has placed on the same path. The sums are exact, so adding in column order
    instead of the identity's order gives the same number (and the same decimal exponent, for the digits bound).
    """
    entries: list[list[tuple[list[Number], list[int], int, int, int, int | None, int]]] = [[] for _ in range(columns)]
    """For each column, the identities through it: (their sums, their marks, the index of the entry before this
    column's, then the column's :data:`_Step` but for the column)."""
    for ext, _, identity_steps, _ in identities:
        sums: list[Number] = [ext] * (len(identity_steps) + 1)
        marks = [0] * (len(identity_steps) + 1)
        for i, (column, coefficient, lost, test, left) in enumerate(identity_steps):
            entries[column].append((sums, marks, i, coefficient, lost, test, left))
    FREE, VALUE, GAP, OPAQUE, BLOCKED = _FREE, _VALUE, _GAP, _OPAQUE, _BLOCKED
    n_tokens = len(tokens)
    runs = [len(t) > 1 and VALUE_RUN.fullmatch(t) is not None for t in tokens]
    starts = [_starts(t) if run else () for t, run in zip(tokens, runs, strict=True)]
    before = [0] * (n_tokens + 1)
    """before[t]: most values the tokens in front of token t can hold."""
    chars = [0] * (n_tokens + 1)
    """chars[t]: characters printed in front of token t."""
    for i, text in enumerate(tokens):
        before[i + 1] = before[i] + (len(text) if runs[i] else 1)
        chars[i + 1] = chars[i] + len(text)
    digits = all(t.isdigit() for t in tokens)

    state = [FREE] * columns
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
        st = state[column]
        number = vals[column]
        for sums, marks, i, coefficient, lost, test, free in entries[column]:
            if st == VALUE:
                total = sums[i + 1] = sums[i] + coefficient * number
                mark = marks[i + 1] = marks[i]
            elif st == GAP:
                total = sums[i + 1] = sums[i]
                mark = marks[i + 1] = marks[i] | lost
            else:  # a printed non-number: the identity is not tested until the reading is complete
                sums[i + 1] = sums[i]
                marks[i + 1] = marks[i] | BLOCKED | _NOT_NUMBER
                continue
            if test is None or mark >= BLOCKED:
                continue
            mark |= test
            if mark == 3:  # open cells on both sides
                continue
            if mark == 1:
                total = -total
            if total < 0 or (mark == 0 and total != 0):
                return False
            if digits and free == column and rest > column * len(str(total)):
                return False
        return True

    def leaf() -> None:
        """Count the reading if it satisfies the row's identities (:func:`_derive`)."""
        nonlocal survivors
        derived = _derive(identities, state, vals)
        if derived is None:
            return
        survivors += 1
        if any(split):
            covered = {
                col for _, terms, _, _ in identities if all(state[c] == VALUE for c, _ in terms) for col, _ in terms
            }
            if any(split[c] and c not in covered for c in range(columns)):
                confirmed[0] = False
        for c in range(columns):
            seen_pieces[c].add(printed[c])
            found = vals[c] if state[c] == VALUE else derived.get(c)
            if found is not None:
                seen_values[c].add(found)

    def walk(column: int, token: int, stop: int, cost: int) -> None:
        """Fill columns *column* … 0 from the printed text left of position *stop* in token *token*, making
        exactly *cost* more assumptions: each lost value is one, and so is each cut in a run with no sign of glue."""
        nonlocal steps
        steps += 1
        if steps > budget:
            raise _Exhausted
        if column < 0:
            if token < 0 and not cost:
                leaf()
            return
        if token < 0:
            if cost > column:  # only lost values are left, one for each column
                state[column] = GAP
                if holds(column, 0):
                    walk(column - 1, token, stop, cost - 1)
                state[column] = FREE
            return
        run = runs[token]
        if column < token or column + 1 - cost > before[token] + (stop if run else 1):
            return
        if cost:
            state[column] = GAP
            if holds(column, chars[token] + stop):
                walk(column - 1, token, stop, cost - 1)
            state[column] = FREE
        text = tokens[token]
        whole = len(text)
        for begin in starts[token][stop] if run else (0,):
            spent = cost
            if begin and token not in glued and begin not in free[token]:
                if not spent:
                    continue
                spent -= 1  # each cut in a run with no sign of glue is one assumption (a lost separator)
            piece = text[begin:stop]
            read = memo.get((column, piece))
            if read is None:
                read = memo[(column, piece)] = value(column, piece)
            number = read[1]
            if not read[0]:
                continue
            state[column] = OPAQUE if number is None else VALUE
            vals[column] = 0 if number is None else number
            printed[column] = piece
            split[column] = begin != 0 or stop != whole
            if holds(column, chars[token] + begin):
                if begin:
                    walk(column - 1, token, begin, spent)
                else:
                    walk(column - 1, token - 1, len(tokens[token - 1]) if token else 0, spent)
            state[column] = FREE
            printed[column] = None
            split[column] = False

    fewest = max(0, columns - before[n_tokens])
    try:
        for cost in range(fewest, columns + 1):
            walk(columns - 1, n_tokens - 1, len(tokens[-1]) if tokens else 0, cost)
            if survivors and confirmed[0]:
                break
    except _Exhausted:
        return Resolution((None,) * columns, ((),) * columns, 0, exhausted=True)
    return _resolution(survivors, seen_pieces, seen_values)


def _resolution(
    survivors: int, seen_pieces: Sequence[set[str | None]], seen_values: Sequence[set[Number]]
) -> Resolution:
    """The columns that one printed piece fills in every surviving reading; the candidates of the others."""
    pieces: list[str | None] = []
    candidates: list[tuple[Number, ...]] = []
    for seen, values in zip(seen_pieces, seen_values, strict=True):
        if survivors and len(seen) == 1 and None not in seen:
            pieces.append(next(iter(seen)))
            candidates.append(())
        else:
            pieces.append(None)
            candidates.append(tuple(sorted(values)))
    return Resolution(tuple(pieces), tuple(candidates), survivors)


def _solve_singles(
    tokens: Sequence[str],
    columns: int,
    value: Callable[[int, str], tuple[bool, Number | None]],
    identities: Sequence[_Identity],
) -> Resolution:
    """:func:`solve` for a row whose tokens are single characters (``0 0 1 0 0 1`` for seven columns), where it is
    a choice of the columns that lost their value.

    The readings counted are the search's, found in the same order with less bookkeeping; they are the same because

    - no token can be cut, so every reading places each token whole, in order, and leaves exactly
      ``columns - len(tokens)`` gaps: readings with more lost values leave tokens over and are never counted, and no
      reading has a cut to confirm, so only that one number of gaps is searched;
    - the search's other bounds only drop branches that hold no reading, and of the search's tests (``holds``) only
      the bound on the digits left can never bite (with one character per token, the tokens left never outnumber the
      columns left), so the remaining tests, made here the same way, prune exactly the same readings;
    - the caller sends such a row here only when the search could not reach its step budget: with no cuts each
      step chooses between a token and a gap, so a search of ``c`` columns takes fewer than ``2 ** (c + 1)`` steps
      for each number of gaps it tries.

    The tests are made incrementally: for each identity, the sum of its cells placed so far and its marks
    (:data:`_PLUS`, :data:`_MINUS`, :data:`_BLOCKED`, :data:`_NOT_NUMBER`) are kept per column it has in the row,
    each derived from the entry of its previous column (to the right), which the search has placed on the same path.
    A complete reading is then checked as :func:`_derive` checks it, from those sums and its lost values
    (:func:`_settle`). The sums are exact (integers, or decimals far from their precision), so adding in column order
    instead of the identity's order changes nothing.
    """
    BLOCKED, NOT_NUMBER = _BLOCKED, _NOT_NUMBER
    lost_values = columns - len(tokens)
    entries: list[list[tuple[list[Number], list[int], int, int, int, int | None]]] = [[] for _ in range(columns)]
    """For each column, the identities through it: (their sums, their marks, the index of the entry before this
    column's, the sum of the signs of the column's cells, the marks a lost value sets, the marks of the open cells
    left of the column or None when the identity is not tested there)."""
    finals: list[tuple[list[Number], list[int], int, Mapping[int, _Cell]]] = []
    """Each identity's sums and marks, the index of its last entry (complete once every column is placed), its cells."""
    for ext, _, steps, cells in identities:
        sums: list[Number] = [ext] * (len(steps) + 1)
        marks = [0] * (len(steps) + 1)
        for i, (column, coefficient, lost, test, _) in enumerate(steps):
            entries[column].append((sums, marks, i, coefficient, lost, test))
        finals.append((sums, marks, len(steps), cells))
    memo: dict[tuple[int, str], tuple[bool, Number | None]] = {}
    reads: list[list[tuple[bool, Number | None, str] | None]] = []
    """For each column and number of lost values still to place: how the token it then takes reads, and the token
    (None: no token is left for it). Every value is read up front, once per column and character."""
    for c in range(columns):
        here: list[tuple[bool, Number | None, str] | None] = []
        for gaps in range(lost_values + 1):
            if not 0 <= c - gaps < len(tokens):  # never reached: no token left, or tokens left over
                here.append(None)
                continue
            piece = tokens[c - gaps]
            read = memo.get((c, piece))
            if read is None:
                read = memo[(c, piece)] = value(c, piece)
            here.append((*read, piece))
        reads.append(here)
    printed: list[str | None] = [None] * columns
    shown: list[Number | None] = [None] * columns
    """The value of each column as a reading shows it: a number, or None (lost or not a number)."""
    lost_columns: list[int] = []
    found_pieces: list[tuple[str | None, ...]] = []
    found_values: list[tuple[Number | None, ...]] = []

    def fill(column: int, gaps: int) -> None:
        """Fill columns *column* … 0 with tokens 0 … column - gaps and *gaps* lost values, columns right of *column*
        being placed. Placing a token continues the loop and a lost value recurses, so that a call is made only for
        each lost value; a column's tests look at no column left of it, so none is reset on the way back.

        An identity tested at a column fails when its open cells all lie on one side and the known sum leaves them a
        negative total, or when none is open and the sum is not zero.
        """
        for c in range(column, -1, -1):
            if gaps:
                printed[c] = shown[c] = None
                for sums, marks, i, _, lost, test in entries[c]:
                    total = sums[i + 1] = sums[i]
                    mark = marks[i + 1] = marks[i] | lost
                    if test is not None and mark < BLOCKED:
                        mark |= test
                        if mark != 3 and (total > 0 if mark == 1 else total < 0 if mark == 2 else total != 0):
                            break
                else:
                    lost_columns.append(c)
                    fill(c - 1, gaps - 1)
                    lost_columns.pop()
            read = reads[c][gaps]
            if read is None:
                return
            ok, number, piece = read
            if not ok:
                return
            if number is None:
                for sums, marks, i, _, _, _ in entries[c]:
                    sums[i + 1] = sums[i]
                    marks[i + 1] = marks[i] | BLOCKED | NOT_NUMBER
            else:
                for sums, marks, i, coefficient, _, test in entries[c]:
                    total = sums[i + 1] = sums[i] + coefficient * number
                    mark = marks[i + 1] = marks[i]
                    if test is not None and mark < BLOCKED:
                        mark |= test
                        if mark != 3 and (total > 0 if mark == 1 else total < 0 if mark == 2 else total != 0):
                            return
            shown[c] = number
            printed[c] = piece
        derived = _settle(finals, lost_columns)
        if derived is None:
            return
        found_pieces.append(tuple(printed))
        if derived:
            reading = shown.copy()
            for c, number in derived.items():
                reading[c] = number
            found_values.append(tuple(reading))
        else:
            found_values.append(tuple(shown))

    fill(columns - 1, lost_values)
    if not found_pieces:
        return Resolution((None,) * columns, ((),) * columns, 0)
    pieces: list[str | None] = []
    candidates: list[tuple[Number, ...]] = []
    readings = len(found_pieces)
    for printed_here, shown_here in zip(zip(*found_pieces, strict=True), zip(*found_values, strict=True), strict=True):
        first = printed_here[0]
        if first is not None and printed_here.count(first) == readings:
            pieces.append(first)
            candidates.append(())
        else:
            values = set(shown_here)  # the first of equal numbers (0 and Decimal 0) is kept, as the search keeps it
            values.discard(None)
            pieces.append(None)
            candidates.append(tuple(sorted(values)))
    return Resolution(tuple(pieces), tuple(candidates), readings)


def _settle(
    finals: Sequence[tuple[list[Number], list[int], int, Mapping[int, _Cell]]], lost_columns: Sequence[int]
) -> dict[int, Number] | None:
    """:func:`_derive` for a complete reading of :func:`_solve_singles`, from each identity's sum of its printed cells
    and marks, and the columns that lost their value.

    An identity without marks has neither lost values nor printed non-numbers: its test at its leftmost column has
    already found its sum zero. One with a printed non-number is not checked. In the others, the lost cells are those
    in *lost_columns*: each one an identity before it gave a value to is added, and the one left (if only one is) gets
    its value from the identity, as in :func:`_derive` (the order of the cells only changes the order of the sum).
    """
    NOT_NUMBER = _NOT_NUMBER
    derived: dict[int, Number] = {}
    for sums, marks, last, cells in finals:
        mark = marks[last]
        if not mark or mark & NOT_NUMBER:
            continue
        total = sums[last]
        unknown, unknown_sign = -1, 0  # the column (and sign) of the one cell whose value the identity gives, if any
        for column in lost_columns:
            cell = cells.get(column)
            if cell is None:
                continue
            coefficient, count, sign = cell
            if column in derived:
                total += coefficient * derived[column]
            elif unknown < 0 and count == 1:
                unknown, unknown_sign = column, sign
            else:
                break  # two unknowns: not checked
        else:
            if not _conclude(total, unknown, unknown_sign, derived):
                return None
    return derived
