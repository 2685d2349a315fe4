"""The fast paths of reading and validation give exactly what the plain definitions give.

Each speedup (benchmarks/bench_read.py) replaced a simple definition by a quicker one; these properties compare
the two on generated input, so a fast path can never change a result.
"""

from __future__ import annotations

import random
import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from gov_disclosure.model.cells import Cell
from gov_disclosure.model.report import Report
from gov_disclosure.narrative import facts, folding
from gov_disclosure.parsing import normalize
from gov_disclosure.parsing.cells import is_number_token
from gov_disclosure.registry import BlankPolicy
from gov_disclosure.testing import random_broken_report, random_report
from gov_disclosure.validation import evaluate_identities, read_values
from gov_disclosure.validation._arith import evaluate
from gov_disclosure.validation.context import ValidationRun
from gov_disclosure.validation.identities import identities_for

# Characters that exercise every branch: full-width forms and the ideographic space, combining marks after
# them, Kangxi radicals, zero-width and rare whitespace, quotes and brackets of compact(), page furniture.
_TRICKY = (
    "规章政府信息公开第页共一二三、。，：；（）〔〕【】[]“”‘’「」'\"．—–－―~·•-/ \t\n\r"
    "０１２３ＡＺａｚ！～\u3000\u0301\u0308\u20dd⼀⼆\u200b\u00ad\ufeff\x0b\x0c\x1f\x85\xa0\u2003\u2028\u202f"
    "0123456789zhengāǎ(元件"
)
tricky_text = st.text(alphabet=st.sampled_from(_TRICKY), max_size=60) | st.text(max_size=30)

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_COMPACT_TABLE = str.maketrans(normalize._COMPACT_MAP)


def _normalize_text_reference(text: str) -> str:
    """normalize_text as first written: whole-text NFKC, translate tables, one regex per step (a page number glued
    to a line's last number cut once blanks are one space)."""
    text = unicodedata.normalize("NFKC", text.replace("\r\n", "\n").replace("\r", "\n")).translate(_ZERO_WIDTH)
    text = re.sub(r"(?<=[\u3400-\u9fff])\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)", "", text)
    text = normalize._PAGE_LINE.sub("\x00", text)
    text = text.replace("\x00\n", "").replace("\x00", "")
    text = re.sub(r"[^\S\n\t]+", " ", text)
    text = re.sub(r"[-—–―](?<=\d.)[-—–―]*[ \t]*\d{1,4}[ \t]*[-—–―]+[ \t]*$", "", text, flags=re.MULTILINE)
    return re.sub(r"[ \t]+$", "", text, flags=re.MULTILINE)


@given(tricky_text)
def test_fast_nfkc_is_nfkc(text: str) -> None:
    """Replacing full-width ASCII forms before NFKC does not change NFKC's result."""
    assert normalize._nfkc(text) == unicodedata.normalize("NFKC", text)


_FULL_WIDTH_TABLE = {c: unicodedata.normalize("NFKC", chr(c)) for c in (*range(0xFF01, 0xFF5F), 0x3000)}


@given(tricky_text)
def test_half_width_is_its_definition(text: str) -> None:
    """half_width (the common forms replaced first, the others searched for only in a text not NFKC-normalised
    then) and half_width_form replace every full-width ASCII form and the ideographic space, and nothing else."""
    expected = text.translate(_FULL_WIDTH_TABLE)
    assert normalize.half_width(text) == expected
    form = normalize.half_width_form(text)
    assert form.half == expected
    assert form.normalized == unicodedata.is_normalized("NFKC", expected)


@given(tricky_text)
def test_normalize_text_matches_its_definition(text: str) -> None:
    """normalize_text equals the plain sequence of NFKC, translate and regex substitutions."""
    assert normalize.normalize_text(text) == _normalize_text_reference(text)


@given(tricky_text)
def test_compact_matches_its_definition(text: str) -> None:
    """compact equals NFKC, zero-width removal, the punctuation table and whitespace removal."""
    reference = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text).translate(_ZERO_WIDTH).translate(_COMPACT_TABLE))
    assert normalize.compact(text) == reference


def test_other_spaces_are_every_whitespace_but_space_tab_newline() -> None:
    """The hand-written whitespace class of normalize_text is exactly str.isspace minus space, tab, newline."""
    everything = "".join(map(chr, range(0x110000)))
    expected = {c for c in everything if c.isspace()} - {" ", "\t", "\n"}
    assert set(normalize._OTHER_SPACE.findall(everything)) == expected


@given(st.text(alphabet=st.sampled_from(_TRICKY + "+-.,"), max_size=12))
def test_is_number_token_matches_the_cell_pattern(text: str) -> None:
    """The digits-only shortcut of is_number_token agrees with the cell regex."""
    from gov_disclosure.parsing.cells import _CELL

    assert is_number_token(text) == (_CELL.match(text) is not None)


