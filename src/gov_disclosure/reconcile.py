"""One problem, one finding: the findings of validating a report reconciled with the findings of reading it.

Validation looks at the report alone; reading knows why a cell has no value. When reading already said it — a
table or a row is missing, a cell could not be read — validation saying it again, cell by cell and identity by
identity, buries the one problem under twenty findings. :func:`reconcile` keeps reading's finding and drops or
gathers validation's, by their structured location (:attr:`Finding.table`, :attr:`Finding.row`,
:attr:`Finding.cells`), never by their message text:

* ``TABLE.MISSING`` for a table reading reported missing (``READ.TABLE_MISSING``) is dropped;
* ``ROW.MISSING`` for rows reading reported missing (``READ.ROW_MISSING``) is dropped;
* ``CELL.TEXT`` on cells reading left undecided (``READ.UNDECIDED``, ``READ.ROW_SHORT``) is dropped;
* an identity that is undecidable only because of such unread cells is not reported on its own: the identities
  each unread row makes undecidable are gathered into one ``ROW.UNDECIDABLE`` finding for that row.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from gov_disclosure.findings import Finding, Outcome, Severity
from gov_disclosure.model.formats import layout_of
from gov_disclosure.model.keys import CellKey

__all__ = ["reconcile"]

_UNREAD = frozenset({"READ.UNDECIDED", "READ.ROW_SHORT"})
"""Reading findings about cells left without a value because they could not be read with certainty."""


def _rows_of(finding: Finding) -> set[tuple[str, str]]:
    """The rows (table, row) of the cells *finding* names."""
    return {(cell.table, cell.row) for cell in finding.cells}


def _row_undecidable(table: str, row: str, gathered: Sequence[Finding], unread: Sequence[CellKey]) -> Finding:
    """The one finding for the identities that the unread cells of *row* make undecidable."""
    spec = layout_of(table, row)
    label = spec.row(row).full_label
    counts: dict[str, int] = {}
    for finding in gathered:
        counts[finding.code] = counts.get(finding.code, 0) + 1
    listed = "、".join(code if n == 1 else f"{code}×{n}" for code, n in counts.items())
    return Finding(
        code="ROW.UNDECIDABLE",
        severity=Severity.WARNING,
        outcome=Outcome.UNDECIDABLE,
        message=f"表{spec.number}「{label}」行的数值未能读取，涉及该行的{len(gathered)}项核对无法判断（{listed}）。",
        message_en=f"{table}.{row} could not be read, so {len(gathered)} checks that involve it cannot be decided "
        f"({listed.replace('、', ', ')}).",
        cells=tuple(unread),
        table=table,
        row=row,
        evidence=listed,
    )


def reconcile(
    reading: Sequence[Finding], checked: Iterable[Finding], valueless: frozenset[CellKey]
) -> tuple[Finding, ...]:
    """The validation findings *checked* of a report that do not repeat what the findings of *reading* it say,
    with the identities made undecidable by unread cells gathered per row (see the module's description).

    *valueless* are the report's cells without a value (what an undecidable identity could not be decided on:
    :attr:`~gov_disclosure.validation.ValidationRun.unknown_cells`)."""
    missing_tables = {f.table for f in reading if f.code == "READ.TABLE_MISSING"}
    missing_rows = {(c.table, c.row) for f in reading if f.code == "READ.ROW_MISSING" for c in f.cells}
    unread = {c for f in reading if f.code in _UNREAD for c in f.cells}
    kept: list[Finding] = []
    gathered: dict[tuple[str, str], list[Finding]] = {}
    for finding in checked:
        if finding.code == "TABLE.MISSING" and finding.table in missing_tables:
            continue
        if finding.code == "ROW.MISSING" and finding.cells and _rows_of(finding) <= missing_rows:
            continue
        if unread and finding.code == "CELL.TEXT" and finding.cells and set(finding.cells) <= unread:
            continue
        if unread and finding.outcome is Outcome.UNDECIDABLE and not unread.isdisjoint(finding.cells):
            unknown = [cell for cell in finding.cells if cell in valueless]
            rows = {(c.table, c.row) for c in unknown}
            if unknown and len(rows) == 1 and set(unknown) <= unread:
                gathered.setdefault(rows.pop(), []).append(finding)
                continue
        kept.append(finding)
    for (table, row), findings in gathered.items():
        columns = [c.key for c in layout_of(table, row).row(row).columns]
        cells = sorted((c for c in unread if (c.table, c.row) == (table, row)), key=lambda c: columns.index(c.column))
        kept.append(_row_undecidable(table, row, findings, cells))
    return tuple(kept)
