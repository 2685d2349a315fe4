"""The check report: one static, self-contained HTML file showing what checking a batch of reports found.

An index of all reports (agency, year, format, worst severity, counts by severity, codes), sortable by a click on
a column's header and filterable by severity and by code; then per report its three tables **laid out as the
official form** (:mod:`gov_disclosure.render.form_grid`, the layout the XLSX export paints), every cell a finding
names filled by severity with the finding in its tooltip, the culprit cell showing its corrected value, blank /
not-printed / undecidable / completed cells each marked, and the findings listed in Chinese with the English
below, citing the narrative sentences a narrative check compared.

No server and no network: the styles and the few lines of JavaScript are inside the file, the fonts are the
system's (a Chinese font stack for Windows, macOS and Linux), so it opens from a USB stick on an office PC. Report
text is untrusted input: the page is made with Jinja2 with autoescaping on (``pip install gov-disclosure[report]``;
Jinja2 is imported only when a report is written).

>>> import gov_disclosure as gd
>>> page = render_html([("huaian-2024.txt", gd.read_text(gd.example_report_text()))])
>>> page.startswith("<!DOCTYPE html>"), "淮安市人民政府" in page, "<script src" in page
(True, True, False)
>>> "&lt;script&gt;" in render_html([("<script>.txt", "not a report")])
True
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Protocol

from gov_disclosure.check_report.view import ReportView, report_view
from gov_disclosure.findings import Severity
from gov_disclosure.loader import ReadResult
from gov_disclosure.render.palette import ABSENT_FILL, COMPLETED_FILL, SEVERITY_FILL

__all__ = ["BatchEntry", "Checked", "checked", "render_html", "write_html"]

Checked = tuple[str, "ReadResult | str"]
"""A file checked: its name and its :class:`~gov_disclosure.loader.ReadResult`, or the message saying why it could
not be read."""



class BatchEntry(Protocol):
    """A file of a batch as reading it gave it: its path, and its result or why it could not be read (as
    ``gov_disclosure.batch.BatchItem`` has them)."""

    @property
    def path(self) -> str: ...

    @property
    def result(self) -> ReadResult | None: ...

    @property
    def error(self) -> str | None: ...


def checked(items: Iterable[BatchEntry]) -> Iterator[Checked]:
    """``(path, result or error)`` of each item of a batch, for :func:`write_html`.

    >>> from attrs import frozen
    >>> @frozen
    ... class Item:
    ...     path: str
    ...     result: ReadResult | None = None
    ...     error: str | None = None
    >>> list(checked([Item("a.txt", error="not a report")]))
    [('a.txt', 'not a report')]
    """
    for item in items:
        yield item.path, item.result if item.result is not None else (item.error or "cannot be read")


_SEVERITIES = (
    ("none", "无问题", "no finding"),
    *((s.name.lower(), s.label_zh, s.name) for s in Severity),
    ("unreadable", "无法读取", "unreadable"),
)


def _views(checked: Iterable[Checked]) -> list[ReportView]:
    return [report_view(f"r{n}", name, result) for n, (name, result) in enumerate(checked, start=1)]


def render_html(checked: Iterable[Checked], *, title: str = "政府信息公开工作年度报告核查结果") -> str:
    """The check report of *checked* (file name and result, or why the file could not be read) as one HTML page."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("gov_disclosure.check_report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    views = _views(checked)
    codes = sorted({code for view in views for code in view.index.codes})
    return env.get_template("report.html.j2").render(
        title=title,
        reports=views,
        codes=codes,
        severities=_SEVERITIES,
        fills={s.name.lower(): colour for s, colour in SEVERITY_FILL.items()},
        absent_fill=ABSENT_FILL,
        completed_fill=COMPLETED_FILL,
    )


def write_html(
    checked: Iterable[Checked], path: str | os.PathLike[str], *, title: str = "政府信息公开工作年度报告核查结果"
) -> None:
    """Write the check report of *checked* (see :func:`render_html`) to *path*, in UTF-8."""
    Path(path).write_text(render_html(checked, title=title), encoding="utf-8")
