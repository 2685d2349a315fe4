"""A :class:`Report`'s tables in the official grid layout (format-spec §2.1–2.3, §3.1), and as a web page.

表二 blocks with a caption row and a ``信息内容`` header row (one value cell spanning 3 columns in the single-column
blocks), 表三 with its 3-row header, the vertical ``三、本年度办理结果`` cell and the group cells （三）–（六）
spanning their sub-rows, 表四 with its 3-row header. The fuzzing campaign (:mod:`gov_disclosure.testing.fuzz`) damages
these pages; the test suite also writes them as DOCX and PDF.

>>> import random
>>> from gov_disclosure.testing import random_report
>>> page = report_html(random_report(random.Random(1), "2021"), chrome=False)
>>> page.count("<table"), "三、本年度办理结果" in page
(3, True)
"""

from __future__ import annotations

import html

from attrs import frozen

from gov_disclosure.model import TABLE2, TABLE2_2019, TABLE3, TABLE3_NOTE, TABLE4, Cell, Report, TableSpec
from gov_disclosure.model.formats import format_spec
from gov_disclosure.model.tables import Table

__all__ = ["G", "GridRows", "report_grids", "report_html", "title"]


@frozen
class G:
    """A grid cell: text, rowspan, colspan and whether it is a header/label (not a value)."""

    text: str
    rowspan: int = 1
    colspan: int = 1
    label: bool = True


GridRows = list[list[G]]


def _value(cell: Cell) -> G:
    return G(str(cell), label=False)


def _table2_grid(table: Table, spec: TableSpec) -> GridRows:
    width = 4
    rows: GridRows = []
    block: str | None = None
    for row_spec in spec.rows:
        row = table.row(row_spec.key)
        if row is None:
            continue
        if row_spec.group != block:
            block = row_spec.group
            rows.append([G(block or "", colspan=width)])
            labels = [c.label for c in row_spec.columns]
            spans = _spans(len(labels), width - 1)
            rows.append([G("信息内容"), *(G(label, colspan=s) for label, s in zip(labels, spans, strict=True))])
        spans = _spans(len(row_spec.columns), width - 1)
        values = [row.cell(c.key) for c in row_spec.columns]
        cells = [G(str(v), colspan=s, label=False) for v, s in zip(values, spans, strict=True)]
        rows.append([G(row_spec.label), *cells])
    return rows


def _spans(count: int, width: int) -> list[int]:
    """Spans of *count* cells filling *width* columns (the last cell takes the rest)."""
    return [1] * (count - 1) + [width - count + 1]


def _table3_grid(table: Table, report: Report) -> GridRows:
    rows: GridRows = [
        [G(TABLE3_NOTE, rowspan=3, colspan=3), G("申请人情况", colspan=7)],
        [G("自然人", rowspan=2), G("法人或其他组织", colspan=5), G("总计", rowspan=2)],
        [G(c.label) for c in TABLE3.rows[0].columns[1:6]],
    ]
    specs = [s for s in format_spec(report.format_version).rows(TABLE3) if table.row(s.key) is not None]
    result_rows = [s for s in specs if s.group is not None]
    group_sizes: dict[str, int] = {}
    for s in result_rows:
        if s.group != "三、本年度办理结果":
            group_sizes[s.group or ""] = group_sizes.get(s.group or "", 0) + 1
    seen_results = False
    seen_groups: set[str] = set()
    for s in specs:
        row = table.row(s.key)
        assert row is not None
        values = [_value(cell) for _, cell in row.cells()]
        if s.group is None:
            rows.append([G(s.label, colspan=3), *values])
            continue
        lead: list[G] = []
        if not seen_results:
            seen_results = True
            lead.append(G("三、本年度办理结果", rowspan=len(result_rows)))
        if s.group == "三、本年度办理结果":
            rows.append([*lead, G(s.label, colspan=2), *values])
        else:
            if s.group not in seen_groups:
                seen_groups.add(s.group)
                lead.append(G(s.group, rowspan=group_sizes[s.group]))
            rows.append([*lead, G(s.label), *values])
    return rows


def _table4_grid(table: Table) -> GridRows:
    leaves = [c.label for c in TABLE4.rows[0].columns]
    values = [_value(cell) for _, _, cell in table.iter_cells()]
    return [
        [G("行政复议", colspan=5), G("行政诉讼", colspan=10)],
        [*(G(label, rowspan=2) for label in leaves), G("未经复议直接起诉", colspan=5), G("复议后起诉", colspan=5)],
        [G(label) for label in leaves * 2],
        values,
    ]


