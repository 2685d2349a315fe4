"""The page-layout step the PDF and OCR readers share (readers/_page_layout.py), on small hand-made layouts: running
page numbers, tables stitched across pages, cells on one grid, hard-wrapped lines joined into paragraphs."""

from __future__ import annotations

import re

import attrs

from gov_disclosure.model.source import SourceLocation
from gov_disclosure.parsing.grids import RawTable
from gov_disclosure.readers._page_layout import (
    Block,
    LayoutRules,
    Line,
    TableBlock,
    TableCell,
    continues,
    drop_page_numbers,
    layout_document,
    stitch,
)

NUMBER = re.compile(r"^\s*[-—]\s*\d{1,4}\s*[-—]\s*$")
RULES = LayoutRules(page_number=NUMBER, stitch=8.0, column=4.0, row=2.0, body_size=10.0, same_size=0.5)
"""Points, as the PDF reader's."""
PAGE = 842.0


def line(text: str, x0: float, x1: float, top: float, page: int = 1, size: float = 10.0) -> Line:
    return Line(text, x0, x1, top + (page - 1) * PAGE, size, page)


def table(page: int, top: float, left: float, right: float, rows: list[list[str]]) -> TableBlock:
    """A ruled table of *rows* (20 pt high each) whose columns split [*left*, *right*] evenly."""
    source = SourceLocation(page=page)
    top += (page - 1) * PAGE
    cells = []
    for r, texts in enumerate(rows):
        width = (right - left) / len(texts)
        for c, text in enumerate(texts):
            x0 = left + c * width
            cells.append(TableCell(x0, top + 20 * r, x0 + width, top + 20 * (r + 1), text, source))
    return TableBlock(tuple(cells), left, right, top, page, source)


def texts(grid: RawTable) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in grid.rows]


def read(pages: list[list[Block]], rules: LayoutRules = RULES) -> tuple[str, tuple[RawTable, ...]]:
    document = layout_document(pages, rules, form="pdf", source=None)
    return document.text, document.grids


def test_page_numbers_first_or_last_on_a_page_are_dropped() -> None:
    blocks: list[Block] = [line("- 3 -", 280, 300, 20), line("正文", 50, 90, 60), line("- 4 -", 280, 300, 800)]
    assert [b.text for b in drop_page_numbers(blocks, NUMBER) if isinstance(b, Line)] == ["正文"]


def test_a_number_inside_a_page_or_in_a_table_is_kept() -> None:
    blocks: list[Block] = [table(1, 20, 50, 550, [["- 3 -"]]), line("- 4 -", 280, 300, 60), line("正文", 50, 90, 90)]
    assert drop_page_numbers(blocks, NUMBER) == blocks


def test_a_page_with_only_its_number_is_empty() -> None:
    assert drop_page_numbers([line("— 7 —", 280, 300, 800)], NUMBER) == []


def test_blocks_of_a_page_are_read_top_to_bottom() -> None:
    text, _ = read([[line("第二行", 80, 120, 60), line("第一行", 50, 90, 20)]])
    assert text == "第一行\n第二行"


def test_a_table_first_on_its_page_continues_the_table_last_on_the_page_before() -> None:
    before = table(1, 600, 50, 550, [["项目", "数量"], ["收到", "12"]])
    after = table(2, 40, 53, 547, [["办结", "10"]])  # edges 3 pt off: within the 8 pt tolerance
    text, grids = read([[line("表三", 50, 80, 560), before], [after, line("正文", 50, 90, 200, page=2)]])
    assert [texts(g) for g in grids] == [[["项目", "数量"], ["收到", "12"], ["办结", "10"]]]
    assert text.splitlines()[0] == "表三"
    assert text.splitlines()[-1] == "正文"
    assert {cell.source.page for row in grids[0].rows for cell in row.cells if cell.source} == {1, 2}
    assert grids[0].source == SourceLocation(page=1)


def test_only_the_first_table_on_a_page_continues_the_page_before() -> None:
    before = table(1, 600, 50, 550, [["收到", "12"]])
    _, grids = read([[before], [table(2, 40, 50, 550, [["办结", "10"]]), table(2, 100, 50, 550, [["表四", "3"]])]])
    assert [texts(g) for g in grids] == [[["收到", "12"], ["办结", "10"]], [["表四", "3"]]]


def test_tables_whose_edges_disagree_are_two() -> None:
    before = table(1, 600, 50, 550, [["收到", "12"]])
    after = table(2, 40, 50, 500, [["办结", "10"]])  # right edges 50 pt apart
    _, grids = read([[before], [after]])
    assert [texts(g) for g in grids] == [[["收到", "12"]], [["办结", "10"]]]


def test_a_table_after_a_line_on_its_page_or_two_pages_on_is_not_stitched() -> None:
    first = table(1, 600, 50, 550, [["收到", "12"]])
    after_a_line: list[Block] = [line("表四", 50, 80, 20, page=2), table(2, 40, 50, 550, [["办结", "10"]])]
    assert len(stitch([[first], after_a_line], 8.0)) == 3
    assert len(stitch([[first], [], [table(3, 40, 50, 550, [["办结", "10"]])]], 8.0)) == 2


def test_a_page_number_between_two_parts_of_a_table_does_not_keep_them_apart() -> None:
    before = table(1, 600, 50, 550, [["收到", "12"]])
    after = table(2, 60, 50, 550, [["办结", "10"]])
    _, grids = read([[before, line("- 1 -", 280, 300, 800)], [line("- 2 -", 280, 300, 20, page=2), after]])
    assert [texts(g) for g in grids] == [[["收到", "12"], ["办结", "10"]]]


