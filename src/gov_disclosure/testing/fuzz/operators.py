"""Mutation operators over report text, markdown and HTML: the damage a report suffers on its way to a reader.

Each operator is deterministic given a :class:`random.Random` and says what it did (a :class:`Mutation`). They fall
in two kinds, tracked separately because the promise differs (issue 13):

**Truth-preserving** — the damage removes or rearranges information but every number that is still printed is the
number the agency printed (no digit is changed, no digit run is cut or glued to another number's digits):

====================  ======================================================================================
``delete_line``       a line is deleted (a lost table row, a lost paragraph; not one holding part of a number
                      printed across a line break)
``split_line``        a line break is inserted anywhere, also inside a number (``96171`` / ``.6``)
``join_lines``        two neighbouring lines become one (``行政处罚 3985758行政强制 88283``; a break between two
                      digits is kept: it may be a separator or cut a number, and no join keeps both)
``split_number``      a line break inside a printed number, also at its decimal point (``96171`` / ``.6``)
``join_run``          3 to 12 neighbouring lines become one long line (crawler text)
``truncate``          the text ends early, never inside a number
``page_break``        a running page mark ``- 4 -`` / ``第 4 页`` is inserted between two lines
``blank_lines``       blank lines are inserted between two lines
``delete_char``       one character is deleted — never a digit, a decimal point inside a number, or a unit
                      multiplier (万 亿 千 百), and never a separator between two digits
``width_swap``        one line's digits and punctuation turn full-width (``０``, ``（``) or half-width
``zero_width``        a zero-width character (U+200B, U+200C, U+200D, U+FEFF) is inserted anywhere
``delete_tr``         (HTML) one ``<tr>`` is deleted with its cells
``delete_td``         (HTML) one ``<td>``/``<th>`` is deleted: the cells after it move left
====================  ======================================================================================

**Truth-changing** — after the damage the text prints other numbers than the agency did; the reader cannot know
the truth, but a changed cell that an identity covers must be caught by that identity:

====================  ======================================================================================
``digit_change``      one digit becomes another
``digit_space``       one digit becomes a space (``3119`` → ``3 19``): the printed number is gone, two others stand
``duplicate_line``    a line is printed twice (a row twice: which one was meant?)
``splice``            the text up to a line of one report, then the rest of another (:func:`splice_with`)
====================  ======================================================================================

>>> import random
>>> text, mutation = DELETE_LINE.mutate("a\\nb\\nc", random.Random(1))
>>> text, mutation.detail
('b\\nc', "deleted line 1: 'a'")
>>> DIGIT_CHANGE.changes_truth, DELETE_LINE.changes_truth
(True, False)
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence

from attrs import frozen

__all__ = [
    "BLANK_LINES",
    "CHANGING",
    "DELETE_CHAR",
    "DELETE_LINE",
    "DELETE_TD",
    "DELETE_TR",
    "DIGIT_CHANGE",
    "DIGIT_SPACE",
    "DUPLICATE_LINE",
    "FORMS",
    "JOIN_LINES",
    "JOIN_RUN",
    "OPERATORS",
    "PAGE_BREAK",
    "PRESERVING",
    "SPLIT_LINE",
    "SPLIT_NUMBER",
    "TRUNCATE",
    "WIDTH_SWAP",
    "ZERO_WIDTH",
    "Mutation",
    "Operator",
    "deletable",
    "digit_break",
    "mutate_many",
    "operators_for",
    "splice_with",
]

FORMS = ("text", "markdown", "html")
"""The input forms the operators apply to."""

Apply = Callable[[str, random.Random], "tuple[str, str] | None"]
"""An operator's work: ``(damaged text, what was done)``, or None when it does not apply to this text."""

