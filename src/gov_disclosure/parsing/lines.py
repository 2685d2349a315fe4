"""Stage 1 for text forms: lines → cells → tokens, lenient and never raising.

Text arrives tab-separated (seed 000), space-separated (PDF text), as markdown pipe tables, one cell per
line (crawler text, format-spec §6.3) or with cells glued together (``规范性文件898989``). Each line becomes a
:class:`~gov_disclosure.parsing.document.RawRow` whose cells carry their character span in the normalised text;
nothing is interpreted beyond telling labels from values.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from itertools import accumulate, pairwise
from typing import cast

import attr  # attrs classes in the form mypyc compiles (docs: performance)

from gov_disclosure.model.source import SourceLocation
from gov_disclosure.parsing.cells import NA_MARKS, UNITS, is_number_token
from gov_disclosure.parsing.grids import RawCell, RawRow

__all__ = [
    "NUMBER_WORDS",
    "VALUE_RUN",
    "TextLine",
    "in_step",
    "is_value",
    "joined",
    "may_go_on",
    "split_line",
    "text_rows",
]

NUMBER_WORDS = "件项条个次份元万年月日人家"
"""Characters that go on the number before them (units, counts, dates: ``12件``, ``1345万元``, ``3月``): digits
glued in front of one are never a value glued to the next label."""
_NOT_NUMBER_WORD = f"(?![{NUMBER_WORDS}])"

_MD_SEPARATOR = re.compile(r"^\|?[\s:|-]*-{3,}[\s:|-]*$")
_RUN = rf"[+-]?\d(?:[\d.+-]*\d)?(?:{'|'.join(UNITS)})?"
VALUE_RUN = re.compile(_RUN)
"""Printed values glued with no separator (``0302027``, ``39-5181``, ``3125.5元``): digits, signs, decimal points
and a trailing unit. :mod:`~gov_disclosure.parsing.resolve` decides where such a run splits, or declines to."""
_GLUED_TAIL = re.compile(rf"^(?P<label>.*?[^\d\s.,+\-/])(?P<digits>{_RUN})$")
_GLUED_HEAD = re.compile(r"^(?P<digits>\d+?)(?P<label>\d[.、]\D.*)$")
_GLUED_BEFORE_FRAGMENT = re.compile(r"^(?P<digits>\d+)(?P<label>[\u4e00-\u9fff]{1,2}[1-9][.、]\D.*)$")
"""Values glued in front of a fragment of a vertical group label and the next row's enumerated label, lines joined
(``…0 3`` / ``1年3.危及…``: the 1 ends 31, 年 is a piece of 三、本年度办理结果): no label starts with digits."""
_ENUM_START = re.compile(r"^[1-9][.、]\D")
_BETWEEN_WORDS = re.compile(
    r"(?<=[\u4e00-\u9fff”)])(?P<digits>[+-]?\d+(?:\.\d+)?)"
    rf"(?=[()]{{0,2}}[一二三四五六七八九十]{{0,2}}[()]{{0,2}}(?![{NUMBER_WORDS}号])[\u4e00-\u9fff]{{2}}"
    r"|(?<=0)、[\u4e00-\u9fff]{2})"
)
"""Values between two labels in one cell, the next label damaged (``行政处罚1282政强制42``;
``…已获取信息0000000()其他处理``, ``…数量640020470、上年结转``: an enumerator that lost a character; no enumerator is
0): the values end the first row, whatever the second label turns out to name."""
_GLUED_BEFORE_WORD = re.compile(
    r"^(?P<digits>[+-]?\d+(?:\.\d+)?)"
    rf"(?P<label>{_NOT_NUMBER_WORD}[\u4e00-\u9fff]{{2}}.*|[一二三四五六七八九十]{{1,2}}[、.].*)$"
)
"""Values glued in front of the next row's label, two lines joined (``3985758行政强制``): the values, then the label
(not a unit or count word: ``12件次`` is one cell)."""
_GLUED_INSIDE = re.compile(
    r"(?<=[^\d\s.,+\-/])(?P<digits>[+-]?\d(?:[\d.+-]*?\d)?)(?=(?:[1-9][.、]|\([一二三四五六七八九十]{1,2}\)|[一二三四五六七八九十][.、])[^\d\s.,、])"
)
"""Values glued between a label and the next row's enumerated label: ``…申请1800360273.其他…``."""
_DIGIT = re.compile(r"\d")
_NUMBERED_NAME = re.compile(r"(?:数据|列|栏|项目)\d{1,2}")
"""A column named by a number (``数据1`` … ``数据7``: markdown conversions that lost the header): a label, whole."""
_NUMBER_BEFORE_WORDS = re.compile(rf"^(?P<number>[+-]?\d+(?:\.\d+)?)\s+(?P<words>{_NOT_NUMBER_WORD}[^\d\s.,、].*)$")
"""A cell of a tab or pipe line holding a number, a blank and words: the number is a value of its own."""
_WORDS_BEFORE_NUMBER = re.compile(r"^(?P<words>.*[^\d\s.,+\-/])\s+(?P<number>[+-]?\d+(?:\.\d+)?)$")
"""A cell of a tab or pipe line holding words, a blank and a number: the number is a value of its own."""
_SPACED_DIGITS = re.compile(r"(?<=\d)\s+(?=\d)")
"""Blanks between digits inside one cell of a tab or pipe line: a line wrapped inside a number and joined back
with a space (``| 6`` / ``00 |`` → ``6 00``; ``…申请0408522 25180006490``), or a separator lost in extraction."""


