"""The five real reports in ../shared/seeds, read by gov_disclosure.loader.

Every expected value below was read from the seed text by a person, not copied from the program's output.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gov_disclosure.findings import Finding
from gov_disclosure.loader import ReadResult, load
from gov_disclosure.model import TABLE3, CellKind, Table3Row
from gov_disclosure.model.formats import format_spec
from gov_disclosure.validation import Status, evaluate_identities

pytestmark = pytest.mark.seeds

T3_2021 = [r.key for r in format_spec("2021").rows(TABLE3)]
T3_2019 = [r.key for r in format_spec("2019").rows(TABLE3)]


def _read(seeds_dir: Path, prefix: str) -> ReadResult:
    (path,) = seeds_dir.glob(f"{prefix}_*.txt")
    return load(path)


def _row(result: ReadResult, table: str, row: str) -> list[object] | None:
    found = getattr(result.report, table)
    assert found is not None, table
    value = found.row(row)
    return None if value is None else [cell.value for _, cell in value.cells()]


def _codes(findings: tuple[Finding, ...]) -> set[str]:
    return {f.code for f in findings}


def _zeros(result: ReadResult, table: str, rows: list[str], width: int) -> None:
    for row in rows:
        assert _row(result, table, row) == [0] * width, row


def test_seed_000_tab_separated_2021(seeds_dir: Path) -> None:
    """穗港智造合作区管委会 2022: 2021 format, tab-separated; 表三 has one application, granted, row 二 shifted."""
    result = _read(seeds_dir, "000")
    report = result.report
    assert (report.format_version, report.agency, report.report_year) == (
        "2021",
        "广州开发区穗港智造合作区管委会",
        2022,
    )
    assert result.tables_read == ("table2", "table3", "table4")
    _zeros(result, "table2", ["regulations", "normative_docs"], 3)
    _zeros(result, "table2", ["licensing", "punishment", "coercion", "fees"], 1)
    one = [1, 0, 0, 0, 0, 0, 1]
    assert _row(result, "table3", "new_received") == one
    assert _row(result, "table3", "carried_over") == [0] * 7  # printed with an extra leading cell
    assert _row(result, "table3", "granted") == one
    assert _row(result, "table3", "total_processed") == one
    others = [k for k in T3_2021 if k not in ("new_received", "granted", "total_processed")]
    _zeros(result, "table3", others, 7)
    _zeros(result, "table4", ["review", "litigation_direct", "litigation_after_review"], 5)
    assert not [f for f in result.findings if f.code.startswith("READ.")]


def test_seed_001_tables_absent(seeds_dir: Path) -> None:
    """黄埔区 2022: the tables are missing from the text; narrative and metadata are still read."""
    result = _read(seeds_dir, "001")
    report = result.report
    assert (report.format_version, report.agency, report.report_year) == (
        "2021",
        "广州市黄埔区人民政府 广州开发区管委会",
        2022,
    )
    assert (report.table2, report.table3, report.table4) == (None, None, None)
    assert result.tables_read == ()
    missing = [f for f in result.findings if f.code == "READ.TABLE_MISSING"]
    assert len(missing) == 3
    assert "READ.FORMAT_FROM_YEAR" in _codes(result.findings)
    assert report.sections.overview is not None
    assert "1062宗" in (report.sections.overview or "")
    assert result.facts, "the narrative's numbers are extracted"


def test_seed_002_lost_rows_and_short_rows(seeds_dir: Path) -> None:
    """民营经济和企业服务局 2020: 2019 format; 表二 cut off, 表三's first rows lost, rows of 6 numbers for 7 columns."""
    result = _read(seeds_dir, "002")
    report = result.report
    assert (report.format_version, report.agency, report.report_year) == (
        "2019",
        "广州开发区民营经济和企业服务局",
        2020,
    )
    _zeros(result, "table2_2019", ["regulations", "normative_docs"], 3)
    _zeros(result, "table2_2019", ["licensing", "other_mgmt_services", "punishment", "coercion"], 3)
    assert report.table2_2019 is not None
    assert report.table2_2019.fees is None
    assert report.table2_2019.central_procurement is None
    lost = T3_2019[: T3_2019.index("denied_internal_affairs")]
    for row in lost:
        assert _row(result, "table3", row) is None, row
    read = T3_2019[T3_2019.index("denied_internal_affairs") : T3_2019.index("other_processing")]
    _zeros(result, "table3", read, 7)  # includes 2.没有现成信息需另行制作 and 5.要求…重新出具 wrapped over a header
    assert report.table3 is not None
    for row in ("other_processing", "total_processed", "carried_forward"):
        cells = [c for _, c in report.table3.row(row).cells()]  # type: ignore[union-attr]
        assert all(c.kind is CellKind.TEXT for c in cells), row  # 6 numbers for 7 columns: not shifted, flagged
    short = [f for f in result.findings if f.code == "READ.ROW_SHORT"]  # one finding per row of 6 values for 7
    assert [(f.table, f.row, len(f.cells)) for f in short] == [
        ("table3", row, 7) for row in ("other_processing", "total_processed", "carried_forward")
    ]
    undecided = [f for f in result.findings if f.code == "READ.UNDECIDED"]  # only where a real choice is left
    assert {str(f.cells[0]): f.candidates for f in undecided} == {
        "table3.total_processed.natural_person": (0, 1),
        "table3.total_processed.commercial": (0, 1),
        "table3.total_processed.other": (0, 1),
        "table3.total_processed.total": (1, 2),  # 1 if a middle value was lost, 2 if the 总计 itself was lost
    }
    missing = {c.row for f in result.findings if f.code == "READ.ROW_MISSING" for c in f.cells}
    assert missing == {*lost, "fees", "central_procurement"}
    _zeros(result, "table4", ["review", "litigation_direct", "litigation_after_review"], 5)


