"""``load_all``: every report of a workbook of several and of a folder; ``load`` of a folder says to use it."""

from __future__ import annotations

from pathlib import Path

import pytest

import gov_disclosure as gd
from gov_disclosure.errors import NotAFileError, UnsupportedInputError
from gov_disclosure.model import Report, Table4


def _report(agency: str) -> Report:
    return Report(
        format_version="2021", agency=agency, report_year=2022, table4=Table4.from_rows({"review": [1, 0, 0, 1, 2]})
    )


def test_every_report_of_a_workbook(tmp_path: Path) -> None:
    book = tmp_path / "two.xlsx"
    gd.to_xlsx([_report("甲"), _report("乙")], book)
    results = gd.load_all(book)
    assert [r.report.agency for r in results] == ["甲", "乙"]
    assert not [f for r in results for f in r.findings if f.code == "READ.MORE_REPORTS"]
    first = gd.load(book)  # load keeps returning the first, and says there are more
    assert first.report.agency == "甲"
    assert [f.code for f in first.findings if f.code == "READ.MORE_REPORTS"] == ["READ.MORE_REPORTS"]


def test_every_report_of_a_folder_in_natural_order(tmp_path: Path) -> None:
    text = gd.example_report_text()
    for name, agency in (("r10.txt", "十局"), ("r2.txt", "二局"), ("r1.json", None)):
        if agency is None:
            (tmp_path / name).write_text(gd.dumps(_report("一局")), encoding="utf-8")
        else:
            (tmp_path / name).write_text(text.replace("淮安市人民政府", agency), encoding="utf-8")
    (tmp_path / "r1.truth.json").write_text("{}", encoding="utf-8")  # a person's reading, not a report
    (tmp_path / "notes.bin").write_bytes(b"\x00")  # no reader's extension: left alone
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "r0.txt").write_text(text, encoding="utf-8")  # sub-folders are not read
    book = tmp_path / "r3.xlsx"
    gd.to_xlsx([_report("三甲"), _report("三乙")], book)
    assert [r.report.agency for r in gd.load_all(tmp_path)] == ["一局", "二局", "三甲", "三乙", "十局"]


def test_load_of_a_folder_points_to_load_all(tmp_path: Path) -> None:
    with pytest.raises(NotAFileError, match="a folder, not a file; load_all"):
        gd.load(tmp_path)
    assert issubclass(NotAFileError, UnsupportedInputError)


def test_load_all_of_one_file_and_of_an_empty_folder(tmp_path: Path) -> None:
    assert [r.report.agency for r in gd.load_all(str(gd.example_path()))] == ["淮安市人民政府"]
    assert gd.load_all(tmp_path) == ()
