"""The accounting identities of 表三 and 表四 (format-spec §5.1–5.2) and the rules that check them.

Each identity is data (:class:`~gov_disclosure.validation.Identity`: cells on each side of ``=``), built from
the layout in :mod:`gov_disclosure.model.layout`; the rules only evaluate them. Culprit localisation
(:mod:`gov_disclosure.validation.culprit`) works on the same definitions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from operator import itemgetter
from typing import Any

from attrs import frozen

from gov_disclosure.findings import Finding, Outcome, Severity
from gov_disclosure.model.cells import Cell, Number
from gov_disclosure.model.keys import CellKey
from gov_disclosure.model.layout import TABLE3, TABLE4, RowSpec
from gov_disclosure.model.report import Report
from gov_disclosure.model.versions import FORMAT_VERSIONS, FormatVersion
from gov_disclosure.registry import BlankPolicy, RuleContext, rule
from gov_disclosure.validation._arith import Evaluation, Identity, Status, read_values
from gov_disclosure.validation._cells import LastReportMemo, Layout, cell_key, layout, read_cells
from gov_disclosure.validation._labels import (
    LISTED,
    CellNames,
    cell_names,
    cell_zh,
    join_en,
    join_zh,
    row_zh,
    short,
)

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

T3_BALANCE, T3_RESULTS_SUM, T3_ROW_SUM, T4_GROUP_SUM = "T3.BALANCE", "T3.RESULTS_SUM", "T3.ROW_SUM", "T4.GROUP_SUM"
IDENTITY_CODES: tuple[str, ...] = (T3_BALANCE, T3_RESULTS_SUM, T3_ROW_SUM, T4_GROUP_SUM)
"""Codes of the rules that check accounting identities, in catalogue order."""

_T3_COLUMNS = TABLE3.rows[0].columns
_APPLICANT = tuple(c for c in _T3_COLUMNS if c.key != "total")
_BALANCE_ROWS = ("new_received", "carried_over", "total_processed", "carried_forward")


def _t3(row: str, column: str) -> CellKey:
    return cell_key("table3", row, column)


def _result_rows(version: FormatVersion) -> tuple[RowSpec, ...]:
    """（一）…（六） of *version*: the rows between 二 and （七）."""
    return tuple(r for r in TABLE3.rows_for(version) if r.group is not None and r.key != "total_processed")


def _results_words(version: FormatVersion) -> str:
    """``（一）予以公开 + （二）部分公开 + （三）不予公开1–8 + …`` from the layout."""
    words: list[str] = []
    groups: dict[str, int] = {}
    standalone = TABLE3.row("granted").group
    for row in _result_rows(version):
        group = row.group or ""
        if group == standalone:
            words.append(short(row.label))
        else:
            if group not in groups:
                words.append(group)
            groups[group] = groups.get(group, 0) + 1
    return " + ".join(f"{w}1–{groups[w]}" if w in groups else w for w in words)


def _balance(version: FormatVersion) -> Iterator[Identity]:
    one, two, seven, four = (short(TABLE3.row(k).label) for k in _BALANCE_ROWS)
    for column in _T3_COLUMNS:
        yield Identity(
            code=T3_BALANCE,
            lhs=(_t3("new_received", column.key), _t3("carried_over", column.key)),
            rhs=(_t3("total_processed", column.key), _t3("carried_forward", column.key)),
            statement_zh=f"表三「{column.label}」列：{one} + {two} = {seven} + {four}",
            statement_en=f"table 3, column {column.key}: new_received + carried_over = "
            "total_processed + carried_forward",
        )


def _results_sum(version: FormatVersion) -> Iterator[Identity]:
    results = _result_rows(version)
    words = _results_words(version)
    for column in _T3_COLUMNS:
        yield Identity(
            code=T3_RESULTS_SUM,
            lhs=(_t3("total_processed", column.key),),
            rhs=tuple(_t3(r.key, column.key) for r in results),
            statement_zh=f"表三「{column.label}」列：（七）总计 = {words}",
            statement_en=f"table 3, column {column.key}: total_processed = sum of the {len(results)} result rows "
            f"({results[0].key} … {results[-1].key})",
        )


def _row_sum(version: FormatVersion) -> Iterator[Identity]:
    parts_zh = " + ".join(c.label for c in _APPLICANT)
    for row in TABLE3.rows_for(version):
        yield Identity(
            code=T3_ROW_SUM,
            lhs=(_t3(row.key, "total"),),
            rhs=tuple(_t3(row.key, c.key) for c in _APPLICANT),
            statement_zh=f"表三「{short(row_zh(row))}」行：总计 = {parts_zh}",
            statement_en=f"table 3, row {row.key}: total = sum of the six applicant columns",
        )


def _group_sum() -> Iterator[Identity]:
    parts = TABLE4.rows[0].columns[:-1]
    parts_zh = " + ".join(c.label for c in parts)
    for row in TABLE4.rows:
        yield Identity(
            code=T4_GROUP_SUM,
            lhs=(cell_key("table4", row.key, "total"),),
            rhs=tuple(cell_key("table4", row.key, c.key) for c in parts),
            statement_zh=f"表四「{row.full_label}」：总计 = {parts_zh}",
            statement_en=f"table 4, {row.key}: total = upheld + corrected + other + pending",
        )


_IDENTITIES: dict[FormatVersion, tuple[Identity, ...]] = {
    v: (*_balance(v), *_results_sum(v), *_row_sum(v), *_group_sum()) for v in FORMAT_VERSIONS
}


def identities_for(format_version: FormatVersion) -> tuple[Identity, ...]:
    """Every accounting identity of a report of *format_version*, in catalogue order.

    >>> len(identities_for("2021")), len(identities_for("2019"))
    (42, 40)
    >>> print(identities_for("2021")[-1].statement_zh)
    表四「行政诉讼 复议后起诉」：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结
    """
    return _IDENTITIES[format_version]


_Getter = Callable[[Sequence[Any]], tuple[Any, ...]]
"""Picks the items at fixed positions of a sequence, as a tuple."""


@frozen
class _Compiled:
    """The identities of one format as index arrays over the flat tuple of a report's cells
    (:func:`~gov_disclosure.validation._cells.read_cells`)."""

    identities: tuple[Identity, ...]
    layout: Layout
    """Where each cell sits in the flat tuple."""
    positions: tuple[tuple[tuple[int, ...], tuple[int, ...]], ...]
    """Left-side and right-side cell positions of each identity."""
    cells: tuple[tuple[int, ...], ...]
    """The cell positions of each identity, left side first (as :attr:`Identity.cells`)."""
    names: CellNames
    """How messages name the cell at each position."""
    tables: tuple[tuple[str, tuple[tuple[int, frozenset[int], _Getter, _Getter], ...]], ...]
    """Each table with identities, and for each of its identities: its position in :attr:`identities`, the
    positions of its cells, and getters of its left-side and right-side values."""
    by_code: Mapping[str, tuple[int, ...]]
    """The identities each rule checks (by code), as positions in :attr:`identities`."""
    at_once: Mapping[str, tuple[frozenset[int], tuple[int, ...], Callable[[Sequence[Any]], bool]]]
    """For each table: the positions of all its identities' cells, the positions of its identities in
    :attr:`identities`, and a check that all of them hold (see :func:`_all_hold`)."""


def _all_hold(sides: Sequence[tuple[tuple[int, ...], tuple[int, ...]]]) -> Callable[[Sequence[Any]], bool]:
    """Whether every identity with these left and right *sides* (cell positions) holds, as one expression.

    Each side is added as ``sum`` adds (0 first, then left to right), so the values compared are those the check
    of one identity at a time compares; compiled once per table and format from the layout's integer positions,
    it checks a table whose identities all hold (most tables) at once instead of one call per identity.
    """

    def side(positions: tuple[int, ...]) -> str:
        return " + ".join(["0", *(f"v[{position}]" for position in positions)])

    test = " and ".join(f"{side(lhs)} == {side(rhs)}" for lhs, rhs in sides)
    check: Callable[[Sequence[Any]], bool] = eval(f"lambda v: {test}", {})  # built from integer positions only
    return check


def _getter(positions: tuple[int, ...]) -> _Getter:
    """The items at *positions* of a sequence, as a tuple (a slice of one item for a single position)."""
    if len(positions) == 1:
        (position,) = positions
        return itemgetter(slice(position, position + 1))
    return itemgetter(*positions)


def _compile(version: FormatVersion) -> _Compiled:
    identities, cells = _IDENTITIES[version], layout(version)
    positions = tuple((tuple(cells.index[k] for k in i.lhs), tuple(cells.index[k] for k in i.rhs)) for i in identities)
    tables: dict[str, list[tuple[int, frozenset[int], _Getter, _Getter]]] = {}
    by_code: dict[str, list[int]] = {}
    for position, (identity, (lhs, rhs)) in enumerate(zip(identities, positions, strict=True)):
        terms = (position, frozenset(lhs + rhs), _getter(lhs), _getter(rhs))
        tables.setdefault(identity.table, []).append(terms)
        by_code.setdefault(identity.code, []).append(position)
    at_once = {
        table: (
            frozenset().union(*(cells_of for _, cells_of, _, _ in terms)),
            tuple(position for position, _, _, _ in terms),
            _all_hold([positions[position] for position, _, _, _ in terms]),
        )
        for table, terms in tables.items()
    }
    return _Compiled(
        identities,
        cells,
        positions,
        tuple(lhs + rhs for lhs, rhs in positions),
        cell_names(version),
        tuple((table, tuple(terms)) for table, terms in tables.items()),
        {code: tuple(found) for code, found in by_code.items()},
        at_once,
    )


_COMPILED: dict[FormatVersion, _Compiled] = {v: _compile(v) for v in FORMAT_VERSIONS}


@frozen
class _Checked:
    """A report's identities checked on plain numbers: the flat tuples follow :attr:`_Compiled.layout`."""

    compiled: _Compiled
    statuses: tuple[Status | None, ...]
    """The status of each identity (None when its table is absent)."""
    troubled: tuple[int, ...]
    """The positions of the identities that fail or cannot be decided."""
    failing: tuple[int, ...]
    """The positions of the identities that fail."""
    values: tuple[Number | None, ...]
    """Usable values (blanks as 0 under ``BlankPolicy.ZERO``), None where there is none."""
    cells: tuple[Cell | None, ...]
    """The cells (None for a cell of an absent row)."""
    zeroed: frozenset[int]
    """The positions of the blank cells counted as 0."""

    def evaluation(self, position: int) -> Evaluation:
        """What :func:`evaluate` gives for the identity at *position*, read from the flat tuples."""
        identity = self.compiled.identities[position]
        lhs, rhs = self.compiled.positions[position]
        unknown: list[CellKey] = []
        sides: list[Number] = []
        for keys, positions in ((identity.lhs, lhs), (identity.rhs, rhs)):
            total: Number = 0
            for key, i in zip(keys, positions, strict=True):
                value = self.values[i]
                if value is None:
                    unknown.append(key)
                else:
                    total += value
            sides.append(total)
        zeroed = tuple(k for k, i in zip(identity.cells, lhs + rhs, strict=True) if i in self.zeroed)
        if unknown:
            return Evaluation(identity=identity, status=Status.UNDECIDABLE, unknown=tuple(unknown), zeroed=zeroed)
        lhs_total, rhs_total = sides
        status = Status.HOLDS if lhs_total == rhs_total else Status.FAILS
        return Evaluation(identity=identity, status=status, lhs=lhs_total, rhs=rhs_total, zeroed=zeroed)

    def unknown(self, position: int) -> list[int]:
        """The positions of the cells without a usable value of the identity at *position*, left side first (as
        :attr:`Evaluation.unknown`)."""
        values = self.values
        return [i for i in self.compiled.cells[position] if values[i] is None]


