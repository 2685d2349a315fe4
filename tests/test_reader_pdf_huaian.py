"""The real PDF report 淮安市人民政府 2024 (format-spec §2.4, §6.1) read through the PDF reader and the grid reader.

Every expected number below was read by eye from page images of ``../shared/real/huaian-city-2024.pdf``
(pages 3–5, rendered at 160 dpi) and cross-checked with the totals of format-spec §2.4.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import shared_path
from gov_disclosure.formats.grid import GridTables, read_grid_tables
from gov_disclosure.model import CellKind, Report
from gov_disclosure.parsing.document import Document
from gov_disclosure.readers.pdf import read_pdf
from huaian_2024 import TABLE2, TABLE3, TABLE4


@pytest.fixture(scope="module")
def document(huaian_pdf_module: Path) -> Document:
    return read_pdf(huaian_pdf_module.read_bytes(), path=str(huaian_pdf_module))


@pytest.fixture(scope="module")
def grids(document: Document) -> GridTables:
    return read_grid_tables(document.grids, "2021")


@pytest.fixture(scope="module")
def huaian_pdf_module() -> Path:
    """The real PDF (module-scoped: it is read once for all tests)."""
    return shared_path("real", "huaian-city-2024.pdf")


def _values(report: Report, table: str, expected: Mapping[str, tuple[object, ...]]) -> dict[str, tuple[object, ...]]:
    got: dict[str, tuple[object, ...]] = {}
    for row in expected:
        row_obj = getattr(report, table).row(row)
        assert row_obj is not None, row
        got[row] = tuple(cell.value for _, cell in row_obj.cells())
    return got


def test_expected_numbers_satisfy_the_published_totals() -> None:
    """The hand-read numbers themselves satisfy format-spec §2.4: 一+二 = （七）+四 and 总计 = row sums."""
    for row in TABLE3.values():
        assert sum(row[:6]) == row[6]
    assert TABLE3["new_received"][6] + TABLE3["carried_over"][6] == 3050 + 103
    results = [k for k in TABLE3 if k not in ("new_received", "carried_over", "total_processed", "carried_forward")]
    assert sum(TABLE3[k][6] for k in results) == 3050


def test_pdf_has_three_stitched_tables(document: Document) -> None:
    """表二 (split over pages 3–4) and 表三 (pages 4–5) are each stitched into one grid; 表四 is the third."""
    assert len(document.grids) == 3
    assert document.form == "pdf"


def test_every_table2_cell(grids: GridTables) -> None:
    """All 10 表二 cells, including the decimal 96171.6 万元 and the cells after the page break."""
    report = Report(format_version="2021", table2=grids.table2)
    assert _values(report, "table2", TABLE2) == TABLE2
    assert isinstance(report.cell("table2.fees.amount_wan_yuan").value, Decimal)  # type: ignore[union-attr]


def test_every_table3_cell(grids: GridTables) -> None:
    """All 175 表三 cells, across the page break that splits （四）无 / 法提供."""
    report = Report(format_version="2021", table3=grids.table3)
    assert _values(report, "table3", TABLE3) == TABLE3
    assert sum(1 for e in report.iter_cells()) == 175
    assert all(e.cell.kind in (CellKind.NUMBER, CellKind.ZERO) for e in report.iter_cells())


def test_every_table4_cell(grids: GridTables) -> None:
    """All 15 表四 cells, placed by the header's column positions."""
    report = Report(format_version="2021", table4=grids.table4)
    assert _values(report, "table4", TABLE4) == TABLE4


def test_no_reader_findings(grids: GridTables) -> None:
    """Nothing is flagged: every row is aligned and there are no extra rows."""
    assert grids.findings == ()


def test_narrative_text(document: Document) -> None:
    """Page numbers are dropped, wrapped lines are joined, no space is inserted between digits and CJK."""
    text = document.text
    assert "- 4 -" not in text
    assert "- 1 -" not in text
    assert text.splitlines()[0] == "淮安市人民政府2024年政府信息公开工作年度报告"
    assert "全市共受理政府信息公开申请3119件，答复3050件（含上年度结转申请34件，另有103件顺延到下年度答复）" in text
    assert "全年收取政府信息公开信息处理费3940元。" in text
    headings = ("一、总体情况", "二、主动公开政府信息情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项")
    for heading in headings:
        assert heading in text.splitlines()