_DIGITS = "0123456789０１２３４５６７８９"
_DIGIT = re.compile(r"[0-9０-９]")
_ZERO_WIDTH = ("\u200b", "\u200c", "\u200d", "\ufeff")
_MULTIPLIERS = frozenset("万亿千百")
_UNITS = frozenset("元")
_POINTS = frozenset(".．")
_SIGNS = frozenset("+-＋－−")
_HALF_TO_FULL = {**{chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)}, " ": "\u3000"}
_TO_FULL = frozenset("0123456789.,:;()%")
"""What :data:`WIDTH_SWAP` makes full-width (letters and ``<>`` stay: an HTML tag stays a tag)."""
_FULL_TO_HALF = {full: half for half, full in _HALF_TO_FULL.items()}
_NUMBER = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?(?=[^0-9０-９.．]|$)")
"""A printed number of two characters or more is split inside (also at its decimal point)."""
_TR = re.compile(r"<tr\b.*?</tr\s*>", re.IGNORECASE | re.DOTALL)
_TD = re.compile(r"<t[dh]\b.*?</t[dh]\s*>", re.IGNORECASE | re.DOTALL)


@frozen
class Mutation:
    """What one operator did to a text."""

    operator: str
    detail: str
    """In words, with the place: ``deleted line 12: '行政处罚 3985758'``."""
    changes_truth: bool


@frozen
class Operator:
    """A named, deterministic way of damaging a report's text."""

    name: str
    changes_truth: bool
    """True when the damaged text prints other numbers than the original (see the module's tables)."""
    forms: frozenset[str]
    """The input forms it applies to (of :data:`FORMS`)."""
    apply: Apply

    def mutate(self, text: str, rng: random.Random) -> tuple[str, Mutation] | None:
        """*text* damaged, and what was done; None when the operator does not apply (no line to join …)."""
        done = self.apply(text, rng)
        if done is None:
            return None
        return done[0], Mutation(self.name, done[1], self.changes_truth)


def _short(text: str, limit: int = 40) -> str:
    return repr(text if len(text) <= limit else text[:limit] + "…")


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _delete_line(text: str, rng: random.Random) -> tuple[str, str] | None:
    lines = _lines(text)
    if len(lines) < 2:
        return None
    whole = [i for i in range(len(lines)) if not _holds_part_of_a_number(lines, i)]
    if not whole:
        return None
    i = rng.choice(whole)
    removed = lines.pop(i)
    return "\n".join(lines), f"deleted line {i + 1}: {_short(removed)}"


def _holds_part_of_a_number(lines: list[str], i: int) -> bool:
    """True when line *i* begins or ends with part of a number printed across a line break (``…10`` / ``3`` for
    103): deleting it would leave the other part, a number the report never printed."""
    return (i > 0 and digit_break(lines[i - 1], lines[i])) or (
        i + 1 < len(lines) and digit_break(lines[i], lines[i + 1])
    )


def digit_break(before: str, after: str) -> bool:
    """True when a line break between lines *before* and *after* falls between two digits, or between a digit and
    the decimal point of a number (``…\t0`` / ``.64``): it may separate two numbers or cut one, and no operator may
    join, or delete one side of, such a break as if it kept the truth.

    >>> digit_break("总计1", "9\t19"), digit_break("总计", "19"), digit_break("7", ""), digit_break("收费\t0", ".64")
    (True, False, False, True)
    """
    if not before or not after:
        return False
    last, first = before[-1], after[0]
    if last in _POINTS:
        return first in _DIGITS and len(before) > 1 and before[-2] in _DIGITS
    if first in _POINTS:
        return last in _DIGITS and len(after) > 1 and after[1] in _DIGITS
    return last in _DIGITS and first in _DIGITS


def _split_line(text: str, rng: random.Random) -> tuple[str, str] | None:
    if len(text) < 2:
        return None
    at = rng.randrange(1, len(text))
    return f"{text[:at]}\n{text[at:]}", f"line break inserted at {at}: {_short(text[max(0, at - 12) : at + 12])}"


