"""Fuzzy matching of printed labels to the keys of :mod:`gov_disclosure.model.layout`.

format-spec §2.2 and §6: labels arrive with ``1、`` for ``1.``, half/full-width brackets, straight or curly
quotes, letter spacing (``不 予 公 开``), group labels glued in front (``（四）无1.本机关…``), typos, and the
2019 wording ``规范性文件`` in 2021 tables. §3.5: "Parsers must match labels by prefix and tolerate unknown
extra rows". Matching therefore compares the text *after the last enumerator* with each official label,
by character overlap (so a typo costs one character, not the match), and prefers the row the official
sequence expects next.

The API works for one label (:func:`match_row`) and for a sequence (:func:`match_rows`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Literal

import attr  # attrs classes in the form mypyc compiles (docs: performance)
from mypy_extensions import mypyc_attr

from gov_disclosure.model.formats import FormatSpec, format_spec, format_specs
from gov_disclosure.model.layout import TABLE3, TABLE4, RowSpec, TableSpec, table_spec
from gov_disclosure.model.versions import FormatVersion
from gov_disclosure.parsing.normalize import compact

__all__ = [
    "LabelMatch",
    "caption_item",
    "caption_item_compact",
    "column_index",
    "enumerator",
    "header_words",
    "is_header_compact",
    "is_header_text",
    "match_collapsed",
    "match_row",
    "match_rows",
    "repeat_read",
    "split_enumerator",
]

_CN = "一二三四五六七八九十"
_ENUM = re.compile(rf"(?:\(([{_CN}]{{1,2}})\)|(?<![{_CN}])([{_CN}]{{1,2}})\.|(?<!\d)(\d{{1,2}})\.(?!\d))")
_NUMBERED_NAMES = re.compile(r"(?:(?:项目|指标)?(?:数据|列|栏)\d{1,2})+")
_CAPTION = re.compile(rf"第二十条第?\(?([{_CN}]{{1,2}})\)?项")


_SHORT_CORE = 2
"""Labels this short (``3.其他``) are matched only when the text starts with them: their characters are found in
too many other labels to be matched by overlap."""


_LEAST = 0.55
"""The least score of a match."""
_TIE = 1e-9
"""Scores closer than this are equal: the label is as close to either row."""
_ENUM_BONUS = 0.1
"""What the label's enumerator being the row's adds to the score."""


def split_enumerator(label: str) -> tuple[str | None, str]:
    """The last enumerator of a compacted label and the text after it.

    >>> split_enumerator(compact("（四）无1、本机关不掌握相关政府信息"))
    ('1.', '本机关不掌握相关政府信息')
    >>> split_enumerator(compact("三、本 年 度 办 理 结 果 （一）予以公开"))
    ('(一)', '予以公开')
    >>> split_enumerator("规章")
    (None, '规章')
    """
    last = None
    for last in _ENUM.finditer(label):  # noqa: B007 - the last match is the one we want
        pass
    if last is None:
        return None, label
    paren, dotted, digit = last.groups()
    enum = f"({paren})" if paren else f"{dotted}." if dotted else f"{digit}."
    return enum, label[last.end() :]


def enumerator(label: str) -> str | None:
    """The enumerator an official label starts with (``一.``, ``(一)``, ``1.``), compacted; None if none."""
    found = _ENUM.match(compact(label))
    return split_enumerator(found.group(0))[0] if found else None


@mypyc_attr(native_class=False)
@attr.s(auto_attribs=True, slots=True, frozen=True)
class _Target:
    index: int
    spec: RowSpec
    enum: str | None
    core: str
    chars: frozenset[str]


@mypyc_attr(native_class=False)
@attr.s(auto_attribs=True, slots=True, frozen=True)
class LabelMatch:
    """A label matched to an official row: its key, position in the table and how sure the match is."""

    key: str
    index: int
    score: float
    """1.0 for an exact match of the text after the enumerator; lower for fuzzy matches."""
    exact: bool


def _rows(key: str, spec: FormatSpec) -> tuple[RowSpec, ...]:
    """The rows of table *key* in *spec*'s format (a table the format does not have: the rows declared for it)."""
    if key in spec.table_keys:
        return spec.rows(key)
    return tuple(row for row in table_spec(key).rows if spec.applies(row.versions))


