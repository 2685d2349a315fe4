"""Read the ``cells``, ``reports`` and ``sections`` sheets that :func:`~gov_disclosure.serializers.xlsx.to_xlsx`
writes (they make a workbook lossless; see :mod:`.long`)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from attrs import frozen
from openpyxl.utils.cell import coordinate_to_tuple

from gov_disclosure.errors import ModelError
from gov_disclosure.findings import Finding
from gov_disclosure.model.cells import Cell, CellKind
from gov_disclosure.model.formats import format_specs, layout_of
from gov_disclosure.model.keys import CellKey
from gov_disclosure.model.layout import ValueType
from gov_disclosure.model.report import SECTION_TITLES
from gov_disclosure.model.source import SourceLocation
from gov_disclosure.model.versions import FormatVersion
from gov_disclosure.serializers.xlsx.cellvalue import number_from_sheet, same_image
from gov_disclosure.serializers.xlsx.errors import XlsxError
from gov_disclosure.serializers.xlsx.formulas import formula_finding, not_cached_finding
from gov_disclosure.serializers.xlsx.grid import GridValue, SheetGrid, ref
from gov_disclosure.serializers.xlsx.long import CELLS_COLUMNS, REPORTS_COLUMNS, SECTIONS_COLUMNS
from gov_disclosure.serializers.xlsx.official import LABEL_COLUMNS
from gov_disclosure.serializers.xlsx.values import sheet_value

__all__ = [
    "LongCell",
    "Manifest",
    "ReportEntry",
    "read_cells",
    "read_manifest",
    "read_sections",
    "written_values",
]

LongKey = tuple[str, str, str, str]
"""``(sheet, table, row key, column key)``."""


@frozen
class ReportEntry:
    """One row of the ``reports`` sheet."""

    sheet: str
    agency: str | None
    report_year: int | None
    format_version: FormatVersion
    tables: tuple[str, ...]
    findings: tuple[Finding, ...] = ()
    """A formula in the ``report_year`` cell (this library writes none there): its saved result is the year, or,
    with none, the year is left unknown (``XLSX.FORMULA_NOT_CACHED``)."""


@frozen
class LongCell:
    """One row of the ``cells`` sheet, as a cell."""

    cell: Cell
    row_label: str
    after: str | None
    ref: str | None
    finding: Finding | None = None
    """Set when the ``value`` cell holds a formula (the library writes none there): ``XLSX.FORMULA`` when its
    saved result is the value, ``XLSX.FORMULA_NOT_CACHED`` when it has none and the cell is left without a value."""


Manifest = dict[str, ReportEntry]


def _rows(grid: SheetGrid, columns: tuple[str, ...]) -> list[dict[str, GridValue | None]]:
    header = [grid.value(1, c) for c in range(1, len(columns) + 1)]
    if tuple(header) != columns:
        raise XlsxError(f"expected the header {', '.join(columns)}", sheet=grid.title, cell="A1")
    return [{name: grid.value(row, c) for c, name in enumerate(columns, start=1)} for row in range(2, grid.rows + 1)]


def _text(value: GridValue | None) -> str | None:
    return None if value is None else str(value)


_YEAR_COLUMN = REPORTS_COLUMNS.index("report_year") + 1


def read_manifest(grid: SheetGrid) -> Manifest:
    """The ``reports`` sheet: report sheet name → metadata."""
    out: Manifest = {}
    for n, row in enumerate(_rows(grid, REPORTS_COLUMNS), start=2):
        sheet = _text(row["sheet"])
        if sheet is None:
            continue
        version = _text(row["format_version"])
        names = [spec.name for spec in format_specs()]
        if version not in names:
            raise XlsxError(f"format_version must be one of {', '.join(names)}", sheet=grid.title, cell=ref(n, 4))
        year = row["report_year"]
        if year is not None and (isinstance(year, bool) or not isinstance(year, (int, float))):
            raise XlsxError("report_year must be a number", sheet=grid.title, cell=ref(n, _YEAR_COLUMN))
        formula = grid.formulas.get((n, _YEAR_COLUMN))
        findings: tuple[Finding, ...] = ()
        if formula is not None:
            at, shown = SourceLocation(sheet=grid.title, cell=ref(n, _YEAR_COLUMN)), _text(year)
            found = not_cached_finding(formula, at) if shown is None else formula_finding(formula, at, shown=shown)
            findings = (found,)
        out[sheet] = ReportEntry(
            sheet,
            _text(row["agency"]),
            None if year is None else int(year),
            version,
            tuple((_text(row["tables"]) or "").split()),
            findings,
        )
    return out


def read_sections(grid: SheetGrid) -> dict[str, dict[str, str]]:
    """The ``sections`` sheet: report sheet name → section key → text (continuation rows joined)."""
    keys = {key for key, _ in SECTION_TITLES}
    out: dict[str, dict[str, str]] = {}
    for n, row in enumerate(_rows(grid, SECTIONS_COLUMNS), start=2):
        sheet, key = _text(row["sheet"]), _text(row["section"])
        if sheet is None:
            continue
        if key not in keys:
            raise XlsxError(f"unknown section {key!r}", sheet=grid.title, cell=ref(n, 2))
        sections = out.setdefault(sheet, {})
        sections[key] = sections.get(key, "") + (_text(row["text"]) or "")
    return out


def _value(value: GridValue | None, fmt: str | None, value_type: ValueType | None, where: str) -> int | Decimal:
    if isinstance(value, str):
        try:
            text = value.strip()
            if value_type is not ValueType.MONEY and text.lstrip("+-").isdigit():
                return int(text)
            return Decimal(text)
        except (InvalidOperation, ValueError):
            pass
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        number = number_from_sheet(value, fmt, value_type)
        if number is not None:
            return number
        return number_from_sheet(value, fmt, None) or Decimal(repr(value))
    raise XlsxError(f"a number cell needs a number in 'value', got {value!r}", sheet="cells", cell=where)


def read_cells(grid: SheetGrid) -> dict[LongKey, LongCell]:
    """The ``cells`` sheet: ``(sheet, table, row key, column key)`` → cell."""
    out: dict[LongKey, LongCell] = {}
    columns = CELLS_COLUMNS if grid.value(1, len(CELLS_COLUMNS)) == CELLS_COLUMNS[-1] else CELLS_COLUMNS[:-1]
    for n, row in enumerate(_rows(grid, columns), start=2):
        sheet, table, row_key, column_key = (
            _text(row["sheet"]),
            _text(row["table"]),
            _text(row["row_key"]),
            _text(row["column_key"]) or "",
        )
        if sheet is None or table is None or row_key is None:
            continue
        key = CellKey(table, row_key, column_key)
        cell, finding = _formula_cell(grid, n, row, key) or (_long_cell(grid, n, row, key), None)
        out[(sheet, table, row_key, column_key)] = LongCell(
            cell, _text(row["row_label"]) or "", _text(row["after"]), _text(row["cell"]), finding
        )
    return out


_VALUE_COLUMN = CELLS_COLUMNS.index("value") + 1


def _long_cell(grid: SheetGrid, n: int, row: Mapping[str, GridValue | None], key: CellKey) -> Cell:
    """Row *n* of the ``cells`` sheet as the cell it describes."""
    try:
        kind = CellKind(_text(row["kind"]))
    except ValueError:
        raise XlsxError(f"unknown kind {row['kind']!r}", sheet=grid.title, cell=ref(n, 12)) from None
    value_type = _value_type(key.table, key.row, key.column)
    raw = _text(row["raw"]) or ""
    annotation, unit = _text(row["annotation"]), _text(row["unit"])
    try:
        if kind in (CellKind.NUMBER, CellKind.ZERO):
            where = ref(n, _VALUE_COLUMN)
            number = _value(row["value"], grid.formats.get((n, _VALUE_COLUMN)), value_type, where)
            completed_from = _text(row.get("completed_from"))
            return Cell(
                kind=kind, value=number, raw=raw, annotation=annotation, unit=unit, completed_from=completed_from
            )
        return Cell(kind=kind, raw=raw, annotation=annotation, unit=unit)
    except (TypeError, ValueError) as exc:
        if isinstance(exc, XlsxError):
            raise
        raise XlsxError(f"not a valid cell: {exc}", sheet=grid.title, cell=ref(n, 11)) from None


def _formula_cell(
    grid: SheetGrid, n: int, row: Mapping[str, GridValue | None], key: CellKey
) -> tuple[Cell, Finding] | None:
    """Row *n* when its ``value`` cell holds a formula (this library writes none there: the sheet was edited):
    the saved result is read, with an ``XLSX.FORMULA`` finding; with no saved result the cell is left without a
    value (a ``TEXT`` cell holding the formula) and ``XLSX.FORMULA_NOT_CACHED`` says so. None for no formula."""
    formula = grid.formulas.get((n, _VALUE_COLUMN))
    if formula is None:
        return None
    where = SourceLocation(sheet=grid.title, cell=ref(n, _VALUE_COLUMN))
    named = None if key.row.startswith("extra_rows[") else key
    shown = _text(row["value"])
    if shown is None:
        return Cell.text(formula, source=where), not_cached_finding(formula, where, key=named)
    return _long_cell(grid, n, row, key), formula_finding(formula, where, shown=shown, key=named)


def _value_type(table: str, row_key: str, column_key: str) -> ValueType | None:
    try:
        return layout_of(table, row_key).row(row_key).column(column_key).value_type
    except KeyError:
        return None


def cells_of_sheet(cells: Mapping[LongKey, LongCell], sheet: str) -> dict[tuple[str, str, str], LongCell]:
    """The cells of one report sheet, by ``(table, row key, column key)``."""
    return {(t, r, c): v for (s, t, r, c), v in cells.items() if s == sheet}


def written_values(grid: SheetGrid, cells: Mapping[tuple[str, str, str], LongCell]) -> frozenset[tuple[int, int]]:
    """The cells of the report sheet *grid* that hold values, as the ``cells`` sheet says: each value cell that
    still shows what was written there, and every cell of each extra row whose label is still there (the ``cell``
    reference of each extra-row cell, or of its label when it has none).

    None of them is a label of the form, whatever its text: an undecided value printed as ``（二）部分公开``, or a
    narrative sentence read into an extra row that starts like an official row (``规章制定情况如下``) or a header
    (``自然人``). Leaving them out when locating the tables makes a workbook this library wrote read back with every
    row where it was. A row moved or relabelled by hand no longer matches and is located by its label as usual.
    """
    values: set[tuple[int, int]] = set()
    extra_rows: set[int] = set()
    for (_, row_key, _), entry in cells.items():
        if not entry.ref:
            continue
        try:
            where = coordinate_to_tuple(entry.ref)
        except (ValueError, TypeError):
            continue
        if not row_key.startswith("extra_rows["):
            if same_image(grid.value(*where), sheet_value(entry.cell)[0]):
                values.add(where)
            continue
        label = entry.row_label
        if not label or any(grid.value(where[0], c) == label for c in range(1, LABEL_COLUMNS + 1)):
            extra_rows.add(where[0])
    return frozenset(values | {where for where in grid.values if where[0] in extra_rows})


def model_error(exc: ModelError, sheet: str) -> XlsxError:
    """A :class:`~gov_disclosure.errors.ModelError` from building a report, as an XLSX error naming the sheet."""
    return XlsxError(str(exc), sheet=sheet)
