#!/usr/bin/env python3
"""Draw ``docs/images/scan-degraded.png``: the real report's 表三 as a stamped office scan, optionally with a reading.

    .venv/bin/python scripts/scan_picture.py [--marks MARKS.json] [--out PATH] [--page-png PAGE.png]

The page is page 4 of ``../shared/real/huaian-city-2024.pdf`` (表二's end and 表三's start), rendered at 150 dpi and
degraded by :data:`PICTURE` (:mod:`gov_disclosure.testing.scans`: an office scanner's skew, blur, JPEG and dust, in
colour so that the seal pressed on the table shows red); the picture is its crop from the 表三 heading to the foot
of the table.

``--page-png`` also writes the whole degraded page (what a reader of scans is given: read it and the boxes you get
are in its pixels). ``--marks`` names a JSON list of ``{"box": [x0, y0, x1, y1], "mark": "ok" | "flagged"}``, boxes in
pixels of that whole page (origin top left): each cell read is outlined on the picture, green when its number was
accepted, orange and filled when it was flagged (the "highlighted reading" of the docs page "Scanned reports").
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

import numpy as np
from attrs import evolve
from PIL import Image, ImageDraw

from gov_disclosure.testing.scans import Degradation, degrade, png_bytes, render_pages

ROOT = Path(__file__).resolve().parents[1]
REAL_PDF = ROOT.parent / "shared" / "real" / "huaian-city-2024.pdf"
TARGET = ROOT / "docs" / "images" / "scan-degraded.png"

PAGE = 3
"""Page 4 (from 0): the end of 表二 and the start of 表三."""
PICTURE = evolve(Degradation.SCANNER, dpi=150, greyscale=False, seed=5)
"""An office scan in colour at 150 dpi; seed 5 presses the seal over 表三's numbers (checked by :func:`picture`)."""
CROP_POINTS = (40.0, 330.0, 560.0, 790.0)
"""The crop in PDF points from the page's top left: from the 表三 heading (its top at 339 pt) to below the last row
on this page (771 pt), the table's width."""

Mark = Literal["ok", "flagged"]
Box = tuple[float, float, float, float]
COLOURS: dict[str, tuple[tuple[int, int, int, int], tuple[int, int, int, int] | None]] = {
    "ok": ((0, 150, 60, 255), None),
    "flagged": ((235, 120, 0, 255), (255, 170, 0, 90)),
}
"""Outline and fill of each mark: accepted numbers outlined green, flagged cells outlined and filled orange."""


def scanned_page() -> Image.Image:
    """The whole page as the picture's scanner gives it."""
    return degrade(render_pages(REAL_PDF.read_bytes(), PICTURE.dpi)[PAGE], PICTURE)


def crop_box() -> tuple[int, int, int, int]:
    """:data:`CROP_POINTS` in pixels of the scanned page."""
    scale = PICTURE.dpi / 72
    x0, y0, x1, y1 = (round(v * scale) for v in CROP_POINTS)
    return x0, y0, x1, y1


def highlight(page: Image.Image, marks: Sequence[tuple[Box, Mark]]) -> Image.Image:
    """*page* with each box outlined (and a flagged one filled) in its mark's colour."""
    overlay = Image.new("RGBA", page.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    width = max(2, round(PICTURE.dpi / 75))
    for box, mark in marks:
        outline, fill = COLOURS[mark]
        draw.rectangle(box, outline=outline, fill=fill, width=width)
    return Image.alpha_composite(page.convert("RGBA"), overlay).convert("RGB")


def picture(page: Image.Image, marks: Sequence[tuple[Box, Mark]] = ()) -> Image.Image:
    """The docs picture: the crop of *page* (highlighted with *marks*). ``ValueError`` when the seal missed it."""
    crop = highlight(page, marks).crop(crop_box())
    rgb = np.asarray(crop).astype(np.int16)
    red = (rgb[..., 0] > 150) & (rgb[..., 0] - rgb[..., 1] > 60) & (rgb[..., 0] - rgb[..., 2] > 60)
    if red.sum() < 1000:
        raise ValueError("the seal is not on the cropped table: choose another seed for PICTURE")
    return crop


def read_marks(path: Path) -> list[tuple[Box, Mark]]:
    """The marks of a JSON file: ``[{"box": [x0, y0, x1, y1], "mark": "ok" | "flagged"}, …]``."""
    marks: list[tuple[Box, Mark]] = []
    for entry in json.loads(path.read_text(encoding="utf-8")):
        x0, y0, x1, y1 = (float(v) for v in entry["box"])
        mark = entry["mark"]
        if mark not in COLOURS:
            raise ValueError(f"{path}: a mark is 'ok' or 'flagged', not {mark!r}")
        marks.append(((x0, y0, x1, y1), "ok" if mark == "ok" else "flagged"))
    return marks


def main(argv: Sequence[str] | None = None) -> None:
    """Write the picture (and the whole page, when asked)."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--marks", type=Path, help="a JSON list of cell boxes read, each 'ok' or 'flagged'")
    parser.add_argument("--out", type=Path, default=TARGET)
    parser.add_argument("--page-png", type=Path, help="also write the whole degraded page here")
    args = parser.parse_args(argv)
    page = scanned_page()
    if args.page_png:
        args.page_png.write_bytes(png_bytes(page))
        print(f"wrote {args.page_png}")
    marks = read_marks(args.marks) if args.marks else []
    image = picture(page, marks)
    if not marks:  # the scan alone in 128 colours (a quarter of the bytes); the marks' colours are kept exact
        image = image.quantize(colors=128, dither=Image.Dither.NONE)
    args.out.write_bytes(png_bytes(image))
    print(f"wrote {args.out} ({image.width} × {image.height})")


if __name__ == "__main__":
    main()
