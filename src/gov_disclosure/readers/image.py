"""Images (a scan saved as PNG, JPEG, GIF or TIFF, often renamed ``.pdf``): recognised by their signature and
refused with a message that says what the file is, rather than a PDF or text reader's confusing error.

Reading a scanned report needs OCR, which this library does not do (yet); a third-party reader that does can
outbid this one (:func:`~gov_disclosure.formats.register_reader`, a sniff score above 0.9).

>>> image_kind(b"\\x89PNG\\r\\n\\x1a\\n...."), image_kind(b"%PDF-1.7")
('PNG', None)
>>> refuse_image(b"\\xff\\xd8\\xff\\xe0....", path="scan.pdf")
Traceback (most recent call last):
...
gov_disclosure.readers.errors.ImageInputError: scan.pdf: an image (JPEG), not a PDF: OCR is not supported yet
"""

from __future__ import annotations

from pathlib import PurePath
from typing import NoReturn

from gov_disclosure.readers.errors import ImageInputError

__all__ = ["IMAGE_SIGNATURES", "image_kind", "refuse_image"]

IMAGE_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
)
"""The first bytes of each image form, and its name."""

_CLAIMED = {".pdf": "a PDF", ".docx": "a Word file", ".xlsx": "a workbook", ".html": "a web page", ".htm": "a web page"}


def image_kind(data: bytes) -> str | None:
    """The name of the image form *data* starts with (``PNG`` …), None when it is not an image."""
    return next((kind for signature, kind in IMAGE_SIGNATURES if data.startswith(signature)), None)


def refuse_image(data: bytes, *, path: str | None = None) -> NoReturn:
    """Raise :class:`~gov_disclosure.readers.errors.ImageInputError` saying what *data* is and what its name claims."""
    claimed = _CLAIMED.get(PurePath(path or "").suffix.lower(), "a report document")
    where = f"{path}: " if path else ""
    raise ImageInputError(f"{where}an image ({image_kind(data) or 'unknown'}), not {claimed}: OCR is not supported yet")
