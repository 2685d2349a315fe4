"""Narrative reuse: how much of a report's narrative repeats the previous year's report.

Evaluators score this: a 宿迁 departmental assessment rule deducts points when the annual report "repeats more than
50 % of the previous year's text" (format-spec §5.5 rule 13; peers.md §4, rule ``SQ-DEP-A-005``); CASS found reports
90 % identical to the previous year's, and the 2021 notice names 内容雷同 as a fault.

Every report prints the same three tables with the same labels, so only **narrative sentences** are compared
(:func:`narrative_sentences`): table rows (a tab, a ``|`` or a box-drawing character, a run of number cells, or
nothing but official table labels and numbers), headings (``一、总体情况``, ``（二）…``) and titles are left out;
lines a paragraph was wrapped into are joined again, then split at ``。！？``. Each sentence is normalised (NFKC,
whitespace and punctuation removed). **Digits are part of a sentence** — ``收到申请 22 件`` is not
``收到申请 1 件`` — except the year a sentence is dated by (``2022年``), which is masked as ``#年`` so that last
year's paragraph copied under this year's date still counts as copied. Boilerplate — sentences containing a phrase
of :data:`BOILERPLATE` (statutory formulas every report must print) — and very short sentences are ignored. A
remaining sentence is *repeated* when its normalised form equals one of the previous report's, or when the two have
the same numbers and their character-bigram Jaccard similarity reaches the threshold (default 0.8).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from fractions import Fraction

from attrs import frozen

from gov_disclosure.model.layout import (
    TABLE2_CONTENT,
    TABLE3_APPLICANTS,
    TABLE3_LEGAL_PERSONS,
    TABLE3_NOTE,
    TABLE3_RESULTS,
    TABLE4_LITIGATION,
    TABLES,
)
from gov_disclosure.model.report import Report

__all__ = [
    "BOILERPLATE",
    "EVALUATOR_LIMIT",
    "NarrativeReuse",
    "SentencePair",
    "narrative_reuse",
    "narrative_sentences",
    "normalise_sentence",
    "split_sentences",
]

EVALUATOR_LIMIT = Fraction(1, 2)
"""Evaluators deduct points above this share of repeated text (宿迁 rule SQ-DEP-A-005)."""

BOILERPLATE: tuple[str, ...] = (
    "中华人民共和国政府信息公开条例",
    "编制本报告",
    "本报告所列数据",
    "本报告中所列数据",
    "统计期限",
    "电子版",
    "如对本报告有",
    "如对本年度报告有",
    "请与",
    "无其他需要报告",
    "没有其他需要报告",
    "其他需要报告的事项",
    "未收取信息处理费",
    "未收取任何费用",
    "政府信息公开信息处理费管理办法",
)
"""Phrases that mark a sentence as boilerplate: the legal basis, the data period, where to download the report,
whom to contact, "nothing else to report", the 信息处理费 statement the 2021 notice requires. Matched against the
normalised sentence (so written without punctuation or spaces)."""

_SPLIT = re.compile(r"[。！？!?\n]+")
_END = re.compile(r"[。！？!?]")
_DROP = re.compile(r"[\s\W_]+", re.UNICODE)
_DIGITS = re.compile(r"\d+")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?=年)")
_TABLE_MARK = re.compile(r"[\t|\u2500-\u257f]")
_NUMBER_CELL = r"(?:[-—–/／]|[+-]?\d[\d,.]*%?)"
_CELL_RUN = re.compile(rf"(?:^|\s){_NUMBER_CELL}(?:\s+{_NUMBER_CELL})+\s*$|^\s*{_NUMBER_CELL}\s*$")
_HEADING = re.compile(
    r"^\s*(?:#+\s|[一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]+\s*[）)]|\d+\s*[、.．](?!\d)"
    r"|第[一二三四五六七八九十]+[部分章节条])"
)
_HEADING_LENGTH = 40
_INLINE_HEADING_LENGTH = 20
_LABEL_REST = 4


def _bare(text: str) -> str:
    """NFKC, without whitespace, punctuation or digits: what is left of a label or a table line."""
    return _DIGITS.sub("", _DROP.sub("", unicodedata.normalize("NFKC", text)))


def _table_labels() -> tuple[str, ...]:
    labels = {TABLE2_CONTENT, TABLE3_APPLICANTS, TABLE3_LEGAL_PERSONS, TABLE3_NOTE, TABLE3_RESULTS, TABLE4_LITIGATION}
    for table in TABLES:
        labels.add(table.title)
        for row in table.rows:
            labels.update((row.label, row.group or ""), *((column.label,) for column in row.columns))
    bare = {_bare(label) for label in labels}
    return tuple(sorted((b for b in bare if b), key=lambda b: (-len(b), b)))


_TABLE_LABELS = _table_labels()
"""The official labels of every table (rows, groups, columns, header cells), bare, longest first."""


def _is_table_line(line: str) -> bool:
    """A table row or header as text: cell separators, a run of number cells, or only table labels and numbers."""
    if _TABLE_MARK.search(line) or _CELL_RUN.search(line):
        return True
    if _END.search(line):
        return False
    rest = _bare(line)
    for label in _TABLE_LABELS:
        if label in rest:
            rest = rest.replace(label, "")
    return len(rest) < _LABEL_REST and len(rest) < len(_bare(line))


def _is_heading(line: str) -> bool:
    """A heading or title: numbered like ``一、`` / ``（二）`` / ``3.`` (or markdown ``#``), short, no full stop."""
    if _END.search(line):
        return False
    return "年度报告" in line or (len(line.strip()) <= _HEADING_LENGTH and _HEADING.match(line) is not None)


def _paragraphs(text: str) -> Iterator[str]:
    """The prose of *text*: table lines and headings dropped; the lines of a wrapped paragraph joined (a line that
    does not end a sentence continues on the next prose line, across blank lines)."""
    pending = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if _is_table_line(line) or _is_heading(line):
            if pending:
                yield pending
            pending = ""
            continue
        pending += line
        if _END.search(pending[-1]):
            yield pending
            pending = ""
    if pending:
        yield pending


def split_sentences(text: str) -> tuple[str, ...]:
    """The non-empty sentences of *text* (split at ``。！？`` and line breaks), stripped.

    >>> split_sentences("一、总体情况\\n本年新收申请 22 件。均已答复！")
    ('一、总体情况', '本年新收申请 22 件', '均已答复')
    """
    return tuple(s for s in (part.strip() for part in _SPLIT.split(text)) if s)


def narrative_sentences(text: str) -> tuple[str, ...]:
    """The narrative sentences of *text*: without table rows, headings and titles; wrapped lines joined.

    >>> text = "一、总体情况\\n（一）主动公开情况。本年新收申请 22 件，均已按\\n\\n期答复。\\n"
    >>> text += "行政许可\\t3\\n规章 0 0 0\\n行政处罚 12"
    >>> narrative_sentences(text)
    ('本年新收申请 22 件，均已按期答复',)
    """
    return tuple(
        s
        for paragraph in _paragraphs(text)
        for s in split_sentences(paragraph)
        if not (len(s) <= _INLINE_HEADING_LENGTH and _HEADING.match(s))  # a heading ending in 。: （一）主动公开情况。
    )


def normalise_sentence(sentence: str) -> str:
    """NFKC, no whitespace or punctuation; a year the sentence is dated by (``2022年``) becomes ``#年``, every other
    digit is kept.

    >>> normalise_sentence("2021 年，共收到申请 22 件。")
    '#年共收到申请22件'
    """
    text = _DROP.sub("", unicodedata.normalize("NFKC", sentence))
    return _YEAR.sub("#", text)


def _numbers(normalised: str) -> tuple[str, ...]:
    return tuple(_DIGITS.findall(normalised))


def _bigrams(text: str) -> frozenset[str]:
    return frozenset(text[i : i + 2] for i in range(len(text) - 1)) if len(text) > 1 else frozenset((text,))


@frozen(kw_only=True)
class SentencePair:
    """A sentence of the current report and the previous report's sentence it repeats."""

    current: str
    previous: str
    similarity: Fraction
    """Character-bigram Jaccard similarity of the normalised sentences (1 for an exact repeat)."""
    exact: bool
    """True when the normalised sentences are identical."""


@frozen(kw_only=True)
class NarrativeReuse:
    """How much of a report's narrative repeats the previous report's."""

    considered: int
    """Narrative sentences of the current report counted (boilerplate and very short ones excluded)."""
    repeated: int
    pairs: tuple[SentencePair, ...] = ()
    """Each repeated sentence with its best match, in the current report's order."""
    threshold: Fraction | float = Fraction(4, 5)

    @property
    def ratio(self) -> Fraction | None:
        """``repeated / considered``; None when no sentence was considered."""
        return None if self.considered == 0 else Fraction(self.repeated, self.considered)

    @property
    def over_limit(self) -> bool:
        """True when more than half of the sentences are repeated (evaluators deduct points)."""
        ratio = self.ratio
        return ratio is not None and ratio > EVALUATOR_LIMIT


def _narrative(report: Report) -> str:
    return "\n".join(text for _, text in report.sections.items() if text)


def _is_boilerplate(normalised: str, boilerplate: Iterable[str], min_length: int) -> bool:
    return len(normalised) < min_length or any(phrase in normalised for phrase in boilerplate)


def _kept(text: str, phrases: tuple[str, ...], min_length: int) -> Iterator[tuple[str, str]]:
    for sentence in narrative_sentences(text):
        norm = normalise_sentence(sentence)
        if not _is_boilerplate(norm, phrases, min_length):
            yield sentence, norm


def narrative_reuse(
    current: Report | str,
    previous: Report | str,
    *,
    threshold: Fraction | float = Fraction(4, 5),
    min_length: int = 10,
    boilerplate: Iterable[str] = BOILERPLATE,
) -> NarrativeReuse:
    """The share of *current*'s narrative sentences repeated from *previous* (reports, or their text).

    Sentences shorter than *min_length* characters after normalisation are ignored, as are those containing a
    *boilerplate* phrase. A near repeat (similarity at least *threshold*) must have the same numbers.

    >>> last = "本机关全年主动公开政府信息 54 条。严格落实信息发布审查制度，确保公开内容准确。"
    >>> this = "本机关全年主动公开政府信息 61 条。严格落实信息发布审查制度，确保公开内容准确。"
    >>> result = narrative_reuse(this, last)
    >>> result.repeated, result.considered, result.ratio, result.pairs[0].exact
    (1, 2, Fraction(1, 2), True)
    """
    phrases = tuple(normalise_sentence(p) for p in boilerplate)
    current_text = current if isinstance(current, str) else _narrative(current)
    previous_text = previous if isinstance(previous, str) else _narrative(previous)
    kept = list(_kept(current_text, phrases, min_length))
    before: dict[str, str] = {}
    for sentence, norm in _kept(previous_text, phrases, min_length):
        before.setdefault(norm, sentence)
    by_numbers: dict[tuple[str, ...], list[tuple[str, frozenset[str]]]] = {}
    for norm, sentence in before.items():
        by_numbers.setdefault(_numbers(norm), []).append((sentence, _bigrams(norm)))
    pairs: list[SentencePair] = []
    for sentence, norm in kept:
        if norm in before:
            pairs.append(SentencePair(current=sentence, previous=before[norm], similarity=Fraction(1), exact=True))
            continue
        mine = _bigrams(norm)
        best: tuple[Fraction, str] | None = None
        for other_sentence, theirs in by_numbers.get(_numbers(norm), ()):
            similarity = Fraction(len(mine & theirs), len(mine | theirs))
            if similarity >= threshold and (best is None or similarity > best[0]):
                best = (similarity, other_sentence)
        if best is not None:
            pairs.append(SentencePair(current=sentence, previous=best[1], similarity=best[0], exact=False))
    return NarrativeReuse(considered=len(kept), repeated=len(pairs), pairs=tuple(pairs), threshold=threshold)
