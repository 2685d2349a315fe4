"""Tests of the report-text renderer and its damage injection."""

from __future__ import annotations

import random
import re
import unicodedata

import attrs
import pytest
from hypothesis import given

from gov_disclosure.model import TABLE2, TABLE2_2019, TABLE3, TABLE3_NOTE, TABLE4, Cell, Report, Sections
from gov_disclosure.model.formats import format_spec
from gov_disclosure.render import Damage, render_text
from gov_disclosure.render.lines import cell_text
from gov_disclosure.testing import random_report
from gov_disclosure.testing.damage import damages
from huaian_2024 import huaian_report

FULL = Damage(
    seed=11,
    page_breaks=3,
    repeat_headers=True,
    split_group_labels=True,
    wrapped_labels=True,
    vertical_labels=True,
    spacing=True,
    glued_digits=2,
    enumerator_commas=True,
    markdown_headings=True,
    line_width=24,
)


def _positions(text: str, needles: list[str]) -> list[int]:
    """Where each needle is found, each search starting after the previous hit (-1 when missing)."""
    found, start = [], 0
    for needle in needles:
        at = text.find(needle, start)
        found.append(at)
        if at >= 0:
            start = at + len(needle)
    return found


@pytest.mark.parametrize("version", ["2019", "2021"])
def test_undamaged_text_has_every_label_and_cell_in_order(version: str) -> None:
    """Every official label appears in official order; every data line ends with its cells' raw texts in order."""
    report = random_report(random.Random(5), version)
    text = render_text(report)
    table2 = TABLE2 if version == "2021" else TABLE2_2019
    labels = [row.label for row in table2.rows] + [TABLE3_NOTE]
    labels += [row.label for row in format_spec(version).rows(TABLE3)]
    assert -1 not in _positions(text, labels)
    lines = text.splitlines()
    for spec, table in report.tables():
        if spec is TABLE4:
            continue
        start = 0
        for key, row in table.iter_rows():
            if row is None:
                continue
            label = spec.row(key).label
            index = next(i for i in range(start, len(lines)) if label in lines[i].split("\t"))
            raws = [cell_text(cell) for _, cell in row.cells()]
            assert lines[index].split("\t")[-len(raws) :] == raws or lines[index].split("\t")[1 : 1 + len(raws)] == raws
            start = index + 1
    assert report.table4 is not None
    values = "\t".join(cell_text(cell) for _, _, cell in report.table4.iter_cells())
    assert values in lines


def test_undamaged_huaian_lines() -> None:
    """The 淮安 2024 tables print as tab-separated lines with the official labels and the printed numbers."""
    lines = render_text(huaian_report()).splitlines()
    assert lines[0] == "淮安市人民政府2024年政府信息公开工作年度报告"
    assert "行政事业性收费\t96171.6\t\t" in lines
    assert "\t（四）无法提供\t1.本机关不掌握相关政府信息\t746\t12\t0\t0\t10\t1\t769" in lines
    assert "72\t64\t178\t37\t351\t13\t4\t8\t1\t26\t12\t1\t1\t6\t20" in lines
    assert [line for line in lines if line.startswith(("一、", "二、", "三、", "四、", "五、", "六、"))][:3] == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
    ]


def test_cells_print_their_raw_text() -> None:
    """Blanks, not-applicable marks, annotations and units appear exactly as printed."""
    report = huaian_report()
    report = report.with_cell("table2.regulations.made", Cell.blank())
    report = report.with_cell("table2.regulations.repealed", Cell.not_applicable("/"))
    report = report.with_cell(
        "table2.normative_docs.valid", Cell.of(66, raw="66（含自然失效29件）", annotation="含自然失效29件")
    )
    lines = render_text(report).splitlines()
    assert "规章\t\t/\t11" in lines
    assert "行政规范性文件\t8\t26\t66（含自然失效29件）" in lines


def test_missing_tables_and_rows_are_not_printed() -> None:
    """A report without tables keeps its headings and narrative; an absent row is left out, not printed as zeros."""
    report = Report(format_version="2021", agency="某局", report_year=2022, sections=Sections(overview="概述。"))
    text = render_text(report)
    assert "三、收到和处理政府信息公开申请情况" in text
    assert "概述。" in text
    assert "\t" not in text
    full = huaian_report()
    assert full.table3 is not None
    without = attrs.evolve(full, table3=attrs.evolve(full.table3, partial=None))
    assert "部分公开" not in render_text(without)


@given(damages())
def test_rendering_is_deterministic(damage: Damage) -> None:
    """The same report and damage always give the same text."""
    report = huaian_report()
    assert render_text(report, damage=damage) == render_text(report, damage=damage)


def test_seed_changes_the_damage() -> None:
    """Different seeds put the page breaks in different places."""
    texts = {render_text(huaian_report(), damage=Damage(page_breaks=2, seed=seed)) for seed in range(6)}
    assert len(texts) > 1


