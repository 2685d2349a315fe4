"""``gov-disclosure export FILE... --xlsx OUT.xlsx``: write reports as a workbook in the official form."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from gov_disclosure.cli.findings_output import EXIT_UNREADABLE
from gov_disclosure.cli.reading import read_or_none
from gov_disclosure.cli.validate import UnreadableInputCommand
from gov_disclosure.errors import GovDisclosureError

if TYPE_CHECKING:
    from gov_disclosure.model.report import Report

__all__ = ["export"]


@click.command("export", cls=UnreadableInputCommand)
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, allow_dash=False))
@click.option(
    "--xlsx",
    "xlsx",
    required=True,
    type=click.Path(dir_okay=False, writable=True),
    help="Workbook to write: one sheet per report in the official form, plus the cells/reports/sections sheets.",
)
def export(files: tuple[str, ...], xlsx: str) -> None:
    """Read each FILE (report text, a .json document, a workbook …) and write all reports to one workbook.

    Exits with 4 when a FILE cannot be read or the workbook cannot be written.
    """
    from gov_disclosure.serializers.xlsx import to_xlsx

    reports: list[Report] = []
    failed = False
    for file in files:
        result, error = read_or_none(file)
        if result is None:
            click.echo(f"gov-disclosure: error: {file}: {error}", err=True)
            failed = True
        else:
            reports.append(result.report)
    if failed:
        raise SystemExit(EXIT_UNREADABLE)
    try:
        to_xlsx(reports, xlsx)
    except (OSError, GovDisclosureError) as exc:
        click.echo(f"gov-disclosure: error: {xlsx}: {exc}", err=True)
        raise SystemExit(EXIT_UNREADABLE) from None
    click.echo(f"wrote {len(reports)} report(s) to {xlsx}", err=True)
