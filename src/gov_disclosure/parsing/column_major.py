"""Column-major text made rows again: all row labels first, then each column's numbers as a list.

Some PDF text extractors (pdfminer.six's ``extract_text``) print a ruled table column by column: the row labels
of a page one per line (a wrapped label over several lines, a group label broken into pieces), then the column
headers, then the numbers of the first column one per line, then those of the second column, and so on — a page
break may fall between the labels and the numbers. The line walker of :mod:`~gov_disclosure.parsing.tables`
reads row by row; this module turns such a block back into rows before it walks, and leaves every other line as
it is.

A block is recognised only where it is certain (format-spec §3.5: "never guess"):

- a run of lines without numbers names **official rows** (表三 rows by their enumerator and label, 表二 rows by
  their whole label), with no number between them; it is followed by lines that each hold **one** number;
- the numbers are **exactly** as many as the rows need (rows × columns; rows of one width after the other, as
  表二 prints its blocks), so row *i* gets the *i*-th number of each column;
- the order is **proved**: the rows' 表三 identities (format-spec §5.1) hold when the numbers are read column by
  column and fail when they are read row by row. Where the identities cannot tell (rows of zeros read alike
  either way; 表二 has no identity), a block is read column by column only when another block of the same text
  proved that order — it is a property of the extractor, not of a table.

A block that looks column-major (two or more row labels, then more numbers than one row holds, one per line)
but whose count does not match or whose order is not proved is left as it is and flagged
(``READ.COLUMN_MAJOR_UNCERTAIN``): the walker then reads nothing of it with certainty (its cells are flagged or
missing, never guessed). A block read is noted (``READ.COLUMN_MAJOR``). A row so read becomes one line: its
label's lines joined (the label that was matched, so the walker reads the row this module named) and its numbers,
located where its label is: that is where its cells are located.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from attrs import define, field, frozen

from gov_disclosure.findings import Finding, Outcome, Severity
from gov_disclosure.model.cells import Number
from gov_disclosure.model.formats import format_spec
from gov_disclosure.model.identities import identities_of
from gov_disclosure.model.keys import CellKey, cell_key
from gov_disclosure.model.layout import TABLE3, TableSpec
from gov_disclosure.model.versions import FormatVersion
from gov_disclosure.parsing.cells import parse_cell
from gov_disclosure.parsing.labels import enumerator, is_header_text, match_row
from gov_disclosure.parsing.lines import TextLine, is_value
from gov_disclosure.parsing.normalize import compact

__all__ = ["ColumnMajor", "rows_from_columns"]

_DIGIT = re.compile(r"\d")
_MIN_SCORE = 0.8
"""How sure a 表三 label match must be to count as a row of a block (the enumerator must agree as well)."""


@frozen
class ColumnMajor:
    """The lines of a text with its column-major blocks made rows, and the findings about those blocks."""

    lines: tuple[TextLine, ...]
    findings: tuple[Finding, ...] = ()


@frozen
class _Row:
    """An official row named in a run of labels: its table, key, width, and the indices of its label's lines."""

    table: TableSpec
    key: str
    width: int
    first: int
    line: int
    """The label's last line."""


@define
class _Band:
    """Rows of one table and width that take their numbers from one list of numbers, column by column."""

    rows: list[_Row]
    numbers: list[str]
    lines: list[int]
    """Indices of the lines holding :attr:`numbers`."""
    proved: bool = False
    """True when the 表三 identities hold read by columns and fail read by rows."""
    contradicted: bool = False
    """True when the 表三 identities hold read by rows and not by columns."""
    ambiguous: bool = False
    """True when the readings by columns and by rows differ and the band itself does not prove either."""

    @property
    def table(self) -> TableSpec:
        return self.rows[0].table

    def by_columns(self) -> list[list[str]]:
        """Row *i* gets the *i*-th number of each column."""
        k = len(self.rows)
        return [self.numbers[i::k] for i in range(k)]

    def by_rows(self) -> list[list[str]]:
        width = self.rows[0].width
        return [self.numbers[i * width : (i + 1) * width] for i in range(len(self.rows))]


