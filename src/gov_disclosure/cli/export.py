"""``gov-disclosure export PATH... --xlsx OUT.xlsx``: write reports as a workbook in the official form, the cells
their findings name highlighted."""

from __future__ import annotations

from pathlib import Path

import click

from gov_disclosure.cli.findings_output import EXIT_UNREADABLE
from gov_disclosure.cli.reading import read_or_none
from gov_disclosure.cli.validate import UnreadableInputCommand
from gov_disclosure.errors import GovDisclosureError
from gov_disclosure.findings import Finding
from gov_disclosure.loader import readable_extensions
from gov_disclosure.model.report import Report
from gov_disclosure.serializers.xlsx import to_xlsx

__all__ = ["export"]


def _files(paths: tuple[str, ...]) -> list[str]:
    """A file as given; a folder's report files (those a registered reader reads), its subfolders' too, sorted."""
    readable = readable_extensions()
    out: list[str] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found = (p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in readable)
            out.extend(str(p) for p in sorted(found, key=lambda p: [part.casefold() for part in p.parts]))
        else:
            out.append(name)
    return out


@click.command("export", cls=UnreadableInputCommand)
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=False))
@click.option(
    "--xlsx",
    "xlsx",
    required=True,
    type=click.Path(dir_okay=False, writable=True),
    help="Workbook to write: one sheet per report in the official form, plus the cells/reports/sections/findings "
    "sheets.",
)
@click.option(
    "--no-findings",
    is_flag=True,
    help="Write the reports only: no highlighted cells, no findings sheet.",
)
def export(paths: tuple[str, ...], xlsx: str, no_findings: bool) -> None:
    """Read each file (report text, a .json document, a workbook …; a folder: every report file in it and its
    subfolders) and write all reports to one workbook, every cell a finding names filled by severity with the
    finding as the cell's comment, and a findings sheet.

    Exits with 4 when a file cannot be read (nothing is written) or the workbook cannot be written.
    """
    reports: list[Report] = []
    findings: list[tuple[Finding, ...]] = []
    failed = False
    for file in _files(paths):
        result, error = read_or_none(file)
        if result is None:
            click.echo(f"gov-disclosure: error: {file}: {error}", err=True)
            failed = True
        else:
            reports.append(result.report)
            findings.append(result.findings)
    if failed:
        raise SystemExit(EXIT_UNREADABLE)
    try:
        to_xlsx(reports, xlsx, findings=None if no_findings else findings)
    except (OSError, GovDisclosureError) as exc:
        click.echo(f"gov-disclosure: error: {xlsx}: {exc}", err=True)
        raise SystemExit(EXIT_UNREADABLE) from None
    click.echo(f"wrote {len(reports)} report(s) to {xlsx}", err=True)
