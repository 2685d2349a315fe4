"""Bound what a PDF's streams inflate to before the PDF is read (a flate bomb).

A PDF keeps its page contents, fonts and forms in streams, nearly always Flate-compressed; a PDF engine (pdfium,
pdfminer) inflates each stream whole, in memory, when it reads a page. A few hundred kilobytes of Flate data can
hold hundreds of megabytes of spaces (a "flate bomb"): inflated and parsed, they cost gigabytes and seconds before the
reader finds no text. So before any engine parses the file, every stream in its bytes is inflated here in small
pieces that are counted and dropped, and the PDF is refused as soon as the total passes
:attr:`~gov_disclosure.limits.Limits.max_pdf_inflated`. Images are skipped (the readers never inflate them).

The streams are found in the file's bytes, not through a PDF parser: every ``stream`` keyword after a dictionary
(``>> stream``) starts one, its filters are read from that dictionary, and its data are decoded from there until the
Flate data end (a stream's ``/Length`` is not trusted: a damaged or lying length changes nothing). Object streams,
cross-reference streams and incremental updates are streams like any other, so each is counted. Flate (chained or
not) and the shrinking ASCII encodings are measured exactly; a stream whose filter chain goes on with another filter
(LZW, RunLength: rare, and from an era of small files) is counted by what was measured before it. The data of an
encrypted PDF's streams are ciphertext, which does not inflate: such a file is counted by what its plain streams
hold (an encrypted PDF that opens without a password is rare among published reports).

>>> import zlib
>>> data = b"1 0 obj << /Filter /FlateDecode >> stream\\n" + zlib.compress(b" " * 5000) + b"\\nendstream endobj"
>>> inflated_size(data, budget=10_000)
5000
"""

from __future__ import annotations

import base64
import binascii
import itertools
import re
import zlib
from collections.abc import Iterable, Iterator
from types import ModuleType

from gov_disclosure.errors import LimitExceededError
from gov_disclosure.limits import Limits

__all__ = ["check_inflated", "inflated_size"]

_PIECE = 1 << 16
"""Bytes fed to and taken from the inflater at a time: the memory the check needs."""

_STREAM = re.compile(rb">>\s*stream(?:\r\n|\r|\n)?")
_DICT_START = re.compile(rb"<<")
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[^\s/\[\]<>()]+)")
_NAME = re.compile(rb"/([^\s/\[\]<>()]+)")
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")
_DICT_REACH = 4096
"""How far before ``stream`` its dictionary is looked for (stream dictionaries are short)."""


def check_inflated(data: bytes, limits: Limits, *, name: str) -> None:
    """Refuse the PDF *data* when its streams inflate to more than
    :attr:`~gov_disclosure.limits.Limits.max_pdf_inflated` bytes in total (raises
    :class:`~gov_disclosure.errors.LimitExceededError`)."""
    budget = limits.max_pdf_inflated
    if inflated_size(data, budget=budget) > budget:
        raise LimitExceededError(
            f"{name}: the PDF's streams inflate to more than {budget} bytes; refusing a possible flate bomb",
            limit="max_pdf_inflated",
        )


def inflated_size(data: bytes, *, budget: int) -> int:
    """The bytes the non-image streams of PDF *data* decode to, counted up to just past *budget* (then it stops)."""
    total = 0
    for match in _STREAM.finditer(data):
        dictionary = _dictionary_before(data, match.start() + 2)
        if _IMAGE.search(dictionary):
            continue
        for piece in _decoded(data, match.end(), _filters(dictionary)):
            total += len(piece)
            if total > budget:
                return total
    return total


def _dictionary_before(data: bytes, end: int) -> bytes:
    """The dictionary ending at *end* (just after its ``>>``): from the ``<<`` that balances it, nested ones too."""
    start = max(0, end - _DICT_REACH)
    window = data[start:end]
    depth = 0
    at = len(window)
    while at > 0:
        closing = window.rfind(b">>", 0, at)
        opening = window.rfind(b"<<", 0, at)
        if opening < 0:
            return window
        if closing > opening:
            depth += 1
            at = closing
        else:
            depth -= 1
            at = opening
            if depth == 0:
                return window[opening:]
    return window


