"""The real PDF report 淮安市人民政府 2024 as the text that common PDF extractors make of it, read as text.

Many users hold the text an extractor made, not the PDF. The texts are extracted here, at test time, from
``../shared/real/huaian-city-2024.pdf`` by pypdf, pdfplumber (plain and ``layout=True``) and pdfminer.six; every
cell of ``huaian-city-2024.truth.json`` (read by a person; keys of spec/keys.md) must be read from each of them.

What each extractor does to the tables: pypdf and pdfplumber break the header of 表四 into pieces over many lines
(``结 果`` / ``维持`` / ``其 他 结`` / ``果``) and print its fifteen numbers on one line; pdfminer.six prints 表三
column-major (all row labels of a page first, one per line, then each column's numbers as a list, one per line).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from conftest import shared_path
from gov_disclosure.loader import ReadResult, read_text
from gov_disclosure.model import CellKind


def _pypdf(path: Path) -> str:
    pypdf = pytest.importorskip("pypdf", reason="pypdf (the dev extra) extracts one of the texts")
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


def _pdfplumber(path: Path, **options: Any) -> str:
    pdfplumber = pytest.importorskip("pdfplumber", reason="pdfplumber (the pdf extra) extracts two of the texts")
    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text(**options) for page in pdf.pages)


def _pdfminer(path: Path) -> str:
    high_level = pytest.importorskip("pdfminer.high_level", reason="pdfminer.six (the dev extra) extracts one text")
    text: str = high_level.extract_text(path)
    return text


EXTRACTORS: dict[str, Callable[[Path], str]] = {
    "pypdf": _pypdf,
    "pdfplumber": _pdfplumber,
    "pdfplumber-layout": lambda path: _pdfplumber(path, layout=True),
    "pdfminer": _pdfminer,
}


@pytest.fixture(scope="module")
def truth() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        shared_path("real", "huaian-city-2024.truth.json").read_text(encoding="utf-8"), parse_float=Decimal
    )
    return data


@pytest.fixture(scope="module", params=sorted(EXTRACTORS))
def extracted(request: pytest.FixtureRequest) -> tuple[str, str]:
    """(extractor, the text it extracts from the PDF)."""
    name: str = request.param
    return name, EXTRACTORS[name](shared_path("real", "huaian-city-2024.pdf"))


@pytest.fixture(scope="module")
def result(extracted: tuple[str, str]) -> ReadResult:
    return read_text(extracted[1])


def _truth_cells(truth: dict[str, Any]) -> Iterator[tuple[str, Decimal | int]]:
    for table in ("table2", "table3", "table4"):
        for row, columns in truth[table].items():
            for column, value in columns.items():
                yield f"{table}.{row}.{column}", value


def test_the_truth_has_200_cells_and_nothing_undecidable(truth: dict[str, Any]) -> None:
    assert sum(1 for _ in _truth_cells(truth)) == 200
    assert truth["undecidable_from_text"] == [] and truth["source_errors"] == []


def test_every_truth_cell(extracted: tuple[str, str], result: ReadResult, truth: dict[str, Any]) -> None:
    """All 200 cells read, each the number the agency printed: none wrong, none left unread."""
    wrong = {}
    for key, expected in _truth_cells(truth):
        cell = result.report.cell(key)
        got = None if cell is None else cell.value
        if got != expected:
            wrong[key] = (expected, got)
    assert wrong == {}, extracted[0]


def test_nothing_flagged(extracted: tuple[str, str], result: ReadResult) -> None:
    """Read with certainty: no reading finding, and every cell a number (the report has no blank or text cell)."""
    assert [f.code for f in result.findings if f.code.startswith("READ.") and f.code != "READ.COLUMN_MAJOR"] == []
    assert all(e.cell.kind in (CellKind.NUMBER, CellKind.ZERO) for e in result.report.iter_cells())
    assert result.tables_read == ("table2", "table3", "table4")


def test_table4_holds_its_group_identities(result: ReadResult) -> None:
    """The fifteen numbers of 表四, read in group order (复议, 直接起诉, 复议后起诉), keep 总计 = Σ of the four."""
    table4 = result.report.table4
    assert table4 is not None
    for group in ("review", "litigation_direct", "litigation_after_review"):
        row = table4.row(group)
        assert row is not None
        values = [cell.value for _, cell in row.cells()]
        assert values[4] == sum(v for v in values[:4] if v is not None)
    assert not [f for f in result.findings if f.code == "T4.GROUP_SUM"]
