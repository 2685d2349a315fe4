"""One title finder: the same agency and year for detection, the loader, the sections and the spreadsheet reader."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from conftest import shared_path
from gov_disclosure.loader import read_text
from gov_disclosure.model import Report
from gov_disclosure.narrative import split_sections
from gov_disclosure.parsing.document import Document
from gov_disclosure.parsing.normalize import normalize_text
from gov_disclosure.parsing.title import Title, find_title
from gov_disclosure.render import render_text
from gov_disclosure.serializers.xlsx import from_xlsx, workbook_of
from huaian_2024 import huaian_report

# (title as printed, agency, year): agency and year as a person reads them off the title
VARIANTS = [
    ("某局2022年政府信息公开工作年度报告", "某局", 2022),
    ("某县自然资源局政府信息公开工作年度报告", "某县自然资源局", None),
    ("某局2021年度政府信息公开工作年度报告", "某局", 2021),
    ("某局 2021 年 政 府 信 息 公 开 工 作 年 度 报 告", "某局", 2021),
    ("某局2023年度的政府信息公开工作的年度报告", "某局", 2023),
    ("某局2020年政府信息公开年度报告", "某局", 2020),
    ("某局2022年政务信息公开工作年度报告", "某局", 2022),
    ("某局2022年政务公开工作年度报告", "某局", 2022),
    ("某局政务公开工作年度报告", "某局", None),
    ("# 某局 2022 年度 的 政府信息公开 工作 年度 报告", "某局", 2022),
    ("**某区人民政府2021年政府信息公开工作年度报告**", "某区人民政府", 2021),
    ("《某局2022年政府信息公开工作年度报告》", "某局", 2022),
    ("关于某局2022年政府信息公开工作年度报告", "某局", 2022),
    ("现将某局2022年政府信息公开年度报告公布如下", "某局", 2022),
    (
        "…现公布广州市黄埔区人民政府 广州开发区管委会2022年政府信息公开工作年度报告。",
        "广州市黄埔区人民政府 广州开发区管委会",
        2022,
    ),
    (
        "某市人民政府办公室（某市政务服务管理局）2022年政府信息公开工作年度报告",
        "某市人民政府办公室(某市政务服务管理局)",
        2022,
    ),
    ("某局２０２２年政府信息公开工作年度报告", "某局", 2022),
    ("淮安市人民政府\n2024 年政府信息公开工作年度报告", "淮安市人民政府", 2024),
    ("某局\n政府信息公开工作年度报告", "某局", None),
    ("标题: 平潭综合实验区2021年政府信息公开工作年度报告\n发布时间: 2022-02-08", "平潭综合实验区", 2021),
    ("标题：某县自然资源局政府信息公开工作年度报告\n正文", "某县自然资源局", None),
    ("title: 某局2019年政府信息公开工作年度报告", "某局", 2019),
    ("Title：某局政府信息公开工作年度报告\n某局2018年政府信息公开工作年度报告", "某局", None),
]


def _texts(title: str) -> list[str]:
    """*title* alone and above a paragraph, as printed and normalised."""
    printed = [title, f"{title}\n\n一、总体情况\n本机关严格落实《中华人民共和国政府信息公开条例》。\n"]
    return [*printed, *(normalize_text(text) for text in printed)]


@pytest.mark.parametrize(("title", "agency", "year"), VARIANTS)
def test_title_variants(title: str, agency: str, year: int | None) -> None:
    """Every variant gives the agency and year, as printed and normalised, by the finder and by the sections."""
    for text in _texts(title):
        found = find_title(text)
        assert found is not None, text
        assert (found.agency, found.year) == (agency, year)
        assert text[found.start : found.end] == found.text
        split = split_sections(text).title
        assert split is not None
        assert (split.agency, split.year) == (agency, year)
        assert Document.from_text(text).title == find_title(normalize_text(text))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "今天天气很好。",
        "政府信息公开工作年度报告",  # no agency
        "（四）政府信息公开工作年度报告",  # an item of a list
        "根据《条例》要求，编制本机关政府信息公开工作年度报告。",  # a sentence, not a title line
        "本报告是2022年政府信息公开工作的总结",
        "标题: 关于开展政务公开检查的通知",
    ],
)
def test_not_a_title(text: str) -> None:
    assert find_title(text) is None
    assert split_sections(text).title is None


def test_header_line_wins_over_the_body() -> None:
    """A crawler's ``标题:`` line names the page; the title printed in the body (or a report it cites) comes later."""
    text = "标题: 乙局2022年政府信息公开工作年度报告\n发布机构: 乙局\n根据甲局2021年政府信息公开工作年度报告…"
    assert find_title(text) == Title(
        agency="乙局", year=2022, text="乙局2022年政府信息公开工作年度报告", line=1, start=4, end=23
    )


