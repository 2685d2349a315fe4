"""The national formats as format adapters: one :class:`NationalFormat` per registered :class:`FormatSpec`.

An adapter builds the report and the findings of *reading* it from a :class:`~gov_disclosure.parsing.document.
Document`; it never validates (the pipeline's one ``finish`` step does, :mod:`gov_disclosure.loader`).

What a national adapter reads:

* the format version from the table labels (format-spec §7: "Detect the format from labels (robust to citations
  and year) … Fallback by data year … Flag conflicts"), with a finding whenever labels and year disagree;
* the title (agency and report year), the six sections (of the text as printed);
* 表二 of its version, 表三 and 表四 from the text (:mod:`gov_disclosure.parsing.tables`), and — for forms with cell
  boundaries (HTML, PDF, DOCX) — from the grids (:mod:`gov_disclosure.formats.grid`), which replace the tables read
  from the text; the text stays the fallback for a table the grids lack.
"""

from __future__ import annotations

import bisect

import attrs
from attrs import frozen

from gov_disclosure.errors import NotAReportError, UnsupportedFormatError
from gov_disclosure.findings import Finding, Outcome, Severity
from gov_disclosure.formats._protocol import AdapterOutput
from gov_disclosure.formats.grid import read_grid_tables
from gov_disclosure.model.formats import FormatSpec, current_format, format_for_year, format_spec, format_specs
from gov_disclosure.model.layout import TableSpec
from gov_disclosure.model.report import Report
from gov_disclosure.model.source import SourceInfo
from gov_disclosure.narrative.sections import SectionHeading, section_bodies, section_headings
from gov_disclosure.parsing.document import Document
from gov_disclosure.parsing.lines import TextLine, may_go_on, text_rows
from gov_disclosure.parsing.tables import read_text_tables

__all__ = ["NOT_A_REPORT", "NationalFormat", "chosen_format", "format_findings", "table_lines"]

NOT_A_REPORT = "not a 政府信息公开工作年度报告: no report title, section heading or table label found"
"""What :class:`~gov_disclosure.errors.NotAReportError` says for a document that is not a report."""


def _finding(code: str, severity: Severity, message: str, message_en: str, table: str | None = None) -> Finding:
    return Finding(
        code=code, severity=severity, message=message, message_en=message_en, outcome=Outcome.NOTE, table=table
    )


def _before_national_formats(year: int) -> bool:
    """True for a report year before the first year of every registered format (2019: format-spec §4)."""
    return all(spec.first_year is None or year < spec.first_year for spec in format_specs())


def chosen_format(document: Document) -> FormatSpec:
    """The version *document* is read in: the one its table labels point at; when they point at several, the one
    its report year implies, else the one with the most labels; without labels, the one its year implies, else the
    current format.

    Raises :class:`~gov_disclosure.errors.UnsupportedFormatError` for a report year before 2019 without labels.
    """
    evidence = document.evidence
    if evidence.version is not None:
        return format_spec(evidence.version)
    year = document.title.year if document.title is not None else None
    by_year = format_for_year(year) if year is not None else None
    if evidence.mixed:
        return by_year or max(reversed(evidence.pointed), key=lambda spec: len(evidence.found(spec.name)))
    if year is not None and _before_national_formats(year):
        raise UnsupportedFormatError(
            f"report year {year} predates the national report formats (2019 试行 and 2021); "
            "reports before 2019 have no unified tables (format-spec §4)"
        )
    return by_year or current_format()


