"""TEMPLATE — copy into your package, rename, fill in the three marked places, register by entry point::

    # pyproject.toml of your package
    [project.entry-points."gov_disclosure.formats"]
    my-variant = "my_package.adapter:MyVariantFormat"
    [project.entry-points."gov_disclosure.readers"]
    my-form = "my_package.adapter:MyFormReader"

Then run the conformance suite against it (``gov_disclosure.testing.conformance``) with golden cases in
``cases/`` (``<name>.<ext>`` input, ``<name>.expected.json``, ``<name>.findings.json``).
"""

from __future__ import annotations

from gov_disclosure.findings import Finding, Outcome, Severity
from gov_disclosure.formats._protocol import AdapterOutput
from gov_disclosure.formats.grid import read_grid_tables
from gov_disclosure.model import TABLE2_2019, TABLE3, TABLE4, Report, SourceInfo, TableSpec
from gov_disclosure.parsing.document import Document
from gov_disclosure.parsing.grids import RawCell, RawRow, RawTable
from gov_disclosure.readers._common import decode_bytes

__all__ = ["MyFormReader", "MyVariantFormat"]


class MyVariantFormat:
    """A format adapter: recognise your variant, build the report, return reading findings (never raise on data)."""

    name = "my-variant"  # (1) unique name; a built-in's name ("2019", "2021") would replace the built-in
    tables: tuple[TableSpec, ...] = (TABLE2_2019, TABLE3, TABLE4)  # (2) the layouts and labels you read

    def recognise(self, document: Document) -> float:
        """(3) Confidence in [0, 1] from labels only your variant prints; built-ins answer at most 0.9."""
        return 0.95 if "其他主动公开文件" in document.text and "上一年项目数量" in document.text else 0.0

    def build(self, document: Document) -> AdapterOutput:
        """Read the tables (here with the shared grid reader) and say what could not be read."""
        grids = read_grid_tables(document.grids, "2019")
        findings: list[Finding] = list(grids.findings)
        if grids.table3 is None:
            findings.append(
                Finding(
                    code="MYVARIANT.NO_TABLE3",
                    severity=Severity.ERROR,
                    message="没有找到表三",
                    message_en="table 三 not found",
                    outcome=Outcome.NOTE,
                )
            )
        report = Report(
            format_version="2019",  # the national format your variant belongs to
            table2_2019=grids.table2_2019,
            table3=grids.table3,
            table4=grids.table4,
            source=SourceInfo(path=document.source.path if document.source else None, reader=self.name),
        )
        return report, tuple(findings)


class MyFormReader:
    """An input reader: sniff your form's bytes, turn them into a Document (text + grids), interpret nothing."""

    name = "my-form"
    extensions: tuple[str, ...] = (".tsv",)

    def sniff(self, data: bytes, name: str | None) -> float:
        """Confidence in [0, 1]; a matching extension adds 0.3 in the registry."""
        return 0.5 if b"\t" in data[:2048] and b"\x00" not in data[:2048] else 0.0

    def read(self, data: bytes, *, path: str | None = None) -> Document:
        """One grid from tab-separated lines; blank cells stay ``""`` (never zero)."""
        text = decode_bytes(data)
        rows = tuple(
            RawRow(cells=tuple(RawCell(text=t.strip(), column=i) for i, t in enumerate(line.split("\t"))))
            for line in text.splitlines()
            if line.strip()
        )
        return Document(text=text, grids=(RawTable(rows=rows),), form="my-form", source=SourceInfo(path=path))