def in_step(numbers: Sequence[int]) -> bool:
    """Whether the lines numbered *numbers* (a block's header or a row's label, then its numbers one per line) keep
    one step. pdfminer prints each box of a ruled table followed by a blank line, so the step is two lines; a line
    lost leaves a longer step, a number cut in two by a line break a shorter one, though the count of numbers may
    come out right (one lost, one cut in two). Text without blank lines keeps a step of one, and a line lost or a
    number cut there leaves no trace: its count is the only witness.

    >>> in_step([138, 140, 142, 144]), in_step([138, 140, 143, 145, 146]), in_step([1, 2, 3])
    (True, False, True)
    """
    return len({after - before for before, after in pairwise(numbers)}) <= 1


def is_value(text: str) -> bool:
    """True for a cell text that is a value: a number (with unit/annotation) or a not-applicable mark.

    Values glued together (``0302027``, ``39-5181``) are values too: which numbers they hold is decided later.

    >>> [is_value(t) for t in ("0", "-8", "/", "251000元", "2.重复申请", "规章", "39-5181", "1.")]
    [True, True, True, True, False, False, True, False]
    """
    return text in NA_MARKS or is_number_token(text) or VALUE_RUN.fullmatch(text) is not None


def joined(parts: Sequence[tuple[str, frozenset[int] | None]]) -> tuple[str, frozenset[int]]:
    """One token of the values *parts* printed apart and joined (a line break may have cut a number), and the offsets
    in it where :func:`~gov_disclosure.parsing.resolve.solve` cuts it freely (its *breaks*): between two parts, and
    inside a part where that part's own offsets say (None: anywhere, a run split off a label; empty: nowhere, a
    number printed whole).

    >>> joined([("121", None), ("244", frozenset()), ("153", frozenset())])  # ``尚未审结121`` / ``244`` / ``153``
    ('121244153', frozenset({1, 2, 3, 6}))
    """
    text, free = "", set()
    for part, own in parts:
        if text:
            free.add(len(text))
        free.update(len(text) + at for at in (range(1, len(part)) if own is None else own))
        text += part
    return text, frozenset(free)


@lru_cache(maxsize=4096)
def _cell_pieces(cell: str) -> tuple[tuple[str, bool, bool], ...]:
    """:func:`_pieces` of *cell*, remembered: the same labels and small numbers recur in every report."""
    return tuple(_pieces(cell))


@lru_cache(maxsize=4096)
def _whole_cell_mark(cell: str) -> bool | None:
    """Whether the cell of a structured line is a value when it is read whole (not cut into pieces, no blanks
    between its digits); None when it is not read whole."""
    if " " in cell and (
        _SPACED_DIGITS.search(cell) or _NUMBER_BEFORE_WORDS.match(cell) or _WORDS_BEFORE_NUMBER.match(cell)
    ):
        return None
    pieces = _cell_pieces(cell)
    if len(pieces) != 1 or pieces[0][0] != cell or pieces[0][1]:
        return None
    return pieces[0][2]


