"""A toy third format version, registered for these tests only: everything that knows versions asks its FormatSpec.

The toy ``"2099"`` extends the 2021 format (its 表三 and 表四) and adds one row to the 2021 表二: 第二十条第（十）项
公共数据开放 with one column, 开放数据集数量. Nothing in the library names it; if a place still branched on
``"2021"``/``"2019"`` the toy would fall into the wrong branch and one of these tests would fail.
"""

from __future__ import annotations

import io
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import attrs
import pytest
from attrs import field, frozen

import gov_disclosure as gd
from gov_disclosure.model import Cell, Report
from gov_disclosure.model.formats import (
    FORMAT_2021,
    FormatSpec,
    format_for_year,
    format_spec,
    register_format_spec,
    unregister_format_spec,
)
from gov_disclosure.model.layout import TABLE2, ColumnSpec, RowSpec, TableSpec
from gov_disclosure.model.tables import Row, Table2
from gov_disclosure.parsing.detect import detect_format
from gov_disclosure.parsing.lines import text_rows
from gov_disclosure.parsing.normalize import normalize_text
from gov_disclosure.parsing.tables import read_text_tables
from gov_disclosure.serializers.json import to_dict
from gov_disclosure.serializers.xlsx import from_xlsx, to_xlsx
from gov_disclosure.testing.conformance import golden_cases, run_case
from gov_disclosure.testing.generate import RandomSource, build_report

TOY = "2099"
OPEN_DATA = RowSpec(
    "open_data",
    "公共数据开放",
    (ColumnSpec("datasets", "开放数据集数量"),),
    "第二十条第（十）项",
    (TOY,),
    marker="开放数据集数量",
)
TOY_TABLE2 = TableSpec("table2", "二", TABLE2.title, (*TABLE2.rows, OPEN_DATA), (TOY,))


@frozen(kw_only=True)
class DatasetCount(Row):
    """The toy row's one column: 开放数据集数量."""

    datasets: Cell = field(validator=attrs.validators.instance_of(Cell))


@frozen(kw_only=True)
class ToyTable2(Table2):
    """The 2021 表二 with the toy's extra row."""

    spec: ClassVar[TableSpec] = TOY_TABLE2
    row_types: ClassVar[Any] = {**Table2.row_types, "open_data": DatasetCount}

    open_data: DatasetCount | None = field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(DatasetCount))
    )


TOY_FORMAT = FormatSpec(
    name=TOY,
    title_zh="2099年试验格式",
    title_en="2099 toy format",
    table2=TOY_TABLE2,
    table2_class=ToyTable2,
    first_year=2099,
    last_year=2099,
    based_on=FORMAT_2021,
)


@pytest.fixture
def toy() -> Iterator[FormatSpec]:
    register_format_spec(TOY_FORMAT)
    try:
        yield TOY_FORMAT
    finally:
        unregister_format_spec(TOY)


def _report(seed: int) -> Report:
    """A consistent toy report: the generator builds every table of the toy's layout, the extra row included."""
    report = build_report(RandomSource(random.Random(seed)), TOY)
    return attrs.evolve(report, agency="某市数据局", report_year=2099)


def _datasets(report: Report) -> int:
    """The toy row's one number in *report*."""
    assert isinstance(report.table2, ToyTable2)
    assert report.table2.open_data is not None
    value = report.table2.open_data.datasets.value
    assert isinstance(value, int)
    return value


def test_the_toy_is_a_registered_format_with_its_own_table2(toy: FormatSpec) -> None:
    assert format_spec(TOY) is toy
    assert format_for_year(2099) is toy
    assert format_for_year(2098) is FORMAT_2021
    assert toy.table_class("table2") is ToyTable2
    assert [r.key for r in toy.rows("table2")][-1] == "open_data"
    assert toy.rows("table3") == FORMAT_2021.rows("table3")
    assert "开放数据集数量" in toy.markers


