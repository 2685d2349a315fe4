"""Typed errors of the input-form readers: unusable input, never problems in a report's data."""

from __future__ import annotations

from gov_disclosure.errors import GovDisclosureError, MissingDependencyError

__all__ = [
    "ImageInputError",
    "ImageOcrUnavailableError",
    "MissingDependencyError",
    "OcrRequiredError",
    "OcrUnavailableError",
    "ReaderError",
]


class ReaderError(GovDisclosureError, ValueError):
    """An input could not be read in the form it claims to be (a corrupt PDF, a DOCX that is not a zip …)."""


class OcrRequiredError(ReaderError):
    """A PDF has no text layer (a scan): its text must be recognised by OCR before this library can read it."""


class ImageInputError(OcrRequiredError):
    """The input is an image (a scan saved as PNG, JPEG, GIF or TIFF), perhaps named ``.pdf``, that cannot be read:
    the ``ocr`` extra is not installed (:class:`ImageOcrUnavailableError`), the image cannot be decoded, or OCR
    finds no text in it."""


class OcrUnavailableError(OcrRequiredError, MissingDependencyError):
    """A scan must be read by OCR, and the ``ocr`` extra that does it is not installed: the message says how to
    install it (``pip install "gov-disclosure[ocr]"``)."""


class ImageOcrUnavailableError(ImageInputError, OcrUnavailableError):
    """An image must be read by OCR, and the ``ocr`` extra is not installed."""
