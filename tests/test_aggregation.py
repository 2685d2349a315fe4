"""Aggregation: sums, blank policies, completeness, format mixes; properties over generated reports."""

from __future__ import annotations

import random
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cellvalues import cell, value
from gov_disclosure.aggregation import (
    UNKNOWN_SUM,
    AggregationError,
    MixedTable2Error,
    aggregate,
)
from gov_disclosure.findings import Severity
from gov_disclosure.model import Cell, CellKind, Report, Table2, Table2_2019, Table3, Table4
from gov_disclosure.registry import BlankPolicy
from gov_disclosure.testing import cells, consistent_reports, random_report
from gov_disclosure.validation import validate

POLICIES = st.sampled_from(list(BlankPolicy))


def _t4(review: list[int | None]) -> Report:
    return Report(format_version="2021", table4=Table4.from_rows({"review": review}))


@st.composite
def reports_with_gaps(draw: st.DrawFn, format_version: str | None = None) -> Report:
    """A consistent report in which a few 表三/表四 cells became blanks, marks or text, and maybe a row vanished."""
    report = draw(consistent_reports(format_version))
    entries = [e for e in report.iter_cells() if e.key.table in ("table3", "table4")]
    for index in draw(st.lists(st.integers(0, len(entries) - 1), max_size=4)):
        report = report.with_cell(entries[index].key, draw(cells()))
    if draw(st.booleans()) and report.table4 is not None:
        report = attrs.evolve(report, table4=Table4.from_rows({"review": None}))
    return report


def _values(report: Report) -> dict[str, object]:
    return {str(e.key): e.cell.value for e in report.iter_cells()}


# --- examples ---------------------------------------------------------------------------------


def test_sums_cells_and_names_result() -> None:
    """Cells are added; agency and year come from the arguments, or from inputs that agree."""
    a = Report(format_version="2021", agency="甲局", report_year=2022,
               table4=Table4.from_rows({"review": [1, 0, 0, 1, 2]}))
    b = Report(format_version="2021", agency="乙局", report_year=2022,
               table4=Table4.from_rows({"review": [2, 1, 0, 0, 3]}))
    result = aggregate([a, b])
    assert [value(result.report, f"table4.review.{c}") for c in ("upheld", "corrected", "other", "pending", "total")
            ] == [3, 1, 0, 1, 5]
    assert result.report.agency is None
    assert result.report.report_year == 2022
    assert aggregate([a, b], agency="某区", year=2023).report.agency == "某区"
    assert result.completeness.complete
    assert result.completeness.inputs == ("甲局 2022", "乙局 2022")


def test_unknown_policy_leaves_sum_with_blank_blank_and_records_it() -> None:
    """Under UNKNOWN a sum with a blank input is blank; completeness names the input and keeps the known sum."""
    result = aggregate([_t4([1, 0, 0, 1, 2]), _t4([2, 1, 0, None, 3]), _t4([0, 0, 0, None, 0])])
    assert cell(result.report, "table4.review.pending").kind is CellKind.BLANK
    entry = result.completeness.cell("table4.review.pending")
    assert entry is not None
    assert entry.blank == (1, 2)
    assert (entry.known, entry.known_sum) == (1, 1)
    assert result.completeness.incomplete_inputs() == (1, 2)
    assert result.completeness.cells_of_input(1) == (entry.key,)


def test_zero_policy_counts_blanks_but_still_records_them() -> None:
    """Under ZERO blanks count as 0; the completeness record still lists them."""
    result = aggregate([_t4([1, 0, 0, 1, 2]), _t4([2, 1, 0, None, 3])], blank_policy=BlankPolicy.ZERO)
    assert value(result.report, "table4.review.pending") == 1
    assert result.completeness.cell("table4.review.pending").blank == (1,)  # type: ignore[union-attr]


