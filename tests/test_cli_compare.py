"""The ``diff``, ``aggregate`` and ``series`` commands: output, JSON, exit codes, refused and unreadable input."""

from __future__ import annotations

import json
import random
from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner

from cellvalues import cell, value
from gov_disclosure.cli import main
from gov_disclosure.model import Cell, CellKey, Report
from gov_disclosure.serializers.json import dumps, loads
from gov_disclosure.testing import random_report


@pytest.fixture
def runner() -> CliRunner:
    """A click test runner."""
    return CliRunner()


def _write(tmp_path: Path, name: str, report: Report) -> str:
    path = tmp_path / name
    path.write_text(dumps(report), encoding="utf-8")
    return str(path)


@pytest.fixture
def files(tmp_path: Path) -> dict[str, str]:
    """Two 2021 reports of one agency (2021→2022 chained: carry-over and 现行有效件数), a 2019 report, and a 2022
    copy with one change."""
    rng = random.Random(41)
    first = attrs.evolve(random_report(rng, "2021"), agency="某局", report_year=2021)
    second = attrs.evolve(random_report(rng, "2021"), agency="某局", report_year=2022)
    for column in ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other", "total"):
        forward = first.cell(CellKey("table3", "carried_forward", column))
        second = second.with_cell(CellKey("table3", "carried_over", column), forward)  # type: ignore[arg-type]
    for row in ("regulations", "normative_docs"):  # nothing made or repealed in 2022: 现行有效 unchanged
        second = second.with_cell(CellKey("table2", row, "made"), Cell.of(0))
        second = second.with_cell(CellKey("table2", row, "repealed"), Cell.of(0))
        second = second.with_cell(CellKey("table2", row, "valid"), cell(first, f"table2.{row}.valid"))
    changed = second.with_cell("table4.review.upheld", Cell.of(value(second, "table4.review.upheld") + 2))
    return {
        "a": _write(tmp_path, "a.json", first),
        "b": _write(tmp_path, "b.json", second),
        "b2": _write(tmp_path, "b2.json", changed),
        "old": _write(tmp_path, "old.json", random_report(rng, "2019")),
    }


def test_diff_table_json_and_exit_codes(runner: CliRunner, files: dict[str, str]) -> None:
    """One change: a readable table and exit 1; JSON lists the change; identical files exit 0."""
    result = runner.invoke(main, ["diff", files["b"], files["b2"]])
    assert result.exit_code == 1, result.output
    assert "1 change" in result.output
    assert "table4.review.upheld" in result.output
    assert "+2" in result.output
    data = json.loads(runner.invoke(main, ["diff", files["b"], files["b2"], "--format", "json"]).output)
    assert [c["key"] for c in data["changes"]] == ["table4.review.upheld"]
    assert data["changes"][0]["absolute"] == 2
    same = runner.invoke(main, ["diff", files["b"], files["b"]])
    assert same.exit_code == 0
    assert "no differences" in same.output


def test_diff_across_formats_says_table2_not_comparable(runner: CliRunner, files: dict[str, str]) -> None:
    """2019 vs 2021: the first record says 表二 is not comparable."""
    data = json.loads(runner.invoke(main, ["diff", files["old"], files["a"], "--format", "json"]).output)
    assert data["changes"][0]["kind"] == "not_comparable"


def test_aggregate_writes_a_report_document(runner: CliRunner, files: dict[str, str], tmp_path: Path) -> None:
    """The summed report is written as a JSON report document; the summary says it is complete."""
    out = tmp_path / "sum.json"
    result = runner.invoke(main, ["aggregate", files["a"], files["b"], "-o", str(out), "--agency", "某区"])
    assert result.exit_code == 0, result.output
    assert "complete" in result.output
    summed = loads(out.read_text(encoding="utf-8"))
    a, b = (loads(Path(files[k]).read_text(encoding="utf-8")) for k in ("a", "b"))
    assert summed.agency == "某区"
    assert value(summed, "table3.granted.total") == value(a, "table3.granted.total") + value(b, "table3.granted.total")


def test_aggregate_mixed_formats_refused_then_allowed(runner: CliRunner, files: dict[str, str], tmp_path: Path) -> None:
    """2019 + 2021 with 表二 exits 4 and names --no-table2; with it, JSON output shows the collapsed （六） note."""
    out = tmp_path / "sum.json"
    refused = runner.invoke(main, ["aggregate", files["a"], files["old"], "-o", str(out)])
    assert refused.exit_code == 4
    assert "--no-table2" in refused.output
    allowed = runner.invoke(main, ["aggregate", files["a"], files["old"], "-o", str(out), "--no-table2",
                                   "--format", "json"])
    data = json.loads(allowed.output)
    assert data["format_version"] == "2019"
    assert [n["code"] for n in data["notes"]] == ["AGG.TABLE2_OMITTED", "AGG.OTHER_COLLAPSED"]


def test_aggregate_incomplete_exits_1(runner: CliRunner, tmp_path: Path) -> None:
    """A blank input cell makes the summed cell unknown: exit 1 and the gap is listed."""
    report = random_report(random.Random(5), "2021").with_cell("table4.review.other", Cell.blank())
    path = _write(tmp_path, "gap.json", report)
    result = runner.invoke(main, ["aggregate", path, path, "-o", str(tmp_path / "o.json"), "--format", "json"])
    assert result.exit_code == 1
    cells = json.loads(result.output)["incomplete_cells"]
    assert cells[0]["key"] == "table4.review.other"
    assert len(cells[0]["blank"]) == 2


def test_series_exit_code_follows_worst_finding(runner: CliRunner, files: dict[str, str]) -> None:
    """A chained pair has no findings (exit 0); a year missing between two reports is a WARNING (exit 1)."""
    ok = runner.invoke(main, ["series", files["a"], files["b"]])
    assert ok.exit_code == 0, ok.output
    data = json.loads(runner.invoke(main, ["series", files["old"], files["b"], "--format", "json"]).output)
    assert "SERIES.GAP" in {f["code"] for f in data["findings"]}
    assert runner.invoke(main, ["series", files["old"], files["b"]]).exit_code == 1


def test_unreadable_input_exits_4(runner: CliRunner, tmp_path: Path) -> None:
    """A missing file or a broken JSON document exits with 4 and a message, never a traceback."""
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    for args in (["diff", str(bad), str(bad)], ["series", str(tmp_path / "none.json")],
                 ["aggregate", str(bad), "-o", str(tmp_path / "o.json")]):
        result = runner.invoke(main, args)
        assert result.exit_code == 4, (args, result.output)
        assert "error" in result.output
