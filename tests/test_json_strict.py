"""JSON: a count is a JSON integer, money a decimal string or number; anything else is refused with its path, by
the reader and by the JSON Schema alike (issue 13)."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from gov_disclosure.examples import example_json
from gov_disclosure.serializers.json import JSONFormatError, from_dict, json_schema, loads

VALIDATOR = Draft202012Validator(json_schema())


def _document() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(example_json())
    return document


def _text_with(path: tuple[str, ...], literal: str) -> str:
    """The example document with the JSON *literal* (exactly as written) at *path*."""
    document = _document()
    place = document
    for key in path[:-1]:
        place = place[key]
    place[path[-1]] = "@@HERE@@"
    return json.dumps(document, ensure_ascii=False).replace('"@@HERE@@"', literal)


COUNT = ("table3", "granted", "total")


@pytest.mark.parametrize(
    ("literal", "shown"),
    [
        ("1.5", "the number 1.5"),
        ("1e308", "the number 1E+308"),
        ("12.0", "the number 12.0"),
        ('"1"', "the string '1'"),
        ('"12"', "the string '12'"),
        ('{"kind": "number", "value": "3"}', "the string '3'"),
        ('{"kind": "number", "value": 3.5}', "the number 3.5"),
    ],
)
def test_a_count_that_is_not_a_json_integer_is_refused_with_its_path(literal: str, shown: str) -> None:
    """``1.5``, ``1e308``, ``12.0``, ``"1"`` where a count belongs: refused, named by the path of the value."""
    with pytest.raises(JSONFormatError) as caught:
        loads(_text_with(COUNT, literal))
    suffix = ".value" if literal.startswith("{") else ""
    assert caught.value.path == "$.table3.granted.total" + suffix
    assert caught.value.message == f"a count is a JSON integer such as 12, got {shown}"


def test_the_schema_refuses_them_too() -> None:
    """The JSON Schema says the same for strings and fractions (its integer admits 12.0, which the reader refuses)."""
    for literal in ("1.5", '"1"', '{"kind": "number", "value": "3"}', '{"kind": "number", "value": 2.5}'):
        assert not VALIDATOR.is_valid(json.loads(_text_with(COUNT, literal))), literal
    for literal in ("12", "0", '{"kind": "number", "value": 12, "raw": "12件"}', "null"):
        assert VALIDATOR.is_valid(json.loads(_text_with(COUNT, literal))), literal


def test_every_wrong_value_is_listed() -> None:
    """All offending values are named, in document order."""
    document = _document()
    document["table3"]["granted"]["total"] = "1"
    document["table4"]["review"]["upheld"] = Decimal("0.5")
    with pytest.raises(JSONFormatError) as caught:
        from_dict(document)
    assert [path for path, _ in caught.value.problems] == ["$.table3.granted.total", "$.table4.review.upheld"]


def test_a_signed_count_is_an_integer_and_may_be_negative() -> None:
    """2019 表二 本年增/减: ``-2`` is read; ``-2.5`` and ``"-2"`` are not."""
    fees: dict[str, object] = {"prev_year_items": 3, "change": -2}
    document = {"schema_version": "1.0", "format_version": "2019", "table2_2019": {"fees": fees}}
    assert from_dict(document).cell("table2_2019.fees.change").value == -2  # type: ignore[union-attr]
    for wrong in ("-2", Decimal("-2.5")):
        fees["change"] = wrong
        with pytest.raises(JSONFormatError, match=r"a signed count is a JSON integer") as caught:
            from_dict(document)
        assert caught.value.path == "$.table2_2019.fees.change"


def test_a_negative_count_is_read_as_printed() -> None:
    """``-1`` in a count column is an integer: what an agency printed, kept, and flagged by validation."""
    from gov_disclosure.validation import validate

    report = loads(_text_with(COUNT, "-1"))
    assert report.cell("table3.granted.total").value == -1  # type: ignore[union-attr]
    assert "CELL.NEGATIVE" in {f.code for f in validate(report)}


def test_a_negative_count_printed_in_a_report_survives_the_json_round_trip() -> None:
    """Why a negative count is not refused (format-spec §5 rule 4 says counts are non-negative; that is a check on
    what the agency printed, not a reason to lose it): a web page printing ``-3`` in a count cell is read as -3,
    validation flags it, and the JSON this library writes for that report reads back. Refusing it in JSON would
    make a report the reader returns impossible to save."""
    import random

    from gov_disclosure.loader import read_bytes
    from gov_disclosure.model import Cell
    from gov_disclosure.serializers.json import dumps
    from gov_disclosure.testing import random_report
    from gov_disclosure.testing.grids import report_html
    from gov_disclosure.validation import validate

    printed = random_report(random.Random(5), "2021").with_cell("table3.granted.natural_person", Cell.of(-3))
    report = read_bytes(report_html(printed).encode(), name="r.html").report
    assert report.cell("table3.granted.natural_person").value == -3  # type: ignore[union-attr]
    assert loads(dumps(report)) == report
    assert "CELL.NEGATIVE" in {f.code for f in validate(report)}


@pytest.mark.parametrize("literal", ['"96171.60"', "96171.6", "3", '"1E+3"'])
def test_money_is_a_decimal_string_or_a_number(literal: str) -> None:
    """表二 收费金额: an exact decimal string or a JSON number, read exactly."""
    report = loads(_text_with(("table2", "fees", "amount_wan_yuan"), literal))
    value = report.cell("table2.fees.amount_wan_yuan").value  # type: ignore[union-attr]
    assert value == Decimal(json.loads(literal) if literal.startswith('"') else literal)


@pytest.mark.parametrize("literal", ['"96,171.6"', "true", '"万元"'])
def test_money_that_is_not_a_number_is_refused(literal: str) -> None:
    with pytest.raises(JSONFormatError) as caught:
        loads(_text_with(("table2", "fees", "amount_wan_yuan"), literal))
    assert caught.value.path == "$.table2.fees.amount_wan_yuan"
