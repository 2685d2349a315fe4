"""report → xlsx → report is lossless (official form + cells sheet), and the cells sheet alone round-trips too."""

from __future__ import annotations

import io
import random
from decimal import Decimal

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gov_disclosure.model import Cell, ExtraRow, Report, Sections, Table2_2019, Table4
from gov_disclosure.serializers.xlsx import from_cells_sheet, from_xlsx, read_xlsx, to_xlsx
from gov_disclosure.serializers.xlsx.values import number_is_exact, sheet_value, stored
from gov_disclosure.testing import cells, consistent_reports, random_report

pytestmark = pytest.mark.property

_TEXT = st.text(st.characters(codec="utf-8"), max_size=30)


def _book(reports: list[Report]) -> io.BytesIO:
    book = io.BytesIO()
    to_xlsx(reports, book)
    book.seek(0)
    return book


@st.composite
def wild_reports(draw: st.DrawFn) -> Report:
    """Consistent reports, then damaged in every way a reader can produce: blank / NA / text cells, odd raw text
    and annotations, exact money of any precision, absent rows, extra rows, control characters in text."""
    report = draw(consistent_reports())
    entries = list(report.iter_cells())
    for _ in range(draw(st.integers(0, 6))):
        entry = draw(st.sampled_from(entries))
        cell = draw(
            st.one_of(
                cells(),
                st.builds(Cell.text, _TEXT.filter(str.strip)),
                st.builds(Cell.not_applicable, st.sampled_from(["/", "—", "无", "-"])),
                st.builds(
                    lambda v, raw, note: Cell.of(v, raw=raw, annotation=note),
                    st.integers(0, 10**18),
                    _TEXT,
                    st.none() | _TEXT.filter(bool),
                ),
                st.builds(
                    lambda v, unit: Cell.of(v, raw=f"{v}{unit or ''}", unit=unit),
                    st.decimals(min_value=0, max_value=10**20, allow_nan=False, allow_infinity=False, places=None),
                    st.sampled_from([None, "元", "万元"]),
                ),
            )
        )
        report = report.with_cell(entry.key, cell)
    table3 = report.table3
    assert table3 is not None
    drop = draw(st.lists(st.sampled_from([k for k, r in table3.iter_rows() if r is not None]), max_size=3))
    extras = draw(
        st.lists(
            st.builds(
                ExtraRow,
                label=_TEXT.filter(str.strip),
                cells=st.lists(cells(), max_size=9).map(tuple),
                after=st.none() | st.sampled_from([k for k, r in table3.iter_rows() if r is not None]),
            ),
            max_size=2,
        )
    )
    rows = {k: (None if k in drop else r) for k, r in table3.iter_rows() if r is not None}
    new3 = type(table3).from_rows(rows, extra_rows=extras)
    sections = Sections(**{k: draw(st.none() | st.text(max_size=50)) for k, _ in report.sections.items()})
    agency = draw(st.none() | _TEXT.filter(bool))
    return Report(
        format_version=report.format_version,
        agency=agency,
        report_year=report.report_year,
        sections=sections,
        table2=report.table2,
        table2_2019=report.table2_2019,
        table3=new3,
        table4=draw(st.none() | st.just(report.table4)),
    )


@settings(max_examples=15)
@given(st.lists(consistent_reports(), min_size=1, max_size=3))
def test_consistent_reports_round_trip(reports: list[Report]) -> None:
    """Any consistent reports of either format, several per workbook, read back equal and in order."""
    assert from_xlsx(_book(reports)) == tuple(reports)


@settings(max_examples=25)
@given(st.lists(wild_reports(), min_size=1, max_size=2))
def test_damaged_reports_round_trip_losslessly(reports: list[Report]) -> None:
    """Blanks, marks, text, raw text, annotations, precise money, absent and extra rows all survive."""
    book = _book(reports)
    got = from_xlsx(book)
    assert got == tuple(reports)
    for mine, theirs in zip(got, reports, strict=True):
        assert [e.cell.raw for e in mine.iter_cells()] == [e.cell.raw for e in theirs.iter_cells()]


