"""The official layout of tables 二, 三 and 四: keys (spec/keys.md) and exact Chinese labels (format-spec §2–3).

This module is the single source of labels for the model, the serializers, the readers and the docs.
"""

from __future__ import annotations

import enum

from attrs import field, frozen

from gov_disclosure.model.versions import FORMAT_VERSIONS, FormatVersion

__all__ = [
    "TABLE2",
    "TABLE2_2019",
    "TABLE3",
    "TABLE4",
    "TABLES",
    "ColumnSpec",
    "RowSpec",
    "TableSpec",
    "ValueType",
    "table_spec",
]


class ValueType(enum.Enum):
    """What numbers a column holds."""

    COUNT = "count"
    """Non-negative integer (件, 项)."""
    SIGNED = "signed"
    """Signed integer (2019 表二 ``本年增/减``)."""
    MONEY = "money"
    """Non-negative decimal amount, kept exactly as printed."""


@frozen
class ColumnSpec:
    """A column: its key, official label and value type."""

    key: str
    label: str
    value_type: ValueType = ValueType.COUNT
    unit: str | None = None
    """Unit printed in the header (``万元``), if any."""
    marker: str | None = None
    """A label (or the part of one that survives wrapping) that only the formats having this column print:
    the evidence of the format in a text (format-spec §7; :attr:`gov_disclosure.model.formats.FormatSpec.markers`)."""


@frozen
class RowSpec:
    """A row with values: key, official label, the group it belongs to and its columns."""

    key: str
    label: str
    columns: tuple[ColumnSpec, ...]
    group: str | None = None
    """Group label (``（三）不予公开``) or, in 表二, the block caption (``第二十条第（一）项``)."""
    versions: tuple[FormatVersion, ...] = FORMAT_VERSIONS
    """The versions that have this row (a version extending one of them has it too)."""
    marker: str | None = None
    """A label (or the part of one that survives wrapping) that only the formats having this row print
    (format-spec §7), like :attr:`ColumnSpec.marker`."""
    omissible: bool = False
    """True for a row that agencies with nothing to put in it leave out of their table: a table found without it
    (the row after it being there) has not printed it, rather than lost it
    (:attr:`~gov_disclosure.model.cells.CellKind.NOT_PRINTED`). The 2021 表二 规章 row: format-spec §5.3 rule 10,
    "规章 can only be made by 国务院部门, 省级 and 设区的市/自治州 governments (立法法)"."""

    def column(self, key: str) -> ColumnSpec:
        """The column called *key* (KeyError if there is none)."""
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(key)

    @property
    def full_label(self) -> str:
        """Group label and row label, as a reader sees them: ``（三）不予公开 1.属于国家秘密``."""
        return self.label if self.group is None else f"{self.group} {self.label}"


@frozen
class TableSpec:
    """A table: key (``table3``), number (``三``), title and rows in official order."""

    key: str
    number: str
    title: str
    rows: tuple[RowSpec, ...]
    versions: tuple[FormatVersion, ...] = FORMAT_VERSIONS
    # Lookups made once (a reader asks for them on every report); not part of the table's value.
    _by_key: dict[str, RowSpec] = field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_by_key", {row.key: row for row in reversed(self.rows)})  # the first of a key wins

    def row(self, key: str) -> RowSpec:
        """The row called *key* (KeyError if there is none)."""
        return self._by_key[key]


def _columns(*pairs: tuple[str, str], markers: tuple[str, ...] = ()) -> tuple[ColumnSpec, ...]:
    """Count columns; those whose labels are in *markers* identify the format (format-spec §7)."""
    return tuple(ColumnSpec(key, label, marker=label if label in markers else None) for key, label in pairs)


# --- 表二, 2021 ------------------------------------------------------------------------------
_DOC_LABELS = ("本年制发件数", "本年废止件数", "现行有效件数")
_DOC_COLUMNS = _columns(*zip(("made", "repealed", "valid"), _DOC_LABELS, strict=True), markers=_DOC_LABELS)
_DECISIONS = _columns(("decisions", "本年处理决定数量"))
_FEES = (ColumnSpec("amount_wan_yuan", "本年收费金额（单位：万元）", ValueType.MONEY, "万元", marker="本年收费金额"),)

