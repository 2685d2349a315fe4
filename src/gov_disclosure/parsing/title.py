"""The report's title: which agency reports, for which year.

format-spec §0: the title convention is "<机关全称><YYYY>年政府信息公开工作年度报告". Printed titles vary: blanks
between any two characters (``2021 年 政 府 信 息 公 开``), ``年度`` for ``年``, ``政务信息公开`` / ``政务公开`` /
``信息公开``, no ``工作``, a ``的`` (``年度的``, ``工作的年度报告``), markdown (``# …``, ``**…**``), the title quoted in
``《…》`` or in a sentence (``现将…``, ``关于…``, ``…现公布…``), the agency on the line above the year, no year at all
(``某县自然资源局政府信息公开工作年度报告``: the agency is known, the year is not), and the header lines that crawlers
put above the body (``标题: 平潭综合实验区2021年政府信息公开工作年度报告``, also ``标题：`` and ``title:``).

:func:`find_title` is the one finder used by format detection and the loader (on the normalised text), by
:func:`~gov_disclosure.narrative.split_sections` (on the text as printed: full-width forms are read as their
half-width ones, which keeps offsets) and by the spreadsheet reader (on each cell's text).
"""

from __future__ import annotations

import re

import attrs
from attrs import frozen

from gov_disclosure.parsing.normalize import OTHER_LINE_BREAKS, half_width, normalize_line

__all__ = ["Title", "find_title", "has_title"]

WITHIN = 4000
"""How far into a text a title is looked for by default (characters)."""
_AGENCY_CHARS = 80
_LINE_BREAKS = "\n" + OTHER_LINE_BREAKS
_B = f"[^\\S{_LINE_BREAKS}]*"
"""Blanks inside a line: any whitespace but a line break."""
_AGENCY_END = _LINE_BREAKS + "。;；"
"""Characters an agency name (and the blanks after it) never holds: a title is within one line and one sentence."""
_LINE_BREAK = re.compile(f"[{_LINE_BREAKS}]")
_LAST_LINE_BREAK = re.compile(f"(?s:.*)[{_LINE_BREAKS}]")
""":data:`_LINE_BREAK` matched from a position: the last line break before the end of the search (greedy)."""
_AGENCY_BREAK = re.compile(f"[{_AGENCY_END}]")
_LAST_AGENCY_BREAK = re.compile(f"(?s:.*)[{_AGENCY_END}]")


def _spaced(word: str) -> str:
    """*word* as a pattern with blanks allowed after each of its characters."""
    return "".join(f"{char}{_B}" for char in word)


_REPORT_NAME = (
    f"(?:的{_B})?"
    f"(?:{_spaced('政府信息')}|{_spaced('政务信息')}|{_spaced('政务')}|{_spaced('信息')})"
    f"{_spaced('公开')}(?:{_spaced('工作')})?(?:的{_B})?年{_B}"
)
"""``…政府信息公开工作…年`` of ``…年度报告`` (the rest differs: see :data:`_DATED_TAIL`, :data:`_UNDATED_TAIL`)."""
_DATED_TAIL = re.compile(
    f"(?P<year>(?:19|20)\\d{{2}}){_B}年{_B}(?:度{_B})?" + _REPORT_NAME + f"(?:度{_B})?报{_B}告"
)
"""A title from its year on: ``2022年度政府信息公开工作年度报告``."""
_DATED = re.compile(f"(?P<agency>[^{_AGENCY_END}]{{0,{_AGENCY_CHARS}}}?){_B}" + _DATED_TAIL.pattern)
"""A title with its year: the agency run (at most 80 characters of the same line and sentence) and the tail."""
_UNDATED_TAIL = re.compile(_REPORT_NAME.removeprefix(f"(?:的{_B})?") + f"度{_B}报{_B}告")
"""The name of the report without a year (``政府信息公开工作年度报告``): a title only at the end of its line."""
_LINE_END = re.compile(r"(?:[*#》]|[^\S\n])*(?:\n|$)")
"""What may follow a title without a year on its line: blanks and markup, then the line break."""
_HEADER = re.compile(f"\n[ \t\ufeff]*(?:标题|title){_B}[:：]{_B}(?P<value>[^{_LINE_BREAKS}]*)", re.I)
"""A crawler's header line naming the page's title (``标题: …``), with the line break before it (searched for in
the text after a ``\\n``: a pattern that starts with a fixed character is found far faster than one tried at every
position for a line start)."""
_HEADER_WITHIN = 512
"""Header lines stand above the body (the title is the first of them): they are looked for in the first
characters only."""
_AGENCY_LEAD = re.compile(r".*(?:现公布|现予公布|现将|特发布|特公布|公布|发布|编制|关于|[:：《,，“”\"])")
"""What stands before the agency in a sentence or a quotation: up to the last such word or mark (matched at the
start of the agency run)."""
_YEAR_AT_END = re.compile(f"(?:19|20)\\d{{2}}{_B}年{_B}(?:度{_B})?$")
"""A year right before the report's name: the title is a dated one."""
_ENUMERATOR = re.compile(r"[(（]?[一二三四五六七八九十\d]+[)）、.．]")
"""An item number (``(四)``, ``3.``): what stands before the report's name in a list, not an agency."""
_AGENCY_MARKUP = " \t\u3000#*《》"
_NOT_AGENCY = re.compile(r"[,.;:，。；：]")
"""Marks of a sentence: a line holding one is not an agency name printed on the line above the title."""
_IDEOGRAPH = re.compile(r"[\u4e00-\u9fff]")
_MAX_AGENCY_LINE = 40