@functools.lru_cache(maxsize=16)
def _targets(key: str, version: FormatVersion | None) -> tuple[_Target, ...]:
    table = table_spec(key)
    rows = table.rows if version is None else _rows(key, format_spec(version))
    out = []
    for index, row in enumerate(rows):
        enum, core = split_enumerator(compact(row.label))
        if table.key == "table3" and row.key == "partial":
            core = "部分公开"  # the parenthesised counting rule is often cut, wrapped or abbreviated
        out.append(_Target(index, row, enum, core, frozenset(core)))
    return tuple(out)


def _score(target: _Target, enum: str | None, tail: str) -> float:
    if not tail:
        return 0.0
    if tail == target.core or (target.core == "部分公开" and tail.startswith("部分公开")):
        overlap = 1.0
    elif len(target.core) <= _SHORT_CORE and not tail.startswith(target.core):
        return 0.0  # ``其他`` inside a wrapped piece of another label (``形，不计其他情形）``) does not name 3.其他
    elif target.core in tail:
        overlap = max(_overlap(target, tail, len(target.chars & frozenset(tail))), 0.9)
    else:
        common = len(target.chars & frozenset(tail))
        overlap = _overlap(target, tail, common)
        if overlap + _ENUM_BONUS >= _LEAST:  # a match, maybe: only the characters printed in the label's order count
            overlap = _overlap(target, tail, min(common, _in_order(target.core, tail)))
    if enum is not None and target.enum is not None:
        if _enum_kind(enum) != _enum_kind(target.enum):
            return 0.0  # ``（六）其他`` (a group label's piece) never names ``3.其他``: numbering of another level
        overlap += _ENUM_BONUS if enum == target.enum else -0.15
    return overlap


def _overlap(target: _Target, tail: str, common: int) -> float:
    """How well *tail* matches *target* when they share *common* characters: mostly how many of the label's."""
    return 0.75 * common / len(target.chars) + 0.25 * common / len(frozenset(tail))


def _in_order(core: str, tail: str) -> int:
    """How many characters of *core* *tail* prints in *core*'s order (their longest common subsequence).

    A typo costs one character, a character left out or added none; characters of a label scattered over the
    longer text of another row are no match: ``（区分处理的，只计这一情形，不计其他情形）`` (the counting rule of
    （二）部分公开, its row label lost) holds every character of ``其他处理`` (2019's （六）其他处理), but only two in
    that order.

    >>> _in_order("其他处理", "区分处理的,只计这一情形,不计其他情形")
    2
    >>> _in_order("其他处理", "其他处埋"), _in_order("其他处理", "其他理")
    (3, 3)
    """
    row = [0] * (len(tail) + 1)
    for char in core:
        diagonal = 0
        for j, other in enumerate(tail, 1):
            diagonal, row[j] = row[j], diagonal + 1 if char == other else max(row[j], row[j - 1])
    return row[-1]


_RUN = 4
"""The fewest characters in a row of another row's label that make a label name two rows."""


def _names_another(tail: str, best: _Target, targets: Sequence[_Target]) -> bool:
    """True when *tail*, matched to *best* but not exactly, also prints :data:`_RUN` characters in a row of another
    row's label that *best*'s does not hold: two labels joined (lines joined, a label lost between), so it names
    either — ``逾期未按收费通知下年度继续办理`` holds as much of 2.申请人逾期未按收费通知… as of 四、结转下年度继续办理.

    >>> t3 = _targets("table3", "2021")
    >>> _names_another("逾期未按收费通知下年度继续办理", t3[24], t3), _names_another("结转下年度继续", t3[24], t3)
    (True, False)
    """
    for start in range(len(tail) - _RUN + 1):
        piece = tail[start : start + _RUN]
        if piece not in best.core and any(piece in other.core for other in targets if other is not best):
            return True
    return False


def _enum_kind(enum: str) -> str:
    """The level of an enumerator: ``(一)`` groups, ``一.`` parts, ``1.`` items."""
    return "(" if enum.startswith("(") else "1" if enum[0].isdigit() else "一"


