"""pandas DataFrames of reports: the long format (one row per cell) and the panel (one row per report).

Needs the ``pandas`` extra (``pip install "gov-disclosure[pandas]"``), imported when a function here is called,
never when the package is imported.

Numbers stay exact and are never floats: a count is an ``Int64`` (pandas' nullable integer: a cell without a
number is ``<NA>``, never ``NaN``), and a money amount is the Python :class:`~decimal.Decimal` printed, in an
``object`` column. In the long format every number is in one of two columns: ``value`` (``Int64``) holds the ints,
``value_decimal`` (``object``, Decimals) the rest — money, and the rare count a report printed that no ``int64``
holds — so ``value.fillna(value_decimal)`` or :func:`from_dataframe` give the model's values back.

>>> import gov_disclosure as gd
>>> result = gd.read_text(gd.example_report_text())
>>> cells = to_dataframe(result)
>>> granted = cells[(cells.row_key == "granted") & (cells.column_key == "total")]
>>> print(granted[["agency", "report_year", "value", "kind"]].to_string(index=False))
 agency  report_year  value   kind
淮安市人民政府         2024   1362 number
>>> panel = to_panel(result)
>>> int(panel.loc[0, "table3.granted.total"]), str(panel["table3.granted.total"].dtype)
(1362, 'Int64')
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

from gov_disclosure.crosswalk import panel_key
from gov_disclosure.errors import MissingDependencyError
from gov_disclosure.findings import Severity
from gov_disclosure.model.cells import CellKind, Number
from gov_disclosure.model.formats import layout_of
from gov_disclosure.model.report import Report
from gov_disclosure.records import EXTRA_ROWS_PREFIX, RECORD_FIELDS, CellRecord, from_records, records

if TYPE_CHECKING:
    import pandas as pd

    from gov_disclosure.loader import ReadResult

__all__ = [
    "LONG_COLUMNS",
    "PANEL_COLUMNS",
    "from_dataframe",
    "long_row",
    "split_value",
    "to_dataframe",
    "to_panel",
]

LONG_COLUMNS: tuple[str, ...] = (
    *RECORD_FIELDS[: RECORD_FIELDS.index("value") + 1],
    "value_decimal",
    *RECORD_FIELDS[RECORD_FIELDS.index("value") + 1 :],
)
"""The columns of the long DataFrame (and of the Parquet file): the :class:`~gov_disclosure.records.CellRecord`
fields, the value split into ``value`` (ints) and ``value_decimal`` (Decimals)."""

PANEL_COLUMNS: tuple[str, ...] = ("agency", "report_year", "format_version", "source")
"""The first columns of a panel; one column per cell follows, named by
:func:`~gov_disclosure.crosswalk.panel_key`."""

_INT64 = range(-(2**63), 2**63)
_CATEGORIES = ("agency", "format_version", "source", "table", "row_key", "column_key")
_LABELS = ("table_label", "row_label", "column_label")
_TEXTS = ("raw", "unit", "annotation", "completed_from", "after")


def long_row(record: CellRecord) -> tuple[Any, ...]:
    """*record*'s values in the order of :data:`LONG_COLUMNS` (the frame's and the Parquet file's columns)."""
    whole, decimal = split_value(record.value)
    severity = record.severity
    return (
        record.report_index,
        record.agency,
        record.report_year,
        record.format_version,
        record.source,
        record.table,
        record.row_key,
        record.column_key,
        record.table_label,
        record.row_label,
        record.column_label,
        whole,
        decimal,
        record.kind.value,
        record.raw,
        record.unit,
        record.annotation,
        record.completed_from,
        record.after,
        None if severity is None else severity.name,
    )


def split_value(value: Number | None) -> tuple[int | None, Decimal | None]:
    """``(value, value_decimal)``: an int that ``int64`` holds in the first, any other number as a Decimal in the
    second.

    >>> split_value(3), split_value(Decimal("1.50")), split_value(10**20), split_value(None)
    ((3, None), (None, Decimal('1.50')), (None, Decimal('100000000000000000000')), (None, None))
    """
    if value is None:
        return None, None
    if type(value) is int and value in _INT64:
        return value, None
    return None, Decimal(value)


def _pandas(purpose: str) -> Any:
    try:
        import pandas
    except ImportError:
        raise MissingDependencyError("", "pandas", "pandas", purpose=purpose) from None
    return pandas


def to_dataframe(items: Report | ReadResult | Iterable[Report | ReadResult | CellRecord]) -> pd.DataFrame:
    """The long format of *items* (reports, read results, or :class:`~gov_disclosure.records.CellRecord` values):
    one row per cell, columns :data:`LONG_COLUMNS`.

    Keys, labels, agency, format, source and kind are categoricals; ``severity`` is an ordered categorical
    (``INFO`` < ``WARNING`` < ``INCONSISTENCY`` < ``ERROR``, so ``cells[cells.severity >= "WARNING"]`` works);
    ``report_year`` and ``value`` are ``Int64``; ``value_decimal`` holds Decimals; the texts are ``string``.
    """
    pandas = _pandas("a DataFrame")
    columns: dict[str, list[Any]] = {name: [] for name in LONG_COLUMNS}
    lists = [columns[name] for name in LONG_COLUMNS]
    for record in records(items):
        for column, item in zip(lists, long_row(record), strict=True):
            column.append(item)
    data: dict[str, Any] = {
        "report_index": pandas.array(columns["report_index"], dtype="int64"),
        "report_year": pandas.array(columns["report_year"], dtype="Int64"),
        "value": pandas.array(columns["value"], dtype="Int64"),
        "value_decimal": pandas.array(columns["value_decimal"], dtype=object),
        "kind": pandas.Categorical(columns["kind"], categories=[kind.value for kind in CellKind]),
        "severity": pandas.Categorical(columns["severity"], categories=[s.name for s in Severity], ordered=True),
    }
    for name in (*_CATEGORIES, *_LABELS):
        data[name] = pandas.Categorical(
            columns[name], categories=[v for v in dict.fromkeys(columns[name]) if v is not None]
        )
    for name in _TEXTS:
        data[name] = pandas.array(columns[name], dtype="string")
    return cast("pd.DataFrame", pandas.DataFrame({name: data[name] for name in LONG_COLUMNS}))


