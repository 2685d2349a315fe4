"""Tests of the report model: construction, validation of types, access by key, equality."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest

from gov_disclosure.errors import ModelError
from gov_disclosure.model import (
    TABLE3,
    TABLES,
    Cell,
    CellKey,
    CellKind,
    ExtraRow,
    Report,
    SourceLocation,
    Table,
    Table2,
    Table2_2019,
    Table3,
    Table3Row,
    Table4,
    Table4Row,
)
from gov_disclosure.model.formats import format_spec
from gov_disclosure.model.tables import Row

ZEROS7 = [0] * 7


def test_cell_kinds_follow_values() -> None:
    """Zero is its own kind; blanks and marks carry no value."""
    assert Cell.of(5).kind is CellKind.NUMBER
    assert Cell.of(0).kind is CellKind.ZERO
    assert Cell.of(Decimal("0.0")).kind is CellKind.ZERO
    assert Cell.blank().value is None
    assert Cell.not_applicable("无").raw == "无"
    assert Cell.text("898989").kind is CellKind.TEXT


def test_cell_rejects_bad_values() -> None:
    """Bools, floats and mismatched kinds are refused at construction."""
    with pytest.raises(TypeError):
        Cell.of(True)
    with pytest.raises(TypeError):
        Cell.of(1.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="does not match"):
        Cell(kind=CellKind.ZERO, value=3)
    with pytest.raises(ValueError, match="has no value"):
        Cell(kind=CellKind.BLANK, value=3)


def test_source_is_not_part_of_equality() -> None:
    """Provenance is excluded from equality and hashing."""
    a = Cell.of(3, source=SourceLocation(path="a.txt", line=1))
    b = Cell.of(3, source=SourceLocation(path="b.txt", line=9))
    assert a == b
    assert hash(a) == hash(b)


def test_model_is_frozen() -> None:
    """Cells, rows and tables cannot be changed in place."""
    t4 = Table4.from_rows({"review": [1, 0, 0, 1, 2]})
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        t4.review = None  # type: ignore[misc]


def test_table_classes_match_layout() -> None:
    """Every table class's rows and columns are exactly the keys and order of the layout spec."""
    classes: dict[str, type[Table]] = {
        "table2": Table2,
        "table2_2019": Table2_2019,
        "table3": Table3,
        "table4": Table4,
    }
    for spec in TABLES:
        cls = classes[spec.key]
        assert cls.spec is spec
        assert tuple(cls.row_types) == tuple(r.key for r in spec.rows)
        for row in spec.rows:
            assert cls.row_types[row.key].column_keys() == tuple(c.key for c in row.columns)


def test_table_sizes_match_the_forms() -> None:
    """2021 表三 has 25 rows and 2019 has 23; 表二 has 10 / 22 cells; 表四 15 (format-spec §2–3)."""
    assert len(format_spec("2021").rows(TABLE3)) == 25
    assert len(format_spec("2019").rows(TABLE3)) == 23
    sizes = {spec.key: sum(len(r.columns) for r in spec.rows) for spec in TABLES}
    assert sizes == {"table2": 10, "table2_2019": 22, "table3": 26 * 7, "table4": 15}


def test_from_rows_accepts_sequences_mappings_and_blanks() -> None:
    """Rows may be given in column order or by key; None is a blank cell, never zero."""
    t3 = Table3.from_rows(
        {
            "new_received": [1, 2, None, 0, 0, 0, 3],
            "granted": dict(zip(Table3Row.column_keys(), ZEROS7, strict=True)),
        }
    )
    assert t3.new_received is not None
    assert t3.new_received.research.kind is CellKind.BLANK
    assert t3.granted is not None
    assert t3.granted.total.kind is CellKind.ZERO
    assert t3.partial is None


@pytest.mark.parametrize(
    ("rows", "key"),
    [
        ({"granted_x": ZEROS7}, "table3.granted_x"),
        ({"granted": {"natural_persons": 1}}, "table3.granted.natural_persons"),
        ({"granted": [0] * 6}, "table3.granted"),
        ({"granted": [0, 0, 0, "1", 0, 0, 0]}, "table3.granted.social_welfare"),
        ({"granted": [0, 0, 0, 1.0, 0, 0, 0]}, "table3.granted.social_welfare"),
    ],
)
def test_from_rows_names_the_bad_key(rows: dict[str, object], key: str) -> None:
    """Unknown keys, wrong lengths and wrong types raise ModelError naming the place."""
    with pytest.raises(ModelError) as info:
        Table3.from_rows(rows)  # type: ignore[arg-type]
    assert info.value.key == key


