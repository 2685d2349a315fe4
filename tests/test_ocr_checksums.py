"""The identities as the checksum of OCR (gov_disclosure.ocr.checksums): every recognised number is kept only when
the identities confirm it (or, where none applies, a confident reading), mended when they force one of its
candidate readings, and otherwise flagged OCR.UNCERTAIN and left without a value — never a wrong number, and never
an identity failure blamed on the agency for a misread.

These tests need no OCR engine: a report's cells are marked as recognised (origin "ocr") with a confidence and
candidate readings, as the OCR reader marks them.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gov_disclosure.findings import Outcome
from gov_disclosure.loader import finish
from gov_disclosure.model import Cell, Report, Table2, Table3, Table4
from gov_disclosure.model.cells import Number
from gov_disclosure.model.identities import identities_of
from gov_disclosure.model.keys import CellKey
from gov_disclosure.model.source import SourceLocation
from gov_disclosure.ocr.checksums import CONFIDENT, settle
from gov_disclosure.testing import consistent_reports
from huaian_2024 import TABLE2, TABLE3, TABLE4


def _recognised(report: Report, confidence: int = 99) -> Report:
    """*report* with every number cell marked as read by OCR with *confidence*."""
    for entry in report.iter_cells():
        source = SourceLocation(page=4, origin="ocr", box="1,2,3,4", confidence=confidence)
        report = report.with_cell(entry.key, entry.cell.located(source))
    return report


def _misread(report: Report, key: str, raw: str, *, confidence: int, readings: str | None = None) -> Report:
    cell = report.cell(key)
    assert cell is not None
    assert cell.source is not None
    source = SourceLocation(page=4, origin="ocr", box="1,2,3,4", confidence=confidence, readings=readings)
    value: Number = Decimal(raw) if "." in raw else int(raw)
    return report.with_cell(key, Cell.of(value, raw=raw, source=source))


@pytest.fixture(scope="module")
def huaian() -> Report:
    report = Report(
        format_version="2021",
        table2=Table2.from_rows(TABLE2),
        table3=Table3.from_rows(TABLE3),
        table4=Table4.from_rows(TABLE4),
    )
    return _recognised(report)


def test_a_report_read_right_is_kept_whole(huaian: Report) -> None:
    settled, findings = settle(huaian)
    assert settled == huaian
    assert [f.code for f in findings] == ["OCR.READ"]
    assert findings[0].evidence == "recognised=200 kept=200 corrected=0 flagged=0"


def test_a_misread_that_a_candidate_mends_is_corrected(huaian: Report) -> None:
    """3001 read as 3081 (the recognizer's second reading 3001): the column and row identities force 3001."""
    report = _misread(huaian, "table3.new_received.natural_person", "3081", confidence=71, readings="3001 | 3061")
    settled, findings = settle(report)
    assert settled.cell("table3.new_received.natural_person") == Cell.of(3001)
    corrected = [f for f in findings if f.code == "OCR.CORRECTED"]
    assert [(str(c), f.candidates) for f in corrected for c in f.cells] == [
        ("table3.new_received.natural_person", (3001,))
    ]
    assert "3081" in corrected[0].message_en


def test_a_confident_misread_without_the_right_candidate_is_flagged_not_blamed_on_the_agency(huaian: Report) -> None:
    """Read 3119 as 3149 with 99% confidence and no other reading: the identities fail, so the cell is flagged and
    left without a value, and validation reports no identity failure (undecidable, never failed)."""
    report = _misread(huaian, "table3.new_received.total", "3149", confidence=99)
    settled, findings = settle(report)
    cell = settled.cell("table3.new_received.total")
    assert cell is not None
    assert cell.value is None
    assert cell.raw == "3149"
    flagged = [f for f in findings if f.code == "OCR.UNCERTAIN"]
    assert [str(c) for f in flagged for c in f.cells] == ["table3.new_received.total"]
    assert flagged[0].outcome is Outcome.UNDECIDABLE
    assert flagged[0].candidates == (3149,)
    result = finish(settled, findings)
    assert not [f for f in result.findings if f.outcome is Outcome.FAILED], result.findings


def test_two_cells_that_could_each_mend_one_failure_are_both_flagged(huaian: Report) -> None:
    """表四 review: 72 + 64 + 178 + 37 = 351, read with 173 for 178. When one candidate reading mends the group sum
    it is taken; when two cells each have one that does (173 → 178, or 72 → 77), which cell is misread is not
    certain: both are flagged."""
    report = _misread(huaian, "table4.review.other", "173", confidence=95, readings="178")
    report = _misread(report, "table4.review.pending", "37", confidence=95, readings="40")
    settled, findings = settle(report)
    # only review.other's reading 178 mends the group sum (40 for pending would not): the one change is taken
    assert settled.cell("table4.review.other") == Cell.of(178)
    assert settled.cell("table4.review.pending") == Cell.of(37)
    ambiguous = _misread(huaian, "table4.review.other", "173", confidence=95, readings="178")
    ambiguous = _misread(ambiguous, "table4.review.upheld", "72", confidence=95, readings="77")
    settled, findings = settle(ambiguous)
    assert settled.cell("table4.review.other").value is None  # type: ignore[union-attr]
    assert settled.cell("table4.review.upheld").value is None  # type: ignore[union-attr]
    assert {str(c) for f in findings if f.code == "OCR.UNCERTAIN" for c in f.cells} >= {
        "table4.review.other",
        "table4.review.upheld",
    }


def test_a_cell_no_identity_checks_is_kept_only_when_confidently_read(huaian: Report) -> None:
    """表二's cells take part in no identity: a confident reading is kept, a doubtful one flagged."""
    sure = _misread(huaian, "table2.regulations.repealed", "0", confidence=CONFIDENT)
    assert settle(sure)[0].cell("table2.regulations.repealed") == Cell.of(0)
    doubtful = _misread(huaian, "table2.regulations.repealed", "0", confidence=CONFIDENT - 1)
    settled, findings = settle(doubtful)
    assert settled.cell("table2.regulations.repealed").value is None  # type: ignore[union-attr]
    assert [f.code for f in findings] == ["OCR.READ", "OCR.UNCERTAIN"]


def test_a_confident_reading_with_another_number_among_its_readings_is_not_kept_on_confidence(huaian: Report) -> None:
    """A scan of a generated report (Hypothesis, test_ocr_generated): 15 read ``5`` and -29 read ``29``, each with
    99 % confidence, the recognizer's other readings ``15.`` and ``-29``. No identity checks 表二: confidence alone
    kept both, two wrong numbers. A reading of other figures or another sign makes the cell doubtful: flagged."""
    for raw, readings in (("5", "15."), ("29", "-29"), ("1", "/")):
        report = _misread(huaian, "table2.regulations.repealed", raw, confidence=99, readings=readings)
        settled, findings = settle(report)
        assert settled.cell("table2.regulations.repealed").value is None, readings  # type: ignore[union-attr]
        assert [f.code for f in findings] == ["OCR.READ", "OCR.UNCERTAIN"]
    for readings in ("0.", "O", "0 | o"):  # the same figures, or letters only: not another value
        report = _misread(huaian, "table2.regulations.repealed", "0", confidence=99, readings=readings)
        assert settle(report)[0].cell("table2.regulations.repealed") == Cell.of(0), readings


def test_numbers_the_text_reader_found_in_recognised_text_are_kept_only_when_forced(huaian: Report) -> None:
    """When a grid cannot be read, the text reader reads the recognised text: its cells have no confidence, so
    each is kept only when a holding identity of kept cells forces it."""
    assert huaian.table4 is not None
    row = huaian.table4.review
    assert row is not None
    report = huaian
    for column, cell in row.cells():  # 表四 review from the text: no origin, no confidence
        report = report.with_cell(f"table4.review.{column}", Cell.of(cell.value, source=SourceLocation(line=40)))  # type: ignore[arg-type]
    settled, findings = settle(report)
    assert [c.value for _, c in settled.table4.review.cells()] == [None] * 5  # type: ignore[union-attr]
    assert {str(c) for f in findings if f.code == "OCR.UNCERTAIN" for c in f.cells} == {
        f"table4.review.{column}" for column in ("upheld", "corrected", "other", "pending", "total")
    }
    kept = report.with_cell("table4.review.total", huaian.cell("table4.review.total"))  # type: ignore[arg-type]
    kept = kept.with_cell("table4.review.upheld", huaian.cell("table4.review.upheld"))  # type: ignore[arg-type]
    kept = kept.with_cell("table4.review.corrected", huaian.cell("table4.review.corrected"))  # type: ignore[arg-type]
    kept = kept.with_cell("table4.review.other", huaian.cell("table4.review.other"))  # type: ignore[arg-type]
    assert settle(kept)[0].cell("table4.review.pending") == Cell.of(37)  # forced: 351 - 72 - 64 - 178


def test_the_same_misreading_in_a_cell_and_its_total_is_not_confirmed_by_their_row(huaian: Report) -> None:
    """A scan of fuzz-like damage (Hypothesis, test_ocr_generated): 0 read 9 with 57 % confidence in a row's cell and
    in its total, with 50 %, the columns' identities undecidable (a cell above unread): the row's total identity
    holds, but only because both are misread alike. It confirms neither: both are flagged, not kept."""
    report = huaian
    for column in ("legal_service", "total"):  # the columns' identities cannot be decided
        unread = Cell.text("?", source=SourceLocation(page=4, origin="ocr", box="1,2,3,4", confidence=20))
        report = report.with_cell(f"table3.granted.{column}", unread)
    report = _misread(report, "table3.not_processed_massive.legal_service", "9", confidence=57, readings="o")
    report = _misread(report, "table3.not_processed_massive.total", "9", confidence=50)
    settled, findings = settle(report)
    for column in ("legal_service", "total"):
        assert settled.cell(f"table3.not_processed_massive.{column}").value is None  # type: ignore[union-attr]
    flagged = {str(c) for f in findings if f.code == "OCR.UNCERTAIN" for c in f.cells}
    assert {"table3.not_processed_massive.legal_service", "table3.not_processed_massive.total"} <= flagged
    sure = _misread(report, "table3.not_processed_massive.total", "9", confidence=CONFIDENT)  # a confident total
    assert settle(sure)[0].cell("table3.not_processed_massive.legal_service") == Cell.of(9)  # checks the cell


def test_a_report_without_numbers_is_untouched() -> None:
    report = Report(format_version="2021")
    assert settle(report) == (report, ())


@pytest.mark.property
@settings(max_examples=40)
@given(consistent_reports(), st.data())
def test_a_recognised_number_is_the_printed_one_or_none(report: Report, data: st.DataObject) -> None:
    """Misread any few cells of a consistent report, with any confidence and any candidate readings (the right one
    among them or not): every cell an identity checks holds the printed value or no value, a cell none checks (表二)
    holds another only when the recognizer was confident (:data:`CONFIDENT`) in it and read no other number there,
    and no identity fails."""
    truth = {entry.key: entry.cell.value for entry in report.iter_cells()}
    checked = {key for identity in identities_of(report.format) for key in identity.cells}
    recognised = _recognised(report)
    keys = sorted((k for k, v in truth.items() if isinstance(v, int)), key=str)
    confident: set[CellKey] = set()
    for key in data.draw(st.lists(st.sampled_from(keys), max_size=4, unique=True)) if keys else ():
        printed = truth[key]
        assert isinstance(printed, int)
        drawn = data.draw(st.integers(0, 9998))
        wrong = drawn if drawn < printed else drawn + 1  # any number but the one printed
        others = data.draw(st.lists(st.integers(0, 9999), max_size=2))
        if data.draw(st.booleans()):
            others.append(printed)
        readings = " | ".join(str(v) for v in others) or None
        confidence = data.draw(st.integers(0, 100))
        if confidence >= CONFIDENT and all(v == wrong for v in others):
            confident.add(key)
        recognised = _misread(recognised, str(key), str(wrong), confidence=confidence, readings=readings)
    settled, findings = settle(recognised)
    for entry in settled.iter_cells():
        if entry.cell.value is not None and entry.cell.value != truth[entry.key]:
            assert entry.key not in checked, (entry.key, entry.cell)
            assert entry.key in confident, (entry.key, entry.cell)
    result = finish(settled, findings)
    assert not [f for f in result.findings if f.outcome is Outcome.FAILED and f.code.startswith("T")]


def test_cell_keys_used_exist() -> None:
    assert CellKey.parse("table3.new_received.total").column == "total"
