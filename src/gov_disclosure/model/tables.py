"""The statutory tables 二 (2021 and 2019 forms), 三 and 四 as frozen attrs classes.

Attribute access reads like the form: ``table3.granted.total``, ``table4.review.pending``. Every row is
optional (``None`` = the row is absent from the report: never zero). Generic access by key goes through
:meth:`Table.cell` and :meth:`Table.iter_cells`; labels come from :mod:`gov_disclosure.model.layout`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any, ClassVar, TypeVar

import attrs
from attrs import field, frozen

from gov_disclosure.errors import ModelError
from gov_disclosure.model.cells import Cell
from gov_disclosure.model.layout import TABLE2, TABLE2_2019, TABLE3, TABLE4, TableSpec

__all__ = [
    "TABLE_CLASSES",
    "CellInput",
    "DecisionCount",
    "DocumentCounts",
    "ExtraRow",
    "FeeAmount",
    "FeeItems",
    "ItemCounts",
    "Procurement",
    "PublicationCounts",
    "Row",
    "RowInput",
    "Table",
    "Table2",
    "Table2_2019",
    "Table3",
    "Table3Row",
    "Table4",
    "Table4Row",
]

CellInput = Cell | int | Decimal | None
"""What programmatic construction accepts for a cell: a :class:`Cell`, a number, or None for a blank."""

RowInput = Mapping[str, CellInput] | Sequence[CellInput]
"""A row given by column key or as values in official column order."""

_R = TypeVar("_R", bound="Row")
_T = TypeVar("_T", bound="Table")


def _to_cell(value: object, where: str, column: str) -> Cell:
    if isinstance(value, Cell):
        return value
    if value is None:
        return Cell.blank()
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise ModelError(
            f"{where}.{column}", f"expected a Cell, int, Decimal or None, got {type(value).__name__} {value!r}"
        )
    return Cell.of(value)


_JUST_CELLS = frozenset({Cell})


class Row:
    """Behaviour shared by every row class: cells by column key, construction from plain values.

    A row class is built from one :class:`Cell` per column, by column key or — the built-in row classes — in
    official column order (``Table4Row(upheld, corrected, other, pending, total)``); :meth:`from_cells` (the
    readers' way) builds any row class from its cells in column order, and it and :meth:`from_values` also take
    numbers and None for a blank.
    """

    __slots__ = ()
    _columns: ClassVar[tuple[str, ...]]
    """The column keys of a row class, read from its attrs fields when first asked and kept on the class."""
    _by_position: ClassVar[bool]
    """Whether a row class takes its cells positionally, read from its attrs fields when first asked and kept on
    the class (a third-party row class may take them by keyword only)."""

    def cell(self, column: str) -> Cell:
        """The cell in *column* (KeyError for an unknown column)."""
        if column not in self.column_keys():
            raise KeyError(column)
        value: Cell = getattr(self, column)
        return value

    def cells(self) -> tuple[tuple[str, Cell], ...]:
        """``(column key, cell)`` pairs in official column order."""
        return tuple((column, getattr(self, column)) for column in self.column_keys())

    @classmethod
    def column_keys(cls) -> tuple[str, ...]:
        """Column keys in official order."""
        keys: tuple[str, ...] | None = cls.__dict__.get("_columns")
        if keys is None:
            keys = cls._columns = tuple(a.name for a in attrs.fields(cls))  # type: ignore[arg-type]
        return keys

    @classmethod
    def by_position(cls) -> bool:
        """Whether the class's ``__init__`` takes its cells in column order (else by column key only)."""
        positional: bool | None = cls.__dict__.get("_by_position")
        if positional is None:
            fields = attrs.fields(cls)  # type: ignore[arg-type]
            positional = cls._by_position = not any(field.kw_only for field in fields)
        return positional

    @classmethod
    def from_cells(cls: type[_R], cells: Sequence[CellInput], *, where: str = "row") -> _R:
        """Build a row from one cell (or number, or None for a blank) per column, in official column order.

        >>> Table4Row.from_cells([Cell.of(1), Cell.of(0), Cell.of(0), Cell.of(1), Cell.of(2)]).total.value
        2
        >>> Table4Row.from_cells([Cell.of(1)], where="table4.review")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        gov_disclosure.errors.ModelError: table4.review: expected 5 values (upheld, ..., total), got 1
        """
        keys = cls.column_keys()
        if len(cells) != len(keys):
            raise ModelError(where, f"expected {len(keys)} values ({', '.join(keys)}), got {len(cells)}")
        if set(map(type, cells)) != _JUST_CELLS:  # numbers or blanks given as None: made cells first
            cells = [_to_cell(cell, where, key) for key, cell in zip(keys, cells, strict=True)]
        return cls(*cells) if cls.by_position() else cls(**dict(zip(keys, cells, strict=True)))

    @classmethod
    def from_values(cls: type[_R], values: RowInput | Row, *, where: str = "row") -> _R:
        """Build a row from a mapping by column key or a sequence in column order (:meth:`from_cells`).

        >>> Table4Row.from_values([1, 0, 0, 1, 2]).total.value
        2
        >>> Table4Row.from_values({"upheld": 1}, where="table4.review")
        Traceback (most recent call last):
        ...
        gov_disclosure.errors.ModelError: table4.review: missing columns corrected, other, pending, total
        """
        if isinstance(values, cls):
            return values
        if isinstance(values, Mapping):
            keys = cls.column_keys()
            unknown = [k for k in values if k not in keys]
            if unknown:
                raise ModelError(f"{where}.{unknown[0]}", f"unknown column; expected one of {', '.join(keys)}")
            missing = [k for k in keys if k not in values]
            if missing:
                raise ModelError(where, f"missing columns {', '.join(missing)}")
            return cls.from_cells([values[k] for k in keys], where=where)
        if isinstance(values, Sequence) and not isinstance(values, (str, bytes)):
            return cls.from_cells(values, where=where)
        raise ModelError(where, f"expected a mapping or a sequence of cells, got {type(values).__name__}")


@frozen(kw_only=True)
class ExtraRow:
    """A row the official form does not have (e.g. Hubei's ``其他主动公开文件``), kept rather than dropped."""

    label: str
    cells: tuple[Cell, ...] = ()
    after: str | None = None
    """Key of the official row it followed, if any."""


class Table:
    """Behaviour shared by every table class: rows and cells by key, iteration, construction."""

    __slots__ = ()
    spec: ClassVar[TableSpec]
    row_types: ClassVar[Mapping[str, type[Row]]]

    def row(self, key: str) -> Row | None:
        """The row called *key*, or None when the report lacks it (KeyError for an unknown key)."""
        if key not in self.row_types:
            raise KeyError(key)
        value: Row | None = getattr(self, key)
        return value

    def cell(self, row: str, column: str) -> Cell | None:
        """The cell at *row*, *column*; None when the row is absent."""
        found = self.row(row)
        return None if found is None else found.cell(column)

    def iter_rows(self) -> Iterator[tuple[str, Row | None]]:
        """``(row key, row or None)`` for every row the class has, in official order."""
        for key in self.row_types:
            yield key, getattr(self, key)

    def iter_cells(self) -> Iterator[tuple[str, str, Cell]]:
        """``(row key, column key, cell)`` for every cell of every present row, in official order."""
        for key, row in self.iter_rows():
            if row is not None:
                for column, cell in row.cells():
                    yield key, column, cell

    @classmethod
    def from_rows(
        cls: type[_T], rows: Mapping[str, RowInput | Row | None], *, extra_rows: Sequence[ExtraRow] = ()
    ) -> _T:
        """Build a table from rows given by key; rows not given are absent (None).

        >>> t = Table4.from_rows({"review": [1, 0, 0, 1, 2]})
        >>> t.review.pending.value, t.litigation_direct is None
        (1, True)
        >>> Table4.from_rows({"reveiw": [1, 0, 0, 1, 2]})  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        gov_disclosure.errors.ModelError: table4.reveiw: unknown row; expected one of review, ...
        """
        table = cls.spec.key
        kwargs: dict[str, Any] = {}
        for key, values in rows.items():
            row_type = cls.row_types.get(key)
            if row_type is None:
                expected = ", ".join(cls.row_types)
                raise ModelError(f"{table}.{key}", f"unknown row; expected one of {expected}")
            if values is None or type(values) is row_type:  # rows built already: the readers' way
                kwargs[key] = values
            else:
                kwargs[key] = row_type.from_values(values, where=f"{table}.{key}")
        if extra_rows:
            if "extra_rows" not in attrs.fields_dict(cls):  # type: ignore[arg-type]
                raise ModelError(table, "this table keeps no extra rows")
            kwargs["extra_rows"] = tuple(extra_rows)
        return cls(**kwargs)


def _row(row_type: type[Row]) -> Any:
    """An optional row field whose value must be a *row_type* (or None)."""

    def check(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None and not isinstance(value, row_type):
            raise TypeError(f"{attribute.name} must be a {row_type.__name__} or None, got {value!r}")

    return field(default=None, validator=check)


def _extra() -> Any:
    return field(default=(), converter=tuple)


def _check_cell(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, Cell):
        raise TypeError(f"{attribute.name} must be a Cell, got {value!r}")


def _cell_field() -> Any:
    return field(validator=_check_cell)


# --- rows -----------------------------------------------------------------------------------


@frozen
class DocumentCounts(Row):
    """表二 (2021) 第二十条第（一）项: 本年制发件数 · 本年废止件数 · 现行有效件数."""

    made: Cell = _cell_field()
    repealed: Cell = _cell_field()
    valid: Cell = _cell_field()


@frozen
class DecisionCount(Row):
    """表二 (2021) 第二十条第（五）（六）项: 本年处理决定数量."""

    decisions: Cell = _cell_field()


@frozen
class FeeAmount(Row):
    """表二 (2021) 第二十条第（八）项: 本年收费金额（单位：万元）, a decimal."""

    amount_wan_yuan: Cell = _cell_field()


@frozen
class PublicationCounts(Row):
    """表二 (2019) 第二十条第（一）项: 本年新制作数量 · 本年新公开数量 · 对外公开总数量."""

    new_made: Cell = _cell_field()
    new_published: Cell = _cell_field()
    total_published: Cell = _cell_field()


@frozen
class ItemCounts(Row):
    """表二 (2019) 第二十条第（五）（六）项: 上一年项目数量 · 本年增/减 (signed) · 处理决定数量."""

    prev_year_items: Cell = _cell_field()
    change: Cell = _cell_field()
    decisions: Cell = _cell_field()


@frozen
class FeeItems(Row):
    """表二 (2019) 第二十条第（八）项: 上一年项目数量 · 本年增/减."""

    prev_year_items: Cell = _cell_field()
    change: Cell = _cell_field()


@frozen
class Procurement(Row):
    """表二 (2019) 第二十条第（九）项: 采购项目数量 · 采购总金额 (money; unit as printed, in ``Cell.unit``)."""

    items: Cell = _cell_field()
    amount: Cell = _cell_field()


@frozen
class Table3Row(Row):
    """A 表三 row: the six applicant columns and 总计."""

    natural_person: Cell = _cell_field()
    commercial: Cell = _cell_field()
    research: Cell = _cell_field()
    social_welfare: Cell = _cell_field()
    legal_service: Cell = _cell_field()
    other: Cell = _cell_field()
    total: Cell = _cell_field()


@frozen
class Table4Row(Row):
    """A 表四 group: 结果维持 · 结果纠正 · 其他结果 · 尚未审结 · 总计."""

    upheld: Cell = _cell_field()
    corrected: Cell = _cell_field()
    other: Cell = _cell_field()
    pending: Cell = _cell_field()
    total: Cell = _cell_field()


# --- tables ---------------------------------------------------------------------------------


@frozen(kw_only=True)
class Table2(Table):
    """表二 主动公开政府信息情况, 2021 format (10 cells)."""

    spec: ClassVar[TableSpec] = TABLE2
    row_types: ClassVar[Mapping[str, type[Row]]] = {
        "regulations": DocumentCounts,
        "normative_docs": DocumentCounts,
        "licensing": DecisionCount,
        "punishment": DecisionCount,
        "coercion": DecisionCount,
        "fees": FeeAmount,
    }

    regulations: DocumentCounts | None = _row(DocumentCounts)
    normative_docs: DocumentCounts | None = _row(DocumentCounts)
    licensing: DecisionCount | None = _row(DecisionCount)
    punishment: DecisionCount | None = _row(DecisionCount)
    coercion: DecisionCount | None = _row(DecisionCount)
    fees: FeeAmount | None = _row(FeeAmount)
    extra_rows: tuple[ExtraRow, ...] = _extra()


@frozen(kw_only=True)
class Table2_2019(Table):
    """表二 主动公开政府信息情况, 2019 试行 format (22 cells). Never mapped onto :class:`Table2`."""

    spec: ClassVar[TableSpec] = TABLE2_2019
    row_types: ClassVar[Mapping[str, type[Row]]] = {
        "regulations": PublicationCounts,
        "normative_docs": PublicationCounts,
        "licensing": ItemCounts,
        "other_mgmt_services": ItemCounts,
        "punishment": ItemCounts,
        "coercion": ItemCounts,
        "fees": FeeItems,
        "central_procurement": Procurement,
    }

    regulations: PublicationCounts | None = _row(PublicationCounts)
    normative_docs: PublicationCounts | None = _row(PublicationCounts)
    licensing: ItemCounts | None = _row(ItemCounts)
    other_mgmt_services: ItemCounts | None = _row(ItemCounts)
    punishment: ItemCounts | None = _row(ItemCounts)
    coercion: ItemCounts | None = _row(ItemCounts)
    fees: FeeItems | None = _row(FeeItems)
    central_procurement: Procurement | None = _row(Procurement)
    extra_rows: tuple[ExtraRow, ...] = _extra()


@frozen(kw_only=True)
class Table3(Table):
    """表三 收到和处理政府信息公开申请情况 (both formats).

    2021 reports have the （六） sub-rows ``other_no_correction``, ``other_fee_unpaid``, ``other_other``;
    2019 reports have the single row ``other_processing`` instead.
    """

    spec: ClassVar[TableSpec] = TABLE3
    row_types: ClassVar[Mapping[str, type[Row]]] = {row.key: Table3Row for row in TABLE3.rows}

    new_received: Table3Row | None = _row(Table3Row)
    carried_over: Table3Row | None = _row(Table3Row)
    granted: Table3Row | None = _row(Table3Row)
    partial: Table3Row | None = _row(Table3Row)
    denied_state_secret: Table3Row | None = _row(Table3Row)
    denied_law_prohibited: Table3Row | None = _row(Table3Row)
    denied_three_security_one_stability: Table3Row | None = _row(Table3Row)
    denied_third_party: Table3Row | None = _row(Table3Row)
    denied_internal_affairs: Table3Row | None = _row(Table3Row)
    denied_process_info: Table3Row | None = _row(Table3Row)
    denied_enforcement_file: Table3Row | None = _row(Table3Row)
    denied_admin_query: Table3Row | None = _row(Table3Row)
    unable_not_held: Table3Row | None = _row(Table3Row)
    unable_needs_creation: Table3Row | None = _row(Table3Row)
    unable_still_unclear: Table3Row | None = _row(Table3Row)
    not_processed_petition: Table3Row | None = _row(Table3Row)
    not_processed_repeat: Table3Row | None = _row(Table3Row)
    not_processed_publication: Table3Row | None = _row(Table3Row)
    not_processed_massive: Table3Row | None = _row(Table3Row)
    not_processed_confirm: Table3Row | None = _row(Table3Row)
    other_no_correction: Table3Row | None = _row(Table3Row)
    other_fee_unpaid: Table3Row | None = _row(Table3Row)
    other_other: Table3Row | None = _row(Table3Row)
    other_processing: Table3Row | None = _row(Table3Row)
    total_processed: Table3Row | None = _row(Table3Row)
    carried_forward: Table3Row | None = _row(Table3Row)
    extra_rows: tuple[ExtraRow, ...] = _extra()


@frozen(kw_only=True)
class Table4(Table):
    """表四 政府信息公开行政复议、行政诉讼情况 (both formats; 15 cells)."""

    spec: ClassVar[TableSpec] = TABLE4
    row_types: ClassVar[Mapping[str, type[Row]]] = {row.key: Table4Row for row in TABLE4.rows}

    review: Table4Row | None = _row(Table4Row)
    litigation_direct: Table4Row | None = _row(Table4Row)
    litigation_after_review: Table4Row | None = _row(Table4Row)


TABLE_CLASSES: Mapping[str, type[Table]] = {
    TABLE2.key: Table2,
    TABLE2_2019.key: Table2_2019,
    TABLE3.key: Table3,
    TABLE4.key: Table4,
}
"""The model class of every table a report can hold, by its key (the one table-key → class map)."""
