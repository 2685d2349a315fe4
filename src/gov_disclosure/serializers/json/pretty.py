"""Readable JSON text: nested like ``json.dumps(indent=...)``, but a value that fits on one line stays on one.

Written in one pass over the value: each value is serialised once, bottom up, into its one-line text (what
``json.dumps(value, ensure_ascii=False, separators=(", ", ": "))`` writes); the layout is then decided from the
lengths of those texts and made by joining them, never serialising a value again.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import Any, TypeAlias

__all__ = ["pretty_json"]

_Node: TypeAlias = "str | tuple[str, list[tuple[str, _Node]], bool]"
"""A value's one-line text when it is never split; else ``(text, members, is_object)``, a member being
``(head, node)`` with the head ``'"key": '`` in an object and ``""`` in an array."""

_SEPARATORS = (", ", ": ")


def pretty_json(value: Any, *, indent: int = 2, width: int = 120) -> str:
    """*value* as JSON; an array or object is written on one line when it fits in *width* columns or holds
    nothing but numbers and nulls (a table row of plain cells). Object keys are strings (as in every document).

    >>> print(pretty_json({"row": {"a_long_column_name": 12345, "another_long_column": None}}, width=20))
    {
      "row": {"a_long_column_name": 12345, "another_long_column": null}
    }
    >>> print(pretty_json({"table4": {"review": {"upheld": 1, "total": 2}}, "notes": ["长" * 60]}, width=60))
    {
      "table4": {"review": {"upheld": 1, "total": 2}},
      "notes": [
        "长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长"
      ]
    }
    """
    out: list[str] = []
    _layout(_node(value), indent, width, 0, 0, out)
    return "".join(out)


def _numbers_only(items: Any) -> bool:
    return all(item is None or isinstance(item, (int, float)) for item in items)


def _text(node: _Node) -> str:
    return node if isinstance(node, str) else node[0]


def _node(value: Any) -> _Node:
    """*value* serialised once: its one-line text, with its members' nodes when it may have to be split."""
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if kind is int:
        return int.__repr__(value)
    if value is None:
        return "null"
    if isinstance(value, dict):
        if _numbers_only(value.values()):  # includes {}: never split, so one C-level dumps is its text
            return json.dumps(value, ensure_ascii=False, separators=_SEPARATORS)
        members: list[tuple[str, _Node]] = []
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(f"object keys must be strings, got {type(key).__name__} {key!r}")
            members.append((encode_basestring(key) + ": ", _node(item)))
        return "{" + ", ".join([head + _text(node) for head, node in members]) + "}", members, True
    if isinstance(value, list):
        if _numbers_only(value):
            return json.dumps(value, ensure_ascii=False, separators=_SEPARATORS)
        members = [("", _node(item)) for item in value]
        return "[" + ", ".join([_text(node) for _, node in members]) + "]", members, False
    return json.dumps(value, ensure_ascii=False, separators=_SEPARATORS)  # bool, float, tuple...: as json does


def _layout(node: _Node, indent: int, width: int, level: int, used: int, out: list[str]) -> None:
    """Append *node* to *out*: on one line if it fits after *used* columns at *level*, else a member per line."""
    if isinstance(node, str):
        out.append(node)
        return
    text, members, is_object = node
    if level * indent + used + len(text) <= width:
        out.append(text)
        return
    pad = " " * (indent * (level + 1))
    out.append("{\n" if is_object else "[\n")
    for index, (head, member) in enumerate(members):
        out.append((",\n" + pad if index else pad) + head)
        _layout(member, indent, width, level + 1, len(head), out)
    out.append("\n" + " " * (indent * level) + ("}" if is_object else "]"))
