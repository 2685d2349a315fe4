"""Write a :class:`~gov_disclosure.model.Report` as report text in the official layout, optionally damaged."""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence

from gov_disclosure.model.report import Report
from gov_disclosure.render.damage import Damage, apply_damage, damage_text
from gov_disclosure.render.forms import one_line_body
from gov_disclosure.render.lines import Kind, Line, layout_lines

__all__ = ["render_text"]

_TABLE_KINDS = (Kind.CAPTION, Kind.SUBHEADER, Kind.HEADER, Kind.DATA, Kind.FRAGMENT)


def render_text(report: Report, *, damage: Damage | None = None) -> str:
    """The report as text: title, the six sections 一…六 with their narrative, and tables 二/三/四.

    Tables follow the official row and column order with the official labels, in the form of the report's
    format (2019 or 2021); cells are printed from their raw text, so blanks, ``/``, annotations and units appear
    as printed. Without *damage* the cells of a table line are separated by tabs, like text copied from a
    Word or HTML table (seed 000). *damage* injects extraction quirks, deterministically for a given seed.

    >>> from gov_disclosure.model import Report, Table4
    >>> report = Report(format_version="2021", agency="某局", report_year=2022,
    ...                 table4=Table4.from_rows({"review": [1, 0, 0, 1, 2],
    ...                                         "litigation_direct": [0] * 5, "litigation_after_review": [0] * 5}))
    >>> text = render_text(report)
    >>> text.splitlines()[0]
    '某局2022年政府信息公开工作年度报告'
    >>> text.splitlines()[-5]
    '1\\t0\\t0\\t1\\t2\\t0\\t0\\t0\\t0\\t0\\t0\\t0\\t0\\t0\\t0'
    >>> render_text(report, damage=Damage(glued_digits=1)).splitlines()[-5]
    '100120000000000'
    """
    damage = damage or Damage()
    lines = apply_damage(layout_lines(report), damage)
    if damage.one_line_body:
        rng = random.Random(f"one-line-body {damage.seed}")
        return damage_text(one_line_body(report, lines, rng, spaces=damage.nbsp_spaces), damage)
    return damage_text("\n".join(_serialize(lines, damage)) + "\n", damage)


def _serialize(lines: Sequence[Line], damage: Damage) -> Iterator[str]:
    previous: Line | None = None
    for line in lines:
        in_table = line.kind in _TABLE_KINDS
        if not in_table:
            yield _plain(line, damage)
        elif damage.separator == "tab":
            yield "\t".join(line.cells)
        elif damage.separator == "space":
            yield " ".join(cell for cell in line.cells if cell.strip())
        elif damage.separator == "markdown":
            yield "| " + " | ".join(line.cells) + " |"
            if previous is None or previous.kind not in _TABLE_KINDS:
                yield "|" + "---|" * len(line.cells)
        else:
            for cell in line.cells:
                if cell.strip():
                    yield cell
                    yield ""
        previous = line


def _plain(line: Line, damage: Damage) -> str:
    text = line.cells[0]
    if damage.markdown_headings and line.kind is Kind.TITLE:
        return f"# {text}"
    if damage.markdown_headings and line.kind is Kind.HEADING:
        return f"## {text}"
    return text
