"""What the check report shows, worked out before the template sees it: the index rows, and per report the three
tables laid out as the official form (:func:`~gov_disclosure.render.form_grid.form_grid`) with each cell's look.

A value cell's look says what the cell holds and what the findings say about it:

* a number as printed; a blank (``空白``), a cell the report does not print (``未印出``), a cell that cannot be read
  as a number with certainty (its printed text, struck through, ``无法确定``) and a value completed from an
  identity (``补全``) each with a class and a visible note of their own;
* a cell that findings name: the class of the worst severity among them, the findings in its tooltip, their codes
  in ``data-codes``; the culprit cell of a failing identity (``CULPRIT``) also shows its corrected value
  (``应为 25``), each candidate of an ambiguous culprit the value it would need.

The template only loops over these values: no decision is taken in it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from attrs import frozen

from gov_disclosure.findings import Finding, Severity, worst_severity
from gov_disclosure.loader import ReadResult
from gov_disclosure.model.cells import Cell, CellKind, Number
from gov_disclosure.model.keys import CellKey
from gov_disclosure.render.form_grid import GRID, Box, CellPlace, FormGrid, findings_by_place, form_grid
from gov_disclosure.validation.culprit import CULPRIT

__all__ = [
    "CellView",
    "FindingView",
    "IndexRow",
    "ReportView",
    "TableView",
    "cell_id",
    "report_view",
    "severity_class",
]

_NO_FINDING = "none"
_UNREADABLE = "unreadable"


def severity_class(severity: Severity | None) -> str:
    """The CSS class (and filter value) of a worst severity: ``none`` when there is no finding.

    >>> severity_class(Severity.INCONSISTENCY), severity_class(None)
    ('inconsistency', 'none')
    """
    return _NO_FINDING if severity is None else severity.name.lower()


def cell_id(report_id: str, place: CellPlace) -> str:
    """The HTML id of a value cell: ``r3-table3.granted.total``.

    >>> cell_id("r3", ("table3", "granted", "total"))
    'r3-table3.granted.total'
    """
    return f"{report_id}-{'.'.join(part for part in place if part)}"


@frozen(kw_only=True)
class CellView:
    """One ``<td>``: its span, classes, what it shows, a visible note, a tooltip and the codes naming it."""

    rowspan: int = 1
    colspan: int = 1
    classes: str = ""
    text: str = ""
    struck: bool = False
    """Show *text* struck through (a value a finding says is wrong, text that is no number)."""
    note: str = ""
    title: str = ""
    codes: str = ""
    id: str = ""


@frozen(kw_only=True)
class TableView:
    """One table: its heading and its rows of cells, laid out on the form's grid."""

    key: str
    heading: str
    rows: tuple[tuple[CellView, ...], ...]
    columns: int = GRID


@frozen(kw_only=True)
class FindingView:
    """One finding as listed: severity, code, messages, the cells it names (with their ids) and what it cites."""

    severity: str
    severity_zh: str
    code: str
    message: str
    message_en: str
    cells: tuple[tuple[str, str], ...]
    """``(cell key, HTML id)`` of each cell named; the id is empty when the form has no such cell."""
    evidence: str | None
    narrative: bool


@frozen(kw_only=True)
class IndexRow:
    """One line of the index: a report, or a file that could not be read."""

    id: str
    file: str
    agency: str
    year: str
    format: str
    worst: str
    """:func:`severity_class` of the worst finding, or ``unreadable``."""
    worst_zh: str
    rank: int
    """For sorting by severity: 0 none … 4 ERROR, 5 unreadable."""
    counts: tuple[int, int, int, int]
    """Findings by severity: INFO, WARNING, INCONSISTENCY, ERROR."""
    codes: tuple[str, ...]


@frozen(kw_only=True)
class ReportView:
    """One report of the check report (or one file that could not be read: :attr:`error` set, no tables)."""

    index: IndexRow
    title: str = ""
    format_zh: str = ""
    tables: tuple[TableView, ...] = ()
    findings: tuple[FindingView, ...] = ()
    error: str | None = None


