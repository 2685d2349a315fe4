"""Series checks: carry-over per column across the format boundary, 表二 stock-flow, gaps, duplicates."""

from __future__ import annotations

import random

import attrs
from hypothesis import given
from hypothesis import strategies as st

from cellvalues import value
from gov_disclosure.findings import Finding, Outcome, Severity
from gov_disclosure.model import Cell, CellKey, Report
from gov_disclosure.registry import BlankPolicy
from gov_disclosure.series import SERIES_RULES, Series, check_series
from gov_disclosure.testing import consistent_reports, random_report

YEAR_ON_YEAR = ("SERIES.JUMP", "SERIES.DROP", "SERIES.ZERO", "SERIES.FORMAT_CHANGE")
"""The plausibility rules (tests/test_series_plausibility.py): random reports jump and drop from year to year."""
CONSISTENCY = SERIES_RULES.without(*YEAR_ON_YEAR)
"""The cross-year consistency rules these tests are about."""

COLUMNS = ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other", "total")


def _chain(reports: list[Report], first_year: int) -> list[Report]:
    """Give the reports consecutive years and copy each year's 四、结转下年度 into the next year's 二、上年结转,
    and each 2021 year's 现行有效件数 flow into the next one."""
    out: list[Report] = []
    for offset, report in enumerate(reports):
        report = attrs.evolve(report, agency="某局", report_year=first_year + offset)
        if out:
            previous = out[-1]
            for column in COLUMNS:
                forward = previous.cell(CellKey("table3", "carried_forward", column))
                report = report.with_cell(CellKey("table3", "carried_over", column), forward)  # type: ignore[arg-type]
            if previous.table2 is not None and report.table2 is not None:
                for row in ("regulations", "normative_docs"):
                    before = value(previous, f"table2.{row}.valid")
                    repealed = value(report, f"table2.{row}.repealed")
                    valid = max(0, before + value(report, f"table2.{row}.made") - repealed)
                    report = report.with_cell(CellKey("table2", row, "made"), Cell.of(valid - before + repealed))
                    report = report.with_cell(CellKey("table2", row, "valid"), Cell.of(valid))
        out.append(report)
    return out


def _checked(reports: list[Report], blank_policy: BlankPolicy = BlankPolicy.UNKNOWN) -> tuple[Finding, ...]:
    return check_series(reports, blank_policy=blank_policy, registry=CONSISTENCY)


def _series(versions: str, seed: int = 1, first_year: int = 2019) -> list[Report]:
    rng = random.Random(seed)
    return _chain([random_report(rng, "2019" if v == "9" else "2021") for v in versions], first_year)


def test_registry_holds_the_series_rules() -> None:
    """The series rules are registered with stable codes."""
    assert [r.code for r in SERIES_RULES] == [
        "SERIES.NO_YEAR", "SERIES.DUPLICATE_YEAR", "SERIES.GAP", "SERIES.AGENCY", "SERIES.CARRY_OVER",
        "SERIES.STOCK_FLOW", "SERIES.JUMP", "SERIES.DROP", "SERIES.ZERO", "SERIES.FORMAT_CHANGE",
    ]
    assert SERIES_RULES.get("SERIES.STOCK_FLOW").versions == ("2021",)


def test_consistent_series_across_the_format_boundary_has_no_findings() -> None:
    """2019, 2020 (2019 format), 2021, 2022 (2021 format) chained correctly: nothing to report but the change of
    format in 2021 (and the jumps of random numbers)."""
    findings = check_series(_series("9911"))
    assert [f for f in findings if f.code not in YEAR_ON_YEAR] == []
    assert [(f.code, f.subject) for f in findings if f.code == "SERIES.FORMAT_CHANGE"] == [
        ("SERIES.FORMAT_CHANGE", "2021")
    ]


