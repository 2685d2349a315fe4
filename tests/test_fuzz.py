"""The fuzzing campaign in the suite (issue 13): damaged real and rendered reports judged by the oracle.

Under truth-preserving damage (lines deleted, split or joined, truncation, page marks, blank lines, a character
deleted, width swaps, zero-width characters, a ``<tr>``/``<td>`` deleted) every number returned is the number
printed, or its cell is left without a value and a finding names it. Under truth-changing damage (a digit changed or
turned into a space, a line printed twice, two reports spliced) every cell read other than the truth that an identity
covers is named by a failed check. The examples are derandomised: the suite runs the same inputs every time;
``scripts/fuzz.py`` explores.
"""

from __future__ import annotations

import functools
import random
import re
from decimal import Decimal

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SHARED, shared_path
from gov_disclosure.errors import NotAReportError
from gov_disclosure.formats import AdapterError
from gov_disclosure.loader import read_text
from gov_disclosure.model.cells import CellKind
from gov_disclosure.model.formats import format_spec
from gov_disclosure.model.keys import CellKey
from gov_disclosure.model.layout import TABLE4
from gov_disclosure.parsing.lines import is_value
from gov_disclosure.render import Damage, render_text
from gov_disclosure.testing import random_report
from gov_disclosure.testing.fuzz.hostile import HOSTILE
from gov_disclosure.testing.fuzz.minimise import minimise
from gov_disclosure.testing.fuzz.operators import (
    CHANGING,
    DELETE_TD,
    DELETE_TR,
    DIGIT_CHANGE,
    OPERATORS,
    PRESERVING,
    WIDTH_SWAP,
    Operator,
    deletable,
    digit_break,
    operators_for,
    splice_with,
)
from gov_disclosure.testing.fuzz.oracle import Expectation, Problem, is_crash, judge
from gov_disclosure.testing.fuzz.subjects import RENDERED_FORMS, Subject, fuzz_case, real_subjects, rendered_subject
from gov_disclosure.testing.fuzz.sweep import single_damages
from gov_disclosure.testing.grids import report_html
from gov_disclosure.testing.truth import Truth, TruthCell, truth_files

REAL = [path.name.removesuffix(".truth.json") for path in truth_files(SHARED / "real")] if SHARED.is_dir() else []
"""The real reports with truth files (their names), for parametrising; empty without ../shared."""

_PAGE_MARK = re.compile(r"^(?:- \d+ -|第 ?\d+ ?页(?: 共\d+页)?|—\d+—)$", re.MULTILINE)
"""The page marks :data:`PAGE_BREAK` inserts (not in the rendered texts)."""
_FULL_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def _digits(text: str) -> str:
    return "".join(re.findall(r"\d", text.translate(_FULL_DIGITS)))


@functools.cache
def _subjects_in(folder: str) -> tuple[Subject, ...]:
    return tuple(real_subjects(folder))


def _subjects() -> tuple[Subject, ...]:
    """Every real report under ../shared/real with its truth; a PDF as its pypdf, pdfplumber and pdfminer text (read
    once: not a fixture, whose value Hypothesis would print in full with a failing example)."""
    return _subjects_in(str(shared_path("real")))


def _named(name: str) -> list[Subject]:
    found = [s for s in _subjects() if s.name.split("[")[0] == name]
    assert found, name
    return found


# --- the campaign: real reports ------------------------------------------------------------------------------------

_TEXT_PRESERVING = [op for op in PRESERVING if "text" in op.forms]


KNOWN: dict[tuple[str, str], str] = {}
"""(report, operator) pairs whose derandomised examples hit a mechanism the readers do not handle yet. The examples
are fixed by the test function's code: an edit of the test may move them (then update this table)."""


def _cases(names: list[str], operators: list[Operator]) -> list[object]:
    """One test per (report or form, operator): a failure names the operator."""
    return [
        pytest.param(name, op, id=f"{name}-{op.name}", marks=_known(name, op))
        for name in names or ["(no ../shared)"]
        for op in operators
    ]


def _known(name: str, op: Operator) -> list[pytest.MarkDecorator]:
    reason = KNOWN.get((name, op.name))
    return [pytest.mark.xfail(strict=True, reason=reason)] if reason else []


@pytest.mark.property
@pytest.mark.parametrize(("name", "operator"), _cases(REAL, _TEXT_PRESERVING))
@settings(max_examples=12, deadline=None, derandomize=True)
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_truth_preserving_damage_of_a_real_report_is_exact_or_flagged(name: str, operator: Operator, seed: int) -> None:
    rng = random.Random(seed)
    subject = rng.choice(_named(name))
    case = fuzz_case(subject, rng, changes_truth=False, operators=(operator,))
    assert case.judgement.faults == (), case.mutations


@pytest.mark.property
@pytest.mark.parametrize("name", REAL or ["(no ../shared)"])
@settings(max_examples=50, deadline=None, derandomize=True)
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_truth_changing_damage_of_a_real_report_is_caught_where_an_identity_covers_it(name: str, seed: int) -> None:
    rng = random.Random(seed)
    subject = rng.choice(_named(name))
    case = fuzz_case(subject, rng, changes_truth=True, donors=_subjects())
    assert case.judgement.faults == (), case.mutations


# --- the campaign: rendered reports --------------------------------------------------------------------------------


@pytest.mark.property
@pytest.mark.parametrize(("form", "operator"), _cases(list(RENDERED_FORMS), list(PRESERVING)))
@settings(max_examples=12, deadline=None, derandomize=True)
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_truth_preserving_damage_of_a_rendered_report_is_exact_or_flagged(
    form: str, operator: Operator, seed: int
) -> None:
    if form not in operator.forms:
        return
    rng = random.Random(seed)
    case = fuzz_case(rendered_subject(rng, form), rng, changes_truth=False, operators=(operator,))
    assert case.judgement.faults == (), case.mutations


@pytest.mark.property
@settings(max_examples=200, deadline=None, derandomize=True)
@given(seed=st.integers(min_value=0, max_value=2**32 - 1), form=st.sampled_from(RENDERED_FORMS))
def test_truth_changing_damage_of_a_rendered_report_is_caught_where_an_identity_covers_it(seed: int, form: str) -> None:
    rng = random.Random(seed)
    case = fuzz_case(rendered_subject(rng, form), rng, changes_truth=True)
    assert case.judgement.faults == (), case.mutations


# --- mechanisms the campaign finds today: minimised reproducers (the lead fixes the readers) ------------------------


def _decimal_cuts() -> list[tuple[Subject, str]]:
    """Rendered 2019 and 2021 texts cut by a line break before and after the decimal point of a 表二 amount."""
    cuts = []
    for form in ("text", "markdown"):
        for version in ("2019", "2021"):
            subjects = (rendered_subject(random.Random(seed), form, version) for seed in range(50))
            subject, number = next((s, n) for s in subjects if (n := re.search(r"\d+\.\d+", s.text)) is not None)
            point = number.start() + number.group().index(".")
            cuts += [(subject, subject.text[:cut] + "\n" + subject.text[cut:]) for cut in (point, point + 1)]
    return cuts


@pytest.mark.parametrize(("subject", "text"), _decimal_cuts(), ids=lambda value: getattr(value, "name", ""))
def test_a_decimal_split_across_lines_in_a_rendered_report_is_joined(subject: Subject, text: str) -> None:
    """A 表二 amount with a line break before or after its decimal point (``1457`` / ``.5``, ``1457.`` / ``5``)."""
    assert judge(subject.expectation, read_text(text), changes_truth=False).faults == ()


def test_a_decimal_split_across_lines_is_joined_or_flagged() -> None:
    """淮安 2024's 事业性收费 (``96171.6``, pdfplumber text) with a line break after the decimal point."""
    text = "政务公开\n信息内容本年收费金额万\n事业性收费96171.\n6\n"
    truth = Truth(
        format_version="2021", cells=(TruthCell(CellKey.parse("table2.fees.amount_wan_yuan"), Decimal("96171.6")),)
    )
    assert judge(Expectation(truth), read_text(text), changes_truth=False).faults == ()


def _huaian(text: str) -> tuple[str, ...]:
    truth = Truth.load(shared_path("real", "huaian-city-2024.truth.json"))
    return tuple(str(f) for f in judge(Expectation.of_truth(truth), read_text(text), changes_truth=False).faults)


def test_a_joined_line_of_table4_followed_by_the_next_heading_is_exact_or_flagged() -> None:
    """Minimised from 淮安 2024's pdfplumber text with lines 137-147 joined."""
    text = "四、政府信息公开行政复议\n行政复议行政诉讼\n72 64 178 37 351 13 4 8 1 26 12 1 1 6 20五、5 "
    assert _huaian(text) == ()