def format_findings(document: Document, spec: FormatSpec) -> list[Finding]:
    """What a reader says about reading *document* as *spec*: mixed labels, a format assumed from the year,
    a year that implies another format, no title, a title without a year."""
    evidence = document.evidence
    title = document.title
    year = title.year if title is not None else None
    version = spec.name
    findings: list[Finding] = []
    if title is None:
        findings.append(
            _finding("READ.NO_TITLE", Severity.WARNING, "未找到报告标题，机关名称和年度未知", "no report title found")
        )
    elif year is None:
        findings.append(
            _finding(
                "READ.NO_YEAR",
                Severity.WARNING,
                "报告标题中没有年度，报告年度未知",
                "the report title names no year; the report year is unknown",
            )
        )
    if evidence.mixed:
        pointed = [s.name for s in evidence.pointed]
        findings.append(
            _finding(
                "READ.FORMAT_MIXED",
                Severity.WARNING,
                f"表格标签同时出现{'和'.join(pointed)}格式（{'、'.join(evidence.printed)}），按{version}格式读取",
                f"table labels of both formats found; read as the {version} format",
            )
        )
    elif evidence.version is None and year:
        findings.append(
            _finding(
                "READ.FORMAT_FROM_YEAR",
                Severity.INFO,
                f"未找到表格标签，按报告年度{year}推定为{version}格式",
                f"no table labels found; format {version} assumed from the report year {year}",
                table="table2",
            )
        )
    elif evidence.version is None:  # both findings are on 表二, whose rows the formats differ in (a 2019 row such
        # as 其他对外管理服务事项 has no place in a 2021 表二, and no other finding could name it)
        findings.append(
            _finding(
                "READ.FORMAT_GUESSED",
                Severity.WARNING,
                f"未找到表格标签和报告年度，无法确定报告格式，按{version}格式读取；表二的行可能不是该格式的行",
                f"no table labels or report year found: the format is not known; read as format {version}, "
                "whose 表二 rows may not be the report's",
                table="table2",
            )
        )
    elif year is not None and (by_year := format_for_year(year)) is not None and by_year is not spec:
        findings.append(
            _finding(
                "READ.FORMAT_YEAR_CONFLICT",
                Severity.WARNING,
                f"报告年度{year}应使用{by_year.name}格式，但表格为{version}格式",
                f"report year {year} implies the {by_year.name} format but the tables use the {version} format",
            )
        )
    elif year is not None and _before_national_formats(year):
        findings.append(
            _finding(
                "READ.FORMAT_YEAR_CONFLICT",
                Severity.WARNING,
                f"报告年度{year}早于全国统一格式，但表格为{version}格式",
                f"report year {year} predates the national formats but the tables use the {version} format",
            )
        )
    return findings


def table_lines(document: Document, sections: tuple[SectionHeading, ...]) -> tuple[TextLine, ...]:
    """The lines of *document* that may hold its tables, given its section headings *sections*
    (:func:`~gov_disclosure.narrative.section_headings` of its text): from the heading of section 二 on, when
    一、总体情况 and 二、主动公开政府信息情况 are the first two sections found, in this order, section 一 holds no
    line of cells (no tab, no ``|``), and normalising the text kept its lines (no page-number line dropped, no other
    line break); else every line.

    format-spec §1.2: section 一 总体情况 is "narrative"; the tables stand in 二, 三 and 四. The lines of section
    一 are not handed to the table reader, which would normalise, check and walk each of them only to find no table
    there (~4 % of reading a seed); nor are they split into lines, unless the line before the heading may run on
    into it (:func:`~gov_disclosure.parsing.lines.may_go_on`). Whenever that is not certain, every line is kept: a
    text without the two headings (a crawler's one-line body, a report without section headings), with section 二's
    heading lost, with something like a row of cells before it, or whose lines normalising changed.

    >>> doc = Document.from_text("某局2022年政府信息公开工作年度报告\\n一、总体情况\\n共公开1件。\\n"
    ...                          "二、主动公开政府信息情况\\n信息内容\\t本年制发件数\\n规章\\t1\\n")
    >>> [line.text for line in table_lines(doc, section_headings(doc.text))]
    ['二、主动公开政府信息情况', '信息内容\\t本年制发件数', '规章\\t1']
    """
    if len(sections) < 2 or (sections[0].key, sections[1].key) != ("overview", "proactive"):
        return document.lines
    text, start = document.text, sections[1].start
    if text.find("\t", 0, start) >= 0 or text.find("|", 0, start) >= 0:
        return document.lines  # something like a row of cells in section 一
    if not document.half_width.plain or document.normalized.count("\n") != text.count("\n"):
        return document.lines  # a line dropped or added: line numbers of text and lines differ
    number = text.count("\n", 0, start) + 1  # of the heading's line, in the text and in its normalised lines
    normalized = document.normalized
    at = 0  # where that line starts in the normalised text
    for _ in range(number - 1):
        at = normalized.index("\n", at) + 1
    if not may_go_on(normalized[at - 2 : at - 1] if at >= 2 else ""):  # the line before ends otherwise: it never
        # takes the heading's line into itself, and only the lines from the heading's on are split
        return tuple(text_rows(normalized[at:], path=document.path, first_line=number, offset=at))
    lines = document.lines  # the line before may take the heading's line into itself: the lines of the whole text
    return lines[bisect.bisect_left(lines, number, key=lambda line: line.number) :]


