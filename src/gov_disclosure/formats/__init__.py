"""Format-version adapters: build a :class:`~gov_disclosure.model.Report` from a ``Document``.

The contract adapters meet is :mod:`gov_disclosure.formats._protocol`; built-in and third-party adapters are
collected by :mod:`gov_disclosure.formats._registry`. :mod:`gov_disclosure.formats.grid` reads the statutory
tables from grids with known cell boundaries (HTML, DOCX, PDF).
"""

from gov_disclosure.formats._protocol import AdapterOutput, FormatAdapter, InputReader
from gov_disclosure.formats._registry import (
    FORMAT_GROUP,
    READER_GROUP,
    AdapterError,
    Registry,
    default_registry,
    discover,
    register_reader,
    run_adapter,
    run_reader,
)

__all__ = [
    "FORMAT_GROUP",
    "READER_GROUP",
    "AdapterError",
    "AdapterOutput",
    "FormatAdapter",
    "InputReader",
    "Registry",
    "default_registry",
    "discover",
    "register_reader",
    "run_adapter",
    "run_reader",
]
