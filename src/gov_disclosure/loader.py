"""The one road from a path, bytes or a string to a validated report: reader → Document → adapter → finish.

As in beancount's loader (parse → book → validate, once each), every input takes the same steps, once each:

1. the **input reader** that sniffs the input best (text, markdown, HTML, PDF, DOCX, JSON, XLSX, or a third-party
   form; :mod:`gov_disclosure.formats.builtin_readers`) reads it into a
   :class:`~gov_disclosure.parsing.document.Document` — or, for JSON and XLSX, into the finished reports they hold;
2. the **format adapter** that recognises the document best (a national format,
   :mod:`gov_disclosure.formats.national`, or a third-party variant) builds the report and the findings of reading
   it, without validating it;
3. :func:`finish` validates the report once, extracts the narrative facts once from the text as printed (so their
   spans are offsets into what the user gave) and checks them against the tables, and keeps one finding per
   problem: a validation finding that repeats what reading said (a missing table or row) is dropped, by its
   structured location, not by its message.

:func:`read_text` is steps 2–3 for a string; :func:`load` and :func:`read_bytes` are all three. Only input that
is not a report at all, or a report from before the national formats, raises — with a typed error saying why,
never a half-empty report.

>>> result = read_text("某局2022年政府信息公开工作年度报告\\n一、总体情况\\n本机关政府信息公开工作…\\n")
>>> result.report.agency, result.report.report_year, result.report.format_version
('某局', 2022, '2021')
>>> sorted({f.code for f in result.findings} & {"READ.FORMAT_FROM_YEAR", "READ.TABLE_MISSING"})
['READ.FORMAT_FROM_YEAR', 'READ.TABLE_MISSING']
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import attrs
from attrs import frozen

from gov_disclosure.errors import (
    LimitExceededError,
    NotAFileError,
    NotAReportError,
    UnsupportedFormatError,
    UnsupportedInputError,
)
from gov_disclosure.findings import Finding, Outcome, Severity
from gov_disclosure.formats._protocol import AdapterOutput, LimitedReader
from gov_disclosure.formats._registry import Registry, default_registry, run_adapter, run_reader
from gov_disclosure.formats.national import NOT_A_REPORT, NationalFormat
from gov_disclosure.limits import Limits, check_size
from gov_disclosure.model.report import Report
from gov_disclosure.model.source import SourceInfo, SourceLocation
from gov_disclosure.narrative.checks import check_facts
from gov_disclosure.narrative.facts import NarrativeFact, extract_facts
from gov_disclosure.ocr import OCR_ORIGIN
from gov_disclosure.parsing.document import Document
from gov_disclosure.reconcile import reading_said, reconcile
from gov_disclosure.validation import ValidationRun, validate

__all__ = [
    "NotAReportError",
    "ReadResult",
    "UnsupportedFormatError",
    "UnsupportedInputError",
    "finish",
    "load",
    "load_all",
    "read_bytes",
    "read_document",
    "read_text",
    "readable_extensions",
]


_DEFAULT_LIMITS = Limits()
"""The limits an input is read within when none are given (a frozen instance: built once, not for every read)."""


@frozen(kw_only=True)
class ReadResult:
    """A report read from an input: the report, every finding (reading, validation, narrative) and narrative facts."""

    report: Report
    findings: tuple[Finding, ...] = ()
    facts: tuple[NarrativeFact, ...] = ()
    tables_read: tuple[str, ...] = ()
    """Keys of the tables found in the input (``table2``/``table2_2019``, ``table3``, ``table4``)."""


def finish(report: Report, reading: Iterable[Finding] = (), *, document: Document | None = None) -> ReadResult:
    """Validate *report* once, check it against the narrative of *document* (if any), and keep one finding per
    problem: the findings of *reading* it first, then validation's (but those that repeat reading's), then the
    narrative checks' (:func:`~gov_disclosure.reconcile.reconcile`)."""
    reading = tuple(reading)
    said = reading_said(reading)
    run = ValidationRun.start(report, unread=said.unread, missing_rows=said.missing_rows)  # not said again
    checked = reconcile(said, validate(report, run=run), run)
    facts = extract_facts(document.text, form=document.half_width) if document is not None else ()
    narrative = check_facts(report, facts)
    if _recognised(document):  # the text was recognised by OCR: its facts and their checks say so
        from gov_disclosure.ocr.checksums import recognised_narrative

        facts, narrative = recognised_narrative(facts, narrative)
    tables_read = tuple(spec.key for spec, _table in report.tables() if spec.key not in said.missing_tables)
    return ReadResult(
        report=report,
        findings=(*reading, *checked, *narrative),
        facts=facts,
        tables_read=tables_read,
    )


