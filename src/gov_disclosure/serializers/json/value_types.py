"""Each table cell's value is of its column's type (:class:`~gov_disclosure.model.layout.ValueType`).

A count (件) and a signed count (本年增/减) are JSON integers: ``12``, never ``"12"``, ``12.0``, ``1.5`` or ``1e3``
— a count read from text with a fraction is not a count, and a document that says one is refused rather than
rounded. Money is an exact decimal string (``"96171.60"``) or a JSON number (read exactly). A negative count is an
integer still: the reader keeps what an agency printed, and validation flags it (``CELL.NEGATIVE``), so a document
this library wrote always reads back.

Checked on the document as given, after it was structured, so every offending value is named by its JSON path.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

from gov_disclosure.model.layout import ValueType
from gov_disclosure.model.report import Report
from gov_disclosure.serializers.json.paths import Segment

__all__ = ["value_type_problems"]

_NAMES = {ValueType.COUNT: "a count", ValueType.SIGNED: "a signed count"}


def _shown(token: object) -> str:
    if isinstance(token, str):
        return f"the string {token!r}"
    if isinstance(token, Decimal):
        return f"the number {token}"
    return f"{type(token).__name__} {token!r}"


def value_type_problems(body: Mapping[str, Any], report: Report) -> Iterator[tuple[tuple[Segment, ...], str]]:
    """``(path, message)`` for every value in *body* (the document *report* was structured from) that is not of
    its column's type.

    >>> from gov_disclosure.model import Table4
    >>> report = Report(format_version="2021", table4=Table4.from_rows({"review": [1, 0, 0, 1, 2]}))
    >>> total = {"kind": "number", "value": Decimal("2.0")}
    >>> review = {"upheld": 1, "corrected": 0, "other": 0, "pending": "1", "total": total}
    >>> for path, message in value_type_problems({"table4": {"review": review}}, report):
    ...     print(path, message)
    ('table4', 'review', 'pending') a count is a JSON integer such as 12, got the string '1'
    ('table4', 'review', 'total', 'value') a count is a JSON integer such as 12, got the number 2.0
    """
    for spec, table in report.tables():
        raw_table = body.get(spec.key)
        if not isinstance(raw_table, Mapping):
            continue
        for row_key, row in table.iter_rows():
            raw_row = raw_table.get(row_key)
            if row is None or not isinstance(raw_row, Mapping):
                continue
            for column in spec.row(row_key).columns:
                if column.value_type is ValueType.MONEY:
                    continue
                path: tuple[Segment, ...] = (spec.key, row_key, column.key)
                token = raw_row.get(column.key)
                if isinstance(token, Mapping):
                    token, path = token.get("value"), (*path, "value")
                if token is None or (type(token) is int):
                    continue
                yield path, f"{_NAMES[column.value_type]} is a JSON integer such as 12, got {_shown(token)}"