def _check(report: Report, policy: BlankPolicy) -> _Checked:
    """Every identity of the report's format checked on plain numbers: the same statuses as :func:`evaluate`,
    without building mappings or evaluations."""
    compiled = _COMPILED[report.format_version]
    found = read_cells(report)
    values: Sequence[Number | None] = found.values
    unknown, zeroed = found.unknown, frozenset[int]()
    if policy is BlankPolicy.ZERO and found.blank:
        values = list(values)
        for i in found.blank:
            values[i] = 0
        zeroed = frozenset(found.blank)
        unknown = unknown - zeroed
    statuses: list[Status | None] = [None] * len(compiled.identities)
    troubled: list[int] = []
    failing: list[int] = []
    holds, fails, undecidable = Status.HOLDS, Status.FAILS, Status.UNDECIDABLE  # looked up once, not per identity
    for table_key, terms in compiled.tables:
        if getattr(report, table_key) is None:
            continue
        table_cells, table_identities, all_hold = compiled.at_once[table_key]
        if (not unknown or table_cells.isdisjoint(unknown)) and all_hold(values):
            for position in table_identities:
                statuses[position] = holds
            continue
        for position, cells, left_of, right_of in terms:
            if unknown and not cells.isdisjoint(unknown):
                statuses[position] = undecidable
                troubled.append(position)
            elif sum(left_of(values)) == sum(right_of(values)):
                statuses[position] = holds
            else:
                statuses[position] = fails
                troubled.append(position)
                failing.append(position)
    return _Checked(compiled, tuple(statuses), tuple(troubled), tuple(failing), tuple(values), found.cells, zeroed)


