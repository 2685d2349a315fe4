"""A row printed with fewer numbers than columns, completed when the identities force every cell of it.

The texts are seed 004 (海珠区政府办 2021) with one number taken out of a row: its row
``2. 其他法律行政法规禁止公开`` reads ``2 0 0 0 0 0 2`` by hand, every other result row and （七） ``24 0 0 0 0 0 24``
are printed whole, so the identities force that row back to ``2 0 0 0 0 0 2``.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from gov_disclosure.loader import ReadResult, load
from gov_disclosure.model import Cell, CellKind, Report, Table4, Table4Row
from gov_disclosure.model.identities import Identity
from gov_disclosure.model.keys import CellKey
from gov_disclosure.model.layout import ValueType
from gov_disclosure.parsing.completion import complete_row
from gov_disclosure.parsing.resolve import Equation
from gov_disclosure.serializers.json import dumps, loads
from gov_disclosure.serializers.xlsx import from_cells_sheet, from_xlsx
from gov_disclosure.serializers.xlsx.write import to_xlsx
from gov_disclosure.validation import Status, evaluate_identities, validate

ROW = "\t\t2. 其他法律行政法规禁止公开\t"
COLUMNS = ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other", "total")


def _seed_004(seeds_dir: Path) -> str:
    (path,) = seeds_dir.glob("004_*.txt")
    return path.read_text(encoding="utf-8")


def _read(tmp_path: Path, text: str) -> ReadResult:
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    return load(path)


def _short(seeds_dir: Path, printed: str) -> str:
    text = _seed_004(seeds_dir)
    assert f"{ROW}2\t0\t0\t0\t0\t0\t2\n" in text
    return text.replace(f"{ROW}2\t0\t0\t0\t0\t0\t2\n", f"{ROW}{printed}\n")


def test_a_completed_value_says_where_it_came_from() -> None:
    cell = Cell.completed(4, "T3.RESULTS_SUM:total")
    assert (cell.kind, cell.value, cell.raw, cell.completed_from) == (CellKind.NUMBER, 4, "", "T3.RESULTS_SUM:total")
    assert cell != Cell.of(4)  # a number completed is not a number printed
    with pytest.raises(ValueError, match="no value"):
        Cell(kind=CellKind.BLANK, completed_from="T3.RESULTS_SUM:total")


def _identity() -> tuple[Identity, Equation]:
    keys = [CellKey("t", row, "a") for row in ("sum", "r", "s")]
    identity = Identity(code="X", lhs=(keys[0],), rhs=(keys[1], keys[2]), statement_zh="", statement_en="", subject="a")
    return identity, Equation((("sum", 0),), (("r", 0), ("s", 0)))


def test_complete_row_never_chooses() -> None:
    one = [_identity()]
    count = [ValueType.COUNT]
    assert complete_row("r", count, [None], [], one, {("sum", 0): 5, ("s", 0): 2}) is not None
    assert complete_row("r", count, [None], [], one, {("sum", 0): 5}) is None  # two unknowns: not forced
    assert complete_row("r", count, [None], [], one, {("sum", 0): 1, ("s", 0): 2}) is None  # would be negative
    assert complete_row("r", count, [None], ["4"], one, {("sum", 0): 5, ("s", 0): 2}) is None  # the print disagrees


def test_a_short_row_forced_by_the_identities_is_completed(seeds_dir: Path, tmp_path: Path) -> None:
    result = _read(tmp_path, _short(seeds_dir, "2\t0\t0\t0\t0\t2"))
    row = result.report.table3.denied_law_prohibited  # type: ignore[union-attr]
    assert row is not None
    # the two 2s can only be 自然人 and 总计 (read as printed); which 0 was lost is not printed: the five 0s between
    # them are completed, each from its column's （七）总计 = Σ results
    assert [(c.value, c.completed_from) for _, c in row.cells()] == [
        (2, None),
        *((0, f"T3.RESULTS_SUM:{column}") for column in COLUMNS[1:6]),
        (2, None),
    ]
    assert [c.raw for _, c in row.cells()] == ["2", "", "", "", "", "", "2"]
    assert [(f.code, f.row) for f in result.findings] == [("READ.ROW_COMPLETED", "denied_law_prohibited")]
    finding = result.findings[0]
    assert "T3.RESULTS_SUM×5" in finding.message
    assert len(finding.cells) == 5
    statuses = {e.identity.name: e.status for e in evaluate_identities(result.report)}
    used = {f"T3.RESULTS_SUM:{c}" for c in COLUMNS[1:6]} | {"T3.ROW_SUM:denied_law_prohibited"}
    assert {name for name, status in statuses.items() if status is Status.COMPLETED} == used  # not counted as checks
    assert Status.COMPLETED.value == "completed"


def test_a_short_row_whose_print_disagrees_is_left_undecided(seeds_dir: Path, tmp_path: Path) -> None:
    """The identities give 2 0 0 0 0 0 2; a row printing 3 among its numbers cannot be that row: not completed."""
    result = _read(tmp_path, _short(seeds_dir, "2\t0\t0\t0\t0\t3"))
    row = result.report.table3.denied_law_prohibited  # type: ignore[union-attr]
    assert row is not None
    assert all(c.value is None and c.completed_from is None for _, c in row.cells())
    assert "READ.ROW_SHORT" in {f.code for f in result.findings}
    assert "READ.ROW_COMPLETED" not in {f.code for f in result.findings}


def test_two_short_rows_in_the_same_columns_are_not_completed(seeds_dir: Path, tmp_path: Path) -> None:
    """Each column's results sum then has two unknown cells: nothing is forced, nothing is completed."""
    text = _short(seeds_dir, "2\t0\t0\t0\t0\t2")
    other = "\t\t5. 属于三类内部事务信息\t"
    assert f"{other}1\t0\t0\t0\t0\t0\t1\n" in text
    result = _read(tmp_path, text.replace(f"{other}1\t0\t0\t0\t0\t0\t1\n", f"{other}1\t0\t0\t0\t0\t1\n"))
    codes = [(f.code, f.row) for f in result.findings if f.code.startswith("READ.")]
    assert ("READ.ROW_SHORT", "denied_law_prohibited") in codes
    assert not [f for f in result.findings if f.code == "READ.ROW_COMPLETED"]


