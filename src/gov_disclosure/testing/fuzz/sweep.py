"""Every single damage of one kind, in turn: the exhaustive counterpart of the random campaign.

The campaign (``scripts/fuzz.py``) draws mutations at random and stacks several; a sweep tries each single damage
of a text once — every line deleted, every two adjacent lines joined (with nothing and with a space between), a
line break at every place inside the tables — and the oracle judges each reading. A few thousand readings of one
real report cover every place its tables can be damaged once, which a random campaign of 200,000 inputs spread
over many subjects does not (the column-major 表二 of pdfminer's text lost a number at six places, and no campaign
had drawn one).

>>> text = "二、主动公开政府信息情况\\n规章\\t1\\t0\\t3\\n五、存在的主要问题及改进情况"
>>> [name for name, _ in single_damages(text, breaks=False)][:3]
['line 1 deleted', 'lines 1 and 2 joined', 'lines 1 and 2 joined with a space']
>>> [damaged.split("\\n")[1:3] for _, damaged in single_damages("第二十条\\n规章\\t12\\n五、", lines=False)][-3:]
[['规章', '\\t12'], ['规章\\t', '12'], ['规章\\t1', '2']]

Two damages that cancel are what a single sweep cannot find: a row label lost with a number (the count of a block
still right), a number lost and another cut in two. :func:`pair_damages` deletes every two of the tables' lines
together, and cuts every number of the tables at each place with every other line of them deleted (about 75,000
texts for pdfminer's text of a report, which prints a cell per line).

>>> damages = dict(pair_damages("第二十条\\n规章\\n\\n12\\n五、"))
>>> list(damages)[:3]
['lines 1 and 2 deleted', 'lines 1 and 4 deleted', 'lines 2 and 4 deleted']
>>> list(damages)[3:]
['line break at 10, line 1 deleted', 'line break at 10, line 2 deleted']
>>> damages["line break at 10, line 2 deleted"].split("\\n")
['第二十条', '', '1', '2', '五、']
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from itertools import accumulate

__all__ = ["pair_damages", "single_damages", "table_region"]

_NUMBER = re.compile(r"\d{2,}")


def table_region(text: str) -> tuple[int, int]:
    """Where the tables of *text* are, roughly: from ``第二十条`` (表二's first item; else the start) to the heading
    of section 五 after it (else the end)."""
    start = max(text.find("第二十条"), 0)
    end = text.find("五、", start)
    return start, len(text) if end < 0 else end


def single_damages(
    text: str, *, lines: bool = True, breaks: bool = True, only_tables: bool = False
) -> Iterator[tuple[str, str]]:
    """Every single damage of *text*, as (what was done, the damaged text): with *lines*, each line deleted and each
    two adjacent lines joined (directly and with a space) — with *only_tables*, only the lines that start in the
    tables (:func:`table_region`); with *breaks*, a line break before each character of the tables that does not
    already start a line."""
    start, end = table_region(text)
    if lines:
        rows = text.split("\n")
        offsets = list(accumulate((len(row) + 1 for row in rows), initial=0))
        for i in range(len(rows)):
            if only_tables and not start <= offsets[i] < end:
                continue
            yield f"line {i + 1} deleted", "\n".join(rows[:i] + rows[i + 1 :])
            if i + 1 < len(rows):
                joined = rows[:i], rows[i + 2 :]
                yield f"lines {i + 1} and {i + 2} joined", "\n".join([*joined[0], rows[i] + rows[i + 1], *joined[1]])
                yield (
                    f"lines {i + 1} and {i + 2} joined with a space",
                    "\n".join([*joined[0], f"{rows[i]} {rows[i + 1]}", *joined[1]]),
                )
    if breaks:
        for at in range(max(start, 1), end):
            if text[at] != "\n" and text[at - 1] != "\n":
                yield f"line break at {at}", f"{text[:at]}\n{text[at:]}"


def pair_damages(text: str, *, share: tuple[int, int] = (0, 1)) -> Iterator[tuple[str, str]]:
    """Every two damages of the tables (:func:`table_region`) that together may leave a count right, as (what was
    done, the damaged text): every two lines that are not blank deleted together; every number of two digits or
    more cut by a line break at each place, with every other such line deleted. With *share* (k, n), only the *k*-th
    of *n* alike shares of them (the pairs whose first line, or whose cut, is the k-th, k + n-th … of its kind): a
    share of the work for one process."""
    start, end = table_region(text)
    rows = text.split("\n")
    offsets = list(accumulate((len(row) + 1 for row in rows), initial=0))
    table = [i for i, row in enumerate(rows) if start <= offsets[i] < end and row.strip()]
    for a in range(share[0], len(table), share[1]):
        i = table[a]
        for b in table[a + 1 :]:
            yield f"lines {i + 1} and {b + 1} deleted", "\n".join(rows[:i] + rows[i + 1 : b] + rows[b + 1 :])
    cuts = [m.start() + k for m in _NUMBER.finditer(text, start, end) for k in range(1, len(m.group()))]
    for at in cuts[share[0] :: share[1]]:
        cut = bisect.bisect_right(offsets, at) - 1
        broken = f"{text[offsets[cut] : at]}\n{text[at : offsets[cut + 1] - 1]}"
        for i in table:
            if i != cut:
                damaged = (broken if k == cut else row for k, row in enumerate(rows) if k != i)
                yield f"line break at {at}, line {i + 1} deleted", "\n".join(damaged)
