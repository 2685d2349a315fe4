#!/usr/bin/env python3
"""Regenerate ``src/gov_disclosure/data/examples/huaian-2024.txt``: the bundled example report as report text.

The text is rendered from the bundled JSON example with :func:`gov_disclosure.render.render_text` (official
layout, tab-separated tables). ``tests/test_cli_read.py`` fails when the file is stale.

    .venv/bin/python scripts/make_example_text.py
"""

from __future__ import annotations

from pathlib import Path

from gov_disclosure.examples import load_example
from gov_disclosure.render import render_text

TARGET = Path(__file__).resolve().parents[1] / "src" / "gov_disclosure" / "data" / "examples" / "huaian-2024.txt"


def example_report_text() -> str:
    """The example report text as it should be bundled."""
    return render_text(load_example("huaian-2024"))


if __name__ == "__main__":
    TARGET.write_text(example_report_text(), encoding="utf-8")
    print(f"wrote {TARGET}")
