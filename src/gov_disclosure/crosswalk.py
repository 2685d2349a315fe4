"""One panel vocabulary across the two national formats: which cells of the 2019 表二 are the 2021 表二's.

format-spec §3.4: tables 三 and 四 are the same in both formats (but for 表三's （六）, one row in 2019 and three
sub-rows in 2021: kept as they are, never added up); "Semantics differ in table 二, so do **not** map 2019 table 二
columns onto 2021 ones". A panel still needs the few 表二 cells that count the same thing in both formats under one
name. :data:`TABLE2_CROSSWALK` lists them — five rows (规章, 规范性文件, 行政许可, 行政处罚, 行政强制), one column
each — and :func:`panel_key` names every cell in the panel vocabulary: the 2021 key for the cells of the crosswalk,
the cell's own key (``table2_2019.licensing.prev_year_items``) for every other cell, so a column that only one format
has is never merged with another.

>>> panel_key("table2_2019", "licensing", "decisions")
'table2.licensing.decisions'
>>> panel_key("table2_2019", "licensing", "prev_year_items")
'table2_2019.licensing.prev_year_items'
>>> panel_key("table3", "granted", "total"), panel_key("table2_2019", "licensing", "decisions", harmonize=False)
('table3.granted.total', 'table2_2019.licensing.decisions')
"""

from __future__ import annotations

from attrs import frozen

from gov_disclosure.model.formats import FORMAT_2019, FORMAT_2021
from gov_disclosure.model.keys import CellKey

__all__ = ["TABLE2_CROSSWALK", "Correspondence", "panel_key"]


@frozen
class Correspondence:
    """A 2019 表二 cell that counts what a 2021 表二 cell counts: one panel column for both."""

    cell_2019: CellKey
    cell_2021: CellKey
    why: str
    """Why the two count the same thing (the labels, and what the form asks for)."""

    @property
    def labels(self) -> tuple[str, str]:
        """The official ``row · column`` labels of the 2019 and the 2021 cell."""
        return tuple(  # type: ignore[return-value]
            f"{spec.table2.row(key.row).label} · {spec.table2.row(key.row).column(key.column).label}"
            for spec, key in ((FORMAT_2019, self.cell_2019), (FORMAT_2021, self.cell_2021))
        )


def _same(row: str, column_2019: str, column_2021: str, why: str) -> Correspondence:
    return Correspondence(CellKey("table2_2019", row, column_2019), CellKey("table2", row, column_2021), why)


_MADE = "both count the documents the agency itself made in the report year (新制作 / 制发)"
_DECIDED = "both count the decisions made in the report year (处理决定数量 / 本年处理决定数量)"

TABLE2_CROSSWALK: tuple[Correspondence, ...] = (
    _same("regulations", "new_made", "made", _MADE),
    _same("normative_docs", "new_made", "made", _MADE),
    _same("licensing", "decisions", "decisions", _DECIDED),
    _same("punishment", "decisions", "decisions", _DECIDED),
    _same("coercion", "decisions", "decisions", _DECIDED),
)
"""The 表二 cells of the 2019 format named by their 2021 key in a panel. Not in it, and so kept apart under their
own keys: 2019 本年新公开数量 and 对外公开总数量 (published; 对外公开总数量 counts every document ever published,
2021 现行有效件数 only those in force), 上一年项目数量 and 本年增/减 (items, not decisions), 其他对外管理服务事项,
行政事业性收费 (2019: items; 2021: an amount in 万元) and 政府集中采购; 2021 本年废止件数 and 现行有效件数."""

_TO_2021 = {(c.cell_2019.row, c.cell_2019.column): c.cell_2021 for c in TABLE2_CROSSWALK}


def panel_key(table: str, row: str, column: str, *, harmonize: bool = True) -> str:
    """The panel name of the cell at *table*, *row*, *column*: its own key (``table3.granted.total``), but the
    2021 key for a 2019 表二 cell of :data:`TABLE2_CROSSWALK` (unless *harmonize* is false). A version extending one
    of the two (:attr:`~gov_disclosure.model.formats.FormatSpec.based_on`) keeps the 表二 key of its base, and with
    it the same names."""
    if harmonize and table == FORMAT_2019.table2.key:
        mapped = _TO_2021.get((row, column))
        if mapped is not None:
            return str(mapped)
    return f"{table}.{row}.{column}"
