"""The OCR engine: RapidOCR's PP-OCRv4 models in ONNX (the ``ocr`` extra), loaded once per process.

The models ship inside the ``rapidocr-onnxruntime`` wheel: nothing is downloaded when a scan is read.
"""

from __future__ import annotations

import functools
import importlib.util
from typing import Any

from gov_disclosure.ocr.recognize import Recognizer
from gov_disclosure.readers.errors import ImageOcrUnavailableError, OcrUnavailableError

__all__ = ["OCR_MODULE", "Engine", "ocr_available", "ocr_engine"]

OCR_MODULE = "rapidocr_onnxruntime"
"""The package of the ``ocr`` extra."""


class Engine:
    """RapidOCR's whole-page text detection, and its recognition model run on single lines."""

    def __init__(self, rapid: Any) -> None:
        self.detect = rapid.text_det
        self.recognizer = Recognizer(rapid)


def ocr_available() -> bool:
    """True when the ``ocr`` extra is installed (its package is found; nothing is imported)."""
    return importlib.util.find_spec(OCR_MODULE) is not None


def ocr_engine(what: str = "a scanned PDF", *, image: bool = False) -> Engine:
    """The process's OCR engine. When the ``ocr`` extra is not installed, raises
    :class:`~gov_disclosure.readers.errors.OcrUnavailableError` (a
    :class:`~gov_disclosure.errors.MissingDependencyError` naming the extra), or for an *image*
    :class:`~gov_disclosure.readers.errors.ImageOcrUnavailableError`; *what* says what was to be read."""
    try:
        return _loaded()
    except ImportError as error:
        unavailable = ImageOcrUnavailableError if image else OcrUnavailableError
        detail = "" if isinstance(error, ModuleNotFoundError) else f" ({error})"  # e.g. OpenCV without libGL
        raise unavailable(what, OCR_MODULE, "ocr", purpose=f"reading {what} by OCR{detail}") from error


@functools.cache
def _loaded() -> Engine:
    """The engine, its three models loaded once (about half a second)."""
    import logging

    from rapidocr_onnxruntime import RapidOCR

    rapid = RapidOCR()
    for name in ("OrtInferSession", "RapidOCR"):  # the package logs at DEBUG to stderr
        logging.getLogger(name).setLevel(logging.WARNING)
    return Engine(rapid)
