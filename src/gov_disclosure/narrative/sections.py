"""Split report text into its six sections 一…六, and find the title above them (agency and year).

format-spec §1.2: headings vary ("五、政府信息公开工作存在的主要问题及改进情况", "二、行政机关主动公开政府信息情况",
"五、存在问题及改进情况"); "a parser must match fuzzily on '一、…六、' + key words". A heading is a short line of its
own that starts with the section's numeral and carries the section's key words; among all candidates the
split keeps the best-scoring sequence in the official order, so a numbered sub-list (``一、加强…``) or a
table row (``一、本年新收政府信息公开申请数量``, ``三、本年度办理结果``, ``四、结转下年度继续办理``) is not taken
for a heading.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from attrs import define, frozen

from gov_disclosure.model.report import SECTION_TITLES, Sections
from gov_disclosure.narrative.folding import is_table_line
from gov_disclosure.parsing.normalize import OTHER_LINE_BREAKS, HalfWidthForm, _nfkc, half_width_form
from gov_disclosure.parsing.title import WITHIN, Title, find_title

__all__ = [
    "SectionHeading",
    "SectionSpan",
    "SplitText",
    "Title",
    "find_title",
    "section_bodies",
    "section_headings",
    "sections_of",
    "split_sections",
]

_NUMERALS = "一二三四五六"
_KEYWORDS: tuple[tuple[str, ...], ...] = (
    ("总体情况", "总体", "概述", "概况", "基本情况"),
    ("主动公开",),
    ("收到和处理", "收到", "依申请", "申请情况"),
    ("复议", "诉讼"),
    ("问题", "改进"),
    ("其他需要报告", "其他事项", "其他"),
)
_HEADING = re.compile(r"^[#*\s]*(?P<num>[一二三四五六])\s*[、.,:]\s*(?P<rest>(?:.*[^*\s])?)[*\s]*$")
"""A heading line: its numeral and the rest, up to its last character that is not a blank or markup. (The rest is
matched greedily up to that character: a lazy ``.*?`` would try the trailing blanks and the end at every character.)"""
_LINE_SPACE = "\t\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
"""What ``\\s`` matches but ``\\n``, as a character range: one class of characters is matched faster than either of
two (``(?:[#*]|[^\\S\\n])*``)."""
_HEADING_LINE = re.compile(f"\\n[#*{_LINE_SPACE}]*[一二三四五六][^\\S\\n]*[、.,:]")
"""A line break and the start of a line that may be a heading (the start of :data:`_HEADING`, with ``\\s`` kept
inside the line): searched for in the whole text at once, behind a ``\\n`` for the first line."""
_MAX_HEADING = 32
_LINE = re.compile(f"[^\n{OTHER_LINE_BREAKS}]*(?:\r\n|[\n{OTHER_LINE_BREAKS}])?")
"""A line and its line break, as ``str.splitlines`` splits them."""
_MARKUP = re.compile(r"[\s*#]")


@frozen(kw_only=True)
class SectionSpan:
    """Where a section is: its heading as printed and the character offsets of heading and body."""

    key: str
    """Section key of :data:`~gov_disclosure.model.SECTION_TITLES` (``overview`` … ``other_matters``)."""
    heading: str
    start: int
    """Offset of the heading line."""
    body_start: int
    """Offset just after the heading line."""
    end: int
    """Offset of the next heading (or the end of the text)."""


@frozen(kw_only=True)
class SplitText:
    """The result of :func:`split_sections`."""

    sections: Sections
    """Body text of each section found (None when its heading was not found; tables included as printed)."""
    spans: tuple[SectionSpan, ...]
    title: Title | None

    def span(self, key: str) -> SectionSpan | None:
        """The span of section *key*, or None."""
        return next((s for s in self.spans if s.key == key), None)

    def section_at(self, offset: int) -> str | None:
        """The key of the section holding *offset* (None before the first heading)."""
        return next((s.key for s in self.spans if s.start <= offset < s.end), None)


@define
class _Candidate:
    """A line that may be a section heading (made for each such line: a plain class is made faster than a frozen
    one, and nothing changes it)."""

    index: int
    score: int
    start: int
    end: int
    heading: str


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """``(offset, line)`` for the lines of ``text.splitlines(keepends=True)``, split one by one as they are asked
    for."""
    for match in _LINE.finditer(text):
        if match.end() > match.start():  # not the empty match at the end
            yield match.start(), match.group()


def _score(index: int, rest: str) -> int:
    compact = _MARKUP.sub("", rest)
    official = SECTION_TITLES[index][1][2:]
    if compact == official:
        return 3
    if any(word in compact for word in _KEYWORDS[index]):
        return 2 if official in compact or compact in official else 1
    return 0


def _heading_lines(text: str, form: HalfWidthForm) -> Iterator[tuple[int, str, str]]:
    """``(offset, line, NFKC of the line without its line break)`` for the lines of *text* that may be headings.

    *form* is :func:`~gov_disclosure.parsing.normalize.half_width_form` of *text*. Usually
    :func:`~gov_disclosure.parsing.normalize.half_width` makes the text NFKC-normalised as a whole; then NFKC of
    each line is that line of the half-width text, and when ``\\n`` is the only line break, the lines starting
    like a heading are found by one search of the whole text, four times faster than normalising every line (that
    would cost read_text ~7 %). Other texts (rare: other line breaks, Kangxi radicals …) are read line by line.
    """
    half, _, plain = form
    if plain:
        for match in _HEADING_LINE.finditer("\n" + half):
            start = match.start()  # of the line break before the line in "\n" + half: of the line in half
            end = half.find("\n", start)
            end = len(half) if end < 0 else end + 1
            yield start, text[start:end], half[start:end].rstrip("\n")
        return
    for start, line in _lines(text):
        yield start, line, _nfkc(line.rstrip("\r\n"))


def _candidates(text: str, form: HalfWidthForm) -> list[_Candidate]:
    """The lines that look like a section heading, scored.

    No page number is among them: after ``#``, ``*`` and spaces, a heading starts with its numeral, a page number
    (:func:`~gov_disclosure.narrative.folding.is_page_number`) with a dash or ``第``.
    """
    found: list[_Candidate] = []
    for start, line, folded in _heading_lines(text, form):
        if is_table_line(line):
            continue
        match = _HEADING.match(folded)
        if match is None or len(match.group("rest")) > _MAX_HEADING or match.group("rest").endswith("。"):
            continue
        index = _NUMERALS.index(match.group("num"))
        score = _score(index, match.group("rest"))
        if score:
            found.append(_Candidate(index, score, start, start + len(line), line.strip()))
    return found


def _best_sequence(candidates: list[_Candidate]) -> list[_Candidate]:
    """The candidates in increasing section order with the highest total score (earliest on ties).

    For each candidate, the best sequence ending with it is its score added to the best of those ending with an
    earlier candidate of a lower section (the earliest of equals), kept as that candidate's position: the chains are
    followed back only for the best.
    """
    sections = [candidate.index for candidate in candidates]
    best: list[int] = []  # the total score of the best sequence ending with each candidate
    before: list[int] = []  # the candidate before it in that sequence (-1 for none)
    for i, candidate in enumerate(candidates):
        score, previous, section = candidate.score, -1, sections[i]
        for j in range(i):
            if sections[j] < section and best[j] + candidate.score > score:
                score, previous = best[j] + candidate.score, j
        best.append(score)
        before.append(previous)
    if not best:
        return []
    chain: list[_Candidate] = []
    i = best.index(max(best))
    while i >= 0:
        chain.append(candidates[i])
        i = before[i]
    return chain[::-1]


def split_sections(text: str, *, form: HalfWidthForm | None = None) -> SplitText:
    """Split *text* into the six sections and find its title (*form*: its
    :func:`~gov_disclosure.parsing.normalize.half_width_form`, if known).

    >>> text = "某局2022年政府信息公开工作年度报告\\n一、总体情况\\n概述。\\n六、其他需要报告的事项\\n无。\\n"
    >>> split = split_sections(text)
    >>> split.sections.overview, split.sections.proactive, split.sections.other_matters
    ('概述。', None, '无。')
    >>> split.title.agency, [s.key for s in split.spans]
    ('某局', ['overview', 'other_matters'])
    """
    headings = section_headings(text, form=form)
    spans = tuple(
        SectionSpan(key=h.key, heading=h.heading, start=h.start, body_start=h.body_start, end=end)
        for h, end in zip(headings, _ends(headings, text), strict=True)
    )
    title = find_title(text, within=spans[0].start if spans else WITHIN)  # the title stands above the sections
    return SplitText(sections=section_bodies(text, headings), spans=spans, title=title)


class SectionHeading(NamedTuple):
    """A section heading found in a text (:func:`section_headings`). A plain tuple: every report read finds its six."""

    key: str
    """Section key of :data:`~gov_disclosure.model.SECTION_TITLES` (``overview`` … ``other_matters``)."""
    heading: str
    """The heading line as printed, stripped."""
    start: int
    """Offset of the heading line."""
    body_start: int
    """Offset just after the heading line."""


def section_headings(text: str, *, form: HalfWidthForm | None = None) -> tuple[SectionHeading, ...]:
    """The section headings of *text*, in the official order (*form*: the
    :func:`~gov_disclosure.parsing.normalize.half_width_form` of *text*, if known). A section runs from its heading
    to the next one (:func:`section_bodies`).

    >>> [(h.key, h.start) for h in section_headings("标题\\n一、总体情况\\n概述。\\n二、主动公开政府信息情况\\n")]
    [('overview', 3), ('proactive', 14)]
    """
    chosen = _best_sequence(_candidates(text, half_width_form(text) if form is None else form))
    return tuple(SectionHeading(SECTION_TITLES[c.index][0], c.heading, c.start, c.end) for c in chosen)


def _ends(headings: tuple[SectionHeading, ...], text: str) -> list[int]:
    """Where each section of *headings* ends: at the next heading, the last one at the end of *text*."""
    return [heading.start for heading in headings[1:]] + [len(text)] if headings else []


def section_bodies(text: str, headings: tuple[SectionHeading, ...]) -> Sections:
    """The body of each section of *text* whose heading is among *headings* (:func:`section_headings` of *text*)."""
    return Sections(
        **{h.key: text[h.body_start : end].strip() for h, end in zip(headings, _ends(headings, text), strict=True)}
    )


def sections_of(text: str, *, form: HalfWidthForm | None = None) -> Sections:
    """The six sections of *text*, as ``split_sections(text).sections``, without finding the title (*form*: the
    :func:`~gov_disclosure.parsing.normalize.half_width_form` of *text*, if known).

    >>> sections_of("一、总体情况\\n概述。\\n六、其他需要报告的事项\\n无。\\n").other_matters
    '无。'
    """
    return section_bodies(text, section_headings(text, form=form))
