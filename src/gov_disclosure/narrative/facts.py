"""Recurring facts of the narrative, with the text span and sentence they were read from.

format-spec §5.4 lists the typical sentences and their table counterparts: 受理/收到/新收 … 申请 N 件,
答复/办结 N 件, 含上年度结转 N 件, 顺延/结转下年度 N 件, 予以公开 (及部分公开) N 件 with percentages, 行政复议 N 件
with its breakdown, 行政诉讼 N 件, and in section 六 收取信息处理费 N 元. Every match is kept: a number said twice
gives two facts, and the checks say which of them agree with the tables.

The folded text is scanned once for the words the sentences start with (or, for those starting with a number,
hold): each pattern is then tried only where its words are, and finds what a search of the whole text would.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator
from decimal import Decimal

from attrs import define, field, frozen

from gov_disclosure.model.cells import Number
from gov_disclosure.model.source import SourceLocation
from gov_disclosure.narrative.folding import Folded, fold
from gov_disclosure.parsing.normalize import HalfWidthForm

__all__ = ["FactKind", "NarrativeFact", "chinese_number", "extract_facts"]


class FactKind(enum.Enum):
    """What a narrative fact states."""

    RECEIVED = "received"
    """收到/受理/新收 … 申请 N 件 (表三 一, sometimes 一+二)."""
    CARRIED_OVER = "carried_over"
    """上年结转 N 件 (表三 二)."""
    PROCESSED = "processed"
    """办结/答复 N 件 (表三 （七）总计)."""
    CARRIED_FORWARD = "carried_forward"
    """结转下年度/顺延 N 件 (表三 四)."""
    GRANTED = "granted"
    """予以公开 N 件 (表三 （一）)."""
    PARTIAL = "partial"
    """部分公开 N 件 (表三 （二）)."""
    GRANTED_OR_PARTIAL = "granted_or_partial"
    """予以公开及部分公开 N 件 (表三 （一）+（二）)."""
    DENIED = "denied"
    """不予公开 N 件 (表三 （三） 1–8 summed)."""
    UNABLE = "unable"
    """无法提供 N 件 (表三 （四） 1–3 summed)."""
    NOT_PROCESSED = "not_processed"
    """不予处理 N 件 (表三 （五） 1–5 summed)."""
    OTHER_PROCESSING = "other_processing"
    """其他处理 N 件 (表三 （六）, summed over its sub-rows in the 2021 format)."""
    REVIEW = "review"
    """行政复议 N 件 (表四 行政复议); ``part`` names a breakdown column (``upheld`` …)."""
    LITIGATION = "litigation"
    """行政诉讼 N 件 (表四 未经复议直接起诉 + 复议后起诉); ``part`` as for REVIEW."""
    PROCESSING_FEE = "processing_fee"
    """信息处理费 N 元 (section 六; no table counterpart, and never 表二's 行政事业性收费)."""


@frozen(kw_only=True)
class NarrativeFact:
    """One number stated in the narrative.

    >>> fact = extract_facts("全市共受理政府信息公开申请 3119 件。")[0]
    >>> fact.kind, fact.value, fact.unit, fact.span
    (<FactKind.RECEIVED: 'received'>, 3119, '件', (14, 18))
    """

    kind: FactKind
    value: Number
    unit: str | None
    """``件`` ``宗`` … for counts, ``元`` or ``万元`` for the processing fee; None for a statement of none."""
    span: tuple[int, int]
    """Offsets of the number (or of the whole statement of none) in the text given."""
    sentence: str
    """The sentence holding the fact, without line wraps and spaces."""
    part: str | None = None
    """For REVIEW/LITIGATION breakdowns, the 表四 column key: ``upheld``, ``corrected``, ``other``, ``pending``."""
    percentage: Decimal | None = None
    """A percentage stated with the number (``占 42.5%``)."""
    stated_none: bool = False
    """True when the narrative says "none" in words (``未收取信息处理费``, ``未发生…行政复议``): value 0."""
    phrase: str = ""
    """The matched phrase, folded."""
    origin: str | None = None
    """``"ocr"`` when the text was recognised in images (a scanned report): the number is only as sure as the
    recognition, which no identity checks."""

    @property
    def source(self) -> SourceLocation:
        """The span as a :class:`~gov_disclosure.model.SourceLocation`."""
        return SourceLocation(start=self.span[0], end=self.span[1], origin=self.origin)


_W = r"[^。;,!?\n\t\d]"
_NUM = r"(?P<num>\d+(?:,\d{3})*(?:\.\d+)?|[零一二两三四五六七八九十]{1,3})"
_UNIT = r"(?P<unit>件|宗|个|起|条|项|次)"
_PCT = rf"(?:[,(]?(?:占|约占|占比|比例为|比例)?{_W}{{0,8}}?(?P<pct>\d+(?:\.\d+)?)%)?"
_OR = r"(?:及|和|与|、|或|以及)"
_NEXT_YEAR = r"(?:下一?年度?|次年|\d{4}年度?)"

_RECEIVED = ("收到", "受理", "新收", "接收", "接到", "办理")
_CARRIED = ("结转", "转结", "遗留")
_PROCESSED = ("办结", "答复", "办理完毕", "处理完毕", "完成办理")
_FORWARD = ("结转", "顺延", "转入")
_NONE = ("未发生", "没有发生", "未出现", "没有", "无", "未有", "未收到")


def _either(words: tuple[str, ...]) -> str:
    return f"(?:{'|'.join(words)})"


@frozen
class _Search:
    """One kind of sentence: its pattern, the words a match must contain and those its ``mid`` must not, and where
    it is tried (see :meth:`_Words.places`)."""

    kind: FactKind
    pattern: re.Pattern[str]
    starts: tuple[str, ...] = ()
    """The words every match starts with: the pattern is tried where one of them starts."""
    requires: tuple[str, ...] = ()
    forbids: tuple[str, ...] = ()
    anchors: tuple[str, ...] = ()
    """For a pattern that does not start with a word (but with a number, or with one of phrases one of which starts
    with a number), words of which every match holds one, none of them holding a clause end: the pattern is searched
    for in the clauses holding one (a pattern tried at nearly every character is found several times faster so)."""
    words: tuple[str, ...] = field(init=False)
    """The words whose places the pattern is tried at or around: its :attr:`anchors`, else its :attr:`starts`."""

    @words.default
    def _words(self) -> tuple[str, ...]:
        return self.anchors or self.starts


def _starting(words: tuple[str, ...], rest: str) -> tuple[re.Pattern[str], tuple[str, ...]]:
    """The pattern of a sentence starting with one of *words*, then *rest*; and *words*."""
    return re.compile(_either(words) + rest), words


_SEARCHES: tuple[_Search, ...] = (
    _Search(
        FactKind.RECEIVED,
        *_starting(_RECEIVED, rf"(?P<mid>{_W}{{0,24}}?){_NUM}{_UNIT}"),
        requires=("申请",),
        forbids=("结转", "答复", "办结", "复议", "诉讼", "自然人", "法人"),
    ),
    _Search(
        FactKind.CARRIED_OVER,
        re.compile(rf"(?:上一?年度?|去年|\d{{4}}年度?){_either(_CARRIED)}(?P<mid>{_W}{{0,16}}?){_NUM}{_UNIT}"),
        anchors=_CARRIED,
    ),
    _Search(FactKind.CARRIED_OVER, *_starting(("结转上",), rf"一?年度?(?P<mid>{_W}{{0,16}}?){_NUM}{_UNIT}")),
    _Search(
        FactKind.PROCESSED,
        *_starting(_PROCESSED, rf"(?P<mid>{_W}{{0,16}}?){_NUM}{_UNIT}"),
        forbids=("结转", "顺延", "复议", "诉讼"),
    ),
    _Search(
        FactKind.CARRIED_FORWARD,
        *_starting((*_FORWARD, "转"), rf"(?:至|到|入)?{_NEXT_YEAR}(?P<mid>{_W}{{0,12}}?){_NUM}{_UNIT}"),
    ),
    _Search(
        FactKind.CARRIED_FORWARD,
        re.compile(rf"{_NUM}{_UNIT}(?P<mid>{_W}{{0,8}}?){_either(_FORWARD)}(?:至|到)?{_NEXT_YEAR}"),
        anchors=_FORWARD,
    ),
    _Search(
        FactKind.GRANTED_OR_PARTIAL,
        *_starting(("予以公开",), rf"[”\"]?{_OR}[“\"]?部分公开[”\"]?(?P<mid>{_W}{{0,10}}?){_NUM}{_UNIT}{_PCT}"),
    ),
    _Search(
        FactKind.GRANTED,
        *_starting(("予以公开",), rf"[”\"]?(?!{_OR}[“\"]?部分公开)(?P<mid>{_W}{{0,10}}?){_NUM}{_UNIT}{_PCT}"),
        forbids=("部分",),
    ),
    _Search(
        FactKind.PARTIAL,
        *_starting(
            ("部分公开",),
            rf"(?<![及和与、或]部分公开)(?<![及和与、或][“\"]部分公开)[”\"]?(?P<mid>{_W}{{0,10}}?){_NUM}{_UNIT}{_PCT}",
        ),
    ),
    *(
        _Search(kind, *_starting((word,), rf"[”\"]?(?P<mid>{_W}{{0,10}}?){_NUM}{_UNIT}{_PCT}"))
        for kind, word in (
            (FactKind.DENIED, "不予公开"),
            (FactKind.UNABLE, "无法提供"),
            (FactKind.NOT_PROCESSED, "不予处理"),
            (FactKind.OTHER_PROCESSING, "其他处理"),
        )
    ),
    _Search(FactKind.REVIEW, *_starting(("行政复议",), rf"(?P<mid>{_W}{{0,10}}?){_NUM}{_UNIT}"), forbids=("诉讼",)),
    _Search(FactKind.LITIGATION, *_starting(("行政诉讼",), rf"(?P<mid>{_W}{{0,10}}?){_NUM}{_UNIT}"), forbids=("复议",)),
    _Search(
        FactKind.PROCESSING_FEE,
        *_starting(("信息处理费",), rf"(?P<mid>{_W}{{0,10}}?)(?P<num>\d+(?:,\d{{3}})*(?:\.\d+)?)(?P<unit>万元|元)"),
    ),
)
"""The sentences read, in the order their facts are read (the first of two facts of one kind and span is kept)."""

_BOTH, _BOTH_STARTS = _starting(
    ("行政复议",), rf"(?:案件|案)?{_OR}行政诉讼(?:案件|案)?(?:均为|均|都为|都是|各)?{_NUM}{_UNIT}"
)
_NONE_CASES, _NONE_STARTS = _starting(_NONE, rf"{_W}{{0,30}}?行政(?:复议|诉讼)")
_NONE_FEE = re.compile(
    rf"(?:(?:暂无|未|没有|无|不|暂未){_W}{{0,6}}?(?:收取|产生|发生){_W}{{0,12}}?信息处理费|信息处理费{_W}{{0,4}}?为(?:零|0))"
)
_PARTS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (part, re.compile(rf"{pattern}{_W}{{0,10}}?{_NUM}{_UNIT}"))
    for part, pattern in (
        ("upheld", r"(?:结果)?维持"),
        ("corrected", r"(?:结果)?纠正"),
        ("other", r"其他(?:结果)?"),
        ("pending", r"(?:尚未审结|未审结|正在审理|审理中)"),
    )
)
_FEE = ("信息处理费",)
_QUOTES = ("“", '"', "「", "『", "‘", "'")
"""Opening quotes: a number right after one is quoted as a name."""
_CLAUSE_END = "。;!?\n\t"
_CLAUSE_MARK = re.compile(f"[{_CLAUSE_END}]")
_CLAUSE_STOP = re.compile("[。;\n]")
_SENTENCE_END = re.compile("[。!?\n]")
_ALL_UPHELD = re.compile(r"均(?:获|被|予|予以|得到)?维持|全部(?:获|被)?维持")
_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def chinese_number(text: str) -> int | None:
    """The value of a small Chinese numeral (``一`` … ``九十九``), None when it is not one.

    >>> [chinese_number(text) for text in ("一", "十二", "二十", "三十五", "百")]
    [1, 12, 20, 35, None]
    """
    if not text or any(c not in _DIGITS and c != "十" for c in text):
        return None
    if "十" not in text:
        return _DIGITS[text] if len(text) == 1 else None
    tens, _, units = text.partition("十")
    if len(tens) > 1 or len(units) > 1 or "十" in units:
        return None
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[units] if units else 0)


