"""Parquet files of the long format, for DuckDB, Arrow and pandas: one row per cell, an explicit Arrow schema.

Needs the ``parquet`` extra (``pip install "gov-disclosure[parquet]"``: pyarrow), imported when a function here
is called, never when the package is imported. The columns are those of the long DataFrame
(:data:`~gov_disclosure.dataframes.LONG_COLUMNS`), typed by :func:`arrow_schema`: ``value`` is an ``int64`` (the
counts, the signed 2019 ``本年增/减``), ``value_decimal`` a ``decimal128(38, 8)`` (money, exactly: up to 30 digits
before the point and 8 after it; a count no ``int64`` holds goes there too); keys, labels, agency and kind are
dictionary-encoded strings; ``severity`` is the finding severity's name (``WARNING``) or null.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

from gov_disclosure.dataframes import LONG_COLUMNS, _pandas, long_row
from gov_disclosure.errors import GovDisclosureError, MissingDependencyError
from gov_disclosure.findings import Severity
from gov_disclosure.model.cells import CellKind
from gov_disclosure.model.report import Report
from gov_disclosure.records import CellRecord, records

if TYPE_CHECKING:
    import pandas as pd

    from gov_disclosure.loader import ReadResult

__all__ = ["DECIMAL_PRECISION", "DECIMAL_SCALE", "ParquetValueError", "arrow_schema", "read_parquet", "write_parquet"]

DECIMAL_PRECISION = 38
"""Digits of ``value_decimal`` (Arrow's ``decimal128`` holds at most 38)."""
DECIMAL_SCALE = 8
"""Digits after the point of ``value_decimal``: more than any amount these reports print (万元 to the 分 needs 6)."""

_QUANTUM = Decimal(1).scaleb(-DECIMAL_SCALE)
_LIMIT = Decimal(10) ** (DECIMAL_PRECISION - DECIMAL_SCALE)


class ParquetValueError(GovDisclosureError, ValueError):
    """A number that ``decimal128(38, 8)`` cannot hold exactly (more than 8 digits after the point, or more than
    30 before it): refused rather than rounded. ``key`` names the cell."""

    def __init__(self, key: str, value: Decimal) -> None:
        super().__init__(
            f"{key}: {value} does not fit decimal128({DECIMAL_PRECISION}, {DECIMAL_SCALE}) exactly; it is not written"
        )
        self.key = key
        self.value = value


def _pyarrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise MissingDependencyError("", "pyarrow", "parquet", purpose="a Parquet file") from None
    return pyarrow


_DICTIONARY = ("agency", "format_version", "source", "table", "row_key", "column_key")
_LABELS = ("table_label", "row_label", "column_label", "kind", "severity")
_NOT_NULL = frozenset({"report_index", "format_version", "table", "row_key", "column_key", "kind", "raw"})


def arrow_schema() -> Any:
    """The Arrow schema of the Parquet file (a ``pyarrow.Schema``).

    >>> schema = arrow_schema()
    >>> str(schema.field("value").type), str(schema.field("value_decimal").type), str(schema.field("row_key").type)
    ('int64', 'decimal128(38, 8)', 'dictionary<values=string, indices=int32, ordered=0>')
    """
    pa = _pyarrow()
    types: dict[str, Any] = {
        "report_index": pa.int64(),
        "report_year": pa.int32(),
        "value": pa.int64(),
        "value_decimal": pa.decimal128(DECIMAL_PRECISION, DECIMAL_SCALE),
    }
    for name in (*_DICTIONARY, *_LABELS):
        types[name] = pa.dictionary(pa.int32(), pa.string())
    return pa.schema(
        [pa.field(name, types.get(name, pa.string()), nullable=name not in _NOT_NULL) for name in LONG_COLUMNS]
    )


def _decimal(record: CellRecord, value: Decimal | None) -> Decimal | None:
    if value is None:
        return None
    exact = value.quantize(_QUANTUM) if abs(value) < _LIMIT else None
    if exact is None or exact != value:
        raise ParquetValueError(str(record.key), value)
    return exact


_DECIMAL = LONG_COLUMNS.index("value_decimal")


def _row(record: CellRecord) -> tuple[Any, ...]:
    """:func:`~gov_disclosure.dataframes.long_row`, its decimal checked to fit ``decimal128(38, 8)`` exactly."""
    row = long_row(record)
    return (*row[:_DECIMAL], _decimal(record, row[_DECIMAL]), *row[_DECIMAL + 1 :])


def write_parquet(
    items: Report | ReadResult | Iterable[Report | ReadResult | CellRecord],
    path: str | os.PathLike[str],
    *,
    batch_size: int = 100_000,
) -> int:
    """Write the long format of *items* (reports, read results, or records) to the Parquet file *path*, in row
    groups of *batch_size* cells (memory stays bounded by one batch); returns the number of rows written.

    Raises :class:`ParquetValueError` for a number ``decimal128(38, 8)`` cannot hold exactly.
    """
    pa = _pyarrow()
    schema = arrow_schema()
    written = 0
    with pa.parquet.ParquetWriter(os.fspath(path), schema) as writer:
        batch: list[tuple[Any, ...]] = []
        for record in records(items):
            batch.append(_row(record))
            if len(batch) >= batch_size:
                writer.write_table(_table(pa, schema, batch))
                written += len(batch)
                batch = []
        if batch or not written:
            writer.write_table(_table(pa, schema, batch))
            written += len(batch)
    return written


def _table(pa: Any, schema: Any, rows: list[tuple[Any, ...]]) -> Any:
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in LONG_COLUMNS]
    arrays = [pa.array(column, type=field.type) for column, field in zip(columns, schema, strict=True)]
    return pa.Table.from_arrays(arrays, schema=schema)


def read_parquet(path: str | os.PathLike[str]) -> pd.DataFrame:
    """The long DataFrame in the Parquet file *path* (:func:`write_parquet`), with the dtypes of
    :func:`~gov_disclosure.dataframes.to_dataframe`: ``Int64`` for ``value`` and ``report_year``
    (``pandas.read_parquet`` would make floats of integer columns with nulls), Decimals in ``value_decimal``,
    categoricals for the keys. Needs both extras, ``pandas`` and ``parquet``.
    :func:`~gov_disclosure.dataframes.from_dataframe` gives the reports back."""
    pa = _pyarrow()
    pandas = _pandas("a DataFrame")
    mapping = {pa.int64(): pandas.Int64Dtype(), pa.int32(): pandas.Int64Dtype(), pa.string(): pandas.StringDtype()}
    frame = pa.parquet.read_table(os.fspath(path)).to_pandas(types_mapper=mapping.get)
    frame["report_index"] = frame["report_index"].astype("int64")
    frame["severity"] = frame["severity"].cat.set_categories([s.name for s in Severity], ordered=True)
    frame["kind"] = frame["kind"].cat.set_categories([kind.value for kind in CellKind])
    return cast("pd.DataFrame", frame)
