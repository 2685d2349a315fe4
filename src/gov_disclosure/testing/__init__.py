"""Test-data generators: consistent reports, and reports with one deliberately broken cell.

Two front ends share one implementation (:mod:`gov_disclosure.testing.generate`):

* plain generators driven by a seeded :class:`random.Random` — :func:`random_report`,
  :func:`random_broken_report` — for benchmarks and examples, with no extra dependency;
* public `Hypothesis <https://hypothesis.readthedocs.io>`_ strategies — :func:`consistent_reports`,
  :func:`broken_reports`, :func:`table3s`, :func:`cells` … — for property tests in your own code. They need the
  ``gov-disclosure[testing]`` extra and are imported lazily, so ``import gov_disclosure.testing`` works without
  Hypothesis (and ``import gov_disclosure`` never imports it).

Test scans — report pages rendered and degraded as a scanner or a phone would, bound into image-only PDFs — are
made by :mod:`gov_disclosure.testing.scans` (Pillow and numpy); :func:`degradations` draws their parameters.

>>> import random
>>> broken = random_broken_report(random.Random(3), "2019")
>>> broken.report.cell(broken.key) != broken.original
True
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from gov_disclosure.testing.generate import (
    BrokenReport,
    RandomSource,
    Source,
    break_one_cell,
    build_report,
    random_broken_report,
    random_report,
)

if TYPE_CHECKING:
    from gov_disclosure.testing.strategies import (
        broken_reports,
        cells,
        consistent_reports,
        degradations,
        format_versions,
        number_cells,
        table2_2019s,
        table2s,
        table3s,
        table4s,
    )

__all__ = [
    "BrokenReport",
    "RandomSource",
    "Source",
    "break_one_cell",
    "broken_reports",
    "build_report",
    "cells",
    "consistent_reports",
    "degradations",
    "format_versions",
    "number_cells",
    "random_broken_report",
    "random_report",
    "table2_2019s",
    "table2s",
    "table3s",
    "table4s",
]

_STRATEGIES = frozenset(name for name in __all__ if name not in globals())
"""The names of ``__all__`` not defined here: the Hypothesis strategies, imported on first use."""


def __getattr__(name: str) -> Any:
    """Import the Hypothesis strategies on first use."""
    if name in _STRATEGIES:
        return getattr(importlib.import_module("gov_disclosure.testing.strategies"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
