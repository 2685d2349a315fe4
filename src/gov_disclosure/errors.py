"""The exception hierarchy.

Exceptions are for unusable input and API misuse only; problems *in the data* of a report are
returned as :class:`~gov_disclosure.findings.Finding` values and never raised.
"""

from __future__ import annotations

__all__ = [
    "GovDisclosureError",
    "LimitExceededError",
    "MissingDependencyError",
    "ModelError",
    "NotAFileError",
    "NotAReportError",
    "UnsafeInputError",
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


class NotAFileError(UnsupportedInputError):
    """:func:`~gov_disclosure.loader.load` was given a folder: :func:`~gov_disclosure.loader.load_all` reads every
    report in one."""


class MissingDependencyError(GovDisclosureError, ImportError):
    """Reading this input form needs an optional extra that is not installed (defined here, below every layer
    that may need an extra: the readers, and the normaliser for traditional characters; also importable from
    :mod:`gov_disclosure.readers.errors`).

    ``extra`` names it: ``pip install "gov-disclosure[pdf]"``.
    """

    def __init__(self, form: str, module: str, extra: str, *, purpose: str | None = None) -> None:
        doing = purpose or f"reading {form} input"  # *purpose*: what needs it, when not reading an input form
        super().__init__(f'{doing} needs the {module!r} package: pip install "gov-disclosure[{extra}]"')
        self.form = form
        self.module = module
        self.extra = extra


class UnsafeInputError(GovDisclosureError, ValueError):
    """The input was refused before it could exhaust memory or time or reach outside itself: it exceeds a limit
    (:class:`LimitExceededError`), or its XML declares a DTD or entities (billion laughs, external entities).
    See the "Security and limits" page of the documentation."""


class LimitExceededError(UnsafeInputError):
    """The input exceeds one of the :class:`~gov_disclosure.limits.Limits`.

    ``limit`` names the limit (a field of :class:`~gov_disclosure.limits.Limits`); the message says how to raise
    it.

    >>> error = LimitExceededError("the PDF has 900 pages; at most 100 are read", limit="max_pdf_pages")
    >>> error.limit
    'max_pdf_pages'
    >>> print(str(error).replace(" (", "\\n("))
    the PDF has 900 pages; at most 100 are read
    (limit max_pdf_pages: raise it with Limits(max_pdf_pages=...), or --limit max_pdf_pages=... on the command line)
    """

    def __init__(self, message: str, *, limit: str = "") -> None:
        # *limit* defaults to "" only for a subclass that formats its own message and sets ``limit`` itself
        super().__init__(f"{message} ({how_to_raise(limit)})" if limit else message)
        self.limit = limit


def how_to_raise(limit: str) -> str:
    """What an error says about raising the limit named *limit*."""
    return f"limit {limit}: raise it with Limits({limit}=...), or --limit {limit}=... on the command line"
