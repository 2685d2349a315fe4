"""Tests of the test-data generators in gov_disclosure.testing (plain-random and Hypothesis front ends)."""

from __future__ import annotations

import random
import subprocess
import sys
from decimal import Decimal

import pytest
from hypothesis import given

from gov_disclosure.model import TABLE3, Cell, CellKind, Report
from gov_disclosure.model.formats import format_spec
from gov_disclosure.testing import (
    BrokenReport,
    broken_reports,
    cells,
    consistent_reports,
    random_broken_report,
    random_report,
)

APPLICANT = ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other")


def _v(report: Report, key: str) -> int:
    cell = report.cell(key)
    assert cell is not None
    assert isinstance(cell.value, int)
    return cell.value


def _assert_consistent(report: Report) -> None:
    """Check the identities of format-spec §5.1–5.2 directly (independently of the validator)."""
    rows = [r.key for r in format_spec(report.format_version).rows(TABLE3)]
    results = [k for k in rows if k not in ("new_received", "carried_over", "total_processed", "carried_forward")]
    for row in rows:
        assert _v(report, f"table3.{row}.total") == sum(_v(report, f"table3.{row}.{c}") for c in APPLICANT)
    for c in (*APPLICANT, "total"):
        one, two = _v(report, f"table3.new_received.{c}"), _v(report, f"table3.carried_over.{c}")
        seven, four = _v(report, f"table3.total_processed.{c}"), _v(report, f"table3.carried_forward.{c}")
        assert one + two == seven + four
        assert seven == sum(_v(report, f"table3.{r}.{c}") for r in results)
    for group in ("review", "litigation_direct", "litigation_after_review"):
        parts = sum(_v(report, f"table4.{group}.{c}") for c in ("upheld", "corrected", "other", "pending"))
        assert _v(report, f"table4.{group}.total") == parts
    for entry in report.iter_cells():
        assert entry.cell.is_number
        if entry.key.column != "change":
            assert entry.cell.value is not None
            assert entry.cell.value >= 0


def test_importing_the_package_does_not_import_hypothesis() -> None:
    """Hypothesis is an optional extra: neither gov_disclosure nor the plain generators import it."""
    code = (
        "import sys, random, gov_disclosure, gov_disclosure.testing as t; "
        "t.random_report(random.Random(1)); "
        "assert 'hypothesis' not in sys.modules, 'hypothesis imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize("seed", range(40))
def test_random_reports_satisfy_every_identity(seed: int) -> None:
    """Seeded plain-random reports of both formats satisfy every identity and are reproducible."""
    report = random_report(random.Random(seed))
    _assert_consistent(report)
    assert random_report(random.Random(seed)) == report
    assert (report.table2 is None) == (report.format_version == "2019")
    assert report.table3 is not None
    assert report.table4 is not None


@pytest.mark.parametrize("seed", range(40))
def test_random_broken_report_changes_exactly_one_cell(seed: int) -> None:
    """A broken report differs from the consistent report of the same seed in exactly the named cell."""
    broken = random_broken_report(random.Random(seed))
    _assert_one_cell_changed(broken)


def _assert_one_cell_changed(broken: BrokenReport) -> None:
    restored = broken.report.with_cell(broken.key, broken.original)
    _assert_consistent(restored)
    changed = [
        e.key for e, f in zip(broken.report.iter_cells(), restored.iter_cells(), strict=True) if e.cell != f.cell
    ]
    assert changed == [broken.key]
    assert broken.key.table in ("table3", "table4")
    assert broken.replacement.value != broken.original.value
    assert broken.replacement.value is not None
    assert broken.replacement.value >= 0


@pytest.mark.property
@given(consistent_reports())
def test_consistent_reports_strategy(report: Report) -> None:
    """The Hypothesis strategy yields reports satisfying every identity, with exact money values."""
    _assert_consistent(report)
    if report.table2 is not None and report.table2.fees is not None:
        assert isinstance(report.table2.fees.amount_wan_yuan.value, Decimal)
    if report.report_year is not None:
        assert (report.report_year <= 2020) == (report.format_version == "2019")


@pytest.mark.property
@given(broken_reports())
def test_broken_reports_strategy(broken: BrokenReport) -> None:
    """The Hypothesis strategy changes exactly one 表三/表四 cell and remembers the original."""
    _assert_one_cell_changed(broken)


@pytest.mark.property
@given(cells())
def test_cells_strategy(cell: Cell) -> None:
    """Cells of every kind are valid model cells; only number kinds carry a value."""
    assert cell.is_number == (cell.kind in (CellKind.NUMBER, CellKind.ZERO))


def test_lazy_names_are_exactly_the_strategies() -> None:
    """The names ``gov_disclosure.testing`` imports lazily are exactly those ``testing.strategies`` exports."""
    import gov_disclosure.testing as testing
    from gov_disclosure.testing import strategies

    assert frozenset(strategies.__all__) == testing._STRATEGIES
    assert all(getattr(testing, name) is getattr(strategies, name) for name in strategies.__all__)
