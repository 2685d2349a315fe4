"""JSON round trips per second on generated reports (plain script; no timing assertions anywhere).

    .venv/bin/python benchmarks/bench_json.py [--reports N] [--seed S]

Prints, for each format, dumps/s, loads/s and full round trips/s (dumps + loads) over N reports drawn by
:func:`gov_disclosure.testing.random_report`, the compact (``indent=None``) variant, and the ratio of
loads to dumps time.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable, Sequence

from gov_disclosure.model.report import Report
from gov_disclosure.model.versions import FORMAT_VERSIONS
from gov_disclosure.serializers.json import dumps, loads
from gov_disclosure.testing import random_report


def _rate(count: int, run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return count / (time.perf_counter() - start)


def bench(reports: Sequence[Report], indent: int | None) -> tuple[float, float, float]:
    """``(dumps/s, loads/s, round trips/s)`` over *reports*."""
    texts = [dumps(r, indent=indent) for r in reports]  # warm the converter's generated hooks
    dump_rate = _rate(len(reports), lambda: [dumps(r, indent=indent) for r in reports])
    load_rate = _rate(len(texts), lambda: [loads(t) for t in texts])
    trip_rate = _rate(len(reports), lambda: [loads(dumps(r, indent=indent)) for r in reports])
    return dump_rate, load_rate, trip_rate


def main(argv: Sequence[str] | None = None) -> None:
    """Run the benchmark and print one line per format and indentation."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=500)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    print(f"JSON round trips on {args.reports} generated reports per format (seed {args.seed})")
    for version in FORMAT_VERSIONS:
        reports = [random_report(rng, version) for _ in range(args.reports)]
        for indent in (2, None):
            dump_rate, load_rate, trip_rate = bench(reports, indent)
            label = "indented" if indent else "compact "
            print(
                f"format {version} {label}: dumps {dump_rate:8.0f}/s  loads {load_rate:8.0f}/s  "
                f"round trips {trip_rate:8.0f}/s  (loads takes {dump_rate / load_rate:.1f}x dumps' time)"
            )


if __name__ == "__main__":
    main()
