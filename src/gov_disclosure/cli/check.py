"""``gov-disclosure check PATH...``: read and validate a batch of reports (files and folders, in parallel), print
each report's findings and a summary; optionally write the summary per report and per finding to files.

rich (the progress bar; the summary tables on a terminal) and the reading modules are imported when the command
runs, never when the CLI is imported.
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from gov_disclosure.cli.findings_output import EXIT_UNREADABLE, exit_code, findings_table
from gov_disclosure.cli.tabular import table_text, to_terminal
from gov_disclosure.cli.usage import BadUsage, UnreadableInputCommand
from gov_disclosure.limits import Limits

if TYPE_CHECKING:  # the reading modules are imported when the command runs: ``--help`` stays light
    from gov_disclosure.batch import BatchItem, Progress
    from gov_disclosure.summaries import SummaryWriter

__all__ = ["check", "item_exit_code"]

TOP_CODES = 10
"""How many of the most frequent finding codes the summary lists."""


def item_exit_code(item: BatchItem) -> int:
    """The exit code one file implies: 4 when it could not be read, else that of its worst finding."""
    return EXIT_UNREADABLE if item.result is None else exit_code(item.result.findings)


def _header(name: str, item: BatchItem) -> str:
    if item.result is None:
        return f"== {name}\n   cannot read: {item.error}"
    result = item.result
    report = result.report
    tables = ", ".join(result.tables_read) or "none"
    return (
        f"== {name}\n"
        f"   {report.agency or '(agency not found)'} · {report.report_year or '(year not found)'} · "
        f"format {report.format_version} · tables read: {tables} · {len(result.findings)} findings"
    )


def _document(name: str, item: BatchItem, with_text: bool) -> dict[str, Any]:
    if item.result is None:
        return {"file": name, "error": item.error, "error_type": item.error_type}
    from gov_disclosure.serializers.json import to_dict

    document = to_dict(item.result.report, findings=item.result.findings)
    if not with_text:
        document.pop("sections", None)  # every report's full text: megabytes for a batch (issue 15)
    return {"file": name, "tables_read": list(item.result.tables_read), **document}


def _writer(path: Path | None, choose: Callable[[Path], SummaryWriter]) -> SummaryWriter | None:
    from gov_disclosure.summaries import UnknownSummaryFormatError

    if path is None:
        return None
    try:
        writer = choose(path)
    except UnknownSummaryFormatError as exc:
        raise BadUsage(str(exc)) from None
    return writer


@contextmanager
def _progress_bar(total: int, show: bool) -> Iterator[Progress | None]:
    """A rich progress bar on standard error while reading, when *show*; the callback for :func:`load_many`."""
    if not show:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
    from rich.progress import Progress as Bar

    columns = (TextColumn("reading"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Bar(*columns, TextColumn("{task.description}"), console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("", total=total)

        def advance(done: int, _total: int, item: BatchItem) -> None:
            bar.update(task, completed=done, description=item.name)

        yield advance


def _print_summary(items: Sequence[BatchItem], skipped: int) -> None:
    """The summary table (rich on a terminal, aligned text otherwise: rich is not even imported then)."""
    from gov_disclosure.summaries import summarize

    summary = summarize(items)
    terminal = to_terminal()
    rows = [["worst finding (最严重问题)", "reports"]]
    rows += [[_LABELS_ZH.get(label, label), str(count)] for label, count in summary.by_worst.items()]
    click.echo(table_text(f"Summary (汇总): {summary.files} files, {summary.read} read", rows, terminal=terminal))
    if skipped:
        click.echo(f"{skipped} file(s) skipped: not a report form this library reads")
    top = summary.top_codes(TOP_CODES)
    if top:
        rows = [["code", "findings", "reports"], *([code, str(n), str(r)] for code, n, r in top)]
        click.echo(table_text(f"Most frequent findings (最常见的问题, top {len(top)})", rows, terminal=terminal))


_LABELS_ZH = {
    "no finding": "no finding 无问题",
    "INFO": "INFO 提示",
    "WARNING": "WARNING 警告",
    "INCONSISTENCY": "INCONSISTENCY 不一致",
    "ERROR": "ERROR 错误",
    "unreadable": "unreadable 无法读取",
}


@click.command("check", cls=UnreadableInputCommand)
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--example", is_flag=True, help="Check the bundled example report text (淮安市人民政府 2024).")
@click.option("--no-recursive", is_flag=True, help="Read only the files directly in a folder, not its subfolders.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes reading reports [default: all cores; none for a handful of files].",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no findings per report: only the summary.")
@click.option("--format", "output", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--with-text", is_flag=True, help="With --format json: keep each report's section text.")
@click.option(
    "--report",
    "report_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write one row per report (file, agency, year, format, worst severity, counts, codes) "
    "to this .csv or .xlsx file.",
)
@click.option(
    "--findings",
    "findings_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write one row per finding (file, code, severity, table, row, column, expected, actual, "
    "messages) to this .csv or .xlsx file.",
)
@click.pass_context
def check(
    ctx: click.Context,
    paths: tuple[str, ...],
    example: bool,
    no_recursive: bool,
    jobs: int | None,
    quiet: bool,
    output: str,
    with_text: bool,
    report_file: Path | None,
    findings_file: Path | None,
) -> None:
    """Read and validate report files and folders (their subfolders too) and print their findings and a summary.

    Exit code: the worst over all reports (0 no finding/INFO, 1 WARNING, 2 INCONSISTENCY, 3 ERROR); 4 when a
    file cannot be read, when no report file is found, or for a wrong command line.
    """
    if example == bool(paths):
        raise BadUsage("give PATH... (files or folders) or --example")
    from gov_disclosure.batch import expand_paths, load_many
    from gov_disclosure.examples import example_report_text
    from gov_disclosure.summaries import findings_writer, summary_writer

    write_report = _writer(report_file, summary_writer)
    write_findings = _writer(findings_file, findings_writer)
    limits = ctx.find_object(Limits)
    with tempfile.TemporaryDirectory() as tmp:
        if example:
            paths = (str(Path(tmp) / "huaian-2024.txt"),)
            Path(paths[0]).write_text(example_report_text(), encoding="utf-8")
        expansion = expand_paths(paths, recursive=not no_recursive)
        if not expansion.files:
            skipped = f" ({expansion.skipped} file(s) of other forms skipped)" if expansion.skipped else ""
            click.echo(f"gov-disclosure: error: no report files found{skipped}", err=True)
            raise SystemExit(EXIT_UNREADABLE)
        items: list[BatchItem] = []
        show_bar = not quiet and sys.stderr.isatty()
        with _progress_bar(len(expansion.files), show_bar) as progress:
            for item in load_many(expansion.files, jobs=jobs, progress=progress, limits=limits):
                items.append(item)
                name = "example huaian-2024" if example else item.path
                if output == "table" and not quiet:
                    details = "" if item.result is None else "\n" + findings_table(item.result.findings)
                    click.echo(_header(name, item) + details + "\n")
    if output == "json":
        documents = [_document("example huaian-2024" if example else i.path, i, with_text) for i in items]
        click.echo(json.dumps(documents, ensure_ascii=False, indent=2))
    else:
        _print_summary(items, expansion.skipped)
    worst = max(item_exit_code(item) for item in items)
    for writer, file in ((write_report, report_file), (write_findings, findings_file)):
        if writer is not None and file is not None:
            try:
                writer(items, file)
            except OSError as exc:
                click.echo(f"gov-disclosure: error: {file}: cannot write: {exc.strerror or exc}", err=True)
                worst = EXIT_UNREADABLE
            else:
                click.echo(f"wrote {file}", err=True)
    raise SystemExit(worst)