def test_marks_text_and_missing_rows_are_unknown_under_both_policies() -> None:
    """A ``/`` mark, unreadable text or an absent row never counts as 0; under ZERO the unknown sum is marked."""
    with_mark = _t4([1, 0, 0, 1, 2]).with_cell("table4.review.other", Cell.not_applicable("/"))
    with_text = _t4([1, 0, 0, 1, 2]).with_cell("table4.review.upheld", Cell.text("1 2"))
    no_row = Report(format_version="2021", table4=Table4.from_rows({"litigation_direct": [0, 0, 0, 0, 0]}))
    for policy in BlankPolicy:
        result = aggregate([with_mark, with_text, no_row], blank_policy=policy)
        for column in ("other", "upheld", "total"):
            assert value(result.report, f"table4.review.{column}") is None
        total = result.completeness.cell("table4.review.total")
        assert total is not None
        assert total.missing == (2,)
        assert result.completeness.cell("table4.review.other").not_applicable == (0,)  # type: ignore[union-attr]
        assert result.completeness.cell("table4.review.upheld").text == (1,)  # type: ignore[union-attr]
    zero = aggregate([with_mark, with_text, no_row], blank_policy=BlankPolicy.ZERO).report
    assert cell(zero, "table4.review.total") == Cell.text(UNKNOWN_SUM)


def test_all_blank_or_all_marked_cells_stay_so() -> None:
    """A cell blank (or ``/``) in every input stays blank (or ``/``) under UNKNOWN."""
    a = _t4([None, None, None, None, None]).with_cell("table4.review.total", Cell.not_applicable())
    result = aggregate([a, a]).report
    assert cell(result, "table4.review.upheld").kind is CellKind.BLANK
    assert cell(result, "table4.review.total").kind is CellKind.NOT_APPLICABLE


def test_money_is_exact_and_units_must_agree() -> None:
    """Money sums exactly as Decimal; amounts in different in-cell units are not summed (and a note says so)."""
    a = Report(format_version="2021", table2=Table2.from_rows({"fees": {"amount_wan_yuan": Decimal("0.10")}}))
    b = Report(format_version="2021", table2=Table2.from_rows({"fees": {"amount_wan_yuan": Decimal("0.2")}}))
    assert value(aggregate([a, b]).report, "table2.fees.amount_wan_yuan") == Decimal("0.30")
    amount = Cell.of(Decimal(251000), unit="元")
    yuan = Report(format_version="2019",
                  table2_2019=Table2_2019.from_rows({"central_procurement": {"items": 1, "amount": amount}}))
    wan = yuan.with_cell("table2_2019.central_procurement.amount", Cell.of(Decimal(3), unit="万元"))
    same = cell(aggregate([yuan, yuan]).report, "table2_2019.central_procurement.amount")
    assert (same.value, same.unit) == (Decimal(502000), "元")
    mixed = aggregate([yuan, wan])
    assert value(mixed.report, "table2_2019.central_procurement.amount") is None
    entry = mixed.completeness.cell("table2_2019.central_procurement.amount")
    assert entry is not None
    assert entry.units == ("万元", "元")
    assert [n.code for n in mixed.notes] == ["AGG.UNIT_MISMATCH"]


def test_mixing_table2_of_both_formats_is_refused() -> None:
    """2019 and 2021 表二 are never summed together: a typed error, unless table 二 is left out."""
    rng = random.Random(4)
    reports = [random_report(rng, "2019"), random_report(rng, "2021")]
    with pytest.raises(MixedTable2Error, match="include_table2=False") as info:
        aggregate(reports)
    assert info.value.formats == {"2019": (0,), "2021": (1,)}
    result = aggregate(reports, include_table2=False)
    assert result.report.table2 is None
    assert result.report.table2_2019 is None
    assert [n.code for n in result.notes] == ["AGG.TABLE2_OMITTED", "AGG.OTHER_COLLAPSED"]


