"""The rules that check the accounting identities of 表三 and 表四 (format-spec §5.1–5.2).

The identities are data defined once in :mod:`gov_disclosure.model.identities` (cells on each side of ``=``, built
from the layout), shared with the reader's digit resolver; the rules only report the checks the
:class:`~gov_disclosure.validation.ValidationRun` made. Culprit localisation
(:mod:`gov_disclosure.validation.culprit`) works on the same definitions.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from gov_disclosure.findings import Finding, Outcome, Severity
from gov_disclosure.model.formats import format_spec
from gov_disclosure.model.identities import (
    IDENTITY_CODES,
    T3_BALANCE,
    T3_RESULTS_SUM,
    T3_ROW_SUM,
    T4_GROUP_SUM,
    Identity,
    identities_of,
)
from gov_disclosure.model.report import Report
from gov_disclosure.model.versions import FormatVersion
from gov_disclosure.registry import BlankPolicy, RuleContext, rule
from gov_disclosure.validation._arith import Evaluation, Status
from gov_disclosure.validation._checks import IdentityChecks
from gov_disclosure.validation._labels import LISTED, cell_zh, join_en, join_zh
from gov_disclosure.validation.context import ValidationRun

__all__ = [
    "IDENTITY_CODES",
    "evaluate_identities",
    "identities_for",
    "identity_findings",
    "rule_t3_balance",
    "rule_t3_results_sum",
    "rule_t3_row_sum",
    "rule_t4_group_sum",
]


def identities_for(format_version: FormatVersion) -> tuple[Identity, ...]:
    """Every accounting identity of a report of *format_version*, in catalogue order
    (:func:`~gov_disclosure.model.identities.identities_of` its format).

    >>> len(identities_for("2021")), len(identities_for("2019"))
    (42, 40)
    >>> print(identities_for("2021")[-1].statement_zh)
    表四「行政诉讼 复议后起诉」：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结
    """
    return identities_of(format_spec(format_version))


def evaluate_identities(report: Report, policy: BlankPolicy = BlankPolicy.UNKNOWN) -> tuple[Evaluation, ...]:
    """Every identity of the report's format evaluated on *report*; identities of absent tables are left out.

    >>> import random
    >>> from gov_disclosure.testing import random_report
    >>> {e.status.value for e in evaluate_identities(random_report(random.Random(2)))}
    {'holds'}
    """
    return ValidationRun.start(report, policy).identities.evaluations()


def _policy_note(evaluation: Evaluation) -> tuple[str, str]:
    if not evaluation.zeroed:
        return "", ""
    names_zh = join_zh(cell_zh(k) for k in evaluation.zeroed)
    names_en = join_en(str(k) for k in evaluation.zeroed)
    return (
        f"（已按“空白计为0”口径处理：{names_zh}为空白，计为0）",
        f" (blank policy ZERO applied: blank {names_en} counted as 0)",
    )


def _undecidable(identity: Identity, unknown: Sequence[int], found: IdentityChecks) -> Finding:
    """The finding for an identity that cannot be decided because the cells at the *unknown* positions have no
    usable value (only the first :data:`LISTED` of them are named)."""
    shown_zh, shown_en = found.compiled.names.reasons(found.cells, unknown[:LISTED])
    reasons_zh, reasons_en = join_zh(shown_zh, total=len(unknown)), join_en(shown_en, total=len(unknown))
    return Finding(
        code=identity.code,
        severity=Severity.WARNING,
        outcome=Outcome.UNDECIDABLE,
        message=f"无法判断 {identity.statement_zh} 是否成立：{reasons_zh}没有可用的数值"
        "（空白、不适用标记和无法识别的内容都不当作0）。",
        message_en=f"cannot decide whether {identity.statement_en} holds: {reasons_en} has no usable value "
        "(blanks, not-applicable marks and unreadable text are not taken as zero).",
        cells=identity.cells,
    )


def _failure(evaluation: Evaluation) -> Finding:
    """The finding for an identity that does not hold."""
    identity = evaluation.identity
    note_zh, note_en = _policy_note(evaluation)
    return Finding(
        code=identity.code,
        severity=Severity.INCONSISTENCY,
        message=f"{identity.statement_zh} 不成立：左边为 {evaluation.lhs}，右边为 {evaluation.rhs}，"
        f"相差 {evaluation.residual}。{note_zh}",
        message_en=f"{identity.statement_en} does not hold: left side {evaluation.lhs}, right side "
        f"{evaluation.rhs}, difference {evaluation.residual}.{note_en}",
        cells=identity.cells,
        actual=evaluation.lhs,
        expected=evaluation.rhs,
    )


def identity_findings(report: Report, context: RuleContext, code: str) -> Iterator[Finding]:
    """Findings for the identities checked by rule *code*: failures and undecidable identities (but those the run
    leaves to reading's findings: :attr:`~gov_disclosure.validation.ValidationRun.gathered`)."""
    run = ValidationRun.of(report, context)
    found = run.identities
    if not found.troubled:
        return
    identities, statuses, left = found.compiled.identities, found.statuses, run.left_to_reading
    for i in found.compiled.by_code.get(code, ()):
        status = statuses[i]
        if status is Status.UNDECIDABLE:
            if i not in left:
                yield _undecidable(identities[i], found.unknown(i), found)
        elif status is Status.FAILS:
            yield _failure(found.evaluation(i))


@rule(T3_BALANCE, severity=Severity.INCONSISTENCY, title="表三 每列 一+二 = （七）+四（勾稽关系）")
def rule_t3_balance(report: Report, context: RuleContext) -> Iterator[Finding]:
    """For each of the seven columns of 表三: 一、本年新收 + 二、上年结转 = （七）总计 + 四、结转下年度继续办理.

    format-spec §5.1 rule 1 (hard): "``一[c] + 二[c] = （七）[c] + 四[c]`` — the only identity printed in the
    format itself (the 勾稽 note, "本列数据" = per column)". The note in the header of 表三 reads
    ``（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）``.
    """
    return identity_findings(report, context, T3_BALANCE)


@rule(T3_RESULTS_SUM, severity=Severity.INCONSISTENCY, title="表三 每列 （七）总计 = 各办理结果之和")
def rule_t3_results_sum(report: Report, context: RuleContext) -> Iterator[Finding]:
    """For each of the seven columns of 表三: （七）总计 = the sum of every result row （一）…（六） of the format.

    format-spec §5.1 rule 2 (hard):
    "``（七）[c] = （一）+（二）+ Σ（三）1..8 + Σ（四）1..3 + Σ（五）1..5 + （六）``
    where （六） = Σ（六）1..3 in 2021 and the single row in 2019. Implied by "总计" and by the counting rule in （二）
    ("区分处理的，只计这一情形，不计其他情形": an application partly disclosed and partly refused is counted
    once, under （二）), so each application has exactly one outcome".
    """
    return identity_findings(report, context, T3_RESULTS_SUM)


@rule(T3_ROW_SUM, severity=Severity.INCONSISTENCY, title="表三 每行 总计 = 六类申请人之和")
def rule_t3_row_sum(report: Report, context: RuleContext) -> Iterator[Finding]:
    """For every row of 表三: 总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他.

    format-spec §5.1 rule 3 (hard): "for every row r: ``总计[r] = 自然人[r] + 商业企业[r] + 科研机构[r] +
    社会公益组织[r] + 法律服务机构[r] + 其他[r]``". There is no "法人或其他组织 小计" column in the format.
    """
    return identity_findings(report, context, T3_ROW_SUM)


@rule(T4_GROUP_SUM, severity=Severity.INCONSISTENCY, title="表四 每组 总计 = 维持+纠正+其他+尚未审结")
def rule_t4_group_sum(report: Report, context: RuleContext) -> Iterator[Finding]:
    """For each group of 表四 (行政复议, 未经复议直接起诉, 复议后起诉):
    总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结.

    format-spec §5.2 rule 6 (hard): "for each of the three groups: ``总计 = 结果维持 + 结果纠正 + 其他结果 +
    尚未审结``". No rule links 行政复议 to 复议后起诉 (rule 7).
    """
    return identity_findings(report, context, T4_GROUP_SUM)
