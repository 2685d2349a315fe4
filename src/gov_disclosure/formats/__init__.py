"""Format-version adapters: build a :class:`~gov_disclosure.model.Report` from a ``RawDocument``.

The contract adapters meet is :mod:`gov_disclosure.formats._protocol`; built-in and third-party adapters are
collected by :mod:`gov_disclosure.formats._registry`. :mod:`gov_disclosure.formats.grid` reads the statutory
tables from grids with known cell boundaries (HTML, DOCX, PDF).
"""
