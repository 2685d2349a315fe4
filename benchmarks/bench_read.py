#!/usr/bin/env python3
"""Throughput of reading + validating report text, beside a plain baseline (read and NFKC-normalise the same texts).

    .venv/bin/python benchmarks/bench_read.py

Prints reports/s for the seeds (../shared/seeds, when present) and for rendered reports, and the ratio to the
baseline. ``read_text`` is the one road of issue 11 (Document → national adapter → finish: validation, narrative
facts, reconciliation). Targets: at least 1,000 reports/s per core on seed-sized text (issue 4); a ratio on the
seeds of at least ~0.17 (issue 11), which is ~9.5 M instructions per seed read. Pure Python: 10.9 M instructions per
seed read, ratio about 0.137 (2026-12-06; the table reader is ~5.5 M of it). Compiled (`python3 dev.py native`, then
``PYTHONPATH=build/native``; docs: "Performance"): 8.8 M, ratio 0.161–0.175 over three runs. The first line printed
says which build was measured. See ``benchmarks/results/read-2026-12-06-compiled.md`` and CHANGELOG "Benchmarks".

Single core, one process; every text is read afresh each time (nothing is remembered from one report to the
next; only the library's own caches of compiled patterns, label tables and cell texts are warm, as for any user
reading many reports). Rates are per CPU-second of this process (``time.process_time``): per core, whatever else
the machine runs; each is the best of ``--repeat`` timed runs.
"""

from __future__ import annotations

import argparse
import random
import time
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path

from gov_disclosure.compiled import compiled_modules
from gov_disclosure.loader import read_text
from gov_disclosure.render import Damage, render_text
from gov_disclosure.testing import random_report

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


def _rate(texts: Sequence[str], work: Callable[[str], object], rounds: int, repeat: int) -> float:
    """Texts processed per second: the best of *repeat* runs of *rounds* passes over *texts*."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        for _ in range(rounds):
            for text in texts:
                work(text)
        best = min(best, time.process_time() - start)
    return rounds * len(texts) / best


def _baseline(text: str) -> object:
    return unicodedata.normalize("NFKC", text)


def _build() -> str:
    """Which build of the library this process reads with: its modules compiled by mypyc, or pure Python."""
    compiled = compiled_modules()
    if not compiled:
        return "pure Python (no module compiled: `python3 dev.py native`, then PYTHONPATH=build/native)"
    names = ", ".join(name.removeprefix("gov_disclosure.") for name in compiled)
    return f"{len(compiled)} modules compiled by mypyc ({names})"


def main(argv: Sequence[str] | None = None) -> None:
    """Run both corpora and print reports/s and the ratio to the baseline."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10, help="passes over each corpus per timed run")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs; the best one counts")
    args = parser.parse_args(argv)
    corpora: dict[str, list[str]] = {}
    if SEEDS.is_dir():
        corpora["seeds"] = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    rng = random.Random(0)
    corpora["rendered"] = [
        render_text(random_report(rng, None), damage=Damage(seed=i, separator=("tab", "space")[i % 2]))
        for i in range(20)
    ]
    print(f"build: {_build()}")
    for name, texts in corpora.items():
        for text in texts:
            read_text(text)  # warm caches
        base = _rate(texts, _baseline, 20 * args.rounds, args.repeat)
        full = _rate(texts, read_text, args.rounds, args.repeat)
        chars = sum(map(len, texts)) // len(texts)
        print(f"{name:9s} ({len(texts):2d} texts, {chars:5d} chars avg)  read+validate {full:6.0f} reports/s", end="")
        print(f" · baseline {base:6.0f} reports/s · ratio {full / base:.3f}")


if __name__ == "__main__":
    main()