@functools.lru_cache(maxsize=4096)
def _match(label: str, key: str, version: FormatVersion | None, expected: int | None) -> LabelMatch | None:
    enum, tail = split_enumerator(compact(label))
    targets = _targets(key, version)
    raw = [_score(target, enum, tail) for target in targets]
    best: tuple[float, int] | None = None
    for target, score in zip(targets, raw, strict=True):
        if expected is not None:
            score -= 0.02 * min(abs(target.index - expected), 5)
        if best is None or score > best[0]:
            best = (score, target.index)
    if best is None or best[0] < _LEAST:
        return None
    if sum(abs(score - raw[best[1]]) < _TIE for score in raw) > 1:
        return None  # as close to another row: the order alone would decide, and the row it expects may be lost
    target = targets[best[1]]
    exact = tail == target.core or (target.core == "部分公开" and tail.startswith("部分公开"))
    if not exact and _names_another(tail, target, targets):
        return None
    return LabelMatch(target.spec.key, target.index, round(min(best[0], 1.0), 3), exact)


def match_row(
    label: str, table: TableSpec, *, version: FormatVersion | None = None, expected: int | None = None
) -> LabelMatch | None:
    """The official row of *table* that *label* names, or None when no row is close enough.

    *expected* is the index (in ``format_spec(version).rows(table)``) the official sequence expects next; it decides
    between similar rows (a typo). A label exactly as close to two rows names neither: a piece of text both labels
    share (``信息公开申请数量``, the end of 一、本年新收… and of 二、上年结转…) says nothing of which it is, and the row
    the order expects may be the one whose line was lost.

    >>> from gov_disclosure.model.layout import TABLE2, TABLE2_2019
    >>> match_row("（四）无1、本机关不掌握相关政府 信息", TABLE3, version="2021").key
    'unable_not_held'
    >>> match_row("规范性文件", TABLE2, version="2021").key
    'normative_docs'
    >>> match_row("（一）行政止公开", TABLE3, version="2021", expected=2).key
    'granted'
    >>> match_row('3、危及"三安全一稳定"', TABLE3).key
    'denied_three_security_one_stability'
    >>> match_row("其他主动公开文件", TABLE2_2019, version="2019") is None
    True
    >>> match_row("信息公开申请数量", TABLE3, version="2021", expected=0) is None
    True
    """
    return _match(label, table.key, version, expected)


def match_collapsed(label: str, table: TableSpec, version: FormatVersion) -> RowSpec | None:
    """The row of *table* that *version* splits into parts (:meth:`FormatSpec.collapsible`) when *label* names it
    whole, as the other format prints it: a 2021 表三 printing ``（六）其他处理`` as one row, as the 2019 form does.
    The label must be the row's, but for its enumerator (kept, or left out, or moved after the words when a
    vertical group cell is read first); a label naming one of the parts (``（六）其他处理 3.其他``) is not it.

    >>> match_collapsed("(六) 其他处理", TABLE3, "2021").key, match_collapsed("其他处理（六）", TABLE3, "2021").key
    ('other_processing', 'other_processing')
    >>> match_collapsed("（六）其他处理 3.其他", TABLE3, "2021"), match_collapsed("（六）其他处理", TABLE3, "2019")
    (None, None)
    """
    return _collapsed(label, table.key, version)


@functools.lru_cache(maxsize=4096)
def _collapsed(label: str, key: str, version: FormatVersion) -> RowSpec | None:
    """:func:`match_collapsed`, remembered: the same labels recur in every report."""
    spec = format_spec(version)
    collapsible = spec.collapsible(key) if key in spec.table_keys else {}
    if not collapsible:
        return None
    table = table_spec(key)
    text = compact(label)
    enums = [split_enumerator(m.group(0))[0] for m in _ENUM.finditer(text)]
    words = _ENUM.sub("", text)
    for key in collapsible:
        row = table.row(key)
        enum, core = split_enumerator(compact(row.label))
        if words == core and all(e == enum for e in enums):
            return row
    return None


