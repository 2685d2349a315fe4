"""Stage 1 for text forms: lines → cells → tokens, lenient and never raising.

Text arrives tab-separated (seed 000), space-separated (PDF text), as markdown pipe tables, one cell per
line (crawler text, format-spec §6.3) or with cells glued together (``规范性文件898989``). Each line becomes a
:class:`~gov_disclosure.parsing.raw.RawRow` whose cells carry their character span in the normalised text;
nothing is interpreted beyond telling labels from values.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from gov_disclosure.model.source import SourceLocation
from gov_disclosure.parsing.cells import NA_MARKS, is_number_token
from gov_disclosure.parsing.raw import RawCell, RawRow

__all__ = ["is_value", "split_line", "text_rows"]

_MD_SEPARATOR = re.compile(r"^\|?[\s:|-]*-{3,}[\s:|-]*$")
_GLUED_TAIL = re.compile(r"^(?P<label>.*?[^\d\s.,+\-/])(?P<digits>\d+)$")
_GLUED_HEAD = re.compile(r"^(?P<digits>\d+?)(?P<label>\d[.、]\D.*)$")
_ENUM_START = re.compile(r"^[1-9][.、]\D")


def is_value(text: str) -> bool:
    """True for a cell text that is a value: a number (with unit/annotation) or a not-applicable mark.

    >>> [is_value(t) for t in ("0", "-8", "/", "251000元", "2.重复申请", "规章")]
    [True, True, True, True, False, False]
    """
    return text in NA_MARKS or is_number_token(text)


def _pieces(cell: str) -> Iterator[str]:
    """Split a cell glued to its neighbours: label+digits and digits+enumerated label."""
    if not cell or is_value(cell) or _ENUM_START.match(cell):
        yield cell
        return
    head = _GLUED_HEAD.match(cell)
    if head is not None:
        yield head["digits"]
        yield head["label"]
        return
    tail = _GLUED_TAIL.match(cell)
    if tail is not None and not tail["label"].endswith(("第", "(")):
        yield tail["label"]
        yield tail["digits"]
        return
    yield cell


def split_line(line: str) -> tuple[list[str], bool]:
    """The cells of one line and whether the line has explicit cell boundaries (tabs or pipes).

    Space-separated text merges adjacent label words into one label cell; empty cells are kept only where
    boundaries are explicit.

    >>> split_line("规章\\t0\\t\\t0")
    (['规章', '0', '', '0'], True)
    >>> split_line("| 行政许可 | 0 | | |")
    (['行政许可', '0', '', ''], True)
    >>> split_line("(三) 不 予 公 开 1.属于国家秘密 0 0 0 0 0 0 0")[0]
    ['(三) 不 予 公 开 1.属于国家秘密', '0', '0', '0', '0', '0', '0', '0']
    >>> split_line("规范性文件898989")[0]
    ['规范性文件', '898989']
    >>> split_line("0 0 02.重复申请 1 0")[0]
    ['0', '0', '0', '2.重复申请', '1', '0']
    """
    stripped = line.strip()
    if "\t" in line:
        cells = [c.strip() for c in line.split("\t")]
        structured = True
    elif stripped.startswith("|") and stripped.count("|") >= 2:
        inner = stripped[1:-1] if stripped.endswith("|") else stripped[1:]
        cells = [c.strip() for c in inner.split("|")]
        structured = True
    else:
        cells = stripped.split(" ") if stripped else []
        structured = False
    out: list[str] = []
    for cell in cells:
        for piece in _pieces(cell):
            if not structured and out and piece and not is_value(piece) and out[-1] and not is_value(out[-1]):
                out[-1] = f"{out[-1]} {piece}"
            else:
                out.append(piece)
    return out, structured


def text_rows(text: str, *, path: str | None = None) -> Iterator[tuple[RawRow, bool]]:
    """Every non-empty line of normalised *text* as a raw row (cells with spans) and its ``structured`` flag.

    Markdown separator lines (``|---|---|``) are skipped.

    >>> row, structured = next(text_rows("\\n规章\\t0\\t1"))
    >>> [c.text for c in row.cells], row.source.line, structured
    (['规章', '0', '1'], 2, True)
    """
    offset = 0
    for number, line in enumerate(text.split("\n"), start=1):
        start = offset
        offset += len(line) + 1
        if not line.strip() or _MD_SEPARATOR.match(line.strip()):
            continue
        cells, structured = split_line(line)
        where = SourceLocation(path=path, line=number, start=start, end=start + len(line))
        yield (
            RawRow(cells=tuple(RawCell(text=c, source=where) for c in cells), source=where),
            structured,
        )