def _number(text: str) -> Number | None:
    if text[0].isdigit():
        plain = text.replace(",", "")
        return Decimal(plain) if "." in plain else int(plain)
    return chinese_number(text)


@define
class _Text:
    """The folded text facts are read from, searched for sentence and clause ends."""

    folded: Folded
    text: str
    backwards: str
    """The text reversed: searching it finds the last sentence end before an offset in one step."""

    @classmethod
    def of(cls, folded: Folded) -> _Text:
        return cls(folded, folded.text, folded.text[::-1])

    def sentence(self, start: int, end: int) -> str:
        """The sentence holding ``text[start:end]``, with its end mark (not a line break), stripped."""
        text, size = self.text, len(self.text)
        before = _SENTENCE_END.search(self.backwards, size - start)  # backwards[i] is text[size - 1 - i]
        after = _SENTENCE_END.search(text, end)
        left = size - 1 - before.start() if before else -1
        right = after.start() if after else size
        return text[left + 1 : right + (1 if right < size and text[right] != "\n" else 0)].strip()

    def clause_end(self, start: int, stop_words: tuple[str, ...] = ()) -> int:
        """The first ``。`` ``;`` line break or *stop_words* from *start* (the text's length for none).

        One search for the marks reads no further than the first of them (looking for each in turn would read the
        whole text for a mark it does not hold); each stop word is looked for up to it.
        """
        text = self.text
        mark = _CLAUSE_STOP.search(text, start)
        end = mark.start() if mark else len(text)
        return min((i for i in (text.find(word, start, end) for word in stop_words) if i >= 0), default=end)


