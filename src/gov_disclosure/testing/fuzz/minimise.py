"""Greedy reduction of a failing input: delete lines, then characters, while the failure persists.

A reproducer is easier to read (and its mechanism easier to see) when everything that does not matter is gone.
:func:`minimise` deletes chunks of lines (halving the chunk size down to one line), then single characters, keeping
each deletion after which *fails* still says True. It calls *fails* at most *budget* times.

>>> minimise("a\\nb\\nX1\\nc\\nd", lambda text: "X" in text)
'X'
"""

from __future__ import annotations

from collections.abc import Callable

from gov_disclosure.testing.fuzz.operators import digit_break

__all__ = ["minimise"]


def minimise(
    text: str,
    fails: Callable[[str], bool],
    *,
    budget: int = 2000,
    deletable: Callable[[str, int], bool] | None = None,
) -> str:
    """The smallest text found, by greedy deletion, on which *fails* still holds (*text* itself when it does not).

    Single characters are deleted only where *deletable* (text, index) allows (any, when None) — pass
    :func:`~gov_disclosure.testing.fuzz.operators.deletable` to keep every printed number as it is, so that a
    reproducer of truth-preserving damage still prints the truth."""
    calls = 0

    def still(candidate: str) -> bool:
        nonlocal calls
        calls += 1
        return fails(candidate)

    if not still(text):
        return text
    lines = text.split("\n")
    chunk = max(1, len(lines) // 2)
    while chunk >= 1 and calls < budget:
        i = 0
        while i < len(lines) and calls < budget:
            candidate = lines[:i] + lines[i + chunk :]
            kept = deletable is None or not _cuts_a_number(lines, i, i + chunk)
            if candidate != lines and kept and still("\n".join(candidate)):
                lines = candidate
            else:
                i += chunk
        chunk //= 2
    text = "\n".join(lines)
    i = 0
    while i < len(text) and calls < budget:
        shorter = text[:i] + text[i + 1 :]
        if (deletable is None or deletable(text, i)) and still(shorter):
            text = shorter
        else:
            i += 1
    return text


def _cuts_a_number(lines: list[str], start: int, end: int) -> bool:
    """True when lines *start* to *end* (excluded) begin or end with part of a number printed across a line break
    (``总计1`` / ``9\t19…`` for 19): deleting them would leave the other part, a number the report never printed.

    >>> _cuts_a_number(["总计1", "9\t19"], 0, 1), _cuts_a_number(["总计", "19\t19"], 0, 1)
    (True, False)
    """

    def cut(before: int, after: int) -> bool:
        return before >= 0 and after < len(lines) and digit_break(lines[before], lines[after])

    return cut(start - 1, start) or cut(end - 1, end)
