"""Read the statutory tables from grids with known cell boundaries (HTML, DOCX, PDF, XLSX tables).

format-spec §6.2: "the 2019 Shanghai report's table 二 uses *different* colspans in header vs data rows
(header ``上一年项目数量`` (1) · ``本年增/减`` (2) · ``处理决定数量`` (1); data cells (2) · (1) · (1)), so reading
'grid column k' after expanding colspans pairs values with the wrong headers; align by cell order or by each
cell's starting column". This module therefore pairs each value cell with the header cell whose column range
contains the value cell's *starting* column; when that does not give one value per official column, it falls back
to cell order if the number of cells is right, and otherwise reports the row as unaligned — it never guesses.

Labels are matched with :mod:`gov_disclosure.parsing.labels` (fuzzy, by official sequence) and cell text is read
with :func:`gov_disclosure.parsing.cells.parse_cell`: a blank cell stays blank, never zero.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

import attrs
from attrs import frozen

from gov_disclosure.findings import Finding, Outcome, Severity
from gov_disclosure.model.cells import Cell
from gov_disclosure.model.formats import format_spec
from gov_disclosure.model.keys import CellKey
from gov_disclosure.model.layout import TABLE3, TABLE4, RowSpec, TableSpec
from gov_disclosure.model.tables import ExtraRow, Row, Table, Table2, Table2_2019, Table3, Table4
from gov_disclosure.model.versions import FormatVersion
from gov_disclosure.parsing.cells import NA_MARKS, is_number_token, parse_cell
from gov_disclosure.parsing.grids import RawCell, RawRow, RawTable
from gov_disclosure.parsing.labels import caption_item, match_row, repeat_read
from gov_disclosure.parsing.normalize import compact, normalize_line

__all__ = ["GridTables", "read_grid_tables"]

_T3_COLUMNS = {compact(c.label): c.key for c in TABLE3.rows[0].columns}
_T4_COLUMNS = {compact(c.label): c.key for c in TABLE4.rows[0].columns}
_T4_GROUPS = {"行政复议": "review", "未经复议直接起诉": "litigation_direct", "复议后起诉": "litigation_after_review"}
_T3_SIGNALS = ("申请人情况", "自然人", "勾稽关系", "本年新收政府信息公开申请数量", "法人或其他组织")
_T2_SIGNALS = ("第二十条", "信息内容")


@frozen(kw_only=True)
class GridTables:
    """The tables read from grids (None = not found in any grid) and the findings of reading them."""

    table2: Table2 | None = None
    table2_2019: Table2_2019 | None = None
    table3: Table3 | None = None
    table4: Table4 | None = None
    findings: tuple[Finding, ...] = ()

    @property
    def found(self) -> bool:
        """True when at least one table was read."""
        return any(t is not None for t in (self.table2, self.table2_2019, self.table3, self.table4))


@frozen
class _Header:
    """A header cell: the grid columns it covers and its compact label."""

    start: int
    span: int
    label: str

    def covers(self, column: int) -> bool:
        return self.start <= column < self.start + self.span


def _text(cell: RawCell) -> str:
    return compact(cell.text)


def _is_value(cell: RawCell) -> bool:
    text = normalize_line(cell.text).strip()
    return not text or text in NA_MARKS or is_number_token(compact(text)) or is_number_token(text)


def _kind_of(row: RawRow) -> str | None:
    """Which statutory table a row announces (by header words), or None."""
    joined = "".join(_text(c) for c in row.cells if not c.continued)
    if any(signal in joined for signal in _T3_SIGNALS):
        return "table3"
    if "行政复议" in joined and ("行政诉讼" in joined or "结果维持" in joined):
        return "table4"
    if any(signal in joined for signal in _T2_SIGNALS):
        return "table2"
    return None


def read_grid_tables(tables: Sequence[RawTable], version: FormatVersion) -> GridTables:
    """Read 表二, 表三 and 表四 of a report of *version* from its grids.

    Grids are read in order; 表二 split over several ``<table>`` elements (one per block) is one table, and so
    is a table continued in a later grid. Rows whose label matches no official row are kept as
    :class:`~gov_disclosure.model.ExtraRow` with an INFO finding.
    """
    reader = _Reader(version)
    for table in tables:
        reader.read(table)
    return reader.result()


class _Reader:
    def __init__(self, version: FormatVersion) -> None:
        self.version = version
        self.format = format_spec(version)
        self.t2_spec = self.format.table2
        self.rows: dict[str, dict[str, Row]] = {"table2": {}, "table3": {}, "table4": {}}
        self.extra: dict[str, list[ExtraRow]] = {"table2": [], "table3": [], "table4": []}
        self.last_key: dict[str, str | None] = {"table2": None, "table3": None, "table4": None}
        self.named: dict[tuple[str, str], bool] = {}
        """For each row read (table, row key): whether its label named it exactly (not only closely)."""
        self.conflicting: set[tuple[str, str]] = set()
        """The rows printed twice with other numbers, neither named more exactly: not read."""
        self.findings: list[Finding] = []
        self.kind: str | None = None
        self.headers: list[_Header] = []
        self.t4_map: dict[int, tuple[str, str]] = {}

    # -- dispatch ---------------------------------------------------------------------------
    def read(self, table: RawTable) -> None:
        self.headers = []
        self.t4_map = {}
        for row in table.rows:
            cells = [c for c in row.cells if not c.continued]
            if not cells or all(not c.text.strip() for c in cells):
                continue
            announced = _kind_of(row)
            if announced is not None and announced != self.kind:
                self.kind = announced
                self.headers = []
                self.t4_map = {}
            if self.kind is None:
                self.kind = self._guess_kind(cells)
                if self.kind is None:
                    continue
            if self.kind == "table4":
                self._table4_row(row, cells)
                continue
            if any(c.broken for c in cells):
                self._broken(row, cells)
            for part in _labelled_parts(cells):  # ``规章 924 1757 规范性文件 2967 0 3697``: two rows in one
                if self.kind == "table2":
                    self._table2_row(row, part)
                else:
                    self._table3_row(row, part)

    def _guess_kind(self, cells: Sequence[RawCell]) -> str | None:
        label = "".join(c.text for c in cells if not _is_value(c))
        for kind, spec in (("table3", TABLE3), ("table2", self.t2_spec)):
            found = match_row(label, spec, version=self.version)
            if found is not None and found.exact:
                return kind
        return None

    # -- 表二 -------------------------------------------------------------------------------
    def _table2_row(self, row: RawRow, cells: list[RawCell]) -> None:
        first = _text(cells[0])
        if caption_item(first) is not None and all(not c.text.strip() for c in cells[1:]):
            return  # block caption 第二十条第（一）项
        if first.startswith("信息内容") or (len(cells) > 1 and all(not _is_value(c) for c in cells[1:])):
            self.headers = [_Header(c.column or 0, c.span, _text(c)) for c in cells[1:]]
            return
        label_cells, values = _split_label(cells)
        label = "".join(c.text for c in label_cells)
        if not label.strip():
            self._unlabeled("table2", row, values)
            return
        expected = self._expected("table2", self.t2_spec)
        found = match_row(label, self.t2_spec, version=self.version, expected=expected)
        if found is None:
            self._extra_row("table2", self.t2_spec, label, values)
            return
        spec = self.t2_spec.row(found.key)
        self._store("table2", self.t2_spec, spec, values, label, exact=found.exact)

    # -- 表三 -------------------------------------------------------------------------------
    def _table3_row(self, row: RawRow, cells: list[RawCell]) -> None:
        header_cells = [c for c in cells if _text(c) in _T3_COLUMNS]
        if header_cells:
            known = {h.start for h in self.headers}
            self.headers += [_Header(c.column or 0, c.span, _text(c)) for c in header_cells if c.column not in known]
            return
        if all(not _is_value(c) for c in cells) and _kind_of(row) == "table3":
            return  # 勾稽 note, 申请人情况, 法人或其他组织
        first_value = min((h.start for h in self.headers), default=None)
        if first_value is not None:
            label_cells = [c for c in cells if (c.column or 0) < first_value]
            values = [c for c in cells if (c.column or 0) >= first_value]
        else:
            label_cells, values = _split_label(cells)
        label = "".join(c.text for c in label_cells)
        if not label.strip():
            self._unlabeled("table3", row, values)
            return
        found = match_row(label, TABLE3, version=self.version, expected=self._expected("table3", TABLE3))
        if found is None:
            if not any(c.text.strip() for c in values):
                return  # a group label alone on its row: （三）不予公开 has no values of its own
            self._extra_row("table3", TABLE3, label, values)
            return
        self._store("table3", TABLE3, TABLE3.row(found.key), values, label, exact=found.exact)

    # -- 表四 -------------------------------------------------------------------------------
    def _table4_row(self, row: RawRow, cells: list[RawCell]) -> None:
        if not any(c.text.strip() and _is_value(c) for c in cells):  # header rows: labels and blank fillers
            self._table4_header(row)
            return
        label_cells, values = _split_label(cells)
        label = "".join(c.text for c in label_cells)
        if label.strip():
            found = match_row(label, TABLE4, version=self.version)
            if found is not None:
                self._store(
                    "table4", TABLE4, TABLE4.row(found.key), values, label, use_headers=False, exact=found.exact
                )
                return
        if any(c.broken for c in values):
            self._broken(row, cells, TABLE4.rows)
            return
        placed = [self.t4_map.get(c.column or 0) for c in values]
        if len(values) == 15 and (len(set(placed)) != 15 or None in placed):
            placed = [(r.key, col.key) for r in TABLE4.rows for col in r.columns]  # cell order
        if len(values) != 15 or len(set(placed)) != 15 or None in placed:
            self._unaligned("table4", TABLE4.rows[0], values, label or "行政复议、行政诉讼")
            return
        by_row: dict[str, dict[str, Cell]] = {}
        for cell, target in zip(values, placed, strict=True):
            if target is None:  # pragma: no cover - excluded above
                return
            row_key, column_key = target
            by_row.setdefault(row_key, {})[column_key] = parse_cell(cell.text, source=cell.source)
        for spec in TABLE4.rows:
            self._put("table4", spec, TABLE4, by_row[spec.key])

    def _table4_header(self, row: RawRow) -> None:
        for cell in row.cells:
            text = _text(cell)
            if text in _T4_GROUPS:
                header = _Header(cell.column or 0, cell.span, text)
                self.headers = [h for h in self.headers if h.label != text] + [header]
        for cell in row.cells:
            column_key = _T4_COLUMNS.get(_text(cell))
            if column_key is None or cell.continued:
                continue
            start = cell.column or 0
            groups = [h for h in self.headers if h.covers(start)]
            narrowest = min(groups, key=lambda h: h.span, default=None)
            if narrowest is not None:
                self.t4_map[start] = (_T4_GROUPS[narrowest.label], column_key)

    # -- shared ---------------------------------------------------------------------------
    def _expected(self, table: str, spec: TableSpec) -> int | None:
        last = self.last_key[table]
        keys = [r.key for r in self.format.rows(spec)]
        return keys.index(last) + 1 if last in keys else 0

    def _align(self, spec: RowSpec, table: TableSpec, values: Sequence[RawCell]) -> list[RawCell] | None:
        """The value cells in official column order, or None when they cannot be aligned with certainty."""
        columns = spec.columns
        if self.headers:
            placed: dict[int, RawCell] = {}
            for cell in values:
                header = next((h for h in self.headers if h.covers(cell.column or 0)), None)
                index = None if header is None else _column_of(header.label, spec, table)
                if index is None or index in placed:
                    if cell.text.strip():
                        placed = {}
                        break
                    continue  # a blank filler cell under no header (colspan differences): not a value
                if placed and index < max(placed):
                    placed = {}  # headers out of the official order: a header cell was lost, they are shifted
                    break
                placed[index] = cell
            if len(placed) == len(columns):
                return [placed[i] for i in range(len(columns))]
        if len(values) == len(columns):
            return list(values)  # one cell per column: cell order (format-spec §6.2)
        return None

    def _store(
        self,
        table: str,
        spec: TableSpec,
        row: RowSpec,
        values: Sequence[RawCell],
        label: str,
        *,
        use_headers: bool = True,
        exact: bool = True,
    ) -> None:
        saved = self.headers
        if not use_headers:
            self.headers = []
        aligned = self._align(row, spec, values)
        self.headers = saved
        if aligned is None:
            self._unaligned(table, row, values, label)
            return
        cells = {
            column.key: parse_cell(cell.text, column.value_type, source=cell.source)
            for column, cell in zip(row.columns, aligned, strict=True)
        }
        self._put(table, row, spec, cells, exact=exact)

    def _put(self, table: str, row: RowSpec, spec: TableSpec, cells: dict[str, Cell], *, exact: bool = True) -> None:
        """Keep the row *row* read with *cells*; *exact* says whether its label named it exactly. A row printed
        again is read from the print :func:`~gov_disclosure.parsing.labels.repeat_read` says, or not at all (the
        finding then names its cells)."""
        where = (table, row.key)
        if where in self.conflicting:
            return
        new = self.format.table_class(spec.key).row_types[row.key].from_values(cells, where=f"{spec.key}.{row.key}")
        old = self.rows[table].get(row.key)
        if old is not None:
            same = [c.value for _, c in old.cells()] == [c.value for _, c in new.cells()]
            read = repeat_read(same, self.named[where], exact)
            if read == "again":
                self.rows[table][row.key] = new  # the first was another row that looks like this one
                self.named[where] = True
            elif read is None:
                del self.rows[table][row.key]
                self.conflicting.add(where)
            self.findings.append(_duplicate_row(spec, row, same=same, read=read))
            return
        self.rows[table][row.key] = new
        self.named[where] = exact
        self.last_key[table] = row.key

    def _extra_row(self, table: str, spec: TableSpec, label: str, values: Sequence[RawCell]) -> None:
        cells = tuple(parse_cell(c.text, source=c.source) for c in values)
        self.extra[table].append(ExtraRow(label=normalize_line(label).strip(), cells=cells, after=self.last_key[table]))
        self.findings.append(
            Finding(
                code="GRID.EXTRA_ROW",
                severity=Severity.INFO,
                message=f"表{spec.number}有一行不在统一格式中：「{label}」，已保留为附加行",
                message_en=f"table {spec.number} has a row that is not in the national format ({label}); kept as extra",
                outcome=Outcome.NOTE,
                evidence=" | ".join(c.text for c in values),
            )
        )

    def _unaligned(self, table: str, row: RowSpec, values: Sequence[RawCell], label: str) -> None:
        spec = self.t2_spec if table == "table2" else TABLE3 if table == "table3" else TABLE4
        self.findings.append(
            Finding(
                code="GRID.UNALIGNED",
                severity=Severity.ERROR,
                message=f"表{spec.number}「{row.full_label}」的数值无法与表头各列对应，未读取",
                message_en=(
                    f"table {spec.number} row {row.key}: {len(values)} cells cannot be aligned with the "
                    f"{len(row.columns)} columns of the header; not read"
                ),
                cells=tuple(CellKey(spec.key, row.key, c.key) for c in row.columns),
                outcome=Outcome.UNDECIDABLE,
                evidence=f"{label}: " + " | ".join(c.text for c in values),
            )
        )

    def _broken(self, row: RawRow, cells: Sequence[RawCell], rows: Sequence[RowSpec] = ()) -> None:
        """GRID.BROKEN_MARKUP for a grid *row* whose markup breaks at some of its *cells*
        (:attr:`RawCell.broken`): the parts on either side are read as rows of their own (:func:`_labelled_parts`),
        or, in 表四, the official *rows* printed in it are not read."""
        spec = self.t2_spec if self.kind == "table2" else TABLE3 if self.kind == "table3" else TABLE4
        read = "未读取" if rows else "断开处两侧分别读取"
        self.findings.append(
            Finding(
                code="GRID.BROKEN_MARKUP",
                severity=Severity.WARNING,
                message=f"表{spec.number}有一行的网页标记已损坏（属性中含有标签、单元格缺少结束标签，"
                f"或网页在该行中截断），数值可能错位或不完整，{read}",
                message_en=(
                    f"a row of table {spec.number} has broken markup (a tag inside an attribute, a cell without its "
                    "end tag, or the page cut short inside it), so its values may be shifted or cut; "
                    + ("not read" if rows else "the parts on either side of the break are read apart")
                ),
                cells=tuple(CellKey(spec.key, r.key, c.key) for r in rows for c in r.columns),
                outcome=Outcome.UNDECIDABLE if rows else Outcome.NOTE,
                evidence=" | ".join(("⚠" if c.broken else "") + c.text for c in cells),
                source=row.source,
            )
        )

    def _unlabeled(self, table: str, row: RawRow, values: Sequence[RawCell]) -> None:
        if not any(c.text.strip() for c in values):
            return
        self.findings.append(
            Finding(
                code="GRID.UNLABELED_ROW",
                severity=Severity.WARNING,
                message="表格中有一行数值没有行标签，未读取",
                message_en=f"a row of {table} has values but no label; not read",
                outcome=Outcome.UNDECIDABLE,
                evidence=" | ".join(c.text for c in values),
                source=row.source,
            )
        )

    def result(self) -> GridTables:
        t2 = self._build(self.t2_spec.key, "table2")
        return GridTables(
            table2=t2 if isinstance(t2, Table2) else None,
            table2_2019=t2 if isinstance(t2, Table2_2019) else None,
            table3=t3 if isinstance(t3 := self._build("table3", "table3"), Table3) else None,
            table4=t4 if isinstance(t4 := self._build("table4", "table4"), Table4) else None,
            findings=tuple(self.findings),
        )

    def _build(self, key: str, table: str) -> Table | None:
        """The table *key* of the version from what was read into *table*; rows the version lacks are dropped."""
        if not self.rows[table] and not self.extra[table]:
            return None
        has = {row.key for row in self.format.rows(key)}
        rows = {k: v for k, v in self.rows[table].items() if k in has}
        cls = self.format.table_class(key)
        extra = self.extra[table] if "extra_rows" in attrs.fields_dict(cls) else []  # type: ignore[arg-type]
        return cls.from_rows(rows, extra_rows=extra)


def _duplicate_row(spec: TableSpec, row: RowSpec, *, same: bool, read: str | None) -> Finding:
    """GRID.DUPLICATE_ROW: *row* printed twice — with the same numbers, or with others and the print its label names
    exactly read (*read* ``"first"`` or ``"again"``), or neither (None)."""
    cells = tuple(CellKey(spec.key, row.key, column.key) for column in row.columns)
    if same:
        zh, en = "两次，数值相同，保留一次", "twice with the same numbers; kept once"
    elif read is None:
        zh = "两次，数值不同，无法确定哪一行是它，未读取"
        en = "twice with other numbers, neither named more exactly by its label; not read"
    else:
        zh = "两次，数值不同，保留标签与之完全相符的一行"
        en = "twice with other numbers; the one whose label names it exactly is kept (the other is another row)"
    return Finding(
        code="GRID.DUPLICATE_ROW",
        severity=Severity.WARNING,
        message=f"表{spec.number}「{row.full_label}」出现{zh}",
        message_en=f"table {spec.number} row {row.key} appears {en}",
        cells=cells if read is None else cells[:1],
        outcome=Outcome.NOTE,
        table=spec.key,
        row=row.key,
    )


def _column_of(label: str, row: RowSpec, table: TableSpec) -> int | None:
    for index, column in enumerate(row.columns):
        expected = compact(column.label)
        if expected == label or expected.startswith(label) or label.startswith(expected):
            return index
    if table.key == "table3":
        key = _T3_COLUMNS.get(label)
        return None if key is None else [c.key for c in row.columns].index(key)
    return None


def _labelled_parts(cells: list[RawCell]) -> list[list[RawCell]]:
    """*cells* cut before each label cell that follows a value, and before each cell where the markup breaks the
    row (:attr:`RawCell.broken`): a grid row holding two labelled rows (markup damaged so that a row's end and the
    next row's start were swallowed, ``<td style='w>1329</td></tr><tr><td style='``) is read as two rows, the values
    of neither given to the other; values after a break are not shifted into the columns of those before it."""
    parts: list[list[RawCell]] = [[]]
    seen_value = False
    for cell in cells:
        if cell.broken or (seen_value and not _is_value(cell) and cell.text.strip()):
            if parts[-1]:
                parts.append([])
            seen_value = False
        if _is_value(cell):
            seen_value = True
        parts[-1].append(cell)
    return parts


def _split_label(cells: Sequence[RawCell]) -> tuple[list[RawCell], list[RawCell]]:
    """Label cells (up to the last cell that is not a value) and the value cells after them."""
    last_label = -1
    for index, cell in enumerate(cells):
        if not _is_value(cell):
            last_label = index
    return list(cells[: last_label + 1]), list(cells[last_label + 1 :])


def iter_grid_cells(tables: Iterable[RawTable]) -> Iterator[RawCell]:
    """Every cell that starts in its row, in reading order (for diagnostics)."""
    for table in tables:
        for row in table.rows:
            yield from (c for c in row.cells if not c.continued)
