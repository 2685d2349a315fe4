#!/usr/bin/env python3
"""Developer entry point: needs only Python 3.10+.

    python3 dev.py demo   # set up .venv; show the bundled report's tables, then a report with a wrong total
    python3 dev.py test   # set up .venv and run the whole test suite (what CI runs)
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")


def run(*args: str | Path, ok: tuple[int, ...] = (0,)) -> None:
    """Run a command in the project folder; an exit code not in *ok* stops (as a failed command)."""
    print("+", " ".join(str(a) for a in args), flush=True)
    code = subprocess.run([str(a) for a in args], cwd=ROOT, check=False).returncode
    if code not in ok:
        raise subprocess.CalledProcessError(code, [str(a) for a in args])


def setup(extra: str) -> None:
    if not (BIN / "python").exists() and not (BIN / "python.exe").exists():
        venv.EnvBuilder(with_pip=True).create(VENV)
    run(BIN / "python", "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-e", f".[{extra}]")


DEMO = ROOT / "build" / "demo"
"""Where the demo writes its report files and summaries."""
EXAMPLE = ROOT / "src" / "gov_disclosure" / "data" / "examples" / "huaian-2024.txt"


def write_demo_reports() -> tuple[Path, Path]:
    """The bundled example report, and the same report with one wrong total (表三 一、本年新收 总计 3119 printed
    as 3118): a source error whose culprit the check names."""
    DEMO.mkdir(parents=True, exist_ok=True)
    text = EXAMPLE.read_text(encoding="utf-8")
    wrong = text.replace("\t3119\n", "\t3118\n", 1)
    if wrong == text:
        sys.exit("dev.py demo: the example's 表三 total 3119 moved: update write_demo_reports")
    good_file, wrong_file = DEMO / "huaian-2024.txt", DEMO / "huaian-2024-wrong-total.txt"
    good_file.write_text(text, encoding="utf-8")
    wrong_file.write_text(wrong, encoding="utf-8")
    return good_file.relative_to(ROOT), wrong_file.relative_to(ROOT)


def demo() -> None:
    setup("all")
    cli = BIN / "gov-disclosure"
    run(cli, "show", "--example")  # the bundled report's tables: every identity holds
    _good, wrong = write_demo_reports()
    print(f"\n{wrong}: the same report with 表三's first total printed as 3118, not 3119", flush=True)
    run(cli, "show", wrong, ok=(2,))  # the flagged cells, the culprit and its value (exit 2: INCONSISTENCY)
    folder, summary = DEMO.relative_to(ROOT), (DEMO.parent / "demo-summary.csv").relative_to(ROOT)
    run(cli, "check", "--quiet", folder, "--report", summary, ok=(2,))
    page = (DEMO.parent / "demo-check-report.html").relative_to(ROOT)  # beside the folder checked, not in it
    run(cli, "check", "--quiet", folder, "--report", page, ok=(2,))
    print(f"\nwrote {summary}: one row per report, to open in a spreadsheet", flush=True)
    print(f"wrote {page}: the check report, to open in a browser (the culprit cell highlighted)", flush=True)


def test() -> None:
    setup("dev")
    py = BIN / "python"
    run(py, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--doctest-modules", "src", "tests")
    run(py, "-m", "mypy")
    run(py, "-m", "ruff", "check", "src", "tests", "benchmarks", "scripts", "dev.py")
    run(py, "-m", "sphinx", "-E", "-W", "--keep-going", "-q", "-b", "html", "docs", "docs/_build/html")
    run(py, "-m", "sphinx", "-E", "-W", "--keep-going", "-q", "-b", "doctest", "docs", "docs/_build/doctest")


COMMANDS = {"demo": demo, "test": test}

if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in COMMANDS:
        sys.exit(f"usage: python3 dev.py {{{'|'.join(COMMANDS)}}}")
    try:
        COMMANDS[sys.argv[1]]()
    except subprocess.CalledProcessError as error:
        sys.exit(error.returncode)
