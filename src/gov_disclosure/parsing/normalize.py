"""Text normalisation shared by every reader: one canonical form before anything is matched or parsed.

format-spec §6.3–6.4: "normalise full/half width before matching"; spam mirrors "inject pinyin after
characters: ``政(zheng)府(fu)``"; running page numbers ``- 4 -`` appear "as lines inside the text, including
inside a table that crosses a page" (§6.1); full-width digits are "not observed … Normalise NFKC anyway".

Two levels:

- :func:`normalize_text` keeps the document readable (lines, spacing between words, curly quotes) and is what
  offsets in :class:`~gov_disclosure.model.SourceLocation` refer to;
- :func:`compact` is the aggressive key used to compare labels: no spaces, one form of every bracket,
  enumerator and quote.

A text in traditional characters (format-spec §6.4: big5 gateways, mirrors) is made simplified first
(:func:`simplify_traditional`), so that its labels match.
"""

from __future__ import annotations

import functools
import importlib
import re
import unicodedata
from collections.abc import Callable, Sequence
from itertools import repeat
from typing import Any, NamedTuple

from gov_disclosure.errors import MissingDependencyError

__all__ = [
    "HalfWidthForm",
    "compact",
    "compact_lines",
    "half_width",
    "half_width_form",
    "is_page_furniture",
    "normalize_line",
    "normalize_text",
    "simplify_traditional",
    "strip_pinyin",
]

_ZERO_WIDTH_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_ZERO_WIDTH = re.compile(f"[{_ZERO_WIDTH_CHARS}]")
_FULL_WIDTH = re.compile("[\uff01-\uff5e\u3000]")
_HALF_WIDTH = {chr(c): unicodedata.normalize("NFKC", chr(c)) for c in (*range(0xFF01, 0xFF5F), 0x3000)}
_PINYIN = re.compile(r"\((?<=[\u3400-\u9fff]\()[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")
_PAGE_BODY = r"""[ \t]*(?:
        [-—–－―~·•]+[ \t]*\d{1,4}[ \t]*[-—–－―~·•]+       # - 4 -   — 5 —
      | 第[ \t]*\d{1,4}[ \t]*页(?:[ \t]*[,，/]?[ \t]*共[ \t]*\d{1,4}[ \t]*页)?   # 第4页 / 第4页,共6页 / 第4页 共6页
      | \d{1,4}[ \t]*/[ \t]*\d{1,4}                        # 4 / 6
    )[ \t]*"""
_PAGE_LINE = re.compile(f"^{_PAGE_BODY}$", re.VERBOSE | re.MULTILINE)
_PAGE_AFTER_NUMBER = re.compile(r"[-—–－―](?<=\d.)[-—–－―]*[ \t]*\d{1,4}[ \t]*[-—–－―]+$")
"""A running page number glued to the number ending a line (``…10 1 769- 5 -``, as pypdf extracts a table row at
the foot of a page): no cell is a number with a dash glued to it, so the dashes are the page number's. Looked for
in a line without its trailing blanks that ends with one of :data:`_DASHES`."""
_DASHES = tuple("-—–－―")
_PAGE_AFTER_BREAK = re.compile(rf"\n{_PAGE_BODY}(?=\n|\Z)", re.VERBOSE)
""":data:`_PAGE_LINE` with the line break before it: a pattern that starts with a fixed character is searched for
far faster than one tried at every position for a line start."""
_OTHER_SPACES = "\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
"""Every whitespace character (``str.isspace``) except space, tab and newline, as a regex class body."""
_OTHER_SPACE = re.compile(f"[{_OTHER_SPACES}]")
_SPACE_RUN = re.compile("  +")
_ODD_CHARACTER = re.compile(f"[{_OTHER_SPACES}{_ZERO_WIDTH_CHARS}]")
"""A zero-width character or a whitespace character other than space, tab and newline."""

