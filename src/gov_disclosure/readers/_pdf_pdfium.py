"""The pdfium engine (the default; the ``pdf`` extra: pypdfium2): characters from pdfium's text page, ruled
tables from the page's drawn paths.

pdfium's characters come in content order, as pdfminer's do. Their boxes are made to be pdfminer's, so that both
engines give the reader the same page: x from pdfium's loose box (the advance width: identical to pdfminer's), the
bottom from it too (the font's descent below the baseline), and the top one font size above the bottom, where the
size is the font size scaled by the character's matrix (pdfium's loose top is the font's ascent instead, 1–3 pt off,
which would move the vertical centres that rows are assigned by). Blank characters (among them every character
pdfium generates: it generates only spaces and line ends, see :func:`_chars`) and characters not upright are left
out.

pdfium's boxes are pdfminer's only where pdfium has the font's glyphs: a font not embedded in the file (other than
the 14 standard fonts) is replaced by one of the machine's fonts, whose widths are not the file's, and where the
machine has no font with the glyphs (a CJK font on a server with none) pdfium's characters have empty boxes and it
drops characters it then takes for duplicates (the second line ``开`` of a wrapped label ``（三）不予公 / 开``). So a
PDF with such a font raises :class:`NeedsPdfplumber`, and the reader reads it with the pdfplumber engine (or says
that engine is needed).

Text drawn invisible (text render mode 3, or 7: clipping only) is not printed, and its characters are left out: it
is what a scanner's or ``ocrmypdf``'s recognition lays over a scanned page, a machine's reading of the print, not
the print (a page of nothing else is a scan, read by OCR). Its font is not checked either.

The ruling lines are the straight, axis-parallel segments of every path object, through form XObjects too, mapped
to the page by the objects' matrices; :mod:`~gov_disclosure.readers._pdf_ruling` finds the tables in them.
"""

from __future__ import annotations

import ctypes
import functools
import itertools
import re
import struct
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from attrs import Factory, define, frozen

from gov_disclosure.limits import Limits
from gov_disclosure.readers._common import require
from gov_disclosure.readers._pdf_page import INVISIBLE_TEXT, PdfChar, PdfPage, check_pages, is_grid
from gov_disclosure.readers._pdf_ruling import Rule, ruled_tables
from gov_disclosure.readers.errors import ReaderError

__all__ = ["NeedsPdfplumber", "read_pages"]

_STANDARD_FONTS = re.compile(r"^(?:[A-Z]{6}\+)?(?:Courier|Helvetica|Times|Symbol|ZapfDingbats|Arial|TimesNewRoman)")
"""The standard 14 fonts (and their usual aliases): pdfium and pdfminer both know their widths."""


class NeedsPdfplumber(Exception):
    """The PDF uses a font pdfium cannot measure as pdfminer does (not embedded, not a standard font)."""


_Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: _Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_AXIS = 0.01
"""How far (pt) a segment's ends may differ across its direction for it to count as horizontal or vertical."""
_MAX_DEPTH = 8
"""Form XObjects nested deeper than this are not searched for rules (a loop of forms is not followed forever)."""


def read_pages(data: bytes, limits: Limits, name: str) -> list[PdfPage]:
    """Every page of PDF *data* through pdfium."""
    pdfium: Any = require("pypdfium2", form="PDF", extra="pdf")
    raw: Any = require("pypdfium2.raw", form="PDF", extra="pdf")
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:  # damaged, or encrypted with a password
        raise ReaderError(f"{name}: not a readable PDF file ({type(error).__name__}: {error})") from error
    try:
        check_pages(len(document), limits, name)
        calls = _Calls.of(raw)
        return [_page(calls, document, index) for index in range(len(document))]
    finally:
        document.close()


def _page(calls: _Calls, document: Any, index: int) -> PdfPage:
    page = document[index]
    try:
        _, bottom, _, top = page.get_bbox()  # the page's box, inherited from the page tree too (as pdfplumber's):
        # get_mediabox() reads the page's own entry only, and makes a letter page of a page without one
        found = _walk(calls, page.raw, top)
        textpage = page.get_textpage()
        try:
            chars = tuple(_chars(calls, textpage.raw, top, frozenset(found.invisible)))
        finally:
            textpage.close()
    finally:
        page.close()
    tables = tuple(t.cells for t in ruled_tables(found.rules) if is_grid(t.cells))
    return PdfPage(chars, tables, float(top - bottom), found.images)


