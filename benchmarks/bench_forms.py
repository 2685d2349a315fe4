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

Per form it also prints the floor — the least any reader of the form must do: read + NFKC for text, decode +
lxml's parse for HTML, python-docx opening the file for DOCX, the PDF engine's character extraction alone for PDF
(pdfium's, or pdfplumber's for PDFs whose fonts send them there) — and ``load``'s ratio to it. Last, a national
year (issue 14): 150,000 reports, 60 % PDF, 35 % HTML, 5 % other (costed as the dearer of DOCX and text), from the
costs measured here (PDF: the real PDF's, when ``../shared`` is there), in CPU-hours on one core, on this machine's
cores and on a 64-core cluster (each report is read alone: the hours divide by the cores; the docs' "On a
cluster" has the Dask recipe).

Figures (``benchmarks/results/forms-2026-12-06-pdf.md``, medians of three runs on the shared machine): the real PDF
37.9 ms per report with pdfium, 317 ms with pdfplumber, 8.3× (it was 42 ms and 7×); a national year 1.1–1.2
CPU-hours with pdfium, 7.5–8.5 with pdfplumber.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
import unicodedata
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
        costs: dict[str, float] = {}
        for form, form_paths in paths.items():
            ms = costs[form] = _ms_per_report(form_paths, load, args.repeat)
            documents = [_extracted(path) for path in form_paths]
            build = _ms_per_report(documents, after, args.repeat)
            floor_name, floor_work = _floor(form, form_paths[0])
            floor = _ms_per_report(form_paths, floor_work, args.repeat)
            print(
                f"{form:5s} load {ms:7.2f} ms/report · {ms / text:6.2f}× text · "
                f"after the reader (build, validate, facts) {build:5.2f} ms/report · {build / text:5.2f}× text"
            )
            print(f"{'':5s} floor ({floor_name}) {floor:7.2f} ms/report · load / floor {ms / floor:6.2f}×")
        real = pdf_engines([_REAL_PDF], "real", args.repeat) if _REAL_PDF.exists() else None
        pdf_engines(paths["pdf"], "generated", args.repeat)
        if real is None:
            national_year(costs, "the generated PDFs")
        else:  # PDFs as agencies publish them embed their fonts: the real PDF's cost is theirs
            national_year({**costs, "pdf": real["pdfium"]}, "the real PDF, pdfium engine")
            national_year({**costs, "pdf": real["pdfplumber"]}, "the real PDF, pdfplumber engine (before)")


def _text_floor(path: Path) -> object:
    """Read the file and NFKC-normalise its text: what any reader of the text must do."""
    return unicodedata.normalize("NFKC", path.read_bytes().decode("utf-8"))


def _html_floor(path: Path) -> object:
    """The page decoded and parsed by lxml, alone (decoded first: these pages are written in UTF-8 but say
    ``charset=gb2312``, as some agencies' do, which lxml would believe)."""
    import lxml.html

    return lxml.html.document_fromstring(path.read_bytes().decode("utf-8"))


def _docx_floor(path: Path) -> object:
    """python-docx opening the file (the zip and its XML parsed) alone."""
    import docx

    return docx.Document(str(path))


def _floor(form: str, sample: Path) -> tuple[str, Callable[[Path], object]]:
    """The name and the work of the floor of *form*: the least any reader of it must do."""
    if form == "pdf":  # the engine that reads these PDFs: pdfium, unless their fonts send them to pdfplumber
        from gov_disclosure.limits import Limits
        from gov_disclosure.readers._pdf_pdfium import NeedsPdfplumber, read_pages

        try:
            read_pages(sample.read_bytes(), Limits(), sample.name)
        except NeedsPdfplumber:
            return "pdfplumber's characters: fonts not embedded", _pdfplumber_chars
        return "pdfium's characters", _pdfium_chars
    floors = {"text": ("read + NFKC", _text_floor), "html": ("decode + lxml parse", _html_floor)}
    return floors.get(form, ("python-docx open", _docx_floor))


NATIONAL_YEAR = 150_000
"""Reports published in a national year (issue 14)."""
NATIONAL_MIX = {"pdf": 0.60, "html": 0.35, "other": 0.05}
"""The forms they come in: PDF, web pages, and the rest (DOCX, workbooks, text)."""
CLUSTER_CORES = 64


def national_year(costs: dict[str, float], pdf_source: str) -> None:
    """Print the CPU hours of reading a national year with ``load``, from the measured per-form *costs* (CPU
    milliseconds per report): on one core, on this machine's cores and on a cluster, the work spread evenly
    (each report is read alone: the time divides by the cores, Dask's scheduling of partitions of 100 files aside).
    "Other" is costed as DOCX, the dearest of the other forms measured."""
    per_form = {"pdf": costs["pdf"], "html": costs["html"], "other": max(costs["docx"], costs["text"])}
    mean = sum(NATIONAL_MIX[form] * ms for form, ms in per_form.items())
    hours = NATIONAL_YEAR * mean / 1000 / 3600
    share = {form: NATIONAL_MIX[form] * ms / mean for form, ms in per_form.items()}
    print(
        f"national year, PDF cost from {pdf_source}: {NATIONAL_YEAR:,} reports, "
        + ", ".join(f"{100 * NATIONAL_MIX[f]:.0f} % {f} at {ms:.1f} ms" for f, ms in per_form.items())
    )
    print(
        f"  {mean:.1f} ms/report on average; "
        + ", ".join(f"{f} {100 * p:.0f} %" for f, p in share.items())
        + f" of the CPU time; {hours:.2f} CPU-hours"
    )
    cores = os.cpu_count() or 1
    for label, n in (
        ("one core", 1),
        (f"this machine's {cores} cores", cores),
        (f"{CLUSTER_CORES} cores", CLUSTER_CORES),
    ):
        print(f"  on {label:24s} {hours / n:8.2f} h ({60 * hours / n:7.1f} min)")


_REAL_PDF = Path(__file__).resolve().parents[2] / "shared" / "real" / "huaian-city-2024.pdf"


def _pdfium_chars(path: Path) -> object:
    """pdfium's characters with their boxes alone (the floor of the pdfium engine)."""
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    from gov_disclosure.readers._pdf_pdfium import _Calls, _chars

    calls = _Calls.of(pdfium.raw)
    document = pdfium.PdfDocument(path.read_bytes())
    count = 0
    for index in range(len(document)):
        page = document[index]
        textpage = page.get_textpage()
        count += len(_chars(calls, textpage.raw, page.get_mediabox()[3]))
        textpage.close()
        page.close()
    document.close()
    return count


def _pdfplumber_chars(path: Path) -> object:
    """pdfminer's characters through pdfplumber alone (the floor of the pdfplumber engine)."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return sum(len(page.chars) for page in pdf.pages)


def pdf_engines(paths: Sequence[Path], label: str, repeat: int) -> dict[str, float]:
    """Print ``load`` per report with each PDF engine, each engine's character extraction, and the ratio;
    return the ``load`` milliseconds per report of each engine."""
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
    return loads


if __name__ == "__main__":
    main()
