"""The JSON Schema: valid draft 2020-12, generated from the layout, shipped up to date, accepts every dumped
document and rejects malformed ones."""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any

import pytest
from hypothesis import given
from jsonschema import Draft202012Validator

from gov_disclosure.examples import example_json
from gov_disclosure.model import TABLE3, TABLES, Report
from gov_disclosure.serializers.json import from_dict_with_findings, json_schema, schema_text, to_dict
from gov_disclosure.testing import BrokenReport, broken_reports, consistent_reports
from gov_disclosure.validation import validate

VALIDATOR = Draft202012Validator(json_schema())
SHIPPED = files("gov_disclosure").joinpath("data").joinpath("report.schema.json")


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    """The generated schema passes the meta-schema."""
    Draft202012Validator.check_schema(json_schema())


def test_shipped_schema_file_is_up_to_date() -> None:
    """src/gov_disclosure/data/report.schema.json equals the generated schema.

    When this fails, regenerate it: ``gov-disclosure schema -o src/gov_disclosure/data/report.schema.json``.
    """
    assert SHIPPED.read_text(encoding="utf-8") == schema_text()


def test_schema_follows_the_layout() -> None:
    """Every table, row and column of the layout appears in the schema, with its official label."""
    defs = json_schema()["$defs"]
    for spec in TABLES:
        properties = defs[spec.key]["properties"]
        for row in spec.rows:
            assert properties[row.key]["title"] == row.full_label
            assert list(properties[row.key]["properties"]) == [c.key for c in row.columns]
            assert [p["title"] for p in properties[row.key]["properties"].values()] == [c.label for c in row.columns]
    assert len(defs["table3"]["properties"]) == len(TABLE3.rows) + 1  # + extra_rows


@given(consistent_reports())
def test_schema_accepts_every_consistent_report(report: Report) -> None:
    """Every dumped consistent report (both formats) validates."""
    VALIDATOR.validate(to_dict(report))


@given(broken_reports())
def test_schema_accepts_every_broken_report(broken: BrokenReport) -> None:
    """A failing identity is a finding, not a schema violation: broken reports validate too."""
    VALIDATOR.validate(to_dict(broken.report))


def _valid() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(example_json())
    return document


def _row(value: object = 0) -> dict[str, object]:
    return dict.fromkeys(
        ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other", "total"), value
    )


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (lambda d: d.pop("schema_version"), "schema_version is required"),
        (lambda d: d.update(schema_version="2.0"), "unknown schema version"),
        (lambda d: d.pop("format_version"), "format_version is required"),
        (lambda d: d.update(format_version="2020"), "not a format"),
        (lambda d: d.update(colour="red"), "unknown top-level key"),
        (lambda d: d["table3"]["granted"].update(total="x"), "a cell is not a string"),
        (lambda d: d["table3"]["granted"].update(total=True), "a cell is not a boolean"),
        (lambda d: d["table3"]["granted"].pop("total"), "every column is required"),
        (lambda d: d["table3"]["granted"].update(totl=1), "unknown column"),
        (lambda d: d["table3"].update(grnted=_row()), "unknown row"),
        (lambda d: d["table3"].update(other_processing=_row()), "a 2019 row in a 2021 report"),
        (lambda d: d.update(format_version="2019"), "a 2021 表二 and 2021 rows in a 2019 report"),
        (lambda d: d["table3"]["granted"].update(total={"kind": "blank", "value": 3}), "a blank has no value"),
        (lambda d: d["table3"]["granted"].update(total={"kind": "number"}), "a number cell needs its value"),
        (lambda d: d["table3"]["granted"].update(total={"kind": "odd"}), "unknown kind"),
        (lambda d: d["table3"]["granted"].update(total={"value": 1, "colour": 1}), "unknown cell key"),
        (lambda d: d["table2"]["fees"].update(amount_wan_yuan="96,171.6"), "not a decimal string"),
        (lambda d: d.update(findings=[{"code": "X", "severity": "BAD", "message": "", "message_en": ""}]), "severity"),
        (lambda d: d.update(findings=[{"code": "X", "severity": "INFO", "message": ""}]), "message_en missing"),
        (lambda d: d["sections"].update(summary="x"), "unknown section"),
    ],
)
def test_schema_rejects_malformed_documents(change: Any, why: str) -> None:
    """Malformed documents fail the schema (and the example itself passes it)."""
    document = _valid()
    VALIDATOR.validate(document)
    change(document)
    assert not VALIDATOR.is_valid(document), why


@given(broken_reports())
def test_documents_with_findings_validate_and_round_trip(broken: BrokenReport) -> None:
    """A broken report dumped with its findings (identity failures, culprit) validates and reads back whole."""
    findings = validate(broken.report)
    assert findings
    document = to_dict(broken.report, findings=findings)
    VALIDATOR.validate(document)
    report, back = from_dict_with_findings(json.loads(json.dumps(document)))
    assert report == broken.report
    assert back == findings
