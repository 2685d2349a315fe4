"""Tests of the narrative: sections, facts and their checks against the tables (seeds and 淮安 2024)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given

from gov_disclosure.findings import Outcome, Severity
from gov_disclosure.model import SECTION_TITLES, TABLE3, Cell, CellKey, Report, Table3, Table4
from gov_disclosure.model.formats import format_spec
from gov_disclosure.narrative import FactKind, NarrativeFact, check_facts, extract_facts, split_sections
from gov_disclosure.registry import BlankPolicy, RuleContext
from gov_disclosure.render import Damage, render_text
from gov_disclosure.testing.damage import damages
from huaian_2024 import APPLICATIONS_TEXT, APPLICATIONS_TEXT_PDF, OTHER_MATTERS_TEXT, huaian_report

KEYS = [key for key, _ in SECTION_TITLES]


def _seed(seeds_dir: Path, prefix: str) -> str:
    return next(seeds_dir.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def _values(facts: tuple[NarrativeFact, ...]) -> list[tuple[str, str | None, object]]:
    return [(f.kind.value, f.part, f.value) for f in facts]


# --- sections -------------------------------------------------------------------------------


@pytest.mark.seeds
@pytest.mark.parametrize(
    ("prefix", "agency", "year", "found"),
    [
        ("000", "广州开发区穗港智造合作区管委会", 2022, KEYS),
        ("001", "广州市黄埔区人民政府 广州开发区管委会", 2022, KEYS),
        ("002", "广州开发区民营经济和企业服务局", 2020, [k for k in KEYS if k != "applications"]),
        ("003", "广州市番禺区科技工业商务和信息化局", 2023, KEYS),
        ("004", "广州市海珠区人民政府办公室", 2021, KEYS),
    ],
)
def test_sections_and_title_of_seeds(seeds_dir: Path, prefix: str, agency: str, year: int, found: list[str]) -> None:
    """Each seed's headings are found (seed 002 lost its heading 三 in extraction); agency and year from the title."""
    text = _seed(seeds_dir, prefix)
    split = split_sections(text)
    assert [span.key for span in split.spans] == found
    assert split.title is not None
    assert (split.title.agency, split.title.year) == (agency, year)
    for span in split.spans:
        assert text[span.start : span.body_start].strip() == span.heading


@pytest.mark.seeds
def test_section_bodies_of_seeds(seeds_dir: Path) -> None:
    """Bodies hold the section's own text; table rows such as 一、本年新收… are not headings."""
    sections = split_sections(_seed(seeds_dir, "000")).sections
    assert sections.overview is not None
    assert sections.overview.startswith("2022 年，广州开发区穗港智造合作区管委会认真贯彻执行")
    assert sections.applications is not None
    assert "一、本年新收政府信息公开申请数量\t1" in sections.applications
    assert sections.other_matters is not None
    assert sections.other_matters.startswith("我委本年度暂无收取信息处理费情况。")
    seed001 = split_sections(_seed(seeds_dir, "001")).sections
    assert (seed001.proactive, seed001.applications, seed001.review_litigation) == ("", "", "")
    seed003 = split_sections(_seed(seeds_dir, "003")).sections
    assert seed003.other_matters == "2023年度本单位共发出收费通知0件，涉及收费金额0元，实际收取信息处理费0元。"