def test_seed_003_markdown_and_page_split(seeds_dir: Path) -> None:
    """番禺区科工信局 2023: markdown headings, 表三 split by a page break, a row of six 0s completed from identities."""
    result = _read(seeds_dir, "003")
    report = result.report
    assert (report.format_version, report.agency, report.report_year) == (
        "2021",
        "广州市番禺区科技工业商务和信息化局",
        2023,
    )
    assert _row(result, "table2", "normative_docs") == [0, 0, 3]
    _zeros(result, "table2", ["regulations"], 3)
    _zeros(result, "table2", ["licensing", "punishment", "coercion", "fees"], 1)
    two, one = [2, 0, 0, 0, 0, 0, 2], [1, 0, 0, 0, 0, 0, 1]
    assert _row(result, "table3", "new_received") == two
    assert _row(result, "table3", "denied_third_party") == one
    assert _row(result, "table3", "unable_not_held") == one
    assert _row(result, "table3", "unable_still_unclear") == [0] * 7  # after the repeated header
    assert _row(result, "table3", "total_processed") == two
    assert report.table3 is not None
    # 1.申请人无正当理由逾期不补正… prints six 0s for seven columns; which column lost its number is not printed,
    # but each column's （七）总计 and its other result rows (read by hand: 予以公开 0, 保护第三方合法权益 1|0…|1,
    # 本机关不掌握 1|0…|1, the rest 0, （七） 2|0…|2) force every cell to 0: completed from those identities, said so
    row = report.table3.other_no_correction
    assert row is not None
    assert [(c.value, c.completed_from) for _, c in row.cells()] == [
        (0, f"T3.RESULTS_SUM:{column}") for column in Table3Row.column_keys()
    ]
    assert all(c.raw == "" for _, c in row.cells())  # nothing was printed in any one of its cells
    done = {"new_received", "denied_third_party", "unable_not_held", "total_processed", "other_no_correction"}
    _zeros(result, "table3", [k for k in T3_2021 if k not in done], 7)
    _zeros(result, "table4", ["review", "litigation_direct", "litigation_after_review"], 5)
    assert all(entry.cell.value is not None for entry in report.iter_cells())  # seed 003 reads all its cells
    # one problem, one finding: the row was completed; nothing is left undecided
    about_row = [f for f in result.findings if f.row == "other_no_correction" or f.code.startswith("T3.")]
    assert [(f.code, f.table, f.row) for f in about_row] == [("READ.ROW_COMPLETED", "table3", "other_no_correction")]
    assert not [f for f in result.findings if f.code in ("READ.UNDECIDED", "READ.ROW_SHORT", "CELL.TEXT")]
    # the identities the row was completed from (and its own row sum, made only of completed values) are no checks
    statuses = {e.identity.name: e.status for e in evaluate_identities(report)}
    used = {f"T3.RESULTS_SUM:{column}" for column in Table3Row.column_keys()} | {"T3.ROW_SUM:other_no_correction"}
    assert {name for name, status in statuses.items() if status is Status.COMPLETED} == used
    assert all(status is Status.HOLDS for name, status in statuses.items() if name not in used)


def test_seed_004_wrapped_labels_nonzero(seeds_dir: Path) -> None:
    """海珠区政府办 2021: non-zero values, group labels reordered across cells and a page break."""
    result = _read(seeds_dir, "004")
    report = result.report
    assert (report.format_version, report.agency, report.report_year) == ("2021", "广州市海珠区人民政府办公室", 2021)
    assert _row(result, "table2", "normative_docs") == [0, 1, 4]
    expected = {
        "new_received": 22,
        "carried_over": 2,
        "granted": 1,
        "denied_law_prohibited": 2,
        "denied_internal_affairs": 1,
        "denied_admin_query": 2,
        "unable_not_held": 13,
        "unable_needs_creation": 4,
        "other_no_correction": 1,
        "total_processed": 24,
    }
    for row in T3_2021:
        n = expected.get(row, 0)
        assert _row(result, "table3", row) == [n, 0, 0, 0, 0, 0, n], row
    assert _row(result, "table4", "review") == [2, 0, 0, 0, 2]
    _zeros(result, "table4", ["litigation_direct", "litigation_after_review"], 5)
    assert not [f for f in result.findings if f.code.startswith("READ.")]
    assert not [f for f in result.findings if f.code.startswith(("T3.", "T4."))]


def test_sections_quote_the_report_as_printed(seeds_dir: Path) -> None:
    """Narrative sections keep the report's own characters (full-width punctuation), not the normalised text."""
    sections = _read(seeds_dir, "004").report.sections
    assert sections.overview is not None
    assert sections.overview.startswith("2021 年，海珠区人民政府办公室认真贯彻落实《中华人民共和国政府信息公开条例》")
    assert sections.other_matters == "本单位 2021 年未收取信息处理费。"
