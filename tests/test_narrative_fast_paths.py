"""The fast paths of the narrative stage give exactly what their plain definitions give.

Folding, section splitting and fact extraction were sped up for ``read_text`` (benchmarks/bench_read.py); each
property here compares a fast path with a plain reference on generated text, so a speedup cannot change a result.
"""

from __future__ import annotations

import random
import re
import unicodedata

import attrs
from hypothesis import example, given, settings
from hypothesis import strategies as st

from gov_disclosure.narrative import checks, facts, folding, sections
from gov_disclosure.narrative.folding import fold, is_table_line
from gov_disclosure.parsing.normalize import half_width_form, normalize_text
from gov_disclosure.testing import random_report

# Full-width forms (also ``｜`` that is no markdown row), the ideographic space, combining marks, Kangxi radicals,
# zero-width and rare whitespace, every kind of line break, page furniture, headings and sentence ends.
_TRICKY = (
    "规章政府信息公开第页共一二三四五六、。，：；（）〔〕【】“”．—–－―~·•-/ \t\n\r|｜#*"
    "０１２３ＡＺａｚ！？；：～\u3000\u0301\u0308\u20dd⼀⼆\u200b\u00ad\ufeff\u2060\x0b\x0c\x1c\x1f\x85\xa0\u2003\u2028"
    "0123456789.!?;:(件"
)
_PIECES = (
    "｜ 1 ｜ 2\n",
    "- 4 -",
    "第 2 页",
    "一、总体情况",
    "（二）",
    "\t0\t1",
    "| a | b |",
    "。\n",
    "\n\n",
    "\r\n",
    "答\n复 3 件",
)
tricky_text = st.lists(st.sampled_from(_TRICKY) | st.sampled_from(_PIECES), max_size=40).map("".join) | st.text(
    max_size=40
)


def _fold_reference(text: str, *, join_lines: bool, skip_tables: bool) -> tuple[str, tuple[int, ...]]:
    """fold() as first written: NFKC of every line, then of every character."""
    lines: list[tuple[int, str, bool, str, bool]] = []
    position = 0
    for line in text.splitlines(keepends=True):
        table = is_table_line(line)
        folded = unicodedata.normalize("NFKC", line)
        if not (skip_tables and table) and folding._PAGE.match(folded) is None:
            lines.append((position, line, not line.strip(), folded.strip(), table))
        position += len(line)
    chars: list[str] = []
    offsets: list[int] = []
    joined = False
    for i, (start, line, blank, current, table) in enumerate(lines):
        body = line.rstrip("\r\n")
        if blank:
            if not joined:
                chars.append("\n")
                offsets.append(start)
            continue
        for j, char in enumerate(body):
            for piece in "" if char in folding._DROP else unicodedata.normalize("NFKC", char):
                if piece not in folding._DROP:
                    chars.append(piece)
                    offsets.append(start + j)
        following = next((line for line in lines[i + 1 :] if not line[2]), None)
        joined = (
            join_lines
            and following is not None
            and bool(current and following[3])
            and current[-1] not in folding._SENTENCE_END
            and not (table or following[4])
            and not (folding._is_heading(current) or folding._is_heading(following[3]))
        )
        if not joined and len(body) != len(line):
            chars.append("\n")
            offsets.append(start + len(body))
    offsets.append(len(text))
    return "".join(chars), tuple(offsets)


@settings(max_examples=400)
@example(text="｜ 1 ｜ 2\n正文\n", join_lines=True, skip_tables=True)
@example(text="（⼀）总体\u3000情况\n- ４ -\n答\n复 ３ 件。", join_lines=True, skip_tables=False)
@given(tricky_text, st.booleans(), st.booleans())
def test_fold_matches_its_definition(text: str, join_lines: bool, skip_tables: bool) -> None:
    """fold() gives the text and offsets of folding every line and every character by NFKC."""
    folded = fold(text, join_lines=join_lines, skip_tables=skip_tables)
    expected = _fold_reference(text, join_lines=join_lines, skip_tables=skip_tables)
    assert (folded.text, folded.offsets) == expected
    offsets, size = expected[1], len(folded.text)
    spans = [(i, j) for i in range(size + 1) for j in range(i, min(i + 3, size) + 1)]
    assert [folded.span(i, j) for i, j in spans] == [
        (offsets[i], offsets[i]) if j == i else (offsets[i], offsets[j - 1] + 1) for i, j in spans
    ]