def read_document(document: Document, *, registry: Registry | None = None) -> ReadResult:
    """Build the report in *document* with the format adapter that recognises it best, and :func:`finish` it.

    Raises :class:`~gov_disclosure.errors.NotAReportError` when no adapter recognises the document,
    :class:`~gov_disclosure.errors.UnsupportedFormatError` for a report before 2019, and
    :class:`~gov_disclosure.formats.AdapterError` when the adapter fails or returns garbage.
    """
    adapter = (registry or default_registry()).format_for(document)
    if adapter is None:
        raise NotAReportError(NOT_A_REPORT)
    # A third-party adapter is never trusted (run_adapter checks what it returns); the national formats' build
    # goes through the model's own constructors and is tested here.
    report, reading = adapter.build(document) if isinstance(adapter, NationalFormat) else run_adapter(adapter, document)
    if report.source is None:  # where it came from, when the adapter did not say
        report = attrs.evolve(report, source=SourceInfo(path=document.path, form=document.form, reader=adapter.name))
    if _recognised_tables(document):  # numbers recognised by OCR are kept only where the identities confirm them
        from gov_disclosure.ocr.checksums import settle

        report, settled = settle(report, every_cell=_recognised(document))
        reading = (*reading, *settled)
    return finish(report, (*document.findings, *reading), document=document)


def _recognised(document: Document | None) -> bool:
    """True when *document* was read from images by OCR (its reader :data:`gov_disclosure.ocr.OCR_ORIGIN`)."""
    return document is not None and document.source is not None and document.source.reader == OCR_ORIGIN


def _recognised_tables(document: Document) -> bool:
    """True when tables of *document* were read from images by OCR (a scan, a web page's table images, a PDF's
    scanned pages): a table, or a cell of one (a table stitched across a printed and a scanned page)."""
    return _recognised(document) or any(
        _by_ocr(table.source) or any(_by_ocr(cell.source) for row in table.rows for cell in row.cells)
        for table in document.grids
    )


def _by_ocr(source: SourceLocation | None) -> bool:
    return source is not None and source.origin == OCR_ORIGIN


def read_text(
    text: str, *, source: SourceInfo | None = None, registry: Registry | None = None, limits: Limits | None = None
) -> ReadResult:
    """Read the text of a published report (plain text, markdown, text extracted from a PDF or a web page).

    Raises :class:`NotAReportError` for text that is not such a report, :class:`UnsupportedFormatError` for
    reports before 2019 and :class:`~gov_disclosure.errors.LimitExceededError` for text longer than *limits*
    allow (:attr:`~gov_disclosure.limits.Limits.max_text_bytes`, in characters); every other problem is a finding
    in the result.
    """
    source = source or SourceInfo(form="text")
    check_size(len(text), "text", limits or _DEFAULT_LIMITS, name=source.path)
    return read_document(Document.from_text(text, form=source.form or "text", source=source), registry=registry)


def _first(reports: tuple[AdapterOutput, ...], form: str) -> ReadResult:
    """The first of the finished reports a file holds, validated; a note when there are more."""
    report, reading = reports[0]
    if len(reports) > 1:
        reading = (
            *reading,
            Finding(
                code="READ.MORE_REPORTS",
                severity=Severity.INFO,
                message=f"文件中有 {len(reports)} 份报告，这里只读取第一份",
                message_en=f"the {form} file holds {len(reports)} reports; only the first is read",
                outcome=Outcome.NOTE,
            ),
        )
    return finish(report, reading)


