"""The bundled example: 淮安市人民政府 2024, read from the published PDF (pp. 3–5) by hand."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from gov_disclosure.examples import EXAMPLES, example_json, example_path, load_example
from gov_disclosure.findings import Severity
from gov_disclosure.model import Table3Row
from gov_disclosure.serializers.json import dumps
from gov_disclosure.validation import validate
from huaian_2024 import huaian_report


def test_example_metadata_and_tables() -> None:
    """Agency, year, format and every table cell equal the tables read by hand from the PDF (tests/huaian_2024.py)."""
    report = load_example()
    expected = huaian_report()
    assert (report.agency, report.report_year, report.format_version) == ("淮安市人民政府", 2024, "2021")
    assert report.table2 == expected.table2
    assert report.table3 == expected.table3
    assert report.table4 == expected.table4
    assert report.table2 is not None
    assert report.table2.fees is not None
    assert report.table2.fees.amount_wan_yuan.value == Decimal("96171.6")


def test_example_sections() -> None:
    """The narrative of 一 and 六 is kept as plain text (line breaks of the PDF joined)."""
    sections = load_example().sections
    assert sections.overview is not None
    assert sections.overview.startswith("2024年，我市坚持以习近平新时代中国特色社会主义思想为指导")
    assert "全市共受理政府信息公开申请3119件，答复3050件" in sections.overview
    assert sections.other_matters == (
        "2024年，市政府严格落实《政府信息公开信息处理费管理办法》，全年收取政府信息公开信息处理费3940元。"
    )
    assert sections.problems is not None
    assert sections.problems.startswith("对照上级新要求和公众新期待")


def test_example_passes_validation() -> None:
    """Every identity holds: the validator reports nothing above INFO."""
    findings = validate(load_example())
    assert all(f.severity <= Severity.INFO for f in findings), findings


def test_example_file_is_in_canonical_form() -> None:
    """The shipped file is exactly what dumps writes (so diffs of it stay meaningful)."""
    assert example_json() == dumps(load_example()) + "\n"


def test_example_lookup() -> None:
    """Names list the examples; an unknown name is a KeyError naming the available ones."""
    assert EXAMPLES == ("huaian-2024",)
    assert example_path().name == "huaian-2024.json"
    with pytest.raises(KeyError, match="huaian-2024"):
        example_path("nowhere")


def test_example_numbers_are_in_the_pdf(huaian_pdf: Path) -> None:
    """Cross-check with the source: every 表三 row and the 表四 row appear in the PDF's text in this order."""
    pdfplumber = pytest.importorskip("pdfplumber", reason="the pdf extra is not installed")
    with pdfplumber.open(huaian_pdf) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    report = load_example()
    assert report.table3 is not None
    assert report.table4 is not None
    for key, row in report.table3.iter_rows():
        if isinstance(row, Table3Row):
            printed = " ".join(str(c.value) for _, c in row.cells())
            assert re.search(rf"(?<![0-9]){printed}(?![0-9])", text), key
    assert " ".join(str(c.value) for _, _, c in report.table4.iter_cells()) in text
    for label, numbers in [("规章", "1 0 11"), ("行政规范性文件", "8 26 66"), ("行政许可", "447228"),
                       ("行政处罚", "3985758"), ("行政强制", "88283"), ("行政事业性收费", "96171.6")]:  # fmt: skip
        assert f"{label} {numbers}\n" in text
