"""The article finder's measure of text (:func:`~gov_disclosure.readers._html_body.clean_length`) is
``len(clean_text(...))``, and the chrome it removes is the chrome the element-by-element reading removed."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gov_disclosure.readers._common import clean_text
from gov_disclosure.readers._html_body import clean_length
from gov_disclosure.readers.html import read_html

_CHARACTERS = st.sampled_from(
    list(" \t\r\n\f\v\x1c\x85\u00a0\u2003\u3000\u200b\ufeff")  # blanks, stripped by clean_text or not
    + list("ab7.,-")
    + list("年度报告（）“”—…\uff10\u2e80\uf900\ufe30")  # CJK by is_cjk, at the edges of its ranges too
    + ["\u2e7f", "\ua000", "\U00020000"]  # just outside them
)


@given(st.text(_CHARACTERS, max_size=40))
def test_clean_length_is_the_length_of_the_cleaned_text(text: str) -> None:
    assert clean_length(text) == len(clean_text(text))


@pytest.mark.parametrize(
    "chrome",
    [
        "<p><span>当前</span><span>位置</span>：首页 &gt; 年报</p>",  # a breadcrumb split over elements
        "<div>\u3000您现在的位置：<b>首页</b> › 信息公开</div>",
        "<div>首页 / 政务公开 / 年报</div>",
        "<div id=share-1>分享到：微信 微博</div>",
        "<footer>版权所有</footer>",
    ],
)
def test_chrome_goes(chrome: str) -> None:
    article = "<div><h1>某局2022年政府信息公开工作年度报告</h1><p>一、总体情况</p></div>"
    page = f"<html><body>{chrome}{article}</body></html>"
    assert read_html(page).text.splitlines() == ["某局2022年政府信息公开工作年度报告", "一、总体情况"]


@pytest.mark.parametrize(
    "kept",
    [
        "<div class=nav>某局2022年政府信息公开工作年度报告</div>",  # named as chrome, but names the report
        "<p>首页的设计</p>",  # 首页 not followed by a path separator
        "<footer><table><tr><td>规章</td><td>1</td></tr></table></footer>",  # holds a table
    ],
)
def test_what_looks_like_chrome_but_is_not_stays(kept: str) -> None:
    page = f"<html><body><div><p>一、总体情况</p>{kept}</div></body></html>"
    text = read_html(page).text
    assert text.splitlines()[-1] in ("某局2022年政府信息公开工作年度报告", "首页的设计", "规章\t1")