def report_grids(report: Report) -> list[tuple[str, GridRows]]:
    """``(title, rows)`` of the report's tables in the official layout."""
    out: list[tuple[str, GridRows]] = []
    if report.table2 is not None:
        out.append(("二、主动公开政府信息情况", _table2_grid(report.table2, TABLE2)))
    if report.table2_2019 is not None:
        out.append(("二、主动公开政府信息情况", _table2_grid(report.table2_2019, TABLE2_2019)))
    if report.table3 is not None:
        out.append(("三、收到和处理政府信息公开申请情况", _table3_grid(report.table3, report)))
    if report.table4 is not None:
        out.append(("四、政府信息公开行政复议、行政诉讼情况", _table4_grid(report.table4)))
    return out


def title(report: Report) -> str:
    return f"{report.agency or '某局'}{report.report_year or 2022}年政府信息公开工作年度报告"


# --- HTML ----------------------------------------------------------------------------------


def _soup(text: str, *, header: bool) -> str:
    """Word-pasted markup: digits split over spans, <br> inside header labels, <o:p> in blank cells."""
    if not text:
        return "<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>"
    if header and len(text) > 3:
        middle = len(text) // 2
        text_html = f"{html.escape(text[:middle])}<br />{html.escape(text[middle:])}"
    elif len(text) > 1:
        text_html = f"<span lang=EN-US>{html.escape(text[:1])}</span><font face=宋体>{html.escape(text[1:])}</font>"
    else:
        text_html = html.escape(text)
    return f"<p class=MsoNormal align=center><span style='font-size:10.5pt;font-family:宋体'>{text_html}</span></p>"


def _html_table(rows: GridRows, *, soup: bool) -> str:
    out = ["<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0>"]
    for row in rows:
        out.append("<tr>")
        for cell in row:
            attrs = (f" rowspan={cell.rowspan}" if cell.rowspan > 1 else "") + (
                f' colspan="{cell.colspan}"' if cell.colspan > 1 else ""
            )
            body = _soup(cell.text, header=cell.label) if soup else (html.escape(cell.text) or "&nbsp;")
            out.append(f"<td{attrs} style='width:38px;'>{body}</td>")
        out.append("</tr>")
    out.append("</table>")
    return "\n".join(out)


def report_html(report: Report, *, soup: bool = False, split_table2: bool = False, chrome: bool = True) -> str:
    """The report as a web page (article body inside site chrome)."""
    parts = [f"<h1 class=title>{html.escape(title(report))}</h1>", "<p>一、总体情况</p><p>本年度工作有序推进。</p>"]
    for heading, rows in report_grids(report):
        parts.append(f"<p><b>{heading}</b></p>")
        if split_table2 and heading.startswith("二"):
            blocks: list[GridRows] = []
            for row in rows:
                if len(row) == 1:
                    blocks.append([])
                blocks[-1].append(row)
            parts.extend(_html_table(block, soup=soup) for block in blocks)
        else:
            parts.append(_html_table(rows, soup=soup))
    parts.append("<p>五、存在的主要问题及改进情况</p><p>无。</p><p>六、其他需要报告的事项</p><p>无。</p>")
    article = "\n".join(parts)
    if not chrome:
        return f"<html><body>{article}</body></html>"
    return f"""<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{html.escape(title(report))}_政府信息公开</title><script>var _hmt = _hmt || [];</script></head><body>
<div class="top-nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li>
<li><a href="/hdjl">互动交流</a></li></ul></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 年度报告</div>
<div class="main"><div class="article-info">发布日期：2023-01-20 来源：本机关</div>
<div class="TRS_Editor">{article}</div>
<div class="bdshare"><a class="bds_weixin">分享到微信</a><a class="bds_tsina">分享到微博</a></div>
<div class="related"><h3>相关链接</h3><ul><li><a href="/a">关于印发某某通知的通知全文</a></li>
<li><a href="/b">另一篇与本报告无关的新闻稿件标题</a></li></ul></div></div>
<div class="footer">主办单位：某某人民政府办公室 版权所有 网站标识码 1234567890 备案号：苏ICP备00000000号</div>
<script>document.write("<a href=\\"/x\\">统计</a>");</script></body></html>"""
