"""Fold narrative text for matching while remembering where every folded character came from.

format-spec §6.1: PDF extractors "insert spaces between digits and CJK (``2024 年``, ``3119 件``) … and hard line
wraps split words and number/unit pairs (``答\\n复 3050 件``, ``行政复议 351\\n件``): join lines and allow ``\\s*``
in narrative regexes". Folding does that once: NFKC per character (full-width digits, Kangxi radicals), no
spaces, running page numbers dropped, and hard-wrapped lines joined, so patterns can be written for clean
text and still report spans in the text they were given.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections.abc import Sequence
from typing import NamedTuple

from attrs import frozen

from gov_disclosure.parsing.normalize import HalfWidthForm, _nfkc, half_width_form

__all__ = ["Folded", "fold", "fold_char", "is_heading_like", "is_page_number", "is_table_line"]

_PAGE = re.compile(r"^\s*(?:[-—–－―~]+\s*\d{1,4}\s*[-—–－―~]+|第\s*\d{1,4}\s*页.*)\s*$")
_PAGE_FIRST = frozenset("-—–－―~第")
"""The first non-space character of every line :data:`_PAGE` matches."""
_HEADING = re.compile(r"^[#*\s]*(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十]+\)|\d{1,2}[、.]|#)")
_SENTENCE_END = "。!?;:"
_DROP = frozenset(" \t\u3000\u00a0\u200b\u200c\u200d\u2060\ufeff\u00ad")
_KEPT_RUN = re.compile(f"[^{''.join(sorted(_DROP))}]+")
"""The line boundaries of ``str.splitlines`` other than ``\\n``."""
_STABLE_RUN = re.compile("[!-~\u4e00-\u9fff]+")
"""Printable ASCII and CJK unified ideographs: NFKC leaves each of them unchanged, and none is dropped."""


@functools.lru_cache(maxsize=4096)
def fold_char(char: str) -> str:
    """NFKC of one character (``１`` → ``1``, ``（`` → ``(``, ``⼀`` → ``一``)."""
    return unicodedata.normalize("NFKC", char)


def is_page_number(line: str) -> bool:
    """True for a running page-number line (``- 4 -``, ``— 5 —``, ``第 4 页``).

    >>> is_page_number("- 4 -"), is_page_number("— 12 —"), is_page_number("共4件")
    (True, True, False)
    """
    return _PAGE.match(_nfkc(line)) is not None


def is_table_line(line: str) -> bool:
    """True for a line of a tab-separated or markdown table."""
    return "\t" in line.strip() or line.lstrip().startswith("|")


def is_heading_like(line: str) -> bool:
    """True for a short numbered line without a full stop: a heading, not a wrapped sentence.

    >>> is_heading_like("一、总体情况"), is_heading_like("（二）依申请公开情况。定期对政府信息公开申请集中的领")
    (True, False)
    """
    return _is_heading(_nfkc(line).strip())


def _is_heading(folded: str) -> bool:
    return len(folded) <= 40 and "。" not in folded and _HEADING.match(folded) is not None  # quickest test first


@frozen
class Folded:
    """Folded text and where each of its characters came from in the original text.

    The text is made of runs, each copied one character to one character from the original; a character that
    NFKC expands into several (``㈠`` → ``(一)``) makes runs of one character each.
    """

    text: str
    starts: tuple[int, ...]
    """Where each run begins in :attr:`text`, in increasing order; a run ends where the next begins."""
    origins: tuple[int, ...]
    """The original offset of the first character of each run."""
    length: int
    """The length of the original text."""

    @classmethod
    def from_offsets(cls, text: str, offsets: Sequence[int], length: int) -> Folded:
        """The folded *text* whose character ``text[i]`` came from the original offset ``offsets[i]``."""
        runs = [i for i, offset in enumerate(offsets) if i == 0 or offset != offsets[i - 1] + 1]
        return cls(text, tuple(runs), tuple(offsets[i] for i in runs), length)

    @property
    def offsets(self) -> tuple[int, ...]:
        """``offsets[i]`` is the original offset of ``text[i]``; one more entry holds the original length."""
        return tuple(map(self.offset, range(len(self.text) + 1)))

    def offset(self, index: int) -> int:
        """The original offset of ``text[index]`` (the original length for ``index == len(text)``)."""
        if index >= len(self.text):
            return self.length
        run = bisect.bisect_right(self.starts, index) - 1
        return self.origins[run] + index - self.starts[run]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original ``(start, end)`` of the folded slice ``text[start:end]``."""
        if end <= start:
            return self.offset(start), self.offset(start)
        return self.offset(start), self.offset(end - 1) + 1


def fold(text: str, *, join_lines: bool = True, skip_tables: bool = False, form: HalfWidthForm | None = None) -> Folded:
    """Fold *text*; with *join_lines*, join hard-wrapped lines of a paragraph into one line (*form*: the
    :func:`~gov_disclosure.parsing.normalize.half_width_form` of *text*, if known).

    A line break is kept after a line ending a sentence (``。!?;:``), after and before headings and around table
    lines; a wrap across blank lines (a page break inside a sentence, seeds 000 and 004) is joined too.
    Page-number lines are dropped, and so are table lines with *skip_tables*.

    >>> f = fold("答\\n复 3050 件。\\n- 2 -\\n")
    >>> f.text
    '答复3050件。\\n'
    >>> f.span(2, 6)
    (4, 8)
    >>> fold("信息公开类行政\\n\\n诉讼案件 0 宗。").text
    '信息公开类行政诉讼案件0宗。'
    """
    half, normalized, plain = half_width_form(text) if form is None else form
    if plain:
        return _fold_normalized(text, half, join_lines=join_lines, skip_tables=skip_tables)
    chars: list[str] = []
    offsets: list[int] = []
    lines = _lines(text, half, skip_tables=skip_tables, normalized=normalized)
    joined = False
    for line, following in zip(lines, _following(lines), strict=True):
        body = line.text.rstrip("\r\n")
        if line.blank:
            if joined:
                continue
            chars.append("\n")
            offsets.append(line.start)
            continue
        _fold_line(body, line.start, chars, offsets, normalized=normalized)
        joined = (
            join_lines and following is not None and _joins(line.folded, line.table, following.folded, following.table)
        )
        if not joined and len(body) != len(line.text):
            chars.append("\n")
            offsets.append(line.start + len(body))
    return Folded.from_offsets("".join(chars), offsets, len(text))


def _fold_normalized(text: str, half: str, *, join_lines: bool, skip_tables: bool) -> Folded:
    """:func:`fold` of a text whose half-width form *half* is NFKC-normalised and whose only line break is ``\\n``.

    Every character then folds to itself, so folding only removes characters and lines need not be folded one by
    one. One walk over the lines collects the pieces of *half* that folding keeps, each with its offset: the kept
    lines without the characters folding drops (most lines hold none: :func:`_kept_pieces`) and the line break
    after each, except after a joined line; a blank line becomes a line break at its first character, unless it
    lies between a line and the line joined to it. Page-number lines, and table lines with *skip_tables*, give no
    piece. Pieces that follow each other in *half* make one run of :class:`Folded`.
    """
    bars = "｜" in text  # a line starting with ｜ in text is no markdown row, though it starts with | in half
    lines = half.split("\n")
    if not lines[-1]:
        lines.pop()  # what follows a final line break (or an empty text) is no line
    pieces: list[str] = []
    origins: list[int] = []  # the offset of each piece
    gap = -1  # where the pieces after the last non-blank line begin: its line break and the blank lines after it
    open_end = False  # whether the next line may be joined to that line (see _joins)
    position = 0
    for line in lines:
        start, position = position, position + len(line) + 1
        stripped = line.strip()
        if not stripped:
            pieces.append("\n")
            origins.append(start)
            continue
        first = stripped[0]
        # is_table_line(); the whitespace before a | is as long as printed (an ideographic space became a space)
        table = (first == "|" and (not bars or text[start + len(line) - len(line.lstrip())] == "|")) or (
            "\t" in stripped
        )
        if (skip_tables and table) or (first in _PAGE_FIRST and _PAGE.match(line) is not None):
            continue
        # _joins() of the previous line and this one, asking _is_heading about each line once, if needed
        heading = not table and (open_end or stripped[-1] not in _SENTENCE_END) and _is_heading(stripped)
        if open_end and join_lines and not (table or heading):
            del pieces[gap:], origins[gap:]
        if " " not in line and line.isprintable():  # no character that folding drops (see _kept_pieces)
            pieces.append(line)
            origins.append(start)
        else:
            _kept_pieces(line, start, pieces, origins)
        gap = len(pieces)
        pieces.append("\n")
        origins.append(start + len(line))
        open_end = not (table or heading or stripped[-1] in _SENTENCE_END)
    if origins and origins[-1] == len(half):
        del pieces[-1], origins[-1]  # the last line has no line break
    return _runs(pieces, origins, len(text))


def _kept_pieces(line: str, start: int, pieces: list[str], origins: list[int]) -> None:
    """Append the runs of the NFKC-normalised *line* (at offset *start*) between the characters folding drops.

    Of those, only the space is printable (``str.isprintable``), so a printable line is split at its spaces.
    """
    if line.isprintable():
        for part in line.split(" "):
            if part:
                pieces.append(part)
                origins.append(start)
            start += len(part) + 1
        return
    for run in _KEPT_RUN.finditer(line):
        pieces.append(run.group())
        origins.append(start + run.start())


def _runs(pieces: list[str], origins: list[int], length: int) -> Folded:
    """The :class:`Folded` text made of *pieces*, each copied from the original offset in *origins*.

    Consecutive pieces that follow each other in the original make one run. Like the runs between the dropped
    characters of a text as long as the original, the first run begins at offset 0 and the last one ends at the
    original's end, even if that makes a run empty.
    """
    starts, runs = [0], [0]
    size = expected = 0  # the length of the folded text so far; the original offset of its next character
    for piece, origin in zip(pieces, origins, strict=True):
        if origin != expected:
            starts.append(size)
            runs.append(origin)
        size += len(piece)
        expected = origin + len(piece)
    if expected != length:
        starts.append(size)
        runs.append(length)
    return Folded("".join(pieces), tuple(starts), tuple(runs), length)


class _Line(NamedTuple):
    """A line kept for folding, with what joining looks at computed once."""

    start: int
    text: str
    """The line with its line break, full-width forms replaced (:func:`~.normalize.half_width`)."""
    blank: bool
    folded: str
    """NFKC, stripped."""
    table: bool


def _lines(text: str, half: str, *, skip_tables: bool, normalized: bool) -> list[_Line]:
    """The lines of *text* without page numbers (and without table lines with *skip_tables*).

    *half* is :func:`~.normalize.half_width` of *text*: it has the same line breaks (full-width forms and their
    replacements are no line boundaries), NFKC gives the same for each line, and *normalized* says whether it is
    normalised.
    Whether a line is a table line is decided on *text* (a full-width ``｜`` does not start a markdown row).
    """
    out: list[_Line] = []
    position = 0
    for line, half_line in zip(text.splitlines(keepends=True), half.splitlines(keepends=True), strict=True):
        table = is_table_line(line)
        if not (skip_tables and table):
            folded = half_line if normalized else unicodedata.normalize("NFKC", half_line)
            if _PAGE.match(folded) is None:
                out.append(_Line(position, half_line, not half_line.strip(), folded.strip(), table))
        position += len(line)
    return out


def _following(lines: list[_Line]) -> list[_Line | None]:
    """For each line, the next line that is not blank (None for none)."""
    out: list[_Line | None] = []
    following: _Line | None = None
    for line in reversed(lines):
        out.append(following)
        if not line.blank:
            following = line
    out.reverse()
    return out


def _fold_line(body: str, start: int, chars: list[str], offsets: list[int], *, normalized: bool) -> None:
    """Append the folded pieces of the line *body* (at offset *start*) and the offset of each folded character."""
    if normalized or unicodedata.is_normalized("NFKC", body):
        _fold_runs(body, start, chars, offsets)
    else:
        _fold_chars(body, start, chars, offsets)


def _fold_runs(body: str, start: int, chars: list[str], offsets: list[int]) -> None:
    """:func:`_fold_chars` for an NFKC-normalised *body*, where every character folds to itself: runs of kept
    characters are copied whole."""
    for run in _KEPT_RUN.finditer(body):
        chars.append(run.group())
        offsets.extend(range(start + run.start(), start + run.end()))


def _fold_chars(body: str, start: int, chars: list[str], offsets: list[int]) -> None:
    """Fold *body* character by character: NFKC of each, dropped characters left out.

    Runs of printable ASCII and CJK unified ideographs fold to themselves and are copied whole; only the
    characters between them are normalised one by one.
    """
    position = 0
    for run in _STABLE_RUN.finditer(body):
        _fold_each(body, position, run.start(), start, chars, offsets)
        chars.append(run.group())
        offsets.extend(range(start + run.start(), start + run.end()))
        position = run.end()
    _fold_each(body, position, len(body), start, chars, offsets)


def _fold_each(body: str, begin: int, end: int, start: int, chars: list[str], offsets: list[int]) -> None:
    for i in range(begin, end):
        char = body[i]
        if char in _DROP:
            continue
        for piece in fold_char(char):
            if piece not in _DROP:
                chars.append(piece)
                offsets.append(start + i)


def _joins(current: str, table: bool, following: str, following_table: bool) -> bool:
    """True when the break between the stripped folded lines *current* and *following* is a hard wrap inside a
    paragraph."""
    if not current or not following or current[-1] in _SENTENCE_END:
        return False
    if table or following_table:
        return False
    return not (_is_heading(current) or _is_heading(following))
