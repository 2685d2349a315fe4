"""Truth files: real reports read cell by cell by a person, and how a read report measures up to one.

A truth file ``NAME.truth.json`` lies beside the report it describes (``NAME.txt``, ``NAME.pdf`` …; or the file
its ``source.file`` names) and holds, in the spec/keys.md vocabulary::

    {"format_version": "2021",
     "undecidable_from_text": ["table2.normative_docs.made", …],
     "source_errors": ["table 三 总计 column: result rows 2+4+2+2 = 10 but （七）总计 9", …],
     "table2": {"regulations": {"made": 0, …}, …}, "table3": {…}, "table4": {…}}

* every number is a cell as printed; a money cell may be given as ``amount_value`` / ``amount_unit`` (with the
  printed ``amount_raw``), which is the cell ``amount`` with that unit;
* ``undecidable_from_text`` lists the cells that the text alone cannot fix (glued digits with several splits): a
  reader must flag them, never return a number for them;
* ``source_errors`` lists the agency's own arithmetic errors, in words. They must be **reported, not repaired**:
  an entry that names a table (``table 三``, ``表三``) is reported when a check of that table failed
  (:attr:`~gov_disclosure.findings.Outcome.FAILED`) on a cell of one of the columns the entry names (any column
  when it names none). An entry that names no table (a remark such as "confirmed in page.html") is not checked.

:func:`compare` gives each cell a :class:`Verdict`:

``CORRECT``
    the number printed;
``FLAGGED``
    no number (a text, blank or missing cell: the reader did not read it with certainty);
``WRONG``
    a number other than the one printed (or with another unit);
``GUESSED``
    a number for a cell of ``undecidable_from_text`` — whatever the number, the text could not have fixed it.

Wrong and guessed cells break the library's promise; flagged cells are what it could not read.

>>> import gov_disclosure as gd
>>> result = gd.read_text(gd.example_report_text())
>>> truth = Truth.from_json({"format_version": "2021", "undecidable_from_text": ["table4.review.total"],
...     "source_errors": [], "table4": {"review": {"upheld": 72, "corrected": 64, "total": 351}}})
>>> comparison = compare(truth, result.report, result.findings)
>>> comparison.tally
Tally(correct=2, flagged=0, wrong=0, guessed=1)
>>> [str(c.key) for c in comparison.having(Verdict.GUESSED)], comparison.silent
(['table4.review.total'], ())
"""

from __future__ import annotations

import enum
import json
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from attrs import field, frozen

from gov_disclosure.findings import Finding, Outcome
from gov_disclosure.model.cells import Number
from gov_disclosure.model.formats import format_spec
from gov_disclosure.model.keys import CellKey
from gov_disclosure.model.report import Report
from gov_disclosure.parsing.normalize import compact

__all__ = [
    "TRUTH_SUFFIX",
    "CellVerdict",
    "Comparison",
    "SourceErrorCheck",
    "Tally",
    "Truth",
    "TruthCell",
    "Verdict",
    "compare",
    "truth_files",
]

TRUTH_SUFFIX = ".truth.json"
"""The name ending of a truth file."""

_TABLE_NAMED = re.compile(r"(?:table\s*|表)([二三四])")
_SPLIT_SUFFIXES = ("_value", "_unit", "_raw")
"""A money cell given in parts: ``amount_value`` (the number), ``amount_unit``, ``amount_raw`` (as printed)."""


class Verdict(enum.Enum):
    """What a reader returned for one cell of a truth file."""

    CORRECT = "correct"
    FLAGGED = "flagged"
    WRONG = "wrong"
    GUESSED = "guessed"


@frozen
class TruthCell:
    """One cell as a person read it."""

    key: CellKey
    value: Number
    unit: str | None = None
    """The unit printed in the cell (``万元`` in ``1690.9913万元``), when the truth file gives one."""
    undecidable: bool = False
    """True when the text alone cannot fix the cell: a reader must flag it."""