def test_a_number_cut_before_the_next_heading_is_not_read_short() -> None:
    """淮安 2024 (pypdf text) with 表三's last rows and 表四's heading joined on one line and a number cut:
    ``…四、结转下年度继续办理 103 0 0 0 0 0 10`` / ``3四、政府信息公开行政复议…`` (its total was read 10)."""
    subject = next(s for s in _named("huaian-city-2024") if "pypdf" in s.name)
    lines = subject.text.split("\n")
    first = next(i for i, line in enumerate(lines) if line.startswith("2、申请人逾期未按收费通知"))
    last = next(i for i, line in enumerate(lines) if line.startswith("四、政府信息公开行政复议"))
    joined = "".join(lines[first : last + 4])
    assert "0 103四、政府信息公开" in joined
    lines[first : last + 4] = joined.replace("0 103四、政府信息公开", "0 10\n3四、政府信息公开").split("\n")
    assert judge(subject.expectation, read_text("\n".join(lines)), changes_truth=False).faults == ()


_T4_ROW = "2881\t3317\t4470\t487\t11155\t0\t3776\t3827\t1505\t9108\t2903\t4130\t2794\t3075\t12902"


@pytest.mark.parametrize(
    "after",
    [" 五、存在的主要问题及改进情况 无。 六、其他需要报告的事项 全年收取信息处理费 3940 元。", " 事\n3940 。"],
    ids=["sections_joined", "words_after_the_last_cell"],
)
def test_table4_followed_on_its_line_by_words_is_read_from_the_table_only(after: str) -> None:
    """Minimised from rendered 2019 text with 表四's line of numbers joined to sections 五 and 六: the last cell
    ``12902 五、存在…`` was taken for a label, and 3940 (section 六's fee) read as 复议后起诉·总计."""
    result = read_text(f"四、政府信息公开行政复议尚未审结{_T4_ROW}{after}\n")
    table = result.report.table4
    assert table is not None
    total, upheld = table.cell("litigation_after_review", "total"), table.cell("review", "upheld")
    assert total is None or total.value in {12902, None}
    assert upheld is None or upheld.value in {2881, None}


def test_table4_cut_short_is_not_filled_by_cutting_its_numbers() -> None:
    """Fuzz seed 2029, #62218 (rendered 2021 text, truncated): 表四 ends after eleven values, the last cut, and
    ``10348`` was cut into 1, 0, 3, 4, 8 to fill 未经复议直接起诉 (five values lost at the end, where the text was cut,
    are as likely as four separators lost inside a run)."""
    result = read_text("四、政府信息公开行政复议尚未审结2475\t0\t3870\t4003\t10348\t0\t0\t473\t0\t473\t1571")
    table = result.report.table4
    assert table is not None
    printed = [2475, 0, 3870, 4003, 10348, 0, 0, 473, 0, 473, None, None, None, None, None]
    for (row, column, cell), value in zip(table.iter_cells(), printed, strict=True):
        assert cell.value in {value, None}, f"{row}.{column}"


def test_a_page_number_glued_to_a_number_cut_by_a_line_break_is_furniture() -> None:
    """Fuzz seed 2030, #12026 (淮安 2024, pypdf text, lines joined and a number split): the page foot joined to
    表三's row, ``…10 1 769- 5 -``, with a break inside 769 (``…10 1 7`` / ``69- 5 -``): the row read 7 as its total
    (seven values: the identities then accused the agency). ``- 5 -`` glued to a number is a page mark too."""
    subject = next(s for s in _named("huaian-city-2024") if "pypdf" in s.name)
    assert "10 1 769\n- 5 -\n" in subject.text
    text = subject.text.replace("10 1 769\n- 5 -\n", "10 1 7\n69- 5 -\n")
    assert judge(subject.expectation, read_text(text), changes_truth=False).faults == ()


def test_no_operator_deletes_part_of_a_number_cut_at_its_point() -> None:
    """Fuzz seed 2030, #176195: ``行政事业性收费\t0`` / ``.64`` — deleting the line ``.64``, or its point, leaves a
    number the report never printed; the operators must not count either as keeping the truth."""
    text = "行政事业性收费\t0\n.64\t\t\n三、"
    assert digit_break("行政事业性收费\t0", ".64\t\t")
    assert not deletable(text, text.index("."))


def test_table4_cut_short_joins_a_number_split_by_a_line_break() -> None:
    """Fuzz seed 2031, #110608 (rendered 2021 text, lines joined, a number split, the text cut): 表四 with fewer
    than fifteen numbers, 22 split by a line break (``…41\t2`` / ``2\t16…``): read as 2 and 2, shifting the rest."""
    result = read_text("四、政府信息公开行政复议尚未审结0\t29\t0\t12\t41\t2\n2\t16\t4\t0\t42\t2\t0\t0")
    table = result.report.table4
    assert table is not None
    printed = [0, 29, 0, 12, 41, 22, 16, 4, 0, 42, 2, 0, None, None, None]
    for (row, column, cell), value in zip(table.iter_cells(), printed, strict=True):
        assert cell.value in {value, None}, f"{row}.{column}"


def test_table2_rows_closed_by_a_caption_take_no_numbers_after_it() -> None:
    """Fuzz seed 2029, #168175 (淮安 2024, pypdf text, lines joined and numbers split): 行政许可's ``447228`` cut
    after a caption line (``第二十条 第（五）项 … 行政许可 447`` / ``228 第二十条 第（六）项…``) and 228 read onto
    行政规范性文件's 66 above the caption (66228, no finding)."""
    text = "政务公开\n信息内容现行有效件数\n性文件8 26 66\n第二十条五项 447\n228 第二十条六项4 3985758"
    table = read_text(text).report.table2
    assert table is not None
    valid = table.cell("normative_docs", "valid")
    assert valid is None or valid.value in {66, None}


def test_a_number_alone_at_the_end_of_a_text_may_continue_the_line_above() -> None:
    """Fuzz seed 2029, #155261 (rendered 2021 text, a number split and the text cut): ``规章\t14\t7\t1`` / ``5``
    at the end of the text: 1 may be the start of 15 (or 15…): not read as 1."""
    table = read_text("政府信息公开\n信息内容现行有效件数\n规章14\t7\t1\n5").report.table2
    assert table is not None
    valid = table.cell("regulations", "valid")
    assert valid is None or valid.value is None


@pytest.mark.parametrize(
    "text",
    [
        "四、政府信息公开行政复议\n行政复议行政诉讼\n7\n2 64 178 37 351 13 4 8 1 26 12 1 1 6 20",
        "四、政府信息公开行政复议尚未审结\n7\n2\t64\t178\t37\t351\t13\t4\t8\t1\t26\t12\t1\t1\t6\t20",
    ],
    ids=["spaces", "tabs"],
)
def test_table4_split_by_a_break_and_cut_after_its_last_line_is_read_through_the_identities(text: str) -> None:
    """Fuzz seed 2032, #66064 and #143673 (淮安 2024 pypdf text; rendered 2021 text): 72 split by a line break
    (``7`` / ``2 64 …``) and the text cut right after 表四's last number. The last number is not read (it may be
    cut), which left fifteen printed, read as if exact (7, 2, 64 …): the cut was looked for on the line the table
    started on, not on the last one read into it."""
    table = read_text(text).report.table4
    assert table is not None
    printed = [72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20]
    for (row, column, cell), value in zip(table.iter_cells(), printed, strict=True):
        assert cell.value in {value, None}, f"{row}.{column}: {cell.value}"
    assert table.review is not None
    assert table.review.upheld.value == 72


@pytest.mark.parametrize("tail", ["6\n第二十条 第（五）项", "6 项"], ids=["numbers-alone", "then-words"])
def test_table2_row_wrapped_over_three_lines_joins_no_break_it_cannot_check(tail: str) -> None:
    """Fuzz seed 2032, #68933 (淮安 2024 pypdf text): ``行政规范性文件 8`` / `` 26 6`` / ``6``: the first break was
    joined as a glued run and the second not, so 826 6 6 fitted the three columns (no finding). Every break after
    the row's own numbers may cut a number; a 表二 row has no identity to check a split, so it is not read."""
    head = "某县2024年政府信息公开工作年度报告\n第二十条 第（一）项\n信息内容 本年制发件数 本年废止件数 现行有效件数\n"
    text = f"{head}行政规范性文件 8\n 26 6\n{tail}"
    table = read_text(text).report.table2
    assert table is not None
    row = table.normative_docs
    assert row is None or [c.value for _, c in row.cells()] in ([8, 26, 66], [None, None, None])


def test_digits_before_a_group_label_fragment_continue_the_row_above() -> None:
    """Fuzz seed 2032, #188656 (淮安 2024 pdfplumber text, lines joined, a number split): ``…30 1 0 0 0 0 3`` /
    ``1年3.危及“三安全一稳定” 5 …``: the 1 (the end of 31) was read as part of the next label, 年 being a piece of
    the vertical label 三、本年度办理结果, and the total read 3 (with an arithmetic error the agency never made)."""
    text = (
        "三、收到和处理政府信息公开申请人情况\n（一）予以公开 1288 21 0 0 50 3 1362\n"
        "（二）部分公开 447 7 0 0 0 0 454\n（三）不予公开 1.属于国家秘密 2 0 0 0 0 0 2\n"
        "2.其他法律行政法规禁止公开 30 1 0 0 0 0 3\n1年3.危及“三安全一稳定” 5 0 0 0 0 0 5\n"
        "4.保护第三方合法权益 6 0 0 0 0 0 6"
    )
    table = read_text(text).report.table3
    assert table is not None
    for row, printed in (("denied_law_prohibited", 31), ("denied_three_security_one_stability", 5)):
        cell = table.cell(row, "total")
        assert cell is not None
        assert cell.value in {printed, None}, row


