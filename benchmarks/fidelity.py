#!/usr/bin/env python3
"""How faithfully real reports are read: every truth file's cells, per file and per form.

    .venv/bin/python benchmarks/fidelity.py [FOLDER ...] [--cells]

Reads every ``*.truth.json`` under ``../shared/real`` beside the checkout (and under each FOLDER given, in the same
truth format: :mod:`gov_disclosure.testing.truth`) together with its report, in every form of
:func:`gov_disclosure.testing.forms.report_forms` (the file itself; for a PDF also its text by pypdf, pdfplumber
plain and ``layout=True``, and pdfminer.six), and prints per file and form the cells that are correct / flagged /
wrong / guessed (a number returned for a cell the text cannot fix) and whether every source error of the truth file
was reported. ``--cells`` lists every cell not read right.

Exits 1 when any cell is wrong or guessed (the promise: a number returned is the number printed), or left without a
number by no finding naming it (the promise: a cell not read with certainty is flagged); 0 otherwise — flagged
cells and unreported source errors are shown but are what remains to read, not broken promises.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from gov_disclosure.testing.forms import report_forms
from gov_disclosure.testing.truth import Comparison, Tally, Truth, Verdict, compare, truth_files

DEFAULT_FOLDER = Path(__file__).resolve().parents[1].parent / "shared" / "real"
"""``../shared/real`` beside the checkout."""


def _row(name: str, tally: Tally, decidable: int, errors: str, seconds: float | None = None) -> str:
    read = f"{tally.correct / decidable:6.1%}" if decidable else "     –"
    timing = f"{seconds:6.2f}s" if seconds is not None else ""
    return (
        f"{name:<58} {tally.correct:>7} {tally.flagged:>7} {tally.wrong:>5} {tally.guessed:>7}  {read}"
        f"  {errors:<9}{timing}"
    )


def _errors(comparison: Comparison) -> str:
    checked = [check for check in comparison.source_errors if check.reported is not None]
    if not checked:
        return "–"
    return f"{sum(bool(check.reported) for check in checked)}/{len(checked)}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1] if __doc__ else None)
    parser.add_argument("folders", nargs="*", type=Path, help="more folders of truth files")
    parser.add_argument("--cells", action="store_true", help="list every cell not read right")
    args = parser.parse_args(argv)
    folders = [DEFAULT_FOLDER, *args.folders] if DEFAULT_FOLDER.is_dir() else list(args.folders)
    paths = truth_files(*folders)
    if not paths:
        print(f"no truth files under {', '.join(map(str, folders)) or DEFAULT_FOLDER}", file=sys.stderr)
        return 2
    print(f"{'file:form':<58} {'correct':>7} {'flagged':>7} {'wrong':>5} {'guessed':>7}  {'read':>6}  src.err")
    print("(read: correct cells of those the text fixes; src.err: source errors reported / listed)")
    total, decidable, silent = Tally(), 0, 0
    for path in paths:
        truth = Truth.load(path)
        report = truth.report_path()
        if report is None:
            print(f"{truth.name}: no report file beside {path.name}", file=sys.stderr)
            continue
        for form in report_forms(report):
            start = time.perf_counter()
            result = form.read()
            seconds = time.perf_counter() - start
            comparison = compare(truth, result.report, result.findings)
            total, decidable = total + comparison.tally, decidable + truth.decidable
            print(_row(str(form), comparison.tally, truth.decidable, _errors(comparison), seconds))
            silent += len(comparison.silent)
            if comparison.silent:
                print(f"    {len(comparison.silent)} cells without a number and without a finding naming them")
            if args.cells:
                for cell in comparison.cells:
                    if cell.verdict is not Verdict.CORRECT:
                        print(f"    {cell.verdict.value:<8} {cell.key}: printed {cell.expected}, read {cell.got}")
                for entry in comparison.unreported:
                    print(f"    unreported source error: {entry}")
    print(_row("all", total, decidable, ""))
    return 1 if total.wrong or total.guessed or silent else 0


if __name__ == "__main__":
    sys.exit(main())
