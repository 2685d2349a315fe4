"""Example tests of validation with hand-written reports, including the 淮安市人民政府 2024 tables."""

from __future__ import annotations

import inspect
import pkgutil
from collections import Counter
from decimal import Decimal
from types import ModuleType

import pytest

import gov_disclosure.validation as validation
import huaian_2024 as huaian
from gov_disclosure.findings import Finding, Outcome, Severity
from gov_disclosure.model import TABLE3, Cell, CellKey, Report, Table2_2019, Table3, Table4
from gov_disclosure.model.formats import format_spec
from gov_disclosure.model.tables import ExtraRow
from gov_disclosure.registry import BlankPolicy, Rule, RuleRegistry, rules_in
from gov_disclosure.validation import (
    CULPRIT,
    DEFAULT_RULES,
    RULE_MODULES,
    Identity,
    Status,
    Values,
    catalogue_markdown,
    evaluate,
    export_rules,
    identities_for,
    localise,
    validate,
)

huaian_2024 = huaian.huaian_report


def codes(findings: tuple[Finding, ...]) -> list[str]:
    return [f.code for f in findings]


def test_huaian_2024_passes_every_rule() -> None:
    """format-spec §2.4: the 淮安 2024 tables pass every identity; no other finding either."""
    assert validate(huaian_2024()) == ()
    assert validate(huaian_2024(), blank_policy=BlankPolicy.ZERO) == ()


def test_huaian_2024_total_column_mistyped() -> None:
    """Mistyping （七）总计 of the 总计 column (3050 → 3005) fails its three identities and is named as the culprit."""
    key = CellKey("table3", "total_processed", "total")
    findings = validate(huaian_2024().with_cell(key, Cell.of(3005)))
    assert codes(findings) == ["T3.BALANCE", "T3.RESULTS_SUM", "T3.ROW_SUM", CULPRIT]
    balance, results, row, culprit = findings
    assert (balance.actual, balance.expected, balance.difference) == (3153, 3108, 45)
    assert (results.actual, results.expected, results.difference) == (3005, 3050, -45)
    assert (row.actual, row.expected) == (3005, 3050)
    assert "表三「总计」列" in balance.message
    assert "一、本年新收政府信息公开申请数量" in balance.message
    assert "table 3, column total" in balance.message_en
    assert culprit.cells == (key,)
    assert (culprit.actual, culprit.expected) == (3005, 3050)
    assert "表三「（七）总计 × 总计」" in culprit.message
    assert "3050" in culprit.message
    assert culprit.outcome is Outcome.NOTE


def test_huaian_2024_review_total_mistyped_is_ambiguous() -> None:
    """表四 行政复议 总计 351 → 315: one identity fails; 总计 and the four parts all fit except parts that would go
    negative (结果维持 72-36, 结果纠正 64-36, 其他结果 178-36 and 尚未审结 37-36 are all still ≥ 0)."""
    findings = validate(huaian_2024().with_cell("table4.review.total", Cell.of(315)))
    assert codes(findings) == ["T4.GROUP_SUM", CULPRIT]
    culprit = findings[1]
    assert [str(k) for k in culprit.cells] == [
        "table4.review.total",
        "table4.review.upheld",
        "table4.review.corrected",
        "table4.review.other",
        "table4.review.pending",
    ]
    assert culprit.candidates == (351, 36, 28, 142, 1)
    assert "无法确定错误所在" in culprit.message


def test_two_broken_cells_have_no_single_culprit() -> None:
    """Two independent errors in 表三 cannot be explained by one cell; the culprit finding says so."""
    report = huaian_2024().with_cell("table3.granted.natural_person", Cell.of(1289))
    report = report.with_cell("table3.carried_forward.natural_person", Cell.of(104))
    (culprit,) = [f for f in validate(report) if f.code == CULPRIT]
    assert culprit.cells == ()
    assert "无法由改正单独一格来解释" in culprit.message


def test_errors_in_two_tables_are_localised_separately() -> None:
    """No identity links 表三 and 表四, so each table gets its own culprit finding."""
    report = huaian_2024().with_cell("table3.granted.natural_person", Cell.of(1289))
    report = report.with_cell("table4.litigation_direct.upheld", Cell.of(14))
    culprits = [f for f in validate(report) if f.code == CULPRIT]
    assert [f.cells[0].table for f in culprits] == ["table3", "table4"]
    assert culprits[0].cells == (CellKey("table3", "granted", "natural_person"),)
    assert culprits[0].expected == 1288