def _read_bytes(
    data: bytes, name: str | None, registry: Registry | None, limits: Limits | None
) -> tuple[Registry, Document | tuple[AdapterOutput, ...], str]:
    """What the reader that recognises *data* makes of it: a document, or the finished reports it holds."""
    registry = registry or default_registry()
    reader = registry.reader_for(data, name)
    if reader is None:
        readable = ", ".join(sorted(readable_extensions(registry)))
        raise UnsupportedInputError(f"{name or 'input'}: no reader recognises this input; readable forms: {readable}")
    check_size(len(data), reader.name, limits or _DEFAULT_LIMITS, name=name)
    if limits is not None and isinstance(reader, LimitedReader):
        reader = reader.with_limits(limits)
    return registry, run_reader(reader, data, path=name), reader.name


def read_bytes(
    data: bytes, *, name: str | None = None, registry: Registry | None = None, limits: Limits | None = None
) -> ReadResult:
    """Read a report from the bytes of any registered input form (sniffed; *name* is a file name hint).

    Raises :class:`UnsupportedInputError` when no reader recognises the input,
    :class:`~gov_disclosure.errors.LimitExceededError` when it exceeds *limits* (the defaults of
    :class:`~gov_disclosure.limits.Limits` when not given: its form's size, and what its reader keeps to), and
    what :func:`read_document` raises.
    """
    registry, output, form = _read_bytes(data, name, registry, limits)
    if isinstance(output, Document):
        return read_document(output, registry=registry)
    return _first(output, form)


def load(path: str | Path, *, registry: Registry | None = None, limits: Limits | None = None) -> ReadResult:
    """Read the report in the file at *path*, whatever its form: text (UTF-8, UTF-8 with BOM or GB18030),
    markdown, HTML, PDF, DOCX, XLSX (its first report), JSON, or a form a third-party reader registers.

    Raises :class:`UnsupportedInputError` for a form no reader recognises, and what :func:`read_bytes` raises
    (within *limits*; a file larger than every size limit is refused before it is read).
    """
    path = Path(path)
    _check_file(path, limits or _DEFAULT_LIMITS)
    return read_bytes(path.read_bytes(), name=str(path), registry=registry, limits=limits)


def load_all(
    path: str | Path, *, registry: Registry | None = None, limits: Limits | None = None
) -> tuple[ReadResult, ...]:
    """Every report at *path*: each report of a file that holds several (a workbook :func:`~gov_disclosure.to_xlsx`
    wrote), the one report of any other file, and for a folder the reports of each file in it that some reader
    reads by its extension (:func:`readable_extensions`; ``*.truth.json`` files are not reports), in natural order
    (``r2`` before ``r10``), not descending into sub-folders.

    Raises what :func:`load` raises, for the first file that cannot be read.
    """
    path = Path(path)
    if path.is_dir():
        readable = readable_extensions(registry)
        files = sorted(
            (p for p in path.iterdir() if p.is_file() and p.suffix.lower() in readable and not _is_truth(p)),
            key=lambda p: _natural(p.name),
        )
        return tuple(result for file in files for result in load_all(file, registry=registry, limits=limits))
    _check_file(path, limits or _DEFAULT_LIMITS)
    registry, output, _ = _read_bytes(path.read_bytes(), str(path), registry, limits)
    if isinstance(output, Document):
        return (read_document(output, registry=registry),)
    return tuple(finish(report, reading) for report, reading in output)


def _is_truth(path: Path) -> bool:
    return path.name.endswith(".truth.json")  # a person's reading of the report beside it (testing.truth)


def _natural(name: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key of a file name in natural order: runs of digits compare as numbers (``r2`` < ``r10``)."""
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in re.split(r"(\d+)", name) if part)


def _check_file(path: Path, limits: Limits) -> None:
    if path.is_dir():
        raise NotAFileError(f"{path}: a folder, not a file; load_all(path) reads every report in a folder")
    _check_file_size(path, limits)


def _check_file_size(path: Path, limits: Limits) -> None:
    forms = ("text", "html", "json", "pdf", "docx", "xlsx", "other")
    limit, largest = max((limits.max_bytes(form) for form in forms), key=lambda item: item[1])
    size = path.stat().st_size
    if size > largest:
        raise LimitExceededError(f"{path}: {size} bytes; at most {largest} are read for any input", limit=limit)


def readable_extensions(registry: Registry | None = None) -> frozenset[str]:
    """File extensions some registered reader is the default for (what ``check DIR`` picks up in a folder)."""
    registry = registry or default_registry()
    return frozenset(e for reader in registry.readers for e in reader.extensions if e)
