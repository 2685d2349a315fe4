"""Read a report attached as a Word file (needs the ``docx`` extra: python-docx).

Tables keep their merged cells: ``w:gridSpan`` gives a cell's span, ``w:vMerge`` continues a cell downwards
(``restart`` starts it), and ``w:gridBefore`` skips grid columns at the start of a row. Each cell keeps its
starting grid column. The narrative comes from the paragraphs, in document order with the tables.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from gov_disclosure.errors import LimitExceededError
from gov_disclosure.limits import Limits, check_zip
from gov_disclosure.model.source import SourceInfo, SourceLocation
from gov_disclosure.parsing.document import Document
from gov_disclosure.parsing.grids import RawTable
from gov_disclosure.readers._common import clean_text, render_table, require, zip_holds
from gov_disclosure.readers._grid import PlacedCell, build_table
from gov_disclosure.readers.errors import ReaderError

__all__ = ["read_docx", "sniff_docx"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def sniff_docx(data: bytes) -> float:
    """Confidence (0–1) that *data* is a Word ``.docx`` file (a zip holding ``word/document.xml``)."""
    return zip_holds(data, "word/document.xml")


def read_docx(data: bytes, *, path: str | None = None, limits: Limits | None = None) -> Document:
    """Read a ``.docx`` file into a :class:`Document`: paragraphs as text lines, tables as grids.

    A table of more rows than *limits* allow (:attr:`~gov_disclosure.limits.Limits.max_table_rows`) is refused.
    The zip's directory is checked against *limits* first (:func:`~gov_disclosure.limits.check_zip`: member
    count, uncompressed size, compression ratio), so that a zip bomb is refused before a part is inflated;
    python-docx parses the parts with entities left unresolved."""
    docx: Any = require("docx", form="DOCX", extra="docx")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_zip(archive, limits or Limits(), name=path or "input")
    except zipfile.BadZipFile as error:
        raise ReaderError(f"{path or 'input'}: not a readable Word .docx file (not a zip archive: {error})") from None
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises several unrelated types for a damaged file
        what = f"{type(error).__name__}: {error}"
        raise ReaderError(f"{path or 'input'}: not a readable Word .docx file ({what})") from error
    lines: list[str] = []
    tables: list[RawTable] = []
    _walk(document.element.body, lines, tables, path, limits or Limits())
    return Document(
        text="\n".join(line for line in lines if line.strip()),
        grids=tuple(tables),
        form="docx",
        source=SourceInfo(path=path, form="docx"),
    )


def _walk(parent: Any, lines: list[str], tables: list[RawTable], path: str | None, limits: Limits) -> None:
    for child in parent.iterchildren():
        tag = child.tag
        if tag == f"{_W}p":
            lines.append(_paragraph_text(child))
        elif tag == f"{_W}tbl":
            table = _table(child, path, len(tables), limits)
            if table.rows:
                tables.append(table)
                lines.extend(render_table(table))
        elif tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml", f"{_W}smartTag"):
            _walk(child, lines, tables, path, limits)


def _paragraph_text(paragraph: Any) -> str:
    pieces = []
    for node in paragraph.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr"):
        pieces.append(node.text or "" if node.tag == f"{_W}t" else " ")
    return clean_text("".join(pieces))


def _cell_text(cell: Any) -> str:
    return clean_text("\n".join(_paragraph_text(p) for p in cell.iter(f"{_W}p")))


def _val(node: Any, name: str) -> str | None:
    found = node.find(f"{_W}{name}") if node is not None else None
    if found is None:
        return None
    value = found.get(f"{_W}val")
    return "" if value is None else str(value)


def _table(table: Any, path: str | None, index: int, limits: Limits) -> RawTable:
    placed: list[PlacedCell] = []
    open_cells: dict[int, int] = {}  # grid column -> index in placed of the cell a vMerge continues
    rows = list(table.iterchildren(f"{_W}tr"))
    if len(rows) > limits.max_table_rows:
        raise LimitExceededError(
            f"{path or 'input'}: table {index + 1} has {len(rows)} rows; at most {limits.max_table_rows} are read",
            limit="max_table_rows",
        )
    for r, row in enumerate(rows):
        column = int(_val(row.find(f"{_W}trPr"), "gridBefore") or 0)
        for tc in row.iterchildren(f"{_W}tc"):
            properties = tc.find(f"{_W}tcPr")
            span = max(int(_val(properties, "gridSpan") or 1), 1)
            merge = _val(properties, "vMerge")
            if merge is not None and merge != "restart" and column in open_cells:
                origin = placed[open_cells[column]]
                placed[open_cells[column]] = PlacedCell(
                    text=origin.text, row=origin.row, column=origin.column, rowspan=r - origin.row + 1,
                    colspan=origin.colspan, source=origin.source,
                )  # fmt: skip
            else:
                open_cells[column] = len(placed)
                source = SourceLocation(path=path, cell=f"table {index + 1} row {r + 1}")
                placed.append(PlacedCell(text=_cell_text(tc), row=r, column=column, colspan=span, source=source))
            column += span
    return build_table(placed, source=SourceLocation(path=path, cell=f"table {index + 1}"))
