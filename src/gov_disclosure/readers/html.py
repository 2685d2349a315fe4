"""Read a report published as a web page (needs the ``html`` extra: lxml).

format-spec §6.2: pages use ``rowspan``/``colspan`` everywhere, ``&nbsp;`` for empty cells, ``<br />`` inside
header cells, and some portals serve the article as HTML inside a JavaScript string with escaped quotes
(``style=\\"width:38px;\\"``). Word-pasted markup splits numbers and labels over several ``<span>``/``<font>``
elements and 表二 is often split into several ``<table>`` elements. This reader:

* decodes the bytes (BOM, ``<meta charset>`` — GB2312/GBK read as GB18030 — then UTF-8, then GB18030), and
  makes a page in traditional characters simplified (format-spec §6.4, big5 gateways:
  :func:`~gov_disclosure.parsing.normalize.simplify_traditional`), so that its grids' labels match too;
* unwraps HTML embedded in JavaScript string literals — in a page, when they hold more of the text than the page
  itself; in a script, a JSON response or a text file (``let content = "<p style=\\"…\\">…";``), always: such a
  file is sniffed by its content, whatever its extension (:func:`sniff_html`);
* removes site chrome (scripts, navigation, breadcrumbs, share buttons, footers, link lists) and keeps the
  smallest element holding most of the remaining text: the article body;
* turns every innermost ``<table>`` into a :class:`~gov_disclosure.parsing.document.RawTable` whose cells keep their
  starting column and span, blank cells blank (never zero);
* writes the article as text in reading order, each table row as one tab-separated line, so that the
  narrative sections can be split;
* reads a page without tables of its own whose tables are images beside it (``<img src="t3.png">``, local files
  only) by OCR (:mod:`gov_disclosure.ocr.images`, the ``ocr`` extra; without it, an ``OCR.UNAVAILABLE`` note).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from attrs import define, field

from gov_disclosure.errors import LimitExceededError
from gov_disclosure.findings import Finding
from gov_disclosure.limits import Limits
from gov_disclosure.model.source import SourceInfo, SourceLocation
from gov_disclosure.parsing.document import Document
from gov_disclosure.parsing.grids import RawTable
from gov_disclosure.parsing.normalize import simplify_traditional
from gov_disclosure.readers._common import (
    Decoded,
    bad_bytes_findings,
    clean_text,
    decode_text,
    is_cjk,
    render_table,
    require,
)
from gov_disclosure.readers._grid import build_table, place_cells
from gov_disclosure.readers._html_body import article_body

__all__ = ["read_html", "sniff_html"]

_BLOCKS = frozenset(
    ("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "section", "article",
     "main", "header", "footer", "blockquote", "pre", "center", "table", "tr", "title", "hr", "address", "figure",
     "figcaption", "caption")
)  # fmt: skip
_QUOTE = re.compile(r"[\"'`]")
_JS_BODY = {
    '"': re.compile(r'(?:[^"\\\n]|\\.)*', re.DOTALL),
    "'": re.compile(r"(?:[^'\\\n]|\\.)*", re.DOTALL),
    "`": re.compile(r"(?:[^`\\]|\\.)*", re.DOTALL),
}
"""The body of a string literal opened by each quote: escapes and any character but the quote (and, but in a
template literal, a line break)."""
_JS_PLUS = re.compile(r"\s*\+\s*")
"""What joins two string literals into one string: ``"<p>" + "…"``."""
_MARKUP_STRING = re.compile(
    rb"""["'`]\s*(?:<|\\u003[cC]|\\x3[cC])"""
    rb"""(?i:!doctype|html|body|p|div|table|span|font|h[1-6]|br|strong|section|article)[\s>/\\]"""
)
"""A JavaScript or JSON string literal that opens with a page or an element of an article, its ``<`` maybe
escaped."""
_MARKUP_STRING_TEXT = re.compile(_MARKUP_STRING.pattern.decode())
_SCRIPT_SNIFF_BYTES = 256 * 1024
"""How far into a file that is not an HTML page :func:`sniff_html` looks for markup in a string literal."""
_JS_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|\r?\n|.)", re.DOTALL)
_JS_SIMPLE = {"n": "\n", "t": "\t", "r": "", "b": "", "f": "", "v": "", "0": ""}
_TAG = re.compile(r"<\s*[a-zA-Z][^<>]*>")


