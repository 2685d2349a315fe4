"""Readable JSON text: nested like ``json.dumps(indent=...)``, but a value that fits on one line stays on one."""

from __future__ import annotations

import json
from typing import Any

__all__ = ["pretty_json"]


def pretty_json(value: Any, *, indent: int = 2, width: int = 120) -> str:
    """*value* as JSON; an array or object is written on one line when it fits in *width* columns or holds
    nothing but numbers and nulls (a table row of plain cells).

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
    return _dump(value, indent, width, 0, 0)


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def _values(value: dict[str, Any] | list[Any]) -> list[Any]:
    return list(value.values()) if isinstance(value, dict) else value


def _dump(value: Any, indent: int, width: int, level: int, used: int) -> str:
    text = _compact(value)
    if not isinstance(value, (dict, list)) or not value or level * indent + used + len(text) <= width:
        return text
    if all(item is None or isinstance(item, (int, float)) for item in _values(value)):
        return text
    pad = " " * (indent * (level + 1))
    if isinstance(value, dict):
        items = []
        for key, item in value.items():
            head = json.dumps(key, ensure_ascii=False) + ": "
            items.append(pad + head + _dump(item, indent, width, level + 1, len(head)))
        open_, close = "{", "}"
    else:
        items = [pad + _dump(item, indent, width, level + 1, 0) for item in value]
        open_, close = "[", "]"
    return open_ + "\n" + ",\n".join(items) + "\n" + " " * (indent * level) + close
