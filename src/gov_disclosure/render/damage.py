"""Damage that text extraction does to real reports, injected deterministically into rendered report text.

Every kind of damage is modelled on a quirk seen in real reports (format-spec §6 and the seed reports):
page numbers inside tables and headers repeated on the new page (seeds 002, 003; 淮安 2024), long labels
wrapped with the numbers on another line, vertical labels one character per line (``三、\\n本\\n年…``), group
labels split across a page break (``（四）无`` … ``法提供``), letter-spaced labels and padded cells
(``不 予 公 开``, seed 000), spaces between digits and CJK and hard line wraps in the narrative (pypdf,
pdfplumber), cells glued with no separator (``规范性文件898989``), ``1、`` for ``1.``, full- or half-width
punctuation, and the separators of the text forms: tabs, spaces, markdown pipes, one cell per line.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from typing import Literal

import attrs
from attrs import field, frozen

from gov_disclosure.model.layout import TABLE3_RESULTS
from gov_disclosure.render.forms import column_major, detached_labels, split_headers
from gov_disclosure.render.lines import Kind, Line

__all__ = ["SEPARATORS", "Damage", "Separator", "apply_damage", "damage_text"]

Separator = Literal["tab", "space", "markdown", "cell-per-line"]
"""How the cells of a table line are joined: tabs (seed 000), spaces (PDF text), markdown pipes
(conversion pipelines, format-spec §6.3) or one cell per line with blank lines between (crawler text)."""

SEPARATORS: tuple[Separator, ...] = ("tab", "space", "markdown", "cell-per-line")

_GROUP = re.compile(r"^（[三四五六]）")
_ENUMERATOR = re.compile(r"^(\d)\.")
_DIGIT_CJK = re.compile(r"(?<=\d)(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff])(?=\d)")


def _non_negative(_instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if value < 0:
        raise ValueError(f"{attribute.name} must be >= 0, got {value}")


def _line_width(_instance: object, _attribute: object, value: int | None) -> None:
    if value is not None and value < 8:
        raise ValueError(f"line_width must be None or >= 8, got {value}")


def _separator(_instance: object, _attribute: object, value: str) -> None:
    if value not in SEPARATORS:
        raise ValueError(f"separator must be one of {', '.join(SEPARATORS)}, got {value!r}")


@frozen(kw_only=True)
class Damage:
    """What to damage in rendered report text; the same options and seed always give the same text.

    >>> Damage().is_none
    True
    >>> Damage(page_breaks=2, glued_digits=1, seed=7).is_none
    False
    >>> Damage(full_width=True, half_width=True)
    Traceback (most recent call last):
    ...
    ValueError: full_width and half_width exclude each other
    """

    seed: int = 0
    """Seed of the random choices (where the page breaks fall, which rows are glued, …)."""
    separator: Separator = field(default="tab", validator=_separator)
    """How the cells of a table line are joined."""
    page_breaks: int = field(default=0, validator=_non_negative)
    """Number of page breaks (a running page number line ``- 4 -``) inserted between lines of tables."""
    repeat_headers: bool = False
    """Repeat the header of 表三/表四 after a page break inside it (seeds 002, 003)."""
    split_group_labels: bool = False
    """Split one 表三 group label across a page break: ``（四）无`` on the page before, ``法提供`` after."""
    wrapped_labels: bool = False
    """Wrap long row labels over several lines, numbers on the last line, on a line of their own, or in between."""
    vertical_labels: bool = False
    """Print ``三、本年度办理结果`` one character per line and wrap the group labels (``（三）不`` / ``予公开``)."""
    spacing: bool = False
    """Letter-spaced labels, padded cells, and spaces between digits and CJK in the narrative (``3119 件``)."""
    glued_digits: int = field(default=0, validator=_non_negative)
    """Number of table lines whose label and numbers are glued with no separator (``规范性文件898989``)."""
    enumerator_commas: bool = False
    """``1、`` instead of ``1.`` in 表三 sub-item labels."""
    full_width: bool = False
    """Full-width digits and punctuation (``０``, ``．``)."""
    half_width: bool = False
    """Half-width brackets and punctuation (``(一)``, ``:``), as after a crawler's normalisation."""
    markdown_headings: bool = False
    """``#`` before the title and ``##`` before the section headings (seed 003)."""
    line_width: int | None = field(default=None, validator=_line_width)
    """Hard-wrap narrative paragraphs every *line_width* characters, splitting numbers from units."""
    split_headers: bool = False
    """Header cells of 表三 and 表四 broken into pieces of one to three characters, a piece per line (pypdf)."""
    column_major: bool = False
    """表三 printed column by column: its row labels one per line, then each column's numbers (pdfminer)."""
    detached_labels: bool = False
    """Row labels of 表二/表三 on lines of their own, their numbers in a pipe table elsewhere (markdown conversion)."""
    one_line_body: bool = False
    """A crawler's ``page.txt``: header lines, then chrome and the whole body on one line, every cell glued."""
    nbsp_spaces: bool = False
    """With *one_line_body*: a single space (left by an ``&nbsp;`` cell) at some cell boundaries."""

    def __attrs_post_init__(self) -> None:
        if self.full_width and self.half_width:
            raise ValueError("full_width and half_width exclude each other")
        if self.nbsp_spaces and not self.one_line_body:
            raise ValueError("nbsp_spaces needs one_line_body")
        if self.column_major and self.detached_labels:
            raise ValueError("column_major and detached_labels exclude each other")

    @property
    def is_none(self) -> bool:
        """True when nothing is damaged (tab-separated official layout)."""
        return self == Damage(seed=self.seed)