@define
class _Scan:
    """The state of one pass over the lines: rows named and waiting for numbers, numbers waiting to be given."""

    version: FormatVersion
    lines: Sequence[TextLine]
    table2: dict[str, tuple[TableSpec, str, int]] = field(init=False)
    """表二 rows of the version by compacted label: (table, row key, width)."""
    queue: list[_Row] = field(factory=list)
    numbers: list[int] = field(factory=list)
    """Indices of the lines (one number each) not yet given to rows."""
    expected: int = 0
    bands: list[_Band] = field(factory=list)
    findings: list[Finding] = field(factory=list)

    @table2.default
    def _table2(self) -> dict[str, tuple[TableSpec, str, int]]:
        spec = format_spec(self.version).table2
        return {compact(r.label): (spec, r.key, len(r.columns)) for r in format_spec(self.version).rows(spec)}

    def bands_waiting(self) -> list[list[_Row]]:
        """The rows waiting, cut where the table or the width changes (表二 prints its blocks one after another)."""
        bands: list[list[_Row]] = []
        for row in self.queue:
            if bands and (bands[-1][0].table, bands[-1][0].width) == (row.table, row.width):
                bands[-1].append(row)
            else:
                bands.append([row])
        return bands

    def give(self) -> None:
        """Give the numbers waiting to the first bands of rows when they are exactly as many as those need."""
        if not self.queue:
            self.numbers.clear()  # numbers that no label named before them: not a column-major block
            return
        need = 0
        for taken, band in enumerate(self.bands_waiting(), start=1):
            need += len(band) * band[0].width
            if need == len(self.numbers):
                self._take(self.bands_waiting()[:taken])
                return
            if need > len(self.numbers):
                return  # more numbers may follow (after a repeated header, a page's furniture)

    def _take(self, bands: list[list[_Row]]) -> None:
        offset = 0
        for band in bands:
            size = len(band) * band[0].width
            lines = self.numbers[offset : offset + size]
            offset += size
            if len(band) == 1 and band[0].line + 1 == lines[0]:
                continue  # a label right before its numbers: already row by row, left to the walker
            numbers = [self.lines[i].text.strip() for i in lines]
            self.bands.append(_Band(band, numbers, lines))
        del self.queue[: sum(len(b) for b in bands)]
        self.numbers.clear()

    def give_up(self) -> None:
        """Forget the rows and numbers waiting: what comes next is not their block. Flag a block that looked
        column-major (two or more rows named, then more numbers than one row holds)."""
        if len(self.queue) >= 2 and len(self.numbers) > self.queue[-1].width:
            why = f"{len(self.numbers)} numbers for {len(self.queue)} rows"
            self.findings.append(_uncertain(self, self.queue, self.numbers, why))
        self.queue.clear()
        self.numbers.clear()


def _single_value(line: TextLine) -> bool:
    """True for a line that holds one value and nothing else (``3001``, ``96171.6``, ``/``)."""
    text = line.text.strip()
    return " " not in text and "\t" not in text and is_value(text)


def _label_only(line: TextLine) -> bool:
    return _DIGIT.search(line.text) is None or not any(line.values)


def rows_from_columns(lines: Sequence[TextLine], version: FormatVersion) -> ColumnMajor:
    """*lines* with every column-major block that is certain made rows (see the module docstring).

    >>> from gov_disclosure.parsing.lines import text_rows
    >>> text = "规章\\n行政规范性文件\\n信息内容\\n1\\n8\\n0\\n26\\n11\\n66\\n"
    >>> read = rows_from_columns(list(text_rows(text)), "2021")
    >>> [line.text for line in read.lines]
    ['规章', '行政规范性文件', '信息内容', '1', '8', '0', '26', '11', '66']
    >>> [f.code for f in read.findings]  # 表二 has no identity: the order is not proved
    ['READ.COLUMN_MAJOR_UNCERTAIN']
    """
    single = [_single_value(line) for line in lines]
    if not any(a and b for a, b in pairwise(single)):
        return ColumnMajor(tuple(lines))  # no list of numbers one per line: nothing can be column-major
    scan = _Scan(version, lines)
    index, count = 0, len(lines)
    while index < count:
        if single[index]:
            scan.numbers.append(index)
            index += 1
            if index == count or not single[index]:
                scan.give()
            continue
        end = index
        while end < count and not single[end] and _label_only(lines[end]):
            end += 1
        if end == index:  # a line with labels and numbers: what was named before is not a column-major block
            scan.give_up()
            index += 1
            continue
        named = len(scan.queue)
        _name_rows(scan, range(index, end))
        if scan.numbers and len(scan.queue) > named:  # new rows while numbers wait: those were not a whole block
            new = scan.queue[named:]
            del scan.queue[named:]
            scan.give_up()
            scan.queue.extend(new)
        index = end
    scan.give_up()
    return _rebuild(scan)


def _name_rows(scan: _Scan, span: range) -> None:
    """Add the official rows named by the label-only lines *span* to the queue of rows waiting for numbers.

    A 表二 row is a line that is its whole label. A 表三 row starts at a line that begins with an enumerator and
    runs over the lines that follow without one (a wrapped label, or a piece of a broken group label) up to a
    column header; it is a row when it matches an official row of the version with the same enumerator, in the
    official order."""
    lines = scan.lines
    start: int | None = None
    for i in span:
        key = compact(lines[i].text)
        if key in scan.table2:
            _close_item(scan, start, i)
            start = None
            table, row, width = scan.table2[key]
            scan.queue.append(_Row(table, row, width, i, i))
        elif enumerator(key) is not None:
            _close_item(scan, start, i)
            start = i
        elif start is not None and is_header_text(key):
            _close_item(scan, start, i)  # a column header after the last label: not part of it
            start = None
    _close_item(scan, start, span.stop)


