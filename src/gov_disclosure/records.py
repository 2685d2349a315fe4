"""The long format: one flat, typed, immutable record per cell, for pandas, Parquet, DuckDB and pivot tables.

spec/keys.md: "One vocabulary for the model's attribute names, JSON keys, XLSX long-format columns". A
:class:`CellRecord` carries a cell's address in that vocabulary (``table``, ``row_key``, ``column_key``), the
official Chinese labels, the report it belongs to (agency, year, format, source path), the cell itself (value,
kind, raw text, unit, annotation, the identity a value was completed from) and — for reports read from an input —
the worst severity of the findings that name it. The XLSX ``cells`` sheet is written from these records.

>>> import gov_disclosure as gd
>>> result = gd.read_text(gd.example_report_text())
>>> record = next(r for r in records(result) if r.row_key == "granted" and r.column_key == "total")
>>> record.agency, record.report_year, record.table, record.value, record.kind.value
('淮安市人民政府', 2024, 'table3', 1362, 'number')
>>> record.row_label, record.column_label
('三、本年度办理结果 （一）予以公开', '总计')

:func:`from_records` is the inverse: the reports' tables, rebuilt from their records.

>>> from_records(records(result)) == (attrs.evolve(result.report, sections=gd.Sections()),)
True
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Protocol, TypeGuard

import attrs
from attrs import frozen

from gov_disclosure.errors import ModelError
from gov_disclosure.findings import Finding, Severity
from gov_disclosure.model.cells import Cell, CellKind, Number
from gov_disclosure.model.formats import format_spec
from gov_disclosure.model.keys import CellKey
from gov_disclosure.model.layout import TableSpec
from gov_disclosure.model.report import Report
from gov_disclosure.model.source import SourceInfo
from gov_disclosure.model.tables import ExtraRow, Table

if TYPE_CHECKING:
    from gov_disclosure.loader import ReadResult

__all__ = [
    "RECORD_FIELDS",
    "CellRecord",
    "extra_row_key",
    "from_records",
    "records",
    "report_records",
]

EXTRA_ROWS_PREFIX = "extra_rows["


def extra_row_key(index: int) -> str:
    """The row key of the *index*-th extra row of a table (a row the official form does not have), as the long
    format and the XLSX ``cells`` sheet name it; its cells are the columns ``[0]``, ``[1]`` …

    >>> extra_row_key(0)
    'extra_rows[0]'
    """
    return f"{EXTRA_ROWS_PREFIX}{index}]"


@frozen
class CellRecord:
    """One cell of one report, flat: the report, the cell's keys and labels, the cell, the worst finding on it.

    ``value`` is an ``int`` (counts, the signed 2019 ``本年增/减``) or a ``Decimal`` (money, exact as printed), and
    None for every kind but ``NUMBER`` and ``ZERO``: a blank, a not-applicable mark, unreadable text and a cell of
    a row the report does not print (``NOT_PRINTED``) have no value, and are never zero.
    """

    report_index: int
    """The report's position in the input (0 for the first): tells reports apart that share agency and year."""
    agency: str | None
    report_year: int | None
    format_version: str
    source: str | None
    """The path of the file the report was read from, when known."""
    table: str
    """``table2`` (2021), ``table2_2019``, ``table3`` or ``table4``."""
    row_key: str
    """The row's key (``granted``), or ``extra_rows[i]`` for the *i*-th row the official form does not have."""
    column_key: str
    """The column's key (``total``); ``[j]`` for the *j*-th cell of an extra row, ``""`` for an extra row with no
    cells (one record, a blank, keeps its label)."""
    table_label: str
    """The table's official title, e.g. ``收到和处理政府信息公开申请情况``."""
    row_label: str
    """The row's official label with its group (``（三）不予公开 1.属于国家秘密``); an extra row's label as printed."""
    column_label: str
    """The column's official label (``总计``); ``""`` in an extra row."""
    value: Number | None
    kind: CellKind
    raw: str
    """The text as printed."""
    unit: str | None
    """A unit printed inside the cell (``元`` in ``251000元``)."""
    annotation: str | None
    """Text printed inside the cell next to the number (``其中修订16件``)."""
    completed_from: str | None
    """The identity a value not printed in its cell was completed from (``T3.RESULTS_SUM:natural_person``)."""
    after: str | None
    """For an extra row: the key of the official row it follows (None: before the first, or not known)."""
    severity: Severity | None
    """The worst severity of the findings naming this cell — by its key, or its row or table as a whole (a finding
    with a table and row but no cells; with a table but no row and no cells) — when the report was given with its
    findings (a :class:`~gov_disclosure.loader.ReadResult`); None when none names it or none were given."""

    @property
    def key(self) -> CellKey:
        """The cell's address (``table3.granted.total``)."""
        return CellKey(self.table, self.row_key, self.column_key)

    def cell(self) -> Cell:
        """The cell this record describes (without its place in the input)."""
        return Cell(
            kind=self.kind,
            value=self.value,
            raw=self.raw,
            annotation=self.annotation,
            unit=self.unit,
            completed_from=self.completed_from,
        )


