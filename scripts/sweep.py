#!/usr/bin/env python3
"""Every single damage of the real reports' texts, judged by the fuzz oracle, on all cores.

    .venv/bin/python scripts/sweep.py [--shared ../shared] [--workers N] [--lines-only | --pairs]

For each real report with a truth file (a PDF as the text of pypdf, pdfplumber and pdfminer), reads every text of
:func:`gov_disclosure.testing.fuzz.sweep.single_damages` — each line deleted, each two adjacent lines joined, a line
break at every place of the tables — and prints how many were read and each damage after which a number read is not
the one printed, or a cell is left without a value and unflagged (the oracle's faults). Exits 1 when any is found.
``tests/test_fuzz.py`` sweeps the line damages of the tables; this script adds the line breaks (about ten thousand
readings in all: a minute or two of CPU). ``--pairs`` makes two damages instead: every two lines of the tables
deleted together, and every number cut in two with every other line deleted
(:func:`gov_disclosure.testing.fuzz.sweep.pair_damages`: two damages that cancel in a count; about 100,000 readings,
half an hour of CPU).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from gov_disclosure.testing.fuzz.oracle import judge
from gov_disclosure.testing.fuzz.subjects import Subject, real_subjects
from gov_disclosure.testing.fuzz.sweep import pair_damages, single_damages

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def _sweep(subject: Subject, kind: str, share: tuple[int, int]) -> tuple[int, list[str]]:
    """How many damaged texts of *subject* were read, and what went wrong after which damage: *kind* ``lines``,
    ``all`` (lines and breaks, :func:`single_damages`) or ``pairs`` (:func:`pair_damages`, the *share* of
    them)."""
    read, failures = 0, []
    if kind == "pairs":
        damages = pair_damages(subject.text, share=share)
    else:
        damages = single_damages(subject.text, breaks=kind == "all")
    for what, text in damages:
        read += 1
        try:
            faults = [str(f) for f in judge(subject.expectation, subject.read(text), changes_truth=False).faults]
        except Exception as error:  # a crash is a failure to report, not a reason to stop the sweep
            faults = [f"crash: {type(error).__name__}: {error}"]
        if faults:
            failures.append(f"{subject.name}: {what}: {'; '.join(faults[:2])}")
    return read, failures


def _tasks(subjects: Sequence[Subject], kind: str, shares: int) -> list[tuple[Subject, tuple[int, int]]]:
    """The work in pieces: one per subject, or for pairs *shares* alike shares per subject."""
    if kind != "pairs":
        return [(subject, (0, 1)) for subject in subjects]
    return [(subject, (k, shares)) for subject in subjects for k in range(shares)]


def main(argv: Sequence[str] | None = None) -> int:
    """Sweep every real report and print the failures; 1 when there are any."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED, help="../shared (real reports with truth files)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    kinds = parser.add_mutually_exclusive_group()
    kinds.add_argument("--lines-only", action="store_true", help="no line breaks inside the tables")
    kinds.add_argument("--pairs", action="store_true", help="two damages of the tables at once")
    args = parser.parse_args(argv)
    kind = "pairs" if args.pairs else "lines" if args.lines_only else "all"
    tasks = _tasks(real_subjects(args.shared / "real"), kind, shares=4 * args.workers)
    total, failures, counts = 0, [], dict.fromkeys((subject.name for subject, _ in tasks), 0)
    with concurrent.futures.ProcessPoolExecutor(args.workers) as pool:
        done = pool.map(_sweep, [s for s, _ in tasks], [kind] * len(tasks), [share for _, share in tasks])
        for (subject, _), (read, failed) in zip(tasks, done, strict=True):
            counts[subject.name] += read
            total += read
            failures.extend(failed)
    for name, read in counts.items():
        print(f"{name}: {read} damaged texts, {sum(f.startswith(name + ':') for f in failures)} failing")
    print(*failures, sep="\n")
    print(f"{total} damaged texts read, {len(failures)} failing")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
