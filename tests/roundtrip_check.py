"""The round-trip verdict shared by the text and PDF round-trip tests (issue 4).

"For any consistent report and any damage the reader must either reproduce the report exactly or flag the cells it
could not decide — never return a wrong value." A cell is *flagged* when it is unreadable (a TEXT cell, or its row is
absent) and a reading finding names it: ``READ.UNDECIDED`` (with candidates), ``READ.ROW_SHORT`` (a row printing
fewer values than columns) or ``READ.ROW_MISSING``.
"""

from __future__ import annotations

from gov_disclosure.loader import ReadResult
from gov_disclosure.model import CellKind, Report

FLAGS = frozenset({"READ.UNDECIDED", "READ.ROW_SHORT", "READ.ROW_MISSING", "READ.ROW_NOT_PRINTED"})
"""Findings that flag a cell the reader could not decide."""


def problems(original: Report, result: ReadResult) -> list[str]:
    """Every cell of *original* that *result* reads wrong, loses without a flag, or leaves unreadable unflagged."""
    got = result.report
    if got.format_version != original.format_version:
        return [f"format {got.format_version} != {original.format_version}"]
    flagged = {cell for finding in result.findings if finding.code in FLAGS for cell in finding.cells}
    out = []
    for entry in original.iter_cells():
        cell = got.cell(entry.key)
        if cell is None or cell.kind in (CellKind.TEXT, CellKind.NOT_PRINTED):
            if entry.key not in flagged:
                out.append(f"{entry.key}: {'lost' if cell is None else 'unreadable'} without a flag")
        elif (cell.kind, cell.value) != (entry.cell.kind, entry.cell.value):
            out.append(f"{entry.key}: read {cell!s} ({cell.kind.name}), printed {entry.cell!s}")
    return out