def _pieces(cell: str) -> Iterator[tuple[str, bool, bool]]:
    """Split a cell glued to its neighbours: digits+enumerated label, label+values (also after an enumerator).

    Yields each piece, whether it is a value split off a label (such a run may hold several numbers) and whether
    it :func:`is_value` (a run split off a label always is).
    """
    value = is_value(cell)
    if value or _DIGIT.search(cell) is None or _NUMBERED_NAME.fullmatch(cell):  # no digit: nothing glued to a label
        yield cell, False, value
        return
    inner = _GLUED_INSIDE.search(cell) or _BETWEEN_WORDS.search(cell)
    if inner is not None:  # 申请18003602 7 3.其他: values, then the next row's enumerated label, in one cell
        yield from _pieces(cell[: inner.start()])
        yield inner["digits"], True, True
        yield from _pieces(cell[inner.end() :])
        return
    head = (
        None
        if _ENUM_START.match(cell)
        else _GLUED_HEAD.match(cell) or _GLUED_BEFORE_WORD.match(cell) or _GLUED_BEFORE_FRAGMENT.match(cell)
    )
    if head is not None:
        yield head["digits"], True, True
        cell = head["label"]
    tail = _GLUED_TAIL.match(cell)
    if tail is not None and not tail["label"].endswith(("第", "(")):
        yield tail["label"], False, is_value(tail["label"])
        yield tail["digits"], True, True
        return
    yield cell, False, head is not None and is_value(cell)


def _is_pipe_row(line: str, stripped: str) -> bool:
    """True when *line* (with no tab) is a markdown pipe row: ``| a | b |``, or ``3096|17206|``, the rest of a pipe
    row wrapped just after one of its pipes."""
    return (stripped.startswith("|") and stripped.count("|") >= 2) or stripped.endswith("|")


_Parts = tuple[tuple[str, ...], bool, frozenset[int], tuple[bool, ...]]


