"""The registry of input readers and format adapters: built-ins by decorator, third parties by entry point.

Built-in readers mark themselves with :func:`register_reader` (the built-in format adapters are the national formats,
one per registered :class:`~gov_disclosure.model.FormatSpec`); third-party packages
declare entry points in the groups ``gov_disclosure.readers`` and ``gov_disclosure.formats``::

    [project.entry-points."gov_disclosure.formats"]
    hubei-2020 = "my_package.adapter:HubeiAdapter"

An entry point may name a class (instantiated without arguments) or an instance. :func:`default_registry` takes
an immutable snapshot once; :meth:`Registry.with_reader` / :meth:`Registry.with_format` return new registries
(nothing is ever appended to a module-level list). A third-party adapter with a built-in's name replaces it.

:func:`run_reader` and :func:`run_adapter` call an adapter and never trust it: an adapter that raises something
other than a :class:`~gov_disclosure.errors.GovDisclosureError`, or returns something that is not a
``Document`` / a valid ``(Report, findings)`` pair, gives an :class:`AdapterError`, not a traceback; findings
that are not :class:`~gov_disclosure.findings.Finding` values are dropped and reported.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable, Iterable
from importlib.metadata import entry_points
from pathlib import PurePath
from typing import Any, TypeVar

import attrs
from attrs import frozen

from gov_disclosure.errors import GovDisclosureError, MissingDependencyError
from gov_disclosure.findings import Finding, Outcome, Severity
from gov_disclosure.formats._protocol import AdapterOutput, FormatAdapter, InputReader, ReaderOutput
from gov_disclosure.model.formats import FormatSpec, format_specs
from gov_disclosure.model.report import Report
from gov_disclosure.model.tables import TABLE_CLASSES
from gov_disclosure.parsing.document import Document

__all__ = [
    "BUILTIN_MODULES",
    "FORMAT_GROUP",
    "READER_GROUP",
    "AdapterError",
    "Registry",
    "default_registry",
    "discover",
    "refresh_default_registry",
    "register_reader",
    "run_adapter",
    "run_reader",
]

READER_GROUP = "gov_disclosure.readers"
"""Entry-point group of third-party input readers."""
FORMAT_GROUP = "gov_disclosure.formats"
"""Entry-point group of third-party format adapters."""
BUILTIN_MODULES = ("gov_disclosure.formats.builtin_readers",)
"""Modules whose marked objects are the built-in readers (imported when the snapshot is taken). The built-in
format adapters are the national formats: one :class:`~gov_disclosure.formats.national.NationalFormat` per
registered :class:`~gov_disclosure.model.formats.FormatSpec`."""

_READER_MARK = "__gov_disclosure_reader__"
T = TypeVar("T")


class AdapterError(GovDisclosureError, RuntimeError):
    """An adapter failed (raised an unexpected exception) or returned something that is not what its protocol says.

    ``adapter`` names it.
    """

    def __init__(self, adapter: str, message: str) -> None:
        super().__init__(f"adapter {adapter!r}: {message}")
        self.adapter = adapter


def register_reader(obj: T) -> T:
    """Mark a reader class as built-in; :func:`discover` collects it from :data:`BUILTIN_MODULES`.

    The class is instantiated without arguments; the mark is not inherited by subclasses.
    """
    setattr(obj, _READER_MARK, True)
    return obj


def _instance(obj: Any) -> Any:
    return obj() if isinstance(obj, type) else obj


@frozen
class Registry:
    """An immutable snapshot of readers and format adapters, looked up by name or chosen by sniffing."""

    readers: tuple[InputReader, ...] = ()
    formats: tuple[FormatAdapter, ...] = ()
    problems: tuple[str, ...] = ()
    """Entry points that could not be loaded or do not meet the protocol (they are skipped, not fatal)."""

    def reader(self, name: str) -> InputReader:
        """The reader called *name* (KeyError if none)."""
        for reader in self.readers:
            if reader.name == name:
                return reader
        raise KeyError(name)

    def format(self, name: str) -> FormatAdapter:
        """The format adapter called *name* (KeyError if none)."""
        for adapter in self.formats:
            if adapter.name == name:
                return adapter
        raise KeyError(name)

    def with_reader(self, reader: InputReader) -> Registry:
        """A registry with *reader* added (replacing one of the same name)."""
        return attrs.evolve(self, readers=_replace(self.readers, reader))

    def with_format(self, adapter: FormatAdapter) -> Registry:
        """A registry with *adapter* added (replacing one of the same name)."""
        return attrs.evolve(self, formats=_replace(self.formats, adapter))

    def reader_for(self, data: bytes, name: str | None = None) -> InputReader | None:
        """The reader most confident about *data*; a matching file extension adds 0.3 to a reader's own score."""
        suffix = PurePath(name).suffix.lower() if name else ""
        best: tuple[float, InputReader] | None = None
        for reader in self.readers:
            try:
                score = float(reader.sniff(data, name))
            except Exception:  # a broken third-party sniffer must not stop the others
                continue
            if suffix and suffix in reader.extensions:
                score += 0.3
            if score > 0 and (best is None or score > best[0]):
                best = (score, reader)
        return None if best is None else best[1]

    def format_for(self, document: Document) -> FormatAdapter | None:
        """The format adapter most confident about *document* (None when none recognises it).

        An adapter that fails is passed over, unless what failed is a missing extra that the document needs
        (:class:`~gov_disclosure.errors.MissingDependencyError`: its text is in traditional characters): then no
        adapter can read it, and the error says what to install."""
        best: tuple[float, FormatAdapter] | None = None
        for adapter in self.formats:
            try:
                score = float(adapter.recognise(document))
            except MissingDependencyError:
                raise
            except Exception:
                continue
            if score > 0 and (best is None or score > best[0]):
                best = (score, adapter)
        return None if best is None else best[1]


