"""A series: the reports of one agency over several years, ordered by year."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from attrs import field, frozen

from gov_disclosure.model.report import Report

__all__ = ["Series"]


def _by_year(reports: Iterable[Report]) -> tuple[Report, ...]:
    items = tuple(reports)
    return tuple(sorted(items, key=lambda r: (r.report_year is None, r.report_year or 0)))


@frozen
class Series:
    """Reports of one agency, sorted by report year (reports without a year last, in the order given).

    >>> s = Series([Report(format_version="2021", report_year=2022), Report(format_version="2019", report_year=2020)])
    >>> s.years, s.missing_years
    ((2020, 2022), (2021,))
    """

    reports: tuple[Report, ...] = field(converter=_by_year)

    @property
    def years(self) -> tuple[int, ...]:
        """The distinct report years, ascending."""
        return tuple(sorted({r.report_year for r in self.reports if r.report_year is not None}))

    @property
    def missing_years(self) -> tuple[int, ...]:
        """Years between the first and the last for which there is no report."""
        years = self.years
        if not years:
            return ()
        present = set(years)
        return tuple(y for y in range(years[0], years[-1] + 1) if y not in present)

    def reports_for(self, year: int) -> tuple[Report, ...]:
        """The reports of *year* (more than one when the series has duplicates)."""
        return tuple(r for r in self.reports if r.report_year == year)

    def duplicate_years(self) -> tuple[int, ...]:
        """Years with more than one report."""
        return tuple(y for y in self.years if len(self.reports_for(y)) > 1)

    def report_for(self, year: int) -> Report | None:
        """The one report of *year*: None when there is none, or several that differ."""
        found = set(self.reports_for(year))
        return found.pop() if len(found) == 1 else None

    def consecutive(self) -> Iterator[tuple[int, Report, Report]]:
        """``(Y, report of Y−1, report of Y)`` for every Y where both years have one report (identical duplicates
        count as one)."""
        for year in self.years:
            previous, current = self.report_for(year - 1), self.report_for(year)
            if previous is not None and current is not None:
                yield year, previous, current
