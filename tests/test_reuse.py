"""Narrative reuse: exact and near-duplicate sentences, boilerplate, ratio and the 50 % limit."""

from __future__ import annotations

from fractions import Fraction

from gov_disclosure.model import Report, Sections
from gov_disclosure.reuse import narrative_reuse, normalise_sentence, split_sentences

LAST = (
    "2021年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，编制本报告。"
    "全年主动公开政府信息 54 条，其中工作动态 42 条。"
    "严格落实信息发布审查制度，确保公开内容准确无误。"
    "本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。"
)


def test_numbers_updated_sentence_counts_as_repeated_boilerplate_ignored() -> None:
    """A sentence copied with new numbers is an exact repeat after normalisation; statutory formulas are ignored."""
    this = LAST.replace("54", "61").replace("42", "50").replace("2021", "2022")
    result = narrative_reuse(this, LAST)
    assert result.considered == 2
    assert result.repeated == 2
    assert all(p.exact for p in result.pairs)
    assert result.ratio == 1
    assert result.over_limit


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
        overview="全年主动公开政府信息 61 条，其中工作动态 50 条。",
        problems="存在的主要问题是政策解读形式较为单一，下一步将增加图解和视频解读。\n新建政策文件库，统一发布现行有效文件。",
    ))
    result = narrative_reuse(current, previous)
    assert (result.repeated, result.considered) == (1, 3)
    assert not result.over_limit
    assert narrative_reuse(Report(format_version="2021"), previous).ratio is None


def test_split_and_normalise() -> None:
    """Sentences split at 。！？ and line breaks; normalisation drops spaces and punctuation, masks digits."""
    assert split_sentences("甲。乙！\n丙") == ("甲", "乙", "丙")
    assert normalise_sentence("（一）共 12 件，占 3.5%。") == "一共#件占#"