def from_dataframe(frame: pd.DataFrame) -> tuple[Report, ...]:
    """The reports a long DataFrame (:func:`to_dataframe`) describes: :func:`~gov_disclosure.records.from_records`
    of its rows, read back as records (columns :data:`LONG_COLUMNS`; extra columns are ignored)."""
    pandas = _pandas("a DataFrame")

    def text(value: Any) -> str | None:
        return (
            None if value is None or value is pandas.NA or (isinstance(value, float) and value != value) else str(value)
        )

    def number(value: Any) -> int | None:
        return None if text(value) is None else int(value)

    found: list[CellRecord] = []
    for row in frame[list(LONG_COLUMNS)].itertuples(index=False):
        whole, decimal = number(row.value), row.value_decimal
        severity = text(row.severity)
        found.append(
            CellRecord(
                int(row.report_index),
                text(row.agency),
                number(row.report_year),
                str(row.format_version),
                text(row.source),
                str(row.table),
                str(row.row_key),
                str(row.column_key),
                str(row.table_label),
                str(row.row_label),
                str(row.column_label),
                whole if whole is not None else (None if text(decimal) is None else Decimal(decimal)),
                CellKind(str(row.kind)),
                text(row.raw) or "",
                text(row.unit),
                text(row.annotation),
                text(row.completed_from),
                text(row.after),
                None if severity is None else Severity[severity],
            )
        )
    return from_records(found)


def to_panel(items: Report | ReadResult | Iterable[Report | ReadResult], *, harmonize: bool = True) -> pd.DataFrame:
    """The panel of *items*: one row per report (in order), the columns :data:`PANEL_COLUMNS`, then one per cell
    that some report has, named by :func:`~gov_disclosure.crosswalk.panel_key` and in the official order.

    With *harmonize* (the default) the 2019 表二 cells of :data:`~gov_disclosure.crosswalk.TABLE2_CROSSWALK` share
    the columns of the 2021 cells that count the same; every other cell keeps a column of its own, so a 2019 report
    has ``<NA>`` in a column only 2021 has and the other way round. A count column is ``Int64``; a money column,
    or one where a report printed a number that is not an ``int64``, holds the exact numbers as Python objects
    (Decimals), None where there is none. ``<NA>`` means no number: the row or table is absent, or the cell is
    blank, a mark, unreadable text, or not printed — the long format (:func:`to_dataframe`) says which. Extra rows
    (rows the official form does not have) are in the long format only.
    """
    pandas = _pandas("a panel")
    reports = [_report_of(item) for item in ((items,) if not isinstance(items, Iterable) else items)]
    meta: dict[str, list[Any]] = {name: [] for name in PANEL_COLUMNS}
    cells: dict[str, list[Number | None]] = {}
    for n, report in enumerate(reports):
        meta["agency"].append(report.agency)
        meta["report_year"].append(report.report_year)
        meta["format_version"].append(report.format_version)
        meta["source"].append(report.source.path if report.source is not None else None)
        for entry in report.iter_cells():
            key = entry.key
            name = panel_key(key.table, key.row, key.column, harmonize=harmonize)
            column = cells.get(name)
            if column is None:
                column = cells[name] = [None] * len(reports)
            column[n] = entry.cell.value
    data: dict[str, Any] = {
        "agency": pandas.array(meta["agency"], dtype="string"),
        "report_year": pandas.array(meta["report_year"], dtype="Int64"),
        "format_version": pandas.Categorical(meta["format_version"]),
        "source": pandas.array(meta["source"], dtype="string"),
    }
    for name in sorted(cells, key=_official_order):
        values = cells[name]
        exact_ints = all(v is None or (type(v) is int and v in _INT64) for v in values)
        data[name] = pandas.array(values, dtype="Int64") if exact_ints else pandas.array(values, dtype=object)
    return cast("pd.DataFrame", pandas.DataFrame(data))


def _report_of(item: object) -> Report:
    if isinstance(item, Report):
        return item
    report = getattr(item, "report", None)
    if not isinstance(report, Report):
        raise TypeError(f"to_panel() takes reports and read results, got {type(item).__name__}")
    return report


_TABLE_ORDER = ("table2", "table2_2019", "table3", "table4")


def _official_order(name: str) -> tuple[int, int, int, str]:
    """Sort key of a panel column: table, then row and column in the official order."""
    table, row, column = name.split(".")
    if row.startswith(EXTRA_ROWS_PREFIX):  # pragma: no cover - extra rows are not panel columns
        return (len(_TABLE_ORDER), 0, 0, name)
    try:
        layout = layout_of(table, row)
        spec = layout.row(row)
        rank = (_TABLE_ORDER.index(table) if table in _TABLE_ORDER else len(_TABLE_ORDER), layout.rows.index(spec))
        return (*rank, [c.key for c in spec.columns].index(column), name)
    except (KeyError, ValueError):  # a third-party version's table: after the national ones, by name
        return (len(_TABLE_ORDER), 0, 0, name)