def _fact(
    text: _Text,
    kind: FactKind,
    match: re.Match[str],
    *,
    part: str | None = None,
    value: Number | None = None,
    stated_none: bool = False,
) -> NarrativeFact | None:
    groups = match.re.groupindex  # the names of the pattern's groups, each holding text when it matched
    if value is None:
        value = _number(match["num"])
        if value is None:
            return None
    where = match.span() if stated_none or "num" not in groups else match.span("num")
    percentage = Decimal(pct) if "pct" in groups and (pct := match["pct"]) else None
    return NarrativeFact(
        kind=kind,
        value=value,
        unit=None if stated_none or "unit" not in groups else match["unit"],
        span=text.folded.span(*where),
        sentence=text.sentence(*match.span()),
        part=part,
        percentage=percentage,
        stated_none=stated_none,
        phrase=match.group(0),
    )


def _breakdown(text: _Text, kind: FactKind, main: re.Match[str], total: Number) -> Iterator[NarrativeFact]:
    other = "行政诉讼" if kind is FactKind.REVIEW else "行政复议"
    end = text.clause_end(main.end(), (other,))
    segment = text.text[main.end() : end]
    for part, pattern in _PARTS:
        for match in pattern.finditer(text.text, main.end(), end):
            fact = _fact(text, kind, match, part=part)
            if fact is not None:
                yield fact
    if all_upheld := _ALL_UPHELD.search(segment):
        span = (main.end() + all_upheld.start(), main.end() + all_upheld.end())
        yield NarrativeFact(
            kind=kind,
            value=total,
            unit=None,
            span=text.folded.span(*span),
            sentence=text.sentence(*span),
            part="upheld",
            phrase=all_upheld.group(0),
        )


