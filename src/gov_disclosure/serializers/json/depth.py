"""The nesting depth of a JSON text, measured in one linear pass before it is parsed.

:func:`json.loads` recurses once per nested array or object, and a document nested a few thousand deep raises
:class:`RecursionError` from deep inside the parser. This library's documents nest five deep; a document nested
deeper than :attr:`~gov_disclosure.limits.Limits.max_json_depth` is refused before parsing.
"""

from __future__ import annotations

import re

__all__ = ["depth_exceeds"]

_SIGNIFICANT = re.compile(r'["\\\[\]{}]')
"""The only characters that open or close a string or a nesting level, and the escape character."""


def depth_exceeds(text: str, limit: int) -> bool:
    """True when *text* nests arrays and objects more than *limit* deep (brackets inside strings do not count).

    Linear in the length of *text*: one scan for the significant characters, an escape skipping the character
    after it.

    >>> depth_exceeds('{"a": [[1]], "b": "[[[["}', 3), depth_exceeds('{"a": [[1]], "b": "[[[["}', 2)
    (False, True)
    >>> depth_exceeds('["\\\\"[[[", [[]]]', 3)  # an escaped quote does not end the string
    False
    """
    depth = 0
    in_string = False
    skip_to = -1
    for match in _SIGNIFICANT.finditer(text):
        at = match.start()
        if at < skip_to:
            continue
        char = match.group()
        if in_string:
            if char == "\\":
                skip_to = at + 2
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > limit:
                return True
        elif char in "]}":
            depth -= 1
    return False