def test_table3_cells_are_uniquely_localisable() -> None:
    """Proof by enumeration: no two 表三 cells have proportional coefficient vectors over the identities, in either
    format (each cell lies in its row's 总计 identity plus column identities that pin the column and row kind),
    whereas the five cells of a 表四 group share its single identity."""
    for version in ("2019", "2021"):
        identities = identities_for(version)
        rows = format_spec(version).rows(TABLE3)
        keys = [CellKey("table3", r.key, c.key) for r in rows for c in r.columns]
        signatures = [tuple(i.coefficient(k) for i in identities) for k in keys]
        normalised = [s if next(c for c in s if c) > 0 else tuple(-c for c in s) for s in signatures]
        assert all(len([i for i in identities if i.touches(k)]) >= 2 for k in keys)
        assert len(set(normalised)) == len(keys)
        group = [CellKey("table4", "review", c) for c in ("upheld", "corrected", "other", "pending", "total")]
        touching = [{i for i in identities if i.touches(k)} for k in group]
        assert all(t == touching[0] and len(t) == 1 for t in touching)


def test_identity_counts() -> None:
    """7 balance + 7 results-sum identities, one row-sum per 表三 row, 3 表四 groups."""
    assert Counter(i.code for i in identities_for("2021")) == {
        "T3.BALANCE": 7,
        "T3.RESULTS_SUM": 7,
        "T3.ROW_SUM": 25,
        "T4.GROUP_SUM": 3,
    }
    assert Counter(i.code for i in identities_for("2019"))["T3.ROW_SUM"] == 23
    results_2019 = next(i for i in identities_for("2019") if i.code == "T3.RESULTS_SUM")
    assert CellKey("table3", "other_processing", "natural_person") in results_2019.rhs
    assert len(results_2019.rhs) == 19


def test_localise_keeps_holding_identities_holding() -> None:
    """A cell that would fix a failing identity but break a holding one is not a candidate."""
    a, b, c = (CellKey("table4", "review", k) for k in ("total", "upheld", "other"))
    first = Identity(code="X", lhs=(a,), rhs=(b,), statement_zh="a=b", statement_en="a=b")
    second = Identity(code="X", lhs=(a,), rhs=(c,), statement_zh="a=c", statement_en="a=c")
    values = Values(known={a: 1, b: 2, c: 1}, zeroed=frozenset(), kinds={})
    evaluations = [evaluate(first, values), evaluate(second, values)]
    assert [e.status for e in evaluations] == [Status.FAILS, Status.HOLDS]
    (candidate,) = localise(evaluations, values)
    assert (candidate.key, candidate.current, candidate.corrected) == (b, 2, 1)


def _shanghai_like() -> Report:
    """A 2019 report whose intermediate 总计 cells are blank, as Shanghai 2019 left them (format-spec §5.1 rule 5)."""
    rows: dict[str, list[int | None]] = {r.key: [0] * 7 for r in format_spec("2019").rows(TABLE3)}
    rows["new_received"] = [5, 0, 0, 0, 0, 0, 5]
    rows["granted"] = [3, 0, 0, 0, 0, 0, None]
    rows["partial"] = [2, 0, 0, 0, 0, 0, None]
    rows["total_processed"] = [5, 0, 0, 0, 0, 0, 5]
    return Report(
        format_version="2019",
        table2_2019=Table2_2019.from_rows({r.key: [0] * len(r.columns) for r in Table2_2019.spec.rows}),
        table3=Table3.from_rows(rows),
        table4=Table4.from_rows({g: [0] * 5 for g in Table4.row_types}),
    )


def test_blank_cells_make_identities_undecidable() -> None:
    """Blank 总计 cells: their identities are undecidable warnings, not passes or failures; one CELL.BLANK finding."""
    findings = validate(_shanghai_like())
    assert codes(findings) == ["CELL.BLANK", "T3.RESULTS_SUM", "T3.ROW_SUM", "T3.ROW_SUM"]
    blank = findings[0]
    assert blank.cells == (CellKey("table3", "granted", "total"), CellKey("table3", "partial", "total"))
    assert "空白不等于0" in blank.message
    for f in findings[1:]:
        assert (f.outcome, f.severity) == (Outcome.UNDECIDABLE, Severity.WARNING)
        assert "（空白）" in f.message
        assert "blank" in f.message_en


