"""Deciding where the values of a damaged row go, using the table's identities — or declining to.

"Never invent a number" (issue 4): when a row has fewer values than columns, or digits glued together
(``行政许可3960181``), every reading of the printed text is enumerated — each glued run split every way without
leading zeros, each missing value placed in every column — and kept only if it satisfies every identity that
can be evaluated (format-spec §5). A column whose value is the same printed piece in every surviving reading
is certain; any other column is left undecided, with the values it could take as candidates.

A missing value is treated as *unknown* when checking (it may have been a blank), so the reading that is true
is never rejected unless the printed numbers themselves break an identity. Readings with fewer missing values
are tried first: a glued run split so that every identity holds is preferred to a run read whole with values lost.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterator, Mapping, Sequence
from decimal import Decimal

from attrs import frozen

from gov_disclosure.model.cells import Number

__all__ = ["Equation", "Reading", "Resolution", "check", "count_splits", "readings", "resolve", "splits"]

Key = tuple[str, int]
"""A cell of the table being read: (row key, column index)."""

Reading = tuple[str | None, ...]
"""One reading of a row: the printed piece in each column, None where a value is missing."""


@frozen
class Equation:
    """``sum(lhs) == sum(rhs)`` over cells of one table."""

    lhs: tuple[Key, ...]
    rhs: tuple[Key, ...]


@functools.lru_cache(maxsize=4096)
def count_splits(digits: str, parts: int) -> int:
    """How many :func:`splits` there are, without listing them.

    >>> count_splits("898989", 3), count_splits("1" * 30, 7)
    (10, 475020)
    """
    if parts == 1:
        return 1 if digits and (digits == "0" or not digits.startswith("0")) else 0
    limit = 1 if digits.startswith("0") else len(digits) - parts + 1
    return sum(count_splits(digits[cut:], parts - 1) for cut in range(1, limit + 1))


@functools.lru_cache(maxsize=64)
def splits(digits: str, parts: int) -> tuple[tuple[str, ...], ...]:
    """Every way to cut *digits* into *parts* numbers, none with a leading zero.

    >>> splits("1000001", 7)
    (('1', '0', '0', '0', '0', '0', '1'),)
    >>> splits("898989", 3)[:3]
    (('8', '9', '8989'), ('8', '98', '989'), ('8', '989', '89'))
    >>> len(splits("898989", 3))
    10
    """
    if parts == 1:
        return ((digits,),) if digits and (digits == "0" or not digits.startswith("0")) else ()
    out: list[tuple[str, ...]] = []
    limit = 1 if digits.startswith("0") else len(digits) - parts + 1
    for cut in range(1, limit + 1):
        for rest in splits(digits[cut:], parts - 1):
            out.append((digits[:cut], *rest))
    return tuple(out)


class _TooMany(Exception):
    pass


def _token_options(token: str, splittable: bool, most: int, limit: int) -> list[tuple[str, ...]]:
    options: list[tuple[str, ...]] = [(token,)]
    if splittable:
        for parts in range(2, min(len(token), most) + 1):
            if count_splits(token, parts) > limit:
                raise _TooMany
            options.extend(splits(token, parts))
            if len(options) > limit:
                raise _TooMany
    return options


def readings(tokens: Sequence[str], columns: int, *, limit: int = 5000) -> list[Reading] | None:
    """Every reading of *tokens* (printed values in order) as *columns* cells; None when there are too many.

    Pure digit runs longer than one digit may be split; missing values may fall in any column.

    >>> readings(["1", "0", "1"], 4)
    [(None, '1', '0', '1'), ('1', None, '0', '1'), ('1', '0', None, '1'), ('1', '0', '1', None)]
    >>> readings(["10", "1"], 3)
    [(None, '10', '1'), ('10', None, '1'), ('10', '1', None), ('1', '0', '1')]
    """
    out: list[Reading] = []
    splittable = [t.isdigit() and len(t) > 1 for t in tokens]

    def pieces(index: int, room: int) -> Iterator[tuple[str, ...]]:
        if index == len(tokens):
            yield ()
            return
        left = len(tokens) - index - 1
        for option in _token_options(tokens[index], splittable[index], room - left, limit):
            if len(option) <= room - left:
                for rest in pieces(index + 1, room - len(option)):
                    yield option + rest

    try:
        for flat in pieces(0, columns):
            gaps = columns - len(flat)
            for where in itertools.combinations(range(columns), gaps):
                values = iter(flat)
                out.append(tuple(None if i in where else next(values) for i in range(columns)))
                if len(out) > limit:
                    return None
    except _TooMany:
        return None
    return out


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


def resolve(
    options: Sequence[Reading],
    number: Callable[[int, str], Number | None],
    consistent: Callable[[Mapping[int, Number | None], frozenset[int]], tuple[bool, dict[int, Number]]],
) -> Resolution:
    """Keep the readings *consistent* accepts; a column is certain when all of them print the same piece there.

    Readings are tried by number of missing values, fewest first; the first group with survivors is kept.

    *number* reads a piece in a column; *consistent* receives the known values by column and the missing
    columns, and returns whether the reading holds and the values derived for missing columns (candidates).

    >>> def consistent(values, missing):  # the last column is the sum of the others
    ...     known = [values[i] for i in range(3)]
    ...     if any(v is None for v in known):
    ...         return True, {}
    ...     return known[0] + known[1] == known[2], {}
    >>> r = resolve(readings(["123"], 3), lambda i, p: int(p), consistent)
    >>> r.pieces, r.readings
    (('1', '2', '3'), 1)
    """
    columns = len(options[0]) if options else 0
    survivors: list[Reading] = []
    derived: list[dict[int, Number]] = []
    for gaps in sorted({option.count(None) for option in options}):
        for option in options:
            if option.count(None) != gaps:
                continue
            values = {i: (None if piece is None else number(i, piece)) for i, piece in enumerate(option)}
            missing = frozenset(i for i, piece in enumerate(option) if piece is None)
            ok, found = consistent(values, missing)
            if ok:
                survivors.append(option)
                derived.append(found)
        if survivors:
            break
    pool = survivors or list(options)
    pieces: list[str | None] = []
    candidates: list[tuple[Number, ...]] = []
    for column in range(columns):
        printed = {option[column] for option in pool}
        if survivors and len(printed) == 1 and None not in printed:
            pieces.append(printed.pop())
            candidates.append(())
            continue
        pieces.append(None)
        seen: set[Number] = set()
        for index, option in enumerate(pool):
            piece = option[column]
            value = number(column, piece) if piece is not None else (derived[index] if survivors else {}).get(column)
            if value is not None:
                seen.add(value)
        candidates.append(tuple(sorted(seen)))
    return Resolution(tuple(pieces), tuple(candidates), len(survivors))
