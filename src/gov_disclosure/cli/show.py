"""``gov-disclosure show FILE``: the tables of a report as readable Chinese tables in the terminal (rich), each cell
a finding names marked by the worst severity among those findings; then the findings.

A cell shows what the report printed: a number; ``空白`` for a blank cell (nothing printed: not zero); ``未列出``
for a cell of a row the report's table does not print; ``？`` and the text as printed for a cell that cannot be
read with certainty (no value is guessed); a not-applicable mark as printed (``/``); a value completed from an
accounting identity followed by ``*``. rich is imported when the command runs, never when the CLI is imported.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import groupby
from typing import TYPE_CHECKING

import click

from gov_disclosure.cli.findings_output import exit_code, findings_table
from gov_disclosure.cli.reading import read_or_fail
from gov_disclosure.cli.usage import BadUsage, UnreadableInputCommand
from gov_disclosure.findings import Finding, Severity
from gov_disclosure.model.cells import Cell, CellKind
from gov_disclosure.model.keys import CellKey
from gov_disclosure.model.layout import RowSpec

if TYPE_CHECKING:
    from rich.table import Table as RichTable
    from rich.text import Text

    from gov_disclosure.loader import ReadResult

__all__ = ["MARKS", "cell_text", "corrections", "flagged_cells", "show", "table_views"]

MARKS: dict[Severity, tuple[str, str]] = {
    Severity.INFO: ("ⁱ", "cyan"),
    Severity.WARNING: ("?", "yellow"),
    Severity.INCONSISTENCY: ("!", "bold magenta"),
    Severity.ERROR: ("‼", "bold red"),
}
"""The mark after a flagged cell's text and its colour, by the worst severity of the findings naming the cell."""

_KIND_STYLE = {CellKind.BLANK: "dim", CellKind.NOT_PRINTED: "dim italic", CellKind.TEXT: "red"}


def flagged_cells(findings: Sequence[Finding]) -> dict[CellKey, Severity]:
    """Each cell some finding names, with the worst severity among those findings.

    >>> from gov_disclosure.model import CellKey
    >>> key = CellKey("table4", "review", "total")
    >>> flagged_cells([Finding(code="A", severity=Severity.INFO, message="", message_en="", cells=(key,)),
    ...                Finding(code="B", severity=Severity.ERROR, message="", message_en="", cells=(key,))])
    {CellKey(table='table4', row='review', column='total'): <Severity.ERROR: 40>}
    """
    flagged: dict[CellKey, Severity] = {}
    for finding in findings:
        for key in finding.cells:
            flagged[key] = max(flagged.get(key, finding.severity), finding.severity)
    return flagged


def corrections(findings: Sequence[Finding]) -> dict[CellKey, str]:
    """The value each culprit cell should have, as the ``CULPRIT`` finding naming it alone says."""
    return {
        finding.cells[0]: str(finding.expected)
        for finding in findings
        if finding.code == "CULPRIT" and len(finding.cells) == 1 and finding.expected is not None
    }


def cell_text(cell: Cell | None) -> str:
    """What the terminal shows for *cell* (None: the row is not in the table as read).

    >>> from gov_disclosure.model.cells import Cell
    >>> [cell_text(c) for c in (Cell.of(12), Cell.blank(), Cell.completed(0, "T3.X"), None)]
    ['12', '空白', '0*', '未列出']
    """
    if cell is None or cell.kind is CellKind.NOT_PRINTED:
        return "未列出"
    if cell.kind is CellKind.BLANK:
        return "空白"
    if cell.kind is CellKind.TEXT:
        return f"？{cell.raw}"
    if cell.kind is CellKind.NOT_APPLICABLE:
        return cell.raw or "/"
    return f"{cell.value}{'*' if cell.completed_from else ''}"


def _styled(key: CellKey, cell: Cell | None, flagged: dict[CellKey, Severity], corrected: dict[CellKey, str]) -> Text:
    from rich.text import Text

    text = Text(cell_text(cell), style=_KIND_STYLE.get(cell.kind, "") if cell is not None else "dim italic")
    severity = flagged.get(key)
    if severity is not None:
        mark, style = MARKS[severity]
        text.append(mark, style=style)
        text.stylize(style)
    if key in corrected:
        text.append(f"→{corrected[key]}", style="bold green")
    return text


