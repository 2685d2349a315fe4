"""The one :class:`~gov_disclosure.limits.Limits`: its options, the errors naming a limit, and passing it through
``load``/``read_bytes``/``read_text`` and the command line."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from gov_disclosure.cli import main
from gov_disclosure.errors import LimitExceededError, UnsafeInputError
from gov_disclosure.limits import Limits
from gov_disclosure.loader import load, read_bytes, read_text
from gov_disclosure.model import Report, Table4
from gov_disclosure.serializers.xlsx import WorkbookLimitError, XlsxLimits, from_xlsx, to_xlsx

DEEP_JSON = b"[" * 10 + b"]" * 10


def test_xlsx_limits_are_the_limits() -> None:
    assert XlsxLimits is Limits


def test_options_set_limits_by_name() -> None:
    limits = Limits.from_options(["max_pdf_pages=500", "max-ratio=50", "max_uncompressed=1_000"])
    assert (limits.max_pdf_pages, limits.max_ratio, limits.max_uncompressed) == (500, 50.0, 1000)
    for bad in ("max_pages=3", "max_pdf_pages=many", "max_pdf_pages=0"):
        with pytest.raises(ValueError, match=r"max_pages|not a number|positive"):
            Limits.from_options([bad])


def test_the_error_names_the_limit_and_how_to_raise_it() -> None:
    with pytest.raises(LimitExceededError) as info:
        read_bytes(DEEP_JSON, name="x.json", limits=Limits(max_json_depth=5))
    assert info.value.limit == "max_json_depth"
    assert "Limits(max_json_depth=...)" in str(info.value)
    assert "--limit max_json_depth=" in str(info.value)
    assert isinstance(info.value, UnsafeInputError)


def test_raised_limit_lets_the_input_through() -> None:
    with pytest.raises(LimitExceededError):
        read_bytes(DEEP_JSON, name="x.json", limits=Limits(max_json_depth=9))
    with pytest.raises(Exception, match="JSON object") as info:  # within the limit: read, and not a report document
        read_bytes(DEEP_JSON, name="x.json", limits=Limits(max_json_depth=10))
    assert not isinstance(info.value, LimitExceededError)


def test_input_size_per_form() -> None:
    text = "某局2022年政府信息公开工作年度报告\n一、总体情况\n" * 10
    with pytest.raises(LimitExceededError, match="max_text_bytes"):
        read_text(text, limits=Limits(max_text_bytes=100))
    with pytest.raises(LimitExceededError, match="max_text_bytes"):
        read_bytes(text.encode(), name="r.txt", limits=Limits(max_text_bytes=100))
    with pytest.raises(LimitExceededError, match="max_json_bytes"):
        read_bytes(DEEP_JSON, name="x.json", limits=Limits(max_json_bytes=5))
    assert read_text(text, limits=Limits(max_text_bytes=len(text))).report.agency == "某局"


def test_load_refuses_a_file_larger_than_every_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 2000)
    small = Limits(**{f"max_{form}_bytes": 1000 for form in ("text", "html", "json", "pdf", "docx", "xlsx", "other")})
    with pytest.raises(LimitExceededError, match="for any input"):
        load(path, limits=small)


def test_workbook_limits_are_limits() -> None:
    book = io.BytesIO()
    to_xlsx([Report(format_version="2021", agency="某局", report_year=2022, table4=Table4.from_rows({}))], book)
    with pytest.raises(WorkbookLimitError) as info:
        from_xlsx(book, limits=Limits(max_members=3))
    assert info.value.limit == "max_members"
    assert "Limits(max_members=...)" in str(info.value)


def test_command_line_limit(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_bytes(DEEP_JSON)
    runner = CliRunner()
    refused = runner.invoke(main, ["--limit", "max_json_depth=3", "parse", str(path)])
    assert refused.exit_code == 4
    assert "max_json_depth" in refused.output
    unknown = runner.invoke(main, ["--limit", "max_depth=3", "parse", str(path)])
    assert unknown.exit_code == 4  # a usage error: 2 means INCONSISTENCY
    assert "unknown limit" in unknown.output


def test_limits_and_their_errors_are_top_level() -> None:
    import gov_disclosure as gd

    assert gd.Limits is Limits
    assert gd.LimitExceededError is LimitExceededError
    assert gd.UnsafeInputError is UnsafeInputError
    assert {"Limits", "LimitExceededError", "UnsafeInputError"} <= set(gd.__all__)


def test_every_limit_is_documented() -> None:
    """Each field of :class:`Limits` has a row in the table of docs/security.md ("Security and limits")."""
    import attrs

    page = (Path(__file__).parents[1] / "docs" / "security.md").read_text(encoding="utf-8")
    missing = [f.name for f in attrs.fields(Limits) if f"`{f.name}`" not in page]
    assert missing == []
