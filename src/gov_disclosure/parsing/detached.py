"""Rows printed apart from their labels, made rows again: all row labels first, then the numbers.

Two forms print a table's row labels in one run and its numbers after them:

- **column-major** text of PDF extractors (pdfminer.six's ``extract_text``), which print a ruled table column by
  column: the row labels of a page one per line (a wrapped label over several lines, a group label broken into
  pieces), then the column headers, then the numbers of the first column one per line, then those of the second
  column, and so on — a page break may fall between the labels and the numbers;
- **markdown conversions** of PDFs (PDF-to-markdown tools, LLM pipelines) that lose a table's label column: the
  labels on lines of their own, then a pipe table of numbers only, one row per line, often under made-up column
  names (``| 数据1 | 数据2 | …``).

The line walker of :mod:`~gov_disclosure.parsing.tables` reads row by row; this module turns such a block back
into rows before it walks, and leaves every other line as it is. A block is recognised only where it is certain
(format-spec §3.5: "never guess"):

- a run of lines without numbers names **official rows** (表三 rows by their enumerator and label, 表二 rows by
  their whole label), with no number between them; it is followed by lines that each hold **one** number
  (column-major) or lines that each hold **one row** of numbers and nothing else (row-major);
- the numbers are **exactly** as many as the rows need: rows × columns one per line (rows of one width after the
  other, as 表二 prints its blocks), so row *i* gets the *i*-th number of each column; or one line of the row's
  width for each row, so row *i* gets the *i*-th line;
- a column-major order is **proved**: the rows' 表三 identities (format-spec §5.1) hold when the numbers are read
  column by column and fail when they are read row by row. Where the identities cannot tell (rows of zeros read
  alike either way; 表二 has no identity), a block is read column by column only when another block of the same
  text proved that order — it is a property of the extractor, not of a table. A row-major block needs no proof:
  the lines are rows, and the labels' order is the rows' order.

A block whose count matches but whose order is not proved is left as it is and flagged
(``READ.COLUMN_MAJOR_UNCERTAIN``): the walker then reads nothing of it with certainty (its cells are flagged or missing,
never guessed). Numbers one per line after two or more row labels whose count matches no block (a number lost, a text
cut short inside the block) are flagged too and left out of the text walked, which would give them to the last label —
unless the text prints its tables row by row, one cell per line (a row's label lost its numbers, and those after the
next label are that row's); so are the lines of numbers only right after them (the rest of the block, broken off by two
of its lines joined into one). A block of 表二 is taken before another block waits only when the next block's column
header ends its numbers. Rows of numbers after two or more labels whose count or widths do not match the labels are
flagged (``READ.DETACHED_UNCERTAIN``) and dropped: which row each belongs to is not known, and the walker would give the
first of them to the last label. A block read is noted (``READ.COLUMN_MAJOR``, ``READ.DETACHED_ROWS``). A row so read
becomes one line: its label's lines joined (the label that was matched, so the walker reads the row this module named)
and its numbers, located where its label is: that is where its cells are located."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from itertools import combinations, pairwise

import attr  # attrs classes in the form mypyc compiles (docs: performance)
from mypy_extensions import mypyc_attr

from gov_disclosure.findings import Finding, Outcome, Severity
from gov_disclosure.model.cells import Number
from gov_disclosure.model.formats import format_spec
from gov_disclosure.model.identities import identities_of
from gov_disclosure.model.keys import CellKey, cell_key
from gov_disclosure.model.layout import TABLE3, TableSpec
from gov_disclosure.model.versions import FormatVersion
from gov_disclosure.parsing.cells import parse_cell
from gov_disclosure.parsing.labels import enumerator, is_header_compact, is_header_text, match_row, split_enumerator
from gov_disclosure.parsing.lines import TextLine, in_step, is_value
from gov_disclosure.parsing.normalize import compact, compact_lines

__all__ = ["Reattached", "reattach_labels"]

_DIGIT = re.compile(r"\d")
_MIN_SCORE = 0.8
"""How sure a 表三 label match must be to count as a row of a block (the enumerator must agree as well)."""


@mypyc_attr(native_class=False)
@attr.s(auto_attribs=True, slots=True, frozen=True)
class Reattached:
    """The lines of a text with its column-major blocks made rows, and the findings about those blocks."""

    lines: tuple[TextLine, ...]
    findings: tuple[Finding, ...] = ()


@mypyc_attr(native_class=False)
@attr.s(auto_attribs=True, slots=True, frozen=True)
class _Row:
    """An official row named in a run of labels: its table, key, width, and the indices of its label's lines."""

    table: TableSpec
    key: str
    width: int
    first: int
    line: int
    """The label's last line."""
    item: frozenset[str] = frozenset()
    """For a 表二 row, the keys of the rows of its item that an agency never leaves out (see :func:`_whole_items`)."""