def sniff_html(head: bytes) -> float:
    """Confidence (0–1) that input starting with *head* is an HTML page or HTML inside JavaScript.

    0.95 for a page with a doctype or ``<html>``; 0.85 for a script, JSON response or text whose string literals
    hold an article's markup (``let content = "<p style=\\"…`` or ``{"content": "\\u003cp>…"}``, anywhere in
    the first 256 KB): more than a JSON document or text named so (0.5 or 0.4, plus 0.3 for the extension);
    else 0.8, 0.5 or 0 by the tags in the first 4 KB.

    >>> sniff_html(b'let content = "<p style=\\\\"text-align:center\\\\">'), sniff_html(b'{"a": "\\\\u003cdiv>"}')
    (0.85, 0.85)
    """
    text = head[:4096].lstrip().lower()
    if text.startswith((b"<!doctype html", b"<html")):
        return 0.95
    hits = sum(text.count(tag) for tag in (b"<table", b"<p", b"<div", b"<td", b"<meta", b"<head", b"<body", b"<span"))
    if not text.startswith(b"<") and _MARKUP_STRING.search(head, 0, _SCRIPT_SNIFF_BYTES):
        return 0.85
    return 0.8 if hits >= 2 else (0.5 if hits == 1 else 0.0)


def read_html(
    data: bytes | str, *, path: str | None = None, url: str | None = None, limits: Limits | None = None
) -> Document:
    """Read an HTML page (bytes are decoded by BOM, ``<meta charset>``, UTF-8, then GB18030).

    A table of more rows than *limits* allow (:attr:`~gov_disclosure.limits.Limits.max_table_rows`) raises
    :class:`~gov_disclosure.errors.LimitExceededError` before its cells are read.

    >>> doc = read_html("<html><body><div class='nav'>首页 | 政务公开</div><div class='article'>"
    ...                 "<h1>某局2022年政府信息公开工作年度报告</h1><p>一、总体情况</p>"
    ...                 "<table><tr><td>规章</td><td>1</td><td>&nbsp;</td></tr></table></div></body></html>")
    >>> doc.text.splitlines()
    ['某局2022年政府信息公开工作年度报告', '一、总体情况', '规章\\t1\\t']
    >>> [(c.text, c.column) for c in doc.grids[0].rows[0].cells]
    [('规章', 0), ('1', 1), ('', 2)]
    """
    lxml_html: Any = require("lxml.html", form="HTML", extra="html")
    decoded = decode_text(data) if isinstance(data, bytes) else Decoded(data, "str")
    text = decoded.text
    text = simplify_traditional(re.sub(r"^\s*<\?xml[^>]*>", "", text))  # grid labels too (big5 gateways)
    text = _xml_compatible(text)
    parser = lxml_html.HTMLParser(remove_comments=True, remove_pis=True)
    root = _parse(lxml_html, text, parser)
    title = _page_title(root)
    embedded = _embedded_markup(text)
    script = not text.lstrip().startswith("<")  # a script, JSON or text file: its markup is all there is
    if embedded is not None and (script or _cjk_count(embedded) > _cjk_count(_visible_text(root))):
        text = _xml_compatible(embedded)
        root = _parse(lxml_html, text, parser)
        title = _page_title(root) if script else title
    damage = _cell_damage(text, root)
    container = article_body(root)
    lines: list[str] = []
    tables: list[RawTable] = []
    walker = _Walker(path, lines, tables, limits or Limits(), damage)
    walker.walk(container)
    findings: tuple[Finding, ...] = ()
    if walker.images and path is not None and not tables:  # tables published as images beside the page
        lines, findings = _image_tables(path, walker.images, lines, tables)
    lines = [line for line in (_tidy(line) for line in lines) if line.strip()]
    if title and not any("报告" in line for line in lines[:3]):
        lines.insert(0, title)
    return Document(
        text="\n".join(lines),
        grids=tuple(tables),
        form="html",
        source=SourceInfo(path=path, url=url, form="html"),
        findings=(*bad_bytes_findings(decoded), *findings),
    )


