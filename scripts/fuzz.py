#!/usr/bin/env python3
"""The fuzzing campaign (issue 13) on all cores: damaged real and rendered reports, and hostile files.

Every input is read in a worker process with a per-input time limit (``SIGALRM``) and an address-space cap; the
worker's peak resident size is measured with :mod:`resource`. Mutated inputs are judged by the oracle of
:mod:`gov_disclosure.testing.fuzz` against the truth files of ``../shared/real`` or the generated report; each
hostile file (:data:`~gov_disclosure.testing.fuzz.hostile.HOSTILE`) is read once in a fresh process. Failing inputs
are minimised (greedy line and character deletion while the failure persists) and written, with what happened, to
the output folder. The summary table is printed and, with ``--summary``, written as markdown.

    .venv/bin/python scripts/fuzz.py --inputs 3000 --out /tmp/fuzz --summary benchmarks/results/fuzz-DATE.md
"""

from __future__ import annotations

import argparse
import collections
import concurrent.futures
import datetime
import itertools
import json
import multiprocessing
import os
import platform
import random
import resource
import signal
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from types import FrameType
from typing import Any

from attrs import asdict, frozen

from gov_disclosure.loader import read_bytes
from gov_disclosure.testing.fuzz.hostile import HOSTILE, XXE_MARK
from gov_disclosure.testing.fuzz.minimise import minimise
from gov_disclosure.testing.fuzz.operators import deletable
from gov_disclosure.testing.fuzz.oracle import Fault, Judgement, Problem, is_crash, judge_read
from gov_disclosure.testing.fuzz.subjects import RENDERED_FORMS, Subject, fuzz_case, real_subjects, rendered_subject

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SLOW_SECONDS = 2.0
LARGE_MB = 500.0
XXE_FILE = Path("/tmp/gov-disclosure-xxe.txt")
COLUMNS = ("inputs", "crash", "wrong", "invented", "unflagged", "slow", "large")


class Hang(BaseException):
    """Raised in a worker by SIGALRM when an input takes longer than the time limit (a ``BaseException``, so the
    library's own ``except Exception`` wrappers let it through)."""


@frozen
class Outcome:
    """One input's run: where it came from, what was done, what went wrong, time and peak memory."""

    index: int
    source: str
    """``mutation`` or ``hostile``."""
    subject: str
    form: str
    changes_truth: bool
    operators: tuple[str, ...]
    details: tuple[str, ...]
    faults: tuple[str, ...]
    problems: tuple[str, ...]
    seconds: float
    rss_mb: float
    text: str | None = None
    refused: str | None = None
    printed: str | None = None
    """The number printed in the cell of the first fault, when it is a wrong number."""


# --- worker side ---------------------------------------------------------------------------------------------------

_SUBJECTS: list[Subject] = []
"""The real subjects, read once per worker process by :func:`_start_worker`."""


def _start_worker(shared: str, memory_mb: int) -> None:
    if memory_mb:
        limit = memory_mb * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    signal.signal(signal.SIGALRM, _alarm)
    folder = Path(shared) / "real"
    if folder.is_dir():
        _SUBJECTS.extend(real_subjects(folder))


def _alarm(_signum: int, _frame: FrameType | None) -> None:
    raise Hang


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _problems(judgement: Judgement, seconds: float, rss: float) -> tuple[str, ...]:
    found = {fault.problem.value for fault in judgement.faults}
    if seconds > SLOW_SECONDS:
        found.add(Problem.SLOW.value)
    if rss > LARGE_MB:
        found.add(Problem.LARGE.value)
    return tuple(sorted(found))


def _timed(timeout: int, run: Any) -> tuple[Judgement, float]:
    """*run*'s judgement and the CPU time it took (of this process: what the input costs, whatever else the machine
    runs); it counts as a hang after *timeout* seconds of wall time."""
    start = time.process_time()
    signal.alarm(timeout)
    try:
        judgement: Judgement = run()
    except Hang:
        judgement = Judgement((Fault(Problem.SLOW, None, f"no answer within {timeout} s"),))
    except MemoryError:
        judgement = Judgement((Fault(Problem.LARGE, None, "MemoryError: the address-space cap was reached"),))
    finally:
        signal.alarm(0)
    return judgement, time.process_time() - start


