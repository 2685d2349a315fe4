#!/usr/bin/env python3
"""Developer entry point: needs only Python 3.10+.

Usage::

    python3 dev.py demo   # set up .venv; show the bundled report's tables, then a report with a wrong total
    python3 dev.py test   # set up .venv and run the whole test suite (what CI runs)
    python3 dev.py native # compile the reader's hot modules with mypyc into build/native (see docs/performance.md)
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")


def run(*args: str | Path, ok: tuple[int, ...] = (0,), env: dict[str, str] | None = None) -> None:
    """Run a command in the project folder; an exit code not in *ok* stops (as a failed command)."""
    print("+", " ".join(str(a) for a in args), flush=True)
    code = subprocess.run([str(a) for a in args], cwd=ROOT, check=False, env=env).returncode
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


NATIVE = ROOT / "build" / "native"
"""Where :func:`native` puts a copy of the package whose hot modules mypyc compiled."""


def compiled_modules() -> list[str]:
    """The source files the mypyc build hook compiles: ``include`` of pyproject's
    ``[tool.hatch.build.targets.wheel.hooks.mypyc]`` (read without a TOML parser, which Python 3.10 lacks)."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    section = text.split("[tool.hatch.build.targets.wheel.hooks.mypyc]", 1)[1].split("\n[", 1)[0]
    found = re.search(r"^include = \[(.*?)\]", section, re.M | re.S)
    if found is None:
        sys.exit("dev.py: pyproject.toml's mypyc hook lists no modules (include = [...])")
    return re.findall(r'"/src/([^"]+\.py)"', found.group(1))


def native() -> bool:
    """Copy the package to build/native and compile the hook's modules there with mypyc (the .venv's); False when
    there is no C compiler."""
    if shutil.which(os.environ.get("CC", "cc")) is None:
        return False
    setup("dev")
    shutil.rmtree(NATIVE, ignore_errors=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.so", "*.pyd")
    shutil.copytree(ROOT / "src" / "gov_disclosure", NATIVE / "gov_disclosure", ignore=ignore)
    print(f"+ mypyc ({len(compiled_modules())} modules) in {NATIVE.relative_to(ROOT)}", flush=True)
    done = subprocess.run(
        [str(BIN / "python"), "-m", "mypyc", *compiled_modules()], cwd=NATIVE, capture_output=True, text=True
    )
    if done.returncode:
        print(done.stdout[-4000:], done.stderr[-4000:], sep="\n")
        raise subprocess.CalledProcessError(done.returncode, "mypyc")
    shutil.rmtree(NATIVE / "build", ignore_errors=True)
    return True


def test() -> None:
    setup("dev")
    py = BIN / "python"
    run(py, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--doctest-modules", "src", "tests")
    if native():  # the suite again, on the modules compiled as the wheel compiles them
        env = {**os.environ, "PYTHONPATH": str(NATIVE), "GOV_DISCLOSURE_COMPILED": "1"}
        run(py, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests", env=env)
    elif os.environ.get("CI") == "true":
        sys.exit("dev.py test: no C compiler (cc) to compile the reader's modules with mypyc")
    else:
        print("dev.py test: no C compiler (cc): the suite was not run on the compiled modules", flush=True)
    run(py, "-m", "mypy")
    run(py, "-m", "ruff", "check", "src", "tests", "benchmarks", "scripts", "dev.py")
    run(py, "-m", "sphinx", "-E", "-W", "--keep-going", "-q", "-b", "html", "docs", "docs/_build/html")
    run(py, "-m", "sphinx", "-E", "-W", "--keep-going", "-q", "-b", "doctest", "docs", "docs/_build/doctest")


def build_native() -> None:
    if not native():
        sys.exit("dev.py native: no C compiler (cc)")
    print(f"compiled into {NATIVE}: run with PYTHONPATH={NATIVE} (benchmarks/bench_read.py says which it measured)")


COMMANDS = {"demo": demo, "test": test, "native": build_native}

if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in COMMANDS:
        sys.exit(f"usage: python3 dev.py {{{'|'.join(COMMANDS)}}}")
    try:
        COMMANDS[sys.argv[1]]()
    except subprocess.CalledProcessError as error:
        sys.exit(error.returncode)
