"""One page image read by OCR: its ruled tables cell by cell, and its other text line by line.

Issue 17: "crop each cell and run the recognition model on it (not page-level detection: detection misses small
isolated cells like ``0``, ``4``)". Each cell is cropped inside its rules, split into its text lines by the rows
that hold ink, and every line is recognised on its own; the cell keeps the least confidence of its lines. The text
outside the tables (title, headings, narrative) is found by RapidOCR's whole-page detection on the page with its
tables blanked out, and recognised line by line.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from attrs import frozen

from gov_disclosure.ocr.recognize import Reading, Recognizer
from gov_disclosure.ocr.ruling import GridCell, TableGrid, deskew, find_tables, ink
from gov_disclosure.readers._common import join_lines

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from gov_disclosure.ocr.engine import Engine

    Image = NDArray[Any]

__all__ = ["OcrCell", "OcrLine", "OcrPage", "OcrTable", "read_page"]

_DETECTION_SIDE = 1280
"""Whole-page text detection runs on the page scaled so that its longer side is this many pixels (at a scan's full
resolution it takes ten times as long and finds the same lines)."""
_COLOURED = 80
"""Channels this far apart make a pixel coloured ink (a seal's red is about 180 apart), not print (black or grey,
and a scan's colour noise, stay within 40)."""
_LIGHT = 170
_SPECK_SHARE = 0.1
"""A run of ink with less than this share of the heaviest run's ink, on a text line, is a speck."""
_CHAR_HEIGHT = 0.1
"""A line of ink shorter than this many inches is a speck or a stroke of a rule, not text (body text is 0.15)."""


@frozen
class OcrCell:
    """A table cell as recognised: grid position, text (its lines joined by newlines), confidence, the candidate
    readings of a one-line cell, and its box in page pixels."""

    grid: GridCell
    text: str
    confidence: float
    candidates: tuple[tuple[str, float], ...]


@frozen
class OcrTable:
    """A ruled table of a page, its cells recognised."""

    grid: TableGrid
    cells: tuple[OcrCell, ...]


@frozen
class OcrLine:
    """A line of text outside the tables, with its box in page pixels and its confidence."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    confidence: float


@frozen
class OcrPage:
    """A page read by OCR: its number, size in pixels, the resolution it was read at, its tables and lines."""

    number: int
    width: int
    height: int
    dpi: float
    tables: tuple[OcrTable, ...]
    lines: tuple[OcrLine, ...]
    skew: float = 0.0
    """The rotation (degrees) the page was turned level by."""


def greyscale(image: Any) -> Image:
    """A page image (PIL image or array) as ``uint8`` greyscale. In a colour image, ink of a colour (a red seal, a
    blue signature) is paper: a light pixel far from grey (its channels :data:`_COLOURED` apart, its brightest
    :data:`_LIGHT` or more) is white, and the others are read by their brightest channel, so that black print under
    a seal stays dark."""
    import numpy as np

    array = np.asarray(image.convert("RGB") if hasattr(image, "convert") and image.mode not in ("L", "RGB") else image)
    if array.ndim == 3:
        channels = array[:, :, :3].astype(np.int16)
        brightest, darkest = channels.max(axis=2), channels.min(axis=2)
        array = np.where((brightest - darkest > _COLOURED) & (brightest >= _LIGHT), 255, brightest)
    return np.ascontiguousarray(array, dtype=np.uint8)


def despeckled(gray: Image, dpi: float) -> Image:
    """*gray* without specks of dust or toner: blots of ink smaller than a full stop printed at 8 points (a
    ``.`` is about 0.02 inch across) are painted over with the paper around them."""
    import cv2
    import numpy as np

    binary = ink(gray, dpi)
    _count, labels, stats, _ = cv2.connectedComponentsWithStats(binary, connectivity=8)
    largest = max(2.0, (dpi / 100) ** 2)
    small = np.nonzero(stats[:, cv2.CC_STAT_AREA] <= largest)[0]
    small = small[small > 0]
    if not len(small):
        return gray
    out: Image = gray.copy()
    out[np.isin(labels, small)] = 255
    return out


def read_page(image: Any, *, number: int, dpi: float, engine: Engine, narrative: bool = True) -> OcrPage:
    """Read the page *image* (a PIL image or an array) of page *number*, scanned at *dpi*: its tables, and unless
    *narrative* is false its other text (the slower part: whole-page detection, and long lines to recognise)."""
    gray, skew = deskew(despeckled(greyscale(image), dpi), dpi)
    grids = find_tables(gray, dpi)
    tables = tuple(_read_table(gray, grid, dpi, engine.recognizer) for grid in grids)
    lines = tuple(_read_text(gray, grids, engine)) if narrative else ()
    height, width = gray.shape[:2]
    return OcrPage(number=number, width=width, height=height, dpi=dpi, tables=tables, lines=lines, skew=skew)


def text_lines(crop: Image, dpi: float) -> list[Image]:
    """The text lines of a cell's crop, top to bottom, each trimmed to its ink with a margin."""
    import numpy as np

    binary = ink(crop, dpi) if min(crop.shape) > 15 else (crop < 128).astype(np.uint8) * 255
    rows = binary.max(axis=1) > 0
    spans: list[tuple[int, int]] = []
    start = None
    for y, dark in enumerate([*rows.tolist(), False]):
        if dark and start is None:
            start = y
        elif not dark and start is not None:
            spans.append((start, y))
            start = None
    spans = _merge_close(spans, int(dpi * 0.02))
    lines = []
    tallest = max((b - a for a, b in spans), default=0)
    for top, bottom in spans:
        short = bottom - top < max(dpi * _CHAR_HEIGHT * 0.6, 0.4 * tallest) and bottom - top < dpi * _CHAR_HEIGHT
        if short and (len(spans) > 1 or bottom - top < 2):
            continue  # a speck; a mark such as "-" or "/" is kept when it is the cell's only ink
        x0, x1 = _text_extent(binary[top:bottom], bottom - top)
        pad = max(4, (bottom - top) // 4)
        pad_x = max(pad, int(dpi * _CHAR_HEIGHT * 0.5))
        line = crop[max(top - pad, 0) : bottom + pad, max(x0 - pad_x, 0) : x1 + pad_x]
        lines.append(line)
    return lines


def _text_extent(band: Image, height: int) -> tuple[int, int]:
    """The columns of a line's text: its ink in runs apart by less than the line's height, without the runs that
    hold little ink far from the rest (specks of dust at the cell's other end, which would make the recognizer read
    a wide, nearly empty image — and read it confidently wrong)."""
    import numpy as np

    mass = (band > 0).sum(axis=0)
    columns = np.nonzero(mass)[0]
    runs: list[list[int]] = []
    for column in columns.tolist():
        if runs and column - runs[-1][1] <= height:
            runs[-1][1] = column
        else:
            runs.append([column, column])
    weights = [int(mass[a : b + 1].sum()) for a, b in runs]
    heaviest = max(weights)
    kept = [run for run, weight in zip(runs, weights, strict=True) if weight >= _SPECK_SHARE * heaviest]
    return kept[0][0], kept[-1][1] + 1


def _merge_close(spans: list[tuple[int, int]], gap: int) -> list[tuple[int, int]]:
    """Ink rows closer than *gap* are one line (a character's separate strokes: 二, 三)."""
    merged: list[tuple[int, int]] = []
    for top, bottom in spans:
        if merged and top - merged[-1][1] <= gap:
            merged[-1] = (merged[-1][0], bottom)
        else:
            merged.append((top, bottom))
    return merged


def _read_table(gray: Image, grid: TableGrid, dpi: float, recognizer: Recognizer) -> OcrTable:
    trim = max(2, int(dpi / 60))
    crops: list[Image] = []
    owner: list[int] = []
    crossed: set[int] = set()
    for index, cell in enumerate(grid.cells):
        crop = gray[cell.y0 + trim : cell.y1 - trim, cell.x0 + trim : cell.x1 - trim]
        if crop.size == 0:
            continue
        if _crossed(crop, dpi):
            crossed.add(index)
        for line in text_lines(crop, dpi):
            crops.append(line)
            owner.append(index)
    readings = _read_lines(crops, dpi, recognizer)
    per_cell: dict[int, list[Reading]] = {}
    for index, reading in zip(owner, readings, strict=True):
        per_cell.setdefault(index, []).append(reading)
    cells = []
    for index, grid_cell in enumerate(grid.cells):
        lines = per_cell.get(index, [])
        text = join_lines(r.text for r in lines if r.text)
        confidence = min((r.confidence for r in lines), default=1.0)
        if index in crossed:
            confidence = min(confidence, _CROSSED)
        candidates = lines[0].candidates if len(lines) == 1 else ()
        cells.append(OcrCell(grid=grid_cell, text=text, confidence=confidence, candidates=candidates))
    return OcrTable(grid=grid, cells=tuple(cells))


_COPIES = 3
_CROSSED = 0.5
_REACH = 0.04
"""The most confidence a cell crossed by a stroke gets: only the identities can confirm what it holds."""


def _crossed(crop: Image, dpi: float) -> bool:
    """True when a stroke crosses the cell's edge into it (printed text keeps clear of its rules): a seal, a
    signature or a line of handwriting runs over the cell, or the cell is not where the rules say. A rule's remnant
    along the edge, or a pixel of noise on it, does not count: the stroke must reach :data:`_REACH` inches in."""
    import cv2

    if min(crop.shape) <= 4:
        return False
    binary = ink(crop, dpi)
    count, _labels, stats, _ = cv2.connectedComponentsWithStats(binary, connectivity=8)
    height, width = binary.shape
    reach = dpi * _REACH
    for label in range(1, count):
        x, y, w, h = (int(v) for v in stats[label][:4])
        touches_side = (x == 0 or x + w == width) and w >= reach and h < 0.5 * height
        touches_top = (y == 0 or y + h == height) and h >= reach and w < 0.5 * width
        if touches_side or touches_top:
            return True
    return False


def _read_lines(lines: Sequence[Image], dpi: float, recognizer: Recognizer) -> list[Reading]:
    """The readings of the lines of table cells. A line that is one or two narrow glyphs (a lone ``0``, ``4``,
    ``12``: the recognizer's weak spot, with no context) is also read :data:`_COPIES` times side by side; when that
    reading is the same text repeated, it is taken, else the cell is read as it is with the lower confidence."""
    tiles = {i: tiled for i, line in enumerate(lines) if (tiled := _tiled(line, dpi)) is not None}
    readings = recognizer.read([*lines, *tiles.values()], numbers=True)
    out = readings[: len(lines)]
    for (i, _), repeated in zip(tiles.items(), readings[len(lines) :], strict=True):
        out[i] = _untiled(out[i], repeated)
    return [_as_many_as_glyphs(reading, line, dpi) for reading, line in zip(out, lines, strict=True)]


def _as_many_as_glyphs(reading: Reading, line: Image, dpi: float) -> Reading:
    """*reading*, not confident when it is a number of far fewer or far more characters than the line has glyphs
    (separate runs of ink): the recognizer can read a wide, faint or cluttered image confidently wrong."""
    import numpy as np

    if not reading.text or not all(c.isdigit() or c in ".,-+" for c in reading.text):
        return reading
    binary = ink(line, dpi) if min(line.shape) > 15 else (line < 128).astype(np.uint8) * 255
    dark = np.asarray(binary.max(axis=0) > 0)
    glyphs = int(np.count_nonzero(dark[1:] & ~dark[:-1])) + int(bool(dark[0]))
    if 2 * len(reading.text) + 1 < glyphs or 2 * glyphs + 1 < len(reading.text):
        return Reading(reading.text, min(reading.confidence, _CROSSED), reading.candidates)
    return reading


def _untiled(alone: Reading, repeated: Reading) -> Reading:
    import unicodedata

    text = unicodedata.normalize("NFKC", repeated.text)
    part = text[: len(text) // _COPIES]
    if not part or part * _COPIES != text:
        return Reading(alone.text, min(alone.confidence, repeated.confidence), alone.candidates)
    candidates: list[tuple[str, float]] = []
    for candidate, likelihood in repeated.candidates:
        folded = unicodedata.normalize("NFKC", candidate)
        piece = folded[: len(folded) // _COPIES]
        if piece and piece * _COPIES == folded and all(piece != c for c, _ in candidates):
            candidates.append((piece, likelihood))
    for candidate, likelihood in alone.candidates:  # the lone reading's alternatives, less likely
        if all(candidate != c for c, _ in candidates):
            candidates.append((candidate, likelihood * 0.5))
    return Reading(part, repeated.confidence, tuple(candidates))


def _tiled(line: Image, dpi: float) -> Image | None:
    """*line* as its glyphs written :data:`_COPIES` times with a gap, when they are no wider than they are high."""
    import numpy as np

    binary = ink(line, dpi) if min(line.shape) > 15 else (line < 128).astype(np.uint8) * 255
    rows = np.nonzero(binary.max(axis=1))[0]
    columns = np.nonzero(binary.max(axis=0))[0]
    if not len(rows) or not len(columns):
        return None
    height, width = int(rows[-1] - rows[0] + 1), int(columns[-1] - columns[0] + 1)
    if width > 1.2 * height:
        return None
    margin = max(2, height // 8)
    glyph = line[
        max(int(rows[0]) - margin, 0) : int(rows[-1]) + margin + 1, max(int(columns[0]) - 1, 0) : int(columns[-1]) + 2
    ]
    tall = glyph.shape[0]
    gap = np.full((tall, max(3, tall // 3)), 255, dtype=np.uint8)
    edge = np.full((tall, tall // 2), 255, dtype=np.uint8)
    return np.hstack([edge, glyph, gap, glyph, gap, glyph, edge])


def _read_text(gray: Image, grids: Sequence[TableGrid], engine: Engine) -> list[OcrLine]:
    """The lines outside the tables: whole-page detection (on the page scaled down to :data:`_DETECTION_SIDE`, the
    tables blanked out), each line recognised at full resolution."""
    import cv2
    import numpy as np

    page = gray.copy()
    for grid in grids:
        page[max(grid.y0 - 4, 0) : grid.y1 + 4, max(grid.x0 - 4, 0) : grid.x1 + 4] = 255
    if page.min() > 128:
        return []
    height, width = page.shape[:2]
    scale = min(1.0, _DETECTION_SIDE / max(height, width))
    small = cv2.resize(page, (round(width * scale), round(height * scale)), interpolation=cv2.INTER_AREA)
    boxes, _elapsed = engine.detect(np.stack([small] * 3, axis=2))
    placed = []
    for box in () if boxes is None else boxes:
        xs = [float(p[0]) / scale for p in box]
        ys = [float(p[1]) / scale for p in box]
        x0, y0, x1, y1 = max(min(xs), 0), max(min(ys), 0), min(max(xs), width), min(max(ys), height)
        if x1 - x0 >= 4 and y1 - y0 >= 4:
            placed.append((x0, y0, x1, y1))
    readings = engine.recognizer.read([gray[int(y0) : int(y1) + 1, int(x0) : int(x1) + 1] for x0, y0, x1, y1 in placed])
    return [
        OcrLine(reading.text, *box, reading.confidence)
        for box, reading in zip(placed, readings, strict=True)
        if reading.text
    ]
