"""What a text is: report or not, which national format, which agency and year.

format-spec §7: "Detect the format from labels (robust to citations and year): 2021 ⇐ any of
本年制发件数, 本年废止件数, 现行有效件数, 本年收费金额, or （六） sub-items 逾期不补正 / 逾期未按收费通知;
2019 ⇐ any of 本年新制作数量, 对外公开总数量, 上一年项目数量, 其他对外管理服务事项, 第二十条第（九）项, 采购总金额.
Fallback by data year: ≤2018 legacy; 2019–2020 → 2019; ≥2021 → 2021. Flag conflicts".
Report title convention (§0): "<机关全称><YYYY>年政府信息公开工作年度报告".
"""

from __future__ import annotations

import re

from attrs import frozen

from gov_disclosure.model.versions import FormatVersion

__all__ = ["FormatEvidence", "Title", "detect_format", "find_title", "looks_like_report"]

_MARKERS_2021 = ("本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额", "逾期不补正", "逾期未按收费通知")
_MARKERS_2019 = (
    "本年新制作数量",
    "对外公开总数量",
    "上一年项目数量",
    "其他对外管理服务事项",
    "第二十条第(九)项",
    "采购总金额",
)
_MARKER_VERSION: dict[str, FormatVersion] = {
    **dict.fromkeys(_MARKERS_2021, "2021"),
    **dict.fromkeys(_MARKERS_2019, "2019"),
}
_MARKERS = re.compile("|".join(r"\s*".join(map(re.escape, marker)) for marker in _MARKER_VERSION))
"""The labels of both formats, blanks allowed between their characters. No label overlaps another (none ends with
what another starts with), so one search finds every one, as a search per format would."""
_AGENCY_CHARS = 80
_TITLE_TAIL = re.compile(
    r"(?P<year>(?:19|20)\d{2})[ \t]*年[ \t]*度?[ \t]*"
    r"(?:的)?政[ \t]*[府务][ \t]*信[ \t]*息[ \t]*公[ \t]*开[ \t]*(?:工[ \t]*作[ \t]*)?(?:的)?年[ \t]*度[ \t]*报[ \t]*告"
)
"""A title from its year on."""
_TITLE = re.compile(rf"(?P<agency>[^\n。;；]{{0,{_AGENCY_CHARS}}}?)[ \t]*" + _TITLE_TAIL.pattern)
_AGENCY_END = "\n。;；"
"""Characters an agency name (and the blanks after it) never holds."""
_AGENCY_NOISE = re.compile(r"^.*(?:现公布|现予公布|现将|特发布|公布|发布|编制|:)|^[#\s*]+|[《》\s]+$")
_REPORT_WORDS = re.compile(r"政[府务]信息公开|政务公开")
_SECTION = re.compile(
    r"^[#\s]*[一二三四五六][、.]\s*(?:总体情况|主动公开|收到和处理|政府信息公开行政复议|存在的主要问题)", re.M
)


@frozen
class FormatEvidence:
    """Labels that point at each format, as found in the text."""

    v2021: tuple[str, ...]
    v2019: tuple[str, ...]

    @property
    def version(self) -> FormatVersion | None:
        """The format the labels say, None when they say nothing or both."""
        if self.v2021 and not self.v2019:
            return "2021"
        if self.v2019 and not self.v2021:
            return "2019"
        return None


def detect_format(text: str) -> FormatEvidence:
    """The table labels of each format found in normalised *text*.

    >>> detect_format("信息内容\\t本年制发件数\\t本年废止件数").version
    '2021'
    >>> detect_format("依据国办公开办函〔2019〕60号 …").version is None
    True
    """
    found: dict[FormatVersion, dict[str, None]] = {"2021": {}, "2019": {}}
    for match in _MARKERS.finditer(text):
        printed = match.group(0)
        found[_MARKER_VERSION["".join(printed.split())]][printed] = None
    return FormatEvidence(v2021=tuple(found["2021"]), v2019=tuple(found["2019"]))


@frozen
class Title:
    """The agency and report (data) year named by the report's title, and the title text itself."""

    agency: str | None
    year: int | None
    text: str
    line: int


def find_title(text: str, *, within: int = 4000) -> Title | None:
    """The first "<机关><YYYY>年政府信息公开工作年度报告" in the first *within* characters of normalised *text*.

    >>> t = find_title("\\n# 广州市番禺区科技工业商务和信息化局 2023 年政府信息公开工作年度报告\\n")
    >>> t.agency, t.year, t.line
    ('广州市番禺区科技工业商务和信息化局', 2023, 2)
    >>> find_title("…现公布广州市黄埔区人民政府 广州开发区管委会2022年政府信息公开工作年度报告。").agency
    '广州市黄埔区人民政府 广州开发区管委会'
    """
    match = _first_title(text, within)
    if match is None:
        return None
    agency = _AGENCY_NOISE.sub("", match["agency"]).strip() or None
    line = text.count("\n", 0, match.start()) + 1
    return Title(agency=agency, year=int(match["year"]), text=match.group(0).strip(), line=line)


def _first_title(text: str, within: int) -> re.Match[str] | None:
    """``_TITLE.search(text, 0, within)``, without trying the lazy agency run at every position before the title.

    A title whose year is at *y* starts at least at the end of the last line or sentence break before *y* and at
    most 80 characters (plus the blanks right before the year) before it. The earliest such start over the years
    that begin a title tail is where the first title starts: nothing starts earlier, and one starts there. A year
    past the first break after the earliest start found cannot start earlier, so the search for years stops there
    (a tail holds no break, so none is cut).
    """
    start: int | None = None
    position, limit = 0, within
    while (tail := _TITLE_TAIL.search(text, position, limit)) is not None:
        year = tail.start()
        blanks = year
        while blanks and text[blanks - 1] in " \t":
            blanks -= 1
        after_break = max(text.rfind(char, 0, year) for char in _AGENCY_END) + 1
        earliest = max(after_break, blanks - _AGENCY_CHARS)
        if start is None or earliest < start:
            start = earliest
            breaks = [found for char in _AGENCY_END if (found := text.find(char, start, limit)) >= 0]
            limit = min(breaks, default=limit)
        position = tail.end()
    return None if start is None else _TITLE.search(text, start, within)


def looks_like_report(text: str, *, title: Title | None = None) -> bool:
    """True when *text* speaks of 政府信息公开/政务公开 and has a report title, a section heading or table labels.

    *title*, the title :func:`find_title` found in *text* if any, spares looking for one again.

    >>> looks_like_report("今天天气很好。"), looks_like_report("一、总体情况\\n本机关政府信息公开工作…")
    (False, True)
    """
    if _REPORT_WORDS.search(text) is None:
        return False
    has_title = title is not None or _first_title(text, len(text)) is not None
    return bool(has_title or _SECTION.search(text) or detect_format(text).version)
