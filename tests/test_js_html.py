"""A report body shipped as HTML inside a JavaScript string (format-spec §6.2) reads as the HTML itself.

Some government sites serve the article as ``let content = "<p style=\\"…\\">…";`` in a ``.js`` data file, a JSON
response or a text file. The form is sniffed from the content, whatever the file is called; the string is
unescaped (``\\"``, ``\\n``, ``\\uXXXX``, ``\\/`` …) and read by the HTML reader. Each test builds such a file from
one web page of a generated report and expects exactly the report that reading the page itself gives.
"""

from __future__ import annotations

import json
import random

import pytest

from gov_disclosure.formats._registry import default_registry
from gov_disclosure.loader import ReadResult, read_bytes
from gov_disclosure.model import Report
from gov_disclosure.testing import random_report
from layout_grids import report_html

pytest.importorskip("lxml")


def _page(version: str = "2021", seed: int = 11) -> tuple[Report, str]:
    report = random_report(random.Random(seed), version)
    return report, report_html(report, soup=True, chrome=False)


def _js_literal(page: str) -> str:
    """*page* as a hand-escaped JavaScript double-quoted string: ``\\"``, ``\\n``, ``<\\/p>``."""
    escaped = page.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("</", "<\\/")
    return f'"{escaped}"'


def _json_literal(page: str) -> str:
    """*page* as a JSON encoder that guards against ``</script>`` writes it: ``\\u003c``, ``\\u003e``, ASCII only."""
    return json.dumps(page).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _read(data: str, name: str) -> ReadResult:
    return read_bytes(data.encode("utf-8"), name=name)


def _same_as_page(page: str, data: str, name: str) -> None:
    direct = read_bytes(page.encode("utf-8"), name="page.html")
    got = _read(data, name)
    assert default_registry().reader_for(data.encode("utf-8"), name).name == "html"  # type: ignore[union-attr]
    assert got.report == direct.report
    assert [f.code for f in got.findings] == [f.code for f in direct.findings]
    assert got.tables_read == direct.tables_read == direct.report.format.table_keys


@pytest.mark.parametrize("name", ["content.js", "content.txt", "content", "data.json"])
def test_let_content_string_in_any_file(name: str) -> None:
    """``let content = "…"`` read the same whatever the file's extension."""
    _report, page = _page()
    _same_as_page(page, f"let content = {_js_literal(page)};\ndocument.write(content);\n", name)


@pytest.mark.parametrize("name", ["article.json", "article"])
def test_json_response_with_escaped_markup(name: str) -> None:
    """A JSON response whose markup is all ``\\u003c``-escaped, with its text as ``\\uXXXX``: no ``<`` in the file."""
    _report, page = _page("2019", seed=4)
    data = '{"code": 200, "title": "\\u5e74\\u5ea6\\u62a5\\u544a", "content": ' + _json_literal(page) + "}"
    assert "<" not in data
    assert "规章" not in data
    _same_as_page(page, data, name)


def test_markup_after_a_long_script() -> None:
    """The string may come after kilobytes of script: sniffing looks past them."""
    _report, page = _page(seed=2)
    prelude = "".join(f"var v{i} = {i} * 2; // setup code\n" for i in range(400))
    data = f"{prelude}var html = {_js_literal(page)};\n"
    assert len(prelude) > 8192
    _same_as_page(page, data, "app.js")


def test_single_quoted_and_concatenated_strings() -> None:
    """Markup cut into several single-quoted literals joined with ``+`` is read as one page."""
    _report, page = _page(seed=6)
    lines = [line.replace("\\", "\\\\").replace("'", "\\'") for line in page.split("\n")]
    data = "var content = " + " +\n    ".join(f"'{line}\\n'" for line in lines) + ";\n"
    _same_as_page(page, data, "content.js")


def test_a_library_json_document_is_not_taken_for_markup() -> None:
    """The library's own JSON documents hold no markup: they stay with the JSON reader."""
    from gov_disclosure.serializers.json import dumps

    report, _page_text = _page()
    data = dumps(report).encode("utf-8")
    assert default_registry().reader_for(data, "report.json").name == "json"  # type: ignore[union-attr]
    assert default_registry().reader_for(data, None).name == "json"  # type: ignore[union-attr]
