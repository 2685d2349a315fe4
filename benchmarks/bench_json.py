"""JSON documents per report: dumps (pretty, compact), loads, and the compact size (plain script; no assertions).

    .venv/bin/python benchmarks/bench_json.py [--reports N] [--seed S]

For each format, over N reports drawn by :func:`gov_disclosure.testing.random_report` and the same reports
rendered as text and read back with :func:`gov_disclosure.load` (every cell then carries a source location in that
file, as every report read from a file does), prints per report:

* ``dumps(indent=2)`` with the one-pass printer next to the former printer (``json.dumps`` of every level, kept
  here as the baseline) on the same documents, and the ratio;
* ``dumps(indent=None)`` and ``loads``; ``loads`` of the schema 1.0 document (the path in every cell) next to it;
* the compact size with the path once (schema 1.1) and with the path in every cell (schema 1.0), and the ratio.

Times are CPU seconds (``time.process_time``) divided by the number of reports, best of three runs.
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from gov_disclosure import load
from gov_disclosure.model.report import Report
from gov_disclosure.model.versions import FORMAT_VERSIONS
from gov_disclosure.render import render_text
from gov_disclosure.serializers.json import dumps, loads, make_json_converter, to_dict
from gov_disclosure.serializers.json.pretty import pretty_json
from gov_disclosure.testing import random_report


def former_pretty_json(value: Any, *, indent: int = 2, width: int = 120, level: int = 0, used: int = 0) -> str:
    """The printer before the one-pass one: ``json.dumps`` of each level to see whether it fits (the baseline)."""
    text = json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
    if not isinstance(value, (dict, list)) or not value or level * indent + used + len(text) <= width:
        return text
    members = list(value.values()) if isinstance(value, dict) else value
    if all(item is None or isinstance(item, (int, float)) for item in members):
        return text
    pad = " " * (indent * (level + 1))
    if isinstance(value, dict):
        items = []
        for key, item in value.items():
            head = json.dumps(key, ensure_ascii=False) + ": "
            items.append(pad + head + former_pretty_json(item, indent=indent, level=level + 1, used=len(head)))
        return "{\n" + ",\n".join(items) + "\n" + " " * (indent * level) + "}"
    items = [pad + former_pretty_json(item, indent=indent, level=level + 1) for item in value]
    return "[\n" + ",\n".join(items) + "\n" + " " * (indent * level) + "]"


def _ms(items: Sequence[Any], work: Callable[[Any], object]) -> float:
    """CPU milliseconds per item, best of three passes."""
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        for item in items:
            work(item)
        best = min(best, time.process_time() - start)
    return 1000 * best / len(items)


def _schema_1_0(report: Report) -> str:
    """The compact schema 1.0 document: every source location in full (the converter on its own)."""
    document = {"schema_version": "1.0", **make_json_converter().unstructure(report, Report)}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def _read_back(reports: Sequence[Report], folder: Path) -> list[Report]:
    out = []
    for n, report in enumerate(reports):
        path = folder / f"某市某局-{n:05d}-2023年政府信息公开工作年度报告.txt"
        path.write_text(render_text(report), encoding="utf-8")
        out.append(load(path).report)
    return out


def bench(label: str, reports: Sequence[Report]) -> None:
    """Print one block of figures for *reports*."""
    documents = [to_dict(r) for r in reports]
    for document in documents:  # the baseline and the one-pass printer write the same text
        if former_pretty_json(document) != pretty_json(document):
            raise AssertionError("the one-pass printer differs from the former one")
    new_pretty = _ms(reports, lambda r: dumps(r))
    former_pretty = _ms(reports, lambda r: former_pretty_json(to_dict(r)))
    compact = _ms(reports, lambda r: dumps(r, indent=None))
    texts = [dumps(r, indent=None) for r in reports]
    old_texts = [_schema_1_0(r) for r in reports]
    load_new = _ms(texts, loads)
    load_old = _ms(old_texts, loads)
    size_new = sum(len(t.encode()) for t in texts) / len(texts)
    size_old = sum(len(t.encode()) for t in old_texts) / len(texts)
    print(
        f"{label}: dumps pretty {new_pretty:6.3f} ms (former printer {former_pretty:6.3f} ms, "
        f"{former_pretty / new_pretty:.2f}x)  compact {compact:6.3f} ms  "
        f"loads {load_new:6.3f} ms (1.0 document {load_old:6.3f} ms)  "
        f"size {size_new / 1024:5.1f} KiB (path in every cell {size_old / 1024:5.1f} KiB, {size_new / size_old:.2f})"
    )


def main(argv: Sequence[str] | None = None) -> None:
    """Run the benchmark and print one line per format, for generated reports and for reports read from text."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=200)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    print(f"JSON per report, CPU ms (best of 3), {args.reports} reports per format (seed {args.seed})")
    with tempfile.TemporaryDirectory() as folder:
        for version in FORMAT_VERSIONS:
            reports = [random_report(rng, version) for _ in range(args.reports)]
            bench(f"format {version} generated     ", reports)
            bench(f"format {version} read from text", _read_back(reports, Path(folder)))


if __name__ == "__main__":
    main()
