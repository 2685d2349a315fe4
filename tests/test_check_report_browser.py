"""The HTML check report in a real browser: headless Chromium (Debian's ``chromium``) driven by Playwright.

The index filters by severity and by code and sorts by a click on a header, a highlighted cell carries its
finding, the culprit shows its corrected value, the page logs no console error, and Chinese text is drawn with
a font that has it (not as the empty boxes of a missing glyph). Chromium is the system's (``.ci/run`` installs it
with apt): Playwright never downloads a browser here. Without Chromium or Playwright the tests skip, saying why —
except under ``CI=true``, where that is a failure.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

import gov_disclosure as gd
from gov_disclosure.check_report import Checked, write_html
from gov_disclosure.findings import Severity
from gov_disclosure.render.palette import SEVERITY_FILL

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

_PRINTED = "2.重复申请\t25\t0"
_CULPRIT_ID = "r2-table3.not_processed_repeat.natural_person"


def _chromium() -> str:
    """The system Chromium, or a skip (a failure under CI) saying what is missing."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    missing = None
    if found is None:
        missing = "Debian's chromium is not installed (apt-get install chromium fonts-wqy-microhei)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            missing = "playwright is not installed (pip install -e .[dev])"
    if missing is not None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(missing)
        pytest.skip(missing)
    assert found is not None
    return found


def _batch() -> list[Checked]:
    text = gd.example_report_text()
    assert _PRINTED in text
    return [
        ("huaian-2024.txt", gd.read_text(text)),
        ("culprit.txt", gd.read_text(text.replace(_PRINTED, "2.重复申请\t52\t0"))),
        ("glued.txt", gd.read_text(text.replace(_PRINTED, "2.重复申请\t2 5 3\t0"))),
        ("<b>notes</b>.txt", "不是年度报告：找不到报告的标题"),
    ]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Headless Debian Chromium, one for the module (Playwright's sync API runs one at a time in a thread)."""
    executable = _chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def page(browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Page]:
    """The check report of :func:`_batch`, open in headless Chromium; console errors collected on ``page.errors``."""
    html = tmp_path_factory.mktemp("check-report") / "report.html"
    write_html(_batch(), html)
    opened = browser.new_page(viewport={"width": 1200, "height": 900})
    errors: list[str] = []
    opened.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.goto(html.as_uri())
    opened.errors = errors  # type: ignore[attr-defined]
    yield opened
    opened.close()


def _visible_reports(page: Page) -> list[str]:
    return [row.get_attribute("data-report") or "" for row in page.locator("#index tbody tr").all() if row.is_visible()]


def test_no_console_errors(page: Page) -> None:
    page.reload()
    page.wait_for_load_state("load")
    assert page.errors == []  # type: ignore[attr-defined]


def test_index_filters_by_severity(page: Page) -> None:
    page.select_option("#filter-code", "")
    page.select_option("#filter-severity", "inconsistency")
    assert _visible_reports(page) == ["r2"]
    assert page.locator("#r2").is_visible()
    assert not page.locator("#r1").is_visible()
    assert page.inner_text("#shown") == "1"
    page.select_option("#filter-severity", "unreadable")
    assert _visible_reports(page) == ["r4"]
    page.select_option("#filter-severity", "none")
    assert _visible_reports(page) == ["r1"]
    page.select_option("#filter-severity", "")
    assert _visible_reports(page) == ["r1", "r2", "r3", "r4"]


def test_index_filters_by_code(page: Page) -> None:
    page.select_option("#filter-severity", "")
    page.select_option("#filter-code", "READ.UNDECIDED")
    assert _visible_reports(page) == ["r3"]
    page.select_option("#filter-code", "")


def test_index_sorts_by_worst_severity(page: Page) -> None:
    header = page.locator('#index th[data-key="rank"]')
    header.click()
    assert _visible_reports(page) == ["r1", "r3", "r2", "r4"]  # none, WARNING, INCONSISTENCY, unreadable
    header.click()
    assert _visible_reports(page) == ["r4", "r2", "r3", "r1"]
    page.locator('#index th[data-key="n"]').click()
    assert _visible_reports(page) == ["r1", "r2", "r3", "r4"]


def test_the_culprit_cell_carries_its_finding_and_corrected_value(page: Page) -> None:
    cell = page.locator(f'[id="{_CULPRIT_ID}"]')
    title = cell.get_attribute("title") or ""
    assert "CULPRIT" in title
    assert "现为 52，应为 25" in title
    assert "the culprit is most likely" in title
    assert "应为 25" in cell.inner_text()
    assert (cell.get_attribute("data-codes") or "").split() == ["T3.RESULTS_SUM", "T3.ROW_SUM", "CULPRIT"]
    colour = SEVERITY_FILL[Severity.INCONSISTENCY]
    rgb = tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))
    assert cell.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb({}, {}, {})".format(*rgb)
    clean = page.locator('[id="r1-table3.not_processed_repeat.natural_person"]')
    assert clean.get_attribute("title") is None
    assert clean.inner_text().strip() == "25"


