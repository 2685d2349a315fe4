"""The fast paths of reading a document give what the checking paths give: the same cell, or the same error."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gov_disclosure.model import SourceLocation
from gov_disclosure.serializers.json import make_json_converter
from gov_disclosure.serializers.json.cells import decode_cell, decode_cell_checked
from gov_disclosure.serializers.json.fast import plain_fields_first
from gov_disclosure.serializers.json.paths import PathError

_SCALARS = st.none() | st.booleans() | st.integers(-3, 3) | st.sampled_from(["", "3", "1.5", "x"])
_KINDS = st.sampled_from(["number", "zero", "blank", "not_applicable", "text", "not_printed", "bogus"])
_SOURCE = st.dictionaries(st.sampled_from(["path", "line", "page", "sheet", "colour"]), _SCALARS, max_size=3)
_CELL = st.fixed_dictionaries(
    {},
    optional={
        "kind": _KINDS | _SCALARS,
        "value": _SCALARS,
        "raw": _SCALARS,
        "annotation": _SCALARS,
        "unit": _SCALARS,
        "completed_from": _SCALARS,
        "source": st.none() | _SOURCE,
        "colour": _SCALARS,
    },
)

CONVERTER = make_json_converter()


def _source(data: object) -> SourceLocation:
    return CONVERTER.structure(data, SourceLocation)


def _outcome(decode: Any, data: object) -> object:
    try:
        cell = decode(data, _source)
    except PathError as exc:
        return ("error", exc.message, exc.path)
    return attrs.astuple(cell, recurse=False)


@settings(max_examples=400)
@given(_CELL)
def test_fast_cell_equals_checked_cell(data: dict[str, Any]) -> None:
    """Cell objects of plain and wrong types, unknown keys, kinds that contradict the value, sources."""
    assert _outcome(decode_cell, data) == _outcome(decode_cell_checked, data)


@settings(max_examples=200)
@given(_SOURCE)
def test_fast_source_equals_validating_source(data: dict[str, Any]) -> None:
    """A plain source location is built directly; anything else gets the validating hook's answer."""

    def validating(value: object, _: object) -> SourceLocation:
        raise PathError(f"refused {value!r}")

    hook = plain_fields_first(SourceLocation, validating)
    types = {"path": str, "sheet": str, "line": int, "page": int}
    plain = all(key in types and (value is None or type(value) is types[key]) for key, value in data.items())
    if plain:
        assert hook(data, SourceLocation) == SourceLocation(**data) == _source(data)
    else:
        with pytest.raises(PathError):
            hook(data, SourceLocation)
