"""Reports in traditional characters (format-spec §6.4) read the same cells as the simplified original.

Each text is converted at test time by OpenCC: ``s2t`` (characters, as a big5 gateway does), ``s2hk``, and
``s2twp`` (Taiwan vocabulary too, as wiki mirrors do: ``规范性文件`` → ``規範性檔案``, ``信息`` → ``資訊``).
"""

from __future__ import annotations

import importlib
import random
from pathlib import Path
from types import ModuleType

import pytest

import gov_disclosure as gd
from conftest import shared_path
from gov_disclosure.errors import MissingDependencyError
from gov_disclosure.loader import ReadResult, read_bytes
from gov_disclosure.parsing import normalize
from gov_disclosure.parsing.normalize import simplify_traditional
from gov_disclosure.testing import random_report
from layout_grids import report_html

opencc = pytest.importorskip("opencc")

CONVERSIONS = ("s2t", "s2hk", "s2twp")
SEEDS = ("000_d65f754a7ed52466.txt", "001_2a84802cd6720988.txt", "002_2f4f43bb3bc1c55f.txt",
         "003_6d7d4ee39ed0853f.txt", "004_16fd8c47879df3e5.txt")  # fmt: skip


def _traditional(text: str, conversion: str) -> str:
    return str(opencc.OpenCC(conversion).convert(text))


def _cells(result: ReadResult) -> tuple[object, ...]:
    report = result.report
    return (
        report.format_version,
        report.agency,
        report.report_year,
        result.tables_read,
        tuple(report.iter_cells()),
    )


def _same_cells(text: str, conversion: str) -> ReadResult:
    traditional = _traditional(text, conversion)
    assert traditional != text
    original = gd.read_text(text)
    assert _cells(gd.read_text(traditional)) == _cells(original)
    return original


@pytest.mark.parametrize("conversion", CONVERSIONS)
def test_the_example_report_in_traditional_characters(conversion: str) -> None:
    original = _same_cells(gd.example_report_text(), conversion)
    assert len(original.tables_read) == 3


@pytest.mark.parametrize("conversion", CONVERSIONS)
@pytest.mark.parametrize("seed", SEEDS)
def test_seed_reports_in_traditional_characters(seed: str, conversion: str) -> None:
    path: Path = shared_path("seeds", seed)
    _same_cells(path.read_text(encoding="utf-8"), conversion)


def test_the_mirror_vocabulary_goes_back_to_the_labels() -> None:
    """A Taiwan-vocabulary mirror prints 規範性檔案 and 政府資訊: after conversion, 规范性文件 and 政府信息."""
    mirror = _traditional(gd.example_report_text(), "s2twp")
    assert "規範性檔案" in mirror
    assert "政府資訊" in mirror
    simplified = simplify_traditional(mirror)
    assert "规范性文件" in simplified
    assert "资讯" not in simplified


def test_a_character_only_copy_keeps_its_words() -> None:
    """Without the mirror's vocabulary (政府資訊), 檔案 is an archive: it stays 档案."""
    text = _traditional("政府信息公开工作年度报告。本机关加强档案管理，发布规范性文件。", "s2t")
    assert simplify_traditional(text) == "政府信息公开工作年度报告。本机关加强档案管理，发布规范性文件。"


def test_simplified_text_is_returned_as_it_is() -> None:
    """A simplified text, even with a stray traditional character in a name, is not converted."""
    text = gd.example_report_text() + "\n联系人：陳於\n"
    assert simplify_traditional(text) is text


def test_missing_opencc_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = importlib.import_module

    def without_opencc(name: str, package: str | None = None) -> ModuleType:
        if name == "opencc":
            raise ImportError(name)
        return real_import(name, package)

    monkeypatch.setattr(importlib, "import_module", without_opencc)
    normalize._to_simplified.cache_clear()
    try:
        with pytest.raises(MissingDependencyError, match=r"gov-disclosure\[zh-hant\]"):
            gd.read_text(_traditional(gd.example_report_text(), "s2t"))
    finally:
        normalize._to_simplified.cache_clear()


@pytest.mark.parametrize("conversion", CONVERSIONS)
def test_a_web_page_in_traditional_characters(conversion: str) -> None:
    """A big5 gateway's page: its grids' labels are simplified too, so its tables are read from the grids."""
    pytest.importorskip("lxml")
    report = random_report(random.Random(3), "2021")
    page = report_html(report, soup=True).replace("charset=gb2312", "charset=utf-8")
    original = read_bytes(page.encode("utf-8"), name="page.html")
    traditional = read_bytes(_traditional(page, conversion).encode("utf-8"), name="page.html")
    assert _cells(traditional) == _cells(original)
    assert [f.code for f in traditional.findings] == [f.code for f in original.findings]
    assert not any(f.code.startswith("GRID.") for f in traditional.findings)