def _subject(rng: random.Random) -> Subject:
    """A real subject (half the time, when there are any) or a generated report rendered in a random form."""
    if _SUBJECTS and rng.random() < 0.5:
        return rng.choice(_SUBJECTS)
    form = rng.choice(RENDERED_FORMS)
    return rendered_subject(rng, form)


def mutation_input(index: int, seed: int, changing_share: float, timeout: int) -> Outcome:
    """Damage one subject (real or rendered, drawn from the seed), read it, judge it."""
    rng = random.Random(seed * 1_000_003 + index)
    subject = _subject(rng)
    changes_truth = rng.random() < changing_share
    holder: list[Any] = []

    def run() -> Judgement:
        case = fuzz_case(subject, rng, changes_truth=changes_truth, donors=_SUBJECTS)
        holder.append(case)
        return case.judgement

    judgement, seconds = _timed(timeout, run)
    case = holder[0] if holder else None
    rss = _rss_mb()
    return Outcome(
        index=index,
        source="mutation",
        subject=subject.name,
        form=subject.form,
        changes_truth=changes_truth,
        operators=tuple(m.operator for m in case.mutations) if case else (),
        details=tuple(m.detail for m in case.mutations) if case else (),
        faults=tuple(str(f) for f in judgement.faults),
        problems=_problems(judgement, seconds, rss),
        seconds=seconds,
        rss_mb=rss,
        text=case.text if case and (judgement.faults or seconds > SLOW_SECONDS) else None,
        refused=judgement.refused,
        printed=str(judgement.faults[0].printed)
        if judgement.faults and judgement.faults[0].printed is not None
        else None,
    )


def hostile_input(index: int, name: str, timeout: int) -> Outcome:
    """Read one hostile file (in a fresh process: the peak resident size is the file's)."""
    hostile = HOSTILE[name]()

    def run() -> Judgement:
        try:
            result = read_bytes(hostile.data, name=hostile.name)
        except Exception as error:  # the verdict: a typed error is a refusal, any other a crash
            said = f"{type(error).__name__}: {str(error)[:300]}"
            if is_crash(error):
                return Judgement((Fault(Problem.CRASH, None, said),))
            return Judgement(refused=said)
        said = repr(result)
        faults = []
        if XXE_MARK in said:
            faults.append(Fault(Problem.WRONG, None, "the external entity's file reached the report (XXE)"))
        if name == "xlsx-formula" and not any("formula" in f"{f.code} {f.message_en}".lower() for f in result.findings):
            faults.append(Fault(Problem.UNFLAGGED, None, "cells holding formulas were read with no finding"))
        return Judgement(tuple(faults), refused=None)

    judgement, seconds = _timed(timeout, run)
    rss = _rss_mb()
    return Outcome(
        index=index,
        source="hostile",
        subject=name,
        form=Path(hostile.name).suffix.lstrip("."),
        changes_truth=False,
        operators=(),
        details=(),
        faults=tuple(str(f) for f in judgement.faults),
        problems=_problems(judgement, seconds, rss),
        seconds=seconds,
        rss_mb=rss,
        refused=judgement.refused,
    )


def minimised(outcome: Outcome, seed: int, timeout: int, budget: int) -> str:
    """The outcome's input, reduced while its first fault (same kind, same cell) persists."""
    assert outcome.text is not None
    subject = _subject(random.Random(seed * 1_000_003 + outcome.index))  # the same subject again
    wanted = outcome.faults[0].split(":")[0] if outcome.faults else ""
    printed = "".join(outcome.printed.split()) if outcome.printed else None

    def fails(text: str) -> bool:
        if printed is not None and printed not in "".join(text.split()):
            return False  # the number printed is cut away: the reproducer would no longer print the truth
        judgement, _ = _timed(
            timeout,
            lambda: judge_read(subject.expectation, lambda: subject.read(text), changes_truth=outcome.changes_truth),
        )
        return any(str(f).split(":")[0] == wanted for f in judgement.faults)

    keep = None if outcome.changes_truth else deletable
    return minimise(outcome.text, fails, budget=budget, deletable=keep)


