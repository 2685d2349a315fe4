"""The article body of a web page: site chrome removed, then the smallest element holding most of the text.

Both steps ask about the text below many elements, and asking in Python element by element (``text_content()``
of every element, then :func:`~gov_disclosure.readers._common.clean_text` of the article's text again at every
level) was ~40 % of reading a page. Here each element's text is asked for at most once, and only where needed:

* the chrome: one walk over the elements, from the leaves up, finds the few that *may* be chrome — a chrome tag,
  a ``class``/``id`` matching the chrome names, a text that may start with a breadcrumb word — and only those are
  looked at;
* the article: an element's *weight* (its characters outside links, as ``clean_text`` leaves them) is measured
  once, by regular expressions over its text (:func:`clean_length`).

The elements removed and the article found are the ones the element-by-element reading found.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["article_body", "clean_length"]

_CHROME_TAGS = (
    "script", "style", "noscript", "template", "iframe", "nav", "aside", "form", "button", "select", "input",
    "textarea", "svg", "object", "embed", "canvas", "audio", "video", "map",
)  # fmt: skip
_CHROME_NAMES = re.compile(
    r"(^|[\s_\-])(nav|navbar|menu|breadcrumbs?|crumbs?|bread|share|bdshare|bshare|jiathis|footer|foot|sidebar|side|"
    r"toolbar|tools|login|search|copyright|related|recommend|comments?|position|location|dqwz|daohang|topbar|"
    r"print|fontsize|font-size|zoom|qrcode|ewm|shortcut|friendlink|links)($|[\s_\-\d])",
    re.IGNORECASE,
)
_BREADCRUMB_WORDS = ("当前位置", "您的位置", "您现在的位置", "首页")
_BREADCRUMB = re.compile(r"^\s*(当前位置|您的位置|您现在的位置|首页\s*[>＞»›/])")
_MAYBE_CHROME_TAGS = frozenset((*_CHROME_TAGS, "header", "footer"))
"""The tags of elements that are chrome by their tag alone (``<header>``/``<footer>`` unless holding a table)."""
_SHORT = 300
"""A breadcrumb is looked for in elements of fewer characters than this."""
_CRUMB_START = re.compile("[" + "".join(word[0] for word in _BREADCRUMB_WORDS) + "]")
"""The first characters of the breadcrumb words: a breadcrumb's text starts in a text node holding one."""
_TABLE_PARTS = ("table", "tbody", "thead", "tfoot", "tr", "td", "th")

_BLANK = r"\s\u00a0\u3000\u200b\ufeff"
_CJK = "\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u201c\u201d\u2018\u2019\u2014\u2026"
"""The characters :func:`~gov_disclosure.readers._common.is_cjk` accepts."""
_BLANKS = re.compile(f"[{_BLANK}]+")
"""What ``clean_text`` collapses (its ``_SPACES``)."""
_SPACED_GAP = re.compile(f"(?<=[^{_BLANK}{_CJK}])[{_BLANK}]+(?=[^{_BLANK}{_CJK}])")
"""Blanks that ``clean_text`` turns into one space: between two characters neither of which is CJK."""
_STRIPPED = " \t\r\n\u00a0\u3000\u200b\ufeff"
"""What ``clean_text`` strips from both ends first."""


def clean_length(text: str) -> int:
    """``len(clean_text(text))``, without building the cleaned text.

    Its words (the text between blanks), one character for each run of blanks between two characters that are not
    CJK, and one for a leading blank that ``clean_text`` does not strip (a form feed, an em space).

    >>> from gov_disclosure.readers._common import clean_text
    >>> [(clean_length(t), len(clean_text(t))) for t in (" 本年新\\n 制作数量 ", "a  b", "\\u2003x", "\\n")]
    [(7, 7), (3, 3), (2, 2), (0, 0)]
    """
    stripped = text.strip(_STRIPPED)
    words = len(_BLANKS.sub("", stripped))
    if not words:
        return 0
    leading = 1 if _BLANKS.match(stripped) else 0
    return words + leading + sum(1 for _ in _SPACED_GAP.finditer(stripped))


def article_body(root: Any) -> Any:
    """Remove the chrome of the page *root* and return its article: the smallest element that still holds most
    (80 %) of the page's text outside links, never inside a data table."""
    _strip_chrome(root)
    body = root.find("body")
    return _article(body if body is not None else root)


def _strip_chrome(root: Any) -> None:
    """Remove the chrome of *root*. One walk from the leaves up (each element after the elements in it) marks the
    elements whose text may start a breadcrumb — a text node in them holds a breadcrumb word's first character — and
    looks at those and at the elements with a chrome tag, class or id: :func:`_is_chrome` decides."""
    holding = _holding_tables(root)
    crumbs: set[Any] = set()
    doomed = []
    for node in reversed(list(root.iter())):
        parent = node.getparent()
        if node.tail and _CRUMB_START.search(node.tail) and parent is not None:
            crumbs.add(parent)
        if not isinstance(node.tag, str):
            continue
        if node.text and _CRUMB_START.search(node.text):
            crumbs.add(node)
        crumb = node in crumbs
        if crumb and parent is not None:
            crumbs.add(parent)
        maybe = crumb or node.tag.lower() in _MAYBE_CHROME_TAGS or node.get("class") or node.get("id")
        if maybe and _is_chrome(node, holding, crumb=crumb):
            doomed.append(node)
    for node in reversed(doomed):  # in document order
        if node.getparent() is not None:
            node.drop_tree()


def _is_chrome(node: Any, holding: set[Any], *, crumb: bool) -> bool:
    """Site chrome: scripts, navigation and the like; a ``<header>``/``<footer>`` or an element named as chrome
    that holds no table (named: unless the text names the annual report); a breadcrumb (when *crumb*: the text may
    start with a breadcrumb word)."""
    tag = node.tag.lower()
    if tag in _CHROME_TAGS or (tag in ("header", "footer") and node not in holding):
        return True
    if tag in ("html", "body") or node in holding:
        return False
    named = _CHROME_NAMES.search(f"{node.get('class', '')} {node.get('id', '')}") is not None
    if not (named or crumb):
        return False
    text = node.text_content()
    return (named and "年度报告" not in text) or (len(text) < _SHORT and _BREADCRUMB.match(text) is not None)


def _holding_tables(root: Any) -> set[Any]:
    """The elements of *root* that hold a table (each table and its ancestors): found once, from the tables up, so
    that a page of 10,000 table rows is not searched for a table 10,000 times."""
    holding: set[Any] = set()
    for table in root.iter("table", "TABLE"):
        for node in (table, *table.iterancestors()):
            if node in holding:
                break
            holding.add(node)
    return holding


def _article(root: Any) -> Any:
    """The smallest element below *root* that still holds most (80 %) of the page's text outside links."""
    weights: dict[Any, int] = {}

    def weight(node: Any) -> int:
        """Characters of text outside links: link lists (navigation, related articles) weigh nothing."""
        if node not in weights:
            links = sum(clean_length(a.text_content()) for a in node.iter("a"))
            weights[node] = max(clean_length(node.text_content()) - links, 0)
        return weights[node]

    current = root
    while True:
        children = [child for child in current if isinstance(child.tag, str)]
        best = max(children, key=weight, default=None)
        if best is not None and best.tag in _TABLE_PARTS and not best.xpath(".//table"):
            return current  # never inside a data table: the table is part of the article
        if best is None or weight(current) == 0 or weight(best) < 0.8 * weight(current):
            return current
        current = best
