"""Unit tests of gov_disclosure.parsing.normalize: the quirks of format-spec §6."""

from __future__ import annotations

import pytest

from gov_disclosure.parsing.normalize import compact, is_page_furniture, normalize_text, strip_pinyin


def test_nfkc_handles_kangxi_radicals_and_full_width() -> None:
    """Kangxi radicals (U+2F00 ⼀) and full-width digits and brackets become their ordinary forms."""
    assert normalize_text("（⼀）予以公开　１２３") == "(一)予以公开 123"


@pytest.mark.parametrize("line", ["- 4 -", "— 5 —", "－ 12 －", "  -3-  ", "第 4 页", "第4页，共6页"])
def test_page_number_lines_are_furniture(line: str) -> None:
    """Running page numbers as printed by WPS/Word PDFs are recognised."""
    assert is_page_furniture(line)


@pytest.mark.parametrize("line", ["4", "规章 0 0 0", "2022 年", "- 四 -"])
def test_ordinary_lines_are_not_furniture(line: str) -> None:
    """Numbers that are data, and text lines, are kept."""
    assert not is_page_furniture(line)


def test_page_numbers_are_removed_inside_tables() -> None:
    """A page break inside a table leaves the rows adjacent (format-spec §6.1)."""
    text = "1.属于国家秘密 0 0 0 0 0 0 0\n- 4 -\n2.其他法律行政法规禁止公开 0 0 0 0 0 0 0\n"
    assert normalize_text(text) == "1.属于国家秘密 0 0 0 0 0 0 0\n2.其他法律行政法规禁止公开 0 0 0 0 0 0 0\n"


def test_tabs_are_kept_and_spaces_collapsed() -> None:
    """Tabs separate cells and survive; runs of spaces and trailing spaces do not; CRLF becomes LF."""
    assert normalize_text("规章\t0\t\t0  \r\n行政  许可") == "规章\t0\t\t0\n行政 许可"


def test_pinyin_injection_is_stripped() -> None:
    """Spam mirrors' pinyin after characters goes; ordinary parentheses stay (format-spec §6.4)."""
    assert strip_pinyin("政(zheng)府(fu)信息公(gōng)开") == "政府信息公开"
    assert normalize_text("(一)予以公开(含3件)") == "(一)予以公开(含3件)"


def test_compact_unifies_label_variants() -> None:
    """Quotes, enumerator punctuation, brackets and spacing do not distinguish labels."""
    assert compact("3. 危及“三安全一稳定”") == compact('3、危及"三安全一稳定"') == "3.危及三安全一稳定"
    assert compact("第二十条 第（一）项") == compact("第二十条第(一)项")
    assert compact("（三）不 予 公 开") == "(三)不予公开"