def test_mixed_formats_collapse_the_2021_other_rows_and_keep_their_breakdown() -> None:
    """With both formats, （六） is one row: the 2019 row plus the 2021 sub-rows; the sub-row sums are kept."""
    rng = random.Random(9)
    old, new = random_report(rng, "2019"), random_report(rng, "2021")
    result = aggregate([old, new], include_table2=False)
    assert result.report.format_version == "2019"
    for column in ("natural_person", "total"):
        parts = [value(new, f"table3.{row}.{column}") for row in ("other_no_correction", "other_fee_unpaid",
                                                                  "other_other")]
        key = f"table3.other_processing.{column}"
        assert value(result.report, key) == value(old, key) + sum(parts)
    breakdown = result.other_breakdown
    assert breakdown is not None
    assert new.table3 is not None
    assert breakdown.other_other == new.table3.other_other
    assert breakdown.granted is None


def test_nothing_to_aggregate_is_an_error() -> None:
    """An empty input is a typed error."""
    with pytest.raises(AggregationError):
        aggregate([])


def test_extra_rows_are_not_summed_but_noted() -> None:
    """Rows outside the official form are named in a note rather than silently dropped."""
    from gov_disclosure.model import ExtraRow

    t3 = Table3.from_rows({"granted": [1, 0, 0, 0, 0, 0, 1]}, extra_rows=[ExtraRow(label="其他主动公开文件")])
    result = aggregate([Report(format_version="2021", agency="某局", table3=t3)])
    assert [n.code for n in result.notes] == ["AGG.EXTRA_ROWS"]
    assert "某局" in result.notes[0].message


# --- properties -------------------------------------------------------------------------------


@given(st.lists(consistent_reports(), min_size=1, max_size=5), st.booleans())
def test_aggregate_of_consistent_reports_is_consistent(reports: list[Report], mix: bool) -> None:
    """Summing consistent reports (of one format, or mixed without 表二) gives a report no identity fails on."""
    if not mix:
        reports = [r for r in reports if r.format_version == reports[0].format_version]
    result = aggregate(reports, include_table2=not mix)
    findings = validate(result.report)
    worst = [f for f in findings if f.severity >= Severity.INCONSISTENCY and f.code != "TABLE.MISSING"]
    assert worst == []
    missing = [f.cells for f in findings if f.code == "TABLE.MISSING"]
    assert len(missing) == (1 if mix else 0)  # 表二, left out on purpose


@given(st.lists(reports_with_gaps("2021"), min_size=1, max_size=4), st.randoms(use_true_random=False), POLICIES)
def test_order_does_not_matter(reports: list[Report], rnd: random.Random, policy: BlankPolicy) -> None:
    """Any permutation of the inputs gives the same report."""
    shuffled = list(reports)
    rnd.shuffle(shuffled)
    assert aggregate(shuffled, blank_policy=policy).report == aggregate(reports, blank_policy=policy).report


@given(reports_with_gaps(), reports_with_gaps(), reports_with_gaps(), POLICIES)
def test_aggregation_is_associative(a: Report, b: Report, c: Report, policy: BlankPolicy) -> None:
    """(a+b)+c = a+(b+c), with blanks, marks, text, absent rows and mixed formats (表三 and 表四)."""
    def agg(*reports: Report) -> Report:
        return aggregate(reports, blank_policy=policy, include_table2=False).report

    assert agg(agg(a, b), c) == agg(a, agg(b, c))


@given(reports_with_gaps(), POLICIES)
def test_aggregating_one_report_returns_its_values(report: Report, policy: BlankPolicy) -> None:
    """Every number is returned unchanged; a blank stays blank (UNKNOWN) or becomes 0 (ZERO)."""
    result = aggregate([report], blank_policy=policy).report
    got = _values(result)
    for entry in report.iter_cells():
        value = got[str(entry.key)]
        if entry.cell.is_number:
            assert value == entry.cell.value
            assert type(value) is type(entry.cell.value)
        elif entry.cell.kind is CellKind.BLANK and policy is BlankPolicy.ZERO:
            assert value == 0
        else:
            assert value is None
