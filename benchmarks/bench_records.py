"""The long format for many reports: records, a Parquet file, next to plain ``csv`` (plain script, no assertions).

    .venv/bin/python benchmarks/bench_records.py [--reports N] [--pool K] [--seed S]

N reports (default 100,000) are taken in turn from a pool of K reports drawn by
:func:`gov_disclosure.testing.random_report` (both formats), streamed (never held as N objects). Each phase runs in
a fresh process, which prints its time and peak RSS:

* ``floor``: the same rows, built straight from the model's cells, written with :mod:`csv` — what any long-format
  export must at least do;
* ``records``: :func:`gov_disclosure.records.records`, consumed;
* ``records csv``: the records written with :mod:`csv`;
* ``parquet``: :func:`gov_disclosure.parquet.write_parquet` (decimal128 money, dictionary-encoded keys).

Times are CPU time of the phase's process (all its threads; a shared machine's load does not count), per report
and as a ratio to the floor; the peak RSS of each phase next to that of a process that
only imported the library and drew the pool (``baseline``).
"""

from __future__ import annotations

import argparse
import csv
import itertools
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from gov_disclosure.model.report import Report
from gov_disclosure.records import extra_row_key, records
from gov_disclosure.testing import random_report

PHASES = ("baseline", "floor", "records", "records csv", "parquet")


def _pool(size: int, seed: int) -> list[Report]:
    rng = random.Random(seed)
    return [random_report(rng) for _ in range(size)]


def _reports(pool: list[Report], count: int) -> Iterator[Report]:
    return itertools.islice(itertools.cycle(pool), count)


def _floor_rows(reports: Iterator[Report]) -> Iterator[tuple[object, ...]]:
    """The records' rows, built straight from the model: the least a long-format export does."""
    for index, report in enumerate(reports):
        source = report.source.path if report.source is not None else None
        head = (index, report.agency, report.report_year, report.format_version, source)
        for spec, table in report.tables():
            for row_key, column_key, cell in table.iter_cells():
                row = spec.row(row_key)
                yield (
                    *head,
                    spec.key,
                    row_key,
                    column_key,
                    spec.title,
                    row.full_label,
                    row.column(column_key).label,
                    cell.value,
                    cell.kind.value,
                    cell.raw,
                    cell.unit,
                    cell.annotation,
                    cell.completed_from,
                    None,
                    None,
                )
            for n, extra in enumerate(getattr(table, "extra_rows", ())):
                for j, cell in enumerate(extra.cells):
                    yield (
                        *head,
                        spec.key,
                        extra_row_key(n),
                        f"[{j}]",
                        spec.title,
                        extra.label,
                        "",
                        cell.value,
                        cell.kind.value,
                        cell.raw,
                        cell.unit,
                        cell.annotation,
                        cell.completed_from,
                        extra.after,
                        None,
                    )


def _run(phase: str, pool: list[Report], count: int, out: Path) -> int:
    """Run *phase* over *count* reports; the number of rows it made."""
    if phase == "baseline":
        return 0
    if phase == "records":
        return sum(1 for _ in records(_reports(pool, count)))
    if phase == "parquet":
        from gov_disclosure.parquet import write_parquet

        return write_parquet(_reports(pool, count), out)
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        if phase == "floor":
            rows: Iterator[Sequence[object]] = _floor_rows(_reports(pool, count))
        else:
            rows = (
                (
                    r.report_index,
                    r.agency,
                    r.report_year,
                    r.format_version,
                    r.source,
                    r.table,
                    r.row_key,
                    r.column_key,
                    r.table_label,
                    r.row_label,
                    r.column_label,
                    r.value,
                    r.kind.value,
                    r.raw,
                    r.unit,
                    r.annotation,
                    r.completed_from,
                    r.after,
                    None if r.severity is None else r.severity.name,
                )
                for r in records(_reports(pool, count))
            )
        made = 0
        for row in rows:
            writer.writerow(row)
            made += 1
        return made


def _child(args: argparse.Namespace) -> None:
    pool = _pool(args.pool, args.seed)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "out"
        start = time.process_time()  # CPU time: what the phase costs, however busy the machine
        rows = _run(args.phase, pool, args.reports, out)
        seconds = time.process_time() - start
        size = out.stat().st_size if out.exists() else 0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"{seconds} {rows} {peak} {size}")


def main(argv: Sequence[str] | None = None) -> None:
    """Run every phase in a fresh process and print a table."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--pool", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--phase", choices=PHASES, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.phase is not None:
        _child(args)
        return
    print(
        f"long format of {args.reports:,} generated reports (a pool of {args.pool:,}, seed {args.seed}), "
        f"CPython {sys.version.split()[0]}, {os.cpu_count()} cores"
    )
    print()
    print("| phase | rows | CPU seconds | µs / report | × floor | peak RSS MB | output MB |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    floor: float | None = None
    for phase in PHASES:
        command = [sys.executable, __file__, "--phase", phase, "--reports", str(args.reports)]
        command += ["--pool", str(args.pool), "--seed", str(args.seed)]
        line = subprocess.run(command, capture_output=True, text=True, check=True).stdout.split()
        seconds, rows, peak, size = float(line[0]), int(line[1]), float(line[2]), int(line[3])
        if phase == "floor":
            floor = seconds
        ratio = f"{seconds / floor:.2f}" if floor and phase != "baseline" else ""
        per_report = f"{seconds / args.reports * 1e6:.0f}" if phase != "baseline" else ""
        print(f"| {phase} | {rows:,} | {seconds:.1f} | {per_report} | {ratio} | {peak:.0f} | {size / 2**20:.1f} |")


if __name__ == "__main__":
    main()