@frozen
class _Calls:
    """pypdfium2's raw bindings (:attr:`raw`), and those called once per character, page object or path segment
    without ctypes' conversion of each argument (:func:`_unchecked`), made once per document."""

    raw: Any
    char_matrix: Any
    char_box: Any
    font_size: Any
    page_object: Any
    text_font: Any
    render_mode: Any
    char_object: Any
    object_type: Any
    segment: Any
    segment_type: Any
    segment_point: Any
    segment_close: Any

    @classmethod
    def of(cls, raw: Any) -> _Calls:
        """The calls of pypdfium2's *raw* module."""
        return cls(
            raw=raw,
            char_matrix=_unchecked(raw.FPDFText_GetMatrix),
            char_box=_unchecked(raw.FPDFText_GetLooseCharBox),
            font_size=_unchecked(raw.FPDFText_GetFontSize),
            page_object=_unchecked(raw.FPDFPage_GetObject),
            text_font=_unchecked(raw.FPDFTextObj_GetFont, ctypes.c_void_p),
            render_mode=_unchecked(raw.FPDFTextObj_GetTextRenderMode),
            char_object=_unchecked(raw.FPDFText_GetTextObject, ctypes.c_void_p),
            object_type=_unchecked(raw.FPDFPageObj_GetType),
            segment=_unchecked(raw.FPDFPath_GetPathSegment),
            segment_type=_unchecked(raw.FPDFPathSegment_GetType),
            segment_point=_unchecked(raw.FPDFPathSegment_GetPoint),
            segment_close=_unchecked(raw.FPDFPathSegment_GetClose),
        )


def _check_font(raw: Any, font: Any) -> None:
    """Raise :class:`NeedsPdfplumber` when *font* is neither embedded nor a standard font."""
    if not raw.FPDFFont_GetIsEmbedded(font) and not _is_standard(raw, font):
        raise NeedsPdfplumber(_font_name(raw, font))


def _font_name(raw: Any, font: Any) -> str:
    size = raw.FPDFFont_GetBaseFontName(font, None, 0)
    buffer = ctypes.create_string_buffer(max(size, 1))
    raw.FPDFFont_GetBaseFontName(font, buffer, size)
    return buffer.value.decode("utf-8", "replace")


def _is_standard(raw: Any, font: Any) -> bool:
    return bool(_STANDARD_FONTS.match(_font_name(raw, font)))


def _chars(calls: _Calls, textpage: Any, page_top: float, invisible: frozenset[int] = frozenset()) -> list[PdfChar]:
    """The printed characters of *textpage*, upright and not blank, in pdfminer's boxes; not those of the text
    objects at the addresses *invisible* (text drawn invisible: each character of a page that has some is asked for
    its text object).

    The characters pdfium generates (its text page's own ``GenerateCharInfo`` and ``AppendGeneratedCharacter``)
    are spaces between words and the line ends ``\\r\\n``: blank, so dropped with the printed blanks, and no
    character is asked whether it was generated (a call per character; the tests check, on every PDF they have, that
    no generated character is anything else)."""
    box, matrix = calls.raw.FS_RECTF(), calls.raw.FS_MATRIX()
    box_at, matrix_at = ctypes.pointer(box), ctypes.pointer(matrix)  # a pointer passes faster than ctypes.byref
    get_matrix, get_box, get_size = calls.char_matrix, calls.char_box, calls.font_size
    chars = []
    for index, text in enumerate(_texts(calls.raw, textpage)):
        if not text.strip():
            continue  # blank, or generated by pdfium (a space or a line end; it is not asked: FPDFText_IsGenerated)
        if invisible and calls.char_object(textpage, index) in invisible:
            continue  # not printed
        get_matrix(textpage, index, matrix_at)
        a, b, c, d, _, _ = _MATRIX_FIELDS(matrix)
        if not (a * d > 0 and b * c <= 0):
            continue  # rotated or mirrored: pdfminer's "upright" is false
        get_box(textpage, index, box_at)
        left, _, right, bottom = _BOX_FIELDS(box)
        size = get_size(textpage, index) * d
        below = page_top - bottom
        chars.append(PdfChar(text, left, right, below - size, below, size))
    return chars


