"""The ``indicators`` and ``reuse`` commands: table, JSON and CSV output, the small-sample flag, exit codes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from gov_disclosure.cli import main
from gov_disclosure.cli.tabular import table_text
from gov_disclosure.model import Report, Sections, Table3, Table4
from gov_disclosure.serializers.json import dumps


def _t3(granted: int, partial: int, processed: int) -> Table3:
    return Table3.from_rows({"granted": [0, 0, 0, 0, 0, 0, granted], "partial": [0, 0, 0, 0, 0, 0, partial],
                             "total_processed": [0, 0, 0, 0, 0, 0, processed]})


@pytest.fixture
def huaian_like(tmp_path: Path) -> str:
    """表三/表四 totals of 淮安市 2024 (format-spec §2.4): 公开率 (1362+454)/3050, 复议纠错率 64/314, 诉讼 5/39."""
    t4 = Table4.from_rows({"review": [72, 64, 178, 37, 351], "litigation_direct": [13, 4, 8, 1, 26],
                           "litigation_after_review": [12, 1, 1, 6, 20]})
    report = Report(format_version="2021", agency="淮安市人民政府", report_year=2024, table3=_t3(1362, 454, 3050),
                    table4=t4)
    path = tmp_path / "huaian.json"
    path.write_text(dumps(report), encoding="utf-8")
    return str(path)


@pytest.fixture
def small(tmp_path: Path) -> str:
    """A report with 12 requests processed: every 表三 rate is a small sample; no 表四."""
    path = tmp_path / "small.json"
    path.write_text(dumps(Report(format_version="2021", agency="某局", report_year=2023, table3=_t3(6, 3, 12))),
                    encoding="utf-8")
    return str(path)


def test_indicators_table_shows_values_fractions_and_the_small_sample_flag(huaian_like: str, small: str) -> None:
    """One table per report; unknown rates show —; small samples are flagged."""
    result = CliRunner().invoke(main, ["indicators", huaian_like, small])
    assert result.exit_code == 0, result.output
    first, second = result.output.split("\n\n")
    assert first.startswith(f"{huaian_like}: 淮安市人民政府 2024 · format 2021")
    disclosure = next(line for line in first.splitlines() if "disclosure_rate" in line).split()
    assert disclosure[2:5] == ["0.5954", "59.5%", "1816/3050"]
    review = next(line for line in first.splitlines() if "review_correction_rate" in line)
    assert "64/314" in review
    assert "small sample" not in first
    disclosure_small = next(line for line in second.splitlines() if "disclosure_rate" in line)
    assert "0.7500" in disclosure_small
    assert "small sample (<30)" in disclosure_small
    assert "—" in next(line for line in second.splitlines() if "review_correction_rate" in line)
    lowered = CliRunner().invoke(main, ["indicators", "--small-sample", "10", small]).output
    assert "small sample" not in next(line for line in lowered.splitlines() if "disclosure_rate" in line)


def test_indicators_json(huaian_like: str) -> None:
    """Numerator, denominator, exact value, float value, percent, flag and cells of each indicator."""
    result = CliRunner().invoke(main, ["indicators", "--format", "json", huaian_like])
    assert result.exit_code == 0
    document = json.loads(result.output)
    (report,) = document["reports"]
    assert (report["agency"], report["report_year"], report["format_version"]) == ("淮安市人民政府", 2024, "2021")
    rates = {rate["code"]: rate for rate in report["indicators"]}
    assert list(rates) == ["disclosure_rate", "denied_share", "unable_share", "not_processed_share",
                           "review_correction_rate", "litigation_correction_rate"]
    rate = rates["disclosure_rate"]
    assert (rate["numerator"], rate["denominator"], rate["exact"], rate["percent"]) == (1816, 3050, "908/1525", "59.5")
    assert rate["value"] == pytest.approx(1816 / 3050)
    assert rate["numerator_cells"] == ["table3.granted.total", "table3.partial.total"]
    assert rates["litigation_correction_rate"]["small_sample"] is False
    assert (rates["litigation_correction_rate"]["numerator"], rates["litigation_correction_rate"]["denominator"]) == (
        5, 39)
    assert document["unreadable"] == []


def test_indicators_csv_one_row_per_indicator(huaian_like: str, small: str) -> None:
    """CSV: a header and six rows per report; an unknown rate has empty value cells."""
    result = CliRunner().invoke(main, ["indicators", "--format", "csv", huaian_like, small])
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert len(rows) == 12
    assert rows[0]["code"] == "disclosure_rate"
    assert (rows[0]["numerator"], rows[0]["denominator"], rows[0]["percent"]) == ("1816", "3050", "59.5")
    review_small = next(r for r in rows if r["source"] == small and r["code"] == "review_correction_rate")
    assert (review_small["numerator"], review_small["value"], review_small["small_sample"]) == ("", "", "false")
    assert next(r for r in rows if r["source"] == small)["small_sample"] == "true"


def test_indicators_unreadable_input_exits_4_after_printing_the_others(huaian_like: str, tmp_path: Path) -> None:
    """An unreadable input is named on standard error; the readable ones are still printed."""
    missing = str(tmp_path / "missing.json")
    result = CliRunner().invoke(main, ["indicators", "--format", "json", missing, huaian_like])
    assert result.exit_code == 4
    document = json.loads(result.stdout)
    assert [r["source"] for r in document["reports"]] == [huaian_like]
    assert document["unreadable"][0]["source"] == missing
    assert f"{missing}: cannot read" in result.stderr


def test_table_on_a_terminal_is_drawn_with_rich() -> None:
    """On a terminal the table is a rich table (box drawing); elsewhere aligned text."""
    pytest.importorskip("rich")
    drawn = table_text("某局 2023", [["指标", "VALUE"], ["公开率", "0.7500"]], terminal=True)
    assert "某局 2023" in drawn
    assert "┃" in drawn or "│" in drawn
    assert "公开率" in drawn
    assert "│" not in table_text("某局 2023", [["指标", "VALUE"], ["公开率", "0.7500"]], terminal=False)


LAST = "2022年，本局严格落实信息发布审查制度，确保公开内容准确无误。全年共收到政府信息公开申请 22 件。"


def _narrative_report(tmp_path: Path, name: str, year: int, overview: str) -> str:
    path = tmp_path / name
    report = Report(format_version="2021", agency="某局", report_year=year, sections=Sections(overview=overview))
    path.write_text(dumps(report), encoding="utf-8")
    return str(path)


def test_reuse_prints_the_share_and_the_repeated_sentences(tmp_path: Path) -> None:
    """Half repeated: within the limit, exit 0; the repeated sentence is listed."""
    last = _narrative_report(tmp_path, "2022.json", 2022, LAST)
    this = _narrative_report(tmp_path, "2023.json", 2023, LAST.replace("2022", "2023").replace("22 件", "31 件"))
    result = CliRunner().invoke(main, ["reuse", last, this])
    assert result.exit_code == 0, result.output
    head, *pairs = result.output.splitlines()
    assert "1 of 2 narrative sentences repeated (50.0 %)" in head
    assert pairs == ["= 2023年，本局严格落实信息发布审查制度，确保公开内容准确无误"]


def test_reuse_over_the_limit_exits_1_and_json(tmp_path: Path) -> None:
    """Everything repeated: exit 1; JSON holds the exact ratio and the pairs."""
    last = _narrative_report(tmp_path, "2022.json", 2022, LAST)
    this = _narrative_report(tmp_path, "2023.json", 2023, LAST.replace("2022", "2023"))
    result = CliRunner().invoke(main, ["reuse", "--format", "json", last, this])
    assert result.exit_code == 1
    document = json.loads(result.output)
    assert (document["ratio"], document["over_limit"], document["limit"]) == ("1", True, "1/2")
    assert [p["exact"] for p in document["pairs"]] == [True, True]
    assert document["threshold"] == "4/5"


def test_reuse_rejects_a_threshold_outside_0_1(tmp_path: Path) -> None:
    """A wrong command line exits with 4."""
    last = _narrative_report(tmp_path, "2022.json", 2022, LAST)
    assert CliRunner().invoke(main, ["reuse", "--threshold", "1.5", last, last]).exit_code == 4
    assert CliRunner().invoke(main, ["reuse", "--threshold", "x", last, last]).exit_code == 4


@pytest.mark.seeds
def test_reuse_of_two_agencies_seeds_is_low(seeds_dir: Path) -> None:
    """番禺区科工商信局 2023 against 海珠区政府办公室 2021: no narrative sentence shared (65 % before the fix)."""
    (a,) = seeds_dir.glob("003_*.txt")
    (b,) = seeds_dir.glob("004_*.txt")
    result = CliRunner().invoke(main, ["reuse", "--format", "json", str(a), str(b)])
    assert result.exit_code == 0
    document = json.loads(result.output)
    assert document["considered"] >= 10
    assert document["repeated"] == 0
