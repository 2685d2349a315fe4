"""Addresses of cells: ``table3.granted.total`` in the spec/keys.md vocabulary."""

from __future__ import annotations

from attrs import frozen

__all__ = ["CellKey", "cell_key"]


@frozen(order=True, cache_hash=True)
class CellKey:
    """The address of one cell: table key, row key and column key.

    >>> key = CellKey("table3", "granted", "total")
    >>> str(key), key.json_path
    ('table3.granted.total', '$.table3.granted.total')
    >>> CellKey.parse("table4.review.pending")
    CellKey(table='table4', row='review', column='pending')
    """

    table: str
    row: str
    column: str

    def __str__(self) -> str:
        return f"{self.table}.{self.row}.{self.column}"

    @property
    def json_path(self) -> str:
        """The JSONPath of the cell in a report document."""
        return f"$.{self}"

    @classmethod
    def parse(cls, text: str) -> CellKey:
        """Parse ``table.row.column`` (a leading ``$.`` is allowed)."""
        parts = text.removeprefix("$.").split(".")
        if len(parts) != 3 or not all(parts):
            raise ValueError(f"expected 'table.row.column', got {text!r}")
        return cls(parts[0], parts[1], parts[2])


_KEYS: dict[tuple[str, str, str], CellKey] = {}


def cell_key(table: str, row: str, column: str) -> CellKey:
    """The one :class:`CellKey` object for ``table.row.column``, made once: for the cells of the layout (a fixed
    set), which readers and rules name in findings report after report.

    >>> cell_key("table3", "granted", "total") is cell_key("table3", "granted", "total")
    True
    """
    found = _KEYS.get((table, row, column))
    if found is None:
        found = _KEYS[(table, row, column)] = CellKey(table, row, column)
    return found