def _join_lines(text: str, rng: random.Random) -> tuple[str, str] | None:
    lines = _lines(text)
    if len(lines) < 2:
        return None
    i = rng.randrange(len(lines) - 1)
    joiner = rng.choice(("", " "))
    lines[i : i + 2] = [_joined(lines[i : i + 2], joiner)]
    return "\n".join(lines), f"lines {i + 1} and {i + 2} joined with {joiner!r}: {_short(lines[i], 60)}"


def _joined(lines: list[str], joiner: str) -> str:
    """*lines* joined with *joiner*, except between a digit and a digit: there the line break may be a separator
    (``7`` / ``0``: joined, 70) or cut a number (``7`` / ``0`` of 70: joined with a blank, two numbers), and either
    join would print a number the report never printed — the break is kept."""
    out = lines[0]
    for line in lines[1:]:
        between = "\n" if digit_break(out, line) else joiner
        out += between + line
    return out


def _split_number(text: str, rng: random.Random) -> tuple[str, str] | None:
    numbers = [m for m in _NUMBER.finditer(text) if len(m.group()) > 1]
    if not numbers:
        return None
    number = rng.choice(numbers)
    at = number.start() + rng.randrange(1, len(number.group()))
    return (
        f"{text[:at]}\n{text[at:]}",
        f"number split by a line break at {at}: {_short(text[max(0, at - 12) : at + 12])}",
    )


def _join_run(text: str, rng: random.Random) -> tuple[str, str] | None:
    lines = _lines(text)
    if len(lines) < 3:
        return None
    count = rng.randrange(3, min(12, len(lines)) + 1)
    i = rng.randrange(len(lines) - count + 1)
    joiner = rng.choice(("", " "))
    lines[i : i + count] = [_joined(lines[i : i + count], joiner)]
    return "\n".join(lines), f"lines {i + 1}-{i + count} joined with {joiner!r}: {_short(lines[i], 60)}"


def _inside_number(text: str, at: int) -> bool:
    """True when a cut before ``text[at]`` falls inside a number (or right before its decimal point)."""
    if at >= len(text):
        return False
    char = text[at]
    return char in _DIGITS or (char in _POINTS and at > 0 and text[at - 1] in _DIGITS)


def _truncate(text: str, rng: random.Random) -> tuple[str, str] | None:
    cuts = [at for at in range(1, len(text)) if not _inside_number(text, at)]
    if not cuts:
        return None
    at = rng.choice(cuts)
    return text[:at], f"truncated at {at} of {len(text)}, after {_short(text[max(0, at - 20) : at])}"


def _insert_line(text: str, rng: random.Random, inserted: str) -> tuple[str, int]:
    lines = _lines(text)
    i = rng.randrange(len(lines) + 1)
    lines[i:i] = [inserted]
    return "\n".join(lines), i


def _page_break(text: str, rng: random.Random) -> tuple[str, str] | None:
    page = rng.randrange(1, 30)
    mark = rng.choice((f"- {page} -", f"第 {page} 页", f"第{page}页 共{page + rng.randrange(3)}页", f"—{page}—"))
    damaged, i = _insert_line(text, rng, mark)
    return damaged, f"page mark {mark!r} inserted before line {i + 1}"


def _blank_lines(text: str, rng: random.Random) -> tuple[str, str] | None:
    count = rng.randrange(1, 4)
    damaged, i = _insert_line(text, rng, "\n" * (count - 1))
    return damaged, f"{count} blank line(s) inserted before line {i + 1}"


def deletable(text: str, at: int) -> bool:
    """A character whose deletion changes no printed number: not a digit, not a decimal point or a unit multiplier,
    not the sign of a number (``-3``: 本年增/减) or its unit (``2.0元``), not a separator between two digits (its
    deletion would glue two numbers into one)."""
    char = text[at]
    if char in _DIGITS or char in _MULTIPLIERS:
        return False
    before = text[at - 1] if at > 0 else ""
    after = text[at + 1] if at + 1 < len(text) else ""
    if char in _POINTS and (before in _DIGITS or (after and after in _DIGITS)):
        return False  # also ``…\t0`` / ``.64``: a number's point after a line break
    if char in _SIGNS and after in _DIGITS and after:
        return False
    if char in _UNITS and before in _DIGITS and before:
        return False  # ``2.0元``: without its unit an amount reads as 万元
    signed = after in _SIGNS and text[at + 2 : at + 3] in _DIGITS and at + 2 < len(text)
    return not (before in _DIGITS and (after in _DIGITS or signed) and before and after)


