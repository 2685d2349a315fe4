"""The adapter contract: registry, sniffing, re-validation of adapter output, entry points, conformance suite."""

from __future__ import annotations

import importlib
import json
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from gov_disclosure.findings import Finding
from gov_disclosure.formats._protocol import FormatAdapter, InputReader
from gov_disclosure.formats._registry import (
    AdapterError,
    default_registry,
    discover,
    refresh_default_registry,
    run_adapter,
)
from gov_disclosure.formats.builtin_readers import DocxReader, HtmlReader, PdfReader, TextReader
from gov_disclosure.formats.national import NationalFormat
from gov_disclosure.loader import UnsupportedInputError, load, read_bytes
from gov_disclosure.model import Report, Table4
from gov_disclosure.model.formats import FORMAT_2019, FORMAT_2021
from gov_disclosure.parsing.document import Document
from gov_disclosure.testing.conformance import (
    ConformanceError,
    check_format_adapter,
    check_input_reader,
    golden_cases,
    run_case,
)

GOLDEN = Path(__file__).resolve().parent / "golden"


def test_builtins_are_registered_and_meet_the_protocols() -> None:
    """The registry holds the eight built-in readers (the image reader only refuses) and the two national formats,
    each meeting its Protocol."""
    registry = discover(entry_point_groups=False)
    assert {r.name for r in registry.readers} == {"text", "markdown", "html", "pdf", "docx", "json", "xlsx", "image"}
    assert {f.name for f in registry.formats} == {"2019", "2021"}
    assert all(isinstance(r, InputReader) for r in registry.readers)
    assert all(isinstance(f, FormatAdapter) for f in registry.formats)


def test_registry_is_an_immutable_snapshot() -> None:
    """with_format returns a new registry; the original is unchanged."""
    registry = discover(entry_point_groups=False)
    bigger = registry.with_format(_Garbage("x"))  # type: ignore[arg-type]
    assert len(bigger.formats) == len(registry.formats) + 1
    assert "x" not in {f.name for f in registry.formats}


@pytest.mark.parametrize(
    ("data", "name", "reader"),
    [
        (b"%PDF-1.7\n...", "report.bin", "pdf"),
        (b"<!DOCTYPE html><html><body><p>x</p></body></html>", None, "html"),
        ("某局2022年政府信息公开工作年度报告\n一、总体情况".encode(), "r.txt", "text"),
        ("# 某局2022年报告\n| 规章 | 0 |".encode(), "r.md", "markdown"),
    ],
)
def test_sniffing_picks_the_reader(data: bytes, name: str | None, reader: str) -> None:
    """The reader is chosen by the bytes (the extension only adds weight)."""
    found = default_registry().reader_for(data, name)
    assert found is not None
    assert found.name == reader


def test_unknown_binary_input_is_a_typed_error(tmp_path: Path) -> None:
    """A file no reader recognises raises UnsupportedInputError naming the readable forms."""
    path = tmp_path / "x.bin"
    path.write_bytes(b"\x00\x01\x02binary")
    with pytest.raises(UnsupportedInputError, match=r"\.pdf"):
        load(path)


def test_format_is_recognised_from_labels() -> None:
    """A document with 2019 表二 labels is recognised by the 2019 adapter above the 2021 one."""
    document = Document(text="某局2020年政府信息公开工作年度报告\n信息内容\t本年新制作数量\t本年新公开数量")
    assert NationalFormat(FORMAT_2019).recognise(document) > NationalFormat(FORMAT_2021).recognise(document)
    assert default_registry().format_for(document) is not None


class _Garbage:
    """An adapter that misbehaves in the way its name says."""

    tables = NationalFormat(FORMAT_2021).tables

    def __init__(self, name: str, output: object = None, error: Exception | None = None) -> None:
        self.name = name
        self.output = output
        self.error = error

    def recognise(self, document: Document) -> float:
        return 1.0

    def build(self, document: Document) -> object:
        if self.error is not None:
            raise self.error
        return self.output


