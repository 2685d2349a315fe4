"""Safety limits for reading untrusted input: one :class:`Limits` value, shared by every input form.

A report is a few pages of text and three small tables; the defaults leave a wide margin around the largest
real reports and refuse what could only exhaust memory or time: an oversized file, a PDF of hundreds of pages, a
zip bomb posing as a Word file or a workbook, JSON nested thousands deep. Exceeding a limit raises
:class:`~gov_disclosure.errors.LimitExceededError` naming the limit and how to raise it; pass your own limits to
:func:`~gov_disclosure.loader.load`, :func:`~gov_disclosure.loader.read_bytes` and
:func:`~gov_disclosure.loader.read_text` (or ``--limit NAME=VALUE`` to the command line).

>>> from gov_disclosure.limits import Limits
>>> Limits().max_pdf_pages
100
>>> Limits(max_pdf_pages=500).max_pdf_pages
500
>>> Limits.from_options(["max_pdf_pages=500", "max_json_depth=128"]).max_json_depth
128
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterable
from typing import Any

import attrs
from attrs import frozen

from gov_disclosure.errors import LimitExceededError

__all__ = ["Limits", "check_size", "check_zip"]

_MiB = 1024 * 1024


@frozen(kw_only=True)
class Limits:
    """The limits every reader keeps to (see the "Security and limits" documentation page)."""

    max_text_bytes: int = 16 * _MiB
    """Size of a plain-text or markdown input (characters, for a ``str`` given to ``read_text``)."""
    max_html_bytes: int = 16 * _MiB
    """Size of an HTML page (or a script or JSON response holding one)."""
    max_json_bytes: int = 16 * _MiB
    """Size of a JSON document."""
    max_pdf_bytes: int = 64 * _MiB
    """Size of a PDF file."""
    max_docx_bytes: int = 32 * _MiB
    """Size of a Word ``.docx`` file."""
    max_xlsx_bytes: int = 32 * _MiB
    """Size of an XLSX workbook."""
    max_other_bytes: int = 64 * _MiB
    """Size of an input of a form a third-party reader reads."""
    max_pdf_pages: int = 100
    """Pages of a PDF."""
    max_pdf_inflated: int = 64 * _MiB
    """Total bytes of a PDF's streams (page contents, fonts, forms; not images) once inflated, measured before any
    page is read (a flate bomb inflates a few hundred kilobytes to hundreds of megabytes)."""
    max_members: int = 500
    """Zip members (parts) of a DOCX or XLSX file."""
    max_uncompressed: int = 64 * _MiB
    """Total uncompressed bytes of all members of a DOCX or XLSX file, as its zip directory declares them (Python's
    :mod:`zipfile` never inflates a member past its declared size)."""
    max_ratio: float = 200.0
    """Largest compression ratio of a zip member larger than :attr:`ratio_floor` (a zip bomb's is thousands)."""
    ratio_floor: int = _MiB
    """Zip members smaller than this (uncompressed) are not held to :attr:`max_ratio`."""
    max_table_rows: int = 2_000
    """Rows of one table of a web page or a Word file (a report's tables have about 30; a page laid out as one
    table, a few hundred). Counted before any cell is read."""
    max_rows: int = 10_000
    """Rows of one worksheet of a workbook (declared or streamed)."""
    max_columns: int = 256
    """Columns of one worksheet of a workbook (declared or streamed)."""
    max_json_depth: int = 64
    """Nesting of arrays and objects in a JSON document (this library's documents nest 5 deep)."""

    def max_bytes(self, form: str) -> tuple[str, int]:
        """The name and value of the size limit for an input of *form* (a reader's name).

        >>> Limits().max_bytes("markdown")
        ('max_text_bytes', 16777216)
        """
        name = f"max_{_SIZE_FORMS.get(form, 'other')}_bytes"
        return name, int(getattr(self, name))

    @classmethod
    def from_options(cls, options: Iterable[str], base: Limits | None = None) -> Limits:
        """*base* (the defaults) with ``NAME=VALUE`` settings applied, as given to ``--limit`` on the command line.

        >>> Limits.from_options(["max_ratio=500"]).max_ratio
        500.0
        >>> Limits.from_options(["max_pages=3"])  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        ValueError: unknown limit 'max_pages'; the limits are: max_text_bytes, max_html_bytes, ..., max_json_depth
        """
        limits = base or cls()
        fields = {field.name: field for field in attrs.fields(cls)}
        changes: dict[str, Any] = {}
        for option in options:
            name, _, value = option.partition("=")
            name = name.strip().replace("-", "_")
            if name not in fields:
                raise ValueError(f"unknown limit {name!r}; the limits are: {', '.join(fields)}")
            kind = float if fields[name].type in (float, "float") else int
            try:
                number = kind(value.strip().replace("_", ""))
            except ValueError:
                raise ValueError(f"limit {name}: {value.strip()!r} is not a number (write {name}=VALUE)") from None
            if number <= 0:
                raise ValueError(f"limit {name}: must be positive, got {value.strip()}")
            changes[name] = number
        return attrs.evolve(limits, **changes)


_SIZE_FORMS = {form: form for form in ("text", "html", "json", "pdf", "docx", "xlsx")} | {"markdown": "text"}
"""The size limit of each built-in reader's form (by the reader's name): ``max_FORM_bytes``."""


def check_size(size: int, form: str, limits: Limits, *, name: str | None = None) -> None:
    """Refuse an input of *size* bytes of *form* when it exceeds its size limit.

    >>> check_size(100, "pdf", Limits(max_pdf_bytes=10), name="a.pdf")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    gov_disclosure.errors.LimitExceededError: a.pdf: 100 bytes; at most 10 are read for a pdf input (...
    """
    limit, maximum = limits.max_bytes(form)
    if size > maximum:
        what = name or "input"
        raise LimitExceededError(f"{what}: {size} bytes; at most {maximum} are read for a {form} input", limit=limit)


ZipError = Callable[[str, str], Exception]
"""Makes the error to raise from a message and the name of the limit exceeded."""


def _limit_error(message: str, limit: str) -> Exception:
    return LimitExceededError(message, limit=limit)


def check_zip(archive: zipfile.ZipFile, limits: Limits, *, name: str, error: ZipError = _limit_error) -> None:
    """Refuse a zip *archive* (a DOCX or XLSX file) whose directory exceeds *limits*: member count, total
    uncompressed size, compression ratio. Raises what *error* makes (:class:`LimitExceededError` by default)."""
    members = archive.infolist()
    if len(members) > limits.max_members:
        raise error(f"{name} has {len(members)} zip members; at most {limits.max_members} are read", "max_members")
    total = 0
    for member in members:
        total += member.file_size
        if member.file_size > limits.ratio_floor:
            ratio = member.file_size / max(member.compress_size, 1)
            if ratio > limits.max_ratio:
                raise error(
                    f"{name}: member {member.filename} inflates {ratio:.0f}-fold ({member.file_size} bytes); "
                    f"refusing a possible zip bomb (at most {limits.max_ratio:.0f}-fold)",
                    "max_ratio",
                )
    if total > limits.max_uncompressed:
        raise error(f"{name} inflates to {total} bytes; at most {limits.max_uncompressed} are read", "max_uncompressed")
