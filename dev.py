#!/usr/bin/env python3
"""Developer entry point: needs only Python 3.10+.

    python3 dev.py demo   # set up .venv and run the main job on the bundled example report
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


def run(*args: str | Path) -> None:
    print("+", " ".join(str(a) for a in args), flush=True)
    subprocess.run([str(a) for a in args], cwd=ROOT, check=True)


def setup(extra: str) -> None:
    if not (BIN / "python").exists() and not (BIN / "python.exe").exists():
        venv.EnvBuilder(with_pip=True).create(VENV)
    run(BIN / "python", "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-e", f".[{extra}]")


def demo() -> None:
    setup("all")
    run(BIN / "gov-disclosure", "check", "--example")


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