# --- parent side ---------------------------------------------------------------------------------------------------


def _pool(workers: int, shared: Path, memory_mb: int) -> concurrent.futures.ProcessPoolExecutor:
    """Worker processes that read the real subjects once."""
    return concurrent.futures.ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_start_worker,
        initargs=(str(shared), memory_mb),
    )


def _hostile_outcomes(workers: int, shared: Path, memory_mb: int, timeout: int) -> list[Outcome]:
    """Every hostile file read in a fresh process of its own (its peak RSS is the file's)."""
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, _start_worker, (str(shared), memory_mb), maxtasksperchild=1) as pool:
        waiting = [pool.apply_async(hostile_input, (-i - 1, name, timeout)) for i, name in enumerate(HOSTILE)]
        return [w.get() for w in waiting]


def _signature(outcome: Outcome) -> str:
    """The mechanism key a failure is grouped by: its problems, the subject's kind and the operators."""
    subject = outcome.subject.split("[")[0]
    ops = "+".join(sorted(set(outcome.operators))) or outcome.source
    return f"{'/'.join(outcome.problems)} | {subject} | {ops}"


def tally(outcomes: Sequence[Outcome], key: Any) -> dict[str, collections.Counter[str]]:
    """Per group (*key* of an outcome): inputs, and inputs with each problem."""
    table: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for outcome in outcomes:
        row = table[key(outcome)]
        row["inputs"] += 1
        for problem in outcome.problems:
            row[problem] += 1
    return dict(table)


def summary_table(outcomes: Sequence[Outcome]) -> str:
    """The markdown summary: per input kind, the inputs and the inputs with each problem."""

    def kind(o: Outcome) -> str:
        if o.source == "hostile":
            return "hostile files"
        return f"{'truth-changing' if o.changes_truth else 'truth-preserving'}, {o.subject.split('[')[0]}"

    rows = tally(outcomes, kind)
    total: collections.Counter[str] = collections.Counter()
    for row in rows.values():
        total.update(row)
    lines = ["| inputs | " + " | ".join(COLUMNS) + " |", "|---|" + "---:|" * len(COLUMNS)]
    for name in sorted(rows):
        lines.append(f"| {name} | " + " | ".join(str(rows[name][c]) for c in COLUMNS) + " |")
    lines.append("| **all** | " + " | ".join(f"**{total[c]}**" for c in COLUMNS) + " |")
    return "\n".join(lines)