def test_sub_lists_and_variants_are_not_confused() -> None:
    """Numbered sub-lists inside a section do not displace headings; heading variants and widths still match."""
    text = "\n".join(
        [
            "某局2021年政府信息公开工作年度报告",
            "⼀、总体情况",  # Kangxi radical ⼀ (U+2F00)
            "一、加强组织领导，明确分工。",
            "二、主动公开政府信息情况",
            "三、收到和处理政府信息公开申请情况",
            "一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1",
            "三、本年度办理结果",
            "四、结转下年度继续办理",
            "四、因政府信息公开工作被申请行政复议和提起行政诉讼情况",
            "五、政府信息公开工作存在的主要问题及改进情况",
            "一、存在问题",
            "六、其他需要报告的事项",
            "无。",
        ]
    )
    split = split_sections(text)
    assert [s.heading for s in split.spans] == [
        "⼀、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、因政府信息公开工作被申请行政复议和提起行政诉讼情况",
        "五、政府信息公开工作存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    assert split.sections.overview == "一、加强组织领导，明确分工。"
    assert split.section_at(text.index("一、存在问题")) == "problems"


def test_sections_of_rendered_report_with_damage() -> None:
    """The renderer's headings are found again, with markdown headings and half-width punctuation too."""
    report = huaian_report()
    for damage in (Damage(), Damage(markdown_headings=True, half_width=True, spacing=True, page_breaks=2)):
        split = split_sections(render_text(report, damage=damage))
        assert [s.key for s in split.spans] == KEYS
        assert split.title is not None
        assert split.title.year == 2024
        assert split.title.agency == "淮安市人民政府"


def test_title_split_over_two_lines() -> None:
    """淮安 2024 prints the agency on one line and the year and report name on the next."""
    split = split_sections("淮安市人民政府\n2024 年政府信息公开工作年度报告\n本报告由…编制。\n一、总体情况\n")
    assert split.title is not None
    assert (split.title.agency, split.title.year) == ("淮安市人民政府", 2024)


# --- facts ----------------------------------------------------------------------------------

HUAIAN_FACTS = [
    ("received", None, 3119),
    ("processed", None, 3050),
    ("carried_over", None, 34),
    ("carried_forward", None, 103),
    ("review", None, 351),
    ("review", "upheld", 72),
    ("review", "corrected", 64),
    ("review", "other", 178),
    ("review", "pending", 37),
    ("litigation", None, 46),
    ("litigation", "upheld", 25),
    ("litigation", "corrected", 5),
    ("litigation", "other", 9),
    ("litigation", "pending", 7),
]


@pytest.mark.parametrize("text", [APPLICATIONS_TEXT, APPLICATIONS_TEXT_PDF], ids=["clean", "pdf"])
def test_huaian_facts(text: str) -> None:
    """The 淮安 2024 sentences of format-spec §2.4, clean or as the PDF extracts them (wraps, spaces)."""
    facts = extract_facts(text)
    assert _values(facts) == HUAIAN_FACTS
    received = facts[0]
    assert text[received.span[0] : received.span[1]] == "3119"
    assert received.sentence.startswith("2024年,全市共受理政府信息公开申请3119件")
    fee = extract_facts(OTHER_MATTERS_TEXT)
    assert _values(fee) == [("processing_fee", None, 3940)]
    assert fee[0].unit == "元"


@pytest.mark.seeds
@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        # 000: "共受理依申请公开 1 件" … "予以公开 1 宗" … "无申请公开案件被行政复议或行政诉讼情况" … "暂无收取"
        (
            "000",
            [
                ("received", None, 1),
                ("granted", None, 1),
                ("litigation", None, 0),
                ("review", None, 0),
                ("processing_fee", None, 0),
            ],
        ),
        # 001 (tables absent): 办理申请1062宗 … 2021年结转9宗 … 办结1048宗 … 予以公开333宗 部分公开76宗
        # 不予公开75宗 无法提供530宗 不予处理28宗 其他处理6宗 … 转下年度23宗
        (
            "001",
            [
                ("received", None, 1062),
                ("carried_over", None, 9),
                ("processed", None, 1048),
                ("granted", None, 333),
                ("partial", None, 76),
                ("denied", None, 75),
                ("unable", None, 530),
                ("not_processed", None, 28),
                ("other_processing", None, 6),
                ("carried_forward", None, 23),
                ("processing_fee", None, 0),
            ],
        ),
        # 002: 收到申请1件，办结1件 … 行政复议案和行政诉讼案均为0件
        ("002", [("received", None, 1), ("processed", None, 1), ("litigation", None, 0), ("review", None, 0)]),
        # 003: 办理依申请公开案件 2 宗 … 不予公开的 1 宗 … 无法提供的 1 宗 … 未发生…行政复议及行政诉讼案件 …
        # 实际收取信息处理费0元
        (
            "003",
            [
                ("received", None, 2),
                ("denied", None, 1),
                ("unable", None, 1),
                ("litigation", None, 0),
                ("review", None, 0),
                ("processing_fee", None, 0),
            ],
        ),
        # 004: 答复24宗，其中收到22宗，上年结转2宗 … 行政复议2宗，其中维持2宗；行政诉讼0宗 … 未收取信息处理费
        (
            "004",
            [
                ("processed", None, 24),
                ("received", None, 22),
                ("carried_over", None, 2),
                ("review", None, 2),
                ("review", "upheld", 2),
                ("litigation", None, 0),
                ("processing_fee", None, 0),
            ],
        ),
    ],
)
def test_facts_of_seeds(seeds_dir: Path, prefix: str, expected: list[tuple[str, str | None, int]]) -> None:
    """The facts read by hand from each seed's narrative, and nothing from its tables."""
    text = _seed(seeds_dir, prefix)
    facts = extract_facts(text)
    assert _values(facts) == expected
    for fact in facts:
        if not fact.stated_none:
            assert text[fact.span[0] : fact.span[1]].replace(" ", "") == str(fact.value)


