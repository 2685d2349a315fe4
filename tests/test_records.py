"""The long format (:mod:`gov_disclosure.records`): one record per cell, checked against what a person read.

The seeds' expected values are those of ``test_seeds.py`` (read from the seed texts by a person); the real reports'
come from their truth files. Records and their inverse :func:`~gov_disclosure.records.from_records` are checked by
a property over generated reports of both formats with every kind of cell and extra rows.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import gov_disclosure as gd
from conftest import SHARED, shared_path
from gov_disclosure.errors import ModelError
from gov_disclosure.findings import Finding, Severity
from gov_disclosure.loader import ReadResult, load
from gov_disclosure.model import Cell, CellKey, CellKind, ExtraRow, Report, Sections, Table3, Table4
from gov_disclosure.model.tables import Table
from gov_disclosure.records import CellRecord, from_records, records
from gov_disclosure.testing import cells, consistent_reports
from gov_disclosure.testing.truth import Truth, truth_files


def _by_key(found: list[CellRecord]) -> dict[str, CellRecord]:
    return {str(record.key): record for record in found}


def _finding(code: str, severity: Severity, **where: object) -> Finding:
    return Finding(code=code, severity=severity, message=code, message_en=code, **where)  # type: ignore[arg-type]


# --- a report built by hand ------------------------------------------------------------------------------------


HAND = Report(
    format_version="2019",
    agency="某局",
    report_year=2020,
    table3=Table3.from_rows(
        {"granted": [1, 0, 0, 0, 0, 0, 1]},
        extra_rows=[
            ExtraRow(label="其他主动公开文件", cells=(Cell.of(3), Cell.not_applicable("/")), after="granted"),
            ExtraRow(label="说明"),
        ],
    ),
    table4=Table4.from_rows(
        {"review": [Cell.of(2, raw="2（其中1件）", annotation="其中1件"), Cell.blank(), Cell.text("3 5"), 0, 2]}
    ),
)


def test_one_record_per_cell_with_keys_labels_and_the_cell() -> None:
    """Every official cell, then each extra row's cells ([j]) or, for one with none, one blank record."""
    found = list(records(HAND))
    assert [str(r.key) for r in found] == [
        *(f"table3.granted.{c}" for c in Table3.row_types["granted"].column_keys()),
        "table3.extra_rows[0].[0]",
        "table3.extra_rows[0].[1]",
        "table3.extra_rows[1].",
        *(f"table4.review.{c}" for c in ("upheld", "corrected", "other", "pending", "total")),
    ]
    by_key = _by_key(found)
    granted = by_key["table3.granted.natural_person"]
    head = (granted.agency, granted.report_year, granted.format_version, granted.report_index)
    assert head == ("某局", 2020, "2019", 0)
    assert (granted.table_label, granted.row_label, granted.column_label) == (
        "收到和处理政府信息公开申请情况",
        "三、本年度办理结果 （一）予以公开",
        "自然人",
    )
    upheld = by_key["table4.review.upheld"]
    assert (upheld.value, upheld.kind, upheld.raw, upheld.annotation) == (2, CellKind.NUMBER, "2（其中1件）", "其中1件")
    assert (by_key["table4.review.corrected"].value, by_key["table4.review.corrected"].kind) == (None, CellKind.BLANK)
    assert (by_key["table4.review.other"].value, by_key["table4.review.other"].raw) == (None, "3 5")
    assert by_key["table4.review.pending"].kind is CellKind.ZERO
    extra = by_key["table3.extra_rows[0].[1]"]
    assert (extra.row_label, extra.column_label, extra.after, extra.kind) == (
        "其他主动公开文件",
        "",
        "granted",
        CellKind.NOT_APPLICABLE,
    )
    empty = by_key["table3.extra_rows[1]."]
    assert (empty.row_label, empty.kind, empty.after) == ("说明", CellKind.BLANK, None)
    assert all(r.severity is None for r in found)  # a bare report has no findings to give
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        granted.value = 2  # type: ignore[misc]


def test_records_round_trip_by_hand() -> None:
    """:func:`from_records` rebuilds the tables, extra rows included; narrative sections are not records."""
    with_text = attrs.evolve(HAND, sections=Sections(overview="总体情况"))
    assert from_records(records([with_text, HAND])) == (HAND, HAND)


