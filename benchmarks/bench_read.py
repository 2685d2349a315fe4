#!/usr/bin/env python3
"""Throughput of reading + validating report text, beside a plain baseline (read and NFKC-normalise the same texts).

    .venv/bin/python benchmarks/bench_read.py

Prints reports/s for the seeds (../shared/seeds, when present) and for rendered reports, and the ratio to the
baseline. Target (issue 4): at least 1,000 reports/s per core on seed-sized text.
"""

from __future__ import annotations

import random
import time
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path

from gov_disclosure.loader import read_text
from gov_disclosure.render import Damage, render_text
from gov_disclosure.testing import random_report

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


def _rate(texts: Sequence[str], work: Callable[[str], object], rounds: int) -> float:
    start = time.perf_counter()
    for _ in range(rounds):
        for text in texts:
            work(text)
    return rounds * len(texts) / (time.perf_counter() - start)


def _baseline(text: str) -> object:
    return unicodedata.normalize("NFKC", text)


def main() -> None:
    """Run both corpora and print reports/s and the ratio to the baseline."""
    corpora: dict[str, list[str]] = {}
    if SEEDS.is_dir():
        corpora["seeds"] = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    rng = random.Random(0)
    corpora["rendered"] = [
        render_text(random_report(rng, None), damage=Damage(seed=i, separator=("tab", "space")[i % 2]))
        for i in range(20)
    ]
    for name, texts in corpora.items():
        for text in texts:
            read_text(text)  # warm caches
        base = _rate(texts, _baseline, 200)
        full = _rate(texts, read_text, 5)
        print(f"{name:9s} read+validate {full:8.0f} reports/s · baseline {base:9.0f} reports/s", end=" · ")
        print(f"ratio {full / base:.4f}")


if __name__ == "__main__":
    main()