def test_stated_none_and_units() -> None:
    """Words of none give 0 with stated_none; 宗 and 万元 are kept as units; Chinese numerals are read."""
    facts = extract_facts("本年度未收取信息处理费。共收到政府信息公开申请一件。收取信息处理费 1.5 万元。")
    assert [(f.kind, f.value, f.unit, f.stated_none) for f in facts] == [
        (FactKind.PROCESSING_FEE, 0, None, True),
        (FactKind.RECEIVED, 1, "件", False),
        (FactKind.PROCESSING_FEE, Decimal("1.5"), "万元", False),
    ]


def test_percentages_and_combined_disclosure() -> None:
    """予以公开及部分公开 N 件 is its own fact; percentages are kept."""
    facts = extract_facts("予以公开及部分公开 258 件，占 32.05%；予以公开 272 件（占 33.8%），部分公开 3 件。")
    assert [(f.kind, f.value, f.percentage) for f in facts] == [
        (FactKind.GRANTED_OR_PARTIAL, 258, Decimal("32.05")),
        (FactKind.GRANTED, 272, Decimal("33.8")),
        (FactKind.PARTIAL, 3, None),
    ]


def test_table_lines_give_no_facts() -> None:
    """Tab-separated and markdown table rows are not narrative."""
    text = render_text(huaian_report(), damage=Damage(separator="markdown"))
    kinds = {f.kind for f in extract_facts(text)}
    assert kinds <= {
        FactKind.RECEIVED,
        FactKind.PROCESSED,
        FactKind.CARRIED_OVER,
        FactKind.CARRIED_FORWARD,
        FactKind.REVIEW,
        FactKind.LITIGATION,
        FactKind.PROCESSING_FEE,
    }
    assert len(extract_facts(render_text(huaian_report()))) == len(HUAIAN_FACTS) + 1


# --- checks ---------------------------------------------------------------------------------


def test_huaian_narrative_agrees_with_its_tables() -> None:
    """淮安 2024: every fact agrees (行政诉讼 46 = 26 + 20, 25 = 13 + 12 …); 信息处理费 is never compared."""
    report = huaian_report()
    facts = extract_facts(APPLICATIONS_TEXT_PDF + "\n" + OTHER_MATTERS_TEXT)
    assert check_facts(report, facts) == ()


def test_mismatches_are_warnings_that_cite_the_sentence() -> None:
    """A wrong narrative number is a WARNING with the sentence as evidence and its span as source."""
    text = APPLICATIONS_TEXT.replace("行政诉讼46件", "行政诉讼45件").replace("答复3050件", "答复3051件")
    findings = check_facts(huaian_report(), extract_facts(text))
    assert [(f.code, f.expected, f.actual) for f in findings] == [
        ("NARR.PROCESSED", 3050, 3051),
        ("NARR.LITIGATION", 46, 45),
    ]
    processed = findings[0]
    assert processed.severity is Severity.WARNING
    assert processed.cells == (CellKey("table3", "total_processed", "total"),)
    assert processed.evidence is not None
    assert "答复3051件" in processed.evidence
    assert processed.source is not None
    assert text[processed.source.start : processed.source.end] == "3051"
    assert "（七）总计" in processed.message
    litigation = findings[1]
    assert litigation.cells == (
        CellKey("table4", "litigation_direct", "total"),
        CellKey("table4", "litigation_after_review", "total"),
    )


