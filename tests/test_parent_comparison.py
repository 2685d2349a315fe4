"""Parent vs children: differing cells, undecidable cells, missing children."""

from __future__ import annotations

import random

from cellvalues import value
from gov_disclosure.aggregation import DifferenceKind, aggregate, compare_parent
from gov_disclosure.model import Cell, Report, Table4
from gov_disclosure.testing import random_report


def _t4(agency: str, review: list[int | None]) -> Report:
    return Report(format_version="2021", agency=agency, table4=Table4.from_rows({"review": review}))


def test_parent_equal_to_sum_of_children_matches() -> None:
    """A parent built as the aggregate of its children matches them."""
    rng = random.Random(11)
    children = [random_report(rng, "2021") for _ in range(4)]
    parent = aggregate(children).report
    result = compare_parent(parent, children)
    assert result.matches
    assert result.differences == ()


def test_each_differing_cell_is_reported_with_difference() -> None:
    """A changed parent cell appears with the parent's value, the children's sum and the difference."""
    rng = random.Random(12)
    children = [random_report(rng, "2021") for _ in range(3)]
    summed = aggregate(children).report
    old = value(summed, "table3.granted.total")
    parent = summed.with_cell("table3.granted.total", Cell.of(old + 7))
    result = compare_parent(parent, children)
    assert [(str(d.key), d.parent, d.children_sum, d.difference) for d in result.differences] == [
        ("table3.granted.total", old + 7, old, 7)
    ]
    assert not result.matches


def test_blank_child_and_missing_child_are_reported() -> None:
    """A child's blank makes the sum unknown (with completeness); an expected child without a report is missing."""
    result = compare_parent(
        _t4("某区", [3, 1, 0, 0, 4]),
        [_t4("甲局", [1, 1, 0, 0, 2]), _t4("乙局", [2, None, 0, 0, 2])],
        expected_children=["甲局", "乙局", "丙局"],
    )
    corrected = next(d for d in result.differences if str(d.key) == "table4.review.corrected")
    assert corrected.kind is DifferenceKind.CHILDREN_UNKNOWN
    assert corrected.completeness is not None
    assert corrected.completeness.blank == (1,)
    assert result.missing_children == ("丙局",)


def test_parent_of_other_format_compares_other_processing_as_a_group() -> None:
    """A 2021 parent over 2019 children: （六） is compared as the sum of the parent's three sub-rows; 表二 not."""
    rng = random.Random(13)
    children = [random_report(rng, "2019") for _ in range(2)]
    summed = aggregate(children, include_table2=False).report
    total = value(summed, "table3.other_processing.total")
    parent = random_report(rng, "2021")
    result = compare_parent(parent, children)
    assert not result.table2_compared
    assert all(not d.key.table.startswith("table2") for d in result.differences)
    parent_total = sum(getattr(parent.table3, r).total.value for r in ("other_no_correction", "other_fee_unpaid",
                                                                       "other_other"))
    entry = [d for d in result.differences if str(d.key) == "table3.other_processing.total"]
    if parent_total != total:
        assert entry[0].parent == parent_total
        assert entry[0].children_sum == total
    else:
        assert entry == []