# compact(): one canonical character for every variant that occurs in labels.
_COMPACT_MAP: dict[str, str] = {
    "“": "",
    "”": "",
    '"': "",
    "‘": "",
    "’": "",
    "'": "",
    "「": "",
    "」": "",
    "、": ".",
    "，": ",",
    "﹐": ",",
    "：": ":",
    "；": ";",
    "（": "(",
    "）": ")",
    "〔": "(",
    "〕": ")",
    "【": "(",
    "】": ")",
    "[": "(",
    "]": ")",
    "．": ".",
    "。": ".",
    "—": "-",
    "–": "-",
    "－": "-",
    "―": "-",
}
_COMPACT_MAP.update(dict.fromkeys(_ZERO_WIDTH_CHARS, ""))  # zero-width characters
_COMPACT_CHARS = re.compile("[" + re.escape("".join(_COMPACT_MAP)) + "]")
"""What compact() replaces or removes besides whitespace: quotes, zero-width characters and punctuation variants."""


_TRADITIONAL_ONLY = re.compile(
    "[開報關機請處與數總計結審複議於個為會時國這們對發經說後過還實點問門業資訊檔範規條項號應維糾據務類給訴訟體]"
)
"""Frequent characters of report text that exist only in traditional writing (each simplified differs)."""
_TRADITIONAL_GATE = "開報發數"
"""Traditional-only characters that every traditional report prints (公開, 報告, 本年制發件數, 數量): looking for
these four with ``in`` costs a simplified text about a tenth of one regex search for the whole class."""
_TRADITIONAL_DISTINCT = 5
"""How many distinct :data:`_TRADITIONAL_ONLY` characters make a text traditional: a stray character in a name
or a quotation does not."""
_MIRROR_VOCABULARY = {"政府资讯": "政府信息", "资讯": "信息", "档案": "文件", "专案": "项目", "软体": "软件"}
"""format-spec §6.4: mirrors "convert vocabulary as well as characters — ``规范性文件`` becomes ``規範性檔案`` …
A normaliser needs traditional→simplified conversion **plus** a reverse vocabulary map (檔案→文件, 軟體→软件 …)".
The words of the official labels that such a mirror changes (信息→資訊, 文件→檔案, 项目→專案), after conversion."""


@functools.cache
def _to_simplified() -> Callable[[str], str]:
    """OpenCC's ``t2s`` conversion, loaded once (the ``zh-hant`` extra)."""
    try:
        opencc: Any = importlib.import_module("opencc")
    except ImportError as error:
        raise MissingDependencyError("traditional-character", "opencc", "zh-hant") from error
    converter = opencc.OpenCC("t2s")
    return lambda text: str(converter.convert(text))


def simplify_traditional(text: str) -> str:
    """*text* in simplified characters when it is written in traditional ones; else *text* itself, unchanged.

    A text is traditional when it holds several distinct traditional-only characters; a simplified text is told
    by four quick searches that find none (it pays next to nothing). It is converted by OpenCC (``t2s``:
    characters and phrases; needs the ``zh-hant`` extra, :class:`~gov_disclosure.errors.MissingDependencyError`
    without it); when the conversion shows a mirror that changed the vocabulary too (``政府資訊``), its words go
    back to the official labels' (檔案→文件, 資訊→信息, 專案→项目, 軟體→软件: format-spec §6.4).

    >>> simplify_traditional("行政機關規範性文件\\t本年制發件數\\t本年廢止件數")
    '行政机关规范性文件\\t本年制发件数\\t本年废止件数'
    >>> simplify_traditional("政府資訊公開工作年度報告：規範性檔案、上一年專案數量")
    '政府信息公开工作年度报告：规范性文件、上一年项目数量'
    >>> text = "规章\\t0"
    >>> simplify_traditional(text) is text
    True
    """
    if not any(char in text for char in _TRADITIONAL_GATE):
        return text
    if len(set(_TRADITIONAL_ONLY.findall(text))) < _TRADITIONAL_DISTINCT:
        return text
    simplified = _to_simplified()(text)
    if "政府资讯" in simplified:
        for word, official in _MIRROR_VOCABULARY.items():
            simplified = simplified.replace(word, official)
    return simplified


def strip_pinyin(text: str) -> str:
    """Remove pinyin injected after characters by spam mirrors (format-spec §6.4).

    >>> strip_pinyin("政(zheng)府(fu)信息公(gong)开(kai)")
    '政府信息公开'
    """
    return _PINYIN.sub("", text)


