"""Indicators a 公开办 reads off 表三 and 表四: disclosure rate, refusal shares, correction rates.

Every indicator keeps its numerator and denominator, is exact (:class:`~fractions.Fraction`), is None when the
denominator is 0 or unknown, and carries a small-sample flag: peers.md §8 recommends "small-sample guards (N≥30)
before computing rates such as 实质公开率 or 纠错率", so the default threshold is 30.

Formulas (all over the 总计 column):

* 公开率 = (（一）予以公开 + （二）部分公开) / （七）总计 — the 实质公开率 of peers.md §1 ("(公开+部分公开)/办结").
* 不予公开 / 无法提供 / 不予处理 shares = Σ of the group's rows / （七）总计 (format-spec §5.4: "percentages relative
  to （七）").
* 复议纠错率 = 结果纠正 / (结果维持 + 结果纠正 + 其他结果) of 行政复议: the share of *decided* cases that were
  corrected. Pending cases (尚未审结) have no result yet, so they are left out of the denominator; by the 表四
  identity (format-spec §5.2 rule 6) the denominator equals 总计 − 尚未审结, but it is computed from the three
  result cells so that a blank 总计 does not make the rate unknown.
* 诉讼纠错率 = the same over both 行政诉讼 groups (未经复议直接起诉 and 复议后起诉) together: a narrative
  "行政诉讼N件" is their sum (format-spec §2.3).
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction

from attrs import frozen

from gov_disclosure.aggregation.values import sum_numbers
from gov_disclosure.model.cells import Cell, Number
from gov_disclosure.model.keys import CellKey
from gov_disclosure.model.layout import TABLE3
from gov_disclosure.model.report import Report
from gov_disclosure.registry import BlankPolicy

__all__ = ["SMALL_SAMPLE", "Indicator", "Indicators", "indicators"]

SMALL_SAMPLE = 30
"""Default small-sample threshold: a rate over fewer cases is flagged (peers.md §8, "N≥30")."""


@frozen(kw_only=True, repr=False)
class Indicator:
    """One rate: numerator / denominator, with the cells it is computed from.

    The value is exact (:attr:`value`, a :class:`~fractions.Fraction`); ``float(rate)`` gives it as a float, and the
    repr and ``str`` show it to four places with the numerator and denominator (``?`` for an unknown one) and the
    small-sample flag.

    >>> rate = Indicator(code="disclosure_rate", label="公开率", label_en="disclosure rate",
    ...                  numerator=45, denominator=60, small_sample_threshold=30)
    >>> rate.value, rate.percent(), rate.small_sample, float(rate)
    (Fraction(3, 4), Decimal('75.0'), False, 0.75)
    >>> rate
    <Indicator disclosure_rate: 公开率 0.7500 (45/60)>
    >>> print(Indicator(code="review_correction_rate", label="复议纠错率", label_en="review correction rate",
    ...                 numerator=1, denominator=4))
    复议纠错率 0.2500 (1/4, small sample: fewer than 30)
    >>> float(Indicator(code="x", label="公开率", label_en="x", numerator=None, denominator=60))
    Traceback (most recent call last):
    ...
    ValueError: 公开率 has no value: (?/60)
    """

    code: str
    label: str
    label_en: str
    numerator: Number | None
    """None when a cell it needs is not a number (see the blank policy)."""
    denominator: Number | None
    numerator_cells: tuple[CellKey, ...] = ()
    denominator_cells: tuple[CellKey, ...] = ()
    small_sample_threshold: int = SMALL_SAMPLE

    @property
    def value(self) -> Fraction | None:
        """``numerator / denominator`` exactly; None when either is unknown or the denominator is 0."""
        if self.numerator is None or self.denominator is None or self.denominator == 0:
            return None
        return Fraction(self.numerator) / Fraction(self.denominator)

    @property
    def small_sample(self) -> bool:
        """True when the denominator is known and below the threshold: read the rate with care."""
        return self.denominator is not None and self.denominator < self.small_sample_threshold

    def fraction_text(self) -> str:
        """``numerator/denominator`` as printed, ``?`` for an unknown part: ``1816/3050``, ``?/3050``."""
        parts = ("?" if n is None else str(n) for n in (self.numerator, self.denominator))
        return "/".join(parts)

    def __float__(self) -> float:
        """The value as a float; ValueError when it is unknown (a rate the report does not give is not 0 or NaN)."""
        value = self.value
        if value is None:
            raise ValueError(f"{self.label} has no value: ({self.fraction_text()})")
        return float(value)

    def __str__(self) -> str:
        value = self.value
        shown = "—" if value is None else f"{float(value):.4f}"
        flag = f", small sample: fewer than {self.small_sample_threshold}" if self.small_sample else ""
        return f"{self.label} {shown} ({self.fraction_text()}{flag})"

    def __repr__(self) -> str:
        return f"<Indicator {self.code}: {self}>"

    def percent(self, places: int = 1) -> Decimal | None:
        """The value as a percentage rounded to *places* decimals (half-even), None when unknown."""
        value = self.value
        if value is None:
            return None
        exact = Decimal(value.numerator * 100) / Decimal(value.denominator)
        return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN)


@frozen(kw_only=True)
class Indicators:
    """The indicators of one report."""

    disclosure_rate: Indicator
    """公开率: (予以公开 + 部分公开) / （七）总计."""
    denied_share: Indicator
    """不予公开 share of （七）总计."""
    unable_share: Indicator
    """无法提供 share of （七）总计."""
    not_processed_share: Indicator
    """不予处理 share of （七）总计."""
    review_correction_rate: Indicator
    """复议纠错率: 行政复议 结果纠正 / decided cases."""
    litigation_correction_rate: Indicator
    """诉讼纠错率: 行政诉讼 结果纠正 / decided cases, both 诉讼 groups."""

    def __str__(self) -> str:
        return "\n".join(str(indicator) for indicator in self.all())

    def all(self) -> tuple[Indicator, ...]:
        """Every indicator, in the order above."""
        return (
            self.disclosure_rate,
            self.denied_share,
            self.unable_share,
            self.not_processed_share,
            self.review_correction_rate,
            self.litigation_correction_rate,
        )


def _t3(*rows: str) -> tuple[CellKey, ...]:
    return tuple(CellKey("table3", row, "total") for row in rows)


def _group(first_row: str) -> tuple[CellKey, ...]:
    """The 总计 cells of every row in the group of *first_row* (the groups have no subtotal rows)."""
    label = TABLE3.row(first_row).group
    return _t3(*(row.key for row in TABLE3.rows if row.group == label))


def _t4(groups: tuple[str, ...], *columns: str) -> tuple[CellKey, ...]:
    return tuple(CellKey("table4", g, c) for g in groups for c in columns)


_PROCESSED = _t3("total_processed")
_LITIGATION = ("litigation_direct", "litigation_after_review")


def indicators(
    report: Report, *, small_sample: int = SMALL_SAMPLE, blank_policy: BlankPolicy = BlankPolicy.UNKNOWN
) -> Indicators:
    """The indicators of *report*; rates over fewer than *small_sample* cases are flagged.

    Under the default blank policy a blank cell makes its sum unknown; ``BlankPolicy.ZERO`` counts it as 0.
    Reports of either format: 表三 groups take whatever rows the format has (（六） is not an indicator).

    >>> from gov_disclosure.model import Table3, Table4
    >>> t3 = Table3.from_rows({"granted": [0, 0, 0, 0, 0, 0, 30], "partial": [0, 0, 0, 0, 0, 0, 6],
    ...                        "total_processed": [0, 0, 0, 0, 0, 0, 48]})
    >>> r = Report(format_version="2021", table3=t3, table4=Table4.from_rows({"review": [3, 1, 0, 2, 6]}))
    >>> i = indicators(r)
    >>> i.disclosure_rate.value, i.disclosure_rate.percent(), i.disclosure_rate.small_sample
    (Fraction(3, 4), Decimal('75.0'), False)
    >>> rate = i.review_correction_rate
    >>> rate.numerator, rate.denominator, rate.value, rate.small_sample
    (1, 4, Fraction(1, 4), True)
    >>> i.denied_share.numerator is None  # the 不予公开 rows are absent
    True
    """
    rows = report.format.rows(TABLE3)
    present = {row.key for row in rows}

    def make(code: str, label: str, label_en: str, num: tuple[CellKey, ...], den: tuple[CellKey, ...]) -> Indicator:
        num = tuple(k for k in num if k.table != "table3" or k.row in present)
        return Indicator(
            code=code,
            label=label,
            label_en=label_en,
            numerator=_sum(report, num, blank_policy),
            denominator=_sum(report, den, blank_policy),
            numerator_cells=num,
            denominator_cells=den,
            small_sample_threshold=small_sample,
        )

    decided = ("upheld", "corrected", "other")
    return Indicators(
        disclosure_rate=make("disclosure_rate", "公开率", "disclosure rate", _t3("granted", "partial"), _PROCESSED),
        denied_share=make("denied_share", "不予公开占比", "share refused", _group("denied_state_secret"), _PROCESSED),
        unable_share=make(
            "unable_share", "无法提供占比", "share unable to provide", _group("unable_not_held"), _PROCESSED
        ),
        not_processed_share=make(
            "not_processed_share", "不予处理占比", "share not processed", _group("not_processed_petition"), _PROCESSED
        ),
        review_correction_rate=make(
            "review_correction_rate",
            "复议纠错率",
            "administrative review correction rate",
            _t4(("review",), "corrected"),
            _t4(("review",), *decided),
        ),
        litigation_correction_rate=make(
            "litigation_correction_rate",
            "诉讼纠错率",
            "litigation correction rate",
            _t4(_LITIGATION, "corrected"),
            _t4(_LITIGATION, *decided),
        ),
    )


def _sum(report: Report, keys: tuple[CellKey, ...], blank_policy: BlankPolicy) -> Number | None:
    if not keys:
        return None
    cells: tuple[Cell | None, ...] = tuple(report.cell(k) for k in keys)
    return sum_numbers(cells, blank_policy)
