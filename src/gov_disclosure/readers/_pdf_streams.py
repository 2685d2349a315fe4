"""Bound what a PDF's streams inflate to before the PDF is read (a flate bomb).

A PDF keeps its page contents, fonts and forms in streams, nearly always Flate-compressed; the PDF reader
(pdfminer) inflates each stream whole, in memory, when it reads a page. A few hundred kilobytes of Flate data can
hold hundreds of megabytes of spaces (a "flate bomb"): inflated and parsed, they cost gigabytes and seconds before the
reader finds no text. So before any page is read, every stream the reader may inflate is inflated here in small
pieces that are counted and dropped, and the PDF is refused as soon as the total passes
:attr:`~gov_disclosure.limits.Limits.max_pdf_inflated`. Images are skipped (the reader never inflates them).

Flate (chained or not) and the shrinking ASCII encodings are measured exactly; a stream whose filter chain goes on
with another filter (LZW, RunLength: rare, and from an era of small files) is counted by what was measured before it.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator
from typing import Any

from gov_disclosure.errors import LimitExceededError
from gov_disclosure.limits import Limits

__all__ = ["check_inflated"]

_PIECE = 1 << 16
"""Bytes fed to and taken from the inflater at a time: the memory the check needs."""


def check_inflated(doc: Any, limits: Limits, *, name: str) -> None:
    """Refuse the PDF of pdfminer document *doc* when its streams inflate to more than
    :attr:`~gov_disclosure.limits.Limits.max_pdf_inflated` bytes in total (raises
    :class:`~gov_disclosure.errors.LimitExceededError`)."""
    from pdfminer.pdftypes import PDFStream

    budget = limits.max_pdf_inflated
    total = 0
    for stream in _streams(doc, PDFStream):
        for piece in _decoded(stream):
            total += len(piece)
            if total > budget:
                raise LimitExceededError(
                    f"{name}: the PDF's streams inflate to more than {budget} bytes; refusing a possible flate bomb",
                    limit="max_pdf_inflated",
                )


def _streams(doc: Any, stream_type: Any) -> Iterator[Any]:
    """Every stream object of *doc* the reader may inflate (each object once; images and broken objects skipped)."""
    seen: set[int] = set()
    for xref in doc.xrefs:
        for objid in xref.get_objids():
            if objid in seen:
                continue
            seen.add(objid)
            try:
                obj = doc.getobj(objid)
            except Exception:  # pdfminer raises many types for a damaged object; the reader reports it if it matters
                continue
            if isinstance(obj, stream_type) and _name(obj.get("Subtype")) != "Image":
                yield obj


def _name(value: Any) -> str | None:
    return getattr(value, "name", None)


def _decoded(stream: Any) -> Iterator[bytes]:
    """The stream's data after its filters, in pieces (no more than :data:`_PIECE` bytes held at once per stage)."""
    from pdfminer.ascii85 import ascii85decode, asciihexdecode

    if stream.rawdata is None:  # already decoded
        yield stream.data or b""
        return
    data: bytes = stream.rawdata
    if stream.decipher:
        data = stream.decipher(stream.objid, stream.genno, data, stream.attrs)
    pieces: Iterable[bytes] = (data,)
    try:
        filters = stream.get_filters()
    except Exception:  # a damaged filter entry: the reader will say so
        filters = []
    for kind, _params in filters:
        name = _name(kind)
        if name in ("FlateDecode", "Fl"):
            pieces = _inflate(pieces)
        elif name in ("ASCII85Decode", "A85"):
            pieces = (ascii85decode(b"".join(pieces)),)
        elif name in ("ASCIIHexDecode", "AHx"):
            pieces = (asciihexdecode(b"".join(pieces)),)
        else:
            break
    yield from pieces


def _inflate(pieces: Iterable[bytes]) -> Iterator[bytes]:
    """Flate-decode *pieces* lazily, :data:`_PIECE` bytes out at a time; a damaged stream ends where it breaks (as
    the reader reads it)."""
    inflater = zlib.decompressobj()
    try:
        for piece in pieces:
            for start in range(0, len(piece), _PIECE):
                data = piece[start : start + _PIECE]
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
    except zlib.error:
        return
