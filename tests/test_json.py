"""JSON documents: compact lossless cells, exact money, schema_version policy, typed errors with paths."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gov_disclosure.findings import Finding, Outcome, Severity
from gov_disclosure.model import (
    Cell,
    CellKey,
    CellKind,
    ExtraRow,
    Report,
    Sections,
    SourceInfo,
    SourceLocation,
    Table2,
    Table2_2019,
    Table3,
    Table4,
    Table4Row,
)
from gov_disclosure.serializers.json import (
    SCHEMA_VERSION,
    JSONFormatError,
    dumps,
    from_dict,
    loads,
    loads_with_findings,
    make_json_converter,
    to_dict,
)
from gov_disclosure.testing import broken_reports, consistent_reports

ROW4 = [1, 0, 0, 1, 2]


def _report(**changes: Any) -> Report:
    fields: dict[str, Any] = {"format_version": "2021", "table4": Table4.from_rows({"review": ROW4})}
    fields.update(changes)
    return Report(**fields)


def _document(**changes: Any) -> dict[str, Any]:
    return to_dict(_report(**changes))


# --- shape ----------------------------------------------------------------------------------


def test_document_shape_uses_keys_md_vocabulary() -> None:
    """Top level: schema_version, format_version, agency, report_year, sections, tables by row then column key."""
    doc = to_dict(_report(agency="某局", report_year=2022))
    assert list(doc) == ["schema_version", "format_version", "agency", "report_year", "sections", "table4"]
    assert doc["schema_version"] == SCHEMA_VERSION == "1.1"
    assert doc["table4"] == {"review": dict(zip(Table4Row.column_keys(), ROW4, strict=True))}


def test_absent_rows_and_tables_are_omitted_never_zeros() -> None:
    """An absent row is left out; it is not written as zeros, and reads back as None."""
    doc = _document()
    assert "litigation_direct" not in doc["table4"]
    assert "table3" not in doc
    assert "table2" not in doc
    assert loads(json.dumps(doc)).table4.litigation_direct is None  # type: ignore[union-attr]


def test_null_rows_and_tables_read_as_absent() -> None:
    """keys.md: "An absent row is omitted or null"."""
    doc = _document()
    doc["table4"]["litigation_direct"] = None
    doc["table3"] = None
    report = from_dict(doc)
    assert report.table3 is None
    assert report.table4 is not None
    assert report.table4.litigation_direct is None


@pytest.mark.parametrize(
    ("cell", "encoded"),
    [
        (Cell.of(22), 22),
        (Cell.of(0), 0),
        (Cell.of(-8), -8),
        (Cell.of(Decimal("96171.6")), "96171.6"),
        (Cell.blank(), None),
        (
            Cell.of(22, raw="22（其中修订16件）", annotation="其中修订16件"),
            {"kind": "number", "value": 22, "raw": "22（其中修订16件）", "annotation": "其中修订16件"},
        ),
        (
            Cell.of(Decimal("251000"), raw="251000元", unit="元"),
            {"kind": "number", "value": "251000", "raw": "251000元", "unit": "元"},
        ),
        (Cell.of(3, raw="３"), {"kind": "number", "value": 3, "raw": "３"}),
        (
            Cell.of(3, source=SourceLocation(page=4, line=12)),
            {"kind": "number", "value": 3, "source": {"page": 4, "line": 12}},
        ),
        (Cell.blank(raw=" "), {"kind": "blank", "raw": " "}),
        (Cell.not_applicable("/"), {"kind": "not_applicable", "raw": "/"}),
        (Cell.text("898989"), {"kind": "text", "raw": "898989"}),
    ],
)
def test_cell_encoding_is_compact_and_lossless(cell: Cell, encoded: object) -> None:
    """Bare number/null when that says everything; otherwise an object; both read back to the same cell.

    A decimal is money: it goes in 表二 收费's 本年收费金额 (a count column holds integers only)."""
    if isinstance(cell.value, Decimal):
        report = _report(table2=Table2.from_rows({"fees": [cell]}))
        assert to_dict(report)["table2"]["fees"]["amount_wan_yuan"] == encoded
    else:
        report = _report(table4=Table4.from_rows({"review": [cell, 0, 0, 1, 2]}))
        assert to_dict(report)["table4"]["review"]["upheld"] == encoded
    doc = to_dict(report)
    back = loads(json.dumps(doc, ensure_ascii=False))
    assert back == report
    assert to_dict(back) == doc  # the source location too, which equality ignores


