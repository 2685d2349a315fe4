#!/usr/bin/env python3
"""Every single damage of the real reports' texts, judged by the fuzz oracle, on all cores.

    .venv/bin/python scripts/sweep.py [--shared ../shared] [--workers N] [--lines-only]

For each real report with a truth file (a PDF as the text of pypdf, pdfplumber and pdfminer), reads every text of
:func:`gov_disclosure.testing.fuzz.sweep.single_damages` — each line deleted, each two adjacent lines joined, a line
break at every place of the tables — and prints how many were read and each damage after which a number read is not
the one printed, or a cell is left without a value and unflagged (the oracle's faults). Exits 1 when any is found.
``tests/test_fuzz.py`` sweeps the line damages of the tables; this script adds the line breaks (about ten thousand
readings in all: a minute or two of CPU).
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
from gov_disclosure.testing.fuzz.sweep import single_damages

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def _sweep(subject: Subject, lines_only: bool) -> tuple[int, list[str]]:
    """How many damaged texts of *subject* were read, and what went wrong after which damage."""
    read, failures = 0, []
    for what, text in single_damages(subject.text, breaks=not lines_only):
        read += 1
        try:
            faults = [str(f) for f in judge(subject.expectation, subject.read(text), changes_truth=False).faults]
        except Exception as error:  # a crash is a failure to report, not a reason to stop the sweep
            faults = [f"crash: {type(error).__name__}: {error}"]
        if faults:
            failures.append(f"{subject.name}: {what}: {'; '.join(faults[:2])}")
    return read, failures


def main(argv: Sequence[str] | None = None) -> int:
    """Sweep every real report and print the failures; 1 when there are any."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED, help="../shared (real reports with truth files)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--lines-only", action="store_true", help="no line breaks inside the tables")
    args = parser.parse_args(argv)
    subjects = real_subjects(args.shared / "real")
    total, failures = 0, []
    with concurrent.futures.ProcessPoolExecutor(args.workers) as pool:
        for subject, (read, failed) in zip(
            subjects, pool.map(_sweep, subjects, [args.lines_only] * len(subjects)), strict=True
        ):
            print(f"{subject.name}: {read} damaged texts, {len(failed)} failing")
            total += read
            failures.extend(failed)
    print(*failures, sep="\n")
    print(f"{total} damaged texts read, {len(failures)} failing")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