@frozen
class Truth:
    """A truth file: its cells, the cells the text cannot fix, the agency's own errors."""

    format_version: str
    cells: tuple[TruthCell, ...]
    source_errors: tuple[str, ...] = ()
    path: Path | None = field(default=None, eq=False)
    """The truth file, when read from one."""
    report_file: str | None = None
    """The report's file name, when the truth file says it (``source.file``)."""

    @classmethod
    def from_json(cls, data: Mapping[str, Any], *, path: Path | None = None) -> Truth:
        """The truth in *data* (a decoded truth file). ``ValueError`` for a cell the format does not have, or an
        undecidable cell that is not among the cells."""
        version = str(data["format_version"])
        spec = format_spec(version)
        undecidable = {CellKey.parse(key) for key in data.get("undecidable_from_text", ())}
        cells = []
        for table_key in spec.table_keys:
            rows = data.get(table_key) or {}
            known = {row.key: row for row in spec.rows(table_key)}
            for row_key, columns in rows.items():
                if row_key not in known:
                    raise ValueError(f"{path or 'truth'}: {table_key}.{row_key} is not a row of format {version}")
                for column_key, (value, unit) in _cells_of(columns).items():
                    known[row_key].column(column_key)  # KeyError for a column the row does not have
                    key = CellKey(table_key, row_key, column_key)
                    cells.append(TruthCell(key, value, unit, undecidable=key in undecidable))
        missing = undecidable - {cell.key for cell in cells}
        if missing:
            raise ValueError(f"{path or 'truth'}: undecidable cells without a value: {sorted(map(str, missing))}")
        source = data.get("source") or {}
        return cls(
            format_version=version,
            cells=tuple(cells),
            source_errors=tuple(data.get("source_errors", ())),
            path=path,
            report_file=source.get("file"),
        )

    @classmethod
    def load(cls, path: str | Path) -> Truth:
        """Read the truth file at *path* (numbers with a fraction are read as exact decimals)."""
        path = Path(path)
        return cls.from_json(json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal), path=path)

    @property
    def decidable(self) -> int:
        """How many cells the text fixes (all but ``undecidable_from_text``)."""
        return sum(not cell.undecidable for cell in self.cells)

    @property
    def name(self) -> str:
        """The report's name: the truth file's name without ``.truth.json``."""
        return self.path.name.removesuffix(TRUTH_SUFFIX) if self.path is not None else "truth"

    def report_path(self) -> Path | None:
        """The report file beside the truth file: the one ``source.file`` names, else the one with the same name
        and another extension; None when there is none."""
        if self.path is None:
            return None
        folder = self.path.parent
        if self.report_file and (folder / self.report_file).is_file():
            return folder / self.report_file
        beside = sorted(
            p
            for p in folder.glob(f"{self.name}.*")
            if p.is_file() and not p.name.endswith(TRUTH_SUFFIX) and p.name.removeprefix(self.name).count(".") == 1
        )
        return beside[0] if beside else None


def _cells_of(columns: Mapping[str, Any]) -> dict[str, tuple[Number, str | None]]:
    """``{column: (value, unit)}`` of one truth row; ``amount_value``/``amount_unit``/``amount_raw`` is ``amount``."""
    cells: dict[str, tuple[Number, str | None]] = {}
    for column, value in columns.items():
        if column.endswith(_SPLIT_SUFFIXES):
            base = column.rsplit("_", 1)[0]
            if column.endswith("_value"):
                cells[base] = (_number(value, column), columns.get(f"{base}_unit"))
            continue
        cells[column] = (_number(value, column), None)
    return cells


def _number(value: object, column: str) -> Number:
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise ValueError(f"{column}: a truth cell is a number, got {value!r}")
    return value


def truth_files(*folders: str | Path) -> list[Path]:
    """Every ``*.truth.json`` under *folders* (recursively), sorted."""
    return sorted(path for folder in folders for path in Path(folder).rglob(f"*{TRUTH_SUFFIX}"))


@frozen
class CellVerdict:
    """What a reader returned for one truth cell."""

    key: CellKey
    verdict: Verdict
    expected: Number
    got: Number | None


@frozen
class SourceErrorCheck:
    """Whether one ``source_errors`` entry was reported."""

    entry: str
    table: str | None
    """The table the entry names; None for an entry that names none (a remark, not checked)."""
    reported: bool | None
    """True when a failed check of that table on a named column is among the findings; None when not checked."""


