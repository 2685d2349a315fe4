"""Render the picture of a written workbook for docs/spreadsheets.md (LibreOffice headless → PDF → PNG).

A docs build step (a Sphinx extension): it renders ``docs/images/xlsx-official-form.png`` when the picture is
missing, or always when ``GOV_DISCLOSURE_RENDER_XLSX=1``, and is skipped where LibreOffice (``soffice``) or
poppler (``pdftoppm``) is absent — the committed picture is used then. Run it by hand to refresh the picture::

    python docs/_ext/xlsx_picture.py
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

PICTURE = Path(__file__).resolve().parents[1] / "images" / "xlsx-official-form.png"


def tools_available() -> bool:
    """True when LibreOffice and pdftoppm are installed."""
    return shutil.which("soffice") is not None and shutil.which("pdftoppm") is not None


def render(target: Path = PICTURE, *, resolution: int = 96) -> Path:
    """Write the official-form sheet of the bundled 淮安市人民政府 2024 report as a PNG at *target*."""
    from gov_disclosure.examples import load_example
    from gov_disclosure.serializers.xlsx import workbook_of

    wb = workbook_of(load_example())
    for name in wb.sheetnames[1:]:
        wb.remove(wb[name])
    ws = wb.worksheets[0]
    ws.page_setup.fitToHeight = 1  # the whole form on one page for the picture
    with tempfile.TemporaryDirectory() as tmp:
        book = Path(tmp) / "form.xlsx"
        wb.save(book)
        profile = Path(tmp, "profile").as_uri()
        convert = ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf"]
        subprocess.run([*convert, "--outdir", tmp, str(book)], check=True, capture_output=True, timeout=180)
        stem = Path(tmp) / "page"
        pdf = str(book.with_suffix(".pdf"))
        options = ["-png", "-r", str(resolution), "-singlefile", "-f", "1", "-l", "1"]
        subprocess.run(["pdftoppm", *options, pdf, str(stem)], check=True, capture_output=True, timeout=60)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(stem.with_suffix(".png"), target)
    return target


def _on_builder_inited(app: Any) -> None:
    forced = os.environ.get("GOV_DISCLOSURE_RENDER_XLSX") == "1"
    if (forced or not PICTURE.exists()) and tools_available():
        render()


def setup(app: Any) -> dict[str, Any]:
    """Sphinx hook: render the picture at the start of a build where the tools are installed."""
    app.connect("builder-inited", _on_builder_inited)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


if __name__ == "__main__":
    if not tools_available():
        sys.exit("needs LibreOffice (soffice) and poppler (pdftoppm)")
    print(render())
