"""aggregate() throughput: sum 100,000 generated reports (plain script; no timing assertions anywhere).

    .venv/bin/python benchmarks/bench_aggregate.py [--reports N] [--pool P] [--seed S]

Reports come from :func:`gov_disclosure.testing.random_report`. Generating them costs far more than summing
them, so the script draws a pool of P distinct reports (timed separately) and aggregates N inputs taken from the
pool in turn — aggregation does no caching, so every input is summed in full. ``--pool N`` makes every input
distinct. Prints the time and reports/s for each format, for a 2019+2021 mix (表三 and 表四 only), and for a
series of inputs with blank cells (which fill the completeness record).
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Sequence

from gov_disclosure.aggregation import aggregate
from gov_disclosure.model.cells import Cell
from gov_disclosure.model.report import Report
from gov_disclosure.registry import BlankPolicy
from gov_disclosure.testing import random_report


def _inputs(pool: Sequence[Report], count: int) -> list[Report]:
    return [pool[i % len(pool)] for i in range(count)]


def _time(label: str, reports: Sequence[Report], **options: object) -> float:
    start = time.perf_counter()
    result = aggregate(reports, **options)  # type: ignore[arg-type]
    elapsed = time.perf_counter() - start
    gaps = len(result.completeness.cells)
    print(f"{label:<34} {len(reports):>8} reports  {elapsed:7.3f} s  {len(reports) / elapsed:>10,.0f} reports/s"
          f"  ({gaps} incomplete cells)")
    return elapsed


def main(argv: Sequence[str] | None = None) -> None:
    """Run the benchmark and print one line per case."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=100_000, help="inputs per aggregation (default 100000)")
    parser.add_argument("--pool", type=int, default=2_000, help="distinct generated reports (default 2000)")
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)

    start = time.perf_counter()
    pools = {version: [random_report(rng, version) for _ in range(args.pool)] for version in ("2021", "2019")}
    generated = time.perf_counter() - start
    print(f"generated {2 * args.pool} reports in {generated:.2f} s ({2 * args.pool / generated:,.0f} reports/s)")

    base = _time("2021, blank policy unknown", _inputs(pools["2021"], args.reports))
    _time("2021, blank policy zero", _inputs(pools["2021"], args.reports), blank_policy=BlankPolicy.ZERO)
    _time("2019 (in-cell money units)", _inputs(pools["2019"], args.reports))
    mixed = [r for pair in zip(pools["2019"], pools["2021"], strict=True) for r in pair]
    _time("2019 + 2021 mixed, no 表二", _inputs(mixed, args.reports), include_table2=False)
    blanked = [
        r.with_cell("table4.review.other", Cell.blank()) if i % 10 == 0 else r for i, r in enumerate(pools["2021"])
    ]
    gaps = _time("2021, every 10th with a blank", _inputs(blanked, args.reports))
    print(f"ratio with blanks / without: {gaps / base:.2f}")


if __name__ == "__main__":
    main()
