"""The forms a real report reaches a user in: the file itself and, for a PDF, its text as common extractors give it.

Many users hold not a published PDF but the text some tool extracted from it. :func:`report_forms` lists, for a
report file, every form this library is measured on (:mod:`gov_disclosure.testing.truth`):

========================  =====================================================================================
form                      what is read
========================  =====================================================================================
the file's form           the file through :func:`gov_disclosure.loader.load` (``text``, ``html``, ``pdf`` …)
``pypdf``                 ``PdfReader(path).pages[i].extract_text()``, pages joined by a line break
``pdfplumber``            ``pdf.pages[i].extract_text()``
``pdfplumber-layout``     ``pdf.pages[i].extract_text(layout=True)``
``pdfminer``              ``pdfminer.high_level.extract_text(path)``
========================  =====================================================================================

The extractor texts are made when a form is read, never stored; the extractors (``pypdf``, ``pdfplumber``,
``pdfminer.six``) are imported then, and a missing one raises
:class:`~gov_disclosure.errors.MissingDependencyError` (they are in the ``dev`` extra).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from attrs import frozen

from gov_disclosure.loader import ReadResult, load, read_text
from gov_disclosure.model.source import SourceInfo
from gov_disclosure.readers._common import require

__all__ = ["PDF_EXTRACTORS", "ReportForm", "extract_text", "report_forms"]


def _pypdf(path: Path) -> str:
    pypdf: Any = require("pypdf", form="PDF text by pypdf", extra="dev")
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(str(path)).pages)


def _pdfplumber(path: Path, *, layout: bool) -> str:
    pdfplumber: Any = require("pdfplumber", form="PDF text by pdfplumber", extra="pdf")
    with pdfplumber.open(str(path)) as pdf:
        return "\n".join(page.extract_text(layout=layout) or "" for page in pdf.pages)


def _pdfminer(path: Path) -> str:
    high_level: Any = require("pdfminer.high_level", form="PDF text by pdfminer.six", extra="dev")
    return str(high_level.extract_text(str(path)))


PDF_EXTRACTORS: dict[str, Callable[[Path], str]] = {
    "pypdf": _pypdf,
    "pdfplumber": lambda path: _pdfplumber(path, layout=False),
    "pdfplumber-layout": lambda path: _pdfplumber(path, layout=True),
    "pdfminer": _pdfminer,
}
"""The text extractors a PDF is also read through, by form name."""


def extract_text(path: str | Path, extractor: str) -> str:
    """The text of the PDF at *path* as *extractor* (a key of :data:`PDF_EXTRACTORS`) gives it."""
    return PDF_EXTRACTORS[extractor](Path(path))


@frozen
class ReportForm:
    """One form of a report file: the file itself, or its text by one extractor."""

    path: Path
    name: str
    """``"file"`` for the file itself, else the extractor's name."""

    def read(self) -> ReadResult:
        """The report read from this form."""
        if self.name == "file":
            return load(self.path)
        text = extract_text(self.path, self.name)
        return read_text(text, source=SourceInfo(path=f"{self.path}#{self.name}", form="text"))

    def __str__(self) -> str:
        return f"{self.path.name}:{self.name}"


def report_forms(path: str | Path) -> tuple[ReportForm, ...]:
    """The file at *path* and, for a PDF, its text by each of :data:`PDF_EXTRACTORS`.

    >>> [form.name for form in report_forms("huaian.pdf")]
    ['file', 'pypdf', 'pdfplumber', 'pdfplumber-layout', 'pdfminer']
    >>> [str(form) for form in report_forms("pingtan-2021.txt")]
    ['pingtan-2021.txt:file']
    """
    path = Path(path)
    extractors = tuple(PDF_EXTRACTORS) if path.suffix.lower() == ".pdf" else ()
    return tuple(ReportForm(path, name) for name in ("file", *extractors))
