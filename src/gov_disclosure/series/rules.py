"""Registered checks over a series of one agency's reports (format-spec §5.5, cross-year — all soft).

Findings name the year they are about in ``subject`` (e.g. ``"2022"``).
"""

from __future__ import annotations

from collections.abc import Iterator

from gov_disclosure.aggregation.values import cell_number
from gov_disclosure.findings import Finding, Outcome, Severity
from gov_disclosure.model.cells import Cell, CellKind
from gov_disclosure.model.keys import CellKey
from gov_disclosure.model.layout import TABLE2, TABLE3
from gov_disclosure.registry import BlankPolicy, RuleContext, rule
from gov_disclosure.series.model import Series

__all__ = [
    "rule_agency",
    "rule_carry_over",
    "rule_duplicate_year",
    "rule_no_year",
    "rule_stock_flow",
    "rule_year_gap",
]

_CARRIED_OVER = TABLE3.row("carried_over")
_CARRIED_FORWARD = TABLE3.row("carried_forward")
_STOCK_ROWS = ("regulations", "normative_docs")


def _unknown_reason(cell: Cell | None) -> tuple[str, str]:
    if cell is None:
        return "缺少该行", "row absent"
    return {
        CellKind.BLANK: ("空白", "blank"),
        CellKind.NOT_APPLICABLE: (f"为不适用标记“{cell.raw}”", f"not-applicable mark {cell.raw!r}"),
        CellKind.NOT_PRINTED: ("未印出", "not printed"),
    }.get(cell.kind, (f"无法识别（{cell.raw}）", f"unreadable text {cell.raw!r}"))


def _policy_note(cells: tuple[Cell | None, ...], policy: BlankPolicy) -> tuple[str, str]:
    if policy is BlankPolicy.ZERO and any(c is not None and c.kind is CellKind.BLANK for c in cells):
        return "（已按“空白计为0”口径处理）", " (blank policy ZERO applied: blanks counted as 0)"
    return "", ""


@rule("SERIES.NO_YEAR", severity=Severity.WARNING, title="报告年度不明，无法排入序列")
def rule_no_year(series: Series, context: RuleContext) -> Iterator[Finding]:
    """A report without a report year cannot be placed in the series; cross-year checks skip it."""
    for index, report in enumerate(series.reports):
        if report.report_year is None:
            yield Finding(
                code="SERIES.NO_YEAR",
                severity=Severity.WARNING,
                message=f"第{index + 1}份报告没有报告年度，未参与跨年度核对。",
                message_en=f"report #{index + 1} has no report year and takes no part in the cross-year checks.",
                subject=report.agency,
            )


@rule("SERIES.DUPLICATE_YEAR", severity=Severity.WARNING, title="同一年度有多份报告")
def rule_duplicate_year(series: Series, context: RuleContext) -> Iterator[Finding]:
    """More than one report for one year. CASS found reports altered after publication and published on several
    platforms in different versions (format-spec §5.6); differing duplicates are skipped by the cross-year checks."""
    for year in series.duplicate_years():
        reports = series.reports_for(year)
        same = len(set(reports)) == 1
        yield Finding(
            code="SERIES.DUPLICATE_YEAR",
            severity=Severity.WARNING,
            message=f"{year}年度有{len(reports)}份报告"
            + ("（内容相同）。" if same else "，内容不同，未参与跨年度核对。"),
            message_en=f"{len(reports)} reports for {year}"
            + (" (identical)." if same else "; they differ and take no part in the cross-year checks."),
            subject=str(year),
        )


@rule("SERIES.GAP", severity=Severity.WARNING, title="序列缺少年度")
def rule_year_gap(series: Series, context: RuleContext) -> Iterator[Finding]:
    """A year between the first and the last has no report; the carry-over of the years around it is unchecked."""
    for year in series.missing_years:
        yield Finding(
            code="SERIES.GAP",
            severity=Severity.WARNING,
            message=f"缺少{year}年度报告，{year}年及{year + 1}年的跨年度结转无法核对。",
            message_en=f"no report for {year}: the carry-over into and out of {year} cannot be checked.",
            subject=str(year),
        )


@rule("SERIES.AGENCY", severity=Severity.WARNING, title="序列中机关名称不一致")
def rule_agency(series: Series, context: RuleContext) -> Iterator[Finding]:
    """A series should be one agency's reports; different names may be a merger or a scope change (§5.5 rule 11)."""
    names = sorted({r.agency for r in series.reports if r.agency})
    if len(names) > 1:
        yield Finding(
            code="SERIES.AGENCY",
            severity=Severity.WARNING,
            message=f"序列中的机关名称不一致：{'、'.join(names)}。",
            message_en=f"the series names different agencies: {', '.join(names)}.",
        )