def test_page_breaks_and_repeated_headers() -> None:
    """Page numbers appear inside tables; 表三's header is repeated after a break inside 表三."""
    damage = Damage(page_breaks=40, repeat_headers=True, seed=1)
    lines = render_text(huaian_report(), damage=damage).splitlines()
    pages = [line for line in lines if re.fullmatch(r"[-—] \d+ [-—]", line)]
    assert len(pages) > 10
    numbers = [int(re.sub(r"\D", "", p)) for p in pages]
    assert numbers == list(range(numbers[0], numbers[0] + len(numbers)))
    assert sum(line.startswith(TABLE3_NOTE) for line in lines) > 1


def test_split_group_label_across_page_break() -> None:
    """A group label is cut in two with a page number line between the halves (``（四）无`` … ``法提供``)."""
    lines = render_text(huaian_report(), damage=Damage(split_group_labels=True, seed=2)).splitlines()
    heads = [i for i, line in enumerate(lines) if re.match(r"\t（[三四五六]）.\t", line)]
    assert len(heads) == 1
    head = lines[heads[0]].split("\t")[1]
    assert re.fullmatch(r"[-—] \d+ [-—]", lines[heads[0] + 1])
    tail = lines[heads[0] + 2].split("\t")[1]
    assert head + tail in {"（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理"}


def test_vertical_labels() -> None:
    """``三、本年度办理结果`` is printed one character per line."""
    lines = render_text(huaian_report(), damage=Damage(vertical_labels=True)).splitlines()
    assert "三、本年度办理结果" not in "\n".join(lines)
    singles = [line for line in lines if line in ("三、", "本", "年", "度", "办", "理", "结", "果")]
    assert singles == ["三、", "本", "年", "度", "办", "理", "结", "果"]


def test_glued_digits() -> None:
    """Glued lines join the row label and its numbers with no separator."""
    report = huaian_report()
    text = render_text(report, damage=Damage(glued_digits=40))
    assert "行政规范性文件82666" in text
    assert "7264178373511348126121162" + "0" in text


def test_wrapped_labels_keep_every_character() -> None:
    """A wrapped label's pieces, read in order, give the label back."""
    text = render_text(huaian_report(), damage=Damage(wrapped_labels=True, seed=4))
    label = TABLE3.row("other_fee_unpaid").label
    assert label not in text
    assert label.removeprefix("2.") in re.sub(r"[\t\n\d ]", "", text)


def test_widths_and_separators() -> None:
    """Full width leaves no ASCII digits; half width turns （） into (); the separators change the table lines."""
    report = huaian_report()
    assert not re.search(r"[0-9]", render_text(report, damage=Damage(full_width=True)))
    half = render_text(report, damage=Damage(half_width=True))
    assert "(一)予以公开" in half
    assert "（" not in half
    assert unicodedata.normalize("NFKC", render_text(report, damage=Damage(full_width=True))) == unicodedata.normalize(
        "NFKC", render_text(report)
    )
    markdown = render_text(report, damage=Damage(separator="markdown", markdown_headings=True)).splitlines()
    assert "| 规章 | 1 | 0 | 11 |" in markdown
    assert "|---|---|---|---|" in markdown
    assert "## 三、收到和处理政府信息公开申请情况" in markdown
    spaced = render_text(report, damage=Damage(separator="space")).splitlines()
    assert "一、本年新收政府信息公开申请数量 3001 53 0 0 61 4 3119" in spaced
    per_line = render_text(report, damage=Damage(separator="cell-per-line"))
    assert "\t" not in per_line
    assert "\n3119\n\n" in per_line


def test_narrative_spacing_and_line_width() -> None:
    """Spacing puts spaces between digits and CJK; line_width hard-wraps paragraphs."""
    text = render_text(huaian_report(), damage=Damage(spacing=True, line_width=20))
    assert "3119 件" in text.replace("\n", "")
    paragraph = next(line for line in text.splitlines() if line.startswith("（二）依申请公开情况"))
    assert len(paragraph) == 20


def test_enumerator_commas() -> None:
    """``1.`` becomes ``1、`` in 表三 sub-item labels."""
    text = render_text(huaian_report(), damage=Damage(enumerator_commas=True))
    assert "1、属于国家秘密" in text
    assert "1.属于国家秘密" not in text


@given(damages())
def test_every_damage_keeps_every_number(damage: Damage) -> None:
    """Whatever the damage, each 表四 number is still somewhere in the text (never dropped by the renderer)."""
    text = unicodedata.normalize("NFKC", render_text(huaian_report(), damage=damage))
    digits = re.sub(r"\D", "", text)
    assert "351" in digits
    assert "3940" in digits


def test_damage_validation() -> None:
    """Bad options are refused when the damage is built."""
    with pytest.raises(ValueError, match="separator"):
        Damage(separator="comma")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="page_breaks"):
        Damage(page_breaks=-1)
    with pytest.raises(ValueError, match="line_width"):
        Damage(line_width=3)


def test_full_damage_is_realistic() -> None:
    """With every damage on, the text still holds the title's year and 表四's numbers in some form."""
    text = render_text(huaian_report(), damage=FULL)
    assert text.startswith("# 淮安市人民政府 2024 年")
    assert "\t" in text
