"""``gov-disclosure indicators``: the rates a 公开办 reads off 表三 and 表四, per report.

Exit codes: 0 every input read, 4 some input unreadable (the others are still printed) or a wrong command line.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from typing import Any

import click

from gov_disclosure.cli.findings_output import EXIT_UNREADABLE
from gov_disclosure.cli.reading import read_or_none
from gov_disclosure.cli.tabular import table_text, to_terminal
from gov_disclosure.cli.validate import UnreadableInputCommand
from gov_disclosure.indicators import SMALL_SAMPLE, Indicator, Indicators, indicators
from gov_disclosure.model.report import Report
from gov_disclosure.registry import BlankPolicy
from gov_disclosure.serializers.json import SCHEMA_VERSION

__all__ = ["indicators_command"]

CSV_COLUMNS = (
    "source", "agency", "report_year", "format_version", "code", "label", "label_en",
    "numerator", "denominator", "value", "percent", "small_sample",
)
"""The columns of ``--format csv``: one row per report and indicator."""


def _value(rate: Indicator) -> float | None:
    return None if rate.value is None else float(rate)


def _indicator_dict(rate: Indicator) -> dict[str, Any]:
    percent = rate.percent()
    return {
        "code": rate.code,
        "label": rate.label,
        "label_en": rate.label_en,
        "numerator": rate.numerator,
        "denominator": rate.denominator,
        "value": _value(rate),
        "exact": None if rate.value is None else str(rate.value),
        "percent": None if percent is None else str(percent),
        "small_sample": rate.small_sample,
        "small_sample_threshold": rate.small_sample_threshold,
        "numerator_cells": [str(key) for key in rate.numerator_cells],
        "denominator_cells": [str(key) for key in rate.denominator_cells],
    }


def _report_dict(source: str, report: Report, found: Indicators) -> dict[str, Any]:
    return {
        "source": source,
        "agency": report.agency,
        "report_year": report.report_year,
        "format_version": report.format_version,
        "indicators": [_indicator_dict(rate) for rate in found.all()],
    }


def _title(source: str, report: Report) -> str:
    year = "" if report.report_year is None else f" {report.report_year}"
    return f"{source}: {report.agency or '(agency unknown)'}{year} · format {report.format_version}"


def _rows(found: Indicators) -> list[list[str]]:
    rows = [["指标 INDICATOR", "VALUE", "%", "N/D", "NOTE"]]
    for rate in found.all():
        value, percent = rate.value, rate.percent()
        rows.append([
            f"{rate.label} {rate.code}",
            "—" if value is None else f"{float(value):.4f}",
            "" if percent is None else f"{percent}%",
            rate.fraction_text(),
            f"small sample (<{rate.small_sample_threshold}) 样本过少" if rate.small_sample else "",
        ])
    return rows


def _csv(results: list[tuple[str, Report, Indicators]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for source, report, found in results:
        for rate in found.all():
            percent, value = rate.percent(), _value(rate)
            writer.writerow([
                source, report.agency or "", report.report_year or "", report.format_version, rate.code,
                rate.label, rate.label_en, "" if rate.numerator is None else rate.numerator,
                "" if rate.denominator is None else rate.denominator, "" if value is None else value,
                "" if percent is None else percent, "true" if rate.small_sample else "false",
            ])
    return out.getvalue().rstrip("\n")


@click.command("indicators", cls=UnreadableInputCommand)
@click.argument("paths", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--small-sample", type=click.IntRange(min=0), default=SMALL_SAMPLE, show_default=True,
              help="Flag a rate over fewer cases than this (peers.md §8: N≥30).")
@click.option("--blank-policy", type=click.Choice([p.value for p in BlankPolicy]),
              default=BlankPolicy.UNKNOWN.value, show_default=True,
              help="unknown: a blank cell makes a rate unknown; zero: count blank cells as 0.")
@click.option("--format", "output", type=click.Choice(["table", "json", "csv"]), default="table",
              show_default=True, help="A table per report, one JSON document, or CSV (one row per indicator).")
def indicators_command(paths: tuple[str, ...], small_sample: int, blank_policy: str, output: str) -> None:
    """Print the indicators of each report PATHS: 公开率, the refusal shares, 复议 and 诉讼 纠错率.

    Each is numerator/denominator over the 总计 column (docs: Comparing reports); a rate over fewer than
    --small-sample cases is flagged. Exit code: 0 every input read, 4 some input unreadable.
    """
    policy = BlankPolicy(blank_policy)
    results: list[tuple[str, Report, Indicators]] = []
    unreadable: list[dict[str, str]] = []
    for path in paths:
        read, error = read_or_none(path)
        if read is None:
            click.echo(f"gov-disclosure: error: {path}: {error}", err=True)
            unreadable.append({"source": path, "error": error or ""})
            continue
        results.append((path, read.report, indicators(read.report, small_sample=small_sample, blank_policy=policy)))
    if output == "json":
        document = {
            "schema_version": SCHEMA_VERSION,
            "blank_policy": policy.value,
            "small_sample": small_sample,
            "reports": [_report_dict(*result) for result in results],
            "unreadable": unreadable,
        }
        click.echo(json.dumps(document, ensure_ascii=False, indent=2))
    elif output == "csv":
        click.echo(_csv(results))
    else:
        terminal = to_terminal()
        click.echo("\n\n".join(table_text(_title(s, r), _rows(found), terminal=terminal) for s, r, found in results))
    sys.exit(EXIT_UNREADABLE if unreadable else 0)