@rule("SERIES.CARRY_OVER", severity=Severity.WARNING, title="上年结转 = 上一年度 结转下年度继续办理（每列）")
def rule_carry_over(series: Series, context: RuleContext) -> Iterator[Finding]:
    """For each of the seven columns: 二、上年结转 (year Y) = 四、结转下年度继续办理 (year Y−1).

    format-spec §5.5 rule 11 (soft): "``二、上年结转[c]`` (year Y) should equal ``四、结转下年度继续办理[c]``
    (year Y−1), per column. Works across the 2020→2021 format boundary (rows unchanged)." Legitimate breaks:
    mergers and splits (机构改革), a change of scope, a corrected earlier report — hence a warning.
    """
    for year, previous, current in series.consecutive():
        if previous.table3 is None or current.table3 is None:
            continue
        for column in _CARRIED_OVER.columns:
            forward_key = CellKey("table3", "carried_forward", column.key)
            over_key = CellKey("table3", "carried_over", column.key)
            forward, over = previous.cell(forward_key), current.cell(over_key)
            expected = cell_number(forward, context.blank_policy)
            actual = cell_number(over, context.blank_policy)
            label_zh = (
                f"{_CARRIED_OVER.label}（{year}年）与{_CARRIED_FORWARD.label}（{year - 1}年）的“{column.label}”列"
            )
            label_en = f"column {column.key}: carried_over ({year}) vs carried_forward ({year - 1})"
            if expected is None or actual is None:
                unknown = forward if expected is None else over
                reason_zh, reason_en = _unknown_reason(unknown)
                yield Finding(
                    code="SERIES.CARRY_OVER",
                    severity=Severity.WARNING,
                    outcome=Outcome.UNDECIDABLE,
                    message=f"无法核对{label_zh}：{reason_zh}。",
                    message_en=f"cannot check {label_en}: {reason_en}.",
                    cells=(forward_key, over_key),
                    subject=str(year),
                )
            elif expected != actual:
                note_zh, note_en = _policy_note((forward, over), context.blank_policy)
                yield Finding(
                    code="SERIES.CARRY_OVER",
                    severity=Severity.WARNING,
                    message=f"{label_zh}不一致：{year}年上年结转为 {actual}，"
                    f"{year - 1}年结转下年度为 {expected}。{note_zh}",
                    message_en=f"{label_en} differ: {actual} carried over in {year}, {expected} carried forward "
                    f"in {year - 1}.{note_en}",
                    cells=(forward_key, over_key),
                    expected=expected,
                    actual=actual,
                    subject=str(year),
                )


@rule(
    "SERIES.STOCK_FLOW",
    severity=Severity.WARNING,
    title="现行有效件数 = 上年现行有效 + 本年制发 − 本年废止（启发式）",
    versions=("2021",),
)
def rule_stock_flow(series: Series, context: RuleContext) -> Iterator[Finding]:
    """For 规章 and 行政规范性文件 (2021 表二): 现行有效件数(Y) = 现行有效件数(Y−1) + 本年制发件数(Y) − 本年废止件数(Y).

    format-spec §5.5 rule 12: "(2021 table 二, heuristic) … not an official identity (清理/修改 and scope changes
    break it)" — a warning. Checked only when both years use the 2021 format: the 2019 表二's 对外公开总数量 is not
    现行有效件数 (§3.4), so the first 2021 report starts the chain.
    """
    for year, previous, current in series.consecutive():
        if previous.table2 is None or current.table2 is None:
            continue
        for row in _STOCK_ROWS:
            keys = tuple(CellKey("table2", row, c) for c in ("valid", "made", "repealed"))
            before, made, repealed = (previous.cell(keys[0]), current.cell(keys[1]), current.cell(keys[2]))
            valid = current.cell(keys[0])
            cells = (before, made, repealed, valid)
            numbers = [cell_number(c, context.blank_policy) for c in cells]
            label = TABLE2.row(row).label
            keys_all = (keys[0], keys[1], keys[2])
            if any(n is None for n in numbers):
                position = next(i for i, n in enumerate(numbers) if n is None)
                reason_zh, reason_en = _unknown_reason(cells[position])
                yield Finding(
                    code="SERIES.STOCK_FLOW",
                    severity=Severity.WARNING,
                    outcome=Outcome.UNDECIDABLE,
                    message=f"无法核对{label}现行有效件数的增减（{year}年）：{reason_zh}。",
                    message_en=f"cannot check the {row} stock-flow for {year}: {reason_en}.",
                    cells=keys_all,
                    subject=str(year),
                )
                continue
            n_before, n_made, n_repealed, n_valid = (n or 0 for n in numbers)
            expected = n_before + n_made - n_repealed
            if expected != n_valid:
                note_zh, note_en = _policy_note(cells, context.blank_policy)
                yield Finding(
                    code="SERIES.STOCK_FLOW",
                    severity=Severity.WARNING,
                    message=f"{label}：{year - 1}年现行有效 {n_before} + {year}年制发 {n_made} − 废止 {n_repealed} = "
                    f"{expected}，而{year}年现行有效件数为 {n_valid}（清理、修改或口径变化也会造成差异）。{note_zh}",
                    message_en=f"{row}: valid {n_before} ({year - 1}) + made {n_made} − repealed {n_repealed} = "
                    f"{expected}, but {year} reports {n_valid} valid (clean-ups, amendments or a change of scope "
                    f"also explain this).{note_en}",
                    cells=keys_all,
                    expected=expected,
                    actual=n_valid,
                    subject=str(year),
                )