_RANK = {None: 0, Severity.INFO: 1, Severity.WARNING: 2, Severity.INCONSISTENCY: 3, Severity.ERROR: 4}


def _shown(value: Number) -> str:
    return f"{value:,}" if isinstance(value, int) else str(value)


def _corrections(findings: Iterable[Finding]) -> dict[CellKey, Number]:
    """The corrected value a culprit finding gives each cell it names."""
    out: dict[CellKey, Number] = {}
    for finding in findings:
        if finding.code != CULPRIT or not finding.cells:
            continue
        if len(finding.cells) == 1 and finding.expected is not None:
            out[finding.cells[0]] = finding.expected
        elif len(finding.candidates) == len(finding.cells):
            out.update(zip(finding.cells, finding.candidates, strict=True))
    return out


def _cell_state(cell: Cell | None) -> tuple[str, str, str, bool, str]:
    """``(class, text, note, struck, tooltip)`` of a value cell from what it holds."""
    if cell is None:
        return "absent", "", "", False, "本报告没有这一行 · the report has no such row"
    if cell.kind is CellKind.NOT_PRINTED:
        return "not-printed", "", "未印出", False, "报告未印出这一格 · not printed in the report"
    if cell.kind is CellKind.BLANK:
        return "blank", "", "空白", False, "空白：未填写，不计为0 · blank: nothing printed, not zero"
    if cell.kind is CellKind.TEXT:
        return "undecidable", cell.raw, "无法确定", True, f"无法确定数值，原文：{cell.raw} · not a certain number"
    if cell.kind is CellKind.NOT_APPLICABLE:
        return "not-applicable", cell.raw, "", False, f"不适用标记：{cell.raw} · not-applicable mark"
    assert cell.value is not None
    if cell.completed_from is not None:
        tip = f"未印出，由勾稽关系补全：{cell.completed_from} · completed from an identity"
        return "completed", _shown(cell.value), "补全", False, tip
    tip = f"原文：{cell.raw}" if cell.raw and cell.raw != str(cell.value) else ""
    return "value", _shown(cell.value), "", False, tip


def _value_view(
    report_id: str, box: Box, named: Sequence[Finding], corrections: dict[CellKey, Number]
) -> CellView:
    place = box.place
    state, text, note, struck, tip = _cell_state(box.cell) if place is not None else ("value", "", "", False, "")
    classes = [state]
    worst = worst_severity(list(named))
    if worst is not None:
        classes += ["flagged", f"sev-{severity_class(worst)}"]
        tips = [tip] if tip else []
        tips += [f"【{f.severity.label_zh}】{f.code}：{f.message}\n{f.message_en}" for f in named]
        tip = "\n".join(tips)
    if place is not None:
        corrected = corrections.get(CellKey(*place))
        if corrected is not None:
            classes.append("culprit")
            note = f"应为 {_shown(corrected)}"
            struck = True
    return CellView(
        colspan=box.columns,
        rowspan=box.rows,
        classes=" ".join(classes),
        text=text,
        struck=struck,
        note=note,
        title=tip,
        codes=" ".join(dict.fromkeys(f.code for f in named)),
        id=cell_id(report_id, place) if place is not None else "",
    )


def _box_view(
    report_id: str, box: Box, named: dict[CellPlace, list[Finding]], fixes: dict[CellKey, Number]
) -> CellView:
    found = named.get(box.place, []) if box.place is not None else []
    if box.text is None:
        return _value_view(report_id, box, found, fixes)
    classes: list[str] = [box.style]
    if found:
        classes += ["flagged", f"sev-{severity_class(worst_severity(found))}"]
    return CellView(
        colspan=box.columns,
        rowspan=box.rows,
        classes=" ".join(classes),
        text=box.text,
        title="\n".join(f"【{f.severity.label_zh}】{f.code}：{f.message}\n{f.message_en}" for f in found),
        codes=" ".join(dict.fromkeys(f.code for f in found)),
        id=cell_id(report_id, box.place) if box.place is not None else "",
    )