def _replace(items: tuple[Any, ...], item: Any) -> tuple[Any, ...]:
    return (*(i for i in items if i.name != item.name), item)


def _marked(modules: Iterable[str], mark: str) -> list[Any]:
    found = []
    for module_name in modules:
        module = importlib.import_module(module_name)
        for value in vars(module).values():
            marked = vars(value).get(mark) if isinstance(value, type) else getattr(value, mark, False)
            if marked is True and getattr(value, "__module__", None) == module_name:
                found.append(_instance(value))
    return found


def _from_entry_points(group: str, check: type, problems: list[str]) -> list[Any]:
    found = []
    for point in entry_points(group=group):
        try:
            obj = _instance(point.load())
        except Exception as error:
            problems.append(f"{group}:{point.name}: cannot be loaded ({type(error).__name__}: {error})")
            continue
        if not isinstance(obj, check):
            problems.append(f"{group}:{point.name}: does not meet the {check.__name__} protocol")
            continue
        found.append(obj)
    return found


def discover(*, entry_point_groups: bool = True) -> Registry:
    """A fresh snapshot: the built-ins, then (replacing built-ins of the same name) the entry points."""
    from gov_disclosure.formats.national import NationalFormat  # it reads tables; the registry itself does not

    problems: list[str] = []
    registry = Registry()
    for reader in _marked(BUILTIN_MODULES, _READER_MARK):
        registry = registry.with_reader(reader)
    for spec in format_specs():
        registry = registry.with_format(NationalFormat(spec))
    if entry_point_groups:
        for reader in _from_entry_points(READER_GROUP, InputReader, problems):
            registry = registry.with_reader(reader)
        for adapter in _from_entry_points(FORMAT_GROUP, FormatAdapter, problems):
            registry = registry.with_format(adapter)
    return attrs.evolve(registry, problems=tuple(problems))


def default_registry() -> Registry:
    """The registry :func:`gov_disclosure.load` uses: taken once per process and per set of registered format
    versions (call :func:`discover` for a fresh one)."""
    return _snapshot(format_specs())


@functools.lru_cache(maxsize=4)
def _snapshot(specs: tuple[FormatSpec, ...]) -> Registry:
    return discover()


def refresh_default_registry() -> None:
    """Forget the snapshot :func:`default_registry` took: the next call discovers the readers and adapters anew
    (e.g. after installing a package that declares entry points)."""
    _snapshot.cache_clear()


def _call(name: str, what: str, function: Callable[[], T]) -> T:
    try:
        return function()
    except GovDisclosureError:
        raise
    except Exception as error:
        raise AdapterError(name, f"{what} failed: {type(error).__name__}: {error}") from error


def run_reader(reader: InputReader, data: bytes, *, path: str | None = None) -> ReaderOutput:
    """Call *reader* and check what it returned: a :class:`Document`, or finished reports with their findings
    (each report checked as :func:`run_adapter` checks one)."""
    name = str(getattr(reader, "name", reader))
    output = _call(name, "read()", lambda: reader.read(data, path=path))
    untrusted: object = output
    if isinstance(untrusted, Document):
        if not isinstance(untrusted.text, str):
            raise AdapterError(name, "read() returned a Document whose text is not a str")
        return untrusted
    if isinstance(untrusted, tuple) and untrusted:
        return tuple(_checked_output(name, "read()", item) for item in untrusted)
    raise AdapterError(name, f"read() returned {type(output).__name__}, not a Document or reports")


def _check_report(name: str, report: object) -> Report:
    if not isinstance(report, Report):
        raise AdapterError(name, f"build() returned {type(report).__name__}, not a Report")
    for key, cls in TABLE_CLASSES.items():
        table = getattr(report, key)
        if table is not None and not isinstance(table, cls):
            raise AdapterError(name, f"report.{key} is a {type(table).__name__}, not a {cls.__name__}")
    try:
        checked = attrs.evolve(report)  # re-runs the model's validators and invariants
        for _spec, table in checked.tables():
            attrs.validate(table)  # type: ignore[arg-type]  # its rows are of its row types (theirs hold Cells)
    except AdapterError:
        raise
    except Exception as error:
        raise AdapterError(name, f"build() returned an invalid report: {type(error).__name__}: {error}") from error
    return checked


def run_adapter(adapter: FormatAdapter, document: Document) -> AdapterOutput:
    """Call *adapter*; check the report (types, model invariants) and keep only real findings."""
    name = str(getattr(adapter, "name", adapter))
    return _checked_output(name, "build()", _call(name, "build()", lambda: adapter.build(document)))


def _checked_output(name: str, what: str, output: object) -> AdapterOutput:
    """*output* checked to be a ``(Report, findings)`` pair: a valid report, and only real findings."""
    if not isinstance(output, tuple) or len(output) != 2:
        raise AdapterError(name, f"{what} must return (Report, findings) pairs")
    report = _check_report(name, output[0])
    raw_findings: object = output[1]
    items: tuple[object, ...] = tuple(raw_findings) if isinstance(raw_findings, (tuple, list)) else ()
    findings = tuple(f for f in items if isinstance(f, Finding))
    if len(findings) != len(items) or not isinstance(raw_findings, (tuple, list)):
        findings += (
            Finding(
                code="ADAPTER.BAD_FINDINGS",
                severity=Severity.WARNING,
                message=f"格式适配器{name}返回了无效的检查结果，已忽略",
                message_en=f"adapter {name!r} returned findings that are not Finding values; they were dropped",
                outcome=Outcome.NOTE,
            ),
        )
    return report, findings
