"""Sum the tables of many reports into one report, recording which inputs were blank or missing where.

Rules (documented in ``docs/aggregation.md``):

* 表三 and 表四 of any reports are summed cell by cell. With reports of both formats the result is 2019-shaped: its
  single （六）其他处理 row takes the 2021 inputs' three （六） sub-rows (format-spec §3.4 calls （六） "a group whose
  total is always present"), and :attr:`Aggregate.other_breakdown` keeps the sum of those sub-rows, so nothing is lost.
* 表二 is summed only over reports of one format. Reports of both formats with a 表二 are refused
  (:class:`~gov_disclosure.aggregation.errors.MixedTable2Error`) unless ``include_table2=False``.
* Blank policy (format-spec §5.1 rule 5, "a blank is never zero"), as in validation: under ``UNKNOWN`` a sum with any
  input that gave no number is unknown and the cell is left blank; under ``ZERO`` blank cells count as 0.
  Not-applicable marks (``/``), unreadable text and absent rows/tables are unknown under both policies. A cell that is
  blank (or ``/``) in every input stays so. Under ``ZERO`` an unknown sum is marked as text :data:`UNKNOWN_SUM`, so
  that summing the aggregate again cannot read it as 0. Completeness records every gap either way, with the sum of
  the known parts.
* Money (表二 收费金额, 采购总金额) is summed exactly as ``Decimal``; inputs in different units make the sum unknown.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from attrs import frozen

from gov_disclosure.aggregation.completeness import CellCompleteness, Completeness, GapReason
from gov_disclosure.aggregation.errors import AggregationError, MixedTable2Error
from gov_disclosure.aggregation.plan import RowPlan, build_plan, collapsed_rows, plan_rows, result_format, table_of
from gov_disclosure.aggregation.summing import Sums, add_up
from gov_disclosure.findings import Finding, Outcome, Severity
from gov_disclosure.model.cells import Cell, Number
from gov_disclosure.model.formats import FormatSpec, format_spec
from gov_disclosure.model.keys import CellKey
from gov_disclosure.model.report import Report
from gov_disclosure.model.tables import Row, Table, Table3
from gov_disclosure.model.versions import FormatVersion
from gov_disclosure.registry import BlankPolicy

__all__ = ["UNKNOWN_SUM", "Aggregate", "aggregate", "input_label"]

UNKNOWN_SUM = "数据不全"
"""Raw text of an aggregate cell whose sum is unknown under the ``ZERO`` policy (a ``TEXT`` cell)."""

_NUMERALS = {2: ("两", "two"), 3: ("三", "three"), 4: ("四", "four"), 5: ("五", "five")}


@frozen(kw_only=True)
class Aggregate:
    """The result of :func:`aggregate`: the summed report, the completeness record and notes."""

    report: Report
    """The summed report (no narrative sections)."""
    completeness: Completeness
    blank_policy: BlankPolicy
    notes: tuple[Finding, ...] = ()
    """Statements about the aggregation (``AGG.*`` codes, outcome ``NOTE``): collapsed （六） rows, an omitted 表二,
    inputs with extra rows that were not summed, money in different units."""
    other_breakdown: Table3 | None = None
    """With inputs of both formats: the sum of the 2021 inputs' three （六） sub-rows (other 表三 rows absent)."""


def input_label(report: Report, index: int) -> str:
    """A short label for input *index*: agency and year, else the source path, else ``#n``.

    >>> input_label(Report(format_version="2021", agency="某局", report_year=2022), 0)
    '某局 2022'
    >>> input_label(Report(format_version="2021"), 4)
    '#5'
    """
    parts = [p for p in (report.agency, None if report.report_year is None else str(report.report_year)) if p]
    if not parts and report.source is not None and report.source.path:
        parts.append(report.source.path)
    return " ".join(parts) if parts else f"#{index + 1}"


def _common(values: Iterable[object]) -> object:
    distinct = set(values)
    return distinct.pop() if len(distinct) == 1 else None


