"""The fuzzing campaign in the suite (issue 13): damaged real and rendered reports judged by the oracle.

Under truth-preserving damage (lines deleted, split or joined, truncation, page marks, blank lines, a character
deleted, width swaps, zero-width characters, a ``<tr>``/``<td>`` deleted) every number returned is the number
printed, or its cell is left without a value and a finding names it. Under truth-changing damage (a digit changed or
turned into a space, a line printed twice, two reports spliced) every cell read other than the truth that an identity
covers is named by a failed check. The examples are derandomised: the suite runs the same inputs every time;
``scripts/fuzz.py`` explores.
"""

from __future__ import annotations

import random
import re

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SHARED, shared_path
from gov_disclosure.errors import NotAReportError
from gov_disclosure.formats import AdapterError
from gov_disclosure.loader import read_text
from gov_disclosure.model.cells import CellKind
from gov_disclosure.model.keys import CellKey
from gov_disclosure.render import render_text
from gov_disclosure.testing import random_report
from gov_disclosure.testing.fuzz.hostile import HOSTILE
from gov_disclosure.testing.fuzz.minimise import minimise
from gov_disclosure.testing.fuzz.operators import (
    CHANGING,
    DELETE_TD,
    DELETE_TR,
    DIGIT_CHANGE,
    OPERATORS,
    PRESERVING,
    Operator,
    deletable,
    operators_for,
    splice_with,
)
from gov_disclosure.testing.fuzz.oracle import Expectation, Problem, is_crash, judge
from gov_disclosure.testing.fuzz.subjects import RENDERED_FORMS, Subject, fuzz_case, real_subjects, rendered_subject
from gov_disclosure.testing.grids import report_html
from gov_disclosure.testing.truth import truth_files

REAL = [path.name.removesuffix(".truth.json") for path in truth_files(SHARED / "real")] if SHARED.is_dir() else []
"""The real reports with truth files (their names), for parametrising; empty without ../shared."""

_PAGE_MARK = re.compile(r"^(?:- \d+ -|第 ?\d+ ?页(?: 共\d+页)?|—\d+—)$", re.MULTILINE)
"""The page marks :data:`PAGE_BREAK` inserts (not in the rendered texts)."""
_FULL_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def _digits(text: str) -> str:
    return "".join(re.findall(r"\d", text.translate(_FULL_DIGITS)))


@pytest.fixture(scope="module")
def subjects() -> list[Subject]:
    """Every real report under ../shared/real with its truth; a PDF as its pypdf and pdfplumber text."""
    return real_subjects(shared_path("real"))


def _named(subjects: list[Subject], name: str) -> list[Subject]:
    found = [s for s in subjects if s.name.split("[")[0] == name]
    assert found, name
    return found


# --- the campaign: real reports ------------------------------------------------------------------------------------


@pytest.mark.property
@pytest.mark.parametrize("name", REAL or ["(no ../shared)"])
@settings(max_examples=150, deadline=None, derandomize=True)
@given(data=st.data())
def test_truth_preserving_damage_of_a_real_report_is_exact_or_flagged(
    subjects: list[Subject], name: str, data: st.DataObject
) -> None:
    subject = data.draw(st.sampled_from(_named(subjects, name)))
    case = fuzz_case(subject, data.draw(st.randoms(use_true_random=False)), changes_truth=False)
    assert case.judgement.faults == (), case.mutations


@pytest.mark.property
@pytest.mark.parametrize("name", REAL or ["(no ../shared)"])
@settings(max_examples=50, deadline=None, derandomize=True)
@given(data=st.data())
def test_truth_changing_damage_of_a_real_report_is_caught_where_an_identity_covers_it(
    subjects: list[Subject], name: str, data: st.DataObject
) -> None:
    subject = data.draw(st.sampled_from(_named(subjects, name)))
    rng = data.draw(st.randoms(use_true_random=False))
    case = fuzz_case(subject, rng, changes_truth=True, donors=subjects)
    assert case.judgement.faults == (), case.mutations


# --- the campaign: rendered reports --------------------------------------------------------------------------------


@pytest.mark.property
@settings(max_examples=500, deadline=None, derandomize=True)
@given(rng=st.randoms(use_true_random=False), form=st.sampled_from(RENDERED_FORMS))
def test_truth_preserving_damage_of_a_rendered_report_is_exact_or_flagged(rng: random.Random, form: str) -> None:
    case = fuzz_case(rendered_subject(rng, form), rng, changes_truth=False)
    assert case.judgement.faults == (), case.mutations


@pytest.mark.property
@settings(max_examples=200, deadline=None, derandomize=True)
@given(rng=st.randoms(use_true_random=False), form=st.sampled_from(RENDERED_FORMS))
def test_truth_changing_damage_of_a_rendered_report_is_caught_where_an_identity_covers_it(
    rng: random.Random, form: str
) -> None:
    case = fuzz_case(rendered_subject(rng, form), rng, changes_truth=True)
    assert case.judgement.faults == (), case.mutations


# --- the operators -------------------------------------------------------------------------------------------------

_SAMPLE = render_text(random_report(random.Random(11), "2021"))
_PAGE = report_html(random_report(random.Random(11), "2021"))


@pytest.mark.parametrize("operator", OPERATORS, ids=lambda op: op.name)
def test_an_operator_is_deterministic_given_its_random_source(operator: Operator) -> None:
    text = _PAGE if operator in (DELETE_TR, DELETE_TD) else _SAMPLE
    first = operator.mutate(text, random.Random(5))
    again = operator.mutate(text, random.Random(5))
    assert first is not None
    assert first == again
    assert first[0] != text
    assert first[1].detail