def _image_tables(
    path: str, images: list[tuple[int, str]], lines: list[str], tables: list[RawTable]
) -> tuple[list[str], tuple[Finding, ...]]:
    """The page's lines with the text of its local images read by OCR in their places (their tables added to
    *tables*); without the ``ocr`` extra, the lines as they are and a note saying what would read the images."""
    from gov_disclosure.ocr.images import ImageInPage, can_read_images, local_image, read_page_images

    local = [ImageInPage(line=at, src=src) for at, src in images if local_image(path, src) is not None]
    if not local:
        return lines, ()
    if not can_read_images():
        from gov_disclosure.ocr.images import unavailable_finding

        return lines, (unavailable_finding(len(local)),)
    read = read_page_images(path, local, own_text=sum(len(line.strip()) for line in lines))
    out = list(lines)
    for image, document in reversed(read):
        out[image.line : image.line] = document.text.splitlines()
    tables.extend(grid for _, document in read for grid in document.grids)
    return out, ()


_PAGE_BREAKS = re.compile(r"[\f\v]")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def _xml_compatible(text: str) -> str:
    r"""*text* without the control characters lxml refuses in a tree's text (``All strings must be XML
    compatible``): a form feed or vertical tab (a page break) is a line break, any other control character a
    blank — never nothing, so that the digits on either side are not glued into one number.

    >>> _xml_compatible("<p>12\fpage 2</p><p>3\x004</p>")
    '<p>12\npage 2</p><p>3 4</p>'
    """
    return _CONTROLS.sub(" ", _PAGE_BREAKS.sub("\n", text))


def _parse(lxml_html: Any, text: str, parser: Any) -> Any:
    """The page's tree; an empty page for text that holds no element (blank, or a doctype alone)."""
    empty = "<html><body></body></html>"
    if not text.strip():
        return lxml_html.fromstring(empty, parser=parser)
    try:
        return lxml_html.document_fromstring(text, parser=parser)
    except lxml_html.etree.ParserError:  # "Document is empty": nothing but a doctype or a comment
        return lxml_html.fromstring(empty, parser=parser)


def _tidy(line: str) -> str:
    return line if "\t" in line else clean_text(line)


def _cjk_count(text: str) -> int:
    return sum(1 for char in text if is_cjk(char))


def _visible_text(root: Any) -> str:
    return (
        " ".join(node.text_content() for node in root.iter() if isinstance(node.tag, str) and node.tag == "body")
        if root.find("body") is not None
        else root.text_content()
    )


def _page_title(root: Any) -> str | None:
    for xpath in ("//h1", "//h2", "//*[contains(@class,'title')]", "//title"):
        for node in root.xpath(xpath):
            text = clean_text(node.text_content())
            if "报告" in text and len(text) <= 80:
                return text.split("_")[0].split("|")[0].strip() or None
    return None


def _js_unescape(literal: str, quote: str) -> str:
    """The value of a string literal's body: by :func:`json.loads` where it is valid JSON (a double-quoted
    literal without JavaScript-only escapes), else by the JavaScript escapes (``\\x3c``, ``\\'``, line
    continuations)."""
    if quote == '"':
        try:
            value = json.loads(f'"{literal}"')
        except ValueError:
            pass
        else:
            return str(value)

    def one(match: re.Match[str]) -> str:
        code = match.group(1)
        if code[0] in "ux" and len(code) > 1:
            return chr(int(code[1:], 16))
        if code.strip("\r\n") == "":
            return ""  # line continuation
        return _JS_SIMPLE.get(code, code)

    return _JS_ESCAPE.sub(one, literal)


def _embedded_markup(text: str) -> str | None:
    """The HTML held in JavaScript string literals (``var c = "<p style=\\"…\\">…"``), joined in order; literals
    joined by ``+`` are one string."""
    if not re.search(r"\\[\"'/]|\\u003[cC]|\\x3[cC]", text) and not _MARKUP_STRING_TEXT.search(text):
        return None
    strings: list[str] = []
    end = -1
    for start, stop, quote, literal in _string_literals(text):
        value = _js_unescape(literal, quote)
        if strings and _JS_PLUS.fullmatch(text, end, start):
            strings[-1] += value
        else:
            strings.append(value)
        end = stop
    parts = [string for string in strings if _TAG.search(string)]
    return "\n".join(parts) or None


