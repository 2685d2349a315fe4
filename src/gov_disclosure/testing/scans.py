"""Test scans: report pages rendered to images and degraded as a scanner or a phone camera would (issue 17).

Many offices publish a printed, stamped copy of their report, scanned or photographed: a PDF of page images with
no text layer. To test a reader of such files against pages whose every number is known, this module makes them
from PDFs that do have text (a real report with its truth file, or a generated report):

* :func:`render_pages` renders each page with pypdfium2 (the ``pdf`` extra) at a resolution in dots per inch;
* :func:`degrade` applies a :class:`Degradation` — greyscale, a small skew, blur, JPEG compression, speckle noise and
  a red seal stamped over part of a table — deterministically for the degradation's seed;
* :func:`scan_pages` does both; :func:`image_pdf` binds the images into a PDF without a text layer (what a scanner
  writes), :func:`scan_pdf` is the two in one, :func:`png_bytes` gives one page as a PNG file.

The Hypothesis strategy :func:`~gov_disclosure.testing.degradations` draws degradations within the bounds a reader
of scans must survive (issue 17: 150–300 dpi, a rotation of at most ±1.5° …).

Needs Pillow and numpy (the ``testing`` extra) and, to render, pypdfium2 (the ``pdf`` extra).

>>> from gov_disclosure.testing.scans import Degradation, degrade
>>> from PIL import Image
>>> page = Image.new("RGB", (400, 300), "white")
>>> scanned = degrade(page, Degradation.MILD)
>>> scanned.mode, scanned.size
('L', (400, 300))
>>> degrade(page, Degradation.MILD).tobytes() == scanned.tobytes()
True
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from typing import Any, ClassVar

import numpy as np
from attrs import evolve, field, frozen, validators
from PIL import Image, ImageChops, ImageDraw, ImageFilter

__all__ = [
    "Degradation",
    "degrade",
    "image_pdf",
    "png_bytes",
    "render_pages",
    "scan_pages",
    "scan_pdf",
]

PDF_POINTS_PER_INCH = 72
"""A PDF page's unit: the point, 1/72 inch."""

SEAL_DIAMETER_MM = 42
"""An official seal (公章) of a government office is a circle 42 mm across (GB/T 6700 … the state's seal rules)."""

PAPER = (255, 255, 255)
SEAL_INK = (215, 30, 40)
"""The red of seal ink (印泥), as a scanner sees it on white paper."""


def _dpi(_: object, attribute: Any, value: int) -> None:
    if not 50 <= value <= 1200:
        raise ValueError(f"{attribute.name} must be between 50 and 1200 dots per inch, not {value}")


@frozen
class Degradation:
    """How a page is spoiled on its way from the printer to a scan: each field is one of the ways.

    ``dpi``
        the resolution the page is rendered (scanned) at, in dots per inch: office scanners use 200–300, a phone
        photo of an A4 page holds about 150;
    ``greyscale``
        the scan is greyscale (8 bits): the seal's red becomes a mid grey over the numbers it covers;
    ``rotation_degrees``
        the page lay askew on the glass (or the phone was held askew): the image is turned by this angle,
        counter-clockwise when positive (as :meth:`PIL.Image.Image.rotate`), about its centre, the corners filled
        with paper; the image keeps its size;
    ``blur_radius``
        the optics out of focus (phone) or the scanner's soft lens: a Gaussian blur of this radius in pixels;
    ``jpeg_quality``
        the image saved as JPEG at this quality (1–95: the blocks and ringing around strokes), or ``None``;
    ``speckle``
        dust on the glass and toner specks: this fraction of the pixels set at random to black or white;
    ``shading``
        uneven light (a phone photo: one side darker): the page dimmed linearly across, by up to this fraction;
    ``stamp``
        the office's red seal (公章), semi-transparent ink with strokes like the seal's characters, pressed over
        part of a table (placed from ``seed``): the numbers beneath it must still be read;
    ``seed``
        the seed of every random choice (the speckles, the seal's place and ink): the same degradation of the same
        image gives the same pixels.

    Presets: :attr:`MILD` (the issue's benchmark: a good scan), :attr:`SCANNER` (an office scanner at 300 dpi,
    stamped), :attr:`PHONE` (a colour phone photo: low resolution, blur, uneven light, strong JPEG).
    """

    dpi: int = field(default=200, validator=_dpi)
    greyscale: bool = True
    rotation_degrees: float = field(default=0.0, validator=[validators.ge(-45.0), validators.le(45.0)])
    blur_radius: float = field(default=0.0, validator=validators.ge(0.0))
    jpeg_quality: int | None = field(default=None, validator=validators.optional([validators.ge(1), validators.le(95)]))
    speckle: float = field(default=0.0, validator=[validators.ge(0.0), validators.le(0.5)])
    shading: float = field(default=0.0, validator=[validators.ge(0.0), validators.le(0.8)])
    stamp: bool = False
    seed: int = 0

    MILD: ClassVar[Degradation]
    """A good office scan (issue 17's benchmark): 200 dpi greyscale, 0.5° askew, a light blur, JPEG at 85."""
    SCANNER: ClassVar[Degradation]
    """A stamped copy through an office scanner: 300 dpi greyscale, −1° askew, soft, JPEG at 75, a little dust."""
    PHONE: ClassVar[Degradation]
    """A phone photo of a stamped copy: 150 dpi in colour, 1.5° askew, blurred, one side darker, JPEG at 60."""

    def with_seed(self, seed: int) -> Degradation:
        """The same degradation with another seed (another place for the seal, other speckles)."""
        return evolve(self, seed=seed)


