"""The built-in input readers of every form: plain text, markdown, HTML, PDF, DOCX, JSON and XLSX.

Text, markdown, HTML, PDF and DOCX readers give a :class:`~gov_disclosure.parsing.document.Document` for a format
adapter to build; the JSON and XLSX readers give the finished reports those files hold
(:mod:`gov_disclosure.serializers.json`, :mod:`gov_disclosure.serializers.xlsx`), each with the findings of
reading it. Every reader is chosen by sniffing the content; a matching file extension only adds to the score.
"""

from __future__ import annotations

import io
from pathlib import PurePath

import attrs
from attrs import field, frozen

from gov_disclosure.formats._protocol import AdapterOutput
from gov_disclosure.formats._registry import register_reader
from gov_disclosure.limits import Limits
from gov_disclosure.model.source import SourceInfo
from gov_disclosure.parsing.document import Document
from gov_disclosure.readers._common import bad_bytes_findings, decode_text, zip_holds
from gov_disclosure.readers.docx import read_docx, sniff_docx
from gov_disclosure.readers.html import read_html, sniff_html
from gov_disclosure.readers.image import image_kind, read_image
from gov_disclosure.readers.pdf import PdfEngine, read_pdf, sniff_pdf

__all__ = [
    "DocxReader",
    "HtmlReader",
    "ImageReader",
    "JsonReader",
    "MarkdownReader",
    "PdfReader",
    "TextReader",
    "XlsxReader",
]

_BINARY = (b"%PDF-", b"PK\x03\x04", b"\xd0\xcf\x11\xe0")


_NAMED_ONLY = 0.15
"""The score of a reader for a file that has its extension but not its content: with the extension's bonus (0.3)
it outbids plain text (0.4), so the reader of the form the file claims to be says what is wrong with it."""


def _named(name: str | None, extensions: tuple[str, ...]) -> bool:
    return name is not None and PurePath(name).suffix.lower() in extensions


def _is_text(data: bytes) -> bool:
    head = data[:2048]
    return not head.lstrip().startswith(_BINARY) and b"\x00" not in head


def _text_document(data: bytes, form: str, path: str | None) -> Document:
    decoded = decode_text(data)
    source = SourceInfo(path=path, form=form)
    return Document(text=decoded.text, form=form, source=source, findings=bad_bytes_findings(decoded))


@register_reader
@frozen
class TextReader:
    """Plain text (UTF-8, UTF-8 with BOM, GB18030): the tables are read from the text itself."""

    name: str = "text"
    extensions: tuple[str, ...] = (".txt", ".text", "")

    def sniff(self, data: bytes, name: str | None) -> float:
        """0.4 for anything that decodes as text (other forms outbid it)."""
        return 0.4 if _is_text(data) else 0.0

    def read(self, data: bytes, *, path: str | None = None) -> Document:
        """The decoded text (a few bad bytes replaced, and reported: ``READ.BAD_BYTES``)."""
        return _text_document(data, "text", path)


@register_reader
@frozen
class MarkdownReader:
    """Markdown (``## 表二`` headings, pipe tables): read as text."""

    name: str = "markdown"
    extensions: tuple[str, ...] = (".md", ".markdown")

    def sniff(self, data: bytes, name: str | None) -> float:
        """0.45 for text with markdown headings or pipe-table rules."""
        if not _is_text(data):
            return 0.0
        head = data[:8192]
        return 0.45 if (b"\n#" in head or head.startswith(b"#")) and b"|" in head else 0.0

    def read(self, data: bytes, *, path: str | None = None) -> Document:
        """The decoded text (a few bad bytes replaced, and reported: ``READ.BAD_BYTES``)."""
        return _text_document(data, "markdown", path)


@register_reader
@frozen
class HtmlReader:
    """Web pages and HTML inside JavaScript (``html`` extra)."""

    name: str = "html"
    extensions: tuple[str, ...] = (".html", ".htm", ".shtml", ".xhtml")
    limits: Limits = field(factory=Limits, kw_only=True)
    """The limits it reads within (:meth:`with_limits`)."""

    def with_limits(self, limits: Limits) -> HtmlReader:
        """This reader, reading within *limits*."""
        return attrs.evolve(self, limits=limits)

    def sniff(self, data: bytes, name: str | None) -> float:
        """By doctype and tags."""
        return sniff_html(data) if _is_text(data) else 0.0

    def read(self, data: bytes, *, path: str | None = None) -> Document:
        """See :func:`gov_disclosure.readers.html.read_html`."""
        return read_html(data, path=path, limits=self.limits)