def test_cell_objects_may_leave_out_kind_and_raw() -> None:
    """Hand-written cell objects: kind follows from the value, raw defaults to the value's text."""
    doc = _document()
    doc["table4"]["review"]["upheld"] = {"value": 1, "annotation": "含1件"}
    doc["table4"]["review"]["corrected"] = {}
    review = from_dict(doc).table4.review  # type: ignore[union-attr]
    assert review is not None
    assert review.upheld == Cell.of(1, annotation="含1件")
    assert review.corrected == Cell.blank()


# --- money ------------------------------------------------------------------------------------


def test_money_is_an_exact_string_and_never_a_float() -> None:
    """Decimals keep every digit and trailing zero; a JSON number with a fraction is read exactly too."""
    table2 = Table2.from_rows(
        {
            "regulations": [1, 0, 11],
            "normative_docs": [8, 26, 66],
            "licensing": [5],
            "punishment": [3],
            "coercion": [0],
            "fees": [Decimal("0.10")],
        }
    )
    text = dumps(_report(table2=table2))
    assert '"amount_wan_yuan": "0.10"' in text
    assert loads(text).table2.fees.amount_wan_yuan.value.as_tuple() == Decimal("0.10").as_tuple()  # type: ignore[union-attr]
    by_number = text.replace('"0.10"', "0.10")
    value = loads(by_number).table2.fees.amount_wan_yuan.value  # type: ignore[union-attr]
    assert isinstance(value, Decimal)
    assert str(value) == "0.10"


def test_python_floats_are_refused() -> None:
    """A float handed to from_dict has already lost exactness: refused, with the path."""
    doc = _document()
    doc["table4"]["review"]["upheld"] = 1.5
    with pytest.raises(JSONFormatError) as info:
        from_dict(doc)
    assert info.value.path == "$.table4.review.upheld"
    assert "float" in info.value.message


# --- findings ----------------------------------------------------------------------------------


def test_findings_round_trip() -> None:
    """Findings: severity by name, cells as 'table3.granted.total', Decimal numbers exact, provenance kept."""
    findings = (
        Finding(
            code="T3.BALANCE",
            severity=Severity.INCONSISTENCY,
            message="一+二≠（七）+四",
            message_en="1+2 != 7+4",
            cells=(CellKey("table3", "new_received", "total"),),
            expected=10,
            actual=12,
        ),
        Finding(
            code="CULPRIT",
            severity=Severity.INFO,
            message="候选",
            message_en="candidates",
            outcome=Outcome.NOTE,
            candidates=(Decimal("1.50"), 3),
            evidence="见正文",
            subject="2022",
            source=SourceLocation(path="r.txt", line=3),
            expected=Decimal("2.5"),
            actual=Decimal("2.50"),
        ),
    )
    text = dumps(_report(), findings=findings)
    doc = json.loads(text)
    assert doc["findings"][0]["severity"] == "INCONSISTENCY"
    assert doc["findings"][0]["cells"] == ["table3.new_received.total"]
    assert doc["findings"][0]["difference"] == 2
    assert doc["findings"][1]["candidates"] == ["1.50", 3]
    report, back = loads_with_findings(text)
    assert back == findings
    assert report == _report()
    assert back[1].source == SourceLocation(path="r.txt", line=3)
    assert loads(text) == _report()


def test_no_findings_key_without_findings() -> None:
    """A document without findings has no findings key."""
    assert "findings" not in _document()


# --- everything the model holds -----------------------------------------------------------------


def test_everything_round_trips() -> None:
    """Sections, source info, extra rows, 2019 表二 with signed and unit cells: nothing is lost."""
    table2 = Table2_2019.from_rows(
        {"fees": [3, -2], "central_procurement": [1, Cell.of(Decimal("251000"), raw="251000元", unit="元")]},
        extra_rows=[
            ExtraRow(
                label="其他主动公开文件",
                cells=(Cell.of(5), Cell.blank(), Cell.not_applicable("—")),
                after="normative_docs",
            )
        ],
    )
    table3 = Table3.from_rows({"other_processing": [0, 0, 0, 0, 0, 0, None]})
    report = Report(
        format_version="2019",
        agency="孝感市人民政府办公室",
        report_year=2020,
        sections=Sections(overview="总体情况。\n第二段。", problems=""),
        table2_2019=table2,
        table3=table3,
        source=SourceInfo(path="x.pdf", url="https://example.org/r", form="pdf", reader="pdf"),
    )
    doc = to_dict(report)
    assert doc["sections"] == {"overview": "总体情况。\n第二段。", "problems": ""}
    assert doc["table2_2019"]["extra_rows"][0]["cells"] == [5, None, {"kind": "not_applicable", "raw": "—"}]
    back = loads(dumps(report))
    assert back == report
    assert back.source == report.source
    assert to_dict(back) == doc