def test_a_heading_that_lost_its_numeral_after_table4_does_not_take_a_digit() -> None:
    """Fuzz seed 2033, #193014 (rendered 2019 text, lines joined, 五 deleted): ``…0\t16\t25、存在的主要问题及改进
    情况``: 25 was read 2, its 5 taken for an enumerator (``5、``) — right after a number a heading may have lost its
    numeral, and the line is cut before it."""
    values = "11\t1\t15\t4\t31\t2\t0\t18\t0\t20\t0\t9\t0\t16\t25"
    rest = "、存在的主要问题及改进情况\n本机关严格落实条例。\n六、其他需要报告的事项"
    before = "三、收到和处理政府信息公开申请人情况\n四、结转下年度继续办理\t25\t12\t15\t5\t24\t19\t100\n"
    text = f"{before}四、政府信息公开行政复议尚未审结{values}{rest}"
    table = read_text(text).report.table4
    assert table is not None
    printed = [int(v) for v in values.split("\t")]
    assert [cell.value for _, _, cell in table.iter_cells()] == printed


def test_a_number_before_an_enumerator_in_table4_is_not_read_as_printed() -> None:
    """The minimised form of fuzz seed 2033, #193014: the heading's words lost too (``…16\t25、况``). ``25、况`` is
    split as 2 and an enumerated label ``5、况`` (a label glued to a value), which 表四 never prints: a value split off
    a label is read only through the identities, as in 表三 — here none holds, and no cell of 表四 is guessed."""
    values = "11\t1\t15\t4\t31\t2\t0\t18\t0\t20\t0\t9\t0\t16\t25"
    before = "三、收到和处理政府信息公开申请人情况\n四、结转下年度继续办理\t25\t12\t15\t5\t24\t19\t100\n"
    result = read_text(f"{before}四、政府信息公开行政复议尚未审结{values}、况\n本机关严格落实条例。")
    table = result.report.table4
    assert table is not None
    printed = [int(v) for v in values.split("\t")]
    read = [cell.value for _, _, cell in table.iter_cells()]
    assert all(value in {number, None} for value, number in zip(read, printed, strict=True))
    assert read[-1] is None
    assert any(f.code == "READ.UNDECIDED" and f.table == "table4" for f in result.findings)


def test_a_number_cut_before_the_rest_of_its_wrapped_label_is_not_read_short() -> None:
    """Fuzz seed 2037, #68703 (the real 淮安 text, lines joined and a number split): the label of （二）部分公开 wraps
    around its numbers, and the break falls inside 454: ``447 7 0 0 0 0 45`` / ``4形，不计其他情形）``. A single digit
    before words was taken for an enumerator that lost its point (``2逾期…``), so the row was read as printed: 45, and
    validation blamed the agency's arithmetic (T3.ROW_SUM). Digits before words that, as an enumerator, name no
    official row continue the number above: the row is read through the identities (454)."""
    text = (
        "三、收到和处理政府信息公开申请情况\n申请人情况\n一、本年新收政府信息公开申请数量 3001 53 0 0 61 4 3119\n"
        "三、本年度办理结果\n（一）予以公开 1288 21 0 0 50 3 1362\n（二）部分公开（区分处理的，只计这一情\n"
        "447 7 0 0 0 0 45\n4形，不计其他情形）\n（三）不予公开\n1.属于国家秘密 0 0 0 0 0 0 0\n"
    )
    table = read_text(text).report.table3
    assert table is not None
    cell = table.cell("partial", "total")
    assert cell is not None
    assert cell.value in {454, None}


def test_a_row_that_lost_its_label_but_the_counting_rule_is_not_read_as_another_row() -> None:
    """Fuzz seed 2037, #14619 (rendered 2019 text, a line break inserted and the line deleted): （二）部分公开 lost its
    label but the counting rule, ``（区分处理的，只计这一情形，不计其他情形）\t0…``. Its characters hold every one of
    ``其他处理`` (out of order), so the line was read as （六）其他处理 — whose own row, printed later, was then
    dropped as a repeat: 其他处理 read 0 for the printed 2. Characters out of the label's order do not match it: the
    line is an extra row, 部分公开 is missing (flagged), and （六）其他处理 is read from its own line."""
    head = "三、收到和处理政府信息公开申请情况\n申请人情况\n"
    rows = [
        ("一、本年新收政府信息公开申请数量", "4 1 10 3 0 8 26"),
        ("二、上年结转政府信息公开申请数量", "1 2 2 5 4 0 14"),
        ("三、本年度办理结果\t（一）予以公开", "0 0 3 0 0 0 3"),
        ("（区分处理的，只计这一情形，不计其他情形）", "0 0 0 0 0 0 0"),
        ("\t（三）不予公开\t1.属于国家秘密", "0 0 0 1 0 0 1"),
        ("\t\t2.其他法律行政法规禁止公开", "0 0 3 0 0 0 3"),
        ("\t（六）其他处理", "0 0 0 0 2 0 2"),
        ("\t（七）总计", "5 3 12 8 4 8 40"),
    ]
    body = "".join(f"{label}\t{values.replace(' ', chr(9))}\n" for label, values in rows)
    result = read_text(f"某县2019年政府信息公开工作年度报告\n{head}{body}")
    table = result.report.table3
    assert table is not None
    other = table.row("other_processing")
    assert other is not None
    assert [cell.value for _, cell in other.cells()] == [0, 0, 0, 0, 2, 0, 2]
    assert table.row("partial") is None
    assert any(f.code == "READ.ROW_MISSING" and f.row == "partial" for f in result.findings)


def test_a_crawler_header_line_that_goes_on_with_the_first_rows_reads_them() -> None:
    """Fuzz seed 2037, #97012 (the real 平潭经济发展局 crawler text, its body on one line; two line breaks inserted):
    ``三、收到和处理`` / ``政府信息公开申请情况…申请人情况…其他一、本年新收政府信息公开申请数量3000003二、上年结转政府``
    / ``信息公开申请数量0000000三、本年度办理结果…``. The middle line holds 表三's header, so it was skipped whole, its
    first row with it; the next line's ``信息公开申请数量`` (the end of 二、上年结转's label, as close to
    一、本年新收's) was then taken for the row the order expected, 一、本年新收: read 0 for the printed 3. A header
    line is cut before the first row label it holds, and a label exactly as close to two rows names neither."""
    (subject,) = _named("pingtan-economic-development-2024")
    text = subject.text
    for after in ("三、收到和处理", "二、上年结转政府"):  # the two breaks the fuzzer inserted
        at = text.index(after, text.index("第二十条")) + len(after)
        text = f"{text[:at]}\n{text[at:]}"
    assert "其他一、本年新收政府信息公开申请数量3000003二、上年结转政府\n信息公开申请数量0000000三、" in text
    table = subject.read(text).report.table3
    assert table is not None
    for row, printed in (("new_received", [3, 0, 0, 0, 0, 0, 3]), ("carried_over", [0] * 7)):
        cells = table.row(row)
        assert cells is not None, row
        assert [cell.value for _, cell in cells.cells()] == printed, row
    assert judge(subject.expectation, subject.read(text), changes_truth=False).faults == ()


@pytest.mark.parametrize(
    ("damage", "lost"),
    [
        ("66", "a line lost"),  # 1 8 0 26 11 / 本年处理决定数量 / 447228: 66 lost, 447228 taken for it
        ("11", "a line lost"),
        ("1", "a line lost"),
        ("26", "a number cut"),  # 1 8 0 2 6 11 66: seven, read as six and 行政许可's one
    ],
)
def test_a_column_major_block_of_table2_that_lost_or_gained_a_number_is_not_read(damage: str, lost: str) -> None:
    """An exhaustive sweep of single damages over the real PDF's texts (every line deleted, every pair of lines
    joined, a line break at every place in the tables): pdfminer's text prints 表二's first block column by column
    (``规章`` / ``行政规范性文件`` / its header / ``1 8 0 26 11 66`` one per line / ``本年处理决定数量`` / ``447228``).
    A number lost made the block take 行政许可's 447228 after its header; ``26`` cut in two made seven numbers, read as
    the block's six and 行政许可's one. No identity checks 表二: a block's numbers are taken only as one run of lines
    of their own, not continued after another line, and not running on into the next block's."""
    (subject,) = [s for s in _named("huaian-city-2024") if s.name.endswith("[pdfminer]")]
    lines = subject.text.split("\n")
    at = lines.index("第二十条 第（六）项")
    at = next(i for i in range(at, len(lines)) if lines[i] == damage)  # the block's number
    if lost == "a line lost":
        text = "\n".join(lines[:at] + lines[at + 1 :])
    else:
        text = "\n".join([*lines[:at], damage[0], damage[1:], *lines[at + 1 :]])
    result = subject.read(text)
    assert judge(subject.expectation, result, changes_truth=False).faults == ()
    table = result.report.table2
    assert table is not None
    for row in ("regulations", "normative_docs"):
        cells = table.row(row)
        assert cells is None or all(cell.value is None for _, cell in cells.cells()), (row, cells)
    assert "READ.COLUMN_MAJOR_UNCERTAIN" in [f.code for f in result.findings]


