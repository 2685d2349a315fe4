"""The one-pass pretty printer writes, byte for byte, what the former re-serialising printer wrote."""

from __future__ import annotations

import json
from typing import Any

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from gov_disclosure.findings import Finding, Severity
from gov_disclosure.model import Cell, Report, SourceInfo, SourceLocation
from gov_disclosure.serializers.json import to_dict
from gov_disclosure.serializers.json.pretty import pretty_json
from gov_disclosure.testing import consistent_reports

# --- the oracle: the former printer, kept here only (json.dumps of every level: ~4x the document) ---------------


def _old_compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def _old_dump(value: Any, indent: int, width: int, level: int, used: int) -> str:
    text = _old_compact(value)
    if not isinstance(value, (dict, list)) or not value or level * indent + used + len(text) <= width:
        return text
    members = value.values() if isinstance(value, dict) else value
    if all(item is None or isinstance(item, (int, float)) for item in members):
        return text
    pad = " " * (indent * (level + 1))
    if isinstance(value, dict):
        items = []
        for key, item in value.items():
            head = json.dumps(key, ensure_ascii=False) + ": "
            items.append(pad + head + _old_dump(item, indent, width, level + 1, len(head)))
        open_, close = "{", "}"
    else:
        items = [pad + _old_dump(item, indent, width, level + 1, 0) for item in value]
        open_, close = "[", "]"
    return open_ + "\n" + ",\n".join(items) + "\n" + " " * (indent * level) + close


def old_pretty_json(value: Any, *, indent: int = 2, width: int = 120) -> str:
    return _old_dump(value, indent, width, 0, 0)


# --- documents ----------------------------------------------------------------------------------------------

_TEXT = st.text(st.characters(codec="utf-8"), max_size=40)
_LOCATIONS = st.builds(
    SourceLocation,
    path=st.none() | st.sampled_from(["r.txt", "某市某局-2023年政府信息公开工作年度报告.pdf"]),
    page=st.none() | st.integers(1, 9),
    line=st.none() | st.integers(1, 999),
    start=st.none() | st.integers(0, 99_999),
)
_FINDINGS = st.lists(
    st.builds(
        Finding,
        code=st.sampled_from(["T3.BALANCE", "CELL.NEGATIVE"]),
        severity=st.sampled_from(list(Severity)),
        message=_TEXT,
        message_en=_TEXT,
        expected=st.none() | st.integers(-5, 10**6),
        actual=st.none() | st.integers(-5, 10**6),
        evidence=st.none() | _TEXT,
        source=st.none() | _LOCATIONS,
    ),
    max_size=4,
)


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    """A report of either format with annotated, located cells, a source, and findings, as a document."""
    report: Report = draw(consistent_reports())
    for entry in list(report.iter_cells())[: draw(st.integers(0, 60))]:
        cell = entry.cell
        if draw(st.booleans()) and cell.value is not None:
            cell = Cell.of(cell.value, raw=f"{cell.value}{draw(_TEXT)}", annotation=draw(st.none() | _TEXT))
        report = report.with_cell(entry.key, cell.located(draw(st.none() | _LOCATIONS)))
    if draw(st.booleans()):
        report = attrs.evolve(report, source=SourceInfo(path="某市某局-2023年政府信息公开工作年度报告.pdf", form="pdf"))
    return to_dict(report, findings=draw(_FINDINGS))


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | _TEXT,
    lambda inner: st.lists(inner, max_size=6) | st.dictionaries(_TEXT, inner, max_size=6),
    max_leaves=40,
)


@settings(max_examples=60, deadline=None)
@given(documents(), st.sampled_from([2, 4]), st.sampled_from([120, 60, 200]))
def test_report_documents_print_as_before(document: dict[str, Any], indent: int, width: int) -> None:
    """Generated reports of both formats, with findings and sources: byte-identical to the former printer."""
    assert pretty_json(document, indent=indent, width=width) == old_pretty_json(document, indent=indent, width=width)


@given(_JSON, st.integers(1, 4), st.integers(0, 80))
def test_any_json_value_prints_as_before(value: Any, indent: int, width: int) -> None:
    """Any JSON value (nested arrays and objects, unicode, floats, booleans), any indent and width."""
    assert pretty_json(value, indent=indent, width=width) == old_pretty_json(value, indent=indent, width=width)
    assert json.loads(pretty_json(value, indent=indent, width=width)) == value