@attr.s(auto_attribs=True, init=False)
class TextLine:
    """One line of text, split into cells when first asked: the table reader skips most lines by their text.

    A reader's working record, made for every line of every report read: not frozen, since a frozen class is
    three times as slow to make, but never changed once made (only what is made when first asked is kept). Its
    ``__init__`` is written out, not attrs': compiled (docs: "Performance"), a native one makes a line in a fifth of
    the time, and the reader makes one for every line (a seed read 2 % faster); attrs still gives its equality and
    repr.
    """

    text: str
    """The line as printed (a pipe-table row wrapped over several lines joined back into one)."""
    number: int
    """The (1-based) number of its first line."""
    start: int
    end: int
    """Its span in the text (the line breaks of a wrapped pipe row included, the final one not)."""
    path: str | None = None
    cut: bool = False
    """True for a pipe row left open before the next row, in a text whose pipe rows are closed, and for the text's
    last line when the text ends in a digit: the line was cut inside its last cell, which may have lost characters
    (``| 行政强制 | 882`` for 88283; ``集中采购\t1261\t4041.78`` for 4041.785) and is not read."""
    glued_on: bool = False
    """True for the first part of a line cut in two where its last value was glued to the rest (``…10\t103`` of
    ``…10\t103四、政府信息公开…``): that value is then a glued run (:attr:`glued`), since the digits before a heading
    may hold the start of the heading's numeral or the end of a number cut by a line break (``1`` / ``6`` /
    ``20五、…``, joined: 620 for 6 and 20)."""
    joins: tuple[int, ...] = ()
    """The offsets in :attr:`text` of the line breaks :func:`text_rows` joined the line across (a number cut there,
    its unit, a glued run, a wrapped pipe row): see :attr:`cuts`."""
    # What is made when first asked (most lines of a report are not table lines), kept in plain fields: cheaper
    # to fill than cached properties on a slotted class, and left out of equality and repr.
    _source: SourceLocation | None = attr.ib(default=None, init=False, eq=False, repr=False)
    _parts: _Parts | None = attr.ib(default=None, init=False, eq=False, repr=False)

    def __init__(
        self,
        text: str,
        number: int,
        start: int,
        end: int,
        path: str | None = None,
        cut: bool = False,
        glued_on: bool = False,
        joins: tuple[int, ...] = (),
    ) -> None:
        self.text, self.number, self.start, self.end = text, number, start, end
        self.path, self.cut, self.glued_on, self.joins = path, cut, glued_on, joins
        self._source = None
        self._parts = None

    @property
    def source(self) -> SourceLocation:
        """Where the line is."""
        source = self._source
        if source is None:
            source = SourceLocation(path=self.path, line=self.number, start=self.start, end=self.end)
            self._source = source
        return source

    @property
    def parts(self) -> _Parts:
        """The line split into cells: (:attr:`cells`, :attr:`structured`, :attr:`glued`, :attr:`values`)."""
        parts = self._parts
        if parts is None:
            cells, structured, glued, values = _split(self.text)
            if self.cut and cells:
                cells, values = cells[:-1], values[:-1]
                glued = frozenset(i for i in glued if i < len(cells))
            if self.glued_on and values and values[-1]:
                glued = glued | {len(cells) - 1}
            parts = (tuple(cells), structured, glued, tuple(values))
            self._parts = parts
        return parts

    @property
    def cells(self) -> tuple[str, ...]:
        """The texts of the line's cells (see :func:`split_line`)."""
        return self.parts[0]

    @property
    def structured(self) -> bool:
        """True when the line has explicit cell boundaries (tabs or pipes)."""
        return self.parts[1]

    @property
    def glued(self) -> frozenset[int]:
        """Indices of the value cells that were split off a label (``规范性文件898989``): such a run may hold
        several numbers, so the row it belongs to is never read as exact without the identities."""
        return self.parts[2]

    @property
    def values(self) -> tuple[bool, ...]:
        """For each cell, whether it is a value (:func:`is_value`)."""
        return self.parts[3]

    @property
    def cuts(self) -> dict[int, frozenset[int]]:
        """For each glued run (:attr:`glued`) that holds one of the line breaks the line was joined across
        (:attr:`joins`), the offsets in it where cutting it is no assumption: those breaks, and anywhere inside its
        first and last parts, which may be glued to the words the run was split off; the parts between two breaks
        were printed alone on their lines, whole (``尚未审结121`` / ``244`` / ``153`` → ``121244153``: 1, 2, 3 and
        6, not 4, 5). A glued run not listed may be cut anywhere.

        >>> line = next(text_rows("尚未审结121\\n244\\n153\\n"))
        >>> line.cells, line.cuts
        (('尚未审结', '121244153'), {1: frozenset({1, 2, 3, 6, 7, 8})})
        """
        joins = self.joins
        if not joins or not self.glued:
            return {}
        found: dict[int, frozenset[int]] = {}
        text, at = self.text, 0
        for index, cell in enumerate(self.cells):
            start = text.find(cell, at) if cell else at
            if start < 0 or text[at:start].strip(" \t|"):
                return {}  # a cell not as printed (blanks taken out of digits): every run may be cut anywhere
            at = start + len(cell)
            inside = [j - start for j in joins if start < j < at]
            if index in self.glued and inside:
                bounds = [0, *inside, len(cell)]
                parts = [cell[a:b] for a, b in pairwise(bounds)]
                ends = (0, len(parts) - 1)
                found[index] = joined([(p, None if i in ends else frozenset()) for i, p in enumerate(parts)])[1]
        return found

    @property
    def row(self) -> RawRow:
        """The line as a raw row, every cell located at the line."""
        return RawRow(cells=tuple(RawCell(text=c, source=self.source) for c in self.cells), source=self.source)

    @property
    def plain(self) -> str:
        """The line's text with the pipes of a pipe row made blanks: :func:`~gov_disclosure.parsing.normalize.compact`
        of it is that of its cells joined, without splitting the line (splitting only ever adds or removes blanks
        next to digits, and drops the blanks and pipes between cells)."""
        if "|" in self.text and "\t" not in self.text and _is_pipe_row(self.text, self.text.strip()):
            return self.text.replace("|", " ")
        return self.text


_UNGLUED: frozenset[int] = frozenset()
"""The glued runs of most lines: none (one shared set, not one per line kept with it)."""