def aggregate(
    reports: Iterable[Report],
    *,
    agency: str | None = None,
    year: int | None = None,
    blank_policy: BlankPolicy = BlankPolicy.UNKNOWN,
    include_table2: bool = True,
) -> Aggregate:
    """Sum the tables of *reports*; see the module docs for the rules.

    *agency* and *year* name the result; when not given they are taken from the inputs if all inputs agree.

    >>> from gov_disclosure.model import Table4
    >>> a = Report(format_version="2021", table4=Table4.from_rows({"review": [1, 0, 0, 1, 2]}))
    >>> b = Report(format_version="2021", table4=Table4.from_rows({"review": [2, 1, 0, None, None]}))
    >>> result = aggregate([a, b])
    >>> result.report.table4.review.upheld.value, result.report.table4.review.total.value
    (3, None)
    >>> result.completeness.cell("table4.review.total").blank
    (1,)
    >>> aggregate([a, b], blank_policy=BlankPolicy.ZERO).report.table4.review.total.value
    2
    """
    inputs = tuple(reports)
    if not inputs:
        raise AggregationError("nothing to aggregate: no reports were given")
    versions: frozenset[FormatVersion] = frozenset(r.format_version for r in inputs)
    mixed = len(versions) > 1
    result = result_format(versions)
    with_table2 = [i for i, r in enumerate(inputs) if getattr(r, r.format.table2.key) is not None]
    notes: list[Finding] = []
    sum_table2 = include_table2 and not mixed
    if include_table2 and mixed and with_table2:
        by_format: dict[str, tuple[int, ...]] = {
            v: tuple(i for i in with_table2 if inputs[i].format_version == v) for v in sorted(versions)
        }
        raise MixedTable2Error(by_format)
    if not include_table2 and with_table2:
        notes.append(_note("AGG.TABLE2_OMITTED", "未汇总表二（主动公开政府信息情况）",
                           "表二 was not aggregated (include_table2=False)"))

    plan = build_plan(result, versions, table2=sum_table2)
    sums = add_up(inputs, plan)
    tables, cells = _build(result, plan, sums, len(inputs), blank_policy)
    other_breakdown = None
    collapsed = collapsed_rows(plan)
    if collapsed and any(getattr(r, p.table) is not None for r in inputs for p in collapsed):
        notes.append(_collapsed_note(result, collapsed))
        other_breakdown = _other_breakdown(collapsed, inputs, blank_policy)
    if sums.extra_rows:
        names = "、".join(input_label(inputs[i], i) for i in sums.extra_rows)
        notes.append(_note(
            "AGG.EXTRA_ROWS",
            f"以下报告含有官方格式以外的行，未计入汇总：{names}",
            f"rows outside the official form were not summed, in: {names}",
        ))
    for entry in cells:
        if entry.unit_mismatch:
            notes.append(_note(
                "AGG.UNIT_MISMATCH",
                f"金额单位不一致（{'、'.join(u or '未注明' for u in entry.units)}），未汇总",
                f"amounts in different units ({', '.join(u or 'none stated' for u in entry.units)}) were not summed",
                cells=(entry.key,),
            ))
    report = Report(
        format_version=result.name,
        agency=agency if agency is not None else _common(r.agency for r in inputs),  # type: ignore[arg-type]
        report_year=year if year is not None else _common(r.report_year for r in inputs),  # type: ignore[arg-type]
        **tables,  # type: ignore[arg-type]
    )
    completeness = Completeness(inputs=tuple(input_label(r, i) for i, r in enumerate(inputs)), cells=cells)
    return Aggregate(
        report=report,
        completeness=completeness,
        blank_policy=blank_policy,
        notes=tuple(notes),
        other_breakdown=other_breakdown,
    )


def _note(code: str, message: str, message_en: str, cells: tuple[CellKey, ...] = ()) -> Finding:
    return Finding(
        code=code, severity=Severity.INFO, message=message, message_en=message_en, cells=cells, outcome=Outcome.NOTE
    )


def _collapsed_note(result: FormatSpec, collapsed: Sequence[RowPlan]) -> Finding:
    """AGG.OTHER_COLLAPSED: which rows were summed as one, and from how many rows of which formats."""
    split = sorted({v for p in collapsed for v in p.collapsed})
    names, names_en = "、".join(f"{v}年格式" for v in split), " and ".join(split)
    labels = [f"表{table_of(result, p.table).number}“{table_of(result, p.table).row(p.row).label}”" for p in collapsed]
    counts = {len(parts) for p in collapsed for parts in p.collapsed.values()}
    count = counts.pop() if len(counts) == 1 else 0
    number, number_en = _NUMERALS.get(count, ("多", "several"))
    return _note(
        "AGG.OTHER_COLLAPSED",
        f"{result.name}年格式与{names}混合汇总：{'、'.join(labels)}按一行汇总（{names}为{number}个分项之和），"
        "分项合计见 other_breakdown",
        f"{result.name} and {names_en} reports mixed: {', '.join(labels).replace('“', ' ').replace('”', '')} is "
        f"summed as one row (the {names_en} reports' {number_en} sub-rows added up); the sub-row sums are kept in "
        "other_breakdown",
    )


