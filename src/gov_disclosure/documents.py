"""Load any input form through the adapter registry: sniff the reader, recognise the format, re-validate.

This is the composing layer of the adapter contract (:mod:`gov_disclosure.formats._protocol`):

1. the :class:`~gov_disclosure.formats._protocol.InputReader` that sniffs the input best reads it into a
   :class:`~gov_disclosure.parsing.document.Document`;
2. the :class:`~gov_disclosure.formats._protocol.FormatAdapter` that recognises the document best builds the
   report and the findings of reading it;
3. the output is checked (:func:`~gov_disclosure.formats._registry.run_adapter`), then validated and its narrative
   facts checked here — whatever the adapter said.

The two national formats are the built-in adapters :class:`Format2019` and :class:`Format2021`. For text they
are exactly :func:`gov_disclosure.loader.read_text`; for forms with grids (HTML, PDF, DOCX) the tables found in
the grids (:mod:`gov_disclosure.formats.grid`, aligned by starting column and header text) replace the tables
read from the text, which remain the fallback for tables without cell boundaries.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import attrs

from gov_disclosure.findings import Finding
from gov_disclosure.formats._protocol import AdapterOutput
from gov_disclosure.formats._registry import Registry, default_registry, register_format, run_adapter, run_reader
from gov_disclosure.formats.grid import read_grid_tables
from gov_disclosure.loader import NotAReportError, ReadResult, UnsupportedInputError, read_text
from gov_disclosure.model.formats import default_format_for_year
from gov_disclosure.model.layout import TABLE2, TABLE2_2019, TABLE3, TABLE4, TableSpec
from gov_disclosure.model.report import Report
from gov_disclosure.model.source import SourceInfo
from gov_disclosure.model.versions import FormatVersion
from gov_disclosure.narrative.checks import check_facts
from gov_disclosure.narrative.facts import extract_facts
from gov_disclosure.parsing.detect import detect_format, find_title, looks_like_report
from gov_disclosure.parsing.document import Document
from gov_disclosure.parsing.normalize import normalize_text
from gov_disclosure.validation import validate

__all__ = [
    "Format2019",
    "Format2021",
    "NationalFormat",
    "load_path",
    "read_bytes",
    "read_document",
    "readable_extensions",
]

_TEXT_FORMS = ("text", "markdown")
_TABLE_KEYS = ("table2", "table2_2019", "table3", "table4")


class NationalFormat:
    """A national report format (``"2019"`` 试行 or ``"2021"``) as a format adapter (see the two subclasses)."""

    name: ClassVar[FormatVersion]
    tables: ClassVar[tuple[TableSpec, ...]]

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"

    def recognise(self, document: Document) -> float:
        """From table labels (format-spec §7), else from the report year; 0 for text that is not a report."""
        norm = normalize_text(document.text)
        if not looks_like_report(norm) and not document.grids:
            return 0.0
        evidence = detect_format(norm)
        if evidence.version == self.name:
            return 0.9
        title = find_title(norm)
        by_year = default_format_for_year(title.year) if title and title.year else None
        if evidence.version is None:
            if by_year == self.name:
                return 0.5
            return 0.3 if by_year is None and self.name == "2021" else 0.1
        return 0.05  # the other format's labels: possible, never preferred

    def build(self, document: Document) -> AdapterOutput:
        """Read the text (:func:`~gov_disclosure.loader.read_text`); tables found in grids replace text tables."""
        source = SourceInfo(
            path=document.source.path if document.source else None,
            url=document.source.url if document.source else None,
            form=document.form,
            reader=f"gov_disclosure.documents:{self.name}",
        )
        result = read_text(document.text, source=source)
        report = result.report
        reading = [f for f in result.findings if f.code.startswith("READ.")]
        if document.grids:
            grids = read_grid_tables(document.grids, report.format_version)
            replaced = {key: getattr(grids, key) for key in _TABLE_KEYS if getattr(grids, key) is not None}
            if replaced:
                report = attrs.evolve(report, **replaced)
                reading = [f for f in reading if not _about(f, set(replaced))]
                reading += grids.findings
        return report, tuple(reading)


@register_format
class Format2019(NationalFormat):
    """The 2019 试行 format (国办公开办函〔2019〕60号; report years 2019–2020)."""

    name = "2019"
    tables = (TABLE2_2019, TABLE3, TABLE4)


@register_format
class Format2021(NationalFormat):
    """The 2021 format (国办公开办函〔2021〕30号; report years 2021 on)."""

    name = "2021"
    tables = (TABLE2, TABLE3, TABLE4)


def _about(finding: Finding, tables: set[str]) -> bool:
    """True when a reading finding is about one of *tables* (by its cells or the table key it starts with)."""
    if any(cell.table in tables for cell in finding.cells):
        return True
    return any(finding.message_en.startswith(key) for key in tables)


def _validated(report: Report, reading: tuple[Finding, ...], document: Document) -> ReadResult:
    """Validation and narrative checks, run here whatever the adapter did."""
    missing = {k for f in reading if f.code == "READ.TABLE_MISSING" for k in _TABLE_KEYS if f.message_en.startswith(k)}
    lost = {cell for f in reading if f.code == "READ.ROW_MISSING" for cell in f.cells}
    checked = [
        f
        for f in validate(report)
        if not (f.code == "TABLE.MISSING" and (_about(f, missing) or any(k in f.message_en for k in missing)))
        and not (f.code == "ROW.MISSING" and f.cells and set(f.cells) <= lost)
    ]
    facts = extract_facts(normalize_text(document.text))
    return ReadResult(
        report=report,
        findings=(*reading, *checked, *check_facts(report, facts)),
        facts=facts,
        tables_read=tuple(key for key in _TABLE_KEYS if getattr(report, key) is not None),
    )


def read_document(document: Document, *, registry: Registry | None = None) -> ReadResult:
    """Build, check and validate the report in *document* with the format adapter that recognises it best.

    Raises :class:`~gov_disclosure.loader.NotAReportError` when no adapter recognises the document and
    :class:`~gov_disclosure.formats._registry.AdapterError` when the adapter fails or returns garbage.
    """
    registry = registry or default_registry()
    adapter = registry.format_for(document)
    if adapter is None:
        raise NotAReportError(
            "not a 政府信息公开工作年度报告: no format adapter recognises it (no report title, section heading or "
            "table label found)"
        )
    if isinstance(adapter, NationalFormat) and document.form in _TEXT_FORMS:
        path = document.source.path if document.source else None
        source = SourceInfo(path=path, form=document.form, reader="gov_disclosure.loader")
        return read_text(document.text, source=source)
    report, reading = run_adapter(adapter, document)
    if report.source is None:
        report = attrs.evolve(report, source=SourceInfo(form=document.form, reader=adapter.name))
    return _validated(report, reading, document)


def read_bytes(data: bytes, *, name: str | None = None, registry: Registry | None = None) -> ReadResult:
    """Read a report from the bytes of any registered input form (sniffed; *name* is a file name hint)."""
    registry = registry or default_registry()
    reader = registry.reader_for(data, name)
    if reader is None:
        readable = ", ".join(sorted({e for r in registry.readers for e in r.extensions if e}))
        raise UnsupportedInputError(f"{name or 'input'}: no reader recognises this input; readable forms: {readable}")
    return read_document(run_reader(reader, data, path=name), registry=registry)


def load_path(path: str | Path, *, registry: Registry | None = None) -> ReadResult:
    """Read the report in the file at *path*, whatever its form (see :func:`read_bytes`)."""
    path = Path(path)
    return read_bytes(path.read_bytes(), name=str(path), registry=registry)


def readable_extensions(registry: Registry | None = None) -> frozenset[str]:
    """File extensions some registered reader is the default for (what ``check DIR`` picks up in a folder)."""
    registry = registry or default_registry()
    return frozenset(e for reader in registry.readers for e in reader.extensions if e)