@attr.s(auto_attribs=True)
class _Band:
    """Rows of one table and width that take their numbers from one list of numbers, column by column (or row by
    row: :attr:`row_major`)."""

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
    why: str = ""
    """Why a contradicted band is not read (see :func:`_judge`)."""
    printed: list[list[str]] | None = None
    """The numbers of each row when they were printed one row per line (a markdown conversion): the lines are the
    rows; None for numbers printed one per line."""

    @property
    def row_major(self) -> bool:
        return self.printed is not None

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

    def reading(self) -> list[list[str]]:
        """The numbers of each row, in the order they were printed in."""
        return self.by_columns() if self.printed is None else self.printed


@attr.s(auto_attribs=True)
class _Scan:
    """The state of one pass over the lines: rows named and waiting for numbers, numbers waiting to be given."""

    version: FormatVersion
    lines: Sequence[TextLine]
    keys: Sequence[str]
    """:func:`~gov_disclosure.parsing.normalize.compact` of each line's text."""
    table2: dict[str, _Row] = attr.ib(init=False)
    """表二 rows of the version by compacted label (:func:`_table2_rows`)."""
    queue: list[_Row] = attr.ib(factory=list)
    numbers: list[int] = attr.ib(factory=list)
    """Indices of the lines (one number each) not yet given to rows."""
    value_rows: list[int] = attr.ib(factory=list)
    """Indices of the lines (one row of numbers each) not yet given to rows."""
    dropped: set[int] = attr.ib(factory=set)
    """Indices of the lines of numbers whose rows are not known: left out of the text walked."""
    before: list[int] = attr.ib(factory=list)
    """Indices of the lines (one row of numbers each) printed before any label named: their labels may follow."""
    expected: int = 0
    bands: list[_Band] = attr.ib(factory=list)
    unsure: list[tuple[list[_Row], list[int]]] = attr.ib(factory=list)
    """Rows named and the numbers one per line after them that no block took: which rows' they are is not known."""
    trailing: bool = False
    """True from numbers given up as :attr:`unsure` to the next line of words: lines of numbers only in between are
    the rest of that block (two of its lines joined into one of two numbers broke it off), never the last row's."""
    row_by_row: int = 0
    """How many rows of two or more numbers were printed one number per line right after their own label: the text
    prints its tables row by row, one cell per line."""
    findings: list[Finding] = attr.ib(factory=list)

    def __attrs_post_init__(self) -> None:
        self.table2 = _table2_rows(self.version)

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
        """Give the numbers waiting to the first bands of rows when they are exactly as many as those need.

        Only the count tells which numbers are a band's, and the identities check a band of 表三 only: the numbers
        of a band of another table (表二's, which no identity checks) are taken only as one run of lines of their own
        — not continued after a line between (``1 8 0 26 11`` / ``本年处理决定数量`` / ``447228``: 66 lost, and the
        next block's header and number taken for it), and not as the start of a run that goes on into the next
        band's numbers (``26`` cut in two: ``1 8 0 2 6 11 66``, seven numbers, read as six for 规章 and 行政规范性文件
        and one for 行政许可, whose own number follows its header).
        """
        if not self.queue:
            self.numbers.clear()  # numbers that no label named before them: not a column-major block
            return
        need = 0
        bands = self.bands_waiting()
        for taken, band in enumerate(bands, start=1):
            need += len(band) * band[0].width
            if need == len(self.numbers):
                unchecked = any(b[0].table is not TABLE3 for b in bands[:taken])
                if unchecked and (taken > 1 or self.numbers[-1] - self.numbers[0] + 1 != len(self.numbers)):
                    return  # not certain: left waiting, and flagged when the block ends (give_up)
                if unchecked and taken < len(bands) and not self._header_next(bands[taken][0]):
                    return  # (a number lost, and the next block's taken for it: its header lost too)
                if unchecked and not _whole_items([row for band in bands[:taken] for row in band]):
                    return  # (a row label lost, and a number with it: the count is right, the rows are not)
                if unchecked and not self._in_step():
                    return  # (a number lost, and another cut in two: the count is right, the numbers are not)
                if unchecked and self._numbers_next():
                    return  # (lines joined: ``1`` / ``8 0 26`` / ``66``, the block's numbers go on past its count)
                self._take(bands[:taken])
                return
            if need > len(self.numbers):
                return  # more numbers may follow (after a repeated header, a page's furniture)

    def _header_next(self, row: _Row) -> bool:
        """Whether the line after the numbers waiting is the column header of the next block, whose first row is
        *row*: what ends a block of 表二 in pdfminer's text (``66`` / ``本年处理决定数量`` / ``447228``). A block of a
        table no identity checks is taken before another waits only so: ``1`` / ``0`` / ``26`` / ``11`` / ``66`` /
        ``447228`` (8 lost, and the header after 66) counts six, as 规章 and 行政规范性文件 need, with 行政许可's
        number. A 表三 block after it is not asked (its header comes after the section's heading)."""
        if row.table is TABLE3:
            return True
        after = self.numbers[-1] + 1
        header = compact(row.table.row(row.key).columns[0].label)[:6]
        return after < len(self.keys) and header in self.keys[after]

    def _in_step(self) -> bool:
        """Whether the numbers waiting keep the extractor's step (:func:`~gov_disclosure.parsing.lines.in_step`)
        from the line before them (their column header) through each number: ``1`` / (blank) / (blank) / ``0`` /
        ``2`` / ``6`` / ``11`` / ``66`` (8 lost and 26 cut in two) count six, as 规章 and 行政规范性文件 need. The
        line after the numbers is not asked: a page's furniture taken out may stand between."""
        first, last = self.numbers[0], self.numbers[-1]
        return in_step([self.lines[i].number for i in range(max(first - 1, 0), last + 1)])

    def _numbers_next(self) -> bool:
        """Whether the line after the numbers waiting holds numbers only: the block's numbers go on past its count
        (lines of it joined: ``行政许可`` / ``现行有效件数`` / ``1`` / ``8 0 26`` / ``66`` counts one number for the one
        row named, and 1 is not its number)."""
        after = self.numbers[-1] + 1
        return after < len(self.lines) and _NUMBERS_ONLY.fullmatch(self.lines[after].text) is not None

    def _take(self, bands: list[list[_Row]]) -> None:
        offset = 0
        for band in bands:
            size = len(band) * band[0].width
            lines = self.numbers[offset : offset + size]
            offset += size
            if len(band) == 1 and band[0].line + 1 == lines[0]:
                self.row_by_row += band[0].width >= 2
                continue  # a label right before its numbers: already row by row, left to the walker
            numbers = [self.lines[i].text.strip() for i in lines]
            self.bands.append(_Band(band, numbers, lines))
        del self.queue[: sum(len(b) for b in bands)]
        self.numbers.clear()

    def may_take(self, line: TextLine) -> bool:
        """Whether a row of numbers may belong to the rows named: not wider than the widest of them."""
        return len(_row_cells(line)) <= max(row.width for row in self.queue)

    def give_rows(self) -> None:
        """Give the rows of numbers waiting (one line each) to the two or more rows named, in order (see
        :func:`_place`). The lines are then left out of the text walked: a row given none is flagged, not guessed."""
        rows, lines = self.queue, self.value_rows
        if len(rows) >= 2 and lines:
            self._give(rows, lines, _place(self.version, rows, [_row_cells(self.lines[i]) for i in lines]))
        if lines:
            self.queue.clear()
        self.value_rows.clear()

    def give_up(self) -> None:
        """Forget the rows and numbers waiting: what comes next is not their block. Numbers one per line after two
        or more rows named, not given, are :attr:`unsure` (see :func:`_settle_unsure`)."""
        if self.value_rows:
            self.give_rows()
        if len(self.queue) >= 2 and self.numbers:
            self.unsure.append((list(self.queue), list(self.numbers)))
            self.trailing = True
        self.queue.clear()
        self.numbers.clear()
        self.before.clear()

    def give_before(self, named: int) -> None:
        """Give the rows of numbers printed before any label to the rows named from *named* on (the labels of one
        table), as :func:`_place` places them (a conversion printing the numbers first, the labels after them)."""
        new, lines = self.queue[named:], self.before
        first = [row for row in new if row.table is new[0].table]  # the labels of one table: its numbers are these
        new = new[: len(first)] if first == new[: len(first)] else new
        printed = [_row_cells(self.lines[i]) for i in lines]
        placed = _place(self.version, new, printed) if len(new) >= 2 else {}
        if placed:
            self._give(new, lines, placed)
            del self.queue[named : named + len(new)]
        self.before.clear()

    def _give(self, rows: Sequence[_Row], lines: Sequence[int], placed: Mapping[int, list[str]]) -> None:
        """Make a band of the *rows* given numbers by *placed* (row index → its numbers), flag the rows given none,
        and leave the lines of numbers *lines* out of the text walked."""
        given = sorted(placed)
        if given:
            printed = [placed[i] for i in given]
            numbers = [cell for cells in printed for cell in cells]
            self.bands.append(_Band([rows[i] for i in given], numbers, list(lines), printed=printed))
        if len(given) < len(rows):
            why = f"{len(lines)} rows of numbers for {len(rows)} row labels"
            self.findings.append(_unplaced(self, [row for i, row in enumerate(rows) if i not in placed], lines, why))
        self.dropped.update(lines)


