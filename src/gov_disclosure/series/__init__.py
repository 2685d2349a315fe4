"""Checks over one agency's reports across years (format-spec §5.5), with the registered-rule machinery."""

from gov_disclosure.series.check import SERIES_RULES, check_series
from gov_disclosure.series.model import Series
from gov_disclosure.series.plausibility import Plausibility

__all__ = ["SERIES_RULES", "Plausibility", "Series", "check_series"]
