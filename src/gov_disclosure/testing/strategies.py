"""Hypothesis strategies for reports, tables and cells (needs the ``gov-disclosure[testing]`` extra).

Every strategy draws through :mod:`gov_disclosure.testing.generate`, the same code that
:func:`~gov_disclosure.testing.random_report` uses, so the arithmetic exists once.

>>> from hypothesis import given
>>> @given(consistent_reports("2019"))
... def check(report):
...     assert report.table3.other_processing is not None
>>> check()
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, TypeVar

from attrs import frozen
from hypothesis import strategies as st

from gov_disclosure.model.cells import Cell
from gov_disclosure.model.formats import format_specs
from gov_disclosure.model.report import Report
from gov_disclosure.model.tables import Table2, Table2_2019, Table3, Table4
from gov_disclosure.model.versions import FormatVersion
from gov_disclosure.testing.generate import (
    BrokenReport,
    Source,
    break_one_cell,
    build_report,
    build_table2,
    build_table2_2019,
    build_table3,
    build_table4,
)

if TYPE_CHECKING:
    from gov_disclosure.testing.scans import Degradation

__all__ = [
    "broken_reports",
    "cells",
    "consistent_reports",
    "degradations",
    "format_versions",
    "number_cells",
    "table2_2019s",
    "table2s",
    "table3s",
    "table4s",
]

T = TypeVar("T")

_NA_MARKS = ("/", "-", "—", "无", "／")
_TEXTS = ("898989", "约 12", "见附件", "1 2")


@frozen
class _DrawSource:
    """A :class:`~gov_disclosure.testing.generate.Source` that draws from Hypothesis."""

    draw: st.DrawFn

    def integer(self, low: int, high: int) -> int:
        """An integer with ``low <= n <= high``, shrinking towards *low*."""
        return self.draw(st.integers(low, high))


def format_versions() -> st.SearchStrategy[FormatVersion]:
    """The names of the registered format versions (``"2019"``, ``"2021"`` and any registered since)."""
    return st.sampled_from([spec.name for spec in format_specs()])


def _from_source(build: Callable[[Source], T]) -> st.SearchStrategy[T]:
    @st.composite
    def strategy(draw: st.DrawFn) -> T:
        return build(_DrawSource(draw))

    return strategy()


def consistent_reports(format_version: FormatVersion | None = None) -> st.SearchStrategy[Report]:
    """Reports with all three tables filled with numbers that satisfy every identity of format-spec §5.

    Either format when *format_version* is None. Counts are sometimes all zero, sometimes in the
    thousands; money is an exact ``Decimal`` with 0–2 decimals (2021 本年收费金额, 2019 采购总金额 with an
    optional in-cell unit); 2019 本年增/减 is signed. Agency and report year are unset or consistent with the
    format; narrative sections are unset or short text.
    """
    return _from_source(lambda src: build_report(src, format_version))


def broken_reports(
    format_version: FormatVersion | None = None, *, tables: tuple[str, ...] = ("table3", "table4")
) -> st.SearchStrategy[BrokenReport]:
    """A :func:`consistent_reports` report with exactly one number cell of *tables* changed.

    Yields a :class:`~gov_disclosure.testing.BrokenReport`: the changed report, the key of the changed
    cell and the original cell.
    """
    return _from_source(lambda src: break_one_cell(src, build_report(src, format_version), tables))


def table2s() -> st.SearchStrategy[Table2]:
    """2021 表二 tables with every cell a number."""
    return _from_source(build_table2)


def table2_2019s() -> st.SearchStrategy[Table2_2019]:
    """2019 表二 tables with every cell a number."""
    return _from_source(build_table2_2019)


def table3s(format_version: FormatVersion = "2021") -> st.SearchStrategy[Table3]:
    """Consistent 表三 tables with the rows of *format_version*."""
    return _from_source(lambda src: build_table3(src, format_version))


def table4s() -> st.SearchStrategy[Table4]:
    """Consistent 表四 tables."""
    return _from_source(build_table4)


def number_cells(*, max_value: int = 10_000, money: bool = False) -> st.SearchStrategy[Cell]:
    """Number cells: non-negative ints, or non-negative Decimals with 0–2 decimals when *money*."""
    if money:
        amounts = st.builds(
            lambda n, places: Decimal(n).scaleb(-places), st.integers(0, max_value * 100), st.integers(0, 2)
        )
        return amounts.map(Cell.of)
    return st.integers(0, max_value).map(Cell.of)


def cells() -> st.SearchStrategy[Cell]:
    """Any cell a reader can produce: numbers, zeros, blanks, not-applicable marks, unreadable text."""
    return st.one_of(
        number_cells(),
        st.just(Cell.of(0)),
        st.just(Cell.blank()),
        st.sampled_from(_NA_MARKS).map(Cell.not_applicable),
        st.sampled_from(_TEXTS).map(Cell.text),
    )


def degradations(*, max_rotation: float = 1.5) -> st.SearchStrategy[Degradation]:
    """Scanner and phone degradations (:class:`~gov_disclosure.testing.scans.Degradation`) within what a reader of
    scans must survive (issue 17): 150–300 dpi, greyscale or colour, a rotation of at most *max_rotation* degrees
    either way, a blur of at most 1.2 pixels, JPEG at quality 60–95 or none, speckle on at most 0.1 % of the pixels,
    uneven light dimming at most 30 %, with or without a seal. Needs Pillow and numpy (the ``testing`` extra).
    """
    from gov_disclosure.testing.scans import Degradation

    return st.builds(
        Degradation,
        dpi=st.integers(150, 300),
        greyscale=st.booleans(),
        rotation_degrees=st.floats(-max_rotation, max_rotation, allow_nan=False),
        blur_radius=st.floats(0.0, 1.2, allow_nan=False),
        jpeg_quality=st.none() | st.integers(60, 95),
        speckle=st.floats(0.0, 0.001, allow_nan=False),
        shading=st.floats(0.0, 0.3, allow_nan=False),
        stamp=st.booleans(),
        seed=st.integers(0, 2**32 - 1),
    )
