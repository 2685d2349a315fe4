"""Conformance tests for format adapters and input readers — the built-ins and your own.

Golden fixtures (model-codebases.md item 10) live in one directory, three files per case::

    cases/
      wuhan-2020.html                 # the input, any registered form
      wuhan-2020.expected.json        # the report in the keys.md JSON vocabulary (a subset is enough)
      wuhan-2020.findings.json        # the finding codes expected, e.g. ["GRID.EXTRA_ROW"]

``expected.json`` is compared as a *subset*: every key it holds must be in the loaded report's JSON with the same
value; keys it leaves out are not compared (leave out ``sections`` if your fixture's narrative is not the point).
``findings.json`` is the sorted list of codes (with repeats) of the findings the case must produce.

Use it from pytest::

    import pytest
    from gov_disclosure.testing.conformance import check_format_adapter, golden_cases, run_case
    from my_package.adapter import HubeiAdapter

    @pytest.mark.parametrize("case", golden_cases("tests/cases"), ids=str)
    def test_golden(case):
        run_case(case)                     # load() must read it as expected

    def test_contract():
        check_format_adapter(HubeiAdapter(), golden_cases("tests/cases"))

Failures raise :class:`ConformanceError` (an ``AssertionError``) listing every problem, not just the first.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs
from attrs import frozen

from gov_disclosure.formats._protocol import FormatAdapter, InputReader
from gov_disclosure.formats._registry import AdapterError, Registry, default_registry, run_adapter, run_reader
from gov_disclosure.loader import read_bytes
from gov_disclosure.model.layout import TableSpec
from gov_disclosure.model.report import Report
from gov_disclosure.parsing.document import Document
from gov_disclosure.serializers.json import dumps

__all__ = [
    "ConformanceError",
    "GoldenCase",
    "check_format_adapter",
    "check_input_reader",
    "golden_cases",
    "report_json",
    "run_case",
]

_EXPECTED = ".expected.json"
_FINDINGS = ".findings.json"


class ConformanceError(AssertionError):
    """An adapter or a golden case does not conform; the message lists every problem."""


@frozen
class GoldenCase:
    """One golden fixture: an input file, its expected report JSON (subset) and expected finding codes."""

    name: str
    input: Path
    expected: Path
    findings: Path

    def __str__(self) -> str:
        return self.name


def golden_cases(directory: str | Path) -> tuple[GoldenCase, ...]:
    """The cases in *directory*: every ``<name>.expected.json`` with its input ``<name>.<ext>`` and findings file."""
    directory = Path(directory)
    cases = []
    for expected in sorted(directory.glob(f"*{_EXPECTED}")):
        name = expected.name[: -len(_EXPECTED)]
        inputs = [
            p for p in directory.glob(f"{name}.*") if p.name not in (f"{name}{_EXPECTED}", f"{name}{_FINDINGS}")
        ]
        if len(inputs) != 1:
            raise ConformanceError(f"{expected}: expected exactly one input file {name}.<ext>, found {len(inputs)}")
        cases.append(GoldenCase(name, inputs[0], expected, directory / f"{name}{_FINDINGS}"))
    if not cases:
        raise ConformanceError(f"{directory}: no golden cases (*{_EXPECTED})")
    return tuple(cases)


def report_json(case_input: Path, *, registry: Registry | None = None) -> tuple[dict[str, Any], list[str]]:
    """The report JSON and sorted finding codes :func:`gov_disclosure.load` gives for *case_input*."""
    result = read_bytes(case_input.read_bytes(), name=str(case_input), registry=registry)
    document: dict[str, Any] = json.loads(dumps(_without_provenance(result.report)))
    return document, sorted(f.code for f in result.findings)


def _without_provenance(report: Report) -> Report:
    """The report with every cell's source removed (provenance is not content: model-codebases.md item 12)."""
    for entry in report.iter_cells():
        if entry.cell.source is not None:
            report = report.with_cell(entry.key, attrs.evolve(entry.cell, source=None))
    changes: dict[str, Any] = {}
    for spec, table in report.tables():
        extra = getattr(table, "extra_rows", ())
        if extra:
            rows = tuple(attrs.evolve(r, cells=tuple(attrs.evolve(c, source=None) for c in r.cells)) for r in extra)
            changes[spec.key] = attrs.evolve(table, extra_rows=rows)  # type: ignore[misc]
    return attrs.evolve(report, source=None, **changes)


