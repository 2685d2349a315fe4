"""Cell and number encoding: compact, lossless, and exact for money.

Numbers: an ``int`` is a JSON integer; a ``Decimal`` is a JSON **string** holding its exact text
(``"96171.6"``), so no reader ever rounds it through a float. On reading, a string must be a decimal
literal; a JSON number with a fraction or exponent is also accepted and read exactly as a ``Decimal``
(:func:`~gov_disclosure.serializers.json.loads` parses JSON numbers with ``Decimal``), but a Python ``float``
handed to :func:`~gov_disclosure.serializers.json.from_dict` is refused, since it is no longer exact.

Cells: the *bare* form is used when nothing but the value needs saying —

* a JSON integer (or decimal string) for a number/zero cell whose raw text is the value's canonical text
  (``str(value)``) and which has no annotation, unit or source;
* ``null`` for a blank cell with empty raw text and no source.

Every other cell is an object ``{"kind", "value", "raw", "annotation", "unit", "source", "completed_from"}``;
``value`` is present only for number/zero cells, ``raw`` only when it differs from the canonical text
(``str(value)``, or ``""`` for cells without a value), ``annotation``/``unit``/``source``/``completed_from`` only when
set. A cell of a row the report does not print is ``{"kind": "not_printed"}``; a value completed from an identity
(a row printed with fewer numbers than columns) names it: ``{"kind": "zero", "value": 0, "raw": "",
"completed_from": "T3.RESULTS_SUM:natural_person"}``. ``kind`` is always
written; when reading it may be left out if the value implies it (a value → number/zero, no value → blank).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from gov_disclosure.model.cells import Cell, CellKind, Number
from gov_disclosure.model.source import SourceLocation
from gov_disclosure.serializers.json.paths import PathError

__all__ = ["CELL_KEYS", "DECIMAL_PATTERN", "decode_cell", "decode_number", "encode_cell", "encode_number"]

DECIMAL_PATTERN = r"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$"
"""The decimal strings a document may hold (what :class:`~decimal.Decimal` writes for finite values)."""
_DECIMAL = re.compile(DECIMAL_PATTERN)

CELL_KEYS = ("kind", "value", "raw", "annotation", "unit", "source", "completed_from")
"""The keys of a cell object, in the order they are written."""


def encode_number(value: Number) -> int | str:
    """``int`` → itself; ``Decimal`` → its exact text.

    >>> encode_number(22), encode_number(Decimal("96171.60"))
    (22, '96171.60')
    """
    return str(value) if isinstance(value, Decimal) else value


def decode_number(data: object) -> Number:
    """The inverse of :func:`encode_number`; raises :class:`PathError` for anything else.

    >>> decode_number(22), decode_number("96171.60"), decode_number(Decimal("1.5"))
    (22, Decimal('96171.60'), Decimal('1.5'))
    >>> decode_number(1.5)
    Traceback (most recent call last):
    ...
    gov_disclosure.serializers.json.paths.PathError: expected an integer or a decimal string such as "96171.6", \