_MATRIX_FIELDS = struct.Struct("6f").unpack_from
"""An ``FS_MATRIX``'s six floats (a, b, c, d, e, f) in one call, not six attribute look-ups."""
_BOX_FIELDS = struct.Struct("4f").unpack_from
"""An ``FS_RECTF``'s four floats (left, top, right, bottom)."""


def _unchecked(function: Any, restype: Any = None) -> Any:
    """pypdfium2's binding *function* without ctypes' conversion of each argument (twice as fast a call: these run
    once per character and once per page object). Only what the declared types take unconverted is passed to it:
    handles pdfium returned, pointers to ctypes structures, and character or object indices (C ints). A handle
    returned as *restype* ``c_void_p`` is its address (an int), to compare."""
    unchecked = type(function)(ctypes.cast(function, ctypes.c_void_p).value)
    unchecked.restype = restype or function.restype
    return unchecked


def _texts(raw: Any, textpage: Any) -> Sequence[str]:
    """Each character's text (``""`` for none), by index: the page's text in one call.

    pdfium's page text holds one UTF-16 unit per character, in the characters' order, except control characters
    (left out), characters outside the BMP (two units) and characters with no Unicode value; so the page text is
    taken when it has exactly one unit per character, none of them a surrogate or NUL, and otherwise each character
    is asked for its own (:func:`_texts_one_by_one`, which these pages need)."""
    count = raw.FPDFText_CountChars(textpage)
    if count <= 0:
        return ""
    buffer = (ctypes.c_ushort * (count + 1))()
    written = raw.FPDFText_GetText(textpage, 0, count, buffer) - 1  # it counts the closing NUL
    text = bytes(buffer)[: 2 * max(written, 0)].decode("utf-16-le", "surrogatepass")
    if len(text) == count and not _UNALIGNED.search(text):
        return text
    return _texts_one_by_one(raw, textpage, count)


_UNALIGNED = re.compile(r"[\x00\ud800-\udfff]")
"""Units in pdfium's page text that are not one character each: NUL (a character without Unicode) and surrogates."""


def _texts_one_by_one(raw: Any, textpage: Any, count: int) -> list[str]:
    codes = (raw.FPDFText_GetUnicode(textpage, index) for index in range(count))
    return [chr(code) if 0 < code < 0x110000 else "" for code in codes]


def _walk(calls: _Calls, page: Any, page_top: float) -> _Collected:
    """The page's ruling lines, the addresses of its text objects drawn invisible and its images (text objects, on
    the way, are checked for fonts pdfium cannot measure)."""
    found = _Collected()
    objects = map(functools.partial(calls.page_object, page), range(calls.raw.FPDFPage_CountObjects(page)))
    _collect_rules(calls, objects, _IDENTITY, page_top, 0, found)
    return found


@define
class _Collected:
    """What one walk over a page's objects gathers: its rules, the addresses of the fonts checked (each once per
    page), the addresses of the text objects drawn invisible, and how many images it draws."""

    rules: list[Rule] = Factory(list)
    fonts: set[int] = Factory(set)
    invisible: set[int] = Factory(set)
    images: int = 0