def test_blank_policy_zero_counts_blanks_as_zero_and_says_so() -> None:
    """Under BlankPolicy.ZERO the blanks are 0: the 总计 column no longer adds up, and every message says why."""
    findings = validate(_shanghai_like(), blank_policy=BlankPolicy.ZERO)
    assert codes(findings) == ["CELL.BLANK", "T3.RESULTS_SUM", "T3.ROW_SUM", "T3.ROW_SUM", CULPRIT]
    assert "已按“空白计为0”口径" in findings[0].message
    for f in findings[1:4]:
        assert f.outcome is Outcome.FAILED
        assert "空白计为0" in f.message
        assert "blank policy ZERO" in f.message_en
    assert "空白计为0" in findings[4].message
    assert findings[4].cells == ()  # two blanks, no single cell explains it


def test_missing_tables_and_rows() -> None:
    """A missing table is an ERROR and its identities are skipped; a missing row makes its identities undecidable."""
    report = Report(format_version="2021", table4=Table4.from_rows({"review": [1, 0, 0, 1, 2]}))
    findings = validate(report)
    assert codes(findings) == [
        "TABLE.MISSING",
        "TABLE.MISSING",
        "ROW.MISSING",
        "ROW.MISSING",
        "T4.GROUP_SUM",
        "T4.GROUP_SUM",
    ]
    assert "表二" in findings[0].message
    assert "表三" in findings[1].message
    assert "复议后起诉" in findings[3].message
    assert all(f.severity is Severity.ERROR for f in findings[:4])
    assert all(f.outcome is Outcome.UNDECIDABLE for f in findings[4:])
    assert "缺行" in findings[4].message
    assert "row missing" in findings[4].message_en


def test_rows_of_the_other_format_are_not_required() -> None:
    """A 2019 表三 needs （六）其他处理 as one row, a 2021 表三 its three sub-rows; the other format's rows are not
    missing."""
    rows_2019 = {r.key: [0] * 7 for r in format_spec("2019").rows(TABLE3)}
    report = Report(format_version="2019", table3=Table3.from_rows(rows_2019))
    assert [f for f in validate(report) if f.code == "ROW.MISSING"] == []
    del rows_2019["other_processing"]
    lacking = Report(format_version="2019", table3=Table3.from_rows(rows_2019))
    missing = [f for f in validate(lacking) if f.code == "ROW.MISSING"]
    assert [f.cells[0].row for f in missing] == ["other_processing"]


def test_cell_value_rules() -> None:
    """Negative counts, decimals in count columns, marks and text are findings; signed 本年增/减 and money are not."""
    report = huaian_2024()
    report = report.with_cell("table3.granted.research", Cell.of(-1))
    report = report.with_cell("table4.review.pending", Cell.of(Decimal("37.0")))
    report = report.with_cell("table2.regulations.made", Cell.not_applicable("/"))
    report = report.with_cell("table2.licensing.decisions", Cell.text("4472 28"))
    found = {f.code: f for f in validate(report)}
    assert found["CELL.NEGATIVE"].cells == (CellKey("table3", "granted", "research"),)
    assert found["CELL.NOT_INTEGER"].cells == (CellKey("table4", "review", "pending"),)
    assert found["CELL.NOT_APPLICABLE"].cells == (CellKey("table2", "regulations", "made"),)
    assert found["CELL.TEXT"].evidence == "4472 28"
    assert "表二「第二十条第（五）项 行政许可 × 本年处理决定数量」" in found["CELL.TEXT"].message
    rows_2019: dict[str, list[Cell | int]] = {r.key: [0] * len(r.columns) for r in Table2_2019.spec.rows}
    rows_2019["licensing"] = [10, -8, 3]
    rows_2019["central_procurement"] = [1, Cell.of(Decimal("251000"), raw="251000元", unit="元")]
    signed = Report(format_version="2019", table2_2019=Table2_2019.from_rows(rows_2019))
    assert not [f for f in validate(signed) if f.code.startswith("CELL.")]
    fees = CellKey.parse("table2.fees.amount_wan_yuan")
    (negative,) = [f for f in validate(report.with_cell(fees, Cell.of(Decimal("-1.5")))) if f.cells == (fees,)]
    assert "金额不能为负" in negative.message


