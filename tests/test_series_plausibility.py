"""Year-over-year plausibility: jumps above ×5, drops below ×0.2, zeros after a large number, the change of format.

Generated series; thresholds at their boundaries; small bases are never judged; the thresholds can be changed.
"""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from gov_disclosure.cli import main
from gov_disclosure.findings import Finding, Outcome, Severity
from gov_disclosure.model import Cell, CellKey, Report, Table3, Table4
from gov_disclosure.serializers.json import dumps
from gov_disclosure.series import SERIES_RULES, Plausibility, check_series

PLAUSIBILITY = SERIES_RULES.without(*(r.code for r in SERIES_RULES if r.code not in {
    "SERIES.JUMP", "SERIES.DROP", "SERIES.ZERO", "SERIES.FORMAT_CHANGE"}))
PROCESSED = CellKey("table3", "total_processed", "total")


def _year(year: int, processed: int | None, *, version: str = "2021", natural: int = 0) -> Report:
    """A report of *year* whose 表三 （七）总计 is *processed* (None: blank), *natural* of it from 自然人."""
    t3 = Table3.from_rows({"total_processed": [natural, 0, 0, 0, 0, 0, 0 if processed is None else processed]})
    report = Report(format_version=version, agency="某局", report_year=year, table3=t3)
    return report if processed is not None else report.with_cell(PROCESSED, Cell.blank())


def _found(*reports: Report, thresholds: Plausibility | None = None) -> list[tuple[str, str | None]]:
    return [(f.code, f.subject) for f in check_series(reports, registry=PLAUSIBILITY, thresholds=thresholds)]


def _one(*reports: Report) -> Finding:
    (finding,) = check_series(reports, registry=PLAUSIBILITY)
    return finding


def test_a_jump_above_five_times_is_info_naming_the_cell_and_year() -> None:
    """30 → 151 is more than ×5: INFO on 表三 （七）总计 for 2022; 30 → 150 is exactly ×5: nothing."""
    finding = _one(_year(2021, 30), _year(2022, 151))
    assert (finding.code, finding.severity, finding.subject) == ("SERIES.JUMP", Severity.INFO, "2022")
    assert finding.cells == (PROCESSED,)
    assert finding.actual == 151
    assert "（七）总计" in finding.message
    assert "from 30 (2021) to 151 (2022)" in finding.message_en
    assert _found(_year(2021, 30), _year(2022, 150)) == []


def test_a_drop_below_a_fifth_is_info() -> None:
    """100 → 19 is below ×0.2; 100 → 20 is exactly ×0.2: nothing."""
    finding = _one(_year(2021, 100), _year(2022, 19))
    assert (finding.code, finding.severity, finding.subject) == ("SERIES.DROP", Severity.INFO, "2022")
    assert _found(_year(2021, 100), _year(2022, 20)) == []


def test_a_zero_after_a_large_number_is_a_warning_not_a_drop() -> None:
    """30 → 0: SERIES.ZERO (WARNING) only."""
    finding = _one(_year(2021, 30), _year(2022, 0))
    assert (finding.code, finding.severity, finding.outcome) == ("SERIES.ZERO", Severity.WARNING, Outcome.FAILED)
    assert "0 in 2022" in finding.message_en


def test_small_bases_are_not_judged() -> None:
    """A previous value below 30 (the small-sample guard) is never judged, whatever follows; 30 is."""
    for value in (0, 1, 5, 1000, 10**6):
        assert _found(_year(2021, 29), _year(2022, value)) == []
    assert _found(_year(2021, 30), _year(2022, 10**6)) == [("SERIES.JUMP", "2022")]


def test_both_directions_in_one_series_and_only_consecutive_years() -> None:
    """Up in 2022, down in 2023; across the missing 2025 nothing is compared."""
    series = (_year(2021, 40), _year(2022, 400), _year(2023, 40), _year(2024, 40), _year(2026, 0))
    assert _found(*series) == [("SERIES.JUMP", "2022"), ("SERIES.DROP", "2023")]


def test_thresholds_can_be_changed() -> None:
    """A Plausibility object changes the factors and the base."""
    pair = (_year(2021, 100), _year(2022, 900))
    assert _found(*pair) == [("SERIES.JUMP", "2022")]
    assert _found(*pair, thresholds=Plausibility(jump=10)) == []
    assert _found(*pair, thresholds=Plausibility(min_base=101)) == []
    assert _found(_year(2021, 100), _year(2022, 40), thresholds=Plausibility(drop="0.5")) == [("SERIES.DROP", "2022")]
    with pytest.raises(ValueError, match="jump"):
        Plausibility(jump=0)
    with pytest.raises(ValueError, match="min_base"):
        Plausibility(min_base=0)  # a base of 0 would make every count after a zero a jump