def _single_value(line: TextLine) -> bool:
    """True for a line that holds one value and nothing else (``3001``, ``96171.6``, ``/``)."""
    text = line.text.strip()
    return " " not in text and "\t" not in text and is_value(text)


@functools.lru_cache(maxsize=16)
def _table2_rows(version: FormatVersion) -> dict[str, _Row]:
    """表二's rows of *version* by compacted label, each with the rows of its item (第二十条第（六）项: 行政处罚,
    行政强制) an agency never leaves out (:attr:`~gov_disclosure.model.layout.RowSpec.omissible`); the label's lines
    are set where a label names it."""
    spec = format_spec(version)
    rows = spec.rows(spec.table2)
    return {
        compact(row.label): _Row(
            spec.table2,
            row.key,
            len(row.columns),
            -1,
            -1,
            frozenset(other.key for other in rows if other.group == row.group and not other.omissible),
        )
        for row in rows
    }


def _whole_items(rows: Sequence[_Row]) -> bool:
    """Whether the 表二 rows named among *rows* are whole items of 表二: every row of an item printed, so that the
    count of the numbers after them tells which are whose. A row label lost with one number (``行政处罚`` and
    ``88283`` gone: ``行政强制`` / ``3985758``) leaves the count right and the rows wrong."""
    named = {row.key for row in rows if row.table is not TABLE3}
    return all(row.item <= named for row in rows)