OTHER = CellKey("table4", "review", "other")


def test_severity_is_the_worst_finding_naming_the_cell_its_row_or_its_table() -> None:
    """A finding names a cell by key; one with a row and no cells names the row; one with only a table the table."""
    findings = (
        _finding("A", Severity.WARNING, cells=(OTHER,)),
        _finding("B", Severity.ERROR, cells=(OTHER, CellKey("table3", "granted", "total"))),
        _finding("C", Severity.INFO, table="table3", row="granted"),
        _finding("D", Severity.INCONSISTENCY, table="table3"),
        _finding("E", Severity.ERROR),  # names nothing
    )
    result = ReadResult(report=HAND, findings=findings)
    by_key = _by_key(list(records(result)))
    assert by_key["table4.review.other"].severity is Severity.ERROR
    assert by_key["table4.review.upheld"].severity is None
    assert by_key["table3.granted.total"].severity is Severity.ERROR
    assert by_key["table3.granted.natural_person"].severity is Severity.INCONSISTENCY  # row INFO, table worse
    assert by_key["table3.extra_rows[1]."].severity is Severity.INCONSISTENCY


def test_records_take_one_report_or_many_and_refuse_anything_else() -> None:
    assert list(records(HAND)) == list(records([HAND]))
    assert [r.report_index for r in records([HAND, HAND]) if r.key == CellKey("table4", "review", "total")] == [0, 1]
    with pytest.raises(TypeError, match="records\\(\\) takes reports and read results, got str"):
        list(records(["report.txt"]))  # type: ignore[list-item]


def test_from_records_refuses_a_row_not_whole_and_unknown_places() -> None:
    found = [r for r in records(HAND) if r.key != CellKey("table4", "review", "total")]
    with pytest.raises(ModelError, match=r"table4\.review: missing columns total"):
        from_records(found)
    odd = attrs.evolve(next(iter(records(HAND))), table="table2")
    with pytest.raises(ModelError, match="table2: not a table of the 2019 format"):
        from_records([odd])
    bad_extra = attrs.evolve(next(iter(records(HAND))), row_key="extra_rows[x]")
    with pytest.raises(ModelError, match="not an extra row key"):
        from_records([bad_extra])


def test_source_path_and_money(tmp_path: Path) -> None:
    """The path of the file a report was read from; a money value is the exact Decimal printed, with its unit."""
    path = tmp_path / "report.txt"
    path.write_text(gd.example_report_text(), encoding="utf-8")
    assert {r.source for r in records(load(path))} == {str(path)}
    table2 = gd.Table2_2019.from_rows(
        {"central_procurement": [Cell.of(3), Cell.of(Decimal("251000.50"), raw="251000.50元", unit="元")]}
    )
    (_, money) = records(Report(format_version="2019", table2_2019=table2))
    assert (money.value, str(money.value), money.unit) == (Decimal("251000.5"), "251000.50", "元")
    assert money.raw == "251000.50元"


# --- property: records and back ----------------------------------------------------------------------------------

_ODD = st.one_of(
    cells(),
    st.builds(Cell.text, st.sampled_from(("3 5", "12（其中", "见附件"))),
    st.just(Cell.not_printed()),
    st.builds(Cell.completed, st.integers(0, 10**6), st.just("T3.RESULTS_SUM:natural_person")),
)


@st.composite
def odd_reports(draw: st.DrawFn) -> Report:
    """A generated report (either format) with some cells of every kind and extra rows in its tables."""
    report = draw(consistent_reports())
    entries = list(report.iter_cells())
    for _ in range(draw(st.integers(0, 6))):
        report = report.with_cell(draw(st.sampled_from(entries)).key, draw(_ODD))
    tables: dict[str, Table] = {}
    for spec, table in report.tables():
        if spec.key == "table4":
            continue
        extras = draw(
            st.lists(
                st.builds(
                    ExtraRow,
                    label=st.text(min_size=1, max_size=8),
                    cells=st.lists(_ODD, max_size=3).map(tuple),
                    after=st.none() | st.sampled_from([row.key for row in spec.rows]),
                ),
                max_size=2,
            )
        )
        tables[spec.key] = attrs.evolve(table, extra_rows=tuple(extras))  # type: ignore[misc]
    return attrs.evolve(report, **tables)  # type: ignore[arg-type]


