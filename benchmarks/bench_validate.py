"""validate() throughput on generated reports (plain script; no timing assertions anywhere).

    .venv/bin/python benchmarks/bench_validate.py [--reports N] [--seed S]

Prints reports/s for each format on consistent reports and on reports with one broken cell (which adds the
failing-identity findings and culprit localisation), under both blank policies, and the cost ratio of broken
to consistent reports. Reports come from :func:`gov_disclosure.testing.random_report` and
:func:`gov_disclosure.testing.random_broken_report`. Rates are per CPU-second of this process
(``time.process_time``, so per core whatever else the machine runs), the best of ``--repeat`` timed runs.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Sequence

from gov_disclosure.model.report import Report
from gov_disclosure.model.versions import FORMAT_VERSIONS
from gov_disclosure.registry import BlankPolicy
from gov_disclosure.testing import random_broken_report, random_report
from gov_disclosure.validation import validate


def rate(reports: Sequence[Report], policy: BlankPolicy, repeat: int = 3) -> float:
    """Reports validated per CPU-second: the best of *repeat* runs."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        for report in reports:
            validate(report, blank_policy=policy)
        best = min(best, time.process_time() - start)
    return len(reports) / best


def main(argv: Sequence[str] | None = None) -> None:
    """Run the benchmark and print one line per format and blank policy."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--reports", type=int, default=300)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs; the best one counts")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    print(f"validate() on {args.reports} generated reports per format (seed {args.seed})")
    for version in FORMAT_VERSIONS:
        consistent = [random_report(rng, version) for _ in range(args.reports)]
        broken = [random_broken_report(rng, version).report for _ in range(args.reports)]
        validate(consistent[0])  # warm caches (labels, identities)
        for policy in BlankPolicy:
            ok, bad = rate(consistent, policy, args.repeat), rate(broken, policy, args.repeat)
            print(
                f"format {version} blanks={policy.value:7}: consistent {ok:7.0f} reports/s  "
                f"one broken cell {bad:7.0f} reports/s  (broken costs {ok / bad:.2f}x)"
            )


if __name__ == "__main__":
    main()