def test_breakdown_mismatch() -> None:
    """行政复议 breakdown cells are checked one by one."""
    text = "政府信息公开行政复议351件，其中结果维持70件，结果纠正64件，其他结果178件，尚未审结37件。"
    findings = check_facts(huaian_report(), extract_facts(text))
    assert [(f.code, f.cells, f.expected, f.actual) for f in findings] == [
        ("NARR.REVIEW", (CellKey("table4", "review", "upheld"),), 72, 70)
    ]


def test_received_may_include_carried_over() -> None:
    """收到 = 一+二 is accepted but flagged with an INFO note saying which reading matched."""
    findings = check_facts(huaian_report(), extract_facts("全年共收到政府信息公开申请3153件。"))
    assert len(findings) == 1
    assert (findings[0].severity, findings[0].outcome) == (Severity.INFO, Outcome.NOTE)
    assert "二、上年结转政府信息公开申请数量" in findings[0].message


def test_several_statements_report_all_and_say_which_agree() -> None:
    """Two statements of the same fact: the disagreeing one is reported and the message counts those that agree."""
    text = "全市共受理政府信息公开申请3119件。……本年度共受理政府信息公开申请3120件。"
    findings = check_facts(huaian_report(), extract_facts(text))
    assert [(f.code, f.actual) for f in findings] == [("NARR.RECEIVED", 3120)]
    assert "另有1处叙述与表格一致" in findings[0].message
    assert "1 other statement(s) agree" in findings[0].message_en


def test_percentage_recomputed_against_total_processed() -> None:
    """占 x% is recomputed against （七）总计 (1362 / 3050 = 44.66%); a wrong one is a WARNING."""
    good = check_facts(huaian_report(), extract_facts("予以公开1362件，占44.66%。"))
    assert good == ()
    bad = check_facts(huaian_report(), extract_facts("予以公开1362件，占50%。"))
    assert [(f.code, f.actual) for f in bad] == [("NARR.PERCENTAGE", 50)]


def test_processing_fee_is_never_compared_with_table2_fees() -> None:
    """Section 六's 信息处理费 (3940 元) is not 表二's 行政事业性收费 (96171.6 万元): no finding either way."""
    facts = extract_facts("全年收取政府信息公开信息处理费 96171.6 万元。全年收取信息处理费 1 元。")
    assert len(facts) == 2
    assert check_facts(huaian_report(), facts) == ()


def test_blank_cells_make_checks_undecidable_unless_policy_zero() -> None:
    """A blank table cell gives an INFO undecidable finding; with BlankPolicy.ZERO it counts as 0."""
    report = huaian_report().with_cell("table4.litigation_after_review.total", Cell.blank())
    facts = extract_facts("行政诉讼26件。")
    findings = check_facts(report, facts)
    assert [(f.code, f.outcome) for f in findings] == [("NARR.LITIGATION", Outcome.UNDECIDABLE)]
    assert check_facts(report, facts, context=RuleContext(blank_policy=BlankPolicy.ZERO)) == ()


@pytest.mark.seeds
def test_seed_narratives_agree_with_their_tables(seeds_dir: Path) -> None:
    """Seed 000's 受理 1 件 / 予以公开 1 宗 and seed 004's numbers agree with the tables as printed."""
    seven = [1, 0, 0, 0, 0, 0, 1]
    zeros = [0] * 7
    report000 = Report(
        format_version="2021",
        table3=Table3.from_rows(
            {"new_received": seven, "carried_over": zeros, "granted": seven, "total_processed": seven}
        ),
        table4=Table4.from_rows({k: [0] * 5 for k in ("review", "litigation_direct", "litigation_after_review")}),
    )
    assert check_facts(report000, extract_facts(_seed(seeds_dir, "000"))) == ()
    report004 = Report(
        format_version="2021",
        table3=Table3.from_rows(
            {
                "new_received": [22, 0, 0, 0, 0, 0, 22],
                "carried_over": [2, 0, 0, 0, 0, 0, 2],
                "total_processed": [24, 0, 0, 0, 0, 0, 24],
                "carried_forward": zeros,
            }
        ),
        table4=Table4.from_rows(
            {"review": [2, 0, 0, 0, 2], "litigation_direct": [0] * 5, "litigation_after_review": [0] * 5}
        ),
    )
    assert check_facts(report004, extract_facts(_seed(seeds_dir, "004"))) == ()
    broken = report004.with_cell("table4.review.total", Cell.of(3))
    assert [f.code for f in check_facts(broken, extract_facts(_seed(seeds_dir, "004")))] == ["NARR.REVIEW"]


