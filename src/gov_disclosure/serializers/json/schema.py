"""The JSON Schema (draft 2020-12) of report documents, generated from :mod:`gov_disclosure.model.layout`.

Tables, rows, columns and their official labels come from the layout; sections from
:data:`~gov_disclosure.model.report.SECTION_TITLES`; provenance objects from the attrs fields of
:class:`~gov_disclosure.model.source.SourceLocation` and :class:`~gov_disclosure.model.source.SourceInfo`.
So the schema cannot drift from the model. It describes structure and encoding, not data quality: a negative
count or a failing identity is a finding of the validator, not a schema violation.
"""

from __future__ import annotations

import json
import typing
from typing import Any

import attrs

from gov_disclosure.findings import Finding, Outcome, Severity
from gov_disclosure.model.cells import CellKind
from gov_disclosure.model.formats import format_specs
from gov_disclosure.model.layout import RowSpec, TableSpec, ValueType
from gov_disclosure.model.report import SECTION_TITLES
from gov_disclosure.model.source import SourceInfo, SourceLocation
from gov_disclosure.model.tables import TABLE_CLASSES
from gov_disclosure.serializers.json.cells import DECIMAL_PATTERN
from gov_disclosure.serializers.json.document import READABLE_SCHEMA_VERSIONS, SCHEMA_VERSION

__all__ = ["SCHEMA_ID", "json_schema"]

SCHEMA_ID = f"urn:gov-disclosure:report-document:{SCHEMA_VERSION}"
"""The ``$id`` of the schema."""

_CELL_KEY_PATTERN = r"^(?:\$\.)?[^.]+\.[^.]+\.[^.]+$"


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/$defs/{name}"}


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


def _simple_object(cls: type, description: str) -> dict[str, Any]:
    """An object of the optional ``str``/``int`` fields of the attrs class *cls*."""
    hints = typing.get_type_hints(cls)
    properties: dict[str, Any] = {}
    for field in attrs.fields(cls):
        args = set(typing.get_args(hints[field.name])) - {type(None)}
        json_type = "integer" if args == {int} else "string"
        properties[field.name] = {"type": [json_type, "null"]}
    return {"type": "object", "description": description, "properties": properties, "additionalProperties": False}


def _row(spec: RowSpec) -> dict[str, Any]:
    columns = {
        c.key: {
            **_ref("cell" if c.value_type is ValueType.MONEY else "count_cell"),
            "title": c.label,
            "description": _column_description(c.value_type.value, c.unit),
        }
        for c in spec.columns
    }
    return {
        "title": spec.full_label,
        "type": ["object", "null"],
        "properties": columns,
        "required": [c.key for c in spec.columns],
        "additionalProperties": False,
    }


def _column_description(value_type: str, unit: str | None) -> str:
    text = {
        "count": "A count (件): a JSON integer, never a string or a number with a fraction or exponent.",
        "signed": "A signed count (本年增/减): a JSON integer.",
        "money": 'A money amount, exact: a decimal string such as "96171.6".',
    }[value_type]
    return text if unit is None else f"{text} Unit in the header: {unit}."


def _tables() -> dict[str, tuple[TableSpec, tuple[str, ...]]]:
    """Every table key of the registered formats: its layout (rows of every format that has a table of that key,
    in layout order) and those formats' names."""
    found: dict[str, tuple[TableSpec, tuple[str, ...]]] = {}
    for spec in format_specs():
        for table in spec.tables:
            if table.key not in found:
                found[table.key] = (table, (spec.name,))
                continue
            known, names = found[table.key]
            extra = tuple(row for row in table.rows if all(row.key != r.key for r in known.rows))
            found[table.key] = (attrs.evolve(known, rows=(*known.rows, *extra)), (*names, spec.name))
    order = list(TABLE_CLASSES)  # the report's attribute order
    return dict(sorted(found.items(), key=lambda item: order.index(item[0]) if item[0] in order else len(order)))


def _table(spec: TableSpec, versions: tuple[str, ...]) -> dict[str, Any]:
    properties: dict[str, Any] = {row.key: _row(row) for row in spec.rows}
    if spec.key != "table4":
        properties["extra_rows"] = {
            "description": "Rows the official form does not have, kept rather than dropped.",
            "type": "array",
            "items": _ref("extra_row"),
        }
    return {
        "title": f"表{spec.number} {spec.title}",
        "description": f"Format {'、'.join(versions)}. Rows by key; an absent row is omitted or null, never zeros.",
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }


