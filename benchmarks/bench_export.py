"""XLSX export: seconds for one report and for many in one workbook, and the cost per report as a ratio.

    .venv/bin/python benchmarks/bench_export.py [--reports 100] [--seed 2024] [--repeat 3]

Reports are drawn by :func:`gov_disclosure.testing.random_report` (both formats, half of them with a misprinted
cell, so the findings highlight cells and fill the findings sheet); each is read back from its text by
:func:`gov_disclosure.read_text` to have its findings, as ``gov-disclosure export`` has them. The timing covers
building and saving the workbook (:func:`~gov_disclosure.serializers.xlsx.to_xlsx` with findings), best of
``--repeat`` runs, in CPU seconds of this process (the machines are shared: wall time measures the neighbours too)
and in wall seconds. The target is a flat cost per report: the ratio per report of N reports to one near 1.
Issue 15 measured 81 s for 55 reports before the layout's styles and merged ranges were made once per workbook.
"""

from __future__ import annotations

import argparse
import io
import random
import time
from collections.abc import Sequence

import gov_disclosure as gd
from gov_disclosure.findings import Finding
from gov_disclosure.model import Cell, CellKey
from gov_disclosure.model.report import Report
from gov_disclosure.render import render_text
from gov_disclosure.serializers.xlsx import to_xlsx
from gov_disclosure.testing import random_report

_MISPRINTED = CellKey("table3", "total_processed", "total")


def _reports(count: int, seed: int) -> tuple[list[Report], list[tuple[Finding, ...]]]:
    rng = random.Random(seed)
    reports, findings = [], []
    for index in range(count):
        report = random_report(rng, "2021" if index % 2 else "2019")
        total = report.cell(_MISPRINTED)
        if index % 2 == 0 and total is not None and total.value is not None:  # an identity fails, a culprit named
            report = report.with_cell(_MISPRINTED, Cell.of(total.value + 7))
        result = gd.read_text(render_text(report))
        reports.append(result.report)
        findings.append(result.findings)
    return reports, findings


def _seconds(
    reports: Sequence[Report], findings: Sequence[tuple[Finding, ...]], repeat: int
) -> tuple[float, float]:
    """``(CPU seconds, wall seconds)`` of the fastest of *repeat* exports."""
    best = (float("inf"), float("inf"))
    for _ in range(repeat):
        cpu, wall = time.process_time(), time.perf_counter()
        to_xlsx(reports, io.BytesIO(), findings=findings)
        best = min(best, (time.process_time() - cpu, time.perf_counter() - wall))
    return best


def main(argv: Sequence[str] | None = None) -> None:
    """Run the benchmark and print the seconds for 1 and N reports and the ratio per report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=100)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    reports, findings = _reports(args.reports, args.seed)
    highlighted = sum(1 for f in findings for finding in f if finding.cells)
    print(f"XLSX export of generated reports (seed {args.seed}; {highlighted} findings naming cells)")
    _seconds(reports[:1], findings[:1], 1)  # warm imports and caches
    singles = [_seconds([r], [f], args.repeat) for r, f in zip(reports[:4], findings[:4], strict=True)]
    one = sum(cpu for cpu, _ in singles) / len(singles), sum(wall for _, wall in singles) / len(singles)
    many = _seconds(reports, findings, args.repeat)
    per_report = many[0] / len(reports)
    print(f"  1 report (mean of 4): {one[0]:7.3f} s CPU  {one[1]:7.3f} s wall")
    label = f"{len(reports)} reports:"
    print(f"  {label:21} {many[0]:7.3f} s CPU  {many[1]:7.3f} s wall  ({per_report:.3f} s CPU per report)")
    print(f"  per-report cost, {len(reports)} vs 1: {per_report / one[0]:.2f}x (target: flat, near 1)")


if __name__ == "__main__":
    main()