def is_page_furniture(line: str) -> bool:
    """True for a running page number line such as ``- 4 -``, ``— 5 —`` or ``第 4 页``.

    >>> [is_page_furniture(s) for s in ("- 4 -", "— 5 —", "第4页，共6页", "第18页 共19页", "4", "规章 0 0 0")]
    [True, True, True, True, False, False]
    """
    return _PAGE_LINE.fullmatch(normalize_line(line)) is not None


def half_width(text: str) -> str:
    """*text* with full-width ASCII forms (``，`` ``（`` ``１``) and the ideographic space replaced by their NFKC.

    Each of them is replaced by one character, so offsets do not move, and folding that character gives what
    folding the original gives (NFKC is idempotent). Report text is full of ``，（）``; once they are replaced,
    it is usually NFKC-normalised as a whole (see :func:`half_width_form`).

    >>> half_width("共１２件（含上年结转），　完毕")
    '共12件(含上年结转), 完毕'
    """
    text = _replace_common(text)
    return text if unicodedata.is_normalized("NFKC", text) else _replace_each(text, _FULL_WIDTH, _HALF_WIDTH)


_COMMON_FULL_WIDTH = "，（）：；\u3000"
"""The full-width forms report text is full of."""


def _replace_common(text: str) -> str:
    """*text* with the :data:`_COMMON_FULL_WIDTH` forms replaced by their half-width ones, each in one call.

    A text left NFKC-normalised then holds no other full-width form (NFKC maps each of them): most report text
    needs no search for them.
    """
    for char in _COMMON_FULL_WIDTH:
        if char in text:
            text = text.replace(char, _HALF_WIDTH[char])
    return text


OTHER_LINE_BREAKS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
"""The characters other than ``\\n`` at which :meth:`str.splitlines` breaks a line."""


class HalfWidthForm(NamedTuple):
    """:func:`half_width` of a text and what it tells about the text (see :func:`half_width_form`)."""

    half: str
    """The text with full-width ASCII forms and the ideographic space made half-width, offset for offset."""
    normalized: bool
    """Whether :attr:`half` is NFKC-normalised: then each of its characters normalises to itself."""
    plain: bool
    """Whether :attr:`half` is NFKC-normalised and ``\\n`` is the text's only line break: then the narrative's
    quick ways of folding and of finding section headings apply."""


def half_width_form(text: str) -> HalfWidthForm:
    """:func:`half_width` of *text*, whether that is NFKC-normalised, and whether it also has no line break but
    ``\\n``.

    Reading a report needs it for normalising the text, finding its sections and folding its narrative: compute
    it once (:attr:`~gov_disclosure.parsing.document.Document.half_width` keeps it on the document) and hand it
    to each (their ``form`` argument).

    >>> half_width_form("共１２件。\\n")
    HalfWidthForm(half='共12件。\\n', normalized=True, plain=True)
    """
    half = _replace_common(text)
    normalized = unicodedata.is_normalized("NFKC", half)
    if not normalized:  # other full-width forms may be left (see _replace_common)
        half = _replace_each(half, _FULL_WIDTH, _HALF_WIDTH)
        normalized = unicodedata.is_normalized("NFKC", half)
    return HalfWidthForm(half, normalized, normalized and not any(char in text for char in OTHER_LINE_BREAKS))


def _replace_each(text: str, chars: re.Pattern[str], replacement: dict[str, str]) -> str:
    """*text* with every character that *chars* finds replaced by ``replacement[char]``.

    A text holds a handful of distinct such characters, however many times each: each is replaced everywhere at
    once (in C), and the search for the next goes on from where the last one was found.
    """
    found = chars.search(text)
    while found is not None:
        char = found.group()
        text = text.replace(char, replacement[char])
        found = chars.search(text, found.start())
    return text


def _nfkc(text: str, form: HalfWidthForm | None = None) -> str:
    """``unicodedata.normalize("NFKC", text)``, fast for report text (*form*: :func:`half_width_form` of *text*,
    if known).

    Report text is NFKC already but for full-width ASCII forms (``，`` ``（`` ``１``) and the ideographic space.
    Their compatibility decomposition is a single ASCII character (a starter), so replacing them first does
    not change the result of NFKC, and what remains usually passes NFKC's quick check without the slow
    decompose-and-recompose pass. (An NFKC-normalised text holds no full-width form: its half-width form is
    itself.)
    """
    if form is None:
        if unicodedata.is_normalized("NFKC", text):
            return text
        form = half_width_form(text)
    return form.half if form.normalized else unicodedata.normalize("NFKC", form.half)


