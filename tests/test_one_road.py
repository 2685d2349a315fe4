"""One road (issue 11): ``load``, ``read_text``/``read_bytes`` and the CLI give the same report, findings and fact
spans for the same input, in every input form, because they all go reader → Document → adapter → finish."""

from __future__ import annotations

import html
import random
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gov_disclosure.cli import main
from gov_disclosure.examples import example_report_text
from gov_disclosure.loader import ReadResult, load, read_bytes, read_text
from gov_disclosure.render import Damage, render_text
from gov_disclosure.render.damage import SEPARATORS
from gov_disclosure.serializers.json import dumps
from gov_disclosure.testing import random_report
from layout_grids import js_embedded, report_docx, report_html, report_pdf

_SETTINGS = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _cli_json(path: Path) -> str:
    """What ``gov-disclosure parse PATH`` prints (the report with its findings as JSON)."""
    run = CliRunner().invoke(main, ["parse", str(path)])
    assert run.exit_code in (0, 1, 2, 3), run.output
    return run.output.rstrip("\n")


def _same(first: ReadResult, *others: ReadResult) -> None:
    for other in others:
        assert other.report == first.report
        assert other.findings == first.findings
        assert [(f.kind, f.value, f.span) for f in other.facts] == [(f.kind, f.value, f.span) for f in first.facts]
        assert other.tables_read == first.tables_read


@pytest.mark.property
@_SETTINGS
@given(seed=st.integers(0, 10_000), separator=st.sampled_from(SEPARATORS), damaged=st.booleans())
def test_text_forms_take_one_road(tmp_path: Path, seed: int, separator: str, damaged: bool) -> None:
    """A rendered (and maybe damaged) report as text or markdown: read_text, read_bytes, load and the CLI agree,
    and every fact's span is an offset into the text as given."""
    report = random_report(random.Random(seed))
    damage = Damage(seed=seed, separator=separator) if damaged else Damage(separator=separator)  # type: ignore[arg-type]
    text = render_text(report, damage=damage)
    suffix = ".md" if separator == "markdown" else ".txt"
    path = tmp_path / f"report{suffix}"
    path.write_text(text, encoding="utf-8")
    by_text = read_text(text)
    by_bytes = read_bytes(text.encode("utf-8"))
    by_path = load(path)
    _same(by_text, by_bytes, by_path)
    assert _cli_json(path) == dumps(by_path.report, findings=by_path.findings)
    for fact in by_text.facts:
        start, end = fact.span
        assert 0 <= start < end <= len(text)


def _grid_forms(seed: int) -> dict[str, bytes]:
    report = random_report(random.Random(seed))
    page = report_html(report, soup=bool(seed % 2))
    return {
        ".html": page.encode("utf-8"),
        ".js": js_embedded(page).encode("utf-8"),  # HTML inside a JavaScript string: sniffed by content
        ".docx": report_docx(report),
    }


@pytest.mark.property
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000))
def test_grid_forms_take_one_road(tmp_path: Path, seed: int) -> None:
    """HTML, HTML in a script, DOCX: read_bytes without a file name (sniffed), load and the CLI agree."""
    for suffix, data in _grid_forms(seed).items():
        path = tmp_path / f"report{suffix}"
        path.write_bytes(data)
        by_bytes = read_bytes(data)
        by_path = load(path)
        _same(by_bytes, by_path)
        assert _cli_json(path) == dumps(by_path.report, findings=by_path.findings)


def test_pdf_takes_one_road(tmp_path: Path) -> None:
    """A generated PDF with ruled tables: read_bytes, load and the CLI agree."""
    data = report_pdf(random_report(random.Random(7)))
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    by_bytes, by_path = read_bytes(data), load(path)
    _same(by_bytes, by_path)
    assert by_path.report.source is not None
    assert by_path.report.source.form == "pdf"
    assert _cli_json(path) == dumps(by_path.report, findings=by_path.findings)


def _digits(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def test_facts_are_read_once_from_the_text_as_given(tmp_path: Path) -> None:
    """The example report as text and as an HTML page: the narrative facts are read
    once, from the text as given (as extracted, for the page — not a normalised copy): each span holds the
    number the fact states, and the page gives the facts its text gives."""
    from gov_disclosure.readers.html import read_html

    text = example_report_text()
    as_text = read_text(text)
    assert len(as_text.facts) >= 10
    for fact in as_text.facts:
        if not fact.stated_none:
            assert _digits(text[fact.span[0] : fact.span[1]]) == str(fact.value)
    page = "<html><body>" + "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines()) + "</body></html>"
    data = page.encode("utf-8")
    document = read_html(data)
    by_page = read_bytes(data)
    assert [(f.kind, f.value) for f in by_page.facts] == [(f.kind, f.value) for f in as_text.facts]
    assert by_page.facts == read_text(document.text).facts
    for fact in by_page.facts:
        if not fact.stated_none:
            assert _digits(document.text[fact.span[0] : fact.span[1]]) == str(fact.value)
    path = tmp_path / "page.html"
    path.write_bytes(data)
    assert load(path).facts == by_page.facts
