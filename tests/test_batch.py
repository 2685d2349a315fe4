"""Checking a batch (issue 15): ``load_many`` and ``gov-disclosure check`` over 500 files in nested folders.

The tree is built so that every expectation follows from how it was built, never from the program's output: the
good files are the bundled example (every identity holds: no finding) as text, as a web page and as a JSON document;
the broken ones are the example with one total printed wrong (an INCONSISTENCY whose culprit is that cell), the
example with one bad byte in its narrative (a WARNING), and three unreadable files (text that is not a report, a
PNG named ``.pdf``, a damaged JSON document). Their order is the order of the loops that write them: folders
``d1`` … ``d10``, in each the files ``a1`` … ``a25`` then the subfolder ``b`` with ``a1`` … ``a25`` (a plain string
sort would put ``d10`` after ``d1`` and ``a10`` before ``a2``).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from gov_disclosure.batch import BatchItem, expand_paths, load_many
from gov_disclosure.cli import main
from gov_disclosure.examples import example_json, example_report_text, load_example
from gov_disclosure.render.html import render_html

FOLDERS = 10
PER_FOLDER = 25
WRONG_TOTAL = {("d3", "a7"), ("d10", "b/a2"), ("d6", "a25")}
BAD_BYTE = {("d1", "b/a10")}
NOT_A_REPORT = {("d2", "a3")}
IMAGE = {("d9", "b/a9")}
BAD_JSON = {("d5", "a11")}
UNREADABLE = NOT_A_REPORT | IMAGE | BAD_JSON
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(32)


def _wrong_total() -> str:
    text = example_report_text()
    wrong = text.replace("\t3119\n", "\t3118\n", 1)  # 表三 一、本年新收 总计
    assert wrong != text
    return wrong


def _bad_byte() -> tuple[bytes, int]:
    data = example_report_text().encode("utf-8")
    at = data.index("全年收取".encode())  # in the last section's narrative, no table near
    return data[:at] + b"\xff" + data[at + 3 :], at


def _names() -> Iterator[tuple[str, str]]:
    """(folder, name without suffix) in the order the files must come out."""
    for folder in range(1, FOLDERS + 1):
        for sub in ("", "b/"):
            for number in range(1, PER_FOLDER + 1):
                yield f"d{folder}", f"{sub}a{number}"


def _write(root: Path, folder: str, name: str, index: int) -> Path:
    """One file: a broken one where the sets above say so, else the example in one of three forms."""
    where = (folder, name)
    base = root / folder / name
    base.parent.mkdir(parents=True, exist_ok=True)
    if where in WRONG_TOTAL:
        path = base.with_suffix(".txt")
        path.write_text(_wrong_total(), encoding="utf-8")
    elif where in BAD_BYTE:
        path = base.with_suffix(".txt")
        path.write_bytes(_bad_byte()[0])
    elif where in NOT_A_REPORT:
        path = base.with_suffix(".txt")
        path.write_text("会议纪要\n今天讨论了食堂的菜单。\n", encoding="utf-8")
    elif where in IMAGE:
        path = base.with_suffix(".pdf")
        path.write_bytes(PNG)
    elif where in BAD_JSON:
        path = base.with_suffix(".json")
        path.write_text(example_json()[:500], encoding="utf-8")
    else:
        form = index % 3
        path = base.with_suffix((".txt", ".html", ".json")[form])
        path.write_text(
            (example_report_text, lambda: render_html(load_example()), example_json)[form](), encoding="utf-8"
        )
    return path


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path]]:
    """500 report files in nested folders (the expected order), and some files that are not reports."""
    root = tmp_path_factory.mktemp("batch")
    files = [_write(root, folder, name, index) for index, (folder, name) in enumerate(_names())]
    (root / "d4" / "notes.doc").write_bytes(b"\xd0\xcf\x11\xe0 an old Word file")
    (root / "d4" / "b" / "scan.png").write_bytes(PNG)
    (root / "d7" / ".hidden.txt").write_text("editor backup", encoding="utf-8")
    return root, files


def _where(path: Path, root: Path) -> tuple[str, str]:
    relative = path.relative_to(root).with_suffix("")
    return relative.parts[0], "/".join(relative.parts[1:])


def test_expand_paths_in_natural_order_recursively(tree: tuple[Path, list[Path]]) -> None:
    root, files = tree
    expansion = expand_paths([root])
    assert list(expansion.files) == files
    assert len(files) == 500
    assert expansion.skipped == 2  # notes.doc, scan.png; the hidden file is not counted
    flat = expand_paths([root / "d1"], recursive=False)
    assert list(flat.files) == files[:PER_FOLDER]


def test_load_many_gives_every_result_in_order(tree: tuple[Path, list[Path]]) -> None:
    root, files = tree
    calls: list[tuple[int, int, str]] = []
    items = list(load_many([root], jobs=1, progress=lambda done, total, item: calls.append((done, total, item.path))))
    assert [item.path for item in items] == [str(f) for f in files]
    assert calls == [(n, 500, str(f)) for n, f in enumerate(files, start=1)]
    for item in items:
        where = _where(Path(item.path), root)
        if where in UNREADABLE:
            assert item.result is None
            assert item.error
        else:
            assert item.result is not None, item.error
            codes = {finding.code for finding in item.result.findings}
            if where in WRONG_TOTAL:
                assert "CULPRIT" in codes
            elif where in BAD_BYTE:
                assert codes == {"READ.BAD_BYTES"}
            else:
                assert codes == set(), item.path
    types = {_where(Path(i.path), root): i.error_type for i in items if not i.ok}
    assert types == {
        **dict.fromkeys(NOT_A_REPORT, "NotAReportError"),
        **dict.fromkeys(IMAGE, "ImageInputError"),
        **dict.fromkeys(BAD_JSON, "JSONFormatError"),
    }


def _check(root: Path, out: Path, jobs: int) -> tuple[int, str, bytes, bytes]:
    report, findings = out / f"reports-{jobs}.csv", out / f"findings-{jobs}.csv"
    result = CliRunner().invoke(
        main, ["check", str(root), "--jobs", str(jobs), "--quiet", "--report", str(report), "--findings", str(findings)]
    )
    return result.exit_code, result.stdout, report.read_bytes(), findings.read_bytes()


def test_check_summary_and_jobs_2_same_as_jobs_1(tree: tuple[Path, list[Path]], tmp_path: Path) -> None:
    root, files = tree
    one = _check(root, tmp_path, 1)
    two = _check(root, tmp_path, 2)
    assert two == one
    code, stdout, reports, findings = one
    assert code == 4  # a file could not be read
    counts = {
        label: int(re.search(rf"{re.escape(label)} \S+\s+(\d+)", stdout).group(1))  # type: ignore[union-attr]
        for label in ("no finding", "INFO", "WARNING", "INCONSISTENCY", "ERROR", "unreadable")
    }
    broken = len(WRONG_TOTAL) + len(BAD_BYTE) + len(UNREADABLE)
    assert counts == {
        "no finding": 500 - broken,
        "INFO": 0,
        "WARNING": len(BAD_BYTE),
        "INCONSISTENCY": len(WRONG_TOTAL),
        "ERROR": 0,
        "unreadable": len(UNREADABLE),
    }
    assert f"Summary (汇总): 500 files, {500 - len(UNREADABLE)} read" in stdout
    assert "2 file(s) skipped" in stdout
    assert re.search(r"CULPRIT\s+3\s+3", stdout)  # code, findings, reports
    rows = list(csv.DictReader(reports.decode("utf-8-sig").splitlines()))
    assert [row["file"] for row in rows] == [str(f) for f in files]
    wrong = [row for row in rows if _where(Path(row["file"]), root) in WRONG_TOTAL]
    assert {row["worst_severity"] for row in wrong} == {"INCONSISTENCY"}
    assert all(row["agency"] == "淮安市人民政府" and row["year"] == "2024" for row in wrong)
    unreadable = [row for row in rows if row["worst_severity"] == "UNREADABLE"]
    assert {_where(Path(row["file"]), root) for row in unreadable} == UNREADABLE
    assert all(row["read_error"] for row in unreadable)
    culprits = [row for row in csv.DictReader(findings.decode("utf-8-sig").splitlines()) if row["code"] == "CULPRIT"]
    assert {(r["table"], r["row"], r["column"], r["expected"], r["actual"]) for r in culprits} == {
        ("table3", "new_received", "total", "3119", "3118")
    }
    assert len(culprits) == len(WRONG_TOTAL)


def test_summary_csv_columns(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text(_wrong_total(), encoding="utf-8")
    result = CliRunner().invoke(
        main, ["check", str(path), "--report", str(tmp_path / "s.csv"), "--findings", str(tmp_path / "f.csv")]
    )
    assert result.exit_code == 2, result.output
    with (tmp_path / "s.csv").open(encoding="utf-8-sig", newline="") as handle:
        header, row = list(csv.reader(handle))
    assert header == [
        "file", "agency", "year", "format", "worst_severity",
        "info", "warning", "inconsistency", "error", "codes", "read_error",
    ]  # fmt: skip
    assert row[:5] == [str(path), "淮安市人民政府", "2024", "2021", "INCONSISTENCY"]
    assert "CULPRIT" in row[9].split()
    with (tmp_path / "f.csv").open(encoding="utf-8-sig", newline="") as handle:
        header = next(csv.reader(handle))
    assert header == [
        "file", "code", "severity", "table", "row", "column", "expected", "actual", "message_zh", "message_en",
    ]  # fmt: skip


def test_summary_xlsx(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "r.txt"
    path.write_text(example_report_text(), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path), "--report", str(tmp_path / "s.xlsx")])
    assert result.exit_code == 0, result.output
    sheet = load_workbook(tmp_path / "s.xlsx").worksheets[0]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][:5] == ["file", "agency", "year", "format", "worst_severity"]
    assert rows[1][:4] == [str(path), "淮安市人民政府", 2024, "2021"]


def test_unknown_summary_suffix_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text(example_report_text(), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path), "--report", str(tmp_path / "s.pdf")])
    assert result.exit_code == 4
    assert "name it with one of: .csv, .html, .xlsx" in result.output
    assert not (tmp_path / "s.pdf").exists()


def test_empty_search_exits_4(tmp_path: Path) -> None:
    empty = CliRunner().invoke(main, ["check", str(tmp_path)])
    assert empty.exit_code == 4
    assert "no report files found" in empty.output
    (tmp_path / "a.doc").write_bytes(b"old")
    others = CliRunner().invoke(main, ["check", str(tmp_path)])
    assert others.exit_code == 4
    assert "no report files found (1 file(s) of other forms skipped)" in others.output


def test_check_json_drops_section_text_unless_asked(tmp_path: Path) -> None:
    import json

    path = tmp_path / "r.txt"
    path.write_text(_wrong_total(), encoding="utf-8")
    short = json.loads(CliRunner().invoke(main, ["check", str(path), "--format", "json"]).stdout)
    full = json.loads(CliRunner().invoke(main, ["check", str(path), "--format", "json", "--with-text"]).stdout)
    assert "sections" not in short[0]
    assert "3940元" in full[0]["sections"]["other_matters"]
    assert short[0]["table3"] == full[0]["table3"]
    assert {f["code"] for f in short[0]["findings"]} >= {"CULPRIT", "T3.ROW_SUM"}


def test_load_many_one_path_and_bad_jobs(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text(example_report_text(), encoding="utf-8")
    (item,) = load_many(path)
    assert isinstance(item, BatchItem)
    assert item.ok
    assert item.worst is None
    missing = next(load_many([tmp_path / "gone.txt"]))
    assert (missing.ok, missing.error_type) == (False, "FileNotFoundError")
    with pytest.raises(ValueError, match="jobs must be at least 1"):
        next(load_many([path], jobs=0))
