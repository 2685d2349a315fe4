"""Read reports from a workbook: one this library wrote, or one an agency filled in by hand.

The official-form sheets are always read, by label (:mod:`.locate`), so edits made in them count. When the
workbook also has the ``reports`` and ``cells`` sheets that :func:`~gov_disclosure.serializers.xlsx.to_xlsx`
writes, they supply what the form cannot show — raw text, annotations, units, absent rows, extra rows, the
narrative sections — for every cell that still shows what was written; a cell edited in the form wins.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import IO

import attrs
from attrs import field, frozen
from openpyxl.utils.cell import coordinate_to_tuple

from gov_disclosure.errors import GovDisclosureError, ModelError
from gov_disclosure.findings import Finding, Severity
from gov_disclosure.model.cells import Cell, CellKind
from gov_disclosure.model.formats import current_format, default_format_for_year, format_spec
from gov_disclosure.model.keys import CellKey
from gov_disclosure.model.layout import RowSpec, TableSpec
from gov_disclosure.model.report import Report, Sections
from gov_disclosure.model.source import SourceInfo
from gov_disclosure.model.tables import ExtraRow, Table
from gov_disclosure.model.versions import FormatVersion
from gov_disclosure.serializers.xlsx.cellvalue import read_cell, same_image
from gov_disclosure.serializers.xlsx.errors import (
    DamagedWorkbookError,
    SheetNotFoundError,
    TableNotFoundError,
    UnsafeWorkbookError,
    XlsxError,
)
from gov_disclosure.serializers.xlsx.findings_sheet import FINDINGS_COLUMNS, FINDINGS_SHEET
from gov_disclosure.serializers.xlsx.formulas import external_link_findings
from gov_disclosure.serializers.xlsx.grid import SheetGrid, load_grids
from gov_disclosure.serializers.xlsx.limits import XlsxLimits
from gov_disclosure.serializers.xlsx.locate import LocatedTable, SheetLayout, locate_tables
from gov_disclosure.serializers.xlsx.long import CELLS_COLUMNS, CELLS_SHEET, REPORTS_SHEET, SECTIONS_SHEET
from gov_disclosure.serializers.xlsx.long_read import (
    LongCell,
    ReportEntry,
    cells_of_sheet,
    read_cells,
    read_manifest,
    read_sections,
    written_values,
)
from gov_disclosure.serializers.xlsx.values import sheet_value

__all__ = ["SheetReport", "XlsxReading", "from_cells_sheet", "from_xlsx", "read_xlsx"]

Source = str | os.PathLike[str] | IO[bytes]
_READER = "gov_disclosure.serializers.xlsx"


@frozen(kw_only=True)
class SheetReport:
    """A report read from a workbook, the sheets it came from and the findings made while reading it."""

    sheets: tuple[str, ...]
    report: Report
    findings: tuple[Finding, ...] = ()


@frozen(kw_only=True)
class XlsxReading:
    """Everything read from a workbook: one :class:`SheetReport` per report, and workbook-level findings."""

    items: tuple[SheetReport, ...]
    findings: tuple[Finding, ...] = field(default=())
    """Findings about the workbook as a whole (e.g. sheets skipped because they hold no table)."""

    @property
    def reports(self) -> tuple[Report, ...]:
        """The reports, in sheet order."""
        return tuple(item.report for item in self.items)

    @property
    def all_findings(self) -> tuple[Finding, ...]:
        """Workbook findings, then each report's findings."""
        return self.findings + tuple(f for item in self.items for f in item.findings)


def _path(source: Source) -> str | None:
    return os.fspath(source) if isinstance(source, (str, os.PathLike)) else getattr(source, "name", None)


def _is_machine_sheet(grid: SheetGrid, name: str, columns: tuple[str, ...]) -> bool:
    return grid.title == name and grid.value(1, 1) == columns[0]


