"""Strings in a workbook: lossless escaping of characters XML cannot hold, and safe sheet names.

OOXML (ECMA-376 Part 1, §22.9.2.19 ``ST_Xstring``) writes a character that XML cannot hold as ``_xHHHH_`` and a
literal ``_xHHHH_`` as ``_x005F_xHHHH_``; Excel reads both back. openpyxl does neither, so this module does it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["MAX_SHEET_TITLE", "escape", "safe_sheet_title", "unescape"]

_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}_)")
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")

MAX_SHEET_TITLE = 31
"""Excel's limit on the length of a sheet name."""
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f\ud800-\udfff\ufffe\uffff]")


def escape(text: str) -> str:
    r"""*text* with the characters a worksheet cannot hold written as ``_xHHHH_``.

    >>> escape("a\x01b"), escape("_x0041_")
    ('a_x0001_b', '_x005F_x0041_')
    >>> unescape(escape("a\x01b_x0041_\ufffe")) == "a\x01b_x0041_\ufffe"
    True
    """
    return _UNSAFE.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


def unescape(text: str) -> str:
    """The inverse of :func:`escape` (and how Excel reads ``_xHHHH_``).

    >>> unescape("_x000D_"), unescape("_x005F_x0041_")
    ('\\r', '_x0041_')
    """
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text)


def safe_sheet_title(wanted: str, taken: Iterable[str], *, fallback: str = "报告") -> str:
    """A sheet name Excel accepts: at most 31 characters, none of ``[]:*?/\\``, not starting or ending with
    ``'``, not ``History``, and unique (case-insensitively) among *taken*.

    >>> safe_sheet_title("2024 某局[试点]: 表*", ())
    '2024 某局(试点)_ 表_'
    >>> safe_sheet_title("cells", ("cells",))
    'cells (2)'
    >>> len(safe_sheet_title("很" * 40, ()))
    31
    """
    title = _SHEET_FORBIDDEN.sub("_", wanted.replace("[", "(").replace("]", ")")).strip().strip("'").strip()
    if not title or title.lower() == "history":
        title = fallback
    used = {name.lower() for name in taken}
    candidate = title[:MAX_SHEET_TITLE].rstrip("'")
    number = 1
    while candidate.lower() in used:
        number += 1
        suffix = f" ({number})"
        candidate = title[: MAX_SHEET_TITLE - len(suffix)].rstrip("'") + suffix
    return candidate