def _label_only(line: TextLine) -> bool:
    """True for a line without values. A sentence (``…。``) with a digit is taken to hold one without being split
    into cells: it is narrative, never a run of labels."""
    text = line.text
    return _DIGIT.search(text) is None or ("。" not in text and not any(line.values))


def _row_cells(line: TextLine) -> list[str]:
    """The cells of a line of numbers only: between its first and last printed cell (blank cells inside kept, where
    the line has cell boundaries), or its printed values."""
    cells = list(line.cells)
    if not line.structured:
        return [c for c in cells if c]
    while cells and not cells[-1]:
        cells.pop()
    while cells and not cells[0]:
        cells.pop(0)
    return cells


_ONE_VALUE = r"[ \t]*(?:[+-]?\d[\d.,]*(?:万元|元|%)?|[/—－-]|无)[ \t]*"
_NUMBER_PAIR = re.compile(rf"\n{_ONE_VALUE}\n{_ONE_VALUE}(?=\n)")
"""Two lines of one value each (in the lines joined, with a line break before and after): what a column-major
block must hold. Each pattern starts with a line break, which the search looks for first."""
_NUMBERS_AFTER_LABEL = re.compile(
    r"\n[ \t|]*(?:[(（][一二三四五六七][)）]|[一二三四][、.]|[1-8][、.．]|规章|行政|规范性|其他对外|政府集中)[^\d\n]*"
    r"\n[ \t|]*\d[\d.,]*(?:[ \t|]+[\d.,]+)+[ \t|]*(?=\n)"
)
"""A line of two or more numbers only right after a row label without digits: what a row-major block holds, unless
a header of columns named by number (``| 数据1 | 数据2 |``) sits between them (:data:`_NUMBERED_COLUMNS`)."""
_NUMBERED_COLUMNS = ("数据1", "列1", "栏1")


def _may_hold_a_block(lines: Sequence[TextLine]) -> bool:
    """Whether *lines* may hold a block of rows printed apart from their labels: a quick test, in a few searches."""
    joined = "\n" + "\n".join(line.text for line in lines) + "\n"
    return (
        _NUMBER_PAIR.search(joined) is not None
        or _NUMBERS_AFTER_LABEL.search(joined) is not None
        or any(name in joined for name in _NUMBERED_COLUMNS)
    )


_NUMBERS_ONLY = re.compile(r"[\s|\d.,+\-/%元万—－无*]*\d[\s|\d.,+\-/%元万—－无*]*")
"""A line that may hold numbers and nothing else (a quick test before it is split into cells)."""


