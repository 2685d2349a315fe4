"""Hostile files, made in code and small on disk: what a reader of untrusted uploads must survive.

Each generator returns a :class:`HostileFile` — a file name (its extension picks the reader) and its bytes. Reading
one must end, within the campaign's time and memory limits, either with a report or with one of the library's typed
errors; never with another exception, never by exhausting memory, never by reading a local file (XXE).

==========================  ==================================================================================
``docx-zip-bomb``           a DOCX whose ``word/document.xml`` inflates to hundreds of MB
``xlsx-zip-bomb``           an XLSX whose sheet XML inflates to hundreds of MB
``pdf-flate-bomb``          a PDF page whose content stream inflates to hundreds of MB
``docx-billion-laughs``     entity expansion in ``word/document.xml``
``xlsx-billion-laughs``     entity expansion in a sheet's XML
``docx-xxe``                an external entity naming a local file (its text must not reach the report)
``xlsx-xxe``                the same in a sheet's XML
``json-deep``               a report JSON nested 100,000 levels deep
``xlsx-huge-dimension``     a sheet declaring ``A1:XFD1048576``
``xlsx-formula``            a report workbook with formulas in its cells
``pdf-encrypted``           a report PDF encrypted with a user password
``pdf-500-pages``           a 500-page PDF
``text-long-line``          64,000 numbers on one line inside 表三
``text-many-digits``        a 表三 cell of 5,000 digits
``text-many-rows``          100,000 label rows
``html-many-rows``          an HTML table of 10,000 rows
``html-js-unterminated``    a page inside an unterminated JavaScript string of 200,000 escapes
==========================  ==================================================================================

>>> sorted(HOSTILE)[:3]
['docx-billion-laughs', 'docx-xxe', 'docx-zip-bomb']
>>> hostile = HOSTILE["json-deep"]()
>>> hostile.name, len(hostile.data) < 300_000
('json-deep.json', True)
"""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Callable

from attrs import frozen

from gov_disclosure.render import render_text
from gov_disclosure.testing.generate import random_report

__all__ = ["HOSTILE", "XXE_MARK", "HostileFile"]

XXE_MARK = "XXE-LEAK-4f1c9a"
"""Text the XXE files' external entity would bring into the report (the campaign writes a file holding it)."""

_BOMB_BYTES = 400 * 2**20
_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
    + "]>\n"
)
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_S = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


@frozen
class HostileFile:
    """A hostile input: a file name and its bytes."""

    name: str
    data: bytes


def _report_text() -> str:
    return render_text(random_report(random.Random(13), "2021"))


def _docx(document_xml: bytes | Callable[[zipfile.ZipFile], None]) -> bytes:
    """A minimal DOCX around *document_xml* (or a writer of ``word/document.xml`` for streamed bombs)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="word/document.xml"/></Relationships>',
        )
        if isinstance(document_xml, bytes):
            archive.writestr("word/document.xml", document_xml)
        else:
            document_xml(archive)
    return buffer.getvalue()


def _paragraphs(text: str) -> str:
    return "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in text.split("\n") if "<" not in line)


def _streamed(archive: zipfile.ZipFile, name: str, head: bytes, filler: bytes, tail: bytes) -> None:
    with archive.open(name, "w", force_zip64=True) as member:
        member.write(head)
        chunk = filler * (2**20 // len(filler))
        for _ in range(_BOMB_BYTES // len(chunk)):
            member.write(chunk)
        member.write(tail)


def docx_zip_bomb() -> HostileFile:
    head = f"<w:document {_W}><w:body>{_paragraphs(_report_text())}<w:p><w:r><w:t>".encode()
    data = _docx(lambda a: _streamed(a, "word/document.xml", head, b" ", b"</w:t></w:r></w:p></w:body></w:document>"))
    return HostileFile("docx-zip-bomb.docx", data)


def docx_billion_laughs() -> HostileFile:
    xml = f"{_LAUGHS}<w:document {_W}><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
    return HostileFile("docx-billion-laughs.docx", _docx(xml.encode()))


def _xxe_doctype(root: str, path: str) -> str:
    return f'<?xml version="1.0"?>\n<!DOCTYPE {root} [<!ENTITY xxe SYSTEM "file://{path}">]>\n'


def docx_xxe(path: str = "/tmp/gov-disclosure-xxe.txt") -> HostileFile:
    body = _paragraphs(_report_text())
    xml = f"{_xxe_doctype('w:document', path)}<w:document {_W}><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>{body}"
    return HostileFile("docx-xxe.docx", _docx((xml + "</w:body></w:document>").encode()))


def _workbook(formulas: bool = False) -> bytes:
    from openpyxl import load_workbook

    from gov_disclosure.serializers.xlsx import to_xlsx

    buffer = io.BytesIO()
    to_xlsx(random_report(random.Random(13), "2021"), buffer)
    if not formulas:
        return buffer.getvalue()
    workbook = load_workbook(io.BytesIO(buffer.getvalue()))
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, int) and not isinstance(cell.value, bool):
                    cell.value = f"={cell.value}+1"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _replace_sheet(workbook: bytes, write: Callable[[zipfile.ZipFile, str], None]) -> bytes:
    """*workbook* with its first sheet's XML written by *write* instead."""
    source = zipfile.ZipFile(io.BytesIO(workbook))
    sheet = next(n for n in source.namelist() if n.startswith("xl/worksheets/sheet"))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            if item.filename == sheet:
                write(archive, sheet)
            else:
                archive.writestr(item, source.read(item.filename))
    return buffer.getvalue()


def _sheet_xml(rows: str, dimension: str = "A1:A1", doctype: str = "") -> str:
    return f'{doctype}<worksheet {_S}><dimension ref="{dimension}"/><sheetData>{rows}</sheetData></worksheet>'


