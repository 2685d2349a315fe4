"""The :class:`Report` aggregate root: metadata, the six narrative sections and the three tables."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs
from attrs import field, frozen

from gov_disclosure.errors import ModelError
from gov_disclosure.model.cells import Cell, CellKind
from gov_disclosure.model.formats import FormatSpec, format_spec, format_specs
from gov_disclosure.model.keys import CellKey
from gov_disclosure.model.layout import TableSpec
from gov_disclosure.model.source import SourceInfo
from gov_disclosure.model.tables import TABLE_CLASSES, Table, Table2, Table2_2019, Table3, Table4
from gov_disclosure.model.versions import FormatVersion

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
    format_spec(value)  # UnknownFormatError (a ModelError) for a version that is not registered


def _check_collapsed(spec: FormatSpec, key: str, table: Table, row_key: str) -> None:
    """Row *row_key* of *table*, which format *spec* does not have, is allowed only printed in place of the parts
    *spec* splits it into, which the report then marks as not printed (rows of ``CellKind.NOT_PRINTED`` cells)."""
    label = table.spec.row(row_key).label
    parts = spec.collapsible(key).get(row_key)
    if parts is None:
        raise ModelError(f"{key}.{row_key}", f"row {label} is not in the {spec.name} format")
    for part in parts:
        row = table.row(part)
        if row is None or any(cell.kind is not CellKind.NOT_PRINTED for _, cell in row.cells()):
            raise ModelError(
                f"{key}.{row_key}",
                f"row {label} is not in the {spec.name} format but in place of its parts, which are then rows of "
                f"cells not printed (CellKind.NOT_PRINTED); {part} is {'absent' if row is None else 'printed'}",
            )


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
    and only the 表三 rows of its format — but for a row its format splits into parts, printed as one row in their
    place (:meth:`FormatSpec.collapsible`): a 2021 表三 may print （六）其他处理 as one row, as the 2019 form does, its
    three sub-rows being rows of cells not printed.

    >>> from gov_disclosure.model import Cell, Table3, Table3Row
    >>> unprinted = Table3Row.from_cells([Cell.not_printed()] * 7)
    >>> six = Table3.from_rows({"other_processing": [1, 0, 0, 0, 0, 0, 1], "other_no_correction": unprinted,
    ...                         "other_fee_unpaid": unprinted, "other_other": unprinted})
    >>> Report(format_version="2021", table3=six).collapsed
    frozenset({'other_processing'})
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
        spec = self.format
        for key in TABLE_CLASSES:
            table = getattr(self, key)
            if table is None:
                continue
            if key not in spec.table_keys:
                owner = "、".join(s.name for s in format_specs() if key in s.table_keys)
                what = f"the {owner} 表{table.spec.number}"
                raise ModelError(key, f"{what} belongs to format {owner} reports; use {spec.table2.key}")
            expected = spec.table_class(key)
            if not isinstance(table, expected):
                got = type(table).__name__
                raise ModelError(key, f"expected a {expected.__name__} in the {spec.name} format, got {got}")
            for row_key in spec.rows_absent(key):
                if getattr(table, row_key) is not None:
                    _check_collapsed(spec, key, table, row_key)

    @property
    def collapsed(self) -> frozenset[str]:
        """The rows this report prints as one in place of the parts its format splits them into
        (:meth:`FormatSpec.collapsible`); empty for a report printed as its format's form."""
        spec = self.format
        return frozenset(
            row_key
            for key in spec.table_keys
            if getattr(self, key) is not None
            for row_key in spec.collapsible(key)
            if getattr(getattr(self, key), row_key) is not None
        )

    @property
    def format(self) -> FormatSpec:
        """The spec of this report's format version (:mod:`gov_disclosure.model.formats`)."""
        return format_spec(self.format_version)

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
        pairs = ((spec, getattr(self, spec.key)) for spec in self.format.tables)
        return tuple((spec, table) for spec, table in pairs if table is not None)

    def table_specs(self) -> tuple[TableSpec, ...]:
        """The tables a report of this format should have: 二 of its format, 三, 四."""
        return self.format.tables

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