def test_report_enforces_format_specific_tables() -> None:
    """A 2019 report cannot carry the 2021 表二 or the 2021 （六） sub-rows, and vice versa."""
    with pytest.raises(ModelError, match="table2"):
        Report(format_version="2019", table2=Table2())
    with pytest.raises(ModelError, match="table2_2019"):
        Report(format_version="2021", table2_2019=Table2_2019())
    with pytest.raises(ModelError, match="other_no_correction"):
        Report(format_version="2019", table3=Table3.from_rows({"other_no_correction": ZEROS7}))
    with pytest.raises(ModelError, match="other_processing"):
        Report(format_version="2021", table3=Table3.from_rows({"other_processing": ZEROS7}))
    with pytest.raises(ModelError, match="format_version"):
        Report(format_version="2020")


def test_cell_access_and_replacement() -> None:
    """Cells are reachable by key and replaceable without touching the original."""
    report = Report(format_version="2021", table3=Table3.from_rows({"granted": [1, 0, 0, 0, 0, 0, 1]}))
    key = CellKey("table3", "granted", "total")
    assert report.cell(key) == Cell.of(1)
    assert report.cell("table3.partial.total") is None
    changed = report.with_cell(key, Cell.of(7))
    assert changed.cell(key) == Cell.of(7)
    assert report.cell(key) == Cell.of(1)
    with pytest.raises(ModelError):
        report.with_cell("table3.partial.total", Cell.of(1))


def test_iter_cells_gives_labels_in_official_order() -> None:
    """Iteration yields keys with the official Chinese labels."""
    report = Report(
        format_version="2021",
        table2=Table2.from_rows({"fees": [Decimal("96171.6")]}),
        table3=Table3.from_rows({"denied_state_secret": ZEROS7}),
    )
    entries = list(report.iter_cells())
    assert [str(e.key) for e in entries[:2]] == [
        "table2.fees.amount_wan_yuan",
        "table3.denied_state_secret.natural_person",
    ]
    assert entries[0].column_label == "本年收费金额（单位：万元）"
    assert entries[0].cell.value == Decimal("96171.6")
    assert entries[1].row_label == "（三）不予公开 1.属于国家秘密"
    assert entries[1].column_label == "自然人"


def test_located_cell_is_an_equal_copy_with_its_source() -> None:
    """Cell.located copies every field of a valid cell and sets only the provenance."""
    cell = Cell.of(55, raw="55（含自然失效29件）", annotation="含自然失效29件", unit="件")
    where = SourceLocation(line=4, start=10, end=20)
    located = cell.located(where)
    assert located == cell
    assert located is not cell
    assert (located.kind, located.value, located.raw, located.annotation, located.unit) == (
        cell.kind,
        cell.value,
        cell.raw,
        cell.annotation,
        cell.unit,
    )
    assert located.source == where
    assert cell.source is None
    assert hash(located) == hash(cell)


def test_from_cells_equals_from_values() -> None:
    """Row.from_cells builds the same row as from_values, converts numbers and blanks, and rejects bad input."""
    cells = [Cell.of(1), Cell.of(0), Cell.blank(), Cell.not_applicable(), Cell.text("1 2")]
    row = Table4Row.from_cells(cells)
    assert row == Table4Row.from_values(cells)
    assert [cell for _, cell in row.cells()] == cells
    assert Table4Row.from_cells([1, 0, None, 1, 2]) == Table4Row.from_values([1, 0, None, 1, 2])
    with pytest.raises(ModelError, match=r"table4\.review: expected 5 values"):
        Table4Row.from_cells(cells[:2], where="table4.review")
    with pytest.raises(ModelError):
        Table4Row.from_cells([*cells[:4], "7"])  # type: ignore[list-item]


