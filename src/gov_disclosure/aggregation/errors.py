"""Typed errors of aggregation: inputs that cannot be summed, never problems in a report's data."""

from __future__ import annotations

from gov_disclosure.errors import GovDisclosureError

__all__ = ["AggregationError", "MixedTable2Error"]


class AggregationError(GovDisclosureError, ValueError):
    """The reports given cannot be aggregated as asked (e.g. there are none)."""


class MixedTable2Error(AggregationError):
    """Reports of the 2019 and the 2021 format both carry a 表二.

    The two 表二 forms mean different things (format-spec §3.4: "do **not** map 2019 table 二 columns onto 2021
    ones"), so they are never summed together. Aggregate the reports of each format separately, or pass
    ``include_table2=False`` to sum only 表三 and 表四.
    """

    def __init__(self, formats: dict[str, tuple[int, ...]]) -> None:
        counts = ", ".join(f"{len(indices)} of format {version}" for version, indices in sorted(formats.items()))
        super().__init__(
            f"cannot sum 表二 of reports of different formats ({counts}): the 2019 and 2021 表二 columns mean "
            "different things; aggregate each format separately or pass include_table2=False"
        )
        self.formats = formats
