"""Generate consistent reports, and reports with one broken cell, from any source of integers.

The arithmetic lives here once. It draws every choice through a :class:`Source` — a single
``integer(low, high)`` method — so the same code serves a seeded :class:`random.Random` (benchmarks,
:func:`random_report`) and Hypothesis (:mod:`gov_disclosure.testing.strategies`, which shrinks well because
every choice is a bounded integer whose lowest value is the simplest one).

How a consistent 表三 is built (format-spec §5.1): for each of the six applicant columns, draw the result
rows （一）…（六）, set （七）总计 to their sum, draw 四、结转下年度继续办理, draw 二、上年结转 between 0 and
（七）+四 and set 一、本年新收 to the rest, so that 一+二 = （七）+四; the 总计 column is the row-wise sum of the
six applicant columns. 表四 总计 is the sum of its four outcome cells.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from decimal import Decimal
from typing import Protocol, TypeVar

from attrs import frozen

from gov_disclosure.model.cells import Cell
from gov_disclosure.model.formats import FORMAT_2019, FORMAT_2021, FormatSpec, format_spec, format_specs
from gov_disclosure.model.keys import CellKey
from gov_disclosure.model.layout import TABLE3, TABLE4, ColumnSpec, ValueType
from gov_disclosure.model.report import SECTION_TITLES, Report, Sections
from gov_disclosure.model.tables import Table, Table2, Table2_2019, Table3, Table4
from gov_disclosure.model.versions import FormatVersion

__all__ = [
    "AGENCIES",
    "BREAKABLE_TABLES",
    "BrokenReport",
    "RandomSource",
    "Source",
    "break_one_cell",
    "build_report",
    "build_table2",
    "build_table2_2019",
    "build_table2_of",
    "build_table3",
    "build_table4",
    "random_broken_report",
    "random_report",
]

T = TypeVar("T")

AGENCIES: tuple[str, ...] = ("淮安市人民政府", "上海市人民政府办公厅", "某县自然资源局", "某市某区某镇人民政府")
"""Agency names the generators choose from (or leave the agency unset)."""

BREAKABLE_TABLES: tuple[str, ...] = ("table3", "table4")
"""The tables whose cells :func:`break_one_cell` changes: the ones with accounting identities."""

_SCALES = (0, 3, 30, 300, 5000)
"""Largest count a report draws; 0 gives an all-zero report (a common real case)."""
_TEXTS = ("", "本机关严格落实《中华人民共和国政府信息公开条例》。", "无。", "全年收取政府信息公开信息处理费 3940 元。")


class Source(Protocol):
    """Where the generators get their choices from."""

    def integer(self, low: int, high: int) -> int:
        """An integer with ``low <= n <= high``."""


@frozen
class RandomSource:
    """A :class:`Source` backed by a :class:`random.Random` (seed it for reproducible data)."""

    rng: random.Random

    def integer(self, low: int, high: int) -> int:
        """An integer with ``low <= n <= high``."""
        return self.rng.randint(low, high)


@frozen
class _Params:
    """Per-report choices: how large counts get and how often they are zero."""

    scale: int
    zero_in_ten: int
    """A drawn count is zero with probability ``zero_in_ten / 10``."""


def _choice(src: Source, options: Sequence[T]) -> T:
    return options[src.integer(0, len(options) - 1)]


def _params(src: Source) -> _Params:
    return _Params(scale=_choice(src, _SCALES), zero_in_ten=src.integer(0, 10))


def _count(src: Source, params: _Params) -> int:
    if params.scale == 0 or src.integer(0, 9) < params.zero_in_ten:
        return 0
    return src.integer(0, params.scale)


def _money(src: Source, params: _Params) -> Decimal:
    """A non-negative amount with 0–2 decimals, exact."""
    return Decimal(_count(src, params) * 100 + src.integer(0, 99)).scaleb(-src.integer(0, 2))


def _value_cell(src: Source, params: _Params, column: ColumnSpec, *, in_cell_units: Sequence[str | None]) -> Cell:
    if column.value_type is ValueType.COUNT:
        return Cell.of(_count(src, params))
    if column.value_type is ValueType.SIGNED:
        change = _count(src, params)
        return Cell.of(-change if src.integer(0, 1) else change)
    amount = _money(src, params)
    unit = _choice(src, in_cell_units)
    return Cell.of(amount, raw=f"{amount}{unit or ''}", unit=unit)


def build_table2_of(src: Source, format_version: FormatVersion) -> Table:
    """The 表二 of *format_version*: counts, signed 本年增/减, money as a Decimal with 0–2 decimals — with an
    optional in-cell unit (``251000元``) where the header states none."""
    params = _params(src)
    spec = format_spec(format_version)

    def cell(column: ColumnSpec) -> Cell:
        units: tuple[str | None, ...] = (None,) if column.unit is not None else (None, "元", "万元")
        return _value_cell(src, params, column, in_cell_units=units)

    return spec.table2_class.from_rows(
        {row.key: {c.key: cell(c) for c in row.columns} for row in spec.rows(spec.table2)}
    )


def build_table2(src: Source) -> Table2:
    """A 2021 表二: counts, and 本年收费金额（万元） as a Decimal with 0–2 decimals (unit in the header)."""
    table = build_table2_of(src, FORMAT_2021.name)
    assert isinstance(table, Table2)
    return table


def build_table2_2019(src: Source) -> Table2_2019:
    """A 2019 表二: counts, signed 本年增/减, 采购总金额 with an optional in-cell unit (``251000元``)."""
    table = build_table2_of(src, FORMAT_2019.name)
    assert isinstance(table, Table2_2019)
    return table


def build_table3(src: Source, format_version: FormatVersion) -> Table3:
    """A 表三 of *format_version* satisfying every identity of format-spec §5.1."""
    params = _params(src)
    rows = format_spec(format_version).rows(TABLE3)
    results = [r.key for r in rows if r.group is not None and r.key != "total_processed"]
    applicant = [c.key for c in rows[0].columns if c.key != "total"]
    values: dict[str, dict[str, int]] = {r.key: {} for r in rows}
    for column in applicant:
        for key in results:
            values[key][column] = _count(src, params)
        processed = sum(values[key][column] for key in results)
        forward = _count(src, params)
        carried_over = src.integer(0, processed + forward)
        values["total_processed"][column] = processed
        values["carried_forward"][column] = forward
        values["carried_over"][column] = carried_over
        values["new_received"][column] = processed + forward - carried_over
    for row in values.values():
        row["total"] = sum(row[c] for c in applicant)
    return Table3.from_rows({key: dict(row) for key, row in values.items()})


def build_table4(src: Source) -> Table4:
    """A 表四 whose 总计 cells equal 结果维持+结果纠正+其他结果+尚未审结 (format-spec §5.2)."""
    params = _params(src)
    rows: dict[str, list[int]] = {}
    for row in TABLE4.rows:
        parts = [_count(src, params) for _ in row.columns[:-1]]
        rows[row.key] = [*parts, sum(parts)]
    return Table4.from_rows(rows)


def _sections(src: Source) -> Sections:
    return Sections(**{key: _choice(src, (None, *_TEXTS)) for key, _ in SECTION_TITLES})


def build_report(src: Source, format_version: FormatVersion | None = None) -> Report:
    """A consistent report with all three tables; the format is drawn when *format_version* is None."""
    version = format_version if format_version is not None else _choice(src, [s.name for s in format_specs()])
    spec = format_spec(version)
    agency = _choice(src, (None, *AGENCIES))
    report_year = _choice(src, (None, *_years(spec)))
    sections = _sections(src)
    tables = {spec.table2.key: build_table2_of(src, version), TABLE3.key: build_table3(src, version)}
    return Report(
        format_version=version,
        agency=agency,
        report_year=report_year,
        sections=sections,
        table4=build_table4(src),
        **tables,  # type: ignore[arg-type]
    )


def _years(spec: FormatSpec) -> range:
    """Report years of *spec*'s format: its first year to its last (or four years on, for the current one)."""
    if spec.first_year is None:
        return range(0)
    last = spec.last_year if spec.last_year is not None else spec.first_year + 4
    return range(spec.first_year, last + 1)