def _starting_in(found: str, words: list[str]) -> tuple[tuple[int, str, bool], ...]:
    """The words of *words* (longest first) that may start where a scan found *found*, or inside it: ``(offset in
    found, word, whether it lies within found)``. At offset 0 only the words within *found* (the scan finds the
    longest word at a place); further in, also those that start with the rest of *found* and go on past it
    (``转入`` at the ``转`` of ``结转``), which the text must then be asked about."""
    return tuple(
        (k, word, found.startswith(word, k))
        for k in range(len(found))
        for word in words
        if found.startswith(word, k) or (k and word.startswith(found[k:]))
    )


_Groups = tuple[tuple[str, ...], ...]


@frozen
class _Words:
    """The words the facts' patterns start with or are anchored at, found in one scan (:meth:`places`), and the
    places of each group of them (the words one pattern starts with, or is anchored at)."""

    scan: re.Pattern[str]
    starting_in: dict[str, tuple[tuple[int, str, bool, tuple[int, ...]], ...]]
    """For each word the scan finds, the words that may start where it is (:func:`_starting_in`), each with the
    groups (their positions in :attr:`groups`) it is in; its keys are all the words."""
    groups: _Groups

    @classmethod
    def of(cls, groups: _Groups) -> _Words:
        groups = tuple(dict.fromkeys(groups))  # a group of several patterns is looked for once
        words = {word for group in groups for word in group}
        ordered = sorted(words, key=lambda w: (-len(w), w))  # the longest word at a place is the one found
        member = {word: tuple(g for g, group in enumerate(groups) if word in group) for word in ordered}
        return cls(
            re.compile("|".join(map(re.escape, ordered))),
            {
                word: tuple((k, start, within, member[start]) for k, start, within in _starting_in(word, ordered))
                for word in ordered
            },
            groups,
        )

    def places(self, text: str) -> dict[tuple[str, ...], list[int]]:
        """For each group of words, every offset where one of them starts in *text*, in increasing order, also
        inside another word.

        One search finds the words without overlap: every offset where a word starts is where one found starts,
        or inside one found (else the search would have found it), where :attr:`starting_in` says it may. The words
        found are in text order and so are the places inside each (a word starts before the end of the word found),
        so each group's places are appended in increasing order: a place two words of a group start at is the last.
        """
        found: list[list[int]] = [[] for _ in self.groups]
        starting_in = self.starting_in
        for hit in self.scan.finditer(text):
            at = hit.start()
            for k, word, within, member in starting_in[hit.group()]:
                if within or text.startswith(word, at + k):
                    place = at + k
                    for group in member:
                        places = found[group]
                        if not places or places[-1] != place:
                            places.append(place)
        return dict(zip(self.groups, found, strict=True))