Degradation.MILD = Degradation(dpi=200, greyscale=True, rotation_degrees=0.5, blur_radius=0.6, jpeg_quality=85)
Degradation.SCANNER = Degradation(
    dpi=300, greyscale=True, rotation_degrees=-1.0, blur_radius=0.8, jpeg_quality=75, speckle=0.0005, stamp=True
)
Degradation.PHONE = Degradation(
    dpi=150,
    greyscale=False,
    rotation_degrees=1.5,
    blur_radius=1.2,
    jpeg_quality=60,
    speckle=0.0002,
    shading=0.3,
    stamp=True,
)


def render_pages(pdf: bytes, dpi: int) -> list[Image.Image]:
    """Every page of *pdf* rendered by pypdfium2 at *dpi* dots per inch, as RGB images (an A4 page at 200 dpi is
    1654 × 2339 pixels)."""
    from gov_disclosure.readers._common import require

    pdfium: Any = require("pypdfium2", form="PDF pages as images", extra="pdf")
    document = pdfium.PdfDocument(pdf)
    try:
        images = []
        for index in range(len(document)):
            page = document[index]
            bitmap = page.render(scale=dpi / PDF_POINTS_PER_INCH)
            images.append(bitmap.to_pil().convert("RGB"))
            page.close()
        return images
    finally:
        document.close()


def degrade(image: Image.Image, degradation: Degradation) -> Image.Image:
    """*image* (a page rendered at ``degradation.dpi``) as the scanner or the phone of *degradation* would give it:
    the seal pressed on the paper first, then the skew, the light, the optics, the sensor and the file format.
    The same image and degradation always give the same pixels."""
    rng = np.random.default_rng(degradation.seed)
    page = image.convert("RGB")
    if degradation.stamp:
        page = _stamp(page, degradation.dpi, rng)
    if degradation.rotation_degrees:
        page = page.rotate(
            degradation.rotation_degrees, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=PAPER
        )
    if degradation.shading:
        page = _shade(page, degradation.shading)
    if degradation.blur_radius:
        page = page.filter(ImageFilter.GaussianBlur(degradation.blur_radius))
    if degradation.greyscale:
        page = page.convert("L")
    if degradation.speckle:
        page = _speckle(page, degradation.speckle, rng)
    if degradation.jpeg_quality is not None:
        buffer = io.BytesIO()
        page.save(buffer, "JPEG", quality=degradation.jpeg_quality)
        page = Image.open(io.BytesIO(buffer.getvalue()))
        page.load()
    return page


def scan_pages(pdf: bytes, degradation: Degradation) -> list[Image.Image]:
    """Every page of *pdf* rendered at ``degradation.dpi`` and degraded; page *i* uses the seed
    ``degradation.seed + i`` (each page's seal and speckles differ, the whole is still deterministic)."""
    return [
        degrade(page, degradation.with_seed(degradation.seed + index))
        for index, page in enumerate(render_pages(pdf, degradation.dpi))
    ]


def image_pdf(images: Sequence[Image.Image], dpi: int) -> bytes:
    """A PDF of one page per image, each page the image alone at *dpi* (so an A4 scan makes an A4 page): no text
    layer, as a scanner writes it. The images are embedded as JPEG at quality 95, as scanners embed them (the
    degradation's own JPEG quality is the loss that counts)."""
    if not images:
        raise ValueError("a PDF needs at least one page image")
    first, *rest = (image if image.mode in ("L", "RGB") else image.convert("RGB") for image in images)
    buffer = io.BytesIO()
    first.save(buffer, "PDF", save_all=True, append_images=rest, resolution=float(dpi), quality=95)
    return buffer.getvalue()


def scan_pdf(pdf: bytes, degradation: Degradation) -> bytes:
    """*pdf* as a scanned copy: :func:`scan_pages` bound by :func:`image_pdf` (an image-only PDF)."""
    return image_pdf(scan_pages(pdf, degradation), degradation.dpi)


