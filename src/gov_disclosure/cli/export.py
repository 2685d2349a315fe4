"""``gov-disclosure export PATH... --xlsx OUT.xlsx --parquet OUT.parquet``: write reports as a workbook in the
official form, the cells their findings name highlighted, and/or as a Parquet file of the long format (one row per
cell)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import click

from gov_disclosure.cli.findings_output import EXIT_UNREADABLE
from gov_disclosure.cli.validate import BadUsage, UnreadableInputCommand
from gov_disclosure.errors import GovDisclosureError
from gov_disclosure.limits import Limits

if TYPE_CHECKING:
    from gov_disclosure.loader import ReadResult

__all__ = ["export"]


def _read_all(path: str) -> tuple[tuple[ReadResult, ...] | None, str | None]:
    """Every report in the file *path* (one, or each of a workbook of several), or None and why it cannot be read."""
    from gov_disclosure.loader import load_all

    context = click.get_current_context(silent=True)
    limits = context.find_object(Limits) if context is not None else None  # ``--limit`` given to the command
    try:
        return load_all(path, limits=limits), None
    except GovDisclosureError as exc:
        return None, str(exc)
    except OSError as exc:
        return None, f"cannot read: {exc.strerror or exc}"


@click.command("export", cls=UnreadableInputCommand)
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=False, allow_dash=False))
@click.option(
    "--xlsx",
    "-o",
    "--output",
    "xlsx",
    type=click.Path(dir_okay=False, writable=True),
    help="Workbook to write: one sheet per report in the official form, plus the cells/reports/sections/findings "
    "sheets (-o/--output: the same, as every command names its output file).",
)
@click.option(
    "--parquet",
    "parquet",
    type=click.Path(dir_okay=False, writable=True),
    help="Parquet file to write: one row per cell (the long format), for DuckDB, Arrow and pandas "
    '(needs pip install "gov-disclosure[parquet]").',
)
@click.option(
    "--no-findings",
    is_flag=True,
    help="Workbook: the reports only, no highlighted cells, no findings sheet.",
)
def export(paths: tuple[str, ...], xlsx: str | None, parquet: str | None, no_findings: bool) -> None:
    """Read every report at each PATH (report text, a .json document, a workbook of one or several reports; a
    folder: every report file in it and its subfolders, in natural order) and write them all to one workbook
    (--xlsx: every cell a finding names filled by severity, the finding as the cell's comment, and a findings sheet)
    and/or one Parquet file (--parquet).

    Exits with 4 when a PATH cannot be read (nothing is written) or a file cannot be written.
    """
    from gov_disclosure.batch import expand_paths

    if xlsx is None and parquet is None:
        raise BadUsage("give --xlsx OUT.xlsx, --parquet OUT.parquet, or both")
    results: list[ReadResult] = []
    failed = False
    for file in expand_paths(paths).files:
        found, error = _read_all(str(file))
        if found is None:
            click.echo(f"gov-disclosure: error: {file}: {error}", err=True)
            failed = True
        else:
            results.extend(found)
    if failed:
        raise SystemExit(EXIT_UNREADABLE)
    for out, write in ((xlsx, _write_xlsx if not no_findings else _write_xlsx_plain), (parquet, _write_parquet)):
        if out is None:
            continue
        try:
            write(results, out)
        except (OSError, GovDisclosureError) as exc:
            click.echo(f"gov-disclosure: error: {out}: {exc}", err=True)
            raise SystemExit(EXIT_UNREADABLE) from None
        click.echo(f"wrote {len(results)} report(s) to {out}", err=True)


def _write_xlsx(results: Sequence[ReadResult], out: str) -> None:
    from gov_disclosure.serializers.xlsx import to_xlsx  # openpyxl: imported when a workbook is asked for

    to_xlsx([result.report for result in results], out, findings=[result.findings for result in results])


def _write_xlsx_plain(results: Sequence[ReadResult], out: str) -> None:
    from gov_disclosure.serializers.xlsx import to_xlsx

    to_xlsx([result.report for result in results], out)


def _write_parquet(results: Sequence[ReadResult], out: str) -> None:
    from gov_disclosure.parquet import write_parquet  # pyarrow: imported when a Parquet file is asked for

    write_parquet(results, out)
