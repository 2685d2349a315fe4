"""Every finding code the library can emit is in the catalogue (docs/rules.md) with the severity it is used with.

The sources are scanned for code literals (``"READ.ROW_MISSING"``, ``"CULPRIT"`` …: an upper-case word, a dot, an
upper-case word, as codes are written); each must be a code of :func:`gov_disclosure.codes.finding_codes`. Where
the call that receives the literal (``Finding(code=..., severity=Severity.X)``, a rule decorator, a helper taking
code and severity) also names a severity, the catalogue must list the code with that severity. A new code without a
catalogue entry makes this test fail.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

from gov_disclosure.codes import DECLARED_CODES, finding_codes
from gov_disclosure.validation import catalogue_markdown

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "gov_disclosure"
CODE = re.compile(r"[A-Z][A-Z0-9]*(?:\.[A-Z][A-Z0-9_]*)+|CULPRIT")
TEMPLATE = PACKAGE / "formats" / "_template"
"""The copy-me adapter for third parties: its example code (``MYVARIANT.*``) is theirs to declare."""


def _used(root: Path = PACKAGE) -> Iterator[tuple[str, str | None, str]]:
    """(code, severity name or None, where) for every code literal in the modules under *root*."""
    for path in sorted(root.rglob("*.py")):
        if TEMPLATE in path.parents:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Constant) and isinstance(node.value, str) and CODE.fullmatch(node.value)):
                continue
            call = parents.get(node)
            while call is not None and not isinstance(call, ast.Call):
                call = parents.get(call)
            arguments = [*call.args, *(k.value for k in call.keywords)] if call is not None else []
            severities: list[str | None] = [
                a.attr
                for a in arguments
                if isinstance(a, ast.Attribute) and isinstance(a.value, ast.Name) and a.value.id == "Severity"
            ]
            where = f"{path.relative_to(root)}:{node.lineno}"
            for severity in severities or [None]:
                yield node.value, severity, where


def test_every_code_in_the_sources_is_catalogued_with_its_severity() -> None:
    catalogue = {(c.code, c.severity.name) for c in finding_codes()}
    codes = {code for code, _ in catalogue}
    used = list(_used())
    assert len({code for code, _, _ in used}) > 40  # the scan found the codes (not an empty pass)
    missing = sorted(f"{where}: {code}" for code, _, where in used if code not in codes)
    assert not missing, "codes without a catalogue entry (declare them in gov_disclosure/codes.py):\n" + "\n".join(
        missing
    )
    wrong = sorted(
        f"{where}: {code} as {severity}"
        for code, severity, where in used
        if severity is not None and (code, severity) not in catalogue
    )
    assert not wrong, "codes used with a severity the catalogue does not list:\n" + "\n".join(wrong)


def test_every_declared_code_is_used() -> None:
    """No stale entry: each code declared in gov_disclosure/codes.py is a rule's or appears in the sources."""
    used = {code for code, _, where in _used() if not where.startswith("codes.py")}
    rules = {c.code for c in finding_codes() if c not in DECLARED_CODES}
    stale = sorted({c.code for c in DECLARED_CODES} - used - rules)
    assert not stale, f"declared but never emitted: {stale}"


def test_the_scan_sees_codes_as_the_sources_build_findings(tmp_path: Path) -> None:
    """A finding built with keywords, a helper taking code and severity, and a docstring mentioning a code."""
    (tmp_path / "module.py").write_text(
        '"""Reports READ.NEW_THING when …"""\n'
        'a = Finding(code="READ.NEW_THING", severity=Severity.ERROR, message="", message_en="")\n'
        'b = _finding("X.OTHER", Severity.INFO, "…", "…")\n',
        encoding="utf-8",
    )
    assert sorted(_used(tmp_path)) == [("READ.NEW_THING", "ERROR", "module.py:2"), ("X.OTHER", "INFO", "module.py:3")]
    assert "READ.NEW_THING" not in {c.code for c in finding_codes()}


def test_every_code_is_on_the_catalogue_page() -> None:
    page = catalogue_markdown()
    for entry in finding_codes():
        assert f"`{entry.code}`" in page
        assert entry.severity.name in page