def _collect_rules(
    calls: _Calls, objects: Iterable[Any], outer: _Matrix, page_top: float, depth: int, found: _Collected
) -> None:
    """Add the rules of *objects* (drawn inside *outer*, forms nested *depth* deep) to *found*: one loop over a page's
    objects, most of them text (a page can hold a text object per character), each asked only its font (pdfium gives
    no font for any other object) and its render mode (a font is checked once per page, and not for invisible text,
    which is not read), and only an object with no font its type."""
    raw, get_type, get_font, get_mode = calls.raw, calls.object_type, calls.text_font, calls.render_mode
    path, form, image = raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM, raw.FPDF_PAGEOBJ_IMAGE
    for obj in objects:
        address = get_font(obj)
        if address:
            if get_mode(obj) in INVISIBLE_TEXT:
                found.invisible.add(ctypes.cast(obj, ctypes.c_void_p).value or 0)
            elif address not in found.fonts:
                _check_font(raw, ctypes.cast(address, raw.FPDF_FONT))
                found.fonts.add(address)
            continue
        kind = get_type(obj)
        if kind == image:
            found.images += 1
        elif kind in (path, form):
            matrix = _matrix(raw, obj, outer)
            if matrix is None:
                continue
            if kind == path:
                found.rules.extend(_path_rules(calls, obj, matrix, page_top))
            elif depth < _MAX_DEPTH:
                count = raw.FPDFFormObj_CountObjects(obj)
                inner = (raw.FPDFFormObj_GetObject(obj, index) for index in range(count))  # an unsigned long
                _collect_rules(calls, inner, matrix, page_top, depth + 1, found)


def _matrix(raw: Any, obj: Any, outer: _Matrix) -> _Matrix | None:
    """The matrix mapping page object *obj* to the page (*outer* maps its form), or None when pdfium has none."""
    m = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj, ctypes.pointer(m)):
        return None
    return _then((m.a, m.b, m.c, m.d, m.e, m.f), outer)


def _path_rules(calls: _Calls, path: Any, matrix: _Matrix, page_top: float) -> Iterator[Rule]:
    """The straight segments of each subpath (pdfminer's lines, rectangles' sides and polylines' sides); a curve
    breaks the chain, and a closing side is drawn for rectangles only (as pdfminer splits a path)."""
    x, y = ctypes.c_float(), ctypes.c_float()
    x_at, y_at = ctypes.pointer(x), ctypes.pointer(y)
    move, line = calls.raw.FPDF_SEGMENT_MOVETO, calls.raw.FPDF_SEGMENT_LINETO
    subpath: list[tuple[float, float] | None] = []
    closed = False
    for index in range(calls.raw.FPDFPath_CountSegments(path)):
        segment = calls.segment(path, index)
        kind = calls.segment_type(segment)
        calls.segment_point(segment, x_at, y_at)
        if kind == move:
            yield from _subpath_rules(subpath, closed, page_top)
            subpath, closed = [], False
        point = _apply(matrix, x.value, y.value)
        subpath.append(point if kind in (move, line) else None)
        closed = closed or bool(calls.segment_close(segment))
    yield from _subpath_rules(subpath, closed, page_top)


def _subpath_rules(points: list[tuple[float, float] | None], closed: bool, page_top: float) -> Iterator[Rule]:
    corners = [p for p in points if p is not None]
    if closed and len(corners) == 4 and None not in points and _is_rectangle(corners):
        points = [*points, points[0]]
    for start, end in itertools.pairwise(points):
        if start is None or end is None:
            continue
        rule = _rule(start, end, page_top)
        if rule is not None:
            yield rule


def _is_rectangle(corners: list[tuple[float, float]]) -> bool:
    sides = zip(corners, [*corners[1:], corners[0]], strict=True)
    return all(abs(a[0] - b[0]) <= _AXIS or abs(a[1] - b[1]) <= _AXIS for a, b in sides)


def _rule(start: tuple[float, float], end: tuple[float, float], page_top: float) -> Rule | None:
    (x0, y0), (x1, y1) = start, end
    if abs(y0 - y1) <= _AXIS:
        return Rule("h", page_top - y0, min(x0, x1), max(x0, x1))
    if abs(x0 - x1) <= _AXIS:
        return Rule("v", x0, page_top - max(y0, y1), page_top - min(y0, y1))
    return None


def _then(inner: _Matrix, outer: _Matrix) -> _Matrix:
    """The matrix applying *inner* first, then *outer* (PDF row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _apply(m: _Matrix, x: float, y: float) -> tuple[float, float]:
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
