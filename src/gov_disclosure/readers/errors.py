"""Typed errors of the input-form readers: unusable input, never problems in a report's data."""

from __future__ import annotations

from gov_disclosure.errors import GovDisclosureError

__all__ = ["MissingDependencyError", "OcrRequiredError", "ReaderError"]


class ReaderError(GovDisclosureError, ValueError):
    """An input could not be read in the form it claims to be (a corrupt PDF, a DOCX that is not a zip …)."""


class MissingDependencyError(GovDisclosureError, ImportError):
    """Reading this input form needs an optional extra that is not installed.

    ``extra`` names it: ``pip install "gov-disclosure[pdf]"``.
    """

    def __init__(self, form: str, module: str, extra: str) -> None:
        super().__init__(
            f"reading {form} input needs the {module!r} package: pip install \"gov-disclosure[{extra}]\""
        )
        self.form = form
        self.module = module
        self.extra = extra


class OcrRequiredError(ReaderError):
    """A PDF has no text layer (a scan): its text must be recognised by OCR before this library can read it."""
