"""The table reader is handed the lines from section 二's heading on only when section 一 is certainly narrative
(:func:`gov_disclosure.formats.national.table_lines`), and reads the same tables and findings as from every line."""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from gov_disclosure.formats.national import table_lines
from gov_disclosure.narrative import section_headings
from gov_disclosure.parsing.document import Document
from gov_disclosure.parsing.tables import read_text_tables
from gov_disclosure.render import Damage, render_text
from gov_disclosure.testing import random_report
from gov_disclosure.testing.damage import damages

_TITLE = "某局2022年政府信息公开工作年度报告\n"
_OVERVIEW = "一、总体情况\n本年度共公开信息12条。\n"
_TABLES = "二、主动公开政府信息情况\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t1\t0\t3\n"


def _kept(text: str) -> list[str]:
    document = Document.from_text(text)
    return [line.text for line in table_lines(document, section_headings(document.text, form=document.half_width))]


def _all(text: str) -> list[str]:
    return [line.text for line in Document.from_text(text).lines]


def test_section_one_is_left_out() -> None:
    kept = _kept(_TITLE + _OVERVIEW + _TABLES)
    assert kept[0] == "二、主动公开政府信息情况"
    assert kept == _all(_TITLE + _OVERVIEW + _TABLES)[3:]


def test_every_line_is_kept_when_not_certain() -> None:
    """No section headings; section 二's heading lost; 二 before 一; cells in section 一 (a tab or a pipe); a
    page-number line dropped by normalising (line numbers of text and lines differ): every line is read."""
    for text in (
        _TITLE + "本年度共公开信息12条。\n" + _TABLES[len("二、主动公开政府信息情况\n") :],
        _TITLE + _OVERVIEW + _TABLES.replace("二、主动公开政府信息情况\n", "") + "三、收到和处理政府信息公开申请情况\n",
        _TITLE + _TABLES + _OVERVIEW,
        _TITLE + _OVERVIEW + "规章\t1\t0\t3\n" + _TABLES,
        _TITLE + _OVERVIEW + "| 规章 | 1 |\n" + _TABLES,
        _TITLE + _OVERVIEW + "- 2 -\n" + _TABLES,
    ):
        assert _kept(text) == _all(text), text


def _same_tables(text: str) -> None:
    document = Document.from_text(text)
    version = document.evidence.version or "2021"
    lines = table_lines(document, section_headings(document.text, form=document.half_width))
    assert read_text_tables(lines, version) == read_text_tables(document.lines, version)
    if lines:  # the lines split from section 二's heading on are the whole text's lines from there
        assert lines == tuple(line for line in document.lines if line.number >= lines[0].number)


def test_a_line_that_may_run_on_into_the_heading() -> None:
    """Section 一 ending in an enumerator or a number: the line before the heading may take it into itself (here
    the enumerator and the heading are read as one line), so the lines are those of the whole text."""
    for end in ("共公开1.", "共公开12"):
        text = _TITLE + "一、总体情况\n" + end + "\n" + _TABLES
        kept = table_lines(Document.from_text(text), section_headings(text))
        assert kept == tuple(line for line in Document.from_text(text).lines if line.number >= kept[0].number)
        _same_tables(text)


@given(st.integers(min_value=0, max_value=2**32 - 1), damages())
def test_rendered_reports_read_the_same_tables(seed: int, damage: Damage) -> None:
    text = render_text(random_report(random.Random(seed), None), damage=damage)
    _same_tables(text)


def test_seeds_read_the_same_tables_from_section_two_on(seeds_dir: Path) -> None:
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert len(_kept(text)) < len(_all(text)), path.name  # every seed has both headings
        _same_tables(text)
