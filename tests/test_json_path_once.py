"""Schema 1.1: the document states its file path once; cells' sources leave it out; 1.0 documents still read."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from gov_disclosure import load
from gov_disclosure.findings import Finding, Severity
from gov_disclosure.model import Cell, Report, SourceInfo, SourceLocation
from gov_disclosure.render import render_text
from gov_disclosure.serializers.json import (
    READABLE_SCHEMA_VERSIONS,
    SCHEMA_VERSION,
    dumps,
    loads,
    loads_with_findings,
    make_json_converter,
    to_dict,
)
from gov_disclosure.testing import consistent_reports, random_report

OLD_DOCUMENT = Path(__file__).parent / "data" / "json" / "schema-1.0-text-2019.json"
"""Written by gov_disclosure with schema_version 1.0 (a path in every source location)."""
PATH = "某市某局-2023年政府信息公开工作年度报告.txt"


TOTAL = "table4.review.total"


def _at(report: Report, key: str = TOTAL) -> Cell:
    cell = report.cell(key)
    assert cell is not None
    return cell


def _sources(report: Report) -> list[SourceLocation | None]:
    return [entry.cell.source for entry in report.iter_cells()]


def _locations(document: Any) -> list[dict[str, Any]]:
    """Every source location object below the tables and findings of *document*."""
    found: list[dict[str, Any]] = []

    def walk(value: Any, key: str | None) -> None:
        if isinstance(value, dict):
            if key == "source":
                found.append(value)
                return
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, list):
            for item in value:
                walk(item, None)

    walk({k: v for k, v in document.items() if k != "source"}, None)
    return found


def test_a_read_report_states_its_path_once(tmp_path: Path) -> None:
    """A report read from a text file: the path once at the top, in no cell; read back, every cell has it again."""
    path = tmp_path / PATH
    path.write_text(render_text(random_report(random.Random(1), "2021")), encoding="utf-8")
    report = load(path).report
    assert report.source is not None
    assert report.source.path == str(path)
    assert {s.path for s in _sources(report) if s is not None} == {str(path)}
    text = dumps(report, indent=None)
    document = json.loads(text)
    assert document["schema_version"] == SCHEMA_VERSION == "1.1"
    assert document["source"]["path"] == str(path)
    locations = _locations(document)
    assert len(locations) > 100
    assert not any("path" in location for location in locations)
    assert text.count(json.dumps(str(path), ensure_ascii=False)) == 1
    back = loads(text)
    assert back == report
    assert _sources(back) == _sources(report)
    assert back.source == report.source
    assert dumps(back, indent=None) == text


_PATHS = st.sampled_from([PATH, "other.pdf", ""])
_LOCATIONS = st.builds(
    SourceLocation, path=st.none() | _PATHS, page=st.none() | st.integers(1, 9), line=st.none() | st.integers(1, 99)
)


@st.composite
def located_reports(draw: st.DrawFn) -> tuple[Report, tuple[Finding, ...]]:
    """Reports of both formats whose cells and findings are located in the report's file, another, or none."""
    report: Report = draw(consistent_reports())
    for entry in list(report.iter_cells())[: draw(st.integers(0, 40))]:
        report = report.with_cell(entry.key, entry.cell.located(draw(st.none() | _LOCATIONS)))
    document_path = draw(st.none() | _PATHS)
    if draw(st.booleans()):
        report = attrs.evolve(report, source=SourceInfo(path=document_path, form="text"))
    message = draw(st.text(max_size=5))
    findings = tuple(
        Finding(code="X", severity=Severity.INFO, message=message, message_en="note", source=location)
        for location in draw(st.lists(st.none() | _LOCATIONS, max_size=3))
    )
    return report, findings


@settings(max_examples=80, deadline=None)
@given(located_reports(), st.sampled_from([2, None]))
def test_round_trip_keeps_every_source_exactly(drawn: tuple[Report, tuple[Finding, ...]], indent: int | None) -> None:
    """Cells and findings located in the document's file, another file, or no file: each source comes back
    exactly, and no location in the document repeats the document's path."""
    report, findings = drawn
    text = dumps(report, findings=findings, indent=indent)
    back, back_findings = loads_with_findings(text)
    assert back == report
    assert back.source == report.source
    assert _sources(back) == _sources(report)
    assert [f.source for f in back_findings] == [f.source for f in findings]
    own = None if report.source is None else report.source.path
    if own is not None:
        assert all(location.get("path", None) != own for location in _locations(json.loads(text)))


def test_a_location_without_a_path_says_null_when_the_document_has_one() -> None:
    """Left out means "the document's path"; a location that has none says so."""
    report = random_report(random.Random(2), "2021")
    located = report.with_cell(TOTAL, _at(report).located(SourceLocation(line=7)))
    report = Report(format_version="2021", table4=located.table4, source=SourceInfo(path=PATH))
    cell = to_dict(report)["table4"]["review"]["total"]
    assert cell["source"] == {"path": None, "line": 7}
    assert _at(loads(dumps(report))).source == SourceLocation(line=7)


def test_a_schema_1_0_document_reads_as_written() -> None:
    """A document written by schema 1.0 (a path in every location) reads back with those paths; written again
    it states the path once."""
    text = OLD_DOCUMENT.read_text(encoding="utf-8")
    old = json.loads(text)
    assert old["schema_version"] == "1.0"
    assert "1.0" in READABLE_SCHEMA_VERSIONS
    path = old["source"]["path"]
    assert all(location["path"] == path for location in _locations(old))
    report, findings = loads_with_findings(text)
    assert {s.path for s in _sources(report) if s is not None} == {path}
    assert len([s for s in _sources(report) if s is not None]) == len(_locations(old)) - len(findings)
    assert findings[0].source == SourceLocation(path=path, line=3)
    new = to_dict(report, findings=findings)
    assert not any("path" in location for location in _locations(new))
    assert len(dumps(report, findings=findings, indent=None)) < 0.75 * len(json.dumps(old, ensure_ascii=False))


def test_a_schema_1_0_document_leaves_out_no_path() -> None:
    """In 1.0, a location without a path has none (it is not the document's): the rule is 1.1's only."""
    conv = make_json_converter()  # on its own, the converter writes every location in full
    report = Report(
        format_version="2021",
        table4=random_report(random.Random(3), "2021").table4,
        source=SourceInfo(path=PATH),
    )
    report = report.with_cell(TOTAL, _at(report).located(SourceLocation(line=7)))
    document = {"schema_version": "1.0", **conv.unstructure(report, Report)}
    assert document["table4"]["review"]["total"]["source"] == {"line": 7}
    assert _at(loads(json.dumps(document))).source == SourceLocation(line=7)
    document["schema_version"] = "1.1"
    assert _at(loads(json.dumps(document))).source == SourceLocation(path=PATH, line=7)