_WORDS = _Words.of(
    (
        *(search.words for search in _SEARCHES),
        _BOTH_STARTS,
        _NONE_STARTS,
        _FEE,
    )
)


def _starting_at(pattern: re.Pattern[str], text: str, places: list[int]) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern every match of which starts at one of *places*: tried there only,
    from the end of the last match on."""
    end = 0
    for place in places:
        if place >= end and (match := pattern.match(text, place)) is not None:
            yield match
            end = match.end()


def _in_clauses(pattern: re.Pattern[str], text: _Text, places: list[int]) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern every match of which holds a word starting at one of *places*
    (none holding a clause end): searched for in the clauses holding one, since no match crosses a clause end
    (``。;!?``, a line break or a tab)."""
    string, backwards = text.text, text.backwards
    size = len(string)
    end = -1
    for place in places:
        if place < end:
            continue  # in the clause just searched
        before = _CLAUSE_MARK.search(backwards, size - place)  # backwards[i] is text[size - 1 - i]
        after = _CLAUSE_MARK.search(string, place)
        end = after.start() if after else size
        yield from pattern.finditer(string, size - before.start() if before else 0, end)


def _matches(search: _Search, text: _Text, places: dict[tuple[str, ...], list[int]]) -> Iterator[re.Match[str]]:
    if search.anchors:
        return _in_clauses(search.pattern, text, places[search.words])
    return _starting_at(search.pattern, text.text, places[search.words])


