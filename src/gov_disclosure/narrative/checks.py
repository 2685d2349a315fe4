"""Check the facts of the narrative against the tables: findings that cite the sentence.

format-spec §5.4 (severity **S**): "Numbers in narrative text are therefore evidence, not ground truth; use
tolerance and report, don't 'repair'." Every finding here is a WARNING (or an INFO note), cites the sentence in
``evidence`` and its span in ``source``. When a fact is stated several times, each statement is checked and the
message says how many of the others agree. Section 六's 信息处理费 has no table counterpart: in particular it
is never compared with 表二's 行政事业性收费 (format-spec §2.1).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from functools import cache

from attrs import field, frozen

from gov_disclosure.findings import Finding, Outcome, Severity
from gov_disclosure.model.cells import Cell, Number
from gov_disclosure.model.formats import format_spec
from gov_disclosure.model.keys import CellKey
from gov_disclosure.model.layout import TABLE3, TABLE4
from gov_disclosure.model.report import Report
from gov_disclosure.model.tables import Row, Table
from gov_disclosure.model.versions import FormatVersion
from gov_disclosure.narrative.facts import FactKind, NarrativeFact
from gov_disclosure.registry import BlankPolicy, RuleContext, RuleRegistry, rule, rules_in

__all__ = ["NARRATIVE_RULES", "NarratedReport", "check_facts"]


@frozen(kw_only=True)
class NarratedReport:
    """The subject of the narrative rules: a report and the facts read from its narrative."""

    report: Report
    facts: tuple[NarrativeFact, ...]
    _by_kind: dict[tuple[FactKind, str | None], tuple[NarrativeFact, ...]] = field(init=False, repr=False, eq=False)
    """The facts grouped once, when the subject is made, for :meth:`of`, which the rules ask about twenty times."""

    @_by_kind.default
    def _group(self) -> dict[tuple[FactKind, str | None], tuple[NarrativeFact, ...]]:
        by_kind: dict[tuple[FactKind, str | None], list[NarrativeFact]] = {}
        for fact in self.facts:
            by_kind.setdefault((fact.kind, fact.part), []).append(fact)
        return {key: tuple(facts) for key, facts in by_kind.items()}

    def of(self, kind: FactKind, part: str | None = None) -> tuple[NarrativeFact, ...]:
        """The facts of *kind* (and breakdown *part*), in text order."""
        return self._by_kind.get((kind, part), ())


@frozen
class _Target:
    """A table quantity a fact may be compared with: a sum of cells, labelled for messages."""

    label: str
    label_en: str
    cells: tuple[CellKey, ...]


def _t3(row: str) -> CellKey:
    return CellKey("table3", row, "total")


def _label3(row: str) -> str:
    return TABLE3.row(row).label.split("（区分", 1)[0]


def _cell(report: Report, key: CellKey) -> Cell | None:
    """``report.cell(key)`` for a key whose row and column the layout has, as every target's keys are (they are
    made from :data:`~gov_disclosure.model.layout.TABLE3` and ``TABLE4``): the same cell, read attribute by
    attribute, without checking the key again for each report."""
    table: Table | None = getattr(report, key.table)
    if table is None:
        return None
    row: Row | None = getattr(table, key.row)
    if row is None:
        return None
    cell: Cell = getattr(row, key.column)
    return cell


def _value(report: Report, target: _Target, context: RuleContext) -> tuple[Number | None, bool]:
    """``(sum, present)``: the sum of the target's cells (None when undecidable); present=False when a row is absent."""
    total: Number = 0
    decidable = True
    for key in target.cells:
        cell = _cell(report, key)
        if cell is None:
            return None, False
        if cell.value is None:
            if context.blank_policy is BlankPolicy.ZERO and not cell.raw.strip():
                continue
            decidable = False
            continue
        total = total + cell.value
    return (total if decidable else None), True


def _quote(fact: NarrativeFact) -> str:
    return fact.phrase or str(fact.value)


