"""What a batch check found, summed up: counts by worst severity and by code (:func:`summarize`), and the
summary files an office pastes into its own 通报 — one row per report (:func:`write_summary`) or one row per
finding (:func:`write_findings`), as CSV or XLSX, chosen by the file's suffix.

Each kind of file has a table of writers keyed by suffix (:data:`SUMMARY_WRITERS`, :data:`FINDINGS_WRITERS`);
a writer takes the batch's items in order and the path to write. To add a form, add its suffix and writer to the
table (import heavy dependencies inside the writer). A suffix no writer has is refused before anything is read
(:func:`summary_writer`).

>>> from gov_disclosure.batch import BatchItem
>>> from gov_disclosure.loader import read_text
>>> from gov_disclosure.examples import example_report_text
>>> items = [BatchItem(path="a/huaian.txt", result=read_text(example_report_text())),
...          BatchItem(path="a/list.txt", error="not a report", error_type="NotAReportError")]
>>> summary = summarize(items)
>>> summary.files, summary.read, summary.by_worst["unreadable"]
(2, 1, 1)
>>> report_rows(items)[1]["worst_severity"], report_rows(items)[1]["read_error"]
('UNREADABLE', 'not a report')
>>> sorted(SUMMARY_WRITERS)
['.csv', '.html', '.xlsx']
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType

from attrs import frozen

from gov_disclosure.batch import BatchItem
from gov_disclosure.findings import Finding, Severity

__all__ = [
    "FINDINGS_WRITERS",
    "FINDING_COLUMNS",
    "REPORT_COLUMNS",
    "SUMMARY_WRITERS",
    "WORST_LABELS",
    "BatchSummary",
    "SummaryWriter",
    "UnknownSummaryFormatError",
    "finding_rows",
    "findings_writer",
    "report_rows",
    "summarize",
    "summary_writer",
    "worst_label",
    "write_findings",
    "write_summary",
]

WORST_LABELS: tuple[str, ...] = ("no finding", "INFO", "WARNING", "INCONSISTENCY", "ERROR", "unreadable")
"""The classes of a report by its worst finding, best first (the rows of the summary table)."""


def worst_label(item: BatchItem) -> str:
    """The class of *item* among :data:`WORST_LABELS`."""
    if not item.ok:
        return "unreadable"
    worst = item.worst
    return "no finding" if worst is None else worst.name


@frozen(kw_only=True)
class BatchSummary:
    """Counts over a batch: files, files read, files by worst severity, findings by code."""

    files: int
    read: int
    by_worst: Mapping[str, int]
    """Files by their class in :data:`WORST_LABELS` (every label present, in that order)."""
    codes: tuple[tuple[str, int, int], ...]
    """``(code, findings, reports)`` for every code found, the most frequent first (then by code)."""

    def top_codes(self, count: int = 10) -> tuple[tuple[str, int, int], ...]:
        """The *count* most frequent codes."""
        return self.codes[:count]


def summarize(items: Iterable[BatchItem]) -> BatchSummary:
    """Count the files of a batch by worst severity and its findings by code."""
    by_worst = dict.fromkeys(WORST_LABELS, 0)
    findings: Counter[str] = Counter()
    reports: Counter[str] = Counter()
    files = read = 0
    for item in items:
        files += 1
        by_worst[worst_label(item)] += 1
        if item.result is not None:
            read += 1
            codes = [finding.code for finding in item.result.findings]
            findings.update(codes)
            reports.update(set(codes))
    codes_found = sorted(((code, n, reports[code]) for code, n in findings.items()), key=lambda c: (-c[1], c[0]))
    return BatchSummary(files=files, read=read, by_worst=MappingProxyType(by_worst), codes=tuple(codes_found))


REPORT_COLUMNS: tuple[str, ...] = (
    "file",
    "agency",
    "year",
    "format",
    "worst_severity",
    *(severity.name.lower() for severity in Severity),
    "codes",
    "read_error",
)
"""The columns of the summary with one row per report (``info`` … ``error`` count findings of that severity;
``codes`` lists the report's codes once each; ``read_error`` says why a file could not be read)."""

FINDING_COLUMNS: tuple[str, ...] = (
    "file",
    "code",
    "severity",
    "table",
    "row",
    "column",
    "expected",
    "actual",
    "message_zh",
    "message_en",
)
"""The columns of the summary with one row per finding (``column`` when all its cells are in one column)."""

Value = str | int | None
Row = dict[str, Value]


def report_rows(items: Iterable[BatchItem]) -> list[Row]:
    """One row per file, with the :data:`REPORT_COLUMNS`."""
    rows: list[Row] = []
    for item in items:
        row: Row = dict.fromkeys(REPORT_COLUMNS)
        row["file"] = item.path
        if item.result is None:
            row |= {"worst_severity": "UNREADABLE", "read_error": item.error}
        else:
            report, findings = item.result.report, item.result.findings
            counts = Counter(finding.severity for finding in findings)
            row |= {
                "agency": report.agency,
                "year": report.report_year,
                "format": report.format_version,
                "worst_severity": "" if item.worst is None else item.worst.name,
                "codes": " ".join(sorted({finding.code for finding in findings})),
            }
            row |= {severity.name.lower(): counts[severity] for severity in Severity}
        rows.append(row)
    return rows


def _number(value: int | Decimal | None) -> Value:
    return None if value is None else value if isinstance(value, int) else str(value)


def _column(finding: Finding) -> str | None:
    columns = {cell.column for cell in finding.cells}
    return columns.pop() if len(columns) == 1 else None


def finding_rows(items: Iterable[BatchItem]) -> list[Row]:
    """One row per finding of every file read, in the files' order, with the :data:`FINDING_COLUMNS`."""
    return [
        {
            "file": item.path,
            "code": finding.code,
            "severity": finding.severity.name,
            "table": finding.table,
            "row": finding.row,
            "column": _column(finding),
            "expected": _number(finding.expected),
            "actual": _number(finding.actual),
            "message_zh": finding.message,
            "message_en": finding.message_en,
        }
        for item in items
        if item.result is not None
        for finding in item.result.findings
    ]


SummaryWriter = Callable[[Sequence[BatchItem], Path], None]
"""Writes a summary of a batch's items (in input order) to a path."""


def _write_csv(columns: Sequence[str], rows: Sequence[Row], path: Path) -> None:
    # UTF-8 with a BOM: the encoding Excel on an office PC recognises for Chinese text in a CSV file
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns))
        writer.writeheader()
        writer.writerows({key: "" if value is None else value for key, value in row.items()} for row in rows)