@given(damages())
def test_facts_survive_any_damage(damage: Damage) -> None:
    """Whatever the damage, a rendered 淮安 2024 report gives the same facts (all agreeing), sections and title."""
    report = huaian_report(applications=APPLICATIONS_TEXT)
    text = render_text(report, damage=damage)
    facts = extract_facts(text)
    assert _values(facts) == [*HUAIAN_FACTS, ("processing_fee", None, 3940)]
    assert check_facts(report, facts) == ()
    split = split_sections(text)
    assert [span.key for span in split.spans] == KEYS
    assert split.title is not None
    assert (split.title.agency, split.title.year) == ("淮安市人民政府", 2024)


def test_outcome_groups_are_summed() -> None:
    """不予公开/无法提供 … N 件 are compared with the sum of the group; one sub-item only is an INFO note."""
    report = huaian_report()
    good = "不予公开178件，无法提供781件，不予处理88件，其他处理187件。"
    assert check_facts(report, extract_facts(good)) == ()
    sub_item = check_facts(report, extract_facts("无法提供769件。"))
    assert [(f.code, f.severity, f.outcome) for f in sub_item] == [("NARR.OUTCOME", Severity.INFO, Outcome.NOTE)]
    assert "1.本机关不掌握相关政府信息" in sub_item[0].message
    wrong = check_facts(report, extract_facts("不予处理80件，占2.6%。"))
    assert [(f.code, f.expected, f.actual) for f in wrong] == [("NARR.OUTCOME", 88, 80)]
    assert len(wrong[0].cells) == 5


@pytest.mark.seeds
def test_seed_003_outcomes_agree(seeds_dir: Path) -> None:
    """Seed 003: 不予公开的 1 宗 and 无法提供的 1 宗 agree with its 表三 (4. 保护第三方合法权益 1, （四）1. 1)."""
    rows = {row.key: [0] * 7 for row in format_spec("2021").rows(TABLE3)}
    rows["new_received"] = rows["total_processed"] = [2, 0, 0, 0, 0, 0, 2]
    rows["denied_third_party"] = rows["unable_not_held"] = [1, 0, 0, 0, 0, 0, 1]
    report = Report(format_version="2021", table3=Table3.from_rows(rows))
    findings = check_facts(report, extract_facts(_seed(seeds_dir, "003")))
    assert findings == ()


def test_a_quoted_number_is_a_name_not_a_count() -> None:
    """``“三个”第一时间`` (a slogan in the 平潭 2021 report) is not three applications received."""
    text = "对每件申请做到受理、第一时间转送承办单位和第一时间回复申请的“三个”第一时间。全年受理申请12件。"
    assert [(f.kind.value, f.value) for f in extract_facts(text)] == [("received", 12)]


def test_information_classified_as_not_public_is_not_applications_denied() -> None:
    """主动公开 … 依申请公开 … 不予公开 N 条 classifies the information an agency made (平潭经济发展局 2024), it
    does not count applications denied; 不予公开 N 件 in a sentence about applications still does."""
    made = "2024年，我局共制发政府信息349条，其中，主动公开政府信息124条、依申请公开173条、不予公开52条。"
    assert [f.kind.value for f in extract_facts(made)] == []
    assert [(f.kind.value, f.value) for f in extract_facts("收到申请10件，其中不予公开2件。")] == [
        ("received", 10),
        ("denied", 2),
    ]
