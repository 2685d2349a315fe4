"""Indicators: formulas, exact values, unknowns, small-sample flag."""

from __future__ import annotations

import random
from decimal import Decimal
from fractions import Fraction

import pytest

from cellvalues import value
from gov_disclosure.indicators import indicators
from gov_disclosure.model import TABLE3, Cell, Report, Table3, Table4
from gov_disclosure.registry import BlankPolicy
from gov_disclosure.testing import random_report


def _total(report: Report, *rows: str) -> int:
    return sum(value(report, f"table3.{r}.total") for r in rows)


def test_huaian_like_numbers() -> None:
    """The 淮安 2024 worked example (format-spec §2.4): 公开率 (1362+454)/3050, 复议纠错率 64/(72+64+178)."""
    t3 = Table3.from_rows({
        "granted": [0, 0, 0, 0, 0, 0, 1362],
        "partial": [0, 0, 0, 0, 0, 0, 454],
        "total_processed": [0, 0, 0, 0, 0, 0, 3050],
    })
    t4 = Table4.from_rows({"review": [72, 64, 178, 37, 351], "litigation_direct": [13, 4, 8, 1, 26],
                           "litigation_after_review": [12, 1, 1, 6, 20]})
    result = indicators(Report(format_version="2021", table3=t3, table4=t4))
    assert result.disclosure_rate.value == Fraction(1816, 3050)
    assert result.disclosure_rate.percent() == Decimal("59.5")
    assert (result.review_correction_rate.numerator, result.review_correction_rate.denominator) == (64, 314)
    assert (result.litigation_correction_rate.numerator, result.litigation_correction_rate.denominator) == (5, 39)
    assert not result.review_correction_rate.small_sample


def test_shares_use_every_row_of_the_group() -> None:
    """不予公开/无法提供/不予处理 shares sum their groups' rows over （七）总计."""
    report = random_report(random.Random(31), "2021")
    result = indicators(report)
    processed = value(report, "table3.total_processed.total")
    denied = _total(report, *(r.key for r in TABLE3.rows if r.key.startswith("denied_")))
    assert (result.denied_share.numerator, result.denied_share.denominator) == (denied, processed)
    unable = _total(report, "unable_not_held", "unable_needs_creation", "unable_still_unclear")
    assert result.unable_share.numerator == unable
    assert len(result.not_processed_share.numerator_cells) == 5
    assert next(i.code for i in result.all()) == "disclosure_rate"


def test_zero_denominator_and_small_samples() -> None:
    """No decided cases: the rate is None; a denominator below the threshold is flagged."""
    t4 = Table4.from_rows({"review": [0, 0, 0, 2, 2], "litigation_direct": [1, 1, 0, 0, 2],
                           "litigation_after_review": [0, 0, 0, 0, 0]})
    result = indicators(Report(format_version="2019", table4=t4), small_sample=3)
    assert result.review_correction_rate.denominator == 0
    assert result.review_correction_rate.value is None
    assert result.litigation_correction_rate.value == Fraction(1, 2)
    assert result.litigation_correction_rate.small_sample
    assert result.disclosure_rate.numerator is None
    assert result.disclosure_rate.value is None


def test_blank_cells_follow_the_blank_policy() -> None:
    """A blank numerator cell makes the rate unknown under UNKNOWN; under ZERO it counts as 0."""
    t3 = Table3.from_rows({"granted": [0, 0, 0, 0, 0, 0, 40], "partial": [0, 0, 0, 0, 0, 0, 0],
                           "total_processed": [0, 0, 0, 0, 0, 0, 50]})
    report = Report(format_version="2021", table3=t3).with_cell("table3.partial.total", Cell.blank())
    assert indicators(report).disclosure_rate.value is None
    assert indicators(report, blank_policy=BlankPolicy.ZERO).disclosure_rate.value == Fraction(4, 5)


def test_repr_str_and_float_show_the_value() -> None:
    """repr/str show the value to four places, numerator/denominator and the small-sample flag; float() gives the
    value, and raises for an unknown rate rather than inventing 0 or NaN; the exact Fraction stays."""
    t3 = Table3.from_rows({"granted": [0, 0, 0, 0, 0, 0, 1362], "partial": [0, 0, 0, 0, 0, 0, 454],
                           "total_processed": [0, 0, 0, 0, 0, 0, 3050]})
    result = indicators(Report(format_version="2021", table3=t3, table4=Table4.from_rows({"review": [3, 1, 0, 2, 6]})))
    rate = result.disclosure_rate
    assert repr(rate) == "<Indicator disclosure_rate: 公开率 0.5954 (1816/3050)>"
    assert str(rate) == "公开率 0.5954 (1816/3050)"
    assert float(rate) == 1816 / 3050
    assert rate.value == Fraction(908, 1525)
    assert str(result.review_correction_rate) == "复议纠错率 0.2500 (1/4, small sample: fewer than 30)"
    assert str(result.denied_share) == "不予公开占比 — (?/3050)"
    with pytest.raises(ValueError, match="不予公开占比 has no value"):
        float(result.denied_share)
    assert str(result).splitlines()[0] == str(rate)
    assert len(str(result).splitlines()) == 6
