"""Cutting a line that holds many table rows glued together apart at the official labels.

Crawler text of government pages (issue 12) prints the whole report body on one line, every table cell glued to the
next with no separator::

    …规章 000行政规范性文件693665第二十条第（五）项信息内容本年处理决定数量行政许可2293 …
    …一、本年新收政府信息公开申请数量640020470二、上年结转政府信息公开申请数量0000000…

Such a line has no line structure to walk, but the layout's labels are still printed in order, and "numbers belong to
the label before them". A line is cut before every official label it holds — the row labels of 表二 and 表三,
the group labels of 表三 (``（三）不予公开`` …), the block captions of 表二 (``第二十条第（一）项``), the table
titles and the headings of the sections after the tables (``五、``, ``六、``) — and the table reader then walks the
pieces as the lines they would have been. The digits glued between two labels stay one run: where it splits is
decided by the identities (:mod:`~gov_disclosure.parsing.resolve`), never here.

Only lines that are glued tables are cut: at least :data:`GLUED_LABELS` official row labels printed right after a
digit. A paragraph of narrative that names a few table rows (``行政许可、行政处罚和行政强制信息``) is never cut.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence

import attr  # attrs classes in the form mypyc compiles (docs: performance)
from mypy_extensions import mypyc_attr

from gov_disclosure.model.formats import format_spec
from gov_disclosure.model.layout import TABLE3
from gov_disclosure.model.versions import FormatVersion
from gov_disclosure.parsing.labels import split_enumerator
from gov_disclosure.parsing.lines import TextLine
from gov_disclosure.parsing.normalize import compact

__all__ = ["GLUED_LABELS", "Anchored", "anchored_lines", "cuts", "first_table3_label"]

GLUED_LABELS = 3
"""Fewest official row labels glued right after a digit for a line to be read as a table glued into one line."""

_SHORTEST = 40
"""Shortest line looked into: three glued labels and their values never fit in fewer characters."""

_PREFIX = 4
"""Characters of a long row label (after its enumerator) that identify it: the rest may be cut, wrapped or varied."""

_GROUPS = ("三.本年度办理结果", "(三)不予公开", "(四)无法提供", "(五)不予处理", "(六)其他处理")
"""The group labels of 表三, which have no row of their own (keys.md: "The groups （三）（四）（五）（六） have no
subtotal rows of their own")."""

_STRUCTURE = (
    r"第二十条第?\(?[一二三四五六七八九十]{1,2}\)?项",  # 表二's block captions
    r"[二三四]\.(?:主动公开政府信息情况|收到和处理政府信息公开申请情况|政府信息公开行政复议)",  # the table titles
    r"[五六]\.(?=政府信息公开工作存在|存在|其他需要报告)",  # the sections after the tables
    r"行政复议行政诉讼(?=结果维持)",  # the header of 表四, after a sentence saying there was none
)


def _row_pattern(label: str) -> str:
    """The pattern of one row label as a compact line prints it: its enumerator and the first characters after it."""
    enum, core = split_enumerator(compact(label))
    return re.escape((enum or "") + core[: _PREFIX if enum else None])


@functools.lru_cache(maxsize=16)
def _anchors(version: FormatVersion) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """For *version*: the pattern of every place a line is cut, and that of the row labels alone."""
    spec = format_spec(version)
    rows = [_row_pattern(row.label) for row in (*spec.rows(spec.table2), *spec.rows(TABLE3))]
    if spec.table2.key == "table2":  # 2021 tables printing the 2019 wording (format-spec §2.2)
        rows.append(re.escape(compact("规范性文件")))
    row_pattern = "|".join(sorted(set(rows), key=len, reverse=True))
    structure = "|".join([*_STRUCTURE, *(re.escape(g) for g in _GROUPS)])
    return re.compile(f"{structure}|{row_pattern}"), re.compile(rf"(?<=\d)(?:{row_pattern})")


def _compact_with_offsets(text: str) -> tuple[str, list[int]]:
    """:func:`~gov_disclosure.parsing.normalize.compact` of *text* (already normalised), and for each of its
    characters the offset in *text* of the character it comes from."""
    out: list[str] = []
    offsets: list[int] = []
    for offset, char in enumerate(text):
        for piece in _compact_char(char):
            out.append(piece)
            offsets.append(offset)
    return "".join(out), offsets


@functools.lru_cache(maxsize=2048)
def _compact_char(char: str) -> str:
    return compact(char)


def cuts(text: str, version: FormatVersion, least: int = GLUED_LABELS) -> tuple[int, ...]:
    """Offsets in a normalised line *text* where a glued table line is cut (before each official label), or ``()``
    when the line is not a glued table (holds fewer than *least* labels glued right after a digit).

    >>> line = "规章 000行政规范性文件693665第二十条第(五)项本年处理决定数量行政许可2293行政处罚1282行政强制42"
    >>> [line[c : c + 4] for c in cuts(line, "2021")]
    ['行政规范', '第二十条', '行政许可', '行政处罚', '行政强制']
    >>> cuts("公开行政许可、行政处罚和行政强制信息123条", "2021")
    ()
    """
    every, glued = _anchors(version)
    key, offsets = _compact_with_offsets(text)
    if len(glued.findall(key)) < least:
        return ()
    return tuple(offsets[found.start()] for found in every.finditer(key) if found.start() > 0)


@functools.lru_cache(maxsize=16)
def _table3_labels(version: FormatVersion) -> re.Pattern[str]:
    """The pattern of the row and group labels of 表三 in *version*, as a compact line prints them."""
    rows = {_row_pattern(row.label) for row in format_spec(version).rows(TABLE3)}
    return re.compile("|".join([*(re.escape(g) for g in _GROUPS), *sorted(rows, key=len, reverse=True)]))


def first_table3_label(text: str, version: FormatVersion) -> int | None:
    """The offset in a normalised line *text* of the first row or group label of 表三 after the line's start, or
    None. A header line of 表三 may go on with its first rows (a line break lost after the header, or a crawler
    page printing it all on a line): ``…法律服务机构其他一、本年新收政府信息公开申请数量3000003二、上年结转政府``.

    >>> line = "申请人情况 自然人 法人或其他组织 总计 其他一、本年新收政府信息公开申请数量3000003"
    >>> line[first_table3_label(line, "2021") :]
    '一、本年新收政府信息公开申请数量3000003'
    >>> first_table3_label("(勾稽关系为：第一项加第二项之和，等于第三项加第四项之和) 申请人情况 其他", "2021") is None
    True
    """
    labels = _table3_labels(version)
    if labels.search(compact(text), 1) is None:
        return None  # (most header lines hold no row label: the offsets, character by character, are not needed)
    key, offsets = _compact_with_offsets(text)
    found = labels.search(key, 1)
    return offsets[found.start()] if found is not None else None


_GLUED_START = re.compile(
    r"\d[ \t]*(?:\([一二三四五六七]\)|[一二三四][.、]|[1-8][.、]\D|规章|规范性|行政|其他对外|政府集中)"
)
"""A digit glued to what may start a row label: a quick test that the line may be a glued table, on its text as it
is (most long lines are narrative, and are not compacted)."""


def _may_be_glued(text: str) -> bool:
    found = _GLUED_START.finditer(text)
    return all(next(found, None) is not None for _ in range(GLUED_LABELS))


def _pieces(line: TextLine, version: FormatVersion, *, continued: bool = False) -> Iterator[TextLine]:
    """*line* cut before each official label when it is a glued table; *continued*: the line before it was one, and a
    line break inside it (``…（六）其`` / ``他处理2000002（七）总计9000009四、…``) leaves this one fewer labels."""
    if continued:
        at = cuts(line.text, version, least=1)
    else:
        at = cuts(line.text, version) if _may_be_glued(line.text) else ()
    if not at:
        yield line
        return
    for start, end in zip((0, *at), (*at, len(line.text)), strict=True):
        piece = line.text[start:end]
        if piece.strip():
            cut = line.cut and end == len(line.text)  # the last piece of a line cut short is cut short
            yield TextLine(piece, line.number, line.start + start, line.start + end, line.path, cut)


@mypyc_attr(native_class=False)
@attr.s(auto_attribs=True, slots=True, frozen=True)
class Anchored:
    """The lines of a text with its glued table lines cut at the labels (:func:`anchored_lines`)."""

    lines: tuple[TextLine, ...]
    pieces: frozenset[int]
    """Indices in *lines* of the pieces cut out of a glued table line. Every separator of such a line was lost, so
    each of its runs of digits may hold several values — also one between two blanks left by ``&nbsp;`` cells
    (``0 30 030033`` is ``0`` ``3`` ``0`` ``0`` ``30`` ``0`` ``33``): a blank is a cell boundary, never a sign that
    what it bounds is one value."""


def anchored_lines(lines: Sequence[TextLine], version: FormatVersion) -> Anchored:
    """*lines* with every glued table line (see :func:`cuts`) cut into the rows it holds; other lines as they are.

    A line is only looked into when it is long enough to hold :data:`GLUED_LABELS` labels: most lines are not.
    """
    long = [line.text for line in lines if len(line.text) >= _SHORTEST]
    if not long or not _may_be_glued("\n".join(long)):
        return Anchored(tuple(lines), frozenset())  # no line holds three labels glued to digits: the usual text
    out: list[TextLine] = []
    pieces: set[int] = set()
    continued = False  # the last long line was a glued table
    for line in lines:
        if len(line.text) < _SHORTEST:
            out.append(line)
            continue
        cut = list(_pieces(line, version, continued=continued))
        continued = len(cut) > 1
        if continued:
            pieces.update(range(len(out), len(out) + len(cut)))
        out.extend(cut)
    return Anchored(tuple(out), frozenset(pieces))