@frozen(kw_only=True)
class BrokenReport:
    """A report in which exactly one cell (*key*) was changed from *original* to another number."""

    report: Report
    key: CellKey
    original: Cell

    @property
    def replacement(self) -> Cell:
        """The cell now at *key*."""
        cell = self.report.cell(self.key)
        if cell is None:  # pragma: no cover - break_one_cell only changes cells that exist
            raise LookupError(str(self.key))
        return cell


def break_one_cell(src: Source, report: Report, tables: Sequence[str] = BREAKABLE_TABLES) -> BrokenReport:
    """Change one number cell of *tables* in *report* to a different non-negative integer."""
    cells = [(e.key, e.cell) for e in report.iter_cells() if e.key.table in tables and isinstance(e.cell.value, int)]
    if not cells:
        raise ValueError(f"the report has no integer cell in {', '.join(tables)}")
    key, original = _choice(src, cells)
    value = int(original.value or 0)
    delta = src.integer(1, max(3, value))
    new = value - delta if delta <= value and src.integer(0, 1) else value + delta
    return BrokenReport(report=report.with_cell(key, Cell.of(new)), key=key, original=original)


def random_report(rng: random.Random, format_version: FormatVersion | None = None) -> Report:
    """A consistent report drawn from *rng* (no Hypothesis needed; for benchmarks and examples).

    >>> import random
    >>> report = random_report(random.Random(7), "2021")
    >>> t = report.table3
    >>> t.new_received.total.value + t.carried_over.total.value == (
    ...     t.total_processed.total.value + t.carried_forward.total.value)
    True
    >>> random_report(random.Random(7), "2021") == report
    True
    """
    return build_report(RandomSource(rng), format_version)


def random_broken_report(rng: random.Random, format_version: FormatVersion | None = None) -> BrokenReport:
    """A :func:`random_report` with one 表三 or 表四 cell changed."""
    src = RandomSource(rng)
    return break_one_cell(src, build_report(src, format_version))