def _write_xlsx(columns: Sequence[str], rows: Sequence[Row], path: Path, sheet: str) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(sheet)
    worksheet.append(list(columns))
    for row in rows:
        worksheet.append([row[column] for column in columns])
    workbook.save(path)


def _reports_csv(items: Sequence[BatchItem], path: Path) -> None:
    _write_csv(REPORT_COLUMNS, report_rows(items), path)


def _reports_xlsx(items: Sequence[BatchItem], path: Path) -> None:
    _write_xlsx(REPORT_COLUMNS, report_rows(items), path, "reports")


def _reports_html(items: Sequence[BatchItem], path: Path) -> None:
    from gov_disclosure.check_report import checked, write_html  # Jinja2: imported when a page is asked for

    write_html(checked(items), path)


def _findings_csv(items: Sequence[BatchItem], path: Path) -> None:
    _write_csv(FINDING_COLUMNS, finding_rows(items), path)


def _findings_xlsx(items: Sequence[BatchItem], path: Path) -> None:
    _write_xlsx(FINDING_COLUMNS, finding_rows(items), path, "findings")


SUMMARY_WRITERS: Mapping[str, SummaryWriter] = MappingProxyType(
    {
        ".csv": _reports_csv,
        ".xlsx": _reports_xlsx,
        ".html": _reports_html,  # the check report: one self-contained page with every report's tables
    }
)
"""The writers of ``check --report FILE``, by FILE's suffix (lower case)."""

FINDINGS_WRITERS: Mapping[str, SummaryWriter] = MappingProxyType({".csv": _findings_csv, ".xlsx": _findings_xlsx})
"""The writers of ``check --findings FILE``, by FILE's suffix (lower case)."""


class UnknownSummaryFormatError(ValueError):
    """No writer writes a file with this suffix."""


def _writer(path: str | Path, writers: Mapping[str, SummaryWriter], what: str) -> SummaryWriter:
    suffix = Path(path).suffix.lower()
    try:
        return writers[suffix]
    except KeyError:
        known = ", ".join(sorted(writers))
        raise UnknownSummaryFormatError(
            f"{path}: cannot write {what} as {suffix or 'a file without a suffix'}; name it with one of: {known}"
        ) from None


def summary_writer(path: str | Path) -> SummaryWriter:
    """The writer of the summary with one row per report for *path*, by its suffix
    (:class:`UnknownSummaryFormatError` when there is none).

    >>> summary_writer("out.pdf")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    gov_disclosure.summaries.UnknownSummaryFormatError: out.pdf: cannot write a report summary as .pdf; name it ...
    """
    return _writer(path, SUMMARY_WRITERS, "a report summary")


def findings_writer(path: str | Path) -> SummaryWriter:
    """The writer of the summary with one row per finding for *path*, by its suffix."""
    return _writer(path, FINDINGS_WRITERS, "a findings summary")


def write_summary(items: Sequence[BatchItem], path: str | Path) -> None:
    """Write the summary of *items* with one row per report to *path* (a form chosen by its suffix)."""
    summary_writer(path)(items, Path(path))


def write_findings(items: Sequence[BatchItem], path: str | Path) -> None:
    """Write every finding of *items*, one row each, to *path* (a form chosen by its suffix)."""
    findings_writer(path)(items, Path(path))
