"""The names of the national report formats (their specs: :mod:`gov_disclosure.model.formats`)."""

from __future__ import annotations

__all__ = ["FORMAT_VERSIONS", "FormatVersion"]

FormatVersion = str
"""The name of a registered format version (:func:`gov_disclosure.model.formats.format_spec`): ``"2019"``
(国办公开办函〔2019〕60号 试行 format, report years 2019–2020), ``"2021"`` (国办公开办函〔2021〕30号 format, report
years 2021 on), or a version registered with :func:`~gov_disclosure.model.formats.register_format_spec`."""

FORMAT_VERSIONS: tuple[FormatVersion, ...] = ("2019", "2021")
"""The built-in format versions, oldest first (every registered one: ``format_specs()``)."""
