"""Test support: a :class:`Report`'s tables in the official grid layout (:mod:`gov_disclosure.testing.grids`),
written as HTML (there), inside a JavaScript string, as DOCX and as PDF.
"""

from __future__ import annotations

import html
import io
from collections.abc import Sequence

from gov_disclosure.model import Report
from gov_disclosure.testing.grids import G, GridRows, report_grids, report_html, title

__all__ = [
    "G",
    "GridRows",
    "js_embedded",
    "report_docx",
    "report_grids",
    "report_html",
    "report_pdf",
    "text_pdf",
    "title",
]


def js_embedded(page: str) -> str:
    """The page's HTML served inside a JavaScript string literal with escaped quotes (format-spec §6.2)."""
    escaped = page.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    script = f'var content = "{escaped}";\ndocument.getElementById("c").innerHTML = content;'
    return f'<html><head><script>{script}</script></head><body><div id="c"></div></body></html>'


# --- DOCX ----------------------------------------------------------------------------------


def report_docx(report: Report) -> bytes:
    """The report as a Word file whose tables use merged cells (gridSpan / vMerge)."""
    import docx

    document = docx.Document()
    document.add_paragraph(title(report))
    document.add_paragraph("一、总体情况")
    document.add_paragraph("本年度工作有序推进。")
    for heading, rows in report_grids(report):
        document.add_paragraph(heading)
        _docx_table(document, rows)
    document.add_paragraph("五、存在的主要问题及改进情况")
    document.add_paragraph("无。")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _occupancy(rows: GridRows) -> tuple[list[tuple[int, int, G]], int]:
    taken: set[tuple[int, int]] = set()
    placed = []
    width = 0
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            placed.append((r, c, cell))
            taken.update((r + i, c + j) for i in range(cell.rowspan) for j in range(cell.colspan))
            c += cell.colspan
            width = max(width, c)
    return placed, width


def _docx_table(document: object, rows: GridRows) -> None:
    placed, width = _occupancy(rows)
    table = document.add_table(rows=len(rows), cols=width)  # type: ignore[attr-defined]
    table.style = "Table Grid"
    for r, c, cell in placed:
        target = table.cell(r, c)
        if cell.rowspan > 1 or cell.colspan > 1:
            target = target.merge(table.cell(r + cell.rowspan - 1, c + cell.colspan - 1))
        target.text = cell.text


# --- PDF ---------------------------------------------------------------------------------------


def report_pdf(report: Report, *, grid_lines: bool = True, font_size: float = 7.0) -> bytes:
    """The report as a PDF (reportlab, built-in CJK font STSong-Light); long tables break across pages."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, TableStyle
    from reportlab.platypus import Table as RLTable

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=10.5, leading=16)
    cell_style = ParagraphStyle("cell", fontName="STSong-Light", fontSize=font_size, leading=font_size + 2)
    story: list[object] = [Paragraph(title(report), body), Paragraph("一、总体情况", body)]
    story.append(Paragraph("本年度工作有序推进。" * 30, body))
    for heading, rows in report_grids(report):
        story.append(Paragraph(heading, body))
        placed, width = _occupancy(rows)
        data: list[list[object]] = [["" for _ in range(width)] for _ in rows]
        style: list[tuple[object, ...]] = [
            ("FONTNAME", (0, 0), (-1, -1), "STSong-Light"),
            ("FONTSIZE", (0, 0), (-1, -1), font_size),
        ]
        if grid_lines:
            style.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
        for r, c, cell in placed:
            data[r][c] = Paragraph(html.escape(cell.text), cell_style) if cell.text else ""
            if cell.rowspan > 1 or cell.colspan > 1:
                style.append(("SPAN", (c, r), (c + cell.colspan - 1, r + cell.rowspan - 1)))
        widths = _widths(width)
        story.append(RLTable(data, colWidths=widths, style=TableStyle(style), repeatRows=0, splitByRow=1))
        story.append(Spacer(1, 12))
    story.append(Paragraph("五、存在的主要问题及改进情况", body))
    buffer = io.BytesIO()

    def page_number(canvas: object, doc: object) -> None:
        canvas.setFont("STSong-Light", 9)  # type: ignore[attr-defined]
        canvas.drawCentredString(A4[0] / 2, 30, f"- {doc.page} -")  # type: ignore[attr-defined]

    SimpleDocTemplate(buffer, pagesize=A4).build(story, onFirstPage=page_number, onLaterPages=page_number)
    return buffer.getvalue()


def _widths(width: int) -> Sequence[float]:
    usable = 480.0
    if width == 10:  # 表三: three label columns, seven value columns
        return [30.0, 55.0, 115.0] + [40.0] * 7
    return [usable / width] * width


def text_pdf(text: str, *, font_size: float = 6.0, lines_per_page: int = 70, leading: float = 4.0) -> bytes:
    """Report text (e.g. from :func:`gov_disclosure.render.render_text`) typeset line by line as an unruled PDF.

    Tab-separated cells are placed left to right with a wide gap; long narrative lines are wrapped; a page break
    falls every *lines_per_page* lines, inside tables too, with a running page number ``- n -`` at the bottom. Lines
    are *leading* points apart beyond the font size (tight line spacing: under 1).
    """
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    lines: list[str] = []
    for line in text.splitlines():
        if "\t" in line or len(line) <= 60:
            lines.append(line)
        else:
            lines.extend(line[i : i + 60] for i in range(0, len(line), 60))
    number = 1
    for index, line in enumerate(lines):
        if index and index % lines_per_page == 0:
            page.setFont("STSong-Light", 9)
            page.drawCentredString(297, 30, f"- {number} -")
            page.showPage()
            number += 1
        y = 800 - (index % lines_per_page) * (font_size + leading)
        page.setFont("STSong-Light", font_size)
        x = 30.0
        for cell in line.split("\t"):
            page.drawString(x, y, cell)
            x += pdfmetrics.stringWidth(cell, "STSong-Light", font_size) + 3 * font_size
    page.setFont("STSong-Light", 9)
    page.drawCentredString(297, 30, f"- {number} -")
    page.showPage()
    page.save()
    return buffer.getvalue()
