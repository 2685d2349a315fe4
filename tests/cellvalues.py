"""Test helpers: read a cell of a report by key without Optional plumbing."""

from __future__ import annotations

from typing import Any

from gov_disclosure.model import Cell, Report


def cell(report: Report, key: str) -> Cell:
    """The cell at *key* (``table3.granted.total``); fails the test when its table or row is absent."""
    found = report.cell(key)
    assert found is not None, f"{key} is absent"
    return found


def value(report: Report, key: str) -> Any:
    """The value of the cell at *key* (None for a blank, a mark or text)."""
    return cell(report, key).value
