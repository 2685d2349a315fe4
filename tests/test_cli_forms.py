"""``parse`` and ``check`` read every input form by sniffing; ``check DIR`` walks a mixed folder."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

from click.testing import CliRunner

from conftest import shared_path
from gov_disclosure.cli import main
from gov_disclosure.testing import random_report
from layout_grids import report_pdf

GOLDEN = Path(__file__).resolve().parent / "golden"


def test_check_walks_a_mixed_folder(tmp_path: Path) -> None:
    """HTML, DOCX and PDF files in one folder are each read and checked; unrelated files are skipped."""
    shutil.copy(GOLDEN / "soup-2019.html", tmp_path / "a.html")
    shutil.copy(GOLDEN / "merged-2021.docx", tmp_path / "b.docx")
    (tmp_path / "c.pdf").write_bytes(report_pdf(random_report(random.Random(5), "2021")))
    (tmp_path / "notes.png").write_bytes(b"\x89PNG\r\n")
    result = CliRunner().invoke(main, ["check", str(tmp_path)])
    assert result.exit_code == 0, result.output
    for name in ("a.html", "b.docx", "c.pdf"):
        assert f"== {tmp_path / name}" in result.output
    assert "notes.png" not in result.output
    assert "format 2019 · tables read: table2_2019, table3, table4" in result.output


def test_parse_html_page_by_sniffing_without_extension(tmp_path: Path) -> None:
    """A saved page without an extension is recognised as HTML from its bytes and parsed to keys.md JSON."""
    page = tmp_path / "page"
    shutil.copy(GOLDEN / "soup-2019.html", page)
    expected = json.loads((GOLDEN / "soup-2019.expected.json").read_text(encoding="utf-8"))
    result = CliRunner().invoke(main, ["parse", str(page)])
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert document["agency"] == expected["agency"]
    review = document["table4"]["review"]
    assert {k: v["value"] if isinstance(v, dict) else v for k, v in review.items()} == expected["table4"]["review"]


def test_check_real_pdf_finds_no_identity_error() -> None:
    """``gov-disclosure check huaian-city-2024.pdf``: every table read, no findings at all, exit 0."""
    pdf = shared_path("real", "huaian-city-2024.pdf")
    result = CliRunner().invoke(main, ["check", str(pdf)])
    assert result.exit_code == 0, result.output
    assert "淮安市人民政府 · 2024 · format 2021 · tables read: table2, table3, table4 · 0 findings" in result.output


def test_scanned_pdf_is_unreadable_with_ocr_message(tmp_path: Path) -> None:
    """A PDF without a text layer exits 4 with a message saying OCR is needed."""
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    page = canvas.Canvas(str(path))
    page.rect(50, 50, 400, 600, fill=1)
    page.save()
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 4
    assert "OCR" in result.output