@frozen
class Tally:
    """How many truth cells got each verdict."""

    correct: int = 0
    flagged: int = 0
    wrong: int = 0
    guessed: int = 0

    @classmethod
    def of(cls, verdicts: Iterable[Verdict]) -> Tally:
        """The counts of *verdicts*."""
        counts = dict.fromkeys(Verdict, 0)
        for verdict in verdicts:
            counts[verdict] += 1
        return cls(*(counts[v] for v in Verdict))

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            self.correct + other.correct,
            self.flagged + other.flagged,
            self.wrong + other.wrong,
            self.guessed + other.guessed,
        )

    @property
    def total(self) -> int:
        """Every cell counted."""
        return self.correct + self.flagged + self.wrong + self.guessed


@frozen
class Comparison:
    """A read report against its truth file."""

    truth: Truth
    cells: tuple[CellVerdict, ...]
    source_errors: tuple[SourceErrorCheck, ...]
    silent: tuple[CellKey, ...] = ()
    """Flagged cells that no finding names — neither the cell, nor its row, nor its whole table: a cell left
    without a number must be flagged by a finding, so this is empty when the reader keeps its promise."""

    @property
    def tally(self) -> Tally:
        """The counts of the cells' verdicts."""
        return Tally.of(cell.verdict for cell in self.cells)

    def having(self, verdict: Verdict) -> tuple[CellVerdict, ...]:
        """The cells with *verdict*."""
        return tuple(cell for cell in self.cells if cell.verdict is verdict)

    @property
    def unread(self) -> tuple[CellVerdict, ...]:
        """The decidable cells not read right: flagged, wrong or guessed where the text fixes the number."""
        undecidable = {cell.key for cell in self.truth.cells if cell.undecidable}
        return tuple(c for c in self.cells if c.verdict is not Verdict.CORRECT and c.key not in undecidable)

    @property
    def unreported(self) -> tuple[str, ...]:
        """The source errors that were checked and not reported."""
        return tuple(check.entry for check in self.source_errors if check.reported is False)


def compare(truth: Truth, report: Report, findings: Iterable[Finding]) -> Comparison:
    """*report* (and the *findings* of reading it) against *truth*, cell by cell."""
    findings = tuple(findings)
    verdicts = []
    for cell in truth.cells:
        got = report.cell(cell.key)
        value = got.value if got is not None else None
        if value is None:
            verdict = Verdict.FLAGGED
        elif cell.undecidable:
            verdict = Verdict.GUESSED
        elif got is not None and value == cell.value and cell.unit in (None, got.unit):
            verdict = Verdict.CORRECT
        else:
            verdict = Verdict.WRONG
        verdicts.append(CellVerdict(cell.key, verdict, cell.value, value))
    checks = tuple(_check_source_error(truth, entry, findings) for entry in truth.source_errors)
    named = _named_places(findings)
    silent = tuple(
        cell.key
        for cell in verdicts
        if cell.verdict is Verdict.FLAGGED and not {cell.key, (cell.key.table, cell.key.row), cell.key.table} & named
    )
    return Comparison(truth=truth, cells=tuple(verdicts), source_errors=checks, silent=silent)


def _named_places(findings: tuple[Finding, ...]) -> set[object]:
    """The cells, ``(table, row)`` pairs and whole tables that *findings* are about."""
    named: set[object] = set()
    for finding in findings:
        named.update(finding.cells)
        if finding.table is not None and finding.row is not None:
            named.add((finding.table, finding.row))
        elif finding.table is not None and not finding.cells:
            named.add(finding.table)
    return named


def _check_source_error(truth: Truth, entry: str, findings: tuple[Finding, ...]) -> SourceErrorCheck:
    named = _TABLE_NAMED.search(entry)
    if named is None:
        return SourceErrorCheck(entry, None, None)
    spec = format_spec(truth.format_version)
    table = next(t for t in spec.tables if t.number == named.group(1))
    key = compact(entry)
    columns = {c.key for row in spec.rows(table.key) for c in row.columns if compact(c.label) in key}
    reported = any(
        finding.outcome is Outcome.FAILED
        and any(cell.table == table.key and (not columns or cell.column in columns) for cell in finding.cells)
        for finding in findings
    )
    return SourceErrorCheck(entry, table.key, reported)
