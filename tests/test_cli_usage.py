"""The command line's consistency (issue 15): usage errors exit 4 (click's 2 means INCONSISTENCY here), the path
is named once in an error, ``validate`` points to ``check`` for a report that is not JSON, an image named ``.pdf``
is called an image, one bad byte does not reject a UTF-8 text, an over-large text is refused with a clear message."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from gov_disclosure.cli import main
from gov_disclosure.errors import LimitExceededError
from gov_disclosure.examples import example_report_text, load_example
from gov_disclosure.limits import Limits
from gov_disclosure.loader import load, read_bytes
from gov_disclosure.readers.errors import ImageInputError, OcrRequiredError

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(32)


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--bogus"],
        ["no-such-command"],
        ["--limit", "max_pages=3", "check", "--example"],
        ["check"],
        ["check", "--jobs", "0", "--example"],
        ["show"],
        ["parse"],
        ["schema", "--bogus"],
        ["aggregate", "x.json"],
    ],
)
def test_usage_errors_exit_4(args: list[str]) -> None:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 4, result.output
    assert "Usage:" in result.output


def test_help_still_exits_0() -> None:
    assert CliRunner().invoke(main, ["check", "--help"]).exit_code == 0


def test_validate_on_a_report_that_is_not_json_points_to_check(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text(example_report_text(), encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 4
    assert "not a JSON report document" in result.output
    assert "gov-disclosure check FILE" in result.output
    broken = tmp_path / "broken.json"
    broken.write_text('{"format_version": 7}', encoding="utf-8")
    schema_error = CliRunner().invoke(main, ["validate", str(broken)])
    assert schema_error.exit_code == 4
    assert "gov-disclosure check" not in schema_error.output  # JSON after all: the schema error is the news


def test_png_named_pdf_is_an_image(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(PNG)
    with pytest.raises(ImageInputError, match=r"an image \(PNG\), not a PDF: the image cannot be decoded$"):
        load(path)
    assert issubclass(ImageInputError, OcrRequiredError)
    result = CliRunner().invoke(main, ["parse", str(path)])
    assert result.exit_code == 4
    assert result.output.count(str(path)) == 1, result.output  # the path named once
    assert "an image (PNG), not a PDF" in result.output


@pytest.mark.parametrize(("head", "kind"), [(b"\xff\xd8\xff\xe0", "JPEG"), (b"GIF89a", "GIF"), (b"II*\x00", "TIFF")])
def test_other_images(head: bytes, kind: str) -> None:
    with pytest.raises(ImageInputError, match=rf"an image \({kind}\), not a Word file"):
        read_bytes(head + bytes(64), name="report.docx")


def test_one_bad_byte_does_not_reject_a_utf8_text(tmp_path: Path) -> None:
    data = example_report_text().encode("utf-8")
    at = data.index("全年收取".encode())
    damaged = data[:at] + b"\xff" + data[at + 1 :]  # the first byte of 全 replaced: two bad sequences
    result = read_bytes(damaged, name="r.txt")
    (finding,) = result.findings
    assert finding.code == "READ.BAD_BYTES"
    assert f"byte offset {at}" in finding.message_en
    assert f"第 {at} 字节" in finding.message
    expected = load_example()
    assert [(e.key, e.cell.value) for e in result.report.iter_cells()] == [
        (e.key, e.cell.value) for e in expected.iter_cells()
    ]
    path = tmp_path / "r.txt"
    path.write_bytes(damaged)
    checked = CliRunner().invoke(main, ["check", str(path)])
    assert checked.exit_code == 1, checked.output  # WARNING
    assert "READ.BAD_BYTES" in checked.output


def test_gb18030_text_is_still_gb18030() -> None:
    result = read_bytes(example_report_text().encode("gb18030"), name="r.txt")
    assert result.report.agency == "淮安市人民政府"
    assert not [f for f in result.findings if f.code == "READ.BAD_BYTES"]


def test_over_large_text_is_refused_clearly(tmp_path: Path) -> None:
    assert Limits().max_text_bytes == 16 * 1024 * 1024
    path = tmp_path / "many.txt"
    path.write_text(example_report_text() * 3, encoding="utf-8")  # three reports glued into one file
    limit = path.stat().st_size - 1
    with pytest.raises(LimitExceededError, match="max_text_bytes"):
        load(path, limits=Limits(max_text_bytes=limit))
    result = CliRunner().invoke(main, ["--limit", f"max_text_bytes={limit}", "check", str(path)])
    assert result.exit_code == 4
    assert f"at most {limit} are read for a text input" in result.output
    assert "--limit max_text_bytes=" in result.output
