"""The depth scan before parsing: the same answer as the plain character-by-character scan, on any text."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from gov_disclosure.serializers.json.depth import depth_exceeds

_SIGNIFICANT = re.compile(r'["\\\[\]{}]')


def plain_depth_exceeds(text: str, limit: int) -> bool:
    """The definition: walk every quote, backslash and bracket, an escape skipping the character after it."""
    depth, in_string, skip_to = 0, False, -1
    for match in _SIGNIFICANT.finditer(text):
        at, char = match.start(), match.group()
        if at < skip_to:
            continue
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


@settings(max_examples=500)
@given(st.text(alphabet='"\\[]{}a\n,', max_size=60), st.integers(0, 6))
def test_same_as_the_plain_scan(text: str, limit: int) -> None:
    """Strings with escapes, unterminated strings, trailing backslashes, unbalanced brackets."""
    assert depth_exceeds(text, limit) == plain_depth_exceeds(text, limit)


def test_deep_documents() -> None:
    """Nested arrays and objects, and brackets inside strings that do not count."""
    deep = "[" * 70 + '"]]]]"' + "]" * 70
    assert depth_exceeds(deep, 69)
    assert not depth_exceeds(deep, 70)
    assert not depth_exceeds('{"a": "' + "[" * 500 + '"}', 2)