@pytest.mark.property
@given(rng=st.randoms(use_true_random=False))
def test_truth_preserving_operators_keep_the_printed_digits_in_order(rng: random.Random) -> None:
    """No digit changes: the digits that remain are the original's, in order (deletions keep a subsequence)."""
    for operator in PRESERVING:
        text = _PAGE if operator in (DELETE_TR, DELETE_TD) else _SAMPLE
        done = operator.mutate(text, rng)
        assert done is not None
        before, after = _digits(text), _digits(_PAGE_MARK.sub("", done[0]))
        remaining = iter(before)
        assert all(digit in remaining for digit in after), operator.name
        if operator.name not in ("delete_line", "truncate", "delete_tr", "delete_td"):
            assert after == before, operator.name


def test_a_deleted_character_never_glues_or_cuts_a_number() -> None:
    text = "合计 1690.9913万元 3 4"
    allowed = [text[at] for at in range(len(text)) if deletable(text, at)]
    assert allowed == ["合", "计", " ", "元", " "]


def test_truth_changing_operators_change_the_printed_digits() -> None:
    text, mutation = DIGIT_CHANGE.mutate("规章 12 3", random.Random(1)) or ("", None)
    assert mutation is not None
    assert mutation.changes_truth
    assert _digits(text) != "123"
    assert len(text) == len("规章 12 3")
    assert all(op.changes_truth for op in CHANGING)
    assert not any(op.changes_truth for op in PRESERVING)


def test_operators_apply_to_the_forms_they_name() -> None:
    assert DELETE_TR not in operators_for("text")
    assert DELETE_TR in operators_for("html", changes_truth=False)
    assert operators_for("markdown", changes_truth=True) == CHANGING
    with pytest.raises(ValueError, match="unknown form"):
        operators_for("pdf")


def test_a_splice_keeps_the_start_of_one_text_and_the_end_of_another() -> None:
    text, mutation = splice_with("x\ny\nz", name="other").mutate("a\nb\nc", random.Random(0)) or ("", None)
    assert mutation is not None
    lines = text.split("\n")
    kept = [line for line in lines if line in "abc"]
    assert kept == ["a", "b", "c"][: len(kept)]
    assert set(lines) - set(kept) <= {"x", "y", "z"}
    assert "other" in mutation.detail


# --- the oracle ----------------------------------------------------------------------------------------------------


def _doctored(key: CellKey, value: int | None) -> tuple[Expectation, object]:
    report = random_report(random.Random(21), "2021")
    result = read_text(render_text(report))
    cell = result.report.cell(key)
    assert cell is not None
    if value is None:
        changed = attrs.evolve(cell, kind=CellKind.BLANK, value=None, raw="")
    else:
        changed = attrs.evolve(cell, kind=CellKind.NUMBER, value=value, raw=str(value))
    return Expectation.of_report(report), attrs.evolve(result, report=result.report.with_cell(key, changed))


def test_the_oracle_finds_a_wrong_number_and_an_uncaught_change() -> None:
    key = CellKey("table3", "granted", "natural_person")
    expectation, result = _doctored(key, 10**6)
    preserving = judge(expectation, result, changes_truth=False)  # type: ignore[arg-type]
    assert [(f.problem, f.key) for f in preserving.faults] == [(Problem.WRONG, key)]
    changing = judge(expectation, result, changes_truth=True)  # type: ignore[arg-type]
    assert [(f.problem, f.key) for f in changing.faults] == [(Problem.UNFLAGGED, key)]


def test_the_oracle_finds_a_silent_gap_and_an_invented_number() -> None:
    key = CellKey("table4", "review", "upheld")
    expectation, result = _doctored(key, None)
    faults = judge(expectation, result, changes_truth=False).faults  # type: ignore[arg-type]
    assert [(f.problem, f.key) for f in faults] == [(Problem.UNFLAGGED, key)]
    invented = Expectation(expectation.truth, expectation.blank | {key})
    _, result = _doctored(key, 3)
    faults = judge(invented, result, changes_truth=False).faults  # type: ignore[arg-type]
    assert (Problem.INVENTED, key) in [(f.problem, f.key) for f in faults]


def test_a_crash_is_an_exception_that_is_not_a_typed_error() -> None:
    assert is_crash(KeyError("x"))
    assert is_crash(RecursionError())
    assert not is_crash(NotAReportError("no report"))
    wrapped = AdapterError("html", "read() failed")
    wrapped.__cause__ = IndexError("list index out of range")
    assert is_crash(wrapped)
    assert not is_crash(AdapterError("mine", "returned garbage"))


def test_minimise_keeps_the_failure_and_every_number() -> None:
    text = "title\n规章 12 3\nnoise\n行政处罚 45 6\nend"
    small = minimise(text, lambda t: "45 6" in t and "处罚" in t, deletable=deletable)
    assert "45 6" in small
    assert "处罚" in small
    assert "noise" not in small


# --- hostile files -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["docx-billion-laughs", "docx-xxe", "json-deep", "text-many-digits"])
def test_hostile_files_are_small_and_named_for_their_reader(name: str) -> None:
    hostile = HOSTILE[name]()
    assert len(hostile.data) < 300_000
    assert hostile.name.startswith(name)
    assert hostile.name.rsplit(".", 1)[1] in ("docx", "json", "txt")
