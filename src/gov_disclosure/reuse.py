"""Narrative reuse: how much of a report's text repeats the previous year's report.

Evaluators score this: a 宿迁 departmental assessment rule deducts points when the annual report "repeats more than
50 % of the previous year's text" (format-spec §5.5 rule 13; peers.md §4, rule ``SQ-DEP-A-005``); CASS found reports
90 % identical to the previous year's, and the 2021 notice names 内容雷同 as a fault.

Method: the six narrative sections are split into sentences (at ``。！？`` and line breaks); each sentence is
normalised (NFKC, whitespace and punctuation removed, every run of digits replaced by ``#`` so that a sentence
copied with only its numbers updated still counts as copied). Boilerplate — sentences containing a phrase of
:data:`BOILERPLATE` (statutory formulas every report must print) — and very short sentences (headings, ``无。``) are
ignored. A remaining sentence is *repeated* when its normalised form equals one of the previous report's, or when
their character-bigram Jaccard similarity reaches the threshold (default 0.8).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from fractions import Fraction

from attrs import frozen

from gov_disclosure.model.report import Report

__all__ = [
    "BOILERPLATE",
    "EVALUATOR_LIMIT",
    "NarrativeReuse",
    "SentencePair",
    "narrative_reuse",
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
_DROP = re.compile(r"[\s\W_]+", re.UNICODE)
_DIGITS = re.compile(r"\d+")


def split_sentences(text: str) -> tuple[str, ...]:
    """The non-empty sentences of *text*, stripped.

    >>> split_sentences("一、总体情况\\n本年新收申请 22 件。均已答复！")
    ('一、总体情况', '本年新收申请 22 件', '均已答复')
    """
    return tuple(s for s in (part.strip() for part in _SPLIT.split(text)) if s)


def normalise_sentence(sentence: str) -> str:
    """NFKC, no whitespace or punctuation, every digit run replaced by ``#``.

    >>> normalise_sentence("2021 年，共收到申请 22 件。")
    '#年共收到申请#件'
    """
    text = unicodedata.normalize("NFKC", sentence)
    return _DIGITS.sub("#", _DROP.sub("", text))


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
    """Sentences of the current report counted (boilerplate and very short ones excluded)."""
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
    *boilerplate* phrase.

    >>> last = "本机关全年主动公开政府信息 54 条。严格落实信息发布审查制度，确保公开内容准确。"
    >>> this = "本机关全年主动公开政府信息 61 条。新建政策解读专栏，发布解读材料 5 篇。"
    >>> result = narrative_reuse(this, last)
    >>> result.repeated, result.considered, result.ratio, result.pairs[0].exact
    (1, 2, Fraction(1, 2), True)
    """
    phrases = tuple(normalise_sentence(p) for p in boilerplate)
    current_text = current if isinstance(current, str) else _narrative(current)
    previous_text = previous if isinstance(previous, str) else _narrative(previous)
    kept = [
        (sentence, norm)
        for sentence in split_sentences(current_text)
        if not _is_boilerplate(norm := normalise_sentence(sentence), phrases, min_length)
    ]
    before: dict[str, str] = {}
    for sentence in split_sentences(previous_text):
        norm = normalise_sentence(sentence)
        if not _is_boilerplate(norm, phrases, min_length):
            before.setdefault(norm, sentence)
    grams = [(norm, sentence, _bigrams(norm)) for norm, sentence in before.items()]
    pairs: list[SentencePair] = []
    for sentence, norm in kept:
        if norm in before:
            pairs.append(SentencePair(current=sentence, previous=before[norm], similarity=Fraction(1), exact=True))
            continue
        mine = _bigrams(norm)
        best: tuple[Fraction, str] | None = None
        for _, other_sentence, theirs in grams:
            similarity = Fraction(len(mine & theirs), len(mine | theirs))
            if similarity >= threshold and (best is None or similarity > best[0]):
                best = (similarity, other_sentence)
        if best is not None:
            pairs.append(SentencePair(current=sentence, previous=best[1], similarity=best[0], exact=False))
    return NarrativeReuse(considered=len(kept), repeated=len(pairs), pairs=tuple(pairs), threshold=threshold)
