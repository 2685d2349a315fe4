"""Validation per FormatSpec: a version registered on top of a built-in one is checked with its base's rules.

A toy version based on the 2021 format (the 2021 表二 spec and class under another name) is registered for the
length of each test; its reports must be validated exactly as the same reports in the 2021 format, and a rule
declared for 2021 alone must apply to it while a rule declared for 2019 alone must not.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Iterator

import attrs
import pytest

from gov_disclosure.findings import Finding, Severity
from gov_disclosure.model.cells import Cell
from gov_disclosure.model.formats import FORMAT_2021, FormatSpec, register_format_spec, unregister_format_spec
from gov_disclosure.model.layout import TABLE2
from gov_disclosure.model.report import Report
from gov_disclosure.model.tables import Table2
from gov_disclosure.registry import BlankPolicy, RuleContext, RuleRegistry, rule, rules_in
from gov_disclosure.testing import random_broken_report, random_report
from gov_disclosure.validation import DEFAULT_RULES, identities_for, validate

TOY = "2021-toy"


@pytest.fixture
def toy_format() -> Iterator[FormatSpec]:
    """A version based on 2021, registered for one test."""
    spec = register_format_spec(
        FormatSpec(
            name=TOY,
            title_zh="2021年格式的试验变体",
            title_en="a test variant of the 2021 format",
            table2=TABLE2,
            table2_class=Table2,
            based_on=FORMAT_2021,
        )
    )
    try:
        yield spec
    finally:
        unregister_format_spec(TOY)


def _as_toy(report: Report) -> Report:
    return attrs.evolve(report, format_version=TOY)


def _reports_2021(seed: int) -> Iterator[tuple[Report, BlankPolicy]]:
    """2021 reports, consistent or with a broken cell, some with blanks, marks and negatives, and a policy."""
    rng = random.Random(seed)
    for _ in range(20):
        report = random_report(rng, "2021") if rng.random() < 0.5 else random_broken_report(rng, "2021").report
        keys = [entry.key for entry in report.iter_cells()]
        for key in rng.sample(keys, rng.choice((0, 2, 5))):
            report = report.with_cell(key, rng.choice((Cell.blank(), Cell.not_applicable(), Cell.of(-1))))
        yield report, rng.choice(tuple(BlankPolicy))


@pytest.mark.usefixtures("toy_format")
def test_a_version_based_on_2021_is_validated_with_the_2021_rules() -> None:
    """Every finding of a 2021 report (identities, culprits, cells, rows) is found in the same report as the
    toy version, and nothing else."""
    failing = 0
    for report, policy in _reports_2021(11):
        expected = validate(report, blank_policy=policy)
        assert validate(_as_toy(report), blank_policy=policy) == expected
        failing += any(f.severity is Severity.INCONSISTENCY for f in expected)
    assert failing > 0  # the comparison covered failing identities and culprits


@pytest.mark.usefixtures("toy_format")
def test_the_toy_version_has_the_identities_and_rules_of_2021() -> None:
    assert identities_for(TOY) == identities_for("2021")
    assert [r.code for r in DEFAULT_RULES if r.applies_to(TOY)] == [r.code for r in DEFAULT_RULES]


@pytest.mark.usefixtures("toy_format")
def test_a_report_year_of_the_base_format_is_not_a_format_conflict() -> None:
    """REPORT.FORMAT_YEAR: a 2022 report in a variant of the 2021 format uses the right tables."""
    report = Report(format_version=TOY, report_year=2022)
    assert "REPORT.FORMAT_YEAR" not in [f.code for f in validate(report)]
    assert "REPORT.FORMAT_YEAR" in [f.code for f in validate(Report(format_version=TOY, report_year=2020))]


@rule("X.ONLY_2021", severity=Severity.INFO, title="a rule declared for 2021 only", versions=("2021",))
def _only_2021(report: Report, context: RuleContext) -> Iterator[Finding]:
    yield Finding(code="X.ONLY_2021", severity=Severity.INFO, message="2021", message_en="2021")


@rule("X.ONLY_2019", severity=Severity.INFO, title="a rule declared for 2019 only", versions=("2019",))
def _only_2019(report: Report, context: RuleContext) -> Iterator[Finding]:
    yield Finding(code="X.ONLY_2019", severity=Severity.INFO, message="2019", message_en="2019")


@pytest.mark.usefixtures("toy_format")
def test_rules_declared_for_the_base_apply_to_the_variant() -> None:
    registry: RuleRegistry[Report] = RuleRegistry(rules_in(sys.modules[__name__]))
    assert [f.code for f in validate(Report(format_version=TOY), registry=registry)] == ["X.ONLY_2021"]
    assert [f.code for f in validate(Report(format_version="2019"), registry=registry)] == ["X.ONLY_2019"]