def _string_literals(text: str) -> Iterator[tuple[int, int, str, str]]:
    r"""The JavaScript string literals of *text* in order: start, end, quote and body of each.

    Linear in the length of *text*. A literal that is never closed is no literal, and a quote inside it opens
    none either: its body is read by the same escapes from the character after that quote on, so it cannot close
    before the text (or, but in a template literal, the line) ends. So each stretch of an unclosed literal is
    scanned once, not once per quote in it (200k escaped quotes took minutes).

    >>> [(q, body) for _, _, q, body in _string_literals('a = "x\\"y" + `z`; b = "\\"')]
    [('"', 'x\\"y'), ('`', 'z')]
    """
    unclosed = dict.fromkeys(_JS_BODY, -1)  # for each quote: where the last literal it opened and never closed ends
    at = 0
    while (found := _QUOTE.search(text, at)) is not None:
        start, quote = found.start(), found.group()
        if start < unclosed[quote]:
            at = start + 1
            continue
        body = _JS_BODY[quote].match(text, start + 1)
        assert body is not None  # the body may be empty, never absent
        if body.end() < len(text) and text[body.end()] == quote:
            yield start, body.end() + 1, quote, body.group()
            at = body.end() + 1
        else:
            unclosed[quote] = body.end()
            at = start + 1


def _cell_text(node: Any) -> str:
    pieces: list[str] = []
    _cell_pieces(node, pieces)
    return clean_text("".join(pieces))


def _cell_pieces(element: Any, pieces: list[str]) -> None:
    """The texts of *element* in order, a line break for a ``<br>`` and around a block."""
    if not isinstance(element.tag, str):
        return
    tag = element.tag.lower()
    if tag == "br" or tag in _BLOCKS:
        pieces.append("\n")
    if element.text:
        pieces.append(element.text)
    for child in element:
        _cell_pieces(child, pieces)
        if child.tail:
            pieces.append(child.tail)
    if tag in _BLOCKS:
        pieces.append("\n")


_ROWS = ("thead", "tbody", "tfoot")
_CELL_TAG = re.compile(r"<(/?)(td|th|tr|table)[\s>/]", re.IGNORECASE)
_UNCLOSED_SHARE = 0.1
"""A table whose cells are closed by end tags but for at most this share of them: the others lost theirs."""


@define
class _CellDamage:
    """The cells of a page whose markup shows damage, found in its text before its tree is read."""

    unclosed: set[Any] = field(factory=set)
    """The ``<td>``/``<th>`` elements that no end tag closes (the next cell, row or table tag comes first)."""
    cut: Any = None
    """The cell inside which the page ends, cut short (``…<td>266.5``: maybe ``266.53``, or ``266.5万元``; or
    ``…<td>`` whose text is lost)."""


def _cell_damage(text: str, root: Any) -> _CellDamage:
    """The damaged cells of *root*, parsed from *text*. The unclosed cells are known only when the cell tags in
    the text are the tree's cells one for one (none inside a comment, a script or an attribute value).

    In a table whose cells all carry an end tag, one without it shows markup damage: ``0</td><td>`` that lost its
    ``/`` (``0<td>``) opens a cell that is not in the table and shifts the row's values by one.
    """
    closed: list[bool] = []
    open_cell = False
    for match in _CELL_TAG.finditer(text):
        end, tag = match.group(1), match.group(2).lower()
        if open_cell and end and tag in ("td", "th"):
            closed[-1] = True
        open_cell = not end and tag in ("td", "th")
        if open_cell:
            closed.append(False)
    cells = list(root.iter("td", "th"))
    damage = _CellDamage()
    if open_cell and cells:  # no end tag, cell, row or table tag after the last cell: the page ends inside it
        damage.cut = cells[-1]
    if len(cells) == len(closed):
        damage.unclosed = {cell for cell, was_closed in zip(cells, closed, strict=True) if not was_closed}
    return damage