def _filters(dictionary: bytes) -> list[bytes]:
    """The stream's filter names in order (``/Filter /FlateDecode`` or ``/Filter [/A85 /Fl]``)."""
    found = _FILTER.search(dictionary)
    if found is None:
        return []
    return _NAME.findall(found.group(1))


def _decoded(data: bytes, start: int, filters: list[bytes]) -> Iterator[bytes]:
    """The stream's data after its filters, in pieces (no more than :data:`_PIECE` bytes held at once per stage).

    Without a filter nothing is inflated: the stream costs no more than the file's own size, so it is not counted."""
    if not filters:
        return
    pieces: Iterable[bytes] = ()
    first = True
    for name in filters:
        if name in (b"FlateDecode", b"Fl"):
            pieces = _inflate(_raw(data, start) if first else pieces)
        elif name in (b"ASCII85Decode", b"A85"):
            pieces = (_ascii85(data[start:] if first else b"".join(pieces)),)
        elif name in (b"ASCIIHexDecode", b"AHx"):
            pieces = (_ascii_hex(data[start:] if first else b"".join(pieces)),)
        else:
            break
        first = False
    yield from pieces


def _raw(data: bytes, start: int) -> Iterator[bytes]:
    for at in range(start, len(data), _PIECE):
        yield data[at : at + _PIECE]


def _ascii85(data: bytes) -> bytes:
    """ASCII85 data up to its ``~>`` end (whitespace ignored, ``z`` for four zero bytes); a damaged run ends there."""
    body = data.split(b"~>", 1)[0]
    body = re.sub(rb"\s+", b"", body.removeprefix(b"<~"))
    try:
        return base64.a85decode(body)
    except ValueError:
        return b""


def _ascii_hex(data: bytes) -> bytes:
    body = re.sub(rb"\s+", b"", data.split(b">", 1)[0])
    if len(body) % 2:
        body += b"0"
    try:
        return binascii.unhexlify(body)
    except (binascii.Error, ValueError):
        return b""


def _inflate(pieces: Iterable[bytes]) -> Iterator[bytes]:
    """Flate-decode *pieces* lazily, :data:`_PIECE` bytes out at a time; a damaged stream ends where it breaks (as
    the engines read it), and the data after the Flate data's end are not read.

    The zlib header is checked here as zlib checks it, and the deflate data after it are inflated raw: the Adler-32
    checksum that ends them is not computed (a fifth of the work, and it changes no length: zlib would give every
    byte up to it). A raw inflater's window is the largest, so it reads whatever a smaller declared window reads.

    The inflater is zlib-ng's where it is installed (the ``pdf`` and ``pdfplumber`` extras install it: a fork of
    zlib, the same bytes out at two thirds of the cost), else zlib's."""
    stream = _pieces_after_header(iter(pieces))
    if stream is None:
        return
    codec = _zlib()
    inflater = codec.decompressobj(-zlib.MAX_WBITS)
    try:
        for piece in stream:
            data = piece
            while data and not inflater.eof:
                out = inflater.decompress(data, _PIECE)
                if out:
                    yield out
                data = inflater.unconsumed_tail
            if inflater.eof:
                return
        tail = inflater.flush()
        if tail:
            yield tail
    except codec.error:
        return


def _zlib() -> ModuleType:
    """zlib-ng's ``zlib`` module where it is installed, else zlib (imported here: only a PDF needs it)."""
    try:
        from zlib_ng import zlib_ng
    except ImportError:
        return zlib
    return zlib_ng


def _pieces_after_header(pieces: Iterator[bytes]) -> Iterator[bytes] | None:
    """*pieces* after their two-byte zlib header, or None when the header is one zlib refuses (not a multiple of 31,
    not deflate, a window over 32 KiB, or a preset dictionary, which no PDF filter supplies)."""
    head = b""
    for piece in pieces:
        head += piece
        if len(head) >= 2:
            break
    if len(head) < 2:
        return None
    method, flags = head[0], head[1]
    if (method << 8 | flags) % 31 or method & 0x0F != 8 or method >> 4 > 7 or flags & 0x20:
        return None
    return itertools.chain((head[2:],), pieces)
