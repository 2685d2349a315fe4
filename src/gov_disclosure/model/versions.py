"""The national report formats."""

from __future__ import annotations

from typing import Literal, get_args

__all__ = ["FORMAT_VERSIONS", "FormatVersion", "default_format_for_year"]

FormatVersion = Literal["2019", "2021"]
"""``"2019"``: 国办公开办函〔2019〕60号 试行 format (report years 2019–2020);
``"2021"``: 国办公开办函〔2021〕30号 format (report years 2021 on)."""

FORMAT_VERSIONS: tuple[FormatVersion, ...] = get_args(FormatVersion)
"""All supported format versions, oldest first."""


def default_format_for_year(report_year: int) -> FormatVersion | None:
    """The format a report for *report_year* is expected to use (format-spec §7), or None before 2019.

    >>> default_format_for_year(2020), default_format_for_year(2022), default_format_for_year(2018)
    ('2019', '2021', None)
    """
    if report_year < 2019:
        return None
    return "2019" if report_year <= 2020 else "2021"
