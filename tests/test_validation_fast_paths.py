"""The precomputed paths of validation give exactly what the plain definitions give.

Validation reads a report's cells once into a flat tuple laid out per format version, names cells from tables
built per format, and builds only the reasons a message shows; these tests compare each shortcut with the
plain definition on generated reports with absent tables and rows, blanks, marks, text, negatives and decimals.
"""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

import attrs

from gov_disclosure.findings import Outcome
from gov_disclosure.model.cells import Cell, CellKind
from gov_disclosure.model.formats import format_spec
from gov_disclosure.model.report import Report
from gov_disclosure.model.versions import FORMAT_VERSIONS
from gov_disclosure.registry import BlankPolicy
from gov_disclosure.testing import random_broken_report, random_report
from gov_disclosure.validation import evaluate_identities, validate
from gov_disclosure.validation._cells import layout, read_cells
from gov_disclosure.validation._labels import (
    LISTED,
    cell_names,
    cell_reason_en,
    cell_reason_zh,
    cell_zh,
    join_en,
    join_zh,
)

_ODD_CELLS = (Cell.blank(), Cell.not_applicable(), Cell.text("1 2"), Cell.of(-3), Cell.of(Decimal("2.5")))


def _damaged(rng: random.Random, report: Report) -> Report:
    """*report* with odd cells, and maybe rows or whole tables of it taken away."""
    keys = [entry.key for entry in report.iter_cells()]
    for key in rng.sample(keys, rng.choice((0, 2, 12, 40))):
        report = report.with_cell(key, rng.choice(_ODD_CELLS))
    tables: dict[str, Any] = {}
    for spec, table in report.tables():
        if rng.random() < 0.1:
            tables[spec.key] = None
            continue
        rows = [row.key for row in report.format.rows(spec)]
        gone: dict[str, Any] = dict.fromkeys(rng.sample(rows, rng.choice((0, 0, 1, 3, len(rows) - 1))))
        kept: Any = table  # a concrete attrs table class
        tables[spec.key] = attrs.evolve(kept, **gone)
    return attrs.evolve(report, **tables)


def _reports() -> list[Report]:
    rng = random.Random(5)
    reports = [Report(format_version=v) for v in FORMAT_VERSIONS]
    for _ in range(30):
        version = rng.choice(FORMAT_VERSIONS)
        made = random_report(rng, version) if rng.random() < 0.5 else random_broken_report(rng, version).report
        reports.append(_damaged(rng, made))
    return reports


def test_flat_cells_are_the_cells_of_the_report_in_order() -> None:
    """The flat read gives the report's cells in :meth:`Report.iter_cells` order, sorts out the odd ones as a
    plain scan of the cells does, and notes exactly the absent rows of the present tables."""
    for report in _reports():
        found = read_cells(report)
        keys = found.layout.keys
        plain = [(entry.key, entry.cell) for entry in report.iter_cells()]
        assert list(found.pairs()) == plain
        assert [keys[i] for i in found.blank] == [k for k, c in plain if c.kind is CellKind.BLANK]
        assert [keys[i] for i in found.not_applicable] == [k for k, c in plain if c.kind is CellKind.NOT_APPLICABLE]
        assert [keys[i] for i in found.text] == [k for k, c in plain if c.kind is CellKind.TEXT]
        unusual = [k for k, c in plain if c.value is not None and (type(c.value) is not int or c.value < 0)]
        assert [keys[i] for i in found.unusual_numbers] == unusual
        assert {keys[i] for i in found.unknown} == set(keys) - {k for k, c in plain if c.value is not None}
        missing = [
            (spec.key, row.key)
            for spec, table in report.tables()
            for row in report.format.rows(spec)
            if getattr(table, row.key) is None
        ]
        assert list(found.missing_rows) == missing


def test_cell_names_are_the_plain_names() -> None:
    """The names looked up by position are :func:`cell_zh` and the key as text; the reasons of missing rows
    are :func:`cell_reason_zh` / :func:`cell_reason_en` of an absent cell."""
    for version in FORMAT_VERSIONS:
        names, keys = cell_names(format_spec(version)), layout(format_spec(version)).keys
        assert names.zh == tuple(cell_zh(k) for k in keys)
        assert names.en == tuple(str(k) for k in keys)
        odd = (None, *_ODD_CELLS[:3])
        cells = [odd[i % len(odd)] for i in range(len(keys))]
        expected_zh = [cell_reason_zh(cell_zh(k), c) for k, c in zip(keys, cells, strict=True)]
        expected_en = [cell_reason_en(str(k), c) for k, c in zip(keys, cells, strict=True)]
        assert names.reasons(cells, range(len(keys))) == (expected_zh, expected_en)


def test_undecidable_messages_list_what_a_full_listing_lists() -> None:
    """An undecidable identity's message names the first eight unknown cells and counts them all, exactly as
    joining the reasons of every unknown cell does; the finding names every cell of the identity."""
    listed_more = 0
    for report in _reports():
        cells = {entry.key: entry.cell for entry in report.iter_cells()}
        for policy in BlankPolicy:
            undecidable = [f for f in validate(report, blank_policy=policy) if f.outcome is Outcome.UNDECIDABLE]
            evaluations = [e for e in evaluate_identities(report, policy) if e.unknown]
            assert [f.cells for f in undecidable] == [e.identity.cells for e in evaluations]
            for finding, evaluation in zip(undecidable, evaluations, strict=True):
                reasons_zh = join_zh(cell_reason_zh(cell_zh(k), cells.get(k)) for k in evaluation.unknown)
                reasons_en = join_en(cell_reason_en(str(k), cells.get(k)) for k in evaluation.unknown)
                assert f"是否成立：{reasons_zh}没有可用的数值" in finding.message
                assert f"holds: {reasons_en} has no usable value" in finding.message_en
                listed_more += len(evaluation.unknown) > LISTED
    assert listed_more > 0  # some messages had more cells than they name
