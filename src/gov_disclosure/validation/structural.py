"""Structural rules: tables and rows present, cells that hold numbers of the right type.

format-spec §5.1 rule 4 and §5.3 rule 8 for value types; §5.1 rule 5 and §6.3 for blanks and marks
("such reports must be reported as "no data", not zero").
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from decimal import Decimal

from gov_disclosure.findings import Finding, Severity
from gov_disclosure.model.cells import Cell, Number
from gov_disclosure.model.formats import FormatSpec, default_format_for_year
from gov_disclosure.model.keys import CellKey
from gov_disclosure.model.layout import ValueType
from gov_disclosure.model.report import Report
from gov_disclosure.model.tables import Table
from gov_disclosure.registry import BlankPolicy, RuleContext, rule
from gov_disclosure.validation._cells import cell_key
from gov_disclosure.validation._labels import (
    LISTED,
    CellNames,
    cell_names,
    cell_zh,
    column_spec,
    join_en,
    join_zh,
    row_zh,
    short,
    table_zh,
)
from gov_disclosure.validation.context import ValidationRun

__all__ = [
    "rule_cell_blank",
    "rule_cell_negative",
    "rule_cell_not_applicable",
    "rule_cell_not_integer",
    "rule_cell_text",
    "rule_report_format_year",
    "rule_row_extra",
    "rule_row_missing",
    "rule_table_missing",
]


@rule("REPORT.FORMAT_YEAR", severity=Severity.WARNING, title="报告年度与表格格式不符")
def rule_report_format_year(report: Report, context: RuleContext) -> Iterator[Finding]:
    """The report year and the table format disagree (2019 format for report years 2019–2020, 2021 format from
    2021 on; neither before 2019).

    format-spec §0: 国办公开办函〔2019〕60号 for report years 2019 and 2020, 国办公开办函〔2021〕30号 "used for 2021
    reports onward"; §7: "Fallback by data year … Flag conflicts (e.g. a 2021 report with 2019 tables)".
    """
    if report.report_year is None:
        return
    expected = default_format_for_year(report.report_year)
    if expected not in report.format.lineage:
        wanted_zh = f"应使用 {expected} 格式" if expected else "当时尚无统一表格格式"
        wanted_en = f"expected the {expected} format" if expected else "no national table format existed then"
        yield Finding(
            code="REPORT.FORMAT_YEAR",
            severity=Severity.WARNING,
            message=f"{report.report_year} 年度报告使用了 {report.format_version} 格式的表格，{wanted_zh}。",
            message_en=f"a {report.report_year} report uses the {report.format_version} tables; {wanted_en}.",
        )


def _present_tables(report: Report) -> Iterator[tuple[str, Table]]:
    for spec, table in report.tables():
        yield spec.key, table


@rule("TABLE.MISSING", severity=Severity.ERROR, title="缺少统计表")
def rule_table_missing(report: Report, context: RuleContext) -> Iterator[Finding]:
    """A report lacks 表二 (of its format), 表三 or 表四.

    keys.md: a report carries 表二 of its format, 表三 and 表四; "An absent row is omitted or null; it is never
    filled with zeros." Nothing in an absent table can be checked, so its identities are not evaluated.
    """
    for spec in report.table_specs():
        if getattr(report, spec.key) is None:
            yield Finding(
                code="TABLE.MISSING",
                severity=Severity.ERROR,
                message=f"报告缺少表{spec.number}「{spec.title}」。",
                message_en=f"the report has no {spec.key} ({spec.title}).",
                table=spec.key,
            )


@functools.cache
def _row_missing(spec: FormatSpec) -> dict[tuple[str, str], Finding]:
    """The finding for each row of each table of *spec*, should the row be missing (by table key and row
    key; a finding depends only on the layout, so it is built once per format)."""
    return {
        (table, row.key): Finding(
            code="ROW.MISSING",
            severity=Severity.ERROR,
            message=f"{table_zh(table)}缺少「{short(row_zh(row))}」行。",
            message_en=f"{table} has no row {row.key}.",
            cells=tuple(cell_key(table, row.key, c.key) for c in row.columns),
        )
        for table in spec.table_keys
        for row in spec.rows(table)
    }


@rule("ROW.MISSING", severity=Severity.ERROR, title="统计表缺行")
def rule_row_missing(report: Report, context: RuleContext) -> Iterator[Finding]:
    """A present table lacks a row of the report's format (the 2021 （六） sub-rows, or the 2019 single
    （六）其他处理 row, only in their own format).

    format-spec §6.1: "whole trailing rows of 三 missing" is a known extraction failure; an absent row is never
    zero (keys.md). Identities involving the row's cells are reported as undecidable.
    """
    run = ValidationRun.of(report, context)
    findings = _row_missing(run.format)
    for where in run.cells.missing_rows:
        yield findings[where]


@rule("ROW.EXTRA", severity=Severity.INFO, title="格式之外的行")
def rule_row_extra(report: Report, context: RuleContext) -> Iterator[Finding]:
    """A table has a row the official form does not have, kept as an extra row and not checked.

    format-spec §3.5: provincial variants add rows such as Hubei's ``其他主动公开文件``; "Parsers must match
    labels by prefix and tolerate unknown extra rows."
    """
    for key, table in _present_tables(report):
        for extra in getattr(table, "extra_rows", ()):
            yield Finding(
                code="ROW.EXTRA",
                severity=Severity.INFO,
                message=f"{table_zh(key)}有格式之外的行「{extra.label}」，已保留，不参与校验。",
                message_en=f"{key} has a row that is not in the official form ({extra.label}); kept, not checked.",
                evidence=extra.label,
            )


def _by_table(keys: tuple[CellKey, ...], positions: tuple[int, ...]) -> dict[str, list[int]]:
    """*positions* of cells grouped by the table of their *keys*, in report order."""
    by_table: dict[str, list[int]] = {}
    for i in positions:
        by_table.setdefault(keys[i].table, []).append(i)
    return by_table


def _listed_zh(names: CellNames, positions: list[int]) -> str:
    """The cells at *positions* named in Chinese, as :func:`join_zh` lists them."""
    return join_zh([names.zh[i] for i in positions[:LISTED]], total=len(positions))


def _listed_en(names: CellNames, positions: list[int]) -> str:
    """The cells at *positions* named in English, as :func:`join_en` lists them."""
    return join_en([names.en[i] for i in positions[:LISTED]], total=len(positions))


@rule("CELL.BLANK", severity=Severity.WARNING, title="空白单元格")
def rule_cell_blank(report: Report, context: RuleContext) -> Iterator[Finding]:
    """Cells left blank: one finding per table, listing them.

    format-spec §5.1 rule 5: "many reports leave zeros blank; some leave *intermediate* 总计 cells blank …
    Validator should treat blank as "unknown", evaluate identities with blank→0 only as a secondary, flagged
    interpretation, and never silently impute". Under ``BlankPolicy.ZERO`` the message says that the blanks
    were counted as 0.
    """
    run = ValidationRun.of(report, context)
    found = run.cells
    if not found.blank:
        return
    keys, names = found.layout.keys, cell_names(run.format, found.layout.collapsed)
    zero = context.blank_policy is BlankPolicy.ZERO
    for table, positions in _by_table(keys, found.blank).items():
        policy_zh = "已按“空白计为0”口径在勾稽关系中计为0。" if zero else "空白不等于0，涉及它们的勾稽关系无法判断。"
        policy_en = (
            "counted as 0 in identities (blank policy ZERO)."
            if zero
            else ("a blank is not zero: identities involving them cannot be decided.")
        )
        yield Finding(
            code="CELL.BLANK",
            severity=Severity.WARNING,
            message=f"{table_zh(table)}有 {len(positions)} 个空白单元格：{_listed_zh(names, positions)}。{policy_zh}",
            message_en=f"{table} has {len(positions)} blank cells: {_listed_en(names, positions)}; {policy_en}",
            cells=tuple(keys[i] for i in positions),
        )


@rule("CELL.NOT_APPLICABLE", severity=Severity.WARNING, title="填写不适用标记的单元格")
def rule_cell_not_applicable(report: Report, context: RuleContext) -> Iterator[Finding]:
    """Cells holding a not-applicable mark (``/`` ``-`` ``—`` ``无`` …) where the form asks for a number: one
    finding per table. The mark is not read as zero under either blank policy.

    format-spec §6.3: "Cells holding ``-`` …, ``/`` (counted by a third-party checker)"; §5.1 rule 5 lists
    NA("/","-","不适用") as its own cell semantics, distinct from ZERO and EMPTY.
    """
    found = ValidationRun.of(report, context).cells
    if not found.not_applicable:
        return
    keys, names = found.layout.keys, cell_names(report.format, found.layout.collapsed)
    for table, positions in _by_table(keys, found.not_applicable).items():
        yield Finding(
            code="CELL.NOT_APPLICABLE",
            severity=Severity.WARNING,
            message=f"{table_zh(table)}有 {len(positions)} 个单元格填写了不适用标记而不是数字："
            f"{_listed_zh(names, positions)}。这些标记不计为0，涉及它们的勾稽关系无法判断。",
            message_en=f"{table} has {len(positions)} cells with a not-applicable mark instead of a number: "
            f"{_listed_en(names, positions)}; marks are not zero, identities involving them cannot be decided.",
            cells=tuple(keys[i] for i in positions),
        )


@rule("CELL.TEXT", severity=Severity.ERROR, title="无法识别为数字的单元格")
def rule_cell_text(report: Report, context: RuleContext) -> Iterator[Finding]:
    """A cell holds text that cannot be read as a number with certainty (e.g. glued digits with several
    possible splits): one finding per cell, citing the text; none for a cell whose reading already reported it
    (:attr:`ValidationRun.unread <gov_disclosure.validation.ValidationRun.unread>`: one problem, one finding).

    format-spec §6.1/§6.3: "a number split into two numbers" and digits fused in conversion are common
    extraction faults; a value that cannot be read with certainty is flagged, never guessed.
    """
    run = ValidationRun.of(report, context)
    found, unread = run.cells, run.unread
    if not found.text:
        return
    keys, names = found.layout.keys, cell_names(report.format, found.layout.collapsed)
    for i in found.text:
        if i in unread:
            continue
        cell = found.cells[i]
        assert cell is not None  # a position in a group holds a cell
        yield Finding(
            code="CELL.TEXT",
            severity=Severity.ERROR,
            message=f"{names.zh[i]}的内容“{cell.raw}”无法确定为数字。",
            message_en=f"{names.en[i]} holds {cell.raw!r}, which cannot be read as a number with certainty.",
            cells=(keys[i],),
            evidence=cell.raw,
            source=cell.source,
        )


def _unusual_numbers(report: Report, context: RuleContext) -> Iterator[tuple[CellKey, Cell, Number]]:
    """Key, cell and value of each number that is negative or not a plain ``int``."""
    found = ValidationRun.of(report, context).cells
    for i in found.unusual_numbers:
        cell = found.cells[i]
        if cell is not None and cell.value is not None:
            yield found.layout.keys[i], cell, cell.value


@rule("CELL.NEGATIVE", severity=Severity.INCONSISTENCY, title="件数或金额为负数")
def rule_cell_negative(report: Report, context: RuleContext) -> Iterator[Finding]:
    """A count (件) or money amount is negative. Only 2019 表二 ``本年增/减`` is signed.

    format-spec §5.1 rule 4: "all cells are non-negative integers"; §5.2 rule 6 "all non-negative ints";
    §5.3 rule 8: "non-negative integers (2021 all cells except （八）, which is a non-negative decimal in 万元);
    2019 ``本年增/减`` signed".
    """
    for key, cell, value in _unusual_numbers(report, context):
        if value >= 0:
            continue
        column = column_spec(key)
        if column.value_type is not ValueType.SIGNED:
            what_zh, what_en = ("金额", "an amount") if column.value_type is ValueType.MONEY else ("件数", "a count")
            yield Finding(
                code="CELL.NEGATIVE",
                severity=Severity.INCONSISTENCY,
                message=f"{cell_zh(key)}为负数 {value}；{what_zh}不能为负。",
                message_en=f"{key} is negative ({value}); {what_en} cannot be negative.",
                cells=(key,),
                actual=value,
                evidence=cell.raw or None,
                source=cell.source,
            )


@rule("CELL.NOT_INTEGER", severity=Severity.INCONSISTENCY, title="件数不是整数")
def rule_cell_not_integer(report: Report, context: RuleContext) -> Iterator[Finding]:
    """A count column (including the signed 2019 ``本年增/减``) holds a decimal value; counts are whole numbers
    of 件 or 项. Money columns (2021 ``本年收费金额（单位：万元）``, 2019 ``采购总金额``) may hold decimals.

    format-spec §5.1 rule 4: "all cells are non-negative integers"; §5.3 rule 8 (表二 counts are integers,
    only （八） 2021 and 采购总金额 2019 are decimals).
    """
    for key, cell, value in _unusual_numbers(report, context):
        if isinstance(value, Decimal) and column_spec(key).value_type is not ValueType.MONEY:
            yield Finding(
                code="CELL.NOT_INTEGER",
                severity=Severity.INCONSISTENCY,
                message=f"{cell_zh(key)}为 {cell.raw or value}，不是整数；件数应为整数。",
                message_en=f"{key} is {cell.raw or value}, not a whole number; counts are integers.",
                cells=(key,),
                actual=value,
                evidence=cell.raw or None,
                source=cell.source,
            )