def _split(line: str) -> tuple[list[str], bool, frozenset[int], list[bool]]:
    """The cells of *line*, whether it is structured, the indices of glued runs, and which cells are values."""
    if "\t" in line:
        cells = [c.strip() for c in line.split("\t")]
        structured = True
    elif _is_pipe_row(line, stripped := line.strip()):
        # ``3096|17206|``: the rest of a pipe row wrapped just after one of its pipes
        inner = stripped.removeprefix("|").removesuffix("|")
        cells = [c.strip() for c in inner.split("|")]
        structured = True
    else:
        cells = stripped.split(" ") if stripped else []
        structured = False
    if structured:  # cells are never joined across explicit boundaries: if none is cut, only its mark is needed
        marks = [True if cell.isdecimal() else _whole_cell_mark(cell) if cell else False for cell in cells]
        if None not in marks:
            return cells, True, _UNGLUED, cast("list[bool]", marks)
    out: list[str] = []
    values: list[bool] = []
    glued: list[int] = []
    words = _Words()  # the label words joined into the last cell of a space-separated line
    for cell in cells:
        if cell.isdecimal() or not cell:  # the usual cells (``0``, ``12``, a blank): nothing glued or to join
            words.close(out)
            out.append(cell)
            values.append(bool(cell))
            continue
        lead = _NUMBER_BEFORE_WORDS.match(cell) if structured and " " in cell else None
        if lead is not None:  # ``12902 五、存在…`` (a table's last cell joined with the text after it)
            words.close(out)
            out.append(lead["number"])
            values.append(True)
            cell = lead["words"]
        tail = _WORDS_BEFORE_NUMBER.match(cell) if structured and " " in cell else None
        if tail is not None:  # ``尚未审结 203`` (a header joined with the numbers after it)
            words.close(out)
            out += [tail["words"], tail["number"]]
            values += [False, True]
            continue
        spaced = structured and " " in cell and _SPACED_DIGITS.search(cell) is not None
        if spaced:  # one cell, so the digits are one run: where it splits is decided later, never assumed
            cell = _SPACED_DIGITS.sub("", cell)
        for piece, split, value in _cell_pieces(cell):
            split = split or (spaced and value)
            if not structured and words.open and piece and not value:
                values[-1] = words.add(piece, out)  # ``55(含`` and ``自然失效29件)`` join into a value
            else:
                words.close(out)
                if split:
                    glued.append(len(out))
                out.append(piece)
                values.append(value)
                if not structured and piece and not value:
                    words.start(piece)
    words.close(out)
    return out, structured, frozenset(glued), values