got float 1.5 (a float is not exact)
    """
    if isinstance(data, bool):
        raise PathError(f"expected a number, got {str(data).lower()}")
    if isinstance(data, int):
        return data
    if isinstance(data, Decimal):
        if not data.is_finite():
            raise PathError(f"expected a finite number, got {data}")
        return data
    if isinstance(data, str):
        if _DECIMAL.match(data):
            try:
                return Decimal(data)
            except InvalidOperation:  # pragma: no cover - the pattern admits only valid literals
                pass
        raise PathError(f'expected a decimal string such as "96171.6", got {data!r}')
    suffix = " (a float is not exact)" if isinstance(data, float) else ""
    raise PathError(
        f'expected an integer or a decimal string such as "96171.6", got {type(data).__name__} {data!r}{suffix}'
    )


def _canonical_raw(cell: Cell) -> str:
    return "" if cell.value is None else str(cell.value)


def encode_cell(cell: Cell, encode_source: Callable[[SourceLocation], Any]) -> Any:
    """The bare form when it says everything, else the object form (see the module docstring).

    >>> encode_cell(Cell.of(22), repr), encode_cell(Cell.blank(), repr)
    (22, None)
    >>> encode_cell(Cell.of(22, raw="22（其中修订16件）", annotation="其中修订16件"), repr)
    {'kind': 'number', 'value': 22, 'raw': '22（其中修订16件）', 'annotation': '其中修订16件'}
    >>> encode_cell(Cell.not_applicable("/"), repr)
    {'kind': 'not_applicable', 'raw': '/'}
    >>> encode_cell(Cell.not_printed(), repr)
    {'kind': 'not_printed'}
    >>> encode_cell(Cell.completed(0, "T3.RESULTS_SUM:other"), repr)
    {'kind': 'zero', 'value': 0, 'raw': '', 'completed_from': 'T3.RESULTS_SUM:other'}
    """
    plain = cell.raw == _canonical_raw(cell) and cell.annotation is None and cell.unit is None and cell.source is None
    if plain and cell.value is not None:
        return encode_number(cell.value)
    if plain and cell.kind is CellKind.BLANK:
        return None
    out: dict[str, Any] = {"kind": cell.kind.value}
    if cell.value is not None:
        out["value"] = encode_number(cell.value)
    if cell.raw != _canonical_raw(cell):
        out["raw"] = cell.raw
    if cell.annotation is not None:
        out["annotation"] = cell.annotation
    if cell.unit is not None:
        out["unit"] = cell.unit
    if cell.source is not None:
        out["source"] = encode_source(cell.source)
    if cell.completed_from is not None:
        out["completed_from"] = cell.completed_from
    return out


_KINDS = {kind.value: kind for kind in CellKind}
_CELL_KEY_SET = frozenset(CELL_KEYS)


def decode_cell(data: object, decode_source: Callable[[object], SourceLocation]) -> Cell:
    """The inverse of :func:`encode_cell`; raises :class:`PathError` (path relative to the cell).

    >>> decode_cell(22, repr) == Cell.of(22)
    True
    >>> decode_cell({"value": 22, "annotation": "其中修订16件", "raw": "22（其中修订16件）"}, repr).annotation
    '其中修订16件'
    >>> completed = {"kind": "zero", "value": 0, "raw": "", "completed_from": "T3.ROW_SUM:granted"}
    >>> decode_cell(completed, repr).completed_from
    'T3.ROW_SUM:granted'
    >>> decode_cell({"kind": "zero", "value": 3}, repr)
    Traceback (most recent call last):
    ...
    gov_disclosure.serializers.json.paths.PathError: kind zero does not match value 3
    """
    if data is None:
        return Cell.blank()
    if type(data) is int:
        return Cell.of(data)
    if type(data) is dict:
        plain = _plain_cell(data, decode_source)
        if plain is not None:
            return plain
    return decode_cell_checked(data, decode_source)


def decode_cell_checked(data: object, decode_source: Callable[[object], SourceLocation]) -> Cell:
    """:func:`decode_cell` without its fast path: every field checked in turn (what the fast path must equal)."""
    if data is None:
        return Cell.blank()
    if isinstance(data, str) and not _DECIMAL.match(data):
        as_text = json.dumps({"kind": "text", "raw": data}, ensure_ascii=False)
        raise PathError(
            f"expected a number, null or a cell object, got {data!r}; write text as {as_text} "
            'or a mark as {"kind": "not_applicable", "raw": "/"}'
        )
    if not isinstance(data, Mapping):
        return Cell.of(decode_number(data))
    unknown = [k for k in data if k not in CELL_KEYS]
    if unknown:
        raise PathError(f"unknown key {unknown[0]!r}; a cell object has {', '.join(CELL_KEYS)}", (str(unknown[0]),))
    value = _field(data, "value", decode_number, None)
    kind_text = _field(data, "kind", _string, None)
    if kind_text is None:
        kind = CellKind.BLANK if value is None else (CellKind.ZERO if value == 0 else CellKind.NUMBER)
    elif kind_text in _KINDS:
        kind = _KINDS[kind_text]
    else:
        raise PathError(f"unknown cell kind {kind_text!r}; expected one of {', '.join(_KINDS)}", ("kind",))
    raw = _field(data, "raw", _string, None)
    annotation = _field(data, "annotation", _string, None)
    unit = _field(data, "unit", _string, None)
    source = _field(data, "source", decode_source, None)
    completed_from = _field(data, "completed_from", _string, None)
    try:
        return Cell(
            kind=kind,
            value=value,
            raw=("" if value is None else str(value)) if raw is None else raw,
            annotation=annotation,
            unit=unit,
            source=source,
            completed_from=completed_from,
        )
    except (TypeError, ValueError) as exc:
        raise PathError(str(exc)) from None


_TEXT_KEYS = ("raw", "annotation", "unit", "completed_from")


def _plain_cell(data: dict[str, Any], decode_source: Callable[[object], SourceLocation]) -> Cell | None:
    """The fast path of :func:`decode_cell`: a cell object as this library writes it (``kind`` given, an integer
    value, strings, a source), built directly; None for anything else, which the checking path reads (or refuses
    with the path of the problem)."""
    kind = _KINDS.get(data.get("kind"))  # type: ignore[arg-type]
    value = data.get("value")
    if kind is None or (value is not None and type(value) is not int) or not data.keys() <= _CELL_KEY_SET:
        return None
    if any(data.get(key) is not None and type(data[key]) is not str for key in _TEXT_KEYS):
        return None
    raw = data.get("raw")
    source = data.get("source")
    try:
        return Cell(
            kind=kind,
            value=value,
            raw=("" if value is None else str(value)) if raw is None else raw,
            annotation=data.get("annotation"),
            unit=data.get("unit"),
            source=None if source is None else decode_source(source),
            completed_from=data.get("completed_from"),
        )
    except Exception:  # the checking path raises it again, with its path
        return None


def _string(data: object) -> str:
    if not isinstance(data, str):
        raise PathError(f"expected a string, got {type(data).__name__} {data!r}")
    return data


def _field(data: Mapping[str, object], key: str, decode: Callable[[object], Any], default: Any) -> Any:
    if key not in data or data[key] is None:
        return default
    try:
        return decode(data[key])
    except PathError as exc:
        raise PathError(exc.message, (key, *exc.path)) from exc.__cause__
    except Exception as exc:
        raise PathError(str(exc), (key,)) from exc