def test_adapter_that_raises_gives_a_typed_error() -> None:
    """An adapter raising ZeroDivisionError becomes AdapterError naming the adapter, not a crash."""
    with pytest.raises(AdapterError, match=r"'boom'.*ZeroDivisionError"):
        run_adapter(_Garbage("boom", error=ZeroDivisionError("x")), Document(text=""))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "output",
    [
        "not a pair",
        ("report?", ()),
        (Report(format_version="2021"), "findings?"),
    ],
)
def test_adapter_returning_garbage_is_caught(output: object) -> None:
    """Garbage output is an AdapterError, or (for bad findings) a finding that says so."""
    adapter = _Garbage("garbage", output=output)
    try:
        report, findings = run_adapter(adapter, Document(text=""))  # type: ignore[arg-type]
    except AdapterError:
        return
    assert isinstance(report, Report)
    assert [f.code for f in findings] == ["ADAPTER.BAD_FINDINGS"]


def test_adapter_returning_a_wrong_table_type_is_caught() -> None:
    """A report whose table3 holds a Table4 is rejected by the loader's re-validation."""
    bad = Report(format_version="2021")
    object.__setattr__(bad, "table3", Table4.from_rows({"review": [1, 0, 0, 0, 1]}))  # garbage past the constructor
    with pytest.raises(AdapterError, match="table3"):
        run_adapter(_Garbage("wrong", output=(bad, ())), Document(text=""))  # type: ignore[arg-type]


@pytest.mark.parametrize("case", golden_cases(GOLDEN), ids=str)
def test_builtin_golden_cases(case: object) -> None:
    """Every built-in golden case (generated HTML Word soup, DOCX with merged cells) loads as expected."""
    run_case(case)  # type: ignore[arg-type]


def test_builtin_adapters_pass_the_conformance_suite() -> None:
    """The 2019 and 2021 adapters and the HTML/DOCX readers pass the suite third parties run."""
    cases = {c.name: c for c in golden_cases(GOLDEN)}
    check_format_adapter(NationalFormat(FORMAT_2019), [cases["soup-2019"]])
    check_format_adapter(NationalFormat(FORMAT_2021), [cases["merged-2021"]])
    check_input_reader(HtmlReader(), [cases["soup-2019"].input])
    check_input_reader(DocxReader(), [cases["merged-2021"].input])


def test_conformance_reports_every_problem(tmp_path: Path) -> None:
    """A wrong expectation fails with a ConformanceError that names the path and both values."""
    case = golden_cases(GOLDEN)[0]
    expected = json.loads(case.expected.read_text(encoding="utf-8"))
    expected["report_year"] = 1999
    (tmp_path / case.input.name).write_bytes(case.input.read_bytes())
    (tmp_path / case.expected.name).write_text(json.dumps(expected, ensure_ascii=False), encoding="utf-8")
    (tmp_path / case.findings.name).write_text('["NOPE"]', encoding="utf-8")
    with pytest.raises(ConformanceError, match=r"\$\.report_year: expected 1999") as error:
        run_case(golden_cases(tmp_path)[0])
    assert "NOPE" in str(error.value)


def test_readers_for_every_builtin_form_exist() -> None:
    """Text and PDF readers are registered under their names."""
    registry = default_registry()
    assert isinstance(registry.reader("pdf"), PdfReader)
    assert isinstance(registry.reader("text"), TextReader)


# --- an out-of-tree adapter package, registered by entry point ------------------------------------

_PACKAGE = '''
"""gd_demo: a third-party input reader (.gdcsv) and format adapter ("demo-2021") for gov_disclosure."""
from gov_disclosure.formats.grid import read_grid_tables
from gov_disclosure.model import TABLE4, Report, SourceInfo
from gov_disclosure.parsing.document import RawCell, Document, RawRow, RawTable


class CsvReader:
    name = "gdcsv"
    extensions = (".gdcsv",)

    def sniff(self, data, name):
        return 0.6 if data.startswith(b"#gdcsv") else 0.0

    def read(self, data, *, path=None):
        lines = data.decode("utf-8").splitlines()[1:]
        rows = tuple(
            RawRow(cells=tuple(RawCell(text=t.strip(), column=i) for i, t in enumerate(line.split(","))))
            for line in lines
        )
        text = "\\n".join(line.replace(",", "\\t") for line in lines)
        return Document(text=text, grids=(RawTable(rows=rows),), form="gdcsv", source=SourceInfo(path=path))


class DemoFormat:
    name = "demo-2021"
    tables = (TABLE4,)

    def recognise(self, document):
        return 1.0 if document.form == "gdcsv" else 0.0

    def build(self, document):
        grids = read_grid_tables(document.grids, "2021")
        report = Report(format_version="2021", agency="示例机关", report_year=2023, table4=grids.table4)
        return report, grids.findings
'''

