"""Report documents: ``to_dict``/``from_dict`` and ``dumps``/``loads``, with ``schema_version`` and findings.

Schema version policy: ``MAJOR.MINOR``. A minor bump only adds optional keys or lets a document leave out what
it says elsewhere; a major bump changes the meaning of existing ones. A reader accepts documents of its own major
version whose minor version is not newer than its own, reads each as its version was written, and refuses
everything else with :class:`JSONFormatError` (path ``$.schema_version``).

* ``1.0``: every source location in full.
* ``1.1``: a source location leaves out a path equal to the document's ``source.path``
  (:mod:`~gov_disclosure.serializers.json.provenance`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from functools import cache
from typing import Any, NoReturn

import cattrs
from cattrs.errors import BaseValidationError

from gov_disclosure.errors import LimitExceededError
from gov_disclosure.findings import Finding
from gov_disclosure.limits import Limits
from gov_disclosure.model.formats import format_specs
from gov_disclosure.model.report import Report
from gov_disclosure.serializers.json.converter import make_json_converter
from gov_disclosure.serializers.json.depth import depth_exceeds
from gov_disclosure.serializers.json.errors import JSONFormatError
from gov_disclosure.serializers.json.paths import format_path, problems
from gov_disclosure.serializers.json.pretty import pretty_json
from gov_disclosure.serializers.json.provenance import document_path
from gov_disclosure.serializers.json.value_types import value_type_problems

__all__ = [
    "READABLE_SCHEMA_VERSIONS",
    "SCHEMA_VERSION",
    "dumps",
    "findings_to_list",
    "from_dict",
    "from_dict_with_findings",
    "loads",
    "loads_with_findings",
    "to_dict",
]

SCHEMA_VERSION = "1.1"
"""The ``schema_version`` this library writes (and the newest it reads)."""
READABLE_SCHEMA_VERSIONS = ("1.0", "1.1")
"""Every ``schema_version`` this library reads."""
_PATH_ONCE = (1, 1)
"""The first version whose source locations leave out the document's path."""
_VERSION = re.compile(r"^([0-9]+)\.([0-9]+)$")
_STRUCTURING_ERRORS = (BaseValidationError, ValueError, TypeError, KeyError)
"""What structuring raises for bad data: cattrs error trees, our PathError/ModelError, attrs validators."""


@cache
def _converter() -> cattrs.Converter:
    return make_json_converter()


def to_dict(report: Report, *, findings: Iterable[Finding] = ()) -> dict[str, Any]:
    """The document for *report* (and *findings*, if any) as JSON-ready Python values.

    >>> from gov_disclosure.model import Table4
    >>> r = Report(format_version="2021", agency="某局", report_year=2022,
    ...            table4=Table4.from_rows({"review": [1, 0, 0, 1, 2]}))
    >>> to_dict(r)  # doctest: +NORMALIZE_WHITESPACE
    {'schema_version': '1.1', 'format_version': '2021', 'agency': '某局', 'report_year': 2022, 'sections': {},
     'table4': {'review': {'upheld': 1, 'corrected': 0, 'other': 0, 'pending': 1, 'total': 2}}}
    """
    with document_path(None if report.source is None else report.source.path):
        document: dict[str, Any] = {"schema_version": SCHEMA_VERSION, **_converter().unstructure(report, Report)}
        found = findings_to_list(findings)
    if found:
        document["findings"] = found
    return document


def findings_to_list(findings: Iterable[Finding]) -> list[dict[str, Any]]:
    """*findings* as JSON-ready objects, the same as the ``findings`` of a document.

    >>> from gov_disclosure.findings import Severity
    >>> findings_to_list([Finding(code="X", severity=Severity.INFO, message="提示", message_en="note")])
    [{'code': 'X', 'severity': 'INFO', 'message': '提示', 'message_en': 'note', 'outcome': 'failed'}]
    """
    conv = _converter()
    return [conv.unstructure(f, Finding) for f in findings]


def from_dict_with_findings(data: object) -> tuple[Report, tuple[Finding, ...]]:
    """The report and findings of a document given as Python values (as :func:`json.loads` returns them).

    Raises :class:`JSONFormatError` naming the path of the first problem.
    """
    if not isinstance(data, Mapping):
        _fail(((), f"a report document is a JSON object, got {type(data).__name__}"))
    version = _check_schema_version(data)
    body = {k: v for k, v in data.items() if k not in ("schema_version", "findings")}
    if "format_version" not in body:
        names = " or ".join(f'"{spec.name}"' for spec in format_specs())
        _fail((("format_version",), f"required key missing; say {names}"))
    with document_path(_document_path(body) if version >= _PATH_ONCE else None):
        return _structure(data, body)


def _document_path(body: Mapping[str, Any]) -> str | None:
    source = body.get("source")
    path = source.get("path") if isinstance(source, Mapping) else None
    return path if isinstance(path, str) else None


