"""Stage 2 for text forms: raw rows → 表二, 表三, 表四, with a finding for everything not read with certainty.

Lines are walked in order. Label-only lines (wrapped labels, vertical one-character labels, group labels split
across pages) are held and prefixed to the next row; value-only lines complete the row before them (one cell
per line, numbers on the line after the label); captions and header lines (also when repeated after a page
break) are skipped. A row is matched to the official row by :mod:`~gov_disclosure.parsing.labels`, its values
placed by :mod:`~gov_disclosure.parsing.resolve` when their number or position is not certain.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attr  # attrs classes in the form mypyc compiles (docs: performance)
from mypy_extensions import mypyc_attr

from gov_disclosure.findings import Finding, Outcome, Severity
from gov_disclosure.model.cells import Cell, CellKind, Number
from gov_disclosure.model.formats import current_format, format_spec, layout_of
from gov_disclosure.model.identities import Identity, identities_of
from gov_disclosure.model.keys import CellKey, cell_key
from gov_disclosure.model.layout import (
    TABLE2,
    TABLE2_2019,
    TABLE3,
    TABLE4,
    ColumnSpec,
    RowSpec,
    TableSpec,
    ValueType,
)
from gov_disclosure.model.source import SourceLocation
from gov_disclosure.model.tables import ExtraRow, Table, Table2, Table2_2019, Table3, Table4
from gov_disclosure.model.versions import FormatVersion
from gov_disclosure.parsing.anchors import anchored_lines, first_table3_label
from gov_disclosure.parsing.cells import parse_cell
from gov_disclosure.parsing.completion import complete_row
from gov_disclosure.parsing.consistency import READINGS, RowReadings, prune
from gov_disclosure.parsing.detached import reattach_labels
from gov_disclosure.parsing.labels import (
    caption_item_compact,
    is_header_compact,
    match_collapsed,
    match_row,
    repeat_read,
)
from gov_disclosure.parsing.lines import NUMBER_WORDS, TextLine, in_step, is_value, joined
from gov_disclosure.parsing.normalize import compact, compact_lines
from gov_disclosure.parsing.resolve import Equation, Key, Resolution, equation, readings, solve

__all__ = ["TextTables", "read_text_tables", "table3_equations", "table4_equations"]

_STOP = re.compile(r"^#*(?:[五六]\.|\.(?:存在的主要问题|其他需要报告))")
"""Section 五 or 六 starts (its numeral may be lost: ``、存在的主要问题…``): no table is read after it."""
_HEADING_WORDS = re.compile(
    r"[、.．]\s*(?:收到和处理政府信息公开申请|政府信息公开行政复议|存在的主要问题|其他需要报告)"
)
"""The words of the heading of 表三, of 表四, or of section 五 or 六 after its numeral's point (the pattern starts
with the point, which the search looks for first)."""


def _heading_inside(text: str) -> int | None:
    """Where the heading of 表三, of 表四, or of section 五 or 六 starts inside a line of a table (lines joined), or
    None: the line is read as two, cut before it (what comes after it is never read into the table before it). Not
    at the line's start: that is the heading's own line. Right after a number the heading's numeral may be lost
    (``…16\\t25、存在的主要问题…``: 25 is the number, not 2 and an enumerator 5): the cut is after the number.

    >>> _heading_inside("0 0 四、政府信息公开行政复议"), _heading_inside("…16\\t25、存在的主要问题")
    (4, 6)
    >>> _heading_inside("五、存在的主要问题"), _heading_inside("又、存在的主要问题") is None
    (None, True)
    """
    for found in _HEADING_WORDS.finditer(text, 1):
        at = found.start()
        before = text[at - 1]
        if before.isdecimal():
            return at
        if before in "三四五六" and at >= 2:
            return at - 1
    return None


def _leading_values(line: TextLine) -> int:
    """The offset in *line* of its first cell that is a label, when values come before it (else 0); blank cells
    between are neither (``67\\t\\t第二十条第（六）项…``: a number cut by a line break, then a blank cell, then the
    next block's caption — the 67 of ``行政许可\\t2`` / ``67…``, which the caption line would take with it).

    >>> from gov_disclosure.parsing.lines import text_rows
    >>> lines = text_rows("67\\t\\t第二十条第(六)项\\n\\t\\t第二十条第(六)项\\n422 第二十条")
    >>> [_leading_values(line) for line in lines]
    [4, 0, 4]
    """
    for cell, value in zip(line.cells, line.values, strict=True):
        if not cell:
            continue
        if not value:
            at = line.text.find(cell)
            return at if at > 0 and not line.text[:at].isspace() else 0
    return 0


def _digits_unread(line: TextLine) -> bool:
    """True when a cell of *line* holds digits but is not a value (``12- 26 -1``: a page mark ``- 26 -`` glued into
    表四's numbers, ``12-`` read as words): a number may be lost there, so 表四's values are read only through the
    identities, however many are left.

    >>> from gov_disclosure.parsing.lines import text_rows
    >>> [_digits_unread(line) for line in text_rows("12- 26 -1\\n26\\n复议后起诉")]
    [True, False, False]
    """
    return any(
        not value and any(char.isdigit() for char in cell) for cell, value in zip(line.cells, line.values, strict=True)
    )


def _cut_at(line: TextLine, at: int) -> tuple[TextLine, TextLine]:
    """*line* as two lines, cut at offset *at* (the second keeps whether the line was cut short; the first's last
    value is a glued run when nothing separated it from the second: :attr:`TextLine.glued_on`)."""
    text = line.text
    glued_on = text[at - 1 : at].isdigit() and not text[at : at + 1].isspace()
    joins = line.joins
    head = TextLine(
        text[:at], line.number, line.start, line.start + at, line.path, glued_on=glued_on, joins=_before(joins, at)
    )
    rest = TextLine(
        text[at:], line.number, line.start + at, line.end, line.path, line.cut, joins=_before(joins, len(text), at)
    )
    return head, rest


def _before(joins: tuple[int, ...], end: int, start: int = 0) -> tuple[int, ...]:
    """The offsets of *joins* strictly between *start* and *end*, from *start*."""
    return tuple(j - start for j in joins if start < j < end)


_T4_HEADER = re.compile("结果维持|未经复议直接起诉|复议后起诉|尚未审结")
_T4_TOP = "行政复议行政诉讼"
"""The top header row of 表四 as a whole line: what is left whole when an extractor breaks the other header cells
into pieces (``结 果``/``维持``, ``其 他 结``/``果``). The heading 四、… alone is not enough: a report without
tables keeps its headings (seed 001)."""
_T4_PROSE = re.compile(r"\d件|[,;]")
"""What tells a sentence of the narrative from a header of 表四: a count in 件 (``其中结果维持72件``) or a comma or
semicolon (compacted). A header cell holds neither, also when broken into pieces (``结 果``/``维持``)."""
_T4_COLUMNS = len(TABLE4.rows) * 5


@mypyc_attr(native_class=False)
@attr.s(auto_attribs=True, slots=True, frozen=True, kw_only=True)
class TextTables:
    """The tables read from a text, the findings of reading them, and which tables were found."""

    table2: Table2 | None = None
    table2_2019: Table2_2019 | None = None
    table3: Table3 | None = None
    table4: Table4 | None = None
    found: tuple[str, ...] = ()
    """Keys of the tables whose region was found in the text (``table2``/``table2_2019``, ``table3``, ``table4``)."""
    findings: tuple[Finding, ...] = ()


@attr.s(auto_attribs=True)
class _Row:
    label: str
    values: list[str]
    structured: bool
    line: TextLine
    """The line the row starts on (its :attr:`source`, made when asked: most repeats of a row never are)."""
    spec: RowSpec | None = None
    extra: bool = False
    uncertain: bool = False
    """True when the printed values may not be one per column: a value run was glued to a label, or values on the
    row's own line were completed by values on later lines. Such a row is read only through the identities."""
    glued: set[int] = attr.ib(factory=set)
    """Indices in *values* of runs split off a label: values glued together, to be cut."""
    cuts: dict[int, frozenset[int]] = attr.ib(factory=dict)
    """For the runs of :attr:`glued` printed over several lines and joined, the offsets where cutting one is no
    assumption (:attr:`~gov_disclosure.parsing.lines.TextLine.cuts`); a run not listed may be cut anywhere."""
    extended: bool = False
    """True when values printed after the row's own line were added to it (they may belong to a lost row)."""
    repeat: bool = False
    """True for an official row printed again (see :func:`_read_instead`)."""
    exact: bool = False
    """True when the row's label names its official row exactly (not only closely: a typo, a piece lost)."""
    labelled_line: bool = False
    """True when the row's values start on the line of its label (``规章\t14\t24\t2``): numbers on the next line
    may then continue the last of them (a line break inside ``26``), unlike a table printed a cell per line."""
    unreadable: bool = False
    """True when no reading of the values is certain: a 表二 row (no identity checks a split) whose last number is
    followed by a line starting with a number and going on with words, which may continue that number or not."""
    marks: list[int] | None = None
    """For a row printed a cell per line (its label alone on its line, then each value alone on its own), the numbers
    of those lines: see :func:`_out_of_step`; None for a row printed otherwise."""

    @property
    def source(self) -> SourceLocation:
        """Where the row starts."""
        return self.line.source

    def join(self, more: str, free: frozenset[int] | None) -> None:
        """Add *more*, printed on the next line (where *free* says it is cut freely), to the last value: a line
        break may have cut that number. The two are a glued run, cut freely at the break and where each part is."""
        last = len(self.values) - 1
        value = self.values[last]
        own = self.cuts.get(last) if last in self.glued else frozenset()
        self.values[last], self.cuts[last] = joined([(value, own), (more, free)])
        self.glued.add(last)


@attr.s(auto_attribs=True)
class _Region:
    spec: TableSpec
    version: FormatVersion
    rows: list[_Row] = attr.ib(factory=list)
    pending: list[str] = attr.ib(factory=list)
    pending_at: int = -1
    """The number of the last line that went to :attr:`pending`."""
    expected: int = 0
    closed: bool = False
    """True after a caption or header line, or a line of words naming no row and numbers: values after it with no
    label of their own belong to a row whose label was lost, or to those words, never to the row above it
    (``性文件8 26 66`` / ``第二十条第（五）项 447`` / ``228``: 228 ends 447)."""
    shut: bool = False
    """True when the last line read ended in a pipe (``| 规章 | 0 | 3 | 2 |``): a closed cell, so the line break
    after it cut no number (``16—``, a page mark that lost a dash, does not make 2 into 216)."""
    spec_rows: tuple[RowSpec, ...] = attr.ib(init=False)
    """The rows of *spec* that a report of *version* has."""
    absent: frozenset[str] = attr.ib(init=False)
    """The rows of *spec*'s model class that a report of *version* does not have (2019's （六） row in 2021)."""

    repeats: dict[str, tuple[_Row, int]] = attr.ib(factory=dict)
    """Official rows printed again: row key → the first repeat, and how often the row is printed."""
    _read: set[str] = attr.ib(factory=set)

    def __attrs_post_init__(self) -> None:
        self.spec_rows = format_spec(self.version).rows(self.spec)
        self.absent = frozenset(format_spec(self.version).rows_absent(self.spec.key))

    def add(self, row: _Row) -> None:
        """Add a row read. A repeat of an official row is only counted (:attr:`repeats`); it stays among the rows
        only while it is the last one (values on the next lines complete it, not the row before it). A table
        printing one row 100,000 times then holds two rows, not 100,000: memory follows the table, not the text."""
        key = row.spec.key if row.spec is not None else None
        if key is None or key in self.absent:  # an extra row, or one the format lacks: read as an extra row
            self.rows.append(row)
        elif key not in self._read:
            self._read.add(key)
            self.rows.append(row)
        else:
            first, times = self.repeats.get(key, (row, 1))
            self.repeats[key] = (first, times + 1)
            row.repeat = True
            if self.rows[-1].repeat:
                self.rows[-1] = row
            else:
                self.rows.append(row)


def _in_row(key: CellKey) -> Key:
    """Where the resolver finds *key* in the rows of its table: (row key, column index)."""
    return key.row, [c.key for c in layout_of(key.table, key.row).row(key.row).columns].index(key.column)


def _in_table4_line(key: CellKey) -> Key:
    """Where the resolver finds a cell of 表四 printed as one line of 15 values: ("table4", position)."""
    rows = [r.key for r in TABLE4.rows]
    return "table4", rows.index(key.row) * len(TABLE4.rows[0].columns) + _in_row(key)[1]


@functools.cache
def table3_equations(version: FormatVersion) -> tuple[Equation, ...]:
    """The identities of 表三 (format-spec §5.1 rules 1–3) over (row key, column index)."""
    return tuple(equation(i, _in_row) for i in identities_of(format_spec(version)) if i.table == TABLE3.key)


@functools.cache
def _table3_row_identities(
    version: FormatVersion, collapsed: frozenset[str] = frozenset()
) -> dict[str, tuple[tuple[Identity, Equation], ...]]:
    """For each row of 表三 (with the rows *collapsed* printed as one), the identities it takes part in, each with
    the resolver's view of it."""
    spec = format_spec(version)
    pairs = [(i, equation(i, _in_row)) for i in identities_of(spec, collapsed) if i.table == TABLE3.key]
    return {
        row.key: tuple(p for p in pairs if any(k.row == row.key for k in p[0].cells))
        for row in spec.rows(TABLE3, collapsed)
    }


@functools.cache
def _table3_row_equations(
    version: FormatVersion, collapsed: frozenset[str] = frozenset()
) -> dict[str, tuple[Equation, ...]]:
    """For each row of 表三, the identities it takes part in."""
    return {row: tuple(eq for _, eq in pairs) for row, pairs in _table3_row_identities(version, collapsed).items()}


def _table4_identities() -> tuple[Identity, ...]:
    return tuple(i for i in identities_of(current_format()) if i.table == TABLE4.key)


def table4_equations() -> tuple[Equation, ...]:
    """The identities of 表四 (format-spec §5.2 rule 6): each group's 总计 is the sum of its four results."""
    return tuple(equation(i, _in_row) for i in _table4_identities())


@functools.cache
def _t4_flat_equations() -> tuple[Equation, ...]:
    return tuple(equation(i, _in_table4_line) for i in _table4_identities())


_Segment = tuple[list[str], list[str], set[int], dict[int, frozenset[int]]]


def _segments(
    cells: Sequence[str], values: Sequence[bool], glued_at: frozenset[int], line_cuts: Mapping[int, frozenset[int]]
) -> list[_Segment]:
    """(labels, values, glued, cuts) runs of a line's *cells*: a label after a value starts a new run; *glued* holds
    the indices (in the run's values) of the values that were split off a label (*glued_at*, indices in *cells*),
    *cuts* where those printed over several lines may be cut (*line_cuts*: :attr:`TextLine.cuts`)."""
    out: list[_Segment] = []
    labels: list[str] = []
    run: list[str] = []
    glued: set[int] = set()
    cuts: dict[int, frozenset[int]] = {}
    printed = False  # whether *run* holds a printed value (not only blanks)
    for index, (text, value) in enumerate(zip(cells, values, strict=True)):
        if text and not value:
            if printed:
                out.append((labels, run, glued, cuts))
                labels, run, glued, cuts, printed = [], [], set(), {}, False
            labels.append(text)
        else:
            if glued_at and index in glued_at:
                glued.add(len(run))
                if index in line_cuts:
                    cuts[len(run)] = line_cuts[index]
            run.append(text)
            printed = printed or bool(text)
    if labels or run:
        out.append((labels, run, glued, cuts))
    return out


def _classify(text: str, caption: str | None) -> str | None:
    if caption is not None or text.startswith("信息内容"):
        return "table2"
    if "勾稽关系" in text or "申请人情况" in text:
        return "table3"
    if _t4_header(text):
        return "table4"
    return None


def _t4_header(text: str) -> bool:
    """True when the compacted line *text* is (a piece of) the header of 表四, not a sentence quoting its words.

    >>> _t4_header("结果维持结果纠正其他结果尚未审结总计"), _t4_header("未经复议直接起诉复议后起诉")
    (True, True)
    >>> _t4_header("行政复议行政诉讼"), _t4_header("四.政府信息公开行政复议.行政诉讼情况")
    (True, False)
    >>> _t4_header("件,其中结果维持72件,结果纠正64件,其他结果178件,尚")
    False
    """
    if text == _T4_TOP:
        return True
    return _T4_HEADER.search(text) is not None and _T4_PROSE.search(text) is None


def read_text_tables(rows: Iterable[TextLine], version: FormatVersion) -> TextTables:
    """Read 表二 (of *version*), 表三 and 表四 from the raw rows of a text, in reading order."""
    t2spec = format_spec(version).table2
    regions: dict[str, _Region] = {}
    current: _Region | None = None
    t4_values: list[str] = []
    t4_breaks: set[int] = set()  # indices of t4_values that a line break between two numbers comes before
    t4_glued: set[int] = set()  # indices of t4_values split off a label (``总计10203120001200000``): glued runs
    t4_cuts: dict[int, frozenset[int]] = {}  # where those of them printed over lines joined are cut freely
    t4_cut = False  # a line read into 表四 was cut inside its last cell, or holds digits not read: a value may be lost
    t4_ends_in_value = False  # the last line read into 表四 ended with a number
    t4_exact: list[str] | None = None
    t4_full = t4_open = False
    t4_source: SourceLocation | None = None
    t4_last = -1  # the number of the last line whose numbers were read into 表四
    t4_apart = True  # every line that gave 表四 numbers holds one and nothing else: numbers one per line
    t4_marks: list[int] = []  # the numbers of the line before 表四's values and of each line that gave one
    reattached = reattach_labels(list(rows), version)  # rows printed apart from their labels made rows again
    anchored = anchored_lines(reattached.lines, version)
    lines = anchored.lines
    plains = [line.plain if "|" in line.text else line.text for line in lines]  # without a pipe, plain() is the text
    queue = [
        (line, text, i in anchored.pieces)
        for i, (line, text) in enumerate(zip(lines, compact_lines(plains), strict=True))
    ]
    queue.reverse()  # popped from the end: a line cut in two puts its rest back
    while queue:
        line, text, glued_table = queue.pop()
        # a line is split into cells only once it is inside a table; its compact text tells where it is
        if _STOP.match(text):
            break
        heading = _heading_inside(line.text) if current is not None else None
        if heading is not None:  # ``…61 4 305`` / ``0 四、结转… 103 四、政府信息公开行政复议…`` (lines joined)
            head, rest = _cut_at(line, heading)
            queue.append((rest, compact(rest.plain), glued_table))
            line, text = head, compact(head.plain)
        caption = caption_item_compact(text)
        kind = _classify(text, caption)
        label_at = first_table3_label(line.text, version) if kind == "table3" else None
        if label_at is not None:  # ``…机构其他一、本年新收…3000003``: the header goes on with the first rows
            head, rest = _cut_at(line, label_at)
            queue.append((rest, compact(rest.plain), glued_table))
            line, text = head, compact(head.plain)
        lead = _leading_values(line) if current is not None and (caption or kind) and text[:1].isdigit() else 0
        if lead:  # ``422 第二十条第（五）项…``: numbers before a caption end the row above (a number cut by a break)
            head, rest = _cut_at(line, lead)
            queue.append((rest, compact(rest.plain), glued_table))
            line, text = head, compact(head.plain)
            caption, kind = None, None
        if kind == "table3" and current is not None and current.spec is TABLE3 and "table4" not in regions:
            current.pending.clear()
            continue  # a repeated header
        if kind == "table2" and current is not None and current.spec is not t2spec and "table3" in regions:
            kind = None  # 第二十条 quoted after 表二: not a new table
        if kind is not None:
            key = t2spec.key if kind == "table2" else kind
            if key not in regions:
                regions[key] = _Region(t2spec if kind == "table2" else TABLE3 if kind == "table3" else TABLE4, version)
            current = regions[key]
            current.pending.clear()
            current.closed = True
            if kind != "table4":
                continue
        if (current is None or current.spec is t2spec) and text.startswith("一.本年新收"):
            current = regions.setdefault("table3", _Region(TABLE3, version))
        if current is None:
            continue
        if current.spec is TABLE4:
            values_only = all(value or not c for c, value in zip(line.cells, line.values, strict=True))
            if t4_full:
                leading = list(
                    itertools.takewhile(bool, (c if v else "" for c, v in zip(line.cells, line.values, strict=True)))
                )
                if t4_open and leading:  # numbers right after all fifteen: a number may have been wrapped
                    if t4_ends_in_value:
                        t4_breaks.add(len(t4_values))
                    t4_values.extend(leading)
                    t4_last = line.number
                    t4_exact = None
                    if len(leading) == len(line.cells):
                        continue  # (a line of numbers only: more may follow)
                t4_open = False
                continue
            cells = list(line.cells)
            while cells and not cells[-1]:
                cells.pop()
            while cells and not cells[0]:
                cells.pop(0)
            t4_cut = t4_cut or line.cut or _digits_unread(line)
            if line.structured and len(cells) == _T4_COLUMNS and values_only and not t4_values and not line.cut:
                # (after numbers on the lines above, e.g. a header ending in ``2`` before ``32\t0…``, the
                # fifteen are not the row: a number may have been cut by the line break)
                t4_exact, t4_source, t4_last = cells, line.source, line.number
                t4_values = [c for c in cells if c]
                t4_full = t4_open = True
                continue
            printed = [i for i, value in enumerate(line.values) if value]
            if printed:
                t4_apart = t4_apart and values_only and len(printed) == 1
                t4_marks.append(line.number)
            elif not t4_values:
                t4_marks = [line.number]
            if t4_values and printed and t4_ends_in_value and is_value(cells[0]):
                t4_breaks.add(len(t4_values))
            t4_glued.update(len(t4_values) + n for n, i in enumerate(printed) if glued_table or i in line.glued)
            line_cuts = line.cuts if line.joins and not glued_table else {}
            if line_cuts:
                t4_cuts.update({len(t4_values) + n: line_cuts[i] for n, i in enumerate(printed) if i in line_cuts})
            t4_values.extend(line.cells[i] for i in printed)
            t4_last = line.number if printed else t4_last
            t4_ends_in_value = bool(cells) and is_value(cells[-1]) and not line.text.rstrip().endswith("|")
            t4_source = t4_source or line.source
            if len(t4_values) >= _T4_COLUMNS:
                # (fifteen are the row only when none is a run split off a label and no value may be lost to a cut:
                # ``| … | 76 | 0`` / `` | 1`` / ``8 | 25 …``, the 0 lost and 18 cut in two, are fifteen too; nor,
                # printed one per line, out of the extractor's step: ``7`` / ``2`` / ``178`` …, 72 cut, 64 lost)
                in_order = not t4_glued and not t4_cut and (not t4_apart or in_step(t4_marks))
                t4_exact = t4_values if len(t4_values) == _T4_COLUMNS and in_order else None
                t4_full = t4_open = True
            continue
        _read_line(current, line, text, caption, version, glued_table=glued_table)
    else:  # the text ends inside a table: cut short, maybe inside the last number of its last line
        if lines and t4_last == lines[-1].number:
            t4_exact = None  # read only if the identities hold (its last number may be cut, or lost to the cut)
        if lines:
            _distrust_last(regions.values(), lines[-1])
        if current is not None and current.rows:  # (its last number may go on in the lost text: ``…215\t45`` / ``5``)
            current.rows[-1].uncertain = True
    findings: list[Finding] = list(reattached.findings)
    ended = bool(queue)  # the loop stopped at section 五 or 六 (the rest of a line cut before one included)
    if lines and lines[-1].cut and current is not None and not ended:
        findings.append(_cut_finding(current.spec, lines[-1]))
    t2 = _build(regions.get(t2spec.key), t2spec, version, findings)
    t3 = _build(regions.get("table3"), TABLE3, version, findings)
    t4 = (
        _build_t4(t4_exact, t4_values, t4_source, findings, t4_breaks, t4_glued, t4_cuts)
        if "table4" in regions
        else None
    )
    found = tuple(key for key in (t2spec.key, "table3", "table4") if key in regions)
    return TextTables(
        table2=t2 if isinstance(t2, Table2) else None,
        table2_2019=t2 if isinstance(t2, Table2_2019) else None,
        table3=t3 if isinstance(t3, Table3) else None,
        table4=t4,
        found=found,
        findings=tuple(findings),
    )


def _cut_finding(spec: TableSpec, last: TextLine) -> Finding:
    """READ.TEXT_CUT: the text ends right after a digit inside table *spec*, on its *last* line."""
    tail = " ".join(last.text.split())[-12:]
    return Finding(
        code="READ.TEXT_CUT",
        severity=Severity.WARNING,
        message=f"文本在表{spec.number}中的数字处结束（“…{tail}”），可能被截断：最后一个数值未读取",
        message_en=f"the text ends inside {spec.key}, right after a digit (…{tail}): it may have been cut short there; "
        "its last number is not read",
        table=spec.key,
        outcome=Outcome.NOTE,
        evidence=last.text,
        source=last.source,
    )


def _distrust_last(regions: Iterable[_Region], last: TextLine) -> None:
    """Read the row of the text's *last* line only through the identities: a text that ends inside a table was cut
    short, maybe inside that row's last number (``… 10 1 7`` for ``… 10 1 769``), which the identities then break."""
    for region in regions:
        for row in region.rows:
            if row.line.number == last.number:
                row.uncertain = True


def _read_line(
    region: _Region, line: TextLine, text: str, caption: str | None, version: FormatVersion, *, glued_table: bool
) -> None:
    """Read one line of a table into *region*; *glued_table* says that the line was cut out of a table glued into
    one line (:class:`~gov_disclosure.parsing.anchors.Anchored`), so each of its values may be several glued."""
    cells, structured, glued_at, marks = line.parts
    shut, region.shut = region.shut, line.text.rstrip().endswith("|")
    if caption is not None or (True not in marks and is_header_compact(text)):
        region.pending.clear()
        region.closed = True
        return
    line_cuts = line.cuts if glued_at and line.joins and not glued_table else {}
    for segment, (labels, values, glued, cuts) in enumerate(_segments(cells, marks, glued_at, line_cuts)):
        if glued_table:
            glued = {i for i, value in enumerate(values) if value}
        has_values = any(values)
        if labels and not has_values:
            label = " ".join(labels)
            region.pending.append(label if shut else _after_continued_number(region, label, version))
            region.pending_at = line.number
            continue
        if labels and segment == 0 and not region.pending and not shut:  # ``…1\t7`` / ``69- 5 2.11…`` (769)
            labels[0] = _after_continued_number(region, labels[0], version)
        if not labels and not region.pending:
            last = region.rows[-1] if region.rows and not region.closed else None
            if last is not None and last.spec is not None:
                # Values right after a row complete it (numbers on the line after a wrapped label, one cell per
                # line). After values on the row's own line they may also be a wrapped number, or the values of a
                # row whose label was lost: the row is then read only through the identities.
                last.uncertain = last.uncertain or bool(glued) or any(last.values)
                cut = last.labelled_line and not shut and bool(last.values and last.values[-1] and values and values[0])
                if cut and region.spec is not TABLE3 and (
                    not all(line.values) or len(last.values) >= len(last.spec.columns)
                ):
                    # (表三's identities check the split; a 表二 row has none, and joins only a line of numbers
                    # alone, never the start of a sentence: ``1.43`` / ``940 元。`` is not 1.43940, but
                    # ``8`` / ``26 6`` / ``6 项`` may be 8 26 66: neither reading is certain; nor after a row
                    # printed whole on its line: ``行政许可 13 -9 11`` / ``17`` may be 1117, or 11 and the 17 of a
                    # row whose label was lost)
                    last.unreadable = True
                elif cut:
                    # the line break may cut the row's last number (``…\t6`` / ``51\t4509…`` for 651), and so
                    # may each further break (``8`` / ``26 6`` / ``6`` for 8 26 66): the two parts are one glued
                    # run, cut freely at the break, elsewhere only where the columns or the identities force it
                    last.join(values[0], cuts.get(0) if 0 in glued else frozenset())
                    values, glued = values[1:], {i - 1 for i in glued if i > 0}
                    cuts = {i - 1: at for i, at in cuts.items() if i > 0}
                last.extended = True
                last.marks = [*last.marks, line.number] if last.marks is not None and _one_value(line) else None
                last.glued.update(len(last.values) + i for i in glued)
                if cuts:
                    last.cuts.update({len(last.values) + i: at for i, at in cuts.items()})
                last.values.extend(values)
                last.structured = False
            continue
        held = [*region.pending, " ".join(labels)] if labels else list(region.pending)
        if len(held) > 1:
            del held[: _own_label_start(region, held, version)]  # rows printed with no value before this one
        label = " ".join(held)
        region.pending.clear()
        region.closed = False
        whole = match_collapsed(label, region.spec, version)
        found = None if whole is not None else match_row(label, region.spec, version=version, expected=region.expected)
        row = _Row(
            label, values, structured, line, uncertain=bool(glued), glued=glued, cuts=cuts, labelled_line=bool(labels)
        )
        if not labels and held and _one_value(line):
            row.marks = [region.pending_at, line.number]
        if whole is not None:  # （六）其他处理 printed as one row in a 2021 表三: in place of its parts
            row.spec, row.exact = whole, True
            final = format_spec(version).collapsible(region.spec.key)[whole.key][-1]
            region.expected = next(i for i, r in enumerate(region.spec_rows) if r.key == final) + 1
        elif found is not None:
            row.spec, row.exact = region.spec_rows[found.index], found.exact
            region.expected = found.index + 1
        else:
            row.extra = len(compact(label)) <= 24 and "。" not in label
        if row.spec is not None or row.extra:
            region.add(row)
        else:  # words that name no row, with numbers (``…信息处理费 39`` / ``40 元``): what follows is theirs, never
            region.closed = True  # the rest of the row read before them


_DIGITS_BEFORE_WORDS = re.compile(rf"(\d+)((?![{NUMBER_WORDS}])[^\d\s.、．].*)")
"""A label that starts with digits glued to words, with no enumerator's point between them (``4形，不计其他情形）``);
not to a unit or count word, which goes on the number (``1345万``, its ``元`` on the next line, is not 1345)."""


def _after_continued_number(region: _Region, label: str, version: FormatVersion) -> str:
    """*label*, a line of words only, without the digits it starts with when they may continue the last number of the
    row read just before it; those digits are then added to that number as a glued run, and the row is read only
    through the identities. A line break may fall inside a number whose row's label wraps around its numbers:
    ``（二）部分公开（…只计这一情`` / ``447 7 0 0 0 0 45`` / ``4形，不计其他情形）`` (454). A single digit before words
    is that only when, read as an enumerator that lost its point, it names no official row (``2逾期未按收费通知要求缴纳
    费用`` is 2.逾期…, a row of its own).

    >>> from gov_disclosure.model.layout import TABLE3
    >>> region = _Region(TABLE3, "2021")
    >>> row = _Row("（二）部分公开", ["447", "7", "0", "0", "0", "0", "45"], False, None)  # type: ignore[arg-type]
    >>> row.spec = region.spec_rows[3]
    >>> region.rows.append(row)
    >>> _after_continued_number(region, "4形，不计其他情形）", "2021"), row.values[-1], row.uncertain
    ('形，不计其他情形）', '454', True)
    >>> _after_continued_number(region, "2逾期未按收费通知要求缴纳费用", "2021"), row.values[-1]
    ('2逾期未按收费通知要求缴纳费用', '454')
    """
    found = _DIGITS_BEFORE_WORDS.fullmatch(label)
    last = region.rows[-1] if region.rows and not region.closed and not region.pending else None
    if found is None or last is None or last.spec is None or not (last.values and last.values[-1]):
        return label
    digits, words = found.groups()
    named = match_row(f"{digits}.{words}", region.spec, version=version, expected=region.expected)
    if named is not None:
        return label  # an enumerated label that lost its point
    last.join(digits, None)  # (digits glued to words: anywhere inside)
    last.uncertain = last.extended = True
    return words


def _own_label_start(region: _Region, held: Sequence[str], version: FormatVersion) -> int:
    """Where the label of the row whose values come next starts among the label pieces *held* for it: at the last
    piece that names an official row whole, when an earlier piece names another row whole — that row was printed
    with no value (or lost it), and its label is not the first part of this one (``行政处罚`` / ``行政强制`` /
    ``88283``: 88283 is 行政强制's). Otherwise 0: the pieces are one label wrapped over lines, or a group label
    and a row label."""
    exact = []
    for index, piece in enumerate(held):
        found = match_row(piece, region.spec, version=version, expected=region.expected)
        if found is not None and found.exact:
            exact.append((index, found.index))
    if len(exact) > 1 and len({row for _, row in exact}) > 1:
        return exact[-1][0]
    return 0


def _where(spec: TableSpec, row: RowSpec, column: ColumnSpec) -> CellKey:
    return cell_key(spec.key, row.key, column.key)


def _exact(values: Sequence[str], n: int, structured: bool) -> Sequence[str] | None:
    """The *n* values of a row when they are certain: its cells between the first and last printed one (explicit
    boundaries), or its printed values when there are exactly *n*; None otherwise."""
    if structured:
        start, end = 0, len(values)
        while end > start and not values[end - 1]:
            end -= 1
        while start < end and not values[start]:
            start += 1
        if end - start == n:
            return values[start:end]
    nonempty = [v for v in values if v]
    if len(nonempty) == n:
        return nonempty
    return None


def _build(region: _Region | None, spec: TableSpec, version: FormatVersion, findings: list[Finding]) -> Table | None:
    if region is None:
        return None
    cells: dict[str, list[Cell]] = {}
    pending: list[_Row] = []
    extras: list[ExtraRow] = []
    last_key: str | None = None
    collapsed = _collapsed(region, version)
    instead = {key: _read_instead(region, key, repeat) for key, (repeat, _) in region.repeats.items()}
    for row in region.rows:
        if row.spec is not None and row.spec.key in region.absent and row.spec.key not in collapsed:
            row.spec = None  # printed with its parts as well: a row the form does not have
        if row.spec is None:
            extras.append(
                ExtraRow(
                    label=row.label,
                    cells=tuple(parse_cell(v, source=row.source) for v in row.values if v),
                    after=last_key,
                )
            )
            findings.append(_extra_finding(spec, row, last_key))
            continue
        last_key = row.spec.key
        if row.repeat:
            continue
        row_spec = row.spec
        read = instead.get(row_spec.key, row)  # the print read: the first, unless printed again otherwise
        if read is None:
            continue  # printed twice with other numbers, neither print named more exactly: not read
        n = len(row_spec.columns)
        exact = None if read.uncertain else _exact(read.values, n, read.structured)
        if exact is None:
            cells[row_spec.key] = []  # placed once resolved (below), in reading order
            pending.append(read)
            continue
        money = (spec.key, row_spec.key) in _MONEY_ROWS
        cells[row_spec.key] = _parse_row(exact, row_spec.columns, read.source, money=money)
    findings.extend(
        _duplicate_finding(spec, row, times, instead.get(row.spec.key, row) if row.spec else row)
        for row, times in region.repeats.values()
    )
    if pending:
        known = {(key, i): cell.value for key, row_cells in cells.items() for i, cell in enumerate(row_cells)}
        equations = _table3_row_equations(version, collapsed) if spec is TABLE3 else {}
        identities = _table3_row_identities(version, collapsed) if spec is TABLE3 else {}
        _resolve_rows(spec, pending, equations, known, cells, findings, identities)
    _not_printed(spec, version, collapsed, cells, findings)
    for row_spec in format_spec(version).rows(spec):
        if row_spec.key not in cells:
            findings.append(_missing_finding(spec.key, row_spec.key))
    table = format_spec(version).table_class(spec.key)
    built = {key: table.row_types[key].from_cells(values) for key, values in cells.items()}
    return table.from_rows(built, extra_rows=extras)


def _collapsed(region: _Region, version: FormatVersion) -> frozenset[str]:
    """The rows of *region* printed as one in place of the parts the format splits them into (and not with them)."""
    parts = format_spec(version).collapsible(region.spec.key)
    read = {row.spec.key for row in region.rows if row.spec is not None}
    return frozenset(key for key in parts if key in read and read.isdisjoint(parts[key]))


def _not_printed(
    spec: TableSpec,
    version: FormatVersion,
    collapsed: frozenset[str],
    cells: dict[str, list[Cell]],
    findings: list[Finding],
) -> None:
    """Fill the rows the report does not print with cells not printed, one ``READ.ROW_NOT_PRINTED`` finding each
    time: the parts of a row printed as one (*collapsed*), and an omissible row (:attr:`RowSpec.omissible`) whose
    table goes on with the row after it."""
    fmt = format_spec(version)
    rows = fmt.rows(spec)
    for whole in sorted(collapsed):
        parts = [spec.row(key) for key in fmt.collapsible(spec.key)[whole]]
        for part in parts:
            cells[part.key] = [Cell.not_printed()] * len(part.columns)
        findings.append(_not_printed_finding(spec, parts, f"“{spec.row(whole).label}”印为一行（2019年格式的排法）"))
    for row, after in itertools.pairwise(rows):
        if row.omissible and row.key not in cells and after.key in cells:
            cells[row.key] = [Cell.not_printed()] * len(row.columns)
            findings.append(_not_printed_finding(spec, [row], None))


def _not_printed_finding(spec: TableSpec, rows: Sequence[RowSpec], why: str | None) -> Finding:
    labels = "、".join(f"“{row.full_label}”" for row in rows)
    keys = ", ".join(row.key for row in rows)
    return Finding(
        code="READ.ROW_NOT_PRINTED",
        severity=Severity.INFO,
        message=f"表{spec.number}{why + '，' if why else ''}未印出{labels}{'行' if len(rows) == 1 else '各行'}："
        "记为未印出，不是0，也不是空白。",
        message_en=f"{spec.key}: the report does not print {keys}"
        + (f" (it prints {rows[0].group} as one row, as the 2019 form does)" if why else "")
        + ": not printed, which is neither zero nor blank.",
        cells=tuple(CellKey(spec.key, row.key, column.key) for row in rows for column in row.columns),
        outcome=Outcome.NOTE,
    )


_MONEY_ROWS = frozenset(
    (table.key, row.key)
    for table in (TABLE2, TABLE2_2019, TABLE3, TABLE4)
    for row in table.rows
    if any(column.value_type is ValueType.MONEY for column in row.columns)
)
"""(table key, row key) of the rows with a money column."""


def _parse_row(
    texts: Sequence[str], columns: Sequence[ColumnSpec], source: SourceLocation | None, *, money: bool
) -> list[Cell]:
    """The cells of a row read exactly; cells printed alike (the zeros of a row) are one immutable cell object.

    *money* tells whether the row has a money column (the other columns read alike: signed ones as counts do)."""
    if not money:
        distinct = set(texts)
        if len(distinct) == 1:  # a row of zeros, the most common row
            return [parse_cell(texts[0], source=source)] * len(texts)
        read = {text: parse_cell(text, source=source) for text in distinct}
        return [read[text] for text in texts]
    return [parse_cell(text, column.value_type, source=source) for text, column in zip(texts, columns, strict=True)]


def _reader(types: Sequence[ValueType]) -> Any:
    """How a piece reads in a column during resolution: a number of the column's type, or a not-applicable mark.

    Stricter than reading an exact row: a piece placed by resolution may not be negative outside signed columns,
    nor carry a money unit outside money columns (such a reading is not the printed one).
    """

    def value(i: int, piece: str) -> tuple[bool, Number | None]:
        cell = parse_cell(piece, types[i])
        if cell.kind is CellKind.NOT_APPLICABLE:
            return True, None
        if cell.value is None:
            return False, None
        if types[i] is not ValueType.SIGNED and cell.value < 0:
            return False, None
        if types[i] is not ValueType.MONEY and cell.unit in ("元", "万元"):
            return False, None
        return True, cell.value

    return value


def _one_value(line: TextLine) -> bool:
    """True for a line that holds one value and nothing else."""
    return line.values == (True,)


def _out_of_step(row: _Row, width: int) -> bool:
    """Whether *row*, printed a cell per line, holds as many values as its columns only by chance: its lines are out
    of the extractor's step (:func:`~gov_disclosure.parsing.lines.in_step`), so a value may have been lost and
    another cut in two (``规章`` / ``1`` / ``1`` / ``101``: 0 lost, 11 cut). Neither its count nor the identities
    (which the agency's own errors may break) then tell its values."""
    return row.marks is not None and len(row.marks) > 2 and len(row.values) == width and not in_step(row.marks)


def _solve_row(
    spec: TableSpec, row: _Row, equations: Mapping[str, Sequence[Equation]], known: dict[Key, Number | None]
) -> Resolution:
    assert row.spec is not None
    row_spec = row.spec
    tokens, glued, breaks, types = _tokens(row)
    if row.unreadable or _out_of_step(row, len(types)):
        return Resolution((None,) * len(types), ((),) * len(types), 0)
    signed = frozenset(i for i, t in enumerate(types) if t is ValueType.SIGNED)
    return solve(
        tokens,
        len(types),
        _reader(types),
        row=row_spec.key,
        equations=equations.get(row_spec.key, ()),
        known=known,
        signed=signed,
        glued=glued,
        breaks=breaks,
        as_printed=not row.extended,
    )


def _resolve_rows(
    spec: TableSpec,
    pending: list[_Row],
    equations: Mapping[str, Sequence[Equation]],
    known: dict[Key, Number | None],
    cells: dict[str, list[Cell]],
    findings: list[Finding],
    identities: Mapping[str, Sequence[tuple[Identity, Equation]]] | None = None,
) -> None:
    """Resolve the rows whose values are not certain, using only the identities that the final reading keeps.

    An identity that the reading of the whole table breaks (the agency's arithmetic, format-spec §5) was not usable
    and must not have picked a split (issue 12's honesty rule): the rows are resolved again without every identity
    found broken, until no new one is. A short row may then be completed from the usable *identities* (the same
    identities as *equations*, with their definitions: :mod:`.completion`).
    """
    unusable: set[Equation] = set()
    while True:
        usable = (
            equations
            if not unusable
            else {r: tuple(e for e in eqs if e not in unusable) for r, eqs in equations.items()}
        )
        values = dict(known)
        results = _resolve_pass(spec, pending, usable, values)
        results = _resolve_jointly(pending, usable, values, results)
        for index, row in enumerate(pending):
            assert row.spec is not None
            for i, piece in enumerate(results[index].pieces):
                if piece is not None:
                    values.setdefault((row.spec.key, i), parse_cell(piece, row.spec.columns[i].value_type).value)
        used = {eq for row in pending if row.spec is not None for eq in usable.get(row.spec.key, ())}
        broken = {eq for eq in used if _breaks(eq, values)}  # only these could have picked a split
        if not broken:
            break
        unusable |= broken
    for index, row in enumerate(pending):
        assert row.spec is not None
        usable_pairs = tuple(p for p in (identities or {}).get(row.spec.key, ()) if p[1] not in unusable)
        _place_row(spec, row, results[index], cells, findings, usable_pairs, values)


def _resolve_jointly(
    pending: list[_Row],
    equations: Mapping[str, Sequence[Equation]],
    known: Mapping[Key, Number | None],
    results: dict[int, Resolution],
) -> dict[int, Resolution]:
    """*results* with the rows still undecided decided together, as far as their complete readings pruned by the
    identities they share make certain (:mod:`~gov_disclosure.parsing.consistency`)."""
    listed: dict[int, RowReadings] = {}
    for index, result in results.items():
        row = pending[index]
        if result.forced or row.extended or None not in result.pieces:
            continue
        assert row.spec is not None
        tokens, glued, breaks, types = _tokens(row)
        if not glued and not breaks:
            continue  # nothing to cut: its readings are its tokens, which the row-by-row search has weighed
        read = _reader(types)
        found = readings(tokens, len(types), read, glued, READINGS, breaks)
        agreeing = [r for r in found or () if all(p is None or p == q for p, q in zip(result.pieces, r, strict=True))]
        if agreeing:
            printed = tuple(tuple(read(c, piece)[1] for c, piece in enumerate(r)) for r in agreeing)
            listed[index] = RowReadings(row.spec.key, tuple(agreeing), printed)
    if not listed:
        return results
    open_rows = {r.row for r in listed.values()}
    others = {key: value for key, value in known.items() if key[0] not in open_rows}
    shared = tuple(dict.fromkeys(eq for eqs in equations.values() for eq in eqs))
    pruned = prune(list(listed.values()), shared, others)
    if pruned is None:
        return results
    out = dict(results)
    for index, remaining in zip(listed, pruned, strict=True):
        if not remaining.checked:
            continue  # no identity tested its readings: their agreeing proves nothing (a value may be blank)
        pieces = tuple(column[0] if len(set(column)) == 1 else None for column in zip(*remaining.pieces, strict=True))
        candidates = tuple(
            () if piece is not None else tuple(sorted({v for v in column if v is not None}))
            for piece, column in zip(pieces, zip(*remaining.values, strict=True), strict=True)
        )
        out[index] = Resolution(pieces, candidates, len(remaining.pieces))
    return out


def _tokens(row: _Row) -> tuple[list[str], frozenset[int], dict[int, frozenset[int]], list[ValueType]]:
    """The printed values of *row*, which of them are glued runs cut anywhere, where those joined across line
    breaks are cut freely (:func:`~gov_disclosure.parsing.resolve.solve`'s *breaks*), and the value types of its
    columns."""
    assert row.spec is not None
    printed = [i for i, v in enumerate(row.values) if v]
    tokens = [row.values[i] for i in printed]
    glued = frozenset(t for t, i in enumerate(printed) if i in row.glued and i not in row.cuts)
    breaks = {t: row.cuts[i] for t, i in enumerate(printed) if i in row.cuts}
    return tokens, glued, breaks, [c.value_type for c in row.spec.columns]


def _breaks(equation: Equation, values: Mapping[Key, Number | None]) -> bool:
    """True when every cell of *equation* has a value and the values break it."""
    sides = [[values.get(key) for key in keys] for keys in (equation.lhs, equation.rhs)]
    if any(v is None for side in sides for v in side):
        return False
    return sum(v for v in sides[0] if v is not None) != sum(v for v in sides[1] if v is not None)


def _resolve_pass(
    spec: TableSpec, pending: list[_Row], equations: Mapping[str, Sequence[Equation]], known: dict[Key, Number | None]
) -> dict[int, Resolution]:
    """Resolve the rows whose values are not certain, again and again while one resolution helps another."""
    results: dict[int, Resolution] = {}
    left = list(range(len(pending)))
    progress = True
    while left and progress:
        progress = False
        for index in list(left):
            row = pending[index]
            assert row.spec is not None
            result = _solve_row(spec, row, equations, known)
            results[index] = result
            if result.forced:  # read as printed, but it breaks an identity: no evidence for another row's split
                left.remove(index)
                continue
            for i, piece in enumerate(result.pieces):
                if piece is not None and (row.spec.key, i) not in known:
                    known[(row.spec.key, i)] = parse_cell(piece, row.spec.columns[i].value_type).value
                    progress = True
            if all(p is not None for p in result.pieces):
                left.remove(index)
    return results


def _place_row(
    spec: TableSpec,
    row: _Row,
    result: Resolution,
    cells: dict[str, list[Cell]],
    findings: list[Finding],
    identities: Sequence[tuple[Identity, Equation]] = (),
    known: Mapping[Key, Number | None] | None = None,
) -> None:
    assert row.spec is not None
    row_spec = row.spec
    tokens = [v for v in row.values if v]
    n = len(row_spec.columns)
    raw = " ".join(tokens)
    short = len(tokens) < n and not row.glued and not result.forced and None in result.pieces
    if short and identities and result.readings:  # a short row the identities may force
        completed = _complete(spec, row, result, tokens, identities, known or {}, findings)
        if completed is not None:
            cells[row_spec.key] = completed
            return
    out: list[Cell] = []
    undecided: list[tuple[CellKey, ColumnSpec, tuple[Number, ...]]] = []
    for i, (piece, column) in enumerate(zip(result.pieces, row_spec.columns, strict=True)):
        if piece is None:
            out.append(Cell.text(raw, source=row.source))
            undecided.append((_where(spec, row_spec, column), column, result.candidates[i]))
        else:
            out.append(parse_cell(piece, column.value_type, source=row.source))
    if undecided:
        why = _Undecided.of(spec, row, raw, len(tokens), n)
        if len(tokens) < n and not row.glued:  # one problem, one finding on the row; a cell keeps its own only if
            # it has a real choice
            findings.append(why.short_row(tuple(key for key, _, _ in undecided), n))
            undecided = [(key, column, found) for key, column, found in undecided if len(found) > 1]
        findings.extend(why.finding(key, column, candidates) for key, column, candidates in undecided)
    cells[row_spec.key] = out
    if all(p is not None for p in result.pieces) and (result.forced or len(tokens) != n):
        if result.forced:
            code, how = "READ.GLUED_AS_PRINTED", "只有一种拆分（与表内勾稽关系不符，按印出读取）"
            how_en = "split in the only way their characters allow (they break the table's identities; read as printed)"
        else:
            code, how = "READ.GLUED_RESOLVED", "按表内勾稽关系唯一拆分"
            how_en = "split uniquely by the table's identities"
        findings.append(
            Finding(
                code=code,
                severity=Severity.INFO,
                message=f"{row_spec.full_label}：粘连数字“{raw}”{how}",
                message_en=f"{row_spec.key}: glued digits '{raw}' {how_en}",
                cells=tuple(_where(spec, row_spec, c) for c in row_spec.columns),
                outcome=Outcome.NOTE,
                evidence=row.label + " " + raw,
                source=row.source,
            )
        )


def _complete(
    spec: TableSpec,
    row: _Row,
    result: Resolution,
    tokens: Sequence[str],
    identities: Sequence[tuple[Identity, Equation]],
    known: Mapping[Key, Number | None],
    findings: list[Finding],
) -> list[Cell] | None:
    """The cells of a short row whose every cell the identities force (:mod:`.completion`), with its one finding;
    None when they do not."""
    assert row.spec is not None
    columns = row.spec.columns
    pinned = [
        None if p is None else parse_cell(p, c.value_type, source=row.source)
        for p, c in zip(result.pieces, columns, strict=True)
    ]
    if any(cell is not None and cell.value is None for cell in pinned):
        return None  # a mark read with certainty: the identities through it say nothing
    done = complete_row(
        row.spec.key,
        [c.value_type for c in columns],
        [None if cell is None else cell.value for cell in pinned],
        tokens,
        identities,
        known,
    )
    if done is None:
        return None
    findings.append(done.finding(spec, row.spec, len(tokens), f"{row.label} {' '.join(tokens)}", row.source))
    return done.cells(pinned, row.source)


@mypyc_attr(native_class=False)
@attr.s(auto_attribs=True, slots=True, frozen=True)
class _Undecided:
    """What the findings about the undecided cells of one row share: READ.UNDECIDED for each cell whose digits
    are glued; for a row that prints fewer values than it has columns, one READ.ROW_SHORT, and READ.UNDECIDED
    only for a cell whose candidates leave a real choice between values."""

    prefix: str
    """``表三 （六）其他处理``: table and row, for the Chinese message."""
    why: str
    why_en: str
    evidence: str
    source: SourceLocation | None

    @classmethod
    def of(cls, spec: TableSpec, row: _Row, raw: str, printed: int, n: int) -> _Undecided:
        assert row.spec is not None
        glued = printed == n or bool(row.glued)
        return cls(
            prefix=f"表{spec.number} {row.spec.full_label}",
            why="数字粘连" if glued else f"该行印有{printed}个数值，应为{n}个",
            why_en="digits are glued" if glued else f"the row prints {printed} values for {n} columns",
            evidence=f"{row.label} {raw}",
            source=row.source,
        )

    def short_row(self, keys: tuple[CellKey, ...], n: int) -> Finding:
        """The one finding for a row that prints fewer values than it has columns, about its *keys* left unread."""
        return Finding(
            code="READ.ROW_SHORT",
            severity=Severity.ERROR,
            message=f"{self.prefix}：{self.why}，无法确定各数值所在的列，{len(keys)}个单元格未作猜测",
            message_en=f"{keys[0].table}.{keys[0].row}: {self.why_en}; which column each value belongs to is "
            f"not certain, so {len(keys)} of its {n} cells are left without a value (not guessed)",
            cells=keys,
            outcome=Outcome.UNDECIDABLE,
            evidence=self.evidence,
            source=self.source,
        )

    def finding(self, key: CellKey, column: ColumnSpec, candidates: tuple[Number, ...]) -> Finding:
        """The finding for the undecided cell *key* in *column*."""
        return Finding(
            code="READ.UNDECIDED",
            severity=Severity.WARNING,
            message=f"{self.prefix}·{column.label}：无法确定数值（{self.why}），未作猜测",
            message_en=f"{key}: value not read with certainty ({self.why_en}); not guessed",
            cells=(key,),
            outcome=Outcome.UNDECIDABLE,
            candidates=candidates,
            evidence=self.evidence,
            source=self.source,
        )


@functools.lru_cache(maxsize=128)
def _missing_finding(table: str, key: str) -> Finding:
    """READ.ROW_MISSING for row *key* of *table*: the same for every report, so made once (findings are immutable)."""
    spec = layout_of(table, key)
    row = spec.row(key)
    return Finding(
        code="READ.ROW_MISSING",
        severity=Severity.WARNING,
        message=f"表{spec.number}缺少“{row.full_label}”行（可能在提取中丢失），按缺失处理，不作零",
        message_en=f"{spec.key}.{row.key}: row not found in the text (lost in extraction?); missing, not zero",
        cells=tuple(CellKey(spec.key, row.key, c.key) for c in row.columns),
        outcome=Outcome.NOTE,
    )


def _extra_finding(spec: TableSpec, row: _Row, after: str | None) -> Finding:
    return Finding(
        code="READ.EXTRA_ROW",
        severity=Severity.INFO,
        message=f"表{spec.number}有格式之外的行“{row.label}”，已保留为附加行",
        message_en=f"{spec.key}: row '{row.label}' is not in the official form; kept as an extra row"
        + (f" after {after}" if after else ""),
        table=spec.key,
        outcome=Outcome.NOTE,
        evidence=row.label,
        source=row.source,
    )


def _read_instead(region: _Region, key: str, repeat: _Row) -> _Row | None:
    """Which print of the official row *key*, printed again at *repeat* (its first repeat), is read: its first print,
    the repeat, or None (:func:`~gov_disclosure.parsing.labels.repeat_read`)."""
    first = next(r for r in region.rows if r.spec is not None and r.spec.key == key and not r.repeat)
    same = [v for v in first.values if v] == [v for v in repeat.values if v]
    read = repeat_read(same, first.exact, repeat.exact)
    return first if read == "first" else repeat if read == "again" else None


def _duplicate_finding(spec: TableSpec, row: _Row, times: int, read: _Row | None) -> Finding:
    """One finding for a row printed *times* times (at *row*, its first repeat, and after) of which the print *read*
    is read (None: none). One per row, however often it repeats, so that a page of 100,000 copies of a row costs one
    finding, not 100,000."""
    assert row.spec is not None
    often, often_en = ("两", "twice") if times == 2 else (f" {times} ", f"{times} times")
    if read is None:
        kept, kept_en = (
            "数值不同，无法确定哪一次是它，未读取",
            "with other numbers, neither named more exactly: not read",
        )
    elif read is row:
        kept, kept_en = "保留标签与之完全相符的一次", "with other numbers; the print its label names exactly is kept"
    else:
        kept, kept_en = "保留第一次", "the first is kept"
    return Finding(
        code="READ.DUPLICATE_ROW",
        severity=Severity.WARNING,
        message=f"表{spec.number}“{row.spec.full_label}”行出现{often}次，{kept}",
        message_en=f"{spec.key}.{row.spec.key}: row appears {often_en}; {kept_en}",
        cells=tuple(CellKey(spec.key, row.spec.key, c.key) for c in row.spec.columns),
        outcome=Outcome.NOTE,
        evidence=row.label,
        source=row.source,
    )


def _across_breaks(
    values: list[str], breaks: set[int], glued_values: set[int], value_cuts: Mapping[int, frozenset[int]]
) -> tuple[list[str], frozenset[int], dict[int, frozenset[int]]]:
    """表四's *values* with the two numbers around each line break in *breaks* joined into one run; the indices of
    the values split off a label (*glued_values*) left alone; and for each run joined, or split off a label and
    printed over lines joined (*value_cuts*, :attr:`~gov_disclosure.parsing.lines.TextLine.cuts`), the offsets in
    it where a cut is no assumption: its line breaks, and every place inside a value split off a label (or where
    *value_cuts* says).

    Any line break between two of 表四's numbers may have cut a number (``…203\t6`` / ``4\t265…`` for 64; with
    fewer than fifteen printed too, where a text was cut short: ``…41\t2`` / ``2\t16…`` for 22), so each such pair
    is split only where the count and the identities force it — at its line breaks: the numbers were printed whole
    on their lines, and cutting one elsewhere is an assumption (:func:`~gov_disclosure.parsing.resolve.solve`).

    >>> _across_breaks(["203", "6", "4", "265"], {2}, {3}, {})
    (['203', '64', '265'], frozenset({2}), {1: frozenset({1})})
    >>> _across_breaks(["121", "244"], {1}, {0}, {})  # ``尚未审结121`` / ``244``
    (['121244'], frozenset(), {0: frozenset({1, 2, 3})})
    """
    runs: list[list[tuple[str, frozenset[int] | None]]] = []  # each token's values, and where each is cut freely
    for i, value in enumerate(values):
        if not (i in breaks and runs):
            runs.append([])
        runs[-1].append((value, value_cuts.get(i) if i in glued_values else frozenset()))
    tokens, glued, cuts = [], set(), {}
    for t, run in enumerate(runs):
        token, free = joined(run)
        tokens.append(token)
        if len(run) > 1 or run[0][1]:
            cuts[t] = free
        elif run[0][1] is None:
            glued.add(t)  # split off a label: cut anywhere
    return tokens, frozenset(glued), cuts


def _build_t4(
    exact: list[str] | None,
    values: list[str],
    source: SourceLocation | None,
    findings: list[Finding],
    breaks: set[int],
    glued_values: set[int],
    value_cuts: Mapping[int, frozenset[int]],
) -> Table4:
    columns = [(r, c) for r in TABLE4.rows for c in r.columns]
    if exact is not None and len(exact) == _T4_COLUMNS:
        cells = _parse_row(exact, [c for _, c in columns], source, money=False)
    else:
        tokens, glued, cuts = _across_breaks(values, breaks, glued_values, value_cuts)
        if not tokens:
            findings.append(
                Finding(
                    code="READ.ROW_MISSING",
                    severity=Severity.WARNING,
                    message="表四没有读到数值，按缺失处理，不作零",
                    message_en="table4: no values found; missing, not zero",
                    cells=tuple(CellKey("table4", r.key, c.key) for r, c in columns),
                    outcome=Outcome.NOTE,
                )
            )
            return Table4()
        result = solve(
            tokens,
            _T4_COLUMNS,
            _reader([ValueType.COUNT] * _T4_COLUMNS),
            row="table4",
            equations=_t4_flat_equations(),
            glued=glued,
            breaks=cuts,
        )
        raw = " ".join(tokens)
        cells = []
        for i, piece in enumerate(result.pieces):
            if piece is not None:
                cells.append(parse_cell(piece, source=source))
                continue
            cells.append(Cell.text(raw, source=source))
            r, c = columns[i]
            findings.append(
                Finding(
                    code="READ.UNDECIDED",
                    severity=Severity.WARNING,
                    message=f"表四 {r.full_label}·{c.label}：无法确定数值"
                    f"（印有{len(values)}个数值，应为15个），未作猜测",
                    message_en=f"table4.{r.key}.{c.key}: value not read with certainty "
                    f"({len(values)} values printed for 15 columns); not guessed",
                    cells=(CellKey("table4", r.key, c.key),),
                    outcome=Outcome.UNDECIDABLE,
                    candidates=result.candidates[i],
                    evidence=raw,
                    source=source,
                )
            )
    rows = {r.key: Table4.row_types[r.key].from_cells(cells[i * 5 : i * 5 + 5]) for i, r in enumerate(TABLE4.rows)}
    return Table4.from_rows(rows)
