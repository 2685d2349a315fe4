"""The built-in input readers: plain text, markdown, HTML, PDF and DOCX (registered with the adapter registry).

XLSX workbooks are read by :mod:`gov_disclosure.serializers.xlsx`; JSON documents by the loader.
"""

from __future__ import annotations

from pathlib import PurePath

from attrs import frozen

from gov_disclosure.formats._registry import register_reader
from gov_disclosure.model.source import SourceInfo
from gov_disclosure.parsing.document import Document
from gov_disclosure.readers._common import decode_bytes
from gov_disclosure.readers.docx import read_docx, sniff_docx
from gov_disclosure.readers.html import read_html, sniff_html
from gov_disclosure.readers.pdf import read_pdf, sniff_pdf

__all__ = ["DocxReader", "HtmlReader", "MarkdownReader", "PdfReader", "TextReader"]

_BINARY = (b"%PDF-", b"PK\x03\x04", b"\xd0\xcf\x11\xe0")


def _is_text(data: bytes) -> bool:
    head = data[:2048]
    return not head.lstrip().startswith(_BINARY) and b"\x00" not in head


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
        """The decoded text."""
        return Document(text=decode_bytes(data), form="text", source=SourceInfo(path=path, form="text"))


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
        """The decoded text."""
        return Document(text=decode_bytes(data), form="markdown", source=SourceInfo(path=path, form="markdown"))


@register_reader
@frozen
class HtmlReader:
    """Web pages and HTML inside JavaScript (``html`` extra)."""

    name: str = "html"
    extensions: tuple[str, ...] = (".html", ".htm", ".shtml", ".xhtml")

    def sniff(self, data: bytes, name: str | None) -> float:
        """By doctype and tags."""
        return sniff_html(data) if _is_text(data) else 0.0

    def read(self, data: bytes, *, path: str | None = None) -> Document:
        """See :func:`gov_disclosure.readers.html.read_html`."""
        return read_html(data, path=path)


@register_reader
@frozen
class PdfReader:
    """PDF files with a text layer (``pdf`` extra)."""

    name: str = "pdf"
    extensions: tuple[str, ...] = (".pdf",)

    def sniff(self, data: bytes, name: str | None) -> float:
        """By the ``%PDF-`` signature."""
        return sniff_pdf(data)

    def read(self, data: bytes, *, path: str | None = None) -> Document:
        """See :func:`gov_disclosure.readers.pdf.read_pdf`."""
        return read_pdf(data, path=path)


@register_reader
@frozen
class DocxReader:
    """Word ``.docx`` files (``docx`` extra)."""

    name: str = "docx"
    extensions: tuple[str, ...] = (".docx",)

    def sniff(self, data: bytes, name: str | None) -> float:
        """A zip holding ``word/document.xml``."""
        return sniff_docx(data) if data.startswith(b"PK") or PurePath(name or "").suffix == ".docx" else 0.0

    def read(self, data: bytes, *, path: str | None = None) -> Document:
        """See :func:`gov_disclosure.readers.docx.read_docx`."""
        return read_docx(data, path=path)