def _version_rules(tables: dict[str, tuple[TableSpec, tuple[str, ...]]]) -> list[dict[str, Any]]:
    """Per format: the tables of other formats and the rows of its tables it lacks must be absent (or null) — but for
    a row the format splits into parts (:meth:`FormatSpec.collapsible`), which it may print as one row when its
    parts are rows of cells not printed."""
    rules = []
    for spec in format_specs():
        absent: dict[str, Any] = {key: {"type": "null"} for key in tables if key not in spec.table_keys}
        for key in spec.table_keys:
            has = {row.key for row in spec.rows(key)}
            collapsible = spec.collapsible(key)
            missing = {
                row.key: {"type": "null"}
                for row in tables[key][0].rows
                if row.key not in has and row.key not in collapsible
            }
            rule: dict[str, Any] = {"properties": missing} if missing else {}
            if collapsible:
                rule["allOf"] = [
                    {
                        "anyOf": [
                            {"properties": {whole: {"type": "null"}}},
                            {"properties": {p: _ref("not_printed_row") for p in parts}, "required": list(parts)},
                        ]
                    }
                    for whole, parts in collapsible.items()
                ]
            if rule:
                absent[key] = rule
        rules.append(
            {
                "if": {"properties": {"format_version": {"const": spec.name}}, "required": ["format_version"]},
                "then": {"properties": absent},
            }
        )
    return rules


def _cell_defs() -> dict[str, Any]:
    valueless = [k.value for k in CellKind if k not in (CellKind.NUMBER, CellKind.ZERO)]
    return {
        "decimal": {
            "description": "An exact decimal number written as a string (money is never a float).",
            "type": "string",
            "pattern": DECIMAL_PATTERN,
        },
        "number": {
            "description": "An integer, or an exact decimal (a decimal string; a JSON number is also read exactly).",
            "anyOf": [{"type": "number"}, _ref("decimal")],
        },
        "cell": {
            "description": (
                "A table cell: a bare number (its raw text is the number's canonical text), null (blank, nothing "
                "printed), or an object with kind, value, raw text, annotation, unit, source and the identity a value "
                "was completed from (kind not_printed: the report does not print the cell's row)."
            ),
            "anyOf": [{"type": "null"}, _ref("number"), _ref("cell_object")],
        },
        "count_cell": {
            "description": (
                "A cell of a count column: as a cell, but its value is a JSON integer (12; never \"12\", 12.0, 1.5 or "
                "1e3 — the reader refuses those, and JSON Schema's integer admits 12.0). A negative count is what an "
                "agency printed; validation flags it (CELL.NEGATIVE)."
            ),
            "anyOf": [
                {"type": "null"},
                {"type": "integer"},
                {"allOf": [_ref("cell_object"), {"properties": {"value": {"type": ["integer", "null"]}}}]},
            ],
        },
        "cell_object": {
            "type": "object",
            "properties": {
                "kind": {"enum": [k.value for k in CellKind]},
                "value": _nullable(_ref("number")),
                "raw": {"type": "string", "description": "The text as printed; default: the value's canonical text."},
                "annotation": {"type": ["string", "null"], "description": "Text printed beside the number."},
                "unit": {"type": ["string", "null"], "description": "A unit printed in the cell, e.g. 元."},
                "source": _nullable(_ref("source_location")),
                "completed_from": {
                    "type": ["string", "null"],
                    "description": "The identity a value not printed in the cell was completed from, e.g. "
                    "T3.RESULTS_SUM:natural_person (a row printed with fewer numbers than columns).",
                },
            },
            "additionalProperties": False,
            "allOf": [
                {
                    "if": {"properties": {"kind": {"enum": valueless}}, "required": ["kind"]},
                    "then": {"properties": {"value": {"type": "null"}}},
                },
                {
                    "if": {"properties": {"kind": {"enum": ["number", "zero"]}}, "required": ["kind"]},
                    "then": {"required": ["value"], "properties": {"value": _ref("number")}},
                },
            ],
        },
        "not_printed_row": {
            "description": "A row the report does not print: every cell {\"kind\": \"not_printed\"}.",
            "type": "object",
            "additionalProperties": {
                "type": "object",
                "properties": {"kind": {"const": CellKind.NOT_PRINTED.value}},
                "required": ["kind"],
            },
        },
        "extra_row": {
            "type": "object",
            "properties": {
                "label": {"type": "string"},
                "cells": {"type": "array", "items": _ref("cell")},
                "after": {"type": ["string", "null"], "description": "Key of the official row it followed."},
            },
            "required": ["label"],
            "additionalProperties": False,
        },
    }


