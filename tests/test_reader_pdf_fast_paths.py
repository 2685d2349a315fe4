"""The pdfium engine's fast paths answer as their plain definitions: a page's text in one call as each character's
own, and the flate check's raw inflater counts no less than zlib's own."""

from __future__ import annotations

import ctypes
import zlib
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import shared_path
from gov_disclosure.readers._pdf_streams import _inflate

pdfium: Any = pytest.importorskip("pypdfium2", reason="the pdfium engine (the `pdf` extra) is not installed")

from gov_disclosure.readers._pdf_pdfium import _texts, _texts_one_by_one  # noqa: E402


def test_the_page_text_in_one_call_is_each_characters_own() -> None:
    """淮安 2024: on every page, the text from one ``FPDFText_GetText`` is what each character gives one by one."""
    document = pdfium.PdfDocument(shared_path("real", "huaian-city-2024.pdf").read_bytes())
    try:
        for index in range(len(document)):
            textpage = document[index].get_textpage()
            fast = _texts(pdfium.raw, textpage.raw)
            assert isinstance(fast, str)  # the one-call path was taken
            assert list(fast) == _texts_one_by_one(pdfium.raw, textpage.raw, len(fast))
            textpage.close()
    finally:
        document.close()


class _Raw:
    """A stand-in for ``pypdfium2.raw`` over a page whose characters are *codes* and whose page text is *text*."""

    def __init__(self, codes: list[int], text: str) -> None:
        self.codes, self.text = codes, text

    def FPDFText_CountChars(self, page: object) -> int:
        return len(self.codes)

    def FPDFText_GetText(self, page: object, start: int, count: int, buffer: Any) -> int:
        units = self.text.encode("utf-16-le", "surrogatepass")[: 2 * count]
        ctypes.memmove(buffer, units, len(units))
        return len(units) // 2 + 1

    def FPDFText_GetUnicode(self, page: object, index: int) -> int:
        return self.codes[index]


@pytest.mark.parametrize(
    ("codes", "text"),
    [
        ([0x4E00, 0x2, 0x4E8C], "一二"),  # a control character: left out of the page text
        ([0x4E00, 0x20000, 0x4E8C], "一\U00020000二"),  # outside the BMP: two units
        ([0x4E00, 0, 0x4E8C], "一\x00二"),  # no Unicode value
    ],
)
def test_a_page_text_not_one_unit_per_character_is_read_one_by_one(codes: list[int], text: str) -> None:
    raw = _Raw(codes, text)
    assert _texts(raw, None) == [chr(code) if code else "" for code in codes]


def test_a_page_text_one_unit_per_character_is_taken_whole() -> None:
    assert _texts(_Raw([0x4E00, 0x20, 0x4E8C], "一 二"), None) == "一 二"


def _zlib_count(data: bytes) -> int:
    """What zlib's own decompressor (header and checksum read) gives of *data* before it ends or fails."""
    inflater, total = zlib.decompressobj(), 0
    try:
        while data and not inflater.eof:
            total += len(inflater.decompress(data, 1 << 16))
            data = inflater.unconsumed_tail
        total += len(inflater.flush())
    except zlib.error:
        pass
    return total


@settings(max_examples=300, deadline=None)
@given(
    payload=st.binary(max_size=3000) | st.text("ab \n", max_size=20000).map(str.encode),
    level=st.integers(0, 9),
    damage=st.one_of(st.none(), st.tuples(st.integers(0, 10**6), st.integers(0, 7)), st.integers(0, 10**6)),
)
def test_the_raw_inflater_counts_no_less_than_zlib(
    payload: bytes, level: int, damage: int | tuple[int, int] | None
) -> None:
    """Whole, truncated or with a bit flipped (header, data or checksum): the check never counts less than zlib
    reads, and a whole stream counts exactly its bytes."""
    data = zlib.compress(payload, level)
    if isinstance(damage, tuple):
        at = damage[0] % len(data)
        data = data[:at] + bytes([data[at] ^ (1 << damage[1])]) + data[at + 1 :]
    elif isinstance(damage, int):
        data = data[: damage % (len(data) + 1)]
    counted = sum(len(piece) for piece in _inflate([data]))
    assert counted >= _zlib_count(data)
    if damage is None:
        assert counted == len(payload)


def test_a_zlib_header_zlib_refuses_counts_nothing() -> None:
    body = zlib.compress(b" " * 1000)[2:]
    for header in (b"\x78\x9d", b"\x79\x18", b"\x88\x98", b"\x78\xbb"):  # bad check, method, window, dictionary
        assert sum(len(piece) for piece in _inflate([header + body])) == 0 == _zlib_count(header + body)