def test_a_generated_toy_report_has_the_extra_row(toy: FormatSpec) -> None:
    report = _report(1)
    assert isinstance(report.table2, ToyTable2)
    assert report.table2.open_data is not None
    assert report.cell("table2.open_data.datasets") is not None
    assert [spec.key for spec, _ in report.tables()] == ["table2", "table3", "table4"]


def test_validate_finds_nothing_in_a_consistent_toy_report(toy: FormatSpec) -> None:
    for seed in range(5):
        assert gd.validate(_report(seed)) == ()


def test_rendered_text_shows_the_toy_layout_and_is_detected_as_the_toy(toy: FormatSpec) -> None:
    report = _report(0)
    text = gd.render_text(report)
    assert "第二十条第（十）项" in text
    assert "开放数据集数量" in text
    assert "公共数据开放" in text
    assert detect_format(normalize_text(text)).version == TOY


def test_the_tables_of_a_rendered_toy_report_read_back(toy: FormatSpec) -> None:
    """The text reader's table stage: it reads the toy's 表二 rows (the extra one too) into the toy's class."""
    for seed in range(3):
        report = _report(seed)
        tables = read_text_tables(text_rows(normalize_text(gd.render_text(report))), TOY)
        assert tables.findings == ()
        assert tables.found == ("table2", "table3", "table4")
        assert isinstance(tables.table2, ToyTable2)
        assert (tables.table2, tables.table3, tables.table4) == (report.table2, report.table3, report.table4)


def test_rendered_text_reads_back_as_the_same_toy_report(toy: FormatSpec, tmp_path: Path) -> None:
    for seed in range(3):
        report = _report(seed)
        path = tmp_path / f"toy-{seed}.txt"
        path.write_text(gd.render_text(report), encoding="utf-8")
        for result in (gd.read_text(path.read_text(encoding="utf-8")), gd.load(path)):
            assert result.report.format_version == TOY
            assert isinstance(result.report.table2, ToyTable2)
            assert (result.report.table2, result.report.table3, result.report.table4) == (
                report.table2,
                report.table3,
                report.table4,
            )
            assert [f.code for f in result.findings if f.severity >= gd.Severity.WARNING] == []


def test_json_round_trip(toy: FormatSpec) -> None:
    report = _report(2)
    text = gd.dumps(report)
    assert '"open_data"' in text
    back = gd.loads(text)
    assert isinstance(back.table2, ToyTable2)
    assert back == report


def test_json_schema_lists_the_toy(toy: FormatSpec) -> None:
    schema = gd.json_schema()
    assert TOY in schema["properties"]["format_version"]["enum"]
    assert "open_data" in schema["$defs"]["table2"]["properties"]
    rule_2021 = next(r for r in schema["allOf"] if r["if"]["properties"]["format_version"]["const"] == "2021")
    assert rule_2021["then"]["properties"]["table2"] == {"properties": {"open_data": {"type": "null"}}}


def test_json_refuses_the_toy_row_in_a_2021_report(toy: FormatSpec) -> None:
    document = gd.dumps(_report(2)).replace(f'"format_version": "{TOY}"', '"format_version": "2021"')
    with pytest.raises(gd.JSONFormatError):
        gd.loads(document)


def test_xlsx_round_trip(toy: FormatSpec) -> None:
    report = _report(3)
    buffer = io.BytesIO()
    to_xlsx(report, buffer)
    buffer.seek(0)
    (back,) = from_xlsx(buffer)
    assert back.format_version == TOY
    assert attrs.evolve(back, source=None) == attrs.evolve(report, source=None)


def test_diff_of_two_toy_reports(toy: FormatSpec) -> None:
    a, b = _report(4), _report(4)
    assert gd.diff(a, a) == ()
    bumped = b.with_cell("table2.open_data.datasets", Cell.of(_datasets(a) + 7))
    (change,) = gd.diff(a, bumped)
    assert str(change.key) == "table2.open_data.datasets"
    assert change.absolute == 7
    assert change.labels[1] == "第二十条第（十）项 公共数据开放"


