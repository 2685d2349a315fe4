"""Take the picture of the HTML check report for docs/check-report.md (headless Chromium through Playwright).

A docs build step (a Sphinx extension): it takes ``docs/images/check-report.png`` when the picture is missing, or
always when ``GOV_DISCLOSURE_RENDER_CHECK_REPORT=1``, and is skipped where Chromium or Playwright is absent — the
committed picture is used then. Run it by hand to refresh the picture::

    python docs/_ext/check_report_picture.py
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

PICTURE = Path(__file__).resolve().parents[1] / "images" / "check-report.png"
_PRINTED = "2.重复申请\t25\t0"


def chromium() -> str | None:
    """The system Chromium when it and Playwright are installed, else None."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return None
    return shutil.which("chromium") or shutil.which("chromium-browser")


def render(target: Path = PICTURE) -> Path:
    """Write the check report of the bundled 淮安市人民政府 2024 report, as printed and with one number misprinted,
    and take the picture of the second one's 表三 and findings at *target*."""
    from playwright.sync_api import sync_playwright

    import gov_disclosure as gd
    from gov_disclosure.check_report import write_html

    executable = chromium()
    if executable is None:
        raise RuntimeError("needs Chromium and Playwright")
    text = gd.example_report_text()
    batch = [
        ("huaian-2024.txt", gd.read_text(text)),
        ("huaian-2024-misprinted.txt", gd.read_text(text.replace(_PRINTED, "2.重复申请\t52\t0"))),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        page_file = Path(tmp) / "check.html"
        write_html(batch, page_file)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1100, "height": 800}, device_scale_factor=1)
            page.goto(page_file.as_uri())
            page.select_option("#filter-severity", "inconsistency")
            top = page.locator(".filters").bounding_box()
            bottom = page.locator('#r2 table[data-table="table3"]').bounding_box()
            assert top is not None
            assert bottom is not None
            clip = {"x": 0, "y": top["y"] - 8, "width": 1100, "height": bottom["y"] + bottom["height"] - top["y"] + 16}
            target.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(target), clip=clip, full_page=True)
            browser.close()
    return target


def _on_builder_inited(app: Any) -> None:
    forced = os.environ.get("GOV_DISCLOSURE_RENDER_CHECK_REPORT") == "1"
    if (forced or not PICTURE.exists()) and chromium() is not None:
        render()


def setup(app: Any) -> dict[str, Any]:
    """Sphinx hook: take the picture at the start of a build where Chromium and Playwright are installed."""
    app.connect("builder-inited", _on_builder_inited)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


if __name__ == "__main__":
    if chromium() is None:
        sys.exit("needs Chromium (apt-get install chromium) and Playwright (pip install playwright)")
    print(render())