def _close_item(scan: _Scan, start: int | None, stop: int) -> None:
    if start is None:
        return
    label = " ".join(scan.lines[i].text for i in range(start, stop))
    found = match_row(label, TABLE3, version=scan.version, expected=scan.expected)
    if found is None or found.score < _MIN_SCORE:
        return
    spec = format_spec(scan.version).rows(TABLE3)[found.index]
    if enumerator(spec.label) != enumerator(scan.lines[start].text):
        return
    scan.expected = found.index + 1
    scan.queue.append(_Row(TABLE3, spec.key, len(spec.columns), start, stop - 1))


def _values(band: _Band, reading: list[list[str]]) -> dict[CellKey, Number | None]:
    out: dict[CellKey, Number | None] = {}
    for row, texts in zip(band.rows, reading, strict=True):
        columns = band.table.row(row.key).columns
        for column, text in zip(columns, texts, strict=True):
            out[cell_key(band.table.key, row.key, column.key)] = parse_cell(text, column.value_type).value
    return out


def _holds(version: FormatVersion, values: dict[CellKey, Number | None]) -> bool | None:
    """Whether every 表三 identity over *values* alone holds; None when none can be checked."""
    checked = False
    for identity in identities_of(format_spec(version)):
        if identity.table != TABLE3.key or not all(k in values for k in identity.cells):
            continue
        lhs, rhs = [values[k] for k in identity.lhs], [values[k] for k in identity.rhs]
        if None in lhs or None in rhs:
            continue  # a not-applicable mark: the identity cannot be checked
        checked = True
        if sum(v for v in lhs if v is not None) != sum(v for v in rhs if v is not None):
            return False
    return checked or None


def _judge(scan: _Scan, band: _Band) -> None:
    columns, rows = band.by_columns(), band.by_rows()
    if columns == rows:
        return
    if band.table is not TABLE3:
        band.ambiguous = True  # no identity: proved only by another block
        return
    by_columns = _holds(scan.version, _values(band, columns))
    by_rows = _holds(scan.version, _values(band, rows))
    band.proved = by_columns is True and by_rows is False
    band.contradicted = by_rows is True and by_columns is not True
    band.ambiguous = not band.proved


def _rebuild(scan: _Scan) -> ColumnMajor:
    for band in scan.bands:
        _judge(scan, band)
    proved = any(band.proved for band in scan.bands)
    lines = list(scan.lines)
    dropped: set[int] = set()
    findings = list(scan.findings)
    for band in scan.bands:
        if band.contradicted or (band.ambiguous and not proved):
            why = "the identities hold row by row" if band.contradicted else "the order of the numbers is not proved"
            findings.append(_uncertain(scan, band.rows, band.lines, why))
            continue
        for row, numbers in zip(band.rows, band.by_columns(), strict=True):
            # the row's label, as matched, on one line with its numbers: the walker reads the row it names
            first, last = lines[row.first], lines[row.line]
            label = " ".join(lines[i].text for i in range(row.first, row.line + 1))
            lines[row.first] = TextLine("\t".join([label, *numbers]), first.number, first.start, last.end, first.path)
            dropped.update(range(row.first + 1, row.line + 1))
        dropped.update(band.lines)
        if len(band.rows) > 1:
            findings.append(_read(scan, band))
    kept = tuple(line for i, line in enumerate(lines) if i not in dropped)
    return ColumnMajor(kept, tuple(findings))


def _span(scan: _Scan, rows: Sequence[_Row], numbers: Sequence[int]) -> str:
    first, last = scan.lines[rows[0].line], scan.lines[numbers[-1]]
    return f"{first.number}–{last.number}"


def _read(scan: _Scan, band: _Band) -> Finding:
    table = band.table
    k, width = len(band.rows), band.rows[0].width
    return Finding(
        code="READ.COLUMN_MAJOR",
        severity=Severity.INFO,
        message=f"表{table.number}：{k}个行标签之后按列印有{width}列数字（每列{k}个），已按列读回各行",
        message_en=f"{table.key}: {k} row labels followed by {width} column(s) of numbers ({k} each, one per line, "
        f"lines {_span(scan, band.rows, band.lines)}): read back into rows, row i taking the i-th number of each "
        "column",
        table=table.key,
        outcome=Outcome.NOTE,
        evidence=" / ".join(row.key for row in band.rows),
        source=scan.lines[band.rows[0].line].source,
    )


def _uncertain(scan: _Scan, rows: Sequence[_Row], numbers: Sequence[int], why: str) -> Finding:
    table = rows[0].table
    return Finding(
        code="READ.COLUMN_MAJOR_UNCERTAIN",
        severity=Severity.WARNING,
        message=f"表{table.number}：{len(rows)}个行标签之后逐行印有{len(numbers)}个数字，似为按列排列，"
        "但无法确定各数字所属的行和列，未作猜测",
        message_en=f"{table.key}: {len(rows)} row labels followed by {len(numbers)} numbers one per line (lines "
        f"{_span(scan, rows, numbers)}) look column-major, but which row and column each number belongs to is "
        f"not certain ({why}); not guessed",
        table=table.key,
        outcome=Outcome.UNDECIDABLE,
        evidence=" / ".join(row.key for row in rows),
        source=scan.lines[rows[0].line].source,
    )
