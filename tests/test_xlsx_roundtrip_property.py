"""The XLSX round trip holds for every report the reader can produce (issue 13).

Reports are read from damaged rendered text (:func:`gov_disclosure.render.render_text` with a drawn
:class:`~gov_disclosure.render.Damage`, as in ``test_read_roundtrip.py``), then given what reading also produces:
extra rows in 表二 and 表三 — before the first row (no ``after``) or after any row, labelled with narrative text
that starts like an official row, a title or a heading — undecided ``TEXT`` cells, cells not printed and cells
completed from an identity. ``to_xlsx`` and reading back gives the same report: cells, kinds, raw text, extra rows.
"""

from __future__ import annotations

import io
import random

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gov_disclosure.loader import read_text
from gov_disclosure.model import Cell, CellKind, ExtraRow, Report
from gov_disclosure.model.tables import Row, Table
from gov_disclosure.render import Damage, render_text
from gov_disclosure.serializers.xlsx import from_cells_sheet, from_xlsx, read_xlsx, to_xlsx
from gov_disclosure.testing import cells, consistent_reports, random_report
from gov_disclosure.testing.damage import damages

pytestmark = pytest.mark.property

_NARRATIVE = (
    "规章制定情况如下",
    "规范性文件 本年制发 3 件",
    "（一）予以公开的申请 12 件",
    "（七）总计",
    "行政复议",
    "某局2022年政府信息公开工作年度报告",
    "二、主动公开政府信息情况",
    "结果维持 72 件，结果纠正 64 件",
    "信息内容",
    "自然人",
    "3.其他",
    "其他主动公开文件",
)
"""Labels of extra rows as a damaged text gives them: narrative sentences that start like official rows, headers,
a title, a heading."""

_LABELS = st.sampled_from(_NARRATIVE) | st.text(st.characters(codec="utf-8"), max_size=20).filter(str.strip)

_ODD_CELLS = st.one_of(
    cells(),
    st.builds(Cell.text, st.sampled_from(("3 5", "12（其中", "见附件", "规章", "（二）部分公开", "1 2 3"))),
    st.just(Cell.not_printed()),
    st.builds(Cell.completed, st.integers(0, 10**6), st.sampled_from(("T3.RESULTS_SUM:natural_person", "T2.X"))),
)


@st.composite
def read_reports(draw: st.DrawFn) -> Report:
    """A report as the text reader returns it for a damaged rendering, then given every kind of cell and extra row
    reading can produce."""
    original = draw(consistent_reports())
    damage: Damage = draw(damages())
    report = read_text(render_text(original, damage=damage)).report
    entries = list(report.iter_cells())
    for _ in range(draw(st.integers(0, 5))):
        entry = draw(st.sampled_from(entries))
        cell = draw(_ODD_CELLS)
        if cell.kind is CellKind.NOT_PRINTED or cell.completed_from is not None:
            cell = draw(st.sampled_from((cell, Cell.text("未能判读"))))
        report = report.with_cell(entry.key, cell)
    tables: dict[str, Table] = {}
    for spec, table in report.tables():
        if spec.key == "table4":
            continue
        rows = _present(table)
        extras = draw(
            st.lists(
                st.builds(
                    ExtraRow,
                    label=_LABELS,
                    cells=st.lists(_ODD_CELLS.filter(lambda c: c.kind is not CellKind.NOT_PRINTED), max_size=4).map(
                        tuple
                    ),
                    after=st.none() | (st.sampled_from(sorted(rows)) if rows else st.none()),
                ),
                max_size=3,
            )
        )
        tables[spec.key] = type(table).from_rows(rows, extra_rows=(*getattr(table, "extra_rows", ()), *extras))
    return attrs.evolve(report, **tables)  # type: ignore[arg-type]


def _book(report: Report) -> io.BytesIO:
    book = io.BytesIO()
    to_xlsx([report], book)
    book.seek(0)
    return book


def _image(report: Report) -> list[object]:
    cells_ = [(e.key, e.cell.kind, e.cell.value, e.cell.raw, e.cell.completed_from) for e in report.iter_cells()]
    extras = [(spec.key, getattr(table, "extra_rows", ())) for spec, table in report.tables()]
    return [cells_, extras]


@settings(max_examples=15)
@given(read_reports())
def test_every_read_report_round_trips(report: Report) -> None:
    """Official form + cells sheet read back to the same report, cell for cell, extra rows included."""
    got = from_xlsx(_book(report))
    assert _image(got[0]) == _image(report)
    assert got == (report,)


@settings(max_examples=5)
@given(read_reports())
def test_every_read_report_round_trips_through_the_cells_sheet(report: Report) -> None:
    """The machine sheets alone hold the same report."""
    assert from_cells_sheet(_book(report)) == (report,)


def test_extra_rows_before_the_first_row_keep_their_place() -> None:
    """表二 and 表三 extra rows with no ``after`` — a narrative sentence starting like ``规章`` — read back as extra
    rows; they used to be taken for the official row and raise ``XlsxLayoutError`` (no header above them)."""
    report = random_report(random.Random(3), "2021")
    table2, table3 = report.table2, report.table3
    assert table2 is not None
    assert table3 is not None
    narrative = ExtraRow(label="规章制定情况如下", cells=(Cell.of(3),))
    total = ExtraRow(label="（七）总计", cells=(Cell.of(1),))
    report = attrs.evolve(
        report,
        table2=type(table2).from_rows(_present(table2), extra_rows=(narrative,)),
        table3=type(table3).from_rows(_present(table3), extra_rows=(total,)),
    )
    reading = read_xlsx(_book(report))
    assert reading.reports == (report,)
    assert not [f for f in reading.all_findings if f.code == "XLSX.DUPLICATE_ROW"]


def _present(table: Table) -> dict[str, Row]:
    return {key: row for key, row in table.iter_rows() if row is not None}