def _cell(
    grid: SheetGrid | None,
    where: tuple[int, int] | None,
    spec: TableSpec,
    row_key: str,
    column_key: str,
    long: Mapping[tuple[str, str, str], LongCell] | None,
    path: str | None,
    findings: list[Finding],
) -> Cell | None:
    """One cell: read from the form at *where*, or taken from the ``cells`` sheet when the form still shows it."""
    entry = long.get((spec.key, row_key, column_key)) if long is not None else None
    if grid is None or where is None:
        if entry is not None and entry.finding is not None:
            findings.append(entry.finding)
        return None if entry is None else entry.cell
    key = CellKey(spec.key, row_key, column_key)
    value_type = spec.row(row_key).column(column_key).value_type if not row_key.startswith("extra") else None
    cell, finding = read_cell(grid, where[0], where[1], value_type, key=key, path=path)
    if entry is not None and where not in grid.formulas and same_image(grid.value(*where), sheet_value(entry.cell)[0]):
        findings.extend([entry.finding] if entry.finding else [])
        return attrs.evolve(entry.cell, source=cell.source)
    if finding is not None:
        findings.append(finding)
    return cell


def _rows_to_read(
    spec: TableSpec,
    version: FormatVersion,
    places: Mapping[str, object],
    long: Mapping[tuple[str, str, str], object] | None,
) -> list[RowSpec]:
    """The rows of *spec* a sheet of *version* may hold: the format's, and a row it splits into parts when the sheet
    prints it as one (found on the form, or in the ``cells`` sheet) — a 2021 表三's （六）其他处理."""
    rows = list(format_spec(version).rows(spec))
    if spec.key not in format_spec(version).table_keys:
        return rows
    for whole in format_spec(version).collapsible(spec.key):
        row = spec.row(whole)
        if whole in places or (long is not None and any((spec.key, whole, c.key) in long for c in row.columns)):
            rows.append(row)
    return rows


def _drop_group_label(spec: TableSpec, version: FormatVersion, rows: dict[str, dict[str, Cell]]) -> None:
    """A row found whole (（六）其他处理) while its parts print values is their group label, not a row of values."""
    if spec.key not in format_spec(version).table_keys:
        return
    for whole, parts in format_spec(version).collapsible(spec.key).items():
        printed = any(c.kind is not CellKind.NOT_PRINTED for part in parts for c in rows.get(part, {}).values())
        if whole in rows and (printed or not all(part in rows for part in parts)):
            del rows[whole]


def _table(
    grid: SheetGrid,
    spec: TableSpec,
    version: FormatVersion,
    located: LocatedTable | None,
    long: Mapping[tuple[str, str, str], LongCell] | None,
    path: str | None,
    findings: list[Finding],
) -> Table | None:
    rows: dict[str, dict[str, Cell]] = {}
    places = {r.key: r for r in located.rows} if located is not None else {}
    for row_spec in _rows_to_read(spec, version, places, long):
        place = places.get(row_spec.key)
        cells: dict[str, Cell] = {}
        for index, column in enumerate(row_spec.columns):
            where = (place.row, place.columns[index]) if place is not None else None
            cell = _cell(grid if place else None, where, spec, row_spec.key, column.key, long, path, findings)
            if cell is not None:
                cells[column.key] = cell
        in_long = long is not None and any((spec.key, row_spec.key, c.key) in long for c in row_spec.columns)
        filled = any(c.kind is not CellKind.BLANK for c in cells.values())
        if len(cells) == len(row_spec.columns) and (long is None or in_long or filled):
            rows[row_spec.key] = cells
        elif place is None and long is None:
            findings.append(
                Finding(
                    code="XLSX.ROW_NOT_FOUND",
                    severity=Severity.WARNING,
                    message=f"工作表 {grid.title} 的表{spec.number}中没有找到“{row_spec.label}”一行",
                    message_en=f"sheet {grid.title}: row {row_spec.key} of table {spec.key} was not found",
                    cells=tuple(CellKey(spec.key, row_spec.key, c.key) for c in row_spec.columns),
                )
            )
    _drop_group_label(spec, version, rows)
    extras = _extra_rows(grid, spec, located, long, path, findings)
    if not rows and not extras and located is None and long is None:
        return None
    try:
        return format_spec(version).table_class(spec.key).from_rows(rows, extra_rows=extras)
    except ModelError as exc:
        raise XlsxError(str(exc), sheet=grid.title) from None


