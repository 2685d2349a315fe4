"""The contract of the two kinds of adapters contributors add (model-codebases.md item 10).

* An :class:`InputReader` turns the bytes of one input form (text, markdown, HTML, PDF, DOCX …) into the common
  intermediate form, a :class:`~gov_disclosure.parsing.document.Document`, and never interprets the report — or,
  for forms that hold finished reports (JSON documents, XLSX workbooks), into those reports with the findings of
  reading them (:data:`ReaderOutput`).
* A :class:`FormatAdapter` knows one national format version (``"2019"`` 试行, ``"2021"``) or a variant of one
  (a province's annotated template): how to recognise it in a ``Document``, its table layouts and labels, and
  how to build the :class:`~gov_disclosure.model.Report` with the findings of reading it.

Both are structural :class:`typing.Protocol` types: any object with these attributes and methods qualifies, no
base class is needed. The loader never trusts what a third-party adapter returns: it checks the types and re-runs the
model's validators (:mod:`gov_disclosure.formats._registry`); it validates every report once, in its one ``finish``
step (:mod:`gov_disclosure.loader`): adapters never validate.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from gov_disclosure.findings import Finding
from gov_disclosure.limits import Limits
from gov_disclosure.model.layout import TableSpec
from gov_disclosure.model.report import Report
from gov_disclosure.parsing.document import Document

__all__ = ["AdapterOutput", "FormatAdapter", "InputReader", "LimitedReader", "ReaderOutput"]

AdapterOutput = tuple[Report, tuple[Finding, ...]]
"""What :meth:`FormatAdapter.build` returns: the report and the findings of reading it (not of validating it)."""

ReaderOutput = Document | tuple[AdapterOutput, ...]
"""What :meth:`InputReader.read` returns: a :class:`Document` for a format adapter to build, or (JSON, XLSX) the
finished reports it holds, each with the findings of reading it, in order."""


@runtime_checkable
class InputReader(Protocol):
    """Reads one input form into a :class:`~gov_disclosure.parsing.document.Document`."""

    @property
    def name(self) -> str:
        """Unique name of the reader, e.g. ``"pdf"`` (a third-party reader with a built-in's name replaces it)."""
        ...

    @property
    def extensions(self) -> tuple[str, ...]:
        """File extensions (lower case, with the dot) this reader is the default for, e.g. ``(".pdf",)``."""
        ...

    def sniff(self, data: bytes, name: str | None) -> float:
        """Confidence in ``[0, 1]`` that *data* (the whole input; *name* is its file name if any) is this form."""
        ...

    def read(self, data: bytes, *, path: str | None = None) -> ReaderOutput:
        """The document (or reports); raises a :class:`~gov_disclosure.errors.GovDisclosureError` subclass for
        unusable input."""
        ...


@runtime_checkable
class LimitedReader(Protocol):
    """An :class:`InputReader` that keeps to :class:`~gov_disclosure.limits.Limits` (optional: the loader checks
    the input's size for every reader, and hands the limits to a reader that has this method)."""

    def with_limits(self, limits: Limits) -> InputReader:
        """This reader, reading within *limits*."""
        ...


@runtime_checkable
class FormatAdapter(Protocol):
    """Builds the report of one format version (or variant) from a ``Document``."""

    @property
    def name(self) -> str:
        """Unique name, e.g. ``"2021"`` or ``"hubei-2020"`` (a third-party adapter with a built-in's name wins)."""
        ...

    @property
    def tables(self) -> tuple[TableSpec, ...]:
        """The table layouts with their official labels (from :mod:`gov_disclosure.model.layout` or your own)."""
        ...

    def recognise(self, document: Document) -> float:
        """Confidence in ``[0, 1]`` that *document* is a report in this format (from table labels, not citations)."""
        ...

    def build(self, document: Document) -> AdapterOutput:
        """The report and the findings of reading it; data problems are findings, never exceptions."""
        ...
