"""The nesting depth of a JSON text, measured in one linear pass before it is parsed.

:func:`json.loads` recurses once per nested array or object, and a document nested a few thousand deep raises
:class:`RecursionError` from deep inside the parser. This library's documents nest five deep; a document nested
deeper than :attr:`~gov_disclosure.limits.Limits.max_json_depth` is refused before parsing.
"""

from __future__ import annotations

import re

__all__ = ["depth_exceeds"]

_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*(?:"|\\?\Z)', re.DOTALL)
"""A JSON string, an escape taking the character after it; an unterminated one runs to the end of the text."""
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


def depth_exceeds(text: str, limit: int) -> bool:
    """True when *text* nests arrays and objects more than *limit* deep (brackets inside strings do not count).

    Linear in the length of *text*: the strings and everything but brackets are removed by two regular
    expressions, then the brackets left are counted (two per array or object, not one per character).

    >>> depth_exceeds('{"a": [[1]], "b": "[[[["}', 3), depth_exceeds('{"a": [[1]], "b": "[[[["}', 2)
    (False, True)
    >>> depth_exceeds('["\\\\"[[[", [[]]]', 3)  # an escaped quote does not end the string
    False
    """
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    if len(brackets) <= limit:
        return False
    depth = 0
    for char in brackets:
        if char in "[{":
            depth += 1
            if depth > limit:
                return True
        else:
            depth -= 1
    return False
