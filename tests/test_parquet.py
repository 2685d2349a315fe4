"""Parquet files of the long format (:mod:`gov_disclosure.parquet`), read by DuckDB and back into reports."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import attrs
import duckdb
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import gov_disclosure as gd
from gov_disclosure.cli import main
from gov_disclosure.dataframes import LONG_COLUMNS, from_dataframe, to_dataframe
from gov_disclosure.model import Cell, Report, Sections
from gov_disclosure.parquet import ParquetValueError, arrow_schema, read_parquet, write_parquet
from test_dataframes import R2019, R2021
from test_records import odd_reports


def _query(sql: str) -> list[tuple[object, ...]]:
    relation = duckdb.sql(sql)
    assert relation is not None
    return relation.fetchall()


def test_schema_is_explicit(tmp_path: Path) -> None:
    out = tmp_path / "cells.parquet"
    assert write_parquet([R2019, R2021], out) == len(to_dataframe([R2019, R2021]))
    schema = pq.read_schema(out)
    assert schema.names == list(LONG_COLUMNS)
    assert schema.equals(arrow_schema())
    assert str(schema.field("value_decimal").type) == "decimal128(38, 8)"


def test_duckdb_reads_exact_numbers(tmp_path: Path) -> None:
    out = tmp_path / "cells.parquet"
    write_parquet([R2019, R2021], out)
    rows = _query(
        f"SELECT agency, report_year, value FROM '{out}' WHERE row_key='licensing' AND column_key='decisions' "
        "ORDER BY report_index"
    )
    assert rows == [("甲局", 2020, 37), ("乙局", 2022, 7)]
    money = _query(f"SELECT value_decimal, unit FROM '{out}' WHERE column_key='amount'")
    assert money == [(Decimal("251000.50"), "元")]
    blank = _query(f"SELECT value, kind FROM '{out}' WHERE \"table\"='table4' AND column_key='upheld'")
    assert blank == [(None, "blank")]


def test_round_trip_through_parquet(tmp_path: Path) -> None:
    out = tmp_path / "cells.parquet"
    write_parquet([R2019, R2021], out, batch_size=7)  # several row groups
    frame = read_parquet(out)
    assert frame.equals(to_dataframe([R2019, R2021]))
    assert from_dataframe(frame) == (R2019, R2021)


@pytest.mark.property
@settings(max_examples=15)
@given(st.lists(odd_reports(), min_size=1, max_size=2))
def test_parquet_round_trip_property(reports: list[Report]) -> None:
    """Generated reports of both formats with every kind of cell come back from the file equal."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "cells.parquet"
        write_parquet(reports, out, batch_size=50)
        assert from_dataframe(read_parquet(out)) == tuple(attrs.evolve(r, sections=Sections()) for r in reports)


def test_an_empty_file_has_the_schema(tmp_path: Path) -> None:
    out = tmp_path / "none.parquet"
    assert write_parquet([], out) == 0
    assert pq.read_schema(out).equals(arrow_schema())


def test_a_number_decimal128_cannot_hold_is_refused(tmp_path: Path) -> None:
    fine = R2021.with_cell("table2.fees.amount_wan_yuan", Cell.of(Decimal("0.12345678")))
    write_parquet(fine, tmp_path / "fine.parquet")
    assert read_parquet(tmp_path / "fine.parquet").value_decimal.dropna().tolist() == [Decimal("0.12345678")]
    for bad in (Decimal("0.123456789"), Decimal(10) ** 30):
        report = R2021.with_cell("table2.fees.amount_wan_yuan", Cell.of(bad))
        with pytest.raises(ParquetValueError, match=r"table2\.fees\.amount_wan_yuan: .* does not fit decimal128"):
            write_parquet(report, tmp_path / "bad.parquet")


def test_cli_export_parquet_of_a_folder(tmp_path: Path) -> None:
    """``export FOLDER --parquet``: every report in the folder, natural order; with --xlsx both files."""
    folder = tmp_path / "reports"
    folder.mkdir()
    text = gd.example_report_text()
    (folder / "r10.txt").write_text(text.replace("淮安市人民政府", "十局"), encoding="utf-8")
    (folder / "r2.txt").write_text(text.replace("淮安市人民政府", "二局"), encoding="utf-8")
    out, book = tmp_path / "cells.parquet", tmp_path / "book.xlsx"
    result = CliRunner().invoke(main, ["export", str(folder), "--parquet", str(out), "--xlsx", str(book)])
    assert result.exit_code == 0, result.output
    agencies = _query(f"SELECT DISTINCT report_index, agency FROM '{out}' ORDER BY 1")
    assert agencies == [(0, "二局"), (1, "十局")]
    assert [r.agency for r in gd.from_xlsx(book)] == ["二局", "十局"]


def test_cli_export_needs_an_output(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["export", str(gd.example_path())])
    assert result.exit_code == 4
    assert "give --xlsx OUT.xlsx, --parquet OUT.parquet, or both" in result.output