def test_from_rows_of_built_rows_equals_the_constructor() -> None:
    """Table.from_rows given row objects (the readers' quick way) builds the table its constructor builds."""
    row = Table3Row.from_cells([Cell.of(1), Cell.of(0), Cell.of(0), Cell.of(0), Cell.of(0), Cell.of(0), Cell.of(1)])
    extra = ExtraRow(label="其他", cells=(Cell.of(2),))
    table = Table3.from_rows({"granted": row, "total_processed": row}, extra_rows=[extra])
    assert table == Table3(granted=row, total_processed=row, extra_rows=(extra,))
    assert table.extra_rows == (extra,)
    assert table.new_received is None
    review = Table4Row.from_values([1, 0, 0, 1, 2])
    assert Table4.from_rows({"review": review}) == Table4(review=review)
    with pytest.raises(ModelError, match="keeps no extra rows"):
        Table4.from_rows({"review": review}, extra_rows=[extra])
    with pytest.raises(ModelError, match="unknown row"):
        Table4.from_rows({"review": review, "reveiw": review})


def test_cells_are_built_positionally_in_field_order() -> None:
    """A cell built from its fields in order (how Cell.located copies one) is the cell built by keyword, and its
    value is checked the same way."""
    where = SourceLocation(line=2)
    assert Cell(CellKind.NUMBER, 7, "7", None, None, where) == Cell(kind=CellKind.NUMBER, value=7, raw="7")
    assert Cell(CellKind.NUMBER, 7, "7", None, None, where).source is where
    with pytest.raises(ValueError, match="does not match"):
        Cell(CellKind.ZERO, 7)


def test_rows_are_built_positionally_in_column_order() -> None:
    """A row built from its cells in official column order (the readers' way) is the row built by keyword."""
    cells = [Cell.of(1), Cell.of(0), Cell.blank(), Cell.of(1), Cell.of(2)]
    row = Table4Row(*cells)
    assert row == Table4Row(**dict(zip(Table4Row.column_keys(), cells, strict=True)))
    assert row == Table4Row.from_cells(cells)
    assert [cell for _, cell in row.cells()] == cells
    with pytest.raises(TypeError):
        Table4Row(*cells[:4])


def test_from_cells_builds_a_row_class_that_takes_keywords_only() -> None:
    """A third-party row class may take its cells by keyword only: from_cells builds it all the same."""

    @attrs.frozen(kw_only=True)
    class Pair(Row):
        first: Cell
        second: Cell

    assert Pair.by_position() is False
    assert Table4Row.by_position() is True
    assert Pair.from_cells([Cell.of(1), Cell.blank()]) == Pair(first=Cell.of(1), second=Cell.blank())


def test_constructors_check_what_they_are_given() -> None:
    """Rows refuse what is not a Cell and tables what is not their row class, however they are built."""
    with pytest.raises(TypeError, match="upheld must be a Cell"):
        Table4Row(upheld=1, corrected=Cell.of(0), other=Cell.of(0), pending=Cell.of(0), total=Cell.of(1))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="total must be a Cell"):
        Table4Row(Cell.of(1), Cell.of(0), Cell.of(0), Cell.of(1), 2)  # type: ignore[arg-type]
    row3 = Table3Row.from_values(ZEROS7)
    with pytest.raises(TypeError, match="review must be a Table4Row or None"):
        Table4(review=row3)  # type: ignore[arg-type]
    with pytest.raises(ModelError, match=r"table4\.review: expected a mapping or a sequence of cells, got Table3Row"):
        Table4.from_rows({"review": row3})


def test_named_constructors_go_through_init(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cell.located, Row.from_cells and Table.from_rows build through the generated __init__ (no back door)."""
    cells = [Cell.of(1), Cell.of(0), Cell.of(0), Cell.of(1), Cell.of(2)]
    review = Table4Row.from_cells(cells)
    where = SourceLocation(line=1)
    built: list[type] = []
    for cls in (Cell, Table4Row, Table4):
        init = cls.__init__

        def counted(self: object, *args: object, __init: object = init, **kwargs: object) -> None:
            built.append(type(self))
            __init(self, *args, **kwargs)  # type: ignore[operator]

        monkeypatch.setattr(cls, "__init__", counted)
    assert cells[0].located(where).source is where
    assert Table4Row.from_cells(cells) == review
    assert Table4.from_rows({"review": review}).review is review
    assert built == [Cell, Table4Row, Table4]
