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
still right), a number lost and another cut in two. :func:`pair_deletions` deletes every pair of the tables' lines
(about fifty thousand texts for pdfminer's text of a report, which prints a cell per line).

>>> [name for name, _ in pair_deletions("第二十条\\n规章\\n\\n1\\n五、")]
['lines 1 and 2 deleted', 'lines 1 and 4 deleted', 'lines 2 and 4 deleted']
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import accumulate

__all__ = ["pair_deletions", "single_damages", "table_region"]


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


def pair_deletions(text: str, *, share: tuple[int, int] = (0, 1)) -> Iterator[tuple[str, str]]:
    """Every two lines of the tables (:func:`table_region`) that are not blank deleted together, as (what was done,
    the damaged text). With *share* (k, n), only the pairs whose first line is the *i*-th of those lines for *i* k,
    k + n, k + 2n …: the *k*-th of *n* alike shares of the work."""
    start, end = table_region(text)
    rows = text.split("\n")
    offsets = list(accumulate((len(row) + 1 for row in rows), initial=0))
    table = [i for i, row in enumerate(rows) if start <= offsets[i] < end and row.strip()]
    for a in range(share[0], len(table), share[1]):
        i = table[a]
        for b in table[a + 1 :]:
            yield f"lines {i + 1} and {b + 1} deleted", "\n".join(rows[:i] + rows[i + 1 : b] + rows[b + 1 :])
