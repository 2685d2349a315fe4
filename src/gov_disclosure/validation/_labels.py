"""Readable names of tables, rows and cells for finding messages, built from the official labels in
:mod:`gov_disclosure.model.layout` (never typed out again here)."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from functools import lru_cache

from attrs import frozen

from gov_disclosure.model.cells import Cell, CellKind
from gov_disclosure.model.formats import FormatSpec, layout_of
from gov_disclosure.model.identities import row_zh, short
from gov_disclosure.model.keys import CellKey
from gov_disclosure.model.layout import ColumnSpec
from gov_disclosure.validation._cells import layout

__all__ = [
    "LISTED",
    "CellNames",
    "cell_names",
    "cell_reason_en",
    "cell_reason_zh",
    "cell_zh",
    "column_spec",
    "join_en",
    "join_zh",
    "row_zh",
    "short",
    "table_zh",
]

LISTED = 8
"""How many cells a message names before it says 等 / "and N more"."""


def table_zh(table: str) -> str:
    """``表三`` for ``table3``."""
    return f"表{layout_of(table).number}"


@lru_cache(maxsize=1024)
def column_spec(key: CellKey) -> ColumnSpec:
    """The layout spec of the column of *key*."""
    return layout_of(key.table, key.row).row(key.row).column(key.column)


@lru_cache(maxsize=1024)
def cell_zh(key: CellKey) -> str:
    """``表三「（一）予以公开 × 自然人」``."""
    row = layout_of(key.table, key.row).row(key.row)
    return f"{table_zh(key.table)}「{short(row_zh(row))} × {row.column(key.column).label}」"


def cell_reason_zh(name: str, cell: Cell | None) -> str:
    """Why a cell has no usable value, in Chinese, given its :func:`cell_zh` *name*."""
    if cell is None:
        return f"{name}（缺行）"
    kind = cell.kind
    if kind is CellKind.BLANK:
        return f"{name}（空白）"
    if kind is CellKind.NOT_APPLICABLE:
        return f"{name}（不适用标记“{cell.raw}”）"
    if kind is CellKind.NOT_PRINTED:
        return f"{name}（未印出）"
    return f"{name}（无法识别“{cell.raw}”）"


def cell_reason_en(name: str, cell: Cell | None) -> str:
    """Why a cell has no usable value, in English, given its *name* (its key as text)."""
    if cell is None:
        return f"{name} (row missing)"
    kind = cell.kind
    if kind is CellKind.BLANK:
        return f"{name} (blank)"
    if kind is CellKind.NOT_APPLICABLE:
        return f"{name} (not-applicable mark {cell.raw!r})"
    if kind is CellKind.NOT_PRINTED:
        return f"{name} (not printed)"
    return f"{name} (unreadable text {cell.raw!r})"


@frozen(kw_only=True)
class CellNames:
    """How messages name each cell of a report of one format version, by its position in the
    :class:`~gov_disclosure.validation._cells.Layout` (built once, so messages only look names up)."""

    zh: tuple[str, ...]
    """:func:`cell_zh` of each cell."""
    en: tuple[str, ...]
    """The key of each cell as text (``table3.granted.total``)."""
    missing_zh: tuple[str, ...]
    """:func:`cell_reason_zh` of each cell when its row is missing."""
    missing_en: tuple[str, ...]
    """:func:`cell_reason_en` of each cell when its row is missing."""

    def reasons(self, cells: Sequence[Cell | None], positions: Iterable[int]) -> tuple[list[str], list[str]]:
        """Why each cell at *positions* of *cells* has no usable value, in Chinese and in English
        (:func:`cell_reason_zh`, :func:`cell_reason_en`)."""
        names_zh, names_en, missing_zh, missing_en = self.zh, self.en, self.missing_zh, self.missing_en
        reasons_zh: list[str] = []
        reasons_en: list[str] = []
        for i in positions:
            cell = cells[i]
            if cell is None:
                reasons_zh.append(missing_zh[i])
                reasons_en.append(missing_en[i])
            else:
                reasons_zh.append(cell_reason_zh(names_zh[i], cell))
                reasons_en.append(cell_reason_en(names_en[i], cell))
        return reasons_zh, reasons_en


@functools.cache
def cell_names(spec: FormatSpec, collapsed: frozenset[str] = frozenset()) -> CellNames:
    """The :class:`CellNames` of reports of *spec* that print the rows *collapsed* as one (cached by value).

    >>> from gov_disclosure.model.formats import FORMAT_2021
    >>> names = cell_names(FORMAT_2021)
    >>> names.zh[layout(FORMAT_2021).index[CellKey("table4", "review", "total")]]
    '表四「行政复议 × 总计」'
    """
    keys = layout(spec, collapsed).keys
    names_zh = tuple(map(cell_zh, keys))
    names_en = tuple(map(str, keys))
    return CellNames(
        zh=names_zh,
        en=names_en,
        missing_zh=tuple(cell_reason_zh(name, None) for name in names_zh),
        missing_en=tuple(cell_reason_en(name, None) for name in names_en),
    )


def join_zh(items: Iterable[str], total: int | None = None) -> str:
    """``甲、乙、丙`` — at most eight items, then ``等N项``.

    *total* is how many items there are when *items* gives only the first :data:`LISTED` of them (so that a
    caller builds no names that are not shown).

    >>> join_zh("甲乙丙"), join_zh(map(str, range(9))), join_zh(map(str, range(LISTED)), total=20)
    ('甲、乙、丙', '0、1、2、3、4、5、6、7等9项', '0、1、2、3、4、5、6、7等20项')
    """
    listed = list(items)
    count = len(listed) if total is None else total
    head = "、".join(listed[:LISTED])
    return head if count <= LISTED else f"{head}等{count}项"


def join_en(items: Iterable[str], total: int | None = None) -> str:
    """``a, b, c`` — at most eight items, then ``and N more``; *total* as in :func:`join_zh`.

    >>> join_en("abc"), join_en(map(str, range(LISTED)), total=20)
    ('a, b, c', '0, 1, 2, 3, 4, 5, 6, 7 and 12 more')
    """
    listed = list(items)
    count = len(listed) if total is None else total
    head = ", ".join(listed[:LISTED])
    return head if count <= LISTED else f"{head} and {count - LISTED} more"
