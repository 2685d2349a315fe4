"""Start-up cost: what ``import gov_disclosure`` loads, and how long the command takes to start (plain script).

    .venv/bin/python benchmarks/bench_startup.py [--runs N] [--top N] [--source DIR]

Every figure comes from fresh interpreters started by this script, with the bytecode cached first (an installed
package has its ``.pyc`` files; a checkout run with ``PYTHONDONTWRITEBYTECODE`` would time the compiler instead):

* a ``python -X importtime`` summary of ``import gov_disclosure`` and of reading one report text: the modules
  with the largest cumulative import time, and which heavy optional dependencies were loaded (none should be);
* the wall time (median of N runs) of ``python -c pass``, ``import gov_disclosure``, ``gov-disclosure --help`` and
  ``gov-disclosure check`` of one report text, and each as a ratio to ``python -c pass`` from the same run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[1] / "src"
HEAVY = ("openpyxl", "lxml", "pypdfium2", "pdfplumber", "pdfminer", "docx", "jinja2", "rich", "PIL", "pandas",
         "pyarrow", "dask")  # fmt: skip
CLI = "import sys; from gov_disclosure.cli import main; sys.argv[0] = 'gov-disclosure'; main()"
"""What the ``gov-disclosure`` console script runs."""


def _environment(source: Path, cache: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(source)
    env["PYTHONPYCACHEPREFIX"] = cache  # bytecode written once, outside the checkout
    return env


def _run(args: Sequence[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], env=env, capture_output=True, text=True, check=False)


def _wall(args: Sequence[str], env: dict[str, str], runs: int) -> float:
    """The median wall time of *runs* runs of ``python *args``, in seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        _run(args, env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _importtime(code: str, env: dict[str, str]) -> list[tuple[int, int, str]]:
    """``(self µs, cumulative µs, module)`` of every module imported by *code*."""
    stderr = _run(["-X", "importtime", "-c", code], env).stderr
    rows = []
    for line in stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line or "self [us]" in line:
            continue
        own, total, name = line.removeprefix("import time:").split("|")
        rows.append((int(own), int(total), name.rstrip()))
    return rows


def _summary(title: str, rows: list[tuple[int, int, str]], top: int) -> list[str]:
    loaded = {name.strip().partition(".")[0] for _, _, name in rows}
    heavy = sorted(loaded.intersection(HEAVY))
    ours = [row for row in rows if row[2].strip().startswith("gov_disclosure")]
    lines = [
        f"{title}: {len(rows)} modules, {sum(own for own, _, _ in rows) / 1000:.0f} ms "
        f"({sum(own for own, _, name in ours) / 1000:.0f} ms in gov_disclosure's {len(ours)}); "
        f"heavy dependencies loaded: {', '.join(heavy) or 'none'}",
        "  cumulative ms  self ms  module",
    ]
    for own, total, name in sorted(rows, key=lambda row: -row[1])[:top]:
        lines.append(f"  {total / 1000:13.1f}  {own / 1000:7.1f}  {name}")
    return lines


def main(argv: Sequence[str] | None = None) -> None:
    """Run the benchmark and print the import summaries and the wall-time table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="runs per wall time (the median is shown)")
    parser.add_argument("--top", type=int, default=15, help="modules shown per import summary")
    parser.add_argument("--source", type=Path, default=SOURCE, help="the sources to time (another checkout's src)")
    args = parser.parse_args(argv)
    print(f"sources: {args.source}")
    with tempfile.TemporaryDirectory() as scratch:
        env = _environment(args.source, str(Path(scratch) / "pycache"))
        report = Path(scratch) / "report.txt"
        write = f"import gov_disclosure as gd; open({str(report)!r}, 'w').write(gd.example_report_text())"
        made = _run(["-c", write], env)
        if made.returncode:
            raise SystemExit(made.stderr)
        read = f"import gov_disclosure as gd; gd.load({str(report)!r})"
        _run(["-c", f"{read}; import gov_disclosure.cli, gov_disclosure.serializers.xlsx.write"], env)  # bytecode
        for title, code in (("import gov_disclosure", "import gov_disclosure"), ("read one report text", read)):
            print("\n".join(_summary(title, _importtime(code, env), args.top)), end="\n\n")
        commands = {
            "python -c pass": ["-c", "pass"],
            "import gov_disclosure": ["-c", "import gov_disclosure"],
            "gov-disclosure --help": ["-c", CLI, "--help"],
            "gov-disclosure check (one text)": ["-c", CLI, "check", str(report)],
        }
        walls = {name: _wall(command, env, args.runs) for name, command in commands.items()}
    floor = walls["python -c pass"]
    print(f"wall time, median of {args.runs} runs (Python {sys.version.split()[0]}, bytecode cached)")
    for name, seconds in walls.items():
        print(f"  {name:<32} {seconds * 1000:7.1f} ms  {seconds / floor:5.1f}× python -c pass")


if __name__ == "__main__":
    main()