def test_totals_only_by_default() -> None:
    """The applicant columns are judged only with totals_only=False."""
    pair = (_year(2021, 100, natural=100), _year(2022, 100, natural=1))
    assert _found(*pair) == []
    found = check_series(pair, registry=PLAUSIBILITY, thresholds=Plausibility(totals_only=False))
    assert [(f.code, f.cells) for f in found] == [("SERIES.DROP", (CellKey("table3", "total_processed",
                                                                            "natural_person"),))]


def test_cells_without_a_value_are_not_judged() -> None:
    """A blank this year or last year is not judged (a heuristic, not an identity)."""
    assert _found(_year(2021, 100), _year(2022, None)) == []
    assert _found(_year(2021, None), _year(2022, 1000)) == []


def test_table4_totals_are_judged() -> None:
    """表四 行政复议 总计 too."""
    a = Report(format_version="2021", report_year=2021, table4=Table4.from_rows({"review": [40, 0, 0, 0, 40]}))
    b = Report(format_version="2021", report_year=2022, table4=Table4.from_rows({"review": [0, 0, 0, 0, 0]}))
    assert [(f.code, f.cells) for f in check_series([a, b], registry=PLAUSIBILITY)] == [
        ("SERIES.ZERO", (CellKey("table4", "review", "total"),))
    ]


def test_the_format_change_is_a_note_at_its_year_across_a_gap_too() -> None:
    """2019 format in 2020, 2021 format in 2021: one INFO note for 2021; across a missing 2020 as well."""
    finding = _one(_year(2020, 10, version="2019"), _year(2021, 10))
    assert (finding.code, finding.severity, finding.outcome, finding.subject) == (
        "SERIES.FORMAT_CHANGE", Severity.INFO, Outcome.NOTE, "2021")
    assert "表二" in finding.message
    assert _found(_year(2019, 10, version="2019"), _year(2021, 10)) == [("SERIES.FORMAT_CHANGE", "2021")]
    assert _found(_year(2020, 10, version="2019"), _year(2019, 10, version="2019")) == []


@given(base=st.integers(0, 10**6), value=st.integers(0, 10**7))
def test_each_rule_fires_exactly_by_its_definition(base: int, value: int) -> None:
    """Property: with the default thresholds, JUMP iff value > 5·base, DROP iff 0 < value < base/5, ZERO iff value
    is 0 — and nothing when base < 30."""
    expected = []
    if base >= 30:
        if value > 5 * base:
            expected.append("SERIES.JUMP")
        if 0 < value < Fraction(base, 5):
            expected.append("SERIES.DROP")
        if value == 0:
            expected.append("SERIES.ZERO")
    assert [code for code, _ in _found(_year(2021, base), _year(2022, value))] == expected


def test_series_command_takes_the_thresholds(tmp_path: Path) -> None:
    """gov-disclosure series --jump/--drop/--min-base change the thresholds; a wrong one exits with 4."""
    names = []
    for report in (_year(2021, 100), _year(2022, 900), _year(2023, 0)):
        path = tmp_path / f"{report.report_year}.json"
        path.write_text(dumps(report), encoding="utf-8")
        names.append(str(path))
    runner = CliRunner()
    result = runner.invoke(main, ["series", "--format", "json", *names])
    codes = [(f["code"], f["subject"]) for f in json.loads(result.output)["findings"]]
    assert ("SERIES.JUMP", "2022") in codes
    assert ("SERIES.ZERO", "2023") in codes
    quiet = runner.invoke(main, ["series", "--format", "json", "--jump", "10", "--min-base", "1000", *names])
    assert not any(f["code"] in {"SERIES.JUMP", "SERIES.ZERO"} for f in json.loads(quiet.output)["findings"])
    fewer = tmp_path / "2022-fewer.json"
    fewer.write_text(dumps(_year(2022, 40, natural=1)), encoding="utf-8")

    def codes_of(*options: str) -> list[tuple[str, str]]:
        output = runner.invoke(main, ["series", "--format", "json", *options, names[0], str(fewer)]).output
        return [(f["code"], f["subject"]) for f in json.loads(output)["findings"] if f["code"] == "SERIES.DROP"]

    assert codes_of() == []
    assert codes_of("--drop", "0.5") == [("SERIES.DROP", "2022")]
    assert codes_of("--all-columns") == []  # 自然人 was 0 in 2021: below the base
    assert codes_of("--all-columns", "--min-base", "1", "--drop", "0.5") == [("SERIES.DROP", "2022")]
    assert runner.invoke(main, ["series", "--min-base", "0", *names]).exit_code == 4
    assert runner.invoke(main, ["series", "--jump", "0", *names]).exit_code == 4