def test_an_identity_that_fails_with_a_completed_value_is_reported() -> None:
    """Completed values do not hide a failure: only an identity that holds with them is set aside."""
    completed = Table4Row(
        upheld=Cell.completed(1, "T4.GROUP_SUM:review"),
        corrected=Cell.of(0),
        other=Cell.of(0),
        pending=Cell.of(0),
        total=Cell.of(2),
    )
    zeros = [0] * 5
    rows: dict[str, Table4Row | list[int]] = {
        "review": completed,
        "litigation_direct": zeros,
        "litigation_after_review": zeros,
    }
    report = Report(format_version="2021", table4=Table4.from_rows(rows))
    assert [(f.code, f.actual, f.expected) for f in validate(report) if f.code.startswith("T4.")] == [
        ("T4.GROUP_SUM", 2, 1)
    ]
    rows["review"] = Table4Row.from_values([Cell.completed(2, "T4.GROUP_SUM:review"), 0, 0, 0, 2])
    holding = Report(format_version="2021", table4=Table4.from_rows(rows))
    assert not [f for f in validate(holding) if f.code.startswith("T4.")]
    (review,) = [e for e in evaluate_identities(holding) if e.identity.name == "T4.GROUP_SUM:review"]
    assert review.status is Status.COMPLETED


def test_completed_values_survive_json_and_xlsx(seeds_dir: Path, tmp_path: Path) -> None:
    report = _read(tmp_path, _short(seeds_dir, "2\t0\t0\t0\t0\t2")).report
    document = json.loads(dumps(report))
    cell = document["table3"]["denied_law_prohibited"]["commercial"]
    assert {k: v for k, v in cell.items() if k != "source"} == {
        "kind": "zero",
        "value": 0,
        "raw": "",
        "completed_from": "T3.RESULTS_SUM:commercial",
    }
    assert loads(dumps(report)) == report
    buffer = io.BytesIO()
    to_xlsx(report, buffer)
    assert from_xlsx(io.BytesIO(buffer.getvalue()))[0] == report
    assert from_cells_sheet(io.BytesIO(buffer.getvalue()))[0] == report
