"""Formulas and links to other workbooks: reported, never computed.

A report table filled in a spreadsheet often sums its 总计 column with a formula (``=SUM(J5:O5)``). The
spreadsheet program saved the result beside the formula, and that saved (cached) value is what the agency saw and
printed, so it is the value read — with an ``XLSX.FORMULA`` finding at the cell saying which formula produced it.
The library never evaluates a formula: one with no saved result is not a number (``XLSX.FORMULA_NOT_CACHED``, a
``TEXT`` cell, :mod:`.cellvalue`).

A formula that refers to another workbook (``=[1]汇总!C5``) shows a value copied from a file that is not here and
may have changed since: that finding is a WARNING, and each link the workbook keeps (its ``xl/externalLinks/``
parts) is reported once by ``XLSX.EXTERNAL_LINK``.
"""

from __future__ import annotations

import os
import re
import zipfile
from typing import IO

from gov_disclosure.findings import Finding, Severity
from gov_disclosure.model.keys import CellKey
from gov_disclosure.model.source import SourceLocation

__all__ = ["EXTERNAL_LINKS", "external_link_findings", "formula_finding", "not_cached_finding", "refers_elsewhere"]

EXTERNAL_LINKS = "xl/externalLinks/"
"""Where a workbook keeps its links to other workbooks (one ``externalLinkN.xml`` part per linked file)."""

_EXTERNAL_REFERENCE = re.compile(r"\[\d+\]|\.xls[xmb]?\]")
_PART = re.compile(r"^xl/externalLinks/externalLink\d+\.xml$")
_TARGET = re.compile(rb'Target="([^"]{1,1000})"')
_MAX_RELS = 64 * 1024
"""Bytes of a link's relationships part read to name its target (the part is a few hundred bytes)."""


def refers_elsewhere(formula: str) -> bool:
    """True when *formula* refers to another workbook: ``[1]`` is how a workbook stores such a reference, a file
    name in brackets how a program may write it.

    >>> refers_elsewhere("=SUM(J5:O5)"), refers_elsewhere("=[1]汇总!C5"), refers_elsewhere("='[汇总.xlsx]表'!A1")
    (False, True, True)
    """
    return _EXTERNAL_REFERENCE.search(formula) is not None


def formula_finding(formula: str, where: SourceLocation, *, shown: str, key: CellKey | None = None) -> Finding:
    """The finding for a cell holding *formula* whose saved result *shown* was read as its value.

    >>> f = formula_finding("=SUM(J5:O5)", SourceLocation(sheet="表三", cell="P5"), shown="12")
    >>> f.code, f.severity.name, f.evidence, f.source.cell
    ('XLSX.FORMULA', 'INFO', '=SUM(J5:O5)', 'P5')
    >>> formula_finding("=[1]汇总!C5", SourceLocation(sheet="表三", cell="P5"), shown="12").severity.name
    'WARNING'
    """
    place = f"{where.sheet}!{where.cell}"
    if refers_elsewhere(formula):
        return Finding(
            code="XLSX.FORMULA",
            severity=Severity.WARNING,
            message=f"{place} 是引用其他工作簿的公式 {formula}，读取的是其上次保存的结果 {shown}，可能已过时",
            message_en=(
                f"{place}: formula {formula} refers to another workbook; its last saved result {shown} was read "
                "and may be out of date"
            ),
            cells=(key,) if key else (),
            evidence=formula,
            source=where,
        )
    return Finding(
        code="XLSX.FORMULA",
        severity=Severity.INFO,
        message=f"{place} 是公式 {formula}，读取的是表格保存的计算结果 {shown}",
        message_en=f"{place}: the cell holds formula {formula}; its saved result {shown} was read",
        cells=(key,) if key else (),
        evidence=formula,
        source=where,
    )


def not_cached_finding(formula: str, where: SourceLocation, *, key: CellKey | None = None) -> Finding:
    """The finding for a cell holding *formula* with no saved result: its value is unknown (never computed).

    >>> f = not_cached_finding("=J5+1", SourceLocation(sheet="cells", cell="K2"))
    >>> f.code, f.severity.name, f.message_en
    ('XLSX.FORMULA_NOT_CACHED', 'WARNING', 'cells!K2: formula =J5+1 has no cached value; its value is unknown')
    """
    place = f"{where.sheet}!{where.cell}"
    return Finding(
        code="XLSX.FORMULA_NOT_CACHED",
        severity=Severity.WARNING,
        message=f"{place} 的公式 {formula} 没有保存计算结果，无法读取数值",
        message_en=f"{place}: formula {formula} has no cached value; its value is unknown",
        cells=(key,) if key else (),
        evidence=formula,
        source=where,
    )


def _targets(archive: zipfile.ZipFile, part: str) -> list[str]:
    """The files a link part points at, from its relationships part (``Target="file:///C:\\报表\\汇总.xlsx"``)."""
    folder, _, name = part.rpartition("/")
    rels = f"{folder}/_rels/{name}.rels"
    try:
        info = archive.getinfo(rels)
    except KeyError:
        return []
    if info.file_size > _MAX_RELS:
        return []
    with archive.open(info) as stream:
        data = stream.read(_MAX_RELS)
    return [t.decode("utf-8", "replace") for t in _TARGET.findall(data)]


def external_link_findings(source: str | os.PathLike[str] | IO[bytes]) -> tuple[Finding, ...]:
    """One ``XLSX.EXTERNAL_LINK`` finding per link to another workbook kept in *source* (an XLSX archive that
    already passed :func:`.limits.check_archive`)."""
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, ValueError):
        return ()
    findings = []
    with archive:
        for part in sorted(n for n in archive.namelist() if _PART.match(n)):
            try:
                targets = _targets(archive, part)
            except (zipfile.BadZipFile, OSError, ValueError, EOFError):
                targets = []
            shown = "、".join(targets) or "（未注明文件）"
            findings.append(
                Finding(
                    code="XLSX.EXTERNAL_LINK",
                    severity=Severity.WARNING,
                    message=f"工作簿链接到其他工作簿 {shown}（{part}）；引用它的公式读取的是上次保存的结果",
                    message_en=(
                        f"the workbook links to another workbook, {', '.join(targets) or 'target not named'} "
                        f"({part}); formulas referring to it show their last saved results"
                    ),
                    evidence=part,
                    source=SourceLocation(path=_name(source)),
                )
            )
    return tuple(findings)


def _name(source: str | os.PathLike[str] | IO[bytes]) -> str | None:
    return os.fspath(source) if isinstance(source, (str, os.PathLike)) else getattr(source, "name", None)
