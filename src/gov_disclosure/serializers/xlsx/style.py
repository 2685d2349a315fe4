"""The look of the official form: fonts, borders, alignment, fills, and row heights for wrapped labels.

Styles are named styles of the workbook, registered once per workbook; a :class:`StyleBook` keeps each one as
openpyxl stores it on a cell, so painting a cell is one copy however many reports the workbook holds.
"""

from __future__ import annotations

import math
import unicodedata
from copy import copy
from typing import Protocol, cast

from attrs import define, field, frozen
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.workbook.workbook import Workbook

from gov_disclosure.findings import Severity
from gov_disclosure.render.palette import ABSENT_FILL, COMPLETED_FILL, SEVERITY_FILL

__all__ = [
    "GRID_WIDTH",
    "STYLES",
    "CellStyle",
    "StyleBook",
    "finding_style",
    "lines_needed",
    "register_styles",
    "style_name",
    "text_width",
]

GRID_WIDTH = 4.6
"""Width of one grid column (Excel character units); every table cell spans whole grid columns."""

_FONT = "宋体"
_THIN = Side(style="thin", color="000000")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


@frozen
class CellStyle:
    """Font, alignment, border and fill applied to every cell of a (merged) range."""

    font: Font
    alignment: Alignment
    border: Border | None = BORDER
    fill: PatternFill | None = None

    def named(self, name: str) -> NamedStyle:
        """This style as a workbook's named style (one assignment per cell instead of four)."""
        style = NamedStyle(name=name, font=self.font, alignment=self.alignment)
        if self.border is not None:
            style.border = self.border
        if self.fill is not None:
            style.fill = self.fill
        return style


def _fill(colour: str) -> PatternFill:
    return PatternFill(fill_type="solid", fgColor=colour)


def _align(horizontal: str = "center", *, rotation: int = 0) -> Alignment:
    indent = 1 if horizontal == "left" else 0
    return Alignment(horizontal=horizontal, vertical="center", wrap_text=True, text_rotation=rotation, indent=indent)


STYLES: dict[str, CellStyle] = {
    "title": CellStyle(Font(name=_FONT, size=16, bold=True), _align(), None),
    "subtitle": CellStyle(Font(name=_FONT, size=10, color="595959"), _align(), None),
    "heading": CellStyle(Font(name=_FONT, size=12, bold=True), _align("left"), None),
    "caption": CellStyle(Font(name=_FONT, size=10, bold=True), _align()),
    "header": CellStyle(Font(name=_FONT, size=10, bold=True), _align()),
    "note": CellStyle(Font(name=_FONT, size=9), _align()),
    "vertical": CellStyle(Font(name=_FONT, size=10, bold=True), _align(rotation=255)),
    "group": CellStyle(Font(name=_FONT, size=10), _align()),
    "label": CellStyle(Font(name=_FONT, size=10), _align("left")),
    "value": CellStyle(Font(name=_FONT, size=10), _align()),
    "absent": CellStyle(Font(name=_FONT, size=10), _align(), BORDER, _fill(ABSENT_FILL)),
    "extra": CellStyle(Font(name=_FONT, size=10, italic=True), _align("left")),
    "completed": CellStyle(Font(name=_FONT, size=10), _align(), BORDER, _fill(COMPLETED_FILL)),
    **{
        f"finding {severity.name.lower()}": CellStyle(Font(name=_FONT, size=10), _align(), BORDER, _fill(colour))
        for severity, colour in SEVERITY_FILL.items()
    },
}
"""Named styles of the official layout: one per kind of box (:data:`~gov_disclosure.render.form_grid.BoxStyle`),
``completed`` for a value completed from an identity, and ``finding …`` for a cell a finding names, by severity."""


def finding_style(severity: Severity) -> str:
    """The style key of a cell whose worst finding has *severity*.

    >>> finding_style(Severity.WARNING)
    'finding warning'
    """
    return f"finding {severity.name.lower()}"


def style_name(key: str) -> str:
    """The workbook name of style *key* (named styles show in the style gallery of Excel and LibreOffice).

    >>> style_name("header")
    'gov_disclosure header'
    """
    return f"gov_disclosure {key}"


def register_styles(wb: Workbook) -> None:
    """Add the named styles of :data:`STYLES` to *wb* (once)."""
    existing = set(wb.style_names)
    for key, style in STYLES.items():
        if style_name(key) not in existing:
            wb.add_named_style(style.named(style_name(key)))


class _Styled(Protocol):
    """What openpyxl keeps on a styled cell (its ``__slots__``; the type stubs leave it out)."""

    _style: StyleArray


@define
class StyleBook:
    """The named styles of one workbook, registered once; each kept as openpyxl stores it on a cell.

    Assigning a named style by name costs a lookup and a conversion per cell; a workbook of a hundred reports
    paints some 200,000 cells. The first cell painted with a style takes it by name; every later one gets a copy
    of what that cell holds (openpyxl's own way of copying a style: ``worksheet.copier``).
    """

    workbook: Workbook
    _arrays: dict[str, StyleArray] = field(factory=dict, init=False)

    def __attrs_post_init__(self) -> None:
        register_styles(self.workbook)

    def paint(self, cell: Cell | MergedCell, key: str) -> None:
        """Give *cell* the style *key* of :data:`STYLES`."""
        array = self._arrays.get(key)
        if array is None:
            cell.style = style_name(key)
            self._arrays[key] = copy(cast("_Styled", cell)._style)
        else:
            cast("_Styled", cell)._style = copy(array)


def text_width(text: str) -> int:
    """Width of *text* in character units: 2 for a CJK (wide) character, 1 otherwise.

    >>> text_width("总计"), text_width("12")
    (4, 2)
    """
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def lines_needed(text: str, grid_columns: int) -> int:
    """How many lines *text* wraps to in a cell *grid_columns* wide.

    >>> lines_needed("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 6)
    3
    """
    usable = max(grid_columns * GRID_WIDTH - 1.5, 1.0)
    return sum(max(1, math.ceil(text_width(line) / usable)) for line in text.split("\n"))
