"""Read a published report: text or file in, typed :class:`~gov_disclosure.model.Report` and findings out.

Two stages, as in packaging's metadata parser: a lenient stage that never raises on messy text (normalise,
split lines into cells with spans) and a strict stage that builds the model and collects every problem as a
:class:`~gov_disclosure.findings.Finding`. Only input that is not a report at all, or a report from before the
national formats, raises — with a typed error saying why, never a half-empty report.

>>> result = read_text("某局2022年政府信息公开工作年度报告\\n一、总体情况\\n本机关政府信息公开工作…\\n")
>>> result.report.agency, result.report.report_year, result.report.format_version
('某局', 2022, '2021')
>>> sorted({f.code for f in result.findings} & {"READ.FORMAT_FROM_YEAR", "READ.TABLE_MISSING"})
['READ.FORMAT_FROM_YEAR', 'READ.TABLE_MISSING']
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from attrs import frozen

from gov_disclosure.errors import GovDisclosureError
from gov_disclosure.findings import Finding, Outcome, Severity
from gov_disclosure.model.formats import current_format, default_format_for_year, format_specs
from gov_disclosure.model.report import Report
from gov_disclosure.model.source import SourceInfo
from gov_disclosure.model.versions import FormatVersion
from gov_disclosure.narrative.checks import check_facts
from gov_disclosure.narrative.facts import NarrativeFact, extract_facts
from gov_disclosure.narrative.sections import sections_of
from gov_disclosure.parsing.detect import detect_format, find_title, looks_like_report
from gov_disclosure.parsing.lines import text_rows
from gov_disclosure.parsing.normalize import normalize_text
from gov_disclosure.parsing.tables import read_text_tables
from gov_disclosure.serializers.json import loads_with_findings
from gov_disclosure.validation import validate

__all__ = [
    "NotAReportError",
    "ReadResult",
    "UnsupportedFormatError",
    "UnsupportedInputError",
    "decode",
    "load",
    "read_text",
]


class NotAReportError(GovDisclosureError, ValueError):
    """The text is not a 政府信息公开工作年度报告 (no report title, section headings or table labels)."""


class UnsupportedFormatError(GovDisclosureError, ValueError):
    """The report predates the national formats (report years before 2019 had no unified tables, format-spec §4)."""


class UnsupportedInputError(GovDisclosureError, ValueError):
    """The file's form (extension) has no reader."""


@frozen(kw_only=True)
class ReadResult:
    """A report read from text: the report, every finding (reading, narrative, validation) and narrative facts."""

    report: Report
    findings: tuple[Finding, ...] = ()
    facts: tuple[NarrativeFact, ...] = ()
    tables_read: tuple[str, ...] = ()
    """Keys of the tables found in the text (``table2``/``table2_2019``, ``table3``, ``table4``)."""


def _finding(code: str, severity: Severity, message: str, message_en: str, evidence: str | None = None) -> Finding:
    return Finding(
        code=code, severity=severity, message=message, message_en=message_en, outcome=Outcome.NOTE, evidence=evidence
    )


def _choose_format(text: str, year: int | None, findings: list[Finding]) -> FormatVersion:
    evidence = detect_format(text)
    by_year = default_format_for_year(year) if year is not None else None
    version = evidence.version
    if evidence.mixed:
        pointed = [spec.name for spec in format_specs() if evidence.found(spec.name)]
        version = by_year or max(reversed(pointed), key=lambda name: len(evidence.found(name)))
        findings.append(
            _finding(
                "READ.FORMAT_MIXED",
                Severity.WARNING,
                f"表格标签同时出现{'和'.join(pointed)}格式（{'、'.join(evidence.printed)}），按{version}格式读取",
                f"table labels of both formats found; read as the {version} format",
            )
        )
    if version is None:
        if year is not None and year < 2019:
            raise UnsupportedFormatError(
                f"report year {year} predates the national report formats (2019 试行 and 2021); "
                "reports before 2019 have no unified tables (format-spec §4)"
            )
        version = by_year or current_format().name
        findings.append(
            _finding(
                "READ.FORMAT_FROM_YEAR",
                Severity.INFO,
                f"未找到表格标签，按报告年度{year}推定为{version}格式"
                if year
                else f"未找到表格标签和报告年度，按{version}格式读取",
                f"no table labels found; format {version} assumed from the report year {year}"
                if year
                else f"no table labels or report year found; read as format {version}",
            )
        )
    elif by_year is not None and by_year != version:
        findings.append(
            _finding(
                "READ.FORMAT_YEAR_CONFLICT",
                Severity.WARNING,
                f"报告年度{year}应使用{by_year}格式，但表格为{version}格式",
                f"report year {year} implies the {by_year} format but the tables use the {version} format",
            )
        )
    elif year is not None and year < 2019:
        findings.append(
            _finding(
                "READ.FORMAT_YEAR_CONFLICT",
                Severity.WARNING,
                f"报告年度{year}早于全国统一格式，但表格为{version}格式",
                f"report year {year} predates the national formats but the tables use the {version} format",
            )
        )
    return version


