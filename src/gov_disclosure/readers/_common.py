"""Small helpers shared by the input-form readers: lazy optional imports, decoding, cell text, table text."""

from __future__ import annotations

import codecs
import importlib
import io
import re
import zipfile
from collections.abc import Iterable
from types import ModuleType

from gov_disclosure.parsing.grids import RawRow, RawTable
from gov_disclosure.readers.errors import MissingDependencyError

__all__ = [
    "clean_text",
    "decode_bytes",
    "is_cjk",
    "join_lines",
    "render_table",
    "require",
    "zip_holds",
]


def require(module: str, *, form: str, extra: str) -> ModuleType:
    """Import *module* (an optional dependency) or raise :class:`MissingDependencyError` naming the extra."""
    try:
        return importlib.import_module(module)
    except ImportError as error:
        raise MissingDependencyError(form, module.partition(".")[0], extra) from error


_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_WIDER = {"gb2312": "gb18030", "gbk": "gb18030", "gb_2312-80": "gb18030", "x-gbk": "gb18030", "big5": "big5hkscs"}


def decode_bytes(data: bytes) -> str:
    """Decode a web page or text file: BOM, then ``<meta charset>``, then UTF-8, then GB18030.

    GB2312 and GBK pages are decoded as GB18030, their superset (pages declaring GB2312 often use GBK characters).

    >>> decode_bytes('<meta charset="gb2312"><p>规章</p>'.encode("gbk"))
    '<meta charset="gb2312"><p>规章</p>'
    """
    boms = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
    for bom, encoding in boms:
        if data.startswith(bom):
            return data.decode(encoding)
    match = _CHARSET.search(data[:4096])
    if match:
        declared = match.group(1).decode("ascii").lower()
        encoding = _WIDER.get(declared, declared)
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


def is_cjk(char: str) -> bool:
    """True for CJK ideographs and full-width punctuation: characters written without spaces between them.

    >>> is_cjk("年"), is_cjk("（"), is_cjk("7")
    (True, True, False)
    """
    code = ord(char)
    return (
        0x2E80 <= code <= 0x9FFF  # radicals, CJK punctuation, kana, ideographs
        or 0xF900 <= code <= 0xFAFF
        or 0xFE30 <= code <= 0xFE4F
        or 0xFF00 <= code <= 0xFFEF  # full-width forms
        or code in (0x201C, 0x201D, 0x2018, 0x2019, 0x2014, 0x2026)  # “ ” ‘ ’ — …
    )


_SPACES = re.compile(r"[\s\u00a0\u3000\u200b\ufeff]+")


def clean_text(text: str) -> str:
    """Collapse whitespace (incl. ``&nbsp;``, ideographic space, line breaks) and drop it next to CJK characters.

    Word-pasted cells break labels across lines and spans (``本年新<br/>制作数量``); the label is one word.
    A blank cell stays ``""`` — never zero.

    >>> clean_text("本年新\\n 制作数量"), clean_text("\\u00a0"), clean_text(" 12 ")
    ('本年新制作数量', '', '12')
    >>> clean_text("2.没有现成信息 需要另行制作"), clean_text("a  b")
    ('2.没有现成信息需要另行制作', 'a b')
    """
    parts = _SPACES.split(text.strip(" \t\r\n\u00a0\u3000\u200b\ufeff"))
    out = parts[0]
    for part in parts[1:]:
        if not part:
            continue
        if out and (is_cjk(out[-1]) or is_cjk(part[0])):
            out += part
        else:
            out += " " + part
    return out


def join_lines(lines: Iterable[str]) -> str:
    """Join the lines of one cell: no space where a CJK character meets the break, one space otherwise.

    >>> join_lines(["（二）部分公开（区分处理的，只计这一情", "形，不计其他情形）"])
    '（二）部分公开（区分处理的，只计这一情形，不计其他情形）'
    """
    return clean_text("\n".join(lines))


def render_row(row: RawRow) -> str:
    """One table row as a text line: the cells that start in this row, separated by tabs (blanks kept)."""
    return "\t".join(cell.text for cell in row.cells if not cell.continued)


def render_table(table: RawTable) -> list[str]:
    """A table as text lines, one per row, for the document text in reading order."""
    return [render_row(row) for row in table.rows]


def zip_holds(data: bytes, member: str) -> float:
    """1.0 when *data* is a zip archive holding *member*, else 0.0."""
    if not data.startswith(b"PK\x03\x04"):
        return 0.0
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return 1.0 if member in archive.namelist() else 0.0
    except zipfile.BadZipFile:
        return 0.0
