"""Ruled tables found in a page image by morphology (gov_disclosure.ocr.ruling): skew, rules, merged cells, and what
is not a table. Synthetic pages drawn with Pillow at 200 dpi; no recognition model is needed (OpenCV is)."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

pytest.importorskip("cv2", reason="the ocr extra's OpenCV finds the rules")

from gov_disclosure.ocr.ruling import deskew, find_tables, skew_angle

DPI = 200
COLUMNS = (200, 500, 700, 900, 1100)
ROWS = (300, 380, 460, 540, 620)


def _page(rotation: float = 0.0, *, seal: bool = False) -> np.ndarray:
    """A 4 × 4 table: the first row one cell across columns 1–3, the first column one cell down rows 1–2."""
    page = Image.new("L", (1400, 1000), 255)
    draw = ImageDraw.Draw(page)
    left, right, top, bottom = COLUMNS[0], COLUMNS[-1], ROWS[0], ROWS[-1]
    for y in ROWS:  # every horizontal rule, but the one between rows 1 and 2 in column 0
        draw.line([(left, y), (right, y)], fill=0, width=3)
    draw.line([(left + 2, ROWS[2]), (COLUMNS[1] - 2, ROWS[2])], fill=255, width=3)
    for x in COLUMNS:  # every vertical rule, but those inside the first row after column 1
        draw.line([(x, top), (x, bottom)], fill=0, width=3)
    for x in COLUMNS[2:4]:
        draw.line([(x, top + 2), (x, ROWS[1] - 2)], fill=255, width=3)
    draw.text((COLUMNS[0] + 20, ROWS[3] + 20), "12", fill=0)
    if seal:  # a ring over the right part of the table, as a seal stamped across it
        draw.ellipse([(800, 350), (1150, 700)], outline=90, width=10)
    rotated = page.rotate(rotation, resample=Image.Resampling.BICUBIC, fillcolor=255) if rotation else page
    return np.asarray(rotated, dtype=np.uint8)


def _structure(gray: np.ndarray) -> list[tuple[int, int, int, int]]:
    (table,) = find_tables(gray, DPI)
    return [(c.row, c.column, c.rowspan, c.colspan) for c in table.cells]


EXPECTED = [
    (0, 0, 1, 1), (0, 1, 1, 3),
    (1, 0, 2, 1), (1, 1, 1, 1), (1, 2, 1, 1), (1, 3, 1, 1),
    (2, 1, 1, 1), (2, 2, 1, 1), (2, 3, 1, 1),
    (3, 0, 1, 1), (3, 1, 1, 1), (3, 2, 1, 1), (3, 3, 1, 1),
]  # fmt: skip


def test_cells_are_the_grid_rectangles_and_merged_cells_the_missing_rules() -> None:
    assert _structure(_page()) == EXPECTED
    (table,) = find_tables(_page(), DPI)
    first = table.cells[0]
    assert COLUMNS[0] < first.x0 < first.x1 < COLUMNS[1]
    assert ROWS[0] < first.y0 < first.y1 < ROWS[1]


@pytest.mark.parametrize("rotation", [-1.5, -0.5, 0.7, 1.5])
def test_a_skewed_page_is_turned_level_first(rotation: float) -> None:
    page = _page(rotation)
    assert skew_angle(page, DPI) == pytest.approx(rotation, abs=0.15)
    level, angle = deskew(page, DPI)
    assert angle == pytest.approx(rotation, abs=0.15)
    assert _structure(level) == EXPECTED


def test_a_seal_over_the_table_adds_no_rule() -> None:
    """A seal's ring has stretches as straight as a rule: they end inside cells, not on rules, and are dropped."""
    assert _structure(_page(seal=True)) == EXPECTED


def test_a_filled_box_or_a_frame_is_not_a_table() -> None:
    page = Image.new("L", (1400, 1000), 255)
    draw = ImageDraw.Draw(page)
    draw.rectangle([(200, 200), (800, 600)], fill=0)
    draw.rectangle([(900, 200), (1300, 600)], outline=0, width=3)
    assert find_tables(np.asarray(page, dtype=np.uint8), DPI) == []


def test_a_rotation_beyond_a_scanners_is_left_alone() -> None:
    """Turned 5°, the page is not a skewed scan but a page placed so on purpose (or a photo): not turned."""
    assert skew_angle(_page(5.0), DPI) == 0.0