def _broken_cells(rows: list[list[Any]], damage: _CellDamage) -> set[Any]:
    """The cells of a table (its *rows* of ``<td>``/``<th>``) at which the markup breaks their row
    (:attr:`~gov_disclosure.parsing.grids.RawCell.broken`): an attribute holding a tag (a quote was lost and the
    attribute ran on: ``colspan="3 style='…'>0</td></tr><tr><td>行政强制</td><td colspan="``), a cell without an end
    tag in a table whose cells have one, the cell the page ends in (:class:`_CellDamage`)."""
    cells = [cell for row in rows for cell in row]
    unclosed = {cell for cell in cells if cell in damage.unclosed}
    trusted = len(unclosed) <= _UNCLOSED_SHARE * len(cells)
    return {cell for cell in cells if _tag_in_attribute(cell) or cell is damage.cut or (trusted and cell in unclosed)}


def _tag_in_attribute(node: Any) -> bool:
    return any("<" in value or ">" in value or '"' in name for name, value in node.attrib.items())


def _read_table(node: Any, path: str | None, limits: Limits, damage: _CellDamage) -> RawTable:
    rows = []
    trs = _children(node, "tr", within=_ROWS)
    if len(trs) > limits.max_table_rows:
        raise LimitExceededError(
            f"{path or 'input'}: a table of {len(trs)} rows (line {node.sourceline}); "
            f"at most {limits.max_table_rows} are read",
            limit="max_table_rows",
        )
    tds = [_children(tr, "td", "th") for tr in trs]
    broken = _broken_cells(tds, damage)
    for row in tds:
        cells = []
        for td in row:
            cells.append((_cell_text(td), _span(td, "rowspan"), _span(td, "colspan"), _where(td, path), td in broken))
        rows.append(cells)
    return build_table(place_cells(rows), source=_where(node, path))


def _children(node: Any, *tags: str, within: tuple[str, ...] = ()) -> list[Any]:
    """The child elements of *node* of one of *tags*, in document order, also those inside a child of a tag in
    *within* (``<tbody>``): what ``./tr|./tbody/tr`` selects, without an XPath query per row."""
    out = []
    for child in node:
        if not isinstance(child.tag, str):
            continue
        tag = child.tag.lower()
        if tag in tags:
            out.append(child)
        elif tag in within:
            out.extend(_children(child, *tags))
    return out


_SPAN = re.compile(r"\s*(\d+)")


def _span(node: Any, name: str) -> int:
    value = node.get(name)
    if not value:
        return 1
    match = _SPAN.match(value)
    return min(int(match.group(1)), 200) if match else 1


def _where(node: Any, path: str | None) -> SourceLocation | None:
    line = getattr(node, "sourceline", None)
    return SourceLocation(path=path, line=line) if (path or line) else None


class _Walker:
    """Writes the article in reading order: block elements break lines, innermost tables become RawTables."""

    def __init__(
        self, path: str | None, lines: list[str], tables: list[RawTable], limits: Limits, damage: _CellDamage
    ) -> None:
        self.path = path
        self.lines = lines
        self.tables = tables
        self.limits = limits
        self.damage = damage
        self.buffer: list[str] = []
        self.images: list[tuple[int, str]] = []
        """The ``<img>`` elements met: the line their content would start at, and their ``src``."""

    def flush(self) -> None:
        if self.buffer:
            self.lines.append("".join(self.buffer))
            self.buffer = []

    def walk(self, node: Any) -> None:
        self._visit(node)
        self.flush()

    def _visit(self, node: Any) -> None:
        if not isinstance(node.tag, str):
            return
        tag = node.tag.lower()
        if tag == "table" and not node.xpath(".//table"):
            self.flush()
            table = _read_table(node, self.path, self.limits, self.damage)
            if table.rows:
                self.tables.append(table)
                self.lines.extend(render_table(table))
            return
        block = tag in _BLOCKS or tag in ("td", "th")
        if tag == "br" or block:
            self.flush()
        if tag == "img" and node.get("src"):
            self.flush()
            self.images.append((len(self.lines), str(node.get("src"))))
        if node.text:
            self.buffer.append(node.text)
        for child in node:
            self._visit(child)
            if child.tail:
                self.buffer.append(child.tail)
        if block:
            self.flush()
