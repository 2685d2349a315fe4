"""``gov-disclosure export … --xlsx`` and ``parse BOOK.xlsx``; the seeds round-trip through a workbook."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from gov_disclosure.cli import main
from gov_disclosure.loader import load
from gov_disclosure.serializers.json import dumps
from gov_disclosure.serializers.xlsx import from_xlsx

pytestmark = pytest.mark.seeds


def test_export_seeds_and_read_them_back(seeds_dir: Path, tmp_path: Path) -> None:
    """The five real seed reports exported to one workbook read back as equal reports, in order."""
    seeds = sorted(seeds_dir.glob("*.txt"))
    book = tmp_path / "seeds.xlsx"
    result = CliRunner().invoke(main, ["export", *map(str, seeds), "--xlsx", str(book)])
    assert result.exit_code == 0, result.output
    assert from_xlsx(book) == tuple(load(path).report for path in seeds)


def test_export_from_json_and_parse_the_workbook(seeds_dir: Path, tmp_path: Path) -> None:
    """A JSON document exported to a workbook parses back to the same JSON report."""
    seed = sorted(seeds_dir.glob("*.txt"))[0]
    report = load(seed).report
    document = tmp_path / "report.json"
    document.write_text(dumps(report), encoding="utf-8")
    book = tmp_path / "one.xlsx"
    assert CliRunner().invoke(main, ["export", str(document), "--xlsx", str(book)]).exit_code == 0
    parsed = CliRunner().invoke(main, ["parse", str(book)])
    assert parsed.exit_code in (0, 1, 2, 3), parsed.output
    assert load(book).report == report


def test_export_unreadable_input_exits_4(tmp_path: Path) -> None:
    """A file that is not a report makes export fail with exit code 4 and write nothing."""
    bad = tmp_path / "bad.xlsx"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    out = tmp_path / "out.xlsx"
    result = CliRunner().invoke(main, ["export", str(bad), "--xlsx", str(out)])
    assert result.exit_code == 4
    assert "not an XLSX workbook" in result.output
    assert not out.exists()


def test_export_names_its_workbook_with_o_like_every_command(tmp_path: Path) -> None:
    """``-o/--output`` names the output file everywhere (issue 15): for ``export`` it is the workbook."""
    from gov_disclosure.examples import example_report_text

    source = tmp_path / "r.txt"
    source.write_text(example_report_text(), encoding="utf-8")
    out = tmp_path / "out.xlsx"
    result = CliRunner().invoke(main, ["export", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    [report] = from_xlsx(out)
    assert report.agency == load(source).report.agency