RECORD_FIELDS: tuple[str, ...] = tuple(field.name for field in attrs.fields(CellRecord))
"""The fields of a :class:`CellRecord`, in order: the columns of the long DataFrame and Parquet file."""


class _Result(Protocol):
    """What :func:`records` needs of a :class:`~gov_disclosure.loader.ReadResult`."""

    @property
    def report(self) -> Report: ...

    @property
    def findings(self) -> tuple[Finding, ...]: ...


def _is_result(item: object) -> TypeGuard[_Result]:
    return isinstance(getattr(item, "report", None), Report) and hasattr(item, "findings")


def records(items: Report | ReadResult | Iterable[Report | ReadResult | CellRecord]) -> Iterator[CellRecord]:
    """Every cell of every report in *items* (reports, or results of :func:`~gov_disclosure.loader.load` and
    :func:`~gov_disclosure.loader.read_text`, or one of them) as a :class:`CellRecord`, in report order (records
    among *items* pass through as they are).

    A result's findings give each record its :attr:`~CellRecord.severity`; a bare report has none to give.
    """
    given: Iterable[object] = items if isinstance(items, Iterable) else (items,)  # a report or result is no iterable
    index = 0
    for item in given:
        if isinstance(item, CellRecord):
            yield item
            continue
        if isinstance(item, Report):
            yield from report_records(item, index=index)
        elif _is_result(item):
            yield from report_records(item.report, index=index, findings=item.findings)
        else:
            raise TypeError(f"records() takes reports and read results, got {type(item).__name__}")
        index += 1


class _Worst:
    """The worst severity of the findings naming each cell, row and table of one report."""

    __slots__ = ("cells", "rows", "tables")

    def __init__(self, findings: Iterable[Finding]) -> None:
        self.cells: dict[CellKey, Severity] = {}
        self.rows: dict[tuple[str, str], Severity] = {}
        self.tables: dict[str, Severity] = {}
        for finding in findings:
            severity = finding.severity
            if finding.cells:
                for key in finding.cells:
                    self.cells[key] = max(severity, self.cells.get(key, severity))
            elif finding.table is not None and finding.row is not None:
                place = (finding.table, finding.row)
                self.rows[place] = max(severity, self.rows.get(place, severity))
            elif finding.table is not None:
                self.tables[finding.table] = max(severity, self.tables.get(finding.table, severity))

    def of(self, table: str, row: str, column: str | None) -> Severity | None:
        found = [
            self.cells.get(CellKey(table, row, column)) if column is not None else None,
            self.rows.get((table, row)),
            self.tables.get(table),
        ]
        return max((s for s in found if s is not None), default=None)


