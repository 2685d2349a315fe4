"""What the campaign damages: real reports with their truth files, and generated reports rendered in each form.

A :class:`Subject` is an input text (plain text, markdown or an HTML page), what it prints (an
:class:`~gov_disclosure.testing.fuzz.oracle.Expectation`) and how it is read. :func:`real_subjects` finds every
report with a truth file under a folder (``../shared/real``): a text report as it is, a PDF as the text of each
given extractor. :func:`rendered_subject` renders a generated report.

:func:`fuzz_case` damages a subject with one to a few operators of one kind, reads the result and judges it.

>>> import random
>>> subject = rendered_subject(random.Random(5), "markdown")
>>> case = fuzz_case(subject, random.Random(6), changes_truth=False)
>>> case.subject == subject.name, len(case.mutations) >= 1, case.judgement.ok
(True, True, True)
"""

from __future__ import annotations

import random
import time
from collections.abc import Sequence
from pathlib import Path

from attrs import field, frozen

from gov_disclosure.loader import ReadResult, read_bytes, read_text
from gov_disclosure.model.report import Report
from gov_disclosure.model.versions import FormatVersion
from gov_disclosure.render import Damage, render_text
from gov_disclosure.testing.forms import extract_text
from gov_disclosure.testing.fuzz.operators import Mutation, Operator, mutate_many, operators_for, splice_with
from gov_disclosure.testing.fuzz.oracle import Expectation, Judgement, judge_read
from gov_disclosure.testing.generate import random_report
from gov_disclosure.testing.grids import report_html
from gov_disclosure.testing.truth import Truth, truth_files

__all__ = ["TEXT_LAYOUTS", "Case", "Subject", "fuzz_case", "read_form", "real_subjects", "rendered_subject"]

RENDERED_FORMS = ("text", "markdown", "html")


def read_form(text: str, form: str, name: str = "input") -> ReadResult:
    """Read *text* as the library reads its *form*: an HTML page as the bytes of an ``.html`` file, any other text
    with :func:`~gov_disclosure.loader.read_text`."""
    if form == "html":
        return read_bytes(text.encode("utf-8"), name=f"{name}.html")
    return read_text(text)


@frozen
class Subject:
    """An input to damage: its text, its form, and what it prints."""

    name: str
    form: str
    text: str = field(repr=False)
    expectation: Expectation = field(repr=False)

    def read(self, text: str | None = None) -> ReadResult:
        """Read *text* (default: the subject's own) in the subject's form."""
        return read_form(self.text if text is None else text, self.form, self.name)


def real_subjects(
    folder: str | Path, *, extractors: Sequence[str] = ("pypdf", "pdfplumber", "pdfminer")
) -> list[Subject]:
    """Every report with a truth file under *folder*: a ``.txt``/``.md`` report as text, a PDF as the text each of
    *extractors* gives (names of :data:`~gov_disclosure.testing.forms.PDF_EXTRACTORS`; by default the three whose
    texts differ most: pypdf's, pdfplumber's, and pdfminer's column-major tables); other forms are left out."""
    subjects = []
    for path in truth_files(folder):
        truth = Truth.load(path)
        report = truth.report_path()
        if report is None:
            continue
        expectation = Expectation.of_truth(truth)
        if report.suffix in (".txt", ".md"):
            form = "markdown" if report.suffix == ".md" else "text"
            subjects.append(Subject(truth.name, form, report.read_text(encoding="utf-8"), expectation))
        elif report.suffix == ".pdf":
            for extractor in extractors:
                text = extract_text(report, extractor)
                subjects.append(Subject(f"{truth.name}[{extractor}]", "text", text, expectation))
    return subjects


TEXT_LAYOUTS: dict[str, Damage] = {
    "tab": Damage(),
    "space": Damage(separator="space"),
    "cell-per-line": Damage(separator="cell-per-line"),
    "column-major": Damage(column_major=True),
}
"""How a rendered text subject prints its tables: cells separated by tabs (a spreadsheet or web page copied), by
spaces (a PDF's text), one cell per line with a blank line after each (pdfminer's rows), or 表三 column by column
(pdfminer's ruled tables)."""


def render(report: Report, form: str, layout: str = "tab") -> str:
    """*report* as text (in *layout*: :data:`TEXT_LAYOUTS`), as markdown (pipes and headings), or as a web page."""
    if form == "text":
        return render_text(report, damage=TEXT_LAYOUTS[layout])
    if form == "markdown":
        return render_text(report, damage=Damage(separator="markdown", markdown_headings=True))
    if form == "html":
        return report_html(report)
    raise ValueError(f"unknown form {form!r}; expected one of {', '.join(RENDERED_FORMS)}")


def rendered_subject(rng: random.Random, form: str, format_version: FormatVersion | None = None) -> Subject:
    """A generated report (:func:`~gov_disclosure.testing.random_report`) rendered in *form* (text in a layout of
    :data:`TEXT_LAYOUTS` drawn from *rng*)."""
    report = random_report(rng, format_version)
    name = f"rendered-{report.format_version}-{form}"
    layout = rng.choice(list(TEXT_LAYOUTS)) if form == "text" else "tab"
    if form == "text":
        name += f"[{layout}]"
    return Subject(name, form, render(report, form, layout), Expectation.of_report(report))


@frozen
class Case:
    """One damaged input, read and judged."""

    subject: str
    form: str
    text: str = field(repr=False)
    mutations: tuple[Mutation, ...]
    judgement: Judgement
    seconds: float

    @property
    def changes_truth(self) -> bool:
        """True when some mutation changed the truth."""
        return any(m.changes_truth for m in self.mutations)


def fuzz_case(
    subject: Subject,
    rng: random.Random,
    *,
    changes_truth: bool,
    max_mutations: int = 3,
    donors: Sequence[Subject] = (),
    operators: Sequence[Operator] | None = None,
) -> Case:
    """*subject* damaged by 1 to *max_mutations* operators of one kind (among the truth-changing ones, a splice with
    each of *donors* in the subject's form and format version), read and judged. *operators* narrows the choice
    (to those of them that apply to the subject's form; no splice then)."""
    chosen = list(operators_for(subject.form, changes_truth=changes_truth))
    if operators is not None:
        chosen = [op for op in chosen if op in operators]
    if changes_truth and operators is None:
        version = subject.expectation.truth.format_version
        chosen.extend(
            splice_with(d.text, name=d.name)
            for d in donors
            if d.form == subject.form and d.expectation.truth.format_version == version and d.name != subject.name
        )
    text, mutations = mutate_many(subject.text, chosen, rng, rng.randint(1, max_mutations))
    start = time.perf_counter()
    judgement = judge_read(subject.expectation, lambda: subject.read(text), changes_truth=changes_truth)
    return Case(subject.name, subject.form, text, mutations, judgement, time.perf_counter() - start)