def _delete_char(text: str, rng: random.Random) -> tuple[str, str] | None:
    places = [at for at in range(len(text)) if deletable(text, at)]
    if not places:
        return None
    at = rng.choice(places)
    return text[:at] + text[at + 1 :], f"deleted {text[at]!r} at {at}: {_short(text[max(0, at - 12) : at + 12])}"


def _width_swap(text: str, rng: random.Random) -> tuple[str, str] | None:
    lines = _lines(text)
    to_full = rng.random() < 0.5
    swapped = [_to_full(line) if to_full else "".join(_FULL_TO_HALF.get(c, c) for c in line) for line in lines]
    changed = [i for i, line in enumerate(lines) if swapped[i] != line]
    if not changed:
        return None
    i = rng.choice(changed)
    lines[i] = swapped[i]
    return "\n".join(lines), f"line {i + 1} made {'full' if to_full else 'half'}-width: {_short(lines[i])}"


def _to_full(line: str) -> str:
    """Digits and punctuation full-width; letters and markup kept (an HTML tag stays a tag)."""
    return "".join(_HALF_TO_FULL[c] if c in _TO_FULL else c for c in line)


def _zero_width(text: str, rng: random.Random) -> tuple[str, str] | None:
    at = rng.randrange(len(text) + 1)
    char = rng.choice(_ZERO_WIDTH)
    return text[:at] + char + text[
        at:
    ], f"U+{ord(char):04X} inserted at {at}: {_short(text[max(0, at - 12) : at + 12])}"


def _delete_element(pattern: re.Pattern[str], what: str) -> Apply:
    def apply(text: str, rng: random.Random) -> tuple[str, str] | None:
        found = list(pattern.finditer(text))
        if not found:
            return None
        i = rng.randrange(len(found))
        match = found[i]
        removed = re.sub(r"<[^>]*>|&nbsp;", " ", match.group())
        detail = f"deleted {what} {i + 1} of {len(found)}: {_short(' '.join(removed.split()), 60)}"
        return text[: match.start()] + text[match.end() :], detail

    return apply


def _digit_places(text: str) -> list[int]:
    return [m.start() for m in _DIGIT.finditer(text)]


def _digit_change(text: str, rng: random.Random) -> tuple[str, str] | None:
    places = _digit_places(text)
    if not places:
        return None
    at = rng.choice(places)
    old = text[at]
    full = old not in "0123456789"
    digits = "０１２３４５６７８９" if full else "0123456789"
    new = rng.choice([d for d in digits if d != old])
    return text[:at] + new + text[at + 1 :], f"digit {old} -> {new} at {at}: {_short(text[max(0, at - 12) : at + 12])}"


def _digit_space(text: str, rng: random.Random) -> tuple[str, str] | None:
    places = _digit_places(text)
    if not places:
        return None
    at = rng.choice(places)
    return text[:at] + " " + text[
        at + 1 :
    ], f"digit {text[at]} -> space at {at}: {_short(text[max(0, at - 12) : at + 12])}"


def _duplicate_line(text: str, rng: random.Random) -> tuple[str, str] | None:
    lines = _lines(text)
    i = rng.randrange(len(lines))
    lines.insert(i, lines[i])
    return "\n".join(lines), f"line {i + 1} printed twice: {_short(lines[i])}"


_ALL = frozenset(FORMS)
_HTML = frozenset({"html"})