class _Words:
    """The words of a label cell of a space-separated line, joined once when the cell ends (linear in the line:
    joining at each word, and asking each time whether the join is a value, was quadratic on a line of 64k words).

    Joined words are a value only as a number with an annotation closing the last word (``55(含 自然失效29件)``,
    :func:`is_value`): no other value holds a blank. So the join is tested once, at the first word that closes a
    parenthesis; once a ``)`` is inside the join, no longer join can be a value.
    """

    __slots__ = ("closed", "words")

    def __init__(self) -> None:
        self.words: list[str] = []
        self.closed = False

    @property
    def open(self) -> bool:
        """True while the last cell is a label that the next word joins."""
        return bool(self.words)

    def start(self, word: str) -> None:
        """A label cell starts with *word* (the last cell of the line)."""
        self.words = [word]
        self.closed = ")" in word

    def add(self, word: str, out: list[str]) -> bool:
        """Join *word* to the label; True when the join is a value (it then ends, written into *out*)."""
        self.words.append(word)
        if self.closed or ")" not in word:
            return False
        self.closed = True
        joined = " ".join(self.words)
        if word.endswith(")") and is_value(joined):
            out[-1] = joined
            self.words = []
            return True
        return False

    def close(self, out: list[str]) -> None:
        """Write the joined label into the last cell of *out*."""
        if len(self.words) > 1:
            out[-1] = " ".join(self.words)
        self.words = []


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
    >>> split_line("1.属于国家秘密0302027")[0], split_line("行政许可39-5181")[0]
    (['1.属于国家秘密', '0302027'], ['行政许可', '39-5181'])
    >>> split_line("2.重复申请1800360273.其他71123018160")[0]
    ['2.重复申请', '180036027', '3.其他', '71123018160']
    >>> split_line("行政处罚 3985758行政强制 88283")[0], split_line("行政许可 12件次")[0]
    (['行政处罚', '3985758', '行政强制', '88283'], ['行政许可 12件次'])
    >>> split_line("行政处罚1282政强制42")[0], split_line("6 20五、5")[0]
    (['行政处罚', '1282', '政强制', '42'], ['6', '20', '五、', '5'])
    >>> split_line("(一)予以公开3852(二)部分公开45")[0]
    ['(一)予以公开', '3852', '(二)部分公开', '45']
    >>> split_line("| 3.其他 | 6 00 | 1 |")[0], split_line("| 2.申请0408 490 |")[0]
    (['3.其他', '600', '1'], ['2.申请', '0408490'])
    >>> split_line("3096|17206|")
    (['3096', '17206'], True)
    """
    cells, structured, _, _ = _split(line)
    return cells, structured


_CONTINUED_PIPE_ROW = 3
"""Most lines a pipe-table row may be wrapped over (``| \\n 0  |``, format-spec §6.3; a hard wrap inside a cell)."""


def _pipe_row_end(lines: list[str], index: int) -> int:
    """Index of the line that closes the pipe-table row opened, but not closed, on line *index* (or *index*)."""
    first = lines[index].strip()
    if not first.startswith("|") or first.endswith("|") or first.count("|") < 2:
        return index
    for end in range(index + 1, min(index + 1 + _CONTINUED_PIPE_ROW, len(lines))):
        following = lines[end].strip()
        if following.startswith("|"):
            return index
        if following.endswith("|"):
            return end
    return index


_DECIMAL_REST = re.compile(r"\s*\.?\d+(?:万元|元)?(?=[\s|]|$)")


def _decimal_cut(line: str, following: str) -> bool:
    """True when *line* ends in the first part of a number cut at its decimal point and *following* starts with the
    rest: ``96171`` / ``.6``, or ``96171.`` / ``6`` (a PDF extractor's line break)."""
    if not line or not following:
        return False
    last, start = line[-1], following.lstrip()[:2]
    if last.isdigit():  # a line never starts with a point and a digit but for the decimals of a number cut there,
        return start[:1] == "." and start[1:].isdigit()  # whatever follows them (``.5元政府信息公开``: lines joined)
    if last == "." and len(line) > 1 and line[-2].isdigit():
        return start[:1].isdigit() and _DECIMAL_REST.match(following) is not None
    return False


_GLUED_LAST = re.compile(r"[^\d\s.,+\-/|]\d+$")
_LEADING_ZERO = re.compile(r"0\d")
_GLUED_FIRST = re.compile(
    r"\d+(?:[一二三四五六七八九十]{1,2}、|[(（][一二三四五六七八九十]{1,2}[)）])|(?:0|\d{2,})[\u4e00-\u9fff]"
)
"""Digits glued in front of a heading's own numeral (``3四、``) or of words (``54形，不计其他情形）``): not a single
digit before words, which may be an enumerator that lost its point (``2逾期…``)."""
_DIGITS_FIRST = re.compile(r"\d+(?![.、]\D)")
"""Digits starting a line, not an enumerated label (``2.重复申请``)."""


def _glued_cut(line: str, following: str) -> bool:
    """True when *line* ends in digits and *following* starts with digits, one of them glued to words: the line
    break may cut a glued run of values (``政府集中采购191`` / ``690.9913万元``, ``尚未审结2`` / ``32\t0…``,
    ``… 0 10`` / ``3四、政府信息公开…``) as well as separate two of them, so the run is read whole, split only
    where the columns or the identities force it.

    >>> _glued_cut("政府集中采购191", "690.9913万元三、收到"), _glued_cut("政府集中采购 191", "690.9")
    (True, False)
    >>> _glued_cut("0 0 10", "3四、政府信息公开"), _glued_cut("0 0 10", "3 0 0"), _glued_cut("4 3119", "2逾期未按")
    (True, False, False)
    >>> _glued_cut("0 0 0 4", "54形，不计其他情形）"), _glued_cut("性文件\t0\t3224\t3", "040 第二十条")
    (True, True)
    """
    if _DIGITS_FIRST.match(following) is None or not line[-1:].isdigit():
        return False
    if _LEADING_ZERO.match(following):
        return True  # ``040``: no number starts with 0, so the break cut one (``…\t3`` / ``040 第二十条…``)
    return _GLUED_LAST.search(line) is not None or _GLUED_FIRST.match(following) is not None


_ENUMERATOR_LAST = re.compile(r"[1-9][.、]$")


def _enumerator_cut(line: str, following: str) -> bool:
    """True when *line* ends in an enumerator (``…30000032.``) and *following* starts with words: the line break
    cut the enumerator from its label (``2.`` / ``没有现成信息需要另行制作``), which is read whole again.

    >>> _enumerator_cut("信息30000032.", "没有现成信息需要另行制作0000000"), _enumerator_cut("规章\t1.", "2.重复申请")
    (True, False)
    """
    return "\u4e00" <= following[:1] <= "\u9fff" and _ENUMERATOR_LAST.search(line) is not None


def _pipe_rows_closed(lines: list[str]) -> bool:
    """True when the text's pipe rows are closed with ``|`` (nine in ten, and at least three): then one left open is
    cut, not written in another style."""
    opened = closed = 0
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("|") and stripped.count("|") >= 2:
            if stripped.endswith("|"):
                closed += 1
            else:
                opened += 1
    return closed >= 3 and opened * 10 <= closed


def _left_open(line: str, lines: list[str], index: int) -> bool:
    """True when the pipe row *line* (line *index*) is left open and the next line that is not blank opens a row."""
    stripped = line.strip()
    if not stripped.startswith("|") or stripped.endswith("|") or stripped.count("|") < 2:
        return False
    following = next((other.strip() for other in lines[index + 1 :] if other.strip()), "")
    return following.startswith("|")


def _unit_cut(line: str, following: str) -> bool:
    """True when *line* ends in a number and *following* starts with its unit (``40`` / ``元``: 40 元 is not 40 万元),
    or in a number and 万, and *following* starts with 元 (``1345万`` / ``元``).

    >>> _unit_cut("政府集中采购\t0\t40", "元\t"), _unit_cut("政府集中采购\t0\t40", "元旦")
    (True, False)
    >>> _unit_cut("政府集中采购\t0\t1345万", "元\t"), _unit_cut("政府集中采购\t0\t1345万", "万元")
    (True, False)
    """
    if line[-1:].isdigit():
        return _UNIT_FIRST.match(following) is not None
    return line[-1:] == "万" and line[-2:-1].isdigit() and _YUAN_FIRST.match(following) is not None


_LAST_NUMBER = re.compile(r"\s*\d[\d.,]*")
"""A text's last line when it is one number alone (``5`` after ``规章\t14\t7\t1``)."""
_UNIT_FIRST = re.compile(r"(?:万元|元)(?![\u4e00-\u9fff])")
_YUAN_FIRST = re.compile(r"元(?![\u4e00-\u9fff])")


_CUT_ENDS = frozenset(".、")


def may_go_on(line: str) -> bool:
    """False when :func:`text_rows` never joins the line *line* (holding no ``|``) with a line after it: it joins only
    a line ending in a digit, a point or ``、``, or in a digit and 万 (a number cut by the break, its unit, a glued
    run, an enumerator cut from its label), and most lines end otherwise.

    >>> may_go_on("规章\t1\t0\t3"), may_go_on("规章\t1."), may_go_on("一、总体情况"), may_go_on("采购\t1345万")
    (True, True, False, True)
    """
    last = line[-1:]
    return last.isdigit() or last in _CUT_ENDS or (last == "万" and line[-2:-1].isdigit())


def _cut_inside(line: str, following: str) -> bool:
    """True when the line break between *line* and *following* cut a number, its unit, a glued run or a label's
    enumerator (:func:`may_go_on` passes most lines at once)."""
    if not may_go_on(line):
        return False
    return (
        _decimal_cut(line, following)
        or _unit_cut(line, following)
        or _glued_cut(line, following)
        or _enumerator_cut(line, following)
    )


def _past_blank_lines(lines: list[str], index: int) -> int:
    """The index of the first line from *index* on that is not blank (``len(lines)`` when none is)."""
    while index < len(lines) and (not lines[index] or lines[index].isspace()):
        index += 1
    return index


def _number_rest(line: str, following: str) -> bool:
    """True when *following* holds the rest of the number ending *line*, whatever blank lines came between: its
    decimals (``0`` / ``.5元``) or its unit (``40`` / ``元``) — no line starts so otherwise. A line break may come
    with a blank line (``政府集中采购\t3\t0`` / (blank) / ``.5元``: 0.5, not 0).

    >>> _number_rest("政府集中采购\t3\t0", ".5元"), _number_rest("政府集中采购\t3\t0", "2.重复申请")
    (True, False)
    """
    return _decimal_cut(line, following) or _unit_cut(line, following)


def text_rows(text: str, *, path: str | None = None, first_line: int = 1, offset: int = 0) -> Iterator[TextLine]:
    """Every non-empty line of normalised *text* as a :class:`TextLine`; *text* may be the rest of a longer text
    from the start of its line *first_line*, at *offset* in it (line numbers and spans are then the longer text's).

    Markdown separator lines (``|---|---|``) are skipped. A pipe-table row wrapped over several lines (opened with
    ``|`` but closed with ``|`` only on a later line, with no new row in between) is joined back into one line,
    without a separator: the wrap may cut a number (``| 6`` / ``00 |``).

    >>> line = next(text_rows("\\n规章\\t0\\t1\\n"))
    >>> [c.text for c in line.row.cells], line.row.source.line, line.structured
    (['规章', '0', '1'], 2, True)
    >>> [c.text for c in next(text_rows("\\n规章\\t0\\t1")).row.cells]  # the text ends inside a number: not read
    ['规章', '0']
    >>> next(text_rows("规范性文件898989\\n")).glued
    frozenset({1})
    >>> [c.text for c in next(text_rows("| 行政许可 | 6\\n00 |")).row.cells]
    ['行政许可', '600']
    >>> next(text_rows("| 行政许可 | 6 00 | 3 |")).glued  # joined back with a space: may hold several numbers
    frozenset({1})
    >>> [line.text for line in text_rows("行政事业性收费\\t96171\\n.6\\n规章\\t1.\\n2.重复申请")]
    ['行政事业性收费\\t96171.6', '规章\\t1.', '2.重复申请']
    >>> [line.text for line in text_rows("政府集中采购 4792 47862\\n.9万元")]
    ['政府集中采购 4792 47862.9万元']
    >>> [c.text for c in next(text_rows("规章\\t14\\t7\\t1\\n5")).row.cells]  # 1 may be the start of 15…, cut short
    ['规章', '14', '7']
    """
    lines = text.split("\n")
    offsets = list(accumulate((len(line) + 1 for line in lines), initial=offset))
    index, count = 0, len(lines)
    closed = "|" in text and _pipe_rows_closed(lines)
    while index < count:
        line = lines[index]
        end = index
        cut = False
        joins: tuple[int, ...] = ()  # (most lines are joined across no break: no list made for each)
        if "|" in line:
            end = _pipe_row_end(lines, index)
            if end != index:
                parts = [part.strip() for part in lines[index : end + 1]]
                joins = tuple(accumulate(len(part) for part in parts[:-1]))
                line = "".join(parts)
            elif closed:
                cut = _left_open(line, lines, index)
        while end + 1 < count:
            following = end + 1
            if not _cut_inside(line, lines[following]):
                if lines[following] and not lines[following].isspace():
                    break  # (the rest of a number is looked for past blank lines only: the next line is not one)
                following = _past_blank_lines(lines, following)
                if following == count or not _number_rest(line, lines[following]):
                    break
            end = following  # a number cut at its decimal point (``96171`` / ``.6``), a glued run or a label cut:
            line = line.rstrip()  # one line again
            joins = (*joins, len(line))
            line += lines[end].strip()
        if end + 2 == count and line[-1:].isdigit() and _LAST_NUMBER.fullmatch(lines[-1]):
            end += 1  # the text ends in a number alone after a row (``规章\t14\t7\t1`` / ``5``) or a number (``1`` /
            joins = (*joins, len(line))  # ``34``): it may go on this line's last number, cut short: one line, cut
            line += lines[end].strip()
        start, index = index, end + 1
        if index == count and line[-1:].isdigit():
            cut = True  # the text ends inside a number: it may have been cut short there (``4041.78`` of 4041.785)
        if "---" in line:
            if _MD_SEPARATOR.match(line.strip()):
                continue
        elif line.isspace() or not line:
            continue
        yield TextLine(line, first_line + start, offsets[start], offsets[index] - 1, path, cut, False, joins)
