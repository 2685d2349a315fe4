"""Aggregating the real seed reports that share a format (2021: seeds 000, 003, 004) gives a consistent report."""

from __future__ import annotations

from pathlib import Path

import pytest

from cellvalues import value
from gov_disclosure.aggregation import aggregate
from gov_disclosure.findings import Outcome, Severity
from gov_disclosure.loader import load
from gov_disclosure.validation import validate

SEEDS_2021 = ("000_d65f754a7ed52466.txt", "003_6d7d4ee39ed0853f.txt", "004_16fd8c47879df3e5.txt")

pytestmark = pytest.mark.seeds


def test_seed_reports_of_the_2021_format_sum_to_a_consistent_report(seeds_dir: Path) -> None:
    """No identity fails on the sum; 本年新收 and 上年结转 add up the values printed in the three tables."""
    reports = [load(seeds_dir / name).report for name in SEEDS_2021]
    assert {r.format_version for r in reports} == {"2021"}
    result = aggregate(reports)
    findings = validate(result.report)
    assert [f for f in findings if f.severity >= Severity.INCONSISTENCY] == []
    assert not any(f.outcome is Outcome.FAILED and f.code.startswith(("T3.", "T4.")) for f in findings)
    # 表三 一、本年新收 总计 as printed: 1 (000), 2 (003), 22 (004); 二、上年结转: 0, 0, 2.
    assert value(result.report, "table3.new_received.total") == 25
    assert value(result.report, "table3.carried_over.total") == 2
    assert value(result.report, "table3.carried_forward.total") == 0
    assert result.report.format_version == "2021"
    assert result.completeness.inputs[2] == "广州市海珠区人民政府办公室 2021"


def test_seed_without_tables_makes_the_sum_unknown_not_zero(seeds_dir: Path) -> None:
    """Seed 001 has no tables in its text: adding it leaves every cell unknown and says it is missing."""
    reports = [load(seeds_dir / name).report for name in (*SEEDS_2021, "001_2a84802cd6720988.txt")]
    result = aggregate(reports)
    assert value(result.report, "table3.new_received.total") is None
    entry = result.completeness.cell("table3.new_received.total")
    assert entry is not None
    assert entry.missing == (3,)
    assert entry.known_sum == 25