def _table_rows(
    report_id: str, boxes: Sequence[Box], named: dict[CellPlace, list[Finding]], fixes: dict[CellKey, Number]
) -> tuple[tuple[CellView, ...], ...]:
    """The ``<tr>`` of a table: each grid row's boxes starting in it, empty cells where no box covers the grid."""
    first, last = min(b.row for b in boxes), max(b.last_row for b in boxes)
    width = max(GRID, max(b.last_column for b in boxes))
    starts = {(b.row, b.column): b for b in boxes}
    covered = {(r, c) for b in boxes for r in range(b.row, b.last_row + 1) for c in range(b.column, b.last_column + 1)}
    rows: list[tuple[CellView, ...]] = []
    for r in range(first, last + 1):
        cells: list[CellView] = []
        for c in range(1, width + 1):
            box = starts.get((r, c))
            if box is not None:
                cells.append(_box_view(report_id, box, named, fixes))
            elif (r, c) not in covered:
                cells.append(CellView(classes="gap"))
        rows.append(tuple(cells))
    return tuple(rows)


def _tables(report_id: str, grid: FormGrid, findings: Sequence[Finding]) -> tuple[TableView, ...]:
    named = findings_by_place(findings)
    fixes = _corrections(findings)
    views = []
    for table in dict.fromkeys(b.table for b in grid.boxes if b.table is not None):
        boxes = grid.of_table(table)
        heading = next(b.text or "" for b in boxes if b.style == "heading")
        body = [b for b in boxes if b.style != "heading"]
        views.append(TableView(key=table, heading=heading, rows=_table_rows(report_id, body, named, fixes)))
    return tuple(views)


def _finding_view(report_id: str, finding: Finding, places: set[CellPlace]) -> FindingView:
    cells = tuple(
        (str(k), cell_id(report_id, (k.table, k.row, k.column)) if (k.table, k.row, k.column) in places else "")
        for k in finding.cells
    )
    return FindingView(
        severity=severity_class(finding.severity),
        severity_zh=finding.severity.label_zh,
        code=finding.code,
        message=finding.message,
        message_en=finding.message_en,
        cells=cells,
        evidence=finding.evidence,
        narrative=finding.code.startswith("NARR."),
    )


def _index(report_id: str, file: str, result: ReadResult | None) -> IndexRow:
    if result is None:
        return IndexRow(
            id=report_id, file=file, agency="", year="", format="", worst=_UNREADABLE, worst_zh="无法读取",
            rank=5, counts=(0, 0, 0, 0), codes=(),
        )  # fmt: skip
    report, findings = result.report, result.findings
    worst = worst_severity(findings)
    info, warning, inconsistency, error = (sum(f.severity is s for f in findings) for s in Severity)
    return IndexRow(
        id=report_id,
        file=file,
        agency=report.agency or "",
        year="" if report.report_year is None else str(report.report_year),
        format=report.format_version,
        worst=severity_class(worst),
        worst_zh="无问题" if worst is None else worst.label_zh,
        rank=_RANK[worst],
        counts=(info, warning, inconsistency, error),
        codes=tuple(sorted({f.code for f in findings})),
    )


def report_view(report_id: str, file: str, result: ReadResult | str) -> ReportView:
    """What the check report shows of *file*: its *result*, or the message saying why it could not be read."""
    if isinstance(result, str):
        return ReportView(index=_index(report_id, file, None), error=result)
    grid = form_grid(result.report)
    places = set(grid.places())
    order = sorted(result.findings, key=lambda f: -f.severity)
    return ReportView(
        index=_index(report_id, file, result),
        title=result.report.title,
        format_zh=result.report.format.title_zh,
        tables=_tables(report_id, grid, result.findings),
        findings=tuple(_finding_view(report_id, f, places) for f in order),
    )