def _structure(data: Mapping[str, Any], body: dict[str, Any]) -> tuple[Report, tuple[Finding, ...]]:
    conv = _converter()
    try:
        report = conv.structure(body, Report)
    except _STRUCTURING_ERRORS as exc:
        _raise_from(exc)
    wrong_types = tuple(value_type_problems(body, report))
    if wrong_types:
        _fail(*wrong_types)
    raw_findings = data.get("findings", [])
    if not isinstance(raw_findings, list):
        _fail((("findings",), f"expected an array of findings, got {type(raw_findings).__name__}"))
    try:
        findings = conv.structure(raw_findings, tuple[Finding, ...])
    except _STRUCTURING_ERRORS as exc:
        _raise_from(exc, ("findings",))
    return report, findings


def from_dict(data: object) -> Report:
    """The report of a document given as Python values (findings in it are checked, then dropped)."""
    return from_dict_with_findings(data)[0]


def dumps(report: Report, *, findings: Iterable[Finding] = (), indent: int | None = 2) -> str:
    """The JSON document for *report* (and *findings*): Chinese kept readable, money as exact strings.

    With *indent* (the default) the text is nested, except that an object or array that fits in 120 columns, or
    holds nothing but numbers and nulls (a row of plain cells), stays on one line; ``indent=None`` gives the
    most compact text.
    """
    document = to_dict(report, findings=findings)
    if indent is None:
        return json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    return pretty_json(document, indent=indent)


def loads_with_findings(text: str | bytes, *, limits: Limits | None = None) -> tuple[Report, tuple[Finding, ...]]:
    """The report and findings of a JSON document; JSON numbers with a fraction are read exactly as ``Decimal``.

    A document nested deeper than *limits* allow (:attr:`~gov_disclosure.limits.Limits.max_json_depth`) raises
    :class:`~gov_disclosure.errors.LimitExceededError`."""
    return from_dict_with_findings(_parse(text, limits or Limits()))


def loads(text: str | bytes, *, limits: Limits | None = None) -> Report:
    """The report of a JSON document (findings in it are checked, then dropped).

    >>> loads('{"schema_version": "1.1", "format_version": "2021", "table4": {"review": [1]}}')
    Traceback (most recent call last):
    ...
    gov_disclosure.serializers.json.errors.JSONFormatError: $.table4.review: expected an object, got an array
    """
    return from_dict(_parse(text, limits or Limits()))


# --- helpers ---------------------------------------------------------------------------------


def _no_constants(name: str) -> NoReturn:
    raise ValueError(f"{name} is not a number a report can hold")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """The object of *pairs*, built by ``dict`` (C speed); a key given twice raises, naming the first one."""
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise ValueError(f"duplicate key {key!r} in an object")
            seen.add(key)
    return out


def _parse(text: str | bytes, limits: Limits) -> Any:
    if isinstance(text, bytes):  # as json.loads decodes it (UTF-8, -16 or -32), to measure its depth
        try:
            text = text.decode(json.detect_encoding(text), "surrogatepass")
        except UnicodeDecodeError as exc:
            _fail(((), f"not valid JSON: {exc}"))
    if depth_exceeds(text, limits.max_json_depth):
        raise LimitExceededError(
            f"the JSON document nests arrays and objects more than {limits.max_json_depth} deep",
            limit="max_json_depth",
        )
    try:
        return json.loads(text, parse_float=Decimal, parse_constant=_no_constants, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as exc:
        _fail(((), f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"))
    except (ValueError, UnicodeDecodeError) as exc:
        _fail(((), f"not valid JSON: {exc}"))


def _check_schema_version(data: Mapping[str, Any]) -> tuple[int, int]:
    path = ("schema_version",)
    if "schema_version" not in data:
        _fail((path, f'required key missing; documents written by this library say "{SCHEMA_VERSION}"'))
    version = data["schema_version"]
    match = _VERSION.match(version) if isinstance(version, str) else None
    if match is None:
        _fail((path, f'expected a version string such as "{SCHEMA_VERSION}", got {version!r}'))
    major, minor = (int(part) for part in match.groups())
    own_major, own_minor = (int(part) for part in SCHEMA_VERSION.split("."))
    if major != own_major:
        _fail((path, f"unsupported schema_version {version}; this library reads {own_major}.x up to {SCHEMA_VERSION}"))
    if minor > own_minor:
        _fail((path, f"schema_version {version} is newer than this library ({SCHEMA_VERSION}); upgrade gov_disclosure"))
    return major, minor


def _fail(*found: tuple[tuple[str | int, ...], str]) -> NoReturn:
    listed = tuple((format_path(path), message) for path, message in found)
    raise JSONFormatError(listed[0][0], listed[0][1], problems=listed)


def _raise_from(exc: BaseException, prefix: tuple[str | int, ...] = ()) -> NoReturn:
    found = tuple(problems(exc, prefix)) or ((prefix, str(exc)),)
    _fail(*found)