def _differences(expected: Any, actual: Any, path: str) -> Iterable[str]:
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            yield f"{path}: expected an object, got {actual!r}"
            return
        for key, value in expected.items():
            if key not in actual:
                yield f"{path}.{key}: missing"
            else:
                yield from _differences(value, actual[key], f"{path}.{key}")
    elif isinstance(expected, float) and isinstance(actual, float):
        if not math.isclose(expected, actual):
            yield f"{path}: expected {expected!r}, got {actual!r}"
    elif expected != actual:
        yield f"{path}: expected {expected!r}, got {actual!r}"


def run_case(case: GoldenCase, *, registry: Registry | None = None) -> None:
    """Load the case's input and compare with its expected JSON (subset) and finding codes."""
    actual, codes = report_json(case.input, registry=registry)
    expected = json.loads(case.expected.read_text(encoding="utf-8"))
    problems = list(_differences(expected, actual, "$"))
    if case.findings.exists():
        wanted = sorted(json.loads(case.findings.read_text(encoding="utf-8")))
        if wanted != codes:
            problems.append(f"findings: expected {wanted}, got {codes}")
    if problems:
        raise ConformanceError(f"{case.name}:\n  " + "\n  ".join(problems))


def check_input_reader(reader: InputReader, samples: Sequence[Path]) -> None:
    """The reader meets :class:`InputReader`, sniffs its own samples above 0, and reads each into a Document."""
    problems = []
    if not isinstance(reader, InputReader):
        raise ConformanceError(f"{reader!r} does not have the InputReader attributes and methods")
    reader_name: object = reader.name
    if not isinstance(reader_name, str) or not reader_name:
        problems.append("name must be a non-empty str")
    extensions: tuple[object, ...] = tuple(reader.extensions)
    if not all(isinstance(e, str) and (e == "" or e.startswith(".")) for e in extensions):
        problems.append("extensions must be strings starting with '.'")
    for sample in samples:
        data = sample.read_bytes()
        score: object = reader.sniff(data, sample.name)
        if not isinstance(score, (int, float)) or not 0 < score <= 1:
            problems.append(f"{sample.name}: sniff() returned {score!r}, expected a number in (0, 1]")
        try:
            run_reader(reader, data, path=str(sample))
        except AdapterError as error:
            problems.append(f"{sample.name}: {error}")
    if problems:
        raise ConformanceError(f"reader {reader.name!r}:\n  " + "\n  ".join(problems))


def check_format_adapter(
    adapter: FormatAdapter, cases: Sequence[GoldenCase], *, registry: Registry | None = None
) -> None:
    """The adapter meets :class:`FormatAdapter`, recognises the cases, is the one chosen for them, builds valid output.

    *registry* is the one the cases are loaded with (default: the process-wide registry, which holds your
    entry-point adapter once your package is installed).
    """
    registry = registry or default_registry()
    if not isinstance(adapter, FormatAdapter):
        raise ConformanceError(f"{adapter!r} does not have the FormatAdapter attributes and methods")
    problems = []
    name: object = adapter.name
    if not isinstance(name, str) or not name:
        problems.append("name must be a non-empty str")
    if not adapter.tables or not all(isinstance(t, TableSpec) for t in adapter.tables):
        problems.append("tables must be a non-empty tuple of TableSpec")
    for case in cases:
        data = case.input.read_bytes()
        reader = registry.reader_for(data, case.input.name)
        if reader is None:
            problems.append(f"{case.name}: no registered reader reads {case.input.name}")
            continue
        document = run_reader(reader, data, path=str(case.input))
        if not isinstance(document, Document):
            problems.append(f"{case.name}: the {reader.name} reader gives finished reports, not a document to build")
            continue
        recognised: object = adapter.recognise(document)
        if not isinstance(recognised, (int, float)) or not 0 < recognised <= 1:
            problems.append(f"{case.name}: recognise() returned {recognised!r}, expected a number in (0, 1]")
        chosen = registry.format_for(document)
        if chosen is None or chosen.name != adapter.name:
            found = getattr(chosen, "name", None)
            problems.append(f"{case.name}: the registry chooses {found!r}, not {adapter.name!r}")
        try:
            run_adapter(adapter, document)
        except AdapterError as error:
            problems.append(f"{case.name}: {error}")
        try:
            run_case(case, registry=registry)
        except ConformanceError as error:
            problems.append(str(error))
    if problems:
        raise ConformanceError(f"adapter {adapter.name!r}:\n  " + "\n  ".join(problems))
