"""A document names the file it was read from once (schema_version 1.1).

Every cell read from a file carries a :class:`~gov_disclosure.model.SourceLocation` whose ``path`` is, nearly
always, the report's own ``source.path``; written out in every cell it was a third of a compact document. So a
source location in a document leaves out a ``path`` equal to the document's ``source.path``, writes
``"path": null`` for a location without a path (so that it is not read as the document's), and writes any other
path as it is. Reading a 1.1 document fills the left-out paths back in, so the report read equals, provenance
included, the report written. A 1.0 document (a path in every location) is read as it was written.

The document's path is handed to the converter's :class:`SourceLocation` hooks through a context variable set
only while :func:`~gov_disclosure.serializers.json.to_dict` or
:func:`~gov_disclosure.serializers.json.from_dict` works on one document (thread- and task-safe); the converter
used on its own writes and reads every path in full.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from gov_disclosure.model.source import SourceLocation

__all__ = ["document_path", "source_location_hooks"]

_DOCUMENT_PATH: ContextVar[str | None] = ContextVar("gov_disclosure_json_document_path", default=None)


@contextmanager
def document_path(path: str | None) -> Iterator[None]:
    """Within the block, source locations are written and read relative to the document's *path* (None: in full).

    >>> from gov_disclosure.serializers.json import make_json_converter
    >>> conv = make_json_converter()
    >>> here, elsewhere = SourceLocation(path="r.pdf", page=2), SourceLocation(page=3)
    >>> with document_path("r.pdf"):
    ...     conv.unstructure(here), conv.unstructure(elsewhere)
    ({'page': 2}, {'path': None, 'page': 3})
    >>> with document_path("r.pdf"):
    ...     conv.structure({"page": 2}, SourceLocation) == here
    True
    >>> conv.unstructure(here)
    {'path': 'r.pdf', 'page': 2}
    """
    token = _DOCUMENT_PATH.set(path)
    try:
        yield
    finally:
        _DOCUMENT_PATH.reset(token)


def source_location_hooks(
    unstructure: Callable[[SourceLocation], dict[str, Any]],
    structure: Callable[[Any, Any], SourceLocation],
) -> tuple[Callable[[SourceLocation], dict[str, Any]], Callable[[Any, Any], SourceLocation]]:
    """Wrap the converter's plain hooks for :class:`SourceLocation` (unset fields left out) with the rule above."""

    def unstructure_relative(location: SourceLocation) -> dict[str, Any]:
        out = unstructure(location)
        path = _DOCUMENT_PATH.get()
        if path is not None:
            if location.path == path:
                del out["path"]
            elif location.path is None:
                out = {"path": None, **out}
        return out

    def structure_relative(data: Any, cl: Any) -> SourceLocation:
        path = _DOCUMENT_PATH.get()
        if path is not None and isinstance(data, Mapping) and "path" not in data:
            data = {"path": path, **data}
        return structure(data, cl)

    return unstructure_relative, structure_relative