def _compare(
    subject: NarratedReport,
    context: RuleContext,
    facts: Sequence[NarrativeFact],
    targets: Sequence[_Target],
    *,
    code: str,
    what: str,
    what_en: str,
) -> Iterator[Finding]:
    """Compare every fact with the targets (the first is the primary reading, the others accepted alternatives)."""
    if not facts:
        return
    values: list[tuple[_Target, Number]] = []
    for target in targets:
        value, present = _value(subject.report, target, context)
        if not present:
            continue
        if value is None:
            fact = facts[0]
            yield Finding(
                code=code,
                severity=Severity.INFO,
                outcome=Outcome.UNDECIDABLE,
                message=f"叙述中的{what}“{_quote(fact)}”无法核对：{target.label}含空白或非数字单元格",
                message_en=f"narrative {what_en} {fact.value} cannot be checked: {target.label_en} has blank or "
                "non-numeric cells",
                cells=target.cells,
                actual=fact.value,
                evidence=fact.sentence,
                source=fact.source,
            )
            continue
        values.append((target, value))
    if not values:
        return
    agree = [f for f in facts if any(f.value == v for _, v in values)]
    for fact in facts:
        matches = [t for t, v in values if v == fact.value]
        primary, expected = values[0]
        if matches and matches[0] is primary:
            continue
        if matches:
            yield Finding(
                code=code,
                severity=Severity.INFO,
                outcome=Outcome.NOTE,
                message=f"叙述中的{what}“{_quote(fact)}”与{matches[0].label}一致，而非{primary.label}（{expected}）",
                message_en=f"narrative {what_en} {fact.value} equals {matches[0].label_en}, not {primary.label_en} "
                f"({expected})",
                cells=matches[0].cells,
                expected=fact.value,
                actual=fact.value,
                evidence=fact.sentence,
                source=fact.source,
            )
            continue
        others = len(agree)
        tail = f"；另有{others}处叙述与表格一致" if others else ""
        tail_en = f"; {others} other statement(s) agree with the table" if others else ""
        alternatives = "或".join(f"{t.label}（{v}）" for t, v in values)
        alternatives_en = " or ".join(f"{t.label_en} ({v})" for t, v in values)
        yield Finding(
            code=code,
            severity=Severity.WARNING,
            message=f"叙述中的{what}“{_quote(fact)}”为{fact.value}，与{alternatives}不一致{tail}",
            message_en=f"narrative {what_en} is {fact.value} but {alternatives_en}{tail_en}",
            cells=primary.cells,
            expected=expected,
            actual=fact.value,
            evidence=fact.sentence,
            source=fact.source,
        )


_RECEIVED = _Target(f"表三“{_label3('new_received')}”总计", "table 3 row 1 total", (_t3("new_received"),))
_RECEIVED_WITH_CARRIED = _Target(
    f"表三“{_label3('new_received')}”与“{_label3('carried_over')}”总计之和",
    "table 3 rows 1 + 2 totals",
    (_t3("new_received"), _t3("carried_over")),
)

_PROCESSED = _Target(f"表三“{_label3('total_processed')}”", "table 3 (7) total", (_t3("total_processed"),))
_CARRIED_OVER = _Target(f"表三“{_label3('carried_over')}”总计", "table 3 row 2 total", (_t3("carried_over"),))
_CARRIED_FORWARD = _Target(f"表三“{_label3('carried_forward')}”总计", "table 3 row 4 total", (_t3("carried_forward"),))


@rule("NARR.RECEIVED", severity=Severity.WARNING, title="叙述中的收到申请数与表三一致")
def received(subject: NarratedReport, context: RuleContext) -> Iterable[Finding]:
    """收到/受理/新收 … 申请 N 件 = 表三 一 总计.

    format-spec §5.4: "sometimes 一+二; ambiguous — accept either, flag".
    """
    return _compare(
        subject,
        context,
        subject.of(FactKind.RECEIVED),
        (_RECEIVED, _RECEIVED_WITH_CARRIED),
        code="NARR.RECEIVED",
        what="收到申请数",
        what_en="applications received",
    )


@rule("NARR.PROCESSED", severity=Severity.WARNING, title="叙述中的办结/答复数与表三（七）总计一致")
def processed(subject: NarratedReport, context: RuleContext) -> Iterable[Finding]:
    """答复/办结 N 件 = 表三 （七）总计 (format-spec §5.4)."""
    return _compare(
        subject,
        context,
        subject.of(FactKind.PROCESSED),
        (_PROCESSED,),
        code="NARR.PROCESSED",
        what="办结数",
        what_en="applications processed",
    )


@rule("NARR.CARRIED_OVER", severity=Severity.WARNING, title="叙述中的上年结转数与表三二一致")
def carried_over(subject: NarratedReport, context: RuleContext) -> Iterable[Finding]:
    """含上年度结转 N 件 = 表三 二 总计 (format-spec §5.4)."""
    return _compare(
        subject,
        context,
        subject.of(FactKind.CARRIED_OVER),
        (_CARRIED_OVER,),
        code="NARR.CARRIED_OVER",
        what="上年结转数",
        what_en="applications carried over",
    )


