"""Diff: change records, hide_zero, format mixes; diff(r, r) is empty."""

from __future__ import annotations

import random
from fractions import Fraction

from hypothesis import given

from cellvalues import value
from gov_disclosure.diffing import ChangeKind, diff
from gov_disclosure.model import Cell, Report, SourceInfo, SourceLocation, Table4
from gov_disclosure.testing import consistent_reports, random_report


def _t4(review: list[int | None]) -> Report:
    return Report(format_version="2021", table4=Table4.from_rows({"review": review}))


def test_change_records_carry_old_new_absolute_and_relative() -> None:
    """A changed number gives old, new, new − old and (new − old)/old exactly."""
    (change,) = diff(_t4([4, 0, 0, 0, 4]), _t4([5, 0, 0, 0, 4]))[:1]
    assert (str(change.key), change.old, change.new, change.absolute, change.relative) == (
        "table4.review.upheld", 4, 5, 1, Fraction(1, 4))
    assert change.kind is ChangeKind.CHANGED
    assert change.labels[1:] == ("行政复议", "结果维持")


def test_kinds_of_change() -> None:
    """Filled, emptied, mark and absent rows are told apart; relative change from 0 is None."""
    a = _t4([0, 1, None, 0, 1]).with_cell("table4.review.pending", Cell.blank())
    b = _t4([3, None, 0, 0, 1]).with_cell("table4.review.pending", Cell.not_applicable())
    kinds = {str(c.key): c.kind for c in diff(a, b)}
    assert kinds == {
        "table4.review.upheld": ChangeKind.CHANGED,
        "table4.review.corrected": ChangeKind.EMPTIED,
        "table4.review.other": ChangeKind.FILLED,
        "table4.review.pending": ChangeKind.MARK,
    }
    assert diff(a, b)[0].relative is None
    added = diff(Report(format_version="2021"), _t4([1, 0, 0, 0, 1]))
    assert {c.kind for c in added} == {ChangeKind.ADDED}
    assert len(added) == 5
    assert {c.kind for c in diff(_t4([1, 0, 0, 0, 1]), Report(format_version="2021"))} == {ChangeKind.REMOVED}


def test_hide_zero_hides_cells_with_nothing_in_both() -> None:
    """0 → blank is a change, hidden by hide_zero; 0 → 2 is not hidden."""
    a, b = _t4([0, 0, 0, 0, 0]), _t4([None, 2, 0, 0, 2])
    assert [str(c.key) for c in diff(a, b)] == ["table4.review.upheld", "table4.review.corrected",
                                                 "table4.review.total"]
    assert [str(c.key) for c in diff(a, b, hide_zero=True)] == ["table4.review.corrected", "table4.review.total"]


def test_provenance_and_raw_text_of_numbers_are_ignored() -> None:
    """Source locations and the printed form of an equal number are not differences."""
    a = _t4([1, 0, 0, 0, 1])
    b = a.with_cell("table4.review.upheld", Cell.of(1, raw="1件", source=SourceLocation(line=9)))
    b = Report(format_version="2021", table4=b.table4, source=SourceInfo(path="x.txt"))
    assert diff(a, b) == ()


def test_different_formats_say_table2_is_not_comparable() -> None:
    """2019 vs 2021: a NOT_COMPARABLE record for 表二, no 表二 cells; （六） compared as a group."""
    rng = random.Random(21)
    old, new = random_report(rng, "2019"), random_report(rng, "2021")
    changes = diff(old, new)
    assert changes[0].kind is ChangeKind.NOT_COMPARABLE
    assert changes[0].key is None
    assert all(c.kind is not ChangeKind.NOT_COMPARABLE for c in changes[1:])
    assert {c.table for c in changes[1:]} <= {"table3", "table4"}
    assert not any(c.row in ("other_no_correction", "other_fee_unpaid", "other_other") for c in changes)
    group = [c for c in changes if c.row == "other_processing" and c.column == "total"]
    expected = sum(getattr(new.table3, r).total.value for r in ("other_no_correction", "other_fee_unpaid",
                                                                  "other_other"))
    if expected != value(old, "table3.other_processing.total"):
        assert group[0].new == expected
        assert group[0].note is not None


@given(consistent_reports())
def test_diff_with_itself_is_empty(report: Report) -> None:
    """diff(r, r) == () for any report."""
    assert diff(report, report) == ()


@given(consistent_reports(), consistent_reports())
def test_changes_point_at_the_new_values(a: Report, b: Report) -> None:
    """Every cell change names the values the two reports actually hold, and nothing else differs."""
    changes = diff(a, b)
    keys = {c.key for c in changes if c.key is not None}
    for change in changes:
        if change.key is not None and change.note is None and change.kind is ChangeKind.CHANGED:
            assert a.cell(change.key).value == change.old  # type: ignore[union-attr]
            assert b.cell(change.key).value == change.new  # type: ignore[union-attr]
    if a.format_version == b.format_version:
        for entry in a.iter_cells():
            if entry.key not in keys:
                other = b.cell(entry.key)
                assert other is not None
                assert (other.kind, other.value) == (entry.cell.kind, entry.cell.value)
