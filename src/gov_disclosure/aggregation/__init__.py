"""Aggregate many reports into one, and compare a reported parent with the sum of its children."""

from gov_disclosure.aggregation.aggregate import UNKNOWN_SUM, Aggregate, aggregate, input_label
from gov_disclosure.aggregation.completeness import CellCompleteness, Completeness, GapReason
from gov_disclosure.aggregation.errors import AggregationError, MixedTable2Error
from gov_disclosure.aggregation.parent import CellDifference, DifferenceKind, ParentComparison, compare_parent
from gov_disclosure.aggregation.values import cell_number, sum_numbers

__all__ = [
    "UNKNOWN_SUM",
    "Aggregate",
    "AggregationError",
    "CellCompleteness",
    "CellDifference",
    "Completeness",
    "DifferenceKind",
    "GapReason",
    "MixedTable2Error",
    "ParentComparison",
    "aggregate",
    "cell_number",
    "compare_parent",
    "input_label",
    "sum_numbers",
]
