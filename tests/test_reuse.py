"""Narrative reuse: exact and near-duplicate sentences, boilerplate, ratio and the 50 % limit."""

from __future__ import annotations

import itertools
from fractions import Fraction
from pathlib import Path

import pytest

from gov_disclosure.loader import load
from gov_disclosure.model import Report, Sections
from gov_disclosure.reuse import narrative_reuse, narrative_sentences, normalise_sentence, split_sentences

LAST = (
    "2021年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，编制本报告。"
    "全年主动公开政府信息 54 条，其中工作动态 42 条。"
    "严格落实信息发布审查制度，确保公开内容准确无误。"
    "本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。"
)


def test_a_copied_sentence_under_a_new_date_is_repeated_one_with_new_counts_is_not() -> None:
    """The year a sentence is dated by is masked; its counts are part of it (收到申请 22 件 ≠ 收到申请 1 件).
    Statutory formulas are ignored."""
    dated = LAST.replace("2021", "2022")
    result = narrative_reuse(dated, LAST)
    assert (result.repeated, result.considered) == (2, 2)
    assert all(p.exact for p in result.pairs)
    assert result.ratio == 1
    assert result.over_limit
    counted = dated.replace("54", "61").replace("42", "50")
    result = narrative_reuse(counted, LAST)
    assert (result.repeated, result.considered) == (1, 2)
    assert result.pairs[0].current.startswith("严格落实")
    assert narrative_reuse("本年度共收到政府信息公开申请 22 件。", "本年度共收到政府信息公开申请 1 件。").repeated == 0


def test_a_near_repeat_needs_the_same_numbers() -> None:
    """Bigram similarity alone would pair two long sentences that differ only in a count: they say different things."""
    last = "全年通过门户网站公开组织机构、部门文件、行政执法、办事指南、工作动态等政府信息共 108 条。"
    assert narrative_reuse(last.replace("108", "109"), last).repeated == 0
    assert narrative_reuse(last.replace("工作动态", "工作信息"), last).repeated == 1


def test_near_duplicates_match_by_bigram_similarity() -> None:
    """A lightly edited sentence matches above the threshold, and not with a stricter one."""
    last = "严格落实信息发布审查制度，确保公开内容准确无误。"
    this = "严格落实信息发布保密审查制度，确保公开内容准确无误。"
    (pair,) = narrative_reuse(this, last).pairs
    assert not pair.exact
    assert Fraction(4, 5) <= pair.similarity < 1
    assert narrative_reuse(this, last, threshold=0.95).repeated == 0


def test_reports_use_their_narrative_sections_and_new_text_is_not_repeated() -> None:
    """Reports are compared by their six sections; new sentences lower the ratio below the 50 % limit."""
    previous = Report(format_version="2021", sections=Sections(overview=LAST))
    current = Report(format_version="2021", sections=Sections(
        overview="全年主动公开政府信息 54 条，其中工作动态 42 条。",
        problems="存在的主要问题是政策解读形式较为单一，下一步将增加图解和视频解读。\n新建政策文件库，统一发布现行有效文件。",
    ))
    result = narrative_reuse(current, previous)
    assert (result.repeated, result.considered) == (1, 3)
    assert not result.over_limit
    assert narrative_reuse(Report(format_version="2021"), previous).ratio is None


def test_split_and_normalise() -> None:
    """Sentences split at 。！？ and line breaks; normalisation drops spaces and punctuation, keeps digits but the
    year a sentence is dated by."""
    assert split_sentences("甲。乙！\n丙") == ("甲", "乙", "丙")
    assert normalise_sentence("（一）共 12 件，占 3.5%。") == "一共12件占35"
    assert normalise_sentence("2023 年全年办理 2023 件，较 2022年度增加") == "#年全年办理2023件较#年度增加"


TABLES_AS_TEXT = (
    "信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t0\t0\n"  # tab-separated
    "| 行政许可 | 12 |\n"  # markdown
    "行政规范性文件 3 0 41\n"  # a run of number cells
    "行政处罚 7\n"  # a label and one number
    "结果维持 结果纠正 其他结果 尚未审结 总计\n"  # a header of labels
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形） 0\n"
    "┃ 行政复议 ┃ 0 ┃\n"
)


def test_table_rows_headings_and_titles_are_not_narrative() -> None:
    """Only narrative sentences are compared: every report prints the same table labels."""
    text = (
        "某局 2022 年政府信息公开工作年度报告\n二、主动公开政府信息情况\n"
        "（一）主动公开情况。全年主动公开政府信息 54 条。\n"
        + TABLES_AS_TEXT
        + "# 三、收到和处理政府信息公开申请情况\n本年度依申请公开工作平稳有序，未发生行政复议案件。"
    )
    assert narrative_sentences(text) == (
        "全年主动公开政府信息 54 条",
        "本年度依申请公开工作平稳有序，未发生行政复议案件",
    )
    assert narrative_sentences(TABLES_AS_TEXT) == ()
    result = narrative_reuse(TABLES_AS_TEXT + "本局深化政策解读，新建解读专栏。", TABLES_AS_TEXT)
    assert (result.repeated, result.considered) == (0, 1)


def test_wrapped_lines_are_joined_into_one_sentence() -> None:
    """A paragraph wrapped across lines (and page breaks) is one sentence again; a new line after 。 starts another."""
    text = "我局严格落实信息发布审查制度，\n确保公开内容\n\n准确无误。\n新建政策文件库。"
    assert narrative_sentences(text) == ("我局严格落实信息发布审查制度，确保公开内容准确无误", "新建政策文件库")


@pytest.mark.seeds
def test_two_different_agencies_reports_share_little(seeds_dir: Path) -> None:
    """The seeds are five agencies' reports: no pair comes near the evaluators' limit (it was 65 % for 番禺区科工商信局
    2023 vs 海珠区政府办公室 2021 when table lines counted as sentences)."""
    reports = {path.name[:3]: load(path).report for path in sorted(seeds_dir.glob("*.txt"))}
    assert len(reports) == 5
    for a, b in itertools.permutations(reports, 2):
        result = narrative_reuse(reports[a], reports[b])
        assert result.considered >= 10, a
        assert result.ratio is not None
        assert result.ratio < Fraction(1, 10), (a, b, result.pairs)


@pytest.mark.seeds
def test_a_report_against_itself_is_all_repeated(seeds_dir: Path) -> None:
    """Every narrative sentence of a report repeats itself: 100 %."""
    for path in sorted(seeds_dir.glob("*.txt")):
        report = load(path).report
        result = narrative_reuse(report, report)
        assert result.considered >= 10
        assert result.ratio == 1, path.name


def test_real_pdf_narrative_is_its_prose(huaian_pdf: Path) -> None:
    """淮安市 2024 (a real PDF): its inline headings （一）…情况。 and its tables are left out; against itself 100 %."""
    report = load(huaian_pdf).report
    sentences = narrative_sentences("\n".join(text for _, text in report.sections.items() if text))
    assert not any(s.startswith("（") for s in sentences)
    assert any(s.startswith("2024年，全市共受理政府信息公开申请3119件") for s in sentences)
    assert narrative_reuse(report, report).ratio == 1