def _extra_rows(
    grid: SheetGrid,
    spec: TableSpec,
    located: LocatedTable | None,
    long: Mapping[tuple[str, str, str], LongCell] | None,
    path: str | None,
    findings: list[Finding],
) -> tuple[ExtraRow, ...]:
    if spec.key == "table4":
        return ()
    if long is not None:
        by_row: dict[int, list[tuple[int, LongCell]]] = {}
        for (table, row_key, column_key), entry in long.items():
            if table == spec.key and row_key.startswith("extra_rows["):
                index = int(row_key[len("extra_rows[") : -1])
                column = int(column_key[1:-1]) if column_key else -1
                by_row.setdefault(index, []).append((column, entry))
        extras = []
        for index in sorted(by_row):
            entries = sorted(by_row[index], key=lambda pair: pair[0])
            first = entries[0][1]
            cells = []
            for column, entry in entries:
                if column < 0:
                    continue
                cell, finding = entry.cell, entry.finding
                if entry.ref and grid.values:
                    where = coordinate_to_tuple(entry.ref)
                    if where in grid.formulas or not same_image(grid.value(*where), sheet_value(entry.cell)[0]):
                        cell, finding = read_cell(grid, where[0], where[1], None, path=path)
                findings.extend([finding] if finding else [])
                cells.append(cell)
            extras.append(ExtraRow(label=first.row_label, cells=tuple(cells), after=first.after or None))
        return tuple(extras)
    if located is None:
        return ()
    out = []
    for extra in located.extras:
        read = [read_cell(grid, extra.row, column, None, path=path) for column in extra.columns]
        cells = [cell for cell, _ in read]
        findings.extend(finding for _, finding in read if finding is not None)
        while cells and cells[-1].kind is CellKind.BLANK:
            cells.pop()
        out.append(ExtraRow(label=extra.label, cells=tuple(cells), after=extra.after))
        findings.append(
            Finding(
                code="XLSX.EXTRA_ROW",
                severity=Severity.INFO,
                message=(
                    f"工作表 {grid.title} 第 {extra.row} 行“{extra.label}”不是表{spec.number}的规定行，已作为附加行保留"
                ),
                message_en=(
                    f"sheet {grid.title} row {extra.row}: {extra.label!r} is not a row of table {spec.key}; "
                    "kept as an extra row"
                ),
            )
        )
    return tuple(out)


def _version(layout: SheetLayout, year: int | None, findings: list[Finding], sheet: str) -> FormatVersion:
    if layout.version is not None:
        return layout.version
    by_year = default_format_for_year(year) if year is not None else None
    assumed = by_year or current_format().name
    findings.append(
        Finding(
            code="XLSX.FORMAT_ASSUMED",
            severity=Severity.WARNING,
            message=f"工作表 {sheet} 的表格无法判断报告格式，按{assumed}年格式读取",
            message_en=f"sheet {sheet}: the tables do not show the report format; read as format {assumed}",
        )
    )
    return assumed


