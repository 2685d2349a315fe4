"""The fast paths of the text reader give exactly what their plain definitions give.

Companion of test_fast_paths.py for speedups of parsing/ (benchmarks/bench_read.py): each property compares a
quick implementation with the plain one on generated input that exercises its edge cases.
"""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from gov_disclosure.model.formats import FORMAT_2019, FORMAT_2021
from gov_disclosure.parsing import detect, normalize, title

_PIECES = (
    "广州市",
    "人民政府",
    "办公室",
    " ",
    "\t",
    "  ",
    "\n",
    "。",
    ";",
    "；",
    "2022",
    "2019",
    "1998",
    "年",
    "年度",
    "的",
    "政府",
    "政务",
    "信息公开",
    "工作",
    "年度报告",
    "2022年政府信息公开工作年度报告",
    "2021 年 政 府 信 息 公 开 工 作 年 度 报 告",
    "现公布",
    "根据《条例》规定和国务院办公厅政府信息与政务公开办公室关于印发的通知要求",
    "甲" * 40,
    "\r\n",
    "\u3000",
    "\xa0",
)
title_text = st.lists(st.sampled_from(_PIECES), max_size=24).map("".join)


@given(title_text, st.integers(min_value=0, max_value=400), st.integers(min_value=0, max_value=400))
def test_first_dated_is_the_title_search(text: str, start: int, within: int) -> None:
    """_first_dated finds the same match (start, groups) as searching the title pattern between the same ends."""
    expected = title._DATED.search(text, start, within)
    found = title._first_dated(text, start, within)
    assert (found and (found.span(), found.groupdict())) == (expected and (expected.span(), expected.groupdict()))


_LINE_CHARS = (
    "规章（一）予以公开、。，：；“”‘’「」'\"．—–－―[]【】〔〕\t \u3000\u00a0\u200b\u00ad\u2028\x85０１２⼀\u0301|0123"
)


@given(st.lists(st.text(alphabet=st.sampled_from(_LINE_CHARS), max_size=20) | st.text(max_size=8), max_size=6))
def test_compact_lines_is_compact_of_each_line(lines: list[str]) -> None:
    """compact_lines, which compacts the lines joined, equals compact() of each line (for lines with no \\n)."""
    lines = [line.replace("\n", "") for line in lines]
    assert normalize.compact_lines(lines) == [normalize.compact(line) for line in lines]


_MARKER_PIECES = (
    *FORMAT_2021.markers,
    *FORMAT_2019.markers,
    "本年",
    "逾期",
    "制发件数",
    " ",
    "\t",
    "\n",
    "本 年 制 发 件 数",
    "第二十条第（九）项",
    "规章",
)


@given(st.lists(st.sampled_from(_MARKER_PIECES), max_size=16).map("".join))
def test_one_marker_search_finds_what_a_search_per_format_finds(text: str) -> None:
    """detect_format's single search of both formats' labels equals a separate search for each format."""
    text = normalize.normalize_text(text)
    expected = []
    for spec in (FORMAT_2021, FORMAT_2019):
        pattern = re.compile("|".join(r"\s*".join(map(re.escape, marker)) for marker in spec.markers))
        expected.append(tuple(dict.fromkeys(match.group(0) for match in pattern.finditer(text))))
    found = detect.detect_format(text)
    assert (found.found("2021"), found.found("2019")) == tuple(expected)