_HEADING_LAZY = re.compile(r"^[#*\s]*(?P<num>[一二三四五六])\s*[、.,:]\s*(?P<rest>.*?)[*\s]*$")
"""sections._HEADING as first written: the rest of the heading matched lazily, up to blanks and markup at the end."""


def _candidates_reference(text: str) -> list[sections._Candidate]:
    """sections._candidates as first written: NFKC of every line, then the heading pattern."""
    found: list[sections._Candidate] = []
    position = 0
    for line in text.splitlines(keepends=True):
        start, position = position, position + len(line)
        match = _HEADING_LAZY.match(unicodedata.normalize("NFKC", line.rstrip("\r\n")))
        if is_table_line(line) or match is None or folding.is_page_number(line):
            continue
        rest = match.group("rest")
        if len(rest) > sections._MAX_HEADING or rest.endswith("。"):
            continue
        index = sections._NUMERALS.index(match.group("num"))
        score = sections._score(index, rest)
        if score:
            found.append(sections._Candidate(index, score, start, start + len(line), line.strip()))
    return found


_HEADINGS = (
    "一、总体情况",
    "二、主动公开政府信息情况",
    "＃＃ 三、收到和处理",
    "**四、行政复议**",
    "五，存在问题",
    "六、其他",
)


@settings(max_examples=400)
@example(text="｜ 一、总体情况\n\u3000三、收到和处理\r四、复议\u2028五、问题")
@given(st.lists(st.sampled_from(_TRICKY) | st.sampled_from(_PIECES + _HEADINGS), max_size=40).map("".join))
def test_heading_candidates_match_their_definition(text: str) -> None:
    """The heading candidates found in the whole half-width text are those of normalising every line."""
    assert sections._candidates(text, half_width_form(text)) == _candidates_reference(text)


@settings(max_examples=400)
@example(line="一、 总体情况 **  \n ")
@given(st.lists(st.sampled_from(_TRICKY) | st.sampled_from(_HEADINGS), max_size=12).map("".join))
def test_heading_pattern_is_its_lazy_definition(line: str) -> None:
    """The heading pattern finds the numeral and the rest that its lazy definition finds, in any line."""
    found, expected = sections._HEADING.match(line), _HEADING_LAZY.match(line)
    assert (found and found.groupdict()) == (expected and expected.groupdict())


def _best_sequence_reference(candidates: list[sections._Candidate]) -> list[sections._Candidate]:
    """sections._best_sequence as first written: the best chain ending with each candidate, copied whole."""
    best: list[tuple[int, list[sections._Candidate]]] = []
    for i, candidate in enumerate(candidates):
        score, chain = candidate.score, [candidate]
        for j in range(i):
            previous_score, previous_chain = best[j]
            if candidates[j].index < candidate.index and previous_score + candidate.score > score:
                score, chain = previous_score + candidate.score, [*previous_chain, candidate]
        best.append((score, chain))
    if not best:
        return []
    top = max(score for score, _ in best)
    return next(chain for score, chain in best if score == top)


@given(st.lists(st.tuples(st.integers(0, 5), st.integers(1, 3)), max_size=14))
def test_best_sequence_is_its_definition(found: list[tuple[int, int]]) -> None:
    """The best sequence of heading candidates is the one of keeping every best chain whole."""
    candidates = [sections._Candidate(index, score, i, i + 1, str(i)) for i, (index, score) in enumerate(found)]
    assert sections._best_sequence(candidates) == _best_sequence_reference(candidates)


def _sentence_reference(text: str, start: int, end: int) -> str:
    """facts._sentence as first written: the last and first of each sentence end, looked for one by one."""
    left = max(text.rfind(mark, 0, start) for mark in "。!?\n")
    rights = [i for i in (text.find(mark, end) for mark in "。!?\n") if i >= 0]
    right = min(rights) if rights else len(text)
    return text[left + 1 : right + (1 if right < len(text) and text[right] != "\n" else 0)].strip()