def apply_damage(lines: Sequence[Line], damage: Damage) -> tuple[Line, ...]:
    """The lines with *damage* applied (everything but the separator and the character-width changes)."""
    rng = random.Random(damage.seed)
    out = list(lines)
    if damage.column_major:
        out = column_major(out, rng)
    if damage.detached_labels:
        out = detached_labels(out, rng)
    if damage.split_headers:
        out = split_headers(out, rng)
    if damage.enumerator_commas:
        out = [_map_labels(line, lambda text: _ENUMERATOR.sub(r"\1、", text)) for line in out]
    forced: set[int] = set()
    split_row: str | None = None
    if damage.split_group_labels:
        out, split_row = _split_group(out, rng)
    if damage.vertical_labels:
        out = _vertical(out, skip=split_row)
    if split_row is not None:
        forced = {i + 1 for i, line in enumerate(out) if line.kind is Kind.DATA and line.row == split_row}
    out = _page_breaks(out, damage, forced, rng)
    if damage.spacing:
        out = [_space(line, rng) for line in out]
    if damage.wrapped_labels:
        out = _wrap(out, rng)
    if damage.glued_digits:
        out = _glue(out, damage.glued_digits, rng)
    if damage.line_width is not None:
        out = _hard_wrap(out, damage.line_width)
    return tuple(out)


def damage_text(text: str, damage: Damage) -> str:
    """Character-level damage of the whole text: full- or half-width forms."""
    if damage.half_width:
        text = text.translate(_HALF)
    if damage.full_width:
        text = text.translate(_FULL)
    return text


_HALF = str.maketrans({"（": "(", "）": ")", "：": ":", "，": ",", "；": ";"})
_FULL = str.maketrans({c: chr(ord(c) + 0xFEE0) for c in "0123456789.,:;()%/"})


def _map_labels(line: Line, change: Callable[[str], str]) -> Line:
    if line.kind is not Kind.DATA or line.table != "table3":
        return line
    cells = tuple(change(c) if i < line.labels else c for i, c in enumerate(line.cells))
    return attrs.evolve(line, cells=cells)


def _set_cell(line: Line, index: int, text: str) -> Line:
    cells = list(line.cells)
    cells[index] = text
    return attrs.evolve(line, cells=tuple(cells))


def _groups(lines: list[Line]) -> list[list[int]]:
    """Indices of the 表三 data lines of each group （三）…（六） that has sub-rows."""
    groups: list[list[int]] = []
    for i, line in enumerate(lines):
        if line.kind is not Kind.DATA or line.table != "table3" or line.labels != 3:
            continue
        if line.cells[1]:
            groups.append([i])
        elif groups:
            groups[-1].append(i)
    return groups


def _split_group(lines: list[Line], rng: random.Random) -> tuple[list[Line], str | None]:
    candidates = [g for g in _groups(lines) if len(g) >= 2]
    if not candidates:
        return lines, None
    group = rng.choice(candidates)
    label = lines[group[0]].cells[1]
    cut = len("（四）") + 1
    lines = list(lines)
    lines[group[0]] = _set_cell(lines[group[0]], 1, label[:cut])
    lines[group[1]] = _set_cell(lines[group[1]], 1, label[cut:])
    return lines, lines[group[0]].row


