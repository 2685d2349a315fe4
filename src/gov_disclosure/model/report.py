"""The :class:`Report` aggregate root: metadata, the six narrative sections and the three tables."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs
from attrs import field, frozen

from gov_disclosure.errors import ModelError
from gov_disclosure.model.cells import Cell
from gov_disclosure.model.keys import CellKey
from gov_disclosure.model.layout import TABLE2, TABLE2_2019, TABLE3, TABLE4, TableSpec
from gov_disclosure.model.source import SourceInfo
from gov_disclosure.model.tables import Table, Table2, Table2_2019, Table3, Table4
from gov_disclosure.model.versions import FORMAT_VERSIONS, FormatVersion

__all__ = ["SECTION_TITLES", "CellEntry", "Report", "Sections"]

SECTION_TITLES: tuple[tuple[str, str], ...] = (
    ("overview", "一、总体情况"),
    ("proactive", "二、主动公开政府信息情况"),
    ("applications", "三、收到和处理政府信息公开申请情况"),
    ("review_litigation", "四、政府信息公开行政复议、行政诉讼情况"),
    ("problems", "五、存在的主要问题及改进情况"),
    ("other_matters", "六、其他需要报告的事项"),
)
"""``(key, official heading)`` of the six sections, in order (format-spec §1.2)."""


@frozen(kw_only=True)
class Sections:
    """The narrative text of the six sections (None = section absent)."""

    overview: str | None = None
    """一、总体情况"""
    proactive: str | None = None
    """二、主动公开政府信息情况 (narrative around 表二)"""
    applications: str | None = None
    """三、收到和处理政府信息公开申请情况 (narrative around 表三)"""
    review_litigation: str | None = None
    """四、政府信息公开行政复议、行政诉讼情况 (narrative around 表四)"""
    problems: str | None = None
    """五、存在的主要问题及改进情况"""
    other_matters: str | None = None
    """六、其他需要报告的事项"""

    def items(self) -> tuple[tuple[str, str | None], ...]:
        """``(key, text)`` for the six sections, in order."""
        return tuple((key, getattr(self, key)) for key, _ in SECTION_TITLES)


@frozen
class CellEntry:
    """One cell with its address and official labels, as yielded by :meth:`Report.iter_cells`."""

    key: CellKey
    row_label: str
    column_label: str
    cell: Cell


def _check_version(_instance: object, _attribute: object, value: str) -> None:
    if value not in FORMAT_VERSIONS:
        raise ModelError("format_version", f"expected one of {', '.join(FORMAT_VERSIONS)}, got {value!r}")


@frozen(kw_only=True)
class Report:
    """One annual report.

    >>> from gov_disclosure.model import Table4
    >>> r = Report(format_version="2021", agency="某局", report_year=2022,
    ...            table4=Table4.from_rows({"review": [1, 0, 0, 1, 2]}))
    >>> r.table4.review.total.value
    2
    >>> [str(e.key) for e in r.iter_cells()][:2]
    ['table4.review.upheld', 'table4.review.corrected']

    A report carries at most one of ``table2`` (2021) / ``table2_2019`` (2019), matching its format,
    and only the 表三 rows of its format.
    """

    format_version: FormatVersion = field(validator=_check_version)
    agency: str | None = None
    report_year: int | None = None
    sections: Sections = field(factory=Sections)
    table2: Table2 | None = None
    table2_2019: Table2_2019 | None = None
    table3: Table3 | None = None
    table4: Table4 | None = None
    source: SourceInfo | None = field(default=None, eq=False)

    def __attrs_post_init__(self) -> None:
        if self.table2 is not None and self.format_version != "2021":
            raise ModelError("table2", "the 2021 表二 belongs to format 2021 reports; use table2_2019")
        if self.table2_2019 is not None and self.format_version != "2019":
            raise ModelError("table2_2019", "the 2019 表二 belongs to format 2019 reports; use table2")
        if self.table3 is not None:
            for spec in TABLE3.rows:
                if self.format_version not in spec.versions and getattr(self.table3, spec.key) is not None:
                    raise ModelError(
                        f"table3.{spec.key}", f"row {spec.label} is not in the {self.format_version} format"
                    )

    @property
    def title(self) -> str:
        """The conventional title ``<机关全称><YYYY>年政府信息公开工作年度报告`` (format-spec §0), from what is known.

        >>> Report(format_version="2021", agency="某局", report_year=2022).title
        '某局2022年政府信息公开工作年度报告'
        """
        year = "" if self.report_year is None else f"{self.report_year}年"
        return f"{self.agency or ''}{year}政府信息公开工作年度报告"

    def tables(self) -> tuple[tuple[TableSpec, Table], ...]:
        """``(spec, table)`` for the tables present, in report order."""
        pairs: tuple[tuple[TableSpec, Table | None], ...] = (
            (TABLE2, self.table2),
            (TABLE2_2019, self.table2_2019),
            (TABLE3, self.table3),
            (TABLE4, self.table4),
        )
        return tuple((spec, table) for spec, table in pairs if table is not None)

    def table_specs(self) -> tuple[TableSpec, ...]:
        """The tables a report of this format should have: 二 of its format, 三, 四."""
        return (TABLE2 if self.format_version == "2021" else TABLE2_2019, TABLE3, TABLE4)

    def cell(self, key: CellKey | str) -> Cell | None:
        """The cell at *key* (``"table3.granted.total"``), or None when its table or row is absent."""
        key = CellKey.parse(key) if isinstance(key, str) else key
        table: Table | None = getattr(self, key.table, None) if key.table.startswith("table") else None
        if table is None:
            return None
        return table.cell(key.row, key.column)

    def iter_cells(self) -> Iterator[CellEntry]:
        """Every cell of every present row, with its key and official labels, in report order."""
        for spec, table in self.tables():
            for row_key, column_key, cell in table.iter_cells():
                row_spec = spec.row(row_key)
                yield CellEntry(
                    CellKey(spec.key, row_key, column_key),
                    row_spec.full_label,
                    row_spec.column(column_key).label,
                    cell,
                )

    def with_cell(self, key: CellKey | str, cell: Cell) -> Report:
        """A copy with the cell at *key* replaced (ModelError when its table or row is absent).

        >>> from gov_disclosure.model import Cell, Table4
        >>> r = Report(format_version="2021", table4=Table4.from_rows({"review": [1, 0, 0, 1, 2]}))
        >>> r.with_cell("table4.review.total", Cell.of(3)).table4.review.total.value
        3
        """
        key = CellKey.parse(key) if isinstance(key, str) else key
        table = getattr(self, key.table, None) if key.table.startswith("table") else None
        if not isinstance(table, Table):
            raise ModelError(str(key), "the report has no such table")
        row = table.row(key.row)
        if row is None:
            raise ModelError(str(key), "the report has no such row")
        row.cell(key.column)
        new_row: Any = attrs.evolve(row, **{key.column: cell})  # type: ignore[misc]
        new_table: Any = attrs.evolve(table, **{key.row: new_row})  # type: ignore[misc]
        changes: dict[str, Any] = {key.table: new_table}
        return attrs.evolve(self, **changes)
