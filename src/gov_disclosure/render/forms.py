"""Whole-table damage modelled on the forms real reports reach users in (issue 12), acting on the layout's lines.

Each transformation copies a form seen in real inputs:

* :func:`split_headers` — a PDF text extractor (pypdf) breaks the column headers of 表三 and 表四 into pieces of one
  to three characters, one piece per line, letter-spaced or not (``结 果`` / ``维持`` / ``其 他 结`` / ``果``), while
  the top row, the litigation groups (``未经复议直接起诉``) and the fifteen numbers of 表四 stay whole (淮安 2024,
  pypdf and pdfminer);
* :func:`column_major` — pdfminer.six prints a ruled table column by column: the row labels of a page one per
  line, then the column headers, then the numbers of the first column one per line, then those of the second
  column, and so on, a page mark maybe falling among them (淮安 2024, pdfminer);
* :func:`detached_labels` — a PDF-to-markdown conversion prints the row labels of 表二 and 表三 on lines of their
  own and their numbers in pipe rows elsewhere, under columns renamed ``数据1`` … (format-spec §6.3, issue 12);
* :func:`one_line_body` — the ``page.txt`` of a crawler's archive: a few header lines (``标题: …``), then the whole
  body on one line, site chrome before and after it (``当前位置： 首页…微信 微博 QQ空间``, ``附件下载``), every table
  cell glued to the next; a single space, left by an ``&nbsp;`` cell, now and then at a cell boundary
  (``规章 000``, ``500000 5``; pingtan 2021).
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence

import attrs

from gov_disclosure.model.layout import TABLE4
from gov_disclosure.model.report import Report
from gov_disclosure.render.lines import Kind, Line

__all__ = ["column_major", "detached_labels", "one_line_body", "split_headers"]

_TABLE_KINDS = (Kind.CAPTION, Kind.SUBHEADER, Kind.HEADER, Kind.DATA, Kind.FRAGMENT)


def _pieces(text: str, rng: random.Random) -> list[str]:
    """*text* cut into pieces of one to three characters, each letter-spaced or not (``其 他 结``, ``果``)."""
    pieces: list[str] = []
    at = 0
    while at < len(text):
        size = rng.randint(1, 3)
        piece = text[at : at + size]
        pieces.append(" ".join(piece) if rng.random() < 0.5 else piece)
        at += size
    return pieces


def split_headers(lines: Sequence[Line], rng: random.Random) -> list[Line]:
    """The header cells of 表三's legal-person columns and of 表四 below its top row broken into pieces of one to
    three characters, one piece per line; the top rows and the data lines are kept as they are."""
    out: list[Line] = []
    seen: dict[str | None, int] = {}
    for line in lines:
        if line.kind is not Kind.HEADER or line.table not in ("table3", "table4"):
            out.append(line)
            continue
        index = seen.get(line.table, 0)
        seen[line.table] = index + 1
        if index not in _BROKEN[line.table]:
            out.append(line)
            continue
        for cell in line.cells:
            pieces = [cell] if cell in _WHOLE else _pieces(cell, rng)
            out.extend(Line(cells=(piece,), kind=Kind.FRAGMENT, table=line.table) for piece in pieces)
    return out


_BROKEN = {"table3": (2,), "table4": (1, 2)}
"""The header lines whose cells are broken: those of the legal-person columns of 表三, the two lower ones of 表四."""
_WHOLE = frozenset(row.label for row in TABLE4.rows[1:])
"""Header cells both extractors print whole: the litigation groups ``未经复议直接起诉``, ``复议后起诉``."""


def _labels(line: Line) -> list[str]:
    return [cell for cell in line.cells[: line.labels] if cell.strip()]


def _values(line: Line) -> tuple[str, ...]:
    return line.cells[line.labels :]


def _page(rng: random.Random) -> Line:
    return Line.text(f"- {rng.randint(2, 9)} -", Kind.PAGE)


def column_major(lines: Sequence[Line], rng: random.Random) -> list[Line]:
    """表三 printed column by column, in one or two page bands: each band's row labels one per line, then (in the
    first band, before or after the labels) the column headers one cell per line, then each column's numbers one
    per line; a page mark falls between the bands and maybe between the labels and the numbers."""
    at = [i for i, line in enumerate(lines) if line.table == "table3" and line.kind in _TABLE_KINDS]
    if not at:
        return list(lines)
    first, last = at[0], at[-1]
    block = list(lines[first : last + 1])
    headers = [cell for line in block if line.kind is Kind.HEADER for cell in line.cells if cell.strip()]
    rows = [line for line in block if line.kind is not Kind.HEADER]
    data = [i for i, line in enumerate(rows) if line.kind is Kind.DATA]
    cut = rng.choice(data[1:]) if len(data) > 2 and rng.random() < 0.5 else len(rows)
    bands = [rows[:cut], rows[cut:]] if cut < len(rows) else [rows]
    header_first = rng.random() < 0.5
    out: list[Line] = []
    for number, band in enumerate(bands):
        if number:
            out.append(_page(rng))
        if number == 0 and header_first:
            out.extend(_fragment(cell) for cell in headers)
        for line in band:
            out.extend(_fragment(cell) for cell in (_labels(line) if line.kind is Kind.DATA else line.cells))
        if rng.random() < 0.3:
            out.append(_page(rng))
        if number == 0 and not header_first:
            out.extend(_fragment(cell) for cell in headers)
        out.extend(_numbers(band, rng))
    return [*lines[:first], *out, *lines[last + 1 :]]


def _fragment(text: str) -> Line:
    return Line(cells=(text,), kind=Kind.FRAGMENT, table="table3")


def _numbers(band: Sequence[Line], rng: random.Random) -> Iterator[Line]:
    data = [_values(line) for line in band if line.kind is Kind.DATA]
    if not data:
        return
    numbers = [row[column] for column in range(len(data[0])) for row in data if row[column].strip()]
    page = rng.randint(0, len(numbers)) if rng.random() < 0.3 else -1
    for index, number in enumerate(numbers):
        if index == page:
            yield _page(rng)
        yield _fragment(number)


def detached_labels(lines: Sequence[Line], rng: random.Random) -> list[Line]:
    """The row labels of 表二 and 表三 on lines of their own, before (or after) a pipe table of their numbers whose
    columns are renamed ``数据1`` …; 表二's captions and 表三's header stay with the labels."""
    out: list[Line] = list(lines)
    for table in ("table3", "table2", "table2_2019"):
        at = [i for i, line in enumerate(out) if line.table == table and line.kind in _TABLE_KINDS]
        if not at:
            continue
        first, last = at[0], at[-1]
        out[first : last + 1] = _detach(out[first : last + 1], rng)
    return out


def _detach(block: Sequence[Line], rng: random.Random) -> list[Line]:
    labels: list[Line] = []
    rows: list[Line] = []
    for line in block:
        if line.kind is Kind.DATA:
            text = "".join(_labels(line))
            if text:
                labels.append(Line.text(text))
            rows.append(attrs.evolve(line, cells=_values(line), labels=0))
        else:
            labels.extend(Line.text(cell) for cell in line.cells if cell.strip())
    width = max(len(row.cells) for row in rows)
    names = tuple(f"数据{n}" for n in range(1, width + 1))
    table = [Line(cells=names, kind=Kind.HEADER, table=block[0].table), *rows]
    blank = Line.text("", Kind.BLANK)
    return [*labels, blank, *table] if rng.random() < 0.7 else [*table, blank, *labels]


_FIELDS = ("发布时间: {year}-01-2{day} 10:1{day}", "文号: ", "发布机构: {agency}", "栏目: 政府信息公开年报")
_CHROME = "微信 微博 QQ空间 全真版 文字版 文件下载 相关链接："


def one_line_body(report: Report, lines: Sequence[Line], rng: random.Random, *, spaces: bool) -> str:
    """The crawler's ``page.txt``: header lines, then chrome and the whole body on one line, every cell glued to
    the next (with *spaces*, a single space at some cell boundaries, as an ``&nbsp;`` cell leaves)."""
    title = lines[0].cells[0] if lines and lines[0].kind is Kind.TITLE else ""
    year = (report.report_year or 2021) + 1
    agency = report.agency or ""
    head = [f"标题: {title}", *(f.format(year=year, day=rng.randint(0, 9), agency=agency) for f in _FIELDS)]
    head += [f"原文链接: https://www.example.gov.cn/zwgk/nb/{year}01/t{year}0120_{rng.randint(10000, 99999)}.htm"]
    head += ["页面链接与图片详见 links.tsv(同目录)", "==================== 正文 ===================="]
    pieces: list[str] = []
    for line in lines[1:] if title else lines:
        if line.kind is Kind.BLANK or not any(cell.strip() for cell in line.cells):
            continue
        cells = [cell.strip() for cell in line.cells if cell.strip()]
        pieces.append(cells[0] + "".join(_gap(rng, spaces, 0.2) + cell for cell in cells[1:]))
    gaps = [_gap(rng, spaces, 0.15) for _ in pieces]
    body = "".join(gap + piece for gap, piece in zip(gaps, pieces, strict=True)).strip()
    repeated = f"{title} " if rng.random() < 0.5 else ""
    chrome = f"当前位置： 首页政务公开政府信息公开年报 {title} 来源：{agency} 时间：{year}-01-20 --> {_CHROME} "
    tail = " 附件下载" if rng.random() < 0.7 else ""
    return "\n".join([*head, chrome + repeated + body + tail]) + "\n"


def _gap(rng: random.Random, spaces: bool, rate: float) -> str:
    """A single space (an ``&nbsp;`` cell's) at a boundary, with probability *rate* when *spaces*; else nothing."""
    return " " if spaces and rng.random() < rate else ""