def _values_row(line: TextLine) -> bool:
    """True for a line that holds values and nothing else, two or more unless it has cell boundaries
    (``| 64 | 0 | 0 | 2 | 0 | 4 | 70 |``, ``| 14 |  |  |``)."""
    values = line.values
    enough = values.count(True) >= (1 if line.structured else 2)  # a pipe row of 表二 may hold one number
    return enough and all(value or not cell for cell, value in zip(line.cells, values, strict=True))


def reattach_labels(lines: Sequence[TextLine], version: FormatVersion) -> Reattached:
    """*lines* with every column-major block that is certain made rows (see the module docstring).

    >>> from gov_disclosure.parsing.lines import text_rows
    >>> text = "规章\\n\\n行政规范性文件\\n\\n信息内容\\n\\n1\\n\\n8\\n\\n0\\n\\n26\\n\\n11\\n\\n66\\n"  # pdfminer
    >>> read = reattach_labels(list(text_rows(text)), "2021")
    >>> [line.text for line in read.lines]
    ['规章', '行政规范性文件', '信息内容', '1', '8', '0', '26', '11', '66']
    >>> [f.code for f in read.findings]  # 表二 has no identity: the order is not proved
    ['READ.COLUMN_MAJOR_UNCERTAIN']
    >>> damaged = text.replace("\\n8\\n", "\\n").replace("26", "2\\n6")  # 8 lost, 26 cut: out of step
    >>> read = reattach_labels(list(text_rows(damaged)), "2021")
    >>> [line.text for line in read.lines], [f.code for f in read.findings]
    (['规章', '行政规范性文件', '信息内容'], ['READ.COLUMN_MAJOR_UNCERTAIN'])
    """
    if not _may_hold_a_block(lines):
        return Reattached(tuple(lines))  # the usual text
    single = [_single_value(line) for line in lines]
    rows = [
        not one and _NUMBERS_ONLY.fullmatch(line.text) is not None and _values_row(line)
        for one, line in zip(single, lines, strict=True)
    ]
    numbered = any(name in line.text for line in lines for name in _NUMBERED_COLUMNS)
    if not numbered and not any(a and b for a, b in pairwise(single)) and not _after_labels(lines, rows):
        return Reattached(tuple(lines))  # no list of numbers one per line, no rows of numbers after two labels
    scan = _Scan(version, lines, compact_lines([line.text for line in lines]))
    index, count = 0, len(lines)
    while index < count:
        if scan.trailing and not scan.queue and (single[index] or rows[index]):
            scan.unsure[-1][1].append(index)  # the rest of a block given up: (``…0`` / ``1  71`` / ``6`` / ``110``)
            index += 1
            continue
        if rows[index] and scan.queue and not scan.numbers and scan.may_take(lines[index]):
            scan.value_rows.append(index)
            index += 1
            run_ends = index == count or not rows[index]
            if run_ends and len(scan.value_rows) >= len(scan.queue):
                scan.give_rows()  # only once the run has ended: a row more than the labels is no block
            continue
        if rows[index] and not scan.queue and not scan.numbers:
            scan.before.append(index)  # rows of numbers before any label: their labels may follow
            index += 1
            continue
        if single[index]:
            scan.numbers.append(index)
            index += 1
            if index == count or not single[index]:
                scan.give()
            continue
        end = index
        while end < count and not single[end] and not rows[end] and _label_only(lines[end]):
            end += 1
        if end == index:  # a line with labels and numbers: what was named before is not a column-major block
            scan.give_up()
            if scan.trailing and rows[index]:  # (a line of numbers only: two of the block's lines joined)
                scan.unsure[-1][1].append(index)
            else:
                scan.trailing = False
            index += 1
            continue
        scan.trailing = False
        named = len(scan.queue)
        _name_rows(scan, range(index, end))
        if scan.before and len(scan.queue) > named:
            scan.give_before(named)
        if scan.value_rows and len(scan.queue) > named:  # new rows while rows of numbers wait: not a whole block
            new = scan.queue[named:]
            del scan.queue[named:]
            scan.give_rows()
            scan.queue.extend(new)
        elif scan.value_rows and not all(is_header_text(lines[i].text) for i in range(index, end)):
            scan.give_rows()  # rows of numbers interrupted by text that is not a header: the block has ended
        if scan.numbers and len(scan.queue) > named:  # new rows while numbers wait: those were not a whole block
            new = scan.queue[named:]
            del scan.queue[named:]
            scan.give_up()
            scan.queue.extend(new)
            scan.trailing = False  # (new rows named: what follows is theirs)
        index = end
    scan.give_up()
    return _rebuild(scan)