def _clause_end_reference(text: str, start: int, stop_words: tuple[str, ...]) -> int:
    """facts._clause_end as first written."""
    ends = [i for i in (text.find(mark, start) for mark in ("。", ";", "\n", *stop_words)) if i >= 0]
    return min(ends) if ends else len(text)


@given(
    st.lists(st.sampled_from(("。", "!", "?", ";", "\n", "\t", " ", "申请", "3件", "行政诉讼", "维持")), max_size=20)
)
def test_sentences_and_clauses_match_their_definition(words: list[str]) -> None:
    """The sentence and the clause end around every span are those of looking for each mark in turn."""
    text = facts._Text.of(fold("".join(words), join_lines=False))
    size = len(text.text)
    for start in range(size + 1):
        for end in range(start, min(start + 4, size) + 1):
            assert text.sentence(start, end) == _sentence_reference(text.text, start, end)
        for stop_words in ((), ("行政诉讼",)):
            assert text.clause_end(start, stop_words) == _clause_end_reference(text.text, start, stop_words)


@given(tricky_text)
def test_lines_are_those_of_splitlines(text: str) -> None:
    """The lines split one by one are those of str.splitlines, with their offsets."""
    lines = text.splitlines(keepends=True)
    offsets = [sum(map(len, lines[:i])) for i in range(len(lines))]
    assert list(sections._lines(text)) == list(zip(offsets, lines, strict=True))


def test_line_space_is_whitespace_but_the_line_feed() -> None:
    """sections._LINE_SPACE (the class of the heading-line search) holds exactly what ``\\s`` matches but ``\\n``."""
    every = "".join(map(chr, range(0x110000)))
    expected = set(re.findall(r"\s", every)) - {"\n"}
    assert set(re.findall(f"[{sections._LINE_SPACE}]", every)) == expected


def _check_targets() -> list[checks._Target]:
    """Every table quantity the narrative checks compare facts with."""
    found = [value for value in vars(checks).values() if isinstance(value, checks._Target)]
    for version in ("2019", "2021"):
        for _, group, _, _ in checks._GROUPS:
            found.extend(checks._group_targets(version, group))
    for kind in (facts.FactKind.REVIEW, facts.FactKind.LITIGATION):
        found.extend(checks._t4_targets(kind, part) for part in (None, *checks._T4_PARTS))
    return found


@settings(max_examples=50)
@given(st.integers(0, 2**32), st.sampled_from(("2019", "2021")), st.booleans())
def test_cells_of_targets_are_those_of_report_cell(seed: int, version: str, drop_table3: bool) -> None:
    """checks._cell reads the cell Report.cell reads for every key of every target, present or not (a 2019
    report lacks rows of the 2021 format; a report may lack a table)."""
    report = random_report(random.Random(seed), version)
    if drop_table3:
        report = attrs.evolve(report, table3=None)
    keys = {key for target in _check_targets() for key in target.cells}
    assert len(keys) > 30
    for key in keys:
        assert checks._cell(report, key) is report.cell(key)


@given(tricky_text)
@example("某局2022年政府信息公开工作年度报告\n一、总体情况\n概述。\n六、其他需要报告的事项\n无。\n")
def test_sections_of_is_split_sections_sections(text: str) -> None:
    """sections_of (what read_text uses) gives the sections split_sections gives, without spans and title."""
    assert sections.sections_of(text) == sections.split_sections(text).sections


@given(tricky_text)
@example("共１２件。\r\n一、总体情况\n受理申请３件。\n")
def test_a_given_half_width_form_changes_nothing(text: str) -> None:
    """Sections, facts, folding and the normalised text are the same whether the text's half-width form is handed
    in (computed once per document) or computed by each function."""
    form = half_width_form(text)
    assert sections.sections_of(text, form=form) == sections.sections_of(text)
    assert sections.split_sections(text, form=form) == sections.split_sections(text)
    assert facts.extract_facts(text, form=form) == facts.extract_facts(text)
    assert fold(text, skip_tables=True, form=form) == fold(text, skip_tables=True)
    assert normalize_text(text, form=form) == normalize_text(text)
