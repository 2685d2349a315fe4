"""Every finding code the library can emit, with its severity and meaning: the catalogue behind ``docs/rules.md``.

Rules declare their code, severity and title where they are defined (:func:`~gov_disclosure.registry.rule`); the
catalogue reads them from the three registries (validation, narrative, series). Findings that no rule makes — the
reader's (``READ.*``), the grid and adapter layer's (``GRID.*``, ``ADAPTER.*``), the spreadsheet reader's
(``XLSX.*``), aggregation notes (``AGG.*``) — and the other severities with which some rules report (an identity
that cannot be decided is a WARNING) are declared here as :class:`FindingCode` values. A test scans the sources for
every code a :class:`~gov_disclosure.findings.Finding` is built with and fails when one is not declared here with
the severity used, so the catalogue cannot fall behind the code.

>>> entry = next(c for c in finding_codes() if c.code == "READ.ROW_SHORT")
>>> entry.severity.name, entry.source
('ERROR', 'text reader')
"""

from __future__ import annotations

from attrs import frozen

from gov_disclosure.findings import Severity

__all__ = ["DECLARED_CODES", "FindingCode", "finding_codes"]

_INFO, _WARNING, _ERROR = Severity.INFO, Severity.WARNING, Severity.ERROR


@frozen(kw_only=True)
class FindingCode:
    """One code with one severity it is reported with, what it means and what emits it."""

    code: str
    severity: Severity
    title: str
    """What a finding with this code and severity says, in one line."""
    source: str
    """What emits it: ``validation rule``, ``text reader``, ``XLSX reader`` …"""


def _declare(source: str, *entries: tuple[str, Severity, str]) -> tuple[FindingCode, ...]:
    return tuple(
        FindingCode(code=code, severity=severity, title=title, source=source) for code, severity, title in entries
    )


_IDENTITY_UNDECIDABLE = "the identity cannot be decided: a cell has no usable value (blank, mark, text, absent row)"
_NARRATIVE_NOTE = "the narrative cannot be checked (blank or non-numeric cells), or matches an accepted alternative"