def _table_missing(spec: TableSpec) -> Finding:
    return Finding(
        code="READ.TABLE_MISSING",
        severity=Severity.ERROR,
        message=f"文本中没有找到表{spec.number}，其数据按缺失处理",
        message_en=f"{spec.key}: table not found in the text; its data are missing",
        outcome=Outcome.NOTE,
        table=spec.key,
    )


@frozen
class NationalFormat:
    """The format adapter of one national format version (or a registered variant of one)."""

    spec: FormatSpec

    @property
    def name(self) -> str:
        """The version's name (``"2019"``, ``"2021"``): a third-party adapter of that name replaces this one."""
        return self.spec.name

    @property
    def tables(self) -> tuple[TableSpec, ...]:
        """表二 of this version, 表三, 表四."""
        return self.spec.tables

    def recognise(self, document: Document) -> float:
        """0.9 when the table labels point at this version; else 0.5 when it is the version read by the report
        year or by the most labels, 0.3 when nothing tells and it is the current format; 0.1 otherwise, 0.05 when
        labels point elsewhere; 0 for a document that is not a report (format-spec §7)."""
        if not document.is_report:
            return 0.0
        evidence = document.evidence
        if evidence.version == self.name:
            return 0.9
        try:
            chosen = chosen_format(document)
        except UnsupportedFormatError:
            return 0.1  # building raises the error
        if evidence.version is not None:
            return 0.05  # the other format's labels: possible, never preferred
        if chosen is self.spec:
            return 0.5 if evidence.mixed or (document.title is not None and document.title.year) else 0.3
        return 0.1

    def build(self, document: Document) -> AdapterOutput:
        """The report in this version and the findings of reading it (never of validating it)."""
        if not document.is_report:
            raise NotAReportError(NOT_A_REPORT)
        chosen_format(document)  # raises for a report before the national formats
        spec = self.spec
        findings = format_findings(document, spec)  # about the document: kept whichever reader gives a table
        sections = section_headings(document.text, form=document.half_width)
        text = read_text_tables(table_lines(document, sections), spec.name)
        reading = list(text.findings)
        tables = {key: getattr(text, key) for key in spec.table_keys}
        found = set(text.found)
        if document.grids:
            grids = read_grid_tables(document.grids, spec.name)
            replaced = {key for key in spec.table_keys if getattr(grids, key) is not None}
            tables.update({key: getattr(grids, key) for key in replaced})
            reading = [f for f in reading if f.table not in replaced]
            reading.extend(grids.findings)
            found |= replaced
        findings.extend(reading)
        findings.extend(_table_missing(table) for table in spec.tables if table.key not in found)
        title = document.title
        source = document.source
        report = Report(
            format_version=spec.name,
            agency=title.agency if title else None,
            report_year=title.year if title else None,
            sections=section_bodies(document.text, sections),
            source=attrs.evolve(source, reader=f"gov_disclosure.formats.national:{spec.name}")
            if source is not None
            else SourceInfo(form=document.form, reader=f"gov_disclosure.formats.national:{spec.name}"),
            **tables,
        )
        return report, tuple(findings)
