"""Small helpers shared by the input-form readers: lazy optional imports, decoding, cell text, table text."""

from __future__ import annotations

import codecs
import importlib
import io
import re
import zipfile
from collections.abc import Iterable
from types import ModuleType

from attrs import frozen

from gov_disclosure.findings import Finding, Outcome, Severity
from gov_disclosure.parsing.grids import RawRow, RawTable
from gov_disclosure.readers.errors import MissingDependencyError

__all__ = [
    "Decoded",
    "bad_bytes_findings",
    "clean_text",
    "decode_bytes",
    "decode_text",
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


@frozen
class Decoded:
    """Decoded text and the byte offsets of the bad byte sequences replaced by U+FFFD (�) in it."""

    text: str
    encoding: str
    bad: tuple[int, ...] = ()


_BAD_SHARE = 100
"""A text is read as UTF-8 with damage, not as GB18030, while at most one sequence in this many of its non-ASCII
characters is not valid UTF-8 (GB18030 Chinese text read as UTF-8 fails at nearly every character)."""
_BAD_FLOOR = 8
"""... and always while at most this many are."""


def _decode_replacing(data: bytes, encoding: str, *, give_up: bool = False) -> Decoded | None:
    """*data* decoded, each bad sequence replaced by U+FFFD and its offset kept; None when *give_up* and there are
    more bad sequences than a damaged text of this encoding would have (:data:`_BAD_SHARE`)."""
    decode = codecs.getdecoder(encoding)
    view = memoryview(data)
    parts: list[str] = []
    bad: list[int] = []
    good = start = 0
    while True:
        try:
            parts.append(decode(view[start:], "strict")[0])
            break
        except UnicodeDecodeError as error:  # the decoder stops at the first bad sequence: linear in all
            part = decode(view[start : start + error.start], "strict")[0]
            parts.append(part)
            good += sum(1 for char in part if ord(char) > 0x7F)
            bad.append(start + error.start)
            parts.append("\ufffd")
            start += max(error.end, error.start + 1)
            if give_up and len(bad) > max(_BAD_FLOOR, good // _BAD_SHARE):
                return None
    return Decoded("".join(parts), encoding, tuple(bad))


def decode_text(data: bytes) -> Decoded:
    """Decode a web page or text file: BOM, then ``<meta charset>``, then UTF-8, then GB18030.

    GB2312 and GBK pages are decoded as GB18030, their superset (pages declaring GB2312 often use GBK characters).
    A few bad bytes in a UTF-8 text (a character cut by a download, a stray byte) do not make it GB18030: they are
    replaced by U+FFFD and their offsets kept, to be reported (``READ.BAD_BYTES``).

    >>> decode_text('<meta charset="gb2312"><p>规章</p>'.encode("gbk")).text
    '<meta charset="gb2312"><p>规章</p>'
    >>> decoded = decode_text("规章 1 0 11".encode() + b"\\xff" + "行政规范性文件".encode())
    >>> decoded.text, decoded.encoding, decoded.bad
    ('规章 1 0 11�行政规范性文件', 'utf-8', (13,))
    >>> decode_text("规章 行政规范性文件".encode("gb18030")).encoding
    'gb18030'
    """
    boms = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
    for bom, encoding in boms:
        if data.startswith(bom):
            return _decode_replacing(data, encoding) or Decoded("", encoding)
    match = _CHARSET.search(data[:4096])
    if match:
        declared = match.group(1).decode("ascii").lower()
        encoding = _WIDER.get(declared, declared)
        try:
            return Decoded(data.decode(encoding), encoding)
        except (LookupError, UnicodeDecodeError):
            pass
    utf8 = _decode_replacing(data, "utf-8", give_up=True)
    return utf8 if utf8 is not None else _decode_replacing(data, "gb18030") or Decoded("", "gb18030")


def bad_bytes_findings(decoded: Decoded) -> tuple[Finding, ...]:
    """A ``READ.BAD_BYTES`` warning naming the byte offset of the first bad sequence, when there are any.

    >>> print(bad_bytes_findings(decode_text("规章".encode() + b"\\xff"))[0])
    WARNING READ.BAD_BYTES: 1 byte sequence(s) not valid utf-8 replaced by U+FFFD (�), the first at byte offset 6
    """
    if not decoded.bad:
        return ()
    first, count = decoded.bad[0], len(decoded.bad)
    return (
        Finding(
            code="READ.BAD_BYTES",
            severity=Severity.WARNING,
            message=f"有 {count} 处字节无法按 {decoded.encoding} 解码，已替换为 �；第一处在第 {first} 字节",
            message_en=f"{count} byte sequence(s) not valid {decoded.encoding} replaced by U+FFFD (�), "
            f"the first at byte offset {first}",
            outcome=Outcome.NOTE,
            evidence=", ".join(str(offset) for offset in decoded.bad[:20]),
        ),
    )


def decode_bytes(data: bytes) -> str:
    """The text of :func:`decode_text` (bad bytes replaced by U+FFFD).

    >>> decode_bytes('<meta charset="gb2312"><p>规章</p>'.encode("gbk"))
    '<meta charset="gb2312"><p>规章</p>'
    """
    return decode_text(data).text


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