def test_diff_of_a_toy_and_a_2021_report_compares_tables_3_and_4(toy: FormatSpec) -> None:
    toy_report = _report(5)
    plain = attrs.evolve(toy_report, format_version="2021", table2=None)
    changes = gd.diff(plain, toy_report)
    assert [(c.table, c.kind) for c in changes] == [("table2", gd.diffing.ChangeKind.NOT_COMPARABLE)]


def test_aggregate_of_toy_reports_sums_the_extra_row(toy: FormatSpec) -> None:
    a, b = _report(6), _report(7)
    result = gd.aggregate([a, b])
    assert result.report.format_version == TOY
    assert _datasets(result.report) == _datasets(a) + _datasets(b)


def _total(report: Report, row: str) -> int:
    """The 总计 of 表三 row *row* of *report*."""
    cell = report.cell(f"table3.{row}.total")
    assert cell is not None
    assert isinstance(cell.value, int)
    return cell.value


def test_aggregate_of_toy_and_2021_reports_keeps_the_shared_rows(toy: FormatSpec) -> None:
    a, b = _report(6), build_report(RandomSource(random.Random(9)), "2021")
    result = gd.aggregate([a, b], include_table2=False)
    assert result.report.format_version == "2021"  # the toy's 表三 is the 2021 表三: nothing is collapsed
    assert [n.code for n in result.notes] == ["AGG.TABLE2_OMITTED"]
    assert result.other_breakdown is None
    assert _total(result.report, "other_other") == _total(a, "other_other") + _total(b, "other_other")


def test_aggregate_of_toy_and_2019_reports_collapses_the_toy_rows_like_2021(toy: FormatSpec) -> None:
    a, b = _report(6), build_report(RandomSource(random.Random(10)), "2019")
    result = gd.aggregate([a, b], include_table2=False)
    assert result.report.format_version == "2019"
    assert [n.code for n in result.notes] == ["AGG.TABLE2_OMITTED", "AGG.OTHER_COLLAPSED"]
    assert "2099年格式" in result.notes[1].message
    parts = sum(_total(a, row) for row in ("other_no_correction", "other_fee_unpaid", "other_other"))
    assert _total(result.report, "other_processing") == _total(b, "other_processing") + parts
    assert result.other_breakdown is not None
    assert a.table3 is not None
    assert result.other_breakdown.other_other == a.table3.other_other  # the one input with the sub-rows


def test_compare_parent_of_a_toy_parent_and_2019_children(toy: FormatSpec) -> None:
    parent = _report(11)
    assert parent.table3 is not None
    child = attrs.evolve(
        build_report(RandomSource(random.Random(12)), "2019"), table2_2019=None, table3=None, table4=parent.table4
    )
    result = gd.compare_parent(attrs.evolve(parent, table3=None), [child])
    assert result.matches
    assert not result.table2_compared


@pytest.mark.parametrize("form", [".txt", ".json", ".xlsx"])
def test_conformance_golden_case_of_a_toy_report(toy: FormatSpec, tmp_path: Path, form: str) -> None:
    """The conformance suite's golden case, as a third party would write it for a report of its format."""
    report = _report(8)
    if form == ".txt":
        (tmp_path / "toy.txt").write_text(gd.render_text(report), encoding="utf-8")
    elif form == ".json":
        (tmp_path / "toy.json").write_text(gd.dumps(report), encoding="utf-8")
    else:
        to_xlsx(report, tmp_path / "toy.xlsx")
    expected = {k: v for k, v in to_dict(report).items() if k != "sections"}  # the narrative is not the point
    (tmp_path / "toy.expected.json").write_text(json.dumps(expected, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "toy.findings.json").write_text("[]", encoding="utf-8")
    (case,) = golden_cases(tmp_path)
    run_case(case)