DECLARED_CODES: tuple[FindingCode, ...] = (
    *_declare(
        "validation rule",
        ("T3.BALANCE", _WARNING, _IDENTITY_UNDECIDABLE),
        ("T3.RESULTS_SUM", _WARNING, _IDENTITY_UNDECIDABLE),
        ("T3.ROW_SUM", _WARNING, _IDENTITY_UNDECIDABLE),
        ("T4.GROUP_SUM", _WARNING, _IDENTITY_UNDECIDABLE),
    ),
    *_declare(
        "narrative check",
        *(
            (code, _INFO, _NARRATIVE_NOTE)
            for code in (
                "NARR.RECEIVED",
                "NARR.PROCESSED",
                "NARR.CARRIED_OVER",
                "NARR.CARRIED_FORWARD",
                "NARR.GRANTED",
                "NARR.PERCENTAGE",
                "NARR.OUTCOME",
                "NARR.REVIEW",
                "NARR.LITIGATION",
            )
        ),
    ),
    *_declare(
        "OCR reader",
        (
            "OCR.UNCERTAIN",
            _WARNING,
            "a number recognised by OCR is not confirmed by the identities (or by a confident reading where none "
            "applies): flagged with its candidate readings and left without a value",
        ),
        (
            "OCR.CORRECTED",
            _INFO,
            "the recognizer's best reading of a cell breaks the identities and one of its candidate readings is the "
            "one value that makes them hold: that reading is taken",
        ),
        (
            "OCR.UNAVAILABLE",
            _WARNING,
            "a web page without tables has local images that may be its tables, or a PDF has scanned pages among "
            "printed ones: reading them needs the ocr extra",
        ),
        (
            "OCR.READ",
            _INFO,
            "the report was read from images by OCR: its numbers are kept only where the identities confirm them, "
            "and facts from its narrative are as sure as the recognised text",
        ),
    ),
    *_declare(
        "text reader",
        (
            "READ.BAD_BYTES",
            _WARNING,
            "bytes of a text file that are not valid in its encoding are replaced by U+FFFD (the first offset named)",
        ),
        ("READ.MORE_REPORTS", _INFO, "a file (a workbook, a JSON list) holds several reports; only the first is read"),
        ("READ.NO_TITLE", _WARNING, "no report title found: the agency and the report year are unknown"),
        ("READ.NO_YEAR", _WARNING, "the report title names no year: the report year is unknown"),
        ("READ.FORMAT_FROM_YEAR", _INFO, "no table labels identify the format; it is inferred from the report year"),
        (
            "READ.FORMAT_GUESSED",
            _WARNING,
            "neither table labels nor a report year identify the format: 表二 is read as the current format's",
        ),
        ("READ.FORMAT_MIXED", _WARNING, "labels of both national formats are found; the text is read as one"),
        ("READ.FORMAT_YEAR_CONFLICT", _WARNING, "the report year implies another format than the tables use"),
        ("READ.TABLE_MISSING", _ERROR, "a statutory table is not found in the text"),
        ("READ.ROW_MISSING", _WARNING, "a row of the format is not found in the text: missing, not zero"),
        (
            "READ.ROW_SHORT",
            _ERROR,
            "a row prints fewer values than the table has columns; its cells are left without values",
        ),
        (
            "READ.ROW_COMPLETED",
            _WARNING,
            "a row prints fewer values than columns, and the identities force every cell: its values are completed "
            "from them (Cell.completed_from), and those identities no longer count as checks of the row",
        ),
        (
            "READ.ROW_NOT_PRINTED",
            _INFO,
            "the report does not print a row of the form (（六） as one row in 2021, no 规章 row): "
            "not printed, not zero",
        ),
        ("READ.UNDECIDED", _WARNING, "a value cannot be read with certainty (e.g. glued digits); it is not guessed"),
        ("READ.GLUED_RESOLVED", _INFO, "glued digits are split in the one way the table's identities allow"),
        (
            "READ.GLUED_AS_PRINTED",
            _INFO,
            "glued digits that no reading satisfying the identities explains are split in the one way their own "
            "characters allow (``0000000`` for seven columns); the identities they break are the agency's",
        ),
        ("READ.EXTRA_ROW", _INFO, "a row that is not in the official form is kept as an extra row"),
        (
            "READ.TEXT_CUT",
            _WARNING,
            "the text ends inside a table right after a digit: it may be cut short there; that last number is not read",
        ),
        (
            "READ.DUPLICATE_ROW",
            _WARNING,
            "a row appears twice: the first print is read when the numbers agree or the other's label names the row "
            "less exactly; the other when only its label names it exactly; neither when both are named alike",
        ),
        (
            "READ.COLUMN_MAJOR",
            _INFO,
            "row labels first, then each column's numbers one per line (a PDF extractor's order): read back into rows",
        ),
        (
            "READ.COLUMN_MAJOR_UNCERTAIN",
            _WARNING,
            "numbers printed column by column whose count or order is not certain: left unread, not guessed",
        ),
        (
            "READ.DETACHED_ROWS",
            _INFO,
            "row labels first, then one line of numbers per row (a markdown conversion that lost the label column): "
            "read back in order",
        ),
        (
            "READ.DETACHED_UNCERTAIN",
            _WARNING,
            "rows of numbers after two or more row labels whose count or widths do not place them with certainty: "
            "dropped, not guessed",
        ),
        ("TABLE.MISSING", _ERROR, "the report lacks a statutory table (as the rule of the same code)"),
        ("ROW.MISSING", _ERROR, "a present table lacks a row of its format (as the rule of the same code)"),
    ),
    *_declare(
        "reading and validation reconciled (one problem, one finding)",
        (
            "ROW.UNDECIDABLE",
            _WARNING,
            "a row could not be read, so the checks that involve it cannot be decided (listed in one finding; one for "
            "the table when rows are missing or a check needs several unread rows)",
        ),
    ),
    *_declare(
        "grid reader (HTML, PDF, DOCX tables)",
        ("GRID.UNALIGNED", _ERROR, "a row's cells cannot be aligned with the table's columns; not read"),
        ("GRID.UNLABELED_ROW", _WARNING, "a row has values but no label; not read"),
        ("GRID.EXTRA_ROW", _INFO, "a row that is not in the national format is kept as an extra row"),
        (
            "GRID.DUPLICATE_ROW",
            _WARNING,
            "a row appears twice: kept once with the same numbers; with others, the one its label names exactly is "
            "kept, and when neither is named more exactly the row is not read",
        ),
        ("GRID.BROKEN_MARKUP", _WARNING, "a row's markup is broken or cut short: its values may be shifted; not read"),
    ),
    *_declare(
        "format adapters",
        ("ADAPTER.BAD_FINDINGS", _WARNING, "an adapter returned findings that are not Finding values: dropped"),
    ),
    *_declare(
        "XLSX reader",
        ("XLSX.SHEET_SKIPPED", _INFO, "a sheet holds no table 二, 三 or 四 and is skipped"),
        ("XLSX.FORMAT_ASSUMED", _WARNING, "the sheets do not show the report format; it is assumed"),
        ("XLSX.ROW_NOT_FOUND", _WARNING, "a row of a table is not found in its sheet"),
        ("XLSX.EXTRA_ROW", _INFO, "a sheet row is not a row of the table; kept as an extra row"),
        ("XLSX.DUPLICATE_ROW", _WARNING, "a row appears again; the first one is used"),
        ("XLSX.FORMULA_NOT_CACHED", _WARNING, "a formula cell has no cached value; its value is unknown"),
        ("XLSX.FORMULA", _INFO, "a cell holds a formula; its saved result is read (never computed)"),
        ("XLSX.FORMULA", _WARNING, "a cell holds a formula referring to another workbook; its saved result is read"),
        ("XLSX.EXTERNAL_LINK", _WARNING, "the workbook links to another workbook; values from it are as last saved"),
    ),
    *_declare(
        "aggregation",
        ("AGG.TABLE2_OMITTED", _INFO, "表二 is not aggregated (include_table2=False)"),
        ("AGG.OTHER_COLLAPSED", _INFO, "2019 and 2021 reports mixed: 表三 （六） is summed as one row"),
        ("AGG.EXTRA_ROWS", _INFO, "rows outside the official form are not summed"),
        ("AGG.UNIT_MISMATCH", _INFO, "amounts in different units are not summed"),
    ),
)
"""The codes no rule declares, and the other severities of rule codes, by what emits them."""


def finding_codes() -> tuple[FindingCode, ...]:
    """Every code the library can emit with each severity it is reported with: the rules of
    :data:`~gov_disclosure.validation.DEFAULT_RULES`, :data:`~gov_disclosure.narrative.NARRATIVE_RULES` and
    :data:`~gov_disclosure.series.SERIES_RULES` (their declared severity), then :data:`DECLARED_CODES`."""
    from gov_disclosure.narrative.checks import NARRATIVE_RULES
    from gov_disclosure.series.check import SERIES_RULES
    from gov_disclosure.validation.run import DEFAULT_RULES

    from_rules = [
        FindingCode(code=r.code, severity=r.severity, title=r.title, source=source)
        for source, rules in (
            ("validation rule", tuple(DEFAULT_RULES)),
            ("narrative check", tuple(NARRATIVE_RULES)),
            ("series rule", tuple(SERIES_RULES)),
        )
        for r in rules
    ]
    return (*from_rules, *DECLARED_CODES)