def test_carry_over_break_is_a_warning_per_column_with_the_year_as_subject() -> None:
    """Changing 2021's 二、上年结转 × 自然人 breaks the 2020→2021 carry-over of that column only."""
    reports = _series("9911")
    key = CellKey("table3", "carried_over", "natural_person")
    old = value(reports[2], str(key))
    reports[2] = reports[2].with_cell(key, Cell.of(old + 3))
    (finding,) = _checked(reports)
    assert (finding.code, finding.severity, finding.subject) == ("SERIES.CARRY_OVER", Severity.WARNING, "2021")
    assert (finding.expected, finding.actual, finding.difference) == (old, old + 3, 3)
    assert finding.cells == (CellKey("table3", "carried_forward", "natural_person"), key)


def test_blank_carry_over_is_undecidable_unless_zero_policy() -> None:
    """A blank 上年结转 is undecidable under UNKNOWN; under ZERO it counts as 0 and the message says so."""
    reports = _series("11", first_year=2021)
    key = CellKey("table3", "carried_over", "research")
    reports[1] = reports[1].with_cell(key, Cell.blank())
    (finding,) = _checked(reports)
    assert finding.outcome is Outcome.UNDECIDABLE
    assert "blank" in finding.message_en
    forward = reports[0].cell(CellKey("table3", "carried_forward", "research")).value  # type: ignore[union-attr]
    zero = _checked(reports, blank_policy=BlankPolicy.ZERO)
    if forward == 0:
        assert zero == ()
    else:
        assert zero[0].outcome is Outcome.FAILED
        assert "ZERO" in zero[0].message_en


def test_stock_flow_is_a_warning_for_2021_years_only() -> None:
    """现行有效件数 that does not follow valid(Y−1) + made − repealed is a WARNING; 2020→2021 is not checked."""
    reports = _series("911", first_year=2020)
    key = CellKey("table2", "normative_docs", "valid")
    valid = reports[2].cell(key).value  # type: ignore[union-attr]
    reports[2] = reports[2].with_cell(key, Cell.of(valid + 5))  # type: ignore[operator]
    (finding,) = _checked(reports)
    assert (finding.code, finding.severity, finding.subject) == ("SERIES.STOCK_FLOW", Severity.WARNING, "2022")
    assert finding.actual == finding.expected + 5  # type: ignore[operator]
    # the first 2021 report's 现行有效 is never compared with the 2019 format's 对外公开总数量
    reports[1] = reports[1].with_cell(CellKey("table2", "regulations", "valid"), Cell.of(99999))
    codes = {(f.code, f.subject) for f in check_series(reports)}
    assert ("SERIES.STOCK_FLOW", "2021") not in codes


def test_gaps_duplicates_missing_years_and_agencies_are_reported() -> None:
    """A missing year, two differing reports for a year, a report without a year and another agency."""
    reports = _series("1111", first_year=2021)
    del reports[1]  # 2022 missing
    other = attrs.evolve(reports[1], agency="另一局")  # a differing duplicate of 2023
    no_year = attrs.evolve(reports[0], report_year=None)
    findings = check_series([*reports, other, no_year])
    codes = [(f.code, f.subject) for f in findings]
    assert ("SERIES.GAP", "2022") in codes
    assert ("SERIES.DUPLICATE_YEAR", "2023") in codes
    assert ("SERIES.NO_YEAR", "某局") in codes
    assert ("SERIES.AGENCY", None) in codes
    # the carry-over 2023→2024 is skipped: 2023 has two different reports
    assert not any(f.code == "SERIES.CARRY_OVER" for f in findings)


def test_series_orders_by_year() -> None:
    """Reports given in any order are checked in year order."""
    reports = _series("1111", first_year=2021)
    assert _checked(list(reversed(reports))) == ()
    assert check_series(list(reversed(reports))) == check_series(reports)
    assert Series(list(reversed(reports))).years == (2021, 2022, 2023, 2024)


@given(st.lists(consistent_reports("2021"), min_size=1, max_size=4))
def test_any_chained_series_passes(reports: list[Report]) -> None:
    """Property: chaining any consistent reports (carry-over and stock-flow copied forward) gives no consistency
    findings."""
    assert _checked(_chain(reports, 2021)) == ()
