"""``gov-disclosure check FILE_OR_DIR...``: read and validate reports; a table of findings per report."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import click

from gov_disclosure.cli.findings_output import EXIT_UNREADABLE, exit_code, findings_table
from gov_disclosure.cli.reading import read_or_none
from gov_disclosure.cli.validate import BadUsage, UnreadableInputCommand

if TYPE_CHECKING:
    from gov_disclosure.loader import ReadResult

__all__ = ["check"]


def _files(paths: tuple[str, ...]) -> list[Path]:
    from gov_disclosure.loader import readable_extensions

    out: list[Path] = []
    readable = readable_extensions()  # every registered reader's: text, markdown, HTML, PDF, DOCX, JSON, XLSX …
    for name in paths:
        path = Path(name)
        if path.is_dir():
            out.extend(sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in readable))
        else:
            out.append(path)
    return out


def _header(name: str, result: ReadResult) -> str:
    report = result.report
    tables = ", ".join(result.tables_read) or "none"
    return (
        f"== {name}\n"
        f"   {report.agency or '(agency not found)'} · {report.report_year or '(year not found)'} · "
        f"format {report.format_version} · tables read: {tables} · {len(result.findings)} findings"
    )


@click.command("check", cls=UnreadableInputCommand)
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--example", is_flag=True, help="Check the bundled example report text (淮安市人民政府 2024).")
@click.option("--format", "output", type=click.Choice(["table", "json"]), default="table", show_default=True)
def check(paths: tuple[str, ...], example: bool, output: str) -> None:
    """Read and validate report files (or every readable file of a directory) and print their findings.

    Exit code: the worst finding over all reports (0 none/INFO, 1 WARNING, 2 INCONSISTENCY, 3 ERROR);
    4 when an input cannot be read at all.
    """
    from gov_disclosure.examples import example_report_text
    from gov_disclosure.serializers.json import to_dict

    if example == bool(paths):
        raise BadUsage("give FILE_OR_DIR... or --example")
    with tempfile.TemporaryDirectory() as tmp:
        files = _files(paths)
        if example:
            files = [Path(tmp) / "huaian-2024.txt"]
            files[0].write_text(example_report_text(), encoding="utf-8")
        worst = 0
        documents: list[dict[str, object]] = []
        for path in files:
            name = "example huaian-2024" if example else str(path)
            result, error = read_or_none(str(path))
            if result is None:
                worst = max(worst, EXIT_UNREADABLE)
                if output == "table":
                    click.echo(f"== {name}\n   cannot read: {error}\n")
                documents.append({"file": name, "error": error})
                continue
            worst = max(worst, exit_code(result.findings))
            if output == "table":
                click.echo(_header(name, result))
                click.echo(findings_table(result.findings) + "\n")
            else:
                documents.append(
                    {
                        "file": name,
                        "tables_read": list(result.tables_read),
                        **to_dict(result.report, findings=result.findings),
                    }
                )
    if output == "json":
        click.echo(json.dumps(documents, ensure_ascii=False, indent=2))
    raise SystemExit(worst)
