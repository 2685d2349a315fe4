"""Find tables 二, 三 and 四 on a worksheet by their labels, not by fixed coordinates.

A hand-filled workbook moves things: blank rows inserted, rows added (format-spec §3.5: "Parsers must match
labels by prefix and tolerate unknown extra rows"), merged cells changed, header text annotated
(``上一年项目数量（指2019年事项数）``). So rows are found by their label text
(:func:`gov_disclosure.parsing.labels.match_row`), and value columns by the column labels of the header above
them: 表三 by ``自然人`` … ``总计``, each 表二 block by its ``信息内容`` row, 表四 by ``行政复议`` ·
``未经复议直接起诉`` ·
``复议后起诉`` over ``结果维持`` … ``总计``.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Iterable, Sequence
from difflib import SequenceMatcher

import attrs
from attrs import frozen

from gov_disclosure.findings import Finding, Severity
from gov_disclosure.model.formats import FormatSpec, format_spec, format_specs
from gov_disclosure.model.layout import (
    TABLE2_CONTENT,
    TABLE3,
    TABLE3_APPLICANTS,
    TABLE3_LEGAL_PERSONS,
    TABLE3_NOTE,
    TABLE4,
    TABLES,
    RowSpec,
    TableSpec,
)
from gov_disclosure.model.report import SECTION_TITLES
from gov_disclosure.model.versions import FormatVersion
from gov_disclosure.parsing.cells import parse_cell
from gov_disclosure.parsing.labels import LabelMatch, caption_item, match_collapsed, match_row
from gov_disclosure.parsing.normalize import compact
from gov_disclosure.parsing.title import find_title
from gov_disclosure.serializers.xlsx.errors import XlsxLayoutError
from gov_disclosure.serializers.xlsx.grid import SheetGrid, ref
from gov_disclosure.serializers.xlsx.values import NOT_PRINTED_MARK

__all__ = ["LocatedExtra", "LocatedRow", "LocatedTable", "SheetLayout", "detect_version", "locate_tables"]

_MIN_SCORE = 0.75
_MIN_RATIO = 0.6
_HEADER_WINDOW = 8


@frozen
class LocatedRow:
    """An official row found on the sheet: its key, sheet row, and the sheet column of each value."""

    key: str
    row: int
    label_column: int
    columns: tuple[int, ...]


@frozen
class LocatedExtra:
    """A labelled row inside a table that the official form does not have."""

    label: str
    row: int
    columns: tuple[int, ...]
    after: str | None


@frozen
class LocatedTable:
    """A table found on the sheet."""

    spec: TableSpec
    rows: tuple[LocatedRow, ...]
    extras: tuple[LocatedExtra, ...] = ()


@frozen
class SheetLayout:
    """What :func:`locate_tables` found on one sheet."""

    version: FormatVersion | None
    tables: tuple[LocatedTable, ...]
    findings: tuple[Finding, ...] = ()
    agency: str | None = None
    report_year: int | None = None


def _labels(grid: SheetGrid) -> dict[int, list[tuple[int, str]]]:
    """Per sheet row, the ``(column, text)`` of cells holding text that is not a number or a mark."""
    out: dict[int, list[tuple[int, str]]] = {}
    for (row, column), value in sorted(grid.values.items()):
        if (
            isinstance(value, str)
            and value.strip()
            and value.strip() != NOT_PRINTED_MARK
            and parse_cell(value).kind.name == "TEXT"
        ):
            out.setdefault(row, []).append((column, value))
    return out


def detect_version(texts: Iterable[str]) -> FormatVersion | None:
    """The format the labels on a sheet belong to, or None when they do not tell.

    Each registered format scores the markers of its layout (:attr:`FormatSpec.markers`, format-spec §7) found
    in the sheet's texts; the highest score wins, and of formats that tie, the one the others extend (a variant
    is told by a label of its own). With no marker at all, the exact labels of the 表三 rows only some formats
    have (2019's single （六）其他处理 row) decide the same way.

    >>> detect_version(["信息内容", "本年制发件数"]), detect_version(["上一年项目数量（指2019年事项数）"])
    ('2021', '2019')
    >>> detect_version(["（六）其他处理", "（七）总计"]), detect_version(["行政复议"]) is None
    ('2019', True)
    """
    keys = {compact(t) for t in texts}
    specs = format_specs()
    scores = {spec.name: sum(any(m in k for k in keys) for m in {compact(m) for m in spec.markers}) for spec in specs}
    if not any(scores.values()):
        scores = {spec.name: sum(compact(row.label) in keys for row in _own_rows(spec, specs)) for spec in specs}
    return _leader(scores)


def _own_rows(spec: FormatSpec, specs: Sequence[FormatSpec]) -> tuple[RowSpec, ...]:
    """The 表三 rows *spec* has that some other format of *specs* lacks."""
    others = [{row.key for row in other.rows(TABLE3)} for other in specs if other is not spec]
    return tuple(row for row in spec.rows(TABLE3) if any(row.key not in keys for keys in others))


def _leader(scores: dict[str, int]) -> FormatVersion | None:
    """The format with the highest score above 0; of several, the one all the others extend; else None."""
    best = max(scores.values(), default=0)
    leaders = [name for name, score in scores.items() if score == best]
    if best == 0:
        return None
    for name in leaders:
        if all(name in format_spec(other).lineage for other in leaders):
            return name
    return None


def _structure(version: FormatVersion | None) -> frozenset[str]:
    """Texts that make up headers, captions and group cells (never a row label) for *version*."""
    rows3 = TABLE3.rows if version is None else format_spec(version).rows(TABLE3)
    texts = {
        TABLE2_CONTENT,
        TABLE3_APPLICANTS,
        TABLE3_LEGAL_PERSONS,
        TABLE3_NOTE,
        "单位：万元",
        *(r.group for r in rows3 if r.group),
        *(c.label for spec in format_specs() for t in spec.tables for r in t.rows for c in r.columns),
        *(r.label for r in TABLE4.rows),
        *(r.group for r in TABLE4.rows if r.group),
        *(title for _, title in SECTION_TITLES),
    }
    return frozenset(compact(t) for t in texts)


_LONG_COLUMN_LABELS = tuple(
    {compact(c.label) for spec in TABLES for r in spec.rows for c in r.columns if len(c.label) >= 4}
)


def _is_structure(text: str, structure: frozenset[str]) -> bool:
    key = compact(text)
    return (
        key in structure
        or caption_item(text) is not None
        or "年度报告" in key
        or "格式" in key
        or any(key.startswith(label) for label in _LONG_COLUMN_LABELS)
    )


def _accept(text: str, spec: TableSpec, found: LabelMatch) -> bool:
    """Whether a fuzzy match is close enough for a spreadsheet, where labels stand alone in their cells: exact,
    the official label followed by an annotation (format-spec §3.5 ``规章（设区的市…）``), or similar as a whole —
    so that ``其他主动公开文件`` is an extra row, not ``3.其他``."""
    if found.exact:
        return True
    mine, official = compact(text), compact(spec.row(found.key).label)
    if mine.startswith(official):
        return True
    return found.score >= _MIN_SCORE and SequenceMatcher(None, mine, official).ratio() >= _MIN_RATIO


def _header_columns(grid: SheetGrid, labels: Sequence[str], below: int, top: int) -> tuple[int, tuple[int, ...]] | None:
    """``(header row, columns)`` of the nearest row above *below* (not above *top*) whose cells start with
    *labels* in order; None when there is none."""
    keys = [compact(label) for label in labels]
    for row in range(below - 1, max(top, below - _HEADER_WINDOW) - 1, -1):
        cells = sorted((c, compact(v)) for (r, c), v in grid.values.items() if r == row and isinstance(v, str))
        found: list[int] = []
        for column, text in cells:
            if len(found) < len(keys) and text.startswith(keys[len(found)]) and (not found or column > found[-1]):
                found.append(column)
        if len(found) == len(keys):
            return row, tuple(found)
    return None


def _table3_columns(grid: SheetGrid, first: int, top: int) -> tuple[int, ...] | None:
    """Columns of 自然人 … 总计: searched in the header rows above the first 表三 row (the labels may sit on two
    rows: 自然人 and 总计 span both header rows)."""
    wanted = [compact(c.label) for c in TABLE3.rows[0].columns]
    found: dict[int, int] = {}
    for row in range(first - 1, max(top, first - _HEADER_WINDOW) - 1, -1):
        for (r, c), value in grid.values.items():
            if r == row and isinstance(value, str):
                key = compact(value)
                if key in wanted and wanted.index(key) not in found:
                    found[wanted.index(key)] = c
        if len(found) == len(wanted):
            columns = tuple(found[i] for i in range(len(wanted)))
            return columns if list(columns) == sorted(columns) else None
    return None


def _table4(grid: SheetGrid, start: int) -> LocatedTable | None:
    """表四 below sheet row *start*: ``行政复议`` · ``未经复议直接起诉`` · ``复议后起诉`` over their column labels."""
    column_keys = [compact(c.label) for c in TABLE4.rows[0].columns]
    group_keys = [compact(r.label) for r in TABLE4.rows]
    for row in sorted({r for r, _ in grid.values if r >= start}):
        labels = [(c, compact(v)) for (r, c), v in grid.values.items() if r == row and isinstance(v, str)]
        if sum(text in column_keys for _, text in labels) < 10:
            continue
        groups: dict[int, int] = {}
        for (r, c), value in grid.values.items():
            if row - 3 <= r < row and isinstance(value, str) and compact(value) in group_keys:
                groups.setdefault(group_keys.index(compact(value)), c)
        if len(groups) < 3:
            continue
        starts = [groups[i] for i in range(3)]
        cells = sorted(
            (c, compact(v))
            for (r, c), v in grid.values.items()
            if row - 2 <= r <= row and isinstance(v, str) and compact(v) in column_keys
        )
        rows: list[LocatedRow] = []
        for index, spec in enumerate(TABLE4.rows):
            end = starts[index + 1] if index + 1 < 3 else 10**6
            mine = [c for c, text in cells if starts[index] <= c < end]
            texts = [text for c, text in cells if starts[index] <= c < end]
            if texts != column_keys:
                return None
            rows.append(LocatedRow(spec.key, 0, starts[index], tuple(mine)))
        all_columns = [c for r in rows for c in r.columns]
        data = next(
            (r for r in range(row + 1, row + 7) if any(grid.value(r, c) is not None for c in all_columns)), row + 1
        )
        return LocatedTable(TABLE4, tuple(LocatedRow(r.key, data, r.label_column, r.columns) for r in rows))
    return None


def locate_tables(
    grid: SheetGrid, version: FormatVersion | None = None, *, values: Collection[tuple[int, int]] = ()
) -> SheetLayout:
    """Find the tables on *grid*; *version* is the format when known (else detected from the labels).

    *values* are cells known to hold values, not labels (a workbook this library wrote says where it put its
    value cells and extra rows): they are left out, never matched as a row nor taken for a header.

    Raises :class:`~gov_disclosure.serializers.xlsx.XlsxLayoutError` when a table's rows are found but the
    header that places their values is not.
    """
    if values:
        grid = attrs.evolve(grid, values={k: v for k, v in grid.values.items() if k not in values})
    labels = _labels(grid)
    all_texts = [text for cells in labels.values() for _, text in cells]
    version = version or detect_version(all_texts)
    structure = _structure(version)
    agency, year = _title(all_texts)
    if version is not None:
        specs: tuple[TableSpec, ...] = (format_spec(version).table2, TABLE3)
    else:  # every format's 表二, the newest first
        table2s: dict[str, TableSpec] = {}
        for known in reversed(format_specs()):
            table2s.setdefault(known.table2.key, known.table2)
        specs = (*table2s.values(), TABLE3)
    matched: dict[str, list[tuple[int, int, str]]] = {}
    unmatched: dict[int, str] = {}
    findings: list[Finding] = []
    seen: dict[tuple[str, str], int] = {}
    for row, cells in sorted(labels.items()):
        best: tuple[float, TableSpec, str, int] | None = None
        loose: str | None = None
        whole = _collapsed_label(cells, version)
        if whole is not None:  # （六）其他处理 as one row on a 2021 form: in place of its parts
            best = (1.0, TABLE3, whole, cells[0][0])
        for column, text in reversed(cells if whole is None else ()):
            if _is_structure(text, structure):
                continue
            for spec in specs:
                found = match_row(text, spec, version=version)
                if found is not None and _accept(text, spec, found) and (best is None or found.score > best[0]):
                    best = (found.score, spec, found.key, column)
            if best is not None:
                break
            loose = loose or text
        if best is None:
            if loose is not None:
                unmatched[row] = loose
            continue
        _, spec, key, column = best
        if (spec.key, key) in seen:
            where = f"{grid.title}!{ref(row, column)}"
            findings.append(
                Finding(
                    code="XLSX.DUPLICATE_ROW",
                    severity=Severity.WARNING,
                    message=f"{where}：{spec.row(key).label} 重复出现，已使用第 {seen[(spec.key, key)]} 行",
                    message_en=f"{where}: row {key} appears again; row {seen[(spec.key, key)]} was used",
                )
            )
            continue
        seen[(spec.key, key)] = row
        matched.setdefault(spec.key, []).append((row, column, key))
    tables: list[LocatedTable] = []
    top = 1
    for spec in specs:
        found_rows = matched.get(spec.key)
        if not found_rows:
            continue
        first_row, first_column, _ = found_rows[0]
        located: list[LocatedRow] = []
        if spec is TABLE3:
            columns = _table3_columns(grid, first_row, top)
            if columns is None:
                raise XlsxLayoutError(
                    "表三: no header row with 自然人 … 总计 above the first row of the table",
                    sheet=grid.title,
                    cell=ref(first_row, first_column),
                )
            located = [LocatedRow(key, row, column, columns) for row, column, key in found_rows]
        else:
            for row, column, key in found_rows:
                header = _header_columns(grid, [c.label for c in spec.row(key).columns], row, top)
                if header is None:
                    labels_text = " · ".join(c.label for c in spec.row(key).columns)
                    raise XlsxLayoutError(
                        f"表二: no header row with {labels_text} above this row",
                        sheet=grid.title,
                        cell=ref(row, column),
                    )
                located.append(LocatedRow(key, row, column, header[1]))
        extras = _extras(located, unmatched, spec)
        tables.append(LocatedTable(spec, tuple(located), extras))
        top = located[-1].row + 1
    table4 = _table4(grid, top)
    if table4 is not None:
        tables.append(table4)
    return SheetLayout(version, tuple(tables), tuple(findings), agency, year)


def _collapsed_label(cells: Sequence[tuple[int, str]], version: FormatVersion | None) -> str | None:
    """The key of the row *version* splits into parts when the only label of a sheet row names it whole."""
    if version is None or len(cells) != 1:
        return None
    found = match_collapsed(cells[0][1], TABLE3, version)
    return None if found is None else found.key


def _extras(located: Sequence[LocatedRow], unmatched: dict[int, str], spec: TableSpec) -> tuple[LocatedExtra, ...]:
    """Labelled rows between a table's first and last official rows that are none of its rows."""
    out: list[LocatedExtra] = []
    for before, after in itertools.pairwise(located):
        for row in range(before.row + 1, after.row):
            if row in unmatched:
                out.append(LocatedExtra(unmatched[row], row, before.columns, before.key))
    del spec
    return tuple(out)


def _title(texts: Iterable[str]) -> tuple[str | None, int | None]:
    """Agency and year from the first cell holding a title such as ``某局2022年政府信息公开工作年度报告``
    (:func:`~gov_disclosure.parsing.title.find_title`)."""
    for text in texts:
        found = find_title(text)
        if found is not None:
            return found.agency, found.year
    return None, None
