"""The exception hierarchy.

Exceptions are for unusable input and API misuse only; problems *in the data* of a report are
returned as :class:`~gov_disclosure.findings.Finding` values and never raised.
"""

from __future__ import annotations

__all__ = [
    "GovDisclosureError",
    "MissingDependencyError",
    "ModelError",
    "NotAReportError",
    "UnsupportedFormatError",
    "UnsupportedInputError",
]


class GovDisclosureError(Exception):
    """Base class of every exception this library raises on purpose."""


class ModelError(GovDisclosureError, ValueError):
    """A report or table was built with an unknown key or a value of the wrong type.

    ``key`` names the offending place, e.g. ``"table3.granted.total"``.
    """

    def __init__(self, key: str, message: str) -> None:
        super().__init__(f"{key}: {message}")
        self.key = key
        self.message = message


class NotAReportError(GovDisclosureError, ValueError):
    """The input is not a 政府信息公开工作年度报告 (no report title, section headings or table labels)."""


class UnsupportedFormatError(GovDisclosureError, ValueError):
    """The report predates the national formats (report years before 2019 had no unified tables, format-spec §4)."""


class UnsupportedInputError(GovDisclosureError, ValueError):
    """No input reader recognises the input's form."""


class MissingDependencyError(GovDisclosureError, ImportError):
    """Reading this input form needs an optional extra that is not installed (defined here, below every layer
    that may need an extra: the readers, and the normaliser for traditional characters; also importable from
    :mod:`gov_disclosure.readers.errors`).

    ``extra`` names it: ``pip install "gov-disclosure[pdf]"``.
    """

    def __init__(self, form: str, module: str, extra: str) -> None:
        super().__init__(f'reading {form} input needs the {module!r} package: pip install "gov-disclosure[{extra}]"')
        self.form = form
        self.module = module
        self.extra = extra