TABLE2 = TableSpec(
    "table2",
    "二",
    "主动公开政府信息情况",
    (
        RowSpec("regulations", "规章", _DOC_COLUMNS, "第二十条第（一）项", omissible=True),
        RowSpec("normative_docs", "行政规范性文件", _DOC_COLUMNS, "第二十条第（一）项"),
        RowSpec("licensing", "行政许可", _DECISIONS, "第二十条第（五）项"),
        RowSpec("punishment", "行政处罚", _DECISIONS, "第二十条第（六）项"),
        RowSpec("coercion", "行政强制", _DECISIONS, "第二十条第（六）项"),
        RowSpec("fees", "行政事业性收费", _FEES, "第二十条第（八）项"),
    ),
    ("2021",),
)

# --- 表二, 2019 试行 ----------------------------------------------------------------------------
_PUB_COLUMNS = _columns(
    ("new_made", "本年新制作数量"),
    ("new_published", "本年新公开数量"),
    ("total_published", "对外公开总数量"),
    markers=("本年新制作数量", "对外公开总数量"),
)
_ITEM_COLUMNS = (
    ColumnSpec("prev_year_items", "上一年项目数量", marker="上一年项目数量"),
    ColumnSpec("change", "本年增/减", ValueType.SIGNED),
    ColumnSpec("decisions", "处理决定数量"),
)
_FEE_ITEM_COLUMNS = _ITEM_COLUMNS[:2]
_PROCUREMENT_COLUMNS = (
    ColumnSpec("items", "采购项目数量"),
    ColumnSpec("amount", "采购总金额", ValueType.MONEY, marker="采购总金额"),
)

TABLE2_2019 = TableSpec(
    "table2_2019",
    "二",
    "主动公开政府信息情况",
    (
        RowSpec("regulations", "规章", _PUB_COLUMNS, "第二十条第（一）项"),
        RowSpec("normative_docs", "规范性文件", _PUB_COLUMNS, "第二十条第（一）项"),
        RowSpec("licensing", "行政许可", _ITEM_COLUMNS, "第二十条第（五）项"),
        RowSpec(
            "other_mgmt_services",
            "其他对外管理服务事项",
            _ITEM_COLUMNS,
            "第二十条第（五）项",
            marker="其他对外管理服务事项",
        ),
        RowSpec("punishment", "行政处罚", _ITEM_COLUMNS, "第二十条第（六）项"),
        RowSpec("coercion", "行政强制", _ITEM_COLUMNS, "第二十条第（六）项"),
        RowSpec("fees", "行政事业性收费", _FEE_ITEM_COLUMNS, "第二十条第（八）项"),
        RowSpec(
            "central_procurement",
            "政府集中采购",
            _PROCUREMENT_COLUMNS,
            "第二十条第（九）项",
            marker="第二十条第（九）项",
        ),
    ),
    ("2019",),
)

# --- 表三 -----------------------------------------------------------------------------------
_T3_COLUMNS = _columns(
    ("natural_person", "自然人"),
    ("commercial", "商业企业"),
    ("research", "科研机构"),
    ("social_welfare", "社会公益组织"),
    ("legal_service", "法律服务机构"),
    ("other", "其他"),
    ("total", "总计"),
)
TABLE3_RESULTS = "三、本年度办理结果"
"""The vertical group cell of 表三 over （一）…（七） (rowspan 22 in 2021, 20 in 2019; format-spec §2.2, §3.2)."""
_RESULTS = TABLE3_RESULTS


def _t3(
    key: str,
    label: str,
    group: str | None = None,
    versions: tuple[FormatVersion, ...] = FORMAT_VERSIONS,
    marker: str | None = None,
) -> RowSpec:
    return RowSpec(key, label, _T3_COLUMNS, group, versions, marker)


_DENIED, _UNABLE, _NOT_PROCESSED, _OTHER = "（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理"