_ENTRY_POINTS = """
[gov_disclosure.readers]
gdcsv = gd_demo:CsvReader

[gov_disclosure.formats]
demo-2021 = gd_demo:DemoFormat
"""

_INPUT = """#gdcsv
行政复议,,,,,行政诉讼
结果维持,结果纠正,其他结果,尚未审结,总计,未经复议直接起诉,,,,,复议后起诉
,,,,,结果维持,结果纠正,其他结果,尚未审结,总计,结果维持,结果纠正,其他结果,尚未审结,总计
1,2,3,4,10,0,0,0,0,0,5,0,0,1,9
"""


@pytest.fixture
def demo_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A tiny adapter package with a dist-info declaring entry points, on sys.path for this test only."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "gd_demo.py").write_text(textwrap.dedent(_PACKAGE), encoding="utf-8")
    info = site / "gd_demo-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: gd-demo\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(_ENTRY_POINTS, encoding="utf-8")
    monkeypatch.syspath_prepend(str(site))
    importlib.invalidate_caches()
    refresh_default_registry()
    yield tmp_path
    refresh_default_registry()
    sys.modules.pop("gd_demo", None)


def test_out_of_tree_adapter_is_found_and_used_by_load(demo_package: Path) -> None:
    """load() sniffs the third-party form, picks the third-party format and re-validates its report."""
    path = demo_package / "r.gdcsv"
    path.write_text(_INPUT, encoding="utf-8")
    registry = default_registry()
    assert "demo-2021" in {f.name for f in registry.formats}
    assert registry.problems == ()
    result = load(path)
    assert result.report.agency == "示例机关"
    assert result.report.source is not None
    assert result.report.source.reader == "demo-2021"
    table4 = result.report.table4
    assert table4 is not None
    assert [c.value for _, c in table4.review.cells()] == [1, 2, 3, 4, 10]  # type: ignore[union-attr]
    # the adapter returned no findings: these come from the loader's own validation (表四 复议后起诉 5+0+0+1 ≠ 9)
    assert any(f.cells and f.cells[0].row == "litigation_after_review" for f in result.findings)
    assert all(isinstance(f, Finding) for f in result.findings)


def test_out_of_tree_adapter_passes_the_conformance_suite(demo_package: Path) -> None:
    """The third party's adapter and reader pass the conformance suite with their own golden case."""
    cases = demo_package / "cases"
    cases.mkdir()
    (cases / "demo.gdcsv").write_text(_INPUT.replace(",9\n", ",6\n"), encoding="utf-8")
    expected = {
        "format_version": "2021",
        "agency": "示例机关",
        "table4": {"review": {"upheld": 1, "corrected": 2, "other": 3, "pending": 4, "total": 10}},
    }
    (cases / "demo.expected.json").write_text(json.dumps(expected, ensure_ascii=False), encoding="utf-8")
    (cases / "demo.findings.json").write_text('["TABLE.MISSING", "TABLE.MISSING"]', encoding="utf-8")
    registry = default_registry()
    check_format_adapter(registry.format("demo-2021"), golden_cases(cases))
    check_input_reader(registry.reader("gdcsv"), [cases / "demo.gdcsv"])
    assert read_bytes((cases / "demo.gdcsv").read_bytes(), name="demo.gdcsv").report.table4 is not None


def test_broken_entry_point_is_skipped_and_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An entry point that cannot be imported does not break loading; it is listed in Registry.problems."""
    site = tmp_path / "site"
    info = site / "gd_broken-0.1.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: gd-broken\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[gov_disclosure.formats]\nbroken = gd_missing:Nope\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(site))
    importlib.invalidate_caches()
    registry = discover()
    assert any("broken" in p for p in registry.problems)
    assert {"2019", "2021"} <= {f.name for f in registry.formats}