@rule("NARR.CARRIED_FORWARD", severity=Severity.WARNING, title="叙述中的结转下年度数与表三四一致")
def carried_forward(subject: NarratedReport, context: RuleContext) -> Iterable[Finding]:
    """顺延/结转下年度 N 件 = 表三 四 总计 (format-spec §5.4)."""
    return _compare(
        subject,
        context,
        subject.of(FactKind.CARRIED_FORWARD),
        (_CARRIED_FORWARD,),
        code="NARR.CARRIED_FORWARD",
        what="结转下年度数",
        what_en="applications carried forward",
    )


_GRANTED = _Target(f"表三“{_label3('granted')}”总计", "table 3 (1) total", (_t3("granted"),))
_PARTIAL = _Target(f"表三“{_label3('partial')}”总计", "table 3 (2) total", (_t3("partial"),))
_BOTH = _Target(
    f"表三“{_label3('granted')}”与“{_label3('partial')}”总计之和",
    "table 3 (1) + (2) totals",
    (_t3("granted"), _t3("partial")),
)
_DISCLOSURE: tuple[tuple[FactKind, _Target, str, str], ...] = (
    (FactKind.GRANTED, _GRANTED, "予以公开数", "applications granted"),
    (FactKind.PARTIAL, _PARTIAL, "部分公开数", "applications partly granted"),
    (FactKind.GRANTED_OR_PARTIAL, _BOTH, "予以公开及部分公开数", "applications granted in full or in part"),
)


@rule("NARR.GRANTED", severity=Severity.WARNING, title="叙述中的予以公开、部分公开数与表三一致")
def granted(subject: NarratedReport, context: RuleContext) -> Iterable[Finding]:
    """予以公开 N 件 = （一）; 部分公开 N 件 = （二）; 予以公开及部分公开 N 件 = （一）+（二） (format-spec §5.4)."""
    for kind, target, what, what_en in _DISCLOSURE:
        yield from _compare(
            subject, context, subject.of(kind), (target,), code="NARR.GRANTED", what=what, what_en=what_en
        )


@rule("NARR.PERCENTAGE", severity=Severity.WARNING, title="叙述中的办理结果比例与表三（七）总计一致")
def percentage(subject: NarratedReport, context: RuleContext) -> Iterable[Finding]:
    """A percentage stated with a count of a 办理结果 is relative to 表三 （七）总计 (format-spec §5.4).

    The stated percentage may differ from the recomputed one by one unit of its last printed digit (rounding).
    """
    if not any(fact.percentage is not None for fact in subject.facts):
        return
    total_target = _PROCESSED
    total, _present = _value(subject.report, total_target, context)
    if total is None or total == 0:
        return
    shares = [(kind, what, what_en) for kind, _, what, what_en in _DISCLOSURE]
    shares += [(kind, what, what_en) for kind, _, what, what_en in _GROUPS]
    for kind, what, what_en in shares:
        for fact in subject.of(kind):
            if fact.percentage is None:
                continue
            computed = Decimal(fact.value) * 100 / Decimal(total)
            exponent = fact.percentage.as_tuple().exponent
            step = Decimal(1).scaleb(exponent if isinstance(exponent, int) else 0)
            if abs(computed - fact.percentage) <= step:
                continue
            shown = computed.quantize(Decimal("0.01"))
            yield Finding(
                code="NARR.PERCENTAGE",
                severity=Severity.WARNING,
                message=f"叙述中的{what}比例为{fact.percentage}%，按{total_target.label}（{total}）计算应为{shown}%",
                message_en=f"narrative share of {what_en} is {fact.percentage}% but {fact.value} of "
                f"{total_target.label_en} ({total}) is {shown}%",
                cells=total_target.cells,
                expected=shown,
                actual=fact.percentage,
                evidence=fact.sentence,
                source=fact.source,
            )


_GROUPS: tuple[tuple[FactKind, str, str, str], ...] = (
    (FactKind.DENIED, "（三）不予公开", "不予公开数", "applications denied"),
    (FactKind.UNABLE, "（四）无法提供", "无法提供数", "applications unable to be answered"),
    (FactKind.NOT_PROCESSED, "（五）不予处理", "不予处理数", "applications not processed"),
    (FactKind.OTHER_PROCESSING, "（六）其他处理", "其他处理数", "applications otherwise processed"),
)


@cache
def _group_targets(version: FormatVersion, group: str, collapsed: frozenset[str] = frozenset()) -> tuple[_Target, ...]:
    """The group's sum first, then each of its rows (a narrative may quote a single sub-item, format-spec §5.4), in a
    report that prints the rows *collapsed* as one (a 2021 report printing （六） as one row: that row)."""
    rows = [
        row
        for row in format_spec(version).rows(TABLE3, collapsed)
        if row.group == group or (row.group is not None and row.label == group)
    ]
    whole = _Target(f"表三“{group}”各项之和", f"table 3 {group} summed", tuple(_t3(row.key) for row in rows))
    if len(rows) < 2:
        return (whole,)
    return (
        whole,
        *(_Target(f"表三“{group}{row.label}”", f"table 3 {group} {row.label}", (_t3(row.key),)) for row in rows),
    )