def test_a_row_named_closely_gives_way_to_the_row_named_exactly_later() -> None:
    """The text reader's form of a scan's garbled label (test_grid_duplicates): （二）部分公开's label read out of
    order, ``计其他公开（区分处理的，只计这一情形，不``, holds 其他 and 处理 in the order of 2019's （六）其他处理 and
    is taken for it; the real （六） row, printed after it, was dropped as a repeat — seven wrong numbers. The print
    its label names exactly is read."""
    rows = [
        "（一）予以公开\t1\t1\t1\t1\t1\t1\t6",
        "计其他公开（区分处理的，只计这一情形，不\t0\t1137\t286\t3253\t1574\t300\t6550",
        "（六）其他处理\t571\t0\t257\t91\t1882\t326\t3127",
    ]
    text = "某局2019年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n申请人情况\n" + "\n".join(rows)
    result = read_text(text)
    table = result.report.table3
    assert table is not None
    assert table.other_processing is not None
    assert [cell.value for _, cell in table.other_processing.cells()] == [571, 0, 257, 91, 1882, 326, 3127]
    [said] = [f.message_en for f in result.findings if f.code == "READ.DUPLICATE_ROW"]
    assert "the print its label names exactly is kept" in said


def test_a_number_cut_before_a_blank_cell_and_the_next_caption_is_not_read_short() -> None:
    """Fuzz seed 2039, #106232 (rendered 2021 text: 267 cut by a line break, lines joined after it): ``行政许可\t2`` /
    ``67\t\t第二十条第（六）项\t\t\t信息内容…``. Numbers before a caption end the row above, but the blank cell
    between 67 and the caption hid them: the caption's line was skipped with its 67, and 行政许可 read 2 for 267. Blank
    cells are passed over: 2 and 67 are one row's, which no identity checks, so 行政许可 is flagged, not read."""
    text = (
        "某局2022年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（五）项\n信息内容\t本年处理决定数量\n"
        "行政许可\t2\n67\t\t第二十条第（六）项\t\t\t信息内容\t本年处理决定数量\t\t行政处罚\t0\t\t行政强制\t271\n"
    )
    result = read_text(text)
    table = result.report.table2
    assert table is not None
    assert table.licensing is not None
    assert table.licensing.decisions.value is None
    assert "table2.licensing.decisions" in {str(c) for f in result.findings for c in f.cells}


def test_a_label_piece_two_rows_share_is_not_given_to_the_row_the_order_expects() -> None:
    """The minimised form of fuzz seed 2037, #97012: 表三's header with 一、本年新收's values (``申请人情况3000003``),
    then ``公开申请数量0000000`` — a piece of label 一、本年新收 and 二、上年结转 share. It was read as 一、本年新收
    (the order expected it next): its 3 read 0. The piece names neither row: both are missing, and flagged."""
    title = "某区2024年政府信息公开工作年度报告"
    result = read_text(f"{title}\n申请人情况3000003\n公开申请数量0000000本果0000000）0000000开1.0000000")
    table = result.report.table3
    assert table is not None
    assert table.row("new_received") is None
    assert any(f.code == "READ.ROW_MISSING" and f.row == "new_received" for f in result.findings)


def test_a_table4_line_cut_inside_its_last_cell_leaves_the_fifteen_uncertain() -> None:
    """Fuzz seed 2036, #87458 (rendered 2019 markdown; a line break inserted after a number, and 18 split by another):
    ``| … | 76 | 0`` / `` | 1`` / ``8 | 25 | 17 | 60 |``. The pipe row left open is cut inside its last cell (the
    0 is not read), and 18 cut in two made the count fifteen again: 1 and 8 were read for 0 and 18. A value may be
    lost to the cut, so the fifteen are read only through the identities."""
    closed = "|3.0 0 0 0 0 0 0|\n|4.0 0 0 0 0 0 0|\n|5.0 0 0 0 0 0 0|\n" + "|0 0 0 0 0 0 0|\n" * 3  # 表三's last rows
    results = "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 "
    header = (  # (the minimised input: pipe rows closed, so a row left open before the next one was cut)
        "政府信息公开\n||\n||\n"
        "|果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 |  |  |  |  | 复议后起诉 |  |  |  |  |\n"
        f"|  |  |  |  |  {results}{results}|\n"
    )
    rows = "| 16 | 22 | 10 | 26 | 74 | 25 | 7 | 27 | 17 | 76 | 0\n | 1\n8 | 25 | 17 | 60 |\n"
    table = read_text(closed + header + rows + "## 五、存在的主要问题及改进情况").report.table4
    assert table is not None
    printed = [16, 22, 10, 26, 74, 25, 7, 27, 17, 76, 0, 18, 25, 17, 60]
    read = [cell.value for _, _, cell in table.iter_cells()]
    assert all(value in {number, None} for value, number in zip(read, printed, strict=True))
    assert read[:10] == printed[:10]  # the groups the identities settle


@pytest.mark.parametrize(
    "text",
    [
        "某县2020年政府信息公开工作年度报告\n第二十条第（九）项\n信息内容\t采购项目数量\t采购总金额\n"
        "政府集中采购\t3\t0\n\n.5元\t\n\n三、收到和处理政府信息公开申请情况",
        "信息内容采购总金额\n集中采购3\t0\n\n.5元政府信息公开",
    ],
    ids=["rendered", "minimised"],
)
def test_a_decimal_cut_by_a_break_and_a_blank_line_is_joined(text: str) -> None:
    """Fuzz seed 2034, #10959 (rendered 2019 text, a number split and a line break inserted at the same place):
    ``政府集中采购\t3\t0`` / (blank) / ``.5元``: the amount was read 0 (no finding). A break may come with a blank
    line; a line starting with a point and a digit is the rest of the number above, whatever follows it."""
    table = read_text(text).report.table2_2019
    assert table is not None
    cell = table.cell("central_procurement", "amount")
    assert cell is not None
    assert cell.value in {Decimal("0.5"), None}


def _html_2021(seed: int = 0) -> Subject:
    return rendered_subject(random.Random(seed), "html", "2021")


