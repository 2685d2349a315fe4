"""Rows a report does not print: a 2021 表三 printing （六）其他处理 as one row (the 2019 layout), a 2021 表二 without
its 规章 row. Their cells are not printed — not zero, not blank — and nothing accuses them of missing numbers.

The texts are seed 004 (海珠区政府办 2021) edited the way real reports print: its （六） rows read by hand are
``1.…逾期不补正 1 0 0 0 0 0 1`` and two rows of zeros, so （六） as one row prints ``1 0 0 0 0 0 1``.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from openpyxl import load_workbook

from gov_disclosure.errors import ModelError
from gov_disclosure.loader import ReadResult, load
from gov_disclosure.model import TABLE3, Cell, CellKind, Report, Table3, Table3Row
from gov_disclosure.model.formats import FORMAT_2021
from gov_disclosure.model.identities import identities_of
from gov_disclosure.model.keys import CellKey
from gov_disclosure.serializers.json import dumps, json_schema, loads
from gov_disclosure.serializers.xlsx import from_xlsx, read_xlsx
from gov_disclosure.serializers.xlsx.write import to_xlsx
from gov_disclosure.validation import validate

SIX = ("other_no_correction", "other_fee_unpaid", "other_other")
UNPRINTED = Table3Row.from_cells([Cell.not_printed()] * 7)


def _seed_004(seeds_dir: Path) -> list[str]:
    (path,) = seeds_dir.glob("004_*.txt")
    return path.read_text(encoding="utf-8").split("\n")


def _six_as_one_row(lines: list[str]) -> str:
    """Seed 004 with its three （六） rows printed as one row, as the 2019 form prints it."""
    first = next(i for i, line in enumerate(lines) if line.startswith("其他处理\t(六) 1."))
    assert lines[first + 2].lstrip().startswith("3. 其他")
    return "\n".join([*lines[:first], "\t(六) 其他处理\t1\t0\t0\t0\t0\t0\t1", *lines[first + 3 :]])


def _read(tmp_path: Path, text: str) -> ReadResult:
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    return load(path)


def _values(row: Table3Row | None) -> list[object]:
    assert row is not None
    return [cell.value for _, cell in row.cells()]


def _collapsed_rows() -> dict[str, object]:
    """A 2021 表三 that balances, with （六） printed as one row: 3 granted, 1 otherwise processed, none carried."""
    rows: dict[str, object] = {row.key: [0] * 7 for row in FORMAT_2021.rows(TABLE3)}
    rows.update(
        new_received=[4, 0, 0, 0, 0, 0, 4],
        granted=[3, 0, 0, 0, 0, 0, 3],
        other_processing=[1, 0, 0, 0, 0, 0, 1],
        total_processed=[4, 0, 0, 0, 0, 0, 4],
        **dict.fromkeys(SIX, UNPRINTED),
    )
    return rows


def test_a_not_printed_cell_is_neither_zero_nor_blank() -> None:
    cell = Cell.not_printed()
    assert (cell.kind, cell.value, cell.is_number) == (CellKind.NOT_PRINTED, None, False)
    assert cell != Cell.blank()
    assert cell != Cell.of(0)


def test_a_2021_report_may_print_six_as_one_row_only_in_place_of_its_sub_rows() -> None:
    report = Report(format_version="2021", table3=Table3.from_rows(_collapsed_rows()))  # type: ignore[arg-type]
    assert report.collapsed == frozenset({"other_processing"})
    printed = _collapsed_rows() | {"other_other": [0] * 7}
    with pytest.raises(ModelError, match=r"other_processing.*other_other is printed"):
        Report(format_version="2021", table3=Table3.from_rows(printed))  # type: ignore[arg-type]
    assert Report(format_version="2021").collapsed == frozenset()


def test_the_results_sum_uses_the_printed_six_total() -> None:
    """format-spec §5.1 rule 2: （六） is the single row when printed as one; its sub-rows have no identities."""
    identities = identities_of(FORMAT_2021, frozenset({"other_processing"}))
    results = [i for i in identities if i.code == "T3.RESULTS_SUM"]
    assert len(results) == 7
    assert all(CellKey("table3", "other_processing", i.subject or "") in i.rhs for i in results)
    assert not [i for i in identities for key in i.cells if key.row in SIX]
    assert "T3.ROW_SUM:other_processing" in {i.name for i in identities}


def test_validation_checks_a_collapsed_report_with_its_six_total() -> None:
    rows = _collapsed_rows()
    report = Report(format_version="2021", table3=Table3.from_rows(rows))  # type: ignore[arg-type]
    assert [f.code for f in validate(report) if f.table == "table3" or f.code.startswith("T3.")] == []
    rows["other_processing"] = [2, 0, 0, 0, 0, 0, 2]  # one more than （七） counts
    broken = Report(format_version="2021", table3=Table3.from_rows(rows))  # type: ignore[arg-type]
    failing = [f for f in validate(broken) if f.code == "T3.RESULTS_SUM"]
    assert {str(f.cells[0]) for f in failing} == {
        "table3.total_processed.natural_person",
        "table3.total_processed.total",
    }
    assert all(CellKey("table3", "other_processing", f.cells[0].column) in f.cells for f in failing)


def test_reading_six_printed_as_one_row(seeds_dir: Path, tmp_path: Path) -> None:
    result = _read(tmp_path, _six_as_one_row(_seed_004(seeds_dir)))
    table3 = result.report.table3
    assert table3 is not None
    assert _values(table3.other_processing) == [1, 0, 0, 0, 0, 0, 1]  # the printed （六） total, as it is
    for key in SIX:  # not zero, not blank: not printed (before: （六） was read as 3.其他 — a wrong number)
        row = table3.row(key)
        assert row is not None
        assert {cell.kind for _, cell in row.cells()} == {CellKind.NOT_PRINTED}
    assert [(f.code, f.table) for f in result.findings] == [("READ.ROW_NOT_PRINTED", "table3")]
    assert {c.row for c in result.findings[0].cells} == set(SIX)


def test_six_printed_as_one_row_and_as_sub_rows_keeps_the_sub_rows(seeds_dir: Path, tmp_path: Path) -> None:
    """A （六） row printed above its own sub-rows is a row the 2021 form does not have: kept as an extra row."""
    lines = _seed_004(seeds_dir)
    first = next(i for i, line in enumerate(lines) if line.startswith("其他处理\t(六) 1."))
    result = _read(tmp_path, "\n".join([*lines[:first], "\t(六) 其他处理\t1\t0\t0\t0\t0\t0\t1", *lines[first:]]))
    table3 = result.report.table3
    assert table3 is not None
    assert table3.other_processing is None
    assert _values(table3.other_no_correction) == [1, 0, 0, 0, 0, 0, 1]
    assert [e.label for e in table3.extra_rows] == ["(六) 其他处理"]


def test_reading_a_2021_table2_without_its_regulations_row(seeds_dir: Path, tmp_path: Path) -> None:
    lines = [line for line in _seed_004(seeds_dir) if not line.startswith("规章\t")]
    result = _read(tmp_path, "\n".join(lines))
    table2 = result.report.table2
    assert table2 is not None
    assert table2.regulations is not None
    assert {cell.kind for _, cell in table2.regulations.cells()} == {CellKind.NOT_PRINTED}
    assert [cell.value for _, cell in table2.normative_docs.cells()] == [0, 1, 4]  # type: ignore[union-attr]
    assert [(f.code, f.row) for f in result.findings] == [("READ.ROW_NOT_PRINTED", "regulations")]


def test_rows_lost_together_are_missing_not_unprinted(seeds_dir: Path, tmp_path: Path) -> None:
    """Without the row after it, a 规章 row gone from the text may have been lost: missing, as before."""
    lines = [line for line in _seed_004(seeds_dir) if not line.startswith(("规章\t", "行政规范性文件\t"))]
    result = _read(tmp_path, "\n".join(lines))
    assert result.report.table2 is not None
    assert result.report.table2.regulations is None
    missing = [f.row for f in result.findings if f.code == "READ.ROW_MISSING"]
    assert missing == ["regulations", "normative_docs"]
    assert not [f for f in result.findings if f.code == "READ.ROW_NOT_PRINTED"]


def test_json_and_its_schema_carry_rows_not_printed(seeds_dir: Path, tmp_path: Path) -> None:
    report = _read(tmp_path, _six_as_one_row(_seed_004(seeds_dir))).report
    document = json.loads(dumps(report))
    assert document["table3"]["other_other"]["total"]["kind"] == "not_printed"
    assert "value" not in document["table3"]["other_other"]["total"]
    validator = Draft202012Validator(json_schema())
    validator.validate(document)
    assert loads(dumps(report)) == report
    document["table3"]["other_other"]["total"] = 0  # a printed sub-row beside the one （六） row
    assert not validator.is_valid(document)
    del document["table3"]["other_processing"]  # without the one row, the sub-rows may be printed again
    document["table3"]["other_other"] = dict.fromkeys(Table3Row.column_keys(), 0)
    validator.validate(document)


def test_xlsx_shows_and_reads_rows_not_printed(seeds_dir: Path, tmp_path: Path) -> None:
    report = _read(tmp_path, _six_as_one_row(_seed_004(seeds_dir))).report
    buffer = io.BytesIO()
    to_xlsx(report, buffer)
    assert from_xlsx(io.BytesIO(buffer.getvalue()))[0] == report
    workbook = load_workbook(io.BytesIO(buffer.getvalue()))
    cells = workbook["cells"]
    header = [c.value for c in cells[1]]
    kinds = {
        (row[header.index("row_key")], row[header.index("kind")])
        for row in cells.iter_rows(min_row=2, values_only=True)
    }
    assert {("other_other", "not_printed"), ("other_processing", "number")} <= kinds
    for name in ("cells", "reports", "sections"):  # the form alone, as a person would fill it in
        del workbook[name]
    by_hand = io.BytesIO()
    workbook.save(by_hand)
    read = read_xlsx(io.BytesIO(by_hand.getvalue())).reports[0]
    assert read.table3 == report.table3
    shown = [c.value for row in workbook.worksheets[0].iter_rows() for c in row if c.value == "未印出"]
    assert len(shown) == 21