def png_bytes(image: Image.Image) -> bytes:
    """*image* as a PNG file (lossless: what a web page's table picture or a screenshot holds)."""
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def _ruled_rows(image: Image.Image) -> np.ndarray[Any, np.dtype[np.intp]]:
    """The pixel rows of *image* crossed by a long dark horizontal line (a table's rulings): dark over at least
    40 % of the width."""
    dark = np.asarray(image.convert("L")) < 128
    return np.flatnonzero(dark.mean(axis=1) >= 0.4)


def _seal_centre(image: Image.Image, radius: int, rng: np.random.Generator) -> tuple[int, int]:
    """Where the seal is pressed: on a table when the page has one (a point between its first and last rulings,
    in the right half, where the numbers are), else in the lower right, where a report is signed."""
    width, height = image.size
    rows = _ruled_rows(image)
    if rows.size >= 2:
        top, bottom = int(rows[0]), int(rows[-1])
    else:
        top, bottom = height // 2, height - radius
    x = int(rng.integers(width // 2, max(width // 2 + 1, width - radius)))
    y = int(rng.integers(top, max(top + 1, bottom)))
    return x, y


def _stamp(page: Image.Image, dpi: int, rng: np.random.Generator) -> Image.Image:
    """*page* with a red seal pressed on it: a ring, a star, an arc of character-like strokes along the ring and a
    bar of them under the star, in semi-transparent ink that took unevenly (the ink multiplies with the paper:
    black print under the seal stays black)."""
    radius = round(SEAL_DIAMETER_MM / 25.4 * dpi / 2)
    cx, cy = _seal_centre(page, radius, rng)
    ink = Image.new("L", page.size, 0)
    draw = ImageDraw.Draw(ink)
    ring = max(2, radius // 22)
    draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), outline=255, width=ring)
    star = radius // 4
    points = [
        (
            cx + (star if k % 2 == 0 else star * 0.4) * math.sin(math.pi * k / 5),
            cy - (star if k % 2 == 0 else star * 0.4) * math.cos(math.pi * k / 5),
        )
        for k in range(10)
    ]
    draw.polygon(points, fill=255)
    stroke = max(1, radius // 40)
    glyph = radius // 7
    for k in range(14):  # the office's name along the ring, from about 8 o'clock to 4 o'clock over the top
        angle = math.radians(-120 + k * 240 / 13)
        gx = cx + (radius - ring - glyph) * math.sin(angle)
        gy = cy - (radius - ring - glyph) * math.cos(angle)
        _glyph(draw, gx, gy, glyph, stroke, rng)
    for k in range(5):  # a line of characters under the star (专用章 …)
        _glyph(draw, cx + (k - 2) * glyph * 1.3, cy + radius * 0.5, glyph, stroke, rng)
    patches = rng.uniform(0.5, 0.8, size=(page.height // 8 + 1, page.width // 8 + 1))
    opacity = Image.fromarray((patches * 255).astype(np.uint8)).resize(page.size, Image.Resampling.BILINEAR)
    alpha = ImageChops.multiply(ink, opacity)
    red = Image.new("RGB", page.size, SEAL_INK)
    tinted = Image.composite(red, Image.new("RGB", page.size, PAPER), alpha)
    return ImageChops.multiply(page, tinted)


def _glyph(draw: ImageDraw.ImageDraw, x: float, y: float, size: int, stroke: int, rng: np.random.Generator) -> None:
    """Three to five strokes inside a square of *size* centred on (*x*, *y*): horizontal, vertical and slanted, as
    a seal's characters look when they cannot be read."""
    half = size / 2
    for _ in range(int(rng.integers(3, 6))):
        kind = int(rng.integers(0, 3))
        a, b = rng.uniform(-half, half, size=2)
        if kind == 0:
            draw.line((x - half, y + a, x + half, y + a), fill=255, width=stroke)
        elif kind == 1:
            draw.line((x + a, y - half, x + a, y + half), fill=255, width=stroke)
        else:
            draw.line((x + a, y - half, x + b, y + half), fill=255, width=stroke)


def _shade(page: Image.Image, strength: float) -> Image.Image:
    """*page* lit unevenly: full light on the left, dimmed by *strength* on the right (a phone's shadow)."""
    width, height = page.size
    ramp = np.linspace(1.0, 1.0 - strength, width, dtype=np.float32)
    light = Image.fromarray(np.broadcast_to(ramp * 255, (height, width)).astype(np.uint8))
    return ImageChops.multiply(page, Image.merge("RGB", (light, light, light)))


def _speckle(page: Image.Image, fraction: float, rng: np.random.Generator) -> Image.Image:
    """*page* with *fraction* of its pixels set to black or white at random (dust, toner specks)."""
    pixels = np.array(page)
    flat = pixels.reshape(pixels.shape[0] * pixels.shape[1], -1)
    count = round(fraction * flat.shape[0])
    chosen = rng.choice(flat.shape[0], size=count, replace=False)
    flat[chosen] = np.where(rng.random(count) < 0.5, 0, 255)[:, None]
    return Image.fromarray(pixels)