@rule("NARR.OUTCOME", severity=Severity.WARNING, title="叙述中的不予公开、无法提供、不予处理、其他处理数与表三一致")
def outcomes(subject: NarratedReport, context: RuleContext) -> Iterable[Finding]:
    """不予公开/无法提供/不予处理/其他处理 N 件 = the sum of the 表三 group's rows (format-spec §5.4).

    A number equal to a single row of the group only (上海 2019: 无法提供 265 = （四）1) is an INFO note.
    """
    for kind, group, what, what_en in _GROUPS:
        facts = subject.of(kind)
        if facts:
            targets = _group_targets(subject.report.format_version, group, subject.report.collapsed)
            yield from _compare(subject, context, facts, targets, code="NARR.OUTCOME", what=what, what_en=what_en)


_T4_PARTS = {column.key: column.label for column in TABLE4.rows[0].columns}


@cache
def _t4_targets(kind: FactKind, part: str | None) -> _Target:
    column = part or "total"
    if kind is FactKind.REVIEW:
        label = f"表四“行政复议{_T4_PARTS[column]}”"
        return _Target(label, f"table 4 review {column}", (CellKey("table4", "review", column),))
    direct, after = TABLE4.row("litigation_direct"), TABLE4.row("litigation_after_review")
    return _Target(
        f"表四“{direct.label}{_T4_PARTS[column]}”与“{after.label}{_T4_PARTS[column]}”之和",
        f"table 4 litigation (direct + after review) {column}",
        (CellKey("table4", direct.key, column), CellKey("table4", after.key, column)),
    )


def _cases(subject: NarratedReport, context: RuleContext, kind: FactKind, code: str) -> Iterator[Finding]:
    name = "行政复议" if kind is FactKind.REVIEW else "行政诉讼"
    name_en = "administrative reviews" if kind is FactKind.REVIEW else "lawsuits"
    for part in (None, *_T4_PARTS):
        if part == "total":
            continue
        facts = subject.of(kind, part)
        if not facts:
            continue
        what = name + ("案件数" if part is None else f"{_T4_PARTS[part]}数")
        what_en = name_en + ("" if part is None else f" ({part})")
        yield from _compare(
            subject,
            context,
            facts,
            (_t4_targets(kind, part),),
            code=code,
            what=what,
            what_en=what_en,
        )


@rule("NARR.REVIEW", severity=Severity.WARNING, title="叙述中的行政复议数与表四一致")
def review(subject: NarratedReport, context: RuleContext) -> Iterable[Finding]:
    """行政复议 N 件 (+ 维持/纠正/其他/尚未审结) = 表四 行政复议 总计 (+ its four cells) (format-spec §5.4)."""
    return _cases(subject, context, FactKind.REVIEW, "NARR.REVIEW")


@rule("NARR.LITIGATION", severity=Severity.WARNING, title="叙述中的行政诉讼数与表四一致")
def litigation(subject: NarratedReport, context: RuleContext) -> Iterable[Finding]:
    """行政诉讼 N 件 = 表四 直诉总计 + 复议后起诉总计; "there is no 行政诉讼 总计 column" (format-spec §2.3, §5.4)."""
    return _cases(subject, context, FactKind.LITIGATION, "NARR.LITIGATION")


NARRATIVE_RULES: RuleRegistry[NarratedReport] = RuleRegistry(rules_in(sys.modules[__name__]))
"""The narrative-versus-tables rules, in source order."""


def check_facts(
    report: Report, facts: Sequence[NarrativeFact], *, context: RuleContext | None = None
) -> tuple[Finding, ...]:
    """Check *facts* (from :func:`~gov_disclosure.narrative.extract_facts`) against the tables of *report*.

    >>> from gov_disclosure.model import Table4
    >>> from gov_disclosure.narrative.facts import extract_facts
    >>> report = Report(format_version="2021", table4=Table4.from_rows(
    ...     {"review": [1, 0, 0, 1, 2], "litigation_direct": [0] * 5, "litigation_after_review": [0] * 5}))
    >>> [f.code for f in check_facts(report, extract_facts("政府信息公开行政复议 2 件，行政诉讼 1 件。"))]
    ['NARR.LITIGATION']
    """
    subject = NarratedReport(report=report, facts=tuple(facts))
    context = context or RuleContext()
    return tuple(finding for r in NARRATIVE_RULES for finding in r.check(subject, context))
