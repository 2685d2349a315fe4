"""``gov-disclosure parse FILE``: read a published report and print it as JSON (keys.md vocabulary) or a table."""

from __future__ import annotations

import click

from gov_disclosure.cli.findings_output import exit_code, findings_table
from gov_disclosure.cli.reading import read_or_fail
from gov_disclosure.cli.validate import UnreadableInputCommand

__all__ = ["parse"]


@click.command("parse", cls=UnreadableInputCommand)
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=False))
@click.option(
    "--format",
    "output",
    type=click.Choice(["json", "table"]),
    default="json",
    show_default=True,
    help="JSON document (with findings) or a readable table of findings.",
)
def parse(file: str, output: str) -> None:
    """Read FILE (report text, UTF-8 or GB18030; or a .json document) and print the report with its findings.

    The exit code tells the worst finding: 0 none/INFO, 1 WARNING, 2 INCONSISTENCY, 3 ERROR, 4 unreadable.
    """
    from gov_disclosure.serializers.json import dumps

    result = read_or_fail(file)
    if output == "json":
        click.echo(dumps(result.report, findings=result.findings))
    else:
        click.echo(findings_table(result.findings))
    raise SystemExit(exit_code(result.findings))
