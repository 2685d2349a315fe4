"""The accounting identities of 表三 and 表四 (format-spec §5.1–5.2), defined once, as data about the layout.

An identity is ``Σ lhs = Σ rhs`` over cells. Both the reader's digit resolver (which splits glued digits only in
the ways that keep these identities holding) and the validation rules (which report the identities that fail) derive
what they need from :func:`identities_of`; nothing here reads or checks a report.

format-spec §5.1 rules 1–3 (表三, hard) and §5.2 rule 6 (表四, hard):

- rule 1: ``一[c] + 二[c] = （七）[c] + 四[c]`` for each of the seven columns (the 勾稽 note of 表三);
- rule 2: ``（七）[c] = （一）+（二）+ Σ（三）1..8 + Σ（四）1..3 + Σ（五）1..5 + （六）`` for each column, where
  （六） = Σ（六）1..3 in 2021 and the single row in 2019;
- rule 3: ``总计[r] = 自然人[r] + 商业企业[r] + 科研机构[r] + 社会公益组织[r] + 法律服务机构[r] + 其他[r]``
  for every row;
- rule 6: ``总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结`` for each of the three groups of 表四.

>>> from gov_disclosure.model.formats import FORMAT_2019, FORMAT_2021
>>> len(identities_of(FORMAT_2021)), len(identities_of(FORMAT_2019))
(42, 40)
>>> print(identities_of(FORMAT_2021)[-1].statement_zh)
表四「行政诉讼 复议后起诉」：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping

from attrs import field, frozen

from gov_disclosure.model.formats import FormatSpec
from gov_disclosure.model.keys import CellKey, cell_key
from gov_disclosure.model.layout import TABLE3, TABLE4, RowSpec

__all__ = [
    "IDENTITY_CODES",
    "T3_BALANCE",
    "T3_RESULTS_SUM",
    "T3_ROW_SUM",
    "T4_GROUP_SUM",
    "Identity",
    "identities_of",
    "row_zh",
    "short",
]

T3_BALANCE, T3_RESULTS_SUM, T3_ROW_SUM, T4_GROUP_SUM = "T3.BALANCE", "T3.RESULTS_SUM", "T3.ROW_SUM", "T4.GROUP_SUM"
IDENTITY_CODES: tuple[str, ...] = (T3_BALANCE, T3_RESULTS_SUM, T3_ROW_SUM, T4_GROUP_SUM)
"""Codes of the rules that check accounting identities, in catalogue order."""


@frozen(kw_only=True)
class Identity:
    """``Σ lhs = Σ rhs`` over cells, e.g. 表三 column 自然人: 一 + 二 = （七） + 四.

    >>> a, b, c = (CellKey("table4", "review", k) for k in ("upheld", "pending", "total"))
    >>> identity = Identity(code="T4.GROUP_SUM", lhs=(c,), rhs=(a, b), statement_zh="总计=维持+尚未审结",
    ...                     statement_en="total = upheld + pending")
    >>> identity.coefficient(c), identity.coefficient(a), identity.touches(CellKey("table4", "review", "other"))
    (1, -1, False)
    """

    code: str
    """Code of the rule that checks the identity (``T3.BALANCE`` …)."""
    lhs: tuple[CellKey, ...]
    """The stated side (a 总计 cell, or 一+二); its sum is a finding's ``actual``."""
    rhs: tuple[CellKey, ...]
    """The computed side; its sum is a finding's ``expected``."""
    statement_zh: str
    """The identity in words, with official labels."""
    statement_en: str
    subject: str | None = None
    """What the identity is about: the column of rules 1–2, the row of rule 3, the group of rule 6."""
    _coefficients: Mapping[CellKey, int] = field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        coefficients: dict[CellKey, int] = {}
        for key in self.lhs:
            coefficients[key] = coefficients.get(key, 0) + 1
        for key in self.rhs:
            coefficients[key] = coefficients.get(key, 0) - 1
        object.__setattr__(self, "_coefficients", {k: c for k, c in coefficients.items() if c})

    @property
    def name(self) -> str:
        """The identity's name among those of a report: its code and subject (``T3.RESULTS_SUM:natural_person``).

        >>> from gov_disclosure.model.formats import FORMAT_2021
        >>> [i.name for i in identities_of(FORMAT_2021)][::14]
        ['T3.BALANCE:natural_person', 'T3.ROW_SUM:new_received', 'T3.ROW_SUM:unable_still_unclear']
        """
        return self.code if self.subject is None else f"{self.code}:{self.subject}"

    @property
    def cells(self) -> tuple[CellKey, ...]:
        """Every cell of the identity, left side first."""
        return self.lhs + self.rhs

    @property
    def table(self) -> str:
        """The table the identity belongs to."""
        return self.lhs[0].table

    def coefficient(self, key: CellKey) -> int:
        """The net coefficient of *key*: +1 on the left, -1 on the right, 0 when not involved."""
        return self._coefficients.get(key, 0)

    def touches(self, key: CellKey) -> bool:
        """True when changing *key* changes the balance of the identity."""
        return key in self._coefficients


_TRAILING_NOTE = re.compile(r"（[^（）]*）$")
_RESULTS_GROUP = TABLE3.row("granted").group


def short(label: str) -> str:
    """A label without its trailing note: ``（二）部分公开`` for ``（二）部分公开（区分处理的，…）``."""
    return _TRAILING_NOTE.sub("", label)


