"""Images (a scan saved as PNG, JPEG, GIF or TIFF, often renamed ``.pdf``): recognised by their signature and read
by OCR (:mod:`gov_disclosure.ocr`, the ``ocr`` extra).

Without the extra, an image is refused with a message that says what the file is and which extra reads it
(:class:`~gov_disclosure.readers.errors.ImageOcrUnavailableError`), rather than a PDF or text reader's confusing
error; an image that cannot be decoded, or in which OCR finds no text, raises
:class:`~gov_disclosure.readers.errors.ImageInputError` saying so.

>>> image_kind(b"\\x89PNG\\r\\n\\x1a\\n...."), image_kind(b"%PDF-1.7")
('PNG', None)
>>> describe_image(b"\\xff\\xd8\\xff\\xe0....", path="scan.pdf")
'an image (JPEG), not a PDF'
"""

from __future__ import annotations

from pathlib import PurePath

from gov_disclosure.parsing.document import Document

__all__ = ["IMAGE_SIGNATURES", "describe_image", "image_kind", "read_image"]

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


def describe_image(data: bytes, *, path: str | None = None) -> str:
    """What *data* is and, when its name claims another form, what it is not."""
    kind = image_kind(data) or "unknown"
    claimed = _CLAIMED.get(PurePath(path or "").suffix.lower())
    return f"an image ({kind})" + (f", not {claimed}" if claimed else "")


def read_image(data: bytes, *, path: str | None = None) -> Document:
    """The document in the image *data* read by OCR (:func:`gov_disclosure.ocr.read.read_image_file`)."""
    from gov_disclosure.ocr.read import read_image_file

    return read_image_file(data, path=path, kind=image_kind(data) or "image", what=describe_image(data, path=path))