def test_an_undecidable_cell_is_marked(page: Page) -> None:
    cell = page.locator('[id="r3-table3.not_processed_repeat.total"]')
    assert "undecidable" in (cell.get_attribute("class") or "").split()
    assert "无法确定" in cell.inner_text()
    assert "READ.UNDECIDED" in (cell.get_attribute("title") or "")


def test_file_names_are_text_not_markup(page: Page) -> None:
    assert page.locator("#index b").count() == 0
    assert "<b>notes</b>.txt" in page.inner_text("#index")


_SAME_AS_MISSING_GLYPH = """(font) => {
  const draw = (text) => {
    const canvas = document.createElement("canvas");
    canvas.width = 64; canvas.height = 64;
    const context = canvas.getContext("2d");
    context.font = "40px " + font;
    context.fillText(text, 8, 48);
    return Array.from(context.getImageData(0, 0, 64, 64).data);
  };
  const glyph = draw("表"), missing = draw("\\u{10FFFD}"), blank = draw(" ");
  const same = (a, b) => a.every((v, i) => v === b[i]);
  return {inked: !same(glyph, blank), missing: same(glyph, missing)};
}"""


def test_chinese_text_is_drawn_with_a_font_that_has_it(page: Page) -> None:
    """表 drawn in the page's font stack has ink and differs from a character no font has (drawn as the missing
    glyph's box); a known label is laid out on one line at about two widths of a Latin letter per character."""
    font = page.evaluate("() => getComputedStyle(document.body).fontFamily")
    drawn = page.evaluate(_SAME_AS_MISSING_GLYPH, font)
    assert drawn == {"inked": True, "missing": False}
    width = page.evaluate(
        """() => { const s = document.createElement("span"); s.textContent = "总计"; document.body.append(s);
                   const x = document.createElement("span"); x.textContent = "nn"; document.body.append(x);
                   const w = [s.getBoundingClientRect().width, x.getBoundingClientRect().width];
                   s.remove(); x.remove(); return w; }"""
    )
    assert width[0] > 1.5 * width[1]  # two CJK characters are wider than two Latin letters


def test_screenshot_of_a_report(page: Page, tmp_path: Path) -> None:
    shot = tmp_path / "report.png"
    page.locator("#r2").screenshot(path=str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 20_000


def test_the_seeds_failing_cells_are_highlighted_in_the_browser(browser: Browser, tmp_path: Path) -> None:
    """Issue 15's "done when": ``check SEEDS --report out.html --jobs 2`` writes a page on which, opened in Chromium,
    every cell that a finding of severity INCONSISTENCY or worse names carries that finding (its code and a
    tooltip) and the colour of the worst severity naming it."""
    from click.testing import CliRunner

    from conftest import shared_path
    from gov_disclosure.cli import main

    seeds = shared_path("seeds")
    html = tmp_path / "seeds.html"
    done = CliRunner().invoke(main, ["check", str(seeds), "--report", str(html), "--jobs", "2", "--quiet"])
    assert done.exit_code in (0, 1, 2, 3), done.output
    expected: dict[str, tuple[set[str], Severity]] = {}
    for n, path in enumerate(sorted(seeds.glob("*.txt")), start=1):
        findings = gd.load(path).findings
        for finding in findings:
            if finding.severity < Severity.INCONSISTENCY:
                continue
            for key in finding.cells:
                codes, worst = expected.get(f"r{n}-{key}", (set(), finding.severity))
                worst = max(worst, *(f.severity for f in findings if key in f.cells))
                expected[f"r{n}-{key}"] = ({*codes, finding.code}, worst)
    assert expected, "the seeds have failing cells"
    page = browser.new_page()
    page.goto(html.as_uri())
    for cell_id, (codes, worst) in expected.items():
        cell = page.locator(f'[id="{cell_id}"]')
        assert cell.count() == 1, cell_id
        assert codes <= set((cell.get_attribute("data-codes") or "").split()), cell_id
        assert cell.get_attribute("title"), cell_id
        colour = SEVERITY_FILL[worst]
        rgb = tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))
        assert cell.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb({}, {}, {})".format(*rgb)
    page.close()
