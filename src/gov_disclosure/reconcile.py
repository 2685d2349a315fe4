"""One problem, one finding: the findings of validating a report reconciled with the findings of reading it.

Validation looks at the report alone; reading knows why a cell has no value. When reading already said it — a
table or a row is missing, a cell could not be read — validation saying it again, cell by cell and identity by
identity, buries the one problem under twenty findings. :func:`reconcile` keeps reading's finding and drops or
gathers validation's, by their structured location (:attr:`Finding.table`, :attr:`Finding.row`,
:attr:`Finding.cells`), never by their message text:

* ``TABLE.MISSING`` for a table reading reported missing (``READ.TABLE_MISSING``) is dropped;
* ``ROW.MISSING`` for rows reading reported missing (``READ.ROW_MISSING``) is dropped;
* ``CELL.TEXT`` on cells reading left undecided (``READ.UNDECIDED``, ``READ.ROW_SHORT``) is dropped;
* an identity that is undecidable only because of such unread cells, or of rows reading reported missing, is not
  reported on its own: the identities one unread row makes undecidable are gathered into one ``ROW.UNDECIDABLE``
  finding for that row, and those that missing rows or several unread rows make undecidable into one
  ``ROW.UNDECIDABLE`` finding for the table.
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


def _undecidable(table: str, rows: Sequence[str], gathered: Sequence[Finding], cells: Sequence[CellKey]) -> Finding:
    """The one finding for the identities that the unread *rows* of *table* make undecidable (one row, or the rows
    an identity spans when it needs several of them)."""
    counts: dict[str, int] = {}
    for finding in gathered:
        counts[finding.code] = counts.get(finding.code, 0) + 1
    listed = "、".join(code if n == 1 else f"{code}×{n}" for code, n in counts.items())
    number = layout_of(table, rows[0]).number
    if len(rows) == 1:
        label = layout_of(table, rows[0]).row(rows[0]).full_label
        what, what_en = f"表{number}「{label}」行的数值未能读取，涉及该行", f"{table}.{rows[0]} could not be read"
    else:
        what = f"表{number}有{len(rows)}行的数值未能读取，涉及这些行"
        what_en = f"{len(rows)} rows of {table} could not be read ({', '.join(rows)})"
    return Finding(
        code="ROW.UNDECIDABLE",
        severity=Severity.WARNING,
        outcome=Outcome.UNDECIDABLE,
        message=f"{what}的{len(gathered)}项核对无法判断（{listed}）。",
        message_en=f"{what_en}, so {len(gathered)} checks that involve {'it' if len(rows) == 1 else 'them'} cannot "
        f"be decided ({listed.replace('、', ', ')}).",
        cells=tuple(cells),
        table=table,
        row=rows[0] if len(rows) == 1 else None,
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
    gathered: dict[tuple[str, tuple[str, ...]], list[Finding]] = {}
    for finding in checked:
        if finding.code == "TABLE.MISSING" and finding.table in missing_tables:
            continue
        if finding.code == "ROW.MISSING" and finding.cells and _rows_of(finding) <= missing_rows:
            continue
        if unread and finding.code == "CELL.TEXT" and finding.cells and set(finding.cells) <= unread:
            continue
        if (unread or missing_rows) and finding.outcome is Outcome.UNDECIDABLE:
            unknown = [cell for cell in finding.cells if cell in valueless]
            if unknown and all(c in unread or (c.table, c.row) in missing_rows for c in unknown):
                table = unknown[0].table
                rows = tuple(dict.fromkeys(c.row for c in unknown))
                if all(c.table == table for c in unknown):
                    # one unread row: its own finding; missing rows, or identities across rows: one for the table
                    alone = len(rows) == 1 and (table, rows[0]) not in missing_rows
                    gathered.setdefault((table, rows if alone else ()), []).append(finding)
                    continue
        kept.append(finding)
    for (table, _), findings in gathered.items():
        valueless_cells = {c for f in findings for c in f.cells if c in valueless}
        spec = layout_of(table, next(iter(valueless_cells)).row)
        order = {row.key: i for i, row in enumerate(spec.rows)}
        columns = {row.key: [c.key for c in row.columns] for row in spec.rows}
        cells = sorted(valueless_cells, key=lambda c: (order[c.row], columns[c.row].index(c.column)))
        kept.append(_undecidable(table, list(dict.fromkeys(c.row for c in cells)), findings, cells))
    return tuple(kept)
