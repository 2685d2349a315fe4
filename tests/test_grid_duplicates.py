"""A row of a grid (a web page's, a PDF's, a scan's table) printed twice (gov_disclosure.formats.grid): the same
numbers are kept once; other numbers mean that one of the two lines is another row whose label only looks like this
one's, so the one its label names exactly is kept, and when neither is named more exactly the row is not read."""

from __future__ import annotations

from gov_disclosure.formats.grid import read_grid_tables
from gov_disclosure.model.cells import Number
from gov_disclosure.parsing.grids import RawCell, RawRow, RawTable

_OTHER = ["571", "0", "257", "91", "1882", "326", "3127"]
_PARTIAL = ["0", "1137", "286", "3253", "1574", "300", "6550"]


def _table(*rows: list[str]) -> RawTable:
    return RawTable(rows=tuple(RawRow(cells=tuple(RawCell(text=t, column=i) for i, t in enumerate(r))) for r in rows))


def _read(*rows: list[str]) -> tuple[list[Number | None] | None, list[str]]:
    read = read_grid_tables([_table(["（一）予以公开", *["1"] * 6, "6"], *rows)], "2019")
    assert read.table3 is not None
    row = read.table3.other_processing
    values = None if row is None else [cell.value for _, cell in row.cells()]
    return values, [f.message_en for f in read.findings if f.code == "GRID.DUPLICATE_ROW"]


def test_a_garbled_label_that_looks_like_a_later_row_does_not_take_its_place() -> None:
    """A scan of a generated 2019 report (Hypothesis, test_ocr_generated): （二）部分公开's label, its lines read
    out of order, came out ``计其他公开（区分处理的，只计这一情形，不`` — 其他 and 处理 in the order of （六）其他处理,
    which it was taken for; the real （六） row, printed later, was dropped as a repeat: seven wrong numbers."""
    garbled = ["计其他公开（区分处理的，只计这一情形，不", *_PARTIAL]
    values, said = _read(garbled, ["（六）其他处理", *_OTHER])
    assert values == [int(v) for v in _OTHER]
    assert len(said) == 1
    assert "names it exactly is kept" in said[0]
    values, said = _read(["（六）其他处理", *_OTHER], garbled)  # the other way round: the exact one stays
    assert values == [int(v) for v in _OTHER]


def test_a_row_printed_twice_with_other_numbers_and_the_same_label_is_not_read() -> None:
    values, said = _read(["（六）其他处理", *_OTHER], ["（六）其他处理", *_PARTIAL])
    assert values is None
    assert len(said) == 1
    assert "not read" in said[0]
    values, _ = _read(["（六）其他处理", *_OTHER], ["（六）其他处理", *_PARTIAL], ["（六）其他处理", *_OTHER])
    assert values is None  # a third print does not settle it


def test_a_row_printed_twice_alike_is_kept_once() -> None:
    values, said = _read(["（六）其他处理", *_OTHER], ["（六）其他处理", *_OTHER])
    assert values == [int(v) for v in _OTHER]
    assert len(said) == 1
    assert "same numbers" in said[0]