def _judged_html(subject: Subject, text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    result = subject.read(text)
    faults = judge(subject.expectation, result, changes_truth=False).faults
    return tuple(str(f) for f in faults), tuple(f.code for f in result.findings)


def test_an_html_row_whose_attribute_ran_on_over_the_next_row_is_not_read() -> None:
    """Fuzz seed 2029, #25557 (rendered 2021 HTML): a quote lost in 行政处罚's ``colspan="3"`` made the attribute
    run on to the next quote, over 行政强制's label, so 行政处罚 was read with 行政强制's number (no finding)."""
    subject = _html_2021()
    at = subject.text.index('colspan="3"', subject.text.index(">行政处罚<"))
    damaged = subject.text[: at + 10] + subject.text[at + 11 :]
    faults, codes = _judged_html(subject, damaged)
    assert faults == ()
    assert "GRID.BROKEN_MARKUP" in codes


def test_an_html_cell_that_lost_its_end_tag_does_not_shift_its_row() -> None:
    """Fuzz seed 2029, #151457 (rendered 2021 HTML): in a 表三 row, ``0</td>`` lost its ``/`` (``0<td>``, a cell
    more) and the row's last cell was deleted (a cell less): the count fitted, the values were shifted by one."""
    subject = _html_2021()
    start = subject.text.index("3.危及")
    row_end = subject.text.index("</tr>", start)
    cells = [m.start() for m in re.finditer("</td>", subject.text[start:row_end])]
    last_cell = subject.text.rindex("<td", start, row_end)
    damaged = subject.text[:last_cell] + subject.text[row_end:]  # the last cell deleted
    lost = start + cells[3]
    damaged = damaged[: lost + 1] + damaged[lost + 2 :]  # ``</td>`` -> ``<td>``
    faults, codes = _judged_html(subject, damaged)
    assert faults == ()
    assert "GRID.BROKEN_MARKUP" in codes


def test_an_html_page_cut_short_inside_a_cell_does_not_read_that_cell() -> None:
    """Fuzz seed 2029, #189505 (rendered 2019 HTML, truncated): the page ends inside a cell (``…'>266.5``, printed
    ``266.5万元``): every table cell ending the page is left unread, or read as printed."""
    subject = rendered_subject(random.Random(0), "html", "2019")
    for cell in re.finditer(r"<td[^>]*>([^<]+)</td>", subject.text):
        for end in range(cell.start(1) + 1, cell.end(1) + 1):
            faults, _ = _judged_html(subject, subject.text[:end])
            assert faults == (), subject.text[end - 40 : end]


def _split_numbers(form: str, version: str, seed: int) -> list[tuple[Subject, str]]:
    subject = rendered_subject(random.Random(seed), form, version)
    return [
        (subject, subject.text[:at] + "\n" + subject.text[at:])
        for number in re.finditer(r"\d{2,}", subject.text)
        for at in range(number.start() + 1, number.end())
    ]


@pytest.mark.parametrize("form", ["text", "markdown"])
@pytest.mark.parametrize("version", ["2019", "2021"])
def test_every_number_split_by_a_line_break_is_read_exactly_or_flagged(form: str, version: str) -> None:
    """Every number of a rendered report cut by a line break, one at a time, at every place (``…\t6`` /
    ``51\t4509…``, ``…203\t6`` / ``4\t265…`` in 表四, ``40`` / ``元``): read as printed or left unread and named."""
    for seed in range(2):
        for subject, text in _split_numbers(form, version, seed):
            faults = judge(subject.expectation, read_text(text), changes_truth=False).faults
            assert faults == (), text[max(0, text.index("\n") - 20) :][:60]


def test_a_table3_row_joined_to_the_headings_after_it_keeps_its_numbers() -> None:
    """淮安 2024 (pdfplumber text) with the lines from （七）总计 to 表四's header joined and 3050 cut:
    ``（七）总计 2932 53 0 0 61 4 305`` / ``0 四、结转下年度继续办理 103 … 103 四、政府信息公开行政复议…`` (3050
    was read 305: the second line, holding 表四's heading, was read into 表四 whole)."""
    subject = next(s for s in _named("huaian-city-2024") if "pdfplumber" in s.name)
    lines = subject.text.split("\n")
    first = next(i for i, line in enumerate(lines) if line.startswith("（七）总计"))
    last = next(i for i, line in enumerate(lines) if line.startswith("四、政府信息公开行政复议"))
    assert lines[first].endswith("61 4 3050")
    lines[first : last + 3] = [lines[first][:-1], " ".join(["0", *lines[first + 1 : last + 3]])]
    assert judge(subject.expectation, read_text("\n".join(lines)), changes_truth=False).faults == ()


_BEFORE_CAPTION = re.compile(r"\n(规范性文件\t[^\n]*\t(\d)(\d+))\n(第二十条第（五）项)")
_FEE = re.compile(r"\n行政事业性收费\t(\d)(\d[\d.]*)")


def _seeds_matching(pattern: re.Pattern[str], version: str) -> list[int]:
    return [s for s in range(60) if pattern.search(rendered_subject(random.Random(s), "text", version).text)][:3]


@pytest.mark.parametrize("seed", _seeds_matching(_BEFORE_CAPTION, "2019"))
def test_a_number_cut_before_the_next_caption_is_exact_or_flagged(seed: int) -> None:
    """Rendered 2019 text with 规范性文件's line joined to the caption after it and its last number cut
    (``规范性文件\t0\t3224\t3`` / ``040 第二十条第（五）项…``: 3 was read)."""
    subject = rendered_subject(random.Random(seed), "text", "2019")
    row = _BEFORE_CAPTION.search(subject.text)
    assert row is not None
    cut = f"\n{row[1][: -len(row[3])]}\n{row[3]} {row[4]}"
    text = subject.text[: row.start()] + cut + subject.text[row.end() :]
    assert judge(subject.expectation, read_text(text), changes_truth=False).faults == ()


@pytest.mark.parametrize("seed", _seeds_matching(_FEE, "2021"))
def test_a_number_cut_around_a_page_mark_is_exact_or_flagged(seed: int) -> None:
    """Rendered 2021 text with 行政事业性收费's amount cut around a page mark (``4`` / ``第18页 共19页`` / ``7``:
    4 was read)."""
    subject = rendered_subject(random.Random(seed), "text", "2021")
    fee = _FEE.search(subject.text)
    assert fee is not None
    text = subject.text[: fee.start(2)] + "\n第18页 共19页\n" + subject.text[fee.start(2) :]
    assert judge(subject.expectation, read_text(text), changes_truth=False).faults == ()


def _rendered_2019_table4(first: str, rest: str) -> tuple[str, ...]:
    row = [232, 0, 0, 61, 293, 218, 0, 0, 0, 218, 0, 0, 0, 0, 0]
    keys = [
        f"table4.{r}.{c}"
        for r in ("review", "litigation_direct", "litigation_after_review")
        for c in ("upheld", "corrected", "other", "pending", "total")
    ]
    cells = tuple(TruthCell(CellKey.parse(k), v) for k, v in zip(keys, row, strict=True))
    text = f"{first}\n{rest}\n五、存在的主要问题"
    faults = judge(Expectation(Truth(format_version="2019", cells=cells)), read_text(text), changes_truth=False).faults
    return tuple(str(f) for f in faults)


@pytest.mark.parametrize("separator", ["\t", " "], ids=["tabs", "spaces"])
def test_a_number_split_after_the_table4_header_is_exact_or_flagged(separator: str) -> None:
    """Minimised from rendered 2019 text: ``尚未审结2`` / ``32\t0\t0\t61\t293 …`` (232 was read 32 after tabs: the
    fifteen numbers of the second line were taken for the row, the ``2`` above them dropped)."""
    rest = separator.join(["32", "0", "0", "61", "293", "218", "0", "0", "0", "218", "0", "0", "0", "0", "0"])
    assert _rendered_2019_table4("政府信息公开尚未审结2", rest) == ()


def test_a_group_label_fragment_does_not_name_the_row_other_other() -> None:
    """Minimised from 淮安 2024's pypdf text with lines joined and a label line deleted."""
    text = (
        "一、本年新收政府信息公开3001 53 0 0 61 4 3119（六）其他67 3 0 0 1 0 71\n2、逾期未按收费通知3 108 2 0 0 0 0 110"
    )
    assert _huaian(text) == ()


@pytest.mark.parametrize(
    ("report", "printed", "damaged"),
    [
        ("pingtan-2021", "行政强制42", "政强制42"),
        ("pingtan-2021", "（七）总计630020469", "（七总计630020469"),
        ("pingtan-natural-resources-2020", "信息0000000（六）其他处理", "信息0000000（）其他处理"),
        ("pingtan-natural-resources-2020", "信息0000000（六）其他处理", "信息0000000六）其他处理"),
        ("pingtan-economic-development-2024", "政府信息30000032.没有", "政府信息30000032.\n没有"),
        ("pingtan-natural-resources-2020", "政府集中采购191690.9913万元", "政府集中采购191\n690.9913万元"),
        ("pingtan-natural-resources-2020", "（六）其他处理2000002（七）", "（六）\n其他处理2000002（七）"),
        ("pingtan-2021", "请数量640020470二、上年结转", "请数量640020470、上年结转"),
    ],
    ids=[
        "punishment",
        "other_other",
        "paren_lost",
        "paren_lost_left",
        "enumerator_cut",
        "glued_run_cut",
        "glued_table_goes_on",
        "heading_numeral_lost",
    ],
)
def test_a_damaged_label_in_glued_text_gives_no_wrong_number(report: str, printed: str, damaged: str) -> None:
    """The crawler texts with a character of a label deleted, or a line break inserted in a label or a glued run
    (found by the campaign): ``…已获取信息0000000（）其他处理2000002`` gave 5.要求行政机关确认 the next row's
    numbers; ``…30000032.`` / ``没有现成信息…`` and ``…0 10`` / ``3四、…`` cut numbers."""
    text = shared_path("real", "crawler", f"{report}.txt").read_text(encoding="utf-8")
    truth = Truth.load(shared_path("real", "crawler", f"{report}.truth.json"))
    assert printed in text
    result = read_text(text.replace(printed, damaged, 1))
    assert judge(Expectation.of_truth(truth), result, changes_truth=False).faults == ()


def test_a_line_break_inside_a_glued_run_does_not_decide_it() -> None:
    """平潭 自然资源 2020 (crawler text): ``政府集中采购191690.9913万元`` (items and amount glued: undecidable). A line
    break inside the run may cut it as well as separate two values: the run is read whole, as printed."""
    text = shared_path("real", "crawler", "pingtan-natural-resources-2020.txt").read_text(encoding="utf-8")
    truth = Truth.load(shared_path("real", "crawler", "pingtan-natural-resources-2020.truth.json"))
    assert "191690.9913万元" in text
    result = read_text(text.replace("191690.9913万元", "191\n690.9913万元", 1))
    assert judge(Expectation.of_truth(truth), result, changes_truth=False).faults == ()


# --- the operators -------------------------------------------------------------------------------------------------

_SAMPLE = render_text(random_report(random.Random(11), "2021"))
_PAGE = report_html(random_report(random.Random(11), "2021"))


@pytest.mark.parametrize("operator", OPERATORS, ids=lambda op: op.name)
def test_an_operator_is_deterministic_given_its_random_source(operator: Operator) -> None:
    text = _PAGE if operator in (DELETE_TR, DELETE_TD) else _SAMPLE
    first = operator.mutate(text, random.Random(5))
    again = operator.mutate(text, random.Random(5))
    assert first is not None
    assert first == again
    assert first[0] != text
    assert first[1].detail


@pytest.mark.property
@given(rng=st.randoms(use_true_random=False))
def test_truth_preserving_operators_keep_the_printed_digits_in_order(rng: random.Random) -> None:
    """No digit changes: the digits that remain are the original's, in order (deletions keep a subsequence)."""
    for operator in PRESERVING:
        text = _PAGE if operator in (DELETE_TR, DELETE_TD) else _SAMPLE
        done = operator.mutate(text, rng)
        assert done is not None
        before, after = _digits(text), _digits(_PAGE_MARK.sub("", done[0]))
        remaining = iter(before)
        assert all(digit in remaining for digit in after), operator.name
        if operator.name not in ("delete_line", "truncate", "delete_tr", "delete_td"):
            assert after == before, operator.name


def test_width_swaps_apply_again_and_again() -> None:
    text, rng = "规章\t１2\t(3)", random.Random(0)
    for _ in range(20):
        text = (WIDTH_SWAP.mutate(text, rng) or (text, None))[0]
    assert _digits(text) == "123"


def test_a_deleted_character_never_glues_or_cuts_a_number() -> None:
    text = "合计 1690.9913万元 3 -4 2.0元"
    allowed = [text[at] for at in range(len(text)) if deletable(text, at)]
    assert allowed == ["合", "计", " ", "元", " "]


def test_truth_changing_operators_change_the_printed_digits() -> None:
    text, mutation = DIGIT_CHANGE.mutate("规章 12 3", random.Random(1)) or ("", None)
    assert mutation is not None
    assert mutation.changes_truth
    assert _digits(text) != "123"
    assert len(text) == len("规章 12 3")
    assert all(op.changes_truth for op in CHANGING)
    assert not any(op.changes_truth for op in PRESERVING)


def test_operators_apply_to_the_forms_they_name() -> None:
    assert DELETE_TR not in operators_for("text")
    assert DELETE_TR in operators_for("html", changes_truth=False)
    assert operators_for("markdown", changes_truth=True) == CHANGING
    with pytest.raises(ValueError, match="unknown form"):
        operators_for("pdf")


def test_a_splice_keeps_the_start_of_one_text_and_the_end_of_another() -> None:
    text, mutation = splice_with("x\ny\nz", name="other").mutate("a\nb\nc", random.Random(0)) or ("", None)
    assert mutation is not None
    lines = text.split("\n")
    kept = [line for line in lines if line in "abc"]
    assert kept == ["a", "b", "c"][: len(kept)]
    assert set(lines) - set(kept) <= {"x", "y", "z"}
    assert "other" in mutation.detail


# --- the oracle ----------------------------------------------------------------------------------------------------


def _doctored(key: CellKey, value: int | None) -> tuple[Expectation, object]:
    report = random_report(random.Random(21), "2021")
    result = read_text(render_text(report))
    cell = result.report.cell(key)
    assert cell is not None
    if value is None:
        changed = attrs.evolve(cell, kind=CellKind.BLANK, value=None, raw="")
    else:
        changed = attrs.evolve(cell, kind=CellKind.NUMBER, value=value, raw=str(value))
    return Expectation.of_report(report), attrs.evolve(result, report=result.report.with_cell(key, changed))


def test_the_oracle_finds_a_wrong_number_and_an_uncaught_change() -> None:
    key = CellKey("table3", "granted", "natural_person")
    expectation, result = _doctored(key, 10**6)
    preserving = judge(expectation, result, changes_truth=False)  # type: ignore[arg-type]
    assert [(f.problem, f.key) for f in preserving.faults] == [(Problem.WRONG, key)]
    changing = judge(expectation, result, changes_truth=True)  # type: ignore[arg-type]
    assert [(f.problem, f.key) for f in changing.faults] == [(Problem.UNFLAGGED, key)]


def test_the_oracle_finds_a_silent_gap_and_an_invented_number() -> None:
    key = CellKey("table4", "review", "upheld")
    expectation, result = _doctored(key, None)
    faults = judge(expectation, result, changes_truth=False).faults  # type: ignore[arg-type]
    assert [(f.problem, f.key) for f in faults] == [(Problem.UNFLAGGED, key)]
    invented = Expectation(expectation.truth, expectation.blank | {key})
    _, result = _doctored(key, 3)
    faults = judge(invented, result, changes_truth=False).faults  # type: ignore[arg-type]
    assert (Problem.INVENTED, key) in [(f.problem, f.key) for f in faults]


def test_a_crash_is_an_exception_that_is_not_a_typed_error() -> None:
    assert is_crash(KeyError("x"))
    assert is_crash(RecursionError())
    assert not is_crash(NotAReportError("no report"))
    wrapped = AdapterError("html", "read() failed")
    wrapped.__cause__ = IndexError("list index out of range")
    assert is_crash(wrapped)
    assert not is_crash(AdapterError("mine", "returned garbage"))


def test_minimise_keeps_the_failure_and_every_number() -> None:
    text = "title\n规章 12 3\nnoise\n行政处罚 45 6\nend"
    small = minimise(text, lambda t: "45 6" in t and "处罚" in t, deletable=deletable)
    assert "45 6" in small
    assert "处罚" in small
    assert "noise" not in small


def _read_as_printed(text: str, printed: dict[str, int]) -> dict[str, int | None]:
    """The cells *printed* (key → the number the report prints) as *text* reads them: each the number, or None."""
    report = read_text(text).report
    cells = {key: report.cell(key) for key in printed}
    return {key: None if cell is None or cell.value is None else int(cell.value) for key, cell in cells.items()}


def test_a_number_glued_before_a_heading_is_a_glued_run() -> None:
    """Fuzz seed 2041, #38144 (淮安 2024, pdfminer's text: 表四's numbers one per line). 72 was cut in two (``7`` /
    ``2``) and the last two lines joined (``6`` / ``20五、存在的主要问题…``: 620 before the heading). The line cut
    before the heading kept 620 as a plain number, so sixteen numbers made fifteen and were read in order: 7 for 72,
    2 for 64 … The digits glued before a heading are a glued run (they may end a number cut by a line break), and
    a run of numbers one per line is then read only through the identities."""
    numbers = ["7", "2", "64", "178", "37", "351", "13", "4", "8", "1", "26", "12", "1", "1", "6"]
    text = "四、政府信息公开行政复议复议后起诉\n" + "\n".join(numbers) + "\n20五、存在的主要问题5"
    printed = {
        "table4.review.upheld": 72,
        "table4.review.corrected": 64,
        "table4.review.total": 351,
        "table4.litigation_direct.total": 26,
        "table4.litigation_after_review.pending": 6,
        "table4.litigation_after_review.total": 20,
    }
    read = _read_as_printed(text, printed)
    assert all(read[key] in (None, printed[key]) for key in printed), read
    assert read["table4.review.upheld"] == 72


def test_digits_starting_the_line_after_a_row_may_end_its_last_number() -> None:
    """Fuzz seed 2041, #153501 (淮安 2024, pypdf's text): ``…1.关政府信息 746 12 0 0 10 1 7`` / ``69- 5 2.11 …`` —
    769 cut by a line break, the page number ``- 5 -`` glued after it. ``69-`` was read as a row label of its own,
    and 本机关不掌握相关政府信息 read 7 for 769. Digits starting a line right after a row's last number may end that
    number: the two are one glued run, read through the identities (746+12+0+0+10+1 = 769)."""
    text = (
        "某市2024年政府信息公开工作年度报告\n一、本年新收政府信息公开3001 53 0 0 61 4 3119\n"
        "8.105 0 0 0 0 0 105 1.关政府信息 746 12 0 0 10 1 7\n"
        "69- 5 2.11 0 0 0 0 0 11\n3.1 0 0 0 0 0 1\n"
    )
    printed = {"table3.unable_not_held.total": 769, "table3.unable_not_held.other": 1}
    assert _read_as_printed(text, printed) == printed


def test_numbers_one_per_line_after_several_labels_cut_short_are_not_the_last_rows() -> None:
    """Fuzz seed 2041, #162417 (淮安 2024, pdfminer's text, truncated): the labels of 表三's last rows one per line,
    then the first numbers of their first column (``11`` / ``1`` / ``56`` …) where the text was cut. The block was
    not whole, so it was left to the line walker, which gave the numbers to the last label: 结转下年度继续办理 read 11
    for 103. Such numbers may be the start of a column-major block as well as the last row's: flagged, not read."""
    labels = ["1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "（七）总计", "四、结转下年度继续办理"]
    head = "某市2024年政府信息公开工作年度报告\n一、本年新收政府信息公开申请数量 3001 53 0 0 61 4 3119"
    text = "\n".join([head, *labels, "11", "1", "56", "25", "0"])
    result = read_text(text)
    table = result.report.table3
    assert table is not None
    assert table.row("carried_forward") is None
    assert "READ.COLUMN_MAJOR_UNCERTAIN" in {f.code for f in result.findings}


def test_a_label_holding_pieces_of_two_rows_names_neither() -> None:
    """The minimised form of #162417: three labels joined into one line, ``…2逾期未按收费通知下年度继续办理`` (pieces of
    2.申请人逾期未按收费通知… and of 四、结转下年度继续办理), then numbers one per line. It named 结转下年度继续办理,
    the closer of the two by its length, which took the numbers. A label printing four characters in a row of another
    row's label names neither."""
    from gov_disclosure.model.layout import TABLE3
    from gov_disclosure.parsing.labels import match_row

    assert match_row("逾期未按收费通知下年度继续办理", TABLE3, version="2021") is None
    assert match_row("结转下年度继续办", TABLE3, version="2021").key == "carried_forward"  # type: ignore[union-attr]
    text = "3050 34 103\n一、本年新收政府信息公开2逾期未按收费通知下年度继续办理\n11\n1\n56\n25\n0\n0"
    read = _read_as_printed(text, {"table3.carried_forward.natural_person": 103, "table3.carried_forward.total": 103})
    assert set(read.values()) == {None}


def test_a_closed_pipe_row_is_not_continued_by_the_next_line() -> None:
    """Fuzz seed 2041, #97731 (rendered 2021 markdown): the page mark ``—16—`` lost a dash after ``| 规章 | 0 | 3 | 2
    |``, and ``16—`` was taken for the rest of 规章's last number: 216 for 2. A pipe closes the row's last cell: no line
    break after it cuts a number."""
    text = (
        "# 某局2022年政府信息公开工作年度报告\n\n| 第二十条第（一）项 | | | |\n|---|---|---|---|\n"
        "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n"
        "| 规章 | 0 | 3 | 2 |\n16—\n| 行政规范性文件 | 2 | 1 | 3 |\n"
    )
    printed = {"table2.regulations.valid": 2, "table2.normative_docs.made": 2}
    assert _read_as_printed(text, printed) == printed
    minimised = "2022政府信息公开\n信息内容现行有效件数\n规章0 3|2|\n16—"
    assert _read_as_printed(minimised, {"table2.regulations.valid": 2})["table2.regulations.valid"] in (2, None)


def _pdfminer_huaian() -> Subject:
    [subject] = [s for s in _named("huaian-city-2024") if s.name.endswith("[pdfminer]")]
    return subject


def _no_wrong_number(subject: Subject, text: str) -> None:
    faults = judge(subject.expectation, subject.read(text), changes_truth=False).faults
    assert faults == (), faults[:3]


def test_a_table2_block_that_lost_a_number_and_the_next_header_is_not_read() -> None:
    """Fuzz seed 2043, #66754 (淮安 2024, pdfminer's column-major text): 8 deleted from 表二's first block
    (``1 8 0 26 11 66``) and the next block's header after it (``本年处理决定数量``), so 行政许可's 447228 joined the
    run: six numbers, as many as 规章 and 行政规范性文件 need, read by columns (26 for 0, 66 for 11 …). A block of 表二
    is taken before another block waits only when the next block's column header ends its numbers."""
    subject = _pdfminer_huaian()
    block = "本年废止件数 现行有效件数\n\n1\n\n8\n\n0\n\n26\n\n11\n\n66\n\n本年处理决定数量\n\n447228\n"
    assert block in subject.text
    damaged = subject.text.replace(block, block.replace("8\n\n", "", 1).replace("本年处理决定数量\n\n", ""))
    _no_wrong_number(subject, damaged)
    table = subject.read(damaged).report.table2
    assert table is None or table.regulations is None or table.regulations.valid.value is None


def test_numbers_after_a_block_broken_by_a_joined_line_are_not_the_last_rows() -> None:
    """Fuzz seed 2043, #27877 and #78157 (淮安 2024, pdfminer's text): two of the numbers of 表三's column-major
    block joined into one line (``1  71``), which broke the block off; the numbers after it (``6`` / ``110`` /
    ``3050`` / ``103``) went to the line walker, which gave them to the last label: 结转下年度继续办理 read 1, 71, 6 …
    Lines of numbers only right after a block given up are the rest of that block: flagged with it, never read."""
    subject = _pdfminer_huaian()
    tail = "\n\n1\n\n71\n\n6\n\n110\n\n3050\n\n103\n\n四、政府信息公开行政复议"
    assert tail in subject.text
    damaged = subject.text.replace(tail, tail.replace("\n\n1\n\n71", "\n\n1  71", 1))
    _no_wrong_number(subject, damaged)


def test_digits_in_a_table4_line_that_are_not_a_value_leave_the_fifteen_uncertain() -> None:
    """Fuzz seed 2044, #82080 (淮安 2024, pdfminer's text, 表四's numbers one per line): a page mark glued into them,
    lines joined (``12- 26 -1``). ``12-`` was read as words, ``26`` and ``-1`` as values: fifteen again, read in
    order (26 for 12, -1 for 1). A cell of a 表四 line with digits that is not a value may hide a number: the fifteen
    are read only through the identities."""
    subject = _pdfminer_huaian()
    tail = "\n\n26\n\n12\n\n1\n\n1\n\n6\n\n20"
    assert subject.text.count(tail) == 1
    _no_wrong_number(subject, subject.text.replace(tail, "\n\n26\n\n12- 26 -1\n\n1\n\n6\n\n20"))


@pytest.mark.parametrize(
    ("label", "number"),
    [("行政处罚", "447228"), ("行政强制", "447228"), ("行政处罚", "88283"), ("行政强制", "3985758")],
)
def test_a_table2_item_that_lost_a_row_label_is_not_read_by_its_count(label: str, number: str) -> None:
    """Found by deleting every pair of lines of pdfminer's 表二 (淮安 2024): a row label and a number lost together
    (``行政处罚`` and ``88283``) leave ``行政强制`` / … / ``3985758``, one label and one number, and 行政强制 read
    3985758. A column-major 表二 block is read only when every row of its items is named (第二十条第（六）项 prints
    行政处罚 and 行政强制 both): otherwise the count cannot tell whose the numbers are."""
    subject = _pdfminer_huaian()
    lines = subject.text.split("\n")
    assert lines.count(label) == 1
    assert lines.count(number) == 1
    _no_wrong_number(subject, "\n".join(line for line in lines if line not in (label, number)))


@pytest.mark.parametrize(
    ("deleted", "cut"), [(d, c) for d in ("1", "8", "0", "11", "66") for c in ("26", "11", "66") if d != c]
)
def test_a_table2_block_that_lost_a_number_and_had_another_cut_is_not_read(deleted: str, cut: str) -> None:
    """Fuzz seed 2045, #79830 (淮安 2024, pdfminer's column-major text): 8 deleted from 表二's first block and 26 cut
    in two by a line break (``1 0 2 6 11 66``): six numbers again, the next block's header right after, read by
    columns (2 for 0, 0 for 8, 6 for 26). The two damages cancel in the count; pdfminer's step (a blank line after
    each number) does not survive them, and a block no identity checks is read only in step."""
    subject = _pdfminer_huaian()
    block = "本年废止件数 现行有效件数\n\n1\n\n8\n\n0\n\n26\n\n11\n\n66\n\n本年处理决定数量"
    assert block in subject.text
    numbers = block.split("\n\n")
    damaged = [f"{n[0]}\n{n[1:]}" if n == cut else n for n in numbers if n != deleted]
    _no_wrong_number(subject, subject.text.replace(block, "\n\n".join(damaged)))
    table = subject.read(subject.text).report.table2  # undamaged, the block keeps its step and is read
    assert table is not None
    assert table.regulations is not None
    assert table.normative_docs is not None
    assert (table.regulations.made.value, table.normative_docs.repealed.value) == (1, 26)


def test_table4_numbers_one_per_line_with_one_lost_and_one_cut_give_no_wrong_number() -> None:
    """Found by deleting a line of pdfminer's 表四 (淮安 2024: its fifteen numbers one per line, a blank line after
    each) and cutting another number in two (``7`` / ``2`` / ``178`` …: 72 cut, 64 lost): fifteen again, read in
    order (7 for 72, 2 for 64 …), and the identities that then failed blamed the agency. Numbers one per line out
    of the extractor's step are read only through the identities; every such pair of damages is tried here."""
    subject = _pdfminer_huaian()
    head, tail = subject.text.split("\n\n总计\n\n总计\n\n", 1)
    numbers, rest = tail.split("\n\n五、", 1)
    printed = numbers.split("\n\n")
    assert printed[:3] == ["72", "64", "178"]
    assert len(printed) == 15
    wrong = []
    for c, number in enumerate(printed):
        for at in range(1, len(number)):
            for d in range(len(printed)):
                if d == c:
                    continue
                damaged = [f"{n[:at]}\n{n[at:]}" if i == c else n for i, n in enumerate(printed) if i != d]
                text = f"{head}\n\n总计\n\n总计\n\n" + "\n\n".join(damaged) + "\n\n五、" + rest
                faults = judge(subject.expectation, subject.read(text), changes_truth=False).faults
                wrong += [f"{number} cut at {at}, {printed[d]} lost: {faults[0]}"] if faults else []
    assert wrong == [], wrong[:3]


@pytest.mark.parametrize("version", ["2019", "2021"])
def test_a_row_printed_a_cell_per_line_with_one_lost_and_one_cut_gives_no_wrong_number(version: str) -> None:
    """Found by cutting a number and deleting a line of a report rendered a cell per line (2019: ``规章`` / ``11`` /
    ``0`` / ``101``, 0 lost and 11 cut into ``1`` / ``1``, read 规章 1, 1, 101). Its cells are printed with a blank
    line after each: a row whose lines are out of that step, its count right, is not read. Every such pair of
    damages of 表二's rows (of two columns or more) is tried."""
    report = random_report(random.Random(6), version)
    text = render_text(report, damage=Damage(seed=6, separator="cell-per-line"))
    expectation = Expectation.of_report(report)
    lines = text.split("\n")
    table2 = format_spec(version).rows(format_spec(version).table2)
    widths = {row.label: len(row.columns) for row in table2 if len(row.columns) > 1}
    numbers = [i + 2 * k for i, line in enumerate(lines) for k in range(1, widths.get(line, 0) + 1)]
    assert len(numbers) >= 6
    assert all(lines[i - 1] == "" and is_value(lines[i]) for i in numbers)
    wrong = []
    for c in numbers:
        for at in range(1, len(lines[c])):
            for d in numbers:
                if d != c:
                    damaged = [f"{n[:at]}\n{n[at:]}" if i == c else n for i, n in enumerate(lines) if i != d]
                    faults = judge(expectation, read_text("\n".join(damaged)), changes_truth=False).faults
                    wrong += [f"{lines[c]} cut at {at}, {lines[d]} lost: {faults[0]}"] if faults else []
    assert wrong == [], wrong[:3]


def test_table4_numbers_joined_across_line_breaks_are_cut_only_there() -> None:
    """Fuzz seed 2046, #123237 (a report rendered a cell per line, 表四's 0 under 尚未审结 deleted): fourteen numbers
    one per line, joined across their line breaks into one run (a break may cut a number), which was cut anywhere:
    ``12`` ``12`` ``441`` ``53`` from ``121`` / ``244`` / ``153``, adding up to 518. The numbers were printed whole
    on their lines: the run is cut at its line breaks freely, elsewhere only as an assumption, like a lost value."""
    header = ["行政复议", "行政诉讼", *["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3]
    printed = ["121", "244", "153", "0", "518", "69", "0", "0", "0", "69", "0", "0", "194", "0", "194"]
    damaged = printed[:3] + printed[4:]  # the 0 under 尚未审结 lost
    text = "\n\n".join(["四、政府信息公开行政复议、行政诉讼情况", *header, *damaged, "五、存在的主要问题及改进情况"])
    table = read_text(text).report.table4
    assert table is not None
    read = [getattr(getattr(table, row.key), column.key).value for row in TABLE4.rows for column in row.columns]
    assert [(i, value) for i, value in enumerate(read) if value is not None and value != int(printed[i])] == []


@pytest.mark.parametrize("lost", range(15))
def test_table4_numbers_joined_by_the_line_splitter_are_cut_only_at_its_breaks(lost: int) -> None:
    """Fuzz seed 2046, #123237, minimised: the same fourteen numbers one per line, but the first glued to the last
    header (``尚未审结121`` / ``244`` / ``153`` / …). The line splitter joins them into one line, a glued run split
    off a label, whose every cut was free (12, 12, 441, 53 again). It keeps the offsets of the breaks it joined
    (:attr:`TextLine.cuts`): the run is cut freely there and inside its ends, elsewhere only as an assumption."""
    header = ["行政复议", "行政诉讼", *["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3]
    printed = ["121", "244", "153", "0", "518", "69", "0", "0", "0", "69", "0", "0", "194", "0", "194"]
    damaged = printed[:lost] + printed[lost + 1 :]
    lines = ["四、政府信息公开行政复议、行政诉讼情况", *header[:-1], header[-1] + damaged[0], *damaged[1:]]
    table = read_text("\n".join([*lines, "五、存在的主要问题及改进情况"])).report.table4
    assert table is not None
    read = [getattr(getattr(table, row.key), column.key).value for row in TABLE4.rows for column in row.columns]
    assert [(i, value) for i, value in enumerate(read) if value is not None and value != int(printed[i])] == []


def test_a_table2_block_whose_numbers_go_on_past_its_count_is_not_read() -> None:
    """Fuzz seed 2047, #9361 (淮安 2024, pdfminer's text, lines joined and a line broken), minimised: 行政许可's label
    before 表二's first header, then ``1`` / ``8 0 26`` / ``66``: one number alone, as the one row named needs, read
    1 for 447228. A 表二 block followed by a line of numbers only is not all there: it is not read by its count."""
    subject = _pdfminer_huaian()
    _no_wrong_number(subject, "政务公开\n信息内容\n行政许可\n现行有效件数\n1\n8 0 26\n66\n447228")


def test_a_number_alone_ending_the_text_may_go_on_the_number_above_it() -> None:
    """Fuzz seed 2047, #63307 (a report rendered a cell per line, truncated after 规章's 134 and 134 cut in two):
    ``规章`` / ``0`` / ``0`` / ``1`` / ``34``. The text ends inside a number, so 34 is not read, and neither is the
    1 on the line right above it, which it may go on — also where that line is a number alone (it was read 134's 1)."""
    text = "办公厅政府信息公开工作年度报告\n信息内容\n规章\n\n0\n\n0\n\n1\n34"
    table = read_text(text).report.table2
    assert table is None or table.regulations is None or table.regulations.valid.value is None


def test_numbers_after_words_that_name_no_row_do_not_go_on_the_row_above() -> None:
    """Fuzz seed 2048, #16898 (a 2021 report rendered with spaces; lines joined, 第二十条's 十 deleted, and the
    narrative's ``3940`` cut in two), minimised: ``政强制3021``, then a line of words naming no row that ends in
    ``39``, then ``40 …``. The 40 goes on the 39 of the line right above it, never on 行政强制's 3021 (read 302140)."""
    text = (
        "信息内容\n政强制3021\n"
        "信息内容万32580.0、收到和处理政府信息公开申请政府信息公开信息处理费 39\n"
        "40 申请人情况1.0 171 0 0 0 0 171\n2.0 0 0 0 0 0 0\n"
        "3.0 0 0 0 0 0 0\n4.0 0 0 0 0 0 0\n"
        "5.0 0 132 112 0 0 244\n6.0 0 0 0 0 0 0\n"
        "7.59 0 8 140 0 0 207\n"
        "8.282 288 0 0 234 0 804 1.0 0 125 0 0 0 125\n"
        "2.0 0 159 0 166 0 325\n3.0 0 0 0 63 0 63\n"
        "4.0 0 0 0 0 0 0\n5.0 0 0 0 0 0 0 1.0 0 0 0 0 0 0\n"
        "2.逾期未按收费通知5 0 0 0 0 0 5\n3.0 0 0 0 0 0 0\n"
    )
    table = read_text(text).report.table2
    assert table is not None
    assert table.coercion is not None
    assert table.coercion.decisions.value in (None, 3021)


def test_a_number_alone_after_a_whole_table2_row_does_not_go_on_its_last_number() -> None:
    """Fuzz seed 2051, #173290 (a 2019 report rendered with spaces; a line break put before 其他对外管理服务事项's
    last number, that row's line then lost, a page mark added), minimised: ``许可13 -9 11`` / ``17``. 行政许可 holds
    its three numbers on its line; the 17 on the next may end its 11 (a line break inside 1117) or be the number of
    a row whose label was lost. 表二 has no identity to tell: 行政许可 is not read (its 处理决定数量 was 1117)."""
    table = read_text("政府信息公开\n信息内容上一年项目数量\n许可13 -9 11\n17\n").report.table2_2019
    assert table is not None
    assert table.licensing is not None
    assert table.licensing.decisions.value in (None, 11)


@pytest.mark.parametrize(
    ("after", "amount", "unit"),
    [("元\n", Decimal(1345), "万元"), ("\n", None, None), ("元旦\n", None, None)],
)
def test_an_amount_whose_unit_a_line_break_cut_keeps_it(after: str, amount: Decimal | None, unit: str | None) -> None:
    """Fuzz seed 2048, #189708 (a 2019 report rendered column-major, a line break inserted inside ``1345万元``):
    ``政府集中采购\t0\t1345万`` / ``元``. 1345万 was read as the number 1345 glued to a label ``万`` (1345 元, not
    1345 万元). The unit goes on across the break; with its 元 lost, ``1345万`` is not a number this library reads."""
    text = f"二、主动公开政府信息情况\n信息内容\t采购项目数量\t采购总金额\n政府集中采购\t0\t1345万\n{after}"
    table = read_text(text + "三、收到和处理政府信息公开申请情况\n").report.table2_2019
    assert table is not None
    assert table.central_procurement is not None
    cell = table.central_procurement.amount
    assert (cell.value, cell.unit) == (amount, unit)


# --- hostile files -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["docx-billion-laughs", "docx-xxe", "json-deep", "text-many-digits"])
def test_hostile_files_are_small_and_named_for_their_reader(name: str) -> None:
    hostile = HOSTILE[name]()
    assert len(hostile.data) < 300_000
    assert hostile.name.startswith(name)
    assert hostile.name.rsplit(".", 1)[1] in ("docx", "json", "txt")


# --- every single damage of the real reports' tables ----------------------------------------------------------------


@pytest.mark.parametrize("name", REAL)
def test_no_single_line_damage_in_a_real_reports_tables_gives_a_wrong_number(name: str) -> None:
    """Each line of the tables of every real report (each text of the PDF) deleted, and joined to the next, in turn
    (:func:`~gov_disclosure.testing.fuzz.sweep.single_damages`): every number read is the one printed, or the cell is
    flagged. ``scripts/sweep.py`` adds a line break at every place of the tables (the sweep that found the
    column-major 表二 above)."""
    for subject in _named(name):
        for what, text in single_damages(subject.text, breaks=False, only_tables=True):
            faults = judge(subject.expectation, subject.read(text), changes_truth=False).faults
            assert faults == (), (subject.name, what, faults[:2])
