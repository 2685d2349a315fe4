"""Unit tests of gov_disclosure.parsing.resolve: placing damaged rows by the identities, or declining to.

The pruned search is checked against a plain enumeration of every reading on small rows (Hypothesis), so that the
pruning never drops a reading the identities allow.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gov_disclosure.model.cells import Number
from gov_disclosure.model.formats import format_spec
from gov_disclosure.model.keys import CellKey, cell_key
from gov_disclosure.model.layout import TABLE3, TABLE4, TableSpec
from gov_disclosure.parsing.resolve import (
    BUDGET,
    Equation,
    Key,
    _prepare,
    _search,
    _singles,
    check,
    solve,
    splits,
)
from gov_disclosure.parsing.tables import _t4_flat_equations, table3_equations, table4_equations
from gov_disclosure.validation import identities_for

ROW = "r"


def _value(column: int, piece: str) -> tuple[bool, Number | None]:
    if piece == "/":
        return True, None
    number = int(piece)
    return number >= 0, number


def _total_last(columns: int) -> tuple[Equation, ...]:
    """The last column is the sum of the others (表三's 总计, 表四's 总计)."""
    return (Equation(((ROW, columns - 1),), tuple((ROW, c) for c in range(columns - 1))),)


def _brute(
    tokens: Sequence[str], columns: int, equations: Sequence[Equation], glued: frozenset[int] = frozenset()
) -> dict[int, set[str | None]]:
    """Pieces seen per column over the readings the identities allow, by the definition in the module docstring:
    fewest assumptions first (each lost value; each cut in a run that is not known to be glued), more only while a
    split is not checked by a complete identity."""
    choices = [
        [(cut, parts > 1) for parts in range(1, len(token) + 1) for cut in splits(token, parts)]
        if len(token) > 1
        else [((token,), False)]
        for token in tokens
    ]
    by_gaps: dict[int, list[tuple[tuple[str | None, ...], frozenset[int]]]] = {}
    for combo in itertools.product(*choices):
        pieces = [(piece, was_split) for cut, was_split in combo for piece in cut]
        gaps = columns - len(pieces)
        if gaps < 0:
            continue
        cost = gaps + sum(len(cut) - 1 for i, (cut, _) in enumerate(combo) if i not in glued)
        for where in itertools.combinations(range(columns), gaps):
            placed = iter(pieces)
            reading: list[str | None] = []
            split_at: set[int] = set()
            for c in range(columns):
                if c in where:
                    reading.append(None)
                    continue
                piece, was_split = next(placed)
                reading.append(piece)
                if was_split:
                    split_at.add(c)
            by_gaps.setdefault(cost, []).append((tuple(reading), frozenset(split_at)))
    seen: dict[int, set[str | None]] = {c: set() for c in range(columns)}
    for gaps in sorted(by_gaps):
        confirmed = True
        found = False
        for option, cuts in by_gaps[gaps]:
            values = {(ROW, c): (None if p is None else int(p)) for c, p in enumerate(option)}
            missing = frozenset((ROW, c) for c, p in enumerate(option) if p is None)
            ok, _ = check(equations, values.get, missing)
            if not ok:
                continue
            found = True
            complete = {
                k[1]
                for eq in equations
                if all(values[k] is not None for k in (*eq.lhs, *eq.rhs))
                for k in (*eq.lhs, *eq.rhs)
            }
            if cuts - complete:
                confirmed = False
            for c, p in enumerate(option):
                seen[c].add(p)
        if found and confirmed:
            break
    return seen


@given(
    st.lists(st.integers(0, 30), min_size=2, max_size=5),
    st.data(),
)
def test_search_agrees_with_plain_enumeration(parts: list[int], data: st.DataObject) -> None:
    """For a row whose last column is the sum of the others, printed with some values glued and some lost, the
    certain columns of the pruned search are exactly those one piece fills in every reading a plain enumeration
    allows; when the printed text needs no assumption (only known glue), every certain column is the printed value."""
    row = [*map(str, parts), str(sum(parts))]
    columns = len(row)
    tokens: list[str] = []
    glued: set[int] = set()
    assumed = False
    for text in row:
        action = data.draw(st.sampled_from(("keep", "glue", "drop")))
        if action == "glue" and tokens:
            tokens[-1] += text
            if data.draw(st.booleans()):  # the glue is known (the run was split off a label)
                glued.add(len(tokens) - 1)
            else:
                assumed = True
        elif action == "drop" and tokens:
            assumed = True
        else:
            tokens.append(text)
    equations = _total_last(columns)
    result = solve(tokens, columns, _value, row=ROW, equations=equations, glued=frozenset(glued))
    if result.exhausted:  # past the search bound nothing is decided
        assert result.pieces == (None,) * columns
        return
    seen = _brute(tokens, columns, equations, frozenset(glued))
    expected = tuple(next(iter(s)) if len(s) == 1 and None not in s else None for s in seen.values())
    if not any(seen.values()):
        expected = (None,) * columns
    assert result.pieces == expected
    if not assumed:  # the true reading needs no assumption (only known glue): whatever is certain is true
        for column, piece in enumerate(result.pieces):
            assert piece is None or piece == row[column]


def test_glued_row_split_by_its_total() -> None:
    """``0302027`` split off a label, for seven columns whose last is the sum of the others, has one reading."""
    result = solve(["0302027"], 7, _value, row=ROW, equations=_total_last(7), glued=frozenset({0}))
    assert result.pieces == ("0", "3", "0", "2", "0", "2", "7")


def test_each_cut_without_glue_is_one_assumption() -> None:
    """Cutting a run with no sign of glue costs one assumption per separator it supposes lost: ``10348`` cut into
    five values (four separators lost) is no likelier than five values lost where the text was cut short (fuzz
    seed 2029, #62218: 表四's ``…4003\t10348\t0\t0\t473\t0\t473`` read as 1, 0, 3, 4, 8 in the second row)."""
    tokens = ["2475", "0", "3870", "4003", "10348", "0", "0", "473", "0", "473"]
    sums = tuple(Equation(((ROW, r + 4),), tuple((ROW, c) for c in range(r, r + 4))) for r in (0, 5, 10))
    result = solve(tokens, 15, _value, row=ROW, equations=sums)
    assert result.pieces[5:10] != ("1", "0", "3", "4", "8")
    for column, piece in enumerate(result.pieces):
        assert piece is None or piece == tokens[column]
    lone = solve(["0302027"], 7, _value, row=ROW, equations=_total_last(7))  # six separators or six values lost
    assert lone.pieces == (None,) * 7


def test_known_cells_of_other_rows_decide() -> None:
    """A column identity with the other rows known fixes each value of a glued row."""
    equations = tuple(Equation((("sum", c),), (("a", c), (ROW, c))) for c in range(3))
    known = {("sum", 0): 12, ("sum", 1): 5, ("sum", 2): 30, ("a", 0): 1, ("a", 1): 5, ("a", 2): 0}
    result = solve(["11030"], 3, _value, row=ROW, equations=equations, known=known)
    assert result.pieces == ("11", "0", "30")


def test_two_readings_that_both_hold_are_not_chosen_between() -> None:
    """``2 2 4`` glued has one reading; ``1 1`` for three columns with a value lost has three (the lost value 0, 0
    or 2), all of which hold — the identities must not pick one, so every column stays open with its candidates."""
    glued = frozenset({0})
    assert solve(["224"], 3, _value, row=ROW, equations=_total_last(3), glued=glued).pieces == ("2", "2", "4")
    ambiguous = solve(["1", "1"], 3, _value, row=ROW, equations=_total_last(3))
    assert ambiguous.pieces == (None, None, None)
    assert ambiguous.candidates == ((0, 1), (0, 1), (1, 2))


def test_signed_column_and_sign_boundaries() -> None:
    """A sign starts a value; only the signed column may hold it."""

    def value(column: int, piece: str) -> tuple[bool, Number | None]:
        number = int(piece)
        return column == 1 or number >= 0, number

    result = solve(["39-5181"], 3, value, row=ROW, signed=frozenset({1}))
    assert result.pieces == ("39", None, None)
    assert set(result.candidates[1]) == {-5181, -518, -51, -5}


def test_bound_reached_flags_every_column() -> None:
    """Past the search bound nothing is guessed: every column is undecided."""
    result = solve(["1234567890" * 4], 15, _value, row=ROW, budget=500)
    assert result.exhausted
    assert result.pieces == (None,) * 15


def test_not_applicable_mark_takes_its_column() -> None:
    """A printed ``/`` fills a column but takes no part in an identity."""
    result = solve(["/", "0", "0"], 3, _value, row=ROW, equations=_total_last(3))
    assert result.pieces == ("/", "0", "0")


def test_a_cut_that_holds_does_not_hide_a_lost_value() -> None:
    """``0 0 0 0 0 55`` for seven columns (a PDF reader dropped ``55`` from 商业企业): cutting ``55`` into 5 and 5
    satisfies the row's total, but so does the lost value. Such a cut, with no sign of glue, used to win because it
    needed no lost value; now both readings count, and the columns they disagree on stay open."""
    result = solve(["0", "0", "0", "0", "0", "55"], 7, _value, row=ROW, equations=_total_last(7))
    assert result.pieces[5:] == (None, None)
    assert 55 in result.candidates[1]
    glued = solve(["0", "0", "0", "0", "0", "55"], 7, _value, row=ROW, equations=_total_last(7), glued=frozenset({5}))
    assert glued.pieces == ("0", "0", "0", "0", "0", "5", "5")  # split off a label: the glue is known


def test_a_cut_that_holds_does_not_hide_two_lost_values() -> None:
    """``2103 527 3030 4347 4103`` for seven columns (a PDF wrap lost ``3096`` and ``17206``): cutting ``2103`` and
    ``4347`` gives 2, 103, 527, 3030, 434, 7 summing to 4103. The two cuts were weighed as one assumption against two
    lost values, and that reading was returned as exact; each run cut with no sign of glue is now one assumption, so
    both readings count and the columns stay open."""
    result = solve(["2103", "527", "3030", "4347", "4103"], 7, _value, row=ROW, equations=_total_last(7))
    assert result.pieces == (None,) * 7
    assert 2103 in result.candidates[0]


@st.composite
def _single_char_rows(draw: st.DrawFn) -> tuple[list[str], int, tuple[Equation, ...], dict[Key, Number | None]]:
    """A row of single-character tokens (digits, ``/``) for up to eight columns, with random identities over the row
    and two other rows whose cells are known, unknown or absent."""
    columns = draw(st.integers(1, 8))
    tokens = draw(st.lists(st.sampled_from("0123456789/"), max_size=columns))
    cells = [(ROW, c) for c in range(columns)] + [(other, c) for other in ("x", "y") for c in range(columns)]
    side = st.lists(st.sampled_from(cells), min_size=1, max_size=4)
    total = st.tuples(
        st.sampled_from(cells[:columns]).map(lambda key: [key]), st.lists(st.sampled_from(cells), min_size=2)
    )
    equations = tuple(
        Equation(tuple(lhs), tuple(rhs)) for lhs, rhs in draw(st.lists(st.tuples(side, side) | total, max_size=4))
    )
    known: dict[Key, Number | None] = {
        key: draw(st.none() | st.integers(0, 20)) for key in cells if key[0] != ROW and draw(st.booleans())
    }
    return tokens, columns, equations, known


@settings(max_examples=300)
@given(
    _single_char_rows(),
    st.frozensets(st.integers(0, 7)),
    st.frozensets(st.tuples(st.integers(0, 7), st.sampled_from("0123456789"))),
)
def test_single_characters_are_placed_as_the_search_places_them(
    row: tuple[list[str], int, tuple[Equation, ...], dict[Key, Number | None]],
    signed: frozenset[int],
    refused: frozenset[tuple[int, str]],
) -> None:
    """A row of single characters is placed by a shortcut (:func:`_solve_singles`); its result — certain pieces,
    candidates, number of readings — is the full search's, whatever the identities, signed columns, known cells,
    ``/`` marks and pieces the columns refuse."""
    tokens, columns, equations, known = row

    def value(column: int, piece: str) -> tuple[bool, Number | None]:
        if (column, piece) in refused:
            return False, None
        return _value(column, piece)

    signed = frozenset(c for c in signed if c < columns)
    assert _singles(tokens, columns, BUDGET)
    identities = _prepare(equations, ROW, known, signed)
    searched = _search(tokens, columns, value, identities, signed, frozenset(), [frozenset()] * len(tokens), BUDGET)
    assert solve(tokens, columns, value, row=ROW, equations=equations, known=known, signed=signed) == searched


def _plain_table3_equations(rows: Sequence[str]) -> list[Equation]:
    """format-spec §5.1 rules 1–3 over (row key, column index), written out from the spec."""
    results = list(rows[2 : list(rows).index("total_processed")])
    out = [Equation(((rows[0], c), (rows[1], c)), (("total_processed", c), ("carried_forward", c))) for c in range(7)]
    out += [Equation((("total_processed", c),), tuple((r, c) for r in results)) for c in range(7)]
    out += [Equation(((r, 6),), tuple((r, c) for c in range(6))) for r in rows]
    return out


@pytest.mark.parametrize("version", ["2019", "2021"])
def test_the_resolvers_equations_are_the_validation_identities(version: str) -> None:
    """The reader's equations of 表三 and 表四 are the identities validation checks, cell for cell and in order
    (both derived from model.identities), and they say what format-spec §5.1–5.2 says."""
    rows = [r.key for r in format_spec(version).rows(TABLE3)]
    identities = identities_for(version)

    def cells(equation: Equation, where: Callable[[Key], CellKey]) -> tuple[tuple[CellKey, ...], ...]:
        return tuple(map(where, equation.lhs)), tuple(map(where, equation.rhs))

    def in_row(table: TableSpec) -> Callable[[Key], CellKey]:
        return lambda key: cell_key(table.key, key[0], table.row(key[0]).columns[key[1]].key)

    def in_line(key: Key) -> CellKey:
        row, column = divmod(key[1], 5)
        return cell_key("table4", TABLE4.rows[row].key, TABLE4.rows[row].columns[column].key)

    t3 = [(i.lhs, i.rhs) for i in identities if i.table == "table3"]
    t4 = [(i.lhs, i.rhs) for i in identities if i.table == "table4"]
    assert [cells(e, in_row(TABLE3)) for e in table3_equations(version)] == t3
    assert list(table3_equations(version)) == _plain_table3_equations(rows)
    assert [cells(e, in_row(TABLE4)) for e in table4_equations()] == t4
    assert [cells(e, in_line) for e in _t4_flat_equations()] == t4
    assert list(_t4_flat_equations()) == [
        Equation((("table4", g * 5 + 4),), tuple(("table4", g * 5 + c) for c in range(4))) for g in range(3)
    ]