def _blocks(rows: Sequence[RowSpec]) -> Iterator[list[RowSpec]]:
    """The rows in runs that share their columns (表二's blocks: documents, decisions, fees)."""
    for _columns, run in groupby(rows, key=lambda row: tuple(column.key for column in row.columns)):
        yield list(run)


def table_views(result: ReadResult) -> list[RichTable]:
    """The tables of *result*'s report as rich tables, flagged cells marked."""
    from rich import box
    from rich.table import Table

    flagged = flagged_cells(result.findings)
    corrected = corrections(result.findings)
    views: list[Table] = []
    report = result.report
    for spec, table in report.tables():
        present = {row_key for row_key, _column, _cell in table.iter_cells()}
        rows = _unique([row for row in spec.rows if row.key in present])
        for number, block in enumerate(_blocks(rows)):
            title = f"表{spec.number} {spec.title}" if number == 0 else None
            view = Table(title=title, box=box.SIMPLE_HEAD, title_justify="left", pad_edge=False, collapse_padding=True)
            view.add_column("", ratio=1, min_width=12, overflow="fold")
            for column in block[0].columns:
                view.add_column(column.label, justify="right", max_width=13, overflow="fold")
            group: str | None = None
            for row in block:
                if row.group != group and row.group is not None:
                    view.add_row(row.group, style="bold")
                group = row.group
                label = row.label if row.group is None else f"  {row.label}"
                cells = [
                    _styled(CellKey(spec.key, row.key, column.key), table.cell(row.key, column.key), flagged, corrected)
                    for column in row.columns
                ]
                view.add_row(label, *cells)
            views.append(view)
    return views


def _unique(rows: Sequence[RowSpec]) -> list[RowSpec]:
    seen: set[str] = set()
    out: list[RowSpec] = []
    for row in rows:
        if row.key not in seen:
            seen.add(row.key)
            out.append(row)
    return out


def _legend() -> str:
    marks = "  ".join(f"{mark} {severity.name} {severity.label_zh}" for severity, (mark, _style) in MARKS.items())
    return (
        f"cells a finding names (问题单元格): {marks}  ·  →N the value the culprit cell should have (应为)\n"
        "* completed from an identity (由勾稽关系补全) · 空白 blank: nothing printed, not zero · "
        "未列出 not printed: the table has no such row · ？ cannot be read with certainty (无法确定)"
    )


@click.command("show", cls=UnreadableInputCommand)
@click.argument("file", required=False, type=click.Path(dir_okay=False, allow_dash=False))
@click.option("--example", is_flag=True, help="Show the bundled example report (淮安市人民政府 2024).")
@click.option("--no-findings", is_flag=True, help="Show only the tables, not the findings below them.")
def show(file: str | None, example: bool, no_findings: bool) -> None:
    """Show the tables of the report FILE (any readable form) as Chinese tables, flagged cells marked.

    The exit code tells the worst finding: 0 none/INFO, 1 WARNING, 2 INCONSISTENCY, 3 ERROR, 4 unreadable.
    """
    from rich.console import Console

    if example == (file is not None):
        raise BadUsage("give either FILE or --example")
    from gov_disclosure.examples import example_report_text
    from gov_disclosure.loader import read_text

    result = read_text(example_report_text()) if file is None else read_or_fail(file)
    report = result.report
    console = Console()
    if not console.is_terminal:  # a file or a pipe: wide enough for 表三's seven columns and its labels
        console = Console(width=120)
    console.print(
        f"{report.agency or '(agency not found)'} · {report.report_year or '(year not found)'} · "
        f"format {report.format_version} · {len(result.findings)} findings",
        style="bold",
        markup=False,
    )
    for view in table_views(result):
        console.print(view)
    console.print(_legend(), markup=False)
    if not no_findings and result.findings:
        click.echo("\n" + findings_table(result.findings))
    raise SystemExit(exit_code(result.findings))
