"""Every real report in ``../shared/real`` read in every form, every cell checked against its truth file.

The truth files were read cell by cell by a person (:mod:`gov_disclosure.testing.truth`); the forms are the file
itself and, for a PDF, its text by pypdf, pdfplumber (plain and ``layout=True``) and pdfminer.six
(:mod:`gov_disclosure.testing.forms`). The promise is checked for every form and never marked as expected to
fail: no cell wrong, no number for a cell the text cannot fix, every cell left without a number flagged by a
finding. Reading every decidable cell, and reporting the agency's own errors, is what issue 12 is about: the forms
not read fully yet are ``xfail(strict=True)`` case by case, so each test flips when its reader lands.
"""

from __future__ import annotations

import functools
import random
from decimal import Decimal
from pathlib import Path

import pytest

import gov_disclosure as gd
from conftest import SHARED, shared_path
from gov_disclosure.model import Cell
from gov_disclosure.testing import random_report
from gov_disclosure.testing.forms import ReportForm, report_forms
from gov_disclosure.testing.truth import Comparison, Tally, Truth, Verdict, compare, truth_files

REAL = SHARED / "real"

NOT_READ_FULLY: dict[str, str] = {}
"""The forms whose decidable cells are not all read today, and why (measured by ``benchmarks/fidelity.py``)."""


def _cases() -> list[tuple[Path, ReportForm | None]]:
    """``(truth file, form)`` for every form of every real report; one empty case when ``../shared`` is absent."""
    if not REAL.is_dir():
        return [(REAL, None)]
    cases: list[tuple[Path, ReportForm | None]] = []
    for path in truth_files(REAL):
        report = Truth.load(path).report_path()
        assert report is not None, f"{path}: no report beside it"
        cases.extend((path, form) for form in report_forms(report))
    return cases


def _param(path: Path, form: ReportForm | None, *, expected_to_fail: bool) -> object:
    name = str(form) if form is not None else "shared-absent"
    reason = NOT_READ_FULLY.get(name)
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if expected_to_fail and reason else []
    return pytest.param(path, form, id=name, marks=marks)


CASES = _cases()
PROMISE = [_param(path, form, expected_to_fail=False) for path, form in CASES]
FIDELITY = [_param(path, form, expected_to_fail=True) for path, form in CASES]
SOURCE_ERRORS = [
    _param(path, form, expected_to_fail=True)
    for path, form in CASES
    if form is None or any("表" in e or "table" in e for e in Truth.load(path).source_errors)
]


@functools.cache
def _compared(truth_path: Path, form: ReportForm) -> Comparison:
    """The form read once and compared with its truth file (keyed by path and form name, both values)."""
    result = form.read()
    return compare(Truth.load(truth_path), result.report, result.findings)


def _comparison(truth_path: Path, form: ReportForm | None) -> Comparison:
    if form is None:
        shared_path("real")  # skips, or fails under CI=true
        raise AssertionError("unreachable")
    return _compared(truth_path, form)


@pytest.mark.parametrize(("truth_path", "form"), PROMISE)
def test_no_cell_is_wrong_or_guessed(truth_path: Path, form: ReportForm | None) -> None:
    """A number returned is the number printed; no number for a cell the text cannot fix."""
    comparison = _comparison(truth_path, form)
    assert comparison.having(Verdict.WRONG) == ()
    assert comparison.having(Verdict.GUESSED) == ()


@pytest.mark.parametrize(("truth_path", "form"), PROMISE)
def test_every_cell_without_a_number_is_flagged(truth_path: Path, form: ReportForm | None) -> None:
    """A cell left without a number is named by a finding (the cell, its row or its whole table)."""
    assert _comparison(truth_path, form).silent == ()


@pytest.mark.parametrize(("truth_path", "form"), FIDELITY)
def test_every_decidable_cell_is_read(truth_path: Path, form: ReportForm | None) -> None:
    """Every cell that the text fixes is read right; the undecidable ones are flagged (never guessed)."""
    comparison = _comparison(truth_path, form)
    unread = [f"{c.key}: printed {c.expected}, read {c.got}" for c in comparison.unread]
    assert unread == []


@pytest.mark.parametrize(("truth_path", "form"), SOURCE_ERRORS)
def test_every_source_error_is_reported(truth_path: Path, form: ReportForm | None) -> None:
    """The agency's own arithmetic errors are reported as failed checks of the table they are in."""
    comparison = _comparison(truth_path, form)
    assert comparison.unreported == ()
    assert any(check.reported for check in comparison.source_errors)