def row_zh(row: RowSpec) -> str:
    """A row as a reader finds it: sub-rows with their group (``（三）不予公开 1.属于国家秘密``), others alone."""
    return row.label if row.group in (None, _RESULTS_GROUP) else row.full_label


_T3_COLUMNS = TABLE3.rows[0].columns
_APPLICANT = tuple(c for c in _T3_COLUMNS if c.key != "total")
_BALANCE_ROWS = ("new_received", "carried_over", "total_processed", "carried_forward")


def _t3(row: str, column: str) -> CellKey:
    return cell_key("table3", row, column)


def _result_rows(spec: FormatSpec, collapsed: frozenset[str]) -> tuple[RowSpec, ...]:
    """（一）…（六） of *spec* (with the rows in *collapsed* printed as one): the rows between 二 and （七）."""
    return tuple(r for r in spec.rows(TABLE3, collapsed) if r.group is not None and r.key != "total_processed")


def _results_words(spec: FormatSpec, collapsed: frozenset[str]) -> str:
    """``（一）予以公开 + （二）部分公开 + （三）不予公开1–8 + …`` from the layout."""
    words: list[str] = []
    groups: dict[str, int] = {}
    for row in _result_rows(spec, collapsed):
        group = row.group or ""
        if group == _RESULTS_GROUP:
            words.append(short(row.label))
        else:
            if group not in groups:
                words.append(group)
            groups[group] = groups.get(group, 0) + 1
    return " + ".join(f"{w}1–{groups[w]}" if w in groups else w for w in words)


def _balance() -> Iterator[Identity]:
    one, two, seven, four = (short(TABLE3.row(k).label) for k in _BALANCE_ROWS)
    for column in _T3_COLUMNS:
        yield Identity(
            code=T3_BALANCE,
            lhs=(_t3("new_received", column.key), _t3("carried_over", column.key)),
            rhs=(_t3("total_processed", column.key), _t3("carried_forward", column.key)),
            statement_zh=f"表三「{column.label}」列：{one} + {two} = {seven} + {four}",
            statement_en=f"table 3, column {column.key}: new_received + carried_over = "
            "total_processed + carried_forward",
            subject=column.key,
        )


def _results_sum(spec: FormatSpec, collapsed: frozenset[str]) -> Iterator[Identity]:
    results = _result_rows(spec, collapsed)
    words = _results_words(spec, collapsed)
    for column in _T3_COLUMNS:
        yield Identity(
            code=T3_RESULTS_SUM,
            lhs=(_t3("total_processed", column.key),),
            rhs=tuple(_t3(r.key, column.key) for r in results),
            statement_zh=f"表三「{column.label}」列：（七）总计 = {words}",
            statement_en=f"table 3, column {column.key}: total_processed = sum of the {len(results)} result rows "
            f"({results[0].key} … {results[-1].key})",
            subject=column.key,
        )


def _row_sum(spec: FormatSpec, collapsed: frozenset[str]) -> Iterator[Identity]:
    parts_zh = " + ".join(c.label for c in _APPLICANT)
    for row in spec.rows(TABLE3, collapsed):
        yield Identity(
            code=T3_ROW_SUM,
            lhs=(_t3(row.key, "total"),),
            rhs=tuple(_t3(row.key, c.key) for c in _APPLICANT),
            statement_zh=f"表三「{short(row_zh(row))}」行：总计 = {parts_zh}",
            statement_en=f"table 3, row {row.key}: total = sum of the six applicant columns",
            subject=row.key,
        )


def _group_sum(spec: FormatSpec) -> Iterator[Identity]:
    parts = TABLE4.rows[0].columns[:-1]
    parts_zh = " + ".join(c.label for c in parts)
    for row in spec.rows(TABLE4):
        yield Identity(
            code=T4_GROUP_SUM,
            lhs=(cell_key("table4", row.key, "total"),),
            rhs=tuple(cell_key("table4", row.key, c.key) for c in parts),
            statement_zh=f"表四「{row.full_label}」：总计 = {parts_zh}",
            statement_en=f"table 4, {row.key}: total = upheld + corrected + other + pending",
            subject=row.key,
        )


@functools.cache
def identities_of(spec: FormatSpec, collapsed: frozenset[str] = frozenset()) -> tuple[Identity, ...]:
    """Every accounting identity of a report of *spec*, in catalogue order: rule 1 by column, rule 2 by column,
    rule 3 by row (of 表三), rule 6 by group (of 表四). Cached by the spec's value.

    A report that prints rows of :meth:`FormatSpec.collapsible` as one row each (*collapsed*, e.g. a 2021 report
    printing （六）其他处理 as one row, as the 2019 form does) has them in rule 2 in place of their parts, and rule 3
    for them instead of the parts, which it does not print (format-spec §5.1 rule 2: "（六） = Σ（六）1..3 in 2021 and
    the single row in 2019"):

    >>> from gov_disclosure.model.formats import FORMAT_2021
    >>> six = frozenset({"other_processing"})
    >>> len(identities_of(FORMAT_2021, six))
    40
    >>> print(identities_of(FORMAT_2021, six)[7].statement_zh.split(" + ")[-2:])
    ['（五）不予处理1–5', '（六）其他处理']
    """
    return (*_balance(), *_results_sum(spec, collapsed), *_row_sum(spec, collapsed), *_group_sum(spec))