def _write_reproducer(out: Path, number: int, outcome: Outcome, text: str | None) -> Path:
    stem = f"{number:03d}-{'-'.join(outcome.problems)}-{outcome.subject.split('[')[0]}"
    extension = {"html": ".html", "markdown": ".md"}.get(outcome.form, ".txt")
    if text is not None:
        (out / f"{stem}{extension}").write_text(text, encoding="utf-8")
    record = asdict(outcome)
    record.pop("text")
    (out / f"{stem}.json").write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
    return out / stem


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--inputs", type=int, default=2000, help="mutated inputs (default 2000)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--timeout", type=int, default=20, help="seconds per input before it counts as a hang")
    parser.add_argument("--memory-mb", type=int, default=2048, help="address-space cap per worker (0: none)")
    parser.add_argument("--changing-share", type=float, default=0.25, help="share of truth-changing damage")
    parser.add_argument("--no-hostile", action="store_true", help="leave the hostile files out")
    parser.add_argument("--shared", type=Path, default=SHARED, help="../shared (real reports with truth files)")
    parser.add_argument("--out", type=Path, default=Path("fuzz-out"), help="folder for minimised reproducers")
    parser.add_argument("--per-mechanism", type=int, default=2, help="reproducers minimised per mechanism")
    parser.add_argument("--minimise-budget", type=int, default=400, help="reads per minimisation")
    parser.add_argument("--summary", type=Path, help="write the summary as markdown here")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    XXE_FILE.write_text(XXE_MARK, encoding="utf-8")
    started = time.perf_counter()
    outcomes: list[Outcome] = []
    with _pool(args.workers, args.shared, args.memory_mb) as pool:
        indexes = range(args.inputs)
        repeat = itertools.repeat
        outcomes.extend(
            pool.map(
                mutation_input,
                indexes,
                repeat(args.seed),
                repeat(args.changing_share),
                repeat(args.timeout),
                chunksize=16,
            )
        )
    mutation_seconds = time.perf_counter() - started
    if not args.no_hostile:
        outcomes.extend(_hostile_outcomes(args.workers, args.shared, args.memory_mb, args.timeout))
    failing = [o for o in outcomes if o.problems]
    groups: dict[str, list[Outcome]] = collections.defaultdict(list)
    for outcome in failing:
        groups[_signature(outcome)].append(outcome)
    chosen = [o for group in groups.values() for o in group[: args.per_mechanism]]
    with _pool(args.workers, args.shared, args.memory_mb) as pool:
        work = {
            o.index: pool.submit(minimised, o, args.seed, args.timeout, args.minimise_budget)
            for o in chosen
            if o.text is not None and o.source == "mutation" and "slow" not in o.problems
        }
        for number, outcome in enumerate(chosen):
            text = work[outcome.index].result() if outcome.index in work else outcome.text
            _write_reproducer(args.out, number, outcome, text)
    elapsed = time.perf_counter() - started
    report = _report(outcomes, groups, args, mutation_seconds, elapsed)
    print(report)
    if args.summary:
        args.summary.parent.mkdir(parents=True, exist_ok=True)
        args.summary.write_text(report + "\n", encoding="utf-8")
    return 1 if failing else 0


def _report(
    outcomes: Sequence[Outcome],
    groups: dict[str, list[Outcome]],
    args: argparse.Namespace,
    mutation_seconds: float,
    elapsed: float,
) -> str:
    peak = max((o.rss_mb for o in outcomes), default=0.0)
    slowest = max((o for o in outcomes if o.source == "mutation"), key=lambda o: o.seconds, default=None)
    lines = [
        f"# Fuzzing campaign, {datetime.date.today().isoformat()}",
        "",
        f"`scripts/fuzz.py --inputs {args.inputs} --seed {args.seed} --workers {args.workers}` on "
        f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} cores: "
        f"{args.inputs} mutated inputs in {mutation_seconds:.0f} s "
        f"({args.inputs / max(mutation_seconds, 1e-9):.0f} inputs/s), everything with hostile files and minimisation "
        f"in {elapsed:.0f} s. Columns count *inputs* with each problem; slow = over {SLOW_SECONDS:.0f} s of CPU time, "
        f"large = peak RSS over {LARGE_MB:.0f} MB (per worker process; hostile files each in a fresh process).",
        "",
        summary_table(outcomes),
        "",
        f"Peak RSS {peak:.0f} MB; slowest mutated input "
        + (f"{slowest.seconds:.2f} s ({slowest.subject})." if slowest else "—."),
        "",
        "## Failures by mechanism",
        "",
    ]
    for signature, group in sorted(groups.items(), key=lambda item: -len(item[1])):
        first = group[0]
        lines.append(
            f"- **{signature}** — {len(group)} input(s); e.g. #{first.index}: "
            + "; ".join(first.details[:3])
            + (" → " if first.details else "")
            + "; ".join(first.faults[:3])
        )
    hostile = [o for o in outcomes if o.source == "hostile"]
    if hostile:
        lines += ["", "## Hostile files", "", "| file | outcome | CPU seconds | peak RSS MB |", "|---|---|---:|---:|"]
        for o in hostile:
            said = "; ".join(o.faults) or (f"refused: {o.refused}" if o.refused else "read")
            said = " ".join(said.replace("|", "/").split())[:200]
            lines.append(f"| {o.subject} | {said} | {o.seconds:.2f} | {o.rss_mb:.0f} |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