@frozen
class Title:
    """The agency and report (data) year named by the report's title, and the title text itself."""

    agency: str | None
    """The reporting agency as printed (NFKC), None when the title names none."""
    year: int | None
    """The report year, None for a title without a year."""
    text: str
    """The title from the agency (when on its line) to ``报告``."""
    line: int
    """The line (1-based) the title is on."""
    start: int
    """Offset of :attr:`text` in the text searched."""
    end: int
    """Offset just after :attr:`text`."""


def find_title(text: str, *, within: int = WITHIN, nfkc: bool = False) -> Title | None:
    """The title of *text*: a crawler's ``标题:`` header line, else the first title in its first *within* characters.

    Full-width forms are read as their half-width ones; *nfkc* says that *text* is NFKC-normalised already (it
    holds none), as the normalised text of a :class:`~gov_disclosure.parsing.document.Document` is.

    >>> t = find_title("\\n# 广州市番禺区科技工业商务和信息化局 2023 年政府信息公开工作年度报告\\n")
    >>> t.agency, t.year, t.line
    ('广州市番禺区科技工业商务和信息化局', 2023, 2)
    >>> find_title("…现公布广州市黄埔区人民政府 广州开发区管委会2022年政府信息公开工作年度报告。").agency
    '广州市黄埔区人民政府 广州开发区管委会'
    >>> find_title("某县自然资源局政府信息公开工作年度报告")
    Title(agency='某县自然资源局', year=None, text='某县自然资源局政府信息公开工作年度报告', line=1, start=0, end=19)
    >>> find_title("标题：平潭综合实验区2021年度政府信息公开工作年度报告\\n发布时间: 2022-02-08").text
    '平潭综合实验区2021年度政府信息公开工作年度报告'
    """
    half = text[:within] if nfkc else half_width(text[:within])  # one character for one: offsets stay those of *text*
    header = _HEADER.search("\n" + half[:_HEADER_WITHIN])  # behind a line break: "\n" + half, one longer
    title = _first(half, header.start("value") - 1, header.end("value") - 1) if header is not None else None
    title = title or _first(half, 0, len(half))
    if title is None:
        return None
    printed = text[title.start : title.end]  # the title as printed, full-width forms included
    return title if printed == title.text else attrs.evolve(title, text=printed)


def has_title(text: str) -> bool:
    """Whether *text* has a title anywhere (:func:`find_title` over the whole text).

    >>> has_title("…\\n本机关2022年政府信息公开工作年度报告"), has_title("政府信息公开工作年度报告")
    (True, False)
    """
    return find_title(text, within=len(text)) is not None


def _first(text: str, start: int, end: int) -> Title | None:
    """The first title, dated or not, in ``text[start:end]`` (an undated one on the line of a dated one is not)."""
    dated = _first_dated(text, start, end)
    undated = _first_undated(text, start, dated.start() if dated is not None else end, end)
    if undated is not None:
        return undated
    if dated is None:
        return None
    return _title(text, dated.start("agency"), dated.start("year"), dated.end(), int(dated["year"]))