def test_converters_are_independent() -> None:
    """make_json_converter builds a new converter each time (no shared mutable state)."""
    assert make_json_converter() is not make_json_converter()


@given(consistent_reports())
def test_round_trip_is_lossless_for_consistent_reports(report: Report) -> None:
    """loads(dumps(r)) == r, and the document is a fixed point, for generated reports of both formats."""
    text = dumps(report)
    back = loads(text)
    assert back == report
    assert dumps(back) == text


_SOURCES = st.builds(SourceLocation, page=st.none() | st.integers(1, 9), line=st.none() | st.integers(1, 999))
_RAW = st.text(max_size=6)


def _any_cell(numbers: st.SearchStrategy[int | Decimal]) -> st.SearchStrategy[Cell]:
    return st.one_of(
        st.builds(
            lambda v, raw, a, u, s: Cell.of(v, raw=raw, annotation=a, unit=u, source=s),
            numbers,
            st.none() | _RAW,
            st.none() | _RAW,
            st.none() | st.sampled_from(["元", "万元"]),
            st.none() | _SOURCES,
        ),
        st.builds(Cell.blank, raw=st.sampled_from(["", " ", "　"]), source=st.none() | _SOURCES),
        st.builds(Cell.not_applicable, st.sampled_from(["/", "-", "—", "无"]), source=st.none() | _SOURCES),
        st.builds(Cell.text, _RAW, source=st.none() | _SOURCES),
    )


_INTEGERS = st.integers(-(10**12), 10**12)
_ANY_CELL = _any_cell(_INTEGERS)
"""Any cell of a count column (a negative count is kept as printed; validation flags it)."""
_ANY_MONEY_CELL = _any_cell(_INTEGERS | st.decimals(allow_nan=False, allow_infinity=False, places=3))


@given(st.lists(_ANY_CELL, min_size=5, max_size=5), _ANY_MONEY_CELL, consistent_reports("2021"))
def test_round_trip_is_lossless_for_any_cell(cells: list[Cell], money: Cell, report: Report) -> None:
    """Any cell (kinds, raw text, annotations, units, sources, huge ints, Decimals) survives a round trip."""
    columns = Table4Row.column_keys()
    placed = {CellKey("table4", "review", column): cell for column, cell in zip(columns, cells, strict=True)}
    placed[CellKey("table2", "fees", "amount_wan_yuan")] = money
    for key, cell in placed.items():
        report = report.with_cell(key, cell)
    doc = to_dict(report)
    back = loads(dumps(report))
    assert back == report
    assert to_dict(back) == doc
    for key, cell in placed.items():
        got = back.cell(key)
        assert got is not None
        assert (got.kind, got.value, got.raw, got.source) == (cell.kind, cell.value, cell.raw, cell.source)
        assert type(got.value) is type(cell.value)


@given(broken_reports())
def test_round_trip_keeps_the_broken_cell(broken: Any) -> None:
    """A report with one broken cell reads back with the same broken value."""
    back = loads(dumps(broken.report))
    assert back.cell(broken.key) == broken.replacement != broken.original


# --- errors -----------------------------------------------------------------------------------------


def _bad(path: list[str | int], value: object) -> dict[str, Any]:
    doc = to_dict(_report(table3=Table3.from_rows({"granted": [1, 0, 0, 0, 0, 0, 1]})))
    target = doc
    for key in path[:-1]:
        target = target[key]  # type: ignore[index]
    if value is _DELETE:
        del target[path[-1]]  # type: ignore[arg-type]
    else:
        target[path[-1]] = value  # type: ignore[index]
    return doc


_DELETE = object()