def _vertical(lines: list[Line], *, skip: str | None) -> list[Line]:
    inserts: dict[int, list[Line]] = {}
    lines = list(lines)
    for group in _groups(lines):
        first = lines[group[0]]
        if first.row == skip or not _GROUP.match(first.cells[1]):
            continue
        label = first.cells[1]
        middle = group[len(group) // 2]
        lines[group[0]] = _set_cell(lines[group[0]], 1, "")
        lines[middle] = _set_cell(lines[middle], 1, label[:4])
        inserts.setdefault(middle + 1, []).append(_fragment(label[4:]))
    results = [i for i, line in enumerate(lines) if line.kind is Kind.DATA and line.labels >= 2]
    starts = [i for i in results if lines[i].cells[0] == TABLE3_RESULTS]
    if starts:
        lines[starts[0]] = _set_cell(lines[starts[0]], 0, "")
        span = [i for i in results if i >= starts[0]]
        pieces = [TABLE3_RESULTS[:2], *TABLE3_RESULTS[2:]]
        for j, piece in enumerate(pieces):
            at = span[j * len(span) // len(pieces)]
            inserts.setdefault(at, []).append(_fragment(piece))
    out: list[Line] = []
    for i, line in enumerate(lines):
        out.extend(inserts.get(i, ()))
        out.append(line)
    out.extend(inserts.get(len(lines), ()))
    return out


def _fragment(text: str, table: str = "table3") -> Line:
    return Line(cells=(text,), kind=Kind.FRAGMENT, table=table)


_TABLE_KINDS = (Kind.CAPTION, Kind.SUBHEADER, Kind.HEADER, Kind.DATA, Kind.FRAGMENT)


def _page_breaks(lines: list[Line], damage: Damage, forced: set[int], rng: random.Random) -> list[Line]:
    slots = [
        i
        for i in range(1, len(lines))
        if lines[i].kind in _TABLE_KINDS
        and lines[i - 1].kind in _TABLE_KINDS
        and lines[i].table == lines[i - 1].table
        and i not in forced
    ]
    count = min(damage.page_breaks, len(slots))
    chosen = set(rng.sample(slots, count)) | forced
    if not chosen:
        return lines
    page = rng.randint(2, 5)
    pattern = rng.choice(("- {} -", "— {} —"))
    out: list[Line] = []
    for i, line in enumerate(lines):
        if i in chosen:
            out.append(Line.text(pattern.format(page), Kind.PAGE))
            page += 1
            if damage.repeat_headers and line.table in ("table3", "table4"):
                out.extend(h for h in lines if h.kind is Kind.HEADER and h.table == line.table)
        out.append(line)
    return out


def _letter_space(text: str) -> str:
    match = _GROUP.match(text)
    head = match.group(0) if match else ""
    return head + (" " if head else "") + " ".join(text[len(head) :])


def _space(line: Line, rng: random.Random) -> Line:
    if line.kind is Kind.TEXT or line.kind is Kind.TITLE:
        return attrs.evolve(line, cells=(_DIGIT_CJK.sub(" ", line.cells[0]),))
    if line.kind not in _TABLE_KINDS:
        return line
    cells: list[str] = []
    for i, cell in enumerate(line.cells):
        if not cell:
            cells.append(cell)
        elif line.kind is Kind.DATA and i >= line.labels:
            cells.append(rng.choice((cell, cell, f" {cell}", f"{cell} ")))
        elif cell == TABLE3_RESULTS or (_GROUP.match(cell) and len(cell) <= 8):
            cells.append(_letter_space(cell))
        elif len(cell) > 4 and rng.random() < 0.3:
            at = rng.randint(2, len(cell) - 1)
            cells.append(f"{cell[:at]} {cell[at:]}")
        else:
            cells.append(cell)
    return attrs.evolve(line, cells=tuple(cells))


def _chunks(text: str, width: int) -> list[str]:
    return [text[i : i + width] for i in range(0, len(text), width)]


def _wrap(lines: list[Line], rng: random.Random) -> list[Line]:
    width = rng.randint(8, 14)
    style = rng.choice(("last", "separate", "middle"))
    out: list[Line] = []
    for line in lines:
        label = line.cells[line.labels - 1] if line.kind is Kind.DATA and line.labels else ""
        if len(label) <= width + 2:
            out.append(line)
            continue
        prefix = line.cells[: line.labels - 1]
        values = line.cells[line.labels :]
        chunks = _chunks(label, width)
        first = Line(cells=(*prefix, chunks[0]), kind=Kind.FRAGMENT, table=line.table)
        rest = [_fragment(chunk, line.table or "") for chunk in chunks[1:]]
        numbers = attrs.evolve(line, cells=values, labels=0)
        if style == "last":
            out.extend([first, *rest[:-1], attrs.evolve(line, cells=(chunks[-1], *values), labels=1)])
        elif style == "separate":
            out.extend([first, *rest, numbers])
        else:
            out.extend([first, numbers, *rest])
    return out


def _glue(lines: list[Line], count: int, rng: random.Random) -> list[Line]:
    eligible = [
        i
        for i, line in enumerate(lines)
        if line.kind is Kind.DATA and sum(1 for c in line.cells[line.labels :] if c.strip()) >= 2
    ]
    out = list(lines)
    for i in rng.sample(eligible, min(count, len(eligible))):
        line = out[i]
        start = max(line.labels - 1, 0)
        glued = "".join(c.strip() for c in line.cells[start:])
        out[i] = attrs.evolve(line, cells=(*line.cells[:start], glued), labels=min(line.labels, start + 1))
    return out


def _hard_wrap(lines: list[Line], width: int) -> list[Line]:
    out: list[Line] = []
    for line in lines:
        if line.kind is Kind.TEXT and len(line.cells[0]) > width:
            out.extend(Line.text(chunk) for chunk in _chunks(line.cells[0], width))
        else:
            out.append(line)
    return out
