"""``gov-disclosure validate``: check a report document and print its findings; the exit code tells the worst."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from gov_disclosure.cli.findings_output import exit_code, findings_json, findings_table
from gov_disclosure.cli.usage import EXIT_UNREADABLE, BadUsage, CommandGroup, UnreadableInputCommand
from gov_disclosure.registry import BlankPolicy

if TYPE_CHECKING:
    from gov_disclosure.model.report import Report

__all__ = ["BadUsage", "CommandGroup", "UnreadableInputCommand", "validate"]


def _fail(message: str) -> None:
    click.echo(f"gov-disclosure: error: {message}", err=True)
    sys.exit(EXIT_UNREADABLE)


def _read(file: str | None, example: bool) -> tuple[str, str]:
    """``(name, text)`` of the input; exits with 4 when it cannot be read."""
    from gov_disclosure.examples import example_json

    if example == (file is not None):
        raise BadUsage("give either FILE or --example")
    if file is None:
        return "example huaian-2024", example_json()
    if file == "-":
        return "<stdin>", sys.stdin.read()
    try:
        with open(file, encoding="utf-8-sig") as handle:
            return file, handle.read()
    except UnicodeDecodeError:
        _fail(f"{file}: {_NOT_JSON}")
        raise  # pragma: no cover - _fail exits
    except OSError as exc:
        _fail(f"{file}: cannot read: {exc.strerror or exc}")
        raise  # pragma: no cover - _fail exits


_NOT_JSON = (
    "not a JSON report document; validate checks this library's JSON documents; "
    "to read and check a published report (text, PDF, web page, Word, workbook) use: gov-disclosure check FILE"
)


def _summary(report: Report, count: int) -> str:
    who = report.agency or "(agency not given)"
    year = "" if report.report_year is None else f" {report.report_year}"
    return f"{who}{year} · format {report.format_version} · {count} finding{'s' if count != 1 else ''}"


@click.command(cls=UnreadableInputCommand)
@click.argument("file", required=False, type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--example", is_flag=True, help="Validate the bundled example report (淮安市人民政府 2024).")
@click.option(
    "--format",
    "output",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="Findings as an aligned table or as JSON.",
)
@click.option(
    "--blank-policy",
    type=click.Choice([p.value for p in BlankPolicy]),
    default=BlankPolicy.UNKNOWN.value,
    show_default=True,
    help="unknown: an identity with a blank cell is undecidable; zero: count blanks as 0 (and say so).",
)
def validate(file: str | None, example: bool, output: str, blank_policy: str) -> None:
    """Check the report document FILE.json (``-`` for stdin) and print its findings.

    Exit code: 0 no findings or INFO only, 1 WARNING, 2 INCONSISTENCY, 3 ERROR, 4 unreadable input.
    """
    from gov_disclosure.serializers.json import JSONFormatError, loads
    from gov_disclosure.validation import validate as validate_report

    name, text = _read(file, example)
    try:
        report = loads(text)
    except JSONFormatError as exc:
        looks_like_json = text.lstrip("\ufeff \t\r\n").startswith(("{", "["))
        _fail(f"{name}: {exc if looks_like_json else _NOT_JSON}")
        raise  # pragma: no cover - _fail exits
    findings = validate_report(report, blank_policy=BlankPolicy(blank_policy))
    if output == "json":
        click.echo(findings_json(findings, source=name))
    else:
        click.echo(f"{name}: {_summary(report, len(findings))}")
        click.echo(findings_table(findings))
    sys.exit(exit_code(findings))