_MOST_LOST = 2
"""Most rows of numbers that may have been lost from a block for the identities to be asked where the gaps are."""


def _place(version: FormatVersion, rows: Sequence[_Row], printed: Sequence[list[str]]) -> dict[int, list[str]]:
    """The numbers of the rows named (by index in *rows*) that the rows of numbers *printed* after them certainly are.

    The rows of numbers belong, in order, to the official rows from the first named to the last (its *slots*): a
    label may have been lost as well as a row of numbers. As many rows of numbers as slots: slot *i* takes the
    *i*-th. Fewer (at most :data:`_MOST_LOST` lost): every way to leave slots without numbers is tried, keeping the
    order, each row as wide as its numbers. A placement is kept only if the 表三 identities it lets be checked hold;
    a row takes the numbers that every kept placement gives it, and none where they differ or where some placement
    leaves it empty. 表二 has no identity: a block of it that lost rows or labels gives no row its numbers.
    """
    start = len(rows) - len(printed)
    whole = start > 0 and rows[start].table is not rows[start - 1].table and _whole_table(version, rows[start:])
    if whole and _consistent(version, rows[start:], printed):
        # the rows of numbers are as many as the rows of the last table named, all of them, in order: the labels
        # named before it (another table, whose numbers are elsewhere) have none here
        return {start + i: cells for i, cells in enumerate(printed)}
    slots, named = _slots(version, rows)
    lost = len(slots) - len(printed)
    if lost < 0 or lost > _MOST_LOST or (lost and slots[0].table is not TABLE3):
        return {}
    if not lost:
        misfits = [
            len(cells) - slot.width for slot, cells in zip(slots, printed, strict=True) if len(cells) != slot.width
        ]
        if len(misfits) > 1 or misfits not in ([], [-1]):
            return {}  # one row printed a value short is that row; more misfits are rows cut apart, which shift
    kept: list[dict[int, list[str]]] = []
    for gaps in combinations(range(len(slots)), lost):
        given = [i for i in range(len(slots)) if i not in gaps]
        if lost and any(slots[i].width != len(cells) for i, cells in zip(given, printed, strict=True)):
            continue  # (as many rows as slots: a row printed short is still that row, left to the walker)
        if _consistent(version, [slots[i] for i in given], printed):
            kept.append(dict(zip(given, printed, strict=True)))
    if not kept:
        return {}
    first = kept[0]
    agreed = {i: cells for i, cells in first.items() if all(other.get(i) == cells for other in kept[1:])}
    return {named[i]: cells for i, cells in agreed.items() if i in named}


def _slots(version: FormatVersion, rows: Sequence[_Row]) -> tuple[list[_Row], dict[int, int]]:
    """The official rows from the first of *rows* to the last, when they are rows of one table in the official order
    (a label lost between two named is a slot too), and for each slot named, its index in *rows*; else *rows*."""
    table = rows[0].table
    spec = format_spec(version)
    official = list(spec.rows(table)) if table.key in spec.table_keys else []
    keys = [row.key for row in official]
    if any(row.table is not table or row.key not in keys for row in rows):
        return list(rows), {i: i for i in range(len(rows))}
    positions = [keys.index(row.key) for row in rows]
    if positions != sorted(set(positions)):
        return list(rows), {i: i for i in range(len(rows))}
    first = positions[0]
    by_position = dict(zip(positions, rows, strict=True))
    slots = [
        by_position.get(p) or _Row(table, official[p].key, len(official[p].columns), -1, -1)
        for p in range(first, positions[-1] + 1)
    ]
    return slots, {p - first: i for i, p in enumerate(positions)}


_ROW_START = re.compile(
    r"\s*(?:[(（][一二三四五六七][)）]|[一二三四][、.]|[1-8][、.．]|规章|行政规范性文件|规范性文件|行政许可|其他对外|行政处罚|"
    r"行政强制|行政事业性收费|政府集中采购)"
)
"""How a line naming an official row starts (an enumerator, or a 表二 label): a quick test on its text as it is."""


def _consistent(version: FormatVersion, rows: Sequence[_Row], printed: Sequence[list[str]]) -> bool:
    """False when giving the rows of numbers *printed* to *rows* in order breaks a 表三 identity: a row of numbers
    and a label were both lost (the count still matches, the rows are shifted), or the agency erred — the two cannot
    be told apart, so the rows are not read."""
    values: dict[CellKey, Number | None] = {}
    for row, cells in zip(rows, printed, strict=True):
        if row.table is TABLE3 and len(cells) == row.width:
            values.update(_row_values(row, cells))
    return _holds(version, values) is not False