TABLE3 = TableSpec(
    "table3",
    "三",
    "收到和处理政府信息公开申请情况",
    (
        _t3("new_received", "一、本年新收政府信息公开申请数量"),
        _t3("carried_over", "二、上年结转政府信息公开申请数量"),
        _t3("granted", "（一）予以公开", _RESULTS),
        _t3("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", _RESULTS),
        _t3("denied_state_secret", "1.属于国家秘密", _DENIED),
        _t3("denied_law_prohibited", "2.其他法律行政法规禁止公开", _DENIED),
        _t3("denied_three_security_one_stability", "3.危及“三安全一稳定”", _DENIED),
        _t3("denied_third_party", "4.保护第三方合法权益", _DENIED),
        _t3("denied_internal_affairs", "5.属于三类内部事务信息", _DENIED),
        _t3("denied_process_info", "6.属于四类过程性信息", _DENIED),
        _t3("denied_enforcement_file", "7.属于行政执法案卷", _DENIED),
        _t3("denied_admin_query", "8.属于行政查询事项", _DENIED),
        _t3("unable_not_held", "1.本机关不掌握相关政府信息", _UNABLE),
        _t3("unable_needs_creation", "2.没有现成信息需要另行制作", _UNABLE),
        _t3("unable_still_unclear", "3.补正后申请内容仍不明确", _UNABLE),
        _t3("not_processed_petition", "1.信访举报投诉类申请", _NOT_PROCESSED),
        _t3("not_processed_repeat", "2.重复申请", _NOT_PROCESSED),
        _t3("not_processed_publication", "3.要求提供公开出版物", _NOT_PROCESSED),
        _t3("not_processed_massive", "4.无正当理由大量反复申请", _NOT_PROCESSED),
        _t3("not_processed_confirm", "5.要求行政机关确认或重新出具已获取信息", _NOT_PROCESSED),
        _t3(
            "other_no_correction",
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            _OTHER,
            ("2021",),
            "逾期不补正",
        ),
        _t3(
            "other_fee_unpaid",
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            _OTHER,
            ("2021",),
            "逾期未按收费通知",
        ),
        _t3("other_other", "3.其他", _OTHER, ("2021",)),
        _t3("other_processing", "（六）其他处理", _RESULTS, ("2019",)),
        _t3("total_processed", "（七）总计", _RESULTS),
        _t3("carried_forward", "四、结转下年度继续办理"),
    ),
)

TABLE3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
"""The 勾稽关系 note printed in the top-left header cell of 表三."""

TABLE3_APPLICANTS = "申请人情况"
"""The 表三 header cell spanning the seven value columns (format-spec §2.2)."""

TABLE3_LEGAL_PERSONS = "法人或其他组织"
"""The 表三 header cell over 商业企业 … 其他 (format-spec §2.2: there is no 小计 column under it)."""

TABLE2_CONTENT = "信息内容"
"""The first header cell of every 表二 block (format-spec §2.1)."""

# --- 表四 -----------------------------------------------------------------------------------
TABLE4_LITIGATION = "行政诉讼"
"""The 表四 header cell over its two litigation groups (format-spec §2.3)."""

_T4_COLUMNS = _columns(
    ("upheld", "结果维持"), ("corrected", "结果纠正"), ("other", "其他结果"), ("pending", "尚未审结"), ("total", "总计")
)

TABLE4 = TableSpec(
    "table4",
    "四",
    "政府信息公开行政复议、行政诉讼情况",
    (
        RowSpec("review", "行政复议", _T4_COLUMNS),
        RowSpec("litigation_direct", "未经复议直接起诉", _T4_COLUMNS, TABLE4_LITIGATION),
        RowSpec("litigation_after_review", "复议后起诉", _T4_COLUMNS, TABLE4_LITIGATION),
    ),
)

TABLES: tuple[TableSpec, ...] = (TABLE2, TABLE2_2019, TABLE3, TABLE4)
"""Every table spec, in report order."""


def table_spec(key: str) -> TableSpec:
    """The spec of the table called *key* (``table2``, ``table2_2019``, ``table3``, ``table4``)."""
    for spec in TABLES:
        if spec.key == key:
            return spec
    raise KeyError(key)