checked = LastReportMemo(_check)
"""A report's identities checked under a policy, once for all the rules of a validate call."""

report_values = LastReportMemo(read_values)
"""The :class:`Values` of a report under a policy, read once for the rules that need them (culprits)."""


def evaluations_where(report: Report, policy: BlankPolicy, table: str | None = None) -> tuple[Evaluation, ...]:
    """The evaluations of the identities of *table* (default: all tables) of the report's format, leaving out
    identities of absent tables."""
    found = checked(report, policy)
    return tuple(
        found.evaluation(i)
        for i, (identity, status) in enumerate(zip(found.compiled.identities, found.statuses, strict=True))
        if status is not None and (table is None or identity.table == table)
    )


def evaluate_identities(report: Report, policy: BlankPolicy = BlankPolicy.UNKNOWN) -> tuple[Evaluation, ...]:
    """Every identity of the report's format evaluated on *report*; identities of absent tables are left out.

    >>> import random
    >>> from gov_disclosure.testing import random_report
    >>> {e.status.value for e in evaluate_identities(random_report(random.Random(2)))}
    {'holds'}
    """
    return evaluations_where(report, policy)


def _policy_note(evaluation: Evaluation) -> tuple[str, str]:
    if not evaluation.zeroed:
        return "", ""
    names_zh = join_zh(cell_zh(k) for k in evaluation.zeroed)
    names_en = join_en(str(k) for k in evaluation.zeroed)
    return (
        f"（已按“空白计为0”口径处理：{names_zh}为空白，计为0）",
        f" (blank policy ZERO applied: blank {names_en} counted as 0)",
    )


_WARNING, _UNDECIDABLE = Severity.WARNING, Outcome.UNDECIDABLE
"""Looked up once: an enum member looked up on its class costs several times a global."""


def _undecidable(identity: Identity, unknown: Sequence[int], found: _Checked) -> Finding:
    """The finding for an identity that cannot be decided because the cells at the *unknown* positions have no
    usable value (only the first :data:`LISTED` of them are named)."""
    shown_zh, shown_en = found.compiled.names.reasons(found.cells, unknown[:LISTED])
    reasons_zh, reasons_en = join_zh(shown_zh, total=len(unknown)), join_en(shown_en, total=len(unknown))
    return Finding(
        code=identity.code,
        severity=_WARNING,
        outcome=_UNDECIDABLE,
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
    """Findings for the identities checked by rule *code*: failures and undecidable identities."""
    found = checked(report, context.blank_policy)
    if not found.troubled:
        return
    identities, statuses = found.compiled.identities, found.statuses
    undecidable, fails = Status.UNDECIDABLE, Status.FAILS
    for i in found.compiled.by_code.get(code, ()):
        status = statuses[i]
        if status is undecidable:
            yield _undecidable(identities[i], found.unknown(i), found)
        elif status is fails:
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