def _report(
    grids: list[SheetGrid],
    layouts: list[SheetLayout],
    entry: ReportEntry | None,
    sections: Mapping[str, str],
    long: Mapping[tuple[str, str, str], LongCell] | None,
    path: str | None,
) -> SheetReport:
    findings: list[Finding] = [*(entry.findings if entry else ()), *(f for layout in layouts for f in layout.findings)]
    agency = entry.agency if entry else next((lay.agency for lay in layouts if lay.agency), None)
    year = entry.report_year if entry else next((lay.report_year for lay in layouts if lay.report_year), None)
    version = entry.format_version if entry else _version(layouts[0], year, findings, grids[0].title)
    tables: dict[str, Table | None] = {}
    for spec in format_spec(version).tables:
        located = [(g, t) for g, lay in zip(grids, layouts, strict=True) for t in lay.tables if t.spec is spec]
        grid, table = located[0] if located else (grids[0], None)
        wanted = entry is None or spec.key in entry.tables
        if not wanted and table is None:
            continue
        built = _table(grid, spec, version, table, long if wanted else None, path, findings)
        if built is not None and (wanted or any(c.kind is not CellKind.BLANK for _, _, c in built.iter_cells())):
            tables[spec.key] = built
    try:
        report = Report(
            format_version=version,
            agency=agency,
            report_year=year,
            sections=Sections(**sections),
            source=SourceInfo(path=path, form="xlsx", reader=_READER),
            **tables,  # type: ignore[arg-type]
        )
    except ModelError as exc:
        raise XlsxError(str(exc), sheet=grids[0].title) from None
    return SheetReport(sheets=tuple(g.title for g in grids), report=report, findings=tuple(findings))


def _ours(grids: Mapping[str, SheetGrid]) -> bool:
    reports, cells = grids.get(REPORTS_SHEET), grids.get(CELLS_SHEET)
    return (
        reports is not None
        and cells is not None
        and reports.value(1, 1) == "sheet"
        and _is_machine_sheet(cells, CELLS_SHEET, CELLS_COLUMNS)
    )


_REFUSED_XML = ("Forbidden", "amplification")
"""What the refusal of an XML part's DTD or entities says: :mod:`defusedxml`'s ``DTDForbidden``,
``EntitiesForbidden`` and ``ExternalReferenceForbidden``; expat's "limit on input amplification factor"."""


_REFUSING = "refusing the workbook: an XML part declares entities or a DTD"


def _load(source: Source, limits: XlsxLimits) -> dict[str, SheetGrid]:
    """The grids of the workbook by sheet title. openpyxl raises whatever its parsers raise on a damaged part
    (``ParseError``, ``ValueError`` for ``NaN`` in a numeric cell, ``KeyError`` for a broken reference …): each is
    a :class:`DamagedWorkbookError` naming it, or an :class:`UnsafeWorkbookError` for XML that declares entities."""
    try:
        return {g.title: g for g in load_grids(source, limits)}
    except GovDisclosureError as exc:
        refused = _refused_xml(exc)
        if refused is None or isinstance(exc, UnsafeWorkbookError):
            raise
        raise UnsafeWorkbookError(f"{_REFUSING} ({refused})") from exc
    except Exception as exc:  # openpyxl, expat and defusedxml raise many unrelated types for a damaged part
        refused = _refused_xml(exc)
        if refused is not None:
            raise UnsafeWorkbookError(f"{_REFUSING} ({refused})") from exc
        what = f"{type(exc).__name__}: {exc}"
        raise DamagedWorkbookError(f"the workbook is damaged: a part cannot be read ({what})") from exc


def _refused_xml(exc: BaseException) -> str | None:
    """What refused an XML part's DTD or entities, if that is what *exc* (or an exception it was raised while
    handling: openpyxl re-raises its own) comes from."""
    seen: BaseException | None = exc
    while seen is not None:
        what = f"{type(seen).__name__}: {seen}"
        if any(word in what for word in _REFUSED_XML):
            return what
        seen = seen.__cause__ or seen.__context__
    return None


def read_xlsx(source: Source, *, sheet: str | None = None, limits: XlsxLimits | None = None) -> XlsxReading:
    """Read every report in the workbook at *source* (a path or a binary file), with findings.

    *sheet* restricts reading to one sheet (:class:`~gov_disclosure.serializers.xlsx.SheetNotFoundError` when
    it does not exist, :class:`~gov_disclosure.serializers.xlsx.TableNotFoundError` when it has no table).
    Links to other workbooks are reported first among the workbook's findings (:mod:`.formulas`).
    """
    reading = _read_xlsx(source, sheet, limits or XlsxLimits())
    links = external_link_findings(source)
    return attrs.evolve(reading, findings=links + reading.findings) if links else reading