def report_records(report: Report, *, index: int = 0, findings: Iterable[Finding] = ()) -> Iterator[CellRecord]:
    """Every cell of *report* as a :class:`CellRecord` (its :attr:`~CellRecord.report_index` is *index*), official
    cells in report order, then each table's extra rows; *findings* give the records their severity.

    >>> from gov_disclosure.model import Table4
    >>> report = Report(format_version="2021", table4=Table4.from_rows({"review": [1, 0, 0, 1, 2]}))
    >>> [(r.column_key, r.value, r.kind.value) for r in report_records(report)][:2]
    [('upheld', 1, 'number'), ('corrected', 0, 'zero')]
    """
    worst = _Worst(findings) if findings else None
    source = report.source.path if report.source is not None else None
    head = (index, report.agency, report.report_year, report.format_version, source)
    for spec, table in report.tables():
        labels = _labels(spec)
        for row_key, column_key, cell in table.iter_cells():
            row_label, column_labels = labels[row_key]
            yield CellRecord(
                *head,
                spec.key,
                row_key,
                column_key,
                spec.title,
                row_label,
                column_labels[column_key],
                cell.value,
                cell.kind,
                cell.raw,
                cell.unit,
                cell.annotation,
                cell.completed_from,
                None,
                None if worst is None else worst.of(spec.key, row_key, column_key),
            )
        for n, extra in enumerate(getattr(table, "extra_rows", ())):
            row_key = extra_row_key(n)
            severity = None if worst is None else worst.of(spec.key, row_key, None)
            cells = enumerate(extra.cells) if extra.cells else ((None, Cell.blank()),)
            for j, cell in cells:
                yield CellRecord(
                    *head,
                    spec.key,
                    row_key,
                    "" if j is None else f"[{j}]",
                    spec.title,
                    extra.label,
                    "",
                    cell.value,
                    cell.kind,
                    cell.raw,
                    cell.unit,
                    cell.annotation,
                    cell.completed_from,
                    extra.after,
                    severity,
                )


def _labels(spec: TableSpec) -> dict[str, tuple[str, dict[str, str]]]:
    """Row key → (full row label, column key → column label) of *spec*."""
    return {row.key: (row.full_label, {c.key: c.label for c in row.columns}) for row in spec.rows}


def from_records(items: Iterable[CellRecord]) -> tuple[Report, ...]:
    """The reports *items* describe, one per :attr:`~CellRecord.report_index` in order of first appearance: agency,
    year, format, source path and tables, rebuilt cell by cell (narrative sections are not part of the records).

    A report's rows must be whole: a record missing from an official row raises
    :class:`~gov_disclosure.errors.ModelError` naming the row, as building the report by hand would.
    """
    grouped: dict[int, list[CellRecord]] = {}
    for record in items:
        grouped.setdefault(record.report_index, []).append(record)
    return tuple(_report(group) for group in grouped.values())


def _report(group: list[CellRecord]) -> Report:
    first = group[0]
    spec = format_spec(first.format_version)
    rows: dict[str, dict[str, dict[str, Cell]]] = {}
    extra: dict[str, dict[int, tuple[str, str | None, dict[int, Cell]]]] = {}
    for record in group:
        if record.row_key.startswith(EXTRA_ROWS_PREFIX):
            n = _extra_index(record)
            _, _, cells = extra.setdefault(record.table, {}).setdefault(n, (record.row_label, record.after, {}))
            if record.column_key:
                cells[_extra_column(record)] = record.cell()
        else:
            rows.setdefault(record.table, {}).setdefault(record.row_key, {})[record.column_key] = record.cell()
    tables: dict[str, Table] = {}
    for key in spec.table_keys:
        if key not in rows and key not in extra:
            continue
        extra_rows = [
            ExtraRow(label=label, cells=tuple(cells[j] for j in sorted(cells)), after=after)
            for _, (label, after, cells) in sorted(extra.get(key, {}).items())
        ]
        tables[key] = spec.table_class(key).from_rows(rows.get(key, {}), extra_rows=extra_rows)
    unknown = (set(rows) | set(extra)) - set(spec.table_keys)
    if unknown:
        raise ModelError(min(unknown), f"not a table of the {spec.name} format")
    source = SourceInfo(path=first.source) if first.source is not None else None
    return Report(
        format_version=first.format_version,
        agency=first.agency,
        report_year=first.report_year,
        source=source,
        **tables,  # type: ignore[arg-type]
    )


def _extra_index(record: CellRecord) -> int:
    digits = record.row_key[len(EXTRA_ROWS_PREFIX) : -1]
    if not digits.isdigit() or not record.row_key.endswith("]"):
        raise ModelError(f"{record.table}.{record.row_key}", "not an extra row key (extra_rows[0], extra_rows[1] …)")
    return int(digits)


def _extra_column(record: CellRecord) -> int:
    digits = record.column_key[1:-1]
    if not (record.column_key.startswith("[") and record.column_key.endswith("]") and digits.isdigit()):
        raise ModelError(str(record.key), "not a cell of an extra row ([0], [1] …)")
    return int(digits)
