"""Checks over one agency's reports across years (format-spec §5.5), with the registered-rule machinery."""

from gov_disclosure.series.check import SERIES_RULES, check_series
from gov_disclosure.series.model import Series

__all__ = ["SERIES_RULES", "Series", "check_series"]
