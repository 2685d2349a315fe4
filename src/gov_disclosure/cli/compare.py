"""``gov-disclosure diff``, ``aggregate`` and ``series``: compare reports, sum them, check them across years.

Exit codes follow ``validate``: 0 nothing to report, 1 something a person should look at (changes for ``diff``,
incomplete cells for ``aggregate``, a WARNING for ``series``), 2 INCONSISTENCY, 3 ERROR, 4 unreadable input or a
refused request (e.g. summing 表二 of both formats).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from gov_disclosure.cli.findings_output import EXIT_UNREADABLE, exit_code, findings_json, findings_table
from gov_disclosure.cli.reading import read_or_fail
from gov_disclosure.cli.tabular import aligned as _columns
from gov_disclosure.cli.validate import UnreadableInputCommand
from gov_disclosure.registry import BlankPolicy

if TYPE_CHECKING:
    from gov_disclosure.aggregation import Aggregate
    from gov_disclosure.diffing import Change
    from gov_disclosure.model.cells import CellKind, Number
    from gov_disclosure.model.report import Report

__all__ = ["aggregate_command", "diff_command", "fail", "read_reports", "series_command"]

_FORMAT = click.option(
    "--format",
    "output",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="A readable table or JSON.",
)
_BLANK_POLICY = click.option(
    "--blank-policy",
    type=click.Choice([p.value for p in BlankPolicy]),
    default=BlankPolicy.UNKNOWN.value,
    show_default=True,
    help="unknown: a blank cell makes a sum or check unknown; zero: count blank cells as 0.",
)
_FILE = click.Path(dir_okay=False)


def fail(message: str) -> None:
    """Print ``gov-disclosure: error: …`` and exit with 4 (unreadable input or a refused request)."""
    click.echo(f"gov-disclosure: error: {message}", err=True)
    sys.exit(EXIT_UNREADABLE)


def read_reports(names: tuple[str, ...]) -> tuple[Report, ...]:
    """The reports in files *names* (JSON documents or any form :func:`gov_disclosure.loader.load` reads)."""
    return tuple(read_or_fail(name).report for name in names)


def _json_number(value: Number | None) -> int | str | None:
    """Ints as JSON numbers, money (Decimal) as exact strings, like report documents."""
    return str(value) if isinstance(value, Decimal) else value


def _text(value: Number | None, kind: CellKind | None) -> str:
    if value is not None:
        return str(value)
    return "(absent)" if kind is None else kind.value


def _percent(value: Fraction | None) -> str:
    return "" if value is None else f"{float(value) * 100:+.1f}%"


# --- diff -------------------------------------------------------------------------------------


def _change_dict(change: Change) -> dict[str, Any]:
    return {
        "key": None if change.key is None else str(change.key),
        "table": change.table,
        "row": change.row,
        "column": change.column,
        "kind": change.kind.value,
        "old": _json_number(change.old),
        "new": _json_number(change.new),
        "old_kind": None if change.old_kind is None else change.old_kind.value,
        "new_kind": None if change.new_kind is None else change.new_kind.value,
        "absolute": _json_number(change.absolute),
        "relative": None if change.relative is None else str(change.relative),
        "note": change.note,
    }


def _change_rows(changes: Sequence[Change]) -> str:
    from gov_disclosure.diffing import ChangeKind

    rows = [["CELL", "ROW / COLUMN", "OLD", "NEW", "CHANGE", "%"]]
    for c in changes:
        _, row_label, column_label = c.labels
        if c.kind is ChangeKind.NOT_COMPARABLE:
            rows.append([c.table, "not comparable (不可比)", "", "", "", ""])
            continue
        absolute = "" if c.absolute is None else f"{c.absolute:+}"
        rows.append([
            str(c.key),
            f"{row_label[:24]} × {column_label}",
            _text(c.old, c.old_kind),
            _text(c.new, c.new_kind),
            absolute or c.kind.value,
            _percent(c.relative),
        ])
    return _columns(rows)


@click.command("diff", cls=UnreadableInputCommand)
@click.argument("old", type=_FILE)
@click.argument("new", type=_FILE)
@click.option("--hide-zero", is_flag=True, help="Hide cells that hold nothing (0, blank or /) in both reports.")
@_FORMAT
def diff_command(old: str, new: str, hide_zero: bool, output: str) -> None:
    """Show the cells that differ between report OLD and report NEW (e.g. last year and this year).

    Exit code: 0 no differences, 1 differences, 4 unreadable input.
    """
    from gov_disclosure.diffing import diff
    from gov_disclosure.serializers.json import SCHEMA_VERSION

    a, b = read_reports((old, new))
    changes = diff(a, b, hide_zero=hide_zero)
    if output == "json":
        document = {"schema_version": SCHEMA_VERSION, "old": old, "new": new,
                    "changes": [_change_dict(c) for c in changes]}
        click.echo(json.dumps(document, ensure_ascii=False, indent=2))
    elif changes:
        click.echo(f"{old} → {new}: {len(changes)} change{'s' if len(changes) != 1 else ''}")
        click.echo(_change_rows(changes))
    else:
        click.echo(f"{old} → {new}: no differences (无差异)")
    sys.exit(1 if changes else 0)


# --- aggregate --------------------------------------------------------------------------------


def _completeness_dict(result: Aggregate) -> list[dict[str, Any]]:
    labels = result.completeness.inputs
    entries = []
    for cell in result.completeness.cells:
        entry: dict[str, Any] = {"key": str(cell.key), "known": cell.known, "known_sum": _json_number(cell.known_sum)}
        for field in ("blank", "not_applicable", "text", "missing"):
            indices = getattr(cell, field)
            if indices:
                entry[field] = [labels[i] for i in indices]
        if cell.units:
            entry["units"] = list(cell.units)
        entries.append(entry)
    return entries


def _completeness_rows(result: Aggregate, limit: int = 40) -> str:
    labels = result.completeness.inputs
    rows = [["CELL", "KNOWN", "SUM OF KNOWN", "GAPS"]]
    for cell in result.completeness.cells[:limit]:
        gaps = []
        for field in ("blank", "not_applicable", "text", "missing"):
            indices = getattr(cell, field)
            if indices:
                names = ", ".join(labels[i] for i in indices[:3]) + (" …" if len(indices) > 3 else "")
                gaps.append(f"{field}: {names}")
        if cell.units:
            gaps.append("units: " + ", ".join(u or "(none)" for u in cell.units))
        rows.append([str(cell.key), f"{cell.known}/{len(labels)}", str(cell.known_sum), "; ".join(gaps)])
    more = len(result.completeness.cells) - limit
    return _columns(rows) + (f"\n… and {more} more cells (use --format json)" if more > 0 else "")


@click.command("aggregate", cls=UnreadableInputCommand)
@click.argument("files", nargs=-1, required=True, type=_FILE)
@click.option("-o", "--output", "--output-file", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Write the summed report (a JSON report document) here.")
@click.option("--agency", help="Agency name of the summed report (default: the inputs' name if they agree).")
@click.option("--year", type=int, help="Report year of the summed report (default: the inputs' year if they agree).")
@click.option("--no-table2", is_flag=True, help="Sum only 表三 and 表四 (needed for a mix of 2019 and 2021 reports).")
@_BLANK_POLICY
@_FORMAT
def aggregate_command(
    files: tuple[str, ...],
    out: Path,
    agency: str | None,
    year: int | None,
    no_table2: bool,
    blank_policy: str,
    output: str,
) -> None:
    """Sum the tables of the reports FILES into one report written to OUT; print which inputs were incomplete.

    Exit code: 0 every cell summed from every input, 1 some cells incomplete, 4 unreadable input or refused.
    """
    from gov_disclosure.aggregation import AggregationError, MixedTable2Error, aggregate
    from gov_disclosure.serializers.json import SCHEMA_VERSION, dumps, findings_to_list

    reports = read_reports(files)
    try:
        result = aggregate(reports, agency=agency, year=year, blank_policy=BlankPolicy(blank_policy),
                           include_table2=not no_table2)
    except MixedTable2Error as exc:
        fail(f"{exc} (on the command line: --no-table2)")
        raise  # pragma: no cover - fail exits
    except AggregationError as exc:
        fail(str(exc))
        raise  # pragma: no cover - fail exits
    try:
        out.write_text(dumps(result.report, findings=result.notes), encoding="utf-8")
    except OSError as exc:
        fail(f"{out}: cannot write: {exc.strerror or exc}")
    if output == "json":
        document = {
            "schema_version": SCHEMA_VERSION,
            "output": str(out),
            "inputs": list(result.completeness.inputs),
            "format_version": result.report.format_version,
            "blank_policy": result.blank_policy.value,
            "complete": result.completeness.complete,
            "incomplete_cells": _completeness_dict(result),
            "notes": findings_to_list(result.notes),
        }
        click.echo(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        state = "complete" if result.completeness.complete else f"{len(result.completeness.cells)} incomplete cells"
        click.echo(f"summed {len(reports)} reports (format {result.report.format_version}) into {out}: {state}")
        for note in result.notes:
            click.echo(f"note {note.code}: {note.message_en}")
        if result.completeness.cells:
            click.echo(_completeness_rows(result))
    sys.exit(0 if result.completeness.complete else 1)


# --- series -----------------------------------------------------------------------------------


@click.command("series", cls=UnreadableInputCommand)
@click.argument("files", nargs=-1, required=True, type=_FILE)
@_BLANK_POLICY
@click.option("--jump", type=click.FloatRange(min=0, min_open=True), default=5.0, show_default=True,
              help="SERIES.JUMP: a count more than this many times last year's.")
@click.option("--drop", type=click.FloatRange(min=0, min_open=True), default=0.2, show_default=True,
              help="SERIES.DROP: a count above 0 and below this times last year's.")
@click.option("--min-base", type=click.IntRange(min=1), default=None,
              help="Judge a cell year over year only when last year's count is at least this "
              "(default: the small-sample bound of the indicators, 30).")
@click.option("--all-columns", is_flag=True, help="Judge every count cell year over year, not only the totals.")
@_FORMAT
def series_command(
    files: tuple[str, ...],
    blank_policy: str,
    jump: float,
    drop: float,
    min_base: int | None,
    all_columns: bool,
    output: str,
) -> None:
    """Check one agency's reports FILES across years: carry-over per column, 表二 stock-flow, gaps, duplicates,
    year-over-year jumps, drops and zeros, the change of format.

    Exit code: 0 no findings or INFO only, 1 WARNING, 2 INCONSISTENCY, 3 ERROR, 4 unreadable input.
    """
    from gov_disclosure.series import Plausibility, check_series

    reports = read_reports(files)
    base = {} if min_base is None else {"min_base": min_base}
    thresholds = Plausibility(jump=Fraction(str(jump)), drop=Fraction(str(drop)), totals_only=not all_columns, **base)
    findings = check_series(reports, blank_policy=BlankPolicy(blank_policy), thresholds=thresholds)
    if output == "json":
        click.echo(findings_json(findings, source=", ".join(files)))
    else:
        years = sorted({r.report_year for r in reports if r.report_year is not None})
        span = f"{years[0]}–{years[-1]}" if years else "no years"
        click.echo(f"{len(reports)} reports, {span}: {len(findings)} finding{'s' if len(findings) != 1 else ''}")
        click.echo(findings_table(findings))
    sys.exit(exit_code(findings))
