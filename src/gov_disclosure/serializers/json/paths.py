"""Turn structuring failures (cattrs error trees, model errors) into JSONPaths such as ``$.table3.granted.total``."""

from __future__ import annotations

from collections.abc import Iterator

import attrs
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError

from gov_disclosure.errors import ModelError

__all__ = ["PathError", "format_path", "problems"]

Segment = str | int


class PathError(ValueError):
    """A problem at *path* (relative to the value being structured), optionally caused by a nested failure."""

    def __init__(self, message: str, path: tuple[Segment, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.path = path


def format_path(path: tuple[Segment, ...]) -> str:
    """``("table3", "granted", "total")`` → ``$.table3.granted.total``; indexes become ``[0]``.

    >>> format_path(("table3", "extra_rows", 0, "cells", 2))
    '$.table3.extra_rows[0].cells[2]'
    """
    out = "$"
    for segment in path:
        out += f"[{segment}]" if isinstance(segment, int) else f".{segment}"
    return out


def problems(exc: BaseException, prefix: tuple[Segment, ...] = ()) -> Iterator[tuple[tuple[Segment, ...], str]]:
    """Every leaf problem in *exc* as ``(path, message)``, depth first in document order."""
    if isinstance(exc, ClassValidationError):
        by_name, others = exc.group_exceptions()
        for sub, name_note in by_name:
            yield from problems(sub, (*prefix, name_note.name))
        for sub in others:
            yield from problems(sub, prefix)
    elif isinstance(exc, IterableValidationError):
        by_index, others = exc.group_exceptions()
        for sub, index_note in by_index:
            yield from problems(sub, (*prefix, index_note.index))
        for sub in others:
            yield from problems(sub, prefix)
    elif isinstance(exc, ForbiddenExtraKeysError):
        expected = ", ".join(_field_names(exc.cl))
        for key in sorted(exc.extra_fields):
            yield (*prefix, key), f"unknown key {key!r}; expected one of {expected}"
    elif isinstance(exc, PathError):
        if exc.__cause__ is not None:
            yield from problems(exc.__cause__, (*prefix, *exc.path))
        else:
            yield (*prefix, *exc.path), exc.message
    elif isinstance(exc, ModelError):
        yield (*prefix, *exc.key.split(".")), exc.message
    elif isinstance(exc, KeyError):
        yield prefix, "required key missing"
    else:
        yield prefix, str(exc) or type(exc).__name__


def _field_names(cl: type) -> tuple[str, ...]:
    return tuple(a.name for a in attrs.fields(cl)) if attrs.has(cl) else ()