@settings(max_examples=15)
@given(st.lists(wild_reports(), min_size=1, max_size=2))
def test_cells_sheet_alone_round_trips(reports: list[Report]) -> None:
    """The cells, reports and sections sheets hold every report without the official form."""
    assert from_cells_sheet(_book(reports)) == tuple(reports)


@given(st.decimals(allow_nan=False, allow_infinity=False) | st.integers(-(10**20), 10**20))
def test_numbers_are_stored_exactly_or_as_text(value: Decimal | int) -> None:
    """A value is written as a spreadsheet number only when openpyxl's float storage gives it back exactly."""
    written, _ = sheet_value(Cell.of(value))
    if number_is_exact(value):
        assert isinstance(written, (int, Decimal))
        assert Decimal(repr(stored(value))) == value or stored(value) == value
    else:
        assert written == str(value)


def test_money_is_a_number_with_its_printed_decimals() -> None:
    """96171.60 万元 is stored as a number shown with two decimals; the header carries 万元."""
    report = random_report(random.Random(2), "2021")
    assert report.table2 is not None
    report = report.with_cell("table2.fees.amount_wan_yuan", Cell.of(Decimal("96171.60")))
    wb = openpyxl.load_workbook(_book([report]))
    ws = wb.worksheets[0]
    found = [c for row in ws.iter_rows() for c in row if c.value == 96171.6]
    assert len(found) == 1
    assert found[0].number_format == "0.00"
    assert any(c.value == "本年收费金额（单位：万元）" for row in ws.iter_rows() for c in row)
    assert from_xlsx(_book([report]))[0].table2.fees.amount_wan_yuan.value == Decimal("96171.60")  # type: ignore[union-attr]


def test_unit_in_cell_is_shown_by_the_number_format() -> None:
    """A 2019 采购总金额 printed ``251000元`` is the number 251000 shown as ``251000元``."""
    table = Table2_2019.from_rows(
        {"central_procurement": [Cell.of(3), Cell.of(Decimal(251000), raw="251000元", unit="元")]}
    )
    report = Report(format_version="2019", table2_2019=table)
    ws = openpyxl.load_workbook(_book([report])).worksheets[0]
    cell = next(c for row in ws.iter_rows() for c in row if c.value == 251000)
    assert cell.number_format == '0"元"'
    assert from_xlsx(_book([report])) == (report,)


def test_sheet_names_are_safe_and_unique() -> None:
    """Reports with the same or awkward names get distinct sheet names Excel accepts."""
    reports = [Report(format_version="2021", agency="某局[试点]/科室:*?", report_year=2022) for _ in range(3)]
    reports.append(Report(format_version="2021", agency="很长的机关名称" * 10, report_year=2022))
    names = openpyxl.load_workbook(_book(reports)).sheetnames
    report_sheets = names[:4]
    assert len(set(report_sheets)) == 4
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in report_sheets)
    assert names[4:] == ["cells", "reports", "sections"]
    assert from_xlsx(_book(reports)) == tuple(reports)


def test_text_starting_with_equals_is_not_a_formula() -> None:
    """A cell printed ``=1+1`` is text in the workbook, not a formula (no formula injection)."""
    report = Report(
        format_version="2021",
        agency="=HYPERLINK(1)",
        table4=Table4.from_rows({"review": [Cell.text("=1+1"), 0, 0, 0, 0]}),
    )
    wb = openpyxl.load_workbook(_book([report]))
    assert all(c.data_type != "f" for ws in wb.worksheets for row in ws.iter_rows() for c in row)
    assert from_xlsx(_book([report])) == (report,)


def test_reading_reports_findings_per_sheet() -> None:
    """read_xlsx returns each report with the sheet it came from."""
    reports = [Report(format_version="2019", agency="甲", report_year=2020), Report(format_version="2021", agency="乙")]
    reading = read_xlsx(_book(reports))
    assert [item.sheets for item in reading.items] == [("2020 甲",), ("乙",)]
    assert reading.reports == tuple(reports)