DELETE_LINE = Operator("delete_line", False, _ALL, _delete_line)
SPLIT_LINE = Operator("split_line", False, _ALL, _split_line)
JOIN_LINES = Operator("join_lines", False, _ALL, _join_lines)
SPLIT_NUMBER = Operator("split_number", False, _ALL, _split_number)
JOIN_RUN = Operator("join_run", False, _ALL, _join_run)
TRUNCATE = Operator("truncate", False, _ALL, _truncate)
PAGE_BREAK = Operator("page_break", False, _ALL, _page_break)
BLANK_LINES = Operator("blank_lines", False, _ALL, _blank_lines)
DELETE_CHAR = Operator("delete_char", False, _ALL, _delete_char)
WIDTH_SWAP = Operator("width_swap", False, _ALL, _width_swap)
ZERO_WIDTH = Operator("zero_width", False, _ALL, _zero_width)
DELETE_TR = Operator("delete_tr", False, _HTML, _delete_element(_TR, "<tr>"))
DELETE_TD = Operator("delete_td", False, _HTML, _delete_element(_TD, "<td>"))
DIGIT_CHANGE = Operator("digit_change", True, _ALL, _digit_change)
DIGIT_SPACE = Operator("digit_space", True, _ALL, _digit_space)
DUPLICATE_LINE = Operator("duplicate_line", True, _ALL, _duplicate_line)

PRESERVING: tuple[Operator, ...] = (
    DELETE_LINE,
    SPLIT_LINE,
    JOIN_LINES,
    SPLIT_NUMBER,
    JOIN_RUN,
    TRUNCATE,
    PAGE_BREAK,
    BLANK_LINES,
    DELETE_CHAR,
    WIDTH_SWAP,
    ZERO_WIDTH,
    DELETE_TR,
    DELETE_TD,
)
"""The truth-preserving operators."""

CHANGING: tuple[Operator, ...] = (DIGIT_CHANGE, DIGIT_SPACE, DUPLICATE_LINE)
"""The truth-changing operators (and :func:`splice_with`, which needs a second report)."""

OPERATORS: tuple[Operator, ...] = PRESERVING + CHANGING
"""Every operator that works on one text."""


def operators_for(form: str, *, changes_truth: bool | None = None) -> tuple[Operator, ...]:
    """The operators that apply to *form*; only the truth-preserving (False) or truth-changing (True) ones when
    *changes_truth* is given.

    >>> [op.name for op in operators_for("html", changes_truth=False)][-2:]
    ['delete_tr', 'delete_td']
    """
    if form not in FORMS:
        raise ValueError(f"unknown form {form!r}; expected one of {', '.join(FORMS)}")
    return tuple(
        op for op in OPERATORS if form in op.forms and (changes_truth is None or op.changes_truth is changes_truth)
    )


def splice_with(donor: str, *, name: str = "another report") -> Operator:
    """The truth-changing operator that keeps the text up to a random line and continues with *donor* from a
    random line on (two reports spliced, as by a crawler that mixed up two pages).

    >>> import random
    >>> text, mutation = splice_with("x\\ny\\nz").mutate("a\\nb\\nc", random.Random(2))
    >>> mutation.operator, mutation.changes_truth
    ('splice', True)
    """
    donor_lines = _lines(donor)

    def apply(text: str, rng: random.Random) -> tuple[str, str] | None:
        lines = _lines(text)
        keep = rng.randrange(1, len(lines) + 1)
        start = rng.randrange(len(donor_lines))
        spliced = [*lines[:keep], *donor_lines[start:]]
        return "\n".join(spliced), f"lines 1-{keep} kept, then {name} from its line {start + 1}"

    return Operator("splice", True, _ALL, apply)


def mutate_many(
    text: str, operators: Sequence[Operator], rng: random.Random, count: int
) -> tuple[str, tuple[Mutation, ...]]:
    """*text* after *count* operators drawn from *operators* (those that do not apply are skipped)."""
    done: list[Mutation] = []
    for _ in range(count):
        result = rng.choice(operators).mutate(text, rng)
        if result is not None:
            text, mutation = result
            done.append(mutation)
    return text, tuple(done)
