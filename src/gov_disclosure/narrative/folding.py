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
from itertools import accumulate

import attr  # attrs classes in the form mypyc compiles (docs: performance)
from mypy_extensions import mypyc_attr

from gov_disclosure.parsing.normalize import HalfWidthForm, _nfkc, half_width_form

__all__ = ["Folded", "fold", "fold_char", "is_heading_like", "is_page_number", "is_table_line"]

_PAGE = re.compile(r"^\s*(?:[-—–－―~]+\s*\d{1,4}\s*[-—–－―~]+|第\s*\d{1,4}\s*页.*)\s*$")
_HEADING = re.compile(r"^[#*\s]*(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十]+\)|\d{1,2}[、.]|#)")
_SENTENCE_END = "。!?;:"
_DROP = frozenset(" \t\u3000\u00a0\u200b\u200c\u200d\u2060\ufeff\u00ad")
_KEPT = f"[^{''.join(sorted(_DROP))}]"
_KEPT_RUN = re.compile(f"(?P<run>{_KEPT}+)")
"""What folding keeps of an NFKC-normalised line, where each character folds to itself: runs between dropped
characters."""
_KEPT_PIECE = re.compile(f"(?P<run>[!-~\u4e00-\u9fff]+)|(?P<char>{_KEPT})")
"""What folding keeps of any line: runs of printable ASCII and CJK unified ideographs (NFKC leaves each of them
unchanged, and none is dropped), and every other character that is not dropped, one by one (to be folded)."""


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


@mypyc_attr(native_class=False)
@attr.s(auto_attribs=True, slots=True, frozen=True)
class Folded:
    """Folded text and where each of its characters came from in the original text.

    The text is made of runs, each copied one character to one character from the original; a character that
    NFKC expands into several (``㈠`` → ``(一)``) makes runs of one character each. Two consecutive runs may follow
    each other in the original too (a line and its line break).
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


def fold(
    text: str, *, join_lines: bool = True, skip_tables: bool = False, form: HalfWidthForm | None = None
) -> Folded:
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

    The lines are walked once, each folded from :func:`~gov_disclosure.parsing.normalize.half_width` of *text*
    (same offsets, same line breaks, same NFKC). A blank line becomes a line break at its first character; the
    line break after a line and the blank lines after it are taken back when the next line is joined to it.
    """
    half, normalized, _ = half_width_form(text) if form is None else form
    kept = _KEPT_RUN if normalized else _KEPT_PIECE  # in an NFKC-normalised text every character folds to itself
    pieces: list[str] = []
    origins: list[int] = []  # the offset in text of each piece
    gap = -1  # where the pieces after the last non-blank line begin: its line break and the blank lines after it
    open_end = False  # whether the next line may be joined to that line: not a table line, heading or sentence end
    position = 0
    for line in half.splitlines(keepends=True):
        start, position = position, position + len(line)
        stripped = line.strip()
        if not stripped:  # a blank line (never a table line: a tab in it is stripped too)
            pieces.append("\n")
            origins.append(start)
            continue
        # is_table_line() of the line as printed: a full-width ``｜`` (``|`` in half) starts no markdown row
        table = "\t" in stripped or (stripped[0] == "|" and text[start + len(line) - len(line.lstrip())] == "|")
        if skip_tables and table:
            continue
        current = stripped if normalized else unicodedata.normalize("NFKC", line).strip()
        if _PAGE.match(current) is not None:
            continue
        # a heading is joined to no line and has none joined to it: asked only when that may happen
        heading = not table and (open_end or current[-1:] not in _SENTENCE_END) and _is_heading(current)
        if join_lines and open_end and current and not (table or heading):
            del pieces[gap:], origins[gap:]
        body = line.rstrip("\r\n")
        _fold_line(body, start, kept, pieces, origins)
        gap = len(pieces)
        if len(body) != len(line):
            pieces.append("\n")
            origins.append(start + len(body))
        open_end = bool(current) and not (table or heading or current[-1] in _SENTENCE_END)
    return _runs(pieces, origins, len(text))


def _fold_line(body: str, start: int, kept: re.Pattern[str], pieces: list[str], origins: list[int]) -> None:
    """Append the folded pieces of the line *body* (at offset *start* of the text) with their offsets.

    *kept* finds the pieces of *body* between the characters folding drops: runs of characters that fold to
    themselves (group ``run``), copied whole, and single characters (group ``char``), folded alone (NFKC, the
    characters folding drops left out): each character it folds to is a piece of its own, at the character's offset.
    A printable line of an NFKC-normalised text (most lines; space-separated table rows have a run per value) is
    split at its spaces instead, in one call: of the characters folding drops, only the space is printable.
    """
    if kept is _KEPT_RUN and body.isprintable():  # of the characters folding drops, only the space is printable
        for run in body.split(" "):
            if run:
                pieces.append(run)
                origins.append(start)
            start += len(run) + 1
        return
    for match in kept.finditer(body):
        if match.lastgroup == "run":
            pieces.append(match.group())
            origins.append(start + match.start())
            continue
        for char in fold_char(match.group()):
            if char not in _DROP:
                pieces.append(char)
                origins.append(start + match.start())


def _runs(pieces: list[str], origins: list[int], length: int) -> Folded:
    """The :class:`Folded` text made of *pieces*, each copied from the original offset in *origins*: each piece is
    a run (consecutive pieces that follow each other in the original need not be joined into one: a run's offsets
    are counted from its start either way, and most foldings are asked where a handful of their characters came
    from)."""
    return Folded("".join(pieces), tuple(accumulate(map(len, pieces), initial=0))[:-1], tuple(origins), length)