def repeat_read(same: bool, first_exact: bool, again_exact: bool) -> Literal["first", "again"] | None:
    """Which print of an official row printed twice is read: the first when both print the same numbers (a page's
    repeated rows); with other numbers, one of them is another row whose label only looks like this one's (a scan's
    ``计其他公开（区分处理的…``, （二）部分公开's label read out of order, holds 其他 and 处理 in the order of
    （六）其他处理), so the print whose label names the row exactly (*first_exact*, *again_exact*) is read, and none
    (None) when both are named alike. The text reader and the grid reader ask this.

    >>> repeat_read(True, False, True), repeat_read(False, False, True), repeat_read(False, True, True)
    ('first', 'again', None)
    """
    if same or (first_exact and not again_exact):
        return "first"
    return "again" if again_exact and not first_exact else None


def match_rows(
    labels: Sequence[str], table: TableSpec, *, version: FormatVersion | None = None
) -> tuple[LabelMatch | None, ...]:
    """Match a sequence of labels in reading order, each expected after the previous match.

    >>> from gov_disclosure.model.layout import TABLE2_2019
    >>> [m.key if m else None for m in match_rows(["规章", "规范性文件", "其他主动公开文件"], TABLE2_2019)]
    ['regulations', 'normative_docs', None]
    """
    out: list[LabelMatch | None] = []
    expected = 0
    for label in labels:
        found = _match(label, table.key, version, expected)
        out.append(found)
        if found is not None:
            expected = found.index + 1
    return tuple(out)


@functools.lru_cache(maxsize=4)
def _header_words(specs: tuple[FormatSpec, ...]) -> tuple[str, ...]:
    return tuple(
        sorted(
            {
                "信息内容",
                "申请人情况",
                "法人或其他组织",
                "本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和",
                "勾稽关系",
                "行政诉讼",
                "单位:万元",
                *(c.label for spec in specs for r in spec.rows(spec.table2) for c in r.columns),
                *(compact(c.label) for r in TABLE3.rows[:1] for c in r.columns),
                *(c.label for r in TABLE4.rows for c in r.columns),
                *(r.label for r in TABLE4.rows),
            },
            key=len,
            reverse=True,
        )
    )


def header_words() -> tuple[str, ...]:
    """Words that make up header rows (column labels of every registered format's 表二, 申请人情况, the 勾稽
    note …), longest first."""
    return _header_words(format_specs())


@functools.lru_cache(maxsize=4)
def _header_re(specs: tuple[FormatSpec, ...]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(compact(w)) for w in _header_words(specs)))


def is_header_text(label: str) -> bool:
    """True when a label-only line is made of header words (with at most two stray characters).

    >>> is_header_text("信息内容 本年制发件数 本年废止件数 现行有效件数")
    True
    >>> is_header_text("商业企业 科研机构 社会公益组织 法律服务机构 其他")
    True
    >>> is_header_text("项目 数据1 数据2 数据3")
    True
    >>> is_header_text("（三）不予公开"), is_header_text("规章"), is_header_text("3、其他")
    (False, False, False)
    """
    return is_header_compact(compact(label))


def is_header_compact(text: str) -> bool:
    """:func:`is_header_text` of a label that is already a :func:`~gov_disclosure.parsing.normalize.compact` key."""
    header = _header_re(format_specs())
    if _NUMBERED_NAMES.fullmatch(text):
        return True  # ``数据1 数据2 …``: columns named by number (a markdown conversion that lost the header)
    if _ENUM.match(text) or not header.search(text):
        return False  # an enumerated label (``3.其他``) is a row, even when its words are column labels
    rest = header.sub("", text).replace("()", "")
    return len(rest) <= 2


def column_index(label: str, table: TableSpec, row_key: str) -> int | None:
    """The column of row *row_key* whose label is *label* (compared compactly), or None.

    >>> from gov_disclosure.model.layout import TABLE2_2019
    >>> column_index("本年 增/减", TABLE2_2019, "licensing")
    1
    """
    key = compact(label)
    for index, column in enumerate(table.row(row_key).columns):
        if compact(column.label) == key:
            return index
    return None


def caption_item(label: str) -> str | None:
    """The item numeral of a 表二 block caption ``第二十条第（一）项`` (``一``), or None.

    >>> caption_item("第二十条 第（九）项")
    '九'
    """
    return caption_item_compact(compact(label))


def caption_item_compact(key: str) -> str | None:
    """:func:`caption_item` of a label that is already a :func:`~gov_disclosure.parsing.normalize.compact` key."""
    found = _CAPTION.search(key)
    return found.group(1) if found else None