# --- the truth module itself, on the bundled example report (淮安市人民政府 2024) --------------------------------


def _example() -> gd.ReadResult:
    return gd.read_text(gd.example_report_text())


def _truth(**data: object) -> Truth:
    return Truth.from_json({"format_version": "2021", "undecidable_from_text": [], "source_errors": [], **data})


def test_verdicts_of_correct_wrong_flagged_and_guessed_cells() -> None:
    result = _example()
    report = result.report.with_cell("table4.review.pending", Cell.text("3 7"))
    truth = _truth(
        undecidable_from_text=["table4.review.other"],
        table2={"fees": {"amount_wan_yuan": Decimal("96171.6")}},
        table4={"review": {"upheld": 72, "corrected": 65, "other": 178, "pending": 37}},
    )
    comparison = compare(truth, report, result.findings)
    verdicts = {str(c.key): c.verdict for c in comparison.cells}
    assert verdicts == {
        "table2.fees.amount_wan_yuan": Verdict.CORRECT,
        "table4.review.upheld": Verdict.CORRECT,
        "table4.review.corrected": Verdict.WRONG,
        "table4.review.other": Verdict.GUESSED,
        "table4.review.pending": Verdict.FLAGGED,
    }
    assert comparison.tally == Tally(correct=2, flagged=1, wrong=1, guessed=1)
    assert comparison.silent == (truth.cells[-1].key,)  # the text cell was made by hand: no finding names it
    assert truth.decidable == 4


def test_a_money_cell_given_in_parts_keeps_its_unit() -> None:
    truth = Truth.from_json(
        {
            "format_version": "2019",
            "table2_2019": {
                "central_procurement": {
                    "items": 19,
                    "amount_raw": "1690.9913万元",
                    "amount_value": Decimal("1690.9913"),
                    "amount_unit": "万元",
                },
            },
        }
    )
    assert [(str(c.key), c.value, c.unit) for c in truth.cells] == [
        ("table2_2019.central_procurement.items", 19, None),
        ("table2_2019.central_procurement.amount", Decimal("1690.9913"), "万元"),
    ]
    report = random_report(random.Random(5), "2019").with_cell("table2_2019.central_procurement.items", Cell.of(19))
    key = "table2_2019.central_procurement.amount"
    with_unit = report.with_cell(key, Cell.of(Decimal("1690.9913"), unit="万元"))
    without_unit = report.with_cell(key, Cell.of(Decimal("1690.9913")))
    assert compare(truth, with_unit, ()).tally == Tally(correct=2)
    assert compare(truth, without_unit, ()).tally == Tally(correct=1, wrong=1)  # 1690.9913 of what?


def test_truth_files_name_only_cells_of_their_format() -> None:
    with pytest.raises(ValueError, match="not a row"):
        _truth(table2={"central_procurement": {"items": 1}})
    with pytest.raises(KeyError):
        _truth(table4={"review": {"sum": 1}})
    with pytest.raises(ValueError, match="undecidable"):
        _truth(undecidable_from_text=["table4.review.total"], table4={"review": {"upheld": 1}})


def test_a_source_error_is_reported_only_by_a_failed_check_of_its_table() -> None:
    errors = ["table 三 总计 column: result rows add up to more than （七）总计", "confirmed in page.html"]
    truth = _truth(source_errors=errors)
    result = _example()
    unbroken = compare(truth, result.report, result.findings)
    assert [(c.table, c.reported) for c in unbroken.source_errors] == [("table3", False), (None, None)]
    assert unbroken.unreported == (errors[0],)
    text = gd.example_report_text().replace("\t4\t3050", "\t4\t3051", 1)  # （七）总计 · 总计 ≠ Σ results
    broken = gd.read_text(text)
    assert broken.report.cell("table3.total_processed.total").value == 3051  # type: ignore[union-attr]
    assert compare(truth, broken.report, broken.findings).unreported == ()


def test_every_real_report_has_a_truth_file() -> None:
    """No report in ``../shared/real`` escapes the tests above."""
    real = shared_path("real")
    reports = {p for p in real.rglob("*") if p.is_file() and not p.name.endswith(".json") and p.name != "README.md"}
    described = {Truth.load(path).report_path() for path in truth_files(real)}
    assert reports - described == set()
