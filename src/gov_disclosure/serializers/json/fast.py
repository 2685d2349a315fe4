"""Fast paths for reading documents: data of exactly the expected plain types is built directly; anything else
goes through the validating cattrs hook, which gives the same object or raises naming the path of the problem.

A source location (every cell read from a file has one) is an object of optional strings and integers; cattrs'
generated hook dispatches on each field's ``Optional`` type for every one of them.
"""

from __future__ import annotations

import typing
from collections.abc import Callable
from typing import Any, TypeVar

import attrs

__all__ = ["plain_fields_first"]

T = TypeVar("T")


def plain_fields_first(cls: type[T], validating: Callable[[Any, Any], T]) -> Callable[[Any, Any], T]:
    """A structure hook for *cls* (an attrs class of optional ``str``/``int`` fields, all with defaults) that builds
    a ``dict`` of exactly those types directly and hands anything else to *validating*.

    >>> from gov_disclosure.model.source import SourceLocation
    >>> def validating(data, cl):
    ...     raise ValueError(f"validating {data}")
    >>> hook = plain_fields_first(SourceLocation, validating)
    >>> hook({"path": "r.txt", "line": 3}, SourceLocation)  # doctest: +NORMALIZE_WHITESPACE
    SourceLocation(path='r.txt', page=None, line=3, column=None, start=None, end=None, sheet=None, cell=None,
                   origin=None, box=None, confidence=None, readings=None)
    >>> hook({"line": "3"}, SourceLocation)
    Traceback (most recent call last):
    ...
    ValueError: validating {'line': '3'}
    """
    hints = typing.get_type_hints(cls)
    types: dict[str, type] = {}
    for field in attrs.fields(cls):  # type: ignore[arg-type]  # an attrs class, checked by attrs
        (kind,) = set(typing.get_args(hints[field.name])) - {type(None)}
        if kind not in (str, int) or field.default is not None:
            raise TypeError(f"{cls.__name__}.{field.name} is not an optional str or int")
        types[field.name] = kind

    def structure(data: Any, cl: Any) -> T:
        if type(data) is dict and all(
            key in types and (value is None or type(value) is types[key]) for key, value in data.items()
        ):
            return cls(**data)
        return validating(data, cl)

    return structure