def test_header_that_is_no_title_is_skipped() -> None:
    text = "标题: 政府信息公开年报\n栏目: 年报\n==== 正文 ====\n某局2022年政府信息公开工作年度报告\n"
    found = find_title(text)
    assert found is not None
    assert (found.agency, found.year, found.line) == ("某局", 2022, 4)


def test_first_title_is_taken() -> None:
    """A title without a year above one with a year is the report's title; so is a dated one above an undated one."""
    found = find_title("甲局政府信息公开工作年度报告\n乙局2022年政府信息公开工作年度报告")
    assert found is not None
    assert (found.agency, found.year) == ("甲局", None)
    found = find_title("乙局2022年政府信息公开工作年度报告\n甲局政府信息公开工作年度报告")
    assert found is not None
    assert (found.agency, found.year) == ("乙局", 2022)


def test_sections_look_above_the_first_heading_only() -> None:
    text = "一、总体情况\n某局2022年政府信息公开工作年度报告已公布\n"
    assert split_sections(text).title is None
    assert find_title(text) is not None


CRAWLED = ["pingtan-2021", "pingtan-economic-development-2024", "pingtan-natural-resources-2020"]
"""The pages in ``../shared/real/crawler``: ``NAME.txt`` as the crawler saved it, ``NAME.truth.json`` read by hand."""


def _truth(path: Path) -> tuple[str, int]:
    """Agency and year as read by a person (the truth file). One truth agency carries a note in brackets after the
    name (``平潭综合实验区（管委会；2022年起为全区汇总）``): the name is what precedes it."""
    truth = json.loads(path.with_suffix(".truth.json").read_text(encoding="utf-8"))
    return re.sub(r"（[^）]*）$", "", truth["agency"]), truth["report_year"]


@pytest.mark.parametrize("name", CRAWLED)
def test_crawled_pages(name: str) -> None:
    """The real crawled pages: the ``标题:`` header names agency and year, for every user of the finder."""
    path = shared_path("real", "crawler", f"{name}.txt")
    text = path.read_text(encoding="utf-8")
    agency, year = _truth(path)
    for found in (find_title(text), find_title(normalize_text(text)), split_sections(text).title):
        assert found is not None
        assert (found.agency, found.year, found.line) == (agency, year, 1)
    report = read_text(text).report
    assert (report.agency, report.report_year) == (agency, year)


def _rendered(title: str) -> str:
    """The 淮安 2024 report rendered, its title line replaced by *title*."""
    text = render_text(huaian_report())
    first, _, rest = text.partition("\n")
    assert first == "淮安市人民政府2024年政府信息公开工作年度报告"
    return f"{title}\n{rest}"


def test_undated_title_read_by_every_road() -> None:
    """``某县自然资源局政府信息公开工作年度报告``: every road finds the agency; the year is unknown and said so."""
    text = _rendered("某县自然资源局政府信息公开工作年度报告")
    result = read_text(text)
    assert (result.report.agency, result.report.report_year) == ("某县自然资源局", None)
    assert "READ.NO_YEAR" in [f.code for f in result.findings]
    assert "READ.NO_TITLE" not in [f.code for f in result.findings]
    title = split_sections(text).title
    assert title is not None
    assert (title.agency, title.year) == ("某县自然资源局", None)


@pytest.mark.parametrize(
    ("cell", "agency", "year"),
    [
        ("某县自然资源局政府信息公开工作年度报告", "某县自然资源局", None),
        ("某局 2022 年度 政府信息公开工作年度报告", "某局", 2022),
        ("《某局2023年政务公开工作年度报告》", "某局", 2023),
    ],
)
def test_spreadsheet_title_cell(cell: str, agency: str, year: int | None) -> None:
    """A hand-made form sheet names agency and year in its title cell, read by the same finder."""
    report = huaian_report()
    workbook = workbook_of(report)
    for name in ("cells", "reports", "sections"):
        workbook.remove(workbook[name])
    workbook.worksheets[0]["A1"] = cell
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    (read,) = from_xlsx(buffer)
    assert isinstance(read, Report)
    assert (read.agency, read.report_year) == (agency, year)
