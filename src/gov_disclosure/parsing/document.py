"""The :class:`Document`: what every input reader produces for a report that is not yet a ``Report``.

An input reader (plain text, markdown, HTML, PDF, DOCX …) turns its input into a :class:`Document`: the text as
printed, in reading order, plus — where the form knows cell boundaries — its tables as :class:`RawTable` grids,
and where it came from. Nothing is interpreted there: labels are not matched, numbers are not parsed, blanks are
kept as empty cells.

The views every later step needs — the normalised text, its lines with offsets, the title (agency and year), the
labels that tell the format — are derived from the text once, when first asked, and kept **on the instance**
(as :mod:`packaging.metadata` keeps what it parsed), never in a module-level memo: a ``Document`` read twice is
not normalised twice, and two documents never share a cache.

>>> doc = Document.from_text("某局2022年政府信息公开工作年度报告\\n信息内容\\t本年制发件数\\n")
>>> doc.title.agency, doc.title.year, doc.evidence.version, doc.is_report
('某局', 2022, '2021', True)
>>> doc.normalized is doc.normalized  # derived once
True
"""

from __future__ import annotations

from functools import cached_property

from attrs import field, frozen

from gov_disclosure.findings import Finding
from gov_disclosure.model.source import SourceInfo
from gov_disclosure.parsing.detect import FormatEvidence, Title, detect_format, find_title, looks_like_report
from gov_disclosure.parsing.grids import RawCell, RawRow, RawTable
from gov_disclosure.parsing.lines import TextLine, text_rows
from gov_disclosure.parsing.normalize import HalfWidthForm, half_width_form, normalize_text

__all__ = ["Document", "RawCell", "RawRow", "RawTable"]


@frozen(kw_only=True)
class Document:
    """A report as extracted from one input, before interpretation, with its derived views."""

    text: str
    """The whole document as printed, in reading order (narrative and, for text forms, the tables). Offsets of
    narrative facts and sections are offsets into this text."""
    grids: tuple[RawTable, ...] = ()
    """Tables with known cell boundaries; empty for plain text, where the tables are read from ``text``."""
    form: str = "text"
    """Input form: ``"text"``, ``"markdown"``, ``"html"``, ``"pdf"``, ``"docx"`` …"""
    source: SourceInfo | None = field(default=None, eq=False)
    """Where the document came from (path, URL, the reader)."""
    findings: tuple[Finding, ...] = field(default=(), eq=False)
    """What the reader found wrong with the input itself (bytes it could not decode), reported with the report's
    findings."""

    @classmethod
    def from_text(cls, text: str, *, form: str = "text", source: SourceInfo | None = None) -> Document:
        """A document that is text only (plain text, markdown, crawler text)."""
        return cls(text=text, form=form, source=source)

    @property
    def path(self) -> str | None:
        """The file the document was read from, if known."""
        return self.source.path if self.source is not None else None

    @cached_property
    def normalized(self) -> str:
        """The text in the one canonical form the readers match against (:func:`normalize_text`)."""
        return normalize_text(self.text, form=self.half_width)

    @cached_property
    def half_width(self) -> HalfWidthForm:
        """The text with full-width ASCII forms made half-width, whether that is NFKC-normalised, and whether
        ``\\n`` is its only line break (:func:`~gov_disclosure.parsing.normalize.half_width_form`): what the
        narrative readers work on, offset for offset the text as printed."""
        return half_width_form(self.text)

    @cached_property
    def lines(self) -> tuple[TextLine, ...]:
        """The non-empty lines of :attr:`normalized`, with their offsets (:func:`text_rows`)."""
        return tuple(text_rows(self.normalized, path=self.path))

    @cached_property
    def title(self) -> Title | None:
        """The report's title, agency and year (:func:`find_title`), None when there is none."""
        return find_title(self.normalized, nfkc=True)

    @cached_property
    def evidence(self) -> FormatEvidence:
        """The table labels that tell the format version (:func:`detect_format`)."""
        return detect_format(self.normalized)

    @cached_property
    def is_report(self) -> bool:
        """True when the text is a 政府信息公开工作年度报告 (title, section heading or table labels), or the
        document has grids."""
        return bool(self.grids) or looks_like_report(self.normalized, title=self.title, evidence=self.evidence)