@pytest.mark.property
@given(st.lists(odd_reports(), min_size=1, max_size=3))
def test_from_records_inverts_records(reports: list[Report]) -> None:
    """records → reports gives the reports back, but their narrative sections."""
    assert from_records(records(reports)) == tuple(attrs.evolve(r, sections=Sections()) for r in reports)


# --- the seeds -------------------------------------------------------------------------------------------------


def _seed(seeds_dir: Path, prefix: str) -> dict[str, CellRecord]:
    (path,) = seeds_dir.glob(f"{prefix}_*.txt")
    return _by_key(list(records(load(path))))


@pytest.mark.seeds
def test_records_of_the_seeds(seeds_dir: Path) -> None:
    """Values, kinds and flags of the seeds as test_seeds.py has them (read from the texts by a person)."""
    seed = _seed(seeds_dir, "000")
    assert [seed[f"table3.new_received.{c}"].value for c in Table3.row_types["granted"].column_keys()] == [
        1,
        0,
        0,
        0,
        0,
        0,
        1,
    ]
    assert seed["table3.new_received.total"].source is not None
    assert seed["table3.new_received.total"].source.endswith("000_d65f754a7ed52466.txt")
    assert (seed["table3.granted.total"].kind, seed["table3.carried_over.total"].kind) == (
        CellKind.NUMBER,
        CellKind.ZERO,
    )
    assert _seed(seeds_dir, "001") == {}  # the tables are missing from the text: no cells
    seed = _seed(seeds_dir, "002")
    assert all(seed[f"table3.total_processed.{c}"].kind is CellKind.TEXT for c in ("natural_person", "total"))
    assert all(seed[f"table3.total_processed.{c}"].value is None for c in ("natural_person", "total"))
    assert seed["table3.total_processed.total"].severity is Severity.ERROR  # READ.ROW_SHORT names it
    assert not any(key.startswith("table3.granted.") for key in seed)  # a row lost: no records, never zeros
    assert seed["table2_2019.licensing.decisions"].value == 0
    seed = _seed(seeds_dir, "003")
    completed = [seed[f"table3.other_no_correction.{c}"] for c in Table3.row_types["granted"].column_keys()]
    assert (completed[0].value, completed[0].raw) == (0, "")  # nothing printed there
    assert all(r.completed_from == f"T3.RESULTS_SUM:{r.column_key}" for r in completed)
    seed = _seed(seeds_dir, "004")
    assert (seed["table3.new_received.natural_person"].value, seed["table3.total_processed.total"].value) == (22, 24)
    assert [seed[f"table4.review.{c}"].value for c in ("upheld", "corrected", "other", "pending", "total")] == [
        2,
        0,
        0,
        0,
        2,
    ]


# --- the real reports ---------------------------------------------------------------------------------------------


def _real() -> list[Path]:
    real = SHARED / "real"
    return truth_files(real) if real.is_dir() else [real]


@pytest.mark.parametrize("truth_path", _real(), ids=lambda p: p.name)
def test_records_of_the_real_reports_match_their_truth_files(truth_path: Path) -> None:
    """Every cell of the truth file: the record has the value printed (a number of its kind, with its unit), and a
    cell the text cannot fix has no value and a severity (a finding names it)."""
    if not truth_path.exists():
        shared_path("real")
    truth = Truth.load(truth_path)
    report_path = truth.report_path()
    assert report_path is not None
    by_key = _by_key(list(records(load(report_path))))
    for cell in truth.cells:
        record = by_key.get(str(cell.key))
        assert record is not None, cell.key
        if cell.undecidable:
            assert record.value is None, cell.key
            assert record.severity is not None, cell.key
            continue
        assert record.value == cell.value, cell.key
        assert record.kind is (CellKind.ZERO if cell.value == 0 else CellKind.NUMBER), cell.key
        if cell.unit is not None:
            assert record.unit == cell.unit, cell.key