def _read_xlsx(source: Source, sheet: str | None, limits: XlsxLimits) -> XlsxReading:
    path = _path(source)
    grids = _load(source, limits)
    if sheet is not None and sheet not in grids:
        raise SheetNotFoundError(f"no such sheet; the workbook has {', '.join(grids)}", sheet=sheet)
    if _ours(grids):
        manifest = read_manifest(grids[REPORTS_SHEET])
        sections = read_sections(grids[SECTIONS_SHEET]) if SECTIONS_SHEET in grids else {}
        cells = read_cells(grids[CELLS_SHEET])
        items = []
        for name, entry in manifest.items():
            if sheet is not None and name != sheet:
                continue
            if name not in grids:
                raise SheetNotFoundError("the reports sheet lists this sheet but the workbook has none", sheet=name)
            long = cells_of_sheet(cells, name)
            layout = locate_tables(grids[name], entry.format_version, values=written_values(grids[name], long))
            items.append(_report([grids[name]], [layout], entry, sections.get(name, {}), long, path))
        if items or sheet is None:
            return XlsxReading(items=tuple(items))
    return _read_by_hand(grids, sheet, path)


def _read_by_hand(grids: Mapping[str, SheetGrid], sheet: str | None, path: str | None) -> XlsxReading:
    machine = {CELLS_SHEET: CELLS_COLUMNS, FINDINGS_SHEET: FINDINGS_COLUMNS}
    groups: list[tuple[list[SheetGrid], list[SheetLayout]]] = []
    skipped: list[Finding] = []
    for name, grid in grids.items():
        if sheet is not None and name != sheet:
            continue
        if name in (REPORTS_SHEET, SECTIONS_SHEET) or _is_machine_sheet(grid, name, machine.get(name, ("",))):
            continue
        layout = locate_tables(grid)
        if not layout.tables:
            if sheet is not None:
                raise TableNotFoundError("no recognisable table 二, 三 or 四 on this sheet", sheet=name)
            skipped.append(
                Finding(
                    code="XLSX.SHEET_SKIPPED",
                    severity=Severity.INFO,
                    message=f"工作表 {name} 中没有表二、表三或表四，已跳过",
                    message_en=f"sheet {name} holds no table 二, 三 or 四; skipped",
                )
            )
            continue
        keys = {t.spec.key for t in layout.tables}
        if groups and not keys & {t.spec.key for lay in groups[-1][1] for t in lay.tables}:
            groups[-1][0].append(grid)
            groups[-1][1].append(layout)
        else:
            groups.append(([grid], [layout]))
    if not groups:
        raise TableNotFoundError(
            "no recognisable table 二, 三 or 四 in the workbook (looked in " + ", ".join(grids) + ")"
        )
    items = tuple(_report(g, lays, None, {}, None, path) for g, lays in groups)
    return XlsxReading(items=items, findings=tuple(skipped))


def from_xlsx(source: Source, *, sheet: str | None = None, limits: XlsxLimits | None = None) -> tuple[Report, ...]:
    """The reports in the workbook at *source* (see :func:`read_xlsx` for findings)."""
    return read_xlsx(source, sheet=sheet, limits=limits).reports


def from_cells_sheet(source: Source, *, limits: XlsxLimits | None = None) -> tuple[Report, ...]:
    """The reports held by the ``cells``, ``reports`` and ``sections`` sheets alone, ignoring the form sheets."""
    grids = _load(source, limits or XlsxLimits())
    if not _ours(grids):
        raise TableNotFoundError(f"the workbook has no {CELLS_SHEET!r} and {REPORTS_SHEET!r} sheets")
    manifest = read_manifest(grids[REPORTS_SHEET])
    sections = read_sections(grids[SECTIONS_SHEET]) if SECTIONS_SHEET in grids else {}
    cells = read_cells(grids[CELLS_SHEET])
    out = []
    for name, entry in manifest.items():
        empty = SheetGrid(title=name)
        layout = SheetLayout(entry.format_version, ())
        out.append(_report([empty], [layout], entry, sections.get(name, {}), cells_of_sheet(cells, name), None).report)
    return tuple(out)