@pytest.mark.parametrize(
    ("path", "value", "where", "says"),
    [
        (["table3", "granted", "total"], "x", "$.table3.granted.total", "cell object"),
        (["table3", "granted", "total"], True, "$.table3.granted.total", "got true"),
        (["table3", "granted", "total"], [1], "$.table3.granted.total", "integer"),
        (["table3", "granted", "total"], {"kind": "bogus"}, "$.table3.granted.total.kind", "unknown cell kind"),
        (["table3", "granted", "total"], {"kind": "blank", "value": 3}, "$.table3.granted.total", "no value"),
        (["table3", "granted", "total"], {"value": 1, "colour": 1}, "$.table3.granted.total.colour", "unknown key"),
        (
            ["table3", "granted", "total"],
            {"value": 1, "source": {"line": "x"}},
            "$.table3.granted.total.source.line",
            "integer",
        ),
        (["table3", "granted", "total"], _DELETE, "$.table3.granted.total", "missing"),
        (["table3", "granted", "totl"], 1, "$.table3.granted.totl", "unknown key"),
        (["table3", "grnted"], None, "$.table3.grnted", "unknown key"),
        (["table3", "granted"], [1, 0, 0, 0, 0, 0, 1], "$.table3.granted", "expected an object"),
        (
            ["table3", "other_processing"],
            {
                "natural_person": 0,
                "commercial": 0,
                "research": 0,
                "social_welfare": 0,
                "legal_service": 0,
                "other": 0,
                "total": 0,
            },
            "$.table3.other_processing",
            "not in the 2021 format",
        ),
        (["table2_2019"], {}, "$.table2_2019", "2019"),
        (["format_version"], _DELETE, "$.format_version", "required"),
        (["format_version"], "2020", "$.format_version", "'2019', '2021'"),
        (["schema_version"], _DELETE, "$.schema_version", "required"),
        (["schema_version"], "1.2", "$.schema_version", "newer"),
        (["schema_version"], "2.0", "$.schema_version", "unsupported"),
        (["schema_version"], 1.0, "$.schema_version", "version string"),
        (["report_year"], "2024", "$.report_year", "integer"),
        (["agency"], 3, "$.agency", "string"),
        (["sections"], {"summary": "x"}, "$.sections.summary", "unknown key"),
        (["table3", "extra_rows"], [{"label": "x", "cells": [1, "y"]}], "$.table3.extra_rows[0].cells[1]", "'y'"),
        (
            ["findings"],
            [{"code": "X", "severity": "BAD", "message": "", "message_en": ""}],
            "$.findings[0].severity",
            "INCONSISTENCY",
        ),
        (
            ["findings"],
            [{"code": "X", "severity": "INFO", "message": "", "message_en": "", "cells": ["a.b"]}],
            "$.findings[0].cells[0]",
            "table.row.column",
        ),
        (["findings"], {"code": "X"}, "$.findings", "array"),
        (["colour"], "red", "$.colour", "unknown key"),
    ],
)
def test_malformed_documents_raise_with_the_path(path: list[str | int], value: object, where: str, says: str) -> None:
    """Every kind of malformed document raises JSONFormatError naming the JSONPath of the problem."""
    doc = _bad(path, value)
    with pytest.raises(JSONFormatError) as info:
        loads(json.dumps(doc))
    assert info.value.path == where, info.value
    assert says in info.value.message
    assert isinstance(info.value, ValueError)
    assert str(info.value).startswith(where + ": ")


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("{bad", "not valid JSON"),
        ("[]", "JSON object"),
        ('{"a": 1, "a": 2}', "duplicate key"),
        ('{"a": NaN}', "NaN"),
        (b"\xff", "not valid JSON"),
    ],
)
def test_unreadable_text_raises_at_the_root(text: str | bytes, says: str) -> None:
    """Bad JSON syntax, non-objects, duplicate keys and NaN are refused at ``$``."""
    with pytest.raises(JSONFormatError) as info:
        loads(text)
    assert info.value.path == "$"
    assert says in info.value.message


def test_every_problem_is_listed() -> None:
    """``problems`` lists every problem of the document, the first being ``path``/``message``."""
    doc = _bad(["table3", "granted", "total"], "x")
    doc["table3"]["granted"]["other"] = "y"
    with pytest.raises(JSONFormatError) as info:
        from_dict(doc)
    paths = [p for p, _ in info.value.problems]
    assert paths == ["$.table3.granted.other", "$.table3.granted.total"]
    assert info.value.path == paths[0]


def test_kinds_are_the_cell_kinds() -> None:
    """Cell object kinds are exactly the CellKind values."""
    for kind in CellKind:
        doc = _document()
        doc["table4"]["review"]["upheld"] = {
            "kind": kind.value,
            **({"value": 1 if kind is CellKind.NUMBER else 0} if kind in (CellKind.NUMBER, CellKind.ZERO) else {}),
        }
        assert from_dict(doc).table4.review.upheld.kind is kind  # type: ignore[union-attr]