def test_cells_are_placed_on_one_grid_of_boundaries() -> None:
    """A cell spanning columns keeps its starting column and span, one spanning rows is continued in the rows below;
    edges 1 pt apart are one boundary."""
    source = SourceLocation(page=1)
    cells = (
        TableCell(50, 0, 350, 20, "项目", source),
        TableCell(351, 0, 450, 20, "数量", source),
        TableCell(50, 20, 200, 60, "（三）不予公开", source),
        TableCell(199, 20, 350, 40, "1.属于国家秘密", source),
        TableCell(350, 21, 450, 40, "0", source),
        TableCell(200, 40, 350, 60, "2.其他", source),
        TableCell(350, 40, 450, 61, "2", source),
    )
    _, (grid,) = read([[TableBlock(cells, 50, 450, 0, 1, source)]])
    assert [[(c.text, c.column, c.span, c.continued) for c in row.cells] for row in grid.rows] == [
        [("项目", 0, 2, False), ("数量", 2, 1, False)],
        [("（三）不予公开", 0, 1, False), ("1.属于国家秘密", 1, 1, False), ("0", 2, 1, False)],
        [("（三）不予公开", 0, 1, True), ("2.其他", 1, 1, False), ("2", 2, 1, False)],
    ]


PARAGRAPH: list[Block] = [
    line("本机关全年共收到政府信息公开申请", 50, 545, 100),  # ends within 1.5 body sizes of the right margin
    line("20件，办结18件。", 50, 200, 116),
    line("二、主动公开政府信息情况", 50, 250, 140),  # the line before ends short: a new paragraph
]


def test_a_hard_wrapped_line_is_joined_to_the_line_it_continues() -> None:
    text, _ = read([PARAGRAPH])
    assert text.splitlines() == ["本机关全年共收到政府信息公开申请20件，办结18件。", "二、主动公开政府信息情况"]


def test_an_indented_line_or_a_line_with_a_tab_starts_anew() -> None:
    full = line("本机关全年共收到政府信息公开申请", 50, 550, 100)
    indented = line("（一）收到申请", 80, 200, 116)
    tabbed = line("收到\t12", 50, 200, 116)
    margins = (50.0, 550.0)
    assert continues(full, line("20件。", 50, 100, 116), margins, 10.0, False, RULES)
    assert not continues(full, indented, margins, 10.0, False, RULES)
    assert not continues(full, tabbed, margins, 10.0, False, RULES)


def test_body_lines_of_another_size_are_joined_only_when_the_rules_allow() -> None:
    full = line("本机关全年共收到政府信息公开申请", 50, 550, 100)
    smaller = line("注：不含转办件。", 50, 200, 116, size=8.0)
    margins = (50.0, 550.0)
    assert not continues(full, smaller, margins, 10.0, False, RULES)
    assert continues(full, smaller, margins, 10.0, False, attrs.evolve(RULES, body_lines_same_size=False))


def test_across_a_page_break_the_line_before_must_reach_the_margin_when_the_rules_say_so() -> None:
    nearly_full = line("本机关全年共收到政府信息公开申请", 50, 538, 800)  # 1.2 body sizes short of the margin
    next_page = line("20件。", 50, 100, 40, page=2)
    margins = (50.0, 550.0)
    assert continues(nearly_full, next_page, margins, 10.0, False, RULES)
    strict = attrs.evolve(RULES, page_break_needs_full_line=True)
    assert not continues(nearly_full, next_page, margins, 10.0, False, strict)
    assert continues(attrs.evolve(nearly_full, x1=545.0), next_page, margins, 10.0, False, strict)


TITLE = ("某某市人民政府2024年政府信息公开", "工作年度报告")
BODY = ("一、总体情况", "（一）主动公开", "略。")


def test_the_lines_of_a_title_are_joined() -> None:
    title = [line(TITLE[0], 150, 450, 40, size=16), line(TITLE[1], 220, 380, 64, size=16)]
    body = [line(text, 50, 300, 120 + 20 * i) for i, text in enumerate(BODY)]
    text, _ = read([[*title, *body]])
    assert text.splitlines()[0] == "某某市人民政府2024年政府信息公开工作年度报告"


def test_the_title_is_on_page_one_or_on_the_first_page_read() -> None:
    """A blank first page: the PDF's title is on page 1 (so none here), OCR's on the first page with any block."""
    title = [line(TITLE[0], 150, 450, 40, 2, 16), line(TITLE[1], 220, 380, 64, 2, 16)]
    body = [line(text, 50, 300, 120 + 20 * i, page=2) for i, text in enumerate(BODY)]
    pages: list[list[Block]] = [[], [*title, *body]]
    assert read(pages)[0].splitlines()[:2] == ["某某市人民政府2024年政府信息公开", "工作年度报告"]
    first_read = attrs.evolve(RULES, title_page=None)
    assert read(pages, first_read)[0].splitlines()[0] == "某某市人民政府2024年政府信息公开工作年度报告"


def test_the_same_size_is_absolute_or_a_share_of_the_body_size() -> None:
    assert RULES.same_size_as(10.0, 10.4, body=10.0)
    assert not RULES.same_size_as(10.0, 10.5, body=10.0)
    inches = attrs.evolve(RULES, same_size=0.0, same_size_per_body=0.2)
    assert inches.same_size_as(0.15, 0.18, body=0.2)
    assert not inches.same_size_as(0.15, 0.2, body=0.2)
