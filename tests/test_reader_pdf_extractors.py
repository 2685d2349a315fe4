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
from gov_disclosure.parsing.detached import reattach_labels
from gov_disclosure.parsing.document import Document
from gov_disclosure.parsing.lines import TextLine
from gov_disclosure.parsing.tables import read_text_tables


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
    assert truth["undecidable_from_text"] == []
    assert truth["source_errors"] == []


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


# --- the column-major recogniser on small hand-made texts -------------------------------------------------------------

_LABELS = (
    "（一）予以公开",
    "（二）部分公开（区分处理的，只计这一情",
    "形，不计其他情形）",
    "（三）不",
    "予公开",
    "1.属于国家秘密",
)
_HEADER = ("自然人", "商 业 企", "总计", "其他")
_ROWS: dict[str, tuple[int, ...]] = {
    "granted": (3, 0, 0, 0, 1, 0, 4),
    "partial": (2, 1, 0, 0, 0, 0, 3),
    "denied_state_secret": (1, 0, 0, 0, 0, 0, 1),
}


def _by_columns(rows: dict[str, tuple[int, ...]]) -> list[str]:
    return [str(row[c]) for c in range(7) for row in rows.values()]


def _by_rows(rows: dict[str, tuple[int, ...]]) -> list[str]:
    return [str(v) for row in rows.values() for v in row]


def _lines(*parts: str) -> list[TextLine]:
    """The lines of a text that starts with the header of 表三 (where the walker finds the table)."""
    return list(Document.from_text("\n".join(["申请人情况", *parts]) + "\n").lines)


def _table3(lines: list[TextLine]) -> dict[str, list[object]]:
    table = read_text_tables(lines, "2021").table3
    assert table is not None
    out: dict[str, list[object]] = {}
    for key in _ROWS:
        row = table.row(key)
        out[key] = [] if row is None else [cell.value for _, cell in row.cells()]
    return out


def test_column_major_block_made_rows() -> None:
    """Labels (a wrapped one, a group label broken in two) and a header, then a page break inside the numbers of
    the first column, then seven columns of three numbers: row i gets the i-th number of each column."""
    numbers = _by_columns(_ROWS)
    lines = _lines(*_LABELS, *_HEADER, *numbers[:2], "- 4 -", *numbers[2:])
    read = reattach_labels(lines, "2021")
    assert [f.code for f in read.findings] == ["READ.COLUMN_MAJOR"]
    texts = [line.text for line in read.lines][1:]
    assert texts[:5] == [
        "(一)予以公开\t3\t0\t0\t0\t1\t0\t4",
        "(二)部分公开(区分处理的,只计这一情 形,不计其他情形)\t2\t1\t0\t0\t0\t0\t3",  # one line, as matched
        "(三)不",  # a group label: left for the walker to prefix to the next row
        "予公开",
        "1.属于国家秘密\t1\t0\t0\t0\t0\t0\t1",  # the header lines after it are not part of its label
    ]
    assert texts[5:] == ["自然人", "商 业 企", "总计", "其他"]
    assert read.lines[1].source == lines[1].source  # cells are located at their row's label
    assert _table3(lines) == {key: list(row) for key, row in _ROWS.items()}


def test_row_major_table_is_left_alone() -> None:
    """A normal table, numbers on their row's line or one per line right after its label: nothing changes."""
    on_the_line = _lines(_LABELS[0] + " 3 0 0 0 1 0 4", *_LABELS[1:3], "2 1 0 0 0 0 3", *_LABELS[3:], "1 0 0 0 0 0 1")
    one_per_line = _lines(
        _LABELS[0], *map(str, _ROWS["granted"]), *_LABELS[1:3], *map(str, _ROWS["partial"]),
        *_LABELS[3:], *map(str, _ROWS["denied_state_secret"]),
    )  # fmt: skip
    for lines in (on_the_line, one_per_line):
        read = reattach_labels(lines, "2021")
        assert read.lines == tuple(lines)
        assert read.findings == ()
        assert _table3(lines) == {key: list(row) for key, row in _ROWS.items()}


def test_count_that_does_not_match_stays_flagged() -> None:
    """One number lost: 20 numbers for three rows of seven. Nothing is placed; the block is flagged, its numbers are
    left out of the text walked (which would give them to the last label), and the cells are left without values
    (not guessed)."""
    lines = _lines(*_LABELS, *_HEADER, *_by_columns(_ROWS)[:-1])
    read = reattach_labels(lines, "2021")
    assert read.lines == tuple(line for line in lines if not line.text.isdigit())
    assert [f.code for f in read.findings] == ["READ.COLUMN_MAJOR_UNCERTAIN"]
    assert "20 numbers for 3 rows" in read.findings[0].message_en
    tables = read_text_tables(lines, "2021")
    assert "READ.COLUMN_MAJOR_UNCERTAIN" in [f.code for f in tables.findings]
    assert tables.table3 is not None
    for key, row in _ROWS.items():
        got = tables.table3.row(key)
        assert got is None or all(c.value in (None, v) for (_, c), v in zip(got.cells(), row, strict=True)), key
        assert got is None or any(c.value is None for _, c in got.cells()), key


def test_order_the_identities_refute_stays_flagged() -> None:
    """All labels first, then the numbers one per line but row by row: the count matches, yet the identities hold
    read by rows and fail read by columns, so the block is not read column by column."""
    lines = _lines(*_LABELS, *_HEADER, *_by_rows(_ROWS))
    read = reattach_labels(lines, "2021")
    assert read.lines == tuple(lines)
    assert [f.code for f in read.findings] == ["READ.COLUMN_MAJOR_UNCERTAIN"]
    assert "the identities hold row by row" in read.findings[0].message_en


# --- 表四 with its header broken into pieces --------------------------------------------------------------------------

_T4_BROKEN = (
    "其中结果维持 72 件，结果纠正 64 件，其他结果 178 件，尚",  # a sentence quoting the header: not the table
    "四、政府信息公开行政复议、行政诉讼情况",
    "行政复议 行政诉讼",
    "结 果", "维持", "结 果", "纠正", "其 他 结", "果", "尚 未", "审结", "总计",
    "未经复议直接", "起诉", "复议后", "起诉",
    "结 果", "维持", "尚 未 审", "结", "总计",
)  # fmt: skip


@pytest.mark.parametrize(
    "numbers",
    [("72 64 178 37 351 13 4 8 1 26 12 1 1 6 20",), ("72 64 178 37 351 13 4 8", "1 26 12 1 1 6 20")],
    ids=["one line", "two lines"],
)
def test_table4_header_in_pieces(numbers: tuple[str, ...]) -> None:
    """No header word of 表四 is left whole but the top row 行政复议 行政诉讼: the table is found there, and its
    fifteen numbers (on one line or two) are read in group order. The sentence before it opens nothing."""
    lines = list(Document.from_text("\n".join([*_T4_BROKEN, *numbers, "五、存在的主要问题及改进情况"])).lines)
    tables = read_text_tables(lines, "2021")
    assert tables.table4 is not None
    got = {key: [cell.value for _, cell in row.cells()] for key, row in tables.table4.iter_rows() if row is not None}
    assert got == {
        "review": [72, 64, 178, 37, 351],
        "litigation_direct": [13, 4, 8, 1, 26],
        "litigation_after_review": [12, 1, 1, 6, 20],
    }
    assert tables.findings == ()
