"""pandas frames of reports (:mod:`gov_disclosure.dataframes`): the long format and the panel, exact numbers."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal

import attrs
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gov_disclosure.crosswalk import TABLE2_CROSSWALK, panel_key
from gov_disclosure.dataframes import LONG_COLUMNS, PANEL_COLUMNS, from_dataframe, split_value, to_dataframe, to_panel
from gov_disclosure.errors import MissingDependencyError
from gov_disclosure.findings import Finding, Severity
from gov_disclosure.loader import ReadResult
from gov_disclosure.model import Cell, CellKey, Report, Sections, Table2, Table2_2019, Table3, Table4
from gov_disclosure.records import records
from test_records import HAND, odd_reports

R2019 = Report(
    format_version="2019",
    agency="甲局",
    report_year=2020,
    table2_2019=Table2_2019.from_rows(
        {
            "regulations": [1, 2, 30],
            "licensing": [40, -3, 37],
            "central_procurement": [Cell.of(2), Cell.of(Decimal("251000.50"), raw="251000.50元", unit="元")],
        }
    ),
    table3=Table3.from_rows({"other_processing": [1, 0, 0, 0, 0, 0, 1]}),
)
R2021 = Report(
    format_version="2021",
    agency="乙局",
    report_year=2022,
    table2=Table2.from_rows({"regulations": [5, 1, 60], "licensing": [7], "fees": [Cell.of(Decimal("1690.9913"))]}),
    table3=Table3.from_rows({"other_other": [2, 0, 0, 0, 0, 0, 2]}),
    table4=Table4.from_rows({"review": [Cell.blank(), 0, 0, 1, 1]}),
)


def test_long_frame_columns_and_dtypes() -> None:
    """Numbers exact and never floats; keys categorical; severity ordered."""
    frame = to_dataframe([R2019, R2021])
    assert tuple(frame.columns) == LONG_COLUMNS
    assert len(frame) == len(list(records([R2019, R2021])))
    assert str(frame["value"].dtype) == "Int64"
    assert str(frame["report_year"].dtype) == "Int64"
    assert frame["value_decimal"].dtype == object
    assert all(str(frame[name].dtype) == "category" for name in ("table", "row_key", "column_key", "kind"))
    assert frame["severity"].cat.ordered
    money = frame[frame.column_key == "amount"].iloc[0]
    assert money.value is pd.NA
    assert (money.value_decimal, str(money.value_decimal), money.unit) == (Decimal("251000.5"), "251000.50", "元")
    blank = frame[(frame.table == "table4") & (frame.column_key == "upheld")].iloc[0]
    assert (blank.value is pd.NA, blank.value_decimal, blank.kind) == (True, None, "blank")
    change = frame[(frame.row_key == "licensing") & (frame.column_key == "change")].iloc[0]
    assert change.value == -3


def test_long_frame_severity_filters_in_order() -> None:
    finding = Finding(
        code="X", severity=Severity.WARNING, message="x", message_en="x", cells=(CellKey("table4", "review", "total"),)
    )
    frame = to_dataframe(ReadResult(report=R2021, findings=(finding,)))
    flagged = frame[frame.severity >= "WARNING"]
    assert list(zip(flagged.row_key, flagged.column_key, strict=True)) == [("review", "total")]


def test_long_frame_of_nothing_has_the_columns() -> None:
    frame = to_dataframe([])
    assert tuple(frame.columns) == LONG_COLUMNS
    assert len(frame) == 0
    assert from_dataframe(frame) == ()


def test_long_frame_takes_records() -> None:
    assert to_dataframe(list(records(HAND))).equals(to_dataframe(HAND))


def test_split_value_keeps_every_number_exact() -> None:
    assert split_value(2**63 - 1) == (2**63 - 1, None)
    assert split_value(2**63) == (None, Decimal(2**63))
    assert split_value(-(2**63) - 1) == (None, Decimal(-(2**63) - 1))
    assert split_value(0) == (0, None)


@pytest.mark.property
@given(st.lists(odd_reports(), min_size=1, max_size=3))
def test_dataframe_round_trip(reports: list[Report]) -> None:
    """records → DataFrame → reports gives the reports back, but their narrative sections."""
    assert from_dataframe(to_dataframe(reports)) == tuple(attrs.evolve(r, sections=Sections()) for r in reports)


def test_dataframe_round_trip_of_a_huge_count() -> None:
    """A count no int64 holds goes to value_decimal and comes back equal."""
    huge = R2021.with_cell("table4.review.pending", Cell.of(10**25))
    frame = to_dataframe(huge)
    row = frame[(frame.table == "table4") & (frame.column_key == "pending")].iloc[0]
    assert (row.value is pd.NA, row.value_decimal) == (True, Decimal(10**25))
    assert from_dataframe(frame) == (huge,)


# --- the panel -------------------------------------------------------------------------------------------------


def test_panel_one_row_per_report_and_the_crosswalk() -> None:
    """The comparable 表二 cells share a column; the rest keep their own, <NA> for the other format."""
    panel = to_panel([R2019, R2021])
    assert list(panel.columns[: len(PANEL_COLUMNS)]) == list(PANEL_COLUMNS)
    assert list(panel["agency"]) == ["甲局", "乙局"]
    assert list(panel["table2.regulations.made"]) == [1, 5]  # 本年新制作数量 / 本年制发件数
    assert list(panel["table2.licensing.decisions"]) == [37, 7]  # 处理决定数量 / 本年处理决定数量
    assert panel.loc[0, "table2_2019.licensing.prev_year_items"] == 40  # items, not decisions: kept apart
    assert panel.loc[1, "table2_2019.licensing.prev_year_items"] is pd.NA
    assert panel.loc[0, "table2.regulations.valid"] is pd.NA  # 现行有效件数 is not 对外公开总数量
    assert panel.loc[0, "table2_2019.regulations.total_published"] == 30
    assert "table2_2019.regulations.new_made" not in panel.columns
    assert list(panel["table3.other_processing.total"].isna()) == [False, True]  # （六） as one row: never summed
    assert list(panel["table3.other_other.total"].isna()) == [True, False]


def test_panel_dtypes_exact() -> None:
    panel = to_panel([R2019, R2021])
    assert str(panel["table2.licensing.decisions"].dtype) == "Int64"
    assert str(panel["table2_2019.licensing.change"].dtype) == "Int64"
    assert panel["table2.fees.amount_wan_yuan"].dtype == object
    assert list(panel["table2.fees.amount_wan_yuan"]) == [None, Decimal("1690.9913")]
    assert panel["table2_2019.central_procurement.amount"][0] == Decimal("251000.50")
    assert panel.loc[1, "table4.review.upheld"] is pd.NA  # blank: no number, never 0 or NaN
    assert str(panel["report_year"].dtype) == "Int64"


def test_panel_columns_in_official_order() -> None:
    panel = to_panel([R2021, R2019])
    cells = list(panel.columns[len(PANEL_COLUMNS) :])
    assert cells[:3] == ["table2.regulations.made", "table2.regulations.repealed", "table2.regulations.valid"]
    assert cells.index("table2.fees.amount_wan_yuan") < cells.index("table2_2019.regulations.new_published")
    assert cells.index("table3.other_other.total") < cells.index("table3.other_processing.natural_person")
    assert cells[-1] == "table4.review.total"


def test_panel_without_harmonizing_keeps_each_format_apart() -> None:
    panel = to_panel([R2019, R2021], harmonize=False)
    assert list(panel["table2_2019.licensing.decisions"].isna()) == [False, True]
    assert list(panel["table2.licensing.decisions"].isna()) == [True, False]


def test_panel_keeps_a_report_without_tables_and_refuses_other_things() -> None:
    panel = to_panel([Report(format_version="2021", agency="丙"), R2021])
    assert len(panel) == 2
    assert panel.loc[0, "table2.licensing.decisions"] is pd.NA
    with pytest.raises(TypeError, match="to_panel\\(\\) takes reports and read results, got str"):
        to_panel(["x"])  # type: ignore[list-item]


def test_crosswalk_maps_only_like_onto_like() -> None:
    """Each correspondence joins a 2019 and a 2021 表二 cell of the same row; no 2019 cell is mapped twice."""
    assert len({c.cell_2019 for c in TABLE2_CROSSWALK}) == len(TABLE2_CROSSWALK) == 5
    assert {c.cell_2019.row for c in TABLE2_CROSSWALK} == {
        "regulations",
        "normative_docs",
        "licensing",
        "punishment",
        "coercion",
    }
    for c in TABLE2_CROSSWALK:
        assert c.cell_2019.row == c.cell_2021.row
        assert panel_key(c.cell_2019.table, c.cell_2019.row, c.cell_2019.column) == str(c.cell_2021)
    assert panel_key("table2", "regulations", "made") == "table2.regulations.made"
    assert panel_key("table2_2019", "fees", "change") == "table2_2019.fees.change"


def test_importing_the_package_imports_neither_pandas_nor_pyarrow() -> None:
    code = "import sys, gov_disclosure; print(sorted({'pandas', 'pyarrow', 'duckdb'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_missing_pandas_says_which_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(
        MissingDependencyError,
        match=r'a DataFrame needs the \'pandas\' package: pip install "gov-disclosure\[pandas\]"',
    ):
        to_dataframe(HAND)