def normalize_line(text: str) -> str:
    """NFKC (full-width digits and brackets, Kangxi radicals such as ``⼀`` U+2F00), no zero-width characters.

    >>> normalize_line("（⼀）予以公开　１２")
    '(一)予以公开 12'
    """
    text = _nfkc(text)
    return _ZERO_WIDTH.sub("", text) if _ZERO_WIDTH.search(text) else text


def normalize_text(text: str, *, form: HalfWidthForm | None = None) -> str:
    r"""The canonical form of a whole document (*form*: :func:`half_width_form` of *text*, if known).

    NFKC; ``\r\n`` and ``\r`` become ``\n``; zero-width characters, injected pinyin and running page-number
    lines (and page numbers glued to a line's last number) are removed; runs of spaces (not tabs: they separate
    cells) become one space; trailing spaces go.

    >>> normalize_text("规章\t０\t0\r\n- 4 -\r\n政(zheng)府  信息 \n")
    '规章\t0\t0\n政府 信息\n'
    >>> normalize_text("1.本机关不掌握相关政府信息 746 12 0 0 10 1 769- 5 -\n法提供")  # glued to a number too
    '1.本机关不掌握相关政府信息 746 12 0 0 10 1 769\n法提供'

    A text in traditional characters is made simplified first (:func:`simplify_traditional`).
    """
    simplified = simplify_traditional(text)
    if simplified is not text:
        text, form = simplified, None  # a text the form is not that of
    if "\r" in text:
        text, form = text.replace("\r\n", "\n").replace("\r", "\n"), None  # a text the form is not that of
    text = _nfkc(text, form)
    odd = _ODD_CHARACTER.search(text) is not None  # usually not: then neither kind needs looking for again
    if odd and _ZERO_WIDTH.search(text):
        text = _ZERO_WIDTH.sub("", text)  # as normalize_line() does
    text = strip_pinyin(text)
    text = _PAGE_AFTER_BREAK.sub("\n\x00", "\n" + text)[1:]  # page lines, the first line too, made \x00
    if "\x00" in text:
        text = text.replace("\x00\n", "").replace("\x00", "")
    if odd and _OTHER_SPACE.search(text):
        text = _OTHER_SPACE.sub(" ", text)
    text = _SPACE_RUN.sub(" ", text)
    lines = [line.rstrip(" \t") for line in text.split("\n")]
    if any(map(str.endswith, lines, repeat(_DASHES))):  # a page number glued to a line's last number ends it
        lines = [_PAGE_AFTER_NUMBER.sub("", line) if line.endswith(_DASHES) else line for line in lines]
    return "\n".join(lines)


def compact(text: str) -> str:
    """The comparison key of a label: normalised, without whitespace, quotes, and with one form of punctuation.

    >>> compact("3. 危及“三安全一稳定”") == compact('3、危及"三安全一稳定"')
    True
    >>> compact("（二）部分公开（区分处理的，只 计这一情形）")
    '(二)部分公开(区分处理的,只计这一情形)'
    """
    text = "".join(_nfkc(text).split())  # str.split() splits at exactly the characters that regex ``\s`` matches
    return _replace_each(text, _COMPACT_CHARS, _COMPACT_MAP)


def compact_lines(lines: Sequence[str]) -> list[str]:
    """``[compact(line) for line in lines]`` for lines without line breaks, in one pass over their text.

    NFKC never combines across a line break (a starter that composes with nothing), and every other step of
    :func:`compact` maps single characters, so the lines can be compacted joined and split again.

    >>> compact_lines(["（一）予以公开\t0", "3、危及“三安全一稳定”"])
    ['(一)予以公开0', '3.危及三安全一稳定']
    """
    if not lines:
        return []
    text = _replace_each(_nfkc("\n".join(lines)), _COMPACT_CHARS, _COMPACT_MAP)
    return ["".join(line.split()) for line in text.split("\n")]