@given(tricky_text)
def test_folding_a_line_equals_its_definition(text: str) -> None:
    """Folding a line (runs that fold to themselves copied whole) equals NFKC of every character without the
    characters folding drops: runs of printable ASCII and CJK ideographs in any line, runs of every kept
    character in an NFKC-normalised line (split at its spaces when it is printable)."""
    normalized = unicodedata.normalize("NFKC", text)
    printable = "".join(char for char in normalized if char.isprintable())
    for line, kept in ((text, folding._KEPT_PIECE), (normalized, folding._KEPT_RUN), (printable, folding._KEPT_RUN)):
        pieces: list[str] = []
        origins: list[int] = []
        folding._fold_line(line, 3, kept, pieces, origins)
        offsets = [origin + i for piece, origin in zip(pieces, origins, strict=True) for i in range(len(piece))]
        expected = [
            (piece, 3 + i)
            for i, char in enumerate(line)
            if char not in folding._DROP
            for piece in unicodedata.normalize("NFKC", char)
            if piece not in folding._DROP
        ]
        assert ("".join(pieces), offsets) == ("".join(p for p, _ in expected), [o for _, o in expected])


_FACT_WORDS = (
    "结转",
    "顺延",
    "转入",
    "转结",
    "遗留",
    "上年",
    "上一年度",
    "去年",
    "2023年",
    "下年度",
    "至",
    "次年",
    "12",
    "3",
    "1,234",
    "件",
    "宗",
    "一",
    "十二",
    "信息处理费",
    "未",
    "收取",
    "为0",
    "。",
    ";",
    ",",
    "\n",
    "\t",
    "!",
    "申请",
    "共",
)


_STARTING_WORDS = tuple(sorted(facts._WORDS.starting_in))
"""Every word the facts' patterns start with or are anchored at, some inside others (``转`` in ``结转``, ``办理`` in
``完成办理``, ``结转上``)."""
_TAILS = ("完毕", "理", "办理", "公开", "和", "“", "行政诉讼", "行政复议", "申请", "为", "零", "收取", "发生")


@given(st.lists(st.sampled_from(_FACT_WORDS + _STARTING_WORDS + _TAILS), max_size=30).map("".join))
def test_fact_search_by_words_finds_every_match(text: str) -> None:
    """Trying each pattern where its first words start, or searching only the clauses that hold its anchor words,
    all found by one scan of the text, finds exactly the matches of a full search."""
    places = facts._WORDS.places(text)
    assert places == {
        group: sorted({i for word in group for i in range(len(text)) if text.startswith(word, i)})
        for group in facts._WORDS.groups
    }
    searched = facts._Text.of(folding.Folded(text, (0,), (0,), len(text)))  # folded as it is
    for search in facts._SEARCHES:
        full = [m.span() for m in search.pattern.finditer(text)]
        assert [m.span() for m in facts._matches(search, searched, places)] == full
    for pattern, words in ((facts._BOTH, facts._BOTH_STARTS), (facts._NONE_CASES, facts._NONE_STARTS)):
        full = [m.span() for m in pattern.finditer(text)]
        assert [m.span() for m in facts._starting_at(pattern, text, places[words])] == full
    full = [m.span() for m in facts._NONE_FEE.finditer(text)]
    assert [m.span() for m in facts._in_clauses(facts._NONE_FEE, searched, places[facts._FEE])] == full


def _reports() -> list[Report]:
    rng = random.Random(11)
    reports = [random_report(rng, None) for _ in range(20)]
    reports += [random_broken_report(rng, None).report for _ in range(40)]
    return reports


def test_identity_checks_match_evaluate() -> None:
    """Statuses and evaluations read from the flat lists equal evaluate()'s, under both blank policies, on
    consistent and broken reports with blank, not-applicable and text cells."""
    blanks = (Cell.blank(), Cell.not_applicable(), Cell.text("1 2"))
    rng = random.Random(3)
    for report in _reports():
        keys = [entry.key for entry in report.iter_cells() if entry.key.table in ("table3", "table4")]
        for key in rng.sample(keys, rng.choice((0, 1, 3))):
            report = report.with_cell(key, rng.choice(blanks))
        for policy in BlankPolicy:
            values = read_values(report, policy)
            present = [i for i in identities_for(report.format_version) if getattr(report, i.table) is not None]
            expected = [evaluate(identity, values) for identity in present]
            statuses = ValidationRun.start(report, policy).identities.statuses
            assert [s for s in statuses if s is not None] == [e.status for e in expected]
            assert list(evaluate_identities(report, policy)) == expected