@register_reader
@frozen
class PdfReader:
    """PDF files with a text layer (``pdf`` extra)."""

    name: str = "pdf"
    extensions: tuple[str, ...] = (".pdf",)
    limits: Limits = field(factory=Limits, kw_only=True)
    """The limits it reads within (:meth:`with_limits`)."""
    engine: PdfEngine = field(default="pdfium", kw_only=True)
    """What reads the characters and ruling lines: ``"pdfium"`` or ``"pdfplumber"`` (the document is the same)."""

    def with_limits(self, limits: Limits) -> PdfReader:
        """This reader, reading within *limits*."""
        return attrs.evolve(self, limits=limits)

    def sniff(self, data: bytes, name: str | None) -> float:
        """By the ``%PDF-`` signature."""
        return sniff_pdf(data)

    def read(self, data: bytes, *, path: str | None = None) -> Document:
        """See :func:`gov_disclosure.readers.pdf.read_pdf`."""
        return read_pdf(data, path=path, limits=self.limits, engine=self.engine)


@register_reader
@frozen
class DocxReader:
    """Word ``.docx`` files (``docx`` extra)."""

    name: str = "docx"
    extensions: tuple[str, ...] = (".docx",)
    limits: Limits = field(factory=Limits, kw_only=True)
    """The limits it reads within (:meth:`with_limits`)."""

    def with_limits(self, limits: Limits) -> DocxReader:
        """This reader, reading within *limits*."""
        return attrs.evolve(self, limits=limits)

    def sniff(self, data: bytes, name: str | None) -> float:
        """A zip holding ``word/document.xml``."""
        return sniff_docx(data) if data.startswith(b"PK") or PurePath(name or "").suffix == ".docx" else 0.0

    def read(self, data: bytes, *, path: str | None = None) -> Document:
        """See :func:`gov_disclosure.readers.docx.read_docx`."""
        return read_docx(data, path=path, limits=self.limits)


@register_reader
@frozen
class JsonReader:
    """JSON documents of this library (:mod:`gov_disclosure.serializers.json`): the report they hold."""

    name: str = "json"
    extensions: tuple[str, ...] = (".json",)
    limits: Limits = field(factory=Limits, kw_only=True)
    """The limits it reads within (:meth:`with_limits`)."""

    def with_limits(self, limits: Limits) -> JsonReader:
        """This reader, reading within *limits*."""
        return attrs.evolve(self, limits=limits)

    def sniff(self, data: bytes, name: str | None) -> float:
        """0.5 for text that opens a JSON object or array; a little for anything named ``.json``, so that such a
        file that is not JSON is reported as a bad JSON document rather than as text that is not a report."""
        head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
        if _is_text(data) and head.startswith((b"{", b"[")):
            return 0.5
        return _NAMED_ONLY if _named(name, self.extensions) else 0.0

    def read(self, data: bytes, *, path: str | None = None) -> tuple[AdapterOutput, ...]:
        """The report and the findings stored with it (:class:`~gov_disclosure.serializers.json.JSONFormatError`
        for a document that does not follow the schema)."""
        from gov_disclosure.serializers.json import loads_with_findings

        return (loads_with_findings(data, limits=self.limits),)


@register_reader
@frozen
class XlsxReader:
    """XLSX workbooks (:mod:`gov_disclosure.serializers.xlsx`): every report they hold, in sheet order."""

    name: str = "xlsx"
    extensions: tuple[str, ...] = (".xlsx",)
    limits: Limits = field(factory=Limits, kw_only=True)
    """The limits it reads within (:meth:`with_limits`)."""

    def with_limits(self, limits: Limits) -> XlsxReader:
        """This reader, reading within *limits*."""
        return attrs.evolve(self, limits=limits)

    def sniff(self, data: bytes, name: str | None) -> float:
        """A zip holding ``xl/workbook.xml``; a little for anything named ``.xlsx``, so that such a file that is
        not a workbook is reported as such."""
        return zip_holds(data, "xl/workbook.xml") or (_NAMED_ONLY if _named(name, self.extensions) else 0.0)

    def read(self, data: bytes, *, path: str | None = None) -> tuple[AdapterOutput, ...]:
        """Each report with the findings of reading it; the workbook's own findings go with the first."""
        from gov_disclosure.serializers.xlsx import read_xlsx

        reading = read_xlsx(io.BytesIO(data), limits=self.limits)
        items = [(item.report, item.findings) for item in reading.items]
        first, first_findings = items[0]
        items[0] = (first, (*reading.findings, *first_findings))
        return tuple(items)


@register_reader
@frozen
class ImageReader:
    """Images (a scan saved as PNG, JPEG, GIF or TIFF, often renamed ``.pdf``), read by OCR (``ocr`` extra; without
    it refused, saying which extra reads them: :class:`~gov_disclosure.readers.errors.ImageOcrUnavailableError`).
    No extension: a folder's images are not picked up."""

    name: str = "image"
    extensions: tuple[str, ...] = ()

    def sniff(self, data: bytes, name: str | None) -> float:
        """0.9 for an image signature: above any reader chosen by the file's name alone."""
        return 0.9 if image_kind(data) else 0.0

    def read(self, data: bytes, *, path: str | None = None) -> Document:
        """See :func:`gov_disclosure.readers.image.read_image`."""
        return read_image(data, path=path)