def _first_dated(text: str, start: int, end: int) -> re.Match[str] | None:
    """``_DATED.search(text, start, end)``, without trying the lazy agency run at every position before the title.

    A title whose year is at *y* starts at least at the end of the last line or sentence break before *y* and at
    most 80 characters (plus the blanks right before the year) before it. The earliest such start over the years
    that begin a title tail is where the first title starts: nothing starts earlier, and one starts there. A year
    past the first break after the earliest start found cannot start earlier, so the search for years stops there
    (a tail holds no break, so none is cut).
    """
    first: int | None = None
    position, limit = start, end
    while (tail := _DATED_TAIL.search(text, position, limit)) is not None:
        year = tail.start()
        blanks = year
        while blanks > start and _is_blank(text[blanks - 1]):
            blanks -= 1
        earliest = max(start, blanks - _AGENCY_CHARS)
        if (last := _LAST_AGENCY_BREAK.match(text, earliest, year)) is not None:
            earliest = last.end()  # just after the last break before the year
        if first is None or earliest < first:
            first = earliest
            if (found := _AGENCY_BREAK.search(text, first, limit)) is not None:
                limit = found.start()
        position = tail.end()
    return None if first is None else _DATED.search(text, first, end)


def _line_start(text: str, start: int, position: int) -> int:
    """Where the line holding *position* starts, or *start* when that is later."""
    last = _LAST_LINE_BREAK.match(text, start, position)
    return start if last is None else last.end()


def _is_blank(char: str) -> bool:
    return char.isspace() and char not in _LINE_BREAKS


def _first_undated(text: str, start: int, before: int, end: int) -> Title | None:
    """The first title without a year in ``text[start:end]`` on a line starting before *before*: the report's name
    ends its line, and the line before it names an agency (not an item number) and no year."""
    if before < end and (line_end := _LINE_BREAK.search(text, before, end)) is not None:
        end = line_end.end()  # a name on a line starting before *before* ends by the end of the line *before* is on
    for name in _UNDATED_TAIL.finditer(text, start, end):
        line_start = _line_start(text, start, name.start())
        if line_start >= before:
            break
        run = text[line_start : name.start()]
        if _LINE_END.match(text, name.end(), end) is None or len(run) > _AGENCY_CHARS or _YEAR_AT_END.search(run):
            continue
        if any(char in run for char in _AGENCY_END):
            continue
        title = _title(text, line_start, name.start(), name.end(), None)
        if title.agency is not None and _IDEOGRAPH.search(title.agency) and not _ENUMERATOR.match(title.agency):
            return title
    return None


def _title(text: str, run: int, name: int, end: int, year: int | None) -> Title:
    """The title whose agency run starts at *run*, whose year (or report name) starts at *name*."""
    lead = _AGENCY_LEAD.match(text, run, name)
    agency_start = lead.end() if lead is not None else run
    raw = text[agency_start:name]
    stripped = raw.lstrip(_AGENCY_MARKUP)
    agency_start += len(raw) - len(stripped)
    agency = normalize_line(stripped.rstrip(_AGENCY_MARKUP)) or None
    start = agency_start if agency else name
    line_start = _line_start(text, 0, name)
    if agency is None and not text[line_start:name].strip(_AGENCY_MARKUP):
        agency = _agency_above(text, line_start)
    return Title(
        agency=agency,
        year=year,
        text=text[start:end],
        line=text.count("\n", 0, name) + 1,
        start=start,
        end=end,
    )


def _agency_above(text: str, line_start: int) -> str | None:
    """The agency printed alone on the line above a title that starts its line (淮安 2024: ``淮安市人民政府`` over
    ``2024 年政府信息公开工作年度报告``): the last line before it that is not blank, if short, holding an ideograph
    and no mark of a sentence."""
    lines = text[:line_start].splitlines()
    previous = next((line.strip(_AGENCY_MARKUP) for line in reversed(lines) if line.strip(_AGENCY_MARKUP)), "")
    if len(previous) > _MAX_AGENCY_LINE or _NOT_AGENCY.search(previous) or not _IDEOGRAPH.search(previous):
        return None
    return normalize_line(previous) or None
