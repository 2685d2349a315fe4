"""The ``parse`` and ``check`` commands, and the bundled example report text."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from click.testing import CliRunner

from gov_disclosure.cli import main
from gov_disclosure.loader import load

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "src" / "gov_disclosure" / "data" / "examples" / "huaian-2024.txt"


def test_example_text_is_not_stale() -> None:
    """The bundled example text equals what scripts/make_example_text.py renders from the JSON example."""
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from make_example_text import example_report_text  # type: ignore[import-not-found, unused-ignore]
    finally:
        sys.path.pop(0)
    assert EXAMPLE.read_text(encoding="utf-8") == example_report_text(), "run scripts/make_example_text.py"


def test_example_text_reads_back_to_the_example() -> None:
    """Reading the example text reproduces every cell of the bundled JSON example."""
    from gov_disclosure.examples import load_example

    expected = load_example()
    got = load(EXAMPLE).report
    assert [(e.key, e.cell.kind, e.cell.value) for e in got.iter_cells()] == [
        (e.key, e.cell.kind, e.cell.value) for e in expected.iter_cells()
    ]
    assert (got.agency, got.report_year, got.format_version) == ("淮安市人民政府", 2024, "2021")


def test_check_example_exits_zero() -> None:
    """``check --example`` prints the report's format, agency, year and tables and passes."""
    result = CliRunner().invoke(main, ["check", "--example"])
    assert result.exit_code == 0, result.output
    assert "淮安市人民政府 · 2024 · format 2021 · tables read: table2, table3, table4" in result.output


def test_parse_emits_keys_json(tmp_path: Path) -> None:
    """``parse`` prints the keys.md JSON with findings; the exit code follows the worst finding."""
    path = tmp_path / "r.txt"
    path.write_text(EXAMPLE.read_text(encoding="utf-8").replace("\t3119\n", "\t3118\n", 1), encoding="utf-8")
    result = CliRunner().invoke(main, ["parse", str(path)])
    data = json.loads(result.output)
    assert data["format_version"] == "2021"
    assert data["agency"] == "淮安市人民政府"
    assert "table3" in data
    assert data["findings"]
    assert result.exit_code == 2  # an identity fails: INCONSISTENCY


def test_check_unreadable_and_not_a_report(tmp_path: Path) -> None:
    """Text that is not a report is reported as unreadable (exit 4) with the reason, never a half-empty report."""
    path = tmp_path / "note.txt"
    path.write_text("今天天气很好。", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 4
    assert "not a 政府信息公开工作年度报告" in result.output


def test_check_gb18030_file(tmp_path: Path) -> None:
    """GB18030-encoded files are read."""
    path = tmp_path / "gb.txt"
    path.write_bytes(EXAMPLE.read_text(encoding="utf-8").encode("gb18030"))
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 0, result.output
