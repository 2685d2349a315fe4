"""The oracle: whether a report read from damaged input keeps the library's promise.

The promise (issue 13): *a number the library returns is the number the agency printed; a cell it cannot read with
certainty is flagged and left without a value.* Given what was printed (an :class:`Expectation`: a
:class:`~gov_disclosure.testing.truth.Truth` and the cells printed blank), :func:`judge` lists every :class:`Fault`:

``wrong``
    under truth-preserving damage, a number other than the one printed (or any number for a cell the text cannot
    fix, ``undecidable_from_text``);
``invented``
    under truth-preserving damage, a number where the report prints a blank;
``unflagged``
    a cell left without a value that no finding names (neither the cell, nor its row, nor its table); and, under
    truth-changing damage, a cell read other than the truth that an identity covers (every other cell of the
    identity read right) but that no failed check names;
``crash``
    an exception that is not one of the library's typed errors (:class:`~gov_disclosure.errors.GovDisclosureError`;
    an :class:`~gov_disclosure.formats.AdapterError` wrapping an internal error counts as a crash).

A typed error (``NotAReportError`` for a text truncated before its tables …) is a refusal, not a fault.

>>> import random
>>> from gov_disclosure import read_text
>>> from gov_disclosure.render import render_text
>>> from gov_disclosure.testing import random_report
>>> report = random_report(random.Random(4), "2021")
>>> expectation = Expectation.of_report(report)
>>> judge(expectation, read_text(render_text(report)), changes_truth=False).faults
()
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable

from attrs import frozen

from gov_disclosure.errors import GovDisclosureError
from gov_disclosure.findings import Finding, Outcome
from gov_disclosure.formats import AdapterError
from gov_disclosure.loader import ReadResult
from gov_disclosure.model.cells import Number
from gov_disclosure.model.formats import format_spec
from gov_disclosure.model.identities import Identity, identities_of
from gov_disclosure.model.keys import CellKey
from gov_disclosure.model.report import Report
from gov_disclosure.testing.truth import CellVerdict, Truth, TruthCell, Verdict, compare

__all__ = ["Expectation", "Fault", "Judgement", "Problem", "is_crash", "judge", "judge_read", "truth_of"]


class Problem(enum.Enum):
    """The kinds of :class:`Fault` (and, in the campaign's summary, of slow and large runs)."""

    CRASH = "crash"
    WRONG = "wrong"
    INVENTED = "invented"
    UNFLAGGED = "unflagged"
    SLOW = "slow"
    LARGE = "large"


@frozen
class Fault:
    """One broken promise."""

    problem: Problem
    key: CellKey | None
    detail: str
    printed: Number | None = None
    """For a wrong number: the number printed (a minimised reproducer must still print it)."""

    def __str__(self) -> str:
        return f"{self.problem.value} {self.key or ''}: {self.detail}".replace(" :", ":")


@frozen
class Judgement:
    """The faults of one read (empty when the promise is kept); *refused* names a typed error raised instead."""

    faults: tuple[Fault, ...] = ()
    refused: str | None = None

    @property
    def ok(self) -> bool:
        """No fault."""
        return not self.faults

    def having(self, problem: Problem) -> tuple[Fault, ...]:
        """The faults of one kind."""
        return tuple(fault for fault in self.faults if fault.problem is problem)


def truth_of(report: Report) -> Truth:
    """The truth of a generated (or any trusted) report: every cell with a value, with its unit.

    >>> import random
    >>> from gov_disclosure.testing import random_report
    >>> truth = truth_of(random_report(random.Random(1), "2019"))
    >>> truth.format_version, truth.decidable == len(truth.cells) > 100
    ('2019', True)
    """
    cells = tuple(
        TruthCell(entry.key, entry.cell.value, entry.cell.unit)
        for entry in report.iter_cells()
        if entry.cell.value is not None
    )
    return Truth(format_version=report.format_version, cells=cells)


@frozen
class Expectation:
    """What was printed: the truth of every cell with a value, and the cells printed blank."""

    truth: Truth
    blank: frozenset[CellKey] = frozenset()

    @classmethod
    def of_truth(cls, truth: Truth) -> Expectation:
        """From a truth file: a cell the file leaves out of a row it gives is blank (the file lists every number)."""
        given = {cell.key for cell in truth.cells}
        rows = {(key.table, key.row) for key in given}
        spec = format_spec(truth.format_version)
        blank = frozenset(
            key
            for table in spec.table_keys
            for row in spec.rows(table)
            if (table, row.key) in rows
            for column in row.columns
            if (key := CellKey(table, row.key, column.key)) not in given
        )
        return cls(truth, blank)

    @classmethod
    def of_report(cls, report: Report) -> Expectation:
        """From a generated report: its cells with a value are the truth, those without are blank."""
        blank = frozenset(entry.key for entry in report.iter_cells() if entry.cell.value is None)
        return cls(truth_of(report), blank)


def is_crash(error: BaseException) -> bool:
    """True for an exception that is not one of the library's typed errors (an internal error wrapped in an
    :class:`~gov_disclosure.formats.AdapterError` is one)."""
    if isinstance(error, AdapterError):
        cause = error.__cause__
        return cause is not None and not isinstance(cause, GovDisclosureError)
    return not isinstance(error, GovDisclosureError)


def judge_read(expectation: Expectation, read: Callable[[], ReadResult], *, changes_truth: bool) -> Judgement:
    """:func:`judge` the result of *read*; a crash is a fault, a typed error a refusal."""
    try:
        result = read()
    except Exception as error:  # the oracle's own purpose: any exception is a verdict
        if is_crash(error):
            return Judgement((Fault(Problem.CRASH, None, f"{type(error).__name__}: {str(error)[:200]}"),))
        return Judgement(refused=f"{type(error).__name__}: {str(error)[:200]}")
    return judge(expectation, result, changes_truth=changes_truth)


def judge(expectation: Expectation, result: ReadResult, *, changes_truth: bool) -> Judgement:
    """The faults of *result* read from input printing *expectation*, after damage that changes the truth or not."""
    truth = expectation.truth
    comparison = compare(truth, result.report, result.findings)
    named = _named(result.findings)
    faults = [
        Fault(Problem.UNFLAGGED, cell.key, "left without a value; no finding names it")
        for cell in comparison.cells
        if cell.verdict is Verdict.FLAGGED and not _names(named, cell.key)
    ]
    if changes_truth:
        faults.extend(_uncaught_changes(truth, comparison.cells, result))
        return Judgement(tuple(faults))
    for cell in comparison.cells:
        said = "" if _names(named, cell.key) else " (no finding names it)"
        if cell.verdict is Verdict.WRONG:
            detail = f"read {cell.got}, printed {cell.expected}{said}"
            faults.append(Fault(Problem.WRONG, cell.key, detail, cell.expected))
        elif cell.verdict is Verdict.GUESSED:
            faults.append(Fault(Problem.WRONG, cell.key, f"read {cell.got}: the text cannot fix this cell{said}"))
    for key in sorted(expectation.blank, key=str):
        got = result.report.cell(key)
        if got is not None and got.value is not None:
            faults.append(Fault(Problem.INVENTED, key, f"read {got.value}, printed blank"))
    return Judgement(tuple(faults))


def _uncaught_changes(truth: Truth, cells: Iterable[CellVerdict], result: ReadResult) -> list[Fault]:
    """The cells read other than the truth that an identity covers but no failed check names."""
    verdicts = {c.key: c for c in cells}
    right = {key for key, c in verdicts.items() if c.verdict is Verdict.CORRECT}
    failed = {key for f in result.findings if f.outcome is Outcome.FAILED for key in f.cells}
    identities = identities_of(format_spec(truth.format_version))
    faults = []
    for key, cell in verdicts.items():
        if cell.verdict is not Verdict.WRONG or key in failed:
            continue
        covering = [i for i in identities if key in i.cells and _others_right(i, key, right)]
        if covering:
            faults.append(
                Fault(
                    Problem.UNFLAGGED,
                    key,
                    f"read {cell.got} (the truth was {cell.expected}); {covering[0].code} covers it, no failed check "
                    "names it",
                )
            )
    return faults


def _others_right(identity: Identity, key: CellKey, right: set[CellKey]) -> bool:
    return all(other in right for other in identity.cells if other != key)


def _named(findings: Iterable[Finding]) -> set[object]:
    named: set[object] = set()
    for finding in findings:
        named.update(finding.cells)
        if finding.table is not None:
            named.add((finding.table, finding.row) if finding.row is not None else finding.table)
    return named


_TABLE_TWO = ("table2", "table2_2019")
"""表二 of the two formats: a finding about one (or one of its rows, whose keys the formats share) names the other —
a text whose format is inferred from its year may be read in the other format; its missing 表二 is still named."""


def _names(named: set[object], key: CellKey) -> bool:
    tables = _TABLE_TWO if key.table in _TABLE_TWO else (key.table,)
    return bool({key, *tables, *((table, key.row) for table in tables)} & named)