def read_text(text: str, *, source: SourceInfo | None = None) -> ReadResult:
    """Read the text of a published report.

    Raises :class:`NotAReportError` for text that is not such a report and :class:`UnsupportedFormatError` for
    reports before 2019; every other problem is a finding in the result.
    """
    norm = normalize_text(text)
    title = find_title(norm)
    if not looks_like_report(norm, title=title):
        raise NotAReportError("not a 政府信息公开工作年度报告: no report title, section heading or table label found")
    findings: list[Finding] = []
    year = title.year if title else None
    if title is None:
        findings.append(
            _finding("READ.NO_TITLE", Severity.WARNING, "未找到报告标题，机关名称和年度未知", "no report title found")
        )
    version = _choose_format(norm, year, findings)
    tables = read_text_tables(text_rows(norm, path=source.path if source else None), version)
    findings.extend(tables.findings)
    t2key = "table2" if version == "2021" else "table2_2019"
    for key, number in ((t2key, "二"), ("table3", "三"), ("table4", "四")):
        if key not in tables.found:
            findings.append(
                _finding(
                    "READ.TABLE_MISSING",
                    Severity.ERROR,
                    f"文本中没有找到表{number}，其数据按缺失处理",
                    f"{key}: table not found in the text; its data are missing",
                )
            )
    sections = sections_of(text)  # sections and facts quote the report as printed, not its normalised form
    report = Report(
        format_version=version,
        agency=title.agency if title else None,
        report_year=year,
        sections=sections,
        table2=tables.table2,
        table2_2019=tables.table2_2019,
        table3=tables.table3,
        table4=tables.table4,
        source=source or SourceInfo(form="text", reader="gov_disclosure.loader"),
    )
    facts = extract_facts(text)
    missing = {key for key in (t2key, "table3", "table4") if key not in tables.found}
    reported = {cell for f in tables.findings if f.code == "READ.ROW_MISSING" for cell in f.cells}
    checked = [
        f
        for f in validate(report)
        if not (f.code == "TABLE.MISSING" and _about(f, missing))
        and not (f.code == "ROW.MISSING" and f.cells and set(f.cells) <= reported)
    ]
    return ReadResult(
        report=report,
        findings=(*findings, *checked, *check_facts(report, facts)),
        facts=facts,
        tables_read=tables.found,
    )


def _about(finding: Finding, tables: set[str]) -> bool:
    """True when a validation finding is about one of *tables* (already reported by the reader)."""
    return any(key in (finding.message_en or "") for key in tables) or any(c.table in tables for c in finding.cells)


def decode(data: bytes) -> str:
    """Text from file bytes: UTF-8 (with or without BOM), else GB18030.

    >>> decode("规章".encode("gb18030")), decode(b"\\xef\\xbb\\xbf" + "规章".encode())
    ('规章', '规章')
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


def _load_json(data: bytes, path: Path) -> ReadResult:
    report, findings = loads_with_findings(data)
    return ReadResult(report=report, findings=(*findings, *validate(report)))


def _load_text(data: bytes, path: Path) -> ReadResult:
    return read_text(decode(data), source=SourceInfo(path=str(path), form="text", reader="gov_disclosure.loader"))


def _load_xlsx(data: bytes, path: Path) -> ReadResult:
    """The first report of a workbook (:mod:`gov_disclosure.serializers.xlsx`), validated."""
    from gov_disclosure.serializers.xlsx import read_xlsx

    reading = read_xlsx(path)
    first = reading.items[0]
    findings = [*reading.findings, *first.findings]
    if len(reading.items) > 1:
        findings.append(
            _finding(
                "XLSX.MORE_REPORTS",
                Severity.INFO,
                f"工作簿中有 {len(reading.items)} 份报告，这里只读取第一份（工作表 {first.sheets[0]}）",
                f"the workbook holds {len(reading.items)} reports; only the first (sheet {first.sheets[0]}) is read",
            )
        )
    return ReadResult(report=first.report, findings=(*findings, *validate(first.report)))


READERS: dict[str, Callable[[bytes, Path], ReadResult]] = {
    ".txt": _load_text,
    ".text": _load_text,
    ".md": _load_text,
    ".markdown": _load_text,
    "": _load_text,
    ".json": _load_json,
    ".xlsx": _load_xlsx,
}
"""Input forms by file extension. Other forms (``.xlsx``, ``.html``, ``.pdf``, ``.docx``) plug in here: a reader
takes the file's bytes and path and returns a :class:`ReadResult` (the adapters' registry replaces this map)."""


def load(path: str | Path) -> ReadResult:
    """Read the report in the file at *path* (text in UTF-8, UTF-8 with BOM or GB18030; ``.json`` documents;
    HTML, PDF, DOCX and third-party forms through the adapter registry, :mod:`gov_disclosure.documents`).

    Raises :class:`UnsupportedInputError` for a form without a reader, and what :func:`read_text` raises.
    """
    path = Path(path)
    reader = READERS.get(path.suffix.lower())
    if reader is not None and reader is not _load_text:
        return reader(path.read_bytes(), path)
    from gov_disclosure.documents import load_path  # sniff the input form, recognise the format, re-validate

    return load_path(path)
