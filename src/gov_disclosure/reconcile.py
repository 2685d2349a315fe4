"""One problem, one finding: the findings of validating a report reconciled with the findings of reading it.

Validation looks at the report alone; reading knows why a cell has no value. When reading already said it — a
table or a row is missing, a cell could not be read — validation saying it again, cell by cell and identity by
identity, buries the one problem under twenty findings. :func:`reconcile` keeps reading's finding and drops or
gathers validation's, by their structured location (:attr:`Finding.table`, :attr:`Finding.row`,
:attr:`Finding.cells`), never by their message text:

* ``TABLE.MISSING`` for a table reading reported missing (``READ.TABLE_MISSING``) is dropped;
* ``ROW.MISSING`` for rows reading reported missing (``READ.ROW_MISSING``) is dropped;
* no ``CELL.TEXT`` is made for cells reading left undecided (``READ.UNDECIDED``, ``READ.ROW_SHORT``, and
  ``OCR.UNCERTAIN`` for a recognised number the identities do not confirm);
* an identity that is undecidable only because of such unread cells, or of rows reading reported missing, is not
  reported on its own: the identities one unread row makes undecidable are gathered into one ``ROW.UNDECIDABLE``
  finding for that row, and those that missing rows or several unread rows make undecidable into one
  ``ROW.UNDECIDABLE`` finding for the table.

The last two are decided by the validation run, told what reading said (:func:`reading_said`, handed to
:meth:`ValidationRun.start <gov_disclosure.validation.ValidationRun.start>`), so that no finding is made only to be
dropped here: the run's rules leave out what reading said, and the run keeps the identities it gathered
(:attr:`~gov_disclosure.validation.ValidationRun.gathered`) for :func:`reconcile` to report per group.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from attrs import frozen

from gov_disclosure.findings import Finding, Outcome, Severity
from gov_disclosure.model.formats import layout_of
from gov_disclosure.model.keys import CellKey
from gov_disclosure.validation import ValidationRun

__all__ = ["ReadingSaid", "reading_said", "reconcile"]

_UNREAD = frozenset({"READ.UNDECIDED", "READ.ROW_SHORT", "OCR.UNCERTAIN"})
"""Reading findings about cells left without a value because they could not be read with certainty."""


def _rows_of(finding: Finding) -> set[tuple[str, str]]:
    """The rows (table, row) of the cells *finding* names."""
    return {(cell.table, cell.row) for cell in finding.cells}


@frozen
class ReadingSaid:
    """What the findings of reading a report said about it that validation would say again."""

    missing_tables: frozenset[str | None]
    """Tables reported missing (``READ.TABLE_MISSING``)."""
    missing_rows: frozenset[tuple[str, str]]
    """Rows (table key, row key) reported missing (``READ.ROW_MISSING``)."""
    unread: frozenset[CellKey]
    """Cells reported unread (``READ.UNDECIDED``, ``READ.ROW_SHORT``, ``OCR.UNCERTAIN``)."""


def reading_said(reading: Iterable[Finding]) -> ReadingSaid:
    """What the findings of *reading* a report said (:class:`ReadingSaid`)."""
    reading = tuple(reading)
    return ReadingSaid(
        missing_tables=frozenset(f.table for f in reading if f.code == "READ.TABLE_MISSING"),
        missing_rows=frozenset((c.table, c.row) for f in reading if f.code == "READ.ROW_MISSING" for c in f.cells),
        unread=frozenset(c for f in reading if f.code in _UNREAD for c in f.cells),
    )


def _undecidable(table: str, rows: Sequence[str], gathered: Sequence[str], cells: Sequence[CellKey]) -> Finding:
    """The one finding for the identities (the codes of their rules: *gathered*) that the unread *rows* of *table*
    make undecidable (one row, or the rows an identity spans when it needs several of them)."""
    counts: dict[str, int] = {}
    for code in gathered:
        counts[code] = counts.get(code, 0) + 1
    listed = "、".join(code if n == 1 else f"{code}×{n}" for code, n in counts.items())
    layout = layout_of(table, rows[0])
    number = layout.number
    if len(rows) == 1:
        label = layout.row(rows[0]).full_label
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


def reconcile(said: ReadingSaid, checked: Iterable[Finding], run: ValidationRun) -> tuple[Finding, ...]:
    """The validation findings *checked* of a report that do not repeat what reading it *said*, and one
    ``ROW.UNDECIDABLE`` finding for each group of identities the validation *run* (started with what reading said)
    gathered (see the module's description)."""
    kept: list[Finding] = []
    for finding in checked:
        if finding.code == "TABLE.MISSING" and finding.table in said.missing_tables:
            continue
        if finding.code == "ROW.MISSING" and finding.cells and _rows_of(finding) <= said.missing_rows:
            continue
        kept.append(finding)
    found = run.identities
    keys, identities, cells_of = found.compiled.layout.keys, found.compiled.identities, found.compiled.cells
    unknown = run.cells.unknown - found.zeroed  # the positions of the cells without a usable value
    for (table, _), positions in run.gathered.items():
        held = frozenset().union(*(cells_of[position] for position in positions))  # the identities' cells
        # those without a value, in report order: the order of their positions in the run's flat view
        cells = [keys[i] for i in sorted(held & unknown)]
        codes = [identities[position].code for position in positions]
        kept.append(_undecidable(table, list(dict.fromkeys(c.row for c in cells)), codes, cells))
    return tuple(kept)
