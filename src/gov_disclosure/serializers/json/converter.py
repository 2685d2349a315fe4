"""The cattrs converter for report documents, built by :func:`make_json_converter`.

All JSON decisions live here and in :mod:`~gov_disclosure.serializers.json.cells`, never in the model
(cattrs, "keep 'em separated"): cells use the compact lossless encoding, ``Decimal`` is an exact string,
``CellKey`` is ``"table3.granted.total"``, ``Severity`` is its name, absent rows and unset optional fields
are left out, unknown keys and wrong types are refused (detailed validation keeps the path of each problem).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

import attrs
import cattrs
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from gov_disclosure.findings import Finding, Severity, location_of
from gov_disclosure.model.cells import Cell
from gov_disclosure.model.formats import FormatSpec, format_specs
from gov_disclosure.model.keys import CellKey
from gov_disclosure.model.report import Report
from gov_disclosure.model.source import SourceLocation
from gov_disclosure.model.tables import TABLE_CLASSES
from gov_disclosure.model.versions import FormatVersion
from gov_disclosure.serializers.json.cells import decode_cell, decode_number, encode_cell, encode_number
from gov_disclosure.serializers.json.fast import plain_fields_first
from gov_disclosure.serializers.json.paths import PathError
from gov_disclosure.serializers.json.provenance import source_location_hooks

__all__ = ["make_json_converter"]


def make_json_converter() -> cattrs.Converter:
    """A new converter between the model and JSON-ready Python values (dicts, lists, str, int, None).

    >>> from gov_disclosure.model import Table4
    >>> conv = make_json_converter()
    >>> conv.unstructure(Table4.from_rows({"review": [1, 0, 0, 1, 2]}))
    {'review': {'upheld': 1, 'corrected': 0, 'other': 0, 'pending': 1, 'total': 2}}
    >>> t = conv.structure({"review": {"upheld": 1, "corrected": 0, "other": 0, "pending": 1, "total": 2}}, Table4)
    >>> t.review.total.value, t.litigation_direct
    (2, None)
    """
    conv = cattrs.Converter(omit_if_default=True, forbid_extra_keys=True, detailed_validation=True)

    conv.register_structure_hook(int, _strict(int, "an integer"))
    conv.register_structure_hook(str, _strict(str, "a string"))
    conv.register_unstructure_hook(Decimal, encode_number)
    for number_type in (int | Decimal, int | Decimal | None):
        conv.register_structure_hook(number_type, _number)

    conv.register_structure_hook_factory(attrs.has, lambda cl: _object_hook(make_dict_structure_fn(cl, conv)))
    # built once: each cell calls its source's hooks directly, not through the converter's dispatch
    unstructure_source, structure_source = source_location_hooks(
        make_dict_unstructure_fn(SourceLocation, conv, _cattrs_omit_if_default=True),
        plain_fields_first(SourceLocation, _object_hook(make_dict_structure_fn(SourceLocation, conv))),
    )
    conv.register_unstructure_hook(SourceLocation, unstructure_source)
    conv.register_structure_hook(SourceLocation, structure_source)

    def decode_source(data: object) -> SourceLocation:
        return structure_source(data, SourceLocation)

    conv.register_unstructure_hook(Cell, lambda cell: encode_cell(cell, unstructure_source))
    conv.register_structure_hook(Cell, lambda data, _: decode_cell(data, decode_source))
    conv.register_unstructure_hook(CellKey, str)
    conv.register_structure_hook(CellKey, _cell_key)
    conv.register_structure_hook_func(lambda t: t == FormatVersion, _format_version)
    conv.register_unstructure_hook(Severity, lambda severity: severity.name)
    conv.register_structure_hook(Severity, _severity)

    # each table by its own class: a registered format may keep a 表二 class of its own under ``table2``
    by_class: dict[str, Any] = dict.fromkeys(
        TABLE_CLASSES, override(unstruct_hook=lambda table: conv.unstructure(table, type(table)))
    )
    conv.register_unstructure_hook(
        Report,
        make_dict_unstructure_fn(
            Report,
            conv,
            _cattrs_omit_if_default=True,
            agency=override(omit_if_default=False),
            report_year=override(omit_if_default=False),
            sections=override(omit_if_default=False),
            **by_class,
        ),
    )
    conv.register_unstructure_hook(Finding, _finding_hook(conv))
    conv.register_structure_hook(Report, _report_hook(conv))
    return conv


def _finding_hook(conv: cattrs.Converter) -> Callable[[Finding], dict[str, Any]]:
    """Findings: unset fields left out, but ``outcome`` always and ``difference`` whenever there is one
    (readers of the JSON should not have to compute it)."""
    always = override(omit_if_default=False)
    base = make_dict_unstructure_fn(Finding, conv, _cattrs_omit_if_default=True, outcome=always)

    def unstructure(finding: Finding) -> dict[str, Any]:
        out = base(finding)
        if finding.cells:  # a location its cells imply is left out, as the model derives it again
            table, row = location_of(finding.cells)
            if "table" in out and out["table"] == table:
                del out["table"]
            if "row" in out and out["row"] == row and finding.table == table:
                del out["row"]
        if finding.difference is not None and "difference" not in out:
            out["difference"] = encode_number(finding.difference)
            order = [a.name for a in attrs.fields(Finding)]
            out = dict(sorted(out.items(), key=lambda item: order.index(item[0])))
        return out

    return unstructure


def _strict(kind: type, name: str) -> Callable[[object, type], Any]:
    """Refuse what cattrs would coerce (``"12"`` or ``12.7`` → ``12``, ``true`` → ``1``)."""

    def structure(data: object, _: type) -> Any:
        if type(data) is not kind:
            raise PathError(f"expected {name}, got {_describe(data)}")
        return data

    return structure


def _describe(data: object) -> str:
    if data is None:
        return "null"
    if isinstance(data, bool):
        return str(data).lower()
    if isinstance(data, Mapping):
        return "an object"
    if isinstance(data, (list, tuple)):
        return "an array"
    return f"{type(data).__name__} {data!r}"


def _number(data: object, _: object) -> Any:
    return None if data is None else decode_number(data)


def _cell_key(data: object, _: type) -> CellKey:
    if not isinstance(data, str):
        raise PathError(f'expected a cell key such as "table3.granted.total", got {_describe(data)}')
    return CellKey.parse(data)


def _format_version(data: object, _: object) -> FormatVersion:
    names = [spec.name for spec in format_specs()]
    if not isinstance(data, str) or data not in names:
        raise PathError(f"expected one of {', '.join(map(repr, names))}, got {_describe(data)}")
    return data


def _report_hook(conv: cattrs.Converter) -> Callable[[object, Any], Report]:
    """Reports: each table structured as the class its format has for it (a registered format may have a 表二
    class of its own under the key ``table2``); built once per format."""
    by_format: dict[FormatSpec, Callable[[Mapping[str, Any], Any], Report]] = {}
    plain = make_dict_structure_fn(Report, conv)

    def structure_table(cls: type) -> Callable[[object, Any], Any]:
        return lambda data, _: None if data is None else conv.structure(data, cls)

    def structure(data: object, cl: Any) -> Report:
        if not isinstance(data, Mapping):
            raise PathError(f"expected an object, got {_describe(data)}")
        spec = next((s for s in format_specs() if s.name == data.get("format_version")), None)
        own = {} if spec is None else {
            key: spec.table_class(key) for key in spec.table_keys if spec.table_class(key) is not TABLE_CLASSES[key]
        }
        if not own or spec is None:
            return plain(data, cl)
        fn = by_format.get(spec)
        if fn is None:
            overrides = {key: override(struct_hook=structure_table(cls)) for key, cls in own.items()}
            fn = by_format[spec] = make_dict_structure_fn(Report, conv, **overrides)  # type: ignore[arg-type]
        return fn(data, cl)

    return structure


def _severity(data: object, _: type) -> Severity:
    names = ", ".join(s.name for s in Severity)
    if not isinstance(data, str) or data not in Severity.__members__:
        raise PathError(f"expected a severity name ({names}), got {_describe(data)}")
    return Severity[data]


def _object_hook(inner: Callable[[Mapping[str, Any], Any], Any]) -> Callable[[object, Any], Any]:
    """Give "expected an object" instead of cattrs' ``AttributeError`` for non-objects."""

    def structure(data: object, cl: Any) -> Any:
        if not isinstance(data, Mapping):
            raise PathError(f"expected an object, got {_describe(data)}")
        return inner(data, cl)

    return structure
