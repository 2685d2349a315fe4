"""Write a report as a web page's article, and as that article inside a JavaScript string (format-spec §6.2).

Some government sites serve the article not as a page but as ``let content = "<p style=\\"…\\">…";`` in a
``.js`` data file, a JSON response or a text file (issue 12). :func:`render_js_html` writes that form: the
article of :func:`render_html` escaped as a JavaScript double-quoted string (``\\"``, ``\\n``, ``<\\/``, and
optionally every non-ASCII character as ``\\uXXXX``).
"""

from __future__ import annotations

import html
from collections.abc import Iterator, Sequence

from gov_disclosure.model.layout import (
    TABLE3,
    TABLE3_APPLICANTS,
    TABLE3_LEGAL_PERSONS,
    TABLE3_NOTE,
    TABLE4,
    TABLE4_LITIGATION,
)
from gov_disclosure.model.report import Report
from gov_disclosure.render.lines import Kind, Line, layout_lines

__all__ = ["js_string", "render_html", "render_js_html"]

_TABLE_KINDS = (Kind.CAPTION, Kind.SUBHEADER, Kind.HEADER, Kind.DATA, Kind.FRAGMENT)
_P = '<p style="text-indent:2em;line-height:1.75em;">'


def render_html(report: Report) -> str:
    """The report's article as HTML: the title and the six sections in paragraphs, each table a ``<table>`` whose
    rows are the lines of the official layout (blank cells as ``&nbsp;``).

    >>> from gov_disclosure.model import Report
    >>> render_html(Report(format_version="2021", agency="某局", report_year=2022)).split("\\n")[0]
    '<p style="text-align:center;"><strong>某局2022年政府信息公开工作年度报告</strong></p>'
    """
    return "\n".join(_article(layout_lines(report)))


def _article(lines: Sequence[Line]) -> Iterator[str]:
    table: list[Line] = []
    for line in lines:
        if line.kind in _TABLE_KINDS:
            table.append(line)
            continue
        if table:
            yield _table(table)
            table = []
        text = html.escape(line.cells[0])
        if line.kind is Kind.TITLE:
            yield f'<p style="text-align:center;"><strong>{text}</strong></p>'
        elif line.kind is Kind.HEADING:
            yield f"{_P}<strong>{text}</strong></p>"
        elif line.kind is not Kind.BLANK:
            yield f"{_P}{text}</p>"
    if table:
        yield _table(table)


_Cell = tuple[str, int, int]
"""A grid cell: its text, rowspan and colspan."""


def _table(lines: Sequence[Line]) -> str:
    grid = (
        _table3(lines)
        if lines[0].table == TABLE3.key
        else _table4(lines)
        if lines[0].table == TABLE4.key
        else _table2(lines)
    )
    rows = ("<tr>" + "".join(_td(*cell) for cell in row) + "</tr>" for row in grid)
    return '<table border="1" cellspacing="0" cellpadding="0">' + "".join(rows) + "</table>"


def _td(text: str, rowspan: int, colspan: int) -> str:
    spans = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (f' colspan="{colspan}"' if colspan > 1 else "")
    return f'<td{spans} style="width:38px;">{html.escape(text) if text.strip() else "&nbsp;"}</td>'


def _table2(lines: Sequence[Line]) -> list[list[_Cell]]:
    """表二: a caption row over the four columns, then per block a header row and its rows; a block with fewer
    value columns than three lets its last cell span the rest (format-spec §2.1)."""
    grid: list[list[_Cell]] = []
    width = 1
    for line in lines:
        if line.kind is Kind.CAPTION:
            grid.append([(line.cells[0], 1, len(line.cells))])
            continue
        if line.kind is Kind.SUBHEADER:
            width = max(2, len([cell for cell in line.cells if cell.strip()]))
        cells = [(text, 1, 1) for text in line.cells[:width]]
        last, _, _ = cells[-1]
        cells[-1] = (last, 1, len(line.cells) - width + 1)
        grid.append(cells)
    return grid


def _table3(lines: Sequence[Line]) -> list[list[_Cell]]:
    """表三: its three header rows, then each row with the result and group labels spanning their rows."""
    labels = [column.label for column in TABLE3.rows[0].columns]
    grid: list[list[_Cell]] = [
        [(TABLE3_NOTE, 3, 3), (TABLE3_APPLICANTS, 1, len(labels))],
        [(labels[0], 2, 1), (TABLE3_LEGAL_PERSONS, 1, len(labels) - 2), (labels[-1], 2, 1)],
        [(label, 1, 1) for label in labels[1:-1]],
    ]
    data = [line for line in lines if line.kind is Kind.DATA]
    for i, line in enumerate(data):
        values = [(text, 1, 1) for text in line.cells[line.labels :]]
        heads = line.cells[: line.labels]
        if line.labels == 1:
            grid.append([(heads[0], 1, 3), *values])
            continue
        lead: list[_Cell] = []
        if heads[0]:
            lead.append((heads[0], sum(1 for later in data[i:] if later.labels >= 2), 1))
        if line.labels == 2:
            grid.append([*lead, (heads[1], 1, 2), *values])
            continue
        if heads[1]:
            size = 1
            while i + size < len(data) and data[i + size].labels == 3 and not data[i + size].cells[1]:
                size += 1
            lead.append((heads[1], size, 1))
        grid.append([*lead, (heads[2], 1, 1), *values])
    return grid


def _table4(lines: Sequence[Line]) -> list[list[_Cell]]:
    """表四: 行政复议 over five columns and 行政诉讼 over ten, the two litigation groups, the outcome columns."""
    review, direct, after = TABLE4.rows
    leaves = [column.label for column in review.columns]
    width = len(leaves)
    values = [(text, 1, 1) for line in lines if line.kind is Kind.DATA for text in line.cells]
    return [
        [(review.label, 1, width), (TABLE4_LITIGATION, 1, 2 * width)],
        [*((label, 2, 1) for label in leaves), (direct.label, 1, width), (after.label, 1, width)],
        [(label, 1, 1) for label in leaves * 2],
        values,
    ]


def js_string(text: str, *, ascii_only: bool = False) -> str:
    """*text* as a JavaScript double-quoted string literal.

    >>> print(js_string('<p style="a">一</p>\\n'))
    "<p style=\\"a\\">一<\\/p>\\n"
    >>> print(js_string("一", ascii_only=True))
    "\\u4e00"
    """
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("</", "<\\/")
    if ascii_only:
        escaped = "".join(c if ord(c) < 0x80 else _utf16_escapes(c) for c in escaped)
    return f'"{escaped}"'


def _utf16_escapes(char: str) -> str:
    """``\\uXXXX`` for each UTF-16 code unit of *char* (a surrogate pair beyond the BMP)."""
    units = char.encode("utf-16-be")
    return "".join(f"\\u{int.from_bytes(units[i : i + 2], 'big'):04x}" for i in range(0, len(units), 2))


def render_js_html(report: Report, *, ascii_only: bool = False) -> str:
    """The article of :func:`render_html` as a script: ``let content = "…";`` then the line that shows it."""
    literal = js_string(render_html(report), ascii_only=ascii_only)
    return f'let content = {literal};\ndocument.getElementById("content").innerHTML = content;\n'