def _iter_facts(folded: Folded) -> Iterator[NarrativeFact]:
    searched = _Text.of(folded)
    text = searched.text
    places = _WORDS.places(text)  # one scan for the words of every pattern
    for search in _SEARCHES:
        if not places[search.words]:
            continue  # none of its words is in the text: it matches nowhere
        kind = search.kind
        for match in _matches(search, searched, places):
            mid = match["mid"] or ""  # every pattern of _SEARCHES has it
            if search.requires and not any(word in match.group(0) for word in search.requires):
                continue
            if any(word in mid for word in search.forbids) or mid.endswith(_QUOTES):
                continue  # a number in quotes names something (``“三个”第一时间``): not a count
            if kind is FactKind.DENIED and "主动公开" in searched.sentence(match.start(), match.end()):
                continue  # 主动公开 … 不予公开 N 条: information classified by openness, not applications denied
            fact = _fact(searched, kind, match)
            if fact is None:
                continue
            yield fact
            if kind in (FactKind.REVIEW, FactKind.LITIGATION):
                yield from _breakdown(searched, kind, match, fact.value)
    for match in _starting_at(_BOTH, text, places[_BOTH_STARTS]):
        for kind in (FactKind.REVIEW, FactKind.LITIGATION):
            fact = _fact(searched, kind, match)
            if fact is not None:
                yield fact
    for match in _starting_at(_NONE_CASES, text, places[_NONE_STARTS]):
        clause = text[match.start() : searched.clause_end(match.end())]
        if re.search(r"\d", clause):
            continue
        for kind, word in ((FactKind.REVIEW, "复议"), (FactKind.LITIGATION, "诉讼")):
            if word in clause:
                fact = _fact(searched, kind, match, value=0, stated_none=True)
                if fact is not None:
                    yield fact
    for match in _in_clauses(_NONE_FEE, searched, places[_FEE]):
        fact = _fact(searched, FactKind.PROCESSING_FEE, match, value=0, stated_none=True)
        if fact is not None:
            yield fact


def extract_facts(text: str, *, form: HalfWidthForm | None = None) -> tuple[NarrativeFact, ...]:
    """Every recurring fact stated in *text*, in text order; spans are offsets into *text* (*form*: its
    :func:`~gov_disclosure.parsing.normalize.half_width_form`, if known).

    Table lines (tab-separated or markdown) are skipped; hard line wraps, page numbers and spaces between
    digits and CJK do not matter (format-spec §6.1).

    >>> facts = extract_facts("2024 年，全市共受理政府信息公开申请 3119 件，答\\n复 3050 件（含上年度结转申请 34 件，"
    ...                       "另有 103 件顺延到下年度答复）。")
    >>> [(f.kind.value, f.value) for f in facts]
    [('received', 3119), ('processed', 3050), ('carried_over', 34), ('carried_forward', 103)]
    """
    folded = fold(text, skip_tables=True, form=form)
    unique: dict[tuple[FactKind, str | None, tuple[int, int]], NarrativeFact] = {}
    for fact in _iter_facts(folded):
        key = (fact.kind, fact.part, fact.span)
        if key not in unique:
            unique[key] = fact
    return tuple(sorted(unique.values(), key=lambda f: (f.span, f.kind.value, f.part or "")))