def xlsx_zip_bomb() -> HostileFile:
    head = _sheet_xml('<row r="1"><c r="A1" t="inlineStr"><is><t>').split("</t>")[0].encode()
    tail = b"</t></is></c></row></sheetData></worksheet>"
    data = _replace_sheet(_workbook(), lambda a, n: _streamed(a, n, head, b" ", tail))
    return HostileFile("xlsx-zip-bomb.xlsx", data)


def xlsx_billion_laughs() -> HostileFile:
    xml = _sheet_xml('<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>', doctype=_LAUGHS)
    return HostileFile("xlsx-billion-laughs.xlsx", _replace_sheet(_workbook(), lambda a, n: a.writestr(n, xml)))


def xlsx_xxe(path: str = "/tmp/gov-disclosure-xxe.txt") -> HostileFile:
    doctype = _xxe_doctype("worksheet", path)
    xml = _sheet_xml('<row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row>', doctype=doctype)
    return HostileFile("xlsx-xxe.xlsx", _replace_sheet(_workbook(), lambda a, n: a.writestr(n, xml)))


def xlsx_huge_dimension() -> HostileFile:
    xml = _sheet_xml('<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>', dimension="A1:XFD1048576")
    return HostileFile("xlsx-huge-dimension.xlsx", _replace_sheet(_workbook(), lambda a, n: a.writestr(n, xml)))


def xlsx_formula() -> HostileFile:
    return HostileFile("xlsx-formula.xlsx", _workbook(formulas=True))


def json_deep(depth: int = 100_000) -> HostileFile:
    data = '{"format_version": "2021", "table3": ' + "[" * depth + "]" * depth + "}"
    return HostileFile("json-deep.json", data.encode())


def _pdf(pages: int, *, encrypt: str | None = None) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, encrypt=encrypt, pageCompression=1)
    lines = _report_text().split("\n")
    for page in range(pages):
        pdf.setFont("STSong-Light", 7)
        y = 800.0
        for line in lines[page * 90 : (page + 1) * 90] or [f"第 {page + 1} 页 本页无内容。"] * 60:
            pdf.drawString(30, y, line.replace("\t", "  "))
            y -= 9
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def pdf_encrypted() -> HostileFile:
    return HostileFile("pdf-encrypted.pdf", _pdf(2, encrypt="secret"))


def pdf_500_pages() -> HostileFile:
    return HostileFile("pdf-500-pages.pdf", _pdf(500))


def pdf_flate_bomb(inflated: int = _BOMB_BYTES) -> HostileFile:
    """A one-page PDF whose content stream is *inflated* bytes of spaces, Flate-compressed about 1000-fold."""
    import zlib

    squeezer = zlib.compressobj(9)
    stream = b"".join(squeezer.compress(b" " * 2**20) for _ in range(inflated // 2**20)) + squeezer.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return HostileFile("pdf-flate-bomb.pdf", out.getvalue())


def _with_granted_row(make: Callable[[str], list[str]]) -> bytes:
    """The report text with 表三's row （一）予以公开 replaced by the lines *make* gives for its label."""
    lines = _report_text().split("\n")
    at = next(i for i, line in enumerate(lines) if "（一）予以公开" in line)
    label = lines[at].split("（一）予以公开")[0] + "（一）予以公开"
    lines[at : at + 1] = make(label)
    return "\n".join(lines).encode()


def text_long_line() -> HostileFile:
    data = _with_granted_row(lambda label: [f"{label} " + " ".join(str(n % 97) for n in range(64_000))])
    return HostileFile("text-long-line.txt", data)


def text_many_digits() -> HostileFile:
    data = _with_granted_row(lambda label: [f"{label}\t{'7' * 5_000}" + "\t0" * 6])
    return HostileFile("text-many-digits.txt", data)


def text_many_rows() -> HostileFile:
    data = _with_granted_row(lambda label: [f"{label}\t1\t0\t0\t0\t0\t0\t1"] * 100_000)
    return HostileFile("text-many-rows.txt", data)


def html_many_rows() -> HostileFile:
    from gov_disclosure.testing.grids import report_html

    page = report_html(random_report(random.Random(13), "2021"))
    rows = "<tr><td>（一）予以公开</td>" + "<td>1</td>" * 7 + "</tr>"
    at = page.index("</table>")
    return HostileFile("html-many-rows.html", (page[:at] + rows * 10_000 + page[at:]).encode())


def html_js_unterminated() -> HostileFile:
    page = '<html><head><script>var content = "' + '\\"' * 200_000 + "</script></head><body></body></html>"
    return HostileFile("html-js-unterminated.html", page.encode())


HOSTILE: dict[str, Callable[[], HostileFile]] = {
    "docx-zip-bomb": docx_zip_bomb,
    "xlsx-zip-bomb": xlsx_zip_bomb,
    "pdf-flate-bomb": pdf_flate_bomb,
    "docx-billion-laughs": docx_billion_laughs,
    "xlsx-billion-laughs": xlsx_billion_laughs,
    "docx-xxe": docx_xxe,
    "xlsx-xxe": xlsx_xxe,
    "json-deep": json_deep,
    "xlsx-huge-dimension": xlsx_huge_dimension,
    "xlsx-formula": xlsx_formula,
    "pdf-encrypted": pdf_encrypted,
    "pdf-500-pages": pdf_500_pages,
    "text-long-line": text_long_line,
    "text-many-digits": text_many_digits,
    "text-many-rows": text_many_rows,
    "html-many-rows": html_many_rows,
    "html-js-unterminated": html_js_unterminated,
}
"""Every hostile file generator, by name."""
