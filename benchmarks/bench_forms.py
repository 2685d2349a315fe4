#!/usr/bin/env python3
"""Time to read a report from each file form through ``gov_disclosure.load``, beside reading its text alone.

    .venv/bin/python benchmarks/bench_forms.py [--reports N] [--repeat R]

Generates *N* reports (:func:`gov_disclosure.testing.random_report`) and writes each as text, HTML, DOCX and a
ruled PDF (the generators of ``tests/layout_grids.py``), then prints, per form, the CPU milliseconds per report of
``load`` and the ratio to loading the same report as text (measured in the same run: these machines are noisy).
Issue 11 asks that HTML, PDF and DOCX get faster now that the document is read, format-detected, validated and
fact-checked once instead of twice; run this script on an older commit for the comparison (it uses only
``gov_disclosure.load``). Rates are per CPU-second of this process (``time.process_time``), best of ``--repeat``.

For PDF (issue 14) it then prints ``load`` per report with each PDF engine (``pdfium``, the default, and
``pdfplumber``), the engine's character extraction alone (the floor), and the pdfium/pdfplumber ratio: on the real
PDF (``../shared/real/huaian-city-2024.pdf``, embedded fonts) and on the generated PDFs (set in STSong-Light, not
embedded, which the pdfium engine hands to pdfplumber: their ratio is about 1).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from gov_disclosure import load
from gov_disclosure.formats._registry import default_registry, run_reader
from gov_disclosure.render import render_text
from gov_disclosure.testing import random_report

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from layout_grids import report_docx, report_html, report_pdf


def _ms_per_report(items: Sequence[Any], work: Callable[[Any], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        for item in items:
            work(item)
        best = min(best, time.process_time() - start)
    return 1000 * best / len(items)


def _extracted(path: Path) -> object:
    """What the input reader extracts from *path* (not timed: the work after it is)."""
    registry = default_registry()
    data = path.read_bytes()
    reader = registry.reader_for(data, path.name)
    assert reader is not None
    return run_reader(reader, data, path=str(path))


def _after_reader() -> Callable[[Any], object]:
    """The library's step from an extracted document to a validated report."""
    try:
        from gov_disclosure.loader import read_document
    except ImportError:  # before the one road (issue 11): documents.read_document
        from gov_disclosure.documents import read_document  # type: ignore[import-not-found,no-redef]
    return read_document


def main(argv: Sequence[str] | None = None) -> None:
    """Write the reports in every form, then time ``load`` on each form."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--reports", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    rng = random.Random(0)
    reports = [random_report(rng) for _ in range(args.reports)]
    writers = {
        "text": lambda r: render_text(r).encode("utf-8"),
        "html": lambda r: report_html(r).encode("utf-8"),
        "docx": report_docx,
        "pdf": report_pdf,
    }
    suffix = {"text": ".txt", "html": ".html", "docx": ".docx", "pdf": ".pdf"}
    with tempfile.TemporaryDirectory() as tmp:
        paths: dict[str, list[Path]] = {}
        for form, write in writers.items():
            paths[form] = []
            for i, report in enumerate(reports):
                path = Path(tmp) / f"r{i}{suffix[form]}"
                path.write_bytes(write(report))
                paths[form].append(path)
        for form_paths in paths.values():
            load(form_paths[0])  # warm imports and caches
        text = _ms_per_report(paths["text"], load, args.repeat)
        after = _after_reader()
        for form, form_paths in paths.items():
            ms = _ms_per_report(form_paths, load, args.repeat)
            documents = [_extracted(path) for path in form_paths]
            build = _ms_per_report(documents, after, args.repeat)
            print(
                f"{form:5s} load {ms:7.2f} ms/report · {ms / text:6.2f}× text · "
                f"after the reader (build, validate, facts) {build:5.2f} ms/report · {build / text:5.2f}× text"
            )
        if _REAL_PDF.exists():
            pdf_engines([_REAL_PDF], "real", args.repeat)
        pdf_engines(paths["pdf"], "generated", args.repeat)


_REAL_PDF = Path(__file__).resolve().parents[2] / "shared" / "real" / "huaian-city-2024.pdf"


def _pdfium_chars(path: Path) -> object:
    """pdfium's characters with their boxes alone (the floor of the pdfium engine)."""
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    from gov_disclosure.readers._pdf_pdfium import _chars

    raw: Any = pdfium.raw
    document = pdfium.PdfDocument(path.read_bytes())
    count = 0
    for index in range(len(document)):
        page = document[index]
        textpage = page.get_textpage()
        count += sum(1 for _ in _chars(raw, textpage.raw, page.get_mediabox()[3]))
        textpage.close()
        page.close()
    document.close()
    return count


def _pdfplumber_chars(path: Path) -> object:
    """pdfminer's characters through pdfplumber alone (the floor of the pdfplumber engine)."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return sum(len(page.chars) for page in pdf.pages)


def pdf_engines(paths: Sequence[Path], label: str, repeat: int) -> None:
    """Print ``load`` per report with each PDF engine, each engine's character extraction, and the ratio."""
    from gov_disclosure.formats.builtin_readers import PdfReader

    loads: dict[str, float] = {}
    floors = {"pdfium": _pdfium_chars, "pdfplumber": _pdfplumber_chars}
    for engine in ("pdfium", "pdfplumber"):
        registry = default_registry().with_reader(PdfReader(engine=engine))
        load(paths[0], registry=registry)  # warm imports
        loads[engine] = _ms_per_report(paths, lambda p, r=registry: load(p, registry=r), repeat)
        floor = _ms_per_report(paths, floors[engine], repeat)
        print(f"pdf {label:9s} {engine:10s} load {loads[engine]:7.1f} ms/report · characters alone {floor:6.1f} ms")
    print(f"pdf {label:9s} pdfplumber / pdfium: {loads['pdfplumber'] / loads['pdfium']:.1f}× faster load with pdfium")


if __name__ == "__main__":
    main()