def _whole_table(version: FormatVersion, rows: Sequence[_Row]) -> bool:
    """True when *rows* are every row of one table of *version*, in the official order."""
    spec = format_spec(version)
    table = rows[0].table
    official = [row.key for row in spec.rows(table)] if table.key in spec.table_keys else []
    return [row.key for row in rows] == official


def _after_labels(lines: Sequence[TextLine], rows: Sequence[bool]) -> bool:
    """True when some row of numbers comes right after two lines that start like official row labels, with at most one
    other line between (a header such as ``| 数据1 | 数据2 | …``): a quick test, since most texts have no block of
    rows printed apart from their labels."""
    for i in (i for i, row in enumerate(rows) if row):
        before = [line for line in lines[max(0, i - 3) : i] if _label_only(line)]
        if sum(_ROW_START.match(line.text) is not None for line in before) >= 2:
            return True
    return False


def _name_rows(scan: _Scan, span: range) -> None:
    """Add the official rows named by the label-only lines *span* to the queue of rows waiting for numbers.

    A 表二 row is a line that is its whole label. A 表三 row starts at a line that begins with an enumerator and
    runs over the lines that follow without one (a wrapped label, or a piece of a broken group label) up to a
    column header; it is a row when it matches an official row of the version with the same enumerator, in the
    official order."""
    start: int | None = None
    for i in span:
        key = scan.keys[i]
        if key in scan.table2:
            _close_item(scan, start, i)
            start = None
            scan.queue.append(attr.evolve(scan.table2[key], first=i, line=i))
        elif enumerator(key) is not None:
            _close_item(scan, start, i)
            start = i
        elif start is not None and is_header_compact(key):
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
    if enumerator(spec.label) != split_enumerator(compact(label))[0]:
        return  # the enumerator it was matched by (the last: ``（三）不予公开1.属于国家秘密``) must be the row's
    scan.expected = found.index + 1
    scan.queue.append(_Row(TABLE3, spec.key, len(spec.columns), start, stop - 1))


def _values(band: _Band, reading: list[list[str]]) -> dict[CellKey, Number | None]:
    out: dict[CellKey, Number | None] = {}
    for row, texts in zip(band.rows, reading, strict=True):
        out.update(_row_values(row, texts))
    return out


def _row_values(row: _Row, texts: Sequence[str]) -> dict[CellKey, Number | None]:
    """The values of *row* read from its printed *texts*, one per column."""
    columns = row.table.row(row.key).columns
    return {
        cell_key(row.table.key, row.key, column.key): parse_cell(text, column.value_type).value
        for column, text in zip(columns, texts, strict=True)
    }


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
    if band.row_major or columns == rows:
        return
    if band.table is not TABLE3:
        band.ambiguous = True  # no identity: proved only by another block
        return
    by_columns = _holds(scan.version, _values(band, columns))
    by_rows = _holds(scan.version, _values(band, rows))
    band.proved = by_columns is True and by_rows is False
    # the identities fail read by columns: numbers were lost or moved (or the agency erred) — never read it so
    band.contradicted = by_columns is False or (by_rows is True and by_columns is not True)
    band.ambiguous = not band.proved
    if band.contradicted:
        band.why = "the identities hold row by row" if by_rows is True else "the identities do not hold read by columns"


def _settle_unsure(scan: _Scan) -> None:
    """Flag the numbers after two or more rows named that no block took (:attr:`_Scan.unsure`), and leave them out of
    the text walked — unless the text prints its tables row by row, one cell per line (two rows or more so read, and
    no block read column by column): then they are the last row's own, the rows named before it having printed
    none (``行政处罚`` / ``行政强制`` / ``88283``: 行政处罚's number lost), and are left to the walker.

    Elsewhere they may be the start of a column-major block cut short (``（七）总计`` / ``四、结转下年度继续办理`` /
    ``11`` / ``1`` / ``56`` …: the first column of the rows named, the text truncated) as well as the last row's, and
    the walker would give them to the last row."""
    by_columns = any(band.printed is None and len(band.rows) > 1 for band in scan.bands)
    row_by_row = scan.row_by_row >= 2 and not by_columns
    for rows, numbers in scan.unsure:
        if row_by_row and len(numbers) <= rows[-1].width:
            continue
        why = f"{len(numbers)} numbers for {len(rows)} rows"
        scan.findings.append(_uncertain(scan, rows, numbers, why))
        if not row_by_row:
            scan.dropped.update(numbers)