def test_extra_rows_are_info() -> None:
    """A row that is not in the official form (Hubei's 其他主动公开文件) is an INFO finding, not an error."""
    rows_2019 = {r.key: [0] * len(r.columns) for r in Table2_2019.spec.rows}
    extra_row = ExtraRow(label="其他主动公开文件", after="normative_docs")
    table2 = Table2_2019.from_rows(rows_2019, extra_rows=[extra_row])
    (extra,) = [f for f in validate(Report(format_version="2019", table2_2019=table2)) if f.code == "ROW.EXTRA"]
    assert extra.severity is Severity.INFO
    assert "其他主动公开文件" in extra.message


def _rule_modules() -> list[ModuleType]:
    found = []
    for info in pkgutil.iter_modules(validation.__path__, validation.__name__ + "."):
        module = __import__(info.name, fromlist=["_"])
        found.append(module)
    return found


def test_every_rule_function_is_registered_once() -> None:
    """Every ``rule_*`` function in the validation package is decorated and in DEFAULT_RULES; codes are unique."""
    registered: set[object] = {r.check for r in DEFAULT_RULES}
    for module in _rule_modules():
        functions = [f for name, f in inspect.getmembers(module, inspect.isfunction) if name.startswith("rule_")]
        for function in functions:
            if function.__module__ == module.__name__:
                assert function in registered, f"{module.__name__}.{function.__name__} is not in DEFAULT_RULES"
                module_rules: tuple[Rule[Report], ...] = rules_in(module)
                decorated: set[object] = {r.check for r in module_rules}
                assert function in decorated, f"{function.__name__} is not decorated"
    assert {r.check.__module__ for r in DEFAULT_RULES} == {m.__name__ for m in RULE_MODULES}
    rules: list[Rule[Report]] = []
    for module in RULE_MODULES:
        rules.extend(rules_in(module))
    all_codes = [r.code for r in rules]
    assert [c for c, n in Counter(all_codes).items() if n > 1] == []
    with pytest.raises(ValueError, match="duplicate"):
        RuleRegistry((*DEFAULT_RULES.rules, DEFAULT_RULES.get("CULPRIT")))


def test_export_rules() -> None:
    """The catalogue exports every rule with its docstring, which quotes the spec; the Markdown lists them all."""
    infos = export_rules()
    assert [i.code for i in infos] == [r.code for r in DEFAULT_RULES]
    assert {"T3.BALANCE", "T3.RESULTS_SUM", "T3.ROW_SUM", "T4.GROUP_SUM", "CULPRIT", "CELL.BLANK"} <= {
        i.code for i in infos
    }
    for info in infos:
        assert "format-spec" in info.doc or "keys.md" in info.doc, info.code
        assert info.title
    markdown = catalogue_markdown()
    assert all(f"`{i.code}`" in markdown for i in infos)
    assert "第一项加第二项之和" in markdown


def test_custom_registry() -> None:
    """validate runs only the rules of the registry it is given."""
    report = huaian_2024().with_cell("table3.granted.natural_person", Cell.of(1))
    assert CULPRIT not in codes(validate(report, registry=DEFAULT_RULES.without(CULPRIT)))
    assert validate(report, registry=RuleRegistry()) == ()


@pytest.mark.parametrize(
    ("year", "version", "flagged"),
    [(2020, "2019", False), (2022, "2021", False), (2020, "2021", True), (2023, "2019", True), (2018, "2019", True)],
)
def test_report_year_and_format(year: int, version: str, flagged: bool) -> None:
    """A report year whose national format differs from the tables' format is a WARNING (format-spec §0, §7)."""
    report = Report(format_version=version, report_year=year)
    found = [f for f in validate(report) if f.code == "REPORT.FORMAT_YEAR"]
    assert bool(found) == flagged
    if flagged:
        assert found[0].severity is Severity.WARNING
        assert str(year) in found[0].message
