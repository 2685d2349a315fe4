"""Property tests of validation: consistent reports pass, one broken cell fails exactly the identities that touch
it, and culprit localisation finds it (or reports the exact set of cells that would explain the failures)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gov_disclosure.findings import Outcome, Severity
from gov_disclosure.model import FORMAT_VERSIONS, Cell, CellKey, FormatVersion, Report
from gov_disclosure.registry import BlankPolicy
from gov_disclosure.testing import BrokenReport, broken_reports, cells, consistent_reports
from gov_disclosure.validation import CULPRIT, IDENTITY_CODES, Identity, identities_for, validate

pytestmark = pytest.mark.property

policies = st.sampled_from(BlankPolicy)


def _int(cell: Cell | None) -> int:
    assert cell is not None
    assert isinstance(cell.value, int)
    return cell.value


def _signature(identities: tuple[Identity, ...], key: CellKey) -> tuple[int, ...]:
    return tuple(i.coefficient(key) for i in identities)


def equivalent_cells(report: Report, key: CellKey) -> dict[CellKey, int]:
    """Cells whose coefficient vector over the report's identities is ``s`` times that of *key* (s = ±1).

    Changing *key* by Δ changes every residual by ``coefficient·Δ``; a cell *j* explains that change exactly when
    its vector is a multiple ``s`` of *key*'s (then correcting *j* by ``-s·Δ`` restores every identity), since all
    coefficients are ±1. Returns ``{cell: s}``, including *key* itself with ``s = 1``.
    """
    identities = identities_for(report.format_version)
    target = _signature(identities, key)
    found: dict[CellKey, int] = {}
    for entry in report.iter_cells():
        signature = _signature(identities, entry.key)
        for s in (1, -1):
            if any(signature) and signature == tuple(s * c for c in target):
                found[entry.key] = s
    return found


@pytest.mark.parametrize("version", FORMAT_VERSIONS)
@given(data=st.data(), policy=policies)
def test_consistent_report_has_no_finding(version: FormatVersion, data: st.DataObject, policy: BlankPolicy) -> None:
    """A consistent report of each format (all cells numbers) yields no finding at all, under both policies."""
    report = data.draw(consistent_reports(version))
    assert report.format_version == version
    assert validate(report, blank_policy=policy) == ()


@given(broken_reports(), policies)
def test_broken_cell_fails_exactly_the_identities_touching_it(broken: BrokenReport, policy: BlankPolicy) -> None:
    """Changing one cell makes exactly the identities containing that cell fail, with the right difference."""
    findings = validate(broken.report, blank_policy=policy)
    failed = {(f.code, f.cells) for f in findings if f.code in IDENTITY_CODES}
    touching = [i for i in identities_for(broken.report.format_version) if i.touches(broken.key)]
    assert failed == {(i.code, i.cells) for i in touching}
    assert touching  # every 表三/表四 cell is in at least one identity
    identity_findings = [f for f in findings if f.code in IDENTITY_CODES]
    assert all(f.severity is Severity.INCONSISTENCY and f.outcome is Outcome.FAILED for f in identity_findings)
    delta = _int(broken.replacement) - _int(broken.original)
    for f in identity_findings:
        identity = next(i for i in touching if (i.code, i.cells) == (f.code, f.cells))
        assert f.difference == identity.coefficient(broken.key) * delta
    assert [f.code for f in findings] == [*(f.code for f in identity_findings), CULPRIT]


@given(broken_reports(), policies)
def test_culprit_names_the_broken_cell(broken: BrokenReport, policy: BlankPolicy) -> None:
    """Culprit localisation names the broken cell and its original value when it is uniquely localisable, and
    otherwise lists exactly the cells that could explain the failures (the broken one with its original value)."""
    (culprit,) = [f for f in validate(broken.report, blank_policy=policy) if f.code == CULPRIT]
    assert culprit.outcome is Outcome.NOTE
    equivalents = equivalent_cells(broken.report, broken.key)
    delta = _int(broken.replacement) - _int(broken.original)
    # correcting cell j (signature s times the broken one's) by -s·Δ restores every identity; it is a valid
    # correction only if the corrected count is not negative.
    admissible = {}
    for key, s in equivalents.items():
        corrected = _int(broken.report.cell(key)) - s * delta
        if corrected >= 0:
            admissible[key] = corrected
    assert admissible[broken.key] == broken.original.value
    if len(admissible) == 1:
        assert culprit.cells == (broken.key,)
        assert culprit.actual == broken.replacement.value
        assert culprit.expected == broken.original.value
        assert str(broken.original.value) in culprit.message
    else:
        assert dict(zip(culprit.cells, culprit.candidates, strict=True)) == admissible
        assert culprit.expected is None
        assert "无法确定" in culprit.message
        assert "ambiguous" in culprit.message_en


@given(broken_reports(tables=("table3",)))
def test_every_broken_table3_cell_is_localised_uniquely(broken: BrokenReport) -> None:
    """In 表三 every cell is uniquely localisable (see test_validation.test_table3_cells_are_uniquely_localisable),
    so the culprit is always named outright."""
    (culprit,) = [f for f in validate(broken.report) if f.code == CULPRIT]
    assert culprit.cells == (broken.key,)
    assert (culprit.actual, culprit.expected) == (broken.replacement.value, broken.original.value)


@given(consistent_reports(), st.data())
def test_blank_is_not_zero(report: Report, data: st.DataObject) -> None:
    """Blanking one 表三/表四 cell: under UNKNOWN exactly the identities touching it become undecidable and none
    fails; under ZERO they hold iff the cell was 0, and otherwise the culprit is that blank cell (表三)."""
    entries = [e for e in report.iter_cells() if e.key.table in ("table3", "table4")]
    entry = data.draw(st.sampled_from(entries))
    blanked = report.with_cell(entry.key, Cell.blank())
    touching = {(i.code, i.cells) for i in identities_for(report.format_version) if i.touches(entry.key)}

    unknown = validate(blanked)
    assert {(f.code, f.cells) for f in unknown if f.outcome is Outcome.UNDECIDABLE} == touching
    assert not [f for f in unknown if f.severity >= Severity.INCONSISTENCY]
    assert [f.code for f in unknown if f.outcome is Outcome.FAILED] == ["CELL.BLANK"]

    zero = validate(blanked, blank_policy=BlankPolicy.ZERO)
    assert not [f for f in zero if f.outcome is Outcome.UNDECIDABLE]
    failed = {(f.code, f.cells) for f in zero if f.code in IDENTITY_CODES}
    assert failed == (set() if entry.cell.value == 0 else touching)
    assert all("空白计为0" in f.message for f in zero if f.code in IDENTITY_CODES)
    if entry.cell.value and entry.key.table == "table3":
        (culprit,) = [f for f in zero if f.code == CULPRIT]
        assert (culprit.cells, culprit.actual, culprit.expected) == ((entry.key,), 0, entry.cell.value)


@given(consistent_reports(), st.data(), policies)
def test_validate_never_raises(report: Report, data: st.DataObject, policy: BlankPolicy) -> None:
    """Any cell kind anywhere (blank, marks, text, numbers of any size) yields findings, never an exception."""
    entries = list(report.iter_cells())
    for _ in range(data.draw(st.integers(1, 6))):
        entry = data.draw(st.sampled_from(entries))
        report = report.with_cell(entry.key, data.draw(cells()))
    findings = validate(report, blank_policy=policy)
    assert all(f.message and f.message_en for f in findings)


@given(broken_reports(tables=("table4",)))
def test_broken_table4_part_is_ambiguous(broken: BrokenReport) -> None:
    """A 表四 group has a single identity, so every cell of the group explains a broken part equally well; the
    group's 总计 is always a valid correction then (it becomes the sum of the parts, never negative), so the
    culprit is reported as ambiguous. A broken 总计 may be unique (when every part would need to go negative)."""
    (culprit,) = [f for f in validate(broken.report) if f.code == CULPRIT]
    listed: dict[CellKey, object] = (
        dict(zip(culprit.cells, culprit.candidates, strict=True))
        if culprit.candidates
        else {culprit.cells[0]: culprit.expected}  # a unique culprit carries its correction in ``expected``
    )
    assert listed[broken.key] == broken.original.value
    assert {k.row for k in listed} == {broken.key.row}
    if not culprit.candidates:
        assert broken.key.column == "total", "only a broken 总计 can be unique"
    if broken.key.column != "total":
        assert len(culprit.cells) >= 2
        assert CellKey("table4", broken.key.row, "total") in listed