def _finding_def() -> dict[str, Any]:
    number_or_null = _nullable(_ref("number"))
    by_field: dict[str, Any] = {
        "code": {"type": "string", "examples": ["T3.BALANCE"]},
        "severity": {"enum": [s.name for s in Severity]},
        "message": {"type": "string", "description": "In Chinese, with the official labels."},
        "message_en": {"type": "string"},
        "cells": {"type": "array", "items": _ref("cell_key")},
        "table": {"type": ["string", "null"], "description": "The table the finding is about, if one."},
        "row": {"type": ["string", "null"], "description": "The row of that table the finding is about, if one."},
        "expected": number_or_null,
        "actual": number_or_null,
        "difference": number_or_null,
        "outcome": {"enum": [o.value for o in Outcome]},
        "candidates": {"type": "array", "items": _ref("number")},
        "evidence": {"type": ["string", "null"]},
        "subject": {"type": ["string", "null"]},
        "source": _nullable(_ref("source_location")),
    }
    fields = attrs.fields(Finding)
    unmapped = {f.name for f in fields} ^ set(by_field)
    if unmapped:  # pragma: no cover - guards against drift when Finding changes
        raise RuntimeError(f"the finding schema does not match Finding's fields: {sorted(unmapped)}")
    return {
        "description": "A finding of the validator or a reader.",
        "type": "object",
        "properties": {f.name: by_field[f.name] for f in fields},
        "required": [f.name for f in fields if f.default is attrs.NOTHING],
        "additionalProperties": False,
    }


def json_schema() -> dict[str, Any]:
    """The JSON Schema of report documents (a new dict on every call).

    >>> schema = json_schema()
    >>> schema["$schema"], schema["properties"]["schema_version"]["enum"]
    ('https://json-schema.org/draft/2020-12/schema', ['1.0', '1.1'])
    >>> schema["$defs"]["table3"]["properties"]["granted"]["title"]
    '三、本年度办理结果 （一）予以公开'
    """
    sections = {
        "type": "object",
        "description": "The narrative text of the six sections, by key; an absent section is omitted or null.",
        "properties": {key: {"type": ["string", "null"], "title": title} for key, title in SECTION_TITLES},
        "additionalProperties": False,
    }
    tables = _tables()
    defs: dict[str, Any] = {key: _table(spec, versions) for key, (spec, versions) in tables.items()}
    defs.update(_cell_defs())
    defs["sections"] = sections
    defs["cell_key"] = {"type": "string", "pattern": _CELL_KEY_PATTERN, "examples": ["table3.granted.total"]}
    defs["source_location"] = _simple_object(SourceLocation, "Where a value was read from.")
    defs["source_location"]["properties"]["path"]["description"] = (
        "The file; left out when it is the document's source.path (schema_version 1.1: the path is stated once), "
        "null when the location has no path although the document has one."
    )
    defs["source_info"] = _simple_object(SourceInfo, "The document a report was read from.")
    defs["finding"] = _finding_def()
    properties: dict[str, Any] = {
        "schema_version": {
            "enum": list(READABLE_SCHEMA_VERSIONS),
            "description": f"This library writes {SCHEMA_VERSION} and reads every version listed (1.0: every source "
            "location's path in full).",
        },
        "format_version": {"enum": [spec.name for spec in format_specs()]},
        "agency": {"type": ["string", "null"], "title": "机关名称"},
        "report_year": {"type": ["integer", "null"], "description": "The data year (2022 for the report on 2022)."},
        "sections": _ref("sections"),
    }
    properties.update({key: _nullable(_ref(key)) for key in tables})
    properties["source"] = _nullable(_ref("source_info"))
    properties["findings"] = {"type": "array", "items": _ref("finding")}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "政府信息公开工作年度报告 — gov_disclosure report document",
        "description": (
            f"schema_version {SCHEMA_VERSION}. Tables nested by row key then column key (spec/keys.md); "
            "cells are bare numbers, null (blank) or cell objects; money is an exact decimal string."
        ),
        "type": "object",
        "properties": properties,
        "required": ["schema_version", "format_version"],
        "additionalProperties": False,
        "allOf": _version_rules(tables),
        "$defs": defs,
    }


def schema_text() -> str:
    """:func:`json_schema` as the text of ``report.schema.json`` (indented, trailing newline)."""
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