def _rebuild(scan: _Scan) -> Reattached:
    for band in scan.bands:
        _judge(scan, band)
    _settle_unsure(scan)
    proved = any(band.proved for band in scan.bands)
    lines = list(scan.lines)
    dropped = set(scan.dropped)
    findings = list(scan.findings)
    for band in scan.bands:
        if band.contradicted or (band.ambiguous and not proved):
            why = band.why if band.contradicted else "the order of the numbers is not proved"
            findings.append(_uncertain(scan, band.rows, band.lines, why))
            continue  # left to the walker: two rows' numbers or more after the last label, which reads none of them
        for row, numbers in zip(band.rows, band.reading(), strict=True):
            # the row's label, as matched, on one line with its numbers: the walker reads the row it names
            first, last = lines[row.first], lines[row.line]
            label = " ".join(lines[i].text for i in range(row.first, row.line + 1))
            lines[row.first] = TextLine("\t".join([label, *numbers]), first.number, first.start, last.end, first.path)
            dropped.update(range(row.first + 1, row.line + 1))
        dropped.update(band.lines)
        if len(band.rows) > 1:
            findings.append(_read(scan, band))
    kept = tuple(line for i, line in enumerate(lines) if i not in dropped)
    return Reattached(kept, tuple(findings))


def _span(scan: _Scan, rows: Sequence[_Row], numbers: Sequence[int]) -> str:
    first, last = scan.lines[rows[0].line], scan.lines[numbers[-1]]
    return f"{first.number}–{last.number}"


def _read(scan: _Scan, band: _Band) -> Finding:
    table = band.table
    k, width = len(band.rows), band.rows[0].width
    where = f"lines {_span(scan, band.rows, band.lines)}"
    if band.row_major:
        return _block_finding(
            scan,
            band.rows,
            "READ.DETACHED_ROWS",
            f"表{table.number}：{k}行的数字逐行印在行标签之后，已按顺序读回各行",
            f"{table.key}: the numbers of {k} rows printed one row per line after their labels ({where}): read back "
            "in order",
            read=True,
        )
    return _block_finding(
        scan,
        band.rows,
        "READ.COLUMN_MAJOR",
        f"表{table.number}：{k}个行标签之后按列印有{width}列数字（每列{k}个），已按列读回各行",
        f"{table.key}: {k} row labels followed by {width} column(s) of numbers ({k} each, one per line, {where}): "
        "read back into rows, row i taking the i-th number of each column",
        read=True,
    )


def _unplaced(scan: _Scan, rows: Sequence[_Row], lines: Sequence[int], why: str) -> Finding:
    table = rows[0].table
    return _block_finding(
        scan,
        rows,
        "READ.DETACHED_UNCERTAIN",
        f"表{table.number}：{len(rows)}个行标签之后印有{len(lines)}行数字，行数或每行个数与标签不符，"
        "无法确定各行数字所属的行，未作猜测",
        f"{table.key}: {len(rows)} row labels followed by {len(lines)} rows of numbers (lines "
        f"{_span(scan, rows, lines)}): which row each belongs to is not certain ({why}); not read, not guessed",
    )


def _uncertain(scan: _Scan, rows: Sequence[_Row], numbers: Sequence[int], why: str) -> Finding:
    table = rows[0].table
    return _block_finding(
        scan,
        rows,
        "READ.COLUMN_MAJOR_UNCERTAIN",
        f"表{table.number}：{len(rows)}个行标签之后逐行印有{len(numbers)}个数字，似为按列排列，"
        "但无法确定各数字所属的行和列，未作猜测",
        f"{table.key}: {len(rows)} row labels followed by {len(numbers)} numbers one per line (lines "
        f"{_span(scan, rows, numbers)}) look column-major, but which row and column each number belongs to is "
        f"not certain ({why}); not guessed",
    )


def _block_finding(
    scan: _Scan, rows: Sequence[_Row], code: str, message: str, message_en: str, *, read: bool = False
) -> Finding:
    """The finding *code* about a block of *rows* printed apart from their labels: *read* back (a note) or left
    unread (undecidable), located at the first row's label."""
    return Finding(
        code=code,
        severity=Severity.INFO if read else Severity.WARNING,
        message=message,
        message_en=message_en,
        table=rows[0].table.key,
        outcome=Outcome.NOTE if read else Outcome.UNDECIDABLE,
        evidence=" / ".join(row.key for row in rows),
        source=scan.lines[rows[0].line].source,
    )
