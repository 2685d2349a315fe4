"""Culprit localisation: the single cell whose correction makes every failing identity hold.

Works generically over the identities of :mod:`gov_disclosure.validation.identities` (cells with
coefficients), table by table, since no identity links two tables. See
:func:`gov_disclosure.validation._arith.localise` for the arithmetic.
"""

from __future__ import annotations

from collections.abc import Iterator

from gov_disclosure.findings import Finding, Outcome, Severity
from gov_disclosure.model.cells import Number
from gov_disclosure.model.keys import CellKey
from gov_disclosure.model.layout import ValueType
from gov_disclosure.model.report import Report
from gov_disclosure.registry import BlankPolicy, RuleContext, rule
from gov_disclosure.validation._arith import Candidate, Evaluation, Status, localise, values_of
from gov_disclosure.validation._labels import cell_zh, column_spec, join_en, join_zh, table_zh
from gov_disclosure.validation.context import ValidationRun

__all__ = ["CULPRIT", "rule_culprit"]

CULPRIT = "CULPRIT"


def _admissible(key: CellKey, value: Number) -> bool:
    """A correction must itself be valid: counts and money are never negative."""
    return value >= 0 or column_spec(key).value_type is ValueType.SIGNED


def _context_notes(evaluations: list[Evaluation], policy: BlankPolicy) -> tuple[str, str]:
    undecidable = sum(e.status is Status.UNDECIDABLE for e in evaluations)
    zh = en = ""
    if undecidable:
        zh += f"另有 {undecidable} 个勾稽关系因缺少数值无法判断，未参与定位。"
        en += f" {undecidable} identities could not be decided and took no part."
    if policy is BlankPolicy.ZERO and any(e.zeroed for e in evaluations):
        zh += "已按“空白计为0”口径处理空白单元格。"
        en += " Blank policy ZERO applied: blank cells counted as 0."
    return zh, en


def _failing_en(count: int, table: str) -> str:
    return f"the failing identity of {table}" if count == 1 else f"all {count} failing identities of {table}"


def _finding(table: str, failing: int, candidates: tuple[Candidate, ...], notes: tuple[str, str]) -> Finding:
    name = table_zh(table)
    note_zh, note_en = notes
    if len(candidates) == 1:
        (c,) = candidates
        return Finding(
            code=CULPRIT,
            severity=Severity.INCONSISTENCY,
            outcome=Outcome.NOTE,
            message=f"错误最可能在{cell_zh(c.key)}：现为 {c.current}，应为 {c.corrected}。改正这一格后，{name}"
            f"全部 {failing} 个不成立的勾稽关系都成立，原本成立的仍然成立。{note_zh}",
            message_en=f"the culprit is most likely {c.key}: it reads {c.current} and should be {c.corrected}; "
            f"correcting this one cell makes {_failing_en(failing, table)} hold and keeps the others holding.{note_en}",
            cells=(c.key,),
            actual=c.current,
            expected=c.corrected,
        )
    if candidates:
        listed_zh = join_zh(f"{cell_zh(c.key)}（现为 {c.current}，应为 {c.corrected}）" for c in candidates)
        listed_en = join_en(f"{c.key} ({c.current} -> {c.corrected})" for c in candidates)
        return Finding(
            code=CULPRIT,
            severity=Severity.INCONSISTENCY,
            outcome=Outcome.NOTE,
            message=f"无法确定错误所在：{name}的 {failing} 个不成立的勾稽关系，改正以下任何一格都能解释，"
            f"共 {len(candidates)} 个候选：{listed_zh}。{note_zh}",
            message_en=f"ambiguous culprit: {_failing_en(failing, table)} can be explained by correcting any one "
            f"of {len(candidates)} cells: {listed_en}.{note_en}",
            cells=tuple(c.key for c in candidates),
            candidates=tuple(c.corrected for c in candidates),
        )
    return Finding(
        code=CULPRIT,
        severity=Severity.INCONSISTENCY,
        outcome=Outcome.NOTE,
        message=f"{name}的 {failing} 个不成立的勾稽关系无法由改正单独一格来解释，可能有两处以上错误。{note_zh}",
        message_en=f"no single cell explains {_failing_en(failing, table).replace('all ', 'the ')}; "
        f"probably more than one cell is wrong.{note_en}",
    )


@rule(CULPRIT, severity=Severity.INCONSISTENCY, title="错误单元格定位（勾稽关系不成立时）")
def rule_culprit(report: Report, context: RuleContext) -> Iterator[Finding]:
    """When identities of a table fail, name the single cell whose correction makes them all hold.

    The identities are those of format-spec §5.1 rules 1–3 (表三) and §5.2 rule 6 (表四), each a set of cells
    with coefficients. A cell is a candidate when one corrected value makes every failing identity hold and
    keeps every holding identity holding, and the corrected value is itself valid (not a negative count);
    identities that cannot be decided (blank cells under the default
    policy: "Validator should treat blank as "unknown" … and never silently impute", §5.1 rule 5) take no
    part. One candidate: the finding names the cell, its current value (``actual``) and the corrected value
    (``expected``). Several: the finding lists them all (``cells``, with the corrected values in
    ``candidates``) and says the culprit is ambiguous — e.g. in 表四 any of the five cells of a group fits,
    since each group has a single identity. None: the finding says so (probably several errors).
    """
    run = ValidationRun.of(report, context)
    found, policy = run.identities, run.blank_policy
    if not found.failing:
        return
    identities = found.compiled.identities
    values = values_of(run.cells, policy)
    for table in dict.fromkeys(identities[i].table for i in found.failing):
        in_table = list(found.evaluations(table))
        failing = sum(e.status is Status.FAILS for e in in_table)
        candidates = localise(in_table, values, _admissible)
        yield _finding(table, failing, candidates, _context_notes(in_table, policy))
