"""The report's accounting identities as the checksum of its recognition.

Issue 17: "a number is accepted when its confidence is high **and** every identity it takes part in holds, or when
the identities force it; a cell whose identities fail is flagged as 'OCR uncertain' with the candidate readings
… an OCR misread must never be reported as the agency's arithmetic error without saying the cell was OCR'd."

For every cell of a report read by OCR that holds a number or text (a cell of a grid carries
:attr:`~gov_disclosure.model.source.SourceLocation.origin` ``"ocr"`` and the recognizer's confidence):

1. its candidate values are the recognizer's readings that are numbers, the best first;
2. where identities fail, a cell in them is given the next candidate that makes every identity it takes part in
   hold (at least one of them decidable) — the identities force it (``OCR.CORRECTED``), the least confident cells
   first, until no more failures can be mended;
3. a number is then kept when one of its identities holds, none fails, and the recognizer was fairly confident
   (:data:`CHECKED`) — or, for a number that takes part in no identity (表二's), when the recognizer was sure of it:
   confident (:data:`CONFIDENT`) and none of its other readings another number — or when the identities force it:
   one of its identities holds and every other cell of that identity is kept (a misread cell in a failing row is
   found as the one cell that no holding identity of kept cells forces);
4. every other recognised cell (a number, or text where a number belongs) is flagged ``OCR.UNCERTAIN`` with its
   candidate readings and left without a value (a ``TEXT`` cell keeping what was read): the identities it takes
   part in are then undecidable, never failed, so no misread is reported as the agency's arithmetic error.

>>> from gov_disclosure.model import Report
>>> settle(Report(format_version="2021"))[1]
()
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from attrs import evolve

from gov_disclosure.findings import Finding, Outcome, Severity
from gov_disclosure.model.cells import Cell, CellKind, Number
from gov_disclosure.model.formats import layout_of
from gov_disclosure.model.identities import Identity, identities_of
from gov_disclosure.model.keys import CellKey
from gov_disclosure.model.layout import ValueType
from gov_disclosure.model.report import Report
from gov_disclosure.narrative.facts import NarrativeFact
from gov_disclosure.ocr import OCR_ORIGIN
from gov_disclosure.parsing.cells import NA_MARKS, parse_cell

__all__ = ["CHECKED", "CONFIDENT", "recognised_narrative", "settle"]

CONFIDENT = 90
"""The least confidence (percent) with which a recognised number that takes part in no identity (表二's) is kept,
when none of the recognizer's other readings of it is another number. Confidence is the best reading's: a scan of a
generated report (Hypothesis, test_ocr_generated) read ``15`` as ``5`` and ``-29`` as ``29`` with 99 %, the
recognizer's other readings ``15.`` and ``-29`` (a character it was unsure of, in a reading otherwise sure)."""
CHECKED = 50
"""The least confidence (percent) with which a recognised number is kept when an identity it takes part in holds
and none fails: a misread would have to be cancelled by another in every identity it takes part in. A number in
identities none of which can be decided (its neighbours unread) is not kept on its confidence alone: a table whose
rules were misread can give a confident wrong number there."""


def _value_type(key: CellKey) -> ValueType:
    return layout_of(key.table, key.row).row(key.row).column(key.column).value_type


def _candidates(key: CellKey, cell: Cell) -> list[Number]:
    """The numbers the recognizer read in *cell*, the best first."""
    source = cell.source
    texts = [cell.raw, *(source.readings.split(" | ") if source is not None and source.readings else ())]
    value_type = _value_type(key)
    out: list[Number] = []
    for text in texts:
        value = parse_cell(text, value_type).value
        if value is not None and value not in out:
            out.append(value)
    return out


def _state(identity: Identity, values: Mapping[CellKey, Number | None]) -> bool | None:
    """True when *identity* holds, False when it fails, None when a cell has no value."""
    total: Number = 0
    for key in identity.cells:
        value = values.get(key)
        if value is None:
            return None
        total += identity.coefficient(key) * value
    return total == 0


def settle(report: Report, *, every_cell: bool = True) -> tuple[Report, tuple[Finding, ...]]:
    """*report*, read from images by OCR, with every cell that holds a number or text kept, corrected or flagged as
    the identities say, and the findings.

    Every such cell counts as recognised when *every_cell* (a report read from images only): a cell of a grid carries
    the recognizer's confidence, and one the text reader found in the recognised text when a grid could not be read
    (no ``origin``, no confidence) is kept only when the identities force it. Otherwise (a PDF's scanned pages among
    printed ones) only the cells recognised in images (``origin`` ``"ocr"``) are; the printed ones check them."""
    recognised = {
        entry.key: entry.cell
        for entry in report.iter_cells()
        if (entry.cell.value is not None or entry.cell.kind is CellKind.TEXT)
        and (every_cell or (entry.cell.source is not None and entry.cell.source.origin == OCR_ORIGIN))
    }
    if not recognised:
        return report, ()
    identities = identities_of(report.format, report.collapsed)
    of_cell: dict[CellKey, list[Identity]] = {}
    for identity in identities:
        for key in identity.cells:
            of_cell.setdefault(key, []).append(identity)
    values: dict[CellKey, Number | None] = {entry.key: entry.cell.value for entry in report.iter_cells()}
    candidates = {key: _candidates(key, cell) for key, cell in recognised.items()}
    corrected = _mend(values, candidates, recognised, of_cell)
    accepted = _accepted(values, recognised, corrected, of_cell)
    findings: list[Finding] = []
    for key, cell in recognised.items():
        value = values[key]
        if key in accepted and key in corrected and value is not None:
            findings.append(_corrected(key, cell, value))
            report = report.with_cell(key, _number(cell, value))
        elif key not in accepted:
            findings.append(_uncertain(key, cell, candidates[key]))
            report = report.with_cell(key, Cell.text(cell.raw, source=cell.source))
    flagged = len(recognised) - len(accepted)
    return report, (_summary(len(recognised), len(corrected & accepted), flagged), *findings)


def _accepted(
    values: Mapping[CellKey, Number | None],
    recognised: Mapping[CellKey, Cell],
    corrected: set[CellKey],
    of_cell: Mapping[CellKey, Sequence[Identity]],
) -> set[CellKey]:
    """The recognised cells whose values are kept: read with some confidence (:data:`CHECKED`) with an identity
    confirming them and none failing (each holds, or cannot be decided for a cell without a value), or, when they
    take part in none, read surely: with high confidence (:data:`CONFIDENT`) and no other number among the
    recognizer's other readings (:func:`_doubted`); then, again and again, each cell an identity forces — an
    identity that holds whose other cells are all kept or not recognised.

    A cell is confirmed by two identities that hold, or by one that holds unless the cell and another on the other
    side of it (a row's cell and its total) were both read with less than high confidence: the same misreading in
    both (``0`` read ``9`` in the cell and in the total) leaves the identity holding, and then it confirms neither.
    (Two misreadings on the same side hold it only if they cancel, which the same misreading never does.)"""
    states = {identity: _state(identity, values) for identities in of_cell.values() for identity in identities}
    unsure = {key for key, cell in recognised.items() if _confidence(cell) < CONFIDENT}

    def confirms(identity: Identity, key: CellKey) -> bool:
        if key not in unsure:
            return True
        side = identity.coefficient(key)
        return not any(c in unsure and identity.coefficient(c) * side < 0 for c in identity.cells if c != key)

    accepted: set[CellKey] = set()
    for key, cell in recognised.items():
        mine = of_cell.get(key, ())
        if mine:
            holding = [identity for identity in mine if states[identity]]
            sure = _confidence(cell) >= CHECKED and (
                len(holding) >= 2 or any(confirms(identity, key) for identity in holding)
            )
        else:
            sure = key not in unsure and not _doubted(cell)
        if values[key] is not None and key not in corrected and sure and not any(states[i] is False for i in mine):
            accepted.add(key)  # none fails: each holds, or cannot be decided (a blank or unread cell in it)
    forced = True
    while forced:
        forced = False
        for key in recognised.keys() - accepted:
            if values[key] is None:
                continue
            for identity in of_cell.get(key, ()):
                others = (c for c in identity.cells if c != key)
                if states[identity] and all(c in accepted or c not in recognised for c in others):
                    accepted.add(key)
                    forced = True
                    break
    return accepted


def _doubted(cell: Cell) -> bool:
    """True when one of the recognizer's other readings of *cell* is another number or a mark: other figures
    (``15.`` beside ``5``: the ``1`` it was unsure of), another sign (``-29`` beside ``29``), or a not-applicable
    mark. A reading of letters only (``O`` beside ``0``) is none of these: in a cell of numbers it is a glyph read
    as a letter, not another value.

    >>> from gov_disclosure.model.source import SourceLocation
    >>> source = SourceLocation(origin="ocr", confidence=99, readings="15.")
    >>> _doubted(Cell.of(5, source=source)), _doubted(Cell.of(15, source=source))
    (True, False)
    >>> _doubted(Cell.of(0, source=SourceLocation(origin="ocr", confidence=99, readings="0. | O")))
    False
    >>> _doubted(Cell.of(84, source=SourceLocation(origin="ocr", confidence=99, readings="８4 | 84 ")))
    False
    """
    source = cell.source
    if source is None or not source.readings:
        return False
    mine = _figures(cell.raw)
    for reading in source.readings.split(" | "):
        figures = _figures(reading)
        if (figures and figures != mine) or reading.strip() in NA_MARKS:
            return True
    return False


def _figures(text: str) -> str:
    """The digits of *text* (full-width ones as ASCII), after its sign: ``-29`` → ``-29``, ``15.`` → ``15``, ``８4``
    → ``84``, ``O`` → empty."""
    digits = "".join(str(int(char)) for char in text if char.isdecimal())
    return "-" + digits if digits and text.lstrip().startswith("-") else digits


def _confidence(cell: Cell) -> int:
    """The recognizer's confidence in *cell* (percent); 0 for a cell without one (found in recognised text)."""
    return (cell.source.confidence or 0) if cell.source is not None else 0


def _summary(recognised: int, corrected: int, flagged: int) -> Finding:
    kept = recognised - flagged
    return Finding(
        code="OCR.READ",
        severity=Severity.INFO,
        message=f"本报告由OCR从图像识别：{recognised}个单元格中{kept}个经勾稽关系或高置信度确认"
        f"（其中{corrected}个取候选读数），{flagged}个未能确认、未取值；叙述文字中的数字未经核对",
        message_en=f"the report was read from images by OCR: of {recognised} recognised cells, {kept} are confirmed "
        f"by the identities or a confident reading ({corrected} by a candidate reading) and {flagged} are left "
        "without a value; numbers in the narrative are as sure as the recognition",
        outcome=Outcome.NOTE,
        evidence=f"recognised={recognised} kept={kept} corrected={corrected} flagged={flagged}",
    )


def recognised_narrative(
    facts: Iterable[NarrativeFact], checked: Iterable[Finding]
) -> tuple[tuple[NarrativeFact, ...], tuple[Finding, ...]]:
    """Facts read from recognised text, and the findings of checking them against the tables, saying so."""
    marked = tuple(evolve(fact, origin=OCR_ORIGIN) for fact in facts)
    noted = tuple(
        evolve(
            finding,
            message=f"{finding.message}（叙述文字由OCR识别）",
            message_en=f"{finding.message_en} (the narrative was recognised by OCR)",
        )
        for finding in checked
    )
    return marked, noted


def _mend(
    values: dict[CellKey, Number | None],
    candidates: Mapping[CellKey, Sequence[Number]],
    recognised: Mapping[CellKey, Cell],
    of_cell: Mapping[CellKey, Sequence[Identity]],
) -> set[CellKey]:
    """Give a cell in failing identities (or a cell read as text) the one candidate that makes every identity it
    takes part in hold; the keys changed. A failure two different changes would mend is left alone: which cell is
    misread is not certain."""
    changed: set[CellKey] = set()
    while True:
        fixes: dict[CellKey, list[Number]] = {}
        for key in recognised:
            mine = of_cell.get(key, ())
            if key in changed or not mine:
                continue
            states = [_state(i, values) for i in mine]
            if False not in states and values[key] is not None:
                continue
            current = values[key]
            for value in candidates[key]:
                if value == current:
                    continue
                values[key] = value
                after = [_state(i, values) for i in mine]
                if False not in after and True in after:
                    fixes.setdefault(key, []).append(value)
            values[key] = current
        mended: dict[Identity, list[CellKey]] = {}
        for key in fixes:
            for identity in of_cell[key]:
                mended.setdefault(identity, []).append(key)
        certain = {
            key: found[0]
            for key, found in fixes.items()
            if len(found) == 1 and all(len(mended[identity]) == 1 for identity in of_cell[key])
        }
        if not certain:
            return changed
        for key, value in certain.items():
            values[key] = value
            changed.add(key)


def _number(cell: Cell, value: Number) -> Cell:
    """The cell holding the candidate reading *value* (what the recognizer first read stays in the finding)."""
    return Cell.of(value, source=cell.source)


def _where(key: CellKey) -> str:
    table = layout_of(key.table, key.row)
    row = table.row(key.row)
    return f"表{table.number}「{row.full_label}」{row.column(key.column).label}"


def _read(cell: Cell) -> tuple[str, str]:
    confidence = cell.source.confidence if cell.source is not None else None
    share = "" if confidence is None else f"，置信度{confidence}%"
    share_en = "" if confidence is None else f" with {confidence}% confidence"
    return f"识别为“{cell.raw}”{share}", f"read as {cell.raw!r}{share_en}"


def _uncertain(key: CellKey, cell: Cell, candidates: Iterable[Number]) -> Finding:
    read, read_en = _read(cell)
    listed = tuple(candidates)
    others = "、".join(str(v) for v in listed)
    return Finding(
        code="OCR.UNCERTAIN",
        severity=Severity.WARNING,
        message=f"{_where(key)}：该单元格由OCR识别（{read}），"
        + (f"候选读数 {others} " if listed else "")
        + "均不能由勾稽关系确认，未取值",
        message_en=f"{key}: recognised by OCR ({read_en}); "
        + (f"no candidate reading ({', '.join(str(v) for v in listed)}) " if listed else "the reading is not a number ")
        + "is confirmed by the identities, so the cell is left without a value",
        cells=(key,),
        outcome=Outcome.UNDECIDABLE,
        candidates=listed,
        evidence=" | ".join([cell.raw, *((cell.source.readings,) if cell.source and cell.source.readings else ())]),
        source=cell.source,
    )


def _corrected(key: CellKey, cell: Cell, value: Number) -> Finding:
    read, read_en = _read(cell)
    return Finding(
        code="OCR.CORRECTED",
        severity=Severity.INFO,
        message=f"{_where(key)}：该单元格由OCR识别（{read}），取勾稽关系所确认的候选读数 {value}",
        message_en=f"{key}: recognised by OCR ({read_en}); the identities confirm the candidate reading {value}",
        cells=(key,),
        outcome=Outcome.NOTE,
        candidates=(value,),
        evidence=" | ".join([cell.raw, *((cell.source.readings,) if cell.source and cell.source.readings else ())]),
        source=cell.source,
    )