def _other_breakdown(collapsed: Sequence[RowPlan], inputs: Sequence[Report], blank_policy: BlankPolicy) -> Table3:
    """The sums of the rows that some inputs' formats give separately and the result sums as one."""
    versions = {v for p in collapsed for v in p.collapsed}
    spec = format_spec(min(versions))
    entries = (
        (p.table, table_of(spec, p.table).row(key), dict.fromkeys(versions, (key,)))
        for p in collapsed
        for key in dict.fromkeys(k for parts in p.collapsed.values() for k in parts)
    )
    plan = plan_rows(entries)
    reports = [r for r in inputs if r.format_version in versions]
    tables, _ = _build(spec, plan, add_up(reports, plan), len(reports), blank_policy)
    table3 = tables.get("table3")
    return table3 if isinstance(table3, Table3) else Table3()


def _build(
    spec: FormatSpec,
    plan: Sequence[RowPlan], sums: Sums, n_inputs: int, blank_policy: BlankPolicy
) -> tuple[dict[str, Table], tuple[CellCompleteness, ...]]:
    """Turn the raw totals into tables and the per-cell completeness record."""
    by_cell: dict[int, dict[GapReason, set[int]]] = {}
    for index, i, reason in sums.gaps:
        by_cell.setdefault(index, {}).setdefault(reason, set()).add(i)
    rows: dict[str, dict[str, Row | None]] = {}
    completeness: list[CellCompleteness] = []
    for p in plan:
        cells: dict[str, Cell] = {}
        for j, column in enumerate(p.columns):
            index = p.base + j
            gaps = by_cell.get(index, {})
            header_unit = next((u for k, u in p.money if k == j), None)
            units = sorted(sums.units.get(index, ()), key=lambda u: u or "")
            unit_mismatch = len(units) > 1
            gap_inputs = set().union(*gaps.values()) if gaps else set()
            known = n_inputs - len(gap_inputs)
            cells[column] = _cell(sums.totals[index], gaps, known, blank_policy, units, header_unit, unit_mismatch)
            if (gaps or unit_mismatch) and sums.rows_present[p.index]:
                completeness.append(CellCompleteness(
                    key=CellKey(p.table, p.row, column),
                    known=known,
                    known_sum=sums.totals[index],
                    blank=tuple(sorted(gaps.get(GapReason.BLANK, ()))),
                    not_applicable=tuple(sorted(gaps.get(GapReason.NOT_APPLICABLE, ()))),
                    text=tuple(sorted(gaps.get(GapReason.TEXT, ()))),
                    missing=tuple(sorted(gaps.get(GapReason.MISSING, ()))),
                    units=tuple(units) if unit_mismatch else (),
                ))
        table_rows = rows.setdefault(p.table, {})
        row_type = spec.table_class(p.table).row_types[p.row]
        table_rows[p.row] = row_type.from_values(cells) if sums.rows_present[p.index] else None
    tables = {
        name: spec.table_class(name).from_rows(table_rows)
        for name, table_rows in rows.items()
        if any(row is not None for row in table_rows.values())
    }
    return tables, tuple(completeness)


def _cell(
    total: Number,
    gaps: dict[GapReason, set[int]],
    known: int,
    blank_policy: BlankPolicy,
    units: list[str | None],
    header_unit: str | None,
    unit_mismatch: bool,
) -> Cell:
    counted = not gaps or (blank_policy is BlankPolicy.ZERO and set(gaps) == {GapReason.BLANK})
    if counted and not unit_mismatch:
        unit = units[0] if units else None
        unit = unit if unit and unit != header_unit else None
        return Cell.of(total, raw=f"{total}{unit or ''}", unit=unit)
    if known == 0 and not unit_mismatch and len(gaps) == 1:
        if GapReason.NOT_APPLICABLE in gaps:
            return Cell.not_applicable()
        if GapReason.BLANK in gaps:
            return Cell.blank()
    return Cell.blank() if blank_policy is BlankPolicy.UNKNOWN else Cell.text(UNKNOWN_SUM)
