"""Unit tests of gov_disclosure.parsing.labels: fuzzy label matching against model/layout.py."""

from __future__ import annotations

import pytest

from gov_disclosure.model import TABLE2, TABLE2_2019, TABLE3
from gov_disclosure.model.formats import format_spec
from gov_disclosure.parsing.labels import is_header_text, match_row, match_rows, split_enumerator
from gov_disclosure.parsing.normalize import compact


def test_every_official_label_matches_itself_exactly() -> None:
    """Each official label finds its own key, exactly, in each format."""
    for table in (TABLE2, TABLE2_2019, TABLE3):
        for version in table.versions:
            for row in format_spec(version).rows(table):
                found = match_row(row.label, table, version=version)
                assert found is not None
                assert (found.key, found.exact) == (row.key, True)


@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("1、属于国家秘密", "denied_state_secret"),
        ('3.危及"三安全一稳定"', "denied_three_security_one_stability"),
        ("(四) 无 法 提 供 1.本机关不掌握相关政府 信息", "unable_not_held"),
        ("（四）无1.本机关不掌握相关政府信息", "unable_not_held"),
        ("法提供 2.没有现成信息需要另行制作", "unable_needs_creation"),
        ("2.没有现成信息需另行制作", "unable_needs_creation"),
        ("(二) 部分公开(区分处理的, 只 计这一情形, 不计其他情形)", "partial"),
        ("（二）部分公开（区分处理的，只计这一情", "partial"),
        ("三、 本 年 度 办 理 结 果 (一) 予以公开", "granted"),
        ("(六) 其 他 处 1.申请人无正当理由逾期 不补正、行政机关不再处", "other_no_correction"),
        ("理 理其政府信息公开申请 2. 申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其申请", "other_fee_unpaid"),
        ("3. 其他", "other_other"),
        ("(七) 总计", "total_processed"),
        ("四、结转下年度继续办理", "carried_forward"),
        ("5.要求行政机关确认或重新出具", "not_processed_confirm"),
    ],
)
def test_variants_of_table3_labels(label: str, key: str) -> None:
    """Enumerator, bracket, quote, spacing and wrapping variants seen in the seeds and format-spec §6."""
    found = match_row(label, TABLE3, version="2021")
    assert found is not None
    assert found.key == key


def test_typo_matches_by_the_official_sequence() -> None:
    """A typo (``行政止公开``) still matches the row the sequence expects, not an arbitrary one."""
    found = match_row("（一）行政止公开", TABLE3, version="2021", expected=2)
    assert found is not None
    assert found.key == "granted"
    assert not found.exact


def test_2019_other_processing_row() -> None:
    """The 2019 （六）其他处理 is one row; in 2021 that label is not a value row."""
    found = match_row("(六) 其他处理", TABLE3, version="2019")
    assert found is not None
    assert found.key == "other_processing"


def test_characters_of_a_label_out_of_its_order_do_not_name_it() -> None:
    """Fuzz seed 2037, #14619: the counting rule of （二）部分公开, its row label lost, holds every character of
    2019's ``其他处理`` (区分处理的…不计其他情形), scattered and out of order: it names no row. A typo in order
    still costs one character, not the match."""
    assert match_row("（区分处理的，只计这一情形，不计其他情形）", TABLE3, version="2019") is None
    typo = match_row("(六) 其他处埋", TABLE3, version="2019")
    assert typo is not None
    assert (typo.key, typo.exact) == ("other_processing", False)


def test_2021_table2_accepts_2019_wording() -> None:
    """``规范性文件`` in a 2021 表二 is the 行政规范性文件 row."""
    found = match_row("规范性文件", TABLE2, version="2021")
    assert found is not None
    assert found.key == "normative_docs"


def test_extra_rows_do_not_match() -> None:
    """Hubei's extra ``其他主动公开文件`` row matches nothing, so it can be kept as an extra row."""
    labels = ["规章", "规范性文件", "其他主动公开文件", "行政许可"]
    keys = [m.key if m else None for m in match_rows(labels, TABLE2_2019)]
    assert keys == ["regulations", "normative_docs", None, "licensing"]


def test_split_enumerator_takes_the_last_one() -> None:
    """The enumerator nearest the row text wins over the group's."""
    assert split_enumerator(compact("(五) 不予处理 4.无正当理由大量反复申请")) == ("4.", "无正当理由大量反复申请")


@pytest.mark.parametrize(
    "text",
    [
        "信息内容 本年新制作数量 本年新公开数量 对外公开总数量",
        "(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和) 申请人情况 总计",
        "自然人 法人或其他组织",
        "结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉",
    ],
)
def test_header_lines(text: str) -> None:
    """Header rows (and their wrapped fragments) are recognised as headers."""
    assert is_header_text(text)
